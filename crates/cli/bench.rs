//! `arkiv bench`: search latency as a user feels it, measured in one warm process.
//!
//! Each line of the query file is what a user types after `arkiv search`: the query as typed
//! (quotes, `OR` and `-word` included), then any search options (`--person "Erna Solberg"`,
//! `--sort date`). With `--command similar`, `timeline` or `kwic` a line is what follows that
//! command instead (an id; a query and its filters; a word and its options), timed the same
//! way. Blank lines and lines starting with `#` are skipped.
//!
//! Every query runs once to warm the caches (the page cache under the index files, tantivy's
//! own), then once per pass. A run is timed from the query text to the finished hits with their
//! snippets: everything `arkiv search` does except starting and printing. Percentiles are taken
//! over every timed run, so a query that is slow only sometimes still shows in p99.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use serde::Serialize;

use super::args::{KwicArgs, SearchArgs, SimilarArgs, TimelineArgs};
use arkiv_engine::Backend;
use arkiv_engine::search::{KwicRequest, Request, query};
use arkiv_engine::views::Period;

/// The command whose answers `arkiv bench` times.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Timed {
    /// `arkiv search`.
    #[default]
    Search,
    /// `arkiv similar`.
    Similar,
    /// `arkiv timeline`.
    Timeline,
    /// `arkiv kwic`.
    Kwic,
}

/// One line of the query file, parsed as its command parses its arguments.
#[derive(Debug, Parser)]
#[command(name = "bench")]
enum QueryLine {
    Search {
        #[command(flatten)]
        search: SearchArgs,
    },
    Similar(SimilarArgs),
    Timeline(TimelineArgs),
    Kwic(KwicArgs),
}

/// What one line asks the engine.
#[derive(Debug)]
pub(crate) enum Asked {
    Search(Request),
    Similar { id_or_path: String, limit: usize },
    Timeline { request: Request, period: Option<Period> },
    Kwic(KwicRequest),
}

/// A query of the file: its line, as written, and the request it makes.
#[derive(Debug)]
pub(crate) struct BenchQuery {
    pub line: String,
    pub asked: Asked,
}

/// What one answer held: the items shown, and the articles matched in all.
struct Answered {
    shown: usize,
    matched: usize,
}

impl Asked {
    fn run(&self, backend: &dyn Backend) -> Result<Answered> {
        Ok(match self {
            Asked::Search(request) => {
                let results = backend.search(request)?;
                Answered { shown: results.hits.len(), matched: results.total }
            }
            Asked::Similar { id_or_path, limit } => {
                let similar = crate::backend::similar(backend, id_or_path, *limit)?;
                Answered { shown: similar.articles.len(), matched: similar.articles.len() }
            }
            Asked::Timeline { request, period } => {
                let histogram = backend.histogram(request, *period)?;
                let dated: u64 = histogram.buckets.iter().map(|bucket| bucket.articles).sum();
                Answered { shown: histogram.buckets.len(), matched: (dated + histogram.undated) as usize }
            }
            Asked::Kwic(request) => {
                let concordance = backend.kwic(request)?;
                Answered { shown: concordance.lines.len(), matched: concordance.articles }
            }
        })
    }
}

/// Reads a query file of lines for `command`; a line that is not valid is an error naming
/// the line.
pub(crate) fn read_queries(path: &Path, command: Timed) -> Result<Vec<BenchQuery>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut queries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let asked = parse_line(line, command).with_context(|| format!("{}, line {}", path.display(), number + 1))?;
        queries.push(BenchQuery { line: line.to_owned(), asked });
    }
    if queries.is_empty() {
        bail!("{} holds no queries", path.display());
    }
    Ok(queries)
}

/// Parses `query text --option value …`. The options start at the first ` --` outside double
/// quotes; they are split as a shell would, while the query keeps its quotes, because they
/// mean a phrase.
fn parse_line(line: &str, command: Timed) -> Result<Asked> {
    let (query, options) = query::split_options(line);
    let options = shlex::split(options).with_context(|| format!("unbalanced quotes in the options {options:?}"))?;
    let name = match command {
        Timed::Search => "search",
        Timed::Similar => "similar",
        Timed::Timeline => "timeline",
        Timed::Kwic => "kwic",
    };
    let query = Some(query.trim()).filter(|query| !query.is_empty());
    let args = ["bench", name].into_iter().chain(query).map(str::to_owned).chain(options);
    let parsed = QueryLine::try_parse_from(args).map_err(|error| anyhow::anyhow!("{}", error.render()))?;
    Ok(match parsed {
        QueryLine::Search { search } => Asked::Search(search.request()?),
        QueryLine::Similar(args) => Asked::Similar { id_or_path: args.id_or_path, limit: args.limit },
        QueryLine::Timeline(args) => {
            let (request, period) = args.request()?;
            Asked::Timeline { request, period }
        }
        QueryLine::Kwic(args) => Asked::Kwic(args.request()?),
    })
}

