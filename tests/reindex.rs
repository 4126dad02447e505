//! Re-indexing a folder that changed: keys of any file name, symlinks, places that cannot be
//! read, failed runs, and ingests killed halfway.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::Scratch;
use serde_json::Value;

/// A short article that mentions `word`.
fn write_article(path: &Path, word: &str, number: usize) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    let text = format!(
        "Melding nummer {number} fra arkivet\n\nDette er melding nummer {number} om ferjene i Lofoten, \
         skrevet for testen med ordet {word} og nummeret nr{number}.\n"
    );
    std::fs::write(path, text).expect("write article");
}

/// How many articles of the index match `query`.
fn matching(scratch: &Scratch, query: &str) -> u64 {
    let run = scratch.arkiv(&["search", query, "--limit", "1", "--json"]);
    assert!(run.ok() || run.code() == Some(1), "search failed: {}", run.stderr());
    run.json_lines().first().map_or(0, |hit| hit["total"].as_u64().expect("total"))
}

fn count(summary: &Value, field: &str) -> u64 {
    summary[field].as_u64().unwrap_or_else(|| panic!("no {field} in {summary}"))
}

/// The `[path, reason]` pairs of a summary's list `field` whose path is `path`.
fn reasons(summary: &Value, field: &str, path: &Path) -> Vec<String> {
    summary[field]
        .as_array()
        .unwrap_or_else(|| panic!("no {field} in {summary}"))
        .iter()
        .filter(|pair| pair[0].as_str() == path.to_str())
        .map(|pair| pair[1].as_str().expect("reason").to_owned())
        .collect()
}

fn index_json(scratch: &Scratch, args: &[&str]) -> Value {
    let mut all = vec!["--json", "index"];
    all.extend_from_slice(args);
    let run = scratch.arkiv(&all);
    assert!(run.ok(), "index failed: {}", run.stderr());
    serde_json::from_str(run.stdout().trim()).expect("index summary is JSON")
}

#[test]
fn files_whose_names_are_not_utf8_keep_their_own_articles() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    for (number, name) in [&b"a\xff.txt"[..], b"a\xfe.txt"].into_iter().enumerate() {
        write_article(&dir.join(OsStr::from_bytes(name)), "ugyldignavn", number);
    }
    let first = scratch.index_dir(&dir);
    assert_eq!(count(&first, "indexed"), 2, "{first}");
    let second = scratch.index_dir(&dir);
    assert_eq!(
        (count(&second, "unchanged"), count(&second, "indexed"), count(&second, "removed")),
        (2, 0, 0),
        "{second}"
    );
    assert_eq!(matching(&scratch, "ugyldignavn"), 2);
}

#[test]
fn a_file_reached_through_a_symlink_is_indexed_once() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    write_article(&dir.join("a.txt"), "lenkeord", 1);
    write_article(&dir.join("sub/b.txt"), "lenkeord", 2);
    symlink(dir.join("a.txt"), dir.join("lenke.txt")).expect("symlink to a file");
    symlink(dir.join("sub"), dir.join("ogsaa")).expect("symlink to a folder");
    let first = scratch.index_dir(&dir);
    assert_eq!(count(&first, "indexed"), 2, "{first}");
    assert_eq!(
        reasons(&first, "skipped", &dir.join("lenke.txt")),
        [format!("the same file as {}", dir.join("a.txt").display())]
    );
    assert_eq!(reasons(&first, "skipped", &dir.join("ogsaa/b.txt")).len(), 1, "{first}");
    assert_eq!(matching(&scratch, "lenkeord"), 2);
    let second = scratch.index_dir(&dir);
    assert_eq!(
        (count(&second, "unchanged"), count(&second, "indexed"), count(&second, "removed")),
        (2, 0, 0),
        "{second}"
    );
}

#[test]
fn a_share_that_is_not_there_keeps_its_articles_until_pruned() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    let nas = scratch.dir.path().join("nas");
    write_article(&dir.join("lokal.txt"), "lokalord", 1);
    write_article(&dir.join("borte.txt"), "borteord", 2);
    write_article(&nas.join("a.txt"), "delingsord", 3);
    write_article(&nas.join("aar/b.txt"), "delingsord", 4);
    let share = dir.join("share");
    symlink(&nas, &share).expect("symlink to the share");
    assert_eq!(count(&scratch.index_dir(&dir), "indexed"), 4);

    // The share is unmounted, and a file of the archive is deleted.
    let away = scratch.dir.path().join("nas.away");
    std::fs::rename(&nas, &away).expect("unmount");
    std::fs::remove_file(dir.join("borte.txt")).expect("delete");
    let missing = scratch.index_dir(&dir);
    assert_eq!(count(&missing, "removed"), 1, "only the deleted file is removed: {missing}");
    assert!(reasons(&missing, "skipped", &share).iter().any(|reason| reason.contains("No such file")), "{missing}");
    assert_eq!(
        reasons(&missing, "warnings", &share),
        ["could not be read: 2 articles indexed from it are kept until it can be read again"]
    );
    assert_eq!(matching(&scratch, "delingsord"), 2);
    assert_eq!(matching(&scratch, "borteord"), 0);

    std::fs::rename(&away, &nas).expect("mount again");
    let back = scratch.index_dir(&dir);
    assert_eq!((count(&back, "unchanged"), count(&back, "indexed"), count(&back, "removed")), (3, 0, 0), "{back}");
    assert_eq!(back["warnings"].as_array().map(Vec::len), Some(0), "{back}");

    std::fs::rename(&nas, &away).expect("unmount");
    let pruned = index_json(&scratch, &[dir.to_str().expect("utf-8"), "--prune"]);
    assert_eq!(count(&pruned, "removed"), 2, "{pruned}");
    assert_eq!(matching(&scratch, "delingsord"), 0);
    assert_eq!(matching(&scratch, "lokalord"), 1);
}

