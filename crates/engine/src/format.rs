//! The format of an index folder, checked in this one place: the version of its layout (the
//! schema and the names files saved beside it) and the entity model its names came from.
//!
//! Ingest writes the stamp after each commit. An index whose stamp says another version, or
//! that has none (written before arkiv kept one), is not read: its fields might mean other
//! things. `arkiv index --rebuild` makes it new from the articles it stores.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Context, Error, Result};
use crate::index::storage::write_atomically;

/// The version of the index layout. It changes with the schema, with the layout of the saved
/// names and of the saved groups of copies, and with the rule for canonical names, whose
/// results those files keep.
pub const FORMAT_VERSION: u32 = 6;

/// The file in the index folder that holds the stamp.
const STAMP_FILE: &str = "arkiv-format.json";

/// What an index folder says of itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// [`FORMAT_VERSION`] of the arkiv that wrote it.
    pub(crate) format: u32,
    /// The entity model the names of its articles were found with ([`model_stamp`]).
    pub(crate) model: u64,
}

impl Stamp {
    /// The stamp this arkiv writes.
    pub(crate) fn current() -> Stamp {
        Stamp { format: FORMAT_VERSION, model: model_stamp() }
    }
}

/// An identity of the built-in entity model: a new model gives another.
fn model_stamp() -> u64 {
    arkiv_ner::Model::builtin_stamp()
}

/// The stamp of the index at `path`, when it has a readable one.
pub(crate) fn read(path: &Path) -> Option<Stamp> {
    serde_json::from_slice(&fs::read(path.join(STAMP_FILE)).ok()?).ok()
}

/// Refuses an index of another format.
pub(crate) fn check(path: &Path) -> Result<Stamp> {
    match read(path) {
        Some(stamp) if stamp.format == FORMAT_VERSION => Ok(stamp),
        other => Err(Error::Format {
            path: path.to_path_buf(),
            found: other.map_or(0, |stamp| stamp.format),
            expected: FORMAT_VERSION,
        }),
    }
}

/// Whether a file of a folder that holds no index yet is one an index may have there: a
/// hidden file (the stamp being written is one), or the stamp, which is written before the
/// index.
pub(crate) fn is_index_file(name: &std::ffi::OsStr) -> bool {
    name == STAMP_FILE || name.to_string_lossy().starts_with('.')
}

/// Writes the current stamp, through a temporary file, so that a reader never sees half of it.
pub(crate) fn write(path: &Path) -> Result<()> {
    let file = path.join(STAMP_FILE);
    let json = serde_json::to_vec(&Stamp::current()).context("cannot write the format stamp")?;
    write_atomically(&file, &json).with_context(|| format!("cannot write {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_a_stamp_or_with_another_version_is_refused() {
        let dir = tempfile::tempdir().expect("temporary folder");
        assert!(matches!(check(dir.path()), Err(Error::Format { found: 0, .. })));
        fs::write(dir.path().join(STAMP_FILE), r#"{"format": 999, "model": 1}"#).expect("write");
        assert!(matches!(check(dir.path()), Err(Error::Format { found: 999, .. })));
        write(dir.path()).expect("write the stamp");
        assert_eq!(check(dir.path()).expect("current"), Stamp::current());
    }
}
