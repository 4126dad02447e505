//! The ingest pipeline for one file: read → clean → segment → language → entities.
//!
//! `arkiv extract` runs exactly this, and so does every file of `arkiv index`, so what a user
//! sees from `extract` is what the index stores.

use std::path::Path;

use crate::article::Article;
use crate::read::{self, Decoded, Format, ReadError};
use crate::segment::{self, SegmentError};
use crate::{clean, entities, lang};

/// Why a file did not become an article.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Segment(#[from] SegmentError),
}

/// An article with notes on how it was read.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub article: Article,
    /// The encoding the file was decoded from (`UTF-8`, `windows-1252`, …).
    pub encoding: &'static str,
    /// Problems that did not stop the file from being indexed (replaced bytes, say).
    pub warnings: Vec<String>,
}

/// Runs the pipeline on a file.
pub fn extract_file(path: &Path) -> Result<Extracted, PipelineError> {
    extract_decoded(read::read_file(path)?)
}

/// Runs the pipeline on bytes already read, with the format the file name promises, if any.
pub fn extract_bytes(bytes: &[u8], hint: Option<Format>) -> Result<Extracted, PipelineError> {
    extract_decoded(read::decode(bytes, hint)?)
}

fn extract_decoded(decoded: Decoded) -> Result<Extracted, PipelineError> {
    let cleaned = match decoded.format {
        Format::Text => clean::text::clean(&decoded.text),
        Format::Html => clean::html::clean(&decoded.text),
    };
    let mut article = segment::segment(cleaned)?;
    enrich(&mut article);
    let warnings = (decoded.replaced > 0)
        .then(|| format!("{} invalid byte sequences replaced", decoded.replaced))
        .into_iter()
        .collect();
    Ok(Extracted { article, encoding: decoded.encoding.name(), warnings })
}

/// Adds language and entities to a segmented article. The detected language wins over a
/// declared one because pages routinely declare `nb` for Nynorsk text; the declared one is
/// kept only when detection has no answer.
fn enrich(article: &mut Article) {
    let sample: String = article.all_texts().collect::<Vec<_>>().join("\n");
    let detected = lang::detect(&sample);
    if detected != "und" || article.language.is_empty() {
        article.language = detected.to_owned();
    }
    article.entities = entities::extract(article.all_texts());
}
