//! Stories across the archive, through the whole binary: `similar`, `timeline`, `kwic`, `org`
//! and the metadata file beside a corpus, on a copy of the bundled corpus with the fixtures of
//! `tests/fixtures/stories` (two reviews of one film, a ferry story, an election story, and a
//! metadata file with one bad row) at its top.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{SEED, Scratch, copy_tree, fixture};
use serde_json::Value;

/// The bundled corpus with the story fixtures and their metadata file at its top, indexed
/// once for the tests that only read.
fn stories() -> &'static Scratch {
    static STORIES: OnceLock<Scratch> = OnceLock::new();
    STORIES.get_or_init(|| {
        let scratch = Scratch::in_target();
        copy_tree(&common::repo().join("corpus"), &scratch.corpus());
        copy_tree(&fixture("stories"), &scratch.corpus());
        scratch.index_dir(&scratch.corpus());
        scratch
    })
}

fn path_of(scratch: &Scratch, name: &str) -> String {
    scratch.corpus().join(name).to_str().expect("utf-8 path").to_owned()
}

fn ends_with(value: &Value, name: &str) -> bool {
    value["path"].as_str().is_some_and(|path| path.ends_with(name))
}

#[test]
fn similar_finds_the_other_review_of_the_same_film_first() {
    let scratch = stories();
    let run = scratch.arkiv(&["similar", &path_of(scratch, "nordlys-dagbladet.txt"), "--json", "--limit", "3"]);
    assert!(run.ok(), "{}", run.stderr());
    let related = run.json_lines();
    assert_eq!(related.len(), 3, "{related:?}");
    assert!(ends_with(&related[0], "nordlys-vg.txt"), "{related:#?}");
    let names: Vec<&str> = related[0]["names"].as_array().expect("names").iter().filter_map(Value::as_str).collect();
    assert!(names.contains(&"Kari Lunde") && names.contains(&"Anders Bakke"), "{names:?}");
    assert!(related.iter().all(|article| !ends_with(article, "nordlys-dagbladet.txt")), "not itself");
    assert!(related.windows(2).all(|pair| pair[0]["score"].as_f64() >= pair[1]["score"].as_f64()));

    // By id, as search shows it, and in text.
    let id = related[0]["id"].as_str().expect("id");
    let back = scratch.arkiv(&["similar", id, "--json", "--limit", "1"]).json_lines();
    assert!(ends_with(&back[0], "nordlys-dagbladet.txt"), "{back:?}");
    let text = scratch.arkiv(&["similar", id, "--limit", "2"]).stdout();
    assert!(text.starts_with("Like Anmeldelse: «Nordlys» treffer ikke helt"), "{text}");
    assert!(text.contains("1. «Nordlys»: Et stille mesterverk fra Finnmark"), "{text}");
}

