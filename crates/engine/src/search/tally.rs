//! Tallies over a whole result set: how many of the matching articles name each person, place
//! and organisation (under canonical names), are in each language and from each source, and
//! when they are dated. Everything is read from fast-field columns, never from the stored
//! articles, so a tally over every article of an archive costs a few lookups per article.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DateTime, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use arkiv_ner::EntityKind;

use super::Cancel;
use crate::error::Result;
use crate::index::Archive;
use crate::names::Names;
use crate::views::{Facets, NameCount};

/// What to tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Wanted {
    /// The names of every kind, the languages and the sources.
    pub(super) facets: bool,
    /// The dates.
    pub(super) dates: bool,
}

/// What a tally found over the articles a query matches.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Per kind (in [`EntityKind::ALL`] order), the articles naming each canonical name.
    pub(super) names: [NameTally; 3],
    /// Articles per language code.
    pub(super) languages: HashMap<String, u64>,
    /// Articles per source.
    pub(super) sources: HashMap<String, u64>,
    /// The date of each dated article, in seconds since the Unix epoch.
    pub(super) dates: Vec<i64>,
    /// The articles without a date.
    pub(super) undated: u64,
}

/// How many articles name each canonical name of a kind, by its position in the kind's names,
/// kept in the cheaper of two ways. A list of each name seen (once per article) costs as much
/// as the articles have names, which for a narrow search is little; a count for every name of
/// the archive costs as much as the archive has names, but sorts nothing, which for a search
/// that matches much of the archive is far less. A segment starts with the list and turns to
/// the counts when the list grows past [`DENSE_AFTER`] of the names; a tally has one or the
/// other, never both.
#[derive(Debug, Default)]
pub(super) struct NameTally {
    seen: Vec<u32>,
    counts: Vec<u32>,
}

/// The share (1 in this many) of a kind's names that a segment's list of names seen may reach
/// before it is turned into counts.
const DENSE_AFTER: usize = 8;

impl NameTally {
    fn add(&mut self, ids: &[u32], names: usize) {
        if self.counts.is_empty() && self.seen.len() + ids.len() > names / DENSE_AFTER {
            self.counts = vec![0; names];
            for id in self.seen.drain(..) {
                self.counts[id as usize] += 1;
            }
        }
        if self.counts.is_empty() {
            self.seen.extend_from_slice(ids);
        } else {
            for &id in ids {
                self.counts[id as usize] += 1;
            }
        }
    }

    /// Adds the tally of another segment: into the counts, where either has them.
    fn merge(&mut self, mut other: NameTally) {
        if self.counts.is_empty() {
            std::mem::swap(&mut self.counts, &mut other.counts);
        }
        if self.counts.is_empty() {
            self.seen.extend(other.seen);
            return;
        }
        for id in other.seen.drain(..).chain(std::mem::take(&mut self.seen)) {
            self.counts[id as usize] += 1;
        }
        // Both count the same names, so they are as long.
        for (into, from) in self.counts.iter_mut().zip(other.counts) {
            *into += from;
        }
    }

    /// Each canonical name's position with its count of articles, those with none left out.
    fn counted(&self) -> Vec<(u32, u64)> {
        if self.counts.is_empty() {
            let mut seen = self.seen.clone();
            seen.sort_unstable();
            return seen.chunk_by(|a, b| a == b).map(|run| (run[0], run.len() as u64)).collect();
        }
        // Merged, a tally that counts has no list beside it: the counts are read where they are.
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(id, &count)| (id as u32, u64::from(count)))
            .collect()
    }

    /// The names `keep` takes (by position, with their counts) that can be among the `limit`
    /// with the most articles: every one with at least the count of the limit-th. Counts are
    /// read where they are and the limit-th is found with a heap of `limit` of them, so a
    /// tally of tens of thousands of names, most of them counted once, lists only the few at
    /// the top instead of every name counted.
    fn contenders(&self, limit: usize, keep: impl Fn(u32) -> bool) -> Vec<(u32, u64)> {
        if self.counts.is_empty() {
            let mut counted = self.counted();
            counted.retain(|&(id, _)| keep(id));
            return counted;
        }
        if limit == 0 {
            return Vec::new();
        }
        let mut highest = BinaryHeap::with_capacity(limit + 1);
        for (id, &count) in self.counts.iter().enumerate() {
            let below = highest.len() == limit && highest.peek().is_some_and(|&Reverse(lowest)| count <= lowest);
            if count == 0 || below || !keep(id as u32) {
                continue;
            }
            highest.push(Reverse(count));
            if highest.len() > limit {
                highest.pop();
            }
        }
        let Some(&Reverse(lowest)) = highest.peek() else {
            return Vec::new();
        };
        self.counts
            .iter()
            .enumerate()
            .filter(|&(id, &count)| count >= lowest && keep(id as u32))
            .map(|(id, &count)| (id as u32, u64::from(count)))
            .collect()
    }
}

