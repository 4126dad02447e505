//! The names the tagger has seen tagged in its training data, which it recognises again
//! wherever they stand.

use crate::hashing::{FeatureMap, mix};

/// Names known from the training data, by the hash of their words as written ([`name_hash`]),
/// each with its class ([`crate::tag::Tag::class_index`]). A name the tagger has seen tagged before is
/// likely to be a name of the same class again, wherever it stands in a sentence.
#[derive(Debug, Default, Clone)]
pub(crate) struct KnownNames {
    names: FeatureMap<u8>,
    /// Most words in any known name.
    longest: usize,
}

/// Hash of the words of a name, each hashed as written.
pub(crate) fn name_hash(words: impl IntoIterator<Item = u64>) -> u64 {
    words.into_iter().fold(0x4E41_4D45, mix)
}

impl KnownNames {
    pub(crate) fn new(names: FeatureMap<u8>, longest: usize) -> Self {
        Self { names, longest }
    }

    /// Adds a name given as the text of its words.
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn add<'t>(&mut self, words: impl IntoIterator<Item = &'t str>, class: u8) {
        let hashes: Vec<u64> = words.into_iter().map(crate::hashing::hash).collect();
        self.longest = self.longest.max(hashes.len());
        self.names.insert(name_hash(hashes), class);
    }

    #[cfg(any(test, feature = "train"))]
    pub(crate) fn entries(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        self.names.iter().map(|(hash, class)| (*hash, *class))
    }

    #[cfg(any(test, feature = "train"))]
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// The class of the name whose [`name_hash`] this is, if it is known.
    pub(crate) fn get(&self, name: u64) -> Option<u8> {
        self.names.get(&name).copied()
    }
}
