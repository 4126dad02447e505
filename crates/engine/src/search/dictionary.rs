//! The terms of a field over every segment of the index, with the number of articles that
//! have each: what correcting a word (the terms near it) and finding compounds (the terms that
//! start with a word) read.
//!
//! A search reads the dictionary of each segment in turn, and looks up each term it finds in
//! every segment for its article count. A process that searches a state of the index often
//! (a server, a benchmark) merges them instead into one dictionary with the counts in it, once
//! a field's segments have been read [`MERGE_AFTER`] times: a walk of the terms near a word
//! then costs one walk, not one per segment. Merging takes a part of a second on a large
//! archive, far more than one search saves, so a single search from the shell never merges.
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
    loaded: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    merged: HashMap<(u64, Field), Arc<Dictionary>>,
    reads: HashMap<(u64, Field), usize>,
}

impl DictionaryCache {
    /// The dictionary of `field` as `searcher` sees the index: merged once it has been asked
    /// for [`MERGE_AFTER`] times. It is merged without holding the others: a search of another
    /// field, or of the state before, does not wait for it.
    pub(super) fn get(&self, searcher: &Searcher, field: Field) -> Result<Arc<Dictionary>> {
        let generation = searcher.generation().generation_id();
        let key = (generation, field);
        let lock = || self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        {
            let mut kept = lock();
            if let Some(merged) = kept.merged.get(&key) {
                return Ok(Arc::clone(merged));
            }
            if !kept.reads.contains_key(&key) {
                kept.forget_before(generation);
            }
            let reads = kept.reads.entry(key).or_default();
            *reads += 1;
            if *reads <= MERGE_AFTER {
                return Ok(Arc::new(Dictionary::segments(searcher, field)?));
            }
        }
        let merged = Arc::new(Dictionary::merged(searcher, field)?);
        // Merged twice at once, the first kept serves both.
        Ok(Arc::clone(lock().merged.entry(key).or_insert(merged)))
    }
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
