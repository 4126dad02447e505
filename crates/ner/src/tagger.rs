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
//! The texts of an article are tagged together, in two passes ([`tag_article`]), so that how
//! a word is tagged in one text can inform the same word in the others.

use std::ops::Range;

use crate::features::{Document, Words};
use crate::model::Scorer;
use crate::tag::{TAGS, Tag};

/// Tags the texts of one article and returns their tags.
///
/// The first pass tags the texts in order, each knowing how the texts before it were tagged
/// ([`Words::remember`]). The second tags each text again, now knowing the first pass's tags
/// of all the others, those after it too. A name's first mention often has the least to go
/// on (a headline, a name opening the lead), while the text further down says "the minister
/// Lavrov". Only the stretches whose words' history changed between the passes
/// ([`Words::history`]) are decoded again: the others would get the same tags.
pub(crate) fn tag_article(scorer: &impl Scorer, texts: &[Words], document: &mut Document) -> Vec<Vec<Tag>> {
    let mut passes = Passes::new(texts, document);
    while passes.next(scorer).is_some() {}
    passes.into_tags()
}

/// One text just decoded by [`Passes::next`]: which text, the tags it has now, the stretches
/// of words that were decoded, and the facts of the article the decoding saw. Training learns
/// from these; recognition only wants the tags at the end.
#[cfg_attr(not(any(test, feature = "train")), allow(dead_code))]
pub(crate) struct Decoded<'p> {
    pub(crate) text: usize,
    pub(crate) tags: &'p [Tag],
    pub(crate) stretches: &'p [Range<usize>],
    pub(crate) document: &'p Document,
}

/// The two passes of [`tag_article`], one decoded text at a time, so that training can learn
/// from each decoding as it happens, with the scorer it is changing, before the article's
/// facts take in the text's new tags.
pub(crate) struct Passes<'a> {
    texts: &'a [Words],
    document: &'a mut Document,
    /// The tags of the texts settled so far: the first pass's, replaced by the second's.
    tags: Vec<Vec<Tag>>,
    /// The history ([`Words::history`]) each text saw in the first pass.
    seen: Vec<Vec<u16>>,
    /// The next text to decode, counting through both passes.
    step: usize,
    /// The tags of the text decoded last.
    current: Vec<Tag>,
    /// The stretches decoded last.
    stretches: Vec<Range<usize>>,
    /// Whether the text decoded last still has to be taken into the article's facts.
    pending: bool,
}

impl<'a> Passes<'a> {
    pub(crate) fn new(texts: &'a [Words], document: &'a mut Document) -> Self {
        Passes {
            texts,
            document,
            tags: Vec::with_capacity(texts.len()),
            seen: Vec::with_capacity(texts.len()),
            step: 0,
            current: Vec::new(),
            stretches: Vec::new(),
            pending: false,
        }
    }

    /// Decodes the next text that needs it, or `None` when both passes are done. The second
    /// pass skips a text none of whose stretches saw a history other than in the first.
    pub(crate) fn next(&mut self, scorer: &impl Scorer) -> Option<Decoded<'_>> {
        self.settle();
        let texts = self.texts;
        while self.step < 2 * texts.len() {
            let (n, second) = (self.step % texts.len(), self.step >= texts.len());
            self.step += 1;
            let words = &texts[n];
            self.stretches.clear();
            if second {
                words.forget(&self.tags[n], self.document);
                let history = words.history(self.document);
                let seen = &self.seen[n];
                self.stretches
                    .extend(stretches(words).filter(|stretch| history[stretch.clone()] != seen[stretch.clone()]));
                if self.stretches.is_empty() {
                    words.remember(&self.tags[n], self.document);
                    continue;
                }
                self.current.clone_from(&self.tags[n]);
            } else {
                self.current = vec![Tag::Outside; words.len()];
                self.stretches.extend(stretches(words));
            }
            for stretch in &self.stretches {
                decode(scorer, words, self.document, stretch.start, &mut self.current[stretch.clone()]);
            }
            self.pending = true;
            return Some(Decoded { text: n, tags: &self.current, stretches: &self.stretches, document: self.document });
        }
        None
    }

    /// The tags of every text, after both passes.
    pub(crate) fn into_tags(mut self) -> Vec<Vec<Tag>> {
        self.settle();
        self.tags
    }

    /// Takes the text decoded last into the article's facts. In the second pass the facts
    /// keep the first pass's tags of every text, so that each text is decoded again knowing
    /// the same tags of the others.
    fn settle(&mut self) {
        if !std::mem::take(&mut self.pending) {
            return;
        }
        let last = self.step - 1;
        let n = last % self.texts.len();
        let words = &self.texts[n];
        if last < self.texts.len() {
            self.seen.push(words.history(self.document));
            words.remember(&self.current, self.document);
            self.tags.push(std::mem::take(&mut self.current));
        } else {
            words.remember(&self.tags[n], self.document);
            std::mem::swap(&mut self.tags[n], &mut self.current);
        }
    }
}

