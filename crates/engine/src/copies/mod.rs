//! Copies: the articles of the archive that are the same text printed more than once, whole,
//! trimmed or extended ([`fingerprint`] has the rule).
//!
//! Two articles are copies when their fingerprints share a hash (a key) held by at most
//! [`MAX_KEY_ARTICLES`] articles and the fingerprints say so
//! ([`fingerprint::Fingerprint::is_copy_of`]); a group of copies is a connected set of such
//! pairs. Groups are not stored: they are read from the fingerprints of the index as it is, so
//! that adding, changing or removing an article changes its group at the commit that does it,
//! and no saved list can fall behind. A search finds the group of a hit by looking up the
//! keys of its fingerprint ([`Prints::group`]); a listing of every group reads all the
//! fingerprints once ([`duplicates`]).

pub(crate) mod fingerprint;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::fastfield::AliveBitSet;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, InvertedIndexReader, Searcher, TERMINATED, Term};

use crate::error::{Context, Result, guarded};
use crate::index::{Archive, Fields, StoredArticle, article_id};
use crate::views::{CopyArticle, CopyGroup};
use fingerprint::Fingerprint;

/// A key held by more articles than this is a phrase of the archive (a standing line, a
/// common turn of words), not a sign of a copy: it finds no candidates, which keeps a lookup
/// and the comparisons within a key few. A story printed by more papers than this is still
/// found through its other keys only if they are rarer, so the bound is far above the number
/// of papers that print one story.
pub(crate) const MAX_KEY_ARTICLES: usize = 1_000;

/// The fingerprints of one segment.
struct Segment {
    sketch: Column<u64>,
    shingles: Column<u64>,
    keys: Arc<InvertedIndexReader>,
    alive: Option<AliveBitSet>,
    paths: Option<StrColumn>,
}

/// The fingerprints of the index as one searcher sees it, to find the copies of articles.
pub(crate) struct Prints<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    segments: Vec<Segment>,
}

