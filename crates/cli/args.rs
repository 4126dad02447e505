//! The command line as the user types it (clap), and its translation into the settings the
//! commands need. Commands never look at raw flags: [`SearchArgs::request`] derives a
//! [`Request`] once, validating dates and limits on the way.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};

use arkiv_engine::search::{Filters, KwicRequest, Request, SortBy, date_range};
use arkiv_engine::views::Period;

/// arkiv: index a folder of news articles and search it.
#[derive(Debug, Parser)]
#[command(name = "arkiv", version, about, long_about = None)]
pub(crate) struct Cli {
    /// Index directory.
    #[arg(long, global = true, env = "ARKIV_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Print one JSON object per line instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// When to mark titles and matches in bold: `auto` does on a terminal, unless NO_COLOR
    /// is set or TERM is `dumb`.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = Color::Auto)]
    pub color: Color,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Index the articles under DIR (new and changed files only; deleted files are removed,
    /// committed every few thousand files).
    Index {
        /// Folder of articles.
        #[arg(default_value = "corpus")]
        dir: PathBuf,
        /// Skip recognising people, places and organisations (faster; `person`, `place`
        /// and the name filters then find nothing in the files indexed this way).
        #[arg(long)]
        no_entities: bool,
        /// Rebuild the index in a new folder and put it in place of the old one: from the
        /// articles it stores (`stored`, the default: after a change of format, no file read
        /// again), or from the files under DIR (`sources`).
        #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "stored")]
        rebuild: Option<Rebuild>,
        /// Also remove the articles of files that cannot be reached: below a folder that
        /// cannot be read, or behind a symlink to nothing (by default they are kept).
        #[arg(long, conflicts_with = "rebuild")]
        prune: bool,
        /// Files read between two commits (for tests of interrupted ingests).
        #[arg(long, hide = true, default_value_t = arkiv_engine::ingest::COMMIT_EVERY)]
        commit_every: usize,
        /// Run at the CPU priority it was started with. By default an ingest lowers its own
        /// (as desktop indexers do), so that the searches of a server on the same machine
        /// come first; on a machine with nothing else to do it takes as long.
        #[arg(long)]
        normal_priority: bool,
    },
    /// Check the index for damage: every file's checksum, every segment, every stored
    /// article and the saved names; says how to recover (exit status 2 when damaged).
    Check,
    /// Export the index's articles to an OpenSearch cluster (new and changed ones only; those
    /// no longer in the index are deleted there). Credentials come from
    /// ARKIV_OPENSEARCH_USER and ARKIV_OPENSEARCH_PASSWORD or ARKIV_OPENSEARCH_API_KEY, and
    /// ARKIV_OPENSEARCH_CA names a PEM file of roots to trust instead of the system's.
    Export {
        /// The cluster's address (http:// or https://).
        #[arg(long, env = "ARKIV_OPENSEARCH", value_name = "URL")]
        opensearch: String,
        /// The index on the cluster.
        #[arg(long, value_name = "NAME", default_value = arkiv_opensearch::DEFAULT_INDEX)]
        name: String,
        /// Shards of a new index (by default one per data node of the cluster, at most 8); an
        /// index that exists keeps its own.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
        shards: Option<u32>,
    },
    /// Search the index.
    Search(SearchCommand),
    /// List the articles that mention a person, newest first.
    Person(NameArgs),
    /// List the articles that mention a place, newest first.
    Place(NameArgs),
    /// List the articles that mention an organisation, newest first.
    Org(NameArgs),
    /// List the articles most like one article: its distinctive words, its people, places and
    /// organisations.
    Similar(SimilarArgs),
    /// Count the matching articles per year, month or day, as a bar chart (undated ones apart).
    Timeline(TimelineArgs),
    /// Every occurrence of a word or "phrase" (inflected forms too) with its context, aligned
    /// on the match, newest article first.
    Kwic(KwicArgs),
    /// The most mentioned people, with article counts.
    People(TopArgs),
    /// The most mentioned places, with article counts.
    Places(TopArgs),
    /// The most mentioned organisations, with article counts.
    Orgs(TopArgs),
    /// List the groups of copies: articles that are one text printed more than once, whole,
    /// trimmed or extended; one group per line, oldest article first.
    Duplicates,
    /// Show a stored article by id or path.
    Show {
        /// Article id (from search results) or the path of the indexed file.
        id_or_path: String,
        #[command(flatten)]
        cluster: ClusterArgs,
    },
    /// Run the ingest pipeline on files and print their articles, without indexing them.
    Extract {
        /// Files to read; with `--json` each article is one line that names its file.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Read JSON lines with a `text` field on stdin; write them back with their `entities`.
    Entities,
    /// Serve the archive over HTTP: a JSON API and a search page, read-only. New commits of an
    /// `arkiv index` into the same index are picked up without a restart. With `--opensearch`
    /// it answers from the index on the cluster instead.
    Serve {
        /// Address to listen on (port 0 takes a free port); the address is printed on stdout.
        #[arg(long, default_value = "127.0.0.1:7700")]
        addr: std::net::SocketAddr,
        /// Bearer token every API request must carry; required for an address other machines
        /// can reach.
        #[arg(long, env = "ARKIV_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// Megabytes of search answers kept for searches asked again, until the index changes
        /// (0 keeps none).
        #[arg(long, value_name = "MB", default_value_t = 64)]
        cache_mb: usize,
        #[command(flatten)]
        cluster: ClusterArgs,
    },
    /// Print a completion script for a shell
    /// (`arkiv completions bash > ~/.local/share/bash-completion/completions/arkiv`).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`arkiv man > arkiv.1`).
    Man,
    /// Time the searches of a query file in one warm process; the last line gives p50, p95
    /// and p99 latency in milliseconds.
    Bench {
        /// One search per line: the query as typed, then any `arkiv search` options
        /// (`"Liv Ullmann" film --sort date`).
        #[arg(long)]
        queries: PathBuf,
        /// Timed passes over the queries, after one untimed warm-up pass.
        #[arg(long, default_value_t = 5)]
        passes: usize,
        /// The command whose lines the file holds and whose answers are timed.
        #[arg(long, value_enum, default_value_t = crate::bench::Timed::Search)]
        command: crate::bench::Timed,
        #[command(flatten)]
        cluster: ClusterArgs,
    },
}

/// Which back end a query command reads: an index on an OpenSearch cluster when one is named,
/// else the local index.
#[derive(Debug, Args)]
pub(crate) struct ClusterArgs {
    /// Read the index on this OpenSearch cluster instead of the local one (see `arkiv export`).
    #[arg(long, env = "ARKIV_OPENSEARCH", value_name = "URL")]
    pub opensearch: Option<String>,
    /// The index on the cluster.
    #[arg(long = "name", id = "cluster_index", value_name = "NAME", default_value = arkiv_opensearch::DEFAULT_INDEX)]
    pub index_name: String,
}

/// `arkiv search`: the search and the back end it runs on.
#[derive(Debug, Args)]
pub(crate) struct SearchCommand {
    #[command(flatten)]
    pub search: SearchArgs,
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// Words are all required; "quoted phrases", OR, -word and field:value work. May be left
    /// out when a filter is given (`arkiv search --person Dylan`).
    #[arg(num_args = 0..)]
    pub query: Vec<String>,
    /// Number of hits to show.
    #[arg(long, default_value_t = 10, value_parser = parse_limit)]
    pub limit: usize,
    /// Number of hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Search exactly as typed: no correction of typing errors, no partial matches.
    #[arg(long)]
    pub exact: bool,
    /// Show every copy of a text as a hit of its own (by default a group of copies is shown
    /// once, as its best hit, with "+N copies").
    #[arg(long)]
    pub all_copies: bool,
}

/// `arkiv similar`.
#[derive(Debug, Args)]
pub(crate) struct SimilarArgs {
    /// Article id (from search results) or the path of the indexed file.
    pub id_or_path: String,
    /// How many articles to list.
    #[arg(long, default_value_t = 10, value_parser = parse_limit)]
    pub limit: usize,
}

/// `arkiv timeline`.
#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    /// As in `search`; may be left out to count every article, or the articles of a filter.
    #[arg(num_args = 0..)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// The length of the periods (by default years, or months when the articles span less
    /// than three years).
    #[arg(long, value_enum)]
    pub by: Option<By>,
}

impl TimelineArgs {
    /// The search whose articles are counted, validated, and the length of the periods.
    pub(crate) fn request(&self) -> Result<(Request, Option<Period>)> {
        let request = Request { query: self.query.join(" "), filters: self.filters.filters()?, ..Request::default() };
        Ok((request, By::period(self.by)))
    }
}

/// `arkiv kwic`.
#[derive(Debug, Args)]
pub(crate) struct KwicArgs {
    /// The word or phrase.
    #[arg(required = true, num_args = 1..)]
    pub words: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Characters of context on either side.
    #[arg(long, default_value_t = 40, value_parser = parse_limit)]
    pub width: usize,
    /// How many occurrences to list.
    #[arg(long, default_value_t = 50, value_parser = parse_limit)]
    pub limit: usize,
}

impl KwicArgs {
    /// The concordance asked for, validated.
    pub(crate) fn request(&self) -> Result<KwicRequest> {
        Ok(KwicRequest {
            words: self.words.join(" "),
            filters: self.filters.filters()?,
            width: self.width,
            limit: self.limit,
        })
    }
}

/// The filters of a search, also those of `timeline` and `kwic`.
#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// Only articles that mention this person (repeatable: all must hold).
    #[arg(long)]
    pub person: Vec<String>,
    /// Only articles that mention this place (repeatable).
    #[arg(long)]
    pub place: Vec<String>,
    /// Only articles that mention this organisation (repeatable).
    #[arg(long)]
    pub org: Vec<String>,
    /// Only articles in this language (nb, nn, en, …; `no` means nb or nn).
    #[arg(long)]
    pub lang: Vec<String>,
    /// Only articles dated on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub from: Option<String>,
    /// Only articles dated on or before this date (YYYY-MM-DD: the whole day).
    #[arg(long)]
    pub to: Option<String>,
}

