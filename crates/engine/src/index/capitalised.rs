//! The words an article writes with a capital letter, unstemmed, in a field of their own, so
//! that a name in a query matches that name and not another word its stem collides with:
//! "Noren" stems as "Nora" does, but only an article that writes "Norén" (or "Noren") has
//! `noren` here. The words are lowercased and folded as in the text fields ([`super::fold`]).

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::analyzer::MAX_TOKEN_BYTES;
use super::fold::Fold;

/// The name the field's analyzer is registered under.
pub(crate) const TOKENIZER: &str = "arkiv_capitalised";

/// The analyzer of the field: words, those with a capital first letter, lowercased, folded.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(Capitalised)
        .filter(LowerCaser)
        .filter(Fold)
        .build()
}

/// A token filter that keeps the tokens whose first letter is a capital.
#[derive(Clone, Copy, Debug, Default)]
struct Capitalised;

impl TokenFilter for Capitalised {
    type Tokenizer<T: Tokenizer> = CapitalisedFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CapitalisedFilter<T> {
        CapitalisedFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
struct CapitalisedFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CapitalisedFilter<T> {
    type TokenStream<'a> = CapitalisedStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CapitalisedStream { tail: self.inner.token_stream(text) }
    }
}

struct CapitalisedStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for CapitalisedStream<T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if self.tail.token().text.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
        }
        false
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
    use super::*;

    #[test]
    fn only_capitalised_words_folded_and_unstemmed() {
        let terms = crate::index::analyzer::terms(&mut analyzer(), "Stykket av Lars Norén om Björk og Nora spilles");
        let words: Vec<&str> = terms.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(words, ["stykket", "lars", "noren", "bjørk", "bjork", "nora"]);
    }
}
