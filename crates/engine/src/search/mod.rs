//! Search: from a query string and filters to ranked hits with snippets.
//!
//! [`query`] parses what the user typed; [`plan`] turns it into a tantivy query over the
//! fields of every analyzer (each article's text sits in the fields of its language, so a word
//! is looked up through every analyzer); [`snippet`] marks the matches; [`crate::names`] lists
//! and resolves people, places and organisations.

mod compound;
mod correct;
mod plan;
mod query;
mod snippet;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::error::{Context, Error, Result, guarded};
use rayon::prelude::*;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{EnableScoring, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, DocSet, Order, Searcher, TantivyDocument, Term};

use arkiv_ner::EntityKind;

pub use plan::Filters;
pub use query::QueryError;

use crate::index::{Archive, StoredArticle};
use crate::names;
use crate::views::{Hit, Mentioning, Mentions, NameCount, Results, Together};

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
}

/// A search finding fewer articles than this is offered a correction that finds
/// [`MANY_MORE`] times as many.
const FEW: usize = 3;

/// See [`FEW`].
const MANY_MORE: usize = 10;

/// Runs a search. Unless the request is exact, a query that finds nothing is corrected
/// ([`correct`]) and, when that finds nothing either, loosened to the articles that match most
/// of its words; one that finds few gets the correction as a suggestion.
pub fn search(archive: &Archive, request: &Request) -> Result<Results> {
    guarded(|| search_in(archive, request))
}

fn search_in(archive: &Archive, request: &Request) -> Result<Results> {
    let searcher = archive.reader.searcher();
    let parsed = query::parse(&request.query)?;
    if parsed.is_empty() && request.filters.is_empty() {
        return Err(Error::NothingToSearch);
    }
    // Without words there is nothing to rank by, so a search by filters alone lists the newest
    // articles first, as `arkiv person` does.
    let sort = if parsed.is_empty() { SortBy::Date } else { request.sort };
    let find = |parsed: &query::Query, matching| Found::of(archive, &searcher, parsed, request, sort, matching);
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
            for fix in correct::correct(&searcher, &archive.fields, &parsed, &request.query)? {
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
                    for (text, group) in plan::groups(archive, &searcher, &searched)? {
                        missing.push((text, group.weight(EnableScoring::disabled_from_searcher(&searcher))?));
                    }
                    found = alternative;
                    break;
                }
            }
        }
    }
    let Found { query, total, addresses } = found;
    // Most of a search's time goes to the hits: reading each stored article and analyzing its
    // text again to find the snippet. Hits are independent, so they are made on all cores.
    let hits = addresses
        .into_par_iter()
        .map_init(
            || snippet::Snippets::new(&searcher, query.as_ref(), &archive.fields),
            |snippets, (score, address)| {
                let stored = load(&searcher, archive, address)?;
                let snippet = snippets.for_article(&stored.article)?;
                let article = stored.article;
                let mut lacks = Vec::new();
                for (text, group) in &missing {
                    if !has(group.as_ref(), &searcher, address)? {
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
                })
            },
        )
        .collect::<Result<Vec<Hit>>>()?;
    Ok(Results { total, hits, corrected_query, suggestion, partial: !missing.is_empty() })
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

/// What one plan of a query found: the query, the articles it matched, and a page of them.
struct Found {
    query: Box<dyn Query>,
    total: usize,
    addresses: Vec<(f32, DocAddress)>,
}

impl Found {
    fn of(
        archive: &Archive,
        searcher: &Searcher,
        parsed: &query::Query,
        request: &Request,
        sort: SortBy,
        matching: Matching,
    ) -> Result<Found> {
        let query = plan::build(archive, searcher, parsed, &request.filters, matching)?;
        let (total, addresses) = top_docs(searcher, query.as_ref(), request, sort)?;
        Ok(Found { query, total, addresses })
    }
}

fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    request: &Request,
    sort: SortBy,
) -> Result<(usize, Vec<(f32, DocAddress)>)> {
    // tantivy needs a limit of at least 1; an empty page of an empty archive is still empty.
    let limit = at_most_all(searcher, request.limit).max(1);
    let top = TopDocs::with_limit(limit).and_offset(at_most_all(searcher, request.offset));
    Ok(match sort {
        SortBy::Relevance => searcher.search(query, &(Count, top.order_by_score()))?,
        SortBy::Date => {
            let (total, docs) =
                searcher.search(query, &(Count, top.order_by_fast_field::<DateTime>("date", Order::Desc)))?;
            (total, docs.into_iter().map(|(_, address)| (0.0, address)).collect())
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
    guarded(|| mentioning_in(archive, kind, name, together, limit))
}

fn mentioning_in(archive: &Archive, kind: EntityKind, name: &str, together: bool, limit: usize) -> Result<Mentions> {
    let searcher = archive.reader.searcher();
    let kinds = if together { EntityKind::ALL.to_vec() } else { vec![kind] };
    let names: Vec<(EntityKind, Arc<names::Names>)> = kinds
        .into_iter()
        .map(|kind| Ok((kind, archive.names.get(&searcher, archive.fields.entity(kind), kind)?)))
        .collect::<Result<_>>()?;
    let canonical = |of: EntityKind, name: &str| -> String {
        names.iter().find(|(kind, _)| *kind == of).map_or(name, |(_, names)| names.canonical(name)).to_owned()
    };
    let resolved = names.iter().find(|(k, _)| *k == kind).map(|(_, names)| names.resolve(name)).unwrap_or_default();
    if resolved.stored.is_empty() {
        return Ok(Mentions { names: resolved.canonical, ..Mentions::default() });
    }
    let query = plan::names_query(archive.fields.entity(kind), &resolved.stored);
    let read = if together { usize::MAX } else { limit };
    let (total, docs) = searcher.search(
        &query,
        &(
            Count,
            TopDocs::with_limit(at_most_all(&searcher, read).max(1))
                .order_by_fast_field::<DateTime>("date", Order::Desc),
        ),
    )?;
    let mut articles = Vec::with_capacity(docs.len().min(limit));
    let mut counts: HashMap<(String, EntityKind), u64> = HashMap::new();
    for (_, address) in docs {
        let stored = load(&searcher, archive, address)?;
        let mut mentions = 0;
        let mut others = BTreeSet::new();
        for entity in &stored.article.entities {
            if entity.kind == kind && resolved.stored.contains(&entity.name) {
                mentions += entity.mentions;
            } else if together {
                others.insert((canonical(entity.kind, &entity.name), entity.kind));
            }
        }
        for other in others {
            *counts.entry(other).or_default() += 1;
        }
        if articles.len() < limit {
            articles.push(Mentioning {
                id: stored.id,
                path: stored.path,
                title: stored.article.title,
                date: stored.article.date,
                mentions,
            });
        }
    }
    let mut together: Vec<Together> =
        counts.into_iter().map(|((name, kind), articles)| Together { name, kind, articles }).collect();
    together.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| (a.kind, &a.name).cmp(&(b.kind, &b.name))));
    together.truncate(limit);
    Ok(Mentions { names: resolved.canonical, total, articles, together })
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

/// The stored article with this id or path.
pub fn show(archive: &Archive, id_or_path: &str) -> Result<Option<StoredArticle>> {
    guarded(|| show_in(archive, id_or_path))
}

fn show_in(archive: &Archive, id_or_path: &str) -> Result<Option<StoredArticle>> {
    let searcher = archive.reader.searcher();
    let path = std::path::Path::new(id_or_path)
        .canonicalize()
        .map_or_else(|_| id_or_path.to_owned(), |path| crate::index::document::path_key(&path));
    // Ids are hex digits, stored in lowercase: one written in capitals is the same id.
    let id = id_or_path.to_ascii_lowercase();
    for term in [Term::from_field_text(archive.fields.id, &id), Term::from_field_text(archive.fields.path, &path)] {
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        if let Some((_, address)) = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?.first() {
            return load(&searcher, archive, *address).map(Some);
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
