//! Search: from a query string and filters to ranked hits with snippets.
//!
//! [`query`] parses what the user typed; [`plan`] turns it into a tantivy query over the
//! fields of every analyzer (each article's text sits in the fields of its language, so a word
//! is looked up through every analyzer); [`snippet`] marks the matches; [`crate::names`] lists
//! and resolves people, places and organisations.

mod analyzed;
mod cancel;
mod compound;
mod correct;
mod dates;
mod dictionary;
mod exclusion;
mod histogram;
mod kwic;
mod plan;
pub mod query;
mod similar;
mod snippet;
mod spellings;
mod suggest;
mod tally;

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use crate::error::{Context, Error, Result, guarded};
use rayon::prelude::*;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, EnableScoring, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, DocSet, Order, Searcher, TantivyDocument, Term};

use arkiv_ner::EntityKind;

pub(crate) use analyzed::AnalyzedCache;
pub use cancel::Cancel;
pub(crate) use compound::EndingCache;
pub use dates::{DateError, date_range};
pub(crate) use dictionary::DictionaryCache;
pub use histogram::counted as histogram_of_counts;
pub use plan::{Filters, OTHER_SPELLING_WEIGHT};
pub use query::QueryError;
pub use suggest::{ranked as ranked_suggestions, suggest};

use crate::copies::Groups;
use crate::index::analyzer::Analyzer;
use crate::index::{Archive, StoredArticle};
use crate::names;
use crate::views::{
    Concordance, Explored, Histogram, Hit, Mentioning, Mentions, NameCount, NamePage, Period, Results, Similar,
    Together,
};
use tally::{Tally, TallyCollector, Wanted};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// BM25, title and lead weighted above body.
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Date,
}

/// A search request, already validated.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query as typed ([`query`] has its syntax).
    pub query: String,
    /// Filters that must all hold.
    pub filters: Filters,
    /// The order of hits.
    pub sort: SortBy,
    /// The most hits to return.
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// No forgiveness: no correction of typing errors and no partial matches.
    pub exact: bool,
    /// Every copy of a text as a hit of its own, instead of each group of copies once, as its
    /// best hit ([`crate::copies`]).
    pub all_copies: bool,
    /// Set by the asker when it no longer waits for the answer (see [`Cancel`]).
    pub cancel: Cancel,
}

/// A search finding fewer articles than this is offered a correction that finds
/// [`MANY_MORE`] times as many.
const FEW: usize = 3;

/// See [`FEW`].
const MANY_MORE: usize = 10;

/// When copies are shown once per group, a search first ranks this many times the hits it
/// shows (offset and limit): enough that the copies among the first hits are passed over
/// without ranking again, which happens, with twice as many, only where copies crowd them.
const COLLAPSE_WINDOW: usize = 2;

/// Runs a search. Unless the request is exact, a query that finds nothing is corrected
/// ([`correct`]) and, when that finds nothing either, loosened to the articles that match most
/// of its words; one that finds few gets the correction as a suggestion.
pub fn search(archive: &Archive, request: &Request) -> Result<Results> {
    guarded(|| search_in(archive, request))
}

fn search_in(archive: &Archive, request: &Request) -> Result<Results> {
    let searcher = archive.reader.searcher();
    let searched = resolve(archive, &searcher, request, None)?;
    page(archive, &searcher, searched, request)
}

/// A page of results (as [`search`] gives it) with the `facets` most frequent values of each
/// facet and the histogram of every matching article, as a search page shows them.
pub fn explore(archive: &Archive, request: &Request, facets: usize) -> Result<Explored> {
    guarded(|| {
        let searcher = archive.reader.searcher();
        let counting = tally::collector(Wanted { facets: true, dates: true });
        let mut searched = resolve(archive, &searcher, request, Some(&counting))?;
        let tally = searched.found.tally.take().unwrap_or_default();
        let facets = tally.facets(archive, &searcher, facets)?;
        let histogram = histogram::of(&tally.dates, tally.undated, None);
        Ok(Explored { results: page(archive, &searcher, searched, request)?, facets, histogram })
    })
}

