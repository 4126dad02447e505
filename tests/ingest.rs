//! Ingest of real files: the seed article's segmentation, encodings, Nynorsk, and bad input.

mod common;

use std::path::Path;

use common::{SEED, Scratch, fixture, repo, strings};
use serde_json::Value;

fn extract(path: &Path) -> Value {
    let run = Scratch::empty().arkiv(&["extract", path.to_str().expect("utf-8 path"), "--json"]);
    assert!(run.ok(), "extract {} failed: {}", path.display(), run.stderr());
    run.json_lines().remove(0)
}

#[test]
fn the_seed_article_is_segmented() {
    let article = extract(&repo().join("corpus").join(SEED));
    assert_eq!(article["title"], "USA og Russland snakker sammen – men er uenige om det meste");
    assert!(article["lead"].as_str().is_some_and(|lead| lead.starts_with("Russland og USA er enige om å starte")));
    assert_eq!(
        strings(&article, "subheadings"),
        ["– Vil snakke om atomnedrustning", "Uenig om Venezuela", "Tok opp arresterte ukrainske sjøfolk"]
    );
    let captions = article["captions"].as_array().expect("captions");
    assert_eq!(captions.len(), 3);
    assert!(captions.iter().all(|caption| caption["credit"] == "POOL / Reuters"), "{captions:?}");
    assert!(captions[0]["text"].as_str().is_some_and(|t| t.starts_with("God stemning da den russiske presidenten")));
    assert_eq!(article["language"], "nb");

    let people = strings(&article, "people");
    for person in
        ["Vladimir Putin", "Mike Pompeo", "Sergej Lavrov", "Donald Trump", "Nicolas Maduro", "Volodymyr Zelenskij"]
    {
        assert!(people.iter().any(|p| p == person), "{person} missing from {people:?}");
    }
    for variant in ["Putin", "Pompeo", "Putins", "Maduros"] {
        assert!(!people.iter().any(|p| p == variant), "{variant} not merged: {people:?}");
    }
    let places = strings(&article, "places");
    for place in ["USA", "Russland", "Sotsji", "Iran", "Venezuela", "Japan"] {
        assert!(places.iter().any(|p| p == place), "{place} missing from {places:?}");
    }

    let text = article["text"].as_str().expect("text");
    assert!(text.starts_with("Russland og USA er enige"));
    assert!(!text.contains("God stemning"), "captions are not part of the text");
    let stored = serde_json::to_string(&article).expect("json");
    for furniture in ["Hopp til innhold", "X80003", "Foto:", "SISTE NYTT", "Siste nytt"] {
        assert!(!stored.contains(furniture), "{furniture} survived cleaning");
    }
}

#[test]
fn nynorsk_is_told_from_bokmal() {
    let nynorsk = extract(&fixture("nynorsk.txt"));
    assert_eq!(nynorsk["language"], "nn");
    assert_eq!(strings(&nynorsk, "subheadings"), ["Vil ha fleire bussar"]);
    let bokmal = extract(&fixture("latin1.txt"));
    assert_eq!(bokmal["language"], "nb");
}

#[test]
fn latin1_keeps_its_letters() {
    let article = extract(&fixture("latin1.txt"));
    assert_eq!(article["encoding"], "windows-1252");
    assert_eq!(article["title"], "Søndag på Bryggen i Bergen");
    assert!(article["text"].as_str().is_some_and(|t| t.contains("Åse Ødegård (54) fra Åsane")));
}

