//! Search through the cluster: arkiv's parsed query ([`arkiv_engine::search::query`]) in the
//! query DSL, names resolved against the names the cluster holds, snippets from its
//! highlighter and listings from terms aggregations, all into the engine's views.
//!
//! The query is planned as the local index plans it: every group required (a bool `must`),
//! alternatives of a group summed (`should`), exclusions `must_not`, filters as `filter`; a
//! text term is a `multi_match` over each language's title, lead and body fields weighted 3, 2
//! and 1 (a `phrase` one for a phrase), and a word that the stop words of a language the index
//! holds drop is not required, as locally. What the cluster does not do: correct typing errors,
//! loosen a query that finds nothing to its best partial matches, or find a word as a part of
//! compounds; a search there is always what `--exact` does locally.
//!
//! The back end answers the engine's [`arkiv_engine::Backend`], so every front end (the
//! command line, `arkiv serve`) uses it as it uses the local index: facets and histograms
//! from aggregations in the request of the search, name suggestions from the names' text
//! sub-fields.

use std::collections::BTreeSet;

use arkiv_engine::search::query::{self, Scope, Term, language_codes, modern_spelling};
use arkiv_engine::search::{OTHER_SPELLING_WEIGHT, Request, SortBy, histogram_of_counts, ranked_suggestions};
use arkiv_engine::views::{
    ArticleView, Explored, Facets, Histogram, Hit, Mentioning, Mentions, NameCount, NamePage, Results, Snippet,
    Suggestion, Together,
};
use arkiv_ner::EntityKind;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::client::{Method, Patience};
use crate::error::{Error, Result};
use crate::export::Named;
use crate::mapping::PARTS;
use crate::{Backend, HIGHLIGHT_MARKS};

/// OpenSearch's default `index.max_result_window`, which a `from` and `size` together may not
/// pass; an index may set another (see [`Backend::window`]).
const MAX_RESULT_WINDOW: usize = 10_000;
/// The most names a listing has: OpenSearch's default `search.max_buckets`.
const MAX_BUCKETS: usize = 65_535;
/// Characters of a snippet: about what arkiv's snippets hold.
const SNIPPET_CHARS: usize = 200;
/// Names of the matching articles read to find the canonical names a typed name refers to.
const NAME_CANDIDATES: usize = 2_000;
/// Terms each shard counts for a listing beyond those asked for, so that the counts summed
/// over shards are exact for an archive of a few hundred thousand names.
const SHARD_TERMS: usize = 100_000;
/// The most positions between two words of one name (a name of a field of names is never
/// that long, and values lie 100 positions apart).
const NAME_GAPS: u32 = 10;

/// The facets of a search page: the name of each in [`Facets`] and the keyword field it counts.
const FACETS: [(&str, &str); 5] = [
    ("people", "people"),
    ("places", "places"),
    ("organisations", "orgs"),
    ("languages", "language"),
    ("sources", "source"),
];

/// The field of a kind's canonical names.
fn names_field(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "people",
        EntityKind::Place => "places",
        EntityKind::Organisation => "orgs",
    }
}

impl Backend {
    fn search_path(&self, dfs: bool) -> String {
        let search_type = if dfs { "?search_type=dfs_query_then_fetch" } else { "" };
        format!("/{}/_search{search_type}", self.index)
    }

    fn query(&self, body: &Value, dfs: bool, what: &str) -> Result<Value> {
        self.cluster.json(Patience::Search, Method::Post, &self.search_path(dfs), Some(body), what)
    }

    /// The analyzers of the languages the index holds.
    fn analyzers(&self) -> Result<&[&'static str]> {
        if let Some(analyzers) = self.analyzers.get() {
            return Ok(analyzers);
        }
        let body = json!({ "size": 0, "aggs": { "languages": { "terms": { "field": "language", "size": 1000 } } } });
        let answer = self.query(&body, false, "the index's languages")?;
        let mut analyzers: Vec<&'static str> = buckets(&answer, "languages")
            .iter()
            .filter_map(|bucket| bucket["key"].as_str())
            .map(arkiv_engine::analyzer_name)
            .collect();
        analyzers.sort_unstable();
        analyzers.dedup();
        Ok(self.analyzers.get_or_init(|| analyzers))
    }