/// The articles a search finds (with its corrections, as [`search`] finds them; its limit and
/// offset play no part) per `period`: per year, month or day, or when `period` is `None` per
/// year, or per month when they span less than three years. A request with neither words nor
/// filters counts every article of the archive.
pub fn histogram(archive: &Archive, request: &Request, period: Option<Period>) -> Result<Histogram> {
    guarded(|| {
        let searcher = archive.reader.searcher();
        let wanted = Wanted { facets: false, dates: true };
        let tally = if query::parse(&request.query)?.is_empty() && request.filters.is_empty() {
            tally::tally(&searcher, &AllQuery, wanted, &request.cancel)?
        } else {
            let request = Request { limit: 1, offset: 0, ..request.clone() };
            let counting = tally::collector(wanted);
            resolve(archive, &searcher, &request, Some(&counting))?.found.tally.unwrap_or_default()
        };
        Ok(histogram::of(&tally.dates, tally.undated, period))
    })
}

/// The articles most like the one with this id or path (`None` when the index has no such
/// article): those sharing its most distinctive words and its names, most alike first, at most
/// `limit` of them. The article itself is left out, and so are its copies
/// ([`crate::copies`]), which are like it in everything and tell nothing new.
pub fn similar(archive: &Archive, id_or_path: &str, limit: usize) -> Result<Option<Similar>> {
    guarded(|| {
        let searcher = archive.reader.searcher();
        let Some(address) = address_of(&searcher, archive, id_or_path)? else {
            return Ok(None);
        };
        let groups = archive.copies.get(archive.path(), &searcher);
        let copies: BTreeSet<String> =
            crate::copies::ids(&searcher, &archive.fields, &groups.group(address))?.into_iter().collect();
        let article = load(&searcher, archive, address)?;
        similar::similar(archive, &searcher, article, limit, &copies).map(Some)
    })
}

/// What a concordance is asked for: a word or phrase, the articles to look in, and how much
/// to show.
#[derive(Debug, Clone, Default)]
pub struct KwicRequest {
    /// The word, or the words of a phrase (quotes around them are taken off).
    pub words: String,
    /// The articles to look in.
    pub filters: Filters,
    /// The characters of context on either side of a match.
    pub width: usize,
    /// The most occurrences to list.
    pub limit: usize,
}

/// The articles read for a concordance at a time: most have an occurrence or more, so the
/// first batch usually holds the lines asked for.
const KWIC_BATCH: usize = 64;

