//! Word classes by the exchange algorithm, for `norec-words clusters`.
//!
//! The classes are those of a class bigram model, P(w | v) = P(class(w) | class(v)) ·
//! P(w | class(w)), chosen to make the corpus likely (Kneser and Ney 1993; Martin, Liermann and
//! Ney 1998): the classes that Brown clustering approximates, without its hierarchy, and fast
//! enough for NoReC's 17.7 million words on one core. The log-likelihood is, up to terms that do
//! not depend on the classes, Σ N(g, h) log N(g, h) − 2 Σ N(g) log N(g) over the class bigram
//! counts N(g, h) and class counts N(g). Each round takes every word in turn, most frequent
//! first, out of its class and puts it in the class where the likelihood gains most, which
//! only needs the counts of the word's neighbours by class.
//!
//! Words are lowercased, and every sentence begins with a boundary word, as the tagger's
//! tokenizer sees sentences ([`Token::initial`]). Words seen fewer than the least count given
//! share one word, so that the counts of their neighbours still add up; neither that word nor
//! the boundary is written out. Everything is in a fixed order (words by count, then
//! alphabetically; the first assignment round-robin in that order), so the same corpus gives the
//! same classes.

use std::collections::HashMap;

use crate::tokens::{Token, tokenize};

/// The words of a corpus, as numbers in the order of the text.
#[derive(Default)]
pub struct Corpus {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u64>,
    /// The corpus as word numbers; [`BOUNDARY`] before each sentence.
    stream: Vec<u32>,
    tokens: Vec<Token>,
}

/// The word number of the boundary before each sentence.
const BOUNDARY: u32 = 0;

/// Rounds after which the classes are taken as they are, even if words still move.
const MOST_ROUNDS: usize = 12;

/// A round that moves fewer than one word in this many ends the rounds.
const SETTLED: usize = 1_000;

/// `x ln x` is looked up below this count, and computed above.
const TABULATED: usize = 1 << 20;

impl Corpus {
    /// A corpus with nothing in it yet.
    pub fn new() -> Self {
        let mut corpus = Corpus::default();
        corpus.id("\u{2}boundary");
        corpus
    }

