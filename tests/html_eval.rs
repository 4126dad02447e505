//! The HTML extractor against the shared dev benchmarks (`../shared/eval/html`): every page is
//! extracted by the real binary and scored by the benchmarks' own scorer, and each folder must
//! stay above a floor a little below what was measured when the floor was set
//! (`bench/html-eval.sh` prints the current figures).
//!
//! Without the benchmarks (a clone on its own) the test says so and passes, unless `CI=true`:
//! there the benchmarks must be present.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

/// A benchmark folder and the scores it must reach: shingle4 F1 of the body, and the exact
/// title rate where the benchmark has gold titles.
struct Floor {
    bench: &'static str,
    /// `--only` pattern of page ids, for a subset (the Norwegian pages).
    only: Option<&'static str>,
    body_f1: f64,
    title_exact: Option<f64>,
}

const FLOORS: &[Floor] = &[
    Floor { bench: "scrapinghub", only: None, body_f1: 0.95, title_exact: None },
    Floor { bench: "readability", only: None, body_f1: 0.925, title_exact: Some(0.68) },
    Floor { bench: "fundus", only: None, body_f1: 0.945, title_exact: Some(0.75) },
    Floor { bench: "fundus", only: Some("^no-"), body_f1: 0.97, title_exact: Some(0.99) },
    Floor { bench: "aed", only: None, body_f1: 0.91, title_exact: Some(0.88) },
];

#[test]
fn dev_benchmarks_stay_above_their_floors() {
    let Some(eval) = common::shared_eval("html") else { return };
    let scratch = tempfile::tempdir().expect("create a temporary folder");
    let mut benches: Vec<&str> = FLOORS.iter().map(|floor| floor.bench).collect();
    benches.dedup();
    std::thread::scope(|scope| {
        for bench in &benches {
            let (eval, scratch) = (&eval, scratch.path());
            scope.spawn(move || predict(&eval.join(bench), &scratch.join(bench)));
        }
    });
    let mut failures = Vec::new();
    for floor in FLOORS {
        let scores = score(&eval, scratch.path(), floor);
        let body_f1 = scores["shingle4"]["f1"].as_f64().expect("shingle4 F1 in the scores");
        let title = scores["title"]["exact"].as_f64();
        let label = format!("{}{}", floor.bench, floor.only.map_or(String::new(), |only| format!(" {only}")));
        println!("{label}: body shingle4 F1 {body_f1:.3}, title exact {title:?}");
        if body_f1 < floor.body_f1 {
            failures.push(format!("{label}: body F1 {body_f1:.3} < {}", floor.body_f1));
        }
        if let Some(min) = floor.title_exact
            && title.is_none_or(|exact| exact < min)
        {
            failures.push(format!("{label}: title exact {title:?} < {min}"));
        }
    }
    assert!(failures.is_empty(), "below the floor: {failures:#?}");
}

/// Unpacks a benchmark's pages into `work/pages`, extracts them all in one run of the binary
/// and writes the scorer's prediction files (`work/pred/<id>.json`).
fn predict(bench: &Path, work: &Path) {
    let pages = work.join("pages");
    let pred = work.join("pred");
    std::fs::create_dir_all(&pred).expect("create the prediction folder");
    let unpack = Command::new("python3")
        .args(["-c", UNPACK])
        .arg(bench.join("pages"))
        .arg(&pages)
        .status()
        .expect("run python3");
    assert!(unpack.success(), "cannot unpack the pages of {}", bench.display());
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&pages).expect("read the pages").map(|entry| entry.expect("folder entry").path()).collect();
    files.sort();
    let output = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("extract")
        .arg("--json")
        .args(&files)
        .output();
    let output = output.expect("run arkiv extract");
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let article: Value = serde_json::from_str(line).expect("extract prints JSON lines");
        let path = Path::new(article["path"].as_str().expect("a path in every line"));
        let id = path.file_stem().and_then(|stem| stem.to_str()).expect("a page id");
        let prediction = json!({"title": article["title"], "body": article["text"]});
        std::fs::write(pred.join(format!("{id}.json")), prediction.to_string()).expect("write a prediction");
    }
}

/// Gunzips every `<id>.html.gz` of a folder into `<id>.html` in another.
const UNPACK: &str = "import gzip, pathlib, sys
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
dst.mkdir(parents=True, exist_ok=True)
for page in src.glob('*.html.gz'):
    (dst / page.name[:-3]).write_bytes(gzip.decompress(page.read_bytes()))
";

/// The scorer's figures for one floor.
fn score(eval: &Path, work: &Path, floor: &Floor) -> Value {
    let out = work.join(format!("{}-{}.json", floor.bench, floor.only.is_some()));
    let mut scorer = Command::new("python3");
    scorer
        .arg(eval.join("score_extract.py"))
        .arg(eval.join(floor.bench))
        .arg(work.join(floor.bench).join("pred"))
        .arg("--json")
        .arg(&out);
    if let Some(only) = floor.only {
        scorer.args(["--only", only]);
    }
    let status = scorer.stdout(std::process::Stdio::null()).status().expect("run python3 score_extract.py");
    assert!(status.success(), "score_extract.py failed on {}", floor.bench);
    let scores: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read the scores")).expect("scores are JSON");
    scores[floor.bench].clone()
}
