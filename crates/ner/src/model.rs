//! The tagger's model: one weight per (feature, tag), and the file format it is kept in.
//!
//! The model is trained by `train-ner` (see [`super::train`]) and committed next to this file
//! as `tagger.model`; the binary embeds it, so recognising names needs no download and no
//! files besides the program. The format is small and plain: a header with the fingerprint of
//! the word lists it was trained with ([`crate::lists::fingerprint`]), then for each feature
//! its id, a bit mask of the tags it has a weight for, a scale, and those weights as 16-bit
//! integers times the scale. The scale is per feature because weights differ by orders of
//! magnitude between features (a bias feature and a rare word); one scale for the whole model
//! would round the small ones to nothing. Features whose weights are all negligible are not
//! written at all.

use std::cell::RefCell;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

use crate::hashing::{FeatureMap, Remembered, mix};
use crate::known::KnownNames;
use crate::tag::TAGS;

/// Adds up the weights of a word's features per tag. The tagger decodes with any scorer: the
/// trained [`Model`], or the weights being trained.
pub(crate) trait Scorer {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; TAGS]);

    /// Adds the scores of a word's own features, which `own` appends to a list and which are a
    /// function of the word as written, `word` being its hash. The weights being trained
    /// change after every text, so they are summed every time; the trained model remembers
    /// the sums ([`Model`]).
    fn add_word_scores(&self, _word: u64, own: impl FnOnce(&mut Vec<u64>), scores: &mut [f32; TAGS]) {
        let mut features = Vec::with_capacity(OWN_FEATURES);
        own(&mut features);
        self.add_scores(&features, scores);
    }
}

impl<S: Scorer> Scorer for &S {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        (*self).add_scores(features, scores);
    }

    fn add_word_scores(&self, word: u64, own: impl FnOnce(&mut Vec<u64>), scores: &mut [f32; TAGS]) {
        (*self).add_word_scores(word, own, scores);
    }
}

/// Room for a word's own features: a dozen and a few more.
const OWN_FEATURES: usize = 16;

/// The slots of a thread's memory of the sums of words' own features, as a power of two:
/// some 4 MB ([`Remembered`]).
const REMEMBERED_SUMS: u32 = 16;

/// Trained weights.
#[derive(Debug)]
pub struct Model {
    /// Tells this model's remembered sums from other models' in a thread's memory of them.
    id: u64,
    weights: FeatureMap<[f32; TAGS]>,
    /// Which features may have a weight ([`Presence`]): most features of a word have none.
    presence: Presence,
    names: KnownNames,
    /// The word lists the model was trained with ([`crate::lists::fingerprint`]): written by
    /// training and checked by a test, while recognition only carries it.
    #[cfg_attr(not(any(test, feature = "train")), allow(dead_code))]
    lists: u64,
}

/// Why bytes are not a model.
#[derive(Debug, Error)]
pub enum ModelError {
    /// The bytes do not start as a model of this version does.
    #[error("not a tagger model (bad header)")]
    Header,
    /// The bytes end before the model does.
    #[error("model file is truncated")]
    Truncated,
}

const MAGIC: &[u8; 8] = b"ARKIVNER";
const VERSION: u32 = 4;

/// Weights with a smaller magnitude than this are left out of the file.
#[cfg(any(test, feature = "train"))]
const NEGLIGIBLE: f32 = 1e-3;

/// The model built into the program, parsed on first use.
pub(crate) fn builtin() -> &'static Model {
    static MODEL: LazyLock<Model> =
        LazyLock::new(|| Model::from_bytes(BUILTIN).expect("the embedded tagger model is valid (tested)"));
    &MODEL
}

/// The model file built into the program.
const BUILTIN: &[u8] = include_bytes!("tagger.model");

impl Scorer for Model {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        let present = features.iter().filter(|feature| self.presence.may_have(**feature));
        for weights in present.filter_map(|feature| self.weights.get(feature)) {
            for (score, weight) in scores.iter_mut().zip(weights) {
                *score += weight;
            }
        }
    }

    /// A word's own features are half of its features, and the words near capitals come back
    /// all the time, so each thread keeps their sums by word. The sum is the one
    /// [`Model::add_scores`] makes of them alone, and they come first in a word's features,
    /// so a decoder's scores are the same to the last bit as without the memory.
    fn add_word_scores(&self, word: u64, own: impl FnOnce(&mut Vec<u64>), scores: &mut [f32; TAGS]) {
        thread_local! {
            static SUMS: RefCell<Remembered<[f32; TAGS]>> = const { RefCell::new(Remembered::new(REMEMBERED_SUMS)) };
        }
        let sum = SUMS.with(|sums| {
            sums.borrow_mut().get_or_make(mix(self.id, word), || {
                let mut features = Vec::with_capacity(OWN_FEATURES);
                own(&mut features);
                let mut sum = [0.0; TAGS];
                self.add_scores(&features, &mut sum);
                sum
            })
        });
        for (score, own) in scores.iter_mut().zip(sum) {
            *score += own;
        }
    }
}

