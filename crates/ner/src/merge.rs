//! Merging the mentions of one article into entities under canonical names.
//!
//! Three steps, each a separate function: strip genitive endings where that is safe, map a
//! lone surname or first name to the full name of a person named in the same article, and
//! settle on one kind per name by majority vote.

use std::collections::{HashMap, HashSet};

use arkiv_text::collapse_whitespace;

use crate::lexicon::{self, WordSet, has_suffix_in, listed, listed_as_written, listed_kind};
use crate::words::{lowercase, strip_genitive};
use crate::{Entity, EntityKind, KindCounts, recognize_in_article};

/// Recognises the names in all texts of one article (title, lead, paragraphs) and merges them
/// into entities, sorted by kind, then by mentions (most first), then by name.
///
/// A sentence-initial word counts as a name when the same word is capitalised mid-sentence
/// anywhere in the article, so a paragraph opening with "Lavrov sa" is found when another
/// paragraph names "Sergej Lavrov".
pub fn extract<'a, I: IntoIterator<Item = &'a str>>(texts: I) -> Vec<Entity> {
    let texts: Vec<&str> = texts.into_iter().collect();
    let names = texts
        .iter()
        .zip(recognize_in_article(&texts))
        .flat_map(|(text, mentions)| {
            mentions.into_iter().filter_map(|m| Some((collapse_whitespace(text.get(m.start..m.end)?), m.kind)))
        })
        .collect();
    merge(names)
}

/// The key under which a canonical name is looked up: lowercase, whitespace runs collapsed to
/// one space (so "Mike  Pompeo" and "mike pompeo" find the same entity).
pub fn name_key(name: &str) -> String {
    collapse_whitespace(name).to_lowercase()
}

/// Merges (name as written, kind) pairs into counted entities.
fn merge(mut names: Vec<(String, EntityKind)>) -> Vec<Entity> {
    let words: HashSet<String> = names.iter().flat_map(|(name, _)| name.split(' ').map(str::to_owned)).collect();
    for (name, kind) in &mut names {
        if let Some(base) = genitive_base(name, *kind, &words) {
            name.truncate(base);
        }
    }
    resolve_short_person_names(&mut names);
    let mut votes: HashMap<String, KindCounts> = HashMap::new();
    for (name, kind) in names {
        votes.entry(name).or_default().add(kind);
    }
    let mut entities: Vec<Entity> = votes
        .into_iter()
        .map(|(name, counts)| Entity { kind: counts.most(), mentions: counts.total(), name })
        .collect();
    entities.sort_by(|a, b| (a.kind, b.mentions, &a.name).cmp(&(b.kind, a.mentions, &b.name)));
    entities
}

/// Byte length of `name` without its genitive ending, when the ending is one.
///
/// An apostrophe ending ("Trump's", "Reuters'") is always a genitive. A bare final s is
/// ambiguous ("Putins" but "Paris", "Lars", "Reuters"), so it is stripped only with evidence
/// that the shorter form is the name: it occurs as a word of another name in the same article
/// ("Maduros" next to "Maduro"), or a list knows the shorter form and not the longer one
/// ("Irans", "Norges", "FNs"), or the shorter form ends like an organisation or place in
/// definite form, whose genitive adds an s ("Arbeiderpartiets", "Sognefjordens").
fn genitive_base(name: &str, kind: EntityKind, words: &HashSet<String>) -> Option<usize> {
    let last = name.rsplit(' ').next()?;
    let base = strip_genitive(last)?;
    let cut = name.len() - (last.len() - base.len());
    let apostrophe = last.get(base.len()..).is_some_and(|ending| ending.starts_with(['\'', '’']));
    if apostrophe || words.contains(base) {
        return Some(cut);
    }
    let known_base = listed_kind(base).is_some() || lexicon::FIRST_NAMES.contains(base);
    let known_name = listed_as_written(last) || lexicon::FIRST_NAMES.contains(last);
    let suffixes: &WordSet = match kind {
        EntityKind::Organisation => &lexicon::ORG_SUFFIXES,
        _ => &lexicon::PLACE_SUFFIXES,
    };
    let definite_base = kind != EntityKind::Person && has_suffix_in(suffixes, &lowercase(base));
    ((known_base || definite_base) && !known_name).then_some(cut)
}

