//! The exporter: every article of the local index into the cluster's index, in batched
//! `_bulk` requests of bounded size, incrementally.
//!
//! What the cluster holds is its own record of what was exported: each document carries the
//! hash of its JSON, so a run reads the ids and hashes from the cluster, sends only the
//! articles that are new or whose document changed (a changed file, a new entity model, a
//! new canonical name), and deletes the documents of articles the local index no longer has.
//! The record is then right even after an export that was cut short, or from another machine.

use std::collections::HashMap;
use std::time::Instant;

use arkiv_engine::ingest::Progress;
use arkiv_engine::views::ExportSummary;
use arkiv_engine::{Archive, StoredArticle, search::Canonical};
use arkiv_ner::EntityKind;
use serde::Serialize;
use serde_json::{Value, json};
use time::OffsetDateTime;
use xxhash_rust::xxh3::xxh3_64;

use crate::client::{Method, Patience, refusal};
use crate::error::{Error, Result};
use crate::mapping::{self, MAPPING_VERSION};
use crate::{Backend, HIGHLIGHT_MARKS};

/// The most articles in one bulk request.
const BATCH_ARTICLES: usize = 500;
/// The most bytes of one bulk request (OpenSearch's default limit is 100 MB; smaller requests
/// keep the exporter's memory and the cluster's queues small).
const BATCH_BYTES: usize = 5 * 1024 * 1024;
/// The ids and hashes read from the cluster per request.
const STATE_PAGE: usize = 5_000;
/// The most shards a new index gets by default: one per data node, up to this many.
pub const MAX_DEFAULT_SHARDS: u32 = 8;
/// How often a bulk request whose items were rejected (429) is sent again with those items.
const ITEM_ATTEMPTS: u32 = 10;
/// The first wait before items are sent again; each further one doubles it.
const ITEM_BACKOFF: std::time::Duration = std::time::Duration::from_millis(200);

/// The document of one article on the cluster.
#[derive(Serialize)]
struct Document<'a> {
    id: &'a str,
    path: &'a str,
    title: HashMap<&'static str, String>,
    lead: HashMap<&'static str, String>,
    body: HashMap<&'static str, Vec<String>>,
    captions: Vec<String>,
    byline: Option<&'a str>,
    source: Option<&'a str>,
    section: Option<&'a str>,
    url: Option<&'a str>,
    language: &'a str,
    #[serde(with = "time::serde::rfc3339::option")]
    date: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    modified: Option<OffsetDateTime>,
    people: Vec<&'a str>,
    places: Vec<&'a str>,
    orgs: Vec<&'a str>,
    entities: &'a [Named<'a>],
    article: &'a arkiv_extract::Article,
}

/// A name of the article under its canonical name, with its mentions.
#[derive(Serialize, serde::Deserialize)]
pub(crate) struct Named<'a> {
    pub kind: EntityKind,
    pub name: std::borrow::Cow<'a, str>,
    pub mentions: u32,
}

/// Text as it goes into a searched field: without the characters that mark highlights.
fn searchable(text: &str) -> String {
    text.replace(HIGHLIGHT_MARKS, " ")
}

/// The JSON of an article's document.
fn document(stored: &StoredArticle, canonical: &Canonical) -> Result<String> {
    let article = &stored.article;
    let analyzer = arkiv_engine::analyzer_name(&article.language);
    let mut entities: Vec<Named> = Vec::new();
    for entity in &article.entities {
        let name = canonical.of(entity.kind, &entity.name);
        match entities.iter_mut().find(|named| named.kind == entity.kind && named.name == name) {
            Some(named) => named.mentions += entity.mentions,
            None => entities.push(Named { kind: entity.kind, name: name.into(), mentions: entity.mentions }),
        }
    }
    let names = |kind| entities.iter().filter(|named| named.kind == kind).map(|named| named.name.as_ref()).collect();
    let (people, places, orgs) = (names(EntityKind::Person), names(EntityKind::Place), names(EntityKind::Organisation));
    let mut body: Vec<String> = article.body.iter().map(|block| searchable(block.text())).collect();
    body.extend(article.captions.iter().map(|caption| searchable(&caption.text)));
    let document = Document {
        id: &stored.id,
        path: &stored.path,
        title: HashMap::from([(analyzer, searchable(&article.title))]),
        lead: article.lead.iter().map(|lead| (analyzer, searchable(lead))).collect(),
        body: HashMap::from([(analyzer, body)]),
        captions: article.captions.iter().map(|caption| searchable(&caption.text)).collect(),
        byline: article.byline.as_deref(),
        source: article.source.as_deref(),
        section: article.section.as_deref(),
        url: article.url.as_deref(),
        language: &article.language,
        date: article.date,
        modified: article.modified,
        people,
        places,
        orgs,
        entities: &entities,
        article,
    };
    serde_json::to_string(&document).map_err(|error| Error::Setup(format!("cannot encode {}: {error}", stored.path)))
}

