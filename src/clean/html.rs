//! Temporary until the HTML cleaner lands.
use super::Cleaned;

pub fn clean(_html: &str) -> Cleaned {
    Cleaned::default()
}

pub fn declared_charset(_bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    None
}

pub fn looks_like_html(text: &str) -> bool {
    text.trim_start().to_ascii_lowercase().starts_with("<!doctype html")
}
