//! The article: what the ingest pipeline makes of one file, and what the index stores.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use arkiv_ner::{Entity, EntityKind};

/// A news article after segmentation, language detection and entity extraction.
///
/// The body keeps subheadings and paragraphs interleaved in reading order, because readers
/// (and the `text` of `arkiv extract --json`) need that order; captions stand apart because
/// they describe pictures rather than continue the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The headline.
    pub title: String,
    /// The lead paragraph (ingress), when the article has one.
    pub lead: Option<String>,
    /// Subheadings and paragraphs in reading order.
    pub body: Vec<BodyBlock>,
    /// The captions of the pictures, apart from the body.
    pub captions: Vec<Caption>,
    /// Who wrote it, as the article says.
    pub byline: Option<String>,
    /// When it was published.
    #[serde(with = "time::serde::rfc3339::option")]
    pub date: Option<OffsetDateTime>,
    /// The publisher (site name or domain) when the file declared one.
    pub source: Option<String>,
    /// ISO 639-1 code (`nb`, `nn`, `en`, …), or `und` when undetermined.
    pub language: String,
    /// When the article was last changed, where the page says so.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub modified: Option<OffsetDateTime>,
    /// The section of the publication, where the page names it.
    #[serde(default)]
    pub section: Option<String>,
    /// The canonical web address of the article, where the page gives it.
    #[serde(default)]
    pub url: Option<String>,
    /// The people, places and organisations it names, by kind, most mentioned first.
    pub entities: Vec<Entity>,
}

/// One block of an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "text")]
pub enum BodyBlock {
    /// A heading inside the body.
    Subheading(String),
    /// A paragraph of running text.
    Paragraph(String),
}

/// The caption of a picture, with the photo credit when one was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    /// What the caption says.
    pub text: String,
    /// Who took the picture ("NTB", "Ola Nordmann / VG"), when the page says so.
    pub credit: Option<String>,
}

impl Article {
    /// The subheadings of the body, in order.
    pub fn subheadings(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|block| match block {
            BodyBlock::Subheading(text) => Some(text.as_str()),
            BodyBlock::Paragraph(_) => None,
        })
    }

    /// The paragraphs of the body, in order, without the subheadings.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|block| match block {
            BodyBlock::Paragraph(text) => Some(text.as_str()),
            BodyBlock::Subheading(_) => None,
        })
    }

    /// The readable text in reading order: lead, then subheadings and paragraphs, without
    /// captions or credits, joined by blank lines.
    pub fn text(&self) -> String {
        self.text_joined_by("\n\n")
    }

    /// The readable text with another separator between blocks (a space for snippets, which
    /// run across paragraphs on one line).
    pub fn text_joined_by(&self, separator: &str) -> String {
        self.lead
            .iter()
            .map(String::as_str)
            .chain(self.body.iter().map(BodyBlock::text))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// Every piece of text a reader could search for: title, lead, body and captions.
    pub fn all_texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str())
            .chain(self.lead.as_deref())
            .chain(self.body.iter().map(BodyBlock::text))
            .chain(self.captions.iter().map(|caption| caption.text.as_str()))
    }

    /// Canonical names of the entities of one kind, most mentioned first.
    pub fn names(&self, kind: EntityKind) -> impl Iterator<Item = &str> {
        self.entities.iter().filter(move |entity| entity.kind == kind).map(|entity| entity.name.as_str())
    }
}

impl BodyBlock {
    /// The block's text, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            BodyBlock::Subheading(text) | BodyBlock::Paragraph(text) => text,
        }
    }
}
