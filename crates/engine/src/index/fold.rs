//! Folding accents in the analyzer chain, so that a name typed without its accents finds the
//! name written with them ("Noren" finds "Norén", "Bjork" finds "Björk"), and a Swedish or
//! German ö or ä finds the Norwegian ø or æ ("Björn" and "Bjørn"). The spellings are
//! [`arkiv_text::fold`]'s; a word with two (ö, ä) becomes two tokens at its position, so that
//! either spelling in a query matches it, also inside a phrase.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The token filter; it goes right after lowercasing, before stop words and stemming, so that
/// a word and its folded spelling are stemmed alike.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Fold;

impl TokenFilter for Fold {
    type Tokenizer<T: Tokenizer> = FoldFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldFilter<T> {
        FoldFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub(super) struct FoldFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for FoldFilter<T> {
    type TokenStream<'a> = FoldStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldStream { tail: self.inner.token_stream(text), second: None }
    }
}

pub(super) struct FoldStream<T> {
    tail: T,
    /// The token's second spelling, given out on the next advance.
    second: Option<Token>,
}

impl<T: TokenStream> TokenStream for FoldStream<T> {
    fn advance(&mut self) -> bool {
        if let Some(second) = self.second.take() {
            *self.tail.token_mut() = second;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some((norwegian, typed)) = arkiv_text::fold(&token.text) {
            token.text = norwegian;
            self.second = typed.map(|typed| Token { text: typed, ..token.clone() });
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
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};

    use super::*;

    #[test]
    fn a_word_with_two_spellings_is_two_tokens_at_its_position() {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(Fold).build();
        let mut stream = analyzer.token_stream("Lars Norén møtte Björk");
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.position, token.text.clone()));
        }
        let expected = [(0, "lars"), (1, "noren"), (2, "møtte"), (3, "bjørk"), (3, "bjork")];
        assert_eq!(out, expected.map(|(position, text)| (position, text.to_owned())));
    }
}
