//! Entities: the people, places and organisations an article names.
//!
//! Two steps. [`recognize`] finds name mentions in one piece of text (span and kind).
//! [`extract`] runs it over a whole article and merges the mentions into [`Entity`] values
//! under canonical names: genitive "Putins" counts for Putin, a lone "Pompeo" for "Mike Pompeo"
//! when the full name occurs in the same article, and titles such as "president" are never part
//! of a name. Listings and filters work on these canonical names.
//!
//! Recognition is a statistical tagger: each word is tagged as the first or a later word of a
//! person, place, organisation or other name, or as no name, from features of the word and its
//! neighbours ([`features`]) weighted by a model ([`model`]) trained on the NorNE corpus of
//! Norwegian news ([`train`], run by the `train-ner` program). Hand-written word lists
//! ([`lexicon`]) are among the features, and the canonical names of [`merge`] use them too.

mod entity;
mod features;
mod hashing;
mod known;
mod lexicon;
mod lists;
mod merge;
mod model;
mod norec;
mod recognize;
mod spread;
mod tag;
mod tagger;
mod tokens;
#[cfg(any(test, feature = "train"))]
pub mod train;
mod words;

pub use entity::{Entity, EntityKind, KindCounts, Mention, UnknownKind};
pub use merge::{extract, name_key};
pub use model::{Model, ModelError};
#[cfg(feature = "train")]
pub use norec::{Capitals, Corpus, text_files};
pub use recognize::{recognize, recognize_in_article, recognize_with};
pub use words::strip_genitive;
