//! The tagger's model: one weight per (feature, tag), and the file format it is kept in.
//!
//! The model is trained by `train-ner` (see [`super::train`]) and committed next to this file
//! as `tagger.model`; the binary embeds it, so recognising names needs no download and no
//! files besides the program. The format is small and plain: a header with the fingerprint of
//! the word lists it was trained with ([`super::lists::fingerprint`]), then for each feature
//! its id, a bit mask of the tags it has a weight for, a scale, and those weights as 16-bit
//! integers times the scale. The scale is per feature because weights differ by orders of
//! magnitude between features (a bias feature and a rare word); one scale for the whole model
//! would round the small ones to nothing. Features whose weights are all negligible are not
//! written at all.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

use thiserror::Error;

use super::features::KnownNames;

/// What NorNE distinguishes and we keep apart. Products, events and derived words ("norsk")
/// are [`Class::Other`]: the tagger learns them so that it does not mistake them for people or
/// places, and they are then dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Person,
    Place,
    Organisation,
    Other,
}

const CLASS_LIST: [Class; 4] = [Class::Person, Class::Place, Class::Organisation, Class::Other];

/// A word's tag: outside any name, first word of a name, or a later word of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Outside,
    Begin(Class),
    Inside(Class),
}

/// Number of distinct tags.
pub const TAGS: usize = 1 + 2 * CLASS_LIST.len();

impl Tag {
    pub fn index(self) -> usize {
        let class_index = |class| CLASS_LIST.iter().position(|c| *c == class).unwrap_or(0);
        match self {
            Tag::Outside => 0,
            Tag::Begin(class) => 1 + 2 * class_index(class),
            Tag::Inside(class) => 2 + 2 * class_index(class),
        }
    }

    pub fn from_index(index: usize) -> Tag {
        match index {
            0 => Tag::Outside,
            i if i % 2 == 1 => Tag::Begin(CLASS_LIST[(i - 1) / 2 % CLASS_LIST.len()]),
            i => Tag::Inside(CLASS_LIST[(i - 2) / 2 % CLASS_LIST.len()]),
        }
    }

    /// Number of values of [`Tag::class_index`].
    pub const CLASSES: usize = 1 + CLASS_LIST.len();

    /// 0 outside a name, else 1 + the class's position: the tag without first/later.
    pub fn class_index(self) -> usize {
        self.index().div_ceil(2)
    }

    /// Whether this tag may come right after `previous`: a name can only be continued by a
    /// word of the same class.
    pub fn may_follow(self, previous: Tag) -> bool {
        match self {
            Tag::Inside(class) => matches!(previous, Tag::Begin(c) | Tag::Inside(c) if c == class),
            _ => true,
        }
    }
}

/// The names a sequence of tags marks: the word indices of each, and its class. A later word
/// continues the name of the word right before it when their classes agree; the decoder allows
/// nothing else, and gold sequences are built that way.
pub fn tagged_names(tags: &[Tag]) -> Vec<(Range<usize>, Class)> {
    let mut names: Vec<(Range<usize>, Class)> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        match *tag {
            Tag::Begin(class) => names.push((i..i + 1, class)),
            Tag::Inside(class) => {
                if let Some((words, last)) = names.last_mut()
                    && words.end == i
                    && *last == class
                {
                    words.end = i + 1;
                }
            }
            Tag::Outside => {}
        }
    }
    names
}

/// Feature ids are hashes already; hashing them again would only cost time.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by feature id.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

/// Adds up the weights of a word's features per tag. The tagger decodes with any scorer: the
/// trained [`Model`], or the weights being trained.
pub trait Scorer {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; TAGS]);
}

impl<S: Scorer> Scorer for &S {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        (*self).add_scores(features, scores);
    }
}

/// Trained weights.
#[derive(Debug, Default)]
pub struct Model {
    weights: FeatureMap<[f32; TAGS]>,
    names: KnownNames,
    /// The word lists the model was trained with ([`super::lists::fingerprint`]).
    lists: u64,
}

#[derive(Debug, Error)]
pub enum ModelError {
    #[error("not a tagger model (bad header)")]
    Header,
    #[error("model file is truncated")]
    Truncated,
}

const MAGIC: &[u8; 8] = b"ARKIVNER";
const VERSION: u32 = 4;

/// Weights with a smaller magnitude than this are left out of the file.
const NEGLIGIBLE: f32 = 1e-3;

/// The model built into the program, parsed on first use.
pub fn builtin() -> &'static Model {
    static MODEL: LazyLock<Model> = LazyLock::new(|| {
        Model::from_bytes(include_bytes!("tagger.model")).expect("the embedded tagger model is valid (tested)")
    });
    &MODEL
}

impl Scorer for Model {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        for weights in features.iter().filter_map(|feature| self.weights.get(feature)) {
            for (score, weight) in scores.iter_mut().zip(weights) {
                *score += weight;
            }
        }
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
    /// A model of these weights and names, stamped with the word lists as they are now.
    pub(super) fn new(weights: FeatureMap<[f32; TAGS]>, names: KnownNames) -> Self {
        Self { weights, names, lists: super::lists::fingerprint() }
    }

    /// Number of names kept from the training data.
    pub fn known_names(&self) -> usize {
        self.names.len()
    }

    /// The names seen in training.
    pub(super) fn names(&self) -> &KnownNames {
        &self.names
    }

    /// Number of features with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

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
        Ok(Self { weights, names: KnownNames::new(names, longest), lists })
    }

    /// The model in its file format, features sorted so that the same model gives the same
    /// bytes.
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
    fn tags_round_trip_through_their_index() {
        for index in 0..TAGS {
            assert_eq!(Tag::from_index(index).index(), index);
        }
        assert!(Tag::Inside(Class::Person).may_follow(Tag::Begin(Class::Person)));
        assert!(!Tag::Inside(Class::Person).may_follow(Tag::Begin(Class::Place)));
        assert!(!Tag::Inside(Class::Place).may_follow(Tag::Outside));
    }

    #[test]
    fn tags_mark_names_of_adjacent_words_of_one_class() {
        use Class::{Person, Place};
        let tags = [Tag::Begin(Person), Tag::Inside(Person), Tag::Outside, Tag::Begin(Place), Tag::Begin(Person)];
        assert_eq!(tagged_names(&tags), vec![(0..2, Person), (3..4, Place), (4..5, Person)]);
        assert_eq!(tagged_names(&[Tag::Begin(Place), Tag::Inside(Person)]), vec![(0..1, Place)]);
    }

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
        assert_eq!(model.lists, super::super::lists::fingerprint());
        let mut scores = [0.0; TAGS];
        model.add_scores(&[7, 9, 11], &mut scores);
        assert!((scores[0] - 0.5).abs() < 1e-3 && (scores[1] + 1.25).abs() < 1e-3 && (scores[8] - 2.0).abs() < 1e-3);
        assert!(matches!(Model::from_bytes(b"ARKIVNER"), Err(ModelError::Truncated)));
        assert!(matches!(Model::from_bytes(b"something else entirely"), Err(ModelError::Header)));
    }

    #[test]
    fn builtin_model_loads() {
        assert!(builtin().len() > 10_000);
    }

    #[test]
    fn builtin_model_was_trained_with_the_current_word_lists() {
        assert!(
            builtin().lists == super::super::lists::fingerprint(),
            "the word lists changed since src/entities/tagger.model was trained: retrain it (README, \"People, places and organisations\")"
        );
    }
}
