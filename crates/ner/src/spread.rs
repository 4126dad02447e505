//! A rule after tagging that looks at the whole article: one class for all mentions of a name
//! ([`one_class_per_name`]).
//!
//! A rule that added the missed bare first or last names of a person named in full ("Elling:"
//! after "Elling Borgersrud") was dropped: over the cross-validation folds of
//! `bench/ner-cv.sh` it added more wrong people ("Deep" and "Throat" of «Deep Throat", "Jan" of
//! "Jan Mayen-loven") than right ones, most of those in one dev document.

use std::collections::HashMap;

use crate::{KindCounts, Mention};

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
    use crate::EntityKind;

    /// A mention of `name` in `text`.
    fn mention(text: &str, name: &str, kind: EntityKind) -> Mention {
        let start = text.find(name).expect("name in text");
        Mention { start, end: start + name.len(), kind }
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
}
