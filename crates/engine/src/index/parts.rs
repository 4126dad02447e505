//! Parts of compounds, found at index time: Norwegian writes compounds as one word, so
//! "spenningsbobler" is also indexed as "spenning" and "bobler", and "sofakroken" as "sofa" and
//! "kroken", in a field of their own that a query word also searches at a lower weight.
//!
//! The words that can be parts come from a lexicon learned from NoReC (`parts.tsv`, made by
//! `src/bin/compound-lexicon.rs`, which says how): each word with the number of articles that
//! write it, and whether it can end a compound (a head) or begin one (a modifier). A word is
//! split into modifiers, each perhaps followed by a linking -s- or -e-, and a head, as Koehn &
//! Knight (2003) split German: the split whose parts are likeliest (the greatest geometric mean
//! of their article counts), when that is more than the count of the word itself. So
//! "forestilling" stays whole (NoReC writes it more often than "fore" and "stilling" together
//! make likely, and "fore" begins too many words to be a modifier), as does "underholdning"
//! ("under" is a preposition, never a modifier).

use std::cell::RefCell;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The lexicon, as `compound-lexicon` writes it.
const LEXICON_TSV: &str = include_str!("parts.tsv");

/// The start of the lexicon's line that gives the number of articles it was learned from.
const ARTICLES_LINE: &str = "# articles: ";

/// The letters that may join a modifier to what follows ("regjering-s-møtet"), for the index
/// and for the tool that makes its lexicon.
pub const LINKERS: [&str; 3] = ["", "s", "e"];

/// What the lexicon knows of a word.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// The NoReC articles that write it.
    articles: u32,
    head: bool,
    modifier: bool,
}

/// The lexicon's words, and the length of its shortest part.
struct Lexicon {
    /// Looked up for every stretch of letters of every new word, so hashed for speed.
    words: FxHashMap<&'static str, Word>,
    /// In characters: a word shorter than two such parts is no compound.
    shortest_part: usize,
    /// The articles of the corpus the lexicon was learned from.
    articles: f64,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let words: FxHashMap<&'static str, Word> = LEXICON_TSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let (word, articles, flags) = (columns.next()?, columns.next()?, columns.next()?);
            Some((
                word,
                Word { articles: articles.parse().ok()?, head: flags.contains('h'), modifier: flags.contains('m') },
            ))
        })
        .collect();
    let shortest_part = words
        .iter()
        .filter(|(_, known)| known.head || known.modifier)
        .map(|(word, _)| word.chars().count())
        .min()
        .unwrap_or(usize::MAX);
    let articles = LEXICON_TSV.lines().find_map(|line| line.strip_prefix(ARTICLES_LINE)?.parse().ok()).unwrap_or(1.0);
    Lexicon { words, shortest_part, articles }
});

/// An identity of the lexicon, for the index's stamp ([`crate::format`]): another lexicon
/// gives another.
pub(crate) fn lexicon_stamp() -> u64 {
    xxhash_rust::xxh3::xxh3_64(LEXICON_TSV.as_bytes())
}

/// Whether the lexicon has `word` (lowercased and folded) as the end of compounds.
pub(crate) fn is_head(word: &str) -> bool {
    LEXICON.words.get(word).is_some_and(|known| known.head)
}

/// Whether the lexicon has `word` (lowercased and folded) as the beginning of compounds.
pub(crate) fn is_modifier(word: &str) -> bool {
    LEXICON.words.get(word).is_some_and(|known| known.modifier)
}

/// A reading of a word as parts: the sum of the logarithms of their article counts, and each
/// part's byte range in the word.
#[derive(Debug, Clone)]
struct Reading {
    logs: f64,
    parts: Vec<(usize, usize)>,
}