    /// The hits one request may reach (`from` + `size`): the index's `max_result_window`.
    /// Pages beyond it are reached with `search_after`.
    fn window(&self) -> Result<usize> {
        if let Some(window) = self.window.get() {
            return Ok(*window);
        }
        const SETTING: &str = "index.max_result_window";
        let path = format!("/{}/_settings/{SETTING}?include_defaults=true&flat_settings=true", self.index);
        let answer = self.cluster.json(Patience::Search, Method::Get, &path, None, "the index's result window")?;
        let window = answer
            .as_object()
            .and_then(|indices| indices.values().next())
            .and_then(|index| ["settings", "defaults"].into_iter().find_map(|part| index[part][SETTING].as_str()))
            .and_then(|value| value.parse().ok())
            .unwrap_or(MAX_RESULT_WINDOW);
        Ok(*self.window.get_or_init(|| window))
    }

    /// Searches the cluster, with `aggs` over every matching article when given. The query
    /// language is arkiv's; the results are the engine's, beside the cluster's whole answer
    /// (for the aggregations).
    fn find(&self, request: &Request, aggs: Option<Value>) -> Result<(Results, Value)> {
        let parsed = query::parse(&request.query).map_err(arkiv_engine::Error::from)?;
        if parsed.is_empty() && request.filters.is_empty() {
            return Err(arkiv_engine::Error::NothingToSearch.into());
        }
        let sort = if parsed.is_empty() { SortBy::Date } else { request.sort };
        let mut must = Vec::new();
        let mut should = Vec::new();
        for group in &parsed.groups {
            let mut alternatives = Vec::new();
            let mut required = true;
            for term in &group.alternatives {
                let (query, weak) = self.term(term)?;
                required &= !weak;
                alternatives.push(query);
            }
            let group = json!({ "bool": { "should": alternatives, "minimum_should_match": 1 } });
            if required { must.push(group) } else { should.push(group) }
        }
        let mut must_not = Vec::new();
        for term in &parsed.excluded {
            must_not.push(self.term(term)?.0);
        }
        let mut filter = Vec::new();
        let filters = &request.filters;
        for (kind, names) in [
            (EntityKind::Person, &filters.people),
            (EntityKind::Place, &filters.places),
            (EntityKind::Organisation, &filters.orgs),
        ] {
            for name in names {
                filter.push(self.names_query(kind, name)?);
            }
        }
        if !filters.languages.is_empty() {
            filter.push(languages_query(&filters.languages));
        }
        if !filters.sources.is_empty() {
            filter.push(json!({ "terms": { "source": filters.sources } }));
        }
        if filters.from.is_some() || filters.until.is_some() {
            let mut range = serde_json::Map::new();
            if let Some(from) = filters.from {
                range.insert("gte".into(), json!(rfc3339(from)?));
            }
            if let Some(until) = filters.until {
                range.insert("lt".into(), json!(rfc3339(until)?));
            }
            filter.push(json!({ "range": { "date": range } }));
        }
        let query = json!({ "bool": { "must": must, "should": should, "must_not": must_not, "filter": filter } });
        let dfs = sort == SortBy::Relevance;
        let order = match sort {
            SortBy::Relevance => json!([{ "_score": "desc" }, { "id": "asc" }]),
            SortBy::Date => json!([{ "date": { "order": "desc", "missing": "_last" } }, { "id": "asc" }]),
        };
        let window = self.window()?;
        let highlight_field =
            json!({ "fragment_size": SNIPPET_CHARS, "number_of_fragments": 1, "no_match_size": SNIPPET_CHARS });
        let mut body = json!({
            "query": query,
            "sort": order,
            "size": request.limit.min(window),
            "track_total_hits": true,
            "_source": ["id", "path", "article.title", "article.date", "article.source", "article.byline", "article.language", "body"],
            "highlight": {
                "pre_tags": [HIGHLIGHT_MARKS[0].to_string()],
                "post_tags": [HIGHLIGHT_MARKS[1].to_string()],
                "require_field_match": false,
                "fields": { "body.*": highlight_field, "lead.*": highlight_field },
            },
        });
        if request.offset.saturating_add(request.limit) <= window {
            body["from"] = json!(request.offset);
        } else if let Some(after) = self.skip(&query, &order, request.offset, window, dfs)? {
            body["search_after"] = after;
        }
        if let Some(aggs) = aggs {
            body["aggs"] = aggs;
        }
        let answer = self.query(&body, dfs, "a search")?;
        let total = answer["hits"]["total"]["value"].as_u64().unwrap_or_default() as usize;
        let hits = answer["hits"]["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|hit| {
                let source = &hit["_source"];
                let article = &source["article"];
                Ok(Hit {
                    id: text(&source["id"]),
                    path: text(&source["path"]),
                    title: text(&article["title"]),
                    date: date(&article["date"])?,
                    source: article["source"].as_str().map(str::to_owned),
                    byline: article["byline"].as_str().map(str::to_owned),
                    language: text(&article["language"]),
                    score: hit["_score"].as_f64().unwrap_or_default(),
                    snippet: snippet(hit),
                    total,
                    missing: Vec::new(),
                    corrected_query: None,
                    suggestion: None,
                    copies: Vec::new(),
                })
            })
            .collect::<Result<Vec<Hit>>>()?;
        Ok((Results { total, hits, corrected_query: None, suggestion: None, partial: false }, answer))
    }

    /// The sort values of the `offset`-th hit in `order`, for a page that ends past the
    /// index's result `window`: the hits before it are read in pages of the window, ids only,
    /// each page after the last hit of the one before (`search_after`). `None` when `offset`
    /// is 0.
    fn skip(&self, query: &Value, order: &Value, offset: usize, window: usize, dfs: bool) -> Result<Option<Value>> {
        let mut after: Option<Value> = None;
        let mut skipped = 0;
        while skipped < offset {
            let size = (offset - skipped).min(window);
            let mut body =
                json!({ "query": query, "sort": order, "size": size, "_source": false, "track_total_hits": false });
            if let Some(after) = &after {
                body["search_after"] = after.clone();
            }
            let answer = self.query(&body, dfs, "paging through a search")?;
            let hits = answer["hits"]["hits"].as_array().map(Vec::as_slice).unwrap_or_default();
            let Some(last) = hits.last() else { break };
            after = Some(last["sort"].clone());
            skipped += hits.len();
            if hits.len() < size {
                break;
            }
        }
        Ok(after)
    }

    /// A page of hits with the `facets` most frequent values of each facet and the histogram
    /// of every matching article, in the one request of the search.
    fn faceted(&self, request: &Request, facets: usize) -> Result<Explored> {
        let mut aggs = histogram_aggs();
        for (name, field) in FACETS {
            aggs[name] = json!({ "terms": {
                "field": field,
                "size": facets,
                "shard_size": SHARD_TERMS,
                "order": [{ "_count": "desc" }, { "_key": "asc" }],
            } });
        }
        let (results, answer) = self.find(request, Some(aggs))?;
        let [people, places, organisations, languages, sources] = FACETS.map(|(name, _)| counts(&answer, name));
        let facets = Facets { people, places, organisations, languages, sources };
        Ok(Explored { results, facets, histogram: histogram(&answer) })
    }

    /// The query of one term, and whether a language of the index drops it as a stop word.
    fn term(&self, term: &Term) -> Result<(Value, bool)> {
        let parts: Vec<(&str, f64)> = match term.scope {
            Scope::Text => PARTS.to_vec(),
            Scope::Title => vec![PARTS[0]],
            Scope::Lead => vec![PARTS[1]],
            Scope::Body => vec![PARTS[2]],
            Scope::Person => return Ok((self.names_query(EntityKind::Person, &term.text)?, false)),
            Scope::Place => return Ok((self.names_query(EntityKind::Place, &term.text)?, false)),
            Scope::Org => return Ok((self.names_query(EntityKind::Organisation, &term.text)?, false)),
            Scope::Language => return Ok((languages_query(std::slice::from_ref(&term.text)), false)),
        };
        let weak = self.analyzers()?.iter().any(|analyzer| arkiv_engine::analyzer_drops(analyzer, &term.text));
        let fields: Vec<String> = parts.iter().map(|(part, boost)| format!("{part}.*^{boost}")).collect();
        let matching = |text: &str, boost: f64| {
            let kind = if term.phrase { "phrase" } else { "most_fields" };
            json!({ "multi_match": { "query": text, "fields": fields, "type": kind, "operator": "and", "boost": boost } })
        };
        let mut alternatives = vec![matching(&term.text, 1.0)];
        if let Some(modern) = modern_spelling(&term.text) {
            alternatives.push(matching(&modern, f64::from(OTHER_SPELLING_WEIGHT)));
        }
        Ok((json!({ "bool": { "should": alternatives, "minimum_should_match": 1 } }), weak))
    }

    /// The articles naming what `name` refers to, as a filter.
    fn names_query(&self, kind: EntityKind, name: &str) -> Result<Value> {
        let names = self.resolve(kind, name)?;
        Ok(if names.is_empty() {
            json!({ "match_none": {} })
        } else {
            json!({ "terms": { names_field(kind): names } })
        })
    }

    /// The canonical names a typed name refers to, as `arkiv person` reads it: the names of
    /// the articles whose names have every word of it (or its words without a genitive ending)
    /// are the candidates, and [`arkiv_engine::query_names`] decides, first as written and only
    /// when that finds none without the ending.
    fn resolve(&self, kind: EntityKind, name: &str) -> Result<BTreeSet<String>> {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty() {
            return Ok(BTreeSet::new());
        }
        let field = names_field(kind);
        let rules: Vec<Value> = words
            .iter()
            .map(|word| {
                let mut forms = vec![json!({ "match": { "query": word } })];
                if let Some(base) = arkiv_ner::strip_genitive(word) {
                    forms.push(json!({ "match": { "query": base } }));
                }
                json!({ "any_of": { "intervals": forms } })
            })
            .collect();
        let body = json!({
            "size": 0,
            "query": { "intervals": { format!("{field}.text"): {
                "all_of": { "ordered": false, "max_gaps": NAME_GAPS, "intervals": rules }
            } } },
            "aggs": { "names": { "terms": { "field": field, "size": NAME_CANDIDATES } } },
        });
        let answer = self.query(&body, false, "looking up a name")?;
        let candidates: Vec<&str> =
            buckets(&answer, "names").iter().filter_map(|bucket| bucket["key"].as_str()).collect();
        for genitive in [false, true] {
            let found: BTreeSet<String> = candidates
                .iter()
                .filter(|candidate| arkiv_engine::query_names(name, candidate, genitive))
                .map(|candidate| (*candidate).to_owned())
                .collect();
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(BTreeSet::new())
    }

    /// The articles naming the entity `name` refers to, newest first, with how often each
    /// names it: the first `articles` of them (and the result window at most); with
    /// `together`, the `limit` entities most often named in the same articles; with
    /// `histogram`, their histogram (else an empty one).
    fn naming(
        &self,
        kind: EntityKind,
        name: &str,
        articles: usize,
        together: bool,
        histogram_wanted: bool,
        limit: usize,
    ) -> Result<(Mentions, Histogram)> {
        let names = self.resolve(kind, name)?;
        if names.is_empty() {
            return Ok((Mentions::default(), histogram_of_counts([], 0, None)));
        }
        let field = names_field(kind);
        let mut body = json!({
            "query": { "terms": { field: names } },
            "size": articles.min(self.window()?),
            "track_total_hits": true,
            "_source": ["id", "path", "article.title", "article.date", "entities"],
            "sort": [{ "date": { "order": "desc", "missing": "_last" } }, { "id": "asc" }],
        });
        let mut aggs = if histogram_wanted { histogram_aggs() } else { json!({}) };
        if together {
            for other in EntityKind::ALL {
                let mut terms =
                    json!({ "field": names_field(other), "size": limit + names.len(), "shard_size": SHARD_TERMS });
                if other == kind {
                    terms["exclude"] = json!(names);
                }
                aggs[names_field(other)] = json!({ "terms": terms });
            }
        }
        body["aggs"] = aggs;
        let answer = self.query(&body, false, "the articles naming a name")?;
        let total = answer["hits"]["total"]["value"].as_u64().unwrap_or_default() as usize;
        let mut articles = Vec::new();
        for hit in answer["hits"]["hits"].as_array().into_iter().flatten() {
            let source = &hit["_source"];
            let entities: Vec<Named> = serde_json::from_value(source["entities"].clone()).unwrap_or_default();
            let mentions = entities
                .iter()
                .filter(|named| named.kind == kind && names.contains(named.name.as_ref()))
                .map(|named| named.mentions)
                .sum();
            articles.push(Mentioning {
                id: text(&source["id"]),
                path: text(&source["path"]),
                title: text(&source["article"]["title"]),
                date: date(&source["article"]["date"])?,
                mentions,
            });
        }
        let mut together_with: Vec<Together> = Vec::new();
        if together {
            for other in EntityKind::ALL {
                for bucket in buckets(&answer, names_field(other)) {
                    if let (Some(name), Some(articles)) = (bucket["key"].as_str(), bucket["doc_count"].as_u64()) {
                        together_with.push(Together { name: name.to_owned(), kind: other, articles });
                    }
                }
            }
            together_with
                .sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| (a.kind, &a.name).cmp(&(b.kind, &b.name))));
            together_with.truncate(limit);
        }
        let histogram = if histogram_wanted { histogram(&answer) } else { histogram_of_counts([], 0, None) };
        Ok((Mentions { names, total, articles, together: together_with }, histogram))
    }

    /// The canonical names of each of `kinds` of which a word starts with `prefix`, most
    /// mentioned first, `limit` of each: the names of the articles that have a name starting
    /// with it are the candidates (the [`NAME_CANDIDATES`] most frequent of each kind), and
    /// [`arkiv_engine::name_starts`] decides, as it does for the local index.
    fn starting_names(
        &self,
        kinds: &[EntityKind],
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(EntityKind, Vec<NameCount>)>> {
        if prefix.trim().is_empty() {
            return Ok(kinds.iter().map(|&kind| (kind, Vec::new())).collect());
        }
        let starts = |kind| json!({ "match_phrase_prefix": { format!("{}.text", names_field(kind)): prefix } });
        let mut aggs = json!({});
        for &kind in kinds {
            aggs[names_field(kind)] = json!({
                "filter": starts(kind),
                "aggs": { "names": { "terms": { "field": names_field(kind), "size": NAME_CANDIDATES, "shard_size": SHARD_TERMS } } },
            });
        }
        let should: Vec<Value> = kinds.iter().map(|&kind| starts(kind)).collect();
        let body =
            json!({ "size": 0, "query": { "bool": { "should": should, "minimum_should_match": 1 } }, "aggs": aggs });
        let answer = self.query(&body, false, "names starting with a prefix")?;
        Ok(kinds
            .iter()
            .map(|&kind| {
                let candidates = answer["aggregations"][names_field(kind)]["names"]["buckets"].as_array();
                let mut found: Vec<NameCount> = candidates
                    .into_iter()
                    .flatten()
                    .filter_map(|bucket| Some((bucket["key"].as_str()?, bucket["doc_count"].as_u64()?)))
                    .filter(|(name, _)| arkiv_engine::name_starts(name, prefix))
                    .map(|(name, articles)| NameCount { name: name.to_owned(), articles })
                    .collect();
                found.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
                found.truncate(limit);
                (kind, found)
            })
            .collect())
    }

    /// The number of articles in the index.
    fn count(&self) -> Result<u64> {
        let answer = self.cluster.json(
            Patience::Search,
            Method::Get,
            &format!("/{}/_count", self.index),
            None,
            "counting the articles",
        )?;
        answer["count"]
            .as_u64()
            .ok_or_else(|| Error::Answer { what: "counting the articles".into(), reason: "no count".into() })
    }

    /// The most mentioned entities of a kind, with the number of articles naming each: a
    /// terms aggregation over the canonical names, ties in the order of the names; at most
    /// [`MAX_BUCKETS`] of them.
    fn listing(&self, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
        let limit = limit.min(MAX_BUCKETS);
        let body = json!({
            "size": 0,
            "aggs": { "names": { "terms": {
                "field": names_field(kind),
                "size": limit,
                "shard_size": SHARD_TERMS.max(limit),
                "order": [{ "_count": "desc" }, { "_key": "asc" }],
            } } },
        });
        let answer = self.query(&body, false, "a listing of names")?;
        Ok(counts(&answer, "names"))
    }

    /// The article with this id or path, as the local index stores it.
    fn article(&self, id_or_path: &str) -> Result<Option<ArticleView>> {
        let mut paths = vec![id_or_path.to_owned()];
        if let Ok(path) = std::path::Path::new(id_or_path).canonicalize() {
            paths.push(path.to_string_lossy().into_owned());
        }
        let body = json!({
            "size": 1,
            "query": { "bool": { "should": [
                { "term": { "id": id_or_path.to_ascii_lowercase() } },
                { "terms": { "path": paths } },
            ] } },
            "_source": ["id", "path", "article"],
        });
        let answer = self.query(&body, false, "reading an article")?;
        let Some(hit) = answer["hits"]["hits"].as_array().and_then(|hits| hits.first()) else {
            return Ok(None);
        };
        let source = &hit["_source"];
        let article = serde_json::from_value(source["article"].clone())
            .map_err(|error| Error::Answer { what: "reading an article".into(), reason: error.to_string() })?;
        Ok(Some(ArticleView::stored(text(&source["id"]), text(&source["path"]), article)))
    }
}

