//! What the tagger looks at: for each word, a list of feature ids.
//!
//! A feature is a fact such as "the word before is `presidenten`" or "this word is capitalised
//! and starts a sentence". Each is hashed to a `u64` (template number mixed with the hashes of
//! the strings it names), so a feature costs no allocation and the model is a map from hashes
//! to weights. The facts per word (lowercase form, shape, list membership) are computed once
//! per text in [`Words`], and the features of a word combine them with its neighbours'.
//!
//! Besides the text itself, two facts about the whole article help with the word that starts a
//! sentence, whose capital letter says nothing: whether the same word is capitalised somewhere
//! else mid-sentence, also without a genitive ending (then it is a name), and whether it
//! occurs in lowercase somewhere (then it probably is not). [`Document`] holds those, and the
//! tags given so far.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use crate::hashing::{FeatureMap, Prehashed, Remembered, hash, hash_bytes, mix};
use crate::known::{KnownNames, name_hash};
use crate::lists::list_bits;
use crate::norec;
use crate::tag::Tag;
use crate::tokens::Token;
use crate::words::strip_genitive;

/// The feature templates. Each feature id starts from one of these, so that the same string in
/// two roles ("previous word is X", "next word is X") gives two different features.
#[derive(Clone, Copy)]
#[repr(u64)]
pub(super) enum Template {
    Bias = 1,
    Lower,
    Written,
    Shape,
    Prefix,
    Suffix,
    Previous,
    Previous2,
    Next,
    Next2,
    PreviousShape,
    NextShape,
    PreviousPair,
    NextPair,
    ShapeWindow,
    Initial,
    GapBefore,
    GapAfter,
    List,
    Document,
    Stem,
    PreviousTag,
    PreviousTagShape,
    History,
    Known,
    Capitals,
    Cluster,
    ClusterAround,
}

impl Template {
    pub(super) fn id(self) -> u64 {
        self as u64
    }
}

/// The feature of `template` with one value.
fn feature(template: Template, value: u64) -> u64 {
    mix(template.id(), value)
}

/// What the tagger knows of a word as written, wherever it stands. Computing this is most of
/// the cost of a word (lowercasing, hashing, list lookups), and the same words come back all
/// the time, so each thread keeps the facts of the words it has seen ([`Facts::of`]).
#[derive(Clone, Copy, Default)]
struct Facts {
    lower: u64,
    written: u64,
    shape: u64,
    prefixes: [u64; 3],
    suffixes: [u64; 4],
    /// The word without a final "s", when it has one and is capitalised (genitive "Putins").
    stem: Option<u64>,
    /// Bit `i` set: the word is in list `i` of [`lists`](super::lists).
    lists: u32,
    capitalised: bool,
    /// How often NoReC capitalises the word in mid-sentence, as a bucket
    /// ([`norec`](super::norec)).
    capitals: u8,
    /// The word's classes in NoReC's clusterings, if NoReC has it often enough.
    classes: Option<norec::Classes>,
}

/// The clustering whose classes the neighbours of a word are seen by: the middle one, fine
/// enough to tell a title from a preposition, coarse enough to have been seen in training.
const AROUND_LEVEL: usize = norec::LEVELS / 2;

/// The slots of a thread's memory of facts, as a power of two: some 15 MB, for the commoner
/// words of a year of news ([`Remembered`]).
const REMEMBERED_FACTS: u32 = 17;

impl Facts {
    /// The facts of `written`, whose hash is `key`.
    fn of(written: &str, key: u64) -> Facts {
        thread_local! {
            static SEEN: RefCell<Remembered<Facts>> = const { RefCell::new(Remembered::new(REMEMBERED_FACTS)) };
        }
        SEEN.with(|seen| seen.borrow_mut().get_or_make(key, || Facts::compute(written)))
    }

    fn compute(written: &str) -> Facts {
        let lower = written.to_lowercase();
        let lower_hash = hash(&lower);
        let capitalised = written.starts_with(char::is_uppercase);
        Facts {
            lower: lower_hash,
            capitals: norec::capitals(lower_hash),
            classes: norec::classes(lower_hash),
            written: hash(written),
            shape: hash(&shape(written)),
            prefixes: prefix_hashes(written),
            suffixes: suffix_hashes(&lower),
            stem: strip_genitive(written).filter(|_| capitalised).map(hash),
            lists: list_bits(written, &lower),
            capitalised,
        }
    }
}