/// A document with the hash of its JSON, as the exporter compares it.
fn with_hash(json: String) -> (String, String) {
    let hash = format!("{:016x}", xxh3_64(json.as_bytes()));
    // The hash goes in as the last field of the object.
    let line = format!("{},\"hash\":\"{hash}\"}}", &json[..json.len() - 1]);
    (line, hash)
}

/// One action of a bulk request: its two lines (or one, for a delete).
struct Action {
    lines: String,
}

/// A batch of bulk actions, sent when it is full.
struct Batch<'a> {
    backend: &'a Backend,
    actions: Vec<Action>,
    bytes: usize,
    sent: usize,
}

impl Batch<'_> {
    fn push(&mut self, lines: String) -> Result<()> {
        self.bytes += lines.len();
        self.actions.push(Action { lines });
        if self.actions.len() >= BATCH_ARTICLES || self.bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Sends the batch; items the cluster rejects as too many (429) are sent again after a
    /// wait that doubles each time, any other failed item is an error.
    fn flush(&mut self) -> Result<()> {
        let mut pending = std::mem::take(&mut self.actions);
        self.bytes = 0;
        let mut backoff = ITEM_BACKOFF;
        let mut attempt = 1;
        while !pending.is_empty() {
            let body: String = pending.iter().map(|action| action.lines.as_str()).collect();
            let path = format!("/{}/_bulk", self.backend.index);
            let (status, answer) = self.backend.cluster.send(
                Patience::Batch,
                Method::Post,
                &path,
                Some(("application/x-ndjson", body.as_bytes())),
            )?;
            self.sent += 1;
            if !(200..300).contains(&status) {
                return Err(refusal("a bulk request", status, &answer));
            }
            let answer: Value = serde_json::from_str(&answer)
                .map_err(|error| Error::Answer { what: "a bulk request".into(), reason: error.to_string() })?;
            if answer["errors"] != json!(true) {
                return Ok(());
            }
            let items = answer["items"].as_array().cloned().unwrap_or_default();
            let mut again = Vec::new();
            for (action, item) in pending.into_iter().zip(items) {
                let result = item.as_object().and_then(|item| item.values().next()).cloned().unwrap_or_default();
                match result["status"].as_u64().unwrap_or_default() {
                    200..300 => {}
                    // A delete of what is gone already is done.
                    404 if item.get("delete").is_some() => {}
                    429 => again.push(action),
                    status => {
                        let reason = result["error"]["reason"].as_str().unwrap_or("no reason given").to_owned();
                        let id = result["_id"].as_str().unwrap_or_default();
                        return Err(Error::Refused {
                            what: format!("article {id} in a bulk request"),
                            status: status as u16,
                            reason,
                        });
                    }
                }
            }
            if again.is_empty() {
                return Ok(());
            }
            if attempt == ITEM_ATTEMPTS {
                return Err(Error::Refused {
                    what: "a bulk request".into(),
                    status: 429,
                    reason: format!("{} articles were still rejected after {ITEM_ATTEMPTS} tries", again.len()),
                });
            }
            self.backend.note_retry();
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(std::time::Duration::from_secs(5));
            attempt += 1;
            pending = again;
        }
        Ok(())
    }
}

