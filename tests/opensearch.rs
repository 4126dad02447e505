//! The OpenSearch back end against a real cluster: `arkiv export` of a copy of `corpus/`, then
//! the same commands through `--opensearch` as on the local index.
//!
//! They run when `ARKIV_OPENSEARCH` names a cluster (`deploy/opensearch/start.sh` starts one and
//! prints the line to export; `.ci/run` does so). Without it they say that they are skipped, and
//! under `CI=true` they fail instead. Each test writes its own index on the cluster and deletes
//! it at the end. The tests of a tiny bulk queue and of a node killed start clusters of their
//! own beside it, with the same script.

mod common;

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::Mutex;

use common::server::{Server, encode};
use common::{Run, SEED, Scratch, repo};
use serde_json::Value;

/// The cluster the tests use, or `None` (with a note) when none is given outside CI.
fn cluster() -> Option<String> {
    match std::env::var("ARKIV_OPENSEARCH") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|ci| ci == "true") => {
            panic!(
                "ARKIV_OPENSEARCH is not set under CI=true: .ci/run must start the cluster (deploy/opensearch/start.sh)"
            )
        }
        _ => {
            eprintln!("skipped: ARKIV_OPENSEARCH is not set (deploy/opensearch/start.sh starts a test cluster)");
            None
        }
    }
}

/// An index on the cluster for one test, deleted when the test ends.
struct ClusterIndex {
    url: String,
    name: String,
}

impl ClusterIndex {
    fn new(url: &str, test: &str) -> ClusterIndex {
        let name = format!("arkiv-test-{test}-{}", std::process::id());
        let index = ClusterIndex { url: url.to_owned(), name };
        index.delete();
        index
    }

    fn delete(&self) {
        // Best effort: an index that is not there is deleted already.
        let _ = ureq::delete(&format!("{}/{}", self.url, self.name)).call();
    }

    /// How many documents the cluster's index holds.
    fn count(&self) -> u64 {
        let mut response = ureq::get(&format!("{}/{}/_count", self.url, self.name)).call().expect("count");
        let answer: Value = serde_json::from_str(&response.body_mut().read_to_string().expect("read")).expect("JSON");
        answer["count"].as_u64().expect("a count")
    }
}

impl Drop for ClusterIndex {
    fn drop(&mut self) {
        self.delete();
    }
}

/// Runs arkiv on the scratch index with `--opensearch` and `--name` added to `args`.
fn on_cluster(scratch: &Scratch, index: &ClusterIndex, args: &[&str]) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--opensearch", &index.url, "--name", &index.name]);
    scratch.arkiv(&all)
}

/// Exports the scratch index and returns the JSON summary.
fn export(scratch: &Scratch, index: &ClusterIndex, extra: &[&str]) -> Value {
    let mut args = vec!["--json", "export"];
    args.extend_from_slice(extra);
    let run = on_cluster(scratch, index, &args);
    assert!(run.ok(), "export failed: {}", run.stderr());
    serde_json::from_str(run.stdout().trim()).expect("the export summary is JSON")
}

/// A scratch copy of the corpus, indexed, and exported to a new index of the cluster.
fn exported(url: &str, test: &str) -> (Scratch, ClusterIndex, Value) {
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let index = ClusterIndex::new(url, test);
    let summary = export(&scratch, &index, &[]);
    (scratch, index, summary)
}

fn ids(run: &Run) -> Vec<String> {
    assert!(run.ok() || run.code() == Some(1), "arkiv failed: {}", run.stderr());
    run.json_lines().iter().map(|hit| hit["id"].as_str().expect("an id").to_owned()).collect()
}

