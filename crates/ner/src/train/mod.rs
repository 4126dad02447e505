//! Training the tagger: an averaged perceptron on NorNE's training sentences.
//!
//! The perceptron decodes each sentence exactly as recognition does ([`super::tagger`]) and,
//! wherever the best sequence differs from the gold one, moves weight from the features of the
//! wrong tags to those of the right ones (a structured perceptron). Each weight is averaged over
//! all steps of training, which keeps the model from following the last few sentences it saw
//! (Collins 2002). Averaging is done lazily: each weight remembers when it last changed, so a
//! step costs only the weights it touches. Several perceptrons, each seeing the documents in
//! its own order, are trained and their weights averaged once more ([`mix`]).
//!
//! Sentences are split by our own tokenizer and the gold spans mapped onto its words, so the
//! model is trained on the same words it will see. Documents are kept together because some
//! features look at the whole document.

mod conllu;

use std::path::PathBuf;

pub use conllu::{Sentence, into_documents, read_document_map, read_sentences};

use crate::features::{Document, Words};
use crate::hashing::FeatureMap;
use crate::known::KnownNames;
use crate::model::{Model, Scorer};
use crate::tag::{TAGS, Tag, tagged_names};
use crate::tagger::{Decoded, Passes};
use crate::tokens::{Token, tokenize};

/// Why training could not start.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// A training file could not be read.
    #[error("cannot read {path}: {source}", path = .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A CoNLL-U line does not have its ten columns.
    #[error("{path}, line {line}: expected 10 tab-separated columns", path = .path.display())]
    Columns {
        /// The file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
    },
    /// There was nothing to train on.
    #[error("no training sentences")]
    Empty,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Passes over the training documents.
    pub epochs: usize,
    /// Seed of the shuffle between passes, so that training is reproducible.
    pub seed: u64,
    /// Perceptrons trained, each with its own shuffle (seeds `seed`, `seed + 1`, …), whose
    /// averaged weights are averaged again into the model.
    pub runs: usize,
}

/// What one pass over the data did.
#[derive(Debug, Clone, Copy)]
pub struct Epoch {
    /// The pass, counted from 1.
    pub number: usize,
    /// Words decoded: a word of a stretch the second pass decodes again counts twice
    /// ([`crate::tagger::tag_article`]).
    pub words: usize,
    /// Words whose tag was wrong.
    pub errors: usize,
}

/// One document ready for training: the facts of the whole, and the words of each sentence
/// with their gold tags.
struct Example {
    document: Document,
    words: Vec<Words>,
    gold: Vec<Vec<Tag>>,
}

/// A gold sentence split into our words, with their gold tags.
type Tokenized<'s> = (&'s Sentence, Vec<Token>, Vec<Tag>);

/// Documents are split into this many folds for the known-name features (see [`train`]).
const FOLDS: usize = 5;

/// A feature none of whose averaged weights reaches this magnitude is left out of the model.
/// Four fifths of all features are that weak (rare words and word pairs that training
/// touched a few times), and together they decide almost nothing. Leaving them out shrinks
/// the model to a third, small enough for the weights that tagging looks up for every word to
/// stay in the processor's cache.
const WEAKEST_FEATURE: f32 = 2.0;

/// A weight as it is being trained, with what averaging needs.
#[derive(Clone, Copy, Default)]
struct Weight {
    current: f32,
    /// Sum of the weight's value over all steps up to `since`.
    total: f64,
    since: u32,
}

#[derive(Default)]
struct Weights {
    rows: FeatureMap<[Weight; TAGS]>,
    step: u32,
}

impl Scorer for Weights {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        for row in features.iter().filter_map(|feature| self.rows.get(feature)) {
            for (score, weight) in scores.iter_mut().zip(row) {
                *score += weight.current;
            }
        }
    }
}

impl Weights {
    fn update(&mut self, features: &[u64], tag: Tag, delta: f32) {
        let step = self.step;
        for feature in features {
            let weight = &mut self.rows.entry(*feature).or_default()[tag.index()];
            weight.total += f64::from(weight.current) * f64::from(step - weight.since);
            weight.since = step;
            weight.current += delta;
        }
    }

    /// Each weight averaged over all steps.
    fn averaged(self) -> FeatureMap<[f32; TAGS]> {
        let step = self.step.max(1);
        self.rows
            .into_iter()
            .map(|(feature, row)| {
                let averaged = row
                    .map(|w| ((w.total + f64::from(w.current) * f64::from(step - w.since)) / f64::from(step)) as f32);
                (feature, averaged)
            })
            .collect()
    }
}