impl FilterArgs {
    /// The validated filters.
    pub(crate) fn filters(&self) -> Result<Filters> {
        let (from, until) = date_range(
            self.from.as_deref().map(|text| ("--from", text)),
            self.to.as_deref().map(|text| ("--to", text)),
        )?;
        Ok(Filters {
            people: self.person.clone(),
            places: self.place.clone(),
            orgs: self.org.clone(),
            languages: self.lang.clone(),
            sources: Vec::new(),
            from,
            until,
        })
    }
}

/// When text output marks titles and matches with terminal escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    /// When stdout is a terminal, and neither `NO_COLOR` nor `TERM=dumb` says otherwise.
    Auto,
    /// Always, even into a pipe or a file (`arkiv search x --color always | less -R`).
    Always,
    /// Never.
    Never,
}

impl Color {
    /// Whether stdout's text is marked. `always` and `never` are taken at their word, even
    /// with `NO_COLOR` set, as in ripgrep and fd: the flag is the more particular wish.
    pub(crate) fn enabled(self) -> bool {
        self.decide(std::io::stdout().is_terminal(), |name| std::env::var_os(name))
    }

    /// [`Color::enabled`] for a stdout that is or is not a terminal, reading the environment
    /// through `env`. A `NO_COLOR` of any non-empty value turns colour off (no-color.org); a
    /// terminal that says it is `dumb` shows escapes as garbage.
    fn decide(self, terminal: bool, env: impl Fn(&str) -> Option<OsString>) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                terminal
                    && env("NO_COLOR").is_none_or(|value| value.is_empty())
                    && env("TERM").is_none_or(|term| term != "dumb")
            }
        }
    }
}