#[test]
fn the_seed_is_found_through_the_cluster_with_the_same_filters_and_articles() {
    let Some(url) = cluster() else { return };
    let (scratch, index, summary) = exported(&url, "seed");
    assert_eq!(summary["articles"], 301, "{summary}");
    assert_eq!(summary["sent"], 301, "{summary}");
    assert_eq!(index.count(), 301);

    let run = on_cluster(&scratch, &index, &["search", "Pompeo Lavrov", "--json"]);
    let hits = run.json_lines();
    let first = &hits[0];
    assert!(first["path"].as_str().expect("a path").ends_with(SEED), "first hit {first}");
    let snippet = first["snippet_html"].as_str().expect("a snippet");
    assert!(snippet.contains("<b>") && first["score"].as_f64() > Some(0.0), "{first}");

    // The filters find the same articles as the local index (newest first; compared as sets,
    // since undated articles tie).
    for filter in [["--person", "putin"], ["--place", "oslo"], ["--org", "nrk"], ["--lang", "nn"]] {
        let args = ["search", filter[0], filter[1], "--limit", "1000", "--json"];
        let local: BTreeSet<String> = ids(&scratch.arkiv(&args)).into_iter().collect();
        let remote: BTreeSet<String> = ids(&on_cluster(&scratch, &index, &args)).into_iter().collect();
        assert!(!local.is_empty(), "{filter:?} finds something locally");
        assert_eq!(local, remote, "{filter:?}");
    }
    // A query with a filter, a phrase, OR, an exclusion and a date range.
    let args = ["search", "\"Mike Pompeo\" OR Lavrov -Trump", "--person", "putin", "--from", "2019-01-01", "--json"];
    let local: BTreeSet<String> = ids(&scratch.arkiv(&args)).into_iter().collect();
    let remote: BTreeSet<String> = ids(&on_cluster(&scratch, &index, &args)).into_iter().collect();
    assert_eq!(local, remote);

    // The stored article reads back byte for byte, by id and by path.
    let id = first["id"].as_str().expect("an id");
    let local = scratch.arkiv(&["show", id, "--json"]).stdout();
    assert_eq!(on_cluster(&scratch, &index, &["show", id, "--json"]).stdout(), local);
    let path = first["path"].as_str().expect("a path");
    assert_eq!(on_cluster(&scratch, &index, &["show", path, "--json"]).stdout(), local);
    let missing = on_cluster(&scratch, &index, &["show", "0000000000000000"]);
    assert_eq!(missing.code(), Some(2));
    assert!(missing.stderr().contains(&index.name), "{}", missing.stderr());

    // The person listing: the same names, articles and mention counts.
    let local = scratch.arkiv(&["person", "Putins", "--json"]);
    let remote = on_cluster(&scratch, &index, &["person", "Putins", "--json"]);
    assert_eq!(remote.json_lines(), local.json_lines());
    let local = scratch.arkiv(&["person", "putin", "--with", "--limit", "10"]);
    assert_eq!(on_cluster(&scratch, &index, &["person", "putin", "--with", "--limit", "10"]).stdout(), local.stdout());
}

