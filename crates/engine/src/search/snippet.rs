//! Snippets: the passage of a hit that best shows why it matched, with the matched words
//! marked.
//!
//! The passage is the one tantivy's snippet generator chooses: the text is cut, word by word
//! as the analyzer of a field finds the words, into passages of at most [`SNIPPET_CHARS`]
//! bytes, and the passage whose matched words weigh most (a rarer term more) wins, the first
//! of equals. Matches are found through inflections ("sjøfolkene" highlights "sjøfolk"). An
//! article's text lives in the fields of its language, so there is one [`Marker`] per
//! analyzer, made when first needed. The passage is chosen here rather than by tantivy's
//! generator, which looks every word of the text up among the terms, though nearly none can
//! be one: here only the words the analyzer gives a term are ([`Analyzer::build_for_terms`]).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use crate::error::Result;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

use crate::index::Fields;
use crate::index::analyzer::Analyzer;
use crate::views::Snippet;
use arkiv_extract::Article;
use arkiv_text::collapse_whitespace;

/// The longest snippet: in bytes for a passage around matches (as tantivy's snippet generator
/// measures it), in characters for the opening of an article.
const SNIPPET_CHARS: usize = 220;

/// Makes snippets for the hits of one query.
pub(super) struct Snippets<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    /// By analyzer, and whether for the parts field; none where the query has no term in the
    /// field, so that no text is read through an analyzer for nothing.
    markers: HashMap<(&'static str, bool), Option<Marker>>,
}

impl<'a> Snippets<'a> {
    pub(super) fn new(searcher: &'a Searcher, query: &'a dyn Query, fields: &'a Fields) -> Snippets<'a> {
        Snippets { searcher, query, fields, markers: HashMap::new() }
    }

    /// The best passage of the article's lead and body; where no word matched there as
    /// written, the best passage of the compounds it matched a part of; its opening when
    /// neither (a match in the title only, or a search by filters alone).
    pub(super) fn for_article(&mut self, article: &Article) -> Result<Snippet> {
        let text = article.text_joined_by(" ");
        let text_fields = self.fields.text_for(&article.language);
        let mut passage =
            self.marker(text_fields.analyzer, text_fields.body, false)?.and_then(|words| words.best(&text));
        if passage.is_none()
            && let Some(parts) = text_fields.parts
            && let Some(compounds) = self.marker(text_fields.analyzer, parts, true)?
        {
            passage = compounds.best(&text);
        }
        let Some(passage) = passage else {
            return Ok(Snippet { text: opening(&text), highlights: Vec::new() });
        };
        let range = passage.range;
        let (before, after) = (if range.start > 0 { "… " } else { "" }, if range.end < text.len() { " …" } else { "" });
        let highlights = merged(&passage.marked)
            .into_iter()
            .map(|highlight| highlight.start - range.start + before.len()..highlight.end - range.start + before.len())
            .collect();
        Ok(Snippet { text: format!("{before}{}{after}", &text[range]), highlights })
    }

    /// The marker of the query's terms in `field` of `analyzer`, made when first needed; none
    /// when the query has no term there that the archive holds.
    fn marker(&mut self, analyzer: &'static Analyzer, field: Field, parts: bool) -> Result<Option<&mut Marker>> {
        Ok(match self.markers.entry((analyzer.name, parts)) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => entry.insert(marker(self.searcher, self.query, analyzer, field, parts)?),
        }
        .as_mut())
    }
}

/// The terms of a query in one field, each with its weight, and the analyzer that finds them
/// in a text.
struct Marker {
    weights: BTreeMap<String, Score>,
    analyzer: TextAnalyzer,
    /// Whether the terms are parts of compounds, which a word gives only when it has one of
    /// them inside it.
    inside_words: bool,
}

/// The passage of a text a snippet shows, and the matched words in it, by their byte ranges
/// in the text.
#[derive(Debug, PartialEq)]
struct Passage {
    range: Range<usize>,
    marked: Vec<Range<usize>>,
    weight: Score,
}

impl Marker {
    /// The passage of `text` that tantivy's `SnippetGenerator::snippet` chooses: the words the
    /// analyzer finds, in order, make a passage until one would end more than [`SNIPPET_CHARS`]
    /// bytes after its start, and starts the next; of the passages with a match, the one whose
    /// matches weigh most, the first of equals. None when nothing matches.
    fn best(&mut self, text: &str) -> Option<Passage> {
        // Splitting every word of a text into its parts is slow, and the text of a hit that
        // matched no word as written seldom has a term of the query anywhere.
        if self.inside_words && !self.inside(text) {
            return None;
        }
        let mut stream = self.analyzer.token_stream(text);
        let mut best: Option<Passage> = None;
        let mut passage = Passage { range: 0..0, marked: Vec::new(), weight: 0.0 };
        let mut keep = |passage: Passage| {
            if passage.weight > 0.0 && best.as_ref().is_none_or(|best| passage.weight > best.weight) {
                best = Some(passage);
            }
        };
        while let Some(token) = stream.next() {
            if token.offset_to - passage.range.start > SNIPPET_CHARS {
                let start = token.offset_from;
                keep(std::mem::replace(&mut passage, Passage { range: start..start, marked: Vec::new(), weight: 0.0 }));
            }
            passage.range.end = token.offset_to;
            // Only a word the analyzer gave a term can be one of the query's.
            if !token.text.is_empty()
                && let Some(&weight) = self.weights.get(&token.text)
            {
                passage.weight += weight;
                passage.marked.push(token.offset_from..token.offset_to);
            }
        }
        keep(passage);
        best
    }

