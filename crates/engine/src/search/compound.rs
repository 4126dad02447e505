//! Compounds that the index did not split: the index splits the compounds its lexicon can read
//! ([`crate::index`]'s parts field), but a compound of a part the lexicon does not know is still
//! found through that part, as a lesser match, when the query as typed finds little.
//!
//! - As its first part ("nedrustning" in "nedrustningsforhandlingene"): the terms of the index
//!   (Norwegian analyzer) that start with the word's term, a run of the sorted term
//!   dictionary, where the rest (less a linking -s- or -e-) is a term of its own, no stop word,
//!   and the split is likelier than the whole (Koehn & Knight 2003): the geometric mean of the
//!   articles of the two parts is more than the articles of the compound. So "forestilling" is
//!   no compound of "stilling" (the archive has it far more often than "fore" and "stilling"
//!   together would make likely), nor "underholdning" of "holdning" ("under" is a stop word).
//! - As its head, when the lexicon does not know the word as one ("nedrustning" in
//!   "atomnedrustning", a head NoReC never writes alone): the terms that end with the word's
//!   term, found in the index's terms sorted by their reversed bytes ([`Endings`], made once
//!   per state of the index, as Lucene's reverse filter makes leading wildcards cheap), where
//!   what comes before (less a linking -s- or -e-) is a modifier of the lexicon. The word the
//!   user typed vouches for the head; the lexicon's modifiers keep out the prefixes and
//!   particles of derivations ("fore", "under", "for"), so "stilling" still does not find
//!   "forestilling".

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::Searcher;
use tantivy::schema::Field;

use super::dictionary::{Dictionary, DictionaryCache};
use crate::error::{Context, Result};
use crate::index::{analyzer, parts};

/// The shortest term that is looked for inside compounds, and the shortest other part.
const MIN_PART: usize = 4;

/// The shortest word looked for as the head of compounds: shorter ones end too many words by
/// chance.
const MIN_HEAD: usize = 6;

/// The letters that may join the parts of a compound ("nedrustning-s-forhandlinger").
const LINKERS: [&str; 2] = ["s", "e"];

/// The most compounds a word is searched through, the commonest first.
const MAX_COMPOUNDS: usize = 64;

/// The compounds of the archive that hold `term` (an analyzed word of `fields`, the title, lead
/// and body of one analyzer) as their first part, or, when the lexicon does not know `word`
/// (the word as typed, lowercased and folded) as a head, as their head.
pub(super) fn compounds(
    searcher: &Searcher,
    caches: (&EndingCache, &DictionaryCache),
    fields: &[Field],
    term: &str,
    word: &str,
) -> Result<Vec<String>> {
    if term.chars().count() < MIN_PART {
        return Ok(Vec::new());
    }
    let (endings, dictionaries) = caches;
    let dictionaries =
        fields.iter().map(|&field| dictionaries.get(searcher, field)).collect::<Result<Vec<Arc<Dictionary>>>>()?;
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut articles = |word: &str| -> Result<u64> {
        if let Some(&count) = counts.get(word) {
            return Ok(count);
        }
        let mut most = 0;
        for dictionary in &dictionaries {
            most = most.max(dictionary.articles(word)?);
        }
        counts.insert(word.to_owned(), most);
        Ok(most)
    };
    // A stop word is a word the analyzer leaves out.
    let Some(&first) = fields.first() else {
        return Ok(Vec::new());
    };
    let mut tokenizer = searcher.index().tokenizer_for_field(first)?;
    let mut is_stop_word = |word: &str| analyzer::terms(&mut tokenizer, word).is_empty();
    let mut found = Vec::new();
    let mut starting: BTreeSet<String> = BTreeSet::new();
    for dictionary in &dictionaries {
        starting.extend(dictionary.starting_with(term, MIN_PART)?);
    }
    for compound in starting {
        if first_part_of(&compound, term, &mut is_stop_word, &mut articles)? {
            found.push((articles(&compound)?, compound));
        }
    }
    if term.chars().count() >= MIN_HEAD && !parts::is_head(word) {
        for compound in endings.get(searcher, fields)?.ending_with(term) {
            if follows_modifier(&compound, term) {
                found.push((articles(&compound)?, compound));
            }
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.dedup_by(|a, b| a.1 == b.1);
    Ok(found.into_iter().take(MAX_COMPOUNDS).map(|(_, compound)| compound).collect())
}

/// Whether `compound` (a term of `field` that starts with `term`) is `term` and another term,
/// perhaps after a linking letter, that is no stop word, and likelier split than whole.
fn first_part_of(
    compound: &str,
    term: &str,
    is_stop_word: &mut impl FnMut(&str) -> bool,
    articles: &mut impl FnMut(&str) -> Result<u64>,
) -> Result<bool> {
    let rest = compound.strip_prefix(term).unwrap_or_default();
    let others = std::iter::once(rest).chain(LINKERS.iter().filter_map(|linker| rest.strip_prefix(linker)));
    let mut best = 0;
    for other in others.filter(|other| other.chars().count() >= MIN_PART) {
        if is_stop_word(other) {
            continue;
        }
        best = best.max(articles(other)?);
    }
    // A word the archive never writes on its own ("nedrustning") counts as written once: the
    // user wrote it.
    let part = articles(term)?.max(1);
    Ok(best > 0 && ((best * part) as f64).sqrt() > articles(compound)? as f64)
}

/// Whether `compound` (a term ending with `head`) begins with a modifier of the lexicon,
/// perhaps followed by a linking letter, before `head`.
fn follows_modifier(compound: &str, head: &str) -> bool {
    let Some(before) = compound.strip_suffix(head) else {
        return false;
    };
    std::iter::once(before)
        .chain(LINKERS.iter().filter_map(|linker| before.strip_suffix(linker)))
        .any(|modifier| modifier.chars().count() >= MIN_PART && parts::is_modifier(modifier))
}

/// The terms of some fields, each with its bytes reversed, sorted: the terms that end with a
/// given term are one run of them.
#[derive(Debug, Default)]
pub(crate) struct Endings {
    /// The reversed terms, one after the other.
    bytes: Vec<u8>,
    /// Where each reversed term starts in `bytes` and ends, in the order of the reversed terms.
    spans: Vec<(u32, u32)>,
}

impl Endings {
    /// The reversed `terms`, of those at least two parts long.
    fn of<'a>(terms: impl IntoIterator<Item = &'a [u8]>) -> Endings {
        let mut bytes = Vec::new();
        let mut spans = Vec::new();
        for term in terms.into_iter().filter(|term| term.len() >= 2 * MIN_PART) {
            let start = bytes.len();
            bytes.extend(term.iter().rev());
            // An index too large for 32-bit offsets keeps the terms it had room for.
            let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(bytes.len())) else {
                bytes.truncate(start);
                break;
            };
            spans.push((start, end));
        }
        let reversed = |&(start, end): &(u32, u32)| &bytes[start as usize..end as usize];
        spans.sort_unstable_by(|a, b| reversed(a).cmp(reversed(b)));
        spans.dedup_by(|a, b| reversed(a) == reversed(b));
        Endings { bytes, spans }
    }

    fn reversed(&self, (start, end): (u32, u32)) -> &[u8] {
        &self.bytes[start as usize..end as usize]
    }

    /// The terms longer than `term` that end with it.
    fn ending_with(&self, term: &str) -> Vec<String> {
        let wanted: Vec<u8> = term.bytes().rev().collect();
        let first = self.spans.partition_point(|&span| self.reversed(span) < wanted.as_slice());
        self.spans[first..]
            .iter()
            .map(|&span| self.reversed(span))
            .take_while(|reversed| reversed.starts_with(&wanted))
            .filter(|reversed| reversed.len() > wanted.len())
            .filter_map(|reversed| String::from_utf8(reversed.iter().rev().copied().collect()).ok())
            .collect()
    }
}

