//! Text analysis per language: lowercasing, stop words and a Snowball stemmer, so that
//! "sjøfolkene" finds "sjøfolk" and "utenriksministeren" finds "utenriksminister".
//!
//! tantivy picks an analyzer per field, not per document, so every analyzed language has its
//! own fields (see [`super::schema`]) and an article's text goes to the fields of its language.
//! Bokmål and Nynorsk share the Norwegian analyzer: Snowball has one Norwegian stemmer, and
//! the two written forms share most inflections.

use std::sync::Arc;

use tantivy::Index;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};

use super::fold::Fold;
use super::parts::Parts;
use super::stem::{self, TermTokenizer};
use super::stop_words::{self, StopWords};

/// An analyzer and the article languages (ISO 639-1) whose text it handles.
#[derive(Debug)]
pub struct Analyzer {
    /// The language code the analyzer is for, also the suffix of its fields (`title_no`, …).
    pub name: &'static str,
    /// Other article language codes it handles (`nb` and `nn` for `no`).
    pub also: &'static [&'static str],
    stemmer: Option<Language>,
    /// Stem twice. Snowball's Norwegian stemmer removes one suffix per pass, so a definite
    /// form keeps the suffix its indefinite form loses: "utenriksministeren" →
    /// "utenriksminister", but "utenriksminister" → "utenriksminist". A second pass brings
    /// both to the same stem.
    twice: bool,
    /// Split compounds into the parts field ([`super::parts`]), with the lexicon learned from
    /// Norwegian text, and keep the words and parts as written, unstemmed, in the written
    /// field: stemming makes one term of many words, and the written field tells the word the
    /// user typed from its other forms.
    pub compounds: bool,
}

/// Every analyzer: one per language with a Snowball stemmer in tantivy. The last one, without
/// a stemmer, takes the text of all other languages (and of undetermined ones).
pub(crate) static ANALYZERS: &[Analyzer] = &[
    Analyzer { name: "no", also: &["nb", "nn"], stemmer: Some(Language::Norwegian), twice: true, compounds: true },
    Analyzer::stemmed("en", Language::English),
    Analyzer::stemmed("sv", Language::Swedish),
    Analyzer::stemmed("da", Language::Danish),
    Analyzer::stemmed("de", Language::German),
    Analyzer::stemmed("nl", Language::Dutch),
    Analyzer::stemmed("fr", Language::French),
    Analyzer::stemmed("es", Language::Spanish),
    Analyzer::stemmed("it", Language::Italian),
    Analyzer::stemmed("pt", Language::Portuguese),
    Analyzer::stemmed("ro", Language::Romanian),
    Analyzer::stemmed("fi", Language::Finnish),
    Analyzer::stemmed("hu", Language::Hungarian),
    Analyzer::stemmed("ru", Language::Russian),
    Analyzer::stemmed("el", Language::Greek),
    Analyzer::stemmed("tr", Language::Turkish),
    Analyzer::stemmed("ar", Language::Arabic),
    Analyzer::stemmed("ta", Language::Tamil),
    Analyzer { name: "other", also: &[], stemmer: None, twice: false, compounds: false },
];

/// The names of every analyzer, in [`ANALYZERS`] order: what another engine that mirrors
/// arkiv's analysis (an OpenSearch mapping) has to cover.
pub fn analyzer_names() -> impl Iterator<Item = &'static str> {
    ANALYZERS.iter().map(|analyzer| analyzer.name)
}

/// The name of the analyzer that handles the text of an article `language` (`no` for `nb` and
/// `nn`, `other` for a language without a stemmer).
pub fn analyzer_name(language: &str) -> &'static str {
    Analyzer::for_language(language).name
}

/// Whether the analyzer `name` makes no term of `text`: a stop word of its language, which an
/// article of that language cannot be required to hold (see the `plan` module). A back end
/// that mirrors the analysis asks this, as its queries do not say it.
pub fn analyzer_drops(name: &str, text: &str) -> bool {
    ANALYZERS
        .iter()
        .find(|analyzer| analyzer.name == name)
        .is_some_and(|analyzer| terms(&mut analyzer.build(), text).is_empty())
}