/// Every occurrence of a word or phrase in the articles that have it (as a search for the
/// phrase finds them, inflected forms included, without corrections), newest article first,
/// each with its context; at most `request.limit`.
pub fn kwic(archive: &Archive, request: &KwicRequest) -> Result<Concordance> {
    guarded(|| {
        let words = request.words.trim().trim_matches('"').trim();
        if words.is_empty() {
            return Err(Error::NothingToSearch);
        }
        let searcher = archive.reader.searcher();
        let phrase = format!("\"{}\"", words.replace('"', " "));
        let mut search = Request {
            query: phrase,
            filters: request.filters.clone(),
            sort: SortBy::Date,
            limit: KWIC_BATCH.min(request.limit.max(1)),
            offset: 0,
            exact: true,
            // Every occurrence, in every copy of a text.
            all_copies: true,
            ..Request::default()
        };
        let mut patterns: Vec<(&'static str, Option<kwic::Pattern>)> = Vec::new();
        let mut lines = Vec::new();
        loop {
            let found = resolve(archive, &searcher, &search, None)?.found;
            let read = found.addresses.len();
            for (_, address) in found.addresses {
                let stored = load(&searcher, archive, address)?;
                let analyzer = Analyzer::for_language(&stored.article.language);
                let at = match patterns.iter().position(|(name, _)| *name == analyzer.name) {
                    Some(at) => at,
                    None => {
                        patterns.push((analyzer.name, kwic::Pattern::of(analyzer, words)));
                        patterns.len() - 1
                    }
                };
                if let Some(pattern) = &patterns[at].1 {
                    lines.extend(kwic::occurrences(&stored.id, &stored.article, pattern, request.width));
                }
                if lines.len() > request.limit {
                    lines.truncate(request.limit);
                    return Ok(Concordance { articles: found.total, lines, more: true });
                }
            }
            search.offset += read;
            if read == 0 || search.offset >= found.total {
                return Ok(Concordance { articles: found.total, lines, more: false });
            }
            search.limit = KWIC_BATCH;
        }
    })
}

/// What a search settled on: the plan that found its articles, and how it got there.
struct Searched {
    found: Found,
    corrected_query: Option<String>,
    suggestion: Option<String>,
    /// In a partial match, each group of words of the query, to tell which a hit lacks.
    missing: Vec<(String, Box<dyn Weight>)>,
}

/// Plans a search, with the corrections and loosening that [`search`] describes. With
/// `counting`, each plan tried tallies its matches in the same pass that ranks them, so the
/// plan settled on comes with the tally of its articles.
fn resolve(
    archive: &Archive,
    searcher: &Searcher,
    request: &Request,
    counting: Option<&TallyCollector>,
) -> Result<Searched> {
    let parsed = query::parse(&request.query)?;
    if parsed.is_empty() && request.filters.is_empty() {
        return Err(Error::NothingToSearch);
    }
    // Without words there is nothing to rank by, so a search by filters alone lists the newest
    // articles first, as `arkiv person` does.
    let sort = if parsed.is_empty() { SortBy::Date } else { request.sort };
    let find =
        |parsed: &query::Query, matching| Found::of(archive, searcher, parsed, request, (sort, counting), matching);
    let mut found = find(&parsed, Matching::All)?;
    let (mut corrected_query, mut suggestion, mut searched) = (None, None, parsed.clone());
    let mut missing: Vec<(String, Box<dyn Weight>)> = Vec::new();
    if !request.exact {
        if found.total < FEW {
            let with_parts = find(&parsed, Matching::AllWithParts)?;
            if with_parts.total > found.total {
                found = with_parts;
            }
        }
        if found.total < FEW {
            for fix in correct::correct(searcher, archive, &parsed, &request.query)? {
                let alternative = find(&fix.parsed, Matching::All)?;
                if found.total == 0 && alternative.total > 0 {
                    (found, corrected_query, searched) = (alternative, Some(fix.text), fix.parsed);
                    break;
                } else if found.total > 0 && alternative.total >= MANY_MORE * found.total {
                    suggestion = Some(fix.text);
                    break;
                }
            }
        }
        if found.total == 0 {
            let words = searched.groups.iter().filter(|group| group.is_words()).count();
            for least in (1..words).rev() {
                let alternative = find(&searched, Matching::AtLeast(least))?;
                if alternative.total > 0 {
                    for (text, group) in plan::groups(archive, searcher, &searched)? {
                        missing.push((text, group.weight(EnableScoring::disabled_from_searcher(searcher))?));
                    }
                    found = alternative;
                    break;
                }
            }
        }
    }
    Ok(Searched { found, corrected_query, suggestion, missing })
}

/// The hits of a planned search, with their snippets and copies, unless the search is
/// cancelled first.
fn page(archive: &Archive, searcher: &Searcher, searched: Searched, request: &Request) -> Result<Results> {
    let Searched { found: Found { query, total, addresses, sort, .. }, corrected_query, suggestion, missing } =
        searched;
    let groups = archive.copies.get(archive.path(), searcher);
    let grouped = if request.all_copies {
        addresses.into_iter().map(|(score, address)| (score, address, groups.group(address))).collect()
    } else {
        collapse(&groups, searcher, query.as_ref(), request, (total, sort), addresses)?
    };
    let mut shown = Vec::with_capacity(grouped.len());
    for (score, address, group) in grouped {
        let copies = group.into_iter().filter(|&copy| copy != address).collect::<Vec<_>>();
        shown.push((score, address, crate::copies::ids(searcher, &archive.fields, &copies)?));
    }
    // Most of a search's time goes to the hits: reading each stored article and analyzing its
    // text again to find the snippet. Hits are independent, so they are made on all cores.
    let hits = shown
        .into_par_iter()
        .map_init(
            || snippet::Snippets::new(searcher, query.as_ref(), &archive.fields),
            |snippets, (score, address, copies)| {
                request.cancel.check()?;
                let stored = load(searcher, archive, address)?;
                let snippet = snippets.for_article(&stored.article)?;
                let article = stored.article;
                let mut lacks = Vec::new();
                for (text, group) in &missing {
                    if !has(group.as_ref(), searcher, address)? {
                        lacks.push(text.clone());
                    }
                }
                Ok(Hit {
                    id: stored.id,
                    path: stored.path,
                    title: article.title,
                    date: article.date,
                    source: article.source,
                    byline: article.byline,
                    language: article.language,
                    score: f64::from(score),
                    snippet,
                    total,
                    missing: lacks,
                    corrected_query: corrected_query.clone(),
                    suggestion: suggestion.clone(),
                    copies,
                })
            },
        )
        .collect::<Result<Vec<Hit>>>()?;
    Ok(Results { total, hits, corrected_query, suggestion, partial: !missing.is_empty() })
}

/// The page of hits a request asks for when each group of copies is shown once: the ranked
/// `window` (from the first hit) is walked in order, a hit whose group an earlier hit shows is
/// passed over, and the window is ranked again twice as wide while it holds too few groups.
/// Each hit comes with its group.
fn collapse(
    groups: &Groups,
    searcher: &Searcher,
    query: &dyn Query,
    request: &Request,
    (total, sort): (usize, SortBy),
    mut window: Vec<(f32, DocAddress)>,
) -> Result<Vec<(f32, DocAddress, Vec<DocAddress>)>> {
    let wanted = request.offset.saturating_add(request.limit);
    loop {
        let mut shown = Vec::new();
        let mut covered = HashSet::new();
        for &(score, address) in &window {
            if shown.len() == wanted {
                break;
            }
            if covered.contains(&address) {
                continue;
            }
            let group = groups.group(address);
            covered.extend(group.iter().copied());
            shown.push((score, address, group));
        }
        if shown.len() == wanted || window.len() >= total {
            return Ok(shown.into_iter().skip(request.offset).collect());
        }
        let wider = window.len().saturating_mul(2).max(1);
        window = top_docs(searcher, query, (wider, 0), sort, None, &request.cancel)?.1;
    }
}

/// Whether the article at `address` matches `weight`.
fn has(weight: &dyn Weight, searcher: &Searcher, address: DocAddress) -> Result<bool> {
    let mut scorer = weight.scorer(searcher.segment_reader(address.segment_ord), 1.0)?;
    // A scorer starts on its first document, and may not seek backwards from there.
    Ok(scorer.doc() <= address.doc_id && scorer.seek(address.doc_id) == address.doc_id)
}

/// How many of a query's words an article must match.
#[derive(Debug, Clone, Copy)]
enum Matching {
    /// Every one.
    All,
    /// Every one, also as a part of a compound ([`compound`]).
    AllWithParts,
    /// At least this many.
    AtLeast(usize),
}

/// What one plan of a query found: the query, the articles it matched, and a page of them
/// (with every copy), or when copies are shown once per group the first [`COLLAPSE_WINDOW`]
/// times as many, in the order `sort`; and the tally of all of them when one was asked for.
struct Found {
    query: Box<dyn Query>,
    total: usize,
    addresses: Vec<(f32, DocAddress)>,
    sort: SortBy,
    tally: Option<Tally>,
}

impl Found {
    fn of(
        archive: &Archive,
        searcher: &Searcher,
        parsed: &query::Query,
        request: &Request,
        (sort, counting): (SortBy, Option<&TallyCollector>),
        matching: Matching,
    ) -> Result<Found> {
        let query = plan::build(archive, searcher, parsed, &request.filters, matching, request.exact)?;
        let (limit, offset) = if request.all_copies {
            (request.limit, request.offset)
        } else {
            (request.offset.saturating_add(request.limit).saturating_mul(COLLAPSE_WINDOW), 0)
        };
        let (total, addresses, tally) =
            top_docs(searcher, query.as_ref(), (limit, offset), sort, counting.cloned(), &request.cancel)?;
        Ok(Found { query, total, addresses, sort, tally })
    }
}

/// Articles in the order of a search, each with its score (0 when ranked by date).
type Ranked = Vec<(f32, DocAddress)>;

/// The number of matching articles and the `limit` best from `offset` on, in the order `sort`,
/// with the tally of `counting` over all of them, counted in the same pass.
fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    (limit, offset): (usize, usize),
    sort: SortBy,
    counting: Option<TallyCollector>,
    cancel: &Cancel,
) -> Result<(usize, Ranked, Option<Tally>)> {
    // tantivy needs a limit of at least 1; an empty page of an empty archive is still empty.
    let limit = at_most_all(searcher, limit).max(1);
    let top = TopDocs::with_limit(limit).and_offset(at_most_all(searcher, offset));
    Ok(match sort {
        SortBy::Relevance => cancel::collect(searcher, query, &(Count, top.order_by_score(), counting), cancel)?,
        SortBy::Date => {
            let by_date = (Count, top.order_by_fast_field::<DateTime>("date", Order::Desc), counting);
            let (total, docs, tally) = cancel::collect(searcher, query, &by_date, cancel)?;
            (total, docs.into_iter().map(|(_, address)| (0.0, address)).collect(), tally)
        }
    })
}

