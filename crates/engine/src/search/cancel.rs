//! Cancelling a search that its asker no longer waits for (a server's request that timed out):
//! a flag the asker sets, checked before each plan of the query is run, before each segment
//! a collector reads, and before each hit's snippet is made, so that the work stops within one
//! segment's pass of being told.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};

/// The flag of one search. Clones share it, so the asker keeps one and the search another.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Tells the search to stop; it ends with [`Error::Cancelled`] as soon as it looks.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the search was told to stop.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// [`Error::Cancelled`] once the search was told to stop.
    pub(crate) fn check(&self) -> Result<()> {
        if self.is_cancelled() { Err(Error::Cancelled) } else { Ok(()) }
    }
}

/// A collector that reads no more segments once its search is cancelled: each segment after
/// that gives what a collector that saw nothing gives, and the caller then checks the flag
/// ([`collect`]) so that the partial fruit is never used.
pub(crate) struct Checked<'a, C> {
    inner: &'a C,
    cancel: &'a Cancel,
}

impl<C: Collector> Collector for Checked<'_, C> {
    type Fruit = C::Fruit;
    type Child = C::Child;

    fn for_segment(&self, segment_ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<C::Child> {
        self.inner.for_segment(segment_ord, segment)
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(&self, fruits: Vec<<C::Child as SegmentCollector>::Fruit>) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
        if self.cancel.is_cancelled() {
            return Ok(self.inner.for_segment(segment_ord, reader)?.harvest());
        }
        self.inner.collect_segment(weight, segment_ord, reader)
    }
}

/// Runs `collector` over what `query` matches, unless and until `cancel` is set.
pub(crate) fn collect<C: Collector>(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    collector: &C,
    cancel: &Cancel,
) -> Result<C::Fruit> {
    cancel.check()?;
    let fruit = searcher.search(query, &Checked { inner: collector, cancel })?;
    cancel.check()?;
    Ok(fruit)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{STORED, Schema};
    use tantivy::{Index, TantivyDocument};

    use super::*;

    /// Segments of the index of [`segments_after_the_flag_are_not_read`].
    const SEGMENTS: usize = 3;

    /// A count that tells how many segments it read and cancels its search after the first.
    struct CountThenCancel {
        cancel: Cancel,
        read: AtomicUsize,
    }

    impl Collector for CountThenCancel {
        type Fruit = usize;
        type Child = <Count as Collector>::Child;

        fn for_segment(&self, ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<Self::Child> {
            Count.for_segment(ord, segment)
        }

        fn requires_scoring(&self) -> bool {
            false
        }

        fn merge_fruits(&self, counts: Vec<usize>) -> tantivy::Result<usize> {
            Count.merge_fruits(counts)
        }

        fn collect_segment(
            &self,
            weight: &dyn Weight,
            ord: SegmentOrdinal,
            segment: &SegmentReader,
        ) -> tantivy::Result<usize> {
            self.read.fetch_add(1, Ordering::SeqCst);
            self.cancel.cancel();
            Count.collect_segment(weight, ord, segment)
        }
    }

    #[test]
    fn segments_after_the_flag_are_not_read() {
        let mut schema = Schema::builder();
        let field = schema.add_u64_field("n", STORED);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for n in 0..SEGMENTS as u64 {
            let mut doc = TantivyDocument::default();
            doc.add_u64(field, n);
            writer.add_document(doc).expect("add");
            writer.commit().expect("commit");
        }
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), SEGMENTS);

        let all = collect(&searcher, &AllQuery, &Count, &Cancel::default());
        assert_eq!(all.ok(), Some(SEGMENTS));
        let cancel = Cancel::default();
        let counting = CountThenCancel { cancel: cancel.clone(), read: AtomicUsize::new(0) };
        assert!(matches!(collect(&searcher, &AllQuery, &counting, &cancel), Err(Error::Cancelled)));
        assert_eq!(counting.read.load(Ordering::SeqCst), 1);
    }
}