    fn id(&mut self, word: &str) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = u32::try_from(self.words.len()).expect("fewer distinct words than fit in 32 bits");
        self.ids.insert(word.to_owned(), id);
        self.words.push(word.to_owned());
        self.counts.push(0);
        id
    }

    /// Adds the words of `text`, each sentence after a boundary.
    pub fn add(&mut self, text: &str) {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokenize(text, &mut tokens);
        for (i, token) in tokens.iter().enumerate() {
            if token.initial || i == 0 {
                self.stream.push(BOUNDARY);
                self.counts[BOUNDARY as usize] += 1;
            }
            let id = self.id(&token.text(text).to_lowercase());
            self.stream.push(id);
            self.counts[id as usize] += 1;
        }
        self.tokens = tokens;
    }

    /// The classes of the words seen at least `least` times, in each of the clusterings of
    /// `sizes` classes: word (alphabetical order) and its class in each. Progress goes to
    /// standard error.
    pub fn classes(&self, least: u64, sizes: &[usize]) -> Vec<(&str, Vec<u32>)> {
        // Renumber: the boundary first, then the kept words by count, then one word for the rest.
        let mut kept: Vec<u32> = (1..self.words.len() as u32).filter(|id| self.counts[*id as usize] >= least).collect();
        kept.sort_by(|a, b| {
            self.counts[*b as usize]
                .cmp(&self.counts[*a as usize])
                .then_with(|| self.words[*a as usize].cmp(&self.words[*b as usize]))
        });
        let rare = kept.len() as u32 + 1;
        let mut number = vec![rare; self.words.len()];
        number[BOUNDARY as usize] = 0;
        for (n, id) in kept.iter().enumerate() {
            number[*id as usize] = n as u32 + 1;
        }
        let bigrams = Bigrams::of(self.stream.iter().map(|id| number[*id as usize]), rare as usize + 1);
        eprintln!("{} words kept of {}, {} distinct bigrams", kept.len(), self.words.len(), bigrams.distinct());
        let clusterings: Vec<Vec<u32>> = sizes.iter().map(|size| bigrams.exchange(*size)).collect();
        let mut out: Vec<(&str, Vec<u32>)> = kept
            .iter()
            .enumerate()
            .map(|(n, id)| {
                (self.words[*id as usize].as_str(), clusterings.iter().map(|classes| classes[n + 1]).collect())
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }
}

/// The bigram counts of a corpus of word numbers, by first word and by second.
struct Bigrams {
    counts: Vec<u64>,
    /// For each word, the words that follow it and how often (`after[after_start[w]..
    /// after_start[w + 1]]`).
    after_start: Vec<usize>,
    after: Vec<(u32, u64)>,
    before_start: Vec<usize>,
    before: Vec<(u32, u64)>,
}

impl Bigrams {
    fn of(stream: impl Iterator<Item = u32>, words: usize) -> Self {
        let stream: Vec<u32> = stream.collect();
        let mut counts = vec![0u64; words];
        for word in &stream {
            counts[*word as usize] += 1;
        }
        let mut pairs: Vec<u64> = stream.windows(2).map(|pair| u64::from(pair[0]) << 32 | u64::from(pair[1])).collect();
        drop(stream);
        pairs.sort_unstable();
        let (after_start, after) = Self::lists(&pairs, words);
        for pair in &mut pairs {
            *pair = pair.rotate_left(32);
        }
        pairs.sort_unstable();
        let (before_start, before) = Self::lists(&pairs, words);
        Bigrams { counts, after_start, after, before_start, before }
    }

    /// Sorted pairs (first << 32 | second) as lists of (second, count) by first.
    fn lists(pairs: &[u64], words: usize) -> (Vec<usize>, Vec<(u32, u64)>) {
        let mut start = vec![0usize; words + 1];
        let mut list: Vec<(u32, u64)> = Vec::new();
        let mut i = 0;
        while i < pairs.len() {
            let pair = pairs[i];
            let run = pairs[i..].iter().take_while(|other| **other == pair).count();
            start[(pair >> 32) as usize + 1] += 1;
            list.push((pair as u32, run as u64));
            i += run;
        }
        for w in 0..words {
            start[w + 1] += start[w];
        }
        (start, list)
    }

    fn distinct(&self) -> usize {
        self.after.len()
    }

    fn after(&self, word: usize) -> &[(u32, u64)] {
        &self.after[self.after_start[word]..self.after_start[word + 1]]
    }

    fn before(&self, word: usize) -> &[(u32, u64)] {
        &self.before[self.before_start[word]..self.before_start[word + 1]]
    }

    /// The class of each word in `size` classes, by rounds of the exchange algorithm.
    fn exchange(&self, size: usize) -> Vec<u32> {
        let words = self.counts.len();
        let table: Vec<f64> = (0..TABULATED).map(|x| x_ln_x(x as i64)).collect();
        let f = |x: i64| if (x as usize) < TABULATED { table[x as usize] } else { x_ln_x(x) };
        let mut class: Vec<u32> = (0..words).map(|w| (w % size) as u32).collect();
        // pair[g * size + h] = N(g, h); pair_t[h * size + g] = N(g, h), so that both the row and
        // the column of a class are read in order.
        let mut pair = vec![0i64; size * size];
        let mut pair_t = vec![0i64; size * size];
        let mut total = vec![0i64; size];
        for w in 0..words {
            total[class[w] as usize] += self.counts[w] as i64;
            for (v, n) in self.after(w) {
                let (g, h) = (class[w] as usize, class[*v as usize] as usize);
                pair[g * size + h] += *n as i64;
                pair_t[h * size + g] += *n as i64;
            }
        }
        // The word's neighbours by class: after[h] the bigrams (word, v) with v in class h,
        // before[g] those of (u, word) with u in g; the bigram (word, word) apart.
        let mut after = vec![0i64; size];
        let mut before = vec![0i64; size];
        let (mut after_classes, mut before_classes) = (Vec::with_capacity(size), Vec::with_capacity(size));
        for round in 1..=MOST_ROUNDS {
            let mut moved = 0;
            for w in 0..words {
                let (count, from) = (self.counts[w] as i64, class[w] as usize);
                let mut own = 0i64;
                for (list, by_class, classes) in [
                    (self.after(w), &mut after, &mut after_classes),
                    (self.before(w), &mut before, &mut before_classes),
                ] {
                    classes.clear();
                    for (v, n) in list {
                        if *v as usize == w {
                            own = *n as i64;
                            continue;
                        }
                        let c = class[*v as usize] as usize;
                        if by_class[c] == 0 {
                            classes.push(c);
                        }
                        by_class[c] += *n as i64;
                    }
                }
                let shift = |pair: &mut [i64], pair_t: &mut [i64], total: &mut [i64], to: usize, sign: i64| {
                    for h in &after_classes {
                        pair[to * size + h] += sign * after[*h];
                        pair_t[h * size + to] += sign * after[*h];
                    }
                    for g in &before_classes {
                        pair[g * size + to] += sign * before[*g];
                        pair_t[to * size + g] += sign * before[*g];
                    }
                    pair[to * size + to] += sign * own;
                    pair_t[to * size + to] += sign * own;
                    total[to] += sign * count;
                };
                shift(&mut pair, &mut pair_t, &mut total, from, -1);
                let gain = |b: usize| {
                    let (row, column) = (&pair[b * size..(b + 1) * size], &pair_t[b * size..(b + 1) * size]);
                    let mut gain = 0.0;
                    for h in after_classes.iter().filter(|h| **h != b) {
                        gain += f(row[*h] + after[*h]) - f(row[*h]);
                    }
                    for g in before_classes.iter().filter(|g| **g != b) {
                        gain += f(column[*g] + before[*g]) - f(column[*g]);
                    }
                    gain += f(row[b] + after[b] + before[b] + own) - f(row[b]);
                    gain - 2.0 * (f(total[b] + count) - f(total[b]))
                };
                let mut best = (from, gain(from));
                for b in (0..size).filter(|b| *b != from) {
                    let g = gain(b);
                    if g > best.1 {
                        best = (b, g);
                    }
                }
                shift(&mut pair, &mut pair_t, &mut total, best.0, 1);
                if best.0 != from {
                    class[w] = best.0 as u32;
                    moved += 1;
                }
                for c in &after_classes {
                    after[*c] = 0;
                }
                for c in &before_classes {
                    before[*c] = 0;
                }
            }
            eprintln!("{size} classes, round {round}: {moved} words moved");
            if moved * SETTLED < words {
                break;
            }
        }
        class
    }
}

fn x_ln_x(x: i64) -> f64 {
    if x <= 0 { 0.0 } else { x as f64 * (x as f64).ln() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_used_alike_share_a_class() {
        let mut corpus = Corpus::new();
        for _ in 0..20 {
            for (town, verb) in [("Oslo", "reiste"), ("Bergen", "flyttet"), ("Tromsø", "dro")] {
                corpus.add(&format!("Hun {verb} til {town} i går. Han bor i {town} nå."));
            }
        }
        let classes: HashMap<&str, Vec<u32>> = corpus.classes(5, &[4]).into_iter().collect();
        let class = |word: &str| classes[word][0];
        assert_eq!(class("oslo"), class("bergen"));
        assert_eq!(class("oslo"), class("tromsø"));
        assert_eq!(class("reiste"), class("dro"));
        assert_ne!(class("oslo"), class("reiste"));
        assert!(!classes.contains_key("\u{2}boundary"));
    }
}