/// The facts of the distinct words of one article, each kept once, and found by a number. A
/// word comes back many times in an article, and a copy of its facts at every occurrence made
/// the words of a 20 MB article take 400 MB; a number takes four bytes.
struct FactsTable {
    /// The number of each word's facts, by the hash of the word as written.
    ids: FeatureMap<u32>,
    /// The facts, by number; number 0 is the default facts of a word nothing reads.
    facts: Vec<Facts>,
}

impl Default for FactsTable {
    fn default() -> Self {
        FactsTable { ids: FeatureMap::default(), facts: vec![Facts::default()] }
    }
}

impl FactsTable {
    /// The number of the facts of `written`, which are computed the first time.
    fn id(&mut self, written: &str) -> u32 {
        let facts = &mut self.facts;
        let key = hash(written);
        *self.ids.entry(key).or_insert_with(|| {
            facts.push(Facts::of(written, key));
            u32::try_from(facts.len() - 1).expect("fewer distinct words than fit in 32 bits")
        })
    }
}

impl std::ops::Index<u32> for FactsTable {
    type Output = Facts;

    fn index(&self, id: u32) -> &Facts {
        &self.facts[id as usize]
    }
}

/// What the tagger knows of one word of a text before looking at its neighbours. Words far
/// from any capital letter are left at the default: nothing reads them.
#[derive(Default, Clone, Copy)]
pub(super) struct Word {
    /// The number of the word's facts in its article's [`FactsTable`].
    facts: u32,
    initial: bool,
    /// Where the word stands in the longest known name that covers it: the name's class and
    /// whether the word is its first.
    known: Option<(u8, bool)>,
    /// Only spaces (or "&") separate the word from the one before, so it may continue a name
    /// begun there.
    joins: bool,
    /// The word has a capital letter or is near one that has (see [`Words::may_name`]).
    may_name: bool,
}

/// How many words before and after a word with a capital letter, joined to it by spaces, may
/// still be part of a name with it ("Universitetet i Oslo", "Bergen tingrett",
/// "Folkebevegelsen mot norsk medlemskap").
const NAME_REACH: usize = 3;

/// Whether word `i` has a capital letter or is joined to one ([`joins`]) at most [`NAME_REACH`]
/// words away: a name is a run of joined words with a capital letter in it.
fn joins_capital(capital: &[bool], joined: &[bool], i: usize) -> bool {
    let left = (1..=NAME_REACH).take_while(|&k| k <= i && joined[i + 1 - k]).any(|k| capital[i - k]);
    let right = (1..=NAME_REACH).take_while(|&k| i + k < capital.len() && joined[i + k]).any(|k| capital[i + k]);
    capital[i] || left || right
}

/// The word's shape: each character as `X` (upper), `x` (lower), `d` (digit) or itself, with
/// runs longer than two shortened to two ("Oslo" → "Xxx", "NRK-sjefen" → "XX-xx", "2019" → "dd").
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = None;
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        run = if Some(class) == last { run + 1 } else { 1 };
        last = Some(class);
        if run <= 2 {
            out.push(class);
        }
    }
    out
}

/// The punctuation between two words, spaces left out, at most a few characters: "," or "«"
/// or ". –" tell a lot about where a name starts and ends.
fn gap(text: &str) -> u64 {
    let mut marks = [0u8; 16];
    let mut len = 0;
    for c in text.chars().filter(|c| !c.is_whitespace()).take(3) {
        len += c.encode_utf8(&mut marks[len..]).len();
    }
    if text.contains('\n') {
        len += '¶'.encode_utf8(&mut marks[len..]).len();
    }
    hash_bytes(&marks[..len])
}

/// Whether the text between two words lets them belong to one name: spaces, or an ampersand
/// ("Procter & Gamble"). Hyphens, apostrophes and full stops inside names are inside words
/// already (see [`super::tokens`]).
fn joins(gap: &str) -> bool {
    gap.chars().all(|c| (c.is_whitespace() && c != '\n') || c == '&')
}