/// `arkiv serve --opensearch` answers every endpoint from the cluster, in the shapes and with
/// the counts of a server over the local index (beside it, on the same articles), except what
/// the README lists as different: the order of close hits, and word suggestions.
#[test]
fn the_server_answers_from_the_cluster_as_from_the_local_index() {
    let Some(url) = cluster() else { return };
    // The corpus, and the dated articles of two sources that the server's own tests use.
    let scratch = Scratch::with_corpus();
    common::copy_tree(&common::fixture("serve"), &scratch.corpus().join("serve"));
    scratch.index_dir(&scratch.corpus());
    let index = ClusterIndex::new(&url, "serve");
    export(&scratch, &index, &[]);
    let local = Server::start(&scratch.index(), &[]);
    let remote = Server::start(&scratch.index(), &["--opensearch", &index.url, "--name", &index.name]);

    assert_eq!(remote.ok("/healthz"), local.ok("/healthz"));
    assert_eq!(remote.ok("/healthz")["articles"], 308);

    let found = remote.ok("/api/search?q=Pompeo+Lavrov");
    let seed = &found["hits"][0];
    assert!(seed["path"].as_str().expect("a path").ends_with(SEED), "first hit {seed}");
    assert!(found["facets"]["people"].as_array().is_some_and(|people| !people.is_empty()), "{found}");

    // Filters alone rank nothing, so the hits, their number, the facets and the histogram of
    // every matching article are the local index's (ties of date aside: compared as sets).
    for filters in
        ["person=putin", "lang=nn&facets=30", "place=Bod%C3%B8", "place=Bod%C3%B8&from=2023-01-01", "source=Avisa"]
    {
        let path = format!("/api/search?{filters}&limit=1000");
        let (local, remote) = (local.ok(&path), remote.ok(&path));
        assert!(local["total"].as_u64() > Some(0), "{filters}: {local}");
        for field in ["total", "facets", "histogram"] {
            assert_eq!(remote[field], local[field], "{filters}: {field}");
        }
        let ids = |found: &Value| -> BTreeSet<String> {
            found["hits"].as_array().expect("hits").iter().map(|hit| hit["id"].to_string()).collect()
        };
        assert_eq!(ids(&remote), ids(&local), "{filters}");
    }

    let id = seed["id"].as_str().expect("an id");
    let article = format!("/api/articles/{id}");
    assert_eq!(remote.ok(&article), local.ok(&article));
    assert_eq!(remote.get("/api/articles/0000000000000000").0, 404);

    for path in [
        "/api/person/putin".to_owned(),
        format!("/api/person/{}", encode("Mike Pompeo")),
        format!("/api/place/{}?limit=5", encode("Bodø")),
        format!("/api/person/{}", encode("Kari Nordmann")),
        "/api/orgs?limit=50".to_owned(),
        "/api/people?prefix=la".to_owned(),
        "/api/places?prefix=nor&limit=5".to_owned(),
    ] {
        assert_eq!(remote.ok(&path), local.ok(&path), "{path}");
    }

    // Suggestions from the cluster are names only, those the local index suggests first.
    let names = |found: Value| -> Vec<Value> {
        found.as_array().expect("suggestions").iter().filter(|s| !s["kind"].is_null()).cloned().collect()
    };
    let suggested = names(remote.ok("/api/suggest?prefix=pu&limit=50"));
    assert!(!suggested.is_empty());
    assert_eq!(suggested, names(local.ok("/api/suggest?prefix=pu&limit=50")));

    // A query that does not parse is the client's mistake, in the command line's words.
    let (status, refused) = remote.get("/api/search?q=%22unclosed");
    assert_eq!((status, &refused), (400, &local.get("/api/search?q=%22unclosed").1));
}

/// A server whose index is not on the cluster says so with 502 and the cluster's reason, and
/// keeps serving (the index may be exported later).
#[test]
fn the_server_says_when_the_cluster_fails_it() {
    let Some(url) = cluster() else { return };
    let scratch = Scratch::empty();
    let missing = ClusterIndex::new(&url, "missing");
    let server = Server::start(&scratch.index(), &["--opensearch", &url, "--name", &missing.name]);
    for path in ["/api/search?q=film", "/healthz"] {
        let (status, answer) = server.get(path);
        assert_eq!(status, 502, "{path}: {answer}");
        assert!(answer["error"].as_str().is_some_and(|error| error.contains(&missing.name)), "{path}: {answer}");
    }
    // A cluster that is down (nothing listens on the port) is tried again for a while, and then
    // reported as unreachable before the server's own time limit would answer 408.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let down = format!("http://{}", closed.local_addr().expect("its address"));
    drop(closed);
    let server = Server::start(&scratch.index(), &["--opensearch", &down]);
    let (status, answer) = server.get("/api/search?q=film");
    assert_eq!(status, 502, "{answer}");
    assert!(answer["error"].as_str().is_some_and(|error| error.contains("cannot reach")), "{answer}");
}