/// A new model's [`Model::id`].
fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A bit per slot of feature ids, set where some feature with a weight falls: a feature whose
/// bit is clear has no weight, which 32 KB in the fastest cache tell, where asking the map of
/// weights (a megabyte) costs a slower memory read. Most features of most words have no weight
/// (the weakest are left out of the model), so most lookups end here.
#[derive(Debug, Default)]
struct Presence(Vec<u64>);

/// The slots of [`Presence`], as a power of two: with about 25,000 features, one in ten absent
/// features finds its bit set by another.
const PRESENCE_BITS: u32 = 18;

impl Presence {
    fn of<'a>(features: impl Iterator<Item = &'a u64>) -> Self {
        let mut bits = vec![0u64; 1 << (PRESENCE_BITS - 6)];
        for feature in features {
            let slot = Self::slot(*feature);
            bits[slot / 64] |= 1 << (slot % 64);
        }
        Presence(bits)
    }

    /// The slot of a feature id: its top bits, which the ids' final multiplication
    /// ([`crate::hashing::mix`]) mixes best.
    fn slot(feature: u64) -> usize {
        (feature >> (64 - PRESENCE_BITS)) as usize
    }

    fn may_have(&self, feature: u64) -> bool {
        let slot = Self::slot(feature);
        self.0.get(slot / 64).is_some_and(|bits| bits & (1 << (slot % 64)) != 0)
    }
}

/// Reads little-endian numbers off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let (head, rest) = self.0.split_first_chunk::<N>().ok_or(ModelError::Truncated)?;
        self.0 = rest;
        Ok(*head)
    }
}

impl Model {
    /// An identity of the built-in model, for an index to note which model found its names:
    /// a hash of the model file, so any retrained model has another.
    pub fn builtin_stamp() -> u64 {
        crate::hashing::hash_bytes(BUILTIN)
    }

    /// A model of these weights and names, stamped with the word lists as they are now.
    #[cfg(any(test, feature = "train"))]
    pub(super) fn new(weights: FeatureMap<[f32; TAGS]>, names: KnownNames) -> Self {
        Self {
            id: next_id(),
            presence: Presence::of(weights.keys()),
            weights,
            names,
            lists: crate::lists::fingerprint(),
        }
    }

    /// Number of names kept from the training data.
    #[cfg(any(test, feature = "train"))]
    pub fn known_names(&self) -> usize {
        self.names.len()
    }

    /// The names seen in training.
    pub(super) fn names(&self) -> &KnownNames {
        &self.names
    }

