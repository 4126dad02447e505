//! Checking an index for damage: a disk that failed, a file someone wrote into, a copy cut
//! short. tantivy trusts its files, so damage otherwise shows late (every search failing while
//! ingest reports nothing changed) or as a panic.
//!
//! [`check`] is `arkiv check`: the checksum of every file the index's segments consist of
//! (each file ends with one, written with it), every segment opened, every stored article
//! read and deserialised, and the saved names files read. [`verify_files`] is its first step
//! alone, which ingest runs before it trusts the index to say what is indexed already.

use std::path::{Path, PathBuf};

use tantivy::directory::error::OpenReadError;
use tantivy::index::SegmentComponent;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, ReloadPolicy, SegmentReader, TantivyDocument};

use crate::error::{Context, Error, Recovery, Result, guarded};
use crate::index::storage::Access;
use crate::index::{Fields, StoredArticle, open_index, schema};
use crate::names::NameCache;
use crate::views::{CheckReport, Problem};

/// The files every segment has, whatever it holds.
const SEGMENT_FILES: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// Checks the index at `path` for damage. An index of another format is an error, as for
/// every command; damage is what the report lists, with what brings the index back.
pub fn check(path: &Path) -> Result<CheckReport> {
    let mut report = CheckReport {
        path: path.to_path_buf(),
        segments: 0,
        files: 0,
        articles: 0,
        problems: Vec::new(),
        recovery: None,
    };
    let index = match open_index(path, Access::Read) {
        Ok(index) => index,
        Err(Error::Damaged { detail, .. }) => {
            report.problems.push(Problem { file: None, problem: detail });
            report.recovery = Some(Recovery::RebuildSources);
            return Ok(report);
        }
        Err(other) => return Err(other),
    };
    let files = segment_files(&index)?;
    report.segments = index.searchable_segment_metas()?.len();
    report.files = files.len();
    report.problems.extend(damaged_files(&index, &files)?);
    let stored_readable = match read_stored_articles(&index, &mut report) {
        Ok(readable) => readable,
        Err(Error::Damaged { detail, .. }) => {
            report.problems.push(Problem { file: None, problem: format!("its segments cannot be opened: {detail}") });
            false
        }
        Err(other) => return Err(other),
    };
    for file in NameCache::new(path).damaged_files() {
        let file = file.strip_prefix(path).map_or_else(|_| file.clone(), Path::to_path_buf);
        report.problems.push(Problem { file: Some(file), problem: "the saved names cannot be read".to_owned() });
    }
    if !report.problems.is_empty() {
        report.recovery = Some(if stored_readable { Recovery::Rebuild } else { Recovery::RebuildSources });
    }
    Ok(report)
}

/// Refuses an index whose files are missing or not as they were written, before ingest
/// trusts it. Reading every file costs about what reading the index once does (tens of
/// milliseconds for NoReC's 140 MB), little beside the walk of the sources.
pub(crate) fn verify_files(index: &Index) -> Result<()> {
    let problems = damaged_files(index, &segment_files(index)?)?;
    if problems.is_empty() {
        return Ok(());
    }
    let store = problems.iter().any(|problem| {
        problem.file.as_ref().is_some_and(|file| file.extension().is_some_and(|extension| extension == "store"))
    });
    let named: Vec<String> = problems
        .iter()
        .map(|problem| match &problem.file {
            Some(file) => format!("{} {}", file.display(), problem.problem),
            None => problem.problem.clone(),
        })
        .collect();
    Err(Error::Damaged {
        detail: named.join("; "),
        recovery: if store { Recovery::RebuildSources } else { Recovery::Rebuild },
    })
}

/// The files the committed segments of `index` consist of.
fn segment_files(index: &Index) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for segment in index.searchable_segment_metas()? {
        files.extend(SEGMENT_FILES.iter().map(|component| segment.relative_path(component.clone())));
        if segment.has_deletes() {
            files.push(segment.relative_path(SegmentComponent::Delete));
        }
    }
    Ok(files)
}

/// The files of `files` that are missing or whose checksum does not match their contents.
fn damaged_files(index: &Index, files: &[PathBuf]) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for file in files {
        let problem = match index.directory().validate_checksum(file) {
            Ok(true) => continue,
            Ok(false) => "changed after it was written (its checksum does not match)",
            Err(OpenReadError::FileDoesNotExist(_)) => "is missing",
            Err(OpenReadError::IoError { io_error, .. })
                if matches!(io_error.kind(), std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof) =>
            {
                "is cut short or its end is garbled"
            }
            Err(other) => {
                return Err(tantivy::TantivyError::from(other))
                    .with_context(|| format!("cannot check {}", file.display()));
            }
        };
        problems.push(Problem { file: Some(file.clone()), problem: problem.to_owned() });
    }
    Ok(problems)
}

