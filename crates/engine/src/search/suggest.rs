//! Suggestions for a search box: the names of the archive and its frequent words that start
//! with what has been typed.

use std::collections::HashMap;

use arkiv_ner::EntityKind;

use crate::error::{Context, Result, guarded};
use crate::index::Archive;
use crate::views::Suggestion;

/// The shortest prefix that words of the text are completed from: one letter starts too many.
const MIN_WORD_PREFIX: usize = 2;

/// The most terms read from one field of one segment for a prefix: a short prefix starts tens
/// of thousands, and a suggestion has to come while the user types.
const MAX_TERMS_READ: usize = 20_000;

/// Up to `limit` completions of `prefix`: first the people, places and organisations whose name
/// (or one of its words) starts with it, under their canonical names, then, for a prefix of
/// one word, the words of the articles' text (as the index holds them: lowercased, accents
/// folded, stemmed) that start with it; each the ones in the most articles first. Names come
/// first because a name is what a box that completes is most often asked for, and the commonest
/// words would bury it.
pub fn suggest(archive: &Archive, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
    guarded(|| suggest_in(archive, prefix, limit))
}

fn suggest_in(archive: &Archive, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
    let prefix = prefix.trim();
    let searcher = archive.reader.searcher();
    let mut names = Vec::new();
    for kind in EntityKind::ALL {
        names.extend(
            archive
                .names
                .get(&searcher, archive.fields.entity(kind), kind)?
                .starting(prefix, limit)
                .into_iter()
                .map(|count| Suggestion { text: count.name, kind: Some(kind), articles: count.articles }),
        );
    }
    let mut words = Vec::new();
    let word = prefix.to_lowercase();
    if word.chars().count() >= MIN_WORD_PREFIX && !word.contains(char::is_whitespace) {
        let word = match arkiv_text::fold(&word) {
            Some((norwegian, _)) => norwegian,
            None => word,
        };
        let mut counts: HashMap<String, u64> = HashMap::new();
        for fields in &archive.fields.text {
            for segment in searcher.segment_readers() {
                let index = segment.inverted_index(fields.body)?;
                let mut stream = index
                    .terms()
                    .range()
                    .ge(word.as_bytes())
                    .into_stream()
                    .context("cannot read the terms of the index")?;
                let mut read = 0;
                while read < MAX_TERMS_READ && stream.advance() && stream.key().starts_with(word.as_bytes()) {
                    read += 1;
                    if let Ok(term) = std::str::from_utf8(stream.key()) {
                        *counts.entry(term.to_owned()).or_default() += u64::from(stream.value().doc_freq);
                    }
                }
            }
        }
        words.extend(counts.into_iter().map(|(text, articles)| Suggestion { text, kind: None, articles }));
    }
    Ok(ranked(names, words, limit))
}

/// The first `limit` of `names` and `words` as [`suggest`] orders them: the names, then the
/// words, each the ones in the most articles first. A back end that finds the candidates its
/// own way (a cluster) orders them by this.
pub fn ranked(mut names: Vec<Suggestion>, mut words: Vec<Suggestion>, limit: usize) -> Vec<Suggestion> {
    by_articles(&mut names);
    by_articles(&mut words);
    names.extend(words);
    names.truncate(limit);
    names
}

/// Sorts suggestions by the articles that have them, most first, ties by text.
fn by_articles(suggestions: &mut [Suggestion]) {
    suggestions.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.text.cmp(&b.text)));
}
