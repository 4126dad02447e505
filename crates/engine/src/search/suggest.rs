//! Suggestions for a search box: the names of the archive and its frequent words that start
//! with what has been typed.

use std::collections::HashMap;
use std::sync::Arc;

use arkiv_ner::EntityKind;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use crate::error::{Context, Result, guarded};
use crate::index::{Archive, TextFields};
use crate::views::Suggestion;

/// The shortest prefix that words of the text are completed from: one letter starts too many.
const MIN_WORD_PREFIX: usize = 2;

/// The most terms read from one field of one segment for a prefix: a short prefix starts tens
/// of thousands, and a suggestion has to come while the user types.
const MAX_TERMS_READ: usize = 20_000;

/// The articles read to find how a suggested word is written: the commonest spelling in a few
/// articles is the commonest in the archive for all but the rarest inflections.
const SPELLING_ARTICLES: usize = 3;

/// Up to `limit` completions of `prefix`: first the people, places and organisations whose name
/// (or one of its words) starts with it, under their canonical names, then, for a prefix of
/// one word, the words of the articles' text that start with it, as the articles write them
/// (lowercased): the index holds stems ("ferj"), so each is shown in the form the articles that
/// have it most often write ("ferja"); each the ones in the most articles first. Names come
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
        // Per stem, its articles, and the fields of the analyzer that has it in the most.
        let mut counts: HashMap<String, (u64, &TextFields, u64)> = HashMap::new();
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
                        let articles = u64::from(stream.value().doc_freq);
                        let count = counts.entry(term.to_owned()).or_insert((0, fields, 0));
                        count.0 += articles;
                        if articles > count.2 {
                            (count.1, count.2) = (fields, articles);
                        }
                    }
                }
            }
        }
        let mut stems: Vec<(String, u64, &TextFields)> =
            counts.into_iter().map(|(stem, (articles, fields, _))| (stem, articles, fields)).collect();
        stems.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        // Only as many as can be shown: each costs a few articles read.
        stems.truncate(limit);
        let mut written: HashMap<String, u64> = HashMap::new();
        for (stem, articles, fields) in stems {
            let text = spelling(archive, &searcher, fields, &stem)?.unwrap_or(stem);
            *written.entry(text).or_default() += articles;
        }
        words.extend(written.into_iter().map(|(text, articles)| Suggestion { text, kind: None, articles }));
    }
    Ok(ranked(names, words, limit))
}

/// How the articles that have `stem` in `fields` most often write it, lowercased (ties to the
/// first in the alphabet); `None` when none of the articles read writes it (they all have it
/// in their title only, say).
fn spelling(archive: &Archive, searcher: &Searcher, fields: &TextFields, stem: &str) -> Result<Option<String>> {
    let query = TermQuery::new(Term::from_field_text(fields.body, stem), IndexRecordOption::Basic);
    let mut analyzer = fields.analyzer.build_for_terms(Arc::from([stem.to_owned()]));
    let mut forms: HashMap<String, usize> = HashMap::new();
    for (_, address) in searcher.search(&query, &TopDocs::with_limit(SPELLING_ARTICLES).order_by_score())? {
        let text = super::load(searcher, archive, address)?.article.text_joined_by(" ");
        let mut tokens = analyzer.token_stream(&text);
        while tokens.advance() {
            let token = tokens.token();
            if token.text == stem {
                *forms.entry(text[token.offset_from..token.offset_to].to_lowercase()).or_default() += 1;
            }
        }
    }
    Ok(forms.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(form, _)| form))
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
