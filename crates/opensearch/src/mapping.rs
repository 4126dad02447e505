//! The index on the cluster: settings and a mapping that mirror arkiv's analysis as far as
//! OpenSearch allows.
//!
//! As in the local index, every analyzer has its own fields (`title.no`, `body.en`, …; see
//! `arkiv_engine`'s analyzers) and an article's text goes to those of its language, so that a
//! query is analyzed by each language's chain, as arkiv does. Each chain is the standard
//! tokenizer, tokens over 40 characters dropped, accents folded as arkiv folds them (a
//! `mapping` char filter made from [`arkiv_text::fold`]: é → e, ö → ø, while æ, ø and å stay),
//! lowercase, the language's stop words and its Snowball stemmer, twice for Norwegian (which is
//! OpenSearch's `norwegian` analyzer, rebuilt so that it can fold and stem twice).
//!
//! Where the two differ:
//! - arkiv gives a word with ö or ä a second spelling with o or a ("Bjork" finds "Björk"); a
//!   char filter has one output, so the cluster has only the Norwegian one;
//! - Tamil has no stemmer in OpenSearch, and Greek and Arabic use Lucene's own stemmers;
//! - the standard tokenizer (Unicode word breaks) splits a few strings otherwise than tantivy's
//!   simple tokenizer (it keeps "18:00" and "3.5" together);
//! - arkiv's compound parts (a word found as the first part of the archive's compounds when it
//!   finds little) and its guard for capitalised names have no counterpart.
//!
//! People, places and organisations are keyword fields of their canonical names, with a `text`
//! sub-field (lowercased, ASCII-folded words) in which a typed name is looked up.

use serde_json::{Value, json};

/// The version of this mapping, kept in the index's `_meta`: an index made by another version
/// is not written into.
pub const MAPPING_VERSION: u64 = 1;

/// The parts of an article searched as text, with their weight in ranking (as in arkiv).
pub(crate) const PARTS: [(&str, f64); 3] = [("title", 3.0), ("lead", 2.0), ("body", 1.0)];

/// Tokens longer than this are not words (as in arkiv's analyzers).
const MAX_TOKEN_CHARS: u32 = 40;

/// The analysis of each of arkiv's analyzers on the cluster: its stop word list and stemmer.
struct Language {
    /// arkiv's analyzer name.
    name: &'static str,
    /// OpenSearch's predefined stop word list.
    stop: Option<&'static str>,
    /// The stemmer: a Snowball language, or Lucene's `stemmer` filter for those Snowball lacks.
    stem: Option<Stem>,
    /// Stem twice, as arkiv does for Norwegian.
    twice: bool,
}

