//! The fingerprint of an article's text, and the rule that says two texts are copies.
//!
//! A text is cut into lowercased words (runs of letters and digits) and the set of its
//! shingles of [`SHINGLE_WORDS`] words, each hashed to 32 bits. The fingerprint keeps the
//! [`SKETCH`] least hashes (a bottom-k sketch) and the number of shingles. Since every index
//! hashes alike, the sketch of a text holds every one of its shingles below its own threshold
//! (the greatest hash it keeps), so for the hashes of a shorter text that lie below a longer
//! text's threshold, whether the longer text has them is known exactly: the share it has is
//! the containment of the shorter text in the longer, measured on a uniform sample. A trimmed
//! copy is far from its original in Jaccard similarity, but wholly contained in it, so
//! containment is what tells it (SimHash and MinHash's Jaccard do not); and a text wholly
//! contained in another measures 1 whatever the sample.

use arkiv_extract::Article;
use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle. Five words in a row are rarely shared by two texts that are not
/// copies, even two reviews of the same film naming its title, director and actors, while
/// one edited word leaves most of a copy's shingles whole.
pub(crate) const SHINGLE_WORDS: usize = 5;

/// Hashes kept per text. A text of up to this many shingles keeps them all; a longer one keeps
/// a share of them, so a text a tenth as long as the one it is cut from still has about a
/// dozen shingles measured. 128 hashes of 4 bytes are half a kilobyte per article.
pub(crate) const SKETCH: usize = 128;

/// A text with fewer shingles has no fingerprint: its few words are more likely a phrase that
/// many articles share ("Dette kameraet ble testet sammen med tre andre lommekameraer") than a
/// story printed twice.
pub(crate) const MIN_SHINGLES: u32 = 20;

/// The least share of the shorter text's shingles that the longer one must hold for the two
/// to be copies: "most of its text", so that a trimmed copy (the first paragraphs of a review)
/// and an extended one (a story with paragraphs added) are copies of the whole, and a copy
/// with a paragraph rewritten or a rating line changed still is. Two reviews of the same work
/// share a few per cent.
pub(crate) const MIN_CONTAINMENT: f64 = 0.8;

/// The least number of the shorter text's hashes measured against the longer one: with fewer,
/// one shared phrase could make a copy.
pub(crate) const MIN_SAMPLES: usize = 4;

/// The least hashes of an article's text's shingles and its number of shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    /// The [`SKETCH`] least hashes of the shingles (all of them in a shorter text), ascending.
    pub(crate) sketch: Vec<u32>,
    /// How many different shingles the text has.
    pub(crate) shingles: u32,
}

/// The text that is fingerprinted: the lead and the body, without the title (a reprint is
/// often retitled) or the captions (papers picture a story differently).
fn fingerprinted(article: &Article) -> impl Iterator<Item = &str> {
    article.lead.as_deref().into_iter().chain(article.body.iter().map(arkiv_extract::BodyBlock::text))
}

