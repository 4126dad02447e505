//! Entity names in the archive: listings with article counts, and lookup of the canonical
//! names a user means ("putin", "Vladimir Putins" → "Vladimir Putin").

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use tantivy::Searcher;
use tantivy::schema::Field;

use crate::entities::name_key;

/// A canonical name and the number of articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameCount {
    pub name: String,
    pub articles: u64,
}

/// The names of `field` by the number of live articles naming them, most first.
pub fn top(searcher: &Searcher, field: Field, limit: usize) -> Result<Vec<NameCount>> {
    let field_name = searcher.schema().get_field_name(field);
    let mut counts: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Some(column) = segment.fast_fields().str(field_name)? else {
            continue;
        };
        let mut per_ord = vec![0u64; column.num_terms()];
        for doc in segment.doc_ids_alive() {
            for ord in column.term_ords(doc) {
                per_ord[ord as usize] += 1;
            }
        }
        let mut name = String::new();
        for (ord, count) in per_ord.into_iter().enumerate().filter(|(_, count)| *count > 0) {
            name.clear();
            column.ord_to_str(ord as u64, &mut name)?;
            *counts.entry(name.clone()).or_default() += count;
        }
    }
    let mut out: Vec<NameCount> = counts.into_iter().map(|(name, articles)| NameCount { name, articles }).collect();
    out.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
    out.truncate(limit);
    Ok(out)
}

/// The canonical names in `field` that `query` refers to.
pub fn resolve(searcher: &Searcher, field: Field, query: &str) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            if let Ok(name) = std::str::from_utf8(terms.key())
                && matches(query, name)
            {
                out.insert(name.to_owned());
            }
        }
    }
    Ok(out)
}

/// Whether `query` names `name`: every word of the query is a word of the name, ignoring case
/// and a genitive ending. So "putin" and "Vladimir Putins" both mean "Vladimir Putin", and
/// "Mike" means every Mike.
pub fn matches(query: &str, name: &str) -> bool {
    let name = name_key(name);
    let name_words: Vec<&str> = name.split(' ').collect();
    let query = name_key(query);
    !query.is_empty()
        && query.split(' ').all(|word| {
            name_words.iter().any(|name_word| {
                word == *name_word
                    || word.strip_prefix(name_word).is_some_and(|ending| ["s", "'s", "’s", "'", "’"].contains(&ending))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn names_match_by_words_case_and_genitive() {
        assert!(matches("putin", "Vladimir Putin"));
        assert!(matches("Vladimir Putins", "Vladimir Putin"));
        assert!(matches("PUTIN'S", "Vladimir Putin"));
        assert!(matches("Mike Pompeo", "Mike Pompeo"));
        assert!(!matches("pompeo lavrov", "Mike Pompeo"));
        assert!(!matches("put", "Vladimir Putin"));
        assert!(!matches("", "Vladimir Putin"));
    }
}
