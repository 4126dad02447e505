//! Clean: turn a decoded page into a sequence of [`Block`]s, without the page furniture.
//!
//! Every input format (a text dump of a web page, a NoReC review, a saved HTML page) ends up as
//! the same thing: [`Cleaned`], an ordered list of blocks plus whatever metadata the format
//! declared. Skip links, menus, "latest news" widgets and similar furniture are dropped here;
//! markers that carry meaning for the article's structure (where a picture stood, a photo
//! credit) are kept as blocks so that [`crate::segment`] can tell captions from body text.
//!
//! Keeping one block vocabulary for all formats is what lets a single segmenter assign roles
//! (title, lead, subheading, caption, paragraph): a new format only needs a new cleaner.

pub(crate) mod date;
pub(crate) mod html;
pub(crate) mod labels;
pub(crate) mod text;

use time::OffsetDateTime;

/// One unit of a cleaned page, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A run of text: a paragraph, or a short line whose role the segmenter decides.
    Text(String),
    /// A heading that the markup declared (HTML `h2`–`h6` inside the article).
    Heading(String),
    /// Where a picture or video stood: a placeholder line such as `X80003` in a text dump, or
    /// an `img`/`figure` without its own caption in HTML.
    Media,
    /// A photo credit ("Foto: POOL / Reuters" gives `POOL / Reuters`).
    Credit(String),
    /// A caption that markup declared (`figcaption`), with its credit when one was found.
    Caption { text: String, credit: Option<String> },
    /// A byline shown among the text ("Av Ola Nordmann"): metadata, not body.
    Byline(String),
}

/// What a format declared about the article outside its running text.
///
/// Text dumps declare nothing; HTML pages often declare a headline, a description, authors and
/// a publication date in `<meta>` tags or JSON-LD. The segmenter prefers these over guesses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub lead: Option<String>,
    pub byline: Option<String>,
    pub date: Option<OffsetDateTime>,
    /// The publisher: a site name (`og:site_name`) or a domain.
    pub source: Option<String>,
    /// The language the page declares (`<html lang>`), as a lowercase ISO 639-1 code.
    pub language: Option<String>,
    /// When the article was last changed, if the page says so.
    pub modified: Option<OffsetDateTime>,
    /// The section of the publication ("Innenriks", "Sport").
    pub section: Option<String>,
    /// The article's canonical address.
    pub url: Option<String>,
}

/// A page after cleaning: its blocks in reading order and its declared metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cleaned {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// The text blocks of a cleaned page, for tests of the cleaners.
#[cfg(test)]
pub(crate) fn texts(cleaned: &Cleaned) -> Vec<&str> {
    cleaned
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Text(text) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}
