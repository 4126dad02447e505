//! A document-order walk over an element's subtree that can prune subtrees.
//!
//! Pages nest thousands of levels deep, so nothing here recurses: the walk moves through the
//! tree by first-child / next-sibling / parent links and never holds more than one cursor.

use scraper::{ElementRef, Node};

use arkiv_text::collapse_whitespace;

/// One step of the walk.
pub(super) enum Event<'a> {
    Open(ElementRef<'a>),
    Text(&'a str),
    Close(ElementRef<'a>),
}

/// Walks `root`'s subtree (including `root`) in document order, calling `visit` for every
/// element and text node outside the subtrees for which `prune` returns true. The root itself
/// is never pruned: the caller chose it.
pub(super) fn walk<'a>(
    root: ElementRef<'a>,
    mut prune: impl FnMut(ElementRef<'a>) -> bool,
    mut visit: impl FnMut(Event<'a>),
) {
    let mut node = *root;
    loop {
        let mut descend = false;
        match node.value() {
            Node::Text(t) => visit(Event::Text(t)),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(node)
                    && (node.id() == root.id() || !prune(el))
                {
                    visit(Event::Open(el));
                    descend = true;
                }
            }
            _ => {}
        }
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        if descend && let Some(el) = ElementRef::wrap(node) {
            visit(Event::Close(el));
        }
        loop {
            if node.id() == root.id() {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            let Some(parent) = node.parent() else {
                return;
            };
            node = parent;
            if let Some(el) = ElementRef::wrap(node) {
                visit(Event::Close(el));
            }
        }
    }
}

/// The text of `root`'s subtree outside the pruned subtrees, whitespace collapsed, with a
/// space at every block boundary so that paragraphs do not run into each other.
pub(super) fn visible_text<'a>(root: ElementRef<'a>, prune: impl FnMut(ElementRef<'a>) -> bool) -> String {
    let mut text = String::new();
    walk(root, prune, |event| match event {
        Event::Text(t) => text.push_str(t),
        Event::Open(el) | Event::Close(el) if is_block(el.value().name()) => text.push(' '),
        Event::Open(_) | Event::Close(_) => {}
    });
    collapse_whitespace(&text)
}

/// Tags that start a new block of text; everything else flows inline. Custom elements (with a
/// hyphen in their name) are mostly layout wrappers, so they count as blocks too.
pub(super) fn is_block(name: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "picture",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "video",
        "img",
        "audio",
    ];
    BLOCKS.contains(&name) || name.contains('-')
}
