//! How often NoReC capitalises a word in mid-sentence.
//!
//! Of a word's occurrences in NoReC that do not start a sentence, the share written with a
//! capital (`capitals.tsv`, made by `norec-words capitals`). It tells a common noun from a name
//! where the capital letter says nothing, at a sentence start: "Resultatet" is hardly ever
//! capitalised in mid-sentence, "Solberg" nearly always, "Hans" (possessive *his*, and a given
//! name) seldom. Words are looked up in lowercase.

use std::sync::LazyLock;

use crate::hashing::{FeatureMap, hash};

/// The capitalisation table, as `norec-words capitals` writes it: word, then per mille
/// capitalised.
const CAPITALS_TSV: &str = include_str!("capitals.tsv");

/// Upper bounds (per mille capitalised, exclusive) of the buckets a share falls in: the
/// tagger learns one weight per bucket, and the buckets are finest at the ends, where a word
/// is nearly always or nearly never a name.
const CAPITAL_BUCKETS: [u16; 8] = [5, 20, 100, 300, 700, 900, 980, 995];

/// The bucket of a word NoReC has too few mid-sentence occurrences of.
pub(crate) const UNKNOWN_BUCKET: u8 = CAPITAL_BUCKETS.len() as u8 + 1;

/// The bucket of a share in per mille.
fn bucket(per_mille: u16) -> u8 {
    CAPITAL_BUCKETS.iter().take_while(|bound| per_mille >= **bound).count() as u8
}

/// The bucket of each word of the table, by the hash of the lowercase word.
static TABLE: LazyLock<FeatureMap<u8>> = LazyLock::new(|| {
    CAPITALS_TSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (word, per_mille) = line.split_once('\t')?;
            Some((hash(word), bucket(per_mille.parse().ok()?)))
        })
        .collect()
});

/// The bucket ([`CAPITAL_BUCKETS`]) of the share of capitalised mid-sentence occurrences of
/// the word whose lowercase form hashes to `lower` ([`hash`]), or [`UNKNOWN_BUCKET`].
pub(crate) fn capitals(lower: u64) -> u8 {
    TABLE.get(&lower).copied().unwrap_or(UNKNOWN_BUCKET)
}

/// The buckets below this one hold the words NoReC capitalises in fewer than one in ten of
/// their mid-sentence occurrences ([`CAPITAL_BUCKETS`]): common words, whatever they may be
/// at a sentence start or in a credit line.
const RARELY_CAPITALISED: u8 = 3;

/// Whether NoReC writes `word` (any case) in lowercase in nine of ten of its occurrences in
/// mid-sentence: possessive "Hans" (*his*), "Scenografi", "Resultatet". A word NoReC has too
/// few occurrences of is not known to be rare.
pub(crate) fn rarely_capitalised(word: &str) -> bool {
    capitals(hash(&word.to_lowercase())) < RARELY_CAPITALISED
}

/// A fingerprint of the table, for the model's stamp ([`crate::lists::fingerprint`]).
#[cfg(any(test, feature = "train"))]
pub(super) fn fingerprint() -> u64 {
    hash(CAPITALS_TSV)
}

#[cfg(feature = "train")]
pub use counting::Capitals;

/// Counting capitals in a corpus, for `norec-words capitals`.
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
        let of = |word: &str| capitals(hash(word));
        assert!(of("resultatet") <= 1, "{}", of("resultatet"));
        assert!(of("solberg") >= 6, "{}", of("solberg"));
        assert_eq!(of("qqqxxyzzy"), UNKNOWN_BUCKET);
        assert!(rarely_capitalised("Hans") && rarely_capitalised("Scenografi"));
        assert!(!rarely_capitalised("Ullmann") && !rarely_capitalised("Qqqxxyzzy"));
    }
}
