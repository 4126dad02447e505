//! What NoReC, 17.7 million words of Norwegian newspaper text, tells of a word: how often it is
//! capitalised in mid-sentence, and which words are used like it (word clusters).
//!
//! NorNE's training data has a few hundred thousand words, so most names and many common
//! nouns of the news arkiv sees are words the tagger never saw in training. Two facts learned
//! from a corpus a hundred times larger generalise to them:
//!
//! - **Capitals** (`norec/capitals.tsv`, made by `src/bin/norec-capitals.rs`): of a word's
//!   occurrences in NoReC that do not start a sentence, the share written with a capital. It
//!   tells a common noun from a name where the capital letter says nothing, at a sentence
//!   start: "Resultatet" is hardly ever capitalised in mid-sentence, "Solberg" nearly always,
//!   "Hans" (possessive *his*, and a given name) in between.
//! - **Clusters** (`norec/clusters.tsv`, made by `tools/norec_clusters.py`): k-means over
//!   word2vec vectors at several granularities, coarse to fine, so that a name the training
//!   data never had shares features with the names it had ("Drammen" with "Tromsø").
//!
//! Both are looked up by the lowercase word. NoReC (Velldal et al., LREC 2018) allows models
//! and lexicons made from it to be used freely.

use std::sync::LazyLock;

use crate::hashing::{FeatureMap, hash};

/// The capitalisation table, as `norec-capitals` writes it: word, then per mille capitalised.
const CAPITALS_TSV: &str = include_str!("norec/capitals.tsv");

/// The cluster table, as `tools/norec_clusters.py` writes it: word, then its clusters.
const CLUSTERS_TSV: &str = include_str!("norec/clusters.tsv");

/// Granularities of the cluster table (its columns after the word).
pub(crate) const GRANULARITIES: usize = 4;

/// Upper bounds (per mille capitalised, exclusive) of the buckets a share falls in: the
/// tagger learns one weight per bucket, and the buckets are finest at the ends, where a word
/// is nearly always or nearly never a name.
const CAPITAL_BUCKETS: [u16; 8] = [5, 20, 100, 300, 700, 900, 980, 995];

/// The bucket of a word NoReC has too few mid-sentence occurrences of.
pub(crate) const UNKNOWN_BUCKET: u8 = CAPITAL_BUCKETS.len() as u8 + 1;

/// What NoReC tells of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Norec {
    /// The bucket ([`CAPITAL_BUCKETS`]) of its share of capitalised mid-sentence occurrences,
    /// or [`UNKNOWN_BUCKET`].
    pub(crate) capitals: u8,
    /// Its cluster at each granularity, coarse to fine; `None` for a word without a vector.
    pub(crate) clusters: Option<[u16; GRANULARITIES]>,
}

impl Default for Norec {
    fn default() -> Self {
        Norec { capitals: UNKNOWN_BUCKET, clusters: None }
    }
}

/// The bucket of a share in per mille.
fn bucket(per_mille: u16) -> u8 {
    CAPITAL_BUCKETS.iter().take_while(|bound| per_mille >= **bound).count() as u8
}

/// The data rows of a table: its lines that are no `#` comment, split at tabs.
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines().filter(|line| !line.starts_with('#')).map(|line| line.split('\t').collect())
}

/// Both tables, by the hash of the lowercase word.
static TABLE: LazyLock<FeatureMap<Norec>> = LazyLock::new(|| {
    let mut table: FeatureMap<Norec> = FeatureMap::default();
    for row in rows(CAPITALS_TSV) {
        if let [word, per_mille] = row[..]
            && let Ok(per_mille) = per_mille.parse()
        {
            table.entry(hash(word)).or_default().capitals = bucket(per_mille);
        }
    }
    for row in rows(CLUSTERS_TSV) {
        let Some((word, ids)) = row.split_first() else { continue };
        let ids: Vec<u16> = ids.iter().filter_map(|id| id.parse().ok()).collect();
        if let Ok(ids) = <[u16; GRANULARITIES]>::try_from(ids) {
            table.entry(hash(word)).or_default().clusters = Some(ids);
        }
    }
    table
});

