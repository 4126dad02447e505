//! `tag-ner`: tags NorNE's sentences with a model file, for evaluating a model that is not
//! (yet) the one `arkiv` embeds.
//!
//! Reads the JSON lines of NorNE's `to_text.py` (`sent_id`, `doc_id`, `text`) on stdin and
//! writes the predictions NorNE's `score_ner.py` reads (`sent_id`, `entities` with character
//! offsets). Consecutive sentences of one `doc_id` are tagged together as one article, as
//! `arkiv entities` does. `bench/ner-cv.sh` runs it on each fold held out of training.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use serde::{Deserialize, Serialize};

use arkiv_ner::{Mention, Model};

/// Tag NorNE sentences (JSON lines on stdin) with a model file.
#[derive(Parser)]
struct Args {
    /// The model file, as `train-ner --out` writes it.
    #[arg(long)]
    model: PathBuf,
}

/// One sentence as `to_text.py` writes it.
#[derive(Deserialize)]
struct Sentence {
    sent_id: String,
    doc_id: Option<String>,
    text: String,
}

/// One name as `score_ner.py` reads it: character offsets, end exclusive.
#[derive(Serialize)]
struct Name {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The names of one sentence.
#[derive(Serialize)]
struct Prediction<'a> {
    sent_id: &'a str,
    entities: Vec<Name>,
}

/// The character offset of byte offset `byte` of `text`.
fn chars_before(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn write_document(model: &Model, document: &mut Vec<Sentence>, out: &mut impl Write) -> Result<()> {
    let texts: Vec<&str> = document.iter().map(|sentence| sentence.text.as_str()).collect();
    let found: Vec<Vec<Mention>> = arkiv_ner::recognize_with(model, &texts);
    for (sentence, mentions) in document.iter().zip(found) {
        let entities = mentions
            .iter()
            .map(|m| Name {
                start: chars_before(&sentence.text, m.start),
                end: chars_before(&sentence.text, m.end),
                kind: m.kind.as_str(),
            })
            .collect();
        serde_json::to_writer(&mut *out, &Prediction { sent_id: &sentence.sent_id, entities })?;
        out.write_all(b"\n")?;
    }
    document.clear();
    Ok(())
}

fn run(args: &Args) -> Result<()> {
    let bytes = std::fs::read(&args.model).with_context(|| format!("cannot read {}", args.model.display()))?;
    let model = Model::from_bytes(&bytes).with_context(|| format!("{}", args.model.display()))?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut document: Vec<Sentence> = Vec::new();
    for (number, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.context("cannot read stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let sentence: Sentence =
            serde_json::from_str(&line).with_context(|| format!("stdin, line {}: not a sentence", number + 1))?;
        if document.last().is_some_and(|last| last.doc_id.is_none() || last.doc_id != sentence.doc_id) {
            write_document(&model, &mut document, &mut out)?;
        }
        document.push(sentence);
    }
    write_document(&model, &mut document, &mut out)?;
    out.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    arkiv_ner::train::program::<Args>("tag-ner", run)
}