fn prefix_hashes(word: &str) -> [u64; 3] {
    let mut out = [0; 3];
    for (n, slot) in out.iter_mut().enumerate() {
        let end = word.char_indices().nth(n + 1).map_or(word.len(), |(i, _)| i);
        *slot = hash(&word[..end]);
    }
    out
}

fn suffix_hashes(word: &str) -> [u64; 4] {
    let mut out = [0; 4];
    for (n, slot) in out.iter_mut().enumerate() {
        let start = word.char_indices().rev().nth(n).map_or(0, |(i, _)| i);
        *slot = hash(&word[start..]);
    }
    out
}

/// The facts about every word of one text.
pub(super) struct Words {
    words: Vec<Word>,
    /// The punctuation ([`gap`]) before each word, and after the last: word `i` has
    /// `gaps[i]` before it and `gaps[i + 1]` after it. Computed only around the words whose
    /// features are read, 0 elsewhere.
    gaps: Vec<u64>,
}

impl Words {
    /// The words of `text`, with the facts of those that may be part of a name or are near
    /// one. A name is a run of words joined by spaces with a capital letter in it, so only such
    /// runs are candidates ([`joins_capital`]): the words beyond a comma or a full stop from
    /// the nearest capital cannot be in its name (the decoder never continues a name across
    /// them), so scoring them was work without use. The facts of the words are kept in
    /// `document`, once for each distinct word of the article.
    pub(super) fn new(text: &str, tokens: &[Token], names: &KnownNames, document: &mut Document) -> Self {
        let capital: Vec<bool> = tokens.iter().map(|token| token.text(text).chars().any(char::is_uppercase)).collect();
        // joined[i]: only spaces (or "&") separate word i from the word before, so the two may
        // belong to one name; a name never runs across anything else.
        let joined: Vec<bool> =
            (0..tokens.len()).map(|i| i > 0 && joins(&text[tokens[i - 1].end..tokens[i].start])).collect();
        let may_name: Vec<bool> = (0..tokens.len()).map(|i| joins_capital(&capital, &joined, i)).collect();
        // A word's features look at two words on either side, so facts are needed two words
        // beyond the words that may be part of a name, and nowhere else.
        let needed = |i: usize| may_name[i.saturating_sub(2)..(i + 3).min(may_name.len())].iter().any(|m| *m);
        let table = &mut document.facts;
        let words = tokens
            .iter()
            .enumerate()
            .map(|(i, token)| {
                if !needed(i) {
                    return Word::default();
                }
                Word {
                    facts: table.id(token.text(text)),
                    initial: token.initial,
                    joins: joined[i],
                    known: None,
                    may_name: may_name[i],
                }
            })
            .collect();
        // The gap before word i is the gap after word i - 1.
        let gaps = (0..=tokens.len())
            .map(|i| {
                if !(i < tokens.len() && needed(i) || i > 0 && needed(i - 1)) {
                    return 0;
                }
                let start = if i == 0 { 0 } else { tokens[i - 1].end };
                let end = tokens.get(i).map_or(text.len(), |token| token.start);
                gap(&text[start..end])
            })
            .collect();
        let mut words = Self { words, gaps };
        mark_known(names, table, &mut words.words);
        words
    }

    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether word `i` may be part of a name at all: every name has a word with a capital
    /// letter, and reaches only a few joined words beyond it. The tagger leaves the other words
    /// outside any name without scoring them, which is most words of most texts.
    pub(super) fn may_name(&self, i: usize) -> bool {
        self.words[i].may_name
    }

    /// Whether word `i` may continue a name that the word before it is part of.
    pub(super) fn joins(&self, i: usize) -> bool {
        self.words[i].joins
    }

    /// Appends the features of word `i` that do not depend on the tags before it: its own
    /// ([`Words::own_features`]) first, then those of where it stands
    /// ([`Words::context_features`]). Training learns from the features of a word; the tagger
    /// asks for the two kinds apart.
    #[cfg(any(test, feature = "train"))]
    pub(super) fn features(&self, i: usize, document: &Document, out: &mut Vec<u64>) {
        self.own_features(i, document, out);
        self.context_features(i, document, out);
    }