/// Opens every segment and reads every stored article of `index`, listing the segments whose
/// articles cannot all be read; whether all could be read, so a rebuild from them works.
fn read_stored_articles(index: &Index, report: &mut CheckReport) -> Result<bool> {
    let fields = schema::fields_of(&index.schema()).ok_or_else(|| Error::Format {
        path: report.path.clone(),
        found: crate::FORMAT_VERSION,
        expected: crate::FORMAT_VERSION,
    })?;
    let reader: IndexReader = guarded(|| {
        index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().context("cannot open the segments")
    })?;
    let searcher = reader.searcher();
    let mut all_readable = true;
    for segment in searcher.segment_readers() {
        let (read, unreadable) = match guarded(|| read_segment(segment, &fields)) {
            Ok(counts) => counts,
            Err(Error::Damaged { .. }) => (0, segment.num_docs() as usize),
            Err(other) => return Err(other),
        };
        report.articles += read;
        if unreadable > 0 {
            all_readable = false;
            let file = segment.segment_id().uuid_string() + ".store";
            report.problems.push(Problem {
                file: Some(PathBuf::from(file)),
                problem: format!("{unreadable} of its {} stored articles cannot be read", segment.num_docs()),
            });
        }
    }
    Ok(all_readable)
}

/// How many of the live articles of `segment` read and deserialise, and how many do not.
fn read_segment(segment: &SegmentReader, fields: &Fields) -> Result<(usize, usize)> {
    let store = segment.get_store_reader(0).context("cannot read the stored articles")?;
    let (mut read, mut unreadable) = (0, 0);
    for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
        let whole = doc.ok().is_some_and(|doc| {
            doc.get_first(fields.path).and_then(|value| value.as_str()).is_some()
                && StoredArticle::from_document(fields, &doc).is_ok()
        });
        if whole {
            read += 1;
        } else {
            unreadable += 1;
        }
    }
    Ok((read, unreadable))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Archive;

    fn indexed() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        let articles = dir.path().join("artikler");
        std::fs::create_dir(&articles).expect("folder");
        for (name, text) in [
            ("a.txt", "Ferja er innstilt\n\nFerja mellom Bodø og Moskenes er innstilt på grunn av storm.\n"),
            ("b.txt", "Brua er åpnet\n\nDen nye brua over fjorden ble åpnet av ordfører Kari Nordmann.\n"),
        ] {
            std::fs::write(articles.join(name), text).expect("write");
        }
        let archive = Archive::open_or_create(&dir.path().join("index")).expect("index");
        crate::ingest::run(&archive, &articles, &Default::default(), &()).expect("ingest");
        dir
    }

    #[test]
    fn a_whole_index_is_healthy() {
        let dir = indexed();
        let report = check(&dir.path().join("index")).expect("check");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!((report.files, report.articles), (report.segments * SEGMENT_FILES.len(), 2));
        assert_eq!(report.recovery, None);
    }

    #[test]
    fn a_changed_or_missing_file_is_damage() {
        let dir = indexed();
        let path = dir.path().join("index");
        let index = open_index(&path, Access::Read).expect("open");
        let files = segment_files(&index).expect("files");
        let term = files.iter().find(|file| file.extension().is_some_and(|e| e == "term")).expect("a .term file");
        let mut bytes = std::fs::read(path.join(term)).expect("read");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(path.join(term), &bytes).expect("write");
        let fast = files.iter().find(|file| file.extension().is_some_and(|e| e == "fast")).expect("a .fast file");
        std::fs::remove_file(path.join(fast)).expect("remove");

        let report = check(&path).expect("check");
        let problems: Vec<(Option<&Path>, &str)> =
            report.problems.iter().map(|problem| (problem.file.as_deref(), problem.problem.as_str())).collect();
        assert!(
            problems.contains(&(Some(term.as_path()), "changed after it was written (its checksum does not match)")),
            "{problems:?}"
        );
        assert!(problems.contains(&(Some(fast.as_path()), "is missing")), "{problems:?}");
        assert!(report.recovery.is_some());
        let error = verify_files(&index).expect_err("damage is refused");
        assert!(matches!(error, Error::Damaged { .. }), "{error}");
    }
}
