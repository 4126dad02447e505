//! Splitting a text into words, remembering what separates each word from the one before.
//!
//! Names are runs of capitalised words, so the recogniser needs two facts per word besides its
//! span: whether it starts a sentence (then its capital letter says nothing about it being a
//! name) and whether only spaces separate it from the previous word (then the two can belong to
//! one name; a comma, a dash or a line break ends a name).

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// First word of the text, of a sentence, of a line or of a quotation (numbers before it
    /// do not count: "3.2 Finansiering" is a heading).
    pub initial: bool,
    /// Only spaces (no punctuation, no line break) separate it from the previous word.
    pub attached: bool,
}

impl Token {
    pub(super) fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Letters, digits and combining marks (which `char::is_alphanumeric` leaves out, but which
/// belong to the letter before them: "e\u{301}" is one letter as far as names go).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}')
}

/// Characters after which the next word starts a sentence (or a quotation, which Norwegian
/// also begins with a capital letter).
fn is_boundary(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | '…' | '\n' | '\r' | '«' | '“' | '"' | '„' | '•' | '|')
}

/// The character that starts at byte `at` of `text`, if any. Most text is ASCII, and reading
/// a byte is much cheaper than decoding a character, which every word of every article pays.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        byte if byte.is_ascii() => Some(char::from(byte)),
        _ => text.get(at..)?.chars().next(),
    }
}

/// Splits `text` into words, appending them to `out` (cleared first, so one buffer serves many
/// texts). Hyphens, apostrophes and full stops between letters stay inside a word
/// ("Midt-Østen", "O'Neill", "Trump's", "Dagbladet.no"), and so does an apostrophe after a
/// final s ("Reuters'"), the genitive of names ending in s, a hyphen that a conjunction follows
/// ("Olje- og energidepartementet"), and the full stop after a single capital letter ("W."), an
/// initial.
pub(super) fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut at = 0;
    let mut boundary = true;
    let mut only_spaces = true;
    while let Some(c) = char_at(text, at) {
        if !is_word_char(c) {
            boundary |= is_boundary(c);
            only_spaces &= c.is_whitespace() && !is_boundary(c);
            at += c.len_utf8();
            continue;
        }
        let start = at;
        let mut end = at + c.len_utf8();
        let mut last = c;
        let mut letters = c.is_alphabetic();
        at = end;
        while let Some(c) = char_at(text, at) {
            if is_word_char(c) {
                end = at + c.len_utf8();
                last = c;
                letters |= c.is_alphabetic();
                at = end;
                continue;
            }
            let joins = matches!(c, '-' | '\'' | '’' | '´' | '.');
            let next = char_at(text, at + c.len_utf8());
            if joins && next.is_some_and(is_word_char) && !is_glued_sentence_end(c, last, next) {
                at += c.len_utf8();
            } else if (matches!(c, '\'' | '’') && matches!(last, 's' | 'S' | 'x' | 'z'))
                || (c == '-' && is_suspended(&text[at + 1..]))
            {
                end = at + c.len_utf8();
                at = end;
                break;
            } else {
                break;
            }
        }
        if is_initial_letter(text, start, end) {
            end += 1;
            at = end;
        }
        out.push(Token { start, end, initial: boundary, attached: !out.is_empty() && only_spaces });
        boundary &= !letters;
        only_spaces = true;
    }
}

/// Whether a full stop between a lowercase letter and a capital ends one sentence and starts
/// the next with no space between them ("avkledd.Bokanmeldelse", a title glued to the text
/// after it), unlike the full stops inside a word ("Dagbladet.no", "U.S.A."), which have no
/// lowercase letter before a capital.
fn is_glued_sentence_end(c: char, last: char, next: Option<char>) -> bool {
    c == '.' && last.is_lowercase() && next.is_some_and(char::is_uppercase)
}

/// Whether a hyphen followed by `rest` leaves its word to be completed by a later one, as in
/// "Olje- og energidepartementet" or "inn- eller utland": then the hyphen is part of the word,
/// and the name runs on across "og".
fn is_suspended(rest: &str) -> bool {
    [" og ", " eller ", " and ", " or "].iter().any(|conjunction| rest.starts_with(conjunction))
}

/// The words of each of several texts (the paragraphs of one article, say).
pub(super) fn tokenize_each(texts: &[&str]) -> Vec<Vec<Token>> {
    texts
        .iter()
        .map(|text| {
            let mut tokens = Vec::new();
            tokenize(text, &mut tokens);
            tokens
        })
        .collect()
}

/// Abbreviations that stand before a name and keep their full stop: "St. Petersburg",
/// "Dr. Hansen".
const NAME_ABBREVIATIONS: &[&str] = &["St", "Sta", "Dr", "Mr", "Mrs", "Ms", "Jr", "Sr"];

/// The word `start..end` is a single capital letter or a name abbreviation followed by a full
/// stop: an initial, as in "George W. Bush", whose full stop belongs to the name and ends no
/// sentence.
fn is_initial_letter(text: &str, start: usize, end: usize) -> bool {
    let word = text.get(start..end).unwrap_or("");
    let mut letters = word.chars();
    let initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    (initial || NAME_ABBREVIATIONS.contains(&word)) && text.get(end..).is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool, bool)> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens.iter().map(|t| (t.text(text), t.initial, t.attached)).collect()
    }

    #[test]
    fn keeps_hyphens_and_genitive_apostrophes_inside_words() {
        assert_eq!(
            words("Midt-Østen, Reuters' og bade- og"),
            vec![
                ("Midt-Østen", true, false),
                ("Reuters'", false, false),
                ("og", false, true),
                ("bade", false, true),
                ("og", false, false),
            ]
        );
    }

    #[test]
    fn keeps_a_suspended_hyphen_with_its_word() {
        assert_eq!(
            words("Olje- og energidepartementet, bade- og"),
            vec![
                ("Olje-", true, false),
                ("og", false, true),
                ("energidepartementet", false, true),
                ("bade", false, false),
                ("og", false, false),
            ]
        );
    }

    #[test]
    fn marks_sentence_starts_and_quotations() {
        let w = words("Han sa. – Ja, «Nei» Ole");
        let initial: Vec<bool> = w.iter().map(|t| t.1).collect();
        assert_eq!(initial, vec![true, false, true, true, false]);
    }

    #[test]
    fn keeps_initials_and_domains_whole() {
        assert_eq!(
            words("George W. Bush og Dagbladet.no. Slutt"),
            vec![
                ("George", true, false),
                ("W.", false, true),
                ("Bush", false, true),
                ("og", false, true),
                ("Dagbladet.no", false, true),
                ("Slutt", true, false),
            ]
        );
    }

    #[test]
    fn a_full_stop_without_a_space_before_a_capital_ends_a_sentence() {
        assert_eq!(
            words("Putin avkledd.Bokanmeldelse av Ola"),
            vec![
                ("Putin", true, false),
                ("avkledd", false, true),
                ("Bokanmeldelse", true, false),
                ("av", false, true),
                ("Ola", false, true),
            ]
        );
        assert_eq!(words("U.S.A. og NRK.no")[0].0, "U.S.A");
    }

    #[test]
    fn survives_any_unicode() {
        assert!(words("").is_empty());
        assert_eq!(words("🙂 e\u{301}le 👍🏽-").len(), 1);
        assert_eq!(words("'-'’"), Vec::new());
    }
}
