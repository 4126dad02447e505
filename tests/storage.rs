//! The index on disk: searched without write access, written with the umask's permissions,
//! left usable by a commit that filled the disk, and damage found and reported in plain words.
//!
//! Some cases need a mount (a read-only bind mount, a small tmpfs), which only root can make;
//! elsewhere they say that they were skipped.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use common::{Run, SEED, Scratch, copy_tree};

/// A mount made for one test, undone when dropped.
struct Mount(PathBuf);

impl Mount {
    /// `from` again at `at`, read-only.
    fn read_only(from: &Path, at: &Path) -> Option<Mount> {
        fs::create_dir_all(at).expect("create the mount point");
        let mount = Mount::new(at, &["--bind", from.to_str().expect("utf-8")])?;
        mount.run(&["-o", "remount,bind,ro"]).then_some(mount)
    }

    /// A tmpfs of `size` (`2m`) at `at`.
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(at).expect("create the mount point");
        Mount::new(at, &["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
    }

    fn new(at: &Path, args: &[&str]) -> Option<Mount> {
        let mount = Mount(at.to_path_buf());
        if mount.run(args) {
            return Some(mount);
        }
        // Straight to stderr, past the test harness's capture, so that the skip shows in the log.
        let _ = writeln!(std::io::stderr(), "skipped: cannot mount (only root can), so that case is not checked");
        std::mem::forget(mount);
        None
    }

    fn run(&self, args: &[&str]) -> bool {
        let output = Command::new("mount").args(args).arg(&self.0).output();
        output.is_ok_and(|output| output.status.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Runs `arkiv --index INDEX ARGS` under the shell's `umask`.
fn arkiv_with_umask(umask: &str, index: &Path, args: &[&str]) -> Run {
    let output = Command::new("sh")
        .env_remove("ARKIV_OPENSEARCH")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_arkiv"))
        .arg("--index")
        .arg(index)
        .args(args)
        .output()
        .expect("run arkiv");
    Run { output }
}

/// Runs `arkiv --index INDEX ARGS`.
fn arkiv(index: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .env_remove("ARKIV_OPENSEARCH")
        .arg("--index")
        .arg(index)
        .args(args)
        .output()
        .expect("run arkiv");
    Run { output }
}

/// Every entry of a folder with its mode bits and modification time.
fn listing(dir: &Path) -> Vec<(String, u32, SystemTime)> {
    let mut entries: Vec<(String, u32, SystemTime)> = fs::read_dir(dir)
        .expect("list")
        .map(|entry| {
            let entry = entry.expect("entry");
            let metadata = entry.metadata().expect("metadata");
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, metadata.permissions().mode() & 0o777, metadata.modified().expect("mtime"))
        })
        .collect();
    entries.sort();
    entries
}

/// The output of a failed command says what is wrong in arkiv's words: no panic, no tantivy
/// debug text, every OS error once.
fn assert_plain(run: &Run) {
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(2), "stdout: {}\nstderr: {stderr}", run.stdout());
    for debug in ["panicked", "RUST_BACKTRACE", "tantivy 0.15", "Some(", "IoError", "LockBusy", "Custom {"] {
        assert!(!stderr.contains(debug), "{debug:?} in {stderr}");
    }
    if let Some(at) = stderr.find("(os error") {
        assert!(!stderr[at + 1..].contains("(os error"), "the OS error is printed twice: {stderr}");
    }
}

#[test]
fn index_files_follow_the_umask() {
    let scratch = Scratch::with_corpus();
    for (umask, file_mode) in [("022", 0o644), ("027", 0o640)] {
        let index = scratch.dir.path().join(format!("index-{umask}"));
        let run = arkiv_with_umask(umask, &index, &["index", scratch.corpus().to_str().expect("utf-8")]);
        assert!(run.ok(), "{}", run.stderr());
        let entries = listing(&index);
        assert!(entries.iter().any(|(name, _, _)| name == "meta.json"), "{entries:?}");
        for (name, mode, _) in entries {
            assert_eq!(mode, file_mode, "{name} under umask {umask}: {mode:o}");
        }
    }
}

#[test]
fn readers_write_nothing_into_the_index() {
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let index = scratch.index();
    // An index copied without its hidden files, as a reader may get it: opening it for
    // reading must not create the lock files.
    for lock in [".tantivy-meta.lock", ".tantivy-writer.lock"] {
        let _ = fs::remove_file(index.join(lock));
    }
    let before = listing(&index);
    let seed = scratch.corpus().join(SEED).canonicalize().expect("the seed article");
    let reads: [&[&str]; 6] = [
        &["search", "Pompeo Lavrov"],
        &["search", "--person", "putin"],
        &["people"],
        &["person", "putin", "--with"],
        &["show", seed.to_str().expect("utf-8")],
        &["check"],
    ];
    for args in reads {
        let run = arkiv(&index, args);
        assert!(run.ok(), "{args:?}: {}", run.stderr());
    }
    assert_eq!(listing(&index), before, "a reader changed the index folder");

    if let Some(_mount) = Mount::read_only(&index, &scratch.dir.path().join("read-only")) {
        let read_only = scratch.dir.path().join("read-only");
        for args in reads {
            let run = arkiv(&read_only, args);
            assert!(run.ok(), "{args:?} on a read-only mount: {}", run.stderr());
        }
        let hits = arkiv(&read_only, &["search", "Pompeo Lavrov", "--json"]).json_lines();
        assert!(hits[0]["path"].as_str().is_some_and(|path| path.ends_with(SEED)), "{hits:?}");
        let index_run = arkiv(&read_only, &["index", scratch.corpus().to_str().expect("utf-8")]);
        assert_plain(&index_run);
        assert!(index_run.stderr().contains("Read-only file system"), "{}", index_run.stderr());
    }
}

#[test]
fn a_commit_that_fills_the_disk_leaves_the_index_as_it_was() {
    let scratch = Scratch::with_corpus();
    let disk = scratch.dir.path().join("disk");
    let Some(_mount) = Mount::tmpfs(&disk, "3m") else {
        return;
    };
    let index = disk.join("index");
    let first = scratch.dir.path().join("first");
    fs::create_dir(&first).expect("mkdir");
    fs::copy(scratch.corpus().join(SEED), first.join(SEED)).expect("copy");
    assert!(arkiv(&index, &["index", first.to_str().expect("utf-8")]).ok());
    let committed: Vec<String> = listing(&index).into_iter().map(|(name, _, _)| name).collect();

    // Fill the disk but for a little room, then index the whole corpus (about 1.6 MB).
    let mut filler = fs::File::create(disk.join("filler")).expect("create");
    let chunk = vec![b'x'; 64 * 1024];
    while filler.write_all(&chunk).and_then(|()| filler.sync_data()).is_ok() {}
    drop(filler);
    let room = 256 * 1024;
    let filled = fs::metadata(disk.join("filler")).expect("filler").len();
    fs::OpenOptions::new().write(true).open(disk.join("filler")).expect("open").set_len(filled - room).expect("cut");
    let failed = arkiv(&index, &["index", scratch.corpus().to_str().expect("utf-8")]);
    assert_plain(&failed);
    assert!(failed.stderr().contains("No space left on device"), "{}", failed.stderr());
    let left: Vec<String> = listing(&index).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(left, committed, "the failed commit left files behind");

    fs::remove_file(disk.join("filler")).expect("free the disk");
    let summary = arkiv(&index, &["--json", "index", scratch.corpus().to_str().expect("utf-8")]);
    assert!(summary.ok(), "{}", summary.stderr());
    let check = arkiv(&index, &["check"]);
    assert!(check.ok(), "{}{}", check.stdout(), check.stderr());
    let hits = arkiv(&index, &["search", "Pompeo Lavrov", "--json"]).json_lines();
    assert!(hits[0]["path"].as_str().is_some_and(|path| path.ends_with(SEED)), "{hits:?}");
}

/// The largest file of the index with this extension.
fn largest(index: &Path, extension: &str) -> PathBuf {
    fs::read_dir(index)
        .expect("list")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .max_by_key(|path| fs::metadata(path).expect("metadata").len())
        .unwrap_or_else(|| panic!("no .{extension} file in {}", index.display()))
}

/// Overwrites the middle half of `file` with bytes that mean nothing, keeping its length.
fn garble(file: &Path) {
    let mut bytes = fs::read(file).expect("read");
    let (start, end) = (bytes.len() / 4, bytes.len() * 3 / 4);
    for (at, byte) in bytes[start..end].iter_mut().enumerate() {
        *byte = (at as u8).wrapping_mul(151).wrapping_add(89);
    }
    fs::write(file, bytes).expect("write");
}

/// Searches that between them read every part of an index: terms, postings, positions (a
/// phrase), and the stored articles of every hit.
const SEARCHES: [&[&str]; 7] = [
    &["search", "Pompeo Lavrov"],
    &["search", "\"snakker sammen\""],
    &["search", "\"god film\" OR \"ny plate\" OR \"beste album\"", "--limit", "300"],
    &["search", "film OR musikk OR bok OR norge OR album", "--limit", "300"],
    &["search", "--lang", "nb", "--limit", "300"],
    &["search", "--person", "putin"],
    &["people"],
];

#[test]
fn damage_is_found_reported_plainly_and_recovered_from() {
    let indexed = Scratch::shared();
    for (extension, recovery) in
        [("term", "--rebuild`"), ("idx", "--rebuild`"), ("pos", "--rebuild`"), ("store", "--rebuild sources`")]
    {
        let scratch = Scratch::with_corpus();
        copy_tree(&indexed.index(), &scratch.index());
        let file = largest(&scratch.index(), extension);
        garble(&file);
        let name = file.file_name().expect("name").to_string_lossy().into_owned();

        let check = scratch.arkiv(&["check"]);
        assert_plain(&check);
        assert!(check.stdout().contains(&format!("damaged {name}: ")), ".{extension}: {}", check.stdout());
        assert!(check.stderr().contains(recovery), ".{extension}: {}", check.stderr());

        // Not every search runs into the damage (some find nothing where the bytes are
        // garbled), but none crashes, and some say it is there.
        let searches: Vec<Run> = SEARCHES.iter().map(|args| scratch.arkiv(args)).collect();
        for (args, search) in SEARCHES.iter().zip(&searches) {
            assert!(matches!(search.code(), Some(0..=2)), ".{extension}, {args:?}: {}", search.stderr());
            if search.code() == Some(2) {
                assert_plain(search);
                assert!(
                    search.stderr().contains("the index is damaged"),
                    ".{extension}, {args:?}: {}",
                    search.stderr()
                );
            }
        }
        assert!(searches.iter().any(|search| search.code() == Some(2)), ".{extension}: no search noticed the damage");

        let corpus = scratch.corpus();
        let dir = corpus.to_str().expect("utf-8");
        let index = scratch.arkiv(&["index", dir]);
        assert_plain(&index);
        assert!(index.stderr().contains(&name) && index.stderr().contains(recovery), "{}", index.stderr());

        let args: Vec<&str> = ["index", dir].into_iter().chain(recovery.trim_end_matches('`').split(' ')).collect();
        let rebuilt = scratch.arkiv(&args);
        assert!(rebuilt.ok(), ".{extension}: {}", rebuilt.stderr());
        let check = scratch.arkiv(&["check"]);
        assert!(check.ok(), ".{extension} after {args:?}: {}{}", check.stdout(), check.stderr());
        for args in SEARCHES {
            let search = scratch.arkiv(args);
            assert!(search.ok(), ".{extension} after {args:?}: {}", search.stderr());
        }
    }
}

#[test]
fn missing_files_and_permissions_are_reported_once() {
    let scratch = Scratch::with_corpus();
    scratch.index_dir(&scratch.corpus());
    let store = largest(&scratch.index(), "store");
    fs::remove_file(&store).expect("remove");
    let search = scratch.arkiv(&["search", "Pompeo Lavrov"]);
    assert_plain(&search);
    assert!(search.stderr().contains("missing"), "{}", search.stderr());

    let missing = scratch.arkiv(&["extract", "/nonexistent/article.txt"]);
    assert_plain(&missing);
    assert!(missing.stderr().contains("No such file or directory"), "{}", missing.stderr());
}
