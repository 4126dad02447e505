//! The whole binary on a copy of the bundled corpus: index, search, people, show, re-index.

mod common;

use common::{SEED, Scratch, strings};

#[test]
fn search_ranks_the_seed_first_and_highlights() {
    let scratch = Scratch::with_corpus();
    let summary = scratch.index_dir(&scratch.corpus());
    assert_eq!(summary["indexed"], 301, "{summary}");
    assert_eq!(summary["skipped"].as_array().map(Vec::len), Some(0), "{summary}");

    let run = scratch.arkiv(&["search", "Pompeo Lavrov", "--json"]);
    assert!(run.ok(), "{}", run.stderr());
    let hits = run.json_lines();
    assert!(hits[0]["path"].as_str().is_some_and(|p| p.ends_with(SEED)), "{hits:?}");
    assert_eq!(hits[0]["title"], "USA og Russland snakker sammen – men er uenige om det meste");
    let html = hits[0]["snippet_html"].as_str().unwrap_or_default();
    assert!(html.contains("<b>Pompeo</b>") || html.contains("<b>Lavrov</b>"), "{html}");
    let snippet = &hits[0]["snippet"];
    let text = snippet["text"].as_str().unwrap_or_default();
    for range in snippet["highlights"].as_array().expect("highlights") {
        let (start, end) = (range["start"].as_u64().unwrap() as usize, range["end"].as_u64().unwrap() as usize);
        assert!(["Pompeo", "Lavrov"].contains(&&text[start..end]), "{}", &text[start..end]);
    }

    let text_run = scratch.arkiv(&["search", "Pompeo Lavrov"]);
    assert!(text_run.stdout().starts_with("1. USA og Russland snakker sammen"), "{}", text_run.stdout());
}

#[test]
fn inflected_forms_find_each_other() {
    let scratch = Scratch::shared();
    // The last two forms occur nowhere in the corpus: only stemming can find the seed with them.
    for query in
        ["sjøfolk", "sjøfolkene", "utenriksminister", "utenriksministeren", "sjøfolkenes", "pressekonferansene"]
    {
        let hits = scratch.arkiv(&["search", query, "--json"]).json_lines();
        assert!(hits.iter().any(|hit| hit["path"].as_str().is_some_and(|p| p.ends_with(SEED))), "{query}: {hits:?}");
    }
}

#[test]
fn every_term_is_required_and_syntax_works() {
    let scratch = Scratch::shared();
    let total = |query: &str| {
        let run = scratch.arkiv(&["search", query, "--json", "--limit", "1"]);
        run.json_lines().first().map_or(0, |hit| hit["total"].as_u64().unwrap_or(0))
    };
    let film = total("film");
    let film_and_musikk = total("film musikk");
    let film_or_musikk = total("film OR musikk");
    assert!(film > 0 && film_and_musikk > 0);
    assert!(film_and_musikk <= film && film_or_musikk >= film);
    assert_eq!(total("film -musikk") + film_and_musikk, film);
    assert_eq!(total("\"uenige om det meste\""), 1);
    assert_eq!(total("\"meste det om uenige\""), 0);
    assert_eq!(total("title:Russland Pompeo"), 1);
    assert_eq!(total("Pompeo lang:en"), 0);
    assert_eq!(total("Pompeo og Lavrov"), total("Pompeo Lavrov"), "a stop word does not filter");

    let run = scratch.arkiv(&["search", "--exact", "Pompeo xyzzyplugh"]);
    assert_eq!(run.code(), Some(1), "no hits is exit status 1");
}

