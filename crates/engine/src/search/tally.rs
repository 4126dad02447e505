//! Tallies over a whole result set: how many of the matching articles name each person, place
//! and organisation (under canonical names), are in each language and from each source, and
//! when they are dated. Everything is read from fast-field columns, never from the stored
//! articles, so a tally over every article of an archive costs a few lookups per article.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DateTime, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use arkiv_ner::EntityKind;

use crate::error::Result;
use crate::index::Archive;
use crate::names::{NO_NAME, Names};
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
    /// Per kind (in [`EntityKind::ALL`] order), the position in the kind's names of the
    /// canonical name of each name of each article, once per article, in no order: counted
    /// when the top ones are asked for. A list of what was seen costs as much as the articles
    /// have names; a count for every name of the archive would cost as much as it has names,
    /// on every request, which for a narrow search is far more.
    pub(super) names: [Vec<u32>; 3],
    /// Articles per language code.
    pub(super) languages: HashMap<String, u64>,
    /// Articles per source.
    pub(super) sources: HashMap<String, u64>,
    /// The date of each dated article, in seconds since the Unix epoch.
    pub(super) dates: Vec<i64>,
    /// The articles without a date.
    pub(super) undated: u64,
}

/// The names of one kind, and the name of their column.
struct KindNames {
    names: Arc<Names>,
    field: String,
}

/// Tallies `wanted` over the articles `query` matches.
pub(super) fn tally(archive: &Archive, searcher: &Searcher, query: &dyn Query, wanted: Wanted) -> Result<Tally> {
    let kinds = if wanted.facets {
        EntityKind::ALL
            .into_iter()
            .map(|kind| {
                let field = archive.fields.entity(kind);
                let names = archive.names.get(searcher, field, kind)?;
                // Made here, once per state of the index, not in a segment's collector.
                names.canonical_ordinals(searcher, field)?;
                Ok(KindNames { names, field: searcher.schema().get_field_name(field).to_owned() })
            })
            .collect::<Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    let collector = TallyCollector { kinds, wanted };
    Ok(searcher.search(query, &collector)?)
}

struct TallyCollector {
    /// Empty unless facets are wanted.
    kinds: Vec<KindNames>,
    wanted: Wanted,
}

/// A column of names, the names, and the segment's place in their table of canonical names.
struct NameColumn {
    column: StrColumn,
    names: Arc<Names>,
    segment: usize,
    seen: Vec<u32>,
}

struct SegmentTally {
    names: Vec<Option<NameColumn>>,
    /// Articles per ordinal of the language and the source columns.
    languages: Option<(StrColumn, Vec<u64>)>,
    sources: Option<(StrColumn, Vec<u64>)>,
    dates: Option<Column<DateTime>>,
    collect_dates: bool,
    fruit: Tally,
    /// The canonical names of one article, to count each once.
    seen: Vec<u32>,
}

impl Collector for TallyCollector {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(&self, segment_ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let fast = segment.fast_fields();
        let mut names = Vec::with_capacity(self.kinds.len());
        for kind in &self.kinds {
            names.push(fast.str(&kind.field)?.map(|column| NameColumn {
                column,
                names: Arc::clone(&kind.names),
                segment: segment_ord as usize,
                seen: Vec::new(),
            }));
        }
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
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        for fruit in fruits {
            for (into, from) in all.names.iter_mut().zip(fruit.names) {
                into.extend(from);
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
        for column in self.names.iter_mut().flatten() {
            let canonical = column.names.made_ordinals(column.segment);
            self.seen.clear();
            self.seen.extend(
                column
                    .column
                    .term_ords(doc)
                    .filter_map(|ord| canonical.get(ord as usize).copied())
                    .filter(|&id| id != NO_NAME),
            );
            self.seen.sort_unstable();
            self.seen.dedup();
            column.seen.extend_from_slice(&self.seen);
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
            if let Some(column) = column {
                *into = column.seen;
            }
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
        let names = |kind| self.top_names(archive, searcher, kind, limit, |_| true);
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

    /// The `limit` canonical names of `kind` that the most articles name, of those `keep` takes.
    pub(super) fn top_names(
        &self,
        archive: &Archive,
        searcher: &Searcher,
        kind: EntityKind,
        limit: usize,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<NameCount>> {
        let names = archive.names.get(searcher, archive.fields.entity(kind), kind)?;
        let mut seen = self.names[kind as usize].clone();
        seen.sort_unstable();
        let counts = seen.chunk_by(|a, b| a == b).map(|run| (names.get(run[0]), run.len() as u64));
        Ok(top(counts.filter(|(name, _)| keep(name)), limit))
    }
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
