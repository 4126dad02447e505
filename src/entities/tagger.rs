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

/// Whether `tag` may stand at word `i` after `previous`.
fn allowed(words: &Words, i: usize, previous: Tag, tag: Tag) -> bool {
    tag.may_follow(previous) && (words.joins(i) || !matches!(tag, Tag::Inside(_)))
}

/// Tags the words of one text into `tags`.
pub(super) fn decode(scorer: &impl Scorer, words: &Words, document: &Document, tags: &mut Vec<Tag>) {
    tags.clear();
    let n = words.len();
    if n == 0 {
        return;
    }
    // best[i][t]: the highest total of a sequence for words 0..=i that ends in tag t;
    // from[i][t]: the tag of word i - 1 in that sequence.
    let mut best = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut from = vec![[0u8; TAGS]; n];
    let mut features = Vec::with_capacity(64);
    for i in 0..n {
        features.clear();
        words.features(i, document, &mut features);
        let mut base = [0.0; TAGS];
        scorer.add_scores(&features, &mut base);
        let previous_tags: Vec<(usize, f32)> = if i == 0 {
            vec![(Tag::Outside.index(), 0.0)]
        } else {
            (0..TAGS).filter(|p| best[i - 1][*p].is_finite()).map(|p| (p, best[i - 1][p])).collect()
        };
        for (p, total) in previous_tags {
            let previous = Tag::from_index(p);
            let mut scores = base;
            scorer.add_scores(&words.tag_features(i, previous), &mut scores);
            for (t, score) in scores.iter().enumerate() {
                let candidate = total + score;
                if candidate > best[i][t] && allowed(words, i, previous, Tag::from_index(t)) {
                    best[i][t] = candidate;
                    from[i][t] = p as u8;
                }
            }
        }
    }
    let mut last = (0..TAGS).max_by(|a, b| best[n - 1][*a].total_cmp(&best[n - 1][*b]).then(b.cmp(a))).unwrap_or(0);
    tags.resize(n, Tag::Outside);
    for i in (0..n).rev() {
        tags[i] = Tag::from_index(last);
        last = usize::from(from[i][last]);
    }
}
