//! The ingest pipeline for one file: read → clean → segment → language → entities.
//!
//! `arkiv extract` runs exactly this, and so does every file of `arkiv index`, so what a user
//! sees from `extract` is what the index stores.

use std::path::Path;

use crate::article::Article;
use crate::read::{self, Decoded, Format, ReadError};
use crate::segment::{self, SegmentError};
use crate::{clean, lang};

/// Why a file did not become an article.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The file could not be read or decoded as an article file.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file was read, but holds no article.
    #[error(transparent)]
    Segment(#[from] SegmentError),
}

/// An article with notes on how it was read.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The article.
    pub article: Article,
    /// The encoding the file was decoded from (`UTF-8`, `windows-1252`, …).
    pub encoding: &'static str,
    /// Problems that did not stop the file from being indexed (replaced bytes, say).
    pub warnings: Vec<String>,
}

/// The steps of the pipeline that can be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Steps {
    /// Recognise people, places and organisations: the costliest step, which an archive that
    /// is only searched by words can do without.
    pub entities: bool,
}

impl Default for Steps {
    fn default() -> Self {
        Self { entities: true }
    }
}

/// Runs the whole pipeline on a file.
pub fn extract_file(path: &Path) -> Result<Extracted, PipelineError> {
    extract_decoded(read::read_file(path)?, Steps::default())
}

/// Runs the pipeline on bytes already read, with the format the file name promises, if any.
pub fn extract_bytes(bytes: &[u8], hint: Option<Format>, steps: Steps) -> Result<Extracted, PipelineError> {
    extract_decoded(read::decode(bytes, hint)?, steps)
}

fn extract_decoded(decoded: Decoded, steps: Steps) -> Result<Extracted, PipelineError> {
    let Decoded { text, encoding, format, replaced } = decoded;
    let cleaned = match format {
        Format::Text => clean::text::clean(&text),
        Format::Html => clean::html::clean(&text),
    };
    // The page is in the cleaned blocks now; a big one need not be held twice through the
    // tagger.
    drop(text);
    let mut article = segment::segment(cleaned)?;
    enrich(&mut article, steps);
    let warnings = (replaced > 0).then(|| format!("{replaced} invalid byte sequences replaced")).into_iter().collect();
    Ok(Extracted { article, encoding: encoding.name(), warnings })
}

/// Adds language and entities to a segmented article, whose language is still the one its
/// page declares ([`lang::of_article`] says which of the two wins).
fn enrich(article: &mut Article, steps: Steps) {
    let language = lang::of_article(article.all_texts(), &article.language);
    article.language = language;
    if steps.entities {
        recognize_entities(article);
    }
}

/// Finds the people, places and organisations of an article anew, from its texts (after the
/// entity model changed, say).
pub fn recognize_entities(article: &mut Article) {
    article.entities = arkiv_ner::extract(article.all_texts());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_become_the_same_article() {
        let text = "Skip to content\n\nBrua er åpnet\n\nDen nye brua over fjorden ble åpnet av ordfører Kari Nordmann i Bergen fredag.\n\nMange hadde møtt opp for å se på.\n";
        let html = "<html lang=\"nb\"><head><title>Brua er åpnet - Avisa</title></head><body><nav><a href=\"/\">Forsiden</a></nav>\
            <article><h1>Brua er åpnet</h1><p>Den nye brua over fjorden ble åpnet av ordfører Kari Nordmann i Bergen fredag.</p>\
            <p>Mange hadde møtt opp for å se på.</p></article></body></html>";
        let from_text = extract_bytes(text.as_bytes(), None, Steps::default()).expect("text article").article;
        let from_html =
            extract_bytes(html.as_bytes(), Some(Format::Html), Steps::default()).expect("html article").article;
        for article in [&from_text, &from_html] {
            assert_eq!(article.title, "Brua er åpnet");
            assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["Mange hadde møtt opp for å se på."]);
            assert_eq!(article.language, "nb");
            assert!(article.entities.iter().any(|e| e.name == "Kari Nordmann"), "{:?}", article.entities);
        }
    }

    #[test]
    fn a_short_page_declared_norwegian_is_not_taken_for_danish() {
        let page = |lang: &str, text: &str| {
            format!(
                "<html lang=\"{lang}\"><head><title>Serien</title></head><body><article><h1>Serien</h1><p>{text}</p></article></body></html>"
            )
        };
        let language = |html: String| {
            extract_bytes(html.as_bytes(), Some(Format::Html), Steps::default()).expect("article").article.language
        };
        // whatlang says Danish to both.
        assert_eq!(language(page("nb", "Anmeldelsen inneholder spoilere fra sesong tre.")), "nb");
        assert_eq!(language(page("en", "Anmeldelsen inneholder spoilere fra sesong tre.")), "da");
        let danish = "Regeringen har besluttet at bruge flere penge på uddannelse, og det er meget vigtigt for os alle sammen, \
            siger ministeren, som mener at der er brug for noget helt nyt i de danske skoler. Lærerne har længe kritiseret \
            at der ikke er penge nok til bøger og til de mindste elever, og nu får de endelig svar på deres kritik.";
        assert_eq!(language(page("nb", danish)), "da", "a long Danish text is Danish whatever the page declares");
    }

    #[test]
    fn replaced_bytes_are_a_warning_not_an_error() {
        let bytes = b"Tittel med \xc3\xa6\xc3\xb8\xc3\xa5\n\nEn setning med en \xff feil i.\n";
        let extracted = extract_bytes(bytes, None, Steps::default()).expect("article");
        assert_eq!(extracted.warnings, ["1 invalid byte sequences replaced"]);
    }
}
