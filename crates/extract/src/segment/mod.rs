//! Segment: cleaned blocks → an [`Article`] with title, lead, subheadings, paragraphs and
//! captions.
//!
//! The roles come from the order and shape of the blocks, the same for every format:
//! - a text block followed by a photo credit is a caption with that credit (text dumps put
//!   captions between a media placeholder and a "Foto:" line); captions never become title,
//!   lead or body;
//! - the title is what the page declared, else the first text block;
//! - the lead is what the page declared, else the next text block;
//! - a short text block without closing punctuation followed by a text block is a
//!   subheading, as is every heading the markup declared;
//! - everything else is a paragraph.
//!
//! The article leaves this stage without language and entities; [`crate::pipeline`] adds them.

use crate::article::{Article, BodyBlock, Caption};
use crate::clean::text::ends_sentence;
use crate::clean::{Block, Cleaned};

/// Subheadings are short: a line longer than this is a paragraph even without punctuation.
const MAX_SUBHEADING_WORDS: usize = 12;

/// Why a page yielded no article.
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    /// Nothing but a title and furniture: an index page, an error page, an empty file.
    #[error("no article text: a title and page furniture at most (an index, error or empty page?)")]
    NoText,
}

/// Assigns roles to the blocks of a cleaned page.
pub(crate) fn segment(cleaned: Cleaned) -> Result<Article, SegmentError> {
    let Cleaned { meta, blocks } = cleaned;
    let (texts, captions) = take_captions(blocks);
    let mut texts = texts.into_iter().peekable();
    let title = match meta.title {
        Some(title) => {
            if texts.peek().is_some_and(|first| first.text() == title) {
                texts.next();
            }
            title
        }
        None => texts.next().map(|first| first.text().to_owned()).ok_or(SegmentError::NoText)?,
    };
    let lead = meta
        .lead
        .or_else(|| texts.next_if(|block| matches!(block, Piece::Text(_))).map(|block| block.text().to_owned()));
    let body = body_blocks(texts.collect());
    if lead.is_none() && body.is_empty() {
        return Err(SegmentError::NoText);
    }
    Ok(Article {
        title,
        lead,
        body,
        captions,
        byline: meta.byline,
        date: meta.date,
        source: meta.source,
        language: meta.language.unwrap_or_else(|| crate::lang::UNDETERMINED.to_owned()),
        modified: meta.modified,
        section: meta.section,
        url: meta.url,
        entities: Vec::new(),
    })
}

/// A block that can end up in the body.
enum Piece {
    Text(String),
    Heading(String),
}

impl Piece {
    fn text(&self) -> &str {
        match self {
            Piece::Text(text) | Piece::Heading(text) => text,
        }
    }
}

/// Separates captions from the running text. A text block directly before a credit is that
/// credit's caption; media markers and credits without a caption are dropped.
fn take_captions(blocks: Vec<Block>) -> (Vec<Piece>, Vec<Caption>) {
    let mut pieces = Vec::new();
    let mut captions = Vec::new();
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Text(text) => match blocks.next_if(|next| matches!(next, Block::Credit(_))) {
                Some(Block::Credit(credit)) => captions.push(Caption { text, credit: Some(credit) }),
                _ => pieces.push(Piece::Text(text)),
            },
            Block::Heading(text) => pieces.push(Piece::Heading(text)),
            Block::Caption { text, credit } => captions.push(Caption { text, credit }),
            Block::Media | Block::Credit(_) | Block::Byline(_) => {}
        }
    }
    (pieces, captions)
}

fn body_blocks(pieces: Vec<Piece>) -> Vec<BodyBlock> {
    let mut body = Vec::with_capacity(pieces.len());
    let mut pieces = pieces.into_iter().peekable();
    while let Some(piece) = pieces.next() {
        let followed_by_text = matches!(pieces.peek(), Some(Piece::Text(_)));
        body.push(match piece {
            Piece::Heading(text) => BodyBlock::Subheading(text),
            Piece::Text(text) if followed_by_text && looks_like_heading(&text) => BodyBlock::Subheading(text),
            Piece::Text(text) => BodyBlock::Paragraph(text),
        });
    }
    body
}

fn looks_like_heading(text: &str) -> bool {
    !ends_sentence(text) && text.split_whitespace().count() <= MAX_SUBHEADING_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::Meta;

    fn text(t: &str) -> Block {
        Block::Text(t.to_owned())
    }

    #[test]
    fn roles_follow_order_and_shape() {
        let cleaned = Cleaned {
            meta: Meta::default(),
            blocks: vec![
                text("Ferja ble innstilt"),
                Block::Media,
                text("Ferja ved kaia"),
                Block::Credit("NTB".into()),
                text("Ingen ferjer gikk i går."),
                text("Lang kø"),
                text("Passasjerene ventet i timevis."),
                text("Slutt uten punktum"),
            ],
        };
        let article = segment(cleaned).unwrap();
        assert_eq!(article.title, "Ferja ble innstilt");
        assert_eq!(article.lead.as_deref(), Some("Ingen ferjer gikk i går."));
        assert_eq!(article.captions, vec![Caption { text: "Ferja ved kaia".into(), credit: Some("NTB".into()) }]);
        assert_eq!(article.subheadings().collect::<Vec<_>>(), ["Lang kø"]);
        assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["Passasjerene ventet i timevis.", "Slutt uten punktum"]);
    }

    #[test]
    fn declared_title_and_lead_win() {
        let cleaned = Cleaned {
            meta: Meta { title: Some("Tittel".into()), lead: Some("Ingress.".into()), ..Meta::default() },
            blocks: vec![text("Tittel"), text("Brødtekst.")],
        };
        let article = segment(cleaned).unwrap();
        assert_eq!((article.title.as_str(), article.lead.as_deref()), ("Tittel", Some("Ingress.")));
        assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["Brødtekst."]);
    }

    #[test]
    fn nothing_to_segment_is_an_error() {
        let cleaned = Cleaned { meta: Meta::default(), blocks: vec![Block::Media, Block::Credit("NTB".into())] };
        assert!(segment(cleaned).is_err());
    }
}