#[test]
fn similar_of_a_news_story_is_news_and_an_unknown_article_is_an_error() {
    let scratch = stories();
    let related = scratch.arkiv(&["similar", &path_of(scratch, SEED), "--json", "--limit", "5"]).json_lines();
    assert!(!related.is_empty() && related.len() <= 5);
    assert!(related.iter().all(|article| !ends_with(article, SEED)));

    let run = scratch.arkiv(&["similar", "0123456789abcdef"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("no article with id or path \"0123456789abcdef\""), "{}", run.stderr());
}

#[test]
fn the_metadata_file_dates_the_articles_and_a_bad_row_is_told_with_its_line() {
    let scratch = Scratch::empty();
    copy_tree(&fixture("stories"), &scratch.corpus());
    let summary = scratch.index_dir(&scratch.corpus());
    assert_eq!(summary["indexed"], 4, "{summary}");
    let warnings = summary["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1, "{summary}");
    assert!(warnings[0][0].as_str().is_some_and(|file| file.ends_with("metadata.csv")), "{summary}");
    assert!(warnings[0][1].as_str().is_some_and(|why| why.starts_with("line 5: the date \"i fjor\"")), "{summary}");

    let shown = scratch.arkiv(&["show", &path_of(&scratch, "nordlys-vg.txt"), "--json"]).json_lines();
    assert_eq!(shown[0]["date"], "2015-03-03T00:00:00Z");
    assert_eq!(shown[0]["source"], "VG");
    assert_eq!(shown[0]["url"], "https://www.vg.no/nordlys");

    let years = scratch.arkiv(&["timeline", "--by", "year", "--json"]).json_lines();
    let counts: Vec<(Value, u64)> =
        years.iter().map(|line| (line["period"].clone(), line["count"].as_u64().expect("count"))).collect();
    assert_eq!(
        counts,
        [("2015".into(), 2), ("2016".into(), 0), ("2017".into(), 1), (Value::Null, 1)],
        "two reviews in 2015, the ferry in 2017, the election undated: {years:?}"
    );

    // One row changes: that article alone is indexed again, with its new date.
    let metadata = scratch.corpus().join("metadata.csv");
    let text = std::fs::read_to_string(&metadata).expect("read").replace("2017-11-20", "2016-01-05");
    std::fs::write(&metadata, text).expect("write");
    let again = scratch.index_dir(&scratch.corpus());
    assert_eq!((again["indexed"].as_u64(), again["unchanged"].as_u64()), (Some(1), Some(3)), "{again}");
    let shown = scratch.arkiv(&["show", &path_of(&scratch, "ferje.txt"), "--json"]).json_lines();
    assert_eq!(shown[0]["date"], "2016-01-05T00:00:00Z");

    // Nothing changes: nothing is indexed. The file goes: its articles lose what it gave.
    assert_eq!(scratch.index_dir(&scratch.corpus())["indexed"], 0);
    std::fs::remove_file(&metadata).expect("remove");
    assert_eq!(scratch.index_dir(&scratch.corpus())["indexed"], 3, "the three with a row");
    let shown = scratch.arkiv(&["show", &path_of(&scratch, "ferje.txt"), "--json"]).json_lines();
    assert_eq!(shown[0]["date"], Value::Null);
}

#[test]
fn timeline_counts_per_period_with_filters_and_draws_bars() {
    let scratch = stories();
    let lines = |args: &[&str]| scratch.arkiv(&[&["timeline", "--json"], args].concat()).json_lines();
    let all = lines(&[]);
    let undated = all.last().expect("a line");
    assert_eq!(undated["period"], Value::Null);
    assert_eq!(undated["count"], 301 + 1, "the corpus and the election story have no date");

    let months = lines(&["Nordlys", "--by", "month"]);
    assert_eq!(months.len(), 1, "{months:?}");
    assert_eq!((months[0]["period"].as_str(), months[0]["count"].as_u64()), (Some("2015-03"), Some(2)));
    let days = lines(&["Nordlys", "--by", "day"]);
    let periods: Vec<&str> = days.iter().filter_map(|line| line["period"].as_str()).collect();
    assert_eq!(periods, ["2015-03-02", "2015-03-03"]);
    assert_eq!(lines(&["--person", "Kari Lunde", "--by", "year"]), lines(&["Nordlys", "--by", "year"]));
    let person = scratch.arkiv(&["person", "Kari Lunde", "--timeline", "--by", "year", "--json"]).json_lines();
    assert_eq!(person, lines(&["Nordlys", "--by", "year"]));

    let text = scratch.arkiv(&["timeline", "storm", "--by", "year"]).stdout();
    assert!(text.lines().any(|line| line.starts_with("2015  ") && line.contains('█')), "{text}");
    assert!(
        text.lines().any(|line| line.split_whitespace().collect::<Vec<_>>() == ["2016", "0"]),
        "an empty year between: {text}"
    );
    assert!(text.trim_end().ends_with("undated"), "{text}");
    assert!(!text.contains('\x1b'), "no escapes into a pipe: {text}");
    let bold = scratch.arkiv(&["timeline", "storm", "--color", "always"]).stdout();
    assert!(bold.contains("\x1b[1m█"), "{bold}");

    let none = scratch.arkiv(&["timeline", "xyzzyplugh"]);
    assert_eq!(none.code(), Some(1));
    assert_eq!(none.stdout().trim(), "No articles match.");
}

#[test]
fn kwic_lists_every_occurrence_of_inflected_forms_aligned_on_the_match() {
    let scratch = stories();
    let run = scratch.arkiv(&["kwic", "fisker", "--json", "--width", "20"]);
    assert!(run.ok(), "{}", run.stderr());
    let lines = run.json_lines();
    let matched: Vec<&str> = lines.iter().filter_map(|line| line["match"].as_str()).collect();
    // "fisker" and "fiskeren" are one word to the stemmer, as in search.
    assert!(matched.contains(&"fisker") && matched.contains(&"fiskeren"), "{matched:?}");
    assert!(matched.contains(&"Fiskeren"), "{matched:?}");
    for line in &lines {
        assert!(line["left"].as_str().is_some_and(|left| left.chars().count() <= 20), "{line}");
        assert!(line["right"].as_str().is_some_and(|right| right.chars().count() <= 20), "{line}");
        assert!(line["id"].as_str().is_some_and(|id| id.len() == 16), "{line}");
    }
    let text_of = |line: &Value, field: &str| line[field].as_str().unwrap_or_default().to_owned();
    assert!(
        lines.iter().any(|line| line["match"] == "fisker"
            && text_of(line, "left") == "innsats som Jon, en"
            && text_of(line, "right").starts_with("som står igjen uten")),
        "the words around it, whitespace collapsed, cut at the width: {lines:#?}"
    );

    // The matches start in one column: the width, then a space.
    let text = scratch.arkiv(&["kwic", "fisker", "--width", "20"]).stdout();
    let occurrences: Vec<&str> = text.lines().filter(|line| line.ends_with(']')).collect();
    assert_eq!(occurrences.len(), lines.len(), "{text}");
    for line in occurrences {
        let at: String = line.chars().skip(21).take(4).collect();
        assert_eq!(at.to_lowercase(), "fisk", "{line:?}");
    }

    let phrase = scratch.arkiv(&["kwic", "\"uenige om det meste\"", "--json"]).json_lines();
    let matched: Vec<&str> = phrase.iter().filter_map(|line| line["match"].as_str()).collect();
    assert_eq!(matched, ["uenige om det meste", "Uenige om det meste"], "the title, then the text: {phrase:?}");
    assert!(phrase[0]["left"].as_str().is_some_and(|left| left.ends_with("men er")), "{phrase:?}");
    let limited = scratch.arkiv(&["kwic", "film", "--limit", "3"]);
    assert_eq!(limited.stdout().lines().count(), 4, "{}", limited.stdout());
    assert!(limited.stdout().contains("--limit N lists more"));
    let filtered = scratch.arkiv(&["kwic", "storm", "--from", "2015-01-01", "--json"]).json_lines();
    assert!(!filtered.is_empty());
    assert!(scratch.arkiv(&["kwic", "xyzzyplugh"]).code() == Some(1));
}

#[test]
fn kwic_context_reaches_the_terminal_without_control_characters() {
    let scratch = Scratch::empty();
    std::fs::create_dir_all(scratch.corpus()).expect("folder");
    let article = "Stormen kom\n\nFør stormen \u{1b}]0;eid\u{7} kom, sa de at stormen\u{202e} kunne bli verre.\n";
    std::fs::write(scratch.corpus().join("storm.txt"), article).expect("write");
    scratch.index_dir(&scratch.corpus());
    let text = scratch.arkiv(&["kwic", "storm"]).stdout();
    assert!(text.lines().count() >= 2, "{text}");
    assert!(!text.chars().any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'), "{text:?}");
}

#[test]
fn org_lists_the_articles_that_name_an_organisation() {
    let scratch = stories();
    let run = scratch.arkiv(&["org", "Torghatten Nord", "--json"]);
    assert!(run.ok(), "{}", run.stderr());
    let articles = run.json_lines();
    assert!(articles.iter().any(|article| ends_with(article, "ferje.txt")), "{articles:?}");
    let text = scratch.arkiv(&["org", "Torghatten"]).stdout();
    assert!(text.starts_with("Torghatten Nord"), "{text}");
    for command in [&["org", "nrk"][..], &["similar", "x"], &["kwic", "film"]] {
        let run = scratch.arkiv(&[command, &["--limit", "0"]].concat());
        assert_eq!(run.code(), Some(2), "{command:?}");
        assert!(run.stderr().contains("must be at least 1"), "{command:?}: {}", run.stderr());
    }
    assert!(Path::new(&path_of(scratch, "metadata.csv")).is_file());
}