    /// The hash of word `i` as written: what its own features ([`Words::own_features`]) are
    /// a function of.
    pub(super) fn written(&self, i: usize, document: &Document) -> u64 {
        document.facts[self.words[i].facts].written
    }

    /// Appends the features that word `i` has wherever it stands, which come from the word as
    /// written alone: a scorer whose weights do not change may sum them once for each distinct
    /// word ([`Scorer::add_word_scores`](crate::model::Scorer::add_word_scores)).
    pub(super) fn own_features(&self, i: usize, document: &Document, out: &mut Vec<u64>) {
        let facts = &document.facts[self.words[i].facts];
        out.push(feature(Template::Bias, 0));
        out.push(feature(Template::Lower, facts.lower));
        out.push(feature(Template::Written, facts.written));
        out.push(feature(Template::Shape, facts.shape));
        for (n, prefix) in facts.prefixes.iter().enumerate() {
            out.push(mix(feature(Template::Prefix, n as u64), *prefix));
        }
        for (n, suffix) in facts.suffixes.iter().enumerate() {
            out.push(mix(feature(Template::Suffix, n as u64), *suffix));
        }
        if let Some(stem) = facts.stem {
            out.push(feature(Template::Stem, stem));
        }
        // The word's classes tell what kind of word it is where the word itself is unknown to
        // the model: with its capital, a town's class says place.
        if let Some(classes) = facts.classes {
            for (level, class) in classes.iter().enumerate() {
                let cluster = mix(feature(Template::Cluster, level as u64), u64::from(*class));
                out.push(mix(cluster, u64::from(facts.capitalised)));
            }
        }
    }

    /// Appends the features of word `i` that come from where it stands: its neighbours, the
    /// punctuation around it, whether it starts a sentence, and what the article says of it.
    pub(super) fn context_features(&self, i: usize, document: &Document, out: &mut Vec<u64>) {
        const NONE: u64 = 0x5EED;
        let table = &document.facts;
        let word = &self.words[i];
        let facts = &table[word.facts];
        let at = |offset: isize| i.checked_add_signed(offset).and_then(|j| self.words.get(j)).map(|w| &table[w.facts]);
        let lower_at = |offset| at(offset).map_or(NONE, |w| w.lower);
        let shape_at = |offset| at(offset).map_or(NONE, |w| w.shape);

        out.push(feature(Template::Previous, lower_at(-1)));
        out.push(feature(Template::Previous2, lower_at(-2)));
        out.push(feature(Template::Next, lower_at(1)));
        out.push(feature(Template::Next2, lower_at(2)));
        out.push(feature(Template::PreviousShape, shape_at(-1)));
        out.push(feature(Template::NextShape, shape_at(1)));
        out.push(mix(feature(Template::PreviousPair, lower_at(-1)), facts.lower));
        out.push(mix(feature(Template::NextPair, facts.lower), lower_at(1)));
        out.push(mix(mix(feature(Template::ShapeWindow, shape_at(-1)), facts.shape), shape_at(1)));
        out.push(mix(feature(Template::Initial, u64::from(word.initial)), facts.shape));
        out.push(mix(feature(Template::GapBefore, self.gaps[i]), facts.shape));
        out.push(mix(feature(Template::GapAfter, self.gaps[i + 1]), facts.shape));
        // How NoReC writes the word in mid-sentence says most where its own capital says
        // nothing: at a sentence start.
        let capitals = feature(Template::Capitals, u64::from(facts.capitals));
        out.push(mix(mix(capitals, u64::from(word.initial)), u64::from(facts.capitalised)));
        // The neighbours' classes say what kind of words a name stands between.
        for offset in [-1isize, 1] {
            let class = at(offset).and_then(|w| w.classes).map_or(NONE, |classes| u64::from(classes[AROUND_LEVEL]));
            out.push(mix(feature(Template::ClusterAround, offset as u64), class));
        }
        for (offset, position) in [(-1isize, 0u64), (0, 1), (1, 2)] {
            let Some(other) = at(offset) else { continue };
            let mut bits = other.lists;
            while bits != 0 {
                let bit = u64::from(bits.trailing_zeros());
                bits &= bits - 1;
                out.push(mix(feature(Template::List, position), bit));
            }
        }
        if facts.capitalised {
            let evidence = u64::from(document.capitalised_mid.contains(&facts.written))
                | u64::from(document.lowercase.contains(&facts.lower)) << 1
                | u64::from(word.initial) << 2
                | u64::from(facts.stem.is_some_and(|stem| document.capitalised_mid.contains(&stem))) << 3;
            out.push(feature(Template::Document, evidence));
        }
        if let Some((class, first)) = word.known {
            out.push(mix(feature(Template::Known, u64::from(class)), u64::from(first)));
        }
        if let Some(class) = document.usual_tag(facts.written) {
            // At a sentence start the capital says nothing, so the history counts for more.
            out.push(mix(feature(Template::History, class), u64::from(word.initial)));
        }
    }

