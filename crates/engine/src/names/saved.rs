//! The names of an index saved beside it, so that a new process does not work them out again.
//!
//! Working out the canonical names reads every name and every article's names (a tenth of a
//! second for NoReC's 89,000 people): too slow for `arkiv search --person` started from the
//! shell, and it grows with the archive. Ingest saves the result after each commit, in one
//! file per kind in the index folder, stamped with the state of the index it describes (its
//! segments and their deletions). A file whose stamp differs from the index as a reader sees it,
//! or that cannot be read, is ignored: the names are then worked out from the index as before.

use std::fs;
use std::path::Path;

use crate::error::{Context, Result};
use tantivy::Searcher;
use xxhash_rust::xxh3::Xxh3;

use super::{Names, Strings};
use crate::format::FORMAT_VERSION;
use crate::index::storage::write_atomically;

/// The start of every file, followed by the index format version ([`FORMAT_VERSION`]), which
/// changes with the layout and with the rule for canonical names: files written by another
/// arkiv are worked out again, not trusted.
const MAGIC: &[u8; 8] = b"arkivNMS";

/// A stamp of the index as `searcher` sees it: its segments and how many documents each has
/// deleted. Any commit that adds or deletes articles changes it.
pub(crate) fn state(searcher: &Searcher) -> u64 {
    let mut hasher = Xxh3::new();
    for segment in searcher.segment_readers() {
        hasher.update(segment.segment_id().uuid_string().as_bytes());
        hasher.update(&segment.num_deleted_docs().to_le_bytes());
        hasher.update(&segment.max_doc().to_le_bytes());
    }
    hasher.digest()
}

/// Writes `names` for the index state `state`, through a temporary file, so that a reader
/// never sees half a file.
pub(super) fn write(names: &Names, path: &Path, state: u64) -> Result<()> {
    let mut out = Vec::with_capacity(names.names.text.len() * 3);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&state.to_le_bytes());
    out.extend_from_slice(&(names.stored as u64).to_le_bytes());
    for strings in [&names.names, &names.keys] {
        out.extend_from_slice(&(strings.ends.len() as u64).to_le_bytes());
        out.extend(strings.ends.iter().flat_map(|end| (*end as u64).to_le_bytes()));
        out.extend_from_slice(&(strings.text.len() as u64).to_le_bytes());
        out.extend_from_slice(strings.text.as_bytes());
    }
    out.extend(names.canonical.iter().flat_map(|id| id.to_le_bytes()));
    out.extend(names.listed.iter().flat_map(|count| count.to_le_bytes()));
    write_atomically(path, &out).with_context(|| format!("cannot write {}", path.display()))
}

/// The names saved at `path` for the index state `state`; `None` when there is no such file,
/// it describes another state, or it is not a whole file of this layout.
pub(super) fn read(path: &Path, state: u64) -> Option<Names> {
    parse(&fs::read(path).ok()?, Some(state))
}

/// Whether the file at `path` is a names file of this layout that cannot be read: cut short
/// or garbled. A missing file, or one of another format version, is not damaged: the names are
/// then worked out from the index.
pub(super) fn is_damaged(path: &Path) -> bool {
    let Ok(bytes) = fs::read(path) else {
        return false;
    };
    let other_version = bytes.starts_with(MAGIC)
        && bytes.get(MAGIC.len()..MAGIC.len() + 4).is_some_and(|version| version != FORMAT_VERSION.to_le_bytes());
    !other_version && parse(&bytes, None).is_none()
}

/// The names in `bytes`, when they are a whole file of this layout for the index state
/// `state` (any state when `None`).
fn parse(bytes: &[u8], state: Option<u64>) -> Option<Names> {
    let mut input = Input(bytes);
    if input.take(MAGIC.len())? != MAGIC || input.take(4)? != FORMAT_VERSION.to_le_bytes() {
        return None;
    }
    let saved_state = input.u64()?;
    if state.is_some_and(|state| state != saved_state) {
        return None;
    }
    let stored = input.u64()? as usize;
    let names = input.strings()?;
    let keys = input.strings()?;
    let count = names.len();
    let canonical: Vec<u32> =
        input.take(count * 4)?.chunks_exact(4).map(|id| u32::from_le_bytes(id.try_into().expect("4 bytes"))).collect();
    let listed: Vec<u64> = input
        .take(count * 8)?
        .chunks_exact(8)
        .map(|count| u64::from_le_bytes(count.try_into().expect("8 bytes")))
        .collect();
    let whole = input.0.is_empty()
        && keys.len() == count
        && stored <= count
        && canonical.iter().all(|&id| (id as usize) < count);
    whole.then(|| Names::with_keys(names, stored, keys, canonical, listed))
}

/// Bytes not read yet.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(count)?;
        self.0 = rest;
        Some(taken)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn strings(&mut self) -> Option<Strings> {
        let count = usize::try_from(self.u64()?).ok()?;
        let ends: Vec<usize> = (0..count).map(|_| self.u64().map(|end| end as usize)).collect::<Option<_>>()?;
        let length = usize::try_from(self.u64()?).ok()?;
        let text = String::from_utf8(self.take(length)?.to_vec()).ok()?;
        let in_order =
            ends.windows(2).all(|pair| pair[0] <= pair[1]) && ends.last().is_none_or(|&end| end == text.len());
        let on_boundaries = ends.iter().all(|&end| text.is_char_boundary(end));
        (in_order && on_boundaries).then_some(Strings { text, ends })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Archive;
    use arkiv_ner::EntityKind;

    #[test]
    fn ingest_saves_the_names_of_the_index_it_leaves_and_only_that_state_reads_them() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let articles = dir.path().join("artikler");
        fs::create_dir(&articles).expect("folder");
        fs::write(
            articles.join("a.txt"),
            "Putin møter Solberg\n\nPresident Vladimir Putin møtte statsminister Erna Solberg i Oslo.\n",
        )
        .expect("write");
        fs::write(articles.join("b.txt"), "Putins svar\n\nPutin svarte ikke. Han var i Moskva.\n").expect("write");
        let archive = Archive::open_or_create(&dir.path().join("index")).expect("index");
        crate::ingest::run(&archive, &articles, &Default::default(), &()).expect("ingest");

        let searcher = archive.reader.searcher();
        let path = dir.path().join("index/arkiv-people.names");
        let saved = read(&path, state(&searcher)).expect("ingest saved the names");
        let loaded = Names::load(&searcher, archive.fields.entity(EntityKind::Person), EntityKind::Person)
            .expect("names from the index");
        assert!(loaded.top(10).iter().any(|count| count.name == "Vladimir Putin" && count.articles == 2));
        assert_eq!(saved.top(10), loaded.top(10));
        assert_eq!(saved.resolve("putins"), loaded.resolve("putins"));
        assert_eq!(saved.canonical("Putin"), "Vladimir Putin");

        assert!(read(&path, state(&searcher) ^ 1).is_none(), "another state of the index");
        let bytes = fs::read(&path).expect("read");
        assert!(!is_damaged(&path));
        fs::write(&path, &bytes[..bytes.len() - 3]).expect("cut");
        assert!(read(&path, state(&searcher)).is_none(), "a cut file");
        assert!(is_damaged(&path));
    }
}
