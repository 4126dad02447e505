//! Shared helpers for the integration tests: a temporary copy of the bundled corpus and a way
//! to run the real `arkiv` binary against it.

#![allow(dead_code)]

pub(crate) mod server;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

pub(crate) const SEED: &str = "000_3586eb60af678157.txt";

/// A scratch folder holding an index and, optionally, a copy of `corpus/`.
pub(crate) struct Scratch {
    pub dir: TempDir,
}

impl Scratch {
    pub(crate) fn empty() -> Scratch {
        Scratch { dir: tempfile::tempdir().expect("create a temporary folder") }
    }

    /// A scratch folder with a copy of the bundled corpus under `corpus/`.
    pub(crate) fn with_corpus() -> Scratch {
        let scratch = Scratch::empty();
        copy_tree(&repo().join("corpus"), &scratch.corpus());
        scratch
    }

    /// One indexed copy of the corpus per test binary, for tests that only read. Kept under
    /// cargo's scratch folder for integration tests, rebuilt on every run.
    pub(crate) fn shared() -> &'static Scratch {
        static SHARED: std::sync::OnceLock<Scratch> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| {
            let scratch = Scratch::in_target();
            copy_tree(&repo().join("corpus"), &scratch.corpus());
            scratch.index_dir(&scratch.corpus());
            scratch
        })
    }

    /// An empty scratch folder under cargo's scratch folder for integration tests, for one
    /// kept in a static, which is never dropped: a temporary folder there would be left
    /// behind in /tmp on every run.
    pub(crate) fn in_target() -> Scratch {
        let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        std::fs::create_dir_all(&base).expect("create cargo's test scratch folder");
        Scratch { dir: tempfile::tempdir_in(base).expect("create a temporary folder") }
    }

    pub(crate) fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub(crate) fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Runs `arkiv --index <scratch index> ARGS`.
    pub(crate) fn arkiv(&self, args: &[&str]) -> Run {
        self.arkiv_with_env(&[], args)
    }

    /// Runs `arkiv --index <scratch index> ARGS` with the environment variables `env` set.
    pub(crate) fn arkiv_with_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_arkiv"))
            .env_remove("ARKIV_OPENSEARCH")
            .arg("--index")
            .arg(self.index())
            .args(args)
            .envs(env.iter().copied())
            .output()
            .expect("run arkiv");
        Run { output }
    }

    /// Indexes `dir` and returns the JSON summary.
    pub(crate) fn index_dir(&self, dir: &Path) -> Value {
        let run = self.arkiv(&["--json", "index", dir.to_str().expect("utf-8 path")]);
        assert!(run.ok(), "index failed: {}", run.stderr());
        serde_json::from_str(run.stdout().trim()).expect("index summary is JSON")
    }
}

pub(crate) struct Run {
    pub output: Output,
}

impl Run {
    pub(crate) fn ok(&self) -> bool {
        self.output.status.success()
    }

    pub(crate) fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    pub(crate) fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub(crate) fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// The JSON lines of stdout.
    pub(crate) fn json_lines(&self) -> Vec<Value> {
        self.stdout()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
            .collect()
    }
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The strings of a JSON array field.
pub(crate) fn strings(value: &Value, field: &str) -> Vec<String> {
    value[field]
        .as_array()
        .unwrap_or_else(|| panic!("{field} is not a list in {value}"))
        .iter()
        .map(|item| item.as_str().expect("a string").to_owned())
        .collect()
}

/// A folder of the shared evaluation data (`../shared/eval/<name>`), which only the project's
/// machines have. Without it the caller's test is skipped, and says so; on CI (`CI=true`),
/// where the data is always present, its absence fails the test instead.
pub(crate) fn shared_eval(name: &str) -> Option<PathBuf> {
    let dir = repo().join("../shared/eval").join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but {} is missing", dir.display());
    // Straight to stderr, past the test harness's capture, so that the skip shows in the log.
    let _ = writeln!(std::io::stderr(), "skipped: {} not found (it is only on the project's machines)", dir.display());
    None
}

/// Runs a Python 3 script and returns its stdout; panics with its stderr if it fails.
pub(crate) fn python(args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new("python3").args(args).output().expect("run python3");
    assert!(output.status.success(), "python3 {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("python3 writes UTF-8")
}
