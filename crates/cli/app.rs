//! The commands: one function per subcommand, each a thin layer over the engine.
//!
//! Exit status, as in grep and ripgrep: 0 when something was found (or done), 1 when a search
//! or listing found nothing, 2 on error.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use arkiv_engine::ingest::{self, Settings, Source, Steps};
use arkiv_engine::views::{ArticleView, Period};
use arkiv_engine::{Archive, Backend, Error, Recovery, search};
use arkiv_ner::EntityKind;
use arkiv_text::terminal_safe;
use clap::CommandFactory;

use crate::args::{By, Cli, ClusterArgs, Command, NameArgs, Rebuild};
use crate::output::Output;
use crate::progress::Bar;

/// Something was found or done.
pub(crate) const EXIT_FOUND: u8 = 0;
/// A search or listing found nothing.
pub(crate) const EXIT_NOTHING: u8 = 1;
/// Something went wrong.
pub(crate) const EXIT_ERROR: u8 = 2;
/// `serve --cache-mb` counts in mebibytes.
const BYTES_PER_MB: usize = 1024 * 1024;

/// Runs a parsed command line.
pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    let mut out = Output::new(cli.json, cli.color.enabled());
    let found = match cli.command {
        Command::Index { dir, no_entities, rebuild, prune, commit_every, normal_priority } => {
            if !normal_priority {
                lower_priority();
            }
            let settings = Settings { steps: Steps { entities: !no_entities }, prune, commit_every };
            index(&cli.index, &dir, &settings, rebuild, &mut out)?
        }
        Command::Check => check(&cli.index, &mut out)?,
        Command::Export { opensearch, name, shards } => export(&cli.index, &opensearch, &name, shards, &mut out)?,
        Command::Search(command) => {
            let request = command.search.request()?;
            search(&*crate::backend::open(&cli.index, &command.cluster)?, &request, &mut out)?
        }
        Command::Person(args) => {
            mentioning(&*crate::backend::open(&cli.index, &args.cluster)?, EntityKind::Person, &args, &mut out)?
        }
        Command::Place(args) => {
            mentioning(&*crate::backend::open(&cli.index, &args.cluster)?, EntityKind::Place, &args, &mut out)?
        }
        Command::Org(args) => {
            mentioning(&*crate::backend::open(&cli.index, &args.cluster)?, EntityKind::Organisation, &args, &mut out)?
        }
        Command::Similar(args) => similar(&Archive::open(&cli.index)?, &args.id_or_path, args.limit, &mut out)?,
        Command::Timeline(args) => {
            let (request, period) = args.request()?;
            timeline(&Archive::open(&cli.index)?, &request, period, &mut out)?
        }
        Command::Kwic(args) => kwic(&Archive::open(&cli.index)?, &args.request()?, &mut out)?,
        Command::People(args) => {
            top(&*crate::backend::open(&cli.index, &args.cluster)?, EntityKind::Person, args.limit, &mut out)?
        }
        Command::Places(args) => {
            top(&*crate::backend::open(&cli.index, &args.cluster)?, EntityKind::Place, args.limit, &mut out)?
        }
        Command::Orgs(args) => {
            top(&*crate::backend::open(&cli.index, &args.cluster)?, EntityKind::Organisation, args.limit, &mut out)?
        }
        Command::Show { id_or_path, cluster } => {
            show(&*crate::backend::open(&cli.index, &cluster)?, &id_or_path, &mut out)?
        }
        Command::Duplicates => duplicates(&cli.index, &mut out)?,
        Command::Extract { files } => extract(&files, &mut out)?,
        Command::Entities => crate::entities::entities(&mut out)?,
        Command::Serve { addr, token, cache_mb, cluster } => {
            let cache_bytes = cache_mb.saturating_mul(BYTES_PER_MB);
            serve(&cli.index, &cluster, arkiv_serve::Config { addr, token, cache_bytes })?
        }
        Command::Completions { shell } => {
            // Into memory first: clap_complete panics when a write fails, and a closed pipe
            // (`arkiv completions bash | head`) is no reason to.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "arkiv", &mut script);
            out.raw(&script)?;
            true
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            out.raw(&page)?;
            true
        }
        Command::Bench { queries, passes, command, cluster } => {
            let queries = crate::bench::read_queries(&queries, command)?;
            let report = crate::bench::run(&*crate::backend::open(&cli.index, &cluster)?, &queries, passes)?;
            out.bench(&report)?;
            true
        }
    };
    out.flush()?;
    Ok(ExitCode::from(if found { EXIT_FOUND } else { EXIT_NOTHING }))
}

/// Whether an error is a closed stdout (`arkiv search x | head`), which ends output quietly.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

