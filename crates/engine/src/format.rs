//! The format of an index folder, checked in this one place: the version of its layout (the
//! schema and the names files saved beside it), the entity model its names came from and the
//! compound lexicon its Norwegian articles were split with.
//!
//! Ingest writes the stamp after each commit. An index whose stamp says another version, or
//! that has none (written before arkiv kept one), is not read: its fields might mean other
//! things. An index whose articles were tagged or split by another model or lexicon is read,
//! as its fields mean the same, and says so, since `arkiv index --rebuild` would find its
//! names or parts anew; a commit keeps that said, as the articles it left unchanged still hold
//! what the older model or lexicon made.

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
    /// The compound lexicon its articles were split with ([`crate::index::parts::lexicon_stamp`]);
    /// 0 in a stamp written before arkiv kept it.
    #[serde(default)]
    pub(crate) lexicon: u64,
}

impl Stamp {
    /// The stamp this arkiv writes.
    pub(crate) fn current() -> Stamp {
        Stamp { format: FORMAT_VERSION, model: model_stamp(), lexicon: crate::index::parts::lexicon_stamp() }
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

/// Writes the current stamp into a folder that is to hold a new index.
pub(crate) fn write(path: &Path) -> Result<()> {
    write_stamp(path, Stamp::current())
}

/// Writes the stamp of a new index at `path` with the entity model `model` in place of this
/// arkiv's, for a rebuild that keeps the names another model found.
pub(crate) fn keep_model(path: &Path, model: u64) -> Result<()> {
    write_stamp(path, Stamp { model, ..Stamp::current() })
}

/// Writes the stamp after a commit: this arkiv's format, and the model and lexicon the stamp
/// there names, which are another arkiv's when some unchanged articles came from one.
pub(crate) fn renew(path: &Path) -> Result<()> {
    let current = Stamp::current();
    write_stamp(path, read(path).map_or(current, |made| Stamp { format: current.format, ..made }))
}

/// Writes `stamp` through a temporary file, so that a reader never sees half of it.
fn write_stamp(path: &Path, stamp: Stamp) -> Result<()> {
    let file = path.join(STAMP_FILE);
    let json = serde_json::to_vec(&stamp).context("cannot write the format stamp")?;
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

    #[test]
    fn a_commit_keeps_an_older_model_and_lexicon_in_the_stamp() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let older = format!(r#"{{"format": {FORMAT_VERSION}, "model": 1}}"#);
        fs::write(dir.path().join(STAMP_FILE), older).expect("write");
        renew(dir.path()).expect("renew the stamp");
        assert_eq!(check(dir.path()).expect("this format"), Stamp { format: FORMAT_VERSION, model: 1, lexicon: 0 });
        write(dir.path()).expect("write the stamp");
        renew(dir.path()).expect("renew the stamp");
        assert_eq!(read(dir.path()), Some(Stamp::current()));
    }
}
