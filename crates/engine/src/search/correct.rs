//! Typing errors: a word of the query that the archive does not have, or barely has, is
//! corrected from the archive's own term dictionary, so that "Pompoe" finds Pompeo.
//!
//! A word's candidates are the terms of the index within one edit of its analyzed form (two
//! for long words), a letter swapped with the next counting as one edit; the one most articles
//! have wins, a nearer one before a farther one. Only words some analyzer makes a term of are
//! corrected, never a field's value or an excluded word; a phrase's words one by one. Whether
//! the correction is used is for the caller: when the query as typed finds nothing, or far
//! fewer articles.

use std::collections::HashSet;
use std::sync::LazyLock;

use arkiv_text::{edit_distance, typo_edits};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy::Searcher;
use tantivy_fst::Automaton;

use super::query::{Query as Parsed, Scope};
use crate::error::Result;
use crate::index::analyzer;
use crate::index::{Archive, Part};

/// A word found in at most this many articles is looked at for a correction: one that is in
/// none is surely mistyped, and one that is in one or two is a likely misprint of the archive
/// copied by the user, or a typo that the archive shares.
const RARE: u64 = 2;

/// A correction of a word some articles have must be in at least this many times as many.
const MORE_COMMON: u64 = 20;

static ONE_EDIT: LazyLock<LevenshteinAutomatonBuilder> = LazyLock::new(|| LevenshteinAutomatonBuilder::new(1, true));
static TWO_EDITS: LazyLock<LevenshteinAutomatonBuilder> = LazyLock::new(|| LevenshteinAutomatonBuilder::new(2, true));

/// A query with its rare words corrected.
pub(super) struct Corrected {
    /// The corrected query as the user would type it.
    pub(super) text: String,
    /// The corrected query, parsed.
    pub(super) parsed: Parsed,
}

/// The most corrections of one word that are tried, best first.
const CANDIDATES: usize = 4;

/// Corrections of the rare words of `parsed` (typed as `typed`), best first: the first takes
/// each word's best correction, the next each word's second best (or its best, when it has no
/// other), and so on. Empty when no word needs or finds a correction.
pub(super) fn correct(searcher: &Searcher, archive: &Archive, parsed: &Parsed, typed: &str) -> Result<Vec<Corrected>> {
    // Each word of the text terms (a phrase's words one by one: "Liv Ullman" → "Liv Ullmann")
    // with its corrections.
    let mut words: Vec<(usize, usize, String, Vec<String>)> = Vec::new();
    for (g, group) in parsed.groups.iter().enumerate() {
        for (t, term) in group.alternatives.iter().enumerate() {
            if term.scope != Scope::Text {
                continue;
            }
            for word in term.text.split_whitespace() {
                words.push((g, t, word.to_owned(), corrections(searcher, archive, word)?));
            }
        }
    }
    let tries = words.iter().map(|(_, _, _, fixes)| fixes.len()).max().unwrap_or(0);
    let mut out = Vec::with_capacity(tries);
    for attempt in 0..tries {
        let mut text = typed.to_owned();
        let mut fixed = parsed.clone();
        let mut term_words: Vec<Vec<String>> = Vec::new();
        let mut last = None;
        for (g, t, word, fixes) in &words {
            if last != Some((*g, *t)) {
                term_words.push(Vec::new());
                last = Some((*g, *t));
            }
            let chosen = fixes.get(attempt).or(fixes.last()).unwrap_or(word);
            if chosen != word {
                text = replace_word(&text, word, chosen);
            }
            term_words.last_mut().expect("a term for the word").push(chosen.clone());
        }
        let mut term_words = term_words.into_iter();
        for group in &mut fixed.groups {
            for term in group.alternatives.iter_mut().filter(|term| term.scope == Scope::Text) {
                term.text = term_words.next().unwrap_or_default().join(" ");
            }
        }
        out.push(Corrected { text, parsed: fixed });
    }
    Ok(out)
}

