//! Turning the article's elements into [`Block`]s in reading order.
//!
//! The walk keeps one run of inline text and closes it at every block boundary (and at a
//! double `<br>`), so paragraphs written as `<p>`, as bare text in a `<div>`, or as list
//! items all come out as one block each. A run whose text is mostly links, with hardly a word
//! of its own, is a link list or a "read also" teaser and is dropped.

use scraper::ElementRef;

use super::container::{Analysis, Key, MAX_LINK_DENSITY};
use super::junk;
use super::walk::{Event, is_block, walk};
use arkiv_text::collapse_whitespace;

use crate::clean::{Block, labels};

/// A run with this much text outside its links (non-whitespace chars, about four words) is a
/// sentence that links to its sources ("Neil has patches up to <a>improve the tab
/// unloader</a>, and <a>show UI when …</a>"), not a list of links, however many links it has.
const MIN_OWN_TEXT: usize = 20;

/// Blocks of the article held by `roots`, in document order.
pub(super) fn extract(roots: &[ElementRef<'_>], analysis: &Analysis<'_>) -> Vec<Block> {
    let mut emitter = Emitter::default();
    for &root in roots {
        let reference = analysis.stats(root);
        walk(root, |el| junk::is_skipped(el, analysis.stats(el), reference), |event| emitter.event(event, analysis));
        emitter.flush();
    }
    emitter.blocks
}

/// A caption being read ([`junk::is_caption`]): the element it is, its text and the part
/// marked as credit.
struct CaptionBuf {
    root: Key,
    text: String,
    credit: String,
    credit_depth: usize,
}

/// A `figure` or `picture` being read: whether it showed media and got its own caption.
#[derive(Default, Clone, Copy)]
struct Figure {
    media: bool,
    captioned: bool,
}

#[derive(Default)]
struct Emitter {
    blocks: Vec<Block>,
    run: String,
    run_chars: usize,
    run_links: usize,
    link_depth: usize,
    heading_depth: usize,
    pending_br: bool,
    caption: Option<CaptionBuf>,
    figures: Vec<Figure>,
    /// For every open `table`, whether it is a table of data rather than of links.
    tables: Vec<bool>,
}

impl Emitter {
    fn event(&mut self, event: Event<'_>, analysis: &Analysis<'_>) {
        match event {
            Event::Open(el) => self.open(el, analysis),
            Event::Text(t) => self.text(t),
            Event::Close(el) => self.close(el),
        }
    }

    fn open(&mut self, el: ElementRef<'_>, analysis: &Analysis<'_>) {
        let name = el.value().name();
        if let Some(caption) = &mut self.caption {
            caption.text.push(' ');
            if junk::is_credit(el.value()) {
                caption.credit_depth += 1;
            }
            return;
        }
        if junk::is_caption(el, analysis.stats(el)) {
            self.flush();
            if let Some(figure) = self.figures.last_mut() {
                figure.captioned = true;
            }
            let buf = CaptionBuf { root: Key::of(el), text: String::new(), credit: String::new(), credit_depth: 0 };
            self.caption = Some(buf);
            return;
        }
        match name {
            "br" => return self.line_break(),
            "a" => self.link_depth += 1,
            _ => {}
        }
        if is_block(name) {
            self.flush();
        }
        match name {
            "h2" | "h3" | "h4" | "h5" | "h6" => self.heading_depth += 1,
            "figure" | "picture" => self.figures.push(Figure::default()),
            "table" => self.tables.push(analysis.stats(el).link_density() <= MAX_LINK_DENSITY),
            "img" | "video" | "audio" => self.media(el),
            _ => {}
        }
    }

    fn close(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if self.caption.as_ref().is_some_and(|caption| caption.root == Key::of(el)) {
            if let Some(caption) = self.caption.take() {
                self.push_caption(caption);
            }
            return;
        }
        if let Some(caption) = &mut self.caption {
            caption.text.push(' ');
            if junk::is_credit(el.value()) {
                caption.credit_depth = caption.credit_depth.saturating_sub(1);
            }
            return;
        }
        if is_block(name) {
            self.flush();
        }
        match name {
            "a" => self.link_depth = self.link_depth.saturating_sub(1),
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.heading_depth = self.heading_depth.saturating_sub(1);
            }
            "figure" | "picture" => self.close_figure(),
            "table" => _ = self.tables.pop(),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(caption) = &mut self.caption {
            if caption.credit_depth > 0 {
                caption.credit.push_str(t);
            } else {
                caption.text.push_str(t);
            }
            return;
        }
        let n = t.chars().filter(|c| !c.is_whitespace()).count();
        if n > 0 {
            self.pending_br = false;
        }
        self.run.push_str(t);
        self.run_chars += n;
        if self.link_depth > 0 {
            self.run_links += n;
        }
    }

    /// One `<br>` is a line break inside a paragraph; two in a row separate paragraphs.
    fn line_break(&mut self) {
        if self.pending_br {
            self.flush();
        } else {
            self.run.push(' ');
            self.pending_br = true;
        }
    }

    /// An image or video: part of the figure around it, else a media block of its own.
    fn media(&mut self, el: ElementRef<'_>) {
        if is_tiny(el) {
            return;
        }
        match self.figures.last_mut() {
            Some(figure) => figure.media = true,
            None => self.push_media(),
        }
    }

    fn close_figure(&mut self) {
        let Some(figure) = self.figures.pop() else {
            return;
        };
        match self.figures.last_mut() {
            Some(outer) => {
                outer.media |= figure.media;
                outer.captioned |= figure.captioned;
            }
            None if figure.media && !figure.captioned => self.push_media(),
            None => {}
        }
    }

    fn push_media(&mut self) {
        if self.blocks.last() != Some(&Block::Media) {
            self.blocks.push(Block::Media);
        }
    }

    fn push_caption(&mut self, caption: CaptionBuf) {
        let (text, credit) =
            labels::split_caption(&collapse_whitespace(&caption.text), &collapse_whitespace(&caption.credit));
        // A caption of nothing but a credit marks where a picture stood; as a credit it would
        // make the paragraph before it the picture's caption.
        match (text.is_empty(), credit) {
            (false, credit) => self.blocks.push(Block::Caption { text, credit }),
            (true, Some(_)) => self.push_media(),
            (true, None) => {}
        }
    }

    /// Ends the current run, emitting it unless it is empty, a label, or a list of links.
    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.run);
        let (chars, links) = (self.run_chars, self.run_links);
        self.run_chars = 0;
        self.run_links = 0;
        self.pending_br = false;
        let link_list = links as f64 / chars as f64 > MAX_LINK_DENSITY && chars - links < MIN_OWN_TEXT;
        if chars == 0 || (link_list && !self.in_data_table()) {
            return;
        }
        let text = collapse_whitespace(&raw);
        // A credit line outside a caption is dropped rather than kept as a credit: next to a
        // paragraph it would turn that paragraph into the picture's caption.
        if labels::is_menu_word(&text)
            || labels::is_widget_heading(&text)
            || labels::is_relative_time(&text)
            || labels::is_dateline(&text)
            || labels::is_notice(&text)
            || labels::credit_line(&text).is_some()
        {
            return;
        }
        let block = if let Some(names) = labels::byline_line(&text) {
            Block::Byline(names)
        } else if let Some((caption, credit)) = labels::trailing_credit(&text) {
            Block::Caption { text: caption, credit: Some(credit) }
        } else if self.heading_depth > 0 {
            Block::Heading(text)
        } else {
            Block::Text(text)
        };
        self.blocks.push(block);
    }
}

impl Emitter {
    /// Whether the walk is in a table of data, where a cell that is one link (the name of what
    /// the row describes) is data too; in a table of mostly links it is navigation.
    fn in_data_table(&self) -> bool {
        self.tables.last().copied().unwrap_or(false)
    }
}

/// Tracking pixels and icons declare a tiny size; they are not pictures of the article.
fn is_tiny(el: ElementRef<'_>) -> bool {
    ["width", "height"].iter().any(|a| {
        el.value().attr(a).and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok()).is_some_and(|v| v < 50)
    })
}
