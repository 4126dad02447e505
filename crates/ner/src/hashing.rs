//! Feature ids and the maps keyed by them: strings hashed once, parts mixed into one id, and
//! maps that use the id as its own hash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Hash of a string, the building block of feature ids.
pub(crate) fn hash(text: &str) -> u64 {
    hash_bytes(text.as_bytes())
}

/// Hash of bytes that need not be a whole string (the first characters of a gap).
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    xxh3_64_with_seed(bytes, 0)
}

/// Combines a feature id under construction with one more part.
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Feature ids are hashes already; hashing them again would only cost time.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

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
pub(crate) type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;