impl<'a> Prints<'a> {
    /// The fingerprints `searcher` sees.
    pub(crate) fn new(searcher: &'a Searcher, fields: &'a Fields) -> Result<Prints<'a>> {
        let schema = searcher.schema();
        let name = |field| schema.get_field_name(field);
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let fast = segment.fast_fields();
                Ok(Segment {
                    sketch: fast.u64(name(fields.copy_sketch))?,
                    shingles: fast.u64(name(fields.copy_shingles))?,
                    keys: segment.inverted_index(fields.copy_keys)?,
                    alive: segment.alive_bitset().cloned(),
                    paths: fast.str(name(fields.path))?,
                })
            })
            .collect::<Result<_>>()
            .context("cannot read the fingerprints of the index")?;
        Ok(Prints { searcher, fields, segments })
    }

    /// The fingerprint of the article at `address`, when its text has one.
    fn fingerprint(&self, address: DocAddress) -> Option<Fingerprint> {
        let segment = &self.segments[address.segment_ord as usize];
        let shingles = u32::try_from(segment.shingles.first(address.doc_id)?).ok()?;
        Fingerprint::from_values(segment.sketch.values_for_doc(address.doc_id), shingles)
    }

    /// The live articles that hold `key`, unless more than [`MAX_KEY_ARTICLES`] do.
    fn holders(&self, key: u32) -> Result<Vec<DocAddress>> {
        let term = Term::from_field_u64(self.fields.copy_keys, u64::from(key));
        let mut holders = Vec::new();
        for (ord, segment) in self.segments.iter().enumerate() {
            let postings = segment
                .keys
                .read_postings(&term, IndexRecordOption::Basic)
                .context("cannot read the fingerprints of the index")?;
            let Some(mut postings) = postings else {
                continue;
            };
            while postings.doc() != TERMINATED {
                if segment.alive.as_ref().is_none_or(|alive| alive.is_alive(postings.doc())) {
                    holders.push(DocAddress::new(ord as u32, postings.doc()));
                    if holders.len() > MAX_KEY_ARTICLES {
                        return Ok(Vec::new());
                    }
                }
                postings.advance();
            }
        }
        Ok(holders)
    }

    /// The live articles that share a key with `print` and are its copies.
    fn copies_of(&self, print: &Fingerprint) -> Result<BTreeSet<DocAddress>> {
        let (mut found, mut compared) = (BTreeSet::new(), BTreeSet::new());
        for &key in &print.sketch {
            for address in self.holders(key)? {
                if compared.insert(address) && self.fingerprint(address).is_some_and(|other| print.is_copy_of(&other)) {
                    found.insert(address);
                }
            }
        }
        Ok(found)
    }

    /// The group of copies the article at `address` belongs to, itself included, in index
    /// order; just itself when it has no copies.
    pub(crate) fn group(&self, address: DocAddress) -> Result<Vec<DocAddress>> {
        let mut group = BTreeSet::from([address]);
        let mut next = VecDeque::from([address]);
        while let Some(member) = next.pop_front() {
            let Some(print) = self.fingerprint(member) else {
                continue;
            };
            for copy in self.copies_of(&print)? {
                if group.insert(copy) {
                    next.push_back(copy);
                }
            }
        }
        Ok(group.into_iter().collect())
    }

    /// The id of the article at `address`, from its path, without reading the stored article.
    pub(crate) fn id(&self, address: DocAddress) -> Result<String> {
        let segment = &self.segments[address.segment_ord as usize];
        let mut path = String::new();
        if let Some(paths) = &segment.paths
            && let Some(ord) = paths.term_ords(address.doc_id).next()
        {
            paths.ord_to_str(ord, &mut path).context("cannot read the path of an article")?;
        }
        Ok(article_id(&path))
    }

    /// Every group of copies in the index: the fingerprints are read once and compared
    /// within each key, which finds the same pairs as [`Prints::group`]'s lookups.
    fn groups(&self) -> Vec<Vec<DocAddress>> {
        let mut prints = Vec::new();
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let address = DocAddress::new(ord as u32, doc);
                if let Some(print) = self.fingerprint(address) {
                    prints.push((address, print));
                }
            }
        }
        let mut buckets: HashMap<u32, Vec<usize>> = HashMap::new();
        for (at, (_, print)) in prints.iter().enumerate() {
            for &key in &print.sketch {
                buckets.entry(key).or_default().push(at);
            }
        }
        let mut sets = Sets::new(prints.len());
        for members in buckets.values().filter(|members| (2..=MAX_KEY_ARTICLES).contains(&members.len())) {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    if sets.root(a) != sets.root(b) && prints[a].1.is_copy_of(&prints[b].1) {
                        sets.join(a, b);
                    }
                }
            }
        }
        let mut groups: HashMap<usize, Vec<DocAddress>> = HashMap::new();
        for (at, (address, _)) in prints.iter().enumerate() {
            groups.entry(sets.root(at)).or_default().push(*address);
        }
        groups.into_values().filter(|group| group.len() > 1).collect()
    }
}

/// Disjoint sets of positions, joined by union-find.
struct Sets(Vec<usize>);

impl Sets {
    fn new(count: usize) -> Sets {
        Sets((0..count).collect())
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.0[at] != at {
            self.0[at] = self.0[self.0[at]];
            at = self.0[at];
        }
        at
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.0[a.max(b)] = a.min(b);
    }
}

/// Every group of copies in the archive, each with its articles oldest first (undated last,
/// then by path), the groups in the order of their first articles.
pub fn duplicates(archive: &Archive) -> Result<Vec<CopyGroup>> {
    guarded(|| {
        let searcher = archive.reader.searcher();
        let prints = Prints::new(&searcher, &archive.fields)?;
        let mut groups = prints
            .groups()
            .into_iter()
            .map(|group| {
                let mut articles = group
                    .into_iter()
                    .map(|address| {
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
                articles.sort_by(|a, b| CopyArticle::order(a, b));
                Ok(CopyGroup { articles })
            })
            .collect::<Result<Vec<CopyGroup>>>()?;
        groups.sort_by(|a, b| CopyArticle::order(&a.articles[0], &b.articles[0]));
        Ok(groups)
    })
}