/// The parts of `word` (lowercased and folded as the analyzer has it), when it is a compound.
///
/// The reading chosen is the likeliest under a model of words drawn independently (the
/// greatest product of the parts' shares of the corpus's articles), which prefers few, common
/// parts to many short ones ("fjell-topper", not "fjell-top-per"); it splits the word when its
/// parts' geometric mean of article counts is more than the word's own. Common short parts can
/// still outweigh a longer one ("beste-far-s-kropp" over "bestefar-s-kropp"), so where
/// neighbouring parts together make a part of the lexicon in their place, that part is given
/// too, after the reading's own: "bestefar" is found in "bestefarskropp", "høytiden" in
/// "krimhøytiden".
pub(crate) fn split(word: &str) -> Option<Vec<&str>> {
    let Lexicon { words, shortest_part, articles } = &*LEXICON;
    if too_short(word, *shortest_part) {
        return None;
    }
    let bounds: Vec<usize> = word.char_indices().map(|(at, _)| at).chain([word.len()]).collect();
    let share = |known: &Word| (f64::from(known.articles) / articles).ln();
    // best[i]: the likeliest reading of the word from bounds[i] on as modifiers and a head,
    // where the whole word (i = 0) must be more than one part.
    let mut best: Vec<Option<Reading>> = vec![None; bounds.len()];
    let letters = bounds.len() - 1;
    // Every part has at least `shortest_part` letters: no shorter stretch is looked up.
    for start in (0..=letters - shortest_part).rev() {
        let from = bounds[start];
        let mut reading = words
            .get(&word[from..])
            .filter(|known| known.head && start > 0)
            .map(|known| Reading { logs: share(known), parts: vec![(from, word.len())] });
        for (end, &to) in bounds.iter().enumerate().take(letters + 1 - shortest_part).skip(start + shortest_part) {
            let Some(modifier) = words.get(&word[from..to]).filter(|known| known.modifier) else {
                continue;
            };
            for linker in LINKERS.iter().filter(|linker| word[to..].starts_with(*linker)) {
                let Some(Some(rest)) = best.get(end + linker.chars().count()) else {
                    continue;
                };
                if reading.as_ref().is_none_or(|reading| share(modifier) + rest.logs > reading.logs) {
                    reading = Some(Reading {
                        logs: share(modifier) + rest.logs,
                        parts: [&[(from, to)][..], &rest.parts].concat(),
                    });
                }
            }
        }
        best[start] = reading;
    }
    let reading = best[0].take()?;
    let parts: Vec<&str> = reading.parts.iter().map(|&(from, to)| &word[from..to]).collect();
    let mean = parts.iter().map(|part| f64::from(words[part].articles).ln()).sum::<f64>() / parts.len() as f64;
    let whole = words.get(word).map_or(0, |known| known.articles);
    if mean.exp() <= f64::from(whole) {
        return None;
    }
    Some(with_joined_parts(word, &reading.parts, parts))
}

/// `parts`, the reading of `word` at the byte ranges `ranges`, and after them each run of two
/// or more neighbouring parts, short of the whole word, that the lexicon has as a part where
/// the run stands: a head when it ends the word, a modifier when it does not.
fn with_joined_parts<'w>(word: &'w str, ranges: &[(usize, usize)], mut parts: Vec<&'w str>) -> Vec<&'w str> {
    for first in 0..ranges.len() {
        for last in first + 1..ranges.len() {
            if first == 0 && last == ranges.len() - 1 {
                continue;
            }
            let run = &word[ranges[first].0..ranges[last].1];
            let known_there = if last == ranges.len() - 1 { is_head } else { is_modifier };
            if known_there(run) {
                parts.push(run);
            }
        }
    }
    parts
}

/// Whether `word` is too short to be two parts: a letter is one byte or more, so a word of
/// fewer bytes than two parts' letters is short, and most words are, so this is told from the
/// bytes before the letters are counted.
fn too_short(word: &str, shortest_part: usize) -> bool {
    word.len() < 2 * shortest_part || word.chars().count() < 2 * shortest_part
}

/// The token filter that gives a compound's parts at its position. In place of the words
/// ([`Parts::INSTEAD_OF_WORDS`]), the parts field holds nothing but parts; beside them
/// ([`Parts::BESIDE_WORDS`]), the written field holds every word and the parts of the compounds
/// as written, so that "husets" typed is found as written in "kongehusets". It goes right
/// after folding, so that stop words and the stemmer treat the parts as words of their own.
#[derive(Clone, Copy, Debug)]
pub(super) struct Parts {
    words: bool,
}

impl Parts {
    pub(super) const INSTEAD_OF_WORDS: Parts = Parts { words: false };
    pub(super) const BESIDE_WORDS: Parts = Parts { words: true };
}

impl TokenFilter for Parts {
    type Tokenizer<T: Tokenizer> = PartsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PartsFilter<T> {
        PartsFilter { inner: tokenizer, words: self.words }
    }
}

/// The most words whose reading a thread remembers; it forgets them all when full. Words
/// repeat (most of an archive's tokens are a few thousand words), so a reading is worked out
/// about once per word, not once per token, within a bounded memory.
const REMEMBERED: usize = 100_000;

thread_local! {
    /// The parts of the words read so far on this thread, none for a word that is no compound:
    /// one memory for the parts and the written fields, and for every copy of their analyzers,
    /// so that each word is split once, not once per field.
    static READINGS: RefCell<FxHashMap<Box<str>, Remembered>> = RefCell::new(FxHashMap::default());
}

/// The parts of a word, shared between the filter's memory and the stream giving them out, so
/// that a compound's parts are not copied for each of its tokens.
type Remembered = Arc<[Box<str>]>;

#[derive(Clone)]
pub(super) struct PartsFilter<T> {
    inner: T,
    /// Whether every word is given too, before its parts.
    words: bool,
}

impl<T: Tokenizer> Tokenizer for PartsFilter<T> {
    type TokenStream<'a> = PartsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PartsStream {
            tail: self.inner.token_stream(text),
            words: self.words,
            shortest_part: LEXICON.shortest_part,
            pending: (Arc::from([]), 0),
            token: Token::default(),
        }
    }
}

pub(super) struct PartsStream<T> {
    tail: T,
    words: bool,
    shortest_part: usize,
    /// The parts of the current compound, and the next one to give out.
    pending: (Remembered, usize),
    token: Token,
}