/// Tokens longer than this are not words (URLs, base64, hashes) and would only bloat the
/// term dictionary.
pub(super) const MAX_TOKEN_BYTES: usize = 40;

impl Analyzer {
    /// The analyzer of one language whose code names it, stemming once.
    const fn stemmed(code: &'static str, stemmer: Language) -> Analyzer {
        Analyzer { name: code, also: &[], stemmer: Some(stemmer), twice: false, compounds: false }
    }

    /// The analyzer for an article language; unknown languages get the plain one.
    pub fn for_language(language: &str) -> &'static Analyzer {
        ANALYZERS
            .iter()
            .find(|analyzer| {
                analyzer.stemmer.is_some() && (analyzer.name == language || analyzer.also.contains(&language))
            })
            .unwrap_or(&ANALYZERS[ANALYZERS.len() - 1])
    }

    pub fn tokenizer_name(&self) -> String {
        format!("arkiv_{}", self.name)
    }

    /// The name of the analyzer of the parts field, for an analyzer that splits compounds.
    pub fn parts_tokenizer_name(&self) -> String {
        format!("arkiv_parts_{}", self.name)
    }

    /// The name of the analyzer of the written field, for an analyzer that splits compounds.
    pub fn written_tokenizer_name(&self) -> String {
        format!("arkiv_written_{}", self.name)
    }

    /// Builds the tantivy analyzer: simple word split, long-token removal, lowercasing, accents
    /// folded ([`super::fold`]), then the language's stop words and stemmer where Snowball has
    /// them.
    pub fn build(&self) -> TextAnalyzer {
        self.build_with(Terms::Stemmed)
    }

    /// Builds the analyzer of the parts field: as [`Analyzer::build`], but each compound gives
    /// its parts instead of itself, and other words give nothing.
    pub fn build_parts(&self) -> TextAnalyzer {
        self.build_with(Terms::Parts)
    }

    /// Builds the analyzer of the written field: as [`Analyzer::build`], without the stemmer,
    /// and each compound followed by its parts.
    pub fn build_written(&self) -> TextAnalyzer {
        self.build_with(Terms::Written)
    }

    /// Builds the analyzer of a query's words in the written field: as
    /// [`Analyzer::build_written`], without the parts, which would find the parts of a compound
    /// typed as if they were typed.
    pub fn build_typed(&self) -> TextAnalyzer {
        self.build_with(Terms::Typed)
    }

    /// The analyzer for finding `terms` in a text, as snippets do: the tokens of
    /// [`Analyzer::build`], at the same positions and offsets, where a token whose term is one of
    /// `terms` has it as its text. Where the stemmer only takes endings off, only the words that
    /// start with one of the terms are analyzed, and the other tokens have no text (see
    /// [`super::stem`]).
    pub fn build_for_terms(&self, terms: Arc<[String]>) -> TextAnalyzer {
        if let Some(language) = self.stemmer
            && let (Some(algorithm), Some(stop_words)) = (stem::suffix_stemmer(language), stop_words::of(language))
        {
            return TextAnalyzer::from(TermTokenizer::new(algorithm, self.passes(), stop_words, terms));
        }
        self.build()
    }

    fn passes(&self) -> usize {
        if self.twice { 2 } else { 1 }
    }

    /// Word split, long-token removal, lowercasing, folding, the parts of compounds instead of
    /// the words for [`Terms::Parts`] or beside them for [`Terms::Written`], then stop words and,
    /// for the stemmed terms, the stemmer (`passes` times) for languages with a stemmer.
    fn build_with(&self, terms: Terms) -> TextAnalyzer {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(Fold)
            .dynamic();
        match terms {
            Terms::Stemmed | Terms::Typed => {}
            Terms::Parts => analyzer = analyzer.filter_dynamic(Parts::INSTEAD_OF_WORDS),
            Terms::Written => analyzer = analyzer.filter_dynamic(Parts::BESIDE_WORDS),
        }
        let Some(language) = self.stemmer else {
            return analyzer.build();
        };
        if let Some(stop_words) =
            stop_words::of(language).map(StopWords::filter).or_else(|| StopWordFilter::new(language))
        {
            analyzer = analyzer.filter_dynamic(stop_words);
        }
        if matches!(terms, Terms::Written | Terms::Typed) {
            return analyzer.build();
        }
        (0..self.passes()).fold(analyzer, |analyzer, _| analyzer.filter_dynamic(Stemmer::new(language))).build()
    }
}