/// A count of documents for a collector, no more than the archive holds. tantivy sets aside room
/// for as many hits as a collector may keep, so a limit or offset of any size a user can type
/// (`--limit 18446744073709551615`) would be allocated as typed; a limit past every article
/// means every article.
fn at_most_all(searcher: &Searcher, count: usize) -> usize {
    count.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX))
}

fn load(searcher: &Searcher, archive: &Archive, address: DocAddress) -> Result<StoredArticle> {
    let doc: TantivyDocument = searcher.doc(address).context("cannot read a stored article")?;
    StoredArticle::from_document(&archive.fields, &doc)
}

/// The articles naming the entity `name` refers to (see [`names::Names::resolve`]), with how
/// often each names it, the newest `limit` of them; and, when `together` is asked for, the
/// `limit` entities most often named in the same articles (counted over all of them, and with
/// the names of every kind, so it is not worked out otherwise).
pub fn mentioning(archive: &Archive, kind: EntityKind, name: &str, together: bool, limit: usize) -> Result<Mentions> {
    guarded(|| Ok(mentioning_in(archive, kind, name, Wanted { facets: together, dates: false }, limit)?.0))
}

/// The page of an entity: what [`mentioning`] gives with `together`, and the histogram of all
/// the articles naming it (per year, or per month when they span less than three years).
pub fn name_page(archive: &Archive, kind: EntityKind, name: &str, limit: usize) -> Result<NamePage> {
    guarded(|| {
        let (mentions, tally) = mentioning_in(archive, kind, name, Wanted { facets: true, dates: true }, limit)?;
        let histogram = histogram::of(&tally.dates, tally.undated, None);
        Ok(NamePage { mentions, histogram })
    })
}