    /// The features of word `i` that depend on the tag of the word before it.
    pub(super) fn tag_features(&self, i: usize, previous: Tag, document: &Document) -> [u64; 2] {
        let previous = previous.index() as u64;
        [
            mix(Template::PreviousTag.id(), previous),
            mix(mix(Template::PreviousTagShape.id(), previous), document.facts[self.words[i].facts].shape),
        ]
    }

    /// Notes in `document` how these words were tagged, for the other texts of the article.
    pub(super) fn remember(&self, tags: &[Tag], document: &mut Document) {
        for (key, class) in self.tagged(tags, &document.facts) {
            let counts = document.tags.entry(key).or_default();
            counts[class] = counts[class].saturating_add(1);
        }
    }

    /// Takes back what [`Words::remember`] noted for these tags.
    pub(super) fn forget(&self, tags: &[Tag], document: &mut Document) {
        for (key, class) in self.tagged(tags, &document.facts) {
            if let Some(counts) = document.tags.get_mut(&key) {
                counts[class] = counts[class].saturating_sub(1);
                if counts.iter().all(|count| *count == 0) {
                    document.tags.remove(&key);
                }
            }
        }
    }

    /// The history entries that `tags` make: for each word that may be part of a name, the
    /// word as written and its tag's class.
    fn tagged<'a>(&'a self, tags: &'a [Tag], table: &'a FactsTable) -> impl Iterator<Item = (u64, usize)> + 'a {
        self.words.iter().zip(tags).filter(|(word, _)| word.may_name).flat_map(|(word, tag)| {
            let facts = &table[word.facts];
            // A genitive tagged as part of a name counts for its base form too, so that
            // "Manchester Uniteds" tells the later "Manchester United" what it was. A genitive
            // left outside says nothing of the base: "Putins" missed in a headline is no reason
            // to miss "Putin" in the text.
            let stem = facts.stem.filter(|_| *tag != Tag::Outside);
            std::iter::once(facts.written).chain(stem).map(move |key| (key, tag.class_index()))
        })
    }

    /// What the document's history says of each word ([`Document::usual_tag`], plus 1; 0 for
    /// no history and for the words that are never decoded): the only features that depend
    /// on the other texts' tags. Where this is unchanged, decoding again would give the same
    /// tags.
    pub(super) fn history(&self, document: &Document) -> Vec<u16> {
        self.words
            .iter()
            .map(|word| match document.usual_tag(document.facts[word.facts].written) {
                // A class and the bit above it (256): two bytes hold it, and the history of
                // every word of an article is kept through the tagger's passes.
                Some(tag) if word.may_name => u16::try_from(tag + 1).expect("a class and one bit"),
                _ => 0,
            })
            .collect()
    }
}

/// Marks the words of `words` covered by the known `names`, longest match first, left to
/// right. A name also matches in the genitive ("Kasakhstans", "Jan Mayens").
fn mark_known(names: &KnownNames, table: &FactsTable, words: &mut [Word]) {
    let mut i = 0;
    while i < words.len() {
        if !table[words[i].facts].capitalised {
            i += 1;
            continue;
        }
        // A name can only run over the words that join the one before and may be in a name.
        let run = 1 + words[i + 1..]
            .iter()
            .take(names.longest().saturating_sub(1))
            .take_while(|w| w.joins && w.may_name)
            .count();
        let found = (1..=run.min(names.longest())).rev().find_map(|n| {
            let name = &words[i..i + n];
            let as_written = name_hash(name.iter().map(|w| table[w.facts].written));
            let genitive = table[name[n - 1].facts]
                .stem
                .map(|stem| name_hash(name[..n - 1].iter().map(|w| table[w.facts].written).chain([stem])));
            let class = names.get(as_written).or_else(|| genitive.and_then(|g| names.get(g)))?;
            Some((n, class))
        });
        match found {
            Some((n, class)) => {
                for (k, word) in words[i..i + n].iter_mut().enumerate() {
                    word.known = Some((class, k == 0));
                }
                i += n;
            }
            None => i += 1,
        }
    }
}