/// The corrections of one word, as words to type, best first: the nearest to the word as typed,
/// then the one most articles have.
fn corrections(searcher: &Searcher, archive: &Archive, typed: &str) -> Result<Vec<String>> {
    if typo_edits(typed) == 0 || !typed.chars().all(char::is_alphabetic) {
        return Ok(Vec::new());
    }
    let lower = typed.to_lowercase();
    // (distance from the word as typed, articles, the correction as typed)
    let mut found: Vec<(usize, u64, String)> = Vec::new();
    let mut typed_articles = 0;
    for text_fields in &archive.fields.text {
        let field = text_fields.get(Part::Body);
        let dictionary = archive.dictionaries.get(searcher, field)?;
        // A field without terms has neither the word nor a correction of it.
        if dictionary.is_empty() {
            continue;
        }
        let mut tokenizer = searcher.index().tokenizer_for_field(field)?;
        let terms = analyzer::terms(&mut tokenizer, typed);
        let [(_, analyzed)] = terms.as_slice() else {
            continue;
        };
        typed_articles += dictionary.articles(analyzed)?;
        if typed_articles > RARE {
            return Ok(Vec::new());
        }
        let edits = if typo_edits(analyzed) == 1 { &*ONE_EDIT } else { &*TWO_EDITS };
        let dfa = edits.build_dfa(analyzed);
        for (candidate, articles) in dictionary.matching(Automata(&dfa))? {
            if candidate == *analyzed {
                continue;
            }
            let word = as_typed(typed, &candidate, |word| analyzer::terms(&mut tokenizer, word));
            let distance = edit_distance(&lower, &word.to_lowercase());
            found.push((distance, articles, word));
        }
    }
    // A word no article has is surely mistyped, and any word of the archive near it is better;
    // one that some have must give way only to a far commoner one.
    found.retain(|(_, articles, _)| typed_articles == 0 || *articles >= MORE_COMMON * typed_articles);
    // Each correction once, as the term most articles have gives it.
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
    let mut seen = HashSet::new();
    found.retain(|(_, _, word)| seen.insert(word.clone()));
    Ok(found.into_iter().take(CANDIDATES).map(|(_, _, word)| word).collect())
}

/// The corrected word as the user would type it, in the typed word's case: the term itself when
/// it analyzes to itself ("Pompoe" → "Pompeo"; "filnen" → "film", which finds what "filmen"
/// would), else the term with the ending the typed word had when that analyzes to the term
/// ("utenriksministen" → term "utenriksminist" + "en").
fn as_typed(typed: &str, stem: &str, mut analyze: impl FnMut(&str) -> Vec<(usize, String)>) -> String {
    let lower = typed.to_lowercase();
    let analyzes_to = |word: &str, analyze: &mut dyn FnMut(&str) -> Vec<(usize, String)>| matches!(&analyze(word)[..], [(_, only)] if only == stem);
    let typed_stem = analyze(&lower).into_iter().next().map(|(_, stem)| stem).unwrap_or_default();
    let ending = lower.strip_prefix(typed_stem.as_str()).unwrap_or_default();
    let with_ending = format!("{stem}{ending}");
    let word = if analyzes_to(stem, &mut analyze) || !analyzes_to(&with_ending, &mut analyze) {
        stem.to_owned()
    } else {
        with_ending
    };
    if typed.chars().next().is_some_and(char::is_uppercase) { arkiv_text::capitalise(&word) } else { word }
}

/// `text` with the whole-word occurrences of `from` (as the parser read it) replaced by `to`.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + from.len()..].chars().next();
        let whole = before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// A Levenshtein automaton as the term dictionary searches with it.
#[derive(Clone, Copy)]
pub(super) struct Automata<'a>(pub(super) &'a DFA);

impl Automaton for Automata<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_keeps_the_typed_ending_and_case() {
        let stems = |word: &str| -> Vec<(usize, String)> {
            let stem = word.strip_suffix("en").unwrap_or(word);
            vec![(0, stem.to_owned())]
        };
        assert_eq!(as_typed("Pompoe", "pompeo", stems), "Pompeo");
        assert_eq!(as_typed("filnen", "film", stems), "film");
        let strict =
            |word: &str| -> Vec<(usize, String)> { vec![(0, word.strip_suffix("en").unwrap_or(word).to_owned())] };
        assert_eq!(as_typed("ministeen", "ministen", strict), "ministenen");
    }

    #[test]
    fn only_whole_words_are_replaced() {
        assert_eq!(replace_word("Pompoe og Pompoes", "Pompoe", "Pompeo"), "Pompeo og Pompoes");
        assert_eq!(replace_word("\"liv ullman\" film", "ullman", "ullmann"), "\"liv ullmann\" film");
    }
}
