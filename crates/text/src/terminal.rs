//! Text that is safe to print on a terminal.
//!
//! An article is someone else's text, and so is a file name. Printed as they are, an ESC or a
//! C1 control in them is an instruction to the terminal (clear the screen, retitle the
//! window, a hyperlink that shows one address and opens another), and a bidi override makes
//! the characters after it read in another order than they are stored in: "invoice", U+202E,
//! "fdp.exe" reads as "invoiceexe.pdf".

use std::borrow::Cow;

/// What a control character is shown as: the replacement character, so the reader sees that
/// something was there. Dropping it instead would silently join the text around it.
pub const REPLACEMENT: char = '\u{fffd}';

/// Whether a terminal would act on `c` rather than show it: a C0 control other than tab and
/// newline (carriage return too, which lets a line overwrite itself), DEL, a C1 control
/// (U+0080–U+009F: U+009B is a CSI on its own), or a bidi embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069).
pub fn is_terminal_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The [`is_terminal_control`] characters of `text`, with their byte offsets. Almost no text
/// has one, so the bytes are read, not the characters, a block of [`SCANNED_TOGETHER`] at a
/// time with no branch per byte: only a byte that such a character's UTF-8 starts with
/// ([`may_start_control`]) is decoded.
pub fn terminal_controls(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let end = (at + SCANNED_TOGETHER).min(bytes.len());
            if !bytes[at..end].iter().fold(false, |any, byte| any | may_start_control(*byte)) {
                at = end;
                continue;
            }
            while at < end {
                let start = at;
                at += 1;
                // A byte that may start a control is ASCII or a leading byte, never inside a
                // character, so `start` is a character boundary.
                if may_start_control(bytes[start])
                    && let Some(c) = text[start..].chars().next().filter(|c| is_terminal_control(*c))
                {
                    return Some((start, c));
                }
            }
        }
        None
    })
}

/// How many bytes [`terminal_controls`] looks at together: a block the compiler reads with
/// vector instructions.
const SCANNED_TOGETHER: usize = 32;

/// Whether `byte` may start an [`is_terminal_control`] character in UTF-8: a C0 control or
/// DEL is a byte of its own, every C1 control starts with 0xC2 and every bidi control with
/// 0xE2.
fn may_start_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t' && byte != b'\n') | (byte == 0x7f) | (byte == 0xc2) | (byte == 0xe2)
}

/// `text` with every [`is_terminal_control`] character replaced by [`REPLACEMENT`]; borrowed,
/// without a copy, when there is none, as in almost every article.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if terminal_controls(text).next().is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if is_terminal_control(c) { REPLACEMENT } else { c }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(terminal_safe("a\x1b]0;pwned\x07b"), "a\u{fffd}]0;pwned\u{fffd}b");
        assert_eq!(terminal_safe("\x1b[2J\u{9b}31m"), "\u{fffd}[2J\u{fffd}31m");
        assert_eq!(
            terminal_safe("\x1b]8;;https://evil.example\x1b\\NRK\x1b]8;;\x1b\\"),
            "\u{fffd}]8;;https://evil.example\u{fffd}\\NRK\u{fffd}]8;;\u{fffd}\\"
        );
    }

    #[test]
    fn every_control_a_terminal_acts_on_is_replaced() {
        for c in ['\0', '\r', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}', '\u{202e}', '\u{2066}']
        {
            assert_eq!(terminal_safe(&format!("x{c}y")), "x\u{fffd}y", "{:?}", c);
        }
    }

    #[test]
    fn ordinary_text_is_borrowed_as_it_is() {
        for text in ["Sjøfolkene i Tromsø", "tab\there\nand a new line", "«sitat» – ‹›, العربية, \u{a0}", ""]
        {
            assert!(matches!(terminal_safe(text), Cow::Borrowed(borrowed) if borrowed == text), "{text:?}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Any text, with the characters a terminal acts on (and the ones just outside their
        /// ranges) far more often than among all of Unicode.
        fn text() -> impl Strategy<Value = String> {
            let character = prop_oneof![
                any::<char>(),
                proptest::char::range('\0', '\u{20}'),
                proptest::char::range('\u{7e}', '\u{a0}'),
                proptest::char::range('\u{2029}', '\u{202f}'),
                proptest::char::range('\u{2065}', '\u{206a}'),
            ];
            proptest::collection::vec(character, 0..40).prop_map(String::from_iter)
        }

        proptest! {
            #[test]
            fn safe_text_has_no_control_is_the_same_length_and_stays_as_it_is(text in text()) {
                let safe = terminal_safe(&text);
                prop_assert!(!safe.chars().any(is_terminal_control), "{safe:?}");
                let controls: Vec<(usize, char)> = text.char_indices().filter(|(_, c)| is_terminal_control(*c)).collect();
                prop_assert_eq!(terminal_controls(&text).collect::<Vec<_>>(), controls);
                prop_assert_eq!(safe.chars().count(), text.chars().count());
                prop_assert!(matches!(terminal_safe(&safe), Cow::Borrowed(again) if again == safe));
                for (was, is) in text.chars().zip(safe.chars()) {
                    prop_assert!(was == is || (is == REPLACEMENT && is_terminal_control(was)));
                }
            }
        }
    }
}
