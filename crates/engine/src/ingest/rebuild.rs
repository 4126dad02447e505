//! Rebuilding an index: after a change of format, or to recover from damage, a new index is
//! written beside the old one and takes its place only when it is whole, so a failed rebuild
//! leaves the old index as it was.
//!
//! From the stored articles (the default) nothing is read from the sources: each document of
//! the old index holds its whole article, which is written again with this arkiv's schema.
//! When the entity model changed since the old index was written, the names are found again
//! from the stored texts. From the sources, the folder is ingested afresh.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use tantivy::index::SegmentId;
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Index, IndexWriter, Searcher, SegmentReader, TantivyDocument};

use super::{COMMIT_EVERY, Progress, Settings, Steps, commit, writer};
use crate::error::{Context, Error, Result, guarded};
use crate::format;
use crate::index::Archive;
use crate::index::document::{FileStamp, key_path, to_document};
use crate::index::storage::{Access, Storage};
use crate::views::Summary;

/// What a rebuild reads.
#[derive(Debug, Clone)]
pub enum Source {
    /// The articles the old index stores.
    Stored,
    /// The files under a folder.
    Files(PathBuf),
}

/// Replaces the index at `path` with one rebuilt from `source`.
pub fn rebuild(path: &Path, source: &Source, steps: Steps, progress: &dyn Progress) -> Result<Summary> {
    if !Archive::exists(path) {
        return Err(Error::NoIndex(path.to_path_buf()));
    }
    let started = Instant::now();
    let fresh = sibling(path, "rebuild");
    if fresh.exists() {
        fs::remove_dir_all(&fresh).with_context(|| format!("cannot remove {}", fresh.display()))?;
    }
    let archive = Archive::open_or_create(&fresh)?;
    let built = match source {
        Source::Stored => guarded(|| from_stored(path, &archive, steps, progress)),
        Source::Files(dir) => super::run(&archive, dir, &Settings { steps, ..Settings::default() }, progress),
    };
    drop(archive);
    let mut summary = match built {
        Ok(summary) if !summary.nothing_indexed() => summary,
        other => {
            // Best effort: the half-built index is of no use, the old one is untouched.
            let _ = fs::remove_dir_all(&fresh);
            return other;
        }
    };
    replace(path, &fresh)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Writes every article stored in the index at `old` into `archive`.
fn from_stored(old: &Path, archive: &Archive, steps: Steps, progress: &dyn Progress) -> Result<Summary> {
    // Read only, and not through the format check: an index of another format is what a
    // rebuild is for.
    let storage =
        Storage::open(old, Access::Read).with_context(|| format!("cannot open the index at {}", old.display()))?;
    let index = Index::open(storage).with_context(|| format!("cannot open the index at {}", old.display()))?;
    let schema = index.schema();
    let field = |name: &str| {
        schema.get_field(name).map_err(|_| Error::Format {
            path: old.to_path_buf(),
            found: format::read(old).map_or(0, |stamp| stamp.format),
            expected: format::FORMAT_VERSION,
        })
    };
    let fields = StoredFields {
        path: field("path")?,
        article: field("article")?,
        mtime: field("mtime")?,
        size: field("size")?,
        hash: field("hash")?,
    };
    let made = format::read(old);
    let renew_names = steps.entities && made.is_none_or(|stamp| stamp.model != format::Stamp::current().model);
    if !renew_names {
        // The names stay those of the old index, so its stamp says their model (none known of an
        // index stamped before arkiv kept one).
        format::keep_model(archive.path(), made.map_or(0, |stamp| stamp.model))?;
    }
    let searcher = old_searcher(&index, old)?;
    let segments: Vec<SegmentId> = searcher.segment_readers().iter().map(SegmentReader::segment_id).collect();
    let addresses: Vec<DocAddress> = searcher
        .segment_readers()
        .iter()
        .enumerate()
        .flat_map(|(segment, reader)| reader.doc_ids_alive().map(move |doc| DocAddress::new(segment as u32, doc)))
        .collect();
    let articles = searcher.num_docs() as usize;
    drop(searcher);
    progress.start(addresses.len() as u64);
    let mut writer = writer(archive)?;
    let mut summary = Summary::default();
    let mut skipped: Vec<(PathBuf, String)> = Vec::new();
    // Committed in batches, as an ingest is, so that what the writer holds and the segments
    // it merges stay as small as in an ingest, whatever the size of the archive.
    for (number, batch) in addresses.chunks(COMMIT_EVERY).enumerate() {
        if number > 0 {
            writer.commit().context("cannot commit the index")?;
        }
        // A searcher of the old index for this batch only: the stored articles are read
        // through memory maps, whose pages count in the resident memory while a searcher
        // holds them, so one searcher for the whole rebuild made its peak grow with the
        // archive (the 8× NoReC rebuild held over 600 MB of the old store).
        let searcher = old_searcher(&index, old)?;
        let same = searcher.segment_readers().iter().map(SegmentReader::segment_id).eq(segments.iter().copied());
        if !same {
            // Another process wrote into the old index; the addresses are of what it was.
            return Err(Error::Busy);
        }
        let failed = batch.par_iter().filter_map(|&address| {
            let restored = restore(&searcher, &fields, address, renew_names, archive, &writer);
            progress.advance();
            restored.err().map(|(path, reason)| (PathBuf::from(path), reason))
        });
        skipped.extend(failed.collect::<Vec<_>>());
    }
    progress.finish();
    summary.seen = articles;
    summary.indexed = summary.seen - skipped.len();
    summary.skipped = skipped;
    commit(archive, writer, None)?;
    Ok(summary)
}

/// A searcher of the old index at `path`.
fn old_searcher(index: &Index, path: &Path) -> Result<Searcher> {
    let reader = index.reader().with_context(|| format!("cannot read the index at {}", path.display()))?;
    Ok(reader.searcher())
}

/// The fields of the old index that a rebuild reads.
struct StoredFields {
    path: Field,
    article: Field,
    mtime: Field,
    size: Field,
    hash: Field,
}

/// Writes the article stored at `address` into `archive` through `writer`, its names found
/// again when `renew_names`; the error is the file or path and what went wrong.
fn restore(
    searcher: &Searcher,
    fields: &StoredFields,
    address: DocAddress,
    renew_names: bool,
    archive: &Archive,
    writer: &IndexWriter<TantivyDocument>,
) -> Result<(), (String, String)> {
    let doc: TantivyDocument = searcher.doc(address).map_err(|_| {
        let segment = searcher.segment_reader(address.segment_ord).segment_id().uuid_string();
        (format!("{segment}.store"), format!("stored article {} cannot be read", address.doc_id))
    })?;
    let text = |field| doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default();
    let number = |field| doc.get_first(field).and_then(|value| value.as_u64()).unwrap_or_default();
    let path = text(fields.path).to_owned();
    let mut article: arkiv_extract::Article = serde_json::from_str(text(fields.article))
        .map_err(|error| (path.clone(), format!("the stored article is damaged: {error}")))?;
    if renew_names {
        arkiv_extract::recognize_entities(&mut article);
    }
    let stamp = FileStamp { mtime: number(fields.mtime), size: number(fields.size), hash: number(fields.hash) };
    let doc = to_document(&archive.fields, &key_path(&path), stamp, &article)
        .map_err(|error| (path.clone(), error.to_string()))?;
    writer.add_document(doc).map_err(|error| (path, format!("cannot add to the index: {error}")))?;
    Ok(())
}

/// Puts the index at `fresh` in the place of the one at `path`.
fn replace(path: &Path, fresh: &Path) -> Result<()> {
    let old = sibling(path, "old");
    if old.exists() {
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
    }
    fs::rename(path, &old).with_context(|| format!("cannot move {} aside", path.display()))?;
    fs::rename(fresh, path).with_context(|| format!("cannot move the rebuilt index to {}", path.display()))?;
    fs::remove_dir_all(&old).with_context(|| format!("cannot remove the old index {}", old.display()))
}

/// A folder beside `path` named after it (`index.rebuild` beside `index`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{suffix}"));
    path.with_file_name(name)
}