/// What NoReC tells of the word whose lowercase form hashes to `lower` ([`hash`]).
pub(crate) fn lookup(lower: u64) -> Norec {
    TABLE.get(&lower).copied().unwrap_or_default()
}

/// The buckets below this one hold the words NoReC capitalises in fewer than one in ten of
/// their mid-sentence occurrences ([`CAPITAL_BUCKETS`]): common words, whatever they may be
/// at a sentence start or in a credit line.
const RARELY_CAPITALISED: u8 = 3;

/// Whether NoReC writes `word` (any case) in lowercase in nine of ten of its occurrences in
/// mid-sentence: possessive "Hans" (*his*), "Scenografi", "Resultatet". A word NoReC has too
/// few occurrences of is not known to be rare.
pub(crate) fn rarely_capitalised(word: &str) -> bool {
    lookup(hash(&word.to_lowercase())).capitals < RARELY_CAPITALISED
}

/// A fingerprint of both tables, for the model's stamp ([`crate::lists::fingerprint`]).
#[cfg(any(test, feature = "train"))]
pub(crate) fn fingerprint() -> u64 {
    crate::hashing::mix(crate::hashing::hash(CAPITALS_TSV), crate::hashing::hash(CLUSTERS_TSV))
}

#[cfg(feature = "train")]
pub use counting::Capitals;

/// Counting capitals in a corpus, for `norec-capitals`.
#[cfg(feature = "train")]
mod counting {
    use std::collections::BTreeMap;

    use crate::tokens::{Token, tokenize};

    /// Per lowercase word: its occurrences that start no sentence, and how many of those are
    /// capitalised.
    #[derive(Debug, Default)]
    pub struct Capitals {
        counts: BTreeMap<String, (u32, u32)>,
        tokens: Vec<Token>,
    }

    impl Capitals {
        /// Counts the words of `text` that start no sentence (as the tagger's tokenizer sees
        /// sentences: [`Token::initial`]), and begin with a letter.
        pub fn add(&mut self, text: &str) {
            let mut tokens = std::mem::take(&mut self.tokens);
            tokenize(text, &mut tokens);
            for token in tokens.iter().filter(|token| !token.initial) {
                let word = token.text(text);
                let Some(first) = word.chars().next().filter(|c| c.is_alphabetic()) else { continue };
                let counts = self.counts.entry(word.to_lowercase()).or_default();
                counts.0 += 1;
                counts.1 += u32::from(first.is_uppercase());
            }
            self.tokens = tokens;
        }

        /// The words seen in mid-sentence at least `least` times, sorted, each with its share
        /// of capitalised occurrences in per mille (rounded).
        pub fn shares(&self, least: u32) -> impl Iterator<Item = (&str, u32)> {
            self.counts.iter().filter(move |(_, (all, _))| *all >= least).map(|(word, (all, capitalised))| {
                (word.as_str(), ((u64::from(*capitalised) * 1000 + u64::from(*all) / 2) / u64::from(*all)) as u32)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_fall_in_buckets() {
        assert_eq!(bucket(0), 0);
        assert_eq!(bucket(4), 0);
        assert_eq!(bucket(5), 1);
        assert_eq!(bucket(500), 4);
        assert_eq!(bucket(1000), CAPITAL_BUCKETS.len() as u8);
        assert!(CAPITAL_BUCKETS.is_sorted());
    }

    #[test]
    fn norec_knows_common_nouns_from_names() {
        let of = |word: &str| lookup(hash(word));
        assert!(of("resultatet").capitals <= 1, "{:?}", of("resultatet"));
        assert!(of("solberg").capitals >= 6, "{:?}", of("solberg"));
        assert_eq!(of("qqqxxyzzy"), Norec::default());
        assert!(rarely_capitalised("Hans") && rarely_capitalised("Scenografi"));
        assert!(!rarely_capitalised("Ullmann") && !rarely_capitalised("Qqqxxyzzy"));
    }
}