/// What the terms of a field are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terms {
    /// The stems of the words.
    Stemmed,
    /// The stems of the parts of compounds.
    Parts,
    /// The words as written, lowercased and folded, and the parts of compounds as they stand
    /// in them.
    Written,
    /// The words as typed, lowercased and folded: what a query looks for in the written field.
    Typed,
}

/// Registers every analyzer with the index. Must run before writing or querying.
pub(crate) fn register(index: &Index) {
    for analyzer in ANALYZERS {
        index.tokenizers().register(&analyzer.tokenizer_name(), analyzer.build());
        if analyzer.compounds {
            index.tokenizers().register(&analyzer.parts_tokenizer_name(), analyzer.build_parts());
            index.tokenizers().register(&analyzer.written_tokenizer_name(), analyzer.build_written());
        }
    }
    index.tokenizers().register(super::capitalised::TOKENIZER, super::capitalised::analyzer());
}

/// The terms `text` produces under `analyzer`, with their positions.
pub(crate) fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(language: &str, text: &str) -> Vec<String> {
        terms(&mut Analyzer::for_language(language).build(), text).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn norwegian_inflections_meet() {
        assert_eq!(stems("nb", "sjøfolkene"), stems("nb", "sjøfolk"));
        assert_eq!(stems("nb", "utenriksministeren"), stems("nb", "utenriksminister"));
        assert_eq!(stems("nn", "sjøfolka"), stems("nb", "sjøfolk"));
        assert_eq!(stems("nb", "husene"), stems("nb", "hus"));
    }

    #[test]
    fn stop_words_go_and_positions_stay() {
        let terms = terms(&mut Analyzer::for_language("nb").build(), "USA og Russland");
        assert_eq!(terms.iter().map(|(p, _)| *p).collect::<Vec<_>>(), [0, 2]);
    }

    #[test]
    fn the_written_field_keeps_each_form_of_a_word_apart() {
        let mut written = Analyzer::for_language("nb").build_written();
        let mut words = |text| terms(&mut written, text).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(words("Ferja og ferjene"), ["ferja", "ferjene"]);
        assert_eq!(words("Björk"), ["bjørk", "bjork"]);
        assert_eq!(words("sofakroken"), ["sofakroken", "sofa", "kroken"]);
        assert_ne!(stems("nb", "ferja"), words("ferja"));
        let typed = terms(&mut Analyzer::for_language("nb").build_typed(), "sofakroken");
        assert_eq!(typed, [(0, "sofakroken".to_owned())]);
    }

    #[test]
    fn other_languages_get_their_own_stemmer() {
        assert_eq!(stems("en", "running runs"), ["run", "run"]);
        assert_eq!(stems("en", "election elections"), ["elect", "elect"]);
        // Folded, "Häuser" is spelt both "hæuser" and "hauser"; the second stems as "Haus" does.
        assert!(stems("de", "Häuser").contains(&stems("de", "Haus")[0]), "{:?}", stems("de", "Häuser"));
    }

    #[test]
    fn unknown_languages_are_only_lowercased() {
        assert_eq!(stems("ja", "東京 Tokyo"), ["東京", "tokyo"]);
        assert_eq!(Analyzer::for_language("und").name, "other");
    }
}