/// The stretches of words that may belong to a name ([`Words::may_name`]). Each is decoded on
/// its own: the words between them are outside any name.
fn stretches(words: &Words) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = (start..words.len()).find(|i| words.may_name(*i))?;
        let end = (first..words.len()).find(|i| !words.may_name(*i)).unwrap_or(words.len());
        start = end;
        Some(first..end)
    })
}

/// How many of the best tags of the previous word are extended to the next. The others are so
/// far behind that they almost never recover, and dropping them makes tagging several times
/// faster.
const BEAM: usize = 3;

/// Whether `tag` may stand at word `i` after `previous`.
fn allowed(words: &Words, i: usize, previous: Tag, tag: Tag) -> bool {
    tag.may_follow(previous) && (words.joins(i) || !matches!(tag, Tag::Inside(_)))
}

/// Viterbi over the words `first..first + tags.len()`, the word before them being outside any
/// name.
fn decode(scorer: &impl Scorer, words: &Words, document: &Document, first: usize, tags: &mut [Tag]) {
    let n = tags.len();
    // best[k][t]: the highest total of a sequence for the first k + 1 words that ends in tag t;
    // from[k][t]: the tag of the word before in that sequence.
    let mut best = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut from = vec![[0u8; TAGS]; n];
    let mut features = Vec::with_capacity(64);
    for k in 0..n {
        let i = first + k;
        let mut base = [0.0; TAGS];
        scorer.add_word_scores(words.written(i, document), |out| words.own_features(i, document, out), &mut base);
        features.clear();
        words.context_features(i, document, &mut features);
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
            scorer.add_scores(&words.tag_features(i, previous, document), &mut scores);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Template;
    use crate::hashing::{FeatureMap, hash, mix};
    use crate::known::KnownNames;
    use crate::model::Model;
    use crate::tag::Class;
    use crate::tokens::tokenize_each;

    #[test]
    fn the_second_pass_tells_a_first_mention_what_the_texts_after_it_found() {
        // A model that knows two things: a word after "møtte" is a person, and so is a word at
        // a sentence start that the article tags as a person elsewhere.
        let person = Tag::Begin(Class::Person);
        let mut weights: FeatureMap<[f32; TAGS]> = FeatureMap::default();
        weights.entry(mix(Template::Bias.id(), 0)).or_default()[Tag::Outside.index()] = 1.0;
        weights.entry(mix(Template::Previous.id(), hash("møtte"))).or_default()[person.index()] = 5.0;
        let history = mix(mix(Template::History.id(), person.class_index() as u64), 1);
        weights.entry(history).or_default()[person.index()] = 5.0;
        let model = Model::new(weights, KnownNames::default());

        let texts = ["Lavrov kom.", "Vi møtte Lavrov."];
        let tokens = tokenize_each(&texts);
        let mut document = Document::of(&texts, &tokens);
        let words: Vec<Words> = texts
            .iter()
            .zip(&tokens)
            .map(|(text, tokens)| Words::new(text, tokens, model.names(), &mut document))
            .collect();
        let mut decoded = Vec::new();
        let mut passes = Passes::new(&words, &mut document);
        while let Some(step) = passes.next(&model) {
            decoded.push((
                step.text,
                step.stretches.iter().map(|stretch| (stretch.start, stretch.end)).collect::<Vec<_>>(),
            ));
        }
        let tags = passes.into_tags();
        assert_eq!(tags[1][2], person, "after \"møtte\"");
        assert_eq!(tags[0][0], person, "from the second text's tags");
        assert_eq!(decoded, [(0, vec![(0, 2)]), (1, vec![(0, 3)]), (0, vec![(0, 2)])], "only the first text again");
    }
}
