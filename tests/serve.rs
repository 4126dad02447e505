//! `arkiv serve`: the real binary on a free port over a scratch copy of `corpus/` and the
//! fixtures of `tests/fixtures/serve/` (dated articles from two sources, and one whose title and
//! text are markup), asked over HTTP and checked against what the command line says.

mod common;

use std::time::{Duration, Instant};

use common::server::{Server, encode, served_corpus};
use common::{SEED, Scratch};
use serde_json::Value;

/// The shared scratch index and a server of its own for each test (a server kept in a static
/// would outlive the test process).
fn shared() -> (&'static Scratch, Server) {
    let scratch = served_corpus();
    (scratch, Server::start(&scratch.index(), &[]))
}

/// The `total` the command line reports for `arkiv search ARGS`.
fn cli_total(scratch: &Scratch, args: &[&str]) -> u64 {
    let mut all = vec!["--json", "search"];
    all.extend_from_slice(args);
    let run = scratch.arkiv(&all);
    run.json_lines().first().map_or(0, |hit| hit["total"].as_u64().expect("total"))
}

#[test]
fn health_says_how_many_articles() {
    let (_, server) = shared();
    let health = server.ok("/healthz");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["articles"], 301 + 7);
}

#[test]
fn the_seed_comes_first_and_hits_are_the_cli_s() {
    let (scratch, server) = shared();
    let page = server.ok("/api/search?q=Pompeo%20Lavrov&limit=3");
    let first = &page["hits"][0];
    assert!(first["path"].as_str().expect("path").ends_with(SEED), "{first}");
    let cli = scratch.arkiv(&["--json", "search", "Pompeo Lavrov", "--limit", "3"]).json_lines();
    assert_eq!(page["hits"].as_array().expect("hits"), &cli, "the same view as --json");
    assert_eq!(page["total"], cli[0]["total"]);
    for field in ["facets", "histogram", "corrected_query", "suggestion", "partial"] {
        assert!(page.get(field).is_some(), "{field} missing: {page}");
    }
}