#[test]
fn bad_input_is_reported_and_the_rest_indexed() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    common::copy_tree(&fixture("bad"), &dir);
    std::fs::copy(fixture("latin1.txt"), dir.join("latin1.txt")).expect("copy");
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    std::os::unix::fs::symlink(&dir, sub.join("loop")).expect("symlink loop");
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("dangling.txt")).expect("dangling symlink");
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "Låst\n\nDenne filen kan ikke leses.\n").expect("write");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).expect("chmod");
    // Root reads files whatever their mode, so the check only means something for other users.
    let unreadable = std::fs::read(&locked).is_err();
    let huge = std::fs::File::create(dir.join("huge.txt")).expect("create");
    huge.set_len(50 * 1024 * 1024).expect("50 MB file");

    let run = scratch.arkiv(&["index", dir.to_str().expect("utf-8")]);
    assert!(run.ok(), "one good file is enough for success: {}", run.stderr());
    let out = run.stdout();
    let reason = |file: &str| {
        out.lines()
            .find(|line| line.starts_with("skipped ") && line.contains(file))
            .unwrap_or_else(|| panic!("{file} not reported as skipped in:\n{out}"))
            .to_owned()
    };
    assert!(reason("empty.txt").contains("empty file"));
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("huge.txt").contains("over the limit"));
    assert!(reason("only-furniture.txt").contains("no article text"));
    assert!(out.contains("ignored 1 file that is not an article (.md: 1)"), "{out}");
    assert!(reason("dangling.txt").contains("No such file"));
    assert!(reason("loop").contains("symlink loop"));
    assert!(out.contains("warning") && out.contains("stray-bytes.txt"), "{out}");
    if unreadable {
        assert!(reason("locked.txt").contains("Permission denied"));
        assert!(out.starts_with("10 files seen: 2 indexed"), "{out}");
    } else {
        eprintln!("running as root: an unreadable file cannot be made, so that case is not checked");
        assert!(out.starts_with("10 files seen: 3 indexed"), "{out}");
    }

    let hits = scratch.arkiv(&["search", "strømbrudd", "--json"]).json_lines();
    assert_eq!(hits.len(), 1, "the file with stray bytes is indexed");
}

#[test]
fn a_broken_copy_does_not_lose_the_indexed_version() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::copy(fixture("latin1.txt"), dir.join("a.txt")).expect("copy");
    std::fs::copy(fixture("nynorsk.txt"), dir.join("b.txt")).expect("copy");
    scratch.index_dir(&dir);
    std::fs::write(dir.join("a.txt"), b"\x00\x01\x02 broken").expect("overwrite");
    let summary = scratch.index_dir(&dir);
    assert_eq!(summary["skipped"][0][1], "binary file (NUL bytes in the first 8192 bytes)", "{summary}");
    let hits = scratch.arkiv(&["search", "båtparaden", "--json"]).json_lines();
    assert_eq!(hits.len(), 1, "the previous version is still searchable");
}

#[test]
fn nothing_indexable_is_an_error() {
    let scratch = Scratch::empty();
    let run = scratch.arkiv(&["index", fixture("bad").join("..").join("bad").to_str().expect("utf-8")]);
    let bad_only = Scratch::empty();
    let dir = bad_only.dir.path().join("bad");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("empty.txt"), b"").expect("write");
    let failing = bad_only.arkiv(&["index", dir.to_str().expect("utf-8")]);
    assert_eq!(failing.code(), Some(2));
    assert!(failing.stderr().contains("nothing could be indexed"), "{}", failing.stderr());
    assert!(run.ok(), "the bad fixture folder holds one readable file: {}", run.stderr());
}

#[test]
fn errors_are_clear() {
    let scratch = Scratch::empty();
    let no_index = scratch.arkiv(&["search", "Pompeo"]);
    assert_eq!(no_index.code(), Some(2));
    assert!(no_index.stderr().contains("arkiv index"), "{}", no_index.stderr());

    let shared = Scratch::shared();
    let unclosed = shared.arkiv(&["search", "\"Pompeo Lavrov"]);
    assert_eq!(unclosed.code(), Some(2));
    assert!(unclosed.stderr().contains("unclosed quote"), "{}", unclosed.stderr());
    // A word with a colon that names no field is text, not an error (issue 18).
    let field = shared.arkiv(&["search", "forfatter:Hamsun"]);
    assert_ne!(field.code(), Some(2), "{}", field.stderr());
    let missing = scratch.arkiv(&["extract", "/nonexistent/article.txt"]);
    assert_eq!(missing.code(), Some(2));
    assert!(missing.stderr().contains("/nonexistent/article.txt"), "{}", missing.stderr());
}