    /// Number of features with a weight.
    #[cfg(any(test, feature = "train"))]
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    #[cfg(any(test, feature = "train"))]
    /// Whether the model has no weights at all.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Reads a model from its file format ([`Model::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut reader = Reader(bytes);
        if &reader.take::<8>()? != MAGIC || u32::from_le_bytes(reader.take()?) != VERSION {
            return Err(ModelError::Header);
        }
        let lists = u64::from_le_bytes(reader.take()?);
        let count = u32::from_le_bytes(reader.take()?) as usize;
        let mut weights = FeatureMap::default();
        weights.reserve(count);
        for _ in 0..count {
            let feature = u64::from_le_bytes(reader.take()?);
            let mask = u16::from_le_bytes(reader.take()?);
            let scale = f32::from_le_bytes(reader.take()?);
            let mut row = [0.0; TAGS];
            for (tag, weight) in row.iter_mut().enumerate() {
                if mask & (1 << tag) != 0 {
                    *weight = f32::from(i16::from_le_bytes(reader.take()?)) * scale;
                }
            }
            weights.insert(feature, row);
        }
        let longest = u32::from_le_bytes(reader.take()?) as usize;
        let count = u32::from_le_bytes(reader.take()?) as usize;
        let mut names = FeatureMap::default();
        names.reserve(count);
        for _ in 0..count {
            let name = u64::from_le_bytes(reader.take()?);
            let [class] = reader.take()?;
            names.insert(name, class);
        }
        Ok(Self {
            id: next_id(),
            presence: Presence::of(weights.keys()),
            weights,
            names: KnownNames::new(names, longest),
            lists,
        })
    }

    /// The model in its file format, features sorted so that the same model gives the same
    /// bytes.
    #[cfg(any(test, feature = "train"))]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut features: Vec<u64> = self.weights.keys().copied().collect();
        features.sort_unstable();
        let mut out = Vec::with_capacity(16 + features.len() * 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.lists.to_le_bytes());
        let count_at = out.len();
        out.extend_from_slice(&0u32.to_le_bytes());
        let mut count = 0u32;
        for feature in features {
            let row = &self.weights[&feature];
            let largest = row.iter().fold(0f32, |max, w| max.max(w.abs()));
            let scale = largest / f32::from(i16::MAX);
            let quantized = row.map(|w| if w.abs() < NEGLIGIBLE { 0 } else { (w / scale).round() as i16 });
            let mask =
                quantized.iter().enumerate().filter(|(_, q)| **q != 0).fold(0u16, |mask, (tag, _)| mask | 1 << tag);
            if mask == 0 {
                continue;
            }
            count += 1;
            out.extend_from_slice(&feature.to_le_bytes());
            out.extend_from_slice(&mask.to_le_bytes());
            out.extend_from_slice(&scale.to_le_bytes());
            for q in quantized.iter().filter(|q| **q != 0) {
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out[count_at..count_at + 4].copy_from_slice(&count.to_le_bytes());
        let mut names: Vec<(u64, u8)> = self.names.entries().collect();
        names.sort_unstable();
        out.extend_from_slice(&(self.names.longest() as u32).to_le_bytes());
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for (name, class) in names {
            out.extend_from_slice(&name.to_le_bytes());
            out.push(class);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_format_round_trips_and_drops_negligible_weights() {
        let mut weights = FeatureMap::default();
        weights.insert(7, [0.5, -1.25, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0]);
        weights.insert(9, [1e-5; TAGS]);
        weights.insert(10, [3000.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        let mut names = KnownNames::default();
        names.add(["Jan", "Mayen"], 2);
        let model = Model::from_bytes(&Model::new(weights, names).to_bytes()).unwrap();
        assert_eq!(model.known_names(), 1);
        assert_eq!(model.len(), 2);
        assert_eq!(model.lists, crate::lists::fingerprint());
        let mut scores = [0.0; TAGS];
        model.add_scores(&[7, 9, 11], &mut scores);
        assert!((scores[0] - 0.5).abs() < 1e-3 && (scores[1] + 1.25).abs() < 1e-3 && (scores[8] - 2.0).abs() < 1e-3);
        assert!(matches!(Model::from_bytes(b"ARKIVNER"), Err(ModelError::Truncated)));
        assert!(matches!(Model::from_bytes(b"something else entirely"), Err(ModelError::Header)));
    }

    #[test]
    fn a_words_own_sum_is_the_sum_of_its_features_remembered_for_each_model_apart() {
        let model_with = |weight: f32| {
            let mut weights = FeatureMap::default();
            weights.insert(7, [weight; TAGS]);
            weights.insert(9, [0.1; TAGS]);
            Model::new(weights, KnownNames::default())
        };
        let (one, two) = (model_with(0.25), model_with(-3.0));
        let own = |features: &mut Vec<u64>| features.extend([7, 9]);
        for model in [&one, &two] {
            let mut expected = [0.0; TAGS];
            model.add_scores(&[7, 9], &mut expected);
            let mut scores = [0.0; TAGS];
            model.add_word_scores(42, own, &mut scores);
            assert_eq!(scores, expected, "the same to the last bit");
        }
        let mut again = [0.0; TAGS];
        one.add_word_scores(42, |features| features.push(9), &mut again);
        let mut first = [0.0; TAGS];
        one.add_scores(&[7, 9], &mut first);
        assert_eq!(again, first, "remembered, not summed again");
    }

    #[test]
    fn builtin_model_loads() {
        assert!(builtin().len() > 10_000);
    }

    #[test]
    fn every_feature_with_a_weight_passes_the_presence_bits_and_most_others_do_not() {
        let model = builtin();
        assert!(model.weights.keys().all(|feature| model.presence.may_have(*feature)));
        let absent =
            (0..100_000u64).map(|n| crate::hashing::mix(0x00AB_5E17, n)).filter(|f| !model.weights.contains_key(f));
        let passed = absent.clone().filter(|feature| model.presence.may_have(*feature)).count();
        assert!(passed * 5 < absent.count(), "{passed} absent features pass");
    }

    #[test]
    fn builtin_model_was_trained_with_the_current_word_lists() {
        assert!(
            builtin().lists == crate::lists::fingerprint(),
            "the word lists changed since crates/ner/src/tagger.model was trained: retrain it (README, \"People, places and organisations\")"
        );
    }
}