/// What the user can do about an engine error, in the command line's terms.
pub(crate) fn hint(error: &anyhow::Error) -> Option<&'static str> {
    Some(match error.downcast_ref::<Error>()? {
        Error::NoIndex(_) => "build one with `arkiv index [DIR]` (or point --index / ARKIV_INDEX at one)",
        Error::NotAnIndex(_) => "give --index an empty or new folder",
        Error::Format { found, expected, .. } if found == expected => REBUILD_SOURCES,
        Error::Format { .. } => "run `arkiv index --rebuild` to rebuild it from the articles it stores",
        Error::Damaged { recovery: Recovery::Rebuild, .. } => {
            "run `arkiv index --rebuild` to rebuild it from the articles it stores"
        }
        Error::Damaged { recovery: Recovery::RebuildSources, .. } => REBUILD_SOURCES,
        Error::Damaged { recovery: Recovery::Unknown, .. } => "`arkiv check` says what is damaged and how to recover",
        Error::Busy => "wait until it has finished",
        Error::NothingToSearch => "give words, or a filter such as --person or --from",
        _ => return None,
    })
}

/// The advice for an index whose stored articles cannot all be read.
const REBUILD_SOURCES: &str = "run `arkiv index DIR --rebuild sources` to index the source files under DIR again";

/// `arkiv check`: looks for damage in the index. The report goes to stdout; damage is then an
/// error, with the advice that fits it.
fn check(index_path: &Path, out: &mut Output) -> Result<bool> {
    let report = arkiv_engine::check(index_path)?;
    out.check(&report)?;
    out.flush()?;
    if let Some(recovery) = report.recovery {
        let problems = if report.problems.len() == 1 { "problem" } else { "problems" };
        let detail = format!("{} {problems} found in {}", report.problems.len(), index_path.display());
        return Err(Error::Damaged { detail, recovery }.into());
    }
    Ok(true)
}

/// How much an ingest lowers its CPU priority (its nice value), unless told not to: enough that
/// a server's searches get nearly all of a core the ingest would share (at 10 a thread has a
/// tenth of the share of one at 0), while the ingest still has every core nothing else wants.
const INGEST_NICENESS: i32 = 10;

/// The highest nice value, the lowest priority.
const LOWEST_PRIORITY: i32 = 19;

/// Lowers the CPU priority of this thread, and so of every thread it starts after (tantivy's
/// writers, the extraction's workers), by [`INGEST_NICENESS`]. Lowering it needs no privilege;
/// should it fail anyway, the ingest runs as well at the priority it has, so nothing is said.
fn lower_priority() {
    #[cfg(unix)]
    if let Ok(nice) = rustix::process::getpriority_process(None) {
        let _ = rustix::process::setpriority_process(None, (nice + INGEST_NICENESS).min(LOWEST_PRIORITY));
    }
}

/// `arkiv index`: brings the index up to date with a folder, or rebuilds it. Fails only when
/// nothing at all could be indexed; skipped files are listed in the summary.
fn index(
    index_path: &Path,
    dir: &Path,
    settings: &Settings,
    rebuild: Option<Rebuild>,
    out: &mut Output,
) -> Result<bool> {
    let bar = Bar::new("files");
    let steps = settings.steps;
    let summary = match rebuild {
        None => {
            let summary = ingest::update(index_path, dir, settings, &bar)?;
            if !summary.nothing_indexed()
                && let Ok(archive) = Archive::open(index_path)
            {
                if archive.names_are_stale() {
                    eprintln!(
                        "arkiv: note: the names of the unchanged articles were found by another entity model; `arkiv index --rebuild` finds them anew"
                    );
                }
                if archive.parts_are_stale() {
                    eprintln!(
                        "arkiv: note: the compounds of the unchanged articles were split with another lexicon; `arkiv index --rebuild` splits them anew"
                    );
                }
            }
            summary
        }
        Some(Rebuild::Stored) => ingest::rebuild(index_path, &Source::Stored, steps, &bar)?,
        Some(Rebuild::Sources) => ingest::rebuild(index_path, &Source::Files(dir.to_path_buf()), steps, &bar)?,
    };
    out.summary(&summary)?;
    if summary.nothing_indexed() {
        anyhow::bail!("nothing could be indexed from {}", dir.display());
    }
    Ok(true)
}

/// `arkiv serve`: the archive (the local index, or the index on a cluster) over HTTP until
/// interrupted. The address it listens on goes to stdout as soon as it does, for whoever
/// started it with port 0.
fn serve(index_path: &Path, cluster: &ClusterArgs, config: arkiv_serve::Config) -> Result<bool> {
    let backend = crate::backend::open(index_path, cluster)?;
    let described = terminal_safe(&backend.describe()).into_owned();
    arkiv_serve::run(config, backend, |bound| {
        println!("arkiv: serving {described} on http://{bound}/");
        // Flushed now: a script waiting for the address reads it through a pipe.
        let _ = io::Write::flush(&mut io::stdout());
    })?;
    Ok(true)
}

/// `arkiv export`: the index's articles to an index on a cluster, incrementally.
fn export(index_path: &Path, url: &str, name: &str, shards: Option<u32>, out: &mut Output) -> Result<bool> {
    let archive = Archive::open(index_path)?;
    let cluster = crate::backend::cluster(url, name)?;
    let summary = cluster.export(&archive, shards, &Bar::new("articles"))?;
    out.export_summary(&summary)?;
    Ok(true)
}

