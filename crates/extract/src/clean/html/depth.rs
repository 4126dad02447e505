//! A cap on how deep a page's elements nest, applied to the markup before parsing.
//!
//! html5ever's tree builder looks through the stack of open elements for many tags, so its
//! time grows with the square of the nesting depth: 40,000 nested `div`s take seconds and a
//! 10 MB page of them would take hours. No real page nests more than a few hundred levels, so
//! start tags beyond [`MAX_DEPTH`] are dropped, together with their end tags, which keeps the
//! text and bounds the time. Pages within the cap are passed on untouched.

use std::borrow::Cow;

/// Deeper nesting than this is pathological; real pages stay far below it.
const MAX_DEPTH: usize = 1_000;

/// Elements without content: their start tags open nothing.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements a parser closes by itself when a sibling starts (`<p>…<p>`, `<li>…<li>`), so that
/// a page full of unclosed ones is not deep at all.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt",
    "rp",
];

/// Elements whose content is raw text, where `<` starts no tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript", "template"];

/// `html` with the start tags (and matching end tags) beyond [`MAX_DEPTH`] levels removed.
pub(super) fn capped(html: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut copied_to = 0;
    let mut at = 0;
    let bytes = html.as_bytes();
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let Some(tag) = Tag::read(html, start) else {
            at = start + 1;
            continue;
        };
        let mut drop = false;
        match tag.kind {
            Kind::Open if VOID.contains(&tag.name.as_str()) || SELF_CLOSING.contains(&tag.name.as_str()) => {}
            Kind::Open if tag.self_closed => {}
            Kind::Open if depth >= MAX_DEPTH => {
                dropped += 1;
                drop = true;
            }
            Kind::Open => depth += 1,
            Kind::Close if VOID.contains(&tag.name.as_str()) || SELF_CLOSING.contains(&tag.name.as_str()) => {}
            Kind::Close if dropped > 0 => {
                dropped -= 1;
                drop = true;
            }
            Kind::Close => depth = depth.saturating_sub(1),
            Kind::Other => {}
        }
        let mut end = tag.end;
        if tag.kind == Kind::Open && RAW_TEXT.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            end = find_ascii_case_insensitive(bytes, end, close.as_bytes()).unwrap_or(html.len());
        }
        if drop {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied_to..start]);
            copied_to = tag.end;
        }
        at = end.max(start + 1);
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&html[copied_to..]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(html),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    /// Comments, doctypes, processing instructions.
    Other,
}

/// One tag of the markup: its kind, lowercase name and where it ends (after `>`).
struct Tag {
    kind: Kind,
    name: String,
    self_closed: bool,
    end: usize,
}

impl Tag {
    /// The tag starting at `start` (a `<`), or `None` when the `<` starts no tag.
    fn read(html: &str, start: usize) -> Option<Tag> {
        let rest = &html[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment.find("-->").map_or(html.len(), |e| start + 4 + e + 3);
            return Some(Tag { kind: Kind::Other, name: String::new(), self_closed: false, end });
        }
        let (kind, name_from) = match rest.as_bytes().first()? {
            b'/' => (Kind::Close, 1),
            b'!' | b'?' => (Kind::Other, 1),
            c if c.is_ascii_alphabetic() => (Kind::Open, 0),
            _ => return None,
        };
        let name: String = rest[name_from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let close = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
        let self_closed = html[..close].ends_with("/>");
        Some(Tag { kind, name, self_closed, end: close })
    }
}

/// Where `needle` (ASCII) occurs in `haystack` from `from` on, ignoring ASCII case.
fn find_ascii_case_insensitive(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_untouched() {
        let html =
            "<html><body><p>En<p>To<ul><li>a<li>b</ul><script>if (a<b) {}</script><br><img src=x/></body></html>";
        assert!(matches!(capped(html), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_beyond_the_cap_is_flattened_and_text_kept() {
        let depth = MAX_DEPTH * 3;
        let html = format!("{}<p>Tekst</p>{}", "<div class=\"x\">".repeat(depth), "</div>".repeat(depth));
        let capped = capped(&html);
        assert_eq!(capped.matches("<div").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert!(capped.contains("<p>Tekst</p>"));
    }
}
