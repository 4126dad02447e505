//! Ingest: walk a folder, run the pipeline on every new or changed file (on all cores), and
//! bring the index up to date.
//!
//! Re-running is cheap: a file whose modification time and size match the index is not even
//! read, and one whose bytes hash the same is not re-processed. A file that fails keeps its
//! previously indexed version, so a bad copy over a good file loses nothing; every failure is
//! listed in the [`Summary`] with its reason.
//!
//! Only a file that is positively gone is removed: the folder it was in was read and does not
//! hold it. A folder that cannot be read, or a symlinked share that is not there, keeps the
//! articles indexed from it (and the summary says so), since an unmounted disk is not a
//! deleted archive; [`Settings::prune`] removes them when the user asks.
//!
//! The files to read are indexed in batches of [`Settings::commit_every`], each committed
//! before the next, so an ingest that is killed keeps what it had done, and the next run finds
//! those files unchanged and carries on after them. The memory an ingest holds is then set by
//! the batch and the writer's budget, not by the size of the archive.

mod metadata;
mod rebuild;
mod walk;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Instant, UNIX_EPOCH};

use crate::error::{Context, Error, Result, guarded};
use rayon::prelude::*;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::{IndexWriter, TantivyDocument, Term};

pub use arkiv_extract::Steps;
pub use rebuild::{Source, rebuild};

use arkiv_extract::ReadError;

use crate::format;
use crate::index::Archive;
use crate::index::document::{FileStamp, key_path, path_key, to_document};
use crate::views::Summary;
use metadata::{Metadata, Row};

/// What a front end is told while an ingest runs, to show progress as it likes (the CLI draws
/// a bar; a test or a server may ignore it). Called from the ingest's threads.
pub trait Progress: Sync {
    /// The ingest will look at `files` files.
    fn start(&self, files: u64);
    /// One more file is done.
    fn advance(&self);
    /// All files are done; what remains is the commit.
    fn finish(&self);
}

/// Files read between two commits of an ingest, unless [`Settings::commit_every`] says
/// otherwise: at most what a killed ingest has to do again (about two seconds of work on two
/// cores), and few enough commits that their cost and the merging of the segments they leave
/// stay small.
pub const COMMIT_EVERY: usize = 5_000;

/// Segments with more live documents than this are not merged further. A merge reads its
/// segments through memory maps, whose pages count in the ingest's resident memory, so merging
/// the archive into ever larger segments made the peak grow with the archive (at 4× NoReC,
/// 500 of 743 MB were mapped index files in the final merge). The segments the batches commit
/// (a few thousand documents each) are merged [`MERGE_SEGMENTS`] at a time to some ten
/// thousand and then left alone, unless deletions bring one under this size again. BM25's
/// statistics span all segments, so the ranking does not depend on how many there are.
const MERGE_UP_TO_DOCS: usize = 5_000;

/// Segments merged into one at a time. Every page of the segments being merged stays
/// resident until the merge ends: merging eight segments of a batch's size (2,500 documents
/// on two cores) put up to 100 MB of mapped files on top of the ingest's own memory at 8×
/// NoReC, four put half that.
const MERGE_SEGMENTS: usize = 4;

/// How an ingest runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The steps of the pipeline run on new and changed files.
    pub steps: Steps,
    /// Whether the articles of files that cannot be reached (below a folder that cannot be
    /// read, behind a symlink to nothing) are removed too; otherwise they are kept until the
    /// place can be read again.
    pub prune: bool,
    /// Files read and indexed between two commits.
    pub commit_every: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { steps: Steps::default(), prune: false, commit_every: COMMIT_EVERY }
    }
}

