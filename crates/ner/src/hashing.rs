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

/// A memory of values by id with a fixed number of slots, each id in the one slot its top
/// bits choose (the ids' final multiplication, [`mix`], or the string hash mixes those best):
/// a lookup is one read of memory that is likely not in the cache anyway, a new value takes
/// the place of the one in its slot, and the memory never grows past its slots. A map that
/// grows until it is cleared costs two such reads a lookup, and its growth copies it.
pub(crate) struct Remembered<V> {
    slots: Vec<Option<(u64, V)>>,
    bits: u32,
}

impl<V: Copy> Remembered<V> {
    /// A memory of `1 << bits` slots, taken only when first used.
    pub(crate) const fn new(bits: u32) -> Self {
        Remembered { slots: Vec::new(), bits }
    }

    /// The value remembered for `id`, or the one `make` makes, which is then remembered.
    pub(crate) fn get_or_make(&mut self, id: u64, make: impl FnOnce() -> V) -> V {
        if self.slots.is_empty() {
            self.slots = vec![None; 1 << self.bits];
        }
        let slot = &mut self.slots[(id >> (64 - self.bits)) as usize];
        match slot {
            Some((remembered, value)) if *remembered == id => *value,
            _ => {
                let value = make();
                *slot = Some((id, value));
                value
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_remembered_until_an_id_of_the_same_slot_takes_its_place() {
        let mut memory = Remembered::new(4);
        let first = 1u64 << 60;
        let same_slot = first | 1;
        let other_slot = 2u64 << 60;
        assert_eq!(memory.get_or_make(first, || 10), 10);
        assert_eq!(memory.get_or_make(first, || 11), 10, "remembered");
        assert_eq!(memory.get_or_make(other_slot, || 30), 30);
        assert_eq!(memory.get_or_make(same_slot, || 20), 20, "not taken for the other id of its slot");
        assert_eq!(memory.get_or_make(first, || 12), 12, "its place was taken");
        assert_eq!(memory.get_or_make(other_slot, || 31), 30, "the other slot kept its value");
    }
}