    /// Whether one of the terms is in `text`, lowercased and folded as the analyzer reads it,
    /// in either spelling (see [`arkiv_text::fold`]): where a part of a compound gives a term,
    /// the term is a part of the word, or its stem, which starts it.
    fn inside(&self, text: &str) -> bool {
        // As tantivy's lowercaser does it: character by character.
        let lowered: String = text.chars().flat_map(char::to_lowercase).collect();
        let has_term = |spelling: &str| self.weights.keys().any(|term| spelling.contains(term.as_str()));
        match arkiv_text::fold(&lowered) {
            None => has_term(&lowered),
            Some((norwegian, typed)) => has_term(&norwegian) || typed.as_deref().is_some_and(has_term),
        }
    }
}

/// The marker of the terms `query` has in `field`, weighed as tantivy's
/// `SnippetGenerator::create` weighs them (rarer terms weigh more), with the analyzer that
/// analyzes only the words that can match ([`Analyzer::build_for_terms`]): the same snippets, in
/// less time. For the parts field (`parts`), the analyzer is the field's own, which marks a
/// compound where one of its parts matches. None when no term of the query in `field` is in
/// the archive: such a marker marks nothing.
fn marker(
    searcher: &Searcher,
    query: &dyn Query,
    analyzer: &Analyzer,
    field: Field,
    parts: bool,
) -> Result<Option<Marker>> {
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
    let analyzer = if parts { analyzer.build_parts() } else { analyzer.build_for_terms(words) };
    Ok(Some(Marker { weights, analyzer, inside_words: parts }))
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

    /// tantivy's generator, with the whole analyzer, and [`Marker::best`] choose the same passage
    /// and mark the same words, in every article of the bundled corpus, for words of it as
    /// written and as parts of compounds, weighed alike and unlike.
    #[test]
    fn the_passage_is_the_one_tantivys_generator_chooses() {
        use tantivy::snippet::SnippetGenerator;
        let analyzer = Analyzer::for_language("nb");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let (mut compared, mut marked) = (0, 0);
        for entry in walkdir::WalkDir::new(corpus).into_iter().filter_map(Result::ok) {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for (parts, step) in [(false, 97), (false, 13), (true, 11), (true, 0)] {
                let mut full = if parts { analyzer.build_parts() } else { analyzer.build() };
                let mut stream = full.token_stream(&text);
                let mut weights: BTreeMap<String, Score> = BTreeMap::new();
                let mut at = 0;
                while let Some(token) = stream.next() {
                    if step > 0 && at % step == 0 {
                        weights.insert(token.text.clone(), 1.0 / (1.0 + (at % 5) as Score));
                    }
                    at += 1;
                }
                drop(stream);
                // A term of no word of the text.
                weights.insert("xyzzyk".to_owned(), 1.0);
                let words: Arc<[String]> = weights.keys().cloned().collect();
                let field = Field::from_field_id(0);
                let generator = SnippetGenerator::new(weights.clone(), full.clone(), field, SNIPPET_CHARS);
                let expected = generator.snippet(&text);
                let fast = if parts { analyzer.build_parts() } else { analyzer.build_for_terms(words) };
                let found = Marker { weights, analyzer: fast, inside_words: parts }.best(&text);
                match found {
                    None => assert!(expected.highlighted().is_empty(), "{}", entry.path().display()),
                    Some(passage) => {
                        assert_eq!(passage.range, expected.fragment_range(), "{}", entry.path().display());
                        let start = passage.range.start;
                        let relative: Vec<Range<usize>> =
                            passage.marked.iter().map(|range| range.start - start..range.end - start).collect();
                        assert_eq!(relative, expected.highlighted(), "{}", entry.path().display());
                        marked += 1;
                    }
                }
                compared += 1;
            }
        }
        assert!(compared > 100 && marked * 2 > compared && marked < compared, "{marked} of {compared} marked");
    }

    #[test]
    fn openings_are_cut_between_words() {
        let long = "ord ".repeat(100);
        let cut = opening(&long);
        assert!(cut.ends_with(" …"));
        assert!(cut.chars().count() <= SNIPPET_CHARS + 2);
    }
}
