//! `train-ner`: trains the entity tagger on NorNE and writes the model that `arkiv` embeds.
//!
//! Reads the Bokmål and Nynorsk training splits (with their document maps) from a NorNE
//! directory laid out as in `../shared/eval/ner`, trains one model for both written forms, and
//! writes it to `crates/ner/src/tagger.model`. Rebuild `arkiv` afterwards to embed the new model.
//!
//! Cross-validation (`bench/ner-cv.sh`) trains on other sets of documents: `--splits train,dev`
//! reads the dev splits too, `--leave-out FILE` leaves the documents listed there out, and
//! `--out` writes the model elsewhere, for `tag-ner --model` to tag with.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use arkiv_ner::train::{self, Options};

/// Train the entity tagger on NorNE's training splits.
#[derive(Parser)]
struct Args {
    /// NorNE directory with nob/no_bokmaal-ud-SPLIT.conllu and nno/no_nynorsk-ud-SPLIT.conllu.
    #[arg(long, default_value = "../shared/eval/ner")]
    data: PathBuf,
    /// The splits to train on, each in Bokmål and Nynorsk.
    #[arg(long, value_delimiter = ',', default_value = "train")]
    splits: Vec<String>,
    /// A file of document ids (`nob/ap001/03`, one per line) to leave out of training.
    #[arg(long)]
    leave_out: Option<PathBuf>,
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

/// The files of a split, relative to the data directory, without their extension.
fn split_files(split: &str) -> [String; 2] {
    [format!("nob/no_bokmaal-ud-{split}"), format!("nno/no_nynorsk-ud-{split}")]
}

fn read_leave_out(path: &Path) -> Result<HashSet<String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect())
}

fn read_documents(data: &Path, splits: &[String], leave_out: &HashSet<String>) -> Result<Vec<Vec<train::Sentence>>> {
    let mut documents = Vec::new();
    for file in splits.iter().flat_map(|split| split_files(split)) {
        let mut sentences = train::read_sentences(&data.join(format!("{file}.conllu")))?;
        let map = train::read_document_map(&data.join(format!("{file}.docmap.tsv")))?;
        let all = sentences.len();
        sentences.retain(|sentence| !map.get(sentence.id()).is_some_and(|document| leave_out.contains(document)));
        eprintln!("{file}: {} sentences, {} left out", sentences.len(), all - sentences.len());
        documents.extend(train::into_documents(sentences, &map));
    }
    Ok(documents)
}

fn run(args: &Args) -> Result<()> {
    let leave_out = args.leave_out.as_deref().map(read_leave_out).transpose()?.unwrap_or_default();
    let documents = read_documents(&args.data, &args.splits, &leave_out)?;
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
    arkiv_ner::train::program::<Args>("train-ner", run)
}
