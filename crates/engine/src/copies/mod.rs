//! Copies: the articles of the archive that are the same text printed more than once, whole,
//! trimmed or extended ([`fingerprint`] has the rule).
//!
//! Two articles are compared when their fingerprints share a hash (a key) that at most
//! [`MAX_KEY_ARTICLES`] articles hold, and are copies when the fingerprints say so
//! ([`fingerprint::Fingerprint::is_copy_of`]); in a group of copies every article is a copy
//! of every other. The groups are worked out from the fingerprints of the whole index, in
//! memory that does not grow with it ([`grouping`]): ingest does it after its last commit and
//! saves them beside the index, stamped with
//! the state of the index they describe, so that a search started from the shell reads a
//! small file instead of every fingerprint. Adding, changing or removing an article therefore
//! changes its group when the ingest that does it ends.
//!
//! Only the writer works them out: that takes seconds for a large archive, which a search
//! (of a server that takes in an ingest's commits as they come) must not wait for. A reader
//! that finds the file of an earlier state of the index (an ingest is still running, or was
//! killed before its end) takes its groups as far as their articles are still there, until
//! the file is saved again; the articles added since have no copies until then.

pub(crate) mod fingerprint;
mod grouping;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use tantivy::{DocAddress, Searcher};

use crate::error::{Context, Result, guarded};
use crate::format::FORMAT_VERSION;
use crate::index::storage::write_atomically;
use crate::index::{Archive, Fields, StoredArticle};
use crate::names::index_state;
use crate::views::{CopyArticle, CopyGroup};

/// A key held by more articles than this is a phrase of the archive (a standing line, a
/// common turn of words), not a sign of a copy: it sets up no comparisons, which keeps their
/// number near the number of articles. A story printed by more papers than this is still
/// found through its rarer keys, and a text's keys are rarely all that common.
pub(crate) const MAX_KEY_ARTICLES: usize = 1_000;

/// The file in the index folder that holds the saved groups.
const FILE: &str = "arkiv-copies.json";

/// The groups of copies of the index as one searcher sees it.
#[derive(Debug, Default)]
pub(crate) struct Groups {
    /// The generation of the searcher they were read for.
    generation: u64,
    /// Whether they describe that state of the index; else they are a saved file's of an
    /// earlier state, taken as far as its articles are still there, and [`Groups::file`] tells
    /// when a newer file is saved.
    exact: bool,
    /// The modification time and length of the file they were read from, if any.
    file: Option<(std::time::SystemTime, u64)>,
    /// Each group's articles, in index order.
    groups: Vec<Vec<DocAddress>>,
    /// The group of each article that has copies.
    of: HashMap<DocAddress, usize>,
}

impl Groups {
    fn new(searcher: &Searcher, groups: Vec<Vec<DocAddress>>) -> Groups {
        let of =
            groups.iter().enumerate().flat_map(|(at, group)| group.iter().map(move |&address| (address, at))).collect();
        Groups { generation: searcher.generation().generation_id(), exact: true, file: None, groups, of }
    }

    /// The group of the article at `address`, itself included; just itself when it has no
    /// copies.
    pub(crate) fn group(&self, address: DocAddress) -> Vec<DocAddress> {
        self.of.get(&address).map_or_else(|| vec![address], |&at| self.groups[at].clone())
    }

    /// Works out the groups from every fingerprint `searcher` sees of the index in `dir`.
    fn work_out(dir: &Path, searcher: &Searcher, fields: &Fields) -> Result<Groups> {
        let prints = grouping::IndexPrints::new(searcher, dir, fields, grouping::READS_PER_OPENING)?;
        let groups = grouping::work_out(&prints, grouping::KEYS_PER_PASS)?;
        Ok(Groups::new(searcher, prints.addresses(&groups)))
    }
}