/// The gold tag of each word: a word inside a gold name is tagged with its class, as the first
/// word of the name or a later one. A word that straddles the edge of a name (the tokenizer and
/// NorNE disagree) is left outside; [`train`] reports how many there were.
fn gold_tags(sentence: &Sentence, tokens: &[Token], straddling: &mut usize) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let name = sentence.names.iter().find(|n| n.start < token.end && token.start < n.end);
        let tag = match name {
            None => Tag::Outside,
            Some(name) if token.start < name.start || token.end > name.end => {
                *straddling += 1;
                Tag::Outside
            }
            Some(name) => {
                let continues = i > 0 && tokens[i - 1].start >= name.start && tags[i - 1] != Tag::Outside;
                if continues { Tag::Inside(name.class) } else { Tag::Begin(name.class) }
            }
        };
        tags.push(tag);
    }
    tags
}

/// A small deterministic generator for shuffling (xorshift64*).
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The names of a sentence as the words of our tokenizer, with their class.
fn gold_names<'s>(text: &'s str, tokens: &[Token], tags: &[Tag]) -> Vec<(Vec<&'s str>, u8)> {
    tagged_names(tags)
        .into_iter()
        .map(|(words, class)| {
            let class = Tag::Begin(class).class_index() as u8;
            (tokens[words].iter().map(|token| token.text(text)).collect(), class)
        })
        .collect()
}

/// A trained model, and how well the gold names fitted our words.
pub struct Trained {
    /// The averaged model.
    pub model: Model,
    /// Words that straddle the edge of a gold name, trained as outside any name.
    pub straddling: usize,
    /// Words of gold names changed because the tagger cannot produce them: names cut in two
    /// at punctuation inside them ("H.C. Andersen"), and words far from any capital letter.
    pub split: usize,
}

/// Makes a gold sequence one the tagger can produce: a word that continues a name across
/// punctuation becomes the first word of a new name, and a word of a name that the tagger
/// does not consider ([`Words::may_name`]) is outside. Training towards a sequence the decoder
/// can never choose would only push weights without end. Returns the number of words changed.
fn reachable(words: &Words, gold: &mut [Tag]) -> usize {
    let mut changed = 0;
    for (i, tag) in gold.iter_mut().enumerate() {
        let fixed = match *tag {
            Tag::Outside => Tag::Outside,
            _ if !words.may_name(i) => Tag::Outside,
            Tag::Inside(class) if !words.joins(i) => Tag::Begin(class),
            other => other,
        };
        changed += usize::from(fixed != *tag);
        *tag = fixed;
    }
    changed
}

