//! Conversion between [`Article`]s and tantivy documents, and the key a file is indexed under.

use std::fmt::Write;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

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

/// What stands for a byte that is not part of UTF-8 in a [`path_key`], before its two hex
/// digits. No file name can hold a NUL byte, so no UTF-8 path contains one.
const ESCAPE: char = '\0';

/// The key a file is indexed under (its document's `path`): the path as text, a different key
/// for every path. A UTF-8 path is its own key, as it always was, so existing indexes keep
/// their keys. In a path that is not UTF-8 each byte that is not part of valid UTF-8 is written
/// as NUL and two lowercase hex digits (`a\xff.txt` becomes `a\0ff.txt`): such a key holds a
/// NUL, which no UTF-8 path does, and [`key_path`] undoes it exactly, so two paths never share
/// a key the way a lossy conversion (every bad byte as U+FFFD) made them.
pub(crate) fn path_key(path: &Path) -> String {
    let bytes = path.as_os_str().as_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut key = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.utf8_chunks() {
        key.push_str(chunk.valid());
        for byte in chunk.invalid() {
            // Writing into a String cannot fail.
            let _ = write!(key, "{ESCAPE}{byte:02x}");
        }
    }
    key
}

/// The path a [`path_key`] stands for.
pub(crate) fn key_path(key: &str) -> PathBuf {
    if !key.contains(ESCAPE) {
        return PathBuf::from(key);
    }
    let mut bytes = Vec::with_capacity(key.len());
    let mut rest = key;
    while let Some(at) = rest.find(ESCAPE) {
        bytes.extend_from_slice(&rest.as_bytes()[..at]);
        let digits = rest.get(at + 1..at + 3);
        match digits.and_then(|digits| u8::from_str_radix(digits, 16).ok()) {
            Some(byte) => {
                bytes.push(byte);
                rest = &rest[at + 3..];
            }
            // Not a key this arkiv wrote; kept as it is.
            None => {
                bytes.push(0);
                rest = &rest[at + 1..];
            }
        }
    }
    bytes.extend_from_slice(rest.as_bytes());
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
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
    let path = path_key(path);
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.id, article_id(&path));
    doc.add_text(fields.path, &path);
    doc.add_text(fields.article, serde_json::to_string(article).context("cannot serialize the article")?);
    let text = fields.text_for(&article.language);
    let mut add_text = |part: Part, value: &str| {
        doc.add_text(text.get(part), value);
        for field in [text.parts, text.written].into_iter().flatten() {
            doc.add_text(field, value);
        }
    };
    add_text(Part::Title, &article.title);
    if let Some(lead) = &article.lead {
        add_text(Part::Lead, lead);
    }
    for block in &article.body {
        add_text(Part::Body, block.text());
    }
    for caption in &article.captions {
        add_text(Part::Body, &caption.text);
    }
    for piece in article.all_texts() {
        doc.add_text(fields.capitalised, piece);
    }
    for entity in &article.entities {
        doc.add_text(fields.entity(entity.kind), &entity.name);
    }
    doc.add_text(fields.language, &article.language);
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    if let Some(date) = article.date {
        doc.add_date(fields.date, index_date(date));
    }
    doc.add_u64(fields.mtime, stamp.mtime);
    doc.add_u64(fields.size, stamp.size);
    doc.add_u64(fields.hash, stamp.hash);
    if let Some(print) = crate::copies::fingerprint::of(article) {
        for &hash in &print.sketch {
            doc.add_u64(fields.copy_sketch, u64::from(hash));
        }
        doc.add_u64(fields.copy_shingles, u64::from(print.shingles));
    }
    Ok(doc)
}

/// An article as stored in the index, with the id and path it is known by.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// Its id ([`article_id`] of the path).
    pub id: String,
    /// The file it was read from, as its [`path_key`].
    pub path: String,
    /// What the pipeline made of the file.
    pub article: Article,
}

impl StoredArticle {
    /// Reads the stored fields of a document.
    pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> Result<StoredArticle> {
        let text = |field| doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default();
        let path = text(fields.path).to_owned();
        let article = serde_json::from_str(text(fields.article)).map_err(|_| Error::Damaged {
            detail: format!("the stored article of {path} cannot be read"),
            recovery: Recovery::Unknown,
        })?;
        Ok(StoredArticle { id: text(fields.id).to_owned(), path, article })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
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

    #[test]
    fn every_path_has_its_own_key_and_utf8_paths_are_their_own() {
        let paths: Vec<PathBuf> =
            [&b"/arkiv/s\xc3\xb8ndag.txt"[..], b"/arkiv/a\xff.txt", b"/arkiv/a\xfe.txt", b"/arkiv/a\xc3.txt"]
                .iter()
                .map(|bytes| PathBuf::from(OsStr::from_bytes(bytes)))
                .collect();
        assert_eq!(path_key(&paths[0]), "/arkiv/søndag.txt");
        assert_eq!(path_key(&paths[1]), "/arkiv/a\0ff.txt");
        let keys: std::collections::HashSet<String> = paths.iter().map(|path| path_key(path)).collect();
        assert_eq!(keys.len(), paths.len());
        for path in &paths {
            assert_eq!(&key_path(&path_key(path)), path);
        }
        // The key of a path that is not UTF-8 is no UTF-8 path's key.
        assert!(paths[1..].iter().all(|path| path_key(path).contains(ESCAPE)));
        assert_eq!(path_key(&key_path("/arkiv/a\u{fffd}.txt")), "/arkiv/a\u{fffd}.txt");
    }
}