#[test]
fn entities_annotates_json_lines() {
    use std::io::Write;
    let mut child = spawn_entities(std::process::Stdio::inherit());
    let input = "{\"id\": 7, \"text\": \"Møtet i Sotsji: Mike Pompeo møtte Sergej Lavrov.\"}\n";
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success());
    let line: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(line["id"], 7, "other fields pass through");
    let text: Vec<char> = line["text"].as_str().expect("text").chars().collect();
    let entities = line["entities"].as_array().expect("entities");
    let found: Vec<(String, &str)> = entities
        .iter()
        .map(|e| {
            let (start, end) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            (text[start..end].iter().collect(), e["type"].as_str().unwrap())
        })
        .collect();
    assert!(found.contains(&("Mike Pompeo".to_owned(), "PER")), "{found:?}");
    assert!(found.contains(&("Sergej Lavrov".to_owned(), "PER")), "{found:?}");
    assert!(found.contains(&("Sotsji".to_owned(), "PLACE")), "{found:?}");
    for entity in entities {
        let (start, end) = (entity["start"].as_u64().unwrap() as usize, entity["end"].as_u64().unwrap() as usize);
        assert_eq!(text[start..end].iter().collect::<String>(), entity["text"].as_str().unwrap());
    }
}

/// `arkiv entities` with its stdin and stdout piped, and its stderr as given.
fn spawn_entities(stderr: std::process::Stdio) -> std::process::Child {
    use std::process::{Command, Stdio};
    Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("entities")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("spawn")
}

/// `arkiv entities` with `input` on stdin: its stdout lines as JSON, its stderr and whether it
/// succeeded.
fn entities_of(input: &[u8]) -> (Vec<Value>, String, bool) {
    use std::io::Write;
    let mut child = spawn_entities(std::process::Stdio::piped());
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input).expect("write"));
    let output = child.wait_with_output().expect("wait");
    writer.join().expect("the input was written");
    let lines = output.stdout.split(|b| *b == b'\n').filter(|line| !line.is_empty());
    let lines = lines.map(|line| serde_json::from_slice(line).expect("a JSON line")).collect();
    (lines, String::from_utf8_lossy(&output.stderr).into_owned(), output.status.success())
}

#[test]
fn entities_keeps_the_order_of_many_documents_tagged_at_once() {
    // Documents of one to three lines, several hundred of them, so that the workers tag many
    // at the same time and finish them out of order.
    let texts = ["Mike Pompeo møtte Sergej Lavrov i Sotsji.", "Det regnet i Bergen.", "Ingen navn her."];
    let mut input = String::new();
    let mut expected = Vec::new();
    for n in 0..600usize {
        let doc = n / (1 + n % 3);
        input.push_str(&format!("{{\"doc_id\": {doc}, \"n\": {n}, \"text\": \"{}\"}}\n", texts[n % 3]));
        expected.push(n);
    }
    let (lines, stderr, success) = entities_of(input.as_bytes());
    assert!(success, "{stderr}");
    let order: Vec<usize> = lines.iter().map(|line| line["n"].as_u64().expect("n") as usize).collect();
    assert_eq!(order, expected, "every line, in the order it came");
    for line in &lines {
        let found: Vec<&str> =
            line["entities"].as_array().expect("entities").iter().map(|e| e["text"].as_str().unwrap()).collect();
        let want: &[&str] = match line["n"].as_u64().unwrap() % 3 {
            0 => &["Mike Pompeo", "Sergej Lavrov", "Sotsji"],
            1 => &["Bergen"],
            _ => &[],
        };
        assert_eq!(found, want, "{line}");
    }
}