#[test]
fn filters_narrow_results() {
    let scratch = Scratch::shared();
    let hits = scratch.arkiv(&["search", "Russland", "--person", "putin", "--json"]).json_lines();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hits = scratch.arkiv(&["search", "Russland", "--lang", "nn", "--json"]).json_lines();
    assert!(hits.iter().all(|hit| hit["language"] == "nn"));
    let hits = scratch.arkiv(&["search", "Russland", "--place", "Sotsji", "--json"]).json_lines();
    assert!(hits.iter().all(|hit| hit["path"].as_str().is_some_and(|p| p.ends_with(SEED))), "{hits:?}");
    assert!(!hits.is_empty());
}

#[test]
fn person_lists_the_articles_that_name_them() {
    let scratch = Scratch::shared();
    for name in ["Mike Pompeo", "putin", "Vladimir Putins"] {
        let run = scratch.arkiv(&["person", name, "--json"]);
        assert!(run.ok(), "{name}: {}", run.stderr());
        let articles = run.json_lines();
        let seed = articles
            .iter()
            .find(|a| a["path"].as_str().is_some_and(|p| p.ends_with(SEED)))
            .unwrap_or_else(|| panic!("{name}: seed not listed in {articles:?}"));
        assert!(seed["mentions"].as_u64().unwrap_or(0) >= 3, "{seed}");
    }
    let people = scratch.arkiv(&["people", "--json", "--limit", "100000"]).json_lines();
    let names: Vec<&str> = people.iter().filter_map(|p| p["name"].as_str()).collect();
    assert!(names.contains(&"Mike Pompeo") && names.contains(&"Vladimir Putin"), "{names:?}");
    for furniture in ["Foto", "Hopp", "Siste", "SISTE NYTT"] {
        assert!(!names.contains(&furniture), "{furniture} listed as a person");
    }
    let places = scratch.arkiv(&["places", "--json"]).json_lines();
    assert!(places.iter().any(|p| p["name"] == "Russland"), "{places:?}");
}

#[test]
fn with_lists_who_and_what_is_named_together() {
    let scratch = Scratch::shared();
    let together = scratch.arkiv(&["person", "pompeo", "--with", "--json"]).json_lines();
    let named = |name: &str, kind: &str| together.iter().any(|t| t["name"] == name && t["kind"] == kind);
    assert!(named("Sergej Lavrov", "PER") && named("Sotsji", "PLACE"), "{together:?}");
    assert!(!named("Mike Pompeo", "PER"), "a person is not named together with himself");
    assert!(together.iter().all(|t| t["articles"].as_u64().is_some_and(|n| n >= 1)));
    let together = scratch.arkiv(&["place", "Sotsji", "--with", "--json"]).json_lines();
    assert!(together.iter().any(|t| t["name"] == "Mike Pompeo"), "{together:?}");
    let text = scratch.arkiv(&["person", "pompeo", "--with", "--limit", "2"]).stdout();
    assert_eq!(text.lines().count(), 3, "a heading and two names: {text}");
}

#[test]
fn filters_of_every_kind_combine() {
    let scratch = Scratch::shared();
    let search = |args: &[&str]| scratch.arkiv(&[&["search", "--json"], args].concat()).json_lines();
    let hits = search(&["Russland", "--person", "putin", "--place", "Sotsji", "--org", "Reuters"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0]["path"].as_str().is_some_and(|p| p.ends_with(SEED)));
    assert!(search(&["Russland", "--person", "putin", "--place", "Kristiansand"]).is_empty());
    let by_filters_alone = search(&["--person", "putin", "--place", "Sotsji"]);
    assert!(by_filters_alone.iter().any(|hit| hit["path"].as_str().is_some_and(|p| p.ends_with(SEED))));
    let nothing = scratch.arkiv(&["search", " "]);
    assert!(!nothing.ok() && nothing.stderr().contains("nothing to search for"), "{}", nothing.stderr());
    let orgs = scratch.arkiv(&["orgs", "--json"]).json_lines();
    assert!(orgs.iter().any(|o| o["name"] == "NRK"), "{orgs:?}");
}

