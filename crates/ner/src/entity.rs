//! What recognition finds: mentions of names in a text, and the entities of an article.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What kind of thing a name refers to. Written (in JSON, on the command line, in listings)
/// with the tags the NorNE scorer uses: `PER`, `PLACE`, `ORG`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum EntityKind {
    /// A person, real or fictional.
    Person,
    /// A place: a country, a town, a street, a mountain.
    Place,
    /// An organisation: a company, a party, a team, a ministry.
    Organisation,
}

impl EntityKind {
    /// Every kind, in declaration order.
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Organisation];

    /// The kind's tag: `PER`, `PLACE` or `ORG`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Place => "PLACE",
            EntityKind::Organisation => "ORG",
        }
    }

    /// The kind's position in [`EntityKind::ALL`].
    const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is no [`EntityKind`] tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a kind of name (PER, PLACE or ORG)")]
pub struct UnknownKind(String);

impl FromStr for EntityKind {
    type Err = UnknownKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        EntityKind::ALL.into_iter().find(|kind| kind.as_str() == text).ok_or_else(|| UnknownKind(text.to_owned()))
    }
}

impl From<EntityKind> for &'static str {
    fn from(kind: EntityKind) -> Self {
        kind.as_str()
    }
}

impl TryFrom<String> for EntityKind {
    type Error = UnknownKind;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// A count for each kind of name: the votes of an article's mentions of one name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts([u32; 3]);

impl KindCounts {
    /// Counts one more of `kind`.
    pub fn add(&mut self, kind: EntityKind) {
        self.0[kind.index()] += 1;
    }

    /// The count of `kind`.
    pub fn get(&self, kind: EntityKind) -> u32 {
        self.0[kind.index()]
    }

    /// The counts of all kinds together.
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }

    /// The kind with the most votes; a tie goes to the kind listed first in
    /// [`EntityKind::ALL`]. For when a kind must be chosen (an entity has one).
    pub fn most(&self) -> EntityKind {
        EntityKind::ALL
            .into_iter()
            .fold(EntityKind::Person, |best, kind| if self.get(kind) > self.get(best) { kind } else { best })
    }

    /// The kind that more than half the votes went to, if one did. For when no kind may be
    /// chosen without a clear answer (a mention keeps its own kind then).
    pub fn majority(&self) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|kind| self.get(*kind) * 2 > self.total())
    }
}

/// One occurrence of a name in a text: byte offsets (`start..end`) into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Where the name starts (a byte offset).
    pub start: usize,
    /// Where the name ends (exclusive byte offset).
    pub end: usize,
    /// What the name refers to.
    pub kind: EntityKind,
}

/// A distinct entity of an article under its canonical name, with how often it was mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name ("Vladimir Putin" for "Putins" in an article that names him in full).
    pub name: String,
    /// What the name refers to.
    pub kind: EntityKind,
    /// How many times the article mentions it, under any of its forms.
    pub mentions: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_written_and_read_as_their_tags() {
        for kind in EntityKind::ALL {
            assert_eq!(kind.as_str().parse::<EntityKind>(), Ok(kind));
            assert_eq!(serde_json::to_string(&kind).expect("json"), format!("\"{kind}\""));
        }
        assert!("person".parse::<EntityKind>().is_err());
    }

    #[test]
    fn most_breaks_ties_by_order_and_majority_needs_more_than_half() {
        let mut counts = KindCounts::default();
        counts.add(EntityKind::Place);
        counts.add(EntityKind::Organisation);
        assert_eq!(counts.most(), EntityKind::Place);
        assert_eq!(counts.majority(), None);
        counts.add(EntityKind::Organisation);
        assert_eq!(counts.most(), EntityKind::Organisation);
        assert_eq!(counts.majority(), Some(EntityKind::Organisation));
        assert_eq!(counts.total(), 3);
    }
}
