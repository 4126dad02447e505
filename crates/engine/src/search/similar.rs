//! Related articles: those most like one article, by the words that set it apart and by the
//! people, places and organisations it names.
//!
//! The words come from tantivy's more-like-this query over the body field of the article's
//! language: its terms weighted by tf-idf, the most distinctive kept, each a clause boosted by
//! its weight. Every name the article has is a clause of its own, so that two reviews of the same
//! film, which share the director and the actors more than they share words, find each other.

use std::collections::BTreeSet;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{Searcher, Term};

use crate::error::Result;
use crate::index::{Archive, StoredArticle};
use crate::views::{Related, Similar};

/// The most words of the article that are searched for: enough to say what it is about, few
/// enough that a long article is not like everything.
const MAX_WORDS: usize = 25;

/// A word must be in the article this many times to count among its words: once may be chance.
const MIN_WORD_COUNT: usize = 2;

/// A word must be in at least this many articles (the article itself and one more) to find
/// anything.
const MIN_ARTICLES: u64 = 2;

/// The weight of a shared name against that of the most distinctive shared word (1).
const NAME_BOOST: f32 = 0.5;

/// The articles most like `article` (as [`super::show`] found it), at most `limit` of them,
/// leaving out the article itself and the articles whose ids are in `exclude` (its copies).
pub(super) fn similar(
    archive: &Archive,
    searcher: &Searcher,
    article: StoredArticle,
    limit: usize,
    exclude: &BTreeSet<String>,
) -> Result<Similar> {
    let fields = &archive.fields;
    let text = format!("{}\n{}", article.article.title, article.article.text_joined_by("\n"));
    let words = MoreLikeThisQuery::builder()
        .with_max_query_terms(MAX_WORDS)
        .with_min_term_frequency(MIN_WORD_COUNT)
        .with_min_doc_frequency(MIN_ARTICLES)
        .with_document_fields(vec![(fields.text_for(&article.article.language).body, vec![OwnedValue::Str(text)])]);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(words))];
    let names: BTreeSet<(tantivy::schema::Field, &str)> =
        article.article.entities.iter().map(|entity| (fields.entity(entity.kind), entity.name.as_str())).collect();
    for &(field, name) in &names {
        let query = TermQuery::new(Term::from_field_text(field, name), IndexRecordOption::Basic);
        clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(query), NAME_BOOST))));
    }
    for id in exclude.iter().chain([&article.id]) {
        let query = TermQuery::new(Term::from_field_text(fields.id, id), IndexRecordOption::Basic);
        clauses.push((Occur::MustNot, Box::new(query)));
    }
    let query = BooleanQuery::new(clauses);
    let limit = super::at_most_all(searcher, limit).max(1);
    let mut articles = Vec::new();
    for (score, address) in searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())? {
        let found = super::load(searcher, archive, address)?;
        let shared = found
            .article
            .entities
            .iter()
            .filter(|entity| names.contains(&(fields.entity(entity.kind), entity.name.as_str())))
            .map(|entity| entity.name.clone())
            .collect();
        articles.push(Related {
            id: found.id,
            path: found.path,
            title: found.article.title,
            date: found.article.date,
            source: found.article.source,
            score: f64::from(score),
            names: shared,
        });
    }
    Ok(Similar { id: article.id, title: article.article.title, articles })
}
