//! Builds the compound lexicon that ships with arkiv (`crates/engine/src/index/parts.tsv`) from
//! a corpus of Norwegian text, NoReC: every word form that some articles write, with the number
//! of articles that write it and whether it can be the head (last part) or a modifier (earlier
//! part) of a compound. The index splits compounds with it (`index/parts.rs`).
//!
//! ```text
//! tar -xzf ../shared/corpus/norec.tar.gz -C /tmp
//! cargo run --release -p arkiv-engine --features lexicon --bin compound-lexicon -- /tmp/norec \
//!     > crates/engine/src/index/parts.tsv
//! ```
//!
//! A part is a word the corpus writes on its own, in at least [`MIN_ARTICLES`] articles, of at
//! least [`MIN_PART`] letters, and no stop word of Snowball's Norwegian list. A word is no head when more words of the corpus end with it than
//! articles write it alone: it behaves as an ending ("ene", "het", "ler"), not as a word. It is
//! no modifier when it is a preposition or adverbial particle ([`PARTICLES`]), whose compounds
//! are derivations with meanings of their own ("underholdning", "forestilling"), nor when more
//! words begin with it than articles write it alone and fewer than [`MIN_COMPOUND_SHARE`] of
//! those words go on as a word: then it behaves as a prefix ("fore-ldre", "fore-løpig"), while
//! a stem that is seldom written alone but begins compounds ("hoved-rollen", "hoved-personen")
//! is a modifier.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

use tantivy::tokenizer::{Language, RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream};

/// The fewest articles that write a word for it to be a part (fewer are misprints and names).
const MIN_ARTICLES: u32 = 3;

/// The fewest letters of a part.
const MIN_PART: usize = 3;

/// The longest beginning or ending of a word counted for the affix test; longer ones are words.
const MAX_AFFIX: usize = 7;
/// The least share of the words beginning with a word that must go on as a word (after a
/// linking -s- or -e-) for it to be a modifier though it begins more words than articles write
/// it: most, so that a prefix, which also begins words that go on as no word, is none.
const MIN_COMPOUND_SHARE: f64 = 0.75;

/// The longest token the index keeps ([`arkiv_engine`]'s analyzer drops longer ones).
const MAX_TOKEN_BYTES: usize = 40;

/// Prepositions and adverbial particles, Bokmål and Nynorsk, sorted: never modifiers.
const PARTICLES: &[&str] = &[
    "av", "bak", "blant", "etter", "for", "foran", "fra", "fram", "frem", "gjennom", "hjem", "hos", "i", "imot", "inn",
    "innen", "langs", "med", "mellom", "mot", "ned", "om", "omkring", "opp", "over", "på", "rundt", "sammen", "til",
    "tilbake", "under", "unntatt", "ut", "uten", "ved", "vekk",
];

fn main() {
    let Some(folder) = std::env::args().nth(1) else {
        eprintln!("usage: compound-lexicon CORPUS_DIR > parts.tsv");
        std::process::exit(2);
    };
    let mut articles: BTreeMap<String, u32> = BTreeMap::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
        let entry = entry.unwrap_or_else(|error| fail(Path::new(&folder), &error.to_string()));
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|extension| extension != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_else(|error| fail(entry.path(), &error.to_string()));
        for word in words(&text) {
            *articles.entry(word).or_default() += 1;
        }
        files += 1;
    }
    let is_part =
        |word: &str| word.chars().count() >= MIN_PART && articles.get(word).is_some_and(|&count| count >= MIN_ARTICLES);
    let (mut endings, mut beginnings): (BTreeMap<&str, u32>, BTreeMap<&str, u32>) = Default::default();
    // Of the words that begin with a beginning, those that go on as a word.
    let mut compounds: BTreeMap<&str, u32> = BTreeMap::new();
    for word in articles.iter().filter(|&(_, &count)| count >= 2).map(|(word, _)| word.as_str()) {
        let bounds: Vec<usize> = word.char_indices().map(|(at, _)| at).skip(1).collect();
        for &at in bounds.iter().take(MAX_AFFIX) {
            *beginnings.entry(&word[..at]).or_default() += 1;
            let rest = &word[at..];
            if arkiv_engine::COMPOUND_LINKERS.iter().any(|linker| rest.strip_prefix(linker).is_some_and(is_part)) {
                *compounds.entry(&word[..at]).or_default() += 1;
            }
        }
        for &at in bounds.iter().rev().take(MAX_AFFIX) {
            *endings.entry(&word[at..]).or_default() += 1;
        }
    }
    let particles: HashSet<&str> = PARTICLES.iter().copied().collect();
    let mut stop_words = TextAnalyzer::builder(RawTokenizer::default())
        .filter(StopWordFilter::new(Language::Norwegian).expect("Snowball has Norwegian stop words"))
        .build();
    let mut is_stop_word = |word: &str| stop_words.token_stream(word).next().is_none();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = 0;
    let result = (|| -> std::io::Result<()> {
        writeln!(out, "# The compound lexicon of arkiv, made by crates/engine/src/bin/compound-lexicon.rs")?;
        writeln!(out, "# from {files} articles of NoReC, the Norwegian Review Corpus (Velldal et al., LREC 2018;")?;
        writeln!(out, "# CC BY-NC 4.0; its authors do not count lexicons derived from it as its data).")?;
        writeln!(out, "# word<TAB>articles<TAB>h (head), m (modifier), hm (both) or - (neither)")?;
        writeln!(out, "# articles: {files}")?;
        for (word, &count) in articles.iter().filter(|&(_, &count)| count >= MIN_ARTICLES) {
            let part = word.chars().count() >= MIN_PART && !is_stop_word(word);
            let head = part && endings.get(word.as_str()).copied().unwrap_or(0) <= count;
            let begun = beginnings.get(word.as_str()).copied().unwrap_or(0);
            let compounded = compounds.get(word.as_str()).copied().unwrap_or(0);
            let modifier = part
                && (begun <= count || f64::from(compounded) >= MIN_COMPOUND_SHARE * f64::from(begun))
                && !particles.contains(word.as_str());
            // A word that is no part matters only as a whole that may be split.
            if !head && !modifier && word.chars().count() < 2 * MIN_PART {
                continue;
            }
            let flags = match (head, modifier) {
                (true, true) => "hm",
                (true, false) => "h",
                (false, true) => "m",
                (false, false) => "-",
            };
            writeln!(out, "{word}\t{count}\t{flags}")?;
            written += 1;
        }
        out.flush()
    })();
    if let Err(error) = result {
        fail(Path::new("standard output"), &error.to_string());
    }
    eprintln!("{written} words from {files} articles");
}

/// The distinct words of a text as the index's analyzer spells them before stop words and
/// stemming: lowercased and folded, words of letters only.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && word.len() <= MAX_TOKEN_BYTES && word.chars().all(char::is_alphabetic))
        .map(|word| {
            let lower = word.to_lowercase();
            arkiv_text::fold(&lower).map_or(lower, |(norwegian, _)| norwegian)
        })
        .collect()
}

fn fail(path: &Path, reason: &str) -> ! {
    eprintln!("compound-lexicon: {}: {reason}", path.display());
    std::process::exit(2);
}
