//! The command line: one function per subcommand, each a thin layer over the library.
//!
//! Exit status, as in grep and ripgrep: 0 when something was found (or done), 1 when a search
//! or listing found nothing, 2 on error.

mod args;
mod bench;
mod output;

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::Value;

use args::NameArgs;
pub use args::{Cli, Command};
use output::{Origin, Output};

use crate::entities::EntityKind;
use crate::index::Archive;
use crate::{ingest, pipeline, search};

pub const EXIT_FOUND: u8 = 0;
pub const EXIT_NOTHING: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let mut out = Output::new(cli.json);
    let found = match cli.command {
        Command::Index { dir, no_entities } => {
            index(&cli.index, &dir, pipeline::Steps { entities: !no_entities }, &mut out)?
        }
        Command::Search(args) => {
            let request = args.request()?;
            search(&Archive::open(&cli.index)?, &request, &mut out)?
        }
        Command::Person(args) => mentioning(&Archive::open(&cli.index)?, EntityKind::Person, &args, &mut out)?,
        Command::Place(args) => mentioning(&Archive::open(&cli.index)?, EntityKind::Place, &args, &mut out)?,
        Command::People(args) => top(&Archive::open(&cli.index)?, EntityKind::Person, args.limit, &mut out)?,
        Command::Places(args) => top(&Archive::open(&cli.index)?, EntityKind::Place, args.limit, &mut out)?,
        Command::Orgs(args) => top(&Archive::open(&cli.index)?, EntityKind::Organisation, args.limit, &mut out)?,
        Command::Show { id_or_path } => show(&Archive::open(&cli.index)?, &id_or_path, &mut out)?,
        Command::Extract { files } => extract(&files, &mut out)?,
        Command::Entities => entities(&mut out)?,
        Command::Bench { queries, passes } => {
            let queries = bench::read_queries(&queries)?;
            let report = bench::run(&Archive::open(&cli.index)?, &queries, passes)?;
            out.bench(&report)?;
            true
        }
    };
    out.flush()?;
    Ok(ExitCode::from(if found { EXIT_FOUND } else { EXIT_NOTHING }))
}

/// Whether an error is a closed stdout (`arkiv search x | head`), which ends output quietly.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

/// `arkiv index`: brings the index up to date with a folder. Fails only when nothing at all
/// could be indexed; skipped files are listed in the summary.
fn index(index_path: &Path, dir: &Path, steps: pipeline::Steps, out: &mut Output) -> Result<bool> {
    let archive = Archive::open_or_create(index_path)?;
    let summary = ingest::run(&archive, dir, steps)?;
    out.summary(&summary)?;
    if summary.nothing_indexed() {
        anyhow::bail!("nothing could be indexed from {}", dir.display());
    }
    Ok(true)
}

/// `arkiv search`: ranked hits with snippets.
fn search(archive: &Archive, request: &search::Request, out: &mut Output) -> Result<bool> {
    let results = search::search(archive, request)?;
    out.results(&results, request.offset)?;
    Ok(!results.hits.is_empty())
}

/// `arkiv person` / `arkiv place`: the articles that mention an entity, or with `--with`
/// what else those articles name.
fn mentioning(archive: &Archive, kind: EntityKind, args: &NameArgs, out: &mut Output) -> Result<bool> {
    let mut mentions = search::mentioning(archive, kind, &args.name, args.with)?;
    if args.with {
        mentions.together.truncate(args.limit);
        out.together(&args.name, &mentions)?;
    } else {
        out.mentioning(&args.name, &mentions)?;
    }
    Ok(!mentions.articles.is_empty())
}

/// `arkiv people` / `places` / `orgs`: the most mentioned entities of a kind.
fn top(archive: &Archive, kind: EntityKind, limit: usize, out: &mut Output) -> Result<bool> {
    let counts = archive.names.get(&archive.reader.searcher(), archive.fields.entity(kind), kind)?.top(limit);
    out.name_counts(&counts)?;
    Ok(!counts.is_empty())
}

/// `arkiv show`: a stored article.
fn show(archive: &Archive, id_or_path: &str, out: &mut Output) -> Result<bool> {
    match search::show(archive, id_or_path)? {
        Some(stored) => {
            out.article(&Origin::Stored { id: &stored.id, path: &stored.path }, &stored.article)?;
            Ok(true)
        }
        None => anyhow::bail!("no article with id or path {id_or_path:?} in {}", archive.path.display()),
    }
}

/// `arkiv extract`: the pipeline on each file, nothing indexed. A file that yields no article
/// is reported with its reason and the rest go on; the exit status then says that one failed.
fn extract(files: &[PathBuf], out: &mut Output) -> Result<bool> {
    let mut failed = 0usize;
    for file in files {
        let extracted = match pipeline::extract_file(file) {
            Ok(extracted) => extracted,
            Err(error) if files.len() > 1 => {
                eprintln!("arkiv: {}: {error}", file.display());
                failed += 1;
                continue;
            }
            Err(error) => return Err(error).with_context(|| format!("{}", file.display())),
        };
        for warning in &extracted.warnings {
            eprintln!("arkiv: warning: {}: {warning}", file.display());
        }
        let path = file.to_string_lossy();
        out.article(&Origin::File { path: &path, encoding: extracted.encoding }, &extracted.article)?;
    }
    if failed > 0 {
        anyhow::bail!("{failed} of {} files yielded no article", files.len());
    }
    Ok(true)
}

/// `arkiv entities`: named entities for JSON lines on stdin. Consecutive lines with the same
/// `doc_id` are one document and are tagged together, as the texts of one article are. A bad
/// line is reported with its number and the rest go on; the exit status then says that
/// something failed.
fn entities(out: &mut Output) -> Result<bool> {
    let mut failed = 0usize;
    let mut document: Vec<Value> = Vec::new();
    for (number, line) in io::stdin().lock().lines().enumerate() {
        let line = line.context("cannot read stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        match output::entities_input(&line) {
            Ok(value) => {
                if document.last().is_some_and(|last| !same_document(last, &value)) {
                    out.entities(&mut document)?;
                }
                document.push(value);
            }
            Err(error) => {
                eprintln!("arkiv: line {}: {error:#}", number + 1);
                failed += 1;
            }
        }
    }
    out.entities(&mut document)?;
    if failed > 0 {
        anyhow::bail!("{failed} input lines could not be read");
    }
    Ok(true)
}

/// Two input lines belong to one document when both name it and the names agree.
fn same_document(a: &Value, b: &Value) -> bool {
    let id = |value: &Value| value.get("doc_id").filter(|id| !id.is_null()).cloned();
    id(a).is_some() && id(a) == id(b)
}
