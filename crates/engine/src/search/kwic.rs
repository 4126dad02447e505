//! Concordance (keyword in context): every occurrence of a word or phrase, with the text on
//! either side of it.
//!
//! The articles come from a search for the word or phrase; the occurrences in each are found
//! by analyzing its text with the analyzer of its language, as the index did, so that
//! "sjøfolkene" is an occurrence of `sjøfolk` just as it is a match of a search for it. The
//! analyzer keeps each word's offsets in the text, which are the match as the article writes it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::index::analyzer::{self, Analyzer};
use crate::views::KwicLine;
use arkiv_extract::Article;

/// The terms of a word or phrase under one analyzer: each with its position relative to the
/// first, and every spelling it may have there (accents fold to more than one).
pub(super) struct Pattern {
    terms: Vec<(usize, BTreeSet<String>)>,
    /// Every term of the pattern, at any position: the only words of an article that can be
    /// part of an occurrence.
    any: Arc<[String]>,
}

impl Pattern {
    /// The pattern of `words` under `analyzer`; `None` when it makes no term of them (stop
    /// words only).
    pub(super) fn of(analyzer: &Analyzer, words: &str) -> Option<Pattern> {
        let mut by_position: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for (position, term) in analyzer::terms(&mut analyzer.build(), words) {
            by_position.entry(position).or_default().insert(term);
        }
        let first = *by_position.keys().next()?;
        let any: BTreeSet<&String> = by_position.values().flatten().collect();
        let any = any.into_iter().cloned().collect();
        Some(Pattern {
            terms: by_position.into_iter().map(|(position, terms)| (position - first, terms)).collect(),
            any,
        })
    }
}

/// A word of an analyzed text: its spellings and where it stands in the text.
#[derive(Default)]
struct Word {
    terms: BTreeSet<String>,
    from: usize,
    to: usize,
}

/// The occurrences of `pattern` (made with the analyzer of the article's language) in the
/// title, lead, body and captions of `article`, all that a search finds it by, each with
/// `width` characters of context on either side.
pub(super) fn occurrences(id: &str, article: &Article, pattern: &Pattern, width: usize) -> Vec<KwicLine> {
    let text = article.all_texts().collect::<Vec<_>>().join("\n\n");
    // Only the words that give one of the pattern's terms are kept, and only the words that
    // can give one are stemmed ([`Analyzer::build_for_terms`]): a long article is read once,
    // not copied word by word.
    let mut words: BTreeMap<usize, Word> = BTreeMap::new();
    let mut analyzer = Analyzer::for_language(&article.language).build_for_terms(Arc::clone(&pattern.any));
    let mut stream = analyzer.token_stream(&text);
    while let Some(token) = stream.next() {
        if !pattern.any.contains(&token.text) {
            continue;
        }
        let word = words.entry(token.position).or_insert_with(|| Word { from: token.offset_from, ..Word::default() });
        word.terms.insert(token.text.clone());
        word.to = word.to.max(token.offset_to);
    }
    let mut lines = Vec::new();
    let mut after = 0;
    for (&start, first) in &words {
        if first.from < after {
            continue;
        }
        let mut end = first.to;
        let found = pattern.terms.iter().all(|(offset, terms)| {
            words.get(&(start + offset)).is_some_and(|word| {
                end = end.max(word.to);
                !word.terms.is_disjoint(terms)
            })
        });
        if found {
            lines.push(KwicLine {
                id: id.to_owned(),
                left: left_of(&text[..first.from], width),
                matched: arkiv_text::collapse_whitespace(&text[first.from..end]),
                right: right_of(&text[end..], width),
            });
            after = end;
        }
    }
    lines
}

/// The last `width` characters of `text`, whitespace collapsed.
fn left_of(text: &str, width: usize) -> String {
    let kept: Vec<char> = collapsed(text.chars().rev(), width);
    kept.into_iter().rev().collect()
}

/// The first `width` characters of `text`, whitespace collapsed.
fn right_of(text: &str, width: usize) -> String {
    collapsed(text.chars(), width).into_iter().collect()
}

/// Up to `width` characters from `chars`, each run of whitespace one space, none at the start
/// or the end.
fn collapsed(chars: impl Iterator<Item = char>, width: usize) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(width);
    for c in chars {
        if out.len() == width {
            break;
        }
        if c.is_whitespace() {
            if out.last().is_some_and(|last| *last != ' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    while out.last() == Some(&' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use arkiv_extract::BodyBlock;

    fn article(body: &str) -> Article {
        Article {
            title: "Tittel".into(),
            lead: None,
            body: vec![BodyBlock::Paragraph(body.into())],
            captions: Vec::new(),
            byline: None,
            date: None,
            source: None,
            language: "nb".into(),
            modified: None,
            section: None,
            url: None,
            entities: Vec::new(),
        }
    }

    fn lines(body: &str, words: &str, width: usize) -> Vec<(String, String, String)> {
        let pattern = Pattern::of(Analyzer::for_language("nb"), words).expect("terms");
        occurrences("id", &article(body), &pattern, width)
            .into_iter()
            .map(|line| (line.left, line.matched, line.right))
            .collect()
    }

    #[test]
    fn inflected_forms_are_occurrences_with_their_context() {
        let found = lines("Sjøfolkene kom i land. En sjømann\nog   flere sjøfolk dro.", "sjøfolk", 12);
        assert_eq!(
            found,
            [
                ("Tittel".to_owned(), "Sjøfolkene".to_owned(), "kom i land.".to_owned()),
                ("ann og flere".to_owned(), "sjøfolk".to_owned(), "dro.".to_owned()),
            ]
        );
    }

    #[test]
    fn a_phrase_matches_its_words_in_order_across_a_stop_word() {
        let found = lines("USA og Russland møtes. Russland og USA enes ikke.", "USA og Russland", 8);
        assert_eq!(found, [("Tittel".to_owned(), "USA og Russland".to_owned(), "møtes. R".to_owned())]);
        assert!(Pattern::of(Analyzer::for_language("nb"), "og i").is_none(), "stop words only");
    }
}