/// Facts about all texts of one article: some gathered before tagging any of them, and the
/// tags given so far, because a name tends to keep its class through an article ("Jan Mayen"
/// is a place in every sentence or in none).
#[derive(Default)]
pub(super) struct Document {
    /// Hashes of capitalised words (as written) that occur where no sentence starts.
    capitalised_mid: HashSet<u64, BuildHasherDefault<Prehashed>>,
    /// Hashes of words that occur in lowercase.
    lowercase: HashSet<u64, BuildHasherDefault<Prehashed>>,
    /// For each word (hash as written), how often it was tagged with each class so far.
    tags: FeatureMap<[u16; Tag::CLASSES]>,
    /// The facts of the words of the article's texts ([`Words::new`]).
    facts: FactsTable,
}

impl Document {
    /// The class a word was most often tagged with earlier in the document, as a feature
    /// value, with whether that class was given more than once: one earlier tagging is weaker
    /// evidence than several.
    fn usual_tag(&self, written: u64) -> Option<u64> {
        let counts = self.tags.get(&written)?;
        let class = (0..counts.len()).max_by_key(|c| (counts[*c], std::cmp::Reverse(*c)))?;
        Some(class as u64 | u64::from(counts[class] > 1) << 8)
    }

    /// Whether the article writes `written`, capitalised, where no sentence starts.
    pub(super) fn has_capitalised_mid(&self, written: &str) -> bool {
        self.capitalised_mid.contains(&hash(written))
    }

    /// Forgets the tags given so far, keeping the facts gathered before tagging.
    #[cfg(any(test, feature = "train"))]
    pub(super) fn forget_tags(&mut self) {
        self.tags.clear();
    }

    /// The facts of an article's texts (each with its tokens), before any of them is tagged.
    pub(super) fn of(texts: &[&str], tokens: &[Vec<Token>]) -> Self {
        let mut document = Self::default();
        for (text, tokens) in texts.iter().zip(tokens) {
            document.add(text, tokens);
        }
        document
    }

