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
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term as IndexTerm};
use time::OffsetDateTime;

use super::Matching;
use super::compound::EndingCache;
use super::dictionary::DictionaryCache;
use super::exclusion::Excluded;
use super::names::NameCache;
use super::query::{Group, Query as Parsed, Scope, Term, language_codes, modern_spelling};
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
    /// Publishers, as the articles name them (an article is from one, so any of them holds).
    pub sources: Vec<String>,
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
            && self.sources.is_empty()
            && self.from.is_none()
            && self.until.is_none()
    }
}

/// Builds the tantivy query: every group of the query required, or (to find the articles
/// that match most of them) at least `least` of its groups of words, and every filter.
pub(super) fn build(
    archive: &Archive,
    searcher: &Searcher,
    parsed: &Parsed,
    filters: &Filters,
    matching: Matching,
    exact: bool,
) -> Result<Box<dyn Query>> {
    let mut planner = Planner::new(archive, searcher)?;
    planner.prefixes = matches!(matching, Matching::AllWithParts);
    planner.exact = exact;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut optional: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for group in &parsed.groups {
        let (query, required) = planner.group(group)?;
        match matching {
            Matching::AtLeast(_) if group.is_words() => optional.push((Occur::Should, query)),
            _ if required => clauses.push((Occur::Must, query)),
            _ => clauses.push((Occur::Should, query)),
        }
    }
    if let Matching::AtLeast(least) = matching {
        clauses.push((Occur::Must, Box::new(BooleanQuery::with_minimum_required_clauses(optional, least))));
    }
    for term in &parsed.excluded {
        clauses.push((Occur::MustNot, Box::new(Excluded(planner.term(term)?.query))));
    }
    for filter in planner.filters(filters)? {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    if !clauses.iter().any(|(occur, _)| *occur != Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    // The words as typed lift the articles that write them above those that write only other
    // forms of them. Beside a required clause they only rank; a query of nothing but optional
    // words (stop words of some language) goes without them, as they would add the articles
    // that write such a word only inside a compound.
    if clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
        for term in parsed.groups.iter().flat_map(|group| &group.alternatives) {
            clauses.extend(planner.written(term)?.map(|query| (Occur::Should, query)));
        }
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// How much a match of a word as a part of a compound counts ("kroken" in "sofakroken"): less
/// than the word as written.
const PART_WEIGHT: f32 = 0.5;

/// How much a match of a word as typed counts, beside its match in title, lead and body under
/// any of its forms (see [`Planner::written`]).
const WRITTEN_WEIGHT: f32 = 5.0;

/// How much a match of another spelling of a word counts ([`super::spellings`]: "Aasen"
/// finding "Åsen", "Sochi" finding "Sotsji"): less than the spelling as typed, which the user
/// may well mean.
pub const OTHER_SPELLING_WEIGHT: f32 = 0.5;

/// The analyzer whose stemmer decides whether a word of a name needs the guard of
/// [`Planner::as_name`]: the names of a Norwegian archive are stemmed by it.
const NORWEGIAN: &str = "no";

/// The most phrases one phrase of the query is searched as: each word with two spellings (an
/// ö or ä, see [`arkiv_text::fold`]) doubles them.
const MAX_PHRASE_SPELLINGS: usize = 16;

/// The analyzed terms of a word or phrase by position: a folded word gives two terms at one
/// position, either of which may match.
fn spellings_by_position(terms: &[(usize, String)]) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for (position, text) in terms {
        match out.last_mut() {
            Some((last, spellings)) if last == position => spellings.push(text.clone()),
            _ => out.push((*position, vec![text.clone()])),
        }
    }
    out
}

/// The query for a word (any of its spellings) or a phrase (its words in order, each in any of
/// its spellings) in `field`.
fn matching(field: Field, spellings: &[(usize, Vec<String>)]) -> Box<dyn Query> {
    let term = |text: &str| IndexTerm::from_field_text(field, text);
    if let [(_, only)] = spellings {
        return one_of(
            only.iter()
                .map(|text| -> Box<dyn Query> { Box::new(TermQuery::new(term(text), IndexRecordOption::WithFreqs)) }),
        );
    }
    let mut phrases: Vec<Vec<(usize, IndexTerm)>> = vec![Vec::new()];
    for (position, texts) in spellings {
        let mut next = Vec::with_capacity(phrases.len() * texts.len());
        for phrase in &phrases {
            for text in
                texts.iter().take(if phrases.len() * texts.len() > MAX_PHRASE_SPELLINGS { 1 } else { texts.len() })
            {
                let mut longer = phrase.clone();
                longer.push((*position, term(text)));
                next.push(longer);
            }
        }
        phrases = next;
    }
    one_of(phrases.into_iter().map(|phrase| -> Box<dyn Query> { Box::new(PhraseQuery::new_with_offset(phrase)) }))
}

/// Any of `queries`, or the one when there is one.
fn one_of(queries: impl Iterator<Item = Box<dyn Query>>) -> Box<dyn Query> {
    let mut queries: Vec<Box<dyn Query>> = queries.collect();
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(BooleanQuery::new(queries.into_iter().map(|query| (Occur::Should, query)).collect()))
}

/// Each group of words of the query as written, with its query on its own: which of them an
/// article of a partial match lacks.
pub(super) fn groups(archive: &Archive, searcher: &Searcher, parsed: &Parsed) -> Result<Vec<(String, Box<dyn Query>)>> {
    let planner = Planner::new(archive, searcher)?;
    parsed
        .groups
        .iter()
        .filter(|group| group.is_words())
        .map(|group| {
            let text = group.alternatives.iter().map(ToString::to_string).collect::<Vec<_>>().join(" OR ");
            Ok((text, planner.group(group)?.0))
        })
        .collect()
}

/// Articles naming any of `names` in the exact-name `field`.
pub(super) fn names_query(field: Field, names: &BTreeSet<String>) -> TermSetQuery {
    TermSetQuery::new(names.iter().map(|name| IndexTerm::from_field_text(field, name)))
}

struct Planner<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    names: &'a NameCache,
    endings: &'a EndingCache,
    dictionaries: &'a DictionaryCache,
    /// The text fields of the analyzers that indexed anything.
    analyzed: Vec<&'a TextFields>,
    /// Whether a word is also found as the first part of the archive's compounds that the
    /// parts field misses ([`super::compound`]).
    prefixes: bool,
    /// Whether words are searched only as written: not also as parts of compounds, nor under
    /// other spellings, nor ranked by their form as typed ([`Planner::written`]).
    exact: bool,
}

/// A planned term: its query, and whether some analyzer saw nothing in it.
struct Planned {
    query: Box<dyn Query>,
    weak: bool,
}

impl<'a> Planner<'a> {
    fn new(archive: &'a Archive, searcher: &'a Searcher) -> Result<Planner<'a>> {
        let fields = &archive.fields;
        Ok(Planner {
            searcher,
            fields,
            names: &archive.names,
            endings: &archive.endings,
            dictionaries: &archive.dictionaries,
            analyzed: archive.analyzed.get(searcher, fields)?,
            prefixes: false,
            exact: false,
        })
    }

    /// The query of one group (its alternatives), and whether it can be required: not when
    /// some analyzer saw nothing in one of them (a stop word).
    fn group(&self, group: &Group) -> Result<(Box<dyn Query>, bool)> {
        let mut required = true;
        let mut alternatives = Vec::new();
        for term in &group.alternatives {
            let planned = self.term(term)?;
            required &= !planned.weak;
            alternatives.push((Occur::Should, planned.query));
        }
        Ok((Box::new(BooleanQuery::new(alternatives)), required))
    }

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
        // The word as written (in any of its spellings), and the lesser matches of it as a part
        // of compounds.
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut lesser: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut weak = false;
        let others = self.other_spellings(term)?;
        for text_fields in &self.analyzed {
            let mut tokenizer = self.searcher.index().tokenizer_for_field(text_fields.title)?;
            let terms = analyzer::terms(&mut tokenizer, &term.text);
            if terms.is_empty() {
                weak = true;
                continue;
            }
            let mut spellings = vec![(spellings_by_position(&terms), 1.0)];
            // "aa" alone is "å", a stop word: a spelling of no terms is no query (tantivy
            // refuses a phrase without words), and finds nothing anyway.
            for other in &others {
                let other_terms = analyzer::terms(&mut tokenizer, other);
                if !other_terms.is_empty() {
                    spellings.push((spellings_by_position(&other_terms), OTHER_SPELLING_WEIGHT));
                }
            }
            for (spelling, weight) in &spellings {
                for &part in parts {
                    let query = matching(text_fields.get(part), spelling);
                    alternatives.push((Occur::Should, Box::new(BoostQuery::new(query, part.boost() * weight))));
                }
                // A word, not a phrase, anywhere in the article is also a part of its compounds.
                if let (Some(field), [_], false, false) =
                    (text_fields.parts, spelling.as_slice(), term.phrase, self.exact)
                    && parts == Part::ALL
                {
                    let query = matching(field, spelling);
                    lesser.push((Occur::Should, Box::new(BoostQuery::new(query, PART_WEIGHT * weight))));
                }
            }
            if let [(_, word)] = terms.as_slice()
                && self.prefixes
                && !term.phrase
                && text_fields.analyzer.name == NORWEGIAN
            {
                let typed = term.text.to_lowercase();
                let typed = arkiv_text::fold(&typed).map_or(typed, |(norwegian, _)| norwegian);
                let fields = Part::ALL.map(|part| text_fields.get(part));
                let compounds = super::compound::compounds(
                    self.searcher,
                    (self.endings, self.dictionaries),
                    &fields,
                    word,
                    &typed,
                )?;
                for &part in parts.iter().filter(|_| !compounds.is_empty()) {
                    let field = text_fields.get(part);
                    let any = one_of(compounds.iter().map(|compound| -> Box<dyn Query> {
                        Box::new(TermQuery::new(
                            IndexTerm::from_field_text(field, compound),
                            IndexRecordOption::WithFreqs,
                        ))
                    }));
                    lesser.push((Occur::Should, Box::new(BoostQuery::new(any, part.boost() * PART_WEIGHT))));
                }
            }
        }
        // An article scores by the word as written or by its compounds, whichever counts more:
        // compounds of a word that an article also writes add nothing, so they do not lift an
        // article above one that writes the word as often.
        let query: Box<dyn Query> = match (alternatives.is_empty(), lesser.is_empty()) {
            (true, _) => Box::new(EmptyQuery),
            (false, true) => Box::new(BooleanQuery::new(alternatives)),
            (false, false) => Box::new(DisjunctionMaxQuery::new(vec![
                Box::new(BooleanQuery::new(alternatives)),
                Box::new(BooleanQuery::new(lesser)),
            ])),
        };
        let query = match self.as_name(term)? {
            Some(name) => Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, name)])),
            None => query,
        };
        Ok(Planned { query, weak })
    }

    /// For a word looked for anywhere in the text, not in a phrase: the query for it as typed
    /// (lowercased and folded, unstemmed) in the written field of each analyzer that has one.
    /// Stems join many words ("ferja" and "ferjene") and parts join compounds to their words,
    /// and BM25 then ranks an article that writes another form as high as one that writes the
    /// word the user typed; this clause tells them apart. None when words are searched only as
    /// written: the field also holds the parts of compounds, which `--exact` leaves out.
    fn written(&self, term: &Term) -> Result<Option<Box<dyn Query>>> {
        if self.exact || term.scope != Scope::Text || term.phrase {
            return Ok(None);
        }
        let mut queries: Vec<Box<dyn Query>> = Vec::new();
        for (fields, field) in self.analyzed.iter().filter_map(|fields| Some((fields, fields.written?))) {
            let terms = analyzer::terms(&mut fields.analyzer.build_typed(), &term.text);
            // A term the analyzer reads as several words ("18:00") is a phrase there, which a
            // field without positions cannot match.
            let word = spellings_by_position(&terms);
            if let [_] = word.as_slice() {
                queries.push(Box::new(BoostQuery::new(matching(field, &word), WRITTEN_WEIGHT)));
            }
        }
        Ok((!queries.is_empty()).then(|| one_of(queries.into_iter())))
    }

    /// The other spellings a term is also searched under: the modern spelling of an old one,
    /// and for a word, the other transliterations of it that the archive writes, as a name,
    /// more often than the one typed (so "Sochi" finds "Sotsji" where the archive writes that).
    fn other_spellings(&self, term: &Term) -> Result<Vec<String>> {
        if self.exact {
            return Ok(Vec::new());
        }
        let mut out: Vec<String> = modern_spelling(&term.text).into_iter().collect();
        let typed = term.text.to_lowercase();
        let transliterations = super::spellings::transliterations(&typed);
        // Most words have no other transliteration: they cost no lookup in the index.
        if term.phrase || term.text.contains(char::is_whitespace) || transliterations.is_empty() {
            return Ok(out);
        }
        let field = self.fields.capitalised;
        let mut unstemmed = self.searcher.index().tokenizer_for_field(field)?;
        let mut written = |word: &str| -> Result<u64> {
            let spellings = analyzer::terms(&mut unstemmed, &arkiv_text::capitalise(word));
            let mut articles = 0;
            for (_, spelling) in spellings {
                articles = articles.max(self.searcher.doc_freq(&IndexTerm::from_field_text(field, &spelling))?);
            }
            Ok(articles)
        };
        let as_typed = written(&typed)?;
        for other in transliterations {
            if written(&other)? > as_typed {
                out.push(other);
            }
        }
        Ok(out)
    }

    /// For a word the user writes as a name (with a capital) that is a word of a person's name
    /// in the archive, or a place's one-word name, and that the stemmer would change: the query
    /// that the article writes it capitalised as it is (the `capitalised` field of
    /// [`crate::index`]): "Noren" then finds "Norén", not "Nora", whose stem is the same. A
    /// word the stemmer leaves alone needs no such guard, and one typed in lowercase ("haugen",
    /// the hill) is searched as a word, whatever surname it also is.
    fn as_name(&self, term: &Term) -> Result<Option<Box<dyn Query>>> {
        let capital = term.text.chars().next().is_some_and(char::is_uppercase);
        if !capital || term.phrase || term.text.contains(char::is_whitespace) {
            return Ok(None);
        }
        let field = self.fields.capitalised;
        let mut unstemmed = self.searcher.index().tokenizer_for_field(field)?;
        // The field keeps only words with a capital first letter.
        let spellings = analyzer::terms(&mut unstemmed, &arkiv_text::capitalise(&term.text));
        let stemmed = match self.analyzed.iter().find(|fields| fields.analyzer.name == NORWEGIAN) {
            Some(fields) => analyzer::terms(&mut self.searcher.index().tokenizer_for_field(fields.title)?, &term.text),
            None => return Ok(None),
        };
        // A term that the field reads as several words ("De\u{f}n", with a control code
        // inside) is no one name: the field has no positions to match them as a phrase.
        let spellings = spellings_by_position(&spellings);
        let [(_, written)] = spellings.as_slice() else {
            return Ok(None);
        };
        let Some(word) = written.first() else {
            return Ok(None);
        };
        if stemmed.iter().any(|(_, stem)| stem == word) {
            return Ok(None);
        }
        let names = |kind| self.names.get(self.searcher, self.fields.entity(kind), kind);
        if names(EntityKind::Person)?.has_word(word) || names(EntityKind::Place)?.has_name(word) {
            return Ok(Some(Box::new(ConstScoreQuery::new(matching(field, &spellings), 0.0))));
        }
        Ok(None)
    }

    /// The articles naming what `name` refers to, under any form of the name.
    fn names(&self, kind: EntityKind, name: &str) -> Result<Planned> {
        let field = self.fields.entity(kind);
        let names = self.names.get(self.searcher, field, kind)?.resolve(name);
        Ok(Planned { query: Box::new(names_query(field, &names.stored)), weak: false })
    }

    fn languages(&self, codes: &[String]) -> TermSetQuery {
        let codes = language_codes(codes);
        TermSetQuery::new(codes.iter().map(|code| IndexTerm::from_field_text(self.fields.language, code)))
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
        if !filters.sources.is_empty() {
            let terms = filters.sources.iter().map(|source| IndexTerm::from_field_text(self.fields.source, source));
            out.push(Box::new(TermSetQuery::new(terms)));
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
