//! Conversion between [`Article`]s and tantivy documents.

use std::path::Path;

use crate::error::{Context, Error, Recovery, Result};
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};

use super::schema::{Fields, Part};
use arkiv_extract::Article;

/// What is known about a file at the time it was indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStamp {
    /// Modification time in nanoseconds since the Unix epoch (seconds are too coarse: a file
    /// rewritten within the same second would look unchanged).
    pub mtime: u64,
    pub size: u64,
    /// xxh3 of the file's bytes.
    pub hash: u64,
}

/// The short id of the article at `path`: 16 hex digits of a hash of the path. Stable across
/// re-indexing, so ids in scripts and notes keep working.
pub fn article_id(path: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(path.as_bytes()))
}

/// Builds the document for an article read from `path`.
pub(crate) fn to_document(
    fields: &Fields,
    path: &Path,
    stamp: FileStamp,
    article: &Article,
) -> Result<TantivyDocument> {
    let path = path.to_string_lossy();
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.id, article_id(&path));
    doc.add_text(fields.path, &path);
    doc.add_text(fields.article, serde_json::to_string(article).context("cannot serialize the article")?);
    let text = fields.text_for(&article.language);
    doc.add_text(text.get(Part::Title), &article.title);
    if let Some(lead) = &article.lead {
        doc.add_text(text.get(Part::Lead), lead);
    }
    for block in &article.body {
        doc.add_text(text.get(Part::Body), block.text());
    }
    for caption in &article.captions {
        doc.add_text(text.get(Part::Body), &caption.text);
    }
    for entity in &article.entities {
        doc.add_text(fields.entity(entity.kind), &entity.name);
    }
    doc.add_text(fields.language, &article.language);
    if let Some(date) = article.date {
        doc.add_date(fields.date, DateTime::from_timestamp_secs(date.unix_timestamp()));
    }
    doc.add_u64(fields.mtime, stamp.mtime);
    doc.add_u64(fields.size, stamp.size);
    doc.add_u64(fields.hash, stamp.hash);
    Ok(doc)
}

/// An article as stored in the index, with the id and path it is known by.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// Its id ([`article_id`] of the path).
    pub id: String,
    /// The file it was read from.
    pub path: String,
    /// What the pipeline made of the file.
    pub article: Article,
}

impl StoredArticle {
    /// Reads the stored fields of a document.
    pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> Result<StoredArticle> {
        let text = |field| doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default().to_owned();
        let path = text(fields.path);
        let article = serde_json::from_str(&text(fields.article)).map_err(|_| Error::Damaged {
            detail: format!("the stored article of {path} cannot be read"),
            recovery: Recovery::Unknown,
        })?;
        Ok(StoredArticle { id: text(fields.id), path, article })
    }
}
