//! Crash consistency: ingests and re-indexes killed with SIGKILL at random (seeded) moments,
//! each followed by a run to the end and a check that the index is whole: every file indexed
//! exactly once in its current version, searches answering, the manifest agreeing with the
//! files.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::Scratch;
use serde_json::Value;

/// Kills, alternately of a first ingest and of a re-index.
const ROUNDS: usize = 10;
/// Files in the archive at the start.
const FILES: usize = 200;
/// Files rewritten, deleted and added before each re-index.
const CHANGES: usize = 45;
/// Files between commits in the killed runs, so that a kill falls between commits, in one,
/// or before the first.
const COMMIT_EVERY: &str = "20";
/// The word every article has.
const COMMON: &str = "fellesord";

/// A small generator, so that the moments and the changes are the same in every run
/// (splitmix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// A fraction in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The archive as the test wrote it: each file's number and the round it was last written in.
struct Archive {
    dir: PathBuf,
    files: BTreeMap<usize, usize>,
    next: usize,
}

impl Archive {
    fn path(&self, number: usize) -> PathBuf {
        self.dir.join(format!("{:02}/{number:05}.txt", number % 10))
    }

    fn write(&mut self, number: usize, round: usize) {
        let path = self.path(number);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        let text = format!(
            "Melding {number} i runde {round}\n\nDette er melding nummer {number} om ferjene i Lofoten, med ordet \
             {COMMON}, nummeret nr{number} og runden runde{round}.\n"
        );
        std::fs::write(path, text).expect("write article");
        self.files.insert(number, round);
    }

    fn add(&mut self, round: usize) {
        self.next += 1;
        self.write(self.next, round);
    }

    /// Rewrites, deletes and adds [`CHANGES`] files in all.
    fn change(&mut self, round: usize, random: &mut Random) {
        for change in 0..CHANGES {
            let numbers: Vec<usize> = self.files.keys().copied().collect();
            let number = numbers[random.below(numbers.len())];
            match change % 3 {
                0 => self.write(number, round),
                1 => {
                    std::fs::remove_file(self.path(number)).expect("delete");
                    self.files.remove(&number);
                }
                _ => self.add(round),
            }
        }
    }
}

fn index(scratch: &Scratch, dir: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_arkiv"));
    command
        .env_remove("ARKIV_OPENSEARCH")
        .arg("--index")
        .arg(scratch.index())
        .arg("--json")
        .arg("index")
        .arg(dir)
        .args(extra);
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

/// Runs an ingest to its end and returns its summary.
fn index_to_the_end(scratch: &Scratch, dir: &Path) -> Value {
    let output = index(scratch, dir, &[]).output().expect("run arkiv");
    assert!(output.status.success(), "index failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("index summary is JSON")
}

/// How many articles of the index match `query`.
fn matching(scratch: &Scratch, query: &str) -> usize {
    let run = scratch.arkiv(&["search", query, "--limit", "1", "--json"]);
    assert!(run.ok() || run.code() == Some(1), "search failed: {}", run.stderr());
    run.json_lines().first().map_or(0, |hit| hit["total"].as_u64().expect("total") as usize)
}

fn number(summary: &Value, field: &str) -> usize {
    summary[field].as_u64().unwrap_or_else(|| panic!("no {field} in {summary}")) as usize
}

/// Whether the index holds every file of `archive` exactly once, in its current version (the
/// files last written in `written` are found by that round's word), and its manifest agrees
/// with the files. Panics with what is wrong.
fn check(scratch: &Scratch, archive: &Archive, round: usize, written: usize, recovery: &Value) {
    let files = archive.files.len();
    assert_eq!(number(recovery, "indexed") + number(recovery, "unchanged"), files, "round {round}: {recovery}");
    assert!(recovery["skipped"].as_array().is_some_and(Vec::is_empty), "round {round}: {recovery}");
    assert_eq!(matching(scratch, COMMON), files, "round {round}: every file exactly once");
    let rewritten = archive.files.values().filter(|&&last| last == written).count();
    assert_eq!(matching(scratch, &format!("runde{written}")), rewritten, "round {round}: the files of round {written}");
    let again = index_to_the_end(scratch, &archive.dir);
    assert_eq!(
        (number(&again, "unchanged"), number(&again, "indexed"), number(&again, "removed")),
        (files, 0, 0),
        "round {round}: the manifest agrees with the files: {again}"
    );
}

#[test]
fn ingest_survives_being_killed_at_random_moments() {
    let scratch = Scratch::empty();
    let mut archive = Archive { dir: scratch.dir.path().join("archive"), files: BTreeMap::new(), next: 0 };
    for _ in 0..FILES {
        archive.add(0);
    }
    let mut random = Random(0x00ab_c1de_2026_1201);
    // How long a whole first ingest takes here, so that the kills fall within one.
    let started = Instant::now();
    index_to_the_end(&scratch, &archive.dir);
    let whole = started.elapsed();

    let (mut mid_run, mut written) = (0, 0);
    for round in 1..=ROUNDS {
        let first_ingest = round % 2 == 1;
        if first_ingest {
            std::fs::remove_dir_all(scratch.index()).expect("remove the index");
        } else {
            archive.change(round, &mut random);
            written = round;
        }
        // A re-index reads only the changed files: it is over sooner.
        let share = if first_ingest { 1.0 } else { 0.5 };
        let moment = whole.mul_f64(share * random.unit());
        let mut child = index(&scratch, &archive.dir, &["--commit-every", COMMIT_EVERY]).spawn().expect("start arkiv");
        std::thread::sleep(moment);
        if child.try_wait().expect("wait").is_none() {
            mid_run += 1;
        }
        child.kill().expect("kill -9");
        child.wait().expect("wait");
        let recovery = index_to_the_end(&scratch, &archive.dir);
        check(&scratch, &archive, round, written, &recovery);
    }
    // Straight to stderr, past the test harness's capture, so that the count shows in the log.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "crash loop: {mid_run} of {ROUNDS} kills fell during an ingest ({:.0} ms each); the index was whole after every one",
        whole.as_secs_f64() * 1000.0
    );
    assert!(mid_run >= ROUNDS / 2, "only {mid_run} of {ROUNDS} kills fell during an ingest");
}