#[test]
fn entities_reports_a_bad_line_by_number_and_goes_on() {
    let mut input = b"{\"text\": \"Lavrov kom.\"}\n".to_vec();
    input.extend_from_slice(b"{\"text\": \"\xff\xfe\"}\n");
    input.extend_from_slice(b"not json\n{\"text\": \"Pompeo kom.\"}\n");
    let (lines, stderr, success) = entities_of(&input);
    assert!(!success, "a line could not be read");
    assert_eq!(lines.len(), 2, "the good lines: {stderr}");
    assert!(stderr.contains("line 2: not UTF-8"), "{stderr}");
    assert!(stderr.contains("line 3:"), "{stderr}");
    assert!(stderr.contains("2 input lines could not be read"), "{stderr}");
}

#[test]
fn entities_answers_a_document_before_the_input_ends() {
    use std::io::{BufRead, BufReader, Write};
    let mut child = spawn_entities(std::process::Stdio::inherit());
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    // The first document is whole once a line of another one comes; stdin stays open.
    stdin
        .write_all(b"{\"doc_id\": 1, \"text\": \"Lavrov kom.\"}\n{\"doc_id\": 2, \"text\": \"Nei.\"}\n")
        .expect("write");
    stdin.flush().expect("flush");
    let mut first = String::new();
    stdout.read_line(&mut first).expect("the first document's line");
    let line: Value = serde_json::from_str(&first).expect("json");
    assert_eq!(line["doc_id"], 1);
    drop(stdin);
    let mut second = String::new();
    stdout.read_line(&mut second).expect("the second document's line");
    assert_eq!(serde_json::from_str::<Value>(&second).expect("json")["doc_id"], 2);
    assert!(child.wait().expect("wait").success());
}

#[test]
fn an_index_of_another_format_is_refused_and_rebuilt_from_its_stored_articles() {
    let scratch = Scratch::with_corpus();
    let corpus = scratch.corpus();
    let summary = scratch.index_dir(&corpus);
    let indexed = summary["indexed"].as_u64().expect("indexed");
    let before = scratch.arkiv(&["search", "Pompeo Lavrov", "--json"]).json_lines();
    // An index written before arkiv stamped its format.
    std::fs::remove_file(scratch.index().join("arkiv-format.json")).expect("remove the stamp");
    let refused = scratch.arkiv(&["search", "Pompeo Lavrov"]);
    assert_eq!(refused.code(), Some(2));
    assert!(refused.stderr().contains("arkiv index --rebuild"), "{}", refused.stderr());

    // The sources are gone: the rebuild reads only what the index stores.
    std::fs::remove_dir_all(&corpus).expect("remove the corpus");
    let rebuilt = scratch.arkiv(&["index", corpus.to_str().expect("utf-8"), "--rebuild", "--json"]);
    assert!(rebuilt.ok(), "{}", rebuilt.stderr());
    assert_eq!(rebuilt.json_lines()[0]["indexed"].as_u64(), Some(indexed));
    let after = scratch.arkiv(&["search", "Pompeo Lavrov", "--json"]).json_lines();
    assert_eq!(after, before);
    let people = scratch.arkiv(&["people", "--limit", "5"]);
    assert!(people.ok() && !people.stdout().is_empty(), "{}", people.stderr());
}

/// The index's stamp (`arkiv-format.json`) as JSON.
fn stamp_of(scratch: &Scratch) -> Value {
    let stamp = std::fs::read(scratch.index().join("arkiv-format.json")).expect("read the stamp");
    serde_json::from_slice(&stamp).expect("the stamp is JSON")
}

