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
    /// The path is not a regular file: a named pipe or a device would block or never end, a
    /// folder holds no text. The reason says which it is.
    #[error("not a regular file ({0})")]
    NotAFile(&'static str),
    /// The decoded text is mostly not text: random or binary bytes without NUL.
    #[error("binary file ({percent}% of its characters are control characters or undecodable bytes)")]
    NotText {
        /// The share of such characters, in percent.
        percent: usize,
    },
    /// The system could not read the file. The OS error is part of the message, not a
    /// source, so that a chain of causes prints it once.
    #[error("cannot read: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        ReadError::Io(error)
    }
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

/// Reads the bytes of an article file. The extension, the kind of file and its size are
/// checked before reading, so that a huge or foreign file costs nothing but a `stat`, and a
/// named pipe is never opened (opening one waits for a writer, possibly forever).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    is_article_path(path)?;
    regular_file(&std::fs::metadata(path)?)?;
    let file = File::open(path)?;
    // Checked again on the open file, in case another file took the path in between.
    let metadata = file.metadata()?;
    regular_file(&metadata)?;
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Refuses what is not a regular file, saying what it is.
fn regular_file(metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(ReadError::NotAFile("a named pipe"));
        }
        if kind.is_socket() {
            return Err(ReadError::NotAFile("a socket"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(ReadError::NotAFile("a device"));
        }
    }
    Err(ReadError::NotAFile(if kind.is_dir() { "a folder" } else { "of an unknown kind" }))
}

/// The format an extension promises, if any; files without one are sniffed.
pub fn format_hint(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}