#[test]
fn one_person_under_every_form_of_the_name_across_articles() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("articles");
    std::fs::create_dir_all(&dir).expect("create folder");
    let articles = [
        (
            "a.txt",
            "Møtet i Moskva\n\nPublisert 3. mars 2024 kl. 10.15\n\nPresident Vladimir Putin tok imot gjestene. Vladimir Putin smilte.\n",
        ),
        (
            "b.txt",
            "Nye sanksjoner\n\nPublisert 1. mai 2024 kl. 08.00\n\nEU vil straffe Putins regjering. Kritikerne sier at Putin ikke bryr seg.\n",
        ),
        (
            "c.txt",
            "Valget i Russland\n\nPublisert 2. januar 2023 kl. 12.00\n\nOpposisjonen mener Vladimir Putin vil vinne igjen.\n",
        ),
    ];
    for (name, text) in articles {
        std::fs::write(dir.join(name), text).expect("write article");
    }
    scratch.index_dir(&dir);
    let people = scratch.arkiv(&["people", "--json"]).json_lines();
    let putin: Vec<&serde_json::Value> =
        people.iter().filter(|p| p["name"].as_str().is_some_and(|n| n.contains("Putin"))).collect();
    assert_eq!(putin.len(), 1, "{people:?}");
    assert_eq!(putin[0]["name"], "Vladimir Putin");
    assert_eq!(putin[0]["articles"], 3);
    for name in ["Vladimir Putins", "putin"] {
        assert_eq!(scratch.arkiv(&["person", name, "--json"]).json_lines().len(), 3, "{name}");
    }
    let by_filter = scratch.arkiv(&["search", "--person", "putin", "--json"]).json_lines();
    let titles: Vec<&str> = by_filter.iter().filter_map(|hit| hit["title"].as_str()).collect();
    assert_eq!(titles, ["Nye sanksjoner", "Møtet i Moskva", "Valget i Russland"], "newest first");
}

#[test]
fn show_prints_the_stored_article_by_id_and_path() {
    let scratch = Scratch::shared();
    let hit = scratch.arkiv(&["search", "Pompeo", "--json"]).json_lines().remove(0);
    let id = hit["id"].as_str().expect("id");
    for key in [id, hit["path"].as_str().expect("path")] {
        let shown = scratch.arkiv(&["show", key, "--json"]).json_lines().remove(0);
        assert_eq!(shown["title"], hit["title"]);
        assert_eq!(strings(&shown, "subheadings").len(), 3);
    }
    let missing = scratch.arkiv(&["show", "0000000000000000"]);
    assert_eq!(missing.code(), Some(2));
    assert!(missing.stderr().contains("no article"), "{}", missing.stderr());
}