/// Pages that end past the index's `max_result_window` (made small here; OpenSearch's default
/// is 10,000) are reached with `search_after`: every page is full, no hit comes twice, the pages
/// together hold what the local index finds, and a page across the window's end is the same
/// hits as the pages around it.
#[test]
fn pages_past_the_result_window_hold_every_hit_once() {
    let Some(url) = cluster() else { return };
    let (scratch, index, _) = exported(&url, "window");
    const WINDOW: usize = 25;
    const PAGE: usize = 10;
    let settings = format!("{}/{}/_settings", index.url, index.name);
    ureq::put(&settings)
        .header("Content-Type", "application/json")
        .send(format!(r#"{{"index": {{"max_result_window": {WINDOW}}}}}"#))
        .expect("set the index's result window");
    for query in [&["--lang", "nb"][..], &["film"][..]] {
        let page = |offset: usize, limit: usize| {
            let (offset, limit) = (offset.to_string(), limit.to_string());
            let mut args = vec!["search", "--json", "--offset", &offset, "--limit", &limit];
            args.extend_from_slice(query);
            ids(&on_cluster(&scratch, &index, &args))
        };
        let mut local_args = vec!["search", "--json", "--exact", "--all-copies", "--limit", "1000"];
        local_args.extend_from_slice(query);
        let local: BTreeSet<String> = ids(&scratch.arkiv(&local_args)).into_iter().collect();
        assert!(local.len() > 3 * WINDOW, "{query:?} finds only {} articles", local.len());
        let mut all = Vec::new();
        for offset in (0..local.len() + PAGE).step_by(PAGE) {
            let hits = page(offset, PAGE);
            assert_eq!(hits.len(), PAGE.min(local.len().saturating_sub(offset)), "{query:?} at {offset}");
            all.extend(hits);
        }
        let distinct: BTreeSet<String> = all.iter().cloned().collect();
        assert_eq!(distinct.len(), all.len(), "{query:?}: a hit came twice");
        assert_eq!(distinct, local, "{query:?}");
        assert_eq!(page(WINDOW - 5, PAGE), all[WINDOW - 5..WINDOW + 5], "{query:?} across the window");
    }
    let server = Server::start(&scratch.index(), &["--opensearch", &url, "--name", &index.name]);
    let (status, answer) = server.get("/api/search?q=film&offset=40&limit=10");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["hits"].as_array().map(Vec::len), Some(PAGE), "{answer}");
}

#[test]
fn listings_are_those_of_the_local_index() {
    let Some(url) = cluster() else { return };
    let (scratch, index, _) = exported(&url, "listings");
    for listing in ["people", "places", "orgs"] {
        let local = scratch.arkiv(&[listing, "--limit", "100"]);
        assert!(local.ok(), "{}", local.stderr());
        assert_eq!(on_cluster(&scratch, &index, &[listing, "--limit", "100"]).stdout(), local.stdout(), "{listing}");
    }
}

/// The mean share of the local top 10 that the cluster's top 10 holds too, over the queries of
/// `bench/queries.txt` that find something locally (searched `--exact` there, as the cluster
/// always searches).
#[test]
fn the_top_ten_mostly_agree_with_the_local_index() {
    let Some(url) = cluster() else { return };
    let (scratch, index, _) = exported(&url, "overlap");
    let queries = std::fs::read_to_string(repo().join("bench/queries.txt")).expect("read bench/queries.txt");
    let (mut sum, mut counted) = (0.0, 0);
    for line in queries.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')) {
        let (query, options) = arkiv_engine::search::query::split_options(line);
        let limit = if options.contains("--limit") { "" } else { "--limit 10" };
        let search = |cluster: bool| {
            let extra = if cluster {
                format!("--opensearch {} --name {}", index.url, index.name)
            } else {
                "--exact".to_owned()
            };
            // The options as a shell splits them, the query as typed, quotes and all.
            let output = Command::new("sh")
                .env_remove("ARKIV_OPENSEARCH")
                .arg("-c")
                .arg(format!("exec \"$0\" --index \"$1\" search --json {limit} {options} {extra} -- \"$2\""))
                .arg(env!("CARGO_BIN_EXE_arkiv"))
                .arg(scratch.index())
                .arg(query.trim())
                .output()
                .expect("run arkiv");
            ids(&Run { output })
        };
        let local = search(false);
        if local.is_empty() {
            continue;
        }
        let remote: BTreeSet<String> = search(true).into_iter().collect();
        sum += local.iter().filter(|id| remote.contains(*id)).count() as f64 / local.len() as f64;
        counted += 1;
    }
    let overlap = sum / f64::from(counted);
    eprintln!("top-10 overlap with the local index: {overlap:.3} over {counted} queries of bench/queries.txt");
    assert!(counted >= 50, "only {counted} queries found something");
    assert!(overlap >= 0.9, "top-10 overlap {overlap:.3}");
}