/// [`mentioning`], with the names named together when `wanted.facets`, and the tally of the
/// articles' names (when `wanted.facets`) and dates (when `wanted.dates`).
fn mentioning_in(
    archive: &Archive,
    kind: EntityKind,
    name: &str,
    wanted: Wanted,
    limit: usize,
) -> Result<(Mentions, Tally)> {
    let searcher = archive.reader.searcher();
    let resolved = archive.names.get(&searcher, archive.fields.entity(kind), kind)?.resolve(name);
    if resolved.stored.is_empty() {
        return Ok((Mentions { names: resolved.canonical, ..Mentions::default() }, Tally::default()));
    }
    let query = plan::names_query(archive.fields.entity(kind), &resolved.stored);
    let (total, docs) = searcher.search(
        &query,
        &(
            Count,
            TopDocs::with_limit(at_most_all(&searcher, limit).max(1))
                .order_by_fast_field::<DateTime>("date", Order::Desc),
        ),
    )?;
    let mut articles = Vec::with_capacity(docs.len());
    for (_, address) in docs {
        let stored = load(&searcher, archive, address)?;
        let mentions = stored
            .article
            .entities
            .iter()
            .filter(|entity| entity.kind == kind && resolved.stored.contains(&entity.name))
            .map(|entity| entity.mentions)
            .sum();
        articles.push(Mentioning {
            id: stored.id,
            path: stored.path,
            title: stored.article.title,
            date: stored.article.date,
            mentions,
        });
    }
    let tally = if wanted.facets || wanted.dates {
        tally::tally(&searcher, &query, wanted, &Cancel::default())?
    } else {
        Tally::default()
    };
    let mut together = Vec::new();
    if wanted.facets {
        let nothing = BTreeSet::new();
        for of in EntityKind::ALL {
            let itself = if of == kind { &resolved.canonical } else { &nothing };
            for count in tally.top_names(archive, &searcher, of, limit, itself)? {
                together.push(Together { name: count.name, kind: of, articles: count.articles });
            }
        }
    }
    together.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| (a.kind, &a.name).cmp(&(b.kind, &b.name))));
    together.truncate(limit);
    Ok((Mentions { names: resolved.canonical, total, articles, together }, tally))
}

