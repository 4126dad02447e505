//! The terms of a field over every segment of the index, with the number of articles that
//! have each: what correcting a word (the terms near it) and finding compounds (the terms that
//! start with a word) read.
//!
//! A search reads the dictionary of each segment in turn, and looks up each term it finds in
//! every segment for its article count. A process that searches a state of the index often
//! (a server, a benchmark) merges them instead into one dictionary with the counts in it, once
//! a field's segments have been read [`MERGE_AFTER`] times: a walk of the terms near a word
//! then costs one walk, not one per segment. Merging takes a part of a second on a large
//! archive, far more than one search saves, so a single search from the shell never merges,
//! and it is done on a thread of its own, the searches reading the segments meanwhile: no
//! search waits for it.
//! The merged dictionaries are kept for the newest [`KEPT_GENERATIONS`] states of the index, as
//! the names are ([`crate::names`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::schema::Field;
use tantivy::termdict::TermMerger;
use tantivy::{InvertedIndexReader, Searcher};
use tantivy_fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};

use crate::error::{Context, Result};

/// The terms of one field, with the articles (live or deleted, as tantivy counts them) that
/// have each: the same terms and counts in either form.
pub(crate) enum Dictionary {
    /// The dictionary of each segment, read in turn.
    Segments(Vec<Arc<InvertedIndexReader>>),
    /// The segments' dictionaries merged, with the article counts summed.
    Merged(Map<Vec<u8>>),
}

/// The action a failure to read the terms is reported with.
const READING: &str = "cannot read the terms of the index";

impl Dictionary {
    /// The dictionaries of `field` in every segment of `searcher`.
    fn segments(searcher: &Searcher, field: Field) -> Result<Dictionary> {
        Ok(Dictionary::Segments(indexes(searcher, field)?))
    }

    /// The dictionaries of `field` in every segment of `searcher`, merged.
    fn merged(searcher: &Searcher, field: Field) -> Result<Dictionary> {
        let indexes = indexes(searcher, field)?;
        let streams =
            indexes.iter().map(|index| index.terms().stream()).collect::<std::io::Result<Vec<_>>>().context(READING)?;
        let mut merged = TermMerger::new(streams);
        let mut terms = MapBuilder::memory();
        while merged.advance() {
            let articles: u64 =
                merged.current_segment_ords_and_term_infos().map(|(_, info)| u64::from(info.doc_freq)).sum();
            terms.insert(merged.key(), articles).context("cannot merge the terms of the index")?;
        }
        let bytes = terms.into_inner().context("cannot merge the terms of the index")?;
        Ok(Dictionary::Merged(Map::from_bytes(bytes).context("cannot merge the terms of the index")?))
    }