/// `arkiv search`: ranked hits with snippets.
fn search(backend: &dyn Backend, request: &search::Request, out: &mut Output) -> Result<bool> {
    let results = backend.search(request)?;
    out.results(&results, &request.query, request.offset)?;
    Ok(!results.hits.is_empty())
}

/// `arkiv duplicates`: the groups of copies in the local index.
fn duplicates(index_path: &Path, out: &mut Output) -> Result<bool> {
    let groups = arkiv_engine::duplicates(&Archive::open(index_path)?)?;
    out.copy_groups(&groups)?;
    Ok(!groups.is_empty())
}

/// `arkiv person` / `place` / `org`: the articles that mention an entity, with `--with` what
/// else those articles name, or with `--timeline` how many there are over time.
fn mentioning(backend: &dyn Backend, kind: EntityKind, args: &NameArgs, out: &mut Output) -> Result<bool> {
    if args.timeline {
        let mut filters = search::Filters::default();
        let names = match kind {
            EntityKind::Person => &mut filters.people,
            EntityKind::Place => &mut filters.places,
            EntityKind::Organisation => &mut filters.orgs,
        };
        names.push(args.name.clone());
        return timeline(backend, &search::Request { filters, ..Default::default() }, By::period(args.by), out);
    }
    let mentions = backend.mentioning(kind, &args.name, args.with, args.limit)?;
    if args.with {
        out.together(&args.name, &mentions)?;
    } else {
        out.mentioning(&args.name, &mentions)?;
    }
    Ok(!mentions.articles.is_empty())
}

/// `arkiv timeline`: the matching articles per period, as a bar chart or `{period, count}` lines.
fn timeline(
    backend: &dyn Backend,
    request: &search::Request,
    period: Option<Period>,
    out: &mut Output,
) -> Result<bool> {
    let histogram = backend.histogram(request, period)?;
    out.timeline(&histogram)?;
    Ok(histogram.buckets.iter().any(|bucket| bucket.articles > 0) || histogram.undated > 0)
}

/// `arkiv similar`: the articles most like one article.
fn similar(backend: &dyn Backend, id_or_path: &str, limit: usize, out: &mut Output) -> Result<bool> {
    let similar = crate::backend::similar(backend, id_or_path, limit)?;
    out.similar(&similar)?;
    Ok(!similar.articles.is_empty())
}

/// `arkiv kwic`: every occurrence of a word or phrase, with its context.
fn kwic(backend: &dyn Backend, request: &search::KwicRequest, out: &mut Output) -> Result<bool> {
    let concordance = backend.kwic(request)?;
    out.kwic(&concordance, request.width)?;
    Ok(!concordance.lines.is_empty())
}

/// `arkiv people` / `places` / `orgs`: the most mentioned entities of a kind.
fn top(backend: &dyn Backend, kind: EntityKind, limit: usize, out: &mut Output) -> Result<bool> {
    let counts = backend.top(kind, limit)?;
    out.name_counts(&counts)?;
    Ok(!counts.is_empty())
}

/// `arkiv show`: a stored article.
fn show(backend: &dyn Backend, id_or_path: &str, out: &mut Output) -> Result<bool> {
    match backend.show(id_or_path)? {
        Some(view) => {
            out.article(&view)?;
            Ok(true)
        }
        None => anyhow::bail!("no article with id or path {id_or_path:?} in {}", backend.describe()),
    }
}

/// `arkiv extract`: the pipeline on each file, nothing indexed. A file that yields no article
/// is reported with its reason and the rest go on; the exit status then says that one failed.
fn extract(files: &[PathBuf], out: &mut Output) -> Result<bool> {
    let mut failed = 0usize;
    for file in files {
        let extracted = match arkiv_extract::extract_file(file) {
            Ok(extracted) => extracted,
            Err(error) if files.len() > 1 => {
                eprintln!("arkiv: {}: {error}", terminal_safe(&file.to_string_lossy()));
                failed += 1;
                continue;
            }
            Err(error) => return Err(error).with_context(|| format!("{}", file.display())),
        };
        for warning in &extracted.warnings {
            eprintln!("arkiv: warning: {}: {warning}", terminal_safe(&file.to_string_lossy()));
        }
        let path = file.to_string_lossy().into_owned();
        out.article(&ArticleView::read(path, extracted.encoding, extracted.article))?;
    }
    if failed > 0 {
        anyhow::bail!("{failed} of {} files yielded no article", files.len());
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On Linux the nice value is each thread's, so the test's own thread is the one lowered.
    #[cfg(unix)]
    #[test]
    fn an_ingest_lowers_its_priority() {
        let before = rustix::process::getpriority_process(None).expect("the nice value");
        lower_priority();
        let after = rustix::process::getpriority_process(None).expect("the nice value");
        assert_eq!(after, (before + INGEST_NICENESS).min(LOWEST_PRIORITY));
        assert!(after > before || before == LOWEST_PRIORITY, "{before} → {after}");
    }
}