/// The canonical names of an archive: the names each stored name is listed and filtered under
/// ("Putin" under "Vladimir Putin", see the `names` module), for a back end that is given the
/// archive's articles with their names (an export to a cluster).
pub struct Canonical {
    names: Vec<(EntityKind, Arc<names::Names>)>,
}

impl Canonical {
    /// The canonical name of the stored `name` of `kind`.
    pub fn of<'a>(&'a self, kind: EntityKind, name: &'a str) -> &'a str {
        self.names.iter().find(|(of, _)| *of == kind).map_or(name, |(_, names)| names.canonical(name))
    }
}

/// The canonical names of every kind in the archive.
pub fn canonical(archive: &Archive) -> Result<Canonical> {
    guarded(|| {
        let searcher = archive.reader.searcher();
        let names = EntityKind::ALL
            .into_iter()
            .map(|kind| Ok((kind, archive.names.get(&searcher, archive.fields.entity(kind), kind)?)))
            .collect::<Result<_>>()?;
        Ok(Canonical { names })
    })
}

/// The most mentioned entities of a kind under their canonical names, with the number of
/// articles naming each.
pub fn top(archive: &Archive, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
    guarded(|| top_in(archive, kind, limit))
}

fn top_in(archive: &Archive, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
    let searcher = archive.reader.searcher();
    Ok(archive.names.get(&searcher, archive.fields.entity(kind), kind)?.top(limit))
}

/// The canonical names of a kind of which a word starts with `prefix` (as [`top`] lists them,
/// most mentioned first).
pub fn starting(archive: &Archive, kind: EntityKind, prefix: &str, limit: usize) -> Result<Vec<NameCount>> {
    guarded(|| {
        let searcher = archive.reader.searcher();
        Ok(archive.names.get(&searcher, archive.fields.entity(kind), kind)?.starting(prefix, limit))
    })
}

/// The stored article with this id or path.
pub fn show(archive: &Archive, id_or_path: &str) -> Result<Option<StoredArticle>> {
    guarded(|| show_in(archive, id_or_path))
}

fn show_in(archive: &Archive, id_or_path: &str) -> Result<Option<StoredArticle>> {
    let searcher = archive.reader.searcher();
    address_of(&searcher, archive, id_or_path)?.map(|address| load(&searcher, archive, address)).transpose()
}

