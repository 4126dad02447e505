//! Rules after tagging that look at the whole article: the parts of a person's name that the
//! tagger missed elsewhere in it ([`name_parts`]), and one class for all mentions of a name
//! ([`one_class_per_name`]).
//!
//! Once an article has named "Elling Borgersrud", a bare "Elling" or "Borgersrud" later in it
//! is him, even where the sentence says little (a speaker label "Elling:" in an interview, a
//! surname opening a sentence). The tagger decides each occurrence from its own sentence and
//! misses some of these; this rule adds them. A word that also occurs in lowercase in the
//! article is left alone: a capital at a sentence start may just be grammar ("Hans", "hans").
//! So is a part that does not start with a capital: a particle ("van") or a product the tagger
//! took for a person ("iPad", "500X") would otherwise spread through the whole article.

use std::collections::{HashMap, HashSet};

use crate::features::Document;
use crate::tokens::Token;
use crate::{EntityKind, KindCounts, Mention};

/// Adds to `found` (the mentions of each text) the missed single-word occurrences of the first
/// or last word of a person named with several words. `document` says which words the
/// article also writes in lowercase.
pub(super) fn name_parts(texts: &[&str], tokens: &[Vec<Token>], document: &Document, found: &mut [Vec<Mention>]) {
    let mut parts: HashSet<&str> = HashSet::new();
    for (text, mentions) in texts.iter().zip(found.iter()) {
        for mention in mentions.iter().filter(|m| m.kind == EntityKind::Person) {
            let name = &text[mention.start..mention.end];
            if let (Some(first), Some(last)) = (name.split_whitespace().next(), name.split_whitespace().last())
                && first != last
            {
                parts.extend([first, last].into_iter().filter(|part| {
                    part.starts_with(char::is_uppercase)
                        && part.chars().nth(2).is_some()
                        && !document.has_lowercase(&part.to_lowercase())
                }));
            }
        }
    }
    if parts.is_empty() {
        return;
    }
    for ((text, tokens), mentions) in texts.iter().zip(tokens).zip(found.iter_mut()) {
        let before = mentions.len();
        let found_before = Spans::of(mentions);
        for token in tokens.iter().filter(|t| parts.contains(t.text(text))) {
            if !found_before.overlap(token.start, token.end) {
                mentions.push(Mention { start: token.start, end: token.end, kind: EntityKind::Person });
            }
        }
        if mentions.len() > before {
            mentions.sort_by_key(|m| m.start);
        }
    }
}

/// The byte spans of a text's mentions, sorted, for telling in a binary search whether a word
/// overlaps one: a text may be one huge line with thousands of mentions, where comparing each
/// word with every mention made a 9.5 MB text take seconds.
struct Spans {
    /// (start, end) of each mention, sorted.
    spans: Vec<(usize, usize)>,
    /// The furthest end of the spans up to each one.
    reach: Vec<usize>,
}

impl Spans {
    fn of(mentions: &[Mention]) -> Spans {
        let mut spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Spans { spans, reach }
    }

    /// Whether a mention overlaps the bytes `start..end`.
    fn overlap(&self, start: usize, end: usize) -> bool {
        let starting_before_end = self.spans.partition_point(|&(span_start, _)| span_start < end);
        starting_before_end > 0 && self.reach[starting_before_end - 1] > start
    }
}

