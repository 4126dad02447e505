//! Finding a query's terms in a text, for snippets and concordances: the tokens the analyzer
//! gives, at the same positions and offsets, but only the words that can give one of the terms
//! are analyzed.
//!
//! Making a snippet reads the whole text of a hit again, to find the words whose terms the
//! query has. Through the analyzer chain every word is copied, lowercased, folded, looked up
//! among the stop words and handed from filter to filter, though nearly none of them can give
//! a term of the query. Some Snowball stemmers (the Scandinavian ones) only take endings off,
//! so the stem of a word is always a prefix of the word: a word can only stem to a term that
//! it starts with. For those languages [`TermTokenizer`] does the chain's work in one pass over
//! the text: it finds the words as the chain's tokenizer does, drops the long ones and the stop
//! words as its filters do, and lowercases, folds and stems only the words whose first letter
//! some term starts with, and those only when they start with a term. The other words come out
//! as tokens without text, which no term is, so the same words match.

use std::sync::Arc;

use frostem::Algorithm;
use tantivy::tokenizer::{Language, Token, TokenStream, Tokenizer};

use super::analyzer::MAX_TOKEN_BYTES;
use super::stop_words::StopWords;

/// The Snowball algorithm of a language whose stemmer only takes endings off, so that every
/// stem is a prefix of its word; `None` for the other languages (English turns "happy" into
/// "happi", German "Äpfel" into "apfel").
pub(super) fn suffix_stemmer(language: Language) -> Option<Algorithm> {
    match language {
        Language::Norwegian => Some(Algorithm::Norwegian),
        Language::Danish => Some(Algorithm::Danish),
        Language::Swedish => Some(Algorithm::Swedish),
        _ => None,
    }
}

/// The tokens of an analyzer whose stemmer only takes endings off (`algorithm`, one of
/// [`suffix_stemmer`]'s, `passes` times) and whose stop words are `stop_words`, where only the
/// words that can give one of `terms` carry their term as text.
#[derive(Clone)]
pub(super) struct TermTokenizer {
    algorithm: Algorithm,
    passes: usize,
    stop_words: &'static StopWords,
    terms: Arc<[String]>,
    /// Whether some term starts with the byte.
    starts: [bool; 256],
    token: Token,
}

impl TermTokenizer {
    pub(super) fn new(
        algorithm: Algorithm,
        passes: usize,
        stop_words: &'static StopWords,
        terms: Arc<[String]>,
    ) -> TermTokenizer {
        let mut starts = [false; 256];
        for term in terms.iter() {
            if let Some(&first) = term.as_bytes().first() {
                starts[usize::from(first)] = true;
            }
        }
        TermTokenizer { algorithm, passes, stop_words, terms, starts, token: Token::default() }
    }
}

impl Tokenizer for TermTokenizer {
    type TokenStream<'a> = TermStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream<'a> {
        self.token.reset();
        TermStream {
            text,
            at: 0,
            snowball: frostem::Stemmer::new(self.algorithm),
            passes: self.passes,
            stop_words: self.stop_words,
            terms: &self.terms,
            starts: &self.starts,
            token: &mut self.token,
            second: None,
            lowered: String::new(),
        }
    }
}

pub(super) struct TermStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
    snowball: frostem::Stemmer,
    passes: usize,
    stop_words: &'static StopWords,
    terms: &'a [String],
    starts: &'a [bool; 256],
    token: &'a mut Token,
    /// The word's second spelling (see [`super::fold`]), given out on the next advance.
    second: Option<String>,
    /// The lowercased word, reused from word to word.
    lowered: String,
}

impl TermStream<'_> {
    /// The next word as the chain's tokenizer (tantivy's `SimpleTokenizer`) finds it: a run of
    /// alphanumeric characters, with its byte range and whether it is ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        let start = loop {
            let &byte = bytes.get(at)?;
            if byte.is_ascii() {
                if byte.is_ascii_alphanumeric() {
                    break at;
                }
                at += 1;
            } else {
                let c = self.text[at..].chars().next()?;
                if c.is_alphanumeric() {
                    break at;
                }
                at += c.len_utf8();
            }
        };
        let mut ascii = true;
        let mut end = start;
        while let Some(&byte) = bytes.get(end) {
            if byte.is_ascii() {
                if !byte.is_ascii_alphanumeric() {
                    break;
                }
                end += 1;
            } else {
                let Some(c) = self.text[end..].chars().next().filter(|c| c.is_alphanumeric()) else {
                    break;
                };
                ascii = false;
                end += c.len_utf8();
            }
        }
        // The character that ends the word is no part of the next one either.
        self.at = self.text[end..].chars().next().map_or(end, |c| end + c.len_utf8());
        Some((start, end, ascii))
    }

    /// The token's text for one spelling of a word (lowercased and folded): its stem when it
    /// starts with a term, else nothing; `None` for a stop word.
    fn spelling(&mut self, spelling: &str) -> Option<String> {
        if self.stop_words.contains(spelling) {
            return None;
        }
        let can_match = spelling.as_bytes().first().is_some_and(|&first| self.starts[usize::from(first)]);
        if !can_match || !self.terms.iter().any(|term| spelling.starts_with(term.as_str())) {
            return Some(String::new());
        }
        let mut word = spelling.to_owned();
        for _ in 0..self.passes {
            word = self.snowball.stem(&word).into_owned();
        }
        Some(word)
    }
}

