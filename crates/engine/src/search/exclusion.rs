//! Words and phrases a query excludes (`-word`, `-"a phrase"`), read with plain seeks.
//!
//! tantivy 0.27 reads an excluded clause with `DocSet::seek_danger`, which may leave a scorer
//! ahead of the next document asked about, and its phrase scorer then asserts that it never is
//! (quickwit-oss/tantivy#2811): in a build with debug assertions (the tests, the fuzzers) a
//! query of an excluded phrase panics, and the engine reports the index as damaged. An
//! excluded clause here is read through `seek` only when the scorer is behind the document
//! asked about, which every scorer supports, and it excludes exactly the same articles.

use tantivy::query::{AllScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// A query to exclude, whose scorer is sought only forwards.
#[derive(Debug)]
pub(super) struct Excluded(pub(super) Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Excluded {
        Excluded(self.0.box_clone())
    }
}

impl Query for Excluded {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.0.scorer(reader, boost)?;
        // tantivy recognises these to skip an exclusion or to exclude everything.
        if scorer.is::<EmptyScorer>() || scorer.is::<AllScorer>() {
            return Ok(scorer);
        }
        Ok(Box::new(Forwards(scorer)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// A scorer that keeps `DocSet`'s own `seek_danger`, which seeks only when behind.
struct Forwards(Box<dyn Scorer>);

impl DocSet for Forwards {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for Forwards {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