/// The [`Endings`] of the field searched for heads, made on first use and kept while the index
/// is unchanged: reading every term of the field takes a good part of a second on a large
/// archive, which only the first search that needs them after a change pays.
#[derive(Default)]
pub(crate) struct EndingCache {
    loaded: Mutex<Option<Loaded>>,
}

/// The endings of some fields for one searcher generation.
struct Loaded {
    generation: u64,
    fields: Vec<Field>,
    endings: Arc<Endings>,
}

impl EndingCache {
    /// The endings of the terms of `fields` as `searcher` sees the index.
    fn get(&self, searcher: &Searcher, fields: &[Field]) -> Result<Arc<Endings>> {
        let generation = searcher.generation().generation_id();
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = loaded.as_ref()
            && kept.generation == generation
            && kept.fields == fields
        {
            return Ok(Arc::clone(&kept.endings));
        }
        let mut terms: Vec<Vec<u8>> = Vec::new();
        for segment in searcher.segment_readers() {
            for &field in fields {
                let index = segment.inverted_index(field)?;
                let mut stream = index.terms().stream().context("cannot read the terms of the index")?;
                while stream.advance() {
                    if stream.key().len() >= 2 * MIN_PART {
                        terms.push(stream.key().to_vec());
                    }
                }
            }
        }
        let endings = Arc::new(Endings::of(terms.iter().map(Vec::as_slice)));
        *loaded = Some(Loaded { generation, fields: fields.to_vec(), endings: Arc::clone(&endings) });
        Ok(endings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_are_found_by_the_reversed_terms() {
        let terms = ["atomnedrustn", "nedrustn", "nedrustningsforhandling", "forestill", "still", "kjærlighet"];
        let endings = Endings::of(terms.iter().map(|term| term.as_bytes()));
        assert_eq!(endings.ending_with("nedrustn"), ["atomnedrustn"], "longer terms only");
        assert_eq!(endings.ending_with("still"), ["forestill"]);
        assert_eq!(endings.ending_with("lighet"), ["kjærlighet"], "letters of more than one byte");
        assert!(endings.ending_with("krok").is_empty());
    }

    #[test]
    fn a_head_follows_a_modifier_of_the_lexicon() {
        assert!(follows_modifier("atomnedrustn", "nedrustn"));
        assert!(follows_modifier("kjærlighetsforhandling", "forhandling"), "linking -s-");
        // Prefixes and particles are no modifiers: derivations are no compounds.
        for (derived, word) in [("forestill", "still"), ("underholdn", "holdn"), ("fortal", "tal")] {
            assert!(!follows_modifier(derived, word), "{derived}");
        }
        assert!(!follows_modifier("nedrustn", "rustn"), "ned- is no modifier");
    }
}