/// The cluster as a back end of arkiv's front ends: every answer in the engine's views, and
/// every error of the cluster's as the engine's [`arkiv_engine::Error::Backend`] (the engine's
/// own, a query that does not parse, as themselves).
impl arkiv_engine::Backend for Backend {
    fn search(&self, request: &Request) -> arkiv_engine::Result<Results> {
        Ok(self.find(request, None).map_err(engine)?.0)
    }

    fn explore(&self, request: &Request, facets: usize) -> arkiv_engine::Result<Explored> {
        self.faceted(request, facets).map_err(engine)
    }

    fn show(&self, id_or_path: &str) -> arkiv_engine::Result<Option<ArticleView>> {
        self.article(id_or_path).map_err(engine)
    }

    fn top(&self, kind: EntityKind, limit: usize) -> arkiv_engine::Result<Vec<NameCount>> {
        self.listing(kind, limit).map_err(engine)
    }

    fn starting(&self, kind: EntityKind, prefix: &str, limit: usize) -> arkiv_engine::Result<Vec<NameCount>> {
        let mut found = self.starting_names(&[kind], prefix, limit).map_err(engine)?;
        Ok(found.pop().map(|(_, names)| names).unwrap_or_default())
    }

    fn mentioning(&self, kind: EntityKind, name: &str, together: bool, limit: usize) -> arkiv_engine::Result<Mentions> {
        let articles = if together { 0 } else { limit };
        Ok(self.naming(kind, name, articles, together, false, limit).map_err(engine)?.0)
    }