/// What a benchmark run measured.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub queries: usize,
    pub passes: usize,
    /// Timed searches: queries × passes.
    pub searches: usize,
    /// Hits (articles, periods, lines) shown per pass (at most each query's limit), to tell an
    /// empty run from a real one.
    pub hits: usize,
    /// Articles matched per pass, summed over the queries.
    pub matched: usize,
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// The slowest queries by their median time, slowest first.
    pub slowest: Vec<Slow>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Slow {
    pub line: String,
    pub median_ms: f64,
}

/// How many of the slowest queries a report names.
const SLOWEST: usize = 5;

/// Runs every query once to warm up, then `passes` timed times.
pub(crate) fn run(backend: &dyn Backend, queries: &[BenchQuery], passes: usize) -> Result<Report> {
    if passes == 0 {
        bail!("--passes must be at least 1");
    }
    let mut hits = 0;
    let mut matched = 0;
    for query in queries {
        let answered = query.asked.run(backend).with_context(|| format!("query {:?}", query.line))?;
        hits += answered.shown;
        matched += answered.matched;
    }
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::with_capacity(passes); queries.len()];
    for _ in 0..passes {
        for (query, times) in queries.iter().zip(&mut per_query) {
            let started = Instant::now();
            let answered = query.asked.run(backend)?;
            times.push(started.elapsed());
            std::hint::black_box(answered.shown);
        }
    }
    let mut all: Vec<Duration> = per_query.iter().flatten().copied().collect();
    all.sort_unstable();
    let mut slowest: Vec<Slow> = queries
        .iter()
        .zip(&mut per_query)
        .map(|(query, times)| {
            times.sort_unstable();
            Slow { line: query.line.clone(), median_ms: millis(percentile(times, 50.0)) }
        })
        .collect();
    slowest.sort_by(|a, b| b.median_ms.total_cmp(&a.median_ms));
    slowest.truncate(SLOWEST);
    let total: Duration = all.iter().sum();
    Ok(Report {
        queries: queries.len(),
        passes,
        searches: all.len(),
        hits,
        matched,
        mean_ms: millis(total) / all.len() as f64,
        p50_ms: millis(percentile(&all, 50.0)),
        p95_ms: millis(percentile(&all, 95.0)),
        p99_ms: millis(percentile(&all, 99.0)),
        max_ms: millis(all[all.len() - 1]),
        slowest,
    })
}

/// The nearest-rank percentile of sorted, non-empty times: the smallest time that at least
/// `p` percent of the runs did not exceed.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use arkiv_engine::search::SortBy;

    #[test]
    fn options_start_after_the_query_as_typed() {
        let search = |line: &str| match parse_line(line, Timed::Search) {
            Ok(Asked::Search(request)) => Ok(request),
            Ok(other) => panic!("{other:?}"),
            Err(error) => Err(error),
        };
        let request = search(r#""Jens Stoltenberg" NATO --person "Erna Solberg" --sort date"#).expect("valid");
        assert_eq!(request.query, r#""Jens Stoltenberg" NATO"#);
        assert_eq!(request.filters.people, ["Erna Solberg"]);
        assert_eq!(request.sort, SortBy::Date);

        let request = search("krim -roman --lang nb").expect("valid");
        assert_eq!(request.query, "krim -roman");
        assert_eq!(request.filters.languages, ["nb"]);

        assert_eq!(query::split_options(r#""a --b" c"#), (r#""a --b" c"#, ""));
    }

    #[test]
    fn bad_lines_are_refused() {
        assert!(parse_line("film --sort popularity", Timed::Search).is_err());
        assert!(parse_line(r#"film --person "Liv"#, Timed::Search).is_err());
        assert!(parse_line("film --limit 0", Timed::Search).is_err());
        assert!(parse_line("--by week", Timed::Timeline).is_err());
        assert!(parse_line("", Timed::Kwic).is_err(), "a concordance of nothing");
    }

    #[test]
    fn lines_of_other_commands_are_their_arguments() {
        match parse_line(r#""god film" --width 20 --person Liv"#, Timed::Kwic).expect("valid") {
            Asked::Kwic(request) => {
                assert_eq!((request.words.as_str(), request.width), (r#""god film""#, 20));
                assert_eq!(request.filters.people, ["Liv"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_line("--person Liv --by day", Timed::Timeline).expect("valid"),
            Asked::Timeline { period: Some(Period::Day), .. }
        ));
        assert!(matches!(
            parse_line("0123456789abcdef --limit 5", Timed::Similar).expect("valid"),
            Asked::Similar { limit: 5, .. }
        ));
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&times, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&times, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&times[..3], 50.0), Duration::from_millis(2));
        assert_eq!(percentile(&times[..1], 99.0), Duration::from_millis(1));
    }
}
