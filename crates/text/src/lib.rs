//! Text primitives that every stage of arkiv shares: the cleaners, the tagger and the
//! snippets all compare and print text with runs of whitespace made one space, the index and
//! the names fold accents the same way, and every front end that prints an article's text on a
//! terminal makes it [`terminal_safe`] first, so all three are done here once, below them all.

mod terminal;

pub use terminal::{REPLACEMENT, is_terminal_control, terminal_controls, terminal_safe};

/// The text with every run of whitespace (spaces, tabs, newlines, no-break spaces) made one
/// space and none at either end.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The spellings a lowercase word is searched under, when accents make it differ from how it
/// is typed: its letters folded to their base letter (é → e, ñ → n, ç → c, ß → ss), while æ, ø
/// and å stay letters of their own, as they are in Norwegian (ø is not o). ö and ä are the
/// Swedish and German ø and æ ("Björn" is "Bjørn") and are typed o and a on keyboards without
/// them ("Björk" as "Bjork"), so a word with one of them has two spellings, the Norwegian one
/// first. `None` when the word has nothing to fold, which is most words.
pub fn fold(word: &str) -> Option<(String, Option<String>)> {
    if word.is_ascii() || !word.chars().any(|c| folded(c).is_some()) {
        return None;
    }
    let mut norwegian = String::with_capacity(word.len());
    let mut typed = String::with_capacity(word.len());
    for c in word.chars() {
        match folded(c) {
            Some(Fold::Base(base)) => {
                norwegian.push_str(base);
                typed.push_str(base);
            }
            Some(Fold::Nordic { norwegian: letter, typed: plain }) => {
                norwegian.push(letter);
                typed.push(plain);
            }
            None => {
                norwegian.push(c);
                typed.push(c);
            }
        }
    }
    let typed = (typed != norwegian).then_some(typed);
    Some((norwegian, typed))
}

/// What a letter folds to.
enum Fold {
    /// One base spelling.
    Base(&'static str),
    /// A letter that is a Norwegian letter in other languages' spelling, typed plain too.
    Nordic { norwegian: char, typed: char },
}

/// How a lowercase letter folds, if it does: the Latin letters with diacritics of the
/// languages an archive of Norwegian news quotes, by their base letter.
fn folded(c: char) -> Option<Fold> {
    Some(Fold::Base(match c {
        'ä' => return Some(Fold::Nordic { norwegian: 'æ', typed: 'a' }),
        'ö' => return Some(Fold::Nordic { norwegian: 'ø', typed: 'o' }),
        'á' | 'à' | 'â' | 'ã' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ó' | 'ò' | 'ô' | 'õ' | 'ō' | 'ő' => "o",
        'ŕ' | 'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    }))
}

/// The word with a capital first letter, the rest as it is.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Words of up to this many characters are taken to have at most one typing error, longer ones
/// two.
const SHORT_WORD: usize = 6;

/// Words shorter than this are taken as typed: too many other words are one edit away.
const MIN_TYPO_WORD: usize = 3;

/// How many typing errors a word may hold and still be the word it is near ([`edit_distance`]):
/// none in a very short word, one in a short one, two in a long one.
pub fn typo_edits(word: &str) -> usize {
    match word.chars().count() {
        n if n < MIN_TYPO_WORD => 0,
        n if n <= SHORT_WORD => 1,
        _ => 2,
    }
}

/// The edits (a letter added, dropped or replaced, or two neighbouring letters swapped) that
/// turn `a` into `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(edit_distance("pompoe", "pompeo"), 1);
        assert_eq!(edit_distance("pompoe", "pomp"), 2);
        assert_eq!(edit_distance("ullman", "ullmann"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn accents_fold_to_their_base_letter_and_the_norwegian_letters_stay() {
        assert_eq!(fold("norén"), Some(("noren".into(), None)));
        assert_eq!(fold("señor"), Some(("senor".into(), None)));
        assert_eq!(fold("straße"), Some(("strasse".into(), None)));
        assert_eq!(fold("bjørn"), None, "ø is a letter of its own");
        assert_eq!(fold("blåbær"), None);
        assert_eq!(fold("oslo"), None);
    }

    #[test]
    fn swedish_and_german_letters_are_the_norwegian_ones_and_typed_plain() {
        assert_eq!(fold("björk"), Some(("bjørk".into(), Some("bjork".into()))));
        assert_eq!(fold("mädchen"), Some(("mædchen".into(), Some("madchen".into()))));
        assert_eq!(fold("jönköping"), Some(("jønkøping".into(), Some("jonkoping".into()))));
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(collapse_whitespace("  Mike\u{a0}\n Pompeo\t"), "Mike Pompeo");
        assert_eq!(collapse_whitespace(" \n"), "");
    }
}
