//! Working out the groups of copies in memory that does not grow with the archive.
//!
//! The articles to compare are those that share a key (a hash of their sketches). Every
//! (key, article) pair of the archive at once is 8 bytes for each of an article's 128 keys, and
//! every fingerprint at once another half kilobyte: 1.6 KB an article, over half a gigabyte at
//! a few hundred thousand articles. So the pairs are gathered a range of keys at a time
//! ([`KEYS_PER_PASS`] at most, unless one small range holds more), each range in a pass of its
//! own over the fingerprints, and the fingerprints are read from the index (its fast fields,
//! memory-mapped) when a pair is compared, a few thousand kept ([`CACHED_PRINTS`]). The ranges are
//! cut from a count of the keys by their high bits, since a bottom-k sketch favours low hashes.
//!
//! The ranges follow one another in the order of the keys, and each is sorted by key and then
//! article, so the pairs are compared in the order one sorted list of every pair gives, and the
//! groups are the same whatever the number of passes. What stays for the whole run is four
//! bytes an article for the union-find, and the members of the groups found.

use std::cell::RefCell;
use std::path::Path;

use rustc_hash::FxHashMap;
use tantivy::columnar::Column;
use tantivy::{DocAddress, Index, Searcher, SegmentReader};

use super::MAX_KEY_ARTICLES;
use super::fingerprint::{Fingerprint, SKETCH};
use crate::error::{Context, Result};
use crate::index::Fields;
use crate::index::storage::{Access, Storage};

/// The most (key, article) pairs one pass gathers: 16 MB of them.
pub(crate) const KEYS_PER_PASS: usize = 1 << 21;

/// Fingerprints kept once read, about 4 MB of them: several times the articles of the longest
/// run of a key ([`MAX_KEY_ARTICLES`]), whose pairs are compared one with another, so that
/// each of them is mostly read once for the run rather than once for each pair.
const CACHED_PRINTS: usize = 1 << 13;

/// Keys are counted in this many ranges of equal width (by their high 16 bits) to cut the
/// passes from.
const BUCKETS: usize = 1 << 16;

/// The fingerprints of the articles, numbered in index order from 0.
pub(crate) trait Prints {
    /// One more than the greatest article number.
    fn articles(&self) -> u32;

    /// The fingerprint of article `at`; `None` when it has none (a short text, a removed
    /// article).
    fn get(&self, at: u32) -> Result<Option<Fingerprint>>;

    /// Appends to `into` the keys of article `at`, which has a fingerprint, in any order:
    /// cheaper than [`Prints::get`] for the passes that only gather keys.
    fn keys(&self, at: u32, into: &mut Vec<u64>) -> Result<()>;
}

/// The groups of copies of the articles of `prints`, each as its article numbers ascending,
/// the groups in the order of their first articles; with at most `keys_per_pass` pairs
/// gathered in a pass.
pub(crate) fn work_out(prints: &dyn Prints, keys_per_pass: usize) -> Result<Vec<Vec<u32>>> {
    let mut sets = Sets::new(prints.articles());
    let mut cache = Cache::new(prints);
    let plan = plan(prints, keys_per_pass)?;
    let mut values = Vec::new();
    for &(low, high, count) in &plan.passes {
        let mut keys: Vec<(u32, u32)> = Vec::with_capacity(count);
        for at in (0..prints.articles()).filter(|&at| plan.fingerprinted[at as usize]) {
            values.clear();
            prints.keys(at, &mut values)?;
            let within =
                values.iter().filter_map(|&key| u32::try_from(key).ok()).filter(|key| (low..=high).contains(key));
            keys.extend(within.map(|key| (key, at)));
        }
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|run| (2..=MAX_KEY_ARTICLES).contains(&run.len())) {
            for (i, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[i + 1..] {
                    let (root_a, root_b) = (sets.root(a), sets.root(b));
                    // Every member of a group is a copy of every other: a review round-up that
                    // holds two short reviews whole joins one of them, and the two stay apart.
                    if root_a != root_b && cache.all_copies(sets.members(&root_a), sets.members(&root_b))? {
                        sets.join(root_a, root_b);
                    }
                }
            }
        }
    }
    let mut groups: Vec<Vec<u32>> = sets.members.into_values().collect();
    for group in &mut groups {
        group.sort_unstable();
    }
    groups.sort_unstable();
    Ok(groups)
}