#[test]
fn an_unreadable_folder_keeps_its_articles_until_pruned() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    write_article(&dir.join("lokal.txt"), "lokalord", 1);
    write_article(&dir.join("laast/a.txt"), "laastord", 2);
    assert_eq!(count(&scratch.index_dir(&dir), "indexed"), 2);
    let locked = dir.join("laast");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let unlock = || std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    if std::fs::read_dir(&locked).is_ok() {
        unlock();
        // The symlink test above covers a place that cannot be read for every user.
        eprintln!("running as root: a folder cannot be made unreadable, so that case is not checked");
        return;
    }
    let locked_out = scratch.index_dir(&dir);
    assert_eq!(count(&locked_out, "removed"), 0, "{locked_out}");
    assert!(reasons(&locked_out, "skipped", &locked).iter().any(|reason| reason.contains("Permission denied")));
    assert_eq!(reasons(&locked_out, "warnings", &locked).len(), 1, "{locked_out}");
    assert_eq!(matching(&scratch, "laastord"), 1);
    let pruned = index_json(&scratch, &[dir.to_str().expect("utf-8"), "--prune"]);
    unlock();
    assert_eq!(count(&pruned, "removed"), 1, "{pruned}");
    assert_eq!(matching(&scratch, "laastord"), 0);
}

#[test]
fn a_failed_index_leaves_no_index_folder_behind() {
    let scratch = Scratch::empty();
    let missing = scratch.arkiv(&["index", "/nonexistent/arkiv"]);
    assert_eq!(missing.code(), Some(2), "{}", missing.stderr());
    assert!(!scratch.index().exists(), "an index folder was left behind");

    let empty = scratch.dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let deep = scratch.dir.path().join("deep");
    let run = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("--index")
        .arg(deep.join("er/index"))
        .args(["index", empty.to_str().expect("utf-8")])
        .output()
        .expect("run arkiv");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("nothing could be indexed"));
    assert!(!deep.exists(), "folders made for the index were left behind");

    // An index that was there before is kept when a run finds nothing.
    let dir = scratch.dir.path().join("archive");
    write_article(&dir.join("a.txt"), "beholdtord", 1);
    scratch.index_dir(&dir);
    assert_eq!(scratch.arkiv(&["index", empty.to_str().expect("utf-8")]).code(), Some(2));
    assert_eq!(matching(&scratch, "beholdtord"), 1);
}

/// The live documents of the committed index at `index`, as its `meta.json` lists them (0
/// while there is none).
fn committed_documents(index: &Path) -> u64 {
    let Some(meta) =
        std::fs::read(index.join("meta.json")).ok().and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
    else {
        return 0;
    };
    let segments = meta["segments"].as_array().cloned().unwrap_or_default();
    segments
        .iter()
        .map(|segment| {
            let deleted = segment["deletes"]["num_deleted_docs"].as_u64().unwrap_or(0);
            segment["max_doc"].as_u64().unwrap_or(0) - deleted
        })
        .sum()
}

#[test]
fn a_killed_ingest_keeps_what_it_committed_and_the_next_run_carries_on() {
    const FILES: usize = 3_000;
    const COMMIT_EVERY: &str = "100";
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    let paths: Vec<PathBuf> =
        (0..FILES).map(|number| dir.join(format!("{:02}/{number:04}.txt", number % 30))).collect();
    for (number, path) in paths.iter().enumerate() {
        write_article(path, "fellesord", number);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("--index")
        .arg(scratch.index())
        .args(["index", dir.to_str().expect("utf-8"), "--commit-every", COMMIT_EVERY])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start arkiv");
    let deadline = Instant::now() + Duration::from_secs(60);
    while committed_documents(&scratch.index()) == 0 {
        assert!(child.try_wait().expect("wait").is_none(), "the ingest ended before its first commit was seen");
        assert!(Instant::now() < deadline, "no commit within a minute");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(child.try_wait().expect("wait").is_none(), "the ingest finished before it could be killed");
    child.kill().expect("kill -9");
    child.wait().expect("wait");
    let kept = committed_documents(&scratch.index());
    assert!(kept > 0 && (kept as usize) < FILES, "{kept} of {FILES} documents committed");

    let summary = scratch.index_dir(&dir);
    let (indexed, unchanged) = (count(&summary, "indexed"), count(&summary, "unchanged"));
    assert!(unchanged >= kept, "the committed files are unchanged: {summary}");
    assert_eq!(indexed + unchanged, FILES as u64, "{summary}");
    assert_eq!(count(&summary, "removed"), 0, "{summary}");
    assert_eq!(matching(&scratch, "fellesord"), FILES as u64, "every file once");
    for number in [0, FILES / 2, FILES - 1] {
        assert_eq!(matching(&scratch, &format!("nr{number}")), 1, "nr{number}");
    }
}