enum Stem {
    Snowball(&'static str),
    Lucene(&'static str),
}

const fn snowball(name: &'static str, stop: &'static str, language: &'static str) -> Language {
    Language { name, stop: Some(stop), stem: Some(Stem::Snowball(language)), twice: false }
}

/// One entry per analyzer of arkiv, in its order.
const LANGUAGES: &[Language] = &[
    Language { name: "no", stop: Some("_norwegian_"), stem: Some(Stem::Snowball("Norwegian")), twice: true },
    snowball("en", "_english_", "English"),
    snowball("sv", "_swedish_", "Swedish"),
    snowball("da", "_danish_", "Danish"),
    snowball("de", "_german_", "German"),
    snowball("nl", "_dutch_", "Dutch"),
    snowball("fr", "_french_", "French"),
    snowball("es", "_spanish_", "Spanish"),
    snowball("it", "_italian_", "Italian"),
    snowball("pt", "_portuguese_", "Portuguese"),
    snowball("ro", "_romanian_", "Romanian"),
    snowball("fi", "_finnish_", "Finnish"),
    snowball("hu", "_hungarian_", "Hungarian"),
    snowball("ru", "_russian_", "Russian"),
    Language { name: "el", stop: Some("_greek_"), stem: Some(Stem::Lucene("greek")), twice: false },
    snowball("tr", "_turkish_", "Turkish"),
    Language { name: "ar", stop: Some("_arabic_"), stem: Some(Stem::Lucene("arabic")), twice: false },
    Language { name: "ta", stop: None, stem: None, twice: false },
    Language { name: "other", stop: None, stem: None, twice: false },
];

/// The analyzer of the names' `text` sub-fields.
const NAME_ANALYZER: &str = "arkiv_name";

/// The letters the fold char filter maps: Latin-1 Supplement to Latin Extended-A and ß.
const FOLDED_RANGE: std::ops::RangeInclusive<char> = '\u{c0}'..='\u{17f}';

/// The char filter's mappings: each letter (either case) that arkiv folds, to its first
/// spelling, so that the cluster folds exactly the letters arkiv does.
fn fold_mappings() -> Vec<String> {
    FOLDED_RANGE
        .filter_map(|letter| {
            let lower: String = letter.to_lowercase().collect();
            let (norwegian, _) = arkiv_text::fold(&lower)?;
            (norwegian != lower).then(|| format!("{letter} => {norwegian}"))
        })
        .collect()
}

/// The settings and mapping of a new index of `shards` shards. A replica is kept whenever the
/// cluster has a second node for it (`auto_expand_replicas`), so one node alone is green.
pub fn index_body(shards: u32) -> Value {
    let mut filters = serde_json::Map::new();
    filters.insert("arkiv_long".into(), json!({ "type": "length", "max": MAX_TOKEN_CHARS }));
    let mut analyzers = serde_json::Map::new();
    for language in LANGUAGES {
        let mut chain = vec![json!("arkiv_long"), json!("lowercase")];
        if let Some(stop) = language.stop {
            let name = format!("arkiv_stop_{}", language.name);
            filters.insert(name.clone(), json!({ "type": "stop", "stopwords": stop }));
            chain.push(json!(name));
        }
        if let Some(stem) = &language.stem {
            let name = format!("arkiv_stem_{}", language.name);
            filters.insert(
                name.clone(),
                match stem {
                    Stem::Snowball(snowball) => json!({ "type": "snowball", "language": snowball }),
                    Stem::Lucene(stemmer) => json!({ "type": "stemmer", "language": stemmer }),
                },
            );
            chain.push(json!(name));
            if language.twice {
                chain.push(json!(name));
            }
        }
        analyzers.insert(
            analyzer(language.name),
            json!({ "type": "custom", "tokenizer": "standard", "char_filter": ["arkiv_fold"], "filter": chain }),
        );
    }
    analyzers.insert(
        NAME_ANALYZER.into(),
        json!({ "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"] }),
    );
    let mut properties = serde_json::Map::new();
    for (part, _) in PARTS {
        let fields: serde_json::Map<String, Value> = LANGUAGES
            .iter()
            .map(|language| (language.name.to_owned(), json!({ "type": "text", "analyzer": analyzer(language.name) })))
            .collect();
        properties.insert(part.into(), json!({ "properties": fields }));
    }
    let keyword = json!({ "type": "keyword" });
    let name = json!({ "type": "keyword", "fields": { "text": { "type": "text", "analyzer": NAME_ANALYZER } } });
    for field in ["id", "path", "language", "source", "section", "url", "hash"] {
        properties.insert(field.into(), keyword.clone());
    }
    for field in ["people", "places", "orgs"] {
        properties.insert(field.into(), name.clone());
    }
    properties.insert("byline".into(), name.clone());
    properties.insert("captions".into(), json!({ "type": "text", "analyzer": analyzer("other") }));
    properties.insert("date".into(), json!({ "type": "date" }));
    properties.insert("modified".into(), json!({ "type": "date" }));
    // Read back, never searched: the article as arkiv stores it, and its names with counts.
    properties.insert("article".into(), json!({ "type": "object", "enabled": false }));
    properties.insert("entities".into(), json!({ "type": "object", "enabled": false }));
    json!({
        "settings": {
            "index": { "number_of_shards": shards, "auto_expand_replicas": "0-1" },
            "analysis": {
                "char_filter": { "arkiv_fold": { "type": "mapping", "mappings": fold_mappings() } },
                "filter": filters,
                "analyzer": analyzers,
            }
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": { "arkiv_mapping": MAPPING_VERSION },
            "properties": properties,
        }
    })
}

/// The name of the cluster's analyzer for arkiv's analyzer `name`.
fn analyzer(name: &str) -> String {
    format!("arkiv_{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_analyzer_of_arkiv_has_its_analysis_here() {
        let ours: Vec<&str> = LANGUAGES.iter().map(|language| language.name).collect();
        let arkivs: Vec<&str> = arkiv_engine::analyzer_names().collect();
        assert_eq!(ours, arkivs);
    }

    #[test]
    fn folding_keeps_the_norwegian_letters() {
        let mappings = fold_mappings();
        for expected in ["é => e", "É => e", "ö => ø", "Ä => æ", "ß => ss", "ñ => n"] {
            assert!(mappings.iter().any(|mapping| mapping == expected), "{expected} in {mappings:?}");
        }
        assert!(!mappings.iter().any(|mapping| mapping.starts_with('ø') || mapping.starts_with('å')));
    }

    #[test]
    fn norwegian_is_stemmed_twice_and_the_body_has_its_field() {
        let body = index_body(1);
        let chain = &body["settings"]["analysis"]["analyzer"]["arkiv_no"]["filter"];
        assert_eq!(chain, &json!(["arkiv_long", "lowercase", "arkiv_stop_no", "arkiv_stem_no", "arkiv_stem_no"]));
        assert_eq!(body["mappings"]["properties"]["body"]["properties"]["no"]["analyzer"], "arkiv_no");
    }
}