impl TokenStream for TermStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(second) = self.second.take() {
            self.token.text = second;
            return true;
        }
        while let Some((start, end, ascii)) = self.next_word() {
            self.token.position = self.token.position.wrapping_add(1);
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            (self.token.offset_from, self.token.offset_to) = (start, end);
            let word = &self.text[start..end];
            // An ASCII word keeps its length when lowercased and has no accent to fold: one that
            // no term starts like and that is longer than every stop word needs nothing more.
            let first = word.as_bytes()[0].to_ascii_lowercase();
            if ascii && !self.starts[usize::from(first)] && word.len() > self.stop_words.longest() {
                self.token.text.clear();
                return true;
            }
            let mut lowered = std::mem::take(&mut self.lowered);
            lowered.clear();
            if ascii {
                lowered.push_str(word);
                lowered.make_ascii_lowercase();
            } else {
                // As tantivy's lowercaser does it: character by character.
                lowered.extend(word.chars().flat_map(char::to_lowercase));
            }
            // An ASCII word has no accent to fold.
            let (first, second) = match (!ascii).then(|| arkiv_text::fold(&lowered)).flatten() {
                Some((norwegian, typed)) => (self.spelling(&norwegian), typed.and_then(|typed| self.spelling(&typed))),
                None => (self.spelling(&lowered), None),
            };
            self.lowered = lowered;
            let (now, later) = match (first, second) {
                (Some(first), second) => (first, second),
                (None, Some(second)) => (second, None),
                (None, None) => continue,
            };
            self.token.text = now;
            self.second = later;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer};

    use super::super::fold::Fold;
    use super::super::stop_words;
    use super::*;

    /// The analyzer chain of `language` as tantivy's own filters make it, with tantivy's list
    /// of stop words: what [`TermTokenizer`] must give the same tokens as.
    fn chain(language: Language, passes: usize) -> TextAnalyzer {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(Fold)
            .dynamic()
            .filter_dynamic(StopWordFilter::new(language).expect("stop words"));
        for _ in 0..passes {
            analyzer = analyzer.filter_dynamic(Stemmer::new(language));
        }
        analyzer.build()
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.clone());
        }
        out
    }

    /// Every token of `text` at the same position and offsets from both, and with the same
    /// term wherever the chain's is one of `terms`; the number of tokens compared.
    fn compare(language: Language, passes: usize, text: &str, terms: &Arc<[String]>) -> usize {
        let expected = tokens(&mut chain(language, passes), text);
        let algorithm = suffix_stemmer(language).expect("a stemmer that takes endings off");
        let stop_words = stop_words::of(language).expect("stop words kept");
        let mut fast = TextAnalyzer::from(TermTokenizer::new(algorithm, passes, stop_words, Arc::clone(terms)));
        let found = tokens(&mut fast, text);
        assert_eq!(found.len(), expected.len(), "{language:?}: {text:.80}");
        for (want, got) in expected.iter().zip(&found) {
            let at = (want.position, want.offset_from, want.offset_to);
            assert_eq!(at, (got.position, got.offset_from, got.offset_to), "{:?}", &text[want.offset_from..]);
            assert_eq!(terms.contains(&want.text), terms.contains(&got.text), "{} / {}", want.text, got.text);
            if terms.contains(&want.text) {
                assert_eq!(want.text, got.text);
            }
        }
        expected.len()
    }

    #[test]
    fn words_that_fold_are_long_or_stop_words_give_the_chains_tokens() {
        let text = "Husene ved HUSMANNSPLASSEN og Hus, Björk møtte Noréns DET Og 42-åringen; \
                    İstanbul ΣΟΦΙΑ Æblet ﬁlmen Utenriksministeren utenriksminister \
                    ${x}superkalifragilistiskekspialidosiskeordetsomerforlangt ä ö å dé";
        let terms: Arc<[String]> =
            ["hus", "bjørk", "bjork", "noren", "utenriksminist", "42", "istanbul", "σοφια", "film", "aa", "æbl", "o"]
                .map(str::to_owned)
                .into();
        for (language, passes) in [(Language::Norwegian, 2), (Language::Danish, 1), (Language::Swedish, 1)] {
            assert!(compare(language, passes, text, &terms) > 15);
        }
    }

    #[test]
    fn on_every_article_of_the_corpus_the_same_words_match_at_the_same_places() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut compared = 0;
        for entry in walkdir::WalkDir::new(corpus).into_iter().filter_map(Result::ok) {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for (language, passes) in [(Language::Norwegian, 2), (Language::Swedish, 1)] {
                let stems = tokens(&mut chain(language, passes), &text);
                let terms: Arc<[String]> = stems.iter().step_by(7).map(|token| token.text.clone()).collect();
                compared += compare(language, passes, &text, &terms);
            }
        }
        assert!(compared > 100_000, "{compared} words compared");
    }

    #[test]
    fn the_stop_words_kept_here_are_the_ones_tantivy_drops() {
        for language in [Language::Danish, Language::Norwegian, Language::Swedish] {
            let kept = stop_words::of(language).expect("stop words kept");
            let mut filter = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(StopWordFilter::new(language).expect("tantivy's stop words"))
                .build();
            let mut ours = TextAnalyzer::builder(SimpleTokenizer::default()).filter(kept.filter()).build();
            let words = match language {
                Language::Danish => stop_words::DANISH,
                Language::Norwegian => stop_words::NORWEGIAN,
                _ => stop_words::SWEDISH,
            };
            for word in words {
                assert!(kept.contains(word), "{word}");
                assert!(tokens(&mut filter, word).is_empty(), "{language:?}: tantivy keeps {word}");
                assert!(tokens(&mut ours, word).is_empty(), "{language:?}: the filter keeps {word}");
            }
            assert!(!kept.contains("husmannsplassen") && !kept.contains(""));
        }
    }
}
