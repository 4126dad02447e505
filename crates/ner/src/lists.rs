//! Which of the word lists a word is in, as a bit mask: one feature per list.
//!
//! Most lists are written by hand; the gazetteers ([`lexicon::REGIONS`], [`lexicon::CITIES`],
//! [`lexicon::GIVEN_NAMES`]) are generated from GeoNames, CLDR and Faker. Countries and regions
//! are a list apart from cities because the two are not equally sure: a country name is hardly
//! ever anything else, while some town somewhere is called like many a surname.
//!
//! The lists only hint; the trained weights say how much each hint counts and in which
//! position. Looking a word up must be cheap, because every word of every article is looked
//! up: all lists are folded into three maps built once (names as written, lowercase words, and
//! word endings), keyed by string hash, whose values are the masks of the lists that hold the
//! key. A word costs a handful of lookups whatever the number of lists.

use std::sync::LazyLock;

use crate::hashing::{FeatureMap, hash};
use crate::lexicon::{self, WordSet};
use crate::words::strip_genitive;

/// How a word is looked up in a list.
#[derive(Clone, Copy, PartialEq)]
enum Lookup {
    /// The word as written, also without a genitive ending (names: "Oslo", "Norges", "NRK").
    Written,
    /// The lowercase word.
    Lower,
    /// The lowercase word ends in an entry, possibly followed by an inflectional ending
    /// (compounds: "utenriksministeren" ends in "minister" + "en").
    Ending,
}

/// The lists, in bit order.
static LISTS: [(&WordSet, Lookup); 25] = [
    (&lexicon::PLACES, Lookup::Written),
    (&lexicon::PLACES_NYNORSK, Lookup::Written),
    (&lexicon::ORGS, Lookup::Written),
    (&lexicon::FIRST_NAMES, Lookup::Written),
    (&lexicon::SURNAMES, Lookup::Written),
    (&lexicon::ROYALS, Lookup::Written),
    (&lexicon::FURNITURE, Lookup::Lower),
    (&lexicon::CALENDAR, Lookup::Lower),
    (&lexicon::TITLE_WORDS, Lookup::Lower),
    (&lexicon::TITLES, Lookup::Ending),
    (&lexicon::ORG_SUFFIXES, Lookup::Ending),
    (&lexicon::PLACE_SUFFIXES, Lookup::Ending),
    (&lexicon::THING_SUFFIXES, Lookup::Ending),
    (&lexicon::PLACE_NOUNS, Lookup::Ending),
    (&lexicon::ORG_NOUNS, Lookup::Ending),
    (&lexicon::ORG_TAILS, Lookup::Ending),
    (&lexicon::PLACE_TAILS, Lookup::Ending),
    (&lexicon::ORG_LAST_WORDS, Lookup::Written),
    (&lexicon::STOPWORDS, Lookup::Lower),
    (&lexicon::NAME_PARTICLES, Lookup::Lower),
    (&lexicon::PLACE_PREPOSITIONS, Lookup::Lower),
    (&lexicon::SPEECH_VERBS, Lookup::Lower),
    (&lexicon::REGIONS, Lookup::Written),
    (&lexicon::CITIES, Lookup::Written),
    (&lexicon::GIVEN_NAMES, Lookup::Written),
];

/// Inflectional endings that may follow an entry of an ending list, so that "presidenten",
/// "ministrene" and the genitive "Domstoladministrasjonens" find "president", "minister" and
/// "administrasjonen".
const ENDINGS: [&str; 14] = ["", "en", "ene", "ane", "a", "e", "er", "ar", "n", "s", "ens", "ets", "enes", "anes"];

/// Entries of ending lists longer than this many characters are not used: compounds are long,
/// their last part is not.
const MAX_ENDING_CHARS: usize = 14;