/// Where the article with this id, or indexed from this path, is in the index.
fn address_of(searcher: &Searcher, archive: &Archive, id_or_path: &str) -> Result<Option<DocAddress>> {
    let path = std::path::Path::new(id_or_path)
        .canonicalize()
        .map_or_else(|_| id_or_path.to_owned(), |path| crate::index::document::path_key(&path));
    // Ids are hex digits, stored in lowercase: one written in capitals is the same id.
    let id = id_or_path.to_ascii_lowercase();
    for term in [Term::from_field_text(archive.fields.id, &id), Term::from_field_text(archive.fields.path, &path)] {
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        if let Some((_, address)) = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?.first() {
            return Ok(Some(*address));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod properties {
    use std::path::Path;
    use std::sync::OnceLock;

    use super::query::properties::query_text;
    use super::*;
    use proptest::prelude::*;

    /// Reviews of the bundled corpus that are indexed for the searches below.
    const REVIEWS: usize = 40;

    /// An index of the first [`REVIEWS`] reviews of the bundled corpus, with their names, built
    /// once for all cases.
    fn archive() -> &'static Archive {
        static ARCHIVE: OnceLock<(tempfile::TempDir, Archive)> = OnceLock::new();
        &ARCHIVE
            .get_or_init(|| {
                let dir = tempfile::tempdir().expect("temporary folder");
                let reviews = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/norec");
                let mut names: Vec<_> = std::fs::read_dir(&reviews).expect("the bundled corpus").flatten().collect();
                names.sort_by_key(std::fs::DirEntry::file_name);
                std::fs::create_dir(dir.path().join("articles")).expect("folder of articles");
                for entry in names.iter().take(REVIEWS) {
                    std::fs::copy(entry.path(), dir.path().join("articles").join(entry.file_name())).expect("copy");
                }
                let archive = Archive::open_or_create(&dir.path().join("index")).expect("index");
                let summary = crate::ingest::run(&archive, &dir.path().join("articles"), &Default::default(), &())
                    .expect("ingest");
                assert_eq!(summary.indexed, REVIEWS);
                (dir, archive)
            })
            .1
    }

    /// Found by the `query` fuzz target: "aa" is the old spelling of "å", a stop word, and
    /// its modern spelling had no terms, which made a phrase of none that tantivy refuses.
    #[test]
    fn the_old_spelling_of_a_stop_word_is_searched_as_typed() {
        for query in ["aa", "aa film", "\"aa film\""] {
            for exact in [false, true] {
                let request = Request { query: query.into(), limit: 5, exact, ..Default::default() };
                assert!(search(archive(), &request).is_ok(), "{query}");
            }
        }
    }

    /// Found by the `query` fuzz target: a word with control codes inside is one term to the
    /// query parser but several words to the field of capitalised words, which has no
    /// positions to match them as a phrase.
    #[test]
    fn a_word_with_control_codes_inside_is_no_phrase_of_names() {
        for query in ["De\u{f}n\0\0e\0\u{48c}", "De\u{1}Niro"] {
            for sort in [SortBy::Relevance, SortBy::Date] {
                let request = Request { query: query.into(), limit: 5, sort, ..Default::default() };
                assert!(search(archive(), &request).is_ok(), "{query:?}");
            }
        }
    }

    /// Found by the `query` fuzz target (`-p\0\0\0l`): a query of an excluded phrase made
    /// tantivy's phrase scorer assert in a build with debug assertions ([`exclusion`]). An
    /// excluded phrase leaves out exactly the articles the phrase finds.
    #[test]
    fn an_excluded_phrase_leaves_out_what_the_phrase_finds() {
        let total = |query: String| {
            let request = Request { query, limit: 1, exact: true, ..Default::default() };
            search(archive(), &request).unwrap_or_else(|error| panic!("{}: {error}", request.query)).total
        };
        let mut excluded_some = false;
        for phrase in ["\"p l\"", "p\0\0\0l", "\"år siden\"", "\"dukker opp\""] {
            let (found, left) = (total(phrase.to_owned()), total(format!("-{phrase}")));
            assert_eq!(found + left, REVIEWS, "{phrase:?}: {found} found, {left} left");
            excluded_some |= found > 0;
        }
        assert!(excluded_some, "no phrase found any review");
    }

    /// A search told to stop ends with [`Error::Cancelled`], whichever part it is in when it
    /// looks, and the same search not told to stop answers.
    #[test]
    fn a_cancelled_search_stops_with_cancelled() {
        let request = Request { query: "film".into(), limit: 5, ..Default::default() };
        assert!(search(archive(), &request).is_ok_and(|results| results.total > 0));
        assert!(explore(archive(), &request, 5).is_ok());
        request.cancel.cancel();
        assert!(matches!(search(archive(), &request), Err(Error::Cancelled)));
        assert!(matches!(explore(archive(), &request, 5), Err(Error::Cancelled)));
        assert!(matches!(histogram(archive(), &request, None), Err(Error::Cancelled)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_query_is_answered_or_refused_as_a_query(query in query_text(), exact in any::<bool>(), by_date in any::<bool>()) {
            let sort = if by_date { SortBy::Date } else { SortBy::Relevance };
            let request = Request { query, limit: 5, exact, sort, ..Default::default() };
            match search(archive(), &request) {
                Ok(results) => {
                    prop_assert!(results.hits.len() <= results.total.min(request.limit));
                    for hit in &results.hits {
                        for range in &hit.snippet.highlights {
                            prop_assert!(hit.snippet.text.get(range.clone()).is_some_and(|word| !word.is_empty()), "{range:?} of {:?}", hit.snippet.text);
                        }
                    }
                }
                Err(Error::Query(_) | Error::NothingToSearch) => {}
                Err(error) => prop_assert!(false, "{error}"),
            }
        }
    }
}
