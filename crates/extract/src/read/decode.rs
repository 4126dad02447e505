//! Decoding bytes to text: BOM, then UTF-8, then the charset an HTML page declares, then a
//! statistical guess (chardetng), so that æøå survive whatever encoding a file was saved in.

use encoding_rs::{Encoding, UTF_8};

use super::sniff;
use super::{BINARY_SNIFF_BYTES, Format, ReadError};

/// A file's text after decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub format: Format,
    /// Invalid byte sequences that were replaced by U+FFFD. Reported, not fatal: one broken
    /// byte should not cost the reader a whole article.
    pub replaced: usize,
}

/// Decodes `bytes`; `hint` is the format the file name promises, if any.
pub(crate) fn decode(bytes: &[u8], hint: Option<Format>) -> Result<Decoded, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let replaced = if had_errors { count_replacements(&text) } else { 0 };
        return finish(text.into_owned(), encoding, hint, replaced);
    }
    if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return Err(ReadError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), UTF_8, hint, 0);
    }
    let encoding = match sniff::declared_charset(bytes) {
        Some(declared) if declared != UTF_8 => declared,
        _ if mostly_utf8(bytes) => UTF_8,
        _ => guess(bytes),
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    let replaced = if had_errors { count_replacements(&text) } else { 0 };
    finish(text.into_owned(), encoding, hint, replaced)
}

fn finish(
    text: String,
    encoding: &'static Encoding,
    hint: Option<Format>,
    replaced: usize,
) -> Result<Decoded, ReadError> {
    refuse_garbage(&text)?;
    let format = hint.unwrap_or_else(|| if sniff::looks_like_html(&text) { Format::Html } else { Format::Text });
    Ok(Decoded { text, encoding, format, replaced })
}

/// The share of a text's characters, in percent, above which it is taken for binary bytes:
/// random bytes decode to 13% control characters or more, whatever the encoding (27 C0
/// controls, DEL and the C1 range or the undefined bytes of a code page).
const MAX_GARBAGE_PERCENT: usize = 5;

/// Fewer characters than this are never enough to refuse a file: a short note with a few
/// broken bytes is still a note.
const MIN_GARBAGE_CHARS: usize = 32;

/// Refuses a text that is mostly control characters (other than whitespace) and replacement
/// characters, which no article is: binary bytes without NUL pass the NUL sniff and would
/// otherwise be indexed as gibberish in some language.
fn refuse_garbage(text: &str) -> Result<(), ReadError> {
    let (mut characters, mut garbage) = (0usize, 0usize);
    for c in text.chars() {
        characters += 1;
        garbage += usize::from(is_garbage(c));
    }
    let percent = garbage * 100 / characters.max(1);
    if garbage >= MIN_GARBAGE_CHARS && percent >= MAX_GARBAGE_PERCENT {
        return Err(ReadError::NotText { percent });
    }
    Ok(())
}

/// A character that text does not hold: a control character other than the whitespace ones,
/// or a replacement for bytes that could not be decoded.
fn is_garbage(c: char) -> bool {
    c == char::REPLACEMENT_CHARACTER || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
}

/// Text that is UTF-8 but for a few broken sequences (a truncated download, one stray byte)
/// decodes better as UTF-8 with replacements than as Windows-1252, which would garble every
/// æøå in it.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > 0 && multibyte >= invalid
}

/// A statistical guess for bytes that are not UTF-8 and declare nothing useful.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn count_replacements(text: &str) -> usize {
    text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("blåbærsyltetøy".as_bytes(), None).unwrap();
        assert_eq!(plain.text, "blåbærsyltetøy");
        let bom = decode("\u{feff}blåbærsyltetøy".as_bytes(), None).unwrap();
        assert_eq!(bom.text, "blåbærsyltetøy");
        assert_eq!(bom.encoding, UTF_8);
    }

    #[test]
    fn latin1_is_transcoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Søndag i Tromsø var været fint for både små og store.");
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.text, "Søndag i Tromsø var været fint for både små og store.");
        assert_eq!(decoded.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(decoded.replaced, 0);
    }

    #[test]
    fn a_stray_byte_in_utf8_is_replaced_not_misread() {
        let mut bytes = "Blåbær og jordbær fra Ås. ".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice("Søtt.".as_bytes());
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, UTF_8);
        assert_eq!(decoded.replaced, 1);
        assert!(decoded.text.starts_with("Blåbær og jordbær fra Ås."));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None), Err(ReadError::Binary)));
        assert!(matches!(decode(b"", None), Err(ReadError::Empty)));
        assert!(matches!(decode(b" \n\t\n", None), Err(ReadError::Empty)));
    }

    #[test]
    fn random_bytes_are_refused_and_a_few_broken_ones_are_not() {
        let mut state = 7u32;
        let random: Vec<u8> = (0..10_000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((state >> 16) as u8).max(1)
            })
            .collect();
        assert!(matches!(decode(&random, None), Err(ReadError::NotText { percent }) if percent >= 10));
        let mut text = "Blåbær og jordbær fra Ås. ".repeat(4).into_bytes();
        text.extend_from_slice(&[0x01, 0x02, 0xff, 0xfe, 0x7f]);
        assert!(decode(&text, None).is_ok(), "a few broken bytes in a short text");
    }

    #[test]
    fn html_is_sniffed_and_its_charset_honoured() {
        let page = b"<!DOCTYPE html><html><head><meta charset=\"windows-1252\"></head><body><p>P\xe5 bes\xf8k</p></body></html>";
        let decoded = decode(page, None).unwrap();
        assert_eq!(decoded.format, Format::Html);
        assert!(decoded.text.contains("På besøk"));
    }

    mod properties {
        use super::*;
        use crate::properties::text_page;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            #[test]
            fn any_bytes_are_decoded_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..4_000), html in any::<bool>()) {
                let hint = html.then_some(Format::Html);
                if let Ok(decoded) = decode(&bytes, hint) {
                    prop_assert!(decoded.replaced <= decoded.text.chars().count());
                    prop_assert!(decoded.format == Format::Html || !html);
                }
            }

            #[test]
            fn utf8_text_is_decoded_as_it_is(page in text_page(), bom in any::<bool>()) {
                prop_assume!(!page.contains('\0') && !page.starts_with('\u{feff}') && !page.chars().all(char::is_whitespace));
                let bytes = if bom { format!("\u{feff}{page}") } else { page.clone() };
                match decode(bytes.as_bytes(), None) {
                    Ok(decoded) => {
                        prop_assert_eq!(decoded.text, page);
                        prop_assert_eq!(decoded.encoding, UTF_8);
                    }
                    Err(error) => prop_assert!(matches!(error, ReadError::NotText { .. }), "{error}"),
                }
            }
        }
    }
}
