//! Cheap looks at raw bytes: which charset a page declares, and whether text is HTML at all.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page the charset declaration is looked for, as in the HTML spec's prescan.
const PRESCAN: usize = 1024;

/// The encoding declared by a `<meta charset>` or `<meta http-equiv="Content-Type">` in the
/// first 1024 bytes.
///
/// A simplified version of the HTML spec's prescan: it reads `charset=` inside any `<meta …>`
/// tag. As the spec requires, a declared UTF-16 means UTF-8 (the bytes being ASCII-compatible
/// proves they are not UTF-16) and `x-user-defined` means windows-1252.
pub(super) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..PRESCAN).unwrap_or(bytes).to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta") {
        let start = from + at + 5;
        let end = find(&head[start..], b">").map_or(head.len(), |e| start + e);
        if let Some(encoding) = charset_in_tag(&head[start..end]) {
            return Some(encoding);
        }
        from = end;
    }
    None
}

/// The encoding named by `charset=` in the attributes of one tag.
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(tag, b"charset")?;
    let rest = tag[at + 7..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let encoding = Encoding::for_label(&rest[..len])?;
    Some(if encoding == encoding_rs::UTF_16BE || encoding == encoding_rs::UTF_16LE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether `text` looks like an HTML page, for files whose extension does not say.
///
/// True when, after an optional BOM and whitespace, it opens with a doctype, `<html` or
/// `<head`, or when `<html` / `<body` appears within the first kilobyte.
pub(super) fn looks_like_html(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let head = text[..text.floor_char_boundary(PRESCAN)].to_ascii_lowercase();
    ["<!doctype html", "<head"].iter().any(|p| head.starts_with(p)) || head.contains("<html") || head.contains("<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_declarations() {
        let enc = |s: &str| declared_charset(s.as_bytes()).map(encoding_rs::Encoding::name);
        assert_eq!(enc(r#"<html><head><meta charset="windows-1252">"#), Some("windows-1252"));
        assert_eq!(
            enc(r#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#),
            Some("windows-1252")
        );
        assert_eq!(enc("<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(enc("<html><head><title>x</title>"), None);
        let late = format!("{}<meta charset=\"windows-1252\">", " ".repeat(2000));
        assert_eq!(enc(&late), None);
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML><body>"));
        assert!(looks_like_html("<!-- saved page -->\n<body>tekst</body>"));
        assert!(!looks_like_html("Nordmann dømt til livstid\n\nEn mann i 40-åra <b>"));
        assert!(!looks_like_html(""));
    }
}