impl<T: TokenStream> TokenStream for PartsStream<T> {
    fn advance(&mut self) -> bool {
        while self.pending.1 >= self.pending.0.len() {
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token();
            // Most words are too short to be compounds: they cost no lookup.
            let parts = (!too_short(&token.text, self.shortest_part))
                .then(|| READINGS.with_borrow_mut(|readings| reading(readings, &token.text)))
                .filter(|parts| !parts.is_empty());
            if parts.is_none() && !self.words {
                continue;
            }
            self.token.position = token.position;
            self.token.offset_from = token.offset_from;
            self.token.offset_to = token.offset_to;
            self.token.position_length = token.position_length;
            // A word without parts leaves the pending parts as they are: given out already.
            if let Some(parts) = parts {
                self.pending = (parts, 0);
            }
            if self.words {
                self.token.text.clear();
                self.token.text.push_str(&token.text);
                return true;
            }
        }
        let (parts, next) = &mut self.pending;
        self.token.text.clear();
        self.token.text.push_str(&parts[*next]);
        *next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The parts of `word`, none when it is no compound, from the memory of `readings` or worked
/// out and remembered.
fn reading(readings: &mut FxHashMap<Box<str>, Remembered>, word: &str) -> Remembered {
    if let Some(parts) = readings.get(word) {
        return Arc::clone(parts);
    }
    if readings.len() >= REMEMBERED {
        readings.clear();
    }
    let parts: Remembered = split(word).unwrap_or_default().into_iter().map(Box::from).collect();
    readings.insert(word.into(), Arc::clone(&parts));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_split_into_modifiers_and_a_head() {
        assert_eq!(split("spenningsbobler"), Some(vec!["spenning", "bobler"]));
        assert_eq!(split("sofakroken"), Some(vec!["sofa", "kroken"]));
        assert_eq!(split("regjeringsmøtet"), Some(vec!["regjering", "møtet"]));
        assert_eq!(split("kjærlighetshistorie"), Some(vec!["kjærlighet", "historie"]));
        assert_eq!(split("barnebok"), Some(vec!["barn", "bok"]));
        assert_eq!(split("borgermester"), Some(vec!["borger", "mester"]));
        assert_eq!(split("fjelltopper"), Some(vec!["fjell", "topper"]), "few common parts, not many short ones");
        assert_eq!(split("nisjesegment"), Some(vec!["nisje", "segment"]), "no stop word is a part");
    }

    #[test]
    fn neighbouring_parts_that_make_a_part_are_given_too() {
        assert_eq!(split("bestefarskropp"), Some(vec!["beste", "far", "kropp", "bestefar"]));
        assert_eq!(split("krimhøytiden"), Some(vec!["krim", "høy", "tiden", "høytiden"]));
    }

    #[test]
    fn stems_seldom_written_alone_begin_compounds() {
        assert!(is_modifier("hoved"), "hoved-rollen");
        assert_eq!(split("hoveddørene"), Some(vec!["hoved", "dørene"]));
    }

    #[test]
    fn lexicalised_words_and_plain_words_stay_whole() {
        for word in [
            "forestilling",
            "fortale",
            "holdning",
            "kjærlighet",
            "overraskende",
            "stilling",
            "tilskuere",
            "underholdning",
        ] {
            assert_eq!(split(word), None, "{word}");
        }
    }

    #[test]
    fn the_lexicon_tells_heads_and_modifiers() {
        assert!(is_head("kroken") && is_modifier("sofa"));
        assert!(is_modifier("atom"), "atom-nedrustning");
        assert!(!is_head("nedrustning"), "NoReC never writes it on its own");
        for particle in ["fore", "for", "under"] {
            assert!(!is_modifier(particle), "{particle}");
        }
    }

    #[test]
    fn endings_are_no_heads() {
        // "ene", "het" and "ler" are words, but far more words end with them than write them.
        for word in ["filmene", "tydelighet", "skuespiller"] {
            assert!(split(word).is_none_or(|parts| !["ene", "het", "ler"].contains(parts.last().unwrap())), "{word}");
        }
    }

    fn filtered(parts: Parts, text: &str) -> Vec<(usize, String)> {
        use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default()).filter(parts).build();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.position, token.text.clone()));
        }
        out
    }

    #[test]
    fn the_filter_gives_only_parts_at_the_compounds_position() {
        let expected = [(1, "sofa"), (1, "kroken"), (3, "spenning"), (3, "bobler")];
        assert_eq!(
            filtered(Parts::INSTEAD_OF_WORDS, "i sofakroken med spenningsbobler"),
            expected.map(|(position, text)| (position, text.to_owned()))
        );
    }

    #[test]
    fn beside_the_words_the_filter_gives_each_word_and_then_its_parts() {
        let expected = [(0, "i"), (1, "sofakroken"), (1, "sofa"), (1, "kroken"), (2, "med")];
        assert_eq!(
            filtered(Parts::BESIDE_WORDS, "i sofakroken med"),
            expected.map(|(position, text)| (position, text.to_owned()))
        );
    }
}
