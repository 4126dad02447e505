//! Copies: the articles of the archive that are the same text printed more than once, whole,
//! trimmed or extended ([`fingerprint`] has the rule).
//!
//! Two articles are compared when their fingerprints share a hash (a key) that at most
//! [`MAX_KEY_ARTICLES`] articles hold, and are copies when the fingerprints say so
//! ([`fingerprint::Fingerprint::is_copy_of`]); in a group of copies every article is a copy
//! of every other. The groups are worked out from the fingerprints of the whole index, in
//! memory that does not grow with it ([`grouping`]): ingest does it after each commit and saves them beside the index, stamped with
//! the state of the index they describe, so that a search started from the shell reads a
//! small file instead of every fingerprint. A file of another state is not trusted: the groups
//! are then worked out again. Adding, changing or removing an article therefore changes its
//! group at the commit that does it.

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
    /// Each group's articles, in index order.
    groups: Vec<Vec<DocAddress>>,
    /// The group of each article that has copies.
    of: HashMap<DocAddress, usize>,
}

impl Groups {
    fn new(searcher: &Searcher, groups: Vec<Vec<DocAddress>>) -> Groups {
        let of =
            groups.iter().enumerate().flat_map(|(at, group)| group.iter().map(move |&address| (address, at))).collect();
        Groups { generation: searcher.generation().generation_id(), groups, of }
    }

    /// The group of the article at `address`, itself included; just itself when it has no
    /// copies.
    pub(crate) fn group(&self, address: DocAddress) -> Vec<DocAddress> {
        self.of.get(&address).map_or_else(|| vec![address], |&at| self.groups[at].clone())
    }

    /// Works out the groups from every fingerprint `searcher` sees.
    fn work_out(searcher: &Searcher, fields: &Fields) -> Result<Groups> {
        let prints = grouping::IndexPrints::new(searcher, fields)?;
        let groups = grouping::work_out(&prints, grouping::KEYS_PER_PASS)?;
        Ok(Groups::new(searcher, prints.addresses(&groups)))
    }
}

/// The groups as saved: each article as its segment's id and its document number there.
#[derive(Serialize, Deserialize)]
struct Saved {
    format: u32,
    state: u64,
    groups: Vec<Vec<(String, u32)>>,
}

/// The groups of the index, read on first use and kept while the index is unchanged. Small,
/// since every archive holds one: the index folder is given to each call.
#[derive(Default)]
pub(crate) struct CopyCache {
    loaded: Mutex<Option<Arc<Groups>>>,
}

impl CopyCache {
    /// The groups as `searcher` sees the index: kept ones, else the saved file's when it
    /// describes this state, else worked out from the fingerprints.
    pub(crate) fn get(&self, dir: &Path, searcher: &Searcher, fields: &Fields) -> Result<Arc<Groups>> {
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = loaded.as_ref()
            && kept.generation == searcher.generation().generation_id()
        {
            return Ok(Arc::clone(kept));
        }
        let groups = match CopyCache::read(dir, searcher) {
            Some(groups) => groups,
            None => Groups::work_out(searcher, fields)?,
        };
        let groups = Arc::new(groups);
        *loaded = Some(Arc::clone(&groups));
        Ok(groups)
    }

    /// Works out the groups as `searcher` sees the index and saves them for the processes
    /// that come after. Ingest calls it after each commit.
    pub(crate) fn save(&self, dir: &Path, searcher: &Searcher, fields: &Fields) -> Result<()> {
        let groups = self.get(dir, searcher, fields)?;
        let segments = searcher.segment_readers();
        let saved = Saved {
            format: FORMAT_VERSION,
            state: index_state(searcher),
            groups: groups
                .groups
                .iter()
                .map(|group| {
                    group
                        .iter()
                        .map(|address| {
                            (segments[address.segment_ord as usize].segment_id().uuid_string(), address.doc_id)
                        })
                        .collect()
                })
                .collect(),
        };
        let file = dir.join(FILE);
        let json = serde_json::to_vec(&saved).context("cannot write the groups of copies")?;
        write_atomically(&file, &json).with_context(|| format!("cannot write {}", file.display()))
    }

    /// The saved groups, when the file is one of this format for the state `searcher` sees.
    fn read(dir: &Path, searcher: &Searcher) -> Option<Groups> {
        let saved: Saved = serde_json::from_slice(&std::fs::read(dir.join(FILE)).ok()?).ok()?;
        if saved.format != FORMAT_VERSION || saved.state != index_state(searcher) {
            return None;
        }
        let segments: HashMap<String, (u32, u32)> = searcher
            .segment_readers()
            .iter()
            .enumerate()
            .map(|(ord, segment)| (segment.segment_id().uuid_string(), (ord as u32, segment.max_doc())))
            .collect();
        let groups = saved
            .groups
            .into_iter()
            .map(|group| {
                group
                    .into_iter()
                    .map(|(segment, doc)| {
                        let &(ord, max_doc) = segments.get(&segment)?;
                        (doc < max_doc).then(|| DocAddress::new(ord, doc))
                    })
                    .collect::<Option<Vec<DocAddress>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Groups::new(searcher, groups))
    }
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
        let groups = archive.copies.get(archive.path(), &searcher, &archive.fields)?;
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

    #[test]
    fn ingest_saves_the_groups_and_only_that_state_of_the_index_reads_them() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/copies");
        let archive = Archive::open_or_create(&dir.path().join("index")).expect("index");
        let settings =
            crate::ingest::Settings { steps: crate::ingest::Steps { entities: false }, ..Default::default() };
        crate::ingest::run(&archive, &fixtures, &settings, &()).expect("ingest");

        let listed = duplicates(&archive).expect("groups");
        assert_eq!(listed.len(), 1, "{listed:?}");
        let paths: BTreeSet<&str> = listed[0].articles.iter().map(|article| article.path.as_str()).collect();
        assert_eq!(paths.len(), 4);
        assert!(paths.iter().all(|path| path.contains("/ferje-")), "{paths:?}");

        let searcher = archive.reader.searcher();
        let saved = CopyCache::read(archive.path(), &searcher).expect("ingest saved the groups");
        let worked_out = Groups::work_out(&searcher, &archive.fields).expect("groups");
        assert_eq!(saved.groups, worked_out.groups);
        let member = worked_out.groups[0][0];
        assert_eq!(saved.group(member), worked_out.groups[0]);

        let mut bytes = std::fs::read(dir.path().join("index").join(FILE)).expect("read");
        let text = String::from_utf8(bytes.clone()).expect("JSON");
        let state = index_state(&searcher).to_string();
        bytes = text.replacen(&state, &(index_state(&searcher) ^ 1).to_string(), 1).into_bytes();
        std::fs::write(dir.path().join("index").join(FILE), &bytes).expect("write");
        assert!(CopyCache::read(archive.path(), &searcher).is_none(), "another state of the index");
    }
}