/// What the passes of [`work_out`] gather.
struct Plan {
    /// The range of keys of each pass (the least and the greatest), ascending and together
    /// covering every key, with how many keys it holds.
    passes: Vec<(u32, u32, usize)>,
    /// Whether each article has a fingerprint.
    fingerprinted: Vec<bool>,
}

/// The passes that gather at most `keys_per_pass` of the keys of `prints` each, unless one
/// bucket alone holds more.
fn plan(prints: &dyn Prints, keys_per_pass: usize) -> Result<Plan> {
    let shift = u32::BITS - BUCKETS.trailing_zeros();
    let mut counts = vec![0_usize; BUCKETS];
    let mut fingerprinted = vec![false; prints.articles() as usize];
    for at in 0..prints.articles() {
        if let Some(print) = prints.get(at)? {
            fingerprinted[at as usize] = true;
            for &key in &print.sketch {
                counts[(key >> shift) as usize] += 1;
            }
        }
    }
    let low_key = |bucket: usize| (bucket as u32) << shift;
    let mut passes = Vec::new();
    let (mut first, mut held) = (0, 0);
    for (bucket, &count) in counts.iter().enumerate() {
        if held > 0 && held + count > keys_per_pass {
            passes.push((low_key(first), low_key(bucket) - 1, held));
            (first, held) = (bucket, 0);
        }
        held += count;
    }
    passes.push((low_key(first), u32::MAX, held));
    Ok(Plan { passes, fingerprinted })
}

/// Disjoint sets of article numbers, joined by union-find, with the members of each set of
/// more than one.
struct Sets {
    parent: Vec<u32>,
    /// The members of each set of more than one, by its root, the least of them.
    members: FxHashMap<u32, Vec<u32>>,
}

impl Sets {
    fn new(articles: u32) -> Sets {
        Sets { parent: (0..articles).collect(), members: FxHashMap::default() }
    }

    fn root(&mut self, mut at: u32) -> u32 {
        while self.parent[at as usize] != at {
            let up = self.parent[self.parent[at as usize] as usize];
            self.parent[at as usize] = up;
            at = up;
        }
        at
    }

    /// The members of the set whose root is `root`.
    fn members<'a>(&'a self, root: &'a u32) -> &'a [u32] {
        self.members.get(root).map_or(std::slice::from_ref(root), Vec::as_slice)
    }

    /// Joins the sets whose roots are `a` and `b`.
    fn join(&mut self, a: u32, b: u32) {
        let (root, other) = (a.min(b), a.max(b));
        self.parent[other as usize] = root;
        let moved = self.members.remove(&other).unwrap_or_else(|| vec![other]);
        self.members.entry(root).or_insert_with(|| vec![root]).extend(moved);
    }
}

/// The fingerprints read lately, each in the slot its article number gives (a direct-mapped
/// cache), so that an article whose keys set up many comparisons is mostly read once.
struct Cache<'a> {
    prints: &'a dyn Prints,
    slots: Vec<Option<(u32, Option<Fingerprint>)>>,
}

