//! Entities: the people, places and organisations an article names.
//!
//! Two steps. [`recognize`] finds name mentions in one piece of text (span and kind).
//! [`extract`] runs it over a whole article and merges the mentions into [`Entity`] values
//! under canonical names: genitive "Putins" counts for Putin, a lone "Pompeo" for "Mike Pompeo"
//! when the full name occurs in the same article, and titles such as "president" are never part
//! of a name. Listings and filters work on these canonical names.

use serde::{Deserialize, Serialize};

/// What kind of thing a name refers to. Serialized with the tags the NorNE scorer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "PLACE")]
    Place,
    #[serde(rename = "ORG")]
    Organisation,
}

/// One occurrence of a name in a text: byte offsets (`start..end`) into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// A distinct entity of an article under its canonical name, with how often it was mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub mentions: u32,
}

/// Temporary until the extractor lands.
pub fn recognize(_text: &str) -> Vec<Mention> {
    Vec::new()
}

/// Temporary until the extractor lands.
pub fn extract<'a, I: IntoIterator<Item = &'a str>>(_texts: I) -> Vec<Entity> {
    Vec::new()
}

pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