/// The groups as saved: each article as the place of its segment's id in `segments` and its
/// document number there. A segment's id (32 characters) is written once, not for each of its
/// members: at 8× NoReC every article is in a group, and the ids were most of the file.
#[derive(Serialize, Deserialize)]
struct Saved {
    format: u32,
    state: u64,
    /// The ids of the index's segments, in the searcher's order.
    segments: Vec<String>,
    groups: Vec<Vec<(u32, u32)>>,
}

/// The groups of the index, read on first use and kept while the index is unchanged. Small,
/// since every archive holds one: the index folder is given to each call.
#[derive(Default)]
pub(crate) struct CopyCache {
    loaded: Mutex<Option<Arc<Groups>>>,
}

impl CopyCache {
    /// The groups as `searcher` sees the index: kept ones, else the saved file's (see the
    /// module's note for a file of an earlier state), else none.
    pub(crate) fn get(&self, dir: &Path, searcher: &Searcher) -> Arc<Groups> {
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = loaded.as_ref()
            && kept.generation == searcher.generation().generation_id()
            && (kept.exact || kept.file == file_stamp(dir))
        {
            return Arc::clone(kept);
        }
        let groups = Arc::new(CopyCache::read(dir, searcher).unwrap_or_else(|| {
            let mut none = Groups::new(searcher, Vec::new());
            none.exact = false;
            none
        }));
        *loaded = Some(Arc::clone(&groups));
        groups
    }

    /// Whether a newer file of groups was saved since the kept ones were read from an earlier
    /// state's: answers that collapse copies may then differ.
    pub(crate) fn outdated(&self, dir: &Path) -> bool {
        let loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        loaded.as_ref().is_some_and(|kept| !kept.exact && kept.file != file_stamp(dir))
    }

    /// Works out the groups as `searcher` sees the index, unless they are kept for it, and
    /// saves them for the processes that come after. Ingest calls it after its last commit.
    pub(crate) fn save(&self, dir: &Path, searcher: &Searcher, fields: &Fields) -> Result<()> {
        let kept = self.get(dir, searcher);
        let groups = if kept.exact { kept } else { Arc::new(Groups::work_out(dir, searcher, fields)?) };
        let saved = Saved {
            format: FORMAT_VERSION,
            state: index_state(searcher),
            segments: searcher.segment_readers().iter().map(|segment| segment.segment_id().uuid_string()).collect(),
            groups: groups
                .groups
                .iter()
                .map(|group| group.iter().map(|address| (address.segment_ord, address.doc_id)).collect())
                .collect(),
        };
        let file = dir.join(FILE);
        let json = serde_json::to_vec(&saved).context("cannot write the groups of copies")?;
        write_atomically(&file, &json).with_context(|| format!("cannot write {}", file.display()))?;
        *self.loaded.lock().unwrap_or_else(PoisonError::into_inner) = Some(groups);
        Ok(())
    }

    /// The saved groups, when the file is one of this format: exact when it describes the
    /// state `searcher` sees, else those of its groups that keep two or more of their articles
    /// (in segments `searcher` still has, not deleted since).
    fn read(dir: &Path, searcher: &Searcher) -> Option<Groups> {
        let stamp = file_stamp(dir);
        let saved: Saved = serde_json::from_slice(&std::fs::read(dir.join(FILE)).ok()?).ok()?;
        if saved.format != FORMAT_VERSION {
            return None;
        }
        let mut exact = saved.state == index_state(searcher);
        let ords: HashMap<String, u32> = searcher
            .segment_readers()
            .iter()
            .enumerate()
            .map(|(ord, segment)| (segment.segment_id().uuid_string(), ord as u32))
            .collect();
        // The searcher's place of each segment of the file, where it still has that segment.
        let segments: Vec<Option<u32>> = saved.segments.iter().map(|id| ords.get(id).copied()).collect();
        let alive = |ord: u32, doc: u32| {
            let segment = searcher.segment_reader(ord);
            doc < segment.max_doc() && !segment.is_deleted(doc)
        };
        let mut groups = Vec::with_capacity(saved.groups.len());
        for group in saved.groups {
            let members = group.len();
            let mut there: Vec<DocAddress> = group
                .into_iter()
                .filter_map(|(segment, doc)| {
                    segments.get(segment as usize).copied().flatten().map(|ord| DocAddress::new(ord, doc))
                })
                .filter(|address| alive(address.segment_ord, address.doc_id))
                .collect();
            // A file that says it describes this state but names articles it lacks is taken as
            // one of an earlier state.
            exact &= there.len() == members;
            if there.len() >= 2 {
                there.sort_unstable();
                groups.push(there);
            }
        }
        // The searcher may hold the segments in another order than the file's.
        groups.sort_unstable();
        let mut groups = Groups::new(searcher, groups);
        groups.exact = exact;
        groups.file = stamp;
        Some(groups)
    }
}