impl<'a> Cache<'a> {
    fn new(prints: &'a dyn Prints) -> Cache<'a> {
        Cache { prints, slots: vec![None; CACHED_PRINTS] }
    }

    fn slot(at: u32) -> usize {
        at as usize % CACHED_PRINTS
    }

    /// The fingerprint of `at`, read into its slot unless it is there.
    fn load(&mut self, at: u32) -> Result<Option<&Fingerprint>> {
        let slot = &mut self.slots[Cache::slot(at)];
        if slot.as_ref().is_none_or(|(kept, _)| *kept != at) {
            *slot = Some((at, self.prints.get(at)?));
        }
        Ok(slot.as_ref().and_then(|(_, print)| print.as_ref()))
    }

    /// Whether `x` is a copy of `y`.
    fn is_copy(&mut self, x: u32, y: u32) -> Result<bool> {
        if Cache::slot(x) == Cache::slot(y) {
            let y = self.prints.get(y)?;
            return Ok(self.load(x)?.zip(y.as_ref()).is_some_and(|(x, y)| x.is_copy_of(y)));
        }
        self.load(x)?;
        self.load(y)?;
        let kept = |at: u32| self.slots[Cache::slot(at)].as_ref().and_then(|(_, print)| print.as_ref());
        Ok(kept(x).zip(kept(y)).is_some_and(|(x, y)| x.is_copy_of(y)))
    }

    /// Whether every article of `a` is a copy of every article of `b`.
    fn all_copies(&mut self, a: &[u32], b: &[u32]) -> Result<bool> {
        for &x in a {
            for &y in b {
                if !self.is_copy(x, y)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}

/// The fingerprints of the live articles a searcher sees, read from their fast fields.
///
/// Not through the searcher's own memory maps: each page of the fingerprint columns read
/// through a map counts in the resident memory until the map is dropped, and the passes read
/// every article's keys, about 512 bytes an article (over 200 MB at 8× NoReC). The columns are
/// read through maps of their own instead, opened anew after every `reads_per_opening` reads
/// (a fingerprint counting as [`PRINT_READS`] reads of keys, since it is read at random), so
/// that no more of them than those reads touch is resident at once.
pub(crate) struct IndexPrints<'a> {
    searcher: &'a Searcher,
    /// The index folder, whose files are mapped anew for each opening.
    dir: &'a Path,
    /// The names of the fingerprint fields.
    sketch: &'a str,
    shingles: &'a str,
    /// The number of the first article of each segment.
    starts: Vec<u32>,
    articles: u32,
    reads_per_opening: u32,
    opened: RefCell<Option<Opened>>,
}

/// Reads between two openings of the index files for [`IndexPrints`]: about 8 MB of keys read
/// in index order, or of the pages of [`PRINT_READS`] times fewer fingerprints read at random.
pub(crate) const READS_PER_OPENING: u32 = 1 << 14;

/// What reading a fingerprint at random counts as, in reads of an article's keys in index
/// order: the keys, their row index and the count of shingles are each on a page of their own
/// (about 16 KB together), where keys read in order share their pages with their neighbours'.
const PRINT_READS: u32 = 8;

/// The index files as mapped by one opening of [`IndexPrints`]: its own maps, dropped with it.
struct Opened {
    index: Index,
    /// The fingerprint columns of each segment read since the opening.
    segments: Vec<Option<SegmentPrints>>,
    reads: u32,
}

/// The fingerprint columns of one segment.
struct SegmentPrints {
    sketch: Column<u64>,
    shingles: Column<u64>,
}

impl<'a> IndexPrints<'a> {
    /// The fingerprints `searcher` sees of the index in `dir`, which is mapped anew after every
    /// `reads_per_opening` reads.
    pub(crate) fn new(
        searcher: &'a Searcher,
        dir: &'a Path,
        fields: &Fields,
        reads_per_opening: u32,
    ) -> Result<IndexPrints<'a>> {
        let schema = searcher.schema();
        let (mut starts, mut articles) = (Vec::new(), 0_u32);
        for reader in searcher.segment_readers() {
            starts.push(articles);
            articles = u32::try_from(u64::from(articles) + u64::from(reader.max_doc()))
                .context("too many articles to compare")?;
        }
        Ok(IndexPrints {
            searcher,
            dir,
            sketch: schema.get_field_name(fields.copy_sketch),
            shingles: schema.get_field_name(fields.copy_shingles),
            starts,
            articles,
            reads_per_opening,
            opened: RefCell::default(),
        })
    }

    /// The segment and document of article `at`.
    fn address(&self, at: u32) -> DocAddress {
        let segment = self.starts.partition_point(|&start| start <= at) - 1;
        DocAddress::new(segment as u32, at - self.starts[segment])
    }

    /// The addresses of the articles of `groups`.
    pub(crate) fn addresses(&self, groups: &[Vec<u32>]) -> Vec<Vec<DocAddress>> {
        groups.iter().map(|group| group.iter().map(|&at| self.address(at)).collect()).collect()
    }

    /// `read` of the fingerprint columns of segment `ord`, counted as `reads` reads: from the
    /// current opening, or from a new one when the current one has served its reads.
    fn read<T>(&self, ord: u32, reads: u32, read: impl FnOnce(&SegmentPrints) -> T) -> Result<T> {
        let mut opened = self.opened.borrow_mut();
        let opened = match &mut *opened {
            Some(opened) if opened.reads < self.reads_per_opening => opened,
            slot => {
                // The old maps go before the new ones are made.
                *slot = None;
                slot.insert(Opened::open(self.dir, self.starts.len())?)
            }
        };
        opened.reads += reads;
        let Opened { index, segments, .. } = opened;
        let prints = match &mut segments[ord as usize] {
            Some(prints) => prints,
            slot @ None => slot.insert(self.open_segment(index, ord)?),
        };
        Ok(read(prints))
    }

    /// The fingerprint columns of segment `ord`, through the maps of `index`.
    fn open_segment(&self, index: &Index, ord: u32) -> Result<SegmentPrints> {
        let reader = self.searcher.segment_reader(ord);
        let id = reader.segment_id();
        // Whether an article is deleted is the searcher's to tell, so the segment is opened as
        // if it had no deletes.
        let segment = SegmentReader::open(&index.segment(index.new_segment_meta(id, reader.max_doc())))
            .with_context(|| format!("cannot read the fingerprints of segment {}", id.uuid_string()))?;
        let fast = segment.fast_fields();
        Ok(SegmentPrints { sketch: fast.u64(self.sketch)?, shingles: fast.u64(self.shingles)? })
    }
}

impl Opened {
    /// A new opening of the index in `dir`, of `segments` segments.
    fn open(dir: &Path, segments: usize) -> Result<Opened> {
        let cannot = || format!("cannot open the index at {}", dir.display());
        let storage = Storage::open(dir, Access::Read).with_context(cannot)?;
        let index = Index::open(storage).with_context(cannot)?;
        Ok(Opened { index, segments: std::iter::repeat_with(|| None).take(segments).collect(), reads: 0 })
    }
}

impl Prints for IndexPrints<'_> {
    fn articles(&self) -> u32 {
        self.articles
    }

    fn get(&self, at: u32) -> Result<Option<Fingerprint>> {
        let DocAddress { segment_ord, doc_id } = self.address(at);
        if self.searcher.segment_reader(segment_ord).is_deleted(doc_id) {
            return Ok(None);
        }
        let mut values = Vec::with_capacity(SKETCH);
        let count = self.read(segment_ord, PRINT_READS, |segment| {
            let count = segment.shingles.first(doc_id).and_then(|count| u32::try_from(count).ok());
            if count.is_some() {
                segment_keys(segment, doc_id, &mut values);
            }
            count
        })?;
        Ok(count.and_then(|count| Fingerprint::from_values(values.into_iter(), count)))
    }

    fn keys(&self, at: u32, into: &mut Vec<u64>) -> Result<()> {
        let DocAddress { segment_ord, doc_id } = self.address(at);
        self.read(segment_ord, 1, |segment| segment_keys(segment, doc_id, into))
    }
}

/// Appends to `into` the keys of document `doc` of `segment`.
fn segment_keys(segment: &SegmentPrints, doc: u32, into: &mut Vec<u64>) {
    let rows = segment.sketch.index.value_row_ids(doc);
    let from = into.len();
    into.resize(from + rows.len(), 0);
    segment.sketch.values.get_range(u64::from(rows.start), &mut into[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::fingerprint::{SHINGLE_WORDS, SKETCH};

    /// Fingerprints held in memory.
    struct Held(Vec<Option<Fingerprint>>);

    impl Prints for Held {
        fn articles(&self) -> u32 {
            self.0.len() as u32
        }

        fn get(&self, at: u32) -> Result<Option<Fingerprint>> {
            Ok(self.0[at as usize].clone())
        }

        fn keys(&self, at: u32, into: &mut Vec<u64>) -> Result<()> {
            into.extend(self.0[at as usize].iter().flat_map(|print| print.sketch.iter().map(|&key| u64::from(key))));
            Ok(())
        }
    }

    /// The fingerprint of the shingles `shingles` of a text of words numbered as they stand,
    /// hashed as xxh3 of their numbers: a text that shares a stretch of numbers with another
    /// shares those shingles.
    fn print(words: impl Iterator<Item = u64>) -> Option<Fingerprint> {
        let words: Vec<u64> = words.collect();
        let mut hashes: Vec<u32> = words
            .windows(SHINGLE_WORDS)
            .map(|window| {
                let bytes: Vec<u8> = window.iter().flat_map(|word| word.to_le_bytes()).collect();
                (xxhash_rust::xxh3::xxh3_64(&bytes) >> 32) as u32
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let shingles = hashes.len() as u32;
        hashes.truncate(SKETCH);
        Fingerprint::from_values(hashes.into_iter().map(u64::from), shingles)
    }

    /// Stories of 40 to 400 words, each printed whole, trimmed and extended, and with its
    /// middle third rewritten; round-ups of two stories whole; short texts without
    /// fingerprints; and texts that share a standing phrase. With the numbers of the whole,
    /// trimmed and extended prints of each story.
    fn archive() -> (Held, Vec<[u32; 3]>) {
        let mut prints = Vec::new();
        let mut stories = Vec::new();
        for story in 0..80_u64 {
            let words = 40 + (story * 37) % 360;
            let base = story * 10_000;
            let at = prints.len() as u32;
            stories.push([at, at + 1, at + 2]);
            prints.push(print(base..base + words));
            prints.push(print(base..base + words * 4 / 5));
            prints.push(print((base..base + words).chain(900_000_000 + base..900_000_000 + base + words / 4)));
            let rewritten = 500_000_000 + base..500_000_000 + base + words / 3;
            prints.push(print((base..base + words / 3).chain(rewritten).chain(base + 2 * words / 3..base + words)));
            if story % 10 == 0 {
                let next = base + 10_000;
                prints.push(print((base..base + words).chain(next..next + 40)));
            }
            prints.push(print(base + 5_000..base + 5_010));
            prints.push(print((0..12).chain(700_000_000 + base..700_000_000 + base + 60)));
        }
        (Held(prints), stories)
    }

    #[test]
    fn the_groups_are_the_same_in_one_pass_and_in_many() {
        let (archive, stories) = archive();
        let one = work_out(&archive, usize::MAX).expect("groups");
        assert_eq!(plan(&archive, usize::MAX).expect("passes").passes.len(), 1);
        let keys: usize = archive.0.iter().flatten().map(|print| print.sketch.len()).sum();
        for per_pass in [keys / 3, keys / 40, keys / 200] {
            let count = plan(&archive, per_pass).expect("passes").passes.len();
            assert!(count >= keys.div_ceil(per_pass), "{count} passes of {per_pass} keys");
            assert_eq!(work_out(&archive, per_pass).expect("groups"), one, "{per_pass} keys a pass");
        }
        for story in &stories {
            let group = one.iter().find(|group| group.contains(&story[0])).expect("a group");
            assert!(story.iter().all(|at| group.contains(at)), "{story:?} in {group:?}");
        }
        for group in &one {
            for &a in group {
                for &b in group {
                    let (x, y) = (archive.get(a).expect("a").expect("a"), archive.get(b).expect("b").expect("b"));
                    // Of two texts with as many shingles, each way measures the first against
                    // the other's sketch, and the grouping asks it one way.
                    assert!(x.is_copy_of(&y) || y.is_copy_of(&x), "{a} and {b}");
                }
            }
        }
    }

    #[test]
    fn the_passes_cover_every_key_once_in_order() {
        let (archive, _) = archive();
        let plan = plan(&archive, 5_000).expect("passes");
        let passes = &plan.passes;
        assert_eq!(passes.first().map(|pass| pass.0), Some(0));
        assert_eq!(passes.last().map(|pass| pass.1), Some(u32::MAX));
        assert!(passes.windows(2).all(|pair| pair[0].1.checked_add(1) == Some(pair[1].0)), "{passes:?}");
        let keys: usize = archive.0.iter().flatten().map(|print| print.sketch.len()).sum();
        assert_eq!(passes.iter().map(|pass| pass.2).sum::<usize>(), keys);
        assert!(passes.iter().all(|pass| pass.2 <= 5_000), "{passes:?}");
        let fingerprinted: Vec<bool> = archive.0.iter().map(Option::is_some).collect();
        assert_eq!(plan.fingerprinted, fingerprinted);
    }
}
