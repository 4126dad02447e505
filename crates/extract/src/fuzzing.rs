//! Entry points for the fuzz targets in `fuzz/`: the stages that are not public on their own.
//! Built only under `--cfg fuzzing`, as cargo-fuzz builds, so they are no part of the API.

use crate::clean::{Block, Cleaned};

/// Decodes `bytes` as a file of unknown format and as an HTML file; returns the texts, or
/// nothing where a file is refused.
pub fn decode(bytes: &[u8]) -> [Option<String>; 2] {
    [None, Some(crate::Format::Html)].map(|hint| crate::read::decode(bytes, hint).ok().map(|decoded| decoded.text))
}

/// The texts of the blocks the text cleaner finds in `text`, and of its metadata.
pub fn clean_text(text: &str) -> Vec<String> {
    texts(crate::clean::text::clean(text))
}

/// The texts of the blocks the HTML cleaner finds in `html`, and of its metadata.
pub fn clean_html(html: &str) -> Vec<String> {
    texts(crate::clean::html::clean(html))
}

fn texts(cleaned: Cleaned) -> Vec<String> {
    let meta = [cleaned.meta.title, cleaned.meta.lead, cleaned.meta.byline, cleaned.meta.source];
    let blocks = cleaned.blocks.into_iter().filter_map(|block| match block {
        Block::Text(text) | Block::Heading(text) | Block::Credit(text) | Block::Byline(text) => Some(text),
        Block::Caption { text, .. } => Some(text),
        Block::Media => None,
    });
    blocks.chain(meta.into_iter().flatten()).collect()
}
