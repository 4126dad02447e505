//! The page of `arkiv serve` in a real browser: Debian's headless Chromium driven by
//! `tests/browser/page.mjs` (playwright-core, axe-core from `tests/browser/node_modules`, which
//! `npm ci` there installs). Screenshots of each view are kept in `target/browser-artifacts/`.
//!
//! Without Chromium or the node modules the test says it is skipped; with `CI=true`, where
//! `.ci/run` installs both, their absence fails it.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::repo;
use common::server::{Server, served_corpus};

/// The browser the tests drive; never one downloaded by a test tool.
const CHROMIUM: &str = "/usr/bin/chromium";

/// What the browser test needs, or why it cannot run here.
fn needed() -> Result<PathBuf, String> {
    let folder = repo().join("tests/browser");
    if !Path::new(CHROMIUM).is_file() {
        return Err(format!("{CHROMIUM} not found (apt-get install chromium)"));
    }
    if !folder.join("node_modules/playwright-core").is_dir() || !folder.join("node_modules/axe-core").is_dir() {
        return Err(format!("{} has no node_modules (npm ci there)", folder.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err("node not found".to_owned());
    }
    Ok(folder)
}

#[test]
fn the_page_works_in_a_browser_with_the_keyboard_and_passes_axe() {
    let folder = match needed() {
        Ok(folder) => folder,
        Err(reason) => {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but the browser test cannot run: {reason}");
            // Straight to stderr, past the test harness's capture, so that the skip shows.
            let _ = writeln!(std::io::stderr(), "skipped: the browser test: {reason}");
            return;
        }
    };
    let server = Server::start(&served_corpus().index(), &[]);
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target folder").join("browser-artifacts");
    let output = Command::new("node")
        .arg(folder.join("page.mjs"))
        .arg(&server.url)
        .arg(&artifacts)
        .current_dir(&folder)
        .output()
        .expect("run node");
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser test failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("every check passed"), "{stdout}");
    for view in ["search", "facet", "article", "person", "histogram", "markup"] {
        assert!(artifacts.join(format!("{view}.png")).is_file(), "no screenshot of {view}");
    }
}
