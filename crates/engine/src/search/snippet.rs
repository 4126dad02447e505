//! Snippets: the passage of a hit that best shows why it matched, with the matched words
//! marked.
//!
//! tantivy's snippet generator finds the passage with the analyzer of a field, so matches are
//! found through inflections ("sjøfolkene" highlights "sjøfolk"). An article's text lives in
//! the fields of its language, so there is one generator per analyzer, made when first needed.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use crate::error::Result;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Score, Searcher, Term};

use crate::index::Fields;
use crate::index::analyzer::Analyzer;
use crate::views::Snippet;
use arkiv_extract::Article;
use arkiv_text::collapse_whitespace;

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// Makes snippets for the hits of one query.
pub(super) struct Snippets<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    /// By analyzer, and whether for the parts field; none where the query has no term in the
    /// field, so that no text is read through an analyzer for nothing.
    generators: HashMap<(&'static str, bool), Option<SnippetGenerator>>,
}

impl<'a> Snippets<'a> {
    pub(super) fn new(searcher: &'a Searcher, query: &'a dyn Query, fields: &'a Fields) -> Snippets<'a> {
        Snippets { searcher, query, fields, generators: HashMap::new() }
    }

    /// The best passage of the article's lead and body; where no word matched there as
    /// written, the best passage of the compounds it matched a part of; its opening when
    /// neither (a match in the title only, or a search by filters alone).
    pub(super) fn for_article(&mut self, article: &Article) -> Result<Snippet> {
        let text = article.text_joined_by(" ");
        let text_fields = self.fields.text_for(&article.language);
        let marked = |snippet: &tantivy::snippet::Snippet| !snippet.highlighted().is_empty();
        let mut snippet =
            self.generator(text_fields.analyzer, text_fields.body, false)?.map(|words| words.snippet(&text));
        if !snippet.as_ref().is_some_and(marked)
            && let Some(parts) = text_fields.parts
            && let Some(compounds) = self.generator(text_fields.analyzer, parts, true)?
        {
            snippet = Some(compounds.snippet(&text));
        }
        let Some(snippet) = snippet.filter(marked) else {
            return Ok(Snippet { text: opening(&text), highlights: Vec::new() });
        };
        let fragment = snippet.fragment();
        let range = snippet.fragment_range();
        let (before, after) = (if range.start > 0 { "… " } else { "" }, if range.end < text.len() { " …" } else { "" });
        let highlights = merged(snippet.highlighted())
            .into_iter()
            .map(|highlight| highlight.start + before.len()..highlight.end + before.len())
            .collect();
        Ok(Snippet { text: format!("{before}{fragment}{after}"), highlights })
    }

    /// The generator for the query's terms in `field` of `analyzer`, made when first needed;
    /// none when the query has no term there that the archive holds.
    fn generator(
        &mut self,
        analyzer: &'static Analyzer,
        field: Field,
        parts: bool,
    ) -> Result<Option<&SnippetGenerator>> {
        Ok(match self.generators.entry((analyzer.name, parts)) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => entry.insert(generator(self.searcher, self.query, analyzer, field, parts)?),
        }
        .as_ref())
    }
}

/// A snippet generator for the terms `query` has in `field`, as tantivy's
/// `SnippetGenerator::create` makes it (rarer terms weigh more), but with the analyzer that
/// stems only the words that can match ([`Analyzer::build_for_terms`]): the same snippets, in
/// less time. For the parts field (`parts`), the analyzer is the field's own, which marks a
/// compound where one of its parts matches. None when no term of the query in `field` is in
/// the archive: such a generator marks nothing.
fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    analyzer: &Analyzer,
    field: Field,
    parts: bool,
) -> Result<Option<SnippetGenerator>> {
    let mut terms: BTreeSet<Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weights: BTreeMap<String, Score> = BTreeMap::new();
    for term in &terms {
        let Some(text) = term.value().as_str().map(str::to_owned) else {
            continue;
        };
        let doc_freq = searcher.doc_freq(term)?;
        if doc_freq > 0 {
            weights.insert(text, 1.0 / (1.0 + doc_freq as Score));
        }
    }
    if weights.is_empty() {
        return Ok(None);
    }
    let words: Arc<[String]> = weights.keys().cloned().collect();
    let tokenizer = if parts { analyzer.build_parts() } else { analyzer.build_for_terms(words) };
    Ok(Some(SnippetGenerator::new(weights, tokenizer, field, SNIPPET_CHARS)))
}

/// Highlight ranges sorted, with overlapping ones merged.
fn merged(ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|range| range.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// The start of a text, cut at a word boundary.
fn opening(text: &str) -> String {
    let flat = collapse_whitespace(text);
    if flat.chars().count() <= SNIPPET_CHARS {
        return flat;
    }
    let cut = flat.char_indices().nth(SNIPPET_CHARS).map_or(flat.len(), |(at, _)| at);
    let end = flat[..cut].rfind(' ').unwrap_or(cut);
    format!("{} …", &flat[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_highlights_merge() {
        assert_eq!(merged(&[5..9, 0..3, 2..4, 8..12]), vec![0..4, 5..12]);
    }

    #[test]
    fn openings_are_cut_between_words() {
        let long = "ord ".repeat(100);
        let cut = opening(&long);
        assert!(cut.ends_with(" …"));
        assert!(cut.chars().count() <= SNIPPET_CHARS + 2);
    }
}
