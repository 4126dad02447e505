//! Re-indexing a folder that changed: keys of any file name.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

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
