//! Tallies over a whole result set: how many of the matching articles name each person, place
//! and organisation (under canonical names), are in each language and from each source, and
//! when they are dated. Everything is read from fast-field columns, never from the stored
//! articles, so a tally over every article of an archive costs a few lookups per article.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DateTime, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use arkiv_ner::EntityKind;

use super::Cancel;
use crate::error::Result;
use crate::index::Archive;
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
    /// The matched articles of each segment (by ordinal), when facets are wanted: the names
    /// they make are counted from the names' tables of each article's names when a facet is
    /// asked for ([`Tally::top_names`]), so that collecting an article costs one number
    /// whatever it names.
    articles: Vec<(usize, Vec<DocId>)>,
    /// Articles per language code.
    pub(super) languages: HashMap<String, u64>,
    /// Articles per source.
    pub(super) sources: HashMap<String, u64>,
    /// The date of each dated article, in seconds since the Unix epoch.
    pub(super) dates: Vec<i64>,
    /// The articles without a date.
    pub(super) undated: u64,
}

thread_local! {
    /// A count for every canonical name of a kind, all zero between two tallies: counting the
    /// names of many articles into it costs a step per name, where a list of the names seen
    /// would cost a sort, and a count per name made anew would cost as much memory to clear as
    /// the archive has names. Each thread that counts keeps one, as long as the longest list
    /// of names it has counted.
    static COUNTS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Each name (by position) that the lists `named` hold, with the number of lists that hold it,
/// in the order first seen; `names` is more than every position.
fn count<'a>(named: impl Iterator<Item = &'a [u32]>, names: usize) -> Vec<(u32, u64)> {
    COUNTS.with_borrow_mut(|counts| {
        if counts.len() < names {
            counts.resize(names, 0);
        }
        let mut seen = Vec::new();
        for &id in named.flatten() {
            let count = &mut counts[id as usize];
            if *count == 0 {
                seen.push(id);
            }
            *count += 1;
        }
        // Every count read is set back to zero, so the counts are all zero again.
        seen.into_iter().map(|id| (id, u64::from(std::mem::take(&mut counts[id as usize])))).collect()
    })
}

/// Tallies `wanted` over the articles `query` matches, unless the search is cancelled.
pub(super) fn tally(searcher: &Searcher, query: &dyn Query, wanted: Wanted, cancel: &Cancel) -> Result<Tally> {
    super::cancel::collect(searcher, query, &collector(wanted), cancel)
}

/// The collector of a tally of `wanted`, to run beside another over the same pass of a query's
/// matches: a search page's hits and its facets come from one pass, not two.
pub(super) fn collector(wanted: Wanted) -> TallyCollector {
    TallyCollector { wanted }
}

/// A tally's collector ([`collector`]).
#[derive(Clone)]
pub(super) struct TallyCollector {
    wanted: Wanted,
}

/// The tally of one segment, as [`TallyCollector`] collects it.
pub(super) struct SegmentTally {
    /// The segment's ordinal, and the articles matched in it, when facets are wanted.
    articles: Option<(usize, Vec<DocId>)>,
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
            articles: self.wanted.facets.then(|| (segment_ord as usize, Vec::new())),
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
            all.articles.extend(fruit.articles);
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
        if let Some((_, articles)) = &mut self.articles {
            articles.push(doc);
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
        self.fruit.articles.extend(self.articles);
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
        let field = archive.fields.entity(kind);
        let names = archive.names.get(searcher, field, kind)?;
        let tables = names.by_article(searcher, field)?;
        let named = self.articles.iter().flat_map(|(segment, docs)| {
            tables.get(*segment).into_iter().flat_map(|table| docs.iter().map(|&doc| table.of(doc)))
        });
        let mut counts = count(named, names.len());
        // Most tallies leave nothing out: their names are not looked at one by one.
        if !leave_out.is_empty() {
            counts.retain(|&(id, _)| !leave_out.contains(names.get(id)));
        }
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
    fn each_name_is_counted_once_per_list_and_the_counts_are_clear_again() {
        let lists: [&[u32]; 4] = [&[1, 3], &[3], &[0, 3, 7], &[7]];
        let mut counted = count(lists.into_iter(), 8);
        counted.sort_unstable();
        assert_eq!(counted, vec![(0, 1), (1, 1), (3, 3), (7, 2)]);
        // A second tally on the same thread starts from nothing, over more names.
        let lists: [&[u32]; 2] = [&[3, 11], &[11]];
        let mut counted = count(lists.into_iter(), 12);
        counted.sort_unstable();
        assert_eq!(counted, vec![(3, 1), (11, 2)]);
        assert!(COUNTS.with_borrow(|counts| counts.len() == 12 && counts.iter().all(|&count| count == 0)));
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