/// The corpus indexed, and its stamp then replaced by `older` (given the current one): what an
/// older arkiv would have left.
fn indexed_by_an_older_arkiv(older: impl FnOnce(&Value) -> Value) -> (Scratch, Value) {
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let current = stamp_of(&scratch);
    std::fs::write(scratch.index().join("arkiv-format.json"), older(&current).to_string()).expect("write the stamp");
    (scratch, current)
}

/// `arkiv index` of the corpus with `args`, after a change to one article (`round` makes each
/// change new): whether it noted names of another model and parts of another lexicon.
fn ingest_after_a_change(scratch: &Scratch, args: &[&str], round: usize) -> (bool, bool) {
    let corpus = scratch.corpus();
    std::fs::write(
        corpus.join("changed.txt"),
        format!("Endret melding\n\nFerjene i Lofoten går igjen, runde {round}.\n"),
    )
    .expect("write an article");
    let mut all = vec!["index", corpus.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    let run = scratch.arkiv(&all);
    assert!(run.ok(), "{}", run.stderr());
    let noted = |what: &str| run.stderr().contains(what) && run.stderr().contains("arkiv index --rebuild");
    (noted("another entity model"), noted("another lexicon"))
}

/// An index whose articles an older arkiv tagged and split says so after every ingest that
/// leaves some of them as they were (a commit does not make them new), until a rebuild does.
#[test]
fn an_index_of_an_older_model_and_lexicon_says_so_until_rebuilt() {
    // An older arkiv of the same format: another model, and no lexicon in the stamp yet.
    let (scratch, current) =
        indexed_by_an_older_arkiv(|current| serde_json::json!({"format": current["format"], "model": 1}));
    assert_eq!(ingest_after_a_change(&scratch, &[], 1), (true, true));
    assert_eq!(
        ingest_after_a_change(&scratch, &[], 2),
        (true, true),
        "the first commit must not forget the older model"
    );
    ingest_after_a_change(&scratch, &["--rebuild"], 3);
    assert_eq!(ingest_after_a_change(&scratch, &[], 4), (false, false));
    assert_eq!(stamp_of(&scratch), current);
}

/// A rebuild without entities keeps the names the index holds, and so says which model found
/// them.
#[test]
fn a_rebuild_without_entities_keeps_the_older_model_in_the_stamp() {
    let older = |current: &Value| {
        let mut older = current.clone();
        older["model"] = 1.into();
        older
    };
    let (scratch, current) = indexed_by_an_older_arkiv(older);
    ingest_after_a_change(&scratch, &["--rebuild", "--no-entities"], 1);
    assert_eq!(stamp_of(&scratch), older(&current));
    assert_eq!(ingest_after_a_change(&scratch, &[], 2), (true, false));
}

#[test]
fn a_rebuild_from_the_sources_replaces_the_index_only_when_it_finds_articles() {
    let scratch = Scratch::with_corpus();
    let corpus = scratch.corpus();
    let indexed = scratch.index_dir(&corpus)["indexed"].as_u64().expect("indexed");
    let dir = corpus.to_str().expect("utf-8");
    let rebuilt = scratch.arkiv(&["index", dir, "--rebuild", "sources", "--json"]);
    assert!(rebuilt.ok(), "{}", rebuilt.stderr());
    assert_eq!(rebuilt.json_lines()[0]["indexed"].as_u64(), Some(indexed));
    assert!(!scratch.index().with_file_name("index.rebuild").exists(), "the new index took the old one's place");

    let empty = tempfile::tempdir().expect("temporary folder");
    let failed = scratch.arkiv(&["index", empty.path().to_str().expect("utf-8"), "--rebuild", "sources"]);
    assert_eq!(failed.code(), Some(2), "{}", failed.stderr());
    assert!(failed.stderr().contains("nothing could be indexed"), "{}", failed.stderr());
    let seed = scratch.arkiv(&["search", "Pompeo Lavrov", "--json"]).json_lines();
    assert!(seed[0]["path"].as_str().is_some_and(|path| path.ends_with(SEED)), "{seed:?}");
}
