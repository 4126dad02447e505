//! Which analyzers indexed anything, kept per state of the index: every search plans its words
//! over the fields of those analyzers only, and finding them out reads every text field of
//! every segment.

use std::sync::{Mutex, PoisonError};

use tantivy::Searcher;

use crate::error::Result;
use crate::index::schema::TextFields;
use crate::index::{Fields, Part};

/// The analyzers (by position in [`Fields::text`]) whose fields hold a term in some segment,
/// for one searcher generation. tantivy keeps the term dictionaries of the fields a segment
/// holds, but builds an empty one afresh each time it is asked for a field the segment holds
/// nothing of, which most analyzers' fields are in most segments: read for every search, that
/// was some 3% of a server's CPU.
#[derive(Default)]
pub(crate) struct AnalyzedCache {
    kept: Mutex<Option<(u64, Vec<usize>)>>,
}

impl AnalyzedCache {
    /// The text fields of the analyzers that indexed anything, as `searcher` sees the index.
    pub(crate) fn get<'a>(&self, searcher: &Searcher, fields: &'a Fields) -> Result<Vec<&'a TextFields>> {
        let generation = searcher.generation().generation_id();
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let analyzers = match kept.as_ref() {
            Some((of, analyzers)) if *of == generation => analyzers.clone(),
            _ => {
                let analyzers = holding_text(searcher, fields)?;
                *kept = Some((generation, analyzers.clone()));
                analyzers
            }
        };
        Ok(analyzers.into_iter().map(|at| &fields.text[at]).collect())
    }
}

/// The positions of the analyzers of which some field holds a term in some segment.
fn holding_text(searcher: &Searcher, fields: &Fields) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    for (at, text_fields) in fields.text.iter().enumerate() {
        let mut holds_text = false;
        for segment in searcher.segment_readers() {
            for part in Part::ALL {
                holds_text |= segment.inverted_index(text_fields.get(part))?.terms().num_terms() > 0;
            }
        }
        if holds_text {
            out.push(at);
        }
    }
    Ok(out)
}