/// Gives every mention of a name (as written) the class that more than half of its mentions
/// in the article have. The tagger decides each mention from its own sentence, and where two
/// sentences read "Fjone" as a place and a third as an organisation, the article still means
/// one thing by it. Without a majority the mentions keep their classes: a hospital named as a
/// place once and an organisation once may be either ([`KindCounts::majority`]).
pub(super) fn one_class_per_name(texts: &[&str], found: &mut [Vec<Mention>]) {
    let mut kinds: HashMap<&str, KindCounts> = HashMap::new();
    for (text, mentions) in texts.iter().zip(found.iter()) {
        for mention in mentions {
            kinds.entry(&text[mention.start..mention.end]).or_default().add(mention.kind);
        }
    }
    for (text, mentions) in texts.iter().zip(found.iter_mut()) {
        for mention in mentions.iter_mut() {
            if let Some(kind) = kinds[&text[mention.start..mention.end]].majority() {
                mention.kind = kind;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize_each;

    fn run(texts: &[&str], found: &mut [Vec<Mention>]) -> Vec<Vec<String>> {
        let tokens = tokenize_each(texts);
        let document = Document::of(texts, &tokens);
        name_parts(texts, &tokens, &document, found);
        texts
            .iter()
            .zip(found.iter())
            .map(|(t, ms)| ms.iter().map(|m| t[m.start..m.end].to_owned()).collect())
            .collect()
    }

    /// A mention of `name` in `text`.
    fn mention(text: &str, name: &str, kind: EntityKind) -> Mention {
        let start = text.find(name).expect("name in text");
        Mention { start, end: start + name.len(), kind }
    }

    #[test]
    fn a_missed_part_of_a_named_person_is_that_person() {
        let texts = ["Vi møtte rapperen Elling Borgersrud i Oslo.", "Elling: Det stemmer.", "Borgersrud smilte."];
        let mut found = vec![
            vec![
                mention(texts[0], "Elling Borgersrud", EntityKind::Person),
                mention(texts[0], "Oslo", EntityKind::Place),
            ],
            vec![],
            vec![],
        ];
        let names = run(&texts, &mut found);
        assert_eq!(names, [vec!["Elling Borgersrud", "Oslo"], vec!["Elling"], vec!["Borgersrud"]]);
        assert!(found[1][0].kind == EntityKind::Person);
    }

    #[test]
    fn a_name_takes_the_class_of_most_of_its_mentions() {
        use EntityKind::{Organisation, Place};
        let texts =
            ["Dei budde på Fjone.", "Fjone ligg ved vatnet.", "Haukeland og Fjone svarte ikkje.", "Om Haukeland."];
        let mut found = vec![
            vec![mention(texts[0], "Fjone", Place)],
            vec![mention(texts[1], "Fjone", Place)],
            vec![mention(texts[2], "Haukeland", Organisation), mention(texts[2], "Fjone", Organisation)],
            vec![mention(texts[3], "Haukeland", Place)],
        ];
        one_class_per_name(&texts, &mut found);
        let kinds: Vec<Vec<EntityKind>> = found.iter().map(|ms| ms.iter().map(|m| m.kind).collect()).collect();
        assert_eq!(
            kinds,
            [vec![Place], vec![Place], vec![Organisation, Place], vec![Place]],
            "no majority for Haukeland"
        );
    }

    #[test]
    fn a_part_that_is_also_an_ordinary_word_is_left_alone() {
        let texts = ["Vi møtte Hans Olsen.", "Hans bil var ny, og hans hus også."];
        let mut found = vec![vec![mention(texts[0], "Hans Olsen", EntityKind::Person)], vec![]];
        assert_eq!(run(&texts, &mut found), [vec!["Hans Olsen"], vec![]]);
    }

    #[test]
    fn thousands_of_people_in_one_text_take_no_time() {
        const PEOPLE: usize = 30_000;
        let (mut text, mut people) = (String::new(), Vec::new());
        for i in 0..PEOPLE {
            let start = text.len();
            text.push_str(&format!("Kari Vestgård{i}"));
            people.push(Mention { start, end: text.len(), kind: EntityKind::Person });
            text.push_str(&format!(" møtte Vestgård{i}. "));
        }
        let texts = [text.as_str()];
        let mut found = vec![people];
        let started = std::time::Instant::now();
        let names = run(&texts, &mut found);
        // Comparing every word with every mention took minutes here (hundreds of millions of pairs).
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        assert_eq!(names[0].len(), 2 * PEOPLE, "each bare surname is added, no part of a full name");
    }

    #[test]
    fn a_part_without_a_capital_is_left_alone() {
        let texts = ["Vi testet Apple iPad i går.", "En iPad er rask, sier Apple."];
        let mut found = vec![vec![mention(texts[0], "Apple iPad", EntityKind::Person)], vec![]];
        assert_eq!(run(&texts, &mut found), [vec!["Apple iPad"], vec!["Apple"]]);
    }
}
