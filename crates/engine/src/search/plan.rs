//! Query planning: a parsed [`Query`] and [`Filters`] → one tantivy query.
//!
//! A text term becomes, for every analyzer, the analyzed term (or phrase) in the title, lead
//! and body fields of that analyzer, boosted by [`Part::boost`]; the alternatives are summed,
//! so BM25 rewards a match in the title above one in the body. Entity terms become sets of the
//! canonical names they resolve to.
//!
//! Only analyzers whose fields hold text take part: an archive of Norwegian news pays nothing
//! for the eighteen other languages arkiv can analyze.
//!
//! A word that some analyzer drops as a stop word ("og", "the") cannot be required: articles
//! of that language have no trace of it. Such a group still adds to the score where it
//! matches, but does not filter.

use std::collections::BTreeSet;
use std::ops::Bound;

use crate::error::Result;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term as IndexTerm};
use time::OffsetDateTime;

use super::names::NameCache;
use super::query::{Query as Parsed, Scope, Term};
use crate::index::analyzer;
use crate::index::document::index_date;
use crate::index::schema::TextFields;
use crate::index::{Archive, Fields, Part};
use arkiv_ner::EntityKind;

/// Restrictions that do not rank: each given one must hold.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Names of people the article must mention (as [`crate::search::mentioning`] reads them).
    pub people: Vec<String>,
    /// Names of places the article must mention.
    pub places: Vec<String>,
    /// Names of organisations the article must mention.
    pub orgs: Vec<String>,
    /// Article languages; `no` stands for both `nb` and `nn`.
    pub languages: Vec<String>,
    /// Inclusive lower bound of the article date.
    pub from: Option<OffsetDateTime>,
    /// Exclusive upper bound of the article date.
    pub until: Option<OffsetDateTime>,
}

impl Filters {
    /// Whether no filter is given.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.places.is_empty()
            && self.orgs.is_empty()
            && self.languages.is_empty()
            && self.from.is_none()
            && self.until.is_none()
    }
}

/// Builds the tantivy query.
pub(super) fn build(
    archive: &Archive,
    searcher: &Searcher,
    parsed: &Parsed,
    filters: &Filters,
) -> Result<Box<dyn Query>> {
    let fields = &archive.fields;
    let planner = Planner { searcher, fields, names: &archive.names, analyzed: analyzed_fields(searcher, fields)? };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for group in &parsed.groups {
        let mut required = true;
        let mut alternatives = Vec::new();
        for term in &group.alternatives {
            let planned = planner.term(term)?;
            required &= !planned.weak;
            alternatives.push((Occur::Should, planned.query));
        }
        let occur = if required { Occur::Must } else { Occur::Should };
        clauses.push((occur, Box::new(BooleanQuery::new(alternatives))));
    }
    for term in &parsed.excluded {
        clauses.push((Occur::MustNot, planner.term(term)?.query));
    }
    for filter in planner.filters(filters)? {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    if !clauses.iter().any(|(occur, _)| *occur != Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Articles naming any of `names` in the exact-name `field`.
pub(super) fn names_query(field: Field, names: &BTreeSet<String>) -> TermSetQuery {
    TermSetQuery::new(names.iter().map(|name| IndexTerm::from_field_text(field, name)))
}

struct Planner<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    names: &'a NameCache,
    /// The text fields of the analyzers that indexed anything.
    analyzed: Vec<&'a TextFields>,
}

fn analyzed_fields<'a>(searcher: &Searcher, fields: &'a Fields) -> Result<Vec<&'a TextFields>> {
    let mut out = Vec::new();
    for text_fields in &fields.text {
        let mut holds_text = false;
        for segment in searcher.segment_readers() {
            for part in Part::ALL {
                holds_text |= segment.inverted_index(text_fields.get(part))?.terms().num_terms() > 0;
            }
        }
        if holds_text {
            out.push(text_fields);
        }
    }
    Ok(out)
}

/// A planned term: its query, and whether some analyzer saw nothing in it.
struct Planned {
    query: Box<dyn Query>,
    weak: bool,
}

impl Planner<'_> {
    fn term(&self, term: &Term) -> Result<Planned> {
        let parts: &[Part] = match term.scope {
            Scope::Text => &Part::ALL,
            Scope::Title => &[Part::Title],
            Scope::Lead => &[Part::Lead],
            Scope::Body => &[Part::Body],
            Scope::Person => return self.names(EntityKind::Person, &term.text),
            Scope::Place => return self.names(EntityKind::Place, &term.text),
            Scope::Org => return self.names(EntityKind::Organisation, &term.text),
            Scope::Language => {
                return Ok(Planned { query: Box::new(self.languages(std::slice::from_ref(&term.text))), weak: false });
            }
        };
        self.text(term, parts)
    }

    fn text(&self, term: &Term, parts: &[Part]) -> Result<Planned> {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut weak = false;
        for text_fields in &self.analyzed {
            let mut tokenizer = self.searcher.index().tokenizer_for_field(text_fields.title)?;
            let terms = analyzer::terms(&mut tokenizer, &term.text);
            if terms.is_empty() {
                weak = true;
                continue;
            }
            for &part in parts {
                let field = text_fields.get(part);
                let query: Box<dyn Query> = match terms.as_slice() {
                    [(_, only)] => {
                        Box::new(TermQuery::new(IndexTerm::from_field_text(field, only), IndexRecordOption::WithFreqs))
                    }
                    many => Box::new(PhraseQuery::new_with_offset(
                        many.iter()
                            .map(|(position, text)| (*position, IndexTerm::from_field_text(field, text)))
                            .collect(),
                    )),
                };
                alternatives.push((Occur::Should, Box::new(BoostQuery::new(query, part.boost()))));
            }
        }
        let query: Box<dyn Query> =
            if alternatives.is_empty() { Box::new(EmptyQuery) } else { Box::new(BooleanQuery::new(alternatives)) };
        Ok(Planned { query, weak })
    }

    /// The articles naming what `name` refers to, under any form of the name.
    fn names(&self, kind: EntityKind, name: &str) -> Result<Planned> {
        let field = self.fields.entity(kind);
        let names = self.names.get(self.searcher, field, kind)?.resolve(name);
        Ok(Planned { query: Box::new(names_query(field, &names.stored)), weak: false })
    }

    fn languages(&self, codes: &[String]) -> TermSetQuery {
        let codes = codes.iter().flat_map(|code| match code.to_lowercase().as_str() {
            "no" => vec!["nb".to_owned(), "nn".to_owned()],
            other => vec![other.to_owned()],
        });
        TermSetQuery::new(codes.map(|code| IndexTerm::from_field_text(self.fields.language, &code)))
    }

    fn filters(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for (kind, values) in [
            (EntityKind::Person, &filters.people),
            (EntityKind::Place, &filters.places),
            (EntityKind::Organisation, &filters.orgs),
        ] {
            for value in values {
                out.push(self.names(kind, value)?.query);
            }
        }
        if !filters.languages.is_empty() {
            out.push(Box::new(self.languages(&filters.languages)));
        }
        if filters.from.is_some() || filters.until.is_some() {
            let bound = |date: Option<OffsetDateTime>, inclusive: bool| match date {
                None => Bound::Unbounded,
                Some(date) => {
                    let term = IndexTerm::from_field_date_for_search(self.fields.date, index_date(date));
                    if inclusive { Bound::Included(term) } else { Bound::Excluded(term) }
                }
            };
            out.push(Box::new(RangeQuery::new(bound(filters.from, true), bound(filters.until, false))));
        }
        Ok(out)
    }
}