/// No progress to show.
impl Progress for () {
    fn start(&self, _files: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// What a first look at one file's stamp tells.
enum Look {
    Unchanged,
    /// New, or its modification time or size changed: it is read, with this modification time.
    Changed {
        mtime: u64,
    },
    Failed(String),
}

/// What happened to one file that was read.
enum Outcome {
    Indexed { warnings: Vec<String> },
    Unchanged,
    Skipped(String),
}

/// Brings the index at `index` up to date with the files under `dir`, as [`run`] does,
/// creating it when there is none. What this creates is removed again when the run fails or
/// finds nothing to index, so a mistyped folder leaves no empty index behind.
pub fn update(index: &Path, dir: &Path, settings: &Settings, progress: &dyn Progress) -> Result<Summary> {
    let created = index.ancestors().take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists()).last();
    let created = created.map(Path::to_path_buf);
    let result = Archive::open_or_create(index).and_then(|archive| run(&archive, dir, settings, progress));
    let failed = result.as_ref().map_or(true, Summary::nothing_indexed);
    if let Some(created) = created.filter(|_| failed) {
        // Best effort: the run's own failure is what the caller needs to hear of.
        let _ = fs::remove_dir_all(created);
    }
    result
}

/// Brings the index up to date with the files under `dir`, running the pipeline on new and
/// changed files. Unchanged files keep what they were indexed with.
///
/// The index is checked first ([`crate::check`]'s checksums), so that a damaged index is
/// reported as such instead of being trusted to say what is indexed already, and the files a
/// failed run left behind (a commit that filled the disk) are removed.
pub fn run(archive: &Archive, dir: &Path, settings: &Settings, progress: &dyn Progress) -> Result<Summary> {
    guarded(|| ingest(archive, dir, settings, progress))
}

fn ingest(archive: &Archive, dir: &Path, settings: &Settings, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let root = dir.canonicalize().with_context(|| format!("cannot read the folder {}", dir.display()))?;
    archive.reader.reload().context("cannot read the index")?;
    crate::check::verify_files(&archive.index)?;
    let known = crate::index::manifest::load(&archive.reader.searcher(), &archive.fields)?;
    let metadata = Metadata::read(&root);
    let payload = archive.index.load_metas().context("cannot read the index")?.payload;
    // A metadata file that changed may have changed any file's row: every file is read again,
    // and those whose bytes and row hash as before are left as they are.
    let reread = metadata.changed_since(payload.as_deref(), &root);
    let mut writer = writer(archive)?;
    archive.remove_leftovers(&writer)?;

    let walk = walk::walk(&root);
    let mut summary = Summary {
        seen: walk.files.len() + walk.aliases.len() + walk.problems.len(),
        skipped: walk.problems.clone(),
        ..Summary::default()
    };
    // Deleted first, so that the first commit already drops them.
    summary.removed = remove_vanished(archive, &writer, &known, &root, &walk, settings.prune, &mut summary.warnings);
    if let Some(file) = &metadata.file {
        summary.warnings.extend(metadata.problems.iter().map(|problem| (file.clone(), problem.clone())));
    }
    for (alias, file) in &walk.aliases {
        summary.skipped.push((alias.clone(), format!("the same file as {}", file.display())));
    }
    let mut articles = Vec::new();
    for path in walk.files.iter().filter(|path| metadata.file.as_ref() != Some(path)) {
        match arkiv_extract::is_article_path(path) {
            Ok(()) => articles.push(path.as_path()),
            Err(ReadError::Unsupported(extension)) => *summary.ignored.entry(extension).or_default() += 1,
            Err(error) => summary.skipped.push((path.clone(), error.to_string())),
        }
    }

    progress.start(articles.len() as u64);
    let looks: Vec<Look> = articles
        .par_iter()
        .map(|path| {
            let look = if reread { Look::Changed { mtime: mtime(path) } } else { compare_stamp(&known, path) };
            if !matches!(look, Look::Changed { .. }) {
                progress.advance();
            }
            look
        })
        .collect();
    let mut changed = Vec::new();
    for (path, look) in articles.into_iter().zip(looks) {
        match look {
            Look::Unchanged => summary.unchanged += 1,
            Look::Changed { mtime } => changed.push((path, mtime)),
            Look::Failed(reason) => summary.skipped.push((path.to_path_buf(), reason)),
        }
    }

    let batches: Vec<&[(&Path, u64)]> = changed.chunks(settings.commit_every.max(1)).collect();
    for (number, batch) in batches.iter().enumerate() {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|&(path, mtime)| {
                let row = metadata.row(path);
                let outcome = ingest_file(archive, &writer, &known, path, mtime, row, settings.steps)
                    .unwrap_or_else(Outcome::Skipped);
                progress.advance();
                outcome
            })
            .collect();
        let indexed_before = summary.indexed;
        for (&(path, _), outcome) in batch.iter().zip(outcomes) {
            match outcome {
                Outcome::Indexed { warnings } => {
                    summary.indexed += 1;
                    summary.warnings.extend(warnings.into_iter().map(|warning| (path.to_path_buf(), warning)));
                }
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::Skipped(reason) => summary.skipped.push((path.to_path_buf(), reason)),
            }
        }
        // The last batch is committed with the rest below.
        if number + 1 < batches.len() && summary.indexed > indexed_before {
            writer.commit().context("cannot commit the index")?;
        }
    }
    progress.finish();
    commit(archive, writer, Some(metadata.payload(payload.as_deref(), &root)))?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// A writer on all cores that merges [`MERGE_SEGMENTS`] segments at a time, and only those up
/// to [`MERGE_UP_TO_DOCS`], so that the memory of an ingest or a rebuild does not grow with
/// the archive.
fn writer(archive: &Archive) -> Result<IndexWriter<TantivyDocument>> {
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let writer = archive.writer(threads)?;
    let mut merges = LogMergePolicy::default();
    merges.set_max_docs_before_merge(MERGE_UP_TO_DOCS);
    merges.set_min_num_segments(MERGE_SEGMENTS);
    writer.set_merge_policy(Box::new(merges));
    Ok(writer)
}

/// Compares a file's modification time and size with the index, so that an unchanged file is
/// not read.
fn compare_stamp(known: &HashMap<String, FileStamp>, path: &Path) -> Look {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => return Look::Failed(format!("cannot read: {error}")),
    };
    let mtime = nanos(&metadata);
    match known.get(&path_key(path)) {
        Some(stamp) if stamp.mtime == mtime && stamp.size == metadata.len() => Look::Unchanged,
        _ => Look::Changed { mtime },
    }
}