/// Gives a one-word name the full name of a person in the same article whose last word
/// (failing that, first word) it is: "Pompeo" → "Mike Pompeo", "Sergej" → "Sergej Lavrov".
/// With several candidates the most mentioned wins (on a tie, the first in alphabetical order).
/// Listed places and organisations keep their name ("Washington" stays a place next to "George
/// Washington").
///
/// The full names are indexed by their last and their first word once, so that each mention
/// costs a lookup: a long text names thousands of people, and comparing every mention with
/// every full name made a 20 MB article take seconds.
fn resolve_short_person_names(names: &mut [(String, EntityKind)]) {
    let mut full: HashMap<&str, u32> = HashMap::new();
    for (name, kind) in names.iter() {
        if *kind == EntityKind::Person && name.contains(' ') {
            *full.entry(name.as_str()).or_default() += 1;
        }
    }
    let mut by_last = BestFullName::default();
    let mut by_first = BestFullName::default();
    for (&name, &mentions) in &full {
        if let (Some(first), Some(last)) = (name.split(' ').next(), name.rsplit(' ').next()) {
            by_last.offer(last, name, mentions);
            by_first.offer(first, name, mentions);
        }
    }
    let renames: Vec<Option<String>> = names
        .iter()
        .map(|(name, _)| {
            if name.contains(' ') || listed(&lexicon::PLACES, name) || listed(&lexicon::ORGS, name) {
                return None;
            }
            by_last.get(name).or_else(|| by_first.get(name)).map(str::to_owned)
        })
        .collect();
    for ((name, kind), rename) in names.iter_mut().zip(renames) {
        if let Some(full_name) = rename {
            *name = full_name;
            *kind = EntityKind::Person;
        }
    }
}

/// For each word, the full name (with its mentions) that a bare mention of the word stands
/// for: the most mentioned one, and of equally mentioned ones the first in alphabetical order.
#[derive(Default)]
struct BestFullName<'a>(HashMap<&'a str, (&'a str, u32)>);

impl<'a> BestFullName<'a> {
    fn offer(&mut self, word: &'a str, name: &'a str, mentions: u32) {
        let best = self.0.entry(word).or_insert((name, mentions));
        if mentions > best.1 || (mentions == best.1 && name < best.0) {
            *best = (name, mentions);
        }
    }

    fn get(&self, word: &str) -> Option<&'a str> {
        self.0.get(word).map(|(name, _)| *name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_takes_the_kind_most_of_its_mentions_have() {
        let names =
            [("Grendvik", EntityKind::Place), ("Grendvik", EntityKind::Person), ("Grendvik", EntityKind::Person)];
        let entities = merge(names.iter().map(|(name, kind)| ((*name).to_owned(), *kind)).collect());
        assert_eq!(entities, vec![Entity { name: "Grendvik".to_owned(), kind: EntityKind::Person, mentions: 3 }]);
    }

    fn resolved(names: &[&str]) -> Vec<String> {
        let mut names: Vec<(String, EntityKind)> =
            names.iter().map(|name| ((*name).to_owned(), EntityKind::Person)).collect();
        resolve_short_person_names(&mut names);
        names.into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn a_bare_name_is_the_most_mentioned_full_name_and_of_equals_the_first() {
        let names = [
            "Anna Vestgård",
            "Per Vestgård",
            "Per Vestgård",
            "Vestgård",
            "Anna",
            "Ola Lundhaug",
            "Kari Lundhaug",
            "Lundhaug",
            "Nils",
        ];
        assert_eq!(
            resolved(&names),
            [
                "Anna Vestgård",
                "Per Vestgård",
                "Per Vestgård",
                "Per Vestgård",
                "Anna Vestgård",
                "Ola Lundhaug",
                "Kari Lundhaug",
                "Kari Lundhaug",
                "Nils"
            ]
        );
    }

    #[test]
    fn thousands_of_people_in_one_text_take_no_time() {
        const PEOPLE: usize = 20_000;
        let full: Vec<String> = (0..PEOPLE).map(|i| format!("Person{i} Etternavn{i}")).collect();
        let bare: Vec<String> = (0..PEOPLE).map(|i| format!("Etternavn{i}")).collect();
        let names: Vec<&str> = full.iter().chain(&bare).map(String::as_str).collect();
        let started = std::time::Instant::now();
        let out = resolved(&names);
        // Comparing every mention with every full name took minutes here (400 million pairs).
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        assert_eq!(out[PEOPLE..], full[..]);
    }
}
