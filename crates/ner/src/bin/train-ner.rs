//! `train-ner`: trains the entity tagger on NorNE and writes the model that `arkiv` embeds.
//!
//! Reads the Bokmål and Nynorsk training splits (with their document maps) from a NorNE
//! directory laid out as in `../shared/eval/ner`, trains one model for both written forms, and
//! writes it to `crates/ner/src/tagger.model`. Rebuild `arkiv` afterwards to embed the new model.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use arkiv_ner::train::{self, Options};

/// Train the entity tagger on NorNE's training splits.
#[derive(Parser)]
struct Args {
    /// NorNE directory with nob/no_bokmaal-ud-train.conllu and nno/no_nynorsk-ud-train.conllu.
    #[arg(long, default_value = "../shared/eval/ner")]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "crates/ner/src/tagger.model")]
    out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Seed for shuffling the documents between passes.
    #[arg(long, default_value_t = 2020)]
    seed: u64,
    /// Perceptrons to train, each with its own shuffle, whose weights are averaged.
    #[arg(long, default_value_t = 10)]
    runs: usize,
}

/// The training files, relative to the data directory.
const SPLITS: [&str; 2] = ["nob/no_bokmaal-ud-train", "nno/no_nynorsk-ud-train"];

fn read_documents(data: &Path) -> Result<Vec<Vec<train::Sentence>>> {
    let mut documents = Vec::new();
    for split in SPLITS {
        let sentences = train::read_sentences(&data.join(format!("{split}.conllu")))?;
        let map = train::read_document_map(&data.join(format!("{split}.docmap.tsv")))?;
        eprintln!("{split}: {} sentences", sentences.len());
        documents.extend(train::into_documents(sentences, &map));
    }
    Ok(documents)
}

fn run(args: &Args) -> Result<()> {
    let documents = read_documents(&args.data)?;
    let options = Options { epochs: args.epochs, seed: args.seed, runs: args.runs };
    let trained = train::train(&documents, options, |run, epoch| {
        let accuracy = 1.0 - epoch.errors as f64 / epoch.words.max(1) as f64;
        eprintln!(
            "run {}, pass {:>2}: {} words, {} wrong, accuracy {accuracy:.4}",
            run + 1,
            epoch.number,
            epoch.words,
            epoch.errors
        );
    })?;
    eprintln!("{} words straddle the edge of a gold name and were trained as outside", trained.straddling);
    eprintln!("{} words of gold names the tagger cannot produce were retagged", trained.split);
    let model = trained.model;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} features, {} known names, {} bytes)",
        args.out.display(),
        model.len(),
        model.known_names(),
        bytes.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("train-ner: {error:#}");
            ExitCode::FAILURE
        }
    }
}
