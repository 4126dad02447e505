//! Which words NoReC uses alike: word classes learned from the words around each word.
//!
//! Words that stand between the same kinds of words fall in one class: towns with towns, given
//! names with given names, the names of papers and parties with their kind. A name the tagger
//! never saw in NorNE is then known by its class, if NoReC has it often enough (`clusters.tsv`,
//! made by `norec-words clusters`, see [`super::exchange`]). Each word has a class in each of
//! several clusterings, coarse to fine, so that the tagger can trust a fine class it has seen
//! often in training and fall back on a coarse one otherwise. Words are looked up in lowercase.

use std::sync::LazyLock;

use crate::hashing::{FeatureMap, hash};

/// The classes table, as `norec-words clusters` writes it: word, then its class in each
/// clustering, coarse to fine.
const CLUSTERS_TSV: &str = include_str!("clusters.tsv");

/// How many clusterings the table gives each word a class in.
pub(crate) const LEVELS: usize = 3;

/// The class of a word in each clustering, coarse to fine.
pub(crate) type Classes = [u16; LEVELS];

/// The classes of each word of the table, by the hash of the lowercase word.
static TABLE: LazyLock<FeatureMap<Classes>> = LazyLock::new(|| {
    CLUSTERS_TSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let word = fields.next()?;
            let mut classes = [0; LEVELS];
            for class in &mut classes {
                *class = fields.next()?.parse().ok()?;
            }
            Some((hash(word), classes))
        })
        .collect()
});

/// The classes of the word whose lowercase form hashes to `lower` ([`hash`]), if NoReC has it
/// often enough to be classed.
pub(crate) fn classes(lower: u64) -> Option<Classes> {
    TABLE.get(&lower).copied()
}

/// A fingerprint of the table, for the model's stamp ([`crate::lists::fingerprint`]).
#[cfg(any(test, feature = "train"))]
pub(super) fn fingerprint() -> u64 {
    hash(CLUSTERS_TSV)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_share_a_class_and_common_words_another() {
        let of = |word: &str| classes(hash(word)).unwrap_or_else(|| panic!("{word} is classed"));
        let fine = LEVELS - 1;
        let towns = ["bergen", "trondheim", "stavanger"].map(|town| of(town)[0]);
        assert!(towns.iter().all(|class| *class == towns[0]), "{towns:?}");
        assert_ne!(of("bergen")[0], of("spiste")[0]);
        assert!(of("oslo")[fine] != of("og")[fine]);
        assert_eq!(classes(hash("qqqxxyzzy")), None);
    }
}