/// The modification time and length of the file of groups in `dir`, to tell a newer one.
fn file_stamp(dir: &Path) -> Option<(std::time::SystemTime, u64)> {
    let metadata = std::fs::metadata(dir.join(FILE)).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// The ids of the articles at `addresses`, from their paths, without reading the stored
/// articles.
pub(crate) fn ids(searcher: &Searcher, fields: &Fields, addresses: &[DocAddress]) -> Result<Vec<String>> {
    let name = searcher.schema().get_field_name(fields.path);
    let mut ids = Vec::with_capacity(addresses.len());
    for address in addresses {
        let mut path = String::new();
        let column = searcher.segment_reader(address.segment_ord).fast_fields().str(name)?;
        if let Some(paths) = column
            && let Some(ord) = paths.term_ords(address.doc_id).next()
        {
            paths.ord_to_str(ord, &mut path).context("cannot read the path of an article")?;
        }
        ids.push(crate::index::article_id(&path));
    }
    Ok(ids)
}

/// Every group of copies in the archive, each with its articles oldest first (undated last,
/// then by path), the groups in the order of their first articles.
pub fn duplicates(archive: &Archive) -> Result<Vec<CopyGroup>> {
    guarded(|| {
        let searcher = archive.reader.searcher();
        let groups = archive.copies.get(archive.path(), &searcher);
        let mut listed = groups
            .groups
            .iter()
            .map(|group| {
                let mut articles = group
                    .iter()
                    .map(|&address| {
                        let doc = searcher.doc(address).context("cannot read a stored article")?;
                        let stored = StoredArticle::from_document(&archive.fields, &doc)?;
                        Ok(CopyArticle {
                            id: stored.id,
                            path: stored.path,
                            title: stored.article.title,
                            source: stored.article.source,
                            date: stored.article.date,
                        })
                    })
                    .collect::<Result<Vec<CopyArticle>>>()?;
                articles.sort_by(CopyArticle::order);
                Ok(CopyGroup { articles })
            })
            .collect::<Result<Vec<CopyGroup>>>()?;
        listed.sort_by(|a, b| CopyArticle::order(&a.articles[0], &b.articles[0]));
        Ok(listed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// An index of the fixtures of `tests/fixtures/copies` (a story in four forms), ingested
    /// without entities.
    fn ingested() -> (tempfile::TempDir, Archive) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/copies");
        let archive = Archive::open_or_create(&dir.path().join("index")).expect("index");
        let settings =
            crate::ingest::Settings { steps: crate::ingest::Steps { entities: false }, ..Default::default() };
        crate::ingest::run(&archive, &fixtures, &settings, &()).expect("ingest");
        (dir, archive)
    }

    #[test]
    fn ingest_saves_the_groups_and_only_that_state_of_the_index_reads_them() {
        let (dir, archive) = ingested();

        let listed = duplicates(&archive).expect("groups");
        assert_eq!(listed.len(), 1, "{listed:?}");
        let paths: BTreeSet<&str> = listed[0].articles.iter().map(|article| article.path.as_str()).collect();
        assert_eq!(paths.len(), 4);
        assert!(paths.iter().all(|path| path.contains("/ferje-")), "{paths:?}");

        let searcher = archive.reader.searcher();
        let saved = CopyCache::read(archive.path(), &searcher).expect("ingest saved the groups");
        let worked_out = Groups::work_out(archive.path(), &searcher, &archive.fields).expect("groups");
        assert_eq!(saved.groups, worked_out.groups);
        let member = worked_out.groups[0][0];
        assert_eq!(saved.group(member), worked_out.groups[0]);

        let mut bytes = std::fs::read(dir.path().join("index").join(FILE)).expect("read");
        let text = String::from_utf8(bytes.clone()).expect("JSON");
        for segment in searcher.segment_readers() {
            let id = segment.segment_id().uuid_string();
            assert_eq!(text.matches(&id).count(), 1, "each segment's id once: {text}");
        }
        let state = index_state(&searcher).to_string();
        bytes = text.replacen(&state, &(index_state(&searcher) ^ 1).to_string(), 1).into_bytes();
        std::fs::write(dir.path().join("index").join(FILE), &bytes).expect("write");
        let earlier = CopyCache::read(archive.path(), &searcher).expect("a file of another state is read");
        assert!(!earlier.exact, "another state of the index");
        assert_eq!(earlier.groups, worked_out.groups, "its articles are all there");
    }

    /// The fingerprints read through maps opened anew for every read give the groups that
    /// reading them all through one opening gives.
    #[test]
    fn the_groups_are_the_same_however_often_the_index_files_are_mapped_anew() {
        let (_dir, archive) = ingested();
        let searcher = archive.reader.searcher();
        let groups = |reads_per_opening| {
            let prints = grouping::IndexPrints::new(&searcher, archive.path(), &archive.fields, reads_per_opening)
                .expect("fingerprints");
            grouping::work_out(&prints, grouping::KEYS_PER_PASS).expect("groups")
        };
        let once = groups(u32::MAX);
        assert_eq!(once.len(), 1, "{once:?}");
        assert_eq!(once[0].len(), 4, "{once:?}");
        assert_eq!(groups(1), once);
    }

    /// A commit that the groups were not saved after (an ingest still running) leaves readers
    /// the groups of the file as far as their articles are there: a copy removed since is out
    /// of its group, and nothing is worked out until the writer saves the groups again, which
    /// readers then see.
    #[test]
    fn readers_take_an_earlier_file_as_far_as_its_articles_are_there() {
        let (_dir, archive) = ingested();
        let searcher = archive.reader.searcher();
        let group = archive.copies.get(archive.path(), &searcher).groups[0].clone();
        let removed = ids(&searcher, &archive.fields, &group[..1]).expect("ids");
        let path = StoredArticle::from_document(&archive.fields, &searcher.doc(group[0]).expect("stored"))
            .expect("article")
            .path;

        let mut writer = archive.writer(1).expect("writer");
        writer.delete_term(tantivy::Term::from_field_text(archive.fields.path, &path));
        writer.commit().expect("commit");
        assert!(archive.refresh().expect("refresh"), "the commit is taken in");
        let searcher = archive.reader.searcher();
        let taken = archive.copies.get(archive.path(), &searcher);
        assert!(!taken.exact);
        assert_eq!(taken.groups.len(), 1);
        let left = ids(&searcher, &archive.fields, &taken.groups[0]).expect("ids");
        assert_eq!(left.len(), group.len() - 1);
        assert!(!left.contains(&removed[0]), "{left:?}");
        assert!(!archive.copies.outdated(archive.path()), "no newer file yet");

        archive.copies.save(archive.path(), &searcher, &archive.fields).expect("save");
        let saved = archive.copies.get(archive.path(), &searcher);
        assert!(saved.exact);
        assert_eq!(saved.groups, taken.groups);
        // Another reader of the same folder, which read the earlier file, sees the newer one.
        let other = CopyCache::default();
        *other.loaded.lock().expect("lock") = Some(taken);
        assert!(other.outdated(archive.path()));
        assert!(other.get(archive.path(), &searcher).exact);
    }
}
