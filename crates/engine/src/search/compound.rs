//! First parts of compounds that the index did not split: the index splits the compounds its
//! lexicon can read ([`crate::index`]'s parts field), but a compound whose first part the
//! lexicon does not know ("nedrustning" in "nedrustningsforhandlingene") is still found
//! through that part, as a lesser match, when the query as typed finds little.
//!
//! The compounds are the terms of the index (Norwegian analyzer) that start with the word's
//! term, a run of the sorted term dictionary, where the rest (less a linking -s- or -e-) is a term of its own, no stop word,
//! and the split is likelier than the whole (Koehn & Knight 2003): the geometric mean of the
//! articles of the two parts is more than the articles of the compound. So "forestilling" is
//! no compound of "stilling" (the archive has it far more often than "fore" and "stilling"
//! together would make likely), nor "underholdning" of "holdning" ("under" is a stop word).
//! A head the lexicon does not know would need a search by the end of every term, which the
//! term dictionary does not offer.

use std::collections::{HashMap, HashSet};

use tantivy::Searcher;
use tantivy::schema::Field;

use crate::error::{Context, Result};
use crate::index::analyzer;

/// The shortest term that is looked for inside compounds, and the shortest other part.
const MIN_PART: usize = 4;

/// The letters that may join the parts of a compound ("nedrustning-s-forhandlinger").
const LINKERS: [&str; 2] = ["s", "e"];

/// The most compounds a word is searched through, the commonest first.
const MAX_COMPOUNDS: usize = 64;

/// The compounds of the archive that hold `term` (an analyzed word of `field`) as a part.
pub(super) fn compounds(searcher: &Searcher, field: Field, term: &str) -> Result<Vec<String>> {
    if term.chars().count() < MIN_PART {
        return Ok(Vec::new());
    }
    let mut candidates: HashSet<String> = HashSet::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        // The terms are sorted: those that start with the term follow it, one run.
        let mut stream =
            index.terms().range().ge(term.as_bytes()).into_stream().context("cannot read the terms of the index")?;
        while stream.advance() && stream.key().starts_with(term.as_bytes()) {
            if let Ok(word) = std::str::from_utf8(stream.key())
                && word.len() > term.len() + MIN_PART
            {
                candidates.insert(word.to_owned());
            }
        }
    }
    // A stop word is a word the analyzer leaves out.
    let mut tokenizer = searcher.index().tokenizer_for_field(field)?;
    let mut is_stop_word = |word: &str| analyzer::terms(&mut tokenizer, word).is_empty();
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut articles = |word: &str| -> Result<u64> {
        if let Some(&count) = counts.get(word) {
            return Ok(count);
        }
        let count = searcher.doc_freq(&tantivy::Term::from_field_text(field, word))?;
        counts.insert(word.to_owned(), count);
        Ok(count)
    };
    let part = articles(term)?;
    let mut found = Vec::new();
    for compound in candidates {
        let rest = compound.strip_prefix(term).unwrap_or_default();
        let others = std::iter::once(rest).chain(LINKERS.iter().filter_map(|linker| rest.strip_prefix(linker)));
        let mut best = 0;
        for other in others.filter(|other| other.chars().count() >= MIN_PART) {
            if is_stop_word(other) {
                continue;
            }
            best = best.max(articles(other)?);
        }
        let whole = articles(&compound)?;
        if best > 0 && ((best * part) as f64).sqrt() > whole as f64 {
            found.push((whole, compound));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(found.into_iter().take(MAX_COMPOUNDS).map(|(_, compound)| compound).collect())
}