impl Backend {
    /// Exports every article of `archive` to the cluster's index: creates the index when it is
    /// missing (with `shards` shards, or one per data node of the cluster, at most
    /// [`MAX_DEFAULT_SHARDS`]), sends what is new or changed, deletes what the archive no
    /// longer has.
    pub fn export(&self, archive: &Archive, shards: Option<u32>, progress: &dyn Progress) -> Result<ExportSummary> {
        let started = Instant::now();
        let retries_before = self.cluster.retries();
        self.create_index(shards)?;
        let mut exported = self.exported()?;
        let canonical = arkiv_engine::search::canonical(archive)?;
        let mut summary = ExportSummary { index: self.index.clone(), ..ExportSummary::default() };
        let mut batch = Batch { backend: self, actions: Vec::new(), bytes: 0, sent: 0 };
        progress.start(archive.articles());
        archive.for_each_stored(|stored| {
            summary.articles += 1;
            let (line, hash) = with_hash(document(&stored, &canonical)?);
            if exported.remove(&stored.id).as_deref() == Some(hash.as_str()) {
                summary.unchanged += 1;
            } else {
                let action = json!({ "index": { "_id": stored.id } });
                batch.push(format!("{action}\n{line}\n"))?;
                summary.sent += 1;
            }
            progress.advance();
            Ok::<(), Error>(())
        })?;
        let mut gone: Vec<String> = exported.into_keys().collect();
        gone.sort();
        for id in gone {
            batch.push(format!("{}\n", json!({ "delete": { "_id": id } })))?;
            summary.deleted += 1;
        }
        batch.flush()?;
        progress.finish();
        self.cluster.json(Patience::Batch, Method::Post, &format!("/{}/_refresh", self.index), None, "a refresh")?;
        summary.batches = batch.sent;
        summary.retries = self.cluster.retries() - retries_before;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    /// Creates the index with arkiv's settings and mapping, unless it exists; an index made by
    /// another version of the mapping is refused.
    fn create_index(&self, shards: Option<u32>) -> Result<()> {
        let path = format!("/{}", self.index);
        let (status, _) = self.cluster.send(Patience::Batch, Method::Head, &path, None)?;
        if status == 404 {
            let shards = match shards {
                Some(shards) => shards,
                None => {
                    let health = self.cluster.json(
                        Patience::Batch,
                        Method::Get,
                        "/_cluster/health",
                        None,
                        "the cluster's health",
                    )?;
                    let nodes = health["number_of_data_nodes"].as_u64().unwrap_or(1);
                    nodes.clamp(1, u64::from(MAX_DEFAULT_SHARDS)) as u32
                }
            };
            let body = mapping::index_body(shards);
            let bytes = body.to_string();
            let (status, answer) =
                self.cluster.send(Patience::Batch, Method::Put, &path, Some(("application/json", bytes.as_bytes())))?;
            // Another exporter may have created it in the meantime.
            if (200..300).contains(&status) || answer.contains("resource_already_exists_exception") {
                return Ok(());
            }
            return Err(refusal(&format!("creating the index {}", self.index), status, &answer));
        }
        let mapping = self.cluster.json(
            Patience::Batch,
            Method::Get,
            &format!("{path}/_mapping"),
            None,
            "the index's mapping",
        )?;
        let version = mapping
            .as_object()
            .and_then(|indices| indices.values().next())
            .map(|index| index["mappings"]["_meta"]["arkiv_mapping"].as_u64());
        match version {
            Some(Some(MAPPING_VERSION)) => Ok(()),
            _ => Err(Error::Setup(format!(
                "the index {} on the cluster was not made by this arkiv (mapping version {MAPPING_VERSION}); give another --name or delete it",
                self.index
            ))),
        }
    }

    /// The ids and document hashes the cluster's index holds, read in pages.
    fn exported(&self) -> Result<HashMap<String, String>> {
        let mut out = HashMap::new();
        let mut after: Option<Value> = None;
        loop {
            let mut body = json!({
                "size": STATE_PAGE,
                "_source": ["hash"],
                "sort": [{ "id": "asc" }],
                "query": { "match_all": {} },
            });
            if let Some(after) = &after {
                body["search_after"] = after.clone();
            }
            let answer = self.cluster.json(
                Patience::Batch,
                Method::Post,
                &format!("/{}/_search", self.index),
                Some(&body),
                "reading what was exported",
            )?;
            let hits = answer["hits"]["hits"].as_array().cloned().unwrap_or_default();
            for hit in &hits {
                if let (Some(id), Some(hash)) = (hit["_id"].as_str(), hit["_source"]["hash"].as_str()) {
                    out.insert(id.to_owned(), hash.to_owned());
                }
            }
            match hits.last() {
                Some(last) if hits.len() == STATE_PAGE => after = Some(last["sort"].clone()),
                _ => return Ok(out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_last_field_and_follows_the_content() {
        let (line, hash) = with_hash(r#"{"id":"a","title":{"no":"Ferja"}}"#.to_owned());
        assert_eq!(line, format!(r#"{{"id":"a","title":{{"no":"Ferja"}},"hash":"{hash}"}}"#));
        assert_ne!(with_hash(r#"{"id":"a","title":{"no":"Ferje"}}"#.to_owned()).1, hash);
    }

    #[test]
    fn highlight_marks_never_reach_a_searched_field() {
        assert_eq!(searchable("a\u{e000}b\u{e001}c"), "a b c");
    }
}
