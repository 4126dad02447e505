//! The terms of a field over every segment of the index, merged into one dictionary with the
//! number of articles that have each: correcting a word walks the terms near it in one
//! dictionary instead of in one per segment, and each term it finds comes with its article
//! count, where a lookup per segment gave it before.
//!
//! A dictionary is made on first use and kept while the index is unchanged, for the newest
//! [`KEPT_GENERATIONS`] states, as the names are ([`crate::names`]): merging the terms of a
//! field takes a part of a second on a large archive, which only the first search that needs
//! them after a change pays.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::Searcher;
use tantivy::schema::Field;
use tantivy::termdict::TermMerger;
use tantivy_fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};

use crate::error::{Context, Result};

/// The terms of one field, with the articles (live or deleted, as tantivy counts them) that
/// have each.
pub(crate) struct Dictionary {
    terms: Map<Vec<u8>>,
}

impl Dictionary {
    /// Merges the term dictionaries of `field` in every segment of `searcher`.
    fn of(searcher: &Searcher, field: Field) -> Result<Dictionary> {
        let indexes = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.inverted_index(field))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let streams = indexes
            .iter()
            .map(|index| index.terms().stream())
            .collect::<std::io::Result<Vec<_>>>()
            .context("cannot read the terms of the index")?;
        let mut merged = TermMerger::new(streams);
        let mut terms = MapBuilder::memory();
        while merged.advance() {
            let articles: u64 =
                merged.current_segment_ords_and_term_infos().map(|(_, info)| u64::from(info.doc_freq)).sum();
            terms.insert(merged.key(), articles).context("cannot merge the terms of the index")?;
        }
        let bytes = terms.into_inner().context("cannot merge the terms of the index")?;
        Ok(Dictionary { terms: Map::from_bytes(bytes).context("cannot merge the terms of the index")? })
    }

    /// Whether the field has no term at all.
    pub(super) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The articles that have `term` (0 for a term the field lacks): what
    /// `Searcher::doc_freq` gives.
    pub(super) fn articles(&self, term: &str) -> u64 {
        self.terms.get(term).unwrap_or(0)
    }

    /// The terms that start with `prefix` and are longer than it by more than `more` bytes, in
    /// order: one run of the sorted terms.
    pub(super) fn starting_with(&self, prefix: &str, more: usize) -> Vec<String> {
        let mut stream = self.terms.range().ge(prefix).into_stream();
        let mut out = Vec::new();
        while let Some((term, _)) = stream.next() {
            if !term.starts_with(prefix.as_bytes()) {
                break;
            }
            if term.len() > prefix.len() + more
                && let Ok(term) = std::str::from_utf8(term)
            {
                out.push(term.to_owned());
            }
        }
        out
    }

    /// Each term `automaton` accepts, in order, with its articles; terms that are no UTF-8
    /// are passed over.
    pub(super) fn matching(&self, automaton: impl Automaton) -> Vec<(String, u64)> {
        let mut stream = self.terms.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((term, articles)) = stream.next() {
            if let Ok(term) = std::str::from_utf8(term) {
                out.push((term.to_owned(), articles));
            }
        }
        out
    }
}

/// The states of the index whose dictionaries are kept: the newest, and the one before for the
/// searches still running on it while a server takes in a commit.
const KEPT_GENERATIONS: usize = 2;

/// The dictionaries made so far, by searcher generation and field.
#[derive(Default)]
pub(crate) struct DictionaryCache {
    loaded: Mutex<HashMap<(u64, Field), Arc<Dictionary>>>,
}

impl DictionaryCache {
    /// The dictionary of `field` as `searcher` sees the index. It is made without holding the
    /// others: a search of another field, or of the state before, does not wait for it.
    pub(super) fn get(&self, searcher: &Searcher, field: Field) -> Result<Arc<Dictionary>> {
        let generation = searcher.generation().generation_id();
        let lock = || self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = lock().get(&(generation, field)) {
            return Ok(Arc::clone(kept));
        }
        let made = Arc::new(Dictionary::of(searcher, field)?);
        let mut loaded = lock();
        let mut generations: Vec<u64> = loaded.keys().map(|&(kept, _)| kept).chain([generation]).collect();
        generations.sort_unstable_by(|a, b| b.cmp(a));
        generations.dedup();
        let old: Vec<u64> = generations.into_iter().skip(KEPT_GENERATIONS).collect();
        loaded.retain(|(kept, _), _| !old.contains(kept));
        // Made twice at once, the first kept serves both.
        Ok(Arc::clone(loaded.entry((generation, field)).or_insert(made)))
    }
}