    fn name_page(&self, kind: EntityKind, name: &str, limit: usize) -> arkiv_engine::Result<NamePage> {
        let (mentions, histogram) = self.naming(kind, name, limit, true, true, limit).map_err(engine)?;
        Ok(NamePage { mentions, histogram })
    }

    /// The names that start with `prefix`, as the local index suggests them; no words of the
    /// text, which the cluster keeps no list of.
    fn suggest(&self, prefix: &str, limit: usize) -> arkiv_engine::Result<Vec<Suggestion>> {
        let names = self
            .starting_names(&EntityKind::ALL, prefix.trim(), limit)
            .map_err(engine)?
            .into_iter()
            .flat_map(|(kind, names)| {
                names.into_iter().map(move |count| Suggestion {
                    text: count.name,
                    kind: Some(kind),
                    articles: count.articles,
                })
            })
            .collect();
        Ok(ranked_suggestions(names, Vec::new(), limit))
    }

    fn articles(&self) -> arkiv_engine::Result<u64> {
        self.count().map_err(engine)
    }

    fn describe(&self) -> String {
        format!("the index {} at {}", self.index, self.cluster.url())
    }
}

/// An error of the back end in the engine's terms: the engine's own as itself, any other as
/// the engine's [`arkiv_engine::Error::Backend`].
fn engine(error: Error) -> arkiv_engine::Error {
    match error {
        Error::Engine(error) => error,
        other => arkiv_engine::Error::Backend(Box::new(other)),
    }
}

