//! Extraction at its edges: what is not a regular file, bytes that are not text.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, Scratch, fixture};

/// How long a command on a few small files may take before it is taken to hang.
const PATIENCE: Duration = Duration::from_secs(30);

/// Runs `arkiv --index INDEX ARGS`, killing it when it takes longer than [`PATIENCE`].
fn arkiv_within_patience(index: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("--index")
        .arg(index)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run arkiv");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > PATIENCE {
            child.kill().expect("kill");
            panic!("arkiv {args:?} still runs after {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run { output: child.wait_with_output().expect("output") }
}

#[test]
fn a_named_pipe_or_a_device_is_refused_not_read() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::copy(fixture("latin1.txt"), dir.join("latin1.txt")).expect("copy");
    let pipe = dir.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&pipe).status().expect("mkfifo").success());

    let extract = arkiv_within_patience(&scratch.index(), &["extract", pipe.to_str().expect("utf-8")]);
    assert_eq!(extract.code(), Some(2));
    assert!(extract.stderr().contains("not a regular file (a named pipe)"), "{}", extract.stderr());
    let device = arkiv_within_patience(&scratch.index(), &["extract", "/dev/zero"]);
    assert_eq!(device.code(), Some(2));
    assert!(device.stderr().contains("not a regular file (a device)"), "{}", device.stderr());

    let index = arkiv_within_patience(&scratch.index(), &["index", dir.to_str().expect("utf-8")]);
    assert!(index.ok(), "{}", index.stderr());
    let out = index.stdout();
    assert!(out.starts_with("2 files seen: 1 indexed"), "{out}");
    assert!(out.contains(&format!("skipped {}: not a regular file (a named pipe)", pipe.display())), "{out}");
}

#[test]
fn random_bytes_without_nul_are_not_an_article() {
    let scratch = Scratch::empty();
    let file = scratch.dir.path().join("random.txt");
    // A linear congruential generator: the same bytes on every run, none of them NUL.
    let mut state = 20_261_201u32;
    let bytes: Vec<u8> = (0..20_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((state >> 16) as u8).max(1)
        })
        .collect();
    std::fs::write(&file, bytes).expect("write");
    let run = scratch.arkiv(&["extract", file.to_str().expect("utf-8")]);
    assert_eq!(run.code(), Some(2), "{}", run.stdout());
    assert!(run.stderr().contains("binary file"), "{}", run.stderr());
}