struct Index {
    written: FeatureMap<u32>,
    lower: FeatureMap<u32>,
    /// Entry + inflectional ending → lists.
    endings: FeatureMap<u32>,
    /// Bytes in the longest key of `endings`.
    longest_ending: usize,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index = Index {
        written: FeatureMap::default(),
        lower: FeatureMap::default(),
        endings: FeatureMap::default(),
        longest_ending: 0,
    };
    for (bit, (set, lookup)) in LISTS.iter().enumerate() {
        for entry in set.iter() {
            match lookup {
                Lookup::Written => *index.written.entry(hash(entry)).or_default() |= 1 << bit,
                Lookup::Lower => *index.lower.entry(hash(entry)).or_default() |= 1 << bit,
                Lookup::Ending if entry.chars().count() <= MAX_ENDING_CHARS && !entry.is_empty() => {
                    for ending in ENDINGS {
                        let inflected = format!("{entry}{ending}");
                        index.longest_ending = index.longest_ending.max(inflected.len());
                        *index.endings.entry(hash(&inflected)).or_default() |= 1 << bit;
                    }
                }
                Lookup::Ending => {}
            }
        }
    }
    index
});

/// A fingerprint of the lists as the tagger sees them: every key of the index with its bits,
/// in no particular order, and the tables learned from NoReC ([`crate::norec::fingerprint`]). A model is stamped with it when it is trained ([`Model::new`]), and
/// a test checks that the embedded model was trained with the lists as they are now. A word
/// added to a list changes the features of the words around it, and a model trained before
/// scores them with weights learnt for other facts, so its figures could not be reproduced
/// from the code.
///
/// [`Model::new`]: super::model::Model
#[cfg(any(test, feature = "train"))]
pub(super) fn fingerprint() -> u64 {
    let index = &*INDEX;
    [&index.written, &index.lower, &index.endings].into_iter().fold(crate::norec::fingerprint(), |fingerprint, map| {
        let entries =
            map.iter().fold(0u64, |sum, (key, bits)| sum.wrapping_add(crate::hashing::mix(*key, u64::from(*bits))));
        crate::hashing::mix(fingerprint, entries)
    })
}

/// The lists `written` (with its lowercase form `lower`) is in: bit `i` for list `i`.
pub(super) fn list_bits(written: &str, lower: &str) -> u32 {
    let index = &*INDEX;
    let get = |map: &FeatureMap<u32>, text: &str| map.get(&hash(text)).copied().unwrap_or(0);
    let mut bits = get(&index.written, written) | get(&index.lower, lower);
    if let Some(base) = strip_genitive(written) {
        bits |= get(&index.written, base);
    }
    let shortest_start = lower.len().saturating_sub(index.longest_ending);
    for (start, _) in lower.char_indices().filter(|(start, _)| *start >= shortest_start) {
        bits |= get(&index.endings, &lower[start..]);
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_list(set: &WordSet, written: &str) -> bool {
        let bit = LISTS.iter().position(|(list, _)| std::ptr::eq(*list, set)).expect("a listed set");
        list_bits(written, &written.to_lowercase()) & 1 << bit != 0
    }

    #[test]
    fn lists_match_written_lowercase_and_endings() {
        assert!(in_list(&lexicon::TITLES, "Utenriksministeren"));
        assert!(in_list(&lexicon::TITLES, "presidenten"));
        assert!(!in_list(&lexicon::TITLES, "humor"));
        assert!(in_list(&lexicon::PLACES, "Norges"));
        assert!(!in_list(&lexicon::PLACES, "norge"));
        assert!(in_list(&lexicon::CALENDAR, "Mandag"));
    }

    #[test]
    fn gazetteers_know_foreign_places_and_names_but_not_words() {
        for place in ["Timbuktu", "Almaty", "Alma-Ata", "Tenerife", "Lagos"] {
            assert!(in_list(&lexicon::CITIES, place), "{place}");
        }
        assert!(in_list(&lexicon::CITIES, "Timbuktus"), "genitive");
        for region in ["Kasakhstan", "Noreg", "Sentral-Asia", "Kentucky"] {
            assert!(in_list(&lexicon::REGIONS, region), "{region}");
        }
        for word in ["Verden", "Bra", "Kampen", "Det", "Hans", "Maria", "timbuktu", "Buenos"] {
            assert!(!in_list(&lexicon::CITIES, word) && !in_list(&lexicon::REGIONS, word), "{word}");
        }
        for name in ["Tadeusz", "Joaquín", "Venla", "Cengiz", "Ole"] {
            assert!(in_list(&lexicon::GIVEN_NAMES, name), "{name}");
        }
        for word in ["Beste", "Fem", "Kort", "Det", "ole"] {
            assert!(!in_list(&lexicon::GIVEN_NAMES, word), "{word}");
        }
    }
}