/// Aggregations for the histogram of the matching articles: how many are dated in each month
/// (the engine makes years of them when they span three years or more) and how many are not.
fn histogram_aggs() -> Value {
    json!({
        "months": { "date_histogram": { "field": "date", "calendar_interval": "month", "min_doc_count": 1 } },
        "undated": { "missing": { "field": "date" } },
    })
}

/// The histogram of [`histogram_aggs`] in an answer.
fn histogram(answer: &Value) -> Histogram {
    let months = buckets(answer, "months")
        .iter()
        .filter_map(|bucket| Some((bucket["key"].as_i64()?.div_euclid(1000), bucket["doc_count"].as_u64()?)));
    histogram_of_counts(months, answer["aggregations"]["undated"]["doc_count"].as_u64().unwrap_or_default(), None)
}

/// The values and counts of a terms aggregation in an answer.
fn counts(answer: &Value, aggregation: &str) -> Vec<NameCount> {
    buckets(answer, aggregation)
        .iter()
        .filter_map(|bucket| {
            Some(NameCount { name: bucket["key"].as_str()?.to_owned(), articles: bucket["doc_count"].as_u64()? })
        })
        .collect()
}

/// Articles of the languages `codes`; `no` stands for both `nb` and `nn`.
fn languages_query(codes: &[String]) -> Value {
    json!({ "terms": { "language": language_codes(codes) } })
}

