//! Search: from a query string and filters to ranked hits with snippets.
//!
//! [`query`] parses what the user typed; [`plan`] turns it into a tantivy query over the
//! fields of every analyzer (each article's text sits in the fields of its language, so a word
//! is looked up through every analyzer); [`snippet`] marks the matches; [`crate::names`] lists
//! and resolves people, places and organisations.

mod plan;
mod query;
mod snippet;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::error::{Context, Error, Result};
use rayon::prelude::*;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};

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
}

/// Runs a search.
pub fn search(archive: &Archive, request: &Request) -> Result<Results> {
    let searcher = archive.reader.searcher();
    let parsed = query::parse(&request.query)?;
    if parsed.is_empty() && request.filters.is_empty() {
        return Err(Error::NothingToSearch);
    }
    let query = plan::build(archive, &searcher, &parsed, &request.filters)?;
    // Without words there is nothing to rank by, so a search by filters alone lists the newest
    // articles first, as `arkiv person` does.
    let sort = if parsed.is_empty() { SortBy::Date } else { request.sort };
    let (total, addresses) = top_docs(&searcher, query.as_ref(), request, sort)?;
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
                Ok(Hit {
                    id: stored.id,
                    path: stored.path,
                    title: article.title,
                    date: article.date,
                    source: article.source,
                    byline: article.byline,
                    language: article.language,
                    score: f64::from(score),
                    snippet_html: snippet.to_html(),
                    snippet,
                    total,
                })
            },
        )
        .collect::<Result<Vec<Hit>>>()?;
    Ok(Results { total, hits })
}

fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    request: &Request,
    sort: SortBy,
) -> Result<(usize, Vec<(f32, DocAddress)>)> {
    let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
    Ok(match sort {
        SortBy::Relevance => searcher.search(query, &(Count, top.order_by_score()))?,
        SortBy::Date => {
            let (total, docs) =
                searcher.search(query, &(Count, top.order_by_fast_field::<DateTime>("date", Order::Desc)))?;
            (total, docs.into_iter().map(|(_, address)| (0.0, address)).collect())
        }
    })
}

fn load(searcher: &Searcher, archive: &Archive, address: DocAddress) -> Result<StoredArticle> {
    let doc: TantivyDocument = searcher.doc(address).context("cannot read a stored article")?;
    StoredArticle::from_document(&archive.fields, &doc)
}

/// The articles naming the entity `name` refers to (see [`names::Names::resolve`]), with how
/// often each names it, and, when `together` is asked for, the entities most often named in the
/// same articles (which needs the names of every kind, so it is not worked out otherwise).
pub fn mentioning(archive: &Archive, kind: EntityKind, name: &str, together: bool) -> Result<Mentions> {
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
    let limit = searcher.num_docs() as usize;
    let docs = searcher
        .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_fast_field::<DateTime>("date", Order::Desc))?;
    let mut articles = Vec::with_capacity(docs.len());
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
        articles.push(Mentioning {
            id: stored.id,
            path: stored.path,
            title: stored.article.title,
            date: stored.article.date,
            mentions,
        });
    }
    let mut together: Vec<Together> =
        counts.into_iter().map(|((name, kind), articles)| Together { name, kind, articles }).collect();
    together.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| (a.kind, &a.name).cmp(&(b.kind, &b.name))));
    Ok(Mentions { names: resolved.canonical, articles, together })
}

/// The most mentioned entities of a kind under their canonical names, with the number of
/// articles naming each.
pub fn top(archive: &Archive, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
    let searcher = archive.reader.searcher();
    Ok(archive.names.get(&searcher, archive.fields.entity(kind), kind)?.top(limit))
}

/// The stored article with this id or path.
pub fn show(archive: &Archive, id_or_path: &str) -> Result<Option<StoredArticle>> {
    let searcher = archive.reader.searcher();
    let path = std::path::Path::new(id_or_path)
        .canonicalize()
        .map_or_else(|_| id_or_path.to_owned(), |path| crate::index::document::path_key(&path));
    for term in
        [Term::from_field_text(archive.fields.id, id_or_path), Term::from_field_text(archive.fields.path, &path)]
    {
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        if let Some((_, address)) = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?.first() {
            return load(&searcher, archive, *address).map(Some);
        }
    }
    Ok(None)
}
