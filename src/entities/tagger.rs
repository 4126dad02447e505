//! Tagging the words of one text: the best sequence of tags under the model (Viterbi).
//!
//! A word's score for a tag is the sum of the weights of its features ([`Words::features`])
//! and of features that pair the tag before it with the word ([`Words::tag_features`]). The
//! tagger finds the sequence of tags with the highest total, exactly, by dynamic programming
//! over the previous tag. A name can only be continued by a word of the same class, and not
//! across punctuation such as a comma, so only such sequences are considered. Training decodes
//! the same way (see [`super::train`]), so the model learns from the mistakes it will actually
//! make.
//!
//! After a text is tagged, the caller notes its tags in the [`Document`]
//! ([`Words::remember`]), for the same words in the texts that follow.

use super::features::{Document, Words};
use super::model::{Scorer, TAGS, Tag};

/// How many of the best tags of the previous word are extended to the next. The others are so
/// far behind that they almost never recover, and dropping them makes tagging several times
/// faster.
const BEAM: usize = 3;

/// Whether `tag` may stand at word `i` after `previous`.
fn allowed(words: &Words, i: usize, previous: Tag, tag: Tag) -> bool {
    tag.may_follow(previous) && (words.joins(i) || !matches!(tag, Tag::Inside(_)))
}

/// Tags the words of one text into `tags`. Only the stretches of words that may belong to a
/// name ([`Words::may_name`]) are decoded; every other word is outside any name.
pub(super) fn decode(scorer: &impl Scorer, words: &Words, document: &Document, tags: &mut Vec<Tag>) {
    tags.clear();
    tags.resize(words.len(), Tag::Outside);
    let mut start = 0;
    while start < words.len() {
        if !words.may_name(start) {
            start += 1;
            continue;
        }
        let end = (start..words.len()).find(|i| !words.may_name(*i)).unwrap_or(words.len());
        decode_stretch(scorer, words, document, start, &mut tags[start..end]);
        start = end;
    }
}

/// Viterbi over the words `first..first + tags.len()`, the word before them being outside any
/// name.
fn decode_stretch(scorer: &impl Scorer, words: &Words, document: &Document, first: usize, tags: &mut [Tag]) {
    let n = tags.len();
    // best[k][t]: the highest total of a sequence for the first k + 1 words that ends in tag t;
    // from[k][t]: the tag of the word before in that sequence.
    let mut best = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut from = vec![[0u8; TAGS]; n];
    let mut features = Vec::with_capacity(64);
    for k in 0..n {
        let i = first + k;
        features.clear();
        words.features(i, document, &mut features);
        let mut base = [0.0; TAGS];
        scorer.add_scores(&features, &mut base);
        // The BEAM tags of the previous word with the best totals, best first.
        let mut previous_tags = [(0usize, f32::NEG_INFINITY); BEAM];
        if k == 0 {
            previous_tags[0] = (Tag::Outside.index(), 0.0);
        } else {
            for (p, total) in best[k - 1].iter().copied().enumerate() {
                if total > previous_tags[BEAM - 1].1 {
                    previous_tags[BEAM - 1] = (p, total);
                    let mut j = BEAM - 1;
                    while j > 0 && previous_tags[j].1 > previous_tags[j - 1].1 {
                        previous_tags.swap(j, j - 1);
                        j -= 1;
                    }
                }
            }
        }
        for &(p, total) in previous_tags.iter().filter(|(_, total)| total.is_finite()) {
            let previous = Tag::from_index(p);
            let mut scores = base;
            scorer.add_scores(&words.tag_features(i, previous), &mut scores);
            for (t, score) in scores.iter().enumerate() {
                let candidate = total + score;
                if candidate > best[k][t] && allowed(words, i, previous, Tag::from_index(t)) {
                    best[k][t] = candidate;
                    from[k][t] = p as u8;
                }
            }
        }
    }
    let mut last = (0..TAGS).max_by(|a, b| best[n - 1][*a].total_cmp(&best[n - 1][*b]).then(b.cmp(a))).unwrap_or(0);
    for k in (0..n).rev() {
        tags[k] = Tag::from_index(last);
        last = usize::from(from[k][last]);
    }
}
