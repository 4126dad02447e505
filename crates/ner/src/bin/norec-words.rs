//! `norec-words`: the tables of what a large corpus tells of its words, which the entity
//! tagger ships (`crates/ner/src/norec/`): how often each word is capitalised in mid-sentence
//! (`capitals`), and word classes learned from each word's neighbours (`clusters`).
//!
//! ```text
//! tar -xzf ../shared/corpus/norec.tar.gz -C /tmp
//! cargo run --release -p arkiv-ner --features train --bin norec-words -- capitals /tmp/norec \
//!     > crates/ner/src/norec/capitals.tsv
//! cargo run --release -p arkiv-ner --features train --bin norec-words -- clusters /tmp/norec \
//!     > crates/ner/src/norec/clusters.tsv
//! ```
//!
//! Every `.txt` file below the folder is read, in the order of their paths, so the same corpus
//! gives the same tables.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use arkiv_ner::{Capitals, Corpus, text_files};

/// The fewest mid-sentence occurrences of a word for it to be in the capitals table: fewer say
/// little about how it is written.
const LEAST_MID_SENTENCE: u32 = 5;

/// The fewest occurrences of a word for it to be classed: fewer neighbours say little about
/// how it is used.
const LEAST_TO_CLASS: u64 = 5;

/// The number of classes of each clustering, coarse to fine (as many as the tagger reads).
const CLASS_COUNTS: [usize; 3] = [64, 256, 1024];

/// Tables of how a corpus writes and uses its words.
#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    table: Table,
}

#[derive(Subcommand)]
enum Table {
    /// The share of each word's mid-sentence occurrences written with a capital.
    Capitals {
        /// The corpus folder (NoReC), read recursively for `.txt` files.
        corpus: PathBuf,
    },
    /// Word classes by the words around each word, in several clusterings.
    Clusters {
        /// The corpus folder (NoReC), read recursively for `.txt` files.
        corpus: PathBuf,
    },
}

/// Calls `add` with the text of every `.txt` file below `folder`, and says how many there were.
fn read_corpus(folder: &Path, mut add: impl FnMut(&str)) -> Result<usize> {
    let files = text_files(folder).context("cannot list the corpus")?;
    for path in &files {
        add(&std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?);
    }
    Ok(files.len())
}

fn run(args: &Args) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut written = 0;
    match &args.table {
        Table::Capitals { corpus } => {
            let mut capitals = Capitals::default();
            let files = read_corpus(corpus, |text| capitals.add(text))?;
            writeln!(out, "# How often NoReC capitalises a word in mid-sentence, made by `norec-words capitals`")?;
            writeln!(out, "# from {files} texts of NoReC, the Norwegian Review Corpus (Velldal et al., LREC 2018).")?;
            writeln!(
                out,
                "# word (lowercase)<TAB>per mille of its mid-sentence occurrences capitalised (at least {LEAST_MID_SENTENCE})"
            )?;
            for (word, share) in capitals.shares(LEAST_MID_SENTENCE).filter(|(word, _)| !word.contains('\t')) {
                writeln!(out, "{word}\t{share}")?;
                written += 1;
            }
        }
        Table::Clusters { corpus } => {
            let mut words = Corpus::new();
            let files = read_corpus(corpus, |text| words.add(text))?;
            let classes = words.classes(LEAST_TO_CLASS, &CLASS_COUNTS);
            writeln!(out, "# Word classes of NoReC by the exchange algorithm, made by `norec-words clusters`")?;
            writeln!(out, "# from {files} texts of NoReC, the Norwegian Review Corpus (Velldal et al., LREC 2018).")?;
            let counts = CLASS_COUNTS.map(|count| count.to_string()).join(", ");
            writeln!(out, "# word (lowercase, at least {LEAST_TO_CLASS} times)<TAB>its class among {counts}")?;
            for (word, classes) in classes.iter().filter(|(word, _)| !word.contains('\t')) {
                let classes: Vec<String> = classes.iter().map(u32::to_string).collect();
                writeln!(out, "{word}\t{}", classes.join("\t"))?;
                written += 1;
            }
        }
    }
    out.flush()?;
    eprintln!("{written} words written");
    Ok(())
}

fn main() -> ExitCode {
    arkiv_ner::train::program::<Args>("norec-words", run)
}
