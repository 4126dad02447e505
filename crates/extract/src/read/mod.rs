//! Read: bytes on disk → decoded text, its encoding and its format.
//!
//! Archives hold UTF-8 files (with or without BOM), old Windows-1252/Latin-1 files and saved
//! HTML pages side by side, usually with nothing but the bytes to tell them apart. This stage
//! decides, once per file, how to decode it and which cleaner gets it, and refuses what cannot
//! be an article (empty, binary, oversized) with a reason the ingest summary can show.

mod decode;
mod sniff;

use std::fs::File;
use std::io::Read;
use std::path::Path;

pub(crate) use decode::{Decoded, decode};

/// The largest file read as one article. A news article, even a saved page with inline
/// scripts, is far below this; anything above is a dump or an archive that would only slow
/// the ingest and bloat the index.
pub(crate) const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// File extensions read as articles. Everything else in an archive folder (notes, images,
/// spreadsheets) is skipped with a reason instead of being guessed at.
pub(crate) const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xhtml"];

/// How a file's text is laid out, which decides the cleaner it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: a web page saved as text, or a NoReC-style review.
    Text,
    /// A saved HTML page.
    Html,
}

/// Why a file could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The extension (given) is not one of an article file.
    #[error("not an article file (extension .{0} is not read)")]
    Unsupported(String),
    /// The file has no bytes.
    #[error("empty file")]
    Empty,
    /// The file holds NUL bytes, which no text has.
    #[error("binary file (NUL bytes in the first {BINARY_SNIFF_BYTES} bytes)")]
    Binary,
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes for one article")]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
    },
    /// The system could not read the file.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// How much of a file is searched for NUL bytes, as git and ripgrep do: text never has them,
/// almost every binary format has them early.
pub(crate) const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Whether `path` has an extension arkiv reads (or none at all, as many dumps have).
pub fn is_article_path(path: &Path) -> Result<(), ReadError> {
    match path.extension().and_then(|ext| ext.to_str()) {
        None => Ok(()),
        Some(ext) if ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) => Ok(()),
        Some(ext) => Err(ReadError::Unsupported(ext.to_string())),
    }
}

/// Reads and decodes one file.
pub(crate) fn read_file(path: &Path) -> Result<Decoded, ReadError> {
    decode(&read_bytes(path)?, format_hint(path))
}

/// Reads the bytes of an article file. The extension and size are checked before reading, so
/// that a huge or foreign file costs nothing but a `stat`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    is_article_path(path)?;
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The format an extension promises, if any; files without one are sniffed.
pub fn format_hint(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}