/// The different hashes of the shingles of `pieces`, read as one run of words, ascending.
fn shingles<'a>(pieces: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let words: Vec<u64> = pieces
        .flat_map(|piece| piece.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .map(|word| xxh3_64(word.to_lowercase().as_bytes()))
        .collect();
    let mut bytes = Vec::with_capacity(8 * SHINGLE_WORDS);
    let mut hashes: Vec<u32> = words
        .windows(SHINGLE_WORDS.min(words.len()).max(1))
        .map(|window| {
            bytes.clear();
            bytes.extend(window.iter().flat_map(|word| word.to_le_bytes()));
            // The high half of a good hash is a good hash.
            (xxh3_64(&bytes) >> 32) as u32
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The fingerprint of an article, or `None` when its text is too short to have one
/// ([`MIN_SHINGLES`]).
pub(crate) fn of(article: &Article) -> Option<Fingerprint> {
    let mut sketch = shingles(fingerprinted(article));
    let shingles = u32::try_from(sketch.len()).unwrap_or(u32::MAX);
    if shingles < MIN_SHINGLES {
        return None;
    }
    sketch.truncate(SKETCH);
    Some(Fingerprint { sketch, shingles })
}

impl Fingerprint {
    /// The greatest hash below which the sketch holds every shingle of the text.
    fn threshold(&self) -> u32 {
        if self.sketch.len() < self.shingles as usize {
            self.sketch.last().copied().unwrap_or(u32::MAX)
        } else {
            u32::MAX
        }
    }

    /// The containment of the shorter text in the longer (by shingles): the share of the
    /// shorter one's hashes below the longer one's threshold that the longer one has, with the
    /// number of hashes measured.
    pub(crate) fn containment(&self, other: &Fingerprint) -> (f64, usize) {
        let (shorter, longer) = if self.shingles <= other.shingles { (self, other) } else { (other, self) };
        let threshold = longer.threshold();
        let samples = shorter.sketch.iter().take_while(|&&hash| hash <= threshold);
        let (mut measured, mut shared) = (0, 0);
        for hash in samples {
            measured += 1;
            shared += usize::from(longer.sketch.binary_search(hash).is_ok());
        }
        (if measured == 0 { 0.0 } else { shared as f64 / measured as f64 }, measured)
    }

    /// Whether the two texts are copies: the longer holds at least [`MIN_CONTAINMENT`] of the
    /// shorter, measured on at least [`MIN_SAMPLES`] of its shingles.
    pub(crate) fn is_copy_of(&self, other: &Fingerprint) -> bool {
        let (containment, measured) = self.containment(other);
        measured >= MIN_SAMPLES && containment >= MIN_CONTAINMENT
    }

    /// The fingerprint of the values of its fast field and its number of shingles; `None`
    /// when they are not a fingerprint (an article without one has no values).
    pub(crate) fn from_values(values: impl Iterator<Item = u64>, shingles: u32) -> Option<Fingerprint> {
        let mut sketch: Vec<u32> = values.map(|value| u32::try_from(value).ok()).collect::<Option<_>>()?;
        sketch.sort_unstable();
        let whole = shingles >= MIN_SHINGLES && !sketch.is_empty() && sketch.len() <= SKETCH;
        whole.then_some(Fingerprint { sketch, shingles })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arkiv_extract::BodyBlock;

    /// A text of `count` different sentences, numbered from `from`.
    fn sentences(from: usize, count: usize) -> Vec<String> {
        (from..from + count).map(|n| format!("Setning nummer {n} handler om ferja i dag.")).collect()
    }

    fn article(paragraphs: Vec<String>) -> Article {
        Article {
            title: "Ferja".into(),
            lead: None,
            body: paragraphs.into_iter().map(BodyBlock::Paragraph).collect(),
            captions: Vec::new(),
            byline: None,
            date: None,
            source: None,
            language: "nb".into(),
            modified: None,
            section: None,
            url: None,
            entities: Vec::new(),
        }
    }

    #[test]
    fn copies_trimmed_and_extended_ones_are_copies_and_other_texts_are_not() {
        let whole = of(&article(sentences(0, 100))).expect("a fingerprint");
        let mut retitled = article(sentences(0, 100));
        retitled.title = "Ny tittel".into();
        assert_eq!(of(&retitled).as_ref(), Some(&whole), "the title plays no part");
        let trimmed = of(&article(sentences(0, 30))).expect("a fingerprint");
        let extended = of(&article(sentences(0, 150))).expect("a fingerprint");
        let other = of(&article(sentences(1000, 100))).expect("a fingerprint");
        assert!(whole.is_copy_of(&trimmed) && trimmed.is_copy_of(&whole));
        assert!(whole.is_copy_of(&extended));
        assert!(!whole.is_copy_of(&other));
        assert_eq!(whole.containment(&trimmed).0, 1.0);
        // Half the text rewritten is not a copy.
        let half = of(&article([sentences(0, 50), sentences(1000, 50)].concat())).expect("a fingerprint");
        let (containment, measured) = whole.containment(&half);
        assert!(measured >= MIN_SAMPLES && (0.3..0.7).contains(&containment), "{containment} of {measured}");
        assert!(!whole.is_copy_of(&half));
    }

    #[test]
    fn a_fingerprint_survives_its_fast_field_and_short_texts_have_none() {
        let print = of(&article(sentences(0, 30))).expect("a fingerprint");
        assert_eq!(print.sketch.len(), SKETCH);
        let values = print.sketch.iter().rev().map(|&hash| u64::from(hash));
        assert_eq!(Fingerprint::from_values(values, print.shingles), Some(print.clone()));
        assert_eq!(Fingerprint::from_values(std::iter::empty(), 0), None);
        assert_eq!(of(&article(vec!["Ferja er innstilt.".into()])), None);
    }
}