/// The `main` of the training tools (`train-ner`, `tag-ner`, `norec-words`): parses the
/// arguments, runs, and reports a failure on standard error as `PROGRAM: error: cause`, with
/// exit status 1.
#[cfg(feature = "train")]
pub fn program<A: clap::Parser>(name: &str, run: impl FnOnce(&A) -> anyhow::Result<()>) -> std::process::ExitCode {
    match run(&A::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{name}: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Trains a model on documents of gold sentences, calling `progress` after each pass.
///
/// The model keeps the names of the training data as known names ([`KnownNames`]). While
/// training, a document may only use the names of the other documents, split into [`FOLDS`]
/// folds: had it its own names, every name would be known in training and the model would
/// learn to trust the list far more than it deserves on new text.
pub fn train(
    documents: &[Vec<Sentence>],
    options: Options,
    mut progress: impl FnMut(usize, Epoch),
) -> Result<Trained, TrainError> {
    if documents.is_empty() {
        return Err(TrainError::Empty);
    }
    let mut straddling = 0;
    let tokenized: Vec<Vec<Tokenized>> = documents
        .iter()
        .map(|sentences| {
            sentences
                .iter()
                .map(|sentence| {
                    let mut tokens = Vec::new();
                    tokenize(&sentence.text, &mut tokens);
                    let gold = gold_tags(sentence, &tokens, &mut straddling);
                    (sentence, tokens, gold)
                })
                .collect()
        })
        .collect();
    let mut all_names = KnownNames::default();
    let mut fold_names = vec![KnownNames::default(); FOLDS];
    for (index, document) in tokenized.iter().enumerate() {
        for (sentence, tokens, gold) in document {
            for (words, class) in gold_names(&sentence.text, tokens, gold) {
                all_names.add(words.iter().copied(), class);
                for (fold, names) in fold_names.iter_mut().enumerate() {
                    if fold != index % FOLDS {
                        names.add(words.iter().copied(), class);
                    }
                }
            }
        }
    }
    let mut split = 0;
    let mut prepared: Vec<Example> = tokenized
        .into_iter()
        .enumerate()
        .map(|(index, sentences)| {
            let mut example = Example { document: Document::default(), words: Vec::new(), gold: Vec::new() };
            for (sentence, tokens, mut gold) in sentences {
                example.document.add(&sentence.text, &tokens);
                let words = Words::new(&sentence.text, &tokens, &fold_names[index % FOLDS], &mut example.document);
                split += reachable(&words, &mut gold);
                example.words.push(words);
                example.gold.push(gold);
            }
            example
        })
        .collect();
    let runs = (0..options.runs).map(|run| {
        let seed = options.seed.wrapping_add(run as u64);
        perceptron(&mut prepared, seed, options.epochs, |epoch| progress(run, epoch))
    });
    Ok(Trained { model: Model::new(mix(runs, options.runs), all_names), straddling, split })
}

/// The mean of the weights of `count` perceptrons, without the weak features
/// ([`WEAKEST_FEATURE`]). One perceptron depends on the order it saw the documents in, often
/// through one frequent name flipping in a whole document; the mean of several (parameter
/// mixing, McDonald et al. 2010) varies less, at no cost in tagging speed or model size,
/// since weak features are left out after mixing.
fn mix(runs: impl IntoIterator<Item = FeatureMap<[f32; TAGS]>>, count: usize) -> FeatureMap<[f32; TAGS]> {
    let mut mixed: FeatureMap<[f32; TAGS]> = FeatureMap::default();
    for run in runs {
        for (feature, row) in run {
            for (sum, weight) in mixed.entry(feature).or_default().iter_mut().zip(row) {
                *sum += weight / count as f32;
            }
        }
    }
    mixed.retain(|_, row| row.iter().any(|w| w.abs() >= WEAKEST_FEATURE));
    mixed
}

/// One averaged perceptron: `epochs` passes over the documents, shuffled with `seed`. Each
/// document is tagged as recognition tags an article ([`crate::tagger::tag_article`]), and each word decoded,
/// in either of its passes, is a step that learns from its mistakes. Words outside the
/// stretches decoded are outside any name in the gold too ([`reachable`]).
fn perceptron(
    prepared: &mut [Example],
    seed: u64,
    epochs: usize,
    mut progress: impl FnMut(Epoch),
) -> FeatureMap<[f32; TAGS]> {
    let mut weights = Weights::default();
    let mut shuffle = Shuffle(seed | 1);
    let mut features = Vec::new();
    for number in 1..=epochs {
        shuffle.shuffle(prepared);
        let mut epoch = Epoch { number, words: 0, errors: 0 };
        for example in prepared.iter_mut() {
            example.document.forget_tags();
            let (words, gold) = (&example.words, &example.gold);
            let mut passes = Passes::new(words, &mut example.document);
            while let Some(Decoded { text, tags, stretches, document }) = passes.next(&weights) {
                let (words, gold) = (&words[text], &gold[text]);
                for i in stretches.iter().flat_map(|stretch| stretch.clone()) {
                    weights.step += 1;
                    epoch.words += 1;
                    let previous = |path: &[Tag]| if i == 0 { Tag::Outside } else { path[i - 1] };
                    if gold[i] == tags[i] && previous(gold) == previous(tags) {
                        continue;
                    }
                    epoch.errors += usize::from(gold[i] != tags[i]);
                    for (tag, previous, delta) in [(gold[i], previous(gold), 1.0), (tags[i], previous(tags), -1.0)] {
                        features.clear();
                        words.features(i, document, &mut features);
                        features.extend(words.tag_features(i, previous, document));
                        weights.update(&features, tag, delta);
                    }
                }
            }
        }
        progress(epoch);
    }
    weights.averaged()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_averaged_over_steps_then_runs_without_weak_features() {
        let mut weights = Weights { step: 1, ..Weights::default() };
        weights.update(&[1], Tag::Outside, 5.0);
        weights.update(&[2], Tag::Outside, 4.0);
        weights.step = 10;
        let averaged = weights.averaged();
        assert!((averaged[&1][0] - 4.5).abs() < 1e-4, "5 for 9 of 10 steps: {:?}", averaged[&1]);
        let mut other = FeatureMap::default();
        other.insert(1, [3.5; TAGS]);
        let mixed = mix([averaged, other], 2);
        assert_eq!(mixed.len(), 1, "feature 2 averages 3.6 in one run and 0 in the other: weak");
        assert!((mixed[&1][0] - 4.0).abs() < 1e-4);
    }
}