#[test]
fn facets_count_what_the_cli_finds_with_the_filter() {
    let (scratch, server) = shared();
    let page = server.ok("/api/search?q=ferja&facets=5");
    let facets = &page["facets"];
    let mut checked = 0;
    for (facet, flag) in
        [("people", "--person"), ("places", "--place"), ("organisations", "--org"), ("languages", "--lang")]
    {
        for value in facets[facet].as_array().expect("a facet").iter().take(3) {
            let name = value["name"].as_str().expect("name");
            let total = cli_total(scratch, &["ferja", flag, name, "--limit", "1"]);
            assert_eq!(value["articles"].as_u64(), Some(total), "{facet} {name}");
            checked += 1;
        }
    }
    assert!(checked >= 4, "too few facet values to check: {facets}");
    let sources: Vec<(&str, u64)> = facets["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|source| (source["name"].as_str().expect("name"), source["articles"].as_u64().expect("count")))
        .collect();
    assert_eq!(sources, [("Avisa", 4), ("Nordavisa", 2)]);
    assert_eq!(server.ok("/api/search?q=ferja&source=Nordavisa")["total"], 2, "a source is a filter too");
    let both = server.ok("/api/search?person=Kari%20Nordmann&person=Ola%20Hansen");
    let cli = cli_total(scratch, &["--person", "Kari Nordmann", "--person", "Ola Hansen", "--limit", "1"]);
    assert_eq!(both["total"].as_u64(), Some(cli), "filters repeat, and all must hold");
    // A facet value clicked is a filter: the page's total becomes the facet's count.
    let kari = server.ok("/api/search?q=ferja&person=Kari%20Nordmann");
    let count = facets["people"].as_array().expect("people").iter().find(|p| p["name"] == "Kari Nordmann");
    assert_eq!(Some(&kari["total"]), count.map(|p| &p["articles"]), "{facets}");
}

#[test]
fn the_histogram_counts_what_the_cli_finds_between_its_dates() {
    let (scratch, server) = shared();
    let page = server.ok("/api/search?q=ferja");
    let histogram = &page["histogram"];
    assert_eq!(histogram["period"], "year", "{histogram}");
    let buckets = histogram["buckets"].as_array().expect("buckets");
    let years: Vec<&str> = buckets.iter().map(|b| b["period"].as_str().expect("period")).collect();
    assert_eq!(years, ["2019", "2020", "2021", "2022", "2023"]);
    let mut dated = 0;
    for bucket in buckets {
        let (from, to) = (bucket["from"].as_str().expect("from"), bucket["to"].as_str().expect("to"));
        let total = cli_total(scratch, &["ferja", "--from", from, "--to", to, "--limit", "1"]);
        assert_eq!(bucket["articles"].as_u64(), Some(total), "{bucket}");
        dated += total;
    }
    assert_eq!(dated + histogram["undated"].as_u64().expect("undated"), page["total"].as_u64().expect("total"));
    // Narrowed to 2023 the span is short, so the bars are months.
    let narrowed = server.ok("/api/search?q=ferja&from=2023-01-01&to=2023-12-31");
    assert_eq!(narrowed["histogram"]["period"], "month");
    assert_eq!(narrowed["total"], 3);
}

#[test]
fn an_article_is_what_show_gives_and_ids_are_never_paths() {
    let (scratch, server) = shared();
    let seed = &scratch.arkiv(&["--json", "search", "Pompeo Lavrov", "--limit", "1"]).json_lines()[0];
    let id = seed["id"].as_str().expect("id");
    let article = server.ok(&format!("/api/articles/{id}"));
    assert_eq!(article, scratch.arkiv(&["--json", "show", id]).json_lines()[0]);
    assert!(article["people"].as_array().expect("people").iter().any(|name| name == "Mike Pompeo"));
    let seed_path = seed["path"].as_str().expect("path");
    for bad in ["..%2F..%2Fetc%2Fpasswd", &encode(seed_path), "7929780530d84f8", "zzzzzzzzzzzzzzzz"] {
        let (status, error) = server.get(&format!("/api/articles/{bad}"));
        assert_eq!(status, 400, "{bad}: {error}");
        assert!(error["error"].as_str().expect("message").contains("not an article id"), "{error}");
    }
    let (status, error) = server.get("/api/articles/0000000000000000");
    assert_eq!((status, error["status"].as_u64()), (404, Some(404)), "{error}");
    let (status, _) = server.get_text("/api/articles/..%2F..%2F..%2Fetc%2Fpasswd%00");
    assert_eq!(status, 400);
    // An encoded dot segment is no id (400), or, where a client or proxy takes it as the
    // folder above, no article route at all (404): never a file.
    let (status, body) = server.get_text("/api/articles/%2E%2E");
    assert!(matches!(status, 400 | 404), "{status}: {body}");
}

#[test]
fn a_name_page_has_the_cli_s_articles_companions_and_a_histogram() {
    let (scratch, server) = shared();
    let page = server.ok("/api/person/Mike%20Pompeo?limit=5");
    let articles = scratch.arkiv(&["--json", "person", "Mike Pompeo", "--limit", "5"]).json_lines();
    assert_eq!(page["articles"].as_array().expect("articles"), &articles);
    assert!(page["articles"][0]["path"].as_str().expect("path").ends_with(SEED));
    let with = scratch.arkiv(&["--json", "person", "Mike Pompeo", "--with", "--limit", "5"]).json_lines();
    assert_eq!(page["together"].as_array().expect("together"), &with);
    assert!(page["histogram"]["buckets"].is_array() && page["names"][0] == "Mike Pompeo", "{page}");

    let kari = server.ok("/api/person/kari%20nordmann");
    assert_eq!(kari["total"], 4);
    let dated: u64 = kari["histogram"]["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| b["articles"].as_u64().expect("n"))
        .sum();
    assert_eq!(dated, 3, "three of her articles are dated: {kari}");
    let place = server.ok("/api/place/Sotsji");
    assert!(place["total"].as_u64() >= Some(1), "{place}");
    let org = server.ok("/api/org/Statens%20vegvesen");
    assert_eq!(org["total"], 1);
}

#[test]
fn listings_are_the_cli_s_and_a_prefix_narrows_them() {
    let (scratch, server) = shared();
    for (path, command) in [("people", "people"), ("places", "places"), ("orgs", "orgs")] {
        let listed = server.ok(&format!("/api/{path}?limit=7"));
        assert_eq!(
            listed.as_array().expect("a list"),
            &scratch.arkiv(&["--json", command, "--limit", "7"]).json_lines()
        );
    }
    let starting = server.ok("/api/people?prefix=pom&limit=50");
    let names: Vec<&str> =
        starting.as_array().expect("a list").iter().map(|n| n["name"].as_str().expect("name")).collect();
    assert!(names.contains(&"Mike Pompeo"), "{names:?}");
    assert!(names.iter().all(|name| name.split(' ').any(|word| word.to_lowercase().starts_with("pom"))), "{names:?}");
}

#[test]
fn suggestions_complete_names_and_words() {
    let (_, server) = shared();
    let suggestions = server.ok("/api/suggest?prefix=Pomp");
    let first = &suggestions[0];
    assert_eq!((first["text"].as_str(), first["kind"].as_str()), (Some("Mike Pompeo"), Some("PER")), "{suggestions}");
    // Words as the articles write them, never the stems the index holds ("ferj").
    let words = server.ok("/api/suggest?prefix=fer&limit=20");
    let words: Vec<&str> = words
        .as_array()
        .expect("a list")
        .iter()
        .filter(|s| s["kind"].is_null())
        .map(|s| s["text"].as_str().expect("a word"))
        .collect();
    assert!(words.contains(&"ferja"), "{words:?}");
    assert!(!words.contains(&"ferj"), "{words:?}");
    let mut written = std::collections::BTreeSet::new();
    for file in walk(&served_corpus().corpus()) {
        let text = String::from_utf8_lossy(&std::fs::read(file).expect("a file")).to_lowercase();
        written.extend(text.split(|c: char| !c.is_alphanumeric()).map(str::to_owned));
    }
    for word in &words {
        assert!(written.contains(*word), "{word:?} is written nowhere in the corpus: {words:?}");
    }
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}

#[test]
fn bad_input_is_a_4xx_with_the_cli_s_message() {
    let (scratch, server) = shared();
    let cli = scratch.arkiv(&["search", "\"snakker sammen"]);
    let (status, error) = server.get("/api/search?q=%22snakker%20sammen");
    assert_eq!(status, 400);
    let message = error["error"].as_str().expect("message");
    assert!(cli.stderr().contains(message), "CLI: {} / API: {message}", cli.stderr());
    for (query, says) in [
        ("q=film&limit=0", "limit must be at least 1"),
        ("q=film&limit=1001", "limit must be at most 1000"),
        ("q=film&limit=ti", "limit \"ti\" is not a whole number"),
        ("q=film&offset=100001", "offset must be at most"),
        ("q=film&from=i%20fjor", "from \"i fjor\" is not a date"),
        ("q=film&from=2020-01-02&to=2020-01-01", "from must be before to"),
        ("q=film&sort=popularity", "sort \"popularity\""),
        ("q=film&colour=red", "unknown field `colour`"),
        ("", "nothing to search for"),
    ] {
        let (status, error) = server.get(&format!("/api/search?{query}"));
        assert_eq!(status, 400, "{query}: {error}");
        assert!(error["error"].as_str().expect("message").contains(says), "{query}: {error}");
    }
    let long = "ord%20".repeat(1001);
    let (status, error) = server.get(&format!("/api/search?q={long}"));
    assert_eq!(status, 400, "{error}");
    let (status, _) = server.get("/api/suggest");
    assert_eq!(status, 400, "a prefix is required");
    let (status, _) = server.get(&format!("/api/person/{}", "a".repeat(201)));
    assert_eq!(status, 400);
    let (status, _) = server.request("POST", "/api/search?q=film", &[]);
    assert_eq!(status, 405, "nothing is written");
    let (status, error) = server.get("/api/nothing-here");
    assert_eq!((status, error["status"].as_u64()), (404, Some(404)));
}

#[test]
fn markup_in_an_article_stays_text() {
    let (_, server) = shared();
    let page = server.ok("/api/search?q=Nordlandsposten");
    let hit = &page["hits"][0];
    assert_eq!(hit["title"], "<script>alert(\"xss\")</script> Ferja <img src=x onerror=alert(1)>", "as text, in JSON");
    let html = hit["snippet_html"].as_str().expect("snippet_html");
    assert!(
        html.contains("&lt;b onmouseover=alert(3)&gt;") && !html.contains("<img") && !html.contains("<b "),
        "{html}"
    );
    // The page is one fixed document: no article text is ever put into it by the server, and
    // its policy runs no script but its own.
    let response = server.response("GET", "/", &[]);
    let header = |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok());
    let policy = header("content-security-policy").expect("a policy").to_owned();
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn every_path_the_openapi_description_lists_answers() {
    let (scratch, server) = shared();
    let spec = server.ok("/api/openapi.json");
    assert!(spec["openapi"].as_str().expect("version").starts_with("3."));
    let id = scratch.arkiv(&["--json", "search", "Pompeo Lavrov", "--limit", "1"]).json_lines()[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let paths = spec["paths"].as_object().expect("paths");
    assert!(paths.len() >= 11, "{paths:?}");
    for (path, item) in paths {
        let operation = &item["get"];
        assert!(operation.is_object(), "{path} has no GET");
        let mut query = Vec::new();
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            if parameter["in"] != "query" {
                continue;
            }
            match parameter["example"].as_str() {
                Some(example) => {
                    query.push(format!("{}={}", parameter["name"].as_str().expect("name"), encode(example)))
                }
                None => assert!(parameter["required"] != true, "{path}: a required parameter without an example"),
            }
        }
        let concrete = path.replace("{id}", &id).replace("{name}", "Mike%20Pompeo");
        let url = if query.is_empty() { concrete } else { format!("{concrete}?{}", query.join("&")) };
        let (status, body) = server.get_text(&url);
        assert_eq!(status, 200, "{url}: {body}");
        assert!(operation["responses"]["200"].is_object(), "{path}: no 200 response described");
    }
    for served in [
        "/api/search",
        "/api/articles/{id}",
        "/api/suggest",
        "/healthz",
        "/api/person/{name}",
        "/api/similar/{id}",
        "/api/timeline",
        "/api/kwic",
    ] {
        assert!(paths.contains_key(served), "{served} is not described");
    }
}

#[test]
fn a_token_guards_the_api_and_other_machines_need_one() {
    let (scratch, _) = shared();
    let guarded = Server::start(&scratch.index(), &["--token", "hemmelig"]);
    let (status, error) = guarded.get("/api/search?q=film");
    assert_eq!(status, 401, "{error}");
    let (status, _) = guarded.request("GET", "/api/search?q=film", &[("Authorization", "Bearer feil")]);
    assert_eq!(status, 401);
    let (status, body) = guarded.request("GET", "/api/search?q=film", &[("Authorization", "Bearer hemmelig")]);
    assert_eq!(status, 200, "{body}");
    assert_eq!(guarded.get("/healthz").0, 200, "health needs no token");

    let open = scratch.arkiv(&["serve", "--addr", "0.0.0.0:0"]);
    assert_eq!(open.code(), Some(2));
    assert!(open.stderr().contains("needs a token (--token or ARKIV_TOKEN)"), "{}", open.stderr());
}

/// A search asked again is answered from the cache, byte for byte what it was; another page
/// of it is a search of its own; `--cache-mb 0` keeps nothing. (What a commit does to the cache
/// is `a_cached_search_is_worked_out_again_for_a_new_commit_before_it_answers`.)
/// The answer to `GET PATH`, which must be 200, with what its `x-arkiv-cache` header says
/// (`hit` or `miss`).
fn cached(server: &Server, path: &str) -> (String, String) {
    let mut response = server.response("GET", path, &[]);
    assert_eq!(response.status(), 200, "{path}");
    let cache = response.headers().get("x-arkiv-cache").and_then(|value| value.to_str().ok()).map(str::to_owned);
    (cache.unwrap_or_default(), response.body_mut().read_to_string().expect("a body"))
}

#[test]
fn a_search_asked_again_is_answered_from_the_cache() {
    let (scratch, server) = shared();
    let answer = cached;
    let (first, body) = answer(&server, "/api/search?q=film&person=putin");
    assert_eq!(first, "miss");
    assert_eq!(answer(&server, "/api/search?q=film&person=putin"), ("hit".to_owned(), body));
    assert_eq!(answer(&server, "/api/search?q=film&person=putin&offset=10").0, "miss");
    let uncached = Server::start(&scratch.index(), &["--cache-mb", "0"]);
    for _ in 0..2 {
        assert_eq!(answer(&uncached, "/api/search?q=film&person=putin").0, "miss");
    }
}

/// A scratch copy of `corpus/` of its own, indexed, with a server, for a test that indexes more.
fn indexed_with_server() -> (Scratch, Server) {
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let server = Server::start(&scratch.index(), &[]);
    (scratch, server)
}

/// Writes an article into the scratch corpus whose word "kvitveisbakken" no other article has.
fn add_kvitveis(scratch: &Scratch) {
    std::fs::write(
        scratch.corpus().join("kvitveis.txt"),
        "Kvitveisbakken stengt\n\nKvitveisbakken i Tromsø er stengt for trafikk etter et ras natt til søndag.\n",
    )
    .expect("write an article");
}

#[test]
fn a_new_commit_of_a_running_ingest_is_found_without_a_restart() {
    let (scratch, server) = indexed_with_server();
    let query = "/api/search?q=kvitveisbakken&exact=true";
    assert_eq!(server.ok(query)["total"], 0);
    add_kvitveis(&scratch);
    let summary = scratch.index_dir(&scratch.corpus());
    assert_eq!(summary["indexed"], 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    let found: Value = loop {
        let page = server.ok(query);
        if page["total"] == 1 || Instant::now() > deadline {
            break page;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(found["total"], 1, "the server did not see the new commit: {found}");
    assert_eq!(found["hits"][0]["title"], "Kvitveisbakken stengt");
    assert_eq!(server.ok("/healthz")["articles"], 302);
    assert_eq!(server.ok("/api/suggest?prefix=kvitveis")[0]["kind"], Value::Null, "new words are suggested");
}

/// A commit of a running ingest: the server works the searches kept in its cache out again
/// from the new state before it answers from it, so the first request after the new state
/// answers is a hit of the cache, and holds the new article.
#[test]
fn a_cached_search_is_worked_out_again_for_a_new_commit_before_it_answers() {
    let (scratch, server) = indexed_with_server();
    let query = "/api/search?q=kvitveisbakken&exact=true";
    let (first, before) = cached(&server, query);
    assert_eq!(first, "miss");
    assert_eq!(serde_json::from_str::<Value>(&before).expect("JSON")["total"], 0);
    assert_eq!(cached(&server, query), ("hit".to_owned(), before.clone()));

    add_kvitveis(&scratch);
    assert_eq!(scratch.index_dir(&scratch.corpus())["indexed"], 1);
    // The article count comes from the state the searches come from: once it is new, so is
    // the state the next search is answered from.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.ok("/healthz")["articles"] != 302 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(server.ok("/healthz")["articles"], 302, "the server did not take the new commit in");
    let (cache, after) = cached(&server, query);
    let after: Value = serde_json::from_str(&after).expect("JSON");
    assert_eq!(cache, "hit", "the search was not worked out again before the new state answered: {after}");
    assert_eq!(after["total"], 1, "the answer kept is of the old state: {after}");
    assert_eq!(after["hits"][0]["title"], "Kvitveisbakken stengt");
}

#[test]
fn similar_timeline_and_kwic_answer_what_the_cli_prints() {
    let (scratch, server) = shared();
    let id = scratch.arkiv(&["--json", "search", "Pompeo Lavrov", "--limit", "1"]).json_lines()[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let similar = server.ok(&format!("/api/similar/{id}?limit=4"));
    let cli = scratch.arkiv(&["--json", "similar", &id, "--limit", "4"]).json_lines();
    assert_eq!(similar["articles"].as_array().expect("articles"), &cli, "the same view as --json");
    assert_eq!(similar["id"], id.as_str());
    let (status, error) = server.get("/api/similar/0123456789abcdef");
    assert_eq!(status, 404, "{error}");
    let (status, _) = server.get("/api/similar/..%2F..%2Fetc%2Fpasswd");
    assert_eq!(status, 400, "an id is never a path");

    let timeline = server.ok("/api/timeline?q=ferja&by=day");
    let cli = scratch.arkiv(&["--json", "timeline", "ferja", "--by", "day"]).json_lines();
    let mut counts: Vec<Value> = timeline["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|bucket| serde_json::json!({"period": bucket["period"], "count": bucket["articles"]}))
        .collect();
    if timeline["undated"].as_u64() > Some(0) {
        counts.push(serde_json::json!({"period": null, "count": timeline["undated"]}));
    }
    assert!(!counts.is_empty());
    assert_eq!(counts, cli);
    let all = server.ok("/api/timeline");
    let dated: u64 =
        all["buckets"].as_array().expect("buckets").iter().map(|b| b["articles"].as_u64().expect("n")).sum();
    assert_eq!(dated + all["undated"].as_u64().expect("undated"), 301 + 7, "every article, without a query");

    let kwic = server.ok("/api/kwic?q=Pompeo&width=20&limit=5");
    let cli = scratch.arkiv(&["--json", "kwic", "Pompeo", "--width", "20", "--limit", "5"]).json_lines();
    assert_eq!(kwic["lines"].as_array().expect("lines"), &cli);
    assert_eq!(kwic["more"], true, "{kwic}");
    for (query, says) in [
        ("/api/timeline?by=week", "by \"week\" is not year, month or day"),
        ("/api/timeline?q=film&colour=red", "unknown field `colour`"),
        ("/api/kwic?q=film&width=0", "width must be at least 1"),
        ("/api/kwic?q=film&width=501", "width must be at most 500"),
        ("/api/kwic?q=film&from=i%20fjor", "from \"i fjor\" is not a date"),
        ("/api/kwic", "nothing to search for"),
    ] {
        let (status, error) = server.get(query);
        assert_eq!(status, 400, "{query}: {error}");
        assert!(error["error"].as_str().expect("message").contains(says), "{query}: {error}");
    }
}

/// `arkiv index --rebuild` puts a new folder in the place of the one the server reads: the
/// server follows it, and then the commits into the new folder.
#[test]
fn the_server_follows_a_rebuilt_index() {
    let (scratch, server) = indexed_with_server();
    let total = |query: &str| server.ok(&format!("/api/search?q={query}&exact=true"))["total"].clone();
    assert_eq!(total("kvitveisbakken"), 0);

    // Rebuilt from the sources, which hold one article more now.
    add_kvitveis(&scratch);
    let corpus = scratch.corpus();
    let rebuilt = scratch.arkiv(&["index", corpus.to_str().expect("a UTF-8 path"), "--rebuild", "sources"]);
    assert!(rebuilt.ok(), "{}", rebuilt.stderr());
    let until = |query: &str, wanted: u64| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while total(query) != wanted && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        total(query)
    };
    assert_eq!(until("kvitveisbakken", 1), 1, "the server did not follow the rebuilt index");
    assert_eq!(server.ok("/healthz")["articles"], 302);

    // A commit into the rebuilt folder is found as one into the first.
    std::fs::write(
        scratch.corpus().join("snoskred.txt"),
        "Snøskredvarselet er oppjustert\n\nSnøskredvarselet for Lyngen er oppjustert til faregrad fire.\n",
    )
    .expect("write an article");
    assert_eq!(scratch.index_dir(&scratch.corpus())["indexed"], 1);
    assert_eq!(until("snøskredvarselet", 1), 1, "the server did not see a commit into the rebuilt index");
    assert_eq!(server.ok("/healthz")["articles"], 303);

    // A folder put in its place is opened as the server opens an index: one whose stamp says
    // another format is not read (the server answers from what it has), and is once it says
    // this arkiv's.
    let index = scratch.index();
    let (next, previous) = (index.with_extension("next"), index.with_extension("previous"));
    common::copy_tree(&index, &next);
    std::fs::write(
        scratch.corpus().join("nordlys.txt"),
        "Nordlysvarselet er godt\n\nNordlysvarselet for Tromsø lover klar himmel i kveld.\n",
    )
    .expect("write an article");
    let added = std::process::Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("--index")
        .arg(&next)
        .arg("index")
        .arg(&corpus)
        .output()
        .expect("run arkiv");
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let stamp = std::fs::read(next.join("arkiv-format.json")).expect("the stamp");
    std::fs::write(next.join("arkiv-format.json"), r#"{"format": 999, "model": 1}"#).expect("another format");
    std::fs::rename(&index, &previous).expect("the folder aside");
    std::fs::rename(&next, &index).expect("another folder in its place");
    std::thread::sleep(4 * arkiv_serve::REFRESH_EVERY);
    assert_eq!(total("nordlysvarselet"), 0, "the server read an index of another format");
    assert_eq!(server.ok("/healthz")["articles"], 303);
    std::fs::write(index.join("arkiv-format.json"), stamp).expect("this arkiv's format");
    assert_eq!(until("nordlysvarselet", 1), 1, "the server did not open the folder in its place");
    assert_eq!(server.ok("/healthz")["articles"], 304);
}
