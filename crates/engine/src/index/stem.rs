//! Stemming for snippets: only the words that can stem to a term of the query.
//!
//! Making a snippet analyzes the whole text of a hit again, to find the words whose terms the
//! query has; most of that time goes to the stemmer, for words that cannot match. Some Snowball
//! stemmers (the Scandinavian ones) only take endings off, so the stem of a word is always a
//! prefix of the word: a word can only stem to a term that it starts with. [`MatchStemmer`]
//! stems those words and passes the rest through unchanged, which gives the same matches: an
//! unstemmed word that does not start with a term is not a term either.

use std::sync::Arc;

use frostem::Algorithm;
use tantivy::tokenizer::{Language, Token, TokenFilter, TokenStream, Tokenizer};

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

/// A token filter that stems, `passes` times, the tokens that start with one of `terms`.
#[derive(Clone)]
pub(super) struct MatchStemmer {
    algorithm: Algorithm,
    passes: usize,
    terms: Arc<[String]>,
}

impl MatchStemmer {
    /// `algorithm` must be one of [`suffix_stemmer`]'s.
    pub(super) fn new(algorithm: Algorithm, passes: usize, terms: Arc<[String]>) -> MatchStemmer {
        MatchStemmer { algorithm, passes, terms }
    }
}

impl TokenFilter for MatchStemmer {
    type Tokenizer<T: Tokenizer> = MatchStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MatchStemmerFilter<T> {
        MatchStemmerFilter { stemmer: self, inner: tokenizer }
    }
}

#[derive(Clone)]
pub(super) struct MatchStemmerFilter<T> {
    stemmer: MatchStemmer,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for MatchStemmerFilter<T> {
    type TokenStream<'a> = MatchStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MatchStemmerStream {
            tail: self.inner.token_stream(text),
            snowball: frostem::Stemmer::new(self.stemmer.algorithm),
            stemmer: &self.stemmer,
        }
    }
}

pub(super) struct MatchStemmerStream<'a, T> {
    tail: T,
    snowball: frostem::Stemmer,
    stemmer: &'a MatchStemmer,
}

impl<T: TokenStream> TokenStream for MatchStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let word = &mut self.tail.token_mut().text;
        if self.stemmer.terms.iter().any(|term| word.starts_with(term.as_str())) {
            for _ in 0..self.stemmer.passes {
                let stem = self.snowball.stem(word).into_owned();
                *word = stem;
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn the_words_that_can_match_get_the_stems_tantivy_gives_them() {
        let text = "Husene ved husmannsplassen hus utenriksministeren Utenriksminister løpende";
        let mut full = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::Norwegian))
            .filter(Stemmer::new(Language::Norwegian))
            .build();
        let stems = tokens(&mut full, text);
        let terms: Arc<[String]> = vec![stems[0].clone(), stems[4].clone()].into();
        let algorithm = suffix_stemmer(Language::Norwegian).expect("Norwegian strips endings");
        let mut gated = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(MatchStemmer::new(algorithm, 2, terms.clone()))
            .build();
        let gated = tokens(&mut gated, text);
        for (stem, token) in stems.iter().zip(&gated) {
            assert_eq!(terms.contains(stem), terms.contains(token), "{stem} / {token}");
        }
        assert_eq!(gated[6], "løpende", "a word no term starts is left alone");
        assert!(suffix_stemmer(Language::English).is_none());
    }

    #[test]
    fn on_every_article_of_the_corpus_the_same_words_match() {
        let analyzer = crate::index::analyzer::Analyzer::for_language("nb");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut compared = 0;
        for entry in walkdir::WalkDir::new(corpus).into_iter().filter_map(Result::ok) {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let stems = tokens(&mut analyzer.build(), &text);
            let terms: Arc<[String]> = stems.iter().step_by(7).cloned().collect();
            let gated = tokens(&mut analyzer.build_for_terms(terms.clone()), &text);
            assert_eq!(stems.len(), gated.len());
            for (stem, token) in stems.iter().zip(&gated) {
                assert_eq!(terms.contains(stem), terms.contains(token), "{}: {stem} / {token}", entry.path().display());
            }
            compared += stems.len();
        }
        assert!(compared > 50_000, "{compared} words compared");
    }
}