#[test]
fn a_second_export_sends_what_changed_and_deletes_what_went() {
    let Some(url) = cluster() else { return };
    let (scratch, index, _) = exported(&url, "reexport");
    let again = export(&scratch, &index, &[]);
    assert_eq!((again["sent"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(301)), "{again}");
    assert_eq!(again["batches"], 0, "{again}");

    let corpus = scratch.corpus();
    let seed = corpus.join(SEED);
    let text = std::fs::read_to_string(&seed).expect("read the seed");
    std::fs::write(&seed, text.replacen("Pompeo", "Pompeo og Zyxwvut", 1)).expect("change the seed");
    // A Nynorsk review goes.
    let gone = &scratch.arkiv(&["search", "--lang", "nn", "--limit", "1", "--json"]).json_lines()[0];
    let gone_id = gone["id"].as_str().expect("an id").to_owned();
    std::fs::remove_file(gone["path"].as_str().expect("a path")).expect("delete a file");
    std::fs::write(corpus.join("ny.txt"), "Ny sak om Qwertyfjord\n\nQwertyfjord fikk ny ferje i dag.\n").expect("add");
    scratch.index_dir(&corpus);

    let third = export(&scratch, &index, &[]);
    assert_eq!(third["articles"], 301, "{third}");
    // The changed and the new article, and any whose names are now listed under another
    // canonical name (the archive's counts of names changed): a handful, not the archive.
    let sent = third["sent"].as_u64().expect("sent");
    assert!((2..=5).contains(&sent), "{third}");
    assert_eq!(third["deleted"], 1, "{third}");
    assert_eq!(third["unchanged"].as_u64(), Some(301 - sent), "{third}");
    assert_eq!(index.count(), 301);
    let local = scratch.arkiv(&["people", "--limit", "100"]).stdout();
    assert_eq!(on_cluster(&scratch, &index, &["people", "--limit", "100"]).stdout(), local);
    let found = ids(&on_cluster(&scratch, &index, &["search", "Zyxwvut", "--json"]));
    assert_eq!(found.len(), 1);
    assert_eq!(ids(&on_cluster(&scratch, &index, &["search", "Qwertyfjord", "--json"])).len(), 1);
    assert_eq!(on_cluster(&scratch, &index, &["show", &gone_id]).code(), Some(2));
}

#[test]
fn bad_settings_are_refused_by_name() {
    let Some(url) = cluster() else { return };
    let scratch = Scratch::shared();
    let run = scratch.arkiv(&["search", "film", "--opensearch", &url, "--name", "Has Spaces"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("--name"), "{}", run.stderr());
    let run = scratch.arkiv(&["search", "film", "--opensearch", "https://user:secret@127.0.0.1:1"]);
    assert!(run.stderr().contains("ARKIV_OPENSEARCH_USER") && !run.stderr().contains("secret"), "{}", run.stderr());
    let run = scratch.arkiv(&["search", "film", "--opensearch", &url, "--name", "arkiv-no-such-index"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("no such index"), "{}", run.stderr());
}

/// The clusters the tests start themselves, one at a time: each is a few JVMs on a small machine.
static OWN_CLUSTERS: Mutex<()> = Mutex::new(());

/// A cluster of its own, started with `deploy/opensearch/start.sh` in a run folder of its own
/// and stopped when dropped.
struct OwnCluster {
    run: tempfile::TempDir,
    url: String,
}

impl OwnCluster {
    fn start(nodes: usize, settings: &[&str]) -> OwnCluster {
        let run = tempfile::tempdir().expect("a run folder");
        let mut command = Command::new(repo().join("deploy/opensearch/start.sh"));
        command.arg(nodes.to_string()).env("ARKIV_OPENSEARCH_RUN", run.path());
        for setting in settings {
            command.args(["-E", setting]);
        }
        let output = command.output().expect("run start.sh");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "start.sh failed: {}", String::from_utf8_lossy(&output.stderr));
        let url = stdout
            .lines()
            .last()
            .and_then(|line| line.strip_prefix("ARKIV_OPENSEARCH="))
            .unwrap_or_else(|| panic!("start.sh's last line: {stdout}"))
            .to_owned();
        OwnCluster { run, url }
    }

    /// The pids of the nodes, in the order of their names.
    fn pids(&self) -> Vec<u32> {
        std::fs::read_to_string(self.run.path().join("pids"))
            .expect("the pids file")
            .lines()
            .map(|pid| pid.parse().expect("a pid"))
            .collect()
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let _ = Command::new(repo().join("deploy/opensearch/stop.sh"))
            .env("ARKIV_OPENSEARCH_RUN", self.run.path())
            .status();
    }
}

#[test]
fn the_exporter_rides_out_a_full_bulk_queue() {
    let Some(_) = cluster() else { return };
    let _one_at_a_time = OWN_CLUSTERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // One write thread with room for one waiting task: a bulk request to an index of eight
    // shards makes eight shard tasks at once, and the rest are rejected with 429.
    let own = OwnCluster::start(1, &["thread_pool.write.size=1", "thread_pool.write.queue_size=1"]);
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let index = ClusterIndex::new(&own.url, "queue");
    let summary = export(&scratch, &index, &["--shards", "8"]);
    assert_eq!(summary["sent"], 301, "{summary}");
    assert!(summary["retries"].as_u64() > Some(0), "no 429 was ridden out: {summary}");
    assert_eq!(index.count(), 301);
    let hits = on_cluster(&scratch, &index, &["search", "Pompeo Lavrov", "--json"]).json_lines();
    assert!(hits[0]["path"].as_str().expect("a path").ends_with(SEED));
}

#[test]
fn a_cluster_of_three_survives_a_node_killed() {
    let Some(_) = cluster() else { return };
    let _one_at_a_time = OWN_CLUSTERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let own = OwnCluster::start(3, &[]);
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let index = ClusterIndex::new(&own.url, "kill");
    let summary = export(&scratch, &index, &[]);
    assert_eq!(summary["sent"], 301, "{summary}");
    // Green: every shard has its replica on another node.
    let health = ureq::get(&format!("{}/_cluster/health/{}?wait_for_status=green&timeout=60s", own.url, index.name))
        .call()
        .expect("health")
        .body_mut()
        .read_to_string()
        .expect("read");
    assert!(health.contains("\"status\":\"green\""), "{health}");

    // The last node is not the one arkiv talks to.
    let victim = *own.pids().last().expect("three nodes");
    assert!(Command::new("kill").args(["-9", &victim.to_string()]).status().expect("kill").success());

    let hits = on_cluster(&scratch, &index, &["search", "Pompeo Lavrov", "--json"]).json_lines();
    assert!(hits[0]["path"].as_str().expect("a path").ends_with(SEED), "{hits:?}");
    let corpus = scratch.corpus();
    std::fs::write(corpus.join("ny.txt"), "Ny sak om Qwertyfjord\n\nQwertyfjord fikk ny ferje i dag.\n").expect("add");
    scratch.index_dir(&corpus);
    let again = export(&scratch, &index, &[]);
    assert_eq!((again["sent"].as_u64(), again["unchanged"].as_u64()), (Some(1), Some(301)), "{again}");
    assert_eq!(ids(&on_cluster(&scratch, &index, &["search", "Qwertyfjord", "--json"])).len(), 1);
}