fn buckets<'a>(answer: &'a Value, aggregation: &str) -> &'a [Value] {
    answer["aggregations"][aggregation]["buckets"].as_array().map_or(&[], Vec::as_slice)
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn rfc3339(date: OffsetDateTime) -> Result<String> {
    date.format(&Rfc3339).map_err(|error| Error::Setup(format!("a date out of range: {error}")))
}

fn date(value: &Value) -> Result<Option<OffsetDateTime>> {
    value
        .as_str()
        .map(|text| OffsetDateTime::parse(text, &Rfc3339))
        .transpose()
        .map_err(|error| Error::Answer { what: "a date".into(), reason: error.to_string() })
}

/// The snippet of a hit: the highlighted passage of its body (else of its lead), with the
/// highlighter's marks turned into byte ranges, whitespace collapsed, and "…" where the
/// passage was cut from the text.
fn snippet(hit: &Value) -> Snippet {
    let highlight = hit["highlight"].as_object();
    let fragments = |prefix: &str| -> Vec<&str> {
        highlight
            .into_iter()
            .flatten()
            .filter(|(field, _)| field.starts_with(prefix))
            .filter_map(|(_, fragments)| fragments.get(0)?.as_str())
            .collect()
    };
    let (bodies, leads) = (fragments("body."), fragments("lead."));
    let marked = |fragment: &&&str| fragment.contains(HIGHLIGHT_MARKS[0]);
    let fragment = bodies.iter().find(marked).or_else(|| leads.iter().find(marked)).or(bodies.first()).copied();
    let Some(fragment) = fragment else {
        return Snippet { text: String::new(), highlights: Vec::new() };
    };
    let body: String = hit["_source"]["body"]
        .as_object()
        .into_iter()
        .flat_map(|languages| languages.values())
        .flat_map(|blocks| blocks.as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let body = arkiv_text::collapse_whitespace(&body);
    let collapsed = arkiv_text::collapse_whitespace(fragment);
    let plain: String = collapsed.chars().filter(|c| !HIGHLIGHT_MARKS.contains(c)).collect();
    let lead = if body.starts_with(&plain) || !body.contains(&plain) && plain.is_empty() { "" } else { "… " };
    let tail = if body.ends_with(&plain) { "" } else { " …" };
    let mut text = String::from(lead);
    let mut highlights = Vec::new();
    let mut start = None;
    for c in collapsed.chars() {
        if c == HIGHLIGHT_MARKS[0] {
            start = Some(text.len());
        } else if c == HIGHLIGHT_MARKS[1] {
            if let Some(start) = start.take() {
                highlights.push(start..text.len());
            }
        } else {
            text.push(c);
        }
    }
    text.push_str(tail);
    Snippet { text, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_become_byte_ranges() {
        let hit = json!({
            "_source": { "body": { "no": ["Først kom dette.", "Pompeo og Lavrov møttes i går i Moskva."] } },
            "highlight": { "body.no": ["\u{e000}Pompeo\u{e001} og  \u{e000}Lavrov\u{e001} møttes"] },
        });
        let snippet = snippet(&hit);
        assert_eq!(snippet.text, "… Pompeo og Lavrov møttes …");
        let marked: Vec<&str> = snippet.highlights.iter().map(|range| &snippet.text[range.clone()]).collect();
        assert_eq!(marked, ["Pompeo", "Lavrov"]);
    }

    #[test]
    fn languages_no_means_both_written_forms() {
        assert_eq!(
            languages_query(&["no".into(), "EN".into()]),
            json!({ "terms": { "language": ["nb", "nn", "en"] } })
        );
    }
}
