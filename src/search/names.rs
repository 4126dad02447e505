//! Entity names in the archive: listings with article counts, and lookup of the canonical
//! names a user means ("putin", "Vladimir Putins" → "Vladimir Putin").

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use tantivy::Searcher;
use tantivy::schema::Field;

use crate::entities::{EntityKind, name_key, strip_genitive};

/// A canonical name and the number of articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameCount {
    pub name: String,
    pub articles: u64,
}

/// The names of one kind in the archive, each with the canonical name it is listed under.
///
/// An article stores the names it uses, merged within the article ("Putin" becomes "Vladimir
/// Putin" when the article also has the full name). Across articles one more step is needed:
/// an article that only says "Putin" or "Putins" is about the same person as one that says
/// "Vladimir Putin". So a one-word name is listed under a longer name of the archive whose last
/// word it is (people only, and only when one such name clearly dominates: at least twice the
/// articles of the next), and a name in the genitive under the name without the ending, when
/// the archive has that name too.
pub struct Names {
    /// The field the names were read from.
    field: Field,
    /// Stored name → articles naming it.
    articles: HashMap<String, u64>,
    /// Stored name → canonical name, for the names that are not canonical themselves.
    canonical: HashMap<String, String>,
}

impl Names {
    /// Reads the names of `field` and how many live articles name each.
    pub fn load(searcher: &Searcher, field: Field, kind: EntityKind) -> Result<Self> {
        let field_name = searcher.schema().get_field_name(field);
        let mut articles: HashMap<String, u64> = HashMap::new();
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
                *articles.entry(name.clone()).or_default() += count;
            }
        }
        let canonical = canonical_names(&articles, kind);
        Ok(Self { field, articles, canonical })
    }

    /// The canonical name of a stored name.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.canonical.get(name).map_or(name, String::as_str)
    }

    /// The canonical names by the number of live articles naming them (under any of their
    /// forms), most first.
    pub fn top(&self, searcher: &Searcher, limit: usize) -> Result<Vec<NameCount>> {
        let field_name = searcher.schema().get_field_name(self.field);
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let Some(column) = segment.fast_fields().str(field_name)? else {
                continue;
            };
            let mut name = String::new();
            let mut by_ord: Vec<&str> = Vec::with_capacity(column.num_terms());
            for ord in 0..column.num_terms() {
                name.clear();
                column.ord_to_str(ord as u64, &mut name)?;
                let stored = self.articles.get_key_value(name.as_str()).map_or("", |(key, _)| key.as_str());
                by_ord.push(self.canonical(stored));
            }
            let mut seen: Vec<&str> = Vec::new();
            for doc in segment.doc_ids_alive() {
                seen.clear();
                seen.extend(column.term_ords(doc).map(|ord| by_ord[ord as usize]).filter(|name| !name.is_empty()));
                seen.sort_unstable();
                seen.dedup();
                for name in &seen {
                    *counts.entry(name).or_default() += 1;
                }
            }
        }
        let mut out: Vec<NameCount> =
            counts.into_iter().map(|(name, articles)| NameCount { name: name.to_owned(), articles }).collect();
        out.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
        out.truncate(limit);
        Ok(out)
    }

    /// What `query` refers to: the canonical names that it names (see [`matches`]) under any
    /// of their forms, and all stored forms of those names, to search for.
    pub fn resolve(&self, query: &str) -> Resolved {
        let canonical: BTreeSet<String> = self
            .articles
            .keys()
            .filter(|name| matches(query, name) || matches(query, self.canonical(name)))
            .map(|name| self.canonical(name).to_owned())
            .collect();
        let stored = self.articles.keys().filter(|name| canonical.contains(self.canonical(name))).cloned().collect();
        Resolved { canonical, stored }
    }
}

/// The names a query refers to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// As listed.
    pub canonical: BTreeSet<String>,
    /// As stored in articles: every form of the canonical names.
    pub stored: BTreeSet<String>,
}

/// The canonical name of each stored name that is not canonical itself (see [`Names`]).
fn canonical_names(articles: &HashMap<String, u64>, kind: EntityKind) -> HashMap<String, String> {
    let mut by_last_word: HashMap<&str, Vec<(&str, u64)>> = HashMap::new();
    if kind == EntityKind::Person {
        for (name, count) in articles {
            if let Some((_, last)) = name.rsplit_once(' ') {
                by_last_word.entry(last).or_default().push((name, *count));
            }
        }
    }
    let full_name = |word: &str| -> Option<&str> {
        let mut candidates = by_last_word.get(word)?.clone();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let (best, count) = candidates[0];
        let dominant = candidates.get(1).is_none_or(|(_, second)| count >= 2 * second);
        dominant.then_some(best)
    };
    let mut out = HashMap::new();
    for name in articles.keys().filter(|name| !name.contains(' ')) {
        let base = strip_genitive(name).filter(|base| articles.contains_key(*base) || by_last_word.contains_key(base));
        let word = base.unwrap_or(name);
        let target = full_name(word).or(base);
        if let Some(target) = target.filter(|target| target != name) {
            out.insert(name.clone(), target.to_owned());
        }
    }
    out
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
            name_words.iter().any(|name_word| word == *name_word || strip_genitive(word) == Some(*name_word))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(names: &[(&str, u64)], kind: EntityKind) -> Vec<(String, String)> {
        let articles = names.iter().map(|(name, count)| ((*name).to_owned(), *count)).collect();
        let mut out: Vec<(String, String)> = canonical_names(&articles, kind).into_iter().collect();
        out.sort();
        out
    }

    #[test]
    fn surnames_and_genitives_go_under_the_dominant_full_name() {
        let names = [
            ("Vladimir Putin", 10),
            ("Putin", 4),
            ("Putins", 2),
            ("Erna Solberg", 3),
            ("Kari Solberg", 2),
            ("Solberg", 5),
        ];
        let pairs =
            |list: &[(&str, &str)]| list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect::<Vec<_>>();
        assert_eq!(
            canonical(&names, EntityKind::Person),
            pairs(&[("Putin", "Vladimir Putin"), ("Putins", "Vladimir Putin")])
        );
        let places = [("Norge", 10), ("Norges", 3), ("Paris", 2), ("New York", 4), ("York", 1)];
        assert_eq!(canonical(&places, EntityKind::Place), pairs(&[("Norges", "Norge")]));
    }

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