    pub(super) fn add(&mut self, text: &str, tokens: &[Token]) {
        for token in tokens {
            let word = token.text(text);
            if word.starts_with(char::is_uppercase) {
                if !token.initial {
                    self.capitalised_mid.insert(hash(word));
                }
            } else if word.starts_with(char::is_lowercase) {
                self.lowercase.insert(hash(word));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_shorten_runs() {
        assert_eq!(shape("Oslo"), "Xxx");
        assert_eq!(shape("NRK-sjefen"), "XX-xx");
        assert_eq!(shape("2019"), "dd");
        assert_eq!(shape("McCain"), "XxXxx");
    }

    /// Which words of `text` may be part of a name.
    fn candidates(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        crate::tokens::tokenize(text, &mut tokens);
        let words = Words::new(text, &tokens, &KnownNames::default(), &mut Document::default());
        (0..words.len()).filter(|i| words.may_name(*i)).map(|i| tokens[i].text(text)).collect()
    }

    #[test]
    fn candidates_are_joined_to_a_capital_by_spaces_only() {
        assert_eq!(
            candidates("Han sa det i går, sier Hansen til NRK. Det var alt."),
            ["Han", "sa", "det", "i", "sier", "Hansen", "til", "NRK", "Det", "var", "alt"]
        );
        assert_eq!(
            candidates("de som jobber ved Universitetet i Oslo"),
            ["som", "jobber", "ved", "Universitetet", "i", "Oslo"]
        );
        assert!(candidates("ingen store bokstaver her, nei").is_empty());
    }

    /// The words of `text`, and the facts of an article of that one text.
    fn article_of(text: &str) -> (Words, Document) {
        let tokens = crate::tokens::tokenize_each(&[text]);
        let mut document = Document::of(&[text], &tokens);
        (Words::new(text, &tokens[0], &KnownNames::default(), &mut document), document)
    }

    #[test]
    fn history_counts_a_genitive_name_for_its_base_and_says_whether_it_repeats() {
        use crate::tag::Class;
        let (words, mut document) = article_of("Manchester Uniteds trener");
        let tags = [Tag::Begin(Class::Organisation), Tag::Inside(Class::Organisation), Tag::Outside];
        let org = tags[0].class_index() as u64;
        words.remember(&tags, &mut document);
        assert_eq!(document.usual_tag(hash("United")), Some(org), "once, from the genitive");
        assert_eq!(document.usual_tag(hash("Uniteds")), Some(org));
        words.remember(&tags, &mut document);
        assert_eq!(document.usual_tag(hash("United")), Some(org | 1 << 8), "twice");
        assert_eq!(document.usual_tag(hash("Chelsea")), None);
        words.remember(&[Tag::Outside; 3], &mut document);
        words.remember(&[Tag::Outside; 3], &mut document);
        words.remember(&[Tag::Outside; 3], &mut document);
        assert_eq!(document.usual_tag(hash("Uniteds")), Some(1 << 8), "now mostly outside");
        assert_eq!(document.usual_tag(hash("United")), Some(org | 1 << 8), "no news for the base form");
    }

    #[test]
    fn forgetting_tags_takes_back_what_remembering_noted() {
        use crate::tag::Class;
        let (words, mut document) = article_of("Manchester Uniteds trener");
        let untagged = words.history(&document);
        let org = [Tag::Begin(Class::Organisation), Tag::Inside(Class::Organisation), Tag::Outside];
        words.remember(&org, &mut document);
        let once = words.history(&document);
        assert_ne!(once, untagged, "the history of these words changed");
        words.remember(&[Tag::Outside; 3], &mut document);
        words.forget(&[Tag::Outside; 3], &mut document);
        assert_eq!(words.history(&document), once);
        words.forget(&org, &mut document);
        assert_eq!(words.history(&document), untagged);
        assert_eq!(document.usual_tag(hash("United")), None, "the genitive's base is forgotten too");
    }

    #[test]
    fn history_is_told_apart_at_a_sentence_start() {
        use crate::tag::Class;
        let mut document = Document::default();
        let features = |text: &str, i: usize, document: &mut Document| {
            let mut tokens = Vec::new();
            crate::tokens::tokenize(text, &mut tokens);
            let mut out = Vec::new();
            Words::new(text, &tokens, &KnownNames::default(), document).features(i, document, &mut out);
            out
        };
        let history = |class: u64, initial: bool| mix(mix(Template::History.id(), class), u64::from(initial));
        let person = Tag::Begin(Class::Person);
        let text = "Vi møtte Hansen i går";
        let mut tokens = Vec::new();
        crate::tokens::tokenize(text, &mut tokens);
        Words::new(text, &tokens, &KnownNames::default(), &mut document)
            .remember(&[Tag::Outside, Tag::Outside, person], &mut document);
        let class = person.class_index() as u64;
        let start = features("Hansen sa nei", 0, &mut document);
        let mid = features("sa Hansen nei", 1, &mut document);
        assert!(start.contains(&history(class, true)) && !start.contains(&history(class, false)));
        assert!(mid.contains(&history(class, false)) && !mid.contains(&history(class, true)));
    }

    #[test]
    fn sentence_start_and_neighbours_change_the_features() {
        let mut document = Document::default();
        let mut features = |text: &str, i: usize| {
            let mut tokens = Vec::new();
            crate::tokens::tokenize(text, &mut tokens);
            let mut out = Vec::new();
            Words::new(text, &tokens, &KnownNames::default(), &mut document).features(i, &document, &mut out);
            out
        };
        let mid = features("sa Hansen i går", 1);
        let start = features("Hansen sa i går", 0);
        assert_eq!(mid[..4], start[..4], "bias, lowercase, written and shape are the same");
        assert_ne!(mid, start);
    }
}