/// What `arkiv index --rebuild` reads.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Rebuild {
    /// The articles the index stores.
    Stored,
    /// The files under the folder.
    Sources,
}

/// The periods of a timeline.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum By {
    Year,
    Month,
    Day,
}

impl By {
    /// The engine's period of a `--by`, or the engine's own choice when none is given.
    pub(crate) fn period(by: Option<By>) -> Option<Period> {
        by.map(|by| match by {
            By::Year => Period::Year,
            By::Month => Period::Month,
            By::Day => Period::Day,
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Sort {
    Relevance,
    Date,
}

#[derive(Debug, Args)]
pub(crate) struct NameArgs {
    /// A name or part of one, case-insensitive ("putin", "Vladimir Putins").
    pub name: String,
    /// Instead of the articles, list who and what is most often named in the same articles.
    #[arg(long, conflicts_with = "timeline")]
    pub with: bool,
    /// Instead of the articles, count them per year, month or day, as `arkiv timeline` does.
    #[arg(long)]
    pub timeline: bool,
    /// With --timeline: the length of the periods.
    #[arg(long, value_enum, requires = "timeline")]
    pub by: Option<By>,
    /// How many articles to list, or with --with how many names.
    #[arg(long, default_value_t = 20, value_parser = parse_limit)]
    pub limit: usize,
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

#[derive(Debug, Args)]
pub(crate) struct TopArgs {
    /// How many to list.
    #[arg(long, default_value_t = 20, value_parser = parse_limit)]
    pub limit: usize,
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

impl SearchArgs {
    /// The validated search request.
    pub(crate) fn request(&self) -> Result<Request> {
        Ok(Request {
            query: self.query.join(" "),
            filters: self.filters.filters()?,
            sort: match self.sort {
                Sort::Relevance => SortBy::Relevance,
                Sort::Date => SortBy::Date,
            },
            limit: self.limit,
            offset: self.offset,
            exact: self.exact,
            all_copies: self.all_copies,
            ..Request::default()
        })
    }
}

/// A `--limit`: a listing of nothing is a mistake, the same one in every command. There is no
/// upper bound: a limit past the archive's size lists everything.
fn parse_limit(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(limit) => Ok(limit),
        Err(error) => Err(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::PrimitiveDateTime;
    use time::macros::datetime;

    fn request(args: &[&str]) -> Result<Request> {
        let mut all = vec!["arkiv", "search", "putin"];
        all.extend_from_slice(args);
        match Cli::try_parse_from(all)?.command {
            Command::Search(command) => command.search.request(),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn a_bare_to_date_takes_the_whole_day() {
        let request = request(&["--from", "2019-05-01", "--to", "2019-05-14"]).expect("valid");
        assert_eq!(request.filters.from, Some(datetime!(2019-05-01 0:00 UTC)));
        assert_eq!(request.filters.until, Some(datetime!(2019-05-15 0:00 UTC)));
    }

    #[test]
    fn the_last_day_there_is_ends_with_time() {
        for to in ["9999-12-31", "31.12.9999", "9999-12-31T23:59:59Z"] {
            let request = request(&["--to", to]).expect(to);
            assert_eq!(request.filters.until, Some(PrimitiveDateTime::MAX.assume_utc()), "{to}");
        }
    }

    #[test]
    fn colour_follows_the_flag_then_the_terminal_and_the_environment() {
        fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
            move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| OsString::from(value))
        }
        let plain: &[(&str, &str)] = &[("TERM", "xterm-256color")];
        assert!(Color::Auto.decide(true, env(plain)));
        assert!(!Color::Auto.decide(false, env(plain)), "a pipe gets no escapes");
        assert!(!Color::Auto.decide(true, env(&[("NO_COLOR", "1")])));
        assert!(Color::Auto.decide(true, env(&[("NO_COLOR", "")])), "an empty NO_COLOR is unset");
        assert!(!Color::Auto.decide(true, env(&[("TERM", "dumb")])));
        assert!(Color::Always.decide(false, env(&[("NO_COLOR", "1"), ("TERM", "dumb")])));
        assert!(!Color::Never.decide(true, env(plain)));
    }

    #[test]
    fn bad_settings_are_refused() {
        assert!(request(&["--limit", "0"]).is_err());
        assert!(request(&["--from", "2020-01-02", "--to", "2020-01-01"]).is_err());
        assert!(request(&["--to", "snart"]).is_err());
        assert!(request(&["--sort", "popularity"]).is_err());
    }
}