/// Tallies `wanted` over the articles `query` matches, unless the search is cancelled.
pub(super) fn tally(
    archive: &Archive,
    searcher: &Searcher,
    query: &dyn Query,
    wanted: Wanted,
    cancel: &Cancel,
) -> Result<Tally> {
    super::cancel::collect(searcher, query, &collector(archive, searcher, wanted)?, cancel)
}

/// The collector of a tally of `wanted`, to run beside another over the same pass of a query's
/// matches: a search page's hits and its facets come from one pass, not two.
pub(super) fn collector(archive: &Archive, searcher: &Searcher, wanted: Wanted) -> Result<TallyCollector> {
    let kinds = if wanted.facets {
        EntityKind::ALL
            .into_iter()
            .map(|kind| {
                let field = archive.fields.entity(kind);
                let names = archive.names.get(searcher, field, kind)?;
                // Made here, once per state of the index, not in a segment's collector.
                names.by_article(searcher, field)?;
                Ok(names)
            })
            .collect::<Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    Ok(TallyCollector { kinds, wanted })
}

/// A tally's collector ([`collector`]); a clone shares the names of the first.
#[derive(Clone)]
pub(super) struct TallyCollector {
    /// The names of each kind, in [`EntityKind::ALL`] order; empty unless facets are wanted.
    kinds: Vec<Arc<Names>>,
    wanted: Wanted,
}

/// The names of one kind, the segment's place in their table of each article's names, and
/// the tally of the segment.
struct NameColumn {
    names: Arc<Names>,
    segment: usize,
    tally: NameTally,
}

/// The tally of one segment, as [`TallyCollector`] collects it.
pub(super) struct SegmentTally {
    names: Vec<NameColumn>,
    /// Articles per ordinal of the language and the source columns.
    languages: Option<(StrColumn, Vec<u64>)>,
    sources: Option<(StrColumn, Vec<u64>)>,
    dates: Option<Column<DateTime>>,
    collect_dates: bool,
    fruit: Tally,
}

impl Collector for TallyCollector {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(&self, segment_ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let fast = segment.fast_fields();
        let names = self
            .kinds
            .iter()
            .map(|names| NameColumn {
                names: Arc::clone(names),
                segment: segment_ord as usize,
                tally: NameTally::default(),
            })
            .collect();
        let by_ordinal = |name: &str| -> tantivy::Result<Option<(StrColumn, Vec<u64>)>> {
            if !self.wanted.facets {
                return Ok(None);
            }
            Ok(fast.str(name)?.map(|column| {
                let counts = vec![0; column.num_terms()];
                (column, counts)
            }))
        };
        Ok(SegmentTally {
            names,
            languages: by_ordinal("language")?,
            sources: by_ordinal("source")?,
            dates: if self.wanted.dates { fast.column_opt::<DateTime>("date")? } else { None },
            collect_dates: self.wanted.dates,
            fruit: Tally::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        for fruit in fruits {
            for (into, from) in all.names.iter_mut().zip(fruit.names) {
                into.merge(from);
            }
            for (into, from) in [(&mut all.languages, fruit.languages), (&mut all.sources, fruit.sources)] {
                for (key, count) in from {
                    *into.entry(key).or_default() += count;
                }
            }
            all.dates.extend(fruit.dates);
            all.undated += fruit.undated;
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for column in &mut self.names {
            column.tally.add(column.names.made_by_article(column.segment).of(doc), column.names.len());
        }
        for (column, counts) in [&mut self.languages, &mut self.sources].into_iter().flatten() {
            for ord in column.term_ords(doc) {
                counts[ord as usize] += 1;
            }
        }
        if self.collect_dates {
            match self.dates.as_ref().and_then(|dates| dates.first(doc)) {
                Some(date) => self.fruit.dates.push(date.into_timestamp_secs()),
                None => self.fruit.undated += 1,
            }
        }
    }

    fn harvest(mut self) -> Tally {
        for (into, column) in self.fruit.names.iter_mut().zip(self.names) {
            *into = column.tally;
        }
        for (into, by_ordinal) in [(&mut self.fruit.languages, self.languages), (&mut self.fruit.sources, self.sources)]
        {
            let Some((column, counts)) = by_ordinal else {
                continue;
            };
            let mut term = String::new();
            for (ord, count) in counts.into_iter().enumerate().filter(|(_, count)| *count > 0) {
                if column.ord_to_str(ord as u64, &mut term).unwrap_or(false) {
                    *into.entry(term.clone()).or_default() += count;
                }
            }
        }
        self.fruit
    }
}

impl Tally {
    /// The `limit` most frequent values of each facet.
    pub(super) fn facets(&self, archive: &Archive, searcher: &Searcher, limit: usize) -> Result<Facets> {
        let names = |kind| self.top_names(archive, searcher, kind, limit, &BTreeSet::new());
        let counted =
            |counts: &HashMap<String, u64>| top(counts.iter().map(|(key, &count)| (key.as_str(), count)), limit);
        Ok(Facets {
            people: names(EntityKind::Person)?,
            places: names(EntityKind::Place)?,
            organisations: names(EntityKind::Organisation)?,
            languages: counted(&self.languages),
            sources: counted(&self.sources),
        })
    }

    /// The `limit` canonical names of `kind` that the most articles name, but those of
    /// `leave_out`.
    pub(super) fn top_names(
        &self,
        archive: &Archive,
        searcher: &Searcher,
        kind: EntityKind,
        limit: usize,
        leave_out: &BTreeSet<String>,
    ) -> Result<Vec<NameCount>> {
        let names = archive.names.get(searcher, archive.fields.entity(kind), kind)?;
        // Most tallies leave nothing out: their names are not looked at one by one.
        let keep = |id| leave_out.is_empty() || !leave_out.contains(names.get(id));
        let counts = self.names[kind as usize].contenders(limit, keep);
        Ok(top_ids(counts, limit, |id| names.get(id)))
    }
}

/// The `limit` names (by position, with their counts) with the highest counts, as [`top`]
/// orders them, of which only those that can be among the first have their names compared.
fn top_ids<'a>(mut counts: Vec<(u32, u64)>, limit: usize, name: impl Fn(u32) -> &'a str) -> Vec<NameCount> {
    if counts.len() > limit && limit > 0 {
        // The lowest count of the first `limit`, found by the counts alone: only names with
        // at least as many articles can be among them. A search that matches much of the
        // archive counts tens of thousands of names, most of them in one article, and the
        // ties among those are what comparing the names costs.
        let (_, &mut (_, lowest), _) = counts.select_nth_unstable_by(limit - 1, |a, b| b.1.cmp(&a.1));
        counts.retain(|&(_, count)| count >= lowest);
    }
    top(counts.into_iter().map(|(id, count)| (name(id), count)), limit)
}

/// The `limit` values with the highest counts, most first, ties by value; none with no article.
pub(super) fn top<'a>(counts: impl Iterator<Item = (&'a str, u64)>, limit: usize) -> Vec<NameCount> {
    let mut out: Vec<(&str, u64)> = counts.filter(|(_, count)| *count > 0).collect();
    let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if out.len() > limit {
        out.select_nth_unstable_by(limit, order);
        out.truncate(limit);
    }
    out.sort_unstable_by(order);
    out.into_iter().map(|(name, articles)| NameCount { name: name.to_owned(), articles }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_and_counts_count_the_same() {
        let articles: [&[u32]; 4] = [&[1, 3], &[3], &[0, 3, 7], &[7]];
        let mut listed = NameTally::default();
        let mut dense = NameTally::default();
        for ids in articles {
            listed.add(ids, 1000);
            dense.add(ids, 8);
        }
        assert!(listed.counts.is_empty() && !dense.counts.is_empty(), "{dense:?}");
        let expected = vec![(0, 1), (1, 1), (3, 3), (7, 2)];
        assert_eq!(listed.counted(), expected);
        assert_eq!(dense.counted(), expected);
        listed.merge(dense);
        assert_eq!(listed.counted(), vec![(0, 2), (1, 2), (3, 6), (7, 4)]);
    }

    #[test]
    fn the_contenders_of_a_list_and_of_counts_lead_to_the_same_first() {
        // Many ties at every count, as the names of a broad search have, and a name left out.
        let articles: Vec<Vec<u32>> = (0..300u32).map(|n| vec![n % 97, (n * 7) % 53, 96]).collect();
        let (mut listed, mut dense) = (NameTally::default(), NameTally::default());
        for ids in &articles {
            listed.add(ids, 1_000_000);
            dense.add(ids, 97);
        }
        assert!(listed.counts.is_empty() && !dense.counts.is_empty());
        let name = |id: u32| ["a", "b", "c", "d", "e", "f", "g"][(id % 7) as usize];
        for limit in [0, 1, 2, 5, 10, 53, 96, 97, 200] {
            for keep in [|_: u32| true, |id: u32| id != 96] {
                let all: Vec<_> = listed.counted().into_iter().filter(|&(id, _)| keep(id)).collect();
                let expected = top_ids(all, limit, name);
                assert_eq!(top_ids(listed.contenders(limit, keep), limit, name), expected, "list, limit {limit}");
                let contenders = dense.contenders(limit, keep);
                assert!(limit >= 53 || contenders.len() < 97, "limit {limit}: {} contenders", contenders.len());
                assert_eq!(top_ids(contenders, limit, name), expected, "counts, limit {limit}");
            }
        }
    }

    #[test]
    fn the_first_by_count_are_those_of_every_name_sorted() {
        // Names out of the order of their positions, with many ties, as canonical names are.
        let names: Vec<String> = (0..200u32).map(|id| format!("{}", (id * 37) % 211)).collect();
        let counts: Vec<(u32, u64)> = (0..200u32).map(|id| (id, u64::from((id * 7919) % 13 + 1))).collect();
        for limit in [0, 1, 2, 5, 10, 50, 199, 200, 300] {
            let all = top(counts.iter().map(|&(id, count)| (names[id as usize].as_str(), count)), limit);
            assert_eq!(top_ids(counts.clone(), limit, |id| names[id as usize].as_str()), all, "limit {limit}");
        }
    }
}
