//! Conversion between [`Article`]s and tantivy documents.

use std::path::Path;

use crate::error::{Context, Error, Recovery, Result};
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};
use time::OffsetDateTime;

use super::schema::{Fields, Part};
use arkiv_extract::Article;

/// tantivy counts a date in nanoseconds in an `i64`, which reaches from 1677 to 2262.
const NANOS_PER_SECOND: i64 = 1_000_000_000;

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

/// A date as the index holds it, to the second. A date beyond what the index can hold (a page
/// that says it is from the year 9999, `--to 9999-12-31`) is held at the nearest end of that
/// range instead of overflowing, so it still sorts and filters on the right side of every date
/// an archive can have.
pub(crate) fn index_date(date: OffsetDateTime) -> DateTime {
    let seconds = date.unix_timestamp().clamp(i64::MIN / NANOS_PER_SECOND, i64::MAX / NANOS_PER_SECOND);
    DateTime::from_timestamp_secs(seconds)
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
    for piece in article.all_texts() {
        doc.add_text(fields.capitalised, piece);
    }
    for entity in &article.entities {
        doc.add_text(fields.entity(entity.kind), &entity.name);
    }
    doc.add_text(fields.language, &article.language);
    if let Some(date) = article.date {
        doc.add_date(fields.date, index_date(date));
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dates_beyond_the_index_are_held_at_its_ends() {
        let real = datetime!(2019-05-14 18:43 UTC);
        assert_eq!(index_date(real), DateTime::from_timestamp_secs(real.unix_timestamp()));
        let far = index_date(datetime!(9999-12-31 23:59:59 UTC));
        let early = index_date(datetime!(0001-01-01 0:00 UTC));
        assert_eq!(far, DateTime::from_timestamp_secs(i64::MAX / NANOS_PER_SECOND));
        assert_eq!(early, DateTime::from_timestamp_secs(i64::MIN / NANOS_PER_SECOND));
        assert!(early < index_date(real) && index_date(real) < far);
    }
}