/// A file's modification time in nanoseconds since the Unix epoch (0 when it cannot be read;
/// the file is then read anyway and fails with its reason there).
fn mtime(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |metadata| nanos(&metadata))
}

fn nanos(metadata: &fs::Metadata) -> u64 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| u64::try_from(since.as_nanos()).unwrap_or(u64::MAX))
}

/// Reads a new or changed file and indexes it, with what its `row` of the metadata file says,
/// unless its bytes and row are the ones indexed; the error is the reason it was skipped.
fn ingest_file(
    archive: &Archive,
    writer: &IndexWriter<TantivyDocument>,
    known: &HashMap<String, FileStamp>,
    path: &Path,
    mtime: u64,
    row: Option<&Row>,
    steps: Steps,
) -> Result<Outcome, String> {
    let key = path_key(path);
    let bytes = arkiv_extract::read_bytes(path).map_err(|error| error.to_string())?;
    let hash = match row {
        Some(row) => xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, row.seed()),
        None => xxhash_rust::xxh3::xxh3_64(&bytes),
    };
    let stamp = FileStamp { mtime, size: bytes.len() as u64, hash };
    if known.get(&key).is_some_and(|before| before.hash == stamp.hash) {
        return Ok(Outcome::Unchanged);
    }
    let mut extracted = arkiv_extract::extract_bytes(&bytes, arkiv_extract::format_hint(path), steps)
        .map_err(|error| error.to_string())?;
    if let Some(row) = row {
        row.apply(&mut extracted.article);
    }
    let doc = to_document(&archive.fields, path, stamp, &extracted.article).map_err(|error| format!("{error:#}"))?;
    writer.delete_term(Term::from_field_text(archive.fields.path, &key));
    writer.add_document(doc).map_err(|error| format!("cannot add to the index: {error}"))?;
    Ok(Outcome::Indexed { warnings: extracted.warnings })
}

/// Deletes the documents of the indexed files below `root` that are gone, and with `prune`
/// of those the walk could not reach; each place whose articles are kept instead is reported
/// in `warnings`. Returns how many documents were deleted.
fn remove_vanished(
    archive: &Archive,
    writer: &IndexWriter<TantivyDocument>,
    known: &HashMap<String, FileStamp>,
    root: &Path,
    walk: &walk::Walk,
    prune: bool,
    warnings: &mut Vec<(PathBuf, String)>,
) -> usize {
    let mut removed = 0;
    let mut kept: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for key in known.keys() {
        let path = key_path(key);
        if !path.starts_with(root) || walk.has_file(&path) {
            continue;
        }
        match walk.fate(root, &path) {
            walk::Fate::Unreachable(place) if !prune => *kept.entry(place).or_default() += 1,
            _ => {
                writer.delete_term(Term::from_field_text(archive.fields.path, key));
                removed += 1;
            }
        }
    }
    for (place, count) in kept {
        let articles = if count == 1 { "article indexed from it is" } else { "articles indexed from it are" };
        warnings.push((place, format!("could not be read: {count} {articles} kept until it can be read again")));
    }
    removed
}

/// Commits what `writer` holds with `payload` (what an ingest records of the metadata files
/// it read), stamps the index with this arkiv's format ([`format::renew`]), and saves the names and the groups of copies
/// of the index as it now is for the processes after this one. A commit that fails (the disk is full) is rolled
/// back and its half-written files removed, so that they do not keep the disk full for the
/// next run.
fn commit(archive: &Archive, mut writer: IndexWriter<TantivyDocument>, payload: Option<String>) -> Result<()> {
    let committed = writer.prepare_commit().and_then(|mut prepared| {
        if let Some(payload) = &payload {
            prepared.set_payload(payload);
        }
        prepared.commit()
    });
    if let Err(error) = committed {
        // Best effort: the commit's error is the one to report, and the next run removes
        // what is left.
        if writer.rollback().is_ok() {
            let _ = archive.remove_leftovers(&writer);
        }
        return Err(Error::from_tantivy("cannot commit the index".to_owned(), error));
    }
    writer.wait_merging_threads().context("cannot finish merging index segments")?;
    format::renew(archive.path())?;
    archive.reader.reload().context("cannot read the index")?;
    let searcher = archive.reader.searcher();
    archive.names.save(&searcher, |kind| archive.fields.entity(kind))?;
    archive.copies.save(archive.path(), &searcher, &archive.fields)
}
