//! `norec-capitals`: counts how often each word of a corpus is capitalised in mid-sentence,
//! and writes the table the entity tagger ships (`crates/ner/src/norec/capitals.tsv`).
//!
//! ```text
//! tar -xzf ../shared/corpus/norec.tar.gz -C /tmp
//! cargo run --release -p arkiv-ner --features train --bin norec-capitals -- /tmp/norec \
//!     > crates/ner/src/norec/capitals.tsv
//! ```
//!
//! Every `.txt` file below the folder is read, in the order of their paths, so the same corpus
//! gives the same table. A word is kept when the corpus has it at least [`LEAST`] times in
//! mid-sentence: fewer say little about how it is written.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use arkiv_ner::Capitals;

/// The fewest mid-sentence occurrences of a word for it to be in the table.
const LEAST: u32 = 5;

/// Count capitalised mid-sentence occurrences of each word of a corpus.
#[derive(Parser)]
struct Args {
    /// The corpus folder (NoReC), read recursively for `.txt` files.
    corpus: PathBuf,
}

fn text_files(folder: &std::path::Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(folder).with_context(|| format!("cannot read {}", folder.display()))?;
    for entry in entries {
        let path = entry.with_context(|| format!("cannot read {}", folder.display()))?.path();
        if path.is_dir() {
            text_files(&path, out)?;
        } else if path.extension().is_some_and(|extension| extension == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn run(args: &Args) -> Result<()> {
    let mut files = Vec::new();
    text_files(&args.corpus, &mut files)?;
    files.sort();
    let mut capitals = Capitals::default();
    for path in &files {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        capitals.add(&text);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "# How often NoReC capitalises a word in mid-sentence, made by crates/ner/src/bin/norec-capitals.rs"
    )?;
    writeln!(out, "# from {} texts of NoReC, the Norwegian Review Corpus (Velldal et al., LREC 2018).", files.len())?;
    writeln!(out, "# word (lowercase)<TAB>per mille of its mid-sentence occurrences capitalised (at least {LEAST})")?;
    let mut written = 0;
    for (word, share) in capitals.shares(LEAST) {
        if word.contains('\t') {
            continue;
        }
        writeln!(out, "{word}\t{share}")?;
        written += 1;
    }
    out.flush()?;
    eprintln!("{written} words from {} texts", files.len());
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("norec-capitals: {error:#}");
            ExitCode::FAILURE
        }
    }
}