    /// Whether the field has no term at all.
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Dictionary::Segments(indexes) => indexes.iter().all(|index| index.terms().num_terms() == 0),
            Dictionary::Merged(terms) => terms.is_empty(),
        }
    }

    /// The articles that have `term` (0 for a term the field lacks): what
    /// `Searcher::doc_freq` gives.
    pub(super) fn articles(&self, term: &str) -> Result<u64> {
        match self {
            Dictionary::Segments(indexes) => {
                let mut articles = 0;
                for index in indexes {
                    articles += index.terms().get(term).context(READING)?.map_or(0, |info| u64::from(info.doc_freq));
                }
                Ok(articles)
            }
            Dictionary::Merged(terms) => Ok(terms.get(term).unwrap_or(0)),
        }
    }

    /// The terms that start with `prefix` and are longer than it by more than `more` bytes, in
    /// order: one run of the sorted terms.
    pub(super) fn starting_with(&self, prefix: &str, more: usize) -> Result<Vec<String>> {
        let wanted = |term: &[u8]| term.len() > prefix.len() + more;
        let mut out = BTreeSet::new();
        match self {
            Dictionary::Segments(indexes) => {
                for index in indexes {
                    let mut stream = index.terms().range().ge(prefix).into_stream().context(READING)?;
                    while stream.advance() && stream.key().starts_with(prefix.as_bytes()) {
                        if wanted(stream.key())
                            && let Ok(term) = std::str::from_utf8(stream.key())
                        {
                            out.insert(term.to_owned());
                        }
                    }
                }
            }
            Dictionary::Merged(terms) => {
                let mut stream = terms.range().ge(prefix).into_stream();
                while let Some((term, _)) = stream.next() {
                    if !term.starts_with(prefix.as_bytes()) {
                        break;
                    }
                    if wanted(term)
                        && let Ok(term) = std::str::from_utf8(term)
                    {
                        out.insert(term.to_owned());
                    }
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Each term `automaton` accepts, in order, with its articles; terms that are no UTF-8
    /// are passed over.
    pub(super) fn matching<A: Automaton + Clone>(&self, automaton: A) -> Result<Vec<(String, u64)>>
    where
        A::State: Clone,
    {
        let mut out: BTreeMap<String, u64> = BTreeMap::new();
        match self {
            Dictionary::Segments(indexes) => {
                for index in indexes {
                    let mut stream = index.terms().search(automaton.clone()).into_stream().context(READING)?;
                    while stream.advance() {
                        if let Ok(term) = std::str::from_utf8(stream.key()) {
                            *out.entry(term.to_owned()).or_default() += u64::from(stream.value().doc_freq);
                        }
                    }
                }
            }
            Dictionary::Merged(terms) => {
                let mut stream = terms.search(automaton).into_stream();
                while let Some((term, articles)) = stream.next() {
                    if let Ok(term) = std::str::from_utf8(term) {
                        out.insert(term.to_owned(), articles);
                    }
                }
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// The inverted index of `field` in each segment of `searcher`.
fn indexes(searcher: &Searcher, field: Field) -> Result<Vec<Arc<InvertedIndexReader>>> {
    Ok(searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.inverted_index(field))
        .collect::<tantivy::Result<_>>()?)
}

/// How many times a state's search reads a field's dictionaries segment by segment before they
/// are merged: merging costs about what a hundred corrections save, and a server that corrects
/// this many words of one state is likely to correct many more.
const MERGE_AFTER: usize = 32;

/// The states of the index whose dictionaries are kept: the newest, and the one before for the
/// searches still running on it while a server takes in a commit.
const KEPT_GENERATIONS: usize = 2;

/// The dictionaries merged so far, and how often each field's were read unmerged, by searcher
/// generation and field.
#[derive(Default)]
pub(crate) struct DictionaryCache {
    loaded: Arc<Mutex<Kept>>,
}

#[derive(Default)]
struct Kept {
    merged: HashMap<(u64, Field), Arc<Dictionary>>,
    reads: HashMap<(u64, Field), usize>,
}

impl DictionaryCache {
    /// The dictionary of `field` as `searcher` sees the index: merged once it has been asked
    /// for [`MERGE_AFTER`] times and the merge, begun then on a thread of its own, is done;
    /// the segments' own until then.
    pub(super) fn get(&self, searcher: &Searcher, field: Field) -> Result<Arc<Dictionary>> {
        let generation = searcher.generation().generation_id();
        let key = (generation, field);
        {
            let mut kept = lock(&self.loaded);
            if let Some(merged) = kept.merged.get(&key) {
                return Ok(Arc::clone(merged));
            }
            if !kept.reads.contains_key(&key) {
                kept.forget_before(generation);
            }
            let reads = kept.reads.entry(key).or_default();
            *reads += 1;
            if *reads == MERGE_AFTER + 1 {
                let (searcher, loaded) = (searcher.clone(), Arc::clone(&self.loaded));
                // A merge that cannot start or fails leaves the segments' dictionaries to the
                // searches, as for a state read too seldom.
                let _ = std::thread::Builder::new().name("arkiv-terms".into()).spawn(move || {
                    if let Ok(merged) = Dictionary::merged(&searcher, field) {
                        let mut kept = lock(&loaded);
                        // Not for a state forgotten meanwhile.
                        if kept.reads.contains_key(&key) {
                            kept.merged.insert(key, Arc::new(merged));
                        }
                    }
                });
            }
        }
        Dictionary::segments(searcher, field).map(Arc::new)
    }
}

/// The kept dictionaries, also when a thread panicked holding them: they are only ever replaced
/// whole.
fn lock(kept: &Mutex<Kept>) -> std::sync::MutexGuard<'_, Kept> {
    kept.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Kept {
    /// Forgets the states older than the newest [`KEPT_GENERATIONS`], `generation` among them.
    fn forget_before(&mut self, generation: u64) {
        let mut generations: Vec<u64> = self.reads.keys().map(|&(of, _)| of).chain([generation]).collect();
        generations.sort_unstable_by(|a, b| b.cmp(a));
        generations.dedup();
        let old: Vec<u64> = generations.into_iter().skip(KEPT_GENERATIONS).collect();
        self.merged.retain(|(of, _), _| !old.contains(of));
        self.reads.retain(|(of, _), _| !old.contains(of));
    }
}

#[cfg(test)]
mod tests {
    use levenshtein_automata::LevenshteinAutomatonBuilder;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, IndexWriter, doc};

    use super::super::correct::Automata as Near;
    use super::*;

    /// A searcher of an index in memory with one text field, a segment for each of `commits`
    /// (the texts of its articles).
    fn searcher_of(commits: &[&[&str]]) -> (Searcher, Field) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for texts in commits {
            for text in *texts {
                writer.add_document(doc!(body => *text)).expect("add");
            }
            writer.commit().expect("commit");
        }
        (index.reader().expect("reader").searcher(), body)
    }

    /// The segments' dictionaries read in turn and merged give the same terms and counts.
    #[test]
    fn merged_and_unmerged_dictionaries_answer_alike() {
        // Three segments, with terms in one, two or all of them.
        let (searcher, body) =
            searcher_of(&[&["film filmen filmer", "kino"], &["film filmene", "filmatisk kinoen"], &["fil film"]]);
        assert_eq!(searcher.segment_readers().len(), 3);
        let segments = Dictionary::segments(&searcher, body).expect("segments");
        let merged = Dictionary::merged(&searcher, body).expect("merged");
        assert!(matches!(merged, Dictionary::Merged(_)) && !merged.is_empty() && !segments.is_empty());
        for term in ["film", "filmen", "kino", "fil", "nothing"] {
            let articles = searcher.doc_freq(&tantivy::Term::from_field_text(body, term)).expect("doc freq");
            assert_eq!(segments.articles(term).expect("articles"), articles, "{term}");
            assert_eq!(merged.articles(term).expect("articles"), articles, "{term}");
        }
        assert_eq!(segments.starting_with("film", 1).expect("terms"), ["filmatisk", "filmen", "filmene", "filmer"]);
        assert_eq!(merged.starting_with("film", 1).expect("terms"), ["filmatisk", "filmen", "filmene", "filmer"]);
        let dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa("filn");
        let near = segments.matching(Near(&dfa)).expect("near");
        assert_eq!(near, [("fil".to_owned(), 1), ("film".to_owned(), 3)]);
        assert_eq!(merged.matching(Near(&dfa)).expect("near"), near);
    }

    /// A state's dictionary is read segment by segment until it has been asked for often.
    #[test]
    fn a_dictionary_is_merged_once_asked_for_often() {
        let (searcher, body) = searcher_of(&[&["film"]]);
        let cache = DictionaryCache::default();
        for _ in 0..=MERGE_AFTER {
            assert!(matches!(*cache.get(&searcher, body).expect("dictionary"), Dictionary::Segments(_)));
        }
        // The merge runs beside the searches; it is soon done.
        let merged = (0..500).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            matches!(*cache.get(&searcher, body).expect("dictionary"), Dictionary::Merged(_))
        });
        assert!(merged, "not merged after 5 s");
    }
}