#[test]
fn reindexing_touches_only_what_changed() {
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let again = scratch.index_dir(&scratch.corpus());
    assert_eq!((again["indexed"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(301)), "{again}");

    let changed = scratch.corpus().join("norec/000778.txt");
    let text = std::fs::read_to_string(&changed).expect("read");
    std::fs::write(&changed, format!("{text}\nEn helt ny setning om kvasikrystaller.\n")).expect("write");
    std::fs::remove_file(scratch.corpus().join("norec/104398.txt")).expect("remove");
    let after = scratch.index_dir(&scratch.corpus());
    assert_eq!(after["indexed"], 1, "{after}");
    assert_eq!(after["unchanged"], 299, "{after}");
    assert_eq!(after["removed"], 1, "{after}");
    let hits = scratch.arkiv(&["search", "kvasikrystaller", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    assert!(hits[0]["path"].as_str().is_some_and(|p| p.ends_with("000778.txt")));
    let total = scratch.arkiv(&["search", "Snekker Andersen", "--json"]).json_lines();
    assert!(total.iter().all(|hit| !hit["path"].as_str().unwrap_or_default().ends_with("104398.txt")));
}

#[test]
fn dates_filter_and_sort() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    std::fs::create_dir(&dir).expect("mkdir");
    let article = |name: &str, title: &str, dateline: &str| {
        let text =
            format!("{title}\n\n{dateline}\n\nRådhuset i Bergen fikk nytt tak i år.\n\nArbeidet tok tre måneder.\n");
        std::fs::write(dir.join(name), text).expect("write");
    };
    article("a.txt", "Taket er ferdig", "Publisert 3. mars 2021 kl. 10.15");
    article("b.txt", "Taket lekker", "Publisert 14.05.2019 18:43");
    article("c.txt", "Nytt tak på rådhuset", "Oppdatert 1. januar 2023");
    article("d.txt", "Udatert sak om taket", "");
    scratch.index_dir(&dir);

    let titles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search", "rådhuset", "--json"];
        all.extend_from_slice(args);
        scratch
            .arkiv(&all)
            .json_lines()
            .iter()
            .map(|hit| hit["title"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        titles(&["--sort", "date"]),
        ["Nytt tak på rådhuset", "Taket er ferdig", "Taket lekker", "Udatert sak om taket"]
    );
    assert_eq!(titles(&["--from", "2020-01-01", "--to", "2021-03-03"]), ["Taket er ferdig"]);
    assert_eq!(titles(&["--to", "2019-05-14"]), ["Taket lekker"]);
    let hit = scratch.arkiv(&["search", "lekker", "--json"]).json_lines().remove(0);
    assert_eq!(hit["date"], "2019-05-14T18:43:00+02:00");

    let bad = scratch.arkiv(&["search", "tak", "--from", "i fjor"]);
    assert_eq!(bad.code(), Some(2));
    assert!(bad.stderr().contains("--from \"i fjor\" is not a date"), "{}", bad.stderr());
}

#[test]
fn each_language_is_stemmed_by_its_own_rules() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    std::fs::create_dir(&dir).expect("mkdir");
    for name in ["english.txt", "nynorsk.txt", "latin1.txt"] {
        std::fs::copy(common::fixture(name), dir.join(name)).expect("copy");
    }
    scratch.index_dir(&dir);
    let found = |query: &str| -> Vec<(String, String)> {
        scratch
            .arkiv(&["search", query, "--json"])
            .json_lines()
            .iter()
            .map(|hit| {
                (
                    hit["title"].as_str().unwrap_or_default().to_owned(),
                    hit["language"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let english = ("Council votes to keep the night ferry running".to_owned(), "en".to_owned());
    assert_eq!(found("election"), std::slice::from_ref(&english));
    assert_eq!(found("the ferries"), [english], "an English stop word does not hide English hits");
    let nynorsk = found("bussane");
    assert_eq!(nynorsk.len(), 1);
    assert_eq!(nynorsk[0].1, "nn");
    assert_eq!(found("tilskuer").len(), 1, "Bokmål stemming: tilskuere");
}

#[test]
fn bench_times_every_query_of_a_file_and_ends_with_the_percentiles() {
    let scratch = Scratch::shared();
    let queries = scratch.dir.path().join("bench-queries.txt");
    std::fs::write(
        &queries,
        "# a comment\nPompeo Lavrov\n\n\"uenige om det meste\"\nRussland --person putin --sort date\n--place Sotsji\n",
    )
    .expect("write queries");
    let run = scratch.arkiv(&["bench", "--queries", &queries.to_string_lossy(), "--passes", "3"]);
    assert!(run.ok(), "{}", run.stderr());
    let stdout = run.stdout();
    assert!(stdout.contains("4 queries × 3 passes = 12 searches"), "{stdout}");
    let last = stdout.lines().last().unwrap_or_default();
    let figures: Vec<f64> = last
        .split(' ')
        .map(|pair| pair.split_once('=').and_then(|(_, value)| value.parse().ok()).expect(last))
        .collect();
    assert!(last.starts_with("p50_ms=") && figures.len() == 3, "{last}");
    assert!(figures[0] > 0.0 && figures[0] <= figures[1] && figures[1] <= figures[2], "{last}");

    std::fs::write(&queries, "Pompeo\nfilm --sort popularity\n").expect("write queries");
    let bad = scratch.arkiv(&["bench", "--queries", &queries.to_string_lossy()]);
    assert!(!bad.ok() && bad.stderr().contains("queries.txt, line 2"), "{}", bad.stderr());
}

#[test]
fn dates_past_any_archive_are_the_ends_of_time() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    std::fs::create_dir(&dir).expect("mkdir");
    for (name, dateline) in
        [("a.txt", "Publisert 3. mars 2021 kl. 10.15"), ("b.txt", "Publisert 14.05.2019 18:43"), ("c.txt", "")]
    {
        let text = format!("Taket på rådhuset\n\n{dateline}\n\nRådhuset i Bergen fikk nytt tak i år.\n");
        std::fs::write(dir.join(name), text).expect("write");
    }
    scratch.index_dir(&dir);
    let found = |args: &[&str]| -> (Option<i32>, usize) {
        let run = scratch.arkiv(&[&["search", "rådhuset", "--json"], args].concat());
        assert!(run.stderr().is_empty(), "{args:?}: {}", run.stderr());
        (run.code(), run.json_lines().len())
    };
    let dated = (Some(0), 2);
    assert_eq!(found(&["--to", "2100-01-01"]), dated);
    for date in ["9999-12-31", "31.12.9999", "9999-12-31T23:59:59Z"] {
        assert_eq!(found(&["--to", date]), dated, "--to {date}: every dated article");
        assert_eq!(found(&["--from", date]), (Some(1), 0), "--from {date}: none");
        assert_eq!(found(&["--from", "2020-01-01", "--to", date]), (Some(0), 1), "--to {date}");
    }
    assert_eq!(found(&["--from", "0001-01-01"]), dated);
    assert_eq!(found(&["--to", "0001-01-01"]), (Some(1), 0));
}

#[test]
fn a_limit_or_offset_of_any_size_is_no_allocation() {
    let scratch = Scratch::shared();
    let all = scratch.arkiv(&["search", "film", "--json", "--limit", "100000"]).json_lines();
    assert!(all.len() > 10, "{}", all.len());
    for limit in ["18446744073709551615", "99999999999"] {
        let run = scratch.arkiv(&["search", "film", "--json", "--limit", limit]);
        assert!(run.ok() && run.stderr().is_empty(), "--limit {limit}: {:?} {}", run.code(), run.stderr());
        assert_eq!(run.json_lines().len(), all.len(), "--limit {limit} lists every hit");
        for command in [&["person", "putin"][..], &["person", "putin", "--with"], &["people"], &["places"], &["orgs"]] {
            let run = scratch.arkiv(&[command, &["--limit", limit]].concat());
            assert!(
                run.ok() && run.stderr().is_empty(),
                "{command:?} --limit {limit}: {:?} {}",
                run.code(),
                run.stderr()
            );
        }
    }
    for offset in ["9223372036854775807", "4294967295", "18446744073709551615"] {
        let run = scratch.arkiv(&["search", "film", "--offset", offset]);
        assert_eq!(run.code(), Some(1), "--offset {offset}: {}", run.stderr());
        assert!(run.stdout().starts_with("No more hits"), "{}", run.stdout());
        let run = scratch.arkiv(&["search", "film", "--offset", offset, "--limit", "18446744073709551615"]);
        assert_eq!(run.code(), Some(1), "--offset {offset} with a huge limit: {}", run.stderr());
    }
}

/// Runs `arkiv ARGS` with stdout into a pipe that is closed after the first line, as
/// `arkiv … | head -1` does; returns the exit status and what went to stderr.
fn first_line_only(scratch: &Scratch, args: &[&str]) -> (std::process::ExitStatus, String) {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("--index")
        .arg(scratch.index())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run arkiv");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("read a line");
    assert!(!first.is_empty(), "{args:?} wrote nothing");
    // The reader is dropped here: the pipe is closed with most of the output still to come.
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read stderr");
    (child.wait().expect("wait for arkiv"), stderr)
}

#[test]
fn a_closed_pipe_ends_json_output_quietly() {
    let scratch = Scratch::shared();
    let corpus: Vec<String> = std::fs::read_dir(scratch.corpus().join("norec"))
        .expect("read the corpus")
        .map(|entry| entry.expect("entry").path().to_string_lossy().into_owned())
        .filter(|path| path.ends_with(".txt"))
        .collect();
    let extract: Vec<&str> = ["--json", "extract"].into_iter().chain(corpus.iter().map(String::as_str)).collect();
    // Each writes far more than a pipe holds (some 200 kB and 2 MB), so the write after the
    // pipe is closed is certain to fail.
    for args in [&["search", "--lang", "no", "--limit", "5000", "--json"][..], &extract] {
        let (status, stderr) = first_line_only(scratch, args);
        assert!(status.success() && stderr.is_empty(), "{:?}: {status}, {stderr}", &args[..args.len().min(4)]);
    }
}

#[test]
fn person_lists_as_many_as_the_limit_says() {
    let scratch = Scratch::shared();
    let all = scratch.arkiv(&["person", "hans", "--json", "--limit", "100000"]).json_lines();
    assert!(all.len() > 3, "{}", all.len());
    let some = scratch.arkiv(&["person", "hans", "--json", "--limit", "3"]).json_lines();
    assert_eq!(some, all[..3], "the newest three");
    let text = scratch.arkiv(&["person", "hans", "--limit", "3"]).stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "a heading, three articles and how many more: {text}");
    assert!(lines[0].ends_with(&format!("({} articles)", all.len())), "{text}");
    assert_eq!(lines[4], format!("the newest 3 of {} articles; --limit N lists more", all.len()));
}

#[test]
fn the_heading_names_a_handful_and_counts_the_rest() {
    let scratch = Scratch::shared();
    let text = scratch.arkiv(&["person", "hans"]).stdout();
    let heading = text.lines().next().unwrap_or_default();
    let (names, more) = heading.split_once(" and ").unwrap_or_else(|| panic!("no count of the rest: {heading}"));
    assert_eq!(names.split(", ").count(), 5, "{heading}");
    let more: usize = more.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{heading}"));
    assert!(more > 0 && heading.contains(" more ("), "{heading}");
}

#[test]
fn show_takes_an_id_in_capitals() {
    let scratch = Scratch::shared();
    let hit = scratch.arkiv(&["search", "Pompeo", "--json"]).json_lines().remove(0);
    let id = hit["id"].as_str().expect("id").to_ascii_uppercase();
    let run = scratch.arkiv(&["show", &id, "--json"]);
    assert!(run.ok(), "{}", run.stderr());
    assert_eq!(run.json_lines()[0]["title"], hit["title"]);
}

#[test]
fn a_limit_of_nothing_is_the_same_error_everywhere() {
    let scratch = Scratch::shared();
    let mut messages = Vec::new();
    for command in [
        &["search", "film"][..],
        &["person", "hans"],
        &["place", "Oslo", "--with"],
        &["people"],
        &["places"],
        &["orgs"],
    ] {
        let run = scratch.arkiv(&[command, &["--limit", "0"]].concat());
        assert_eq!(run.code(), Some(2), "{command:?}: {}", run.stdout());
        assert!(
            run.stdout().is_empty() && run.stderr().contains("must be at least 1"),
            "{command:?}: {}",
            run.stderr()
        );
        messages.push(run.stderr().lines().next().unwrap_or_default().to_owned());
    }
    assert!(messages.iter().all(|message| *message == messages[0]), "{messages:#?}");
}
