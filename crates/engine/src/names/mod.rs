//! Entity names in the archive: listings with article counts, and lookup of the canonical
//! names a user means ("putin", "Vladimir Putins" → "Vladimir Putin").

mod saved;

pub(crate) use saved::state as index_state;

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use memchr::memmem;
use tantivy::schema::Field;
use tantivy::{DocId, Searcher};

use crate::error::Result;
use crate::fast_fields::terms_by_ordinal;
pub use crate::views::NameCount;
use arkiv_ner::{EntityKind, name_key, strip_genitive};
use arkiv_text::{edit_distance, typo_edits};

/// The names of one kind in the archive, each with the canonical name it is listed under.
///
/// An article stores the names it uses, merged within the article ("Putin" becomes "Vladimir
/// Putin" when the article also has the full name). Across articles one more step is needed:
/// an article that only says "Putin" or "Putins" is about the same person as one that says
/// "Vladimir Putin". So a one-word name is listed under a longer name of the archive whose last
/// word it is (people only, and only when one such name clearly dominates: at least twice the
/// articles of the next, at least a fifth of those of the word alone, and at least those of the
/// full names that start with the word, which is then a first name), and a name in the genitive
/// under the name without the ending, when the archive has that name at least as often.
///
/// Everything is read in one pass over the field's dictionaries and columns (about 0.1 s for
/// the 89,000 people of NoReC), and the result belongs to one searcher: [`NameCache`] keeps it
/// for as long as the index does not change.
pub(crate) struct Names {
    /// Every name stored in the field, as written: first the ones articles store, sorted, then
    /// canonical names that no article stores on its own.
    names: Strings,
    /// How many of `names` are stored in articles.
    stored: usize,
    /// The [`name_key`] of every name, in the same order: a query word is searched for in
    /// this one buffer at memory speed, which costs nothing to build compared with a map from
    /// every word to its names.
    keys: Strings,
    /// Position in `names` of the canonical name of each name.
    canonical: Vec<u32>,
    /// Live articles naming each canonical name under any of its forms (0 for other names).
    listed: Vec<u64>,
    /// The other forms of each canonical name that has some.
    forms: HashMap<u32, Vec<u32>>,
    /// [`Names::by_article`], made on first use.
    by_article: OnceLock<Vec<ArticleNames>>,
}

/// What an ordinal of a segment's column maps to when the names lack its name.
const NO_NAME: u32 = u32::MAX;

/// The canonical names (by position in [`Names`]) that each article of one segment names,
/// each once: what a tally of the names of many articles adds up, with no column to decode,
/// no string in sight and nothing to sort per article.
#[derive(Debug, Default)]
pub(crate) struct ArticleNames {
    /// Where the names of each article (by its id in the segment) start in `ids`, and where
    /// the last article's end.
    starts: Vec<usize>,
    ids: Vec<u32>,
}

impl ArticleNames {
    /// The canonical names of the article `doc`, sorted, each once.
    pub(crate) fn of(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&start), Some(&end)) => &self.ids[start..end],
            _ => &[],
        }
    }
}

/// The position of each of `terms` (sorted) among the sorted names that `name` gives by
/// position (`None` past the last), [`NO_NAME`] for a term they lack. Both lists are sorted, so
/// one walk maps them all.
fn positions<'a>(name: impl Fn(usize) -> Option<&'a str>, terms: &[String]) -> Vec<u32> {
    let mut id = 0;
    terms
        .iter()
        .map(|term| {
            while name(id).is_some_and(|name| name < term.as_str()) {
                id += 1;
            }
            if name(id) == Some(term.as_str()) { id as u32 } else { NO_NAME }
        })
        .collect()
}

/// Strings end to end in one buffer: a list of 100,000 names costs one allocation to build, to
/// read from a file and to free, not one per name.
#[derive(Debug, Default, PartialEq, Eq)]
struct Strings {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
}

impl Strings {
    fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.ends.push(self.text.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, index: usize) -> &str {
        &self.text[self.span(index)]
    }

    /// Where the string at `index` lies in `text`.
    fn span(&self, index: usize) -> Range<usize> {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        start..self.ends[index]
    }

    /// The index of the string that the byte at `offset` of `text` belongs to.
    fn at(&self, offset: usize) -> usize {
        self.ends.partition_point(|&end| end <= offset)
    }

    /// The index of `string` among the first `sorted` strings, which are in order.
    fn find(&self, sorted: usize, string: &str) -> Option<usize> {
        let (mut low, mut high) = (0, sorted);
        while low < high {
            let middle = (low + high) / 2;
            match self.get(middle).cmp(string) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }
}

impl Names {
    /// Reads the names of `field` and counts the live articles that name each.
    pub(crate) fn load(searcher: &Searcher, field: Field, kind: EntityKind) -> Result<Self> {
        let field_name = searcher.schema().get_field_name(field);
        // Each segment's names, sorted, by ordinal.
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            let Some(column) = segment.fast_fields().str(field_name)? else {
                continue;
            };
            let in_segment = terms_by_ordinal(&column)?;
            segments.push((segment, column, in_segment));
        }
        let mut names: Vec<String> = segments.iter().flat_map(|(_, _, names)| names.iter().cloned()).collect();
        names.sort_unstable();
        names.dedup();
        let stored = names.len();
        let mut articles = vec![0u64; stored];
        let mut ord_ids = Vec::with_capacity(segments.len());
        for (segment, column, in_segment) in &segments {
            let ids = positions(|id| names.get(id).map(String::as_str), in_segment);
            for doc in segment.doc_ids_alive() {
                for ord in column.term_ords(doc) {
                    articles[ids[ord as usize] as usize] += 1;
                }
            }
            ord_ids.push(ids);
        }
        let counts: HashMap<&str, u64> = names
            .iter()
            .zip(&articles)
            .filter(|(_, count)| **count > 0)
            .map(|(name, count)| (name.as_str(), *count))
            .collect();
        let renamed = canonical_names(&counts, kind);
        // A canonical name can be one no article stores on its own ("Putin", the base of
        // "Putins", when two full names end in it): it joins the names, after the stored ones.
        let mut canonical: Vec<u32> = (0..stored as u32).collect();
        for (name, target) in renamed {
            let target = match names[..stored].binary_search(&target) {
                Ok(id) => id as u32,
                Err(_) => match names[stored..].iter().position(|extra| *extra == target) {
                    Some(at) => (stored + at) as u32,
                    None => {
                        names.push(target);
                        canonical.push(names.len() as u32 - 1);
                        names.len() as u32 - 1
                    }
                },
            };
            if let Ok(id) = names[..stored].binary_search(&name) {
                canonical[id] = target;
            }
        }
        let mut listed = vec![0u64; names.len()];
        let mut seen: Vec<u32> = Vec::new();
        for ((segment, column, _), ord_ids) in segments.iter().zip(&ord_ids) {
            for doc in segment.doc_ids_alive() {
                seen.clear();
                seen.extend(column.term_ords(doc).map(|ord| canonical[ord_ids[ord as usize] as usize]));
                seen.sort_unstable();
                seen.dedup();
                for &id in &seen {
                    listed[id as usize] += 1;
                }
            }
        }
        let mut strings = Strings::default();
        for name in &names {
            strings.push(name);
        }
        Ok(Names::from_parts(strings, stored, canonical, listed))
    }

    /// The names from what defines them; the rest is derived.
    fn from_parts(names: Strings, stored: usize, canonical: Vec<u32>, listed: Vec<u64>) -> Names {
        let mut keys = Strings::default();
        for id in 0..names.len() {
            keys.push(&search_key(names.get(id)));
        }
        Names::with_keys(names, stored, keys, canonical, listed)
    }

    /// The names, with their [`name_key`]s already made.
    fn with_keys(names: Strings, stored: usize, keys: Strings, canonical: Vec<u32>, listed: Vec<u64>) -> Names {
        let mut forms: HashMap<u32, Vec<u32>> = HashMap::new();
        for (id, &target) in canonical.iter().enumerate() {
            if target != id as u32 {
                forms.entry(target).or_default().push(id as u32);
            }
        }
        Names { names, stored, keys, canonical, listed, forms, by_article: OnceLock::new() }
    }

    /// How many names there are (stored ones and canonical ones no article stores).
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The name at a position.
    pub(crate) fn get(&self, id: u32) -> &str {
        self.names.get(id as usize)
    }

    /// For each segment of `searcher` (of the generation these names were read for), the
    /// canonical names of each of its articles ([`ArticleNames`]). The table is made once per
    /// state of the index, in one walk over each segment's sorted dictionary and one over its
    /// column.
    pub(crate) fn by_article(&self, searcher: &Searcher, field: Field) -> Result<&[ArticleNames]> {
        if let Some(made) = self.by_article.get() {
            return Ok(made);
        }
        let field_name = searcher.schema().get_field_name(field);
        let mut segments = Vec::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            let Some(column) = segment.fast_fields().str(field_name)? else {
                segments.push(ArticleNames::default());
                continue;
            };
            let in_segment = terms_by_ordinal(&column)?;
            let canonical: Vec<u32> = positions(|id| (id < self.stored).then(|| self.names.get(id)), &in_segment)
                .into_iter()
                .map(|id| self.canonical.get(id as usize).copied().unwrap_or(NO_NAME))
                .collect();
            let mut articles =
                ArticleNames { starts: Vec::with_capacity(segment.max_doc() as usize + 1), ids: Vec::new() };
            articles.starts.push(0);
            let mut seen: Vec<u32> = Vec::new();
            for doc in 0..segment.max_doc() {
                seen.clear();
                seen.extend(
                    column
                        .term_ords(doc)
                        .filter_map(|ord| canonical.get(ord as usize).copied())
                        .filter(|&id| id != NO_NAME),
                );
                seen.sort_unstable();
                seen.dedup();
                articles.ids.extend_from_slice(&seen);
                articles.starts.push(articles.ids.len());
            }
            segments.push(articles);
        }
        Ok(self.by_article.get_or_init(|| segments))
    }

    /// The listed canonical names of which a word (or a run of words) starts with `prefix`,
    /// under any of their forms, with their article counts, most first.
    pub(crate) fn starting(&self, prefix: &str, limit: usize) -> Vec<NameCount> {
        let prefix = search_key(prefix);
        if prefix.is_empty() {
            return Vec::new();
        }
        let text = self.keys.text.as_bytes();
        let mut found: Vec<u32> = memmem::find_iter(text, prefix.as_bytes())
            .filter(|&at| starts_word(text, at) || self.keys.span(self.keys.at(at)).start == at)
            .map(|at| self.canonical[self.keys.at(at)])
            .filter(|&canonical| self.listed[canonical as usize] > 0)
            .collect();
        found.sort_unstable();
        found.dedup();
        let mut out: Vec<NameCount> = found
            .into_iter()
            .map(|id| NameCount { name: self.get(id).to_owned(), articles: self.listed[id as usize] })
            .collect();
        out.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
        out.truncate(limit);
        out
    }

    /// The canonical name of a stored name.
    pub(crate) fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        match self.names.find(self.stored, name) {
            Some(id) => self.names.get(self.canonical[id] as usize),
            None => name,
        }
    }

    /// The canonical names by the number of live articles naming them (under any of their
    /// forms), most first.
    pub(crate) fn top(&self, limit: usize) -> Vec<NameCount> {
        let mut out: Vec<NameCount> = self
            .listed
            .iter()
            .enumerate()
            .filter(|(_, articles)| **articles > 0)
            .map(|(id, &articles)| NameCount { name: self.names.get(id).to_owned(), articles })
            .collect();
        out.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
        out.truncate(limit);
        out
    }

    /// What `query` refers to: the canonical names that it names (see [`matches_key`]) under any
    /// of their forms, and all stored forms of those names, to search for.
    ///
    /// The query is first read as written, and only when no name matches it so is a genitive
    /// ending taken off its words: "Hans" means the people called Hans, not Han Solo, while
    /// "Vladimir Putins" still finds Vladimir Putin.
    pub(crate) fn resolve(&self, query: &str) -> Resolved {
        let query = search_key(query);
        let mut wanted = self.matching(&query, Genitive::AsWritten);
        if wanted.is_empty() {
            wanted = self.matching(&query, Genitive::Stripped);
        }
        if wanted.is_empty() {
            wanted = self.nearest(&query);
        }
        let stored = wanted
            .iter()
            .flat_map(|id| std::iter::once(id).chain(self.forms.get(id).into_iter().flatten()))
            .map(|&id| self.names.get(id as usize).to_owned())
            .collect();
        Resolved { canonical: wanted.iter().map(|&id| self.names.get(id as usize).to_owned()).collect(), stored }
    }

    /// The listed canonical names nearest to a query (a [`search_key`]) that names none: each
    /// word of the query within the typing errors its length allows ([`typo_edits`]) of a word
    /// of the name, the fewest errors in all first ("bob dylon" → Bob Dylan). It reads every
    /// name, which only a query that matched nothing pays for.
    fn nearest(&self, query: &str) -> BTreeSet<u32> {
        let words: Vec<&str> = query.split(' ').filter(|word| !word.is_empty()).collect();
        let mut out = BTreeSet::new();
        if words.is_empty() {
            return out;
        }
        let mut fewest = usize::MAX;
        for id in 0..self.stored {
            let canonical = self.canonical[id];
            if self.listed[canonical as usize] == 0 {
                continue;
            }
            let key = self.keys.get(id);
            let mut errors = 0;
            for word in &words {
                let allowed = typo_edits(word);
                let nearest = key
                    .split(' ')
                    .filter(|name_word| name_word.len().abs_diff(word.len()) <= allowed)
                    .map(|name_word| edit_distance(word, name_word))
                    .min();
                match nearest {
                    Some(distance) if distance <= allowed => errors += distance,
                    _ => {
                        errors = usize::MAX;
                        break;
                    }
                }
            }
            if errors < fewest {
                fewest = errors;
                out.clear();
            }
            if errors == fewest && errors != usize::MAX {
                out.insert(canonical);
            }
        }
        out
    }

    /// Whether `word` (lowercase) is a whole word of some name of the archive, as keys hold
    /// it: accents folded ([`search_key`]).
    pub(crate) fn has_word(&self, word: &str) -> bool {
        let text = self.keys.text.as_bytes();
        self.in_keys(&search_key(word), |found, key| {
            (found.start == key.start || text[found.start - 1] == b' ')
                && (found.end == key.end || text[found.end] == b' ')
        })
    }

    /// Whether `name` is, as a whole, a name of the archive (accents folded).
    pub(crate) fn has_name(&self, name: &str) -> bool {
        self.in_keys(&search_key(name), |found, key| found == key)
    }

    /// Whether `needle` occurs in the keys where `fits` takes it: told where it was found and
    /// where the key it was found in lies, in the keys' text.
    fn in_keys(&self, needle: &str, fits: impl Fn(Range<usize>, Range<usize>) -> bool) -> bool {
        memmem::find_iter(self.keys.text.as_bytes(), needle.as_bytes())
            .any(|at| fits(at..at + needle.len(), self.keys.span(self.keys.at(at))))
    }

    /// The listed canonical names of the names that `query` (a [`search_key`]) matches.
    fn matching(&self, query: &str, genitive: Genitive) -> BTreeSet<u32> {
        // Every word of the query is in a matching name, so the names holding its first word
        // are the candidates; a match across two keys is one that the word test then rejects.
        let first = query.split(' ').next().unwrap_or_default();
        let needle = match genitive {
            Genitive::AsWritten => first,
            Genitive::Stripped => strip_genitive(first).unwrap_or(first),
        };
        if needle.is_empty() {
            return BTreeSet::new();
        }
        let mut candidates: Vec<usize> =
            memmem::find_iter(self.keys.text.as_bytes(), needle.as_bytes()).map(|at| self.keys.at(at)).collect();
        candidates.dedup();
        candidates
            .into_iter()
            .filter(|&id| matches_key(query, self.keys.get(id), genitive))
            .map(|id| self.canonical[id])
            .filter(|&canonical| self.listed[canonical as usize] > 0)
            .collect()
    }
}

/// The key a name is looked up by: its [`name_key`] with accents folded the way they are typed
/// without them ("Lars Norén" and "lars noren", "Björk" and "bjork").
fn search_key(name: &str) -> String {
    let key = name_key(name);
    match arkiv_text::fold(&key) {
        Some((norwegian, typed)) => typed.unwrap_or(norwegian),
        None => key,
    }
}

/// How a query word may match a word of a name.
#[derive(Debug, Clone, Copy)]
enum Genitive {
    /// Only as written.
    AsWritten,
    /// Also without a genitive ending ("putins" matches "putin").
    Stripped,
}

/// The [`Names`] of each entity field, read once per state of the index. A process that asks
/// many questions of one index (`arkiv bench`, a server) then pays for reading the names once,
/// not on every query with a name filter; a change to the index (a new searcher generation)
/// reads them again. A new process takes them from the files that ingest saves in the index
/// folder ([`saved`]) when those describe the index as it is.
pub(crate) struct NameCache {
    /// The index folder.
    dir: PathBuf,
    /// By field and searcher generation: the newest [`KEPT_GENERATIONS`] of each field.
    loaded: Mutex<HashMap<(Field, u64), Loaded>>,
}

/// The states of the index whose names are kept: the newest, and the one before for the
/// searches still running on it while a server takes in a commit.
const KEPT_GENERATIONS: usize = 2;

/// The names of one field for one searcher generation.
struct Loaded {
    names: Arc<Names>,
    /// Whether the saved file holds these names: read from it, or written to it.
    saved: bool,
}

impl NameCache {
    pub(crate) fn new(dir: &Path) -> NameCache {
        NameCache { dir: dir.to_path_buf(), loaded: Mutex::default() }
    }

    /// Whether the names of `field` for the searcher `generation` are kept.
    #[cfg(test)]
    pub(crate) fn keeps(&self, field: Field, generation: u64) -> bool {
        self.loaded.lock().unwrap_or_else(PoisonError::into_inner).contains_key(&(field, generation))
    }

    /// The names of `field` as `searcher` sees them.
    pub(crate) fn get(&self, searcher: &Searcher, field: Field, kind: EntityKind) -> Result<Arc<Names>> {
        self.with_loaded(searcher, field, kind, |loaded| Ok(Arc::clone(&loaded.names)))
    }

    /// Saves the names of every kind as `searcher` sees the index, for the processes that
    /// come after. Ingest calls it after each commit; names that came from the file (nothing
    /// changed) are not written again.
    pub(crate) fn save(&self, searcher: &Searcher, field_of: impl Fn(EntityKind) -> Field) -> Result<()> {
        let state = saved::state(searcher);
        for kind in EntityKind::ALL {
            self.with_loaded(searcher, field_of(kind), kind, |loaded| {
                if !loaded.saved {
                    saved::write(&loaded.names, &self.file(kind), state)?;
                    loaded.saved = true;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Runs `then` on the names of `field` for `searcher`'s generation: kept ones, else the
    /// saved file's when it describes this state, else read from the index. They are read
    /// without holding the others: a search of the state before (or of another field) does
    /// not wait while the names of a new state are read.
    fn with_loaded<T>(
        &self,
        searcher: &Searcher,
        field: Field,
        kind: EntityKind,
        then: impl FnOnce(&mut Loaded) -> Result<T>,
    ) -> Result<T> {
        let generation = searcher.generation().generation_id();
        let lock = || self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = lock().get_mut(&(field, generation)) {
            return then(kept);
        }
        let (names, saved) = match saved::read(&self.file(kind), saved::state(searcher)) {
            Some(names) => (names, true),
            None => (Names::load(searcher, field, kind)?, false),
        };
        let mut loaded = lock();
        let mut generations: Vec<u64> = loaded.keys().filter(|(of, _)| *of == field).map(|&(_, kept)| kept).collect();
        generations.push(generation);
        generations.sort_unstable_by(|a, b| b.cmp(a));
        for &old in generations.iter().skip(KEPT_GENERATIONS) {
            loaded.remove(&(field, old));
        }
        // Read twice at once, the first kept serves both.
        let entry = loaded.entry((field, generation)).or_insert(Loaded { names: Arc::new(names), saved });
        then(entry)
    }

    /// The saved names files that cannot be read (see [`saved::is_damaged`]).
    pub(crate) fn damaged_files(&self) -> Vec<PathBuf> {
        EntityKind::ALL.into_iter().map(|kind| self.file(kind)).filter(|file| saved::is_damaged(file)).collect()
    }

    fn file(&self, kind: EntityKind) -> PathBuf {
        let kind = match kind {
            EntityKind::Person => "people",
            EntityKind::Place => "places",
            EntityKind::Organisation => "orgs",
        };
        self.dir.join(format!("arkiv-{kind}.names"))
    }
}

/// The names a query refers to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// As listed.
    pub canonical: BTreeSet<String>,
    /// As stored in articles: every form of the canonical names.
    pub stored: BTreeSet<String>,
}

/// How many times more articles a one-word name may have on its own than the full name it is
/// taken to be short for.
const WORD_ALONE_AT_MOST: u64 = 5;

/// The canonical name of each stored name that is not canonical itself (see [`Names`]).
///
/// This is the archive's rule for "a bare name means the full name", the second of two: within
/// an article, a bare name becomes the most mentioned full name of the article that ends (or
/// starts) with it (`arkiv_ner`'s `merge::resolve_short_person_names`). An
/// article names one person by a surname for certain; across an archive "Robinson" may be
/// anyone, so here one full name must clearly dominate, by the thresholds above.
fn canonical_names(articles: &HashMap<&str, u64>, kind: EntityKind) -> Vec<(String, String)> {
    let mut by_last_word: HashMap<&str, Vec<(&str, u64)>> = HashMap::new();
    let mut starting: HashMap<&str, u64> = HashMap::new();
    if kind == EntityKind::Person {
        for (name, count) in articles {
            if let (Some((_, last)), Some((first, _))) = (name.rsplit_once(' '), name.split_once(' ')) {
                by_last_word.entry(last).or_default().push((name, *count));
                *starting.entry(first).or_default() += count;
            }
        }
    }
    // A full name takes in a one-word name unless the word on its own is far more common: then
    // it names others too. Reviews say "Hitler" four times as often as "Adolf Hitler", but
    // "Robinson" (mostly a TV show) 18 times as often as "Nick Robinson".
    // Nor is a first name short for the one full name it ends: "Thomas" is not "Kristin Scott
    // Thomas" in an archive where full names start with "Thomas" more often.
    let full_name = |word: &str, alone: u64| -> Option<&str> {
        let mut candidates = by_last_word.get(word)?.clone();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let (best, count) = candidates[0];
        let dominant = candidates.get(1).is_none_or(|(_, second)| count >= 2 * second);
        let surname = count >= starting.get(word).copied().unwrap_or(0);
        (dominant && surname && alone <= WORD_ALONE_AT_MOST * count).then_some(best)
    };
    // A name in the genitive is rarer than the name: "Jesus" in 300 articles is no genitive of
    // the "Jesu" that ends "Pie Jesu".
    let weight = |name: &str| -> u64 {
        articles.get(name).copied().unwrap_or(0)
            + by_last_word.get(name).map_or(0, |full| full.iter().map(|(_, count)| count).sum())
    };
    let mut out = Vec::new();
    for (name, &alone) in articles.iter().filter(|(name, _)| !name.contains(' ')) {
        let base = strip_genitive(name).filter(|base| weight(base) >= alone);
        let word = base.unwrap_or(name);
        let target = full_name(word, alone).or(base);
        if let Some(target) = target.filter(|target| target != name) {
            out.push(((*name).to_owned(), target.to_owned()));
        }
    }
    out
}

/// Whether a word (or a run of words) of `name` starts with `prefix`, case and accents aside,
/// as [`Names::starting`] finds names. A back end that lists names its own way (an OpenSearch
/// cluster) checks its candidates by it.
pub fn name_starts(name: &str, prefix: &str) -> bool {
    let (name, prefix) = (search_key(name), search_key(prefix));
    !prefix.is_empty()
        && memmem::find_iter(name.as_bytes(), prefix.as_bytes()).any(|at| starts_word(name.as_bytes(), at))
}

/// Whether `at` in a text of name keys is where a word starts (the keys' words are separated
/// by single spaces).
fn starts_word(text: &[u8], at: usize) -> bool {
    at == 0 || text[at - 1] == b' '
}

/// Whether `query` names `name` as `arkiv person` reads names: every word of the query a word of
/// the name, case and accents aside, and with `genitive` also without a genitive ending. A
/// back end that finds names its own way (an OpenSearch cluster) checks its candidates by it.
pub fn query_names(query: &str, name: &str, genitive: bool) -> bool {
    let genitive = if genitive { Genitive::Stripped } else { Genitive::AsWritten };
    matches_key(&search_key(query), &search_key(name), genitive)
}

/// Whether a query names a name, given the [`name_key`]s of both: every word of the query is
/// a word of the name, ignoring case and, if `genitive` says so, a genitive ending. So "putin"
/// and "Vladimir Putins" both mean "Vladimir Putin", and "Mike" means every Mike.
fn matches_key(query: &str, name: &str, genitive: Genitive) -> bool {
    let same = |word: &str, name_word: &str| {
        word == name_word || matches!(genitive, Genitive::Stripped) && strip_genitive(word) == Some(name_word)
    };
    !query.is_empty() && query.split(' ').all(|word| name.split(' ').any(|name_word| same(word, name_word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, name: &str) -> bool {
        matches_key(&search_key(query), &search_key(name), Genitive::Stripped)
    }

    fn canonical(names: &[(&str, u64)], kind: EntityKind) -> Vec<(String, String)> {
        let articles = names.iter().copied().collect();
        let mut out = canonical_names(&articles, kind);
        out.sort();
        out
    }

    #[test]
    fn a_prefix_starts_a_word_of_a_name_case_and_accents_aside() {
        assert!(name_starts("Vladimir Putin", "put"));
        assert!(name_starts("Vladimir Putin", "vladimir p"));
        assert!(name_starts("Lars Norén", "nore"));
        assert!(!name_starts("Vladimir Putin", "utin"));
        assert!(!name_starts("Vladimir Putin", " "));
    }

    #[test]
    fn surnames_and_genitives_go_under_the_dominant_full_name() {
        let names = [
            ("Vladimir Putin", 10),
            ("Putin", 4),
            ("Putins", 2),
            ("Erna Solberg", 3),
            ("Kari Solberg", 2),
            ("Solberg", 5),
        ];
        let pairs =
            |list: &[(&str, &str)]| list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect::<Vec<_>>();
        assert_eq!(
            canonical(&names, EntityKind::Person),
            pairs(&[("Putin", "Vladimir Putin"), ("Putins", "Vladimir Putin")])
        );
        let namesakes = [
            ("Robinson", 40),
            ("Nick Robinson", 3),
            ("Jesus", 30),
            ("Pie Jesu", 2),
            ("Thomas", 6),
            ("Kristin Scott Thomas", 4),
            ("Thomas Dybdahl", 5),
        ];
        assert_eq!(canonical(&namesakes, EntityKind::Person), pairs(&[]), "not the same people");
        let places = [("Norge", 10), ("Norges", 3), ("Paris", 2), ("New York", 4), ("York", 1)];
        assert_eq!(canonical(&places, EntityKind::Place), pairs(&[("Norges", "Norge")]));
    }

    #[test]
    fn a_query_is_read_as_written_before_its_genitive_is_taken_off() {
        let mut strings = Strings::default();
        for name in ["Han Solo", "Hans Olav", "Putin", "Vladimir Putin"] {
            strings.push(name);
        }
        let names = Names::from_parts(strings, 4, vec![0, 1, 3, 3], vec![1, 1, 0, 2]);
        let canonical = |query: &str| names.resolve(query).canonical.into_iter().collect::<Vec<_>>();
        assert_eq!(canonical("Hans"), ["Hans Olav"], "not Han Solo");
        assert_eq!(canonical("han"), ["Han Solo"]);
        assert_eq!(canonical("Solos"), ["Han Solo"]);
        assert_eq!(canonical("Vladimir Putins"), ["Vladimir Putin"]);
        assert_eq!(names.resolve("putin").stored.into_iter().collect::<Vec<_>>(), ["Putin", "Vladimir Putin"]);
        assert!(canonical("Lavrov").is_empty());
    }

    #[test]
    fn names_match_by_words_case_and_genitive() {
        assert!(matches("putin", "Vladimir Putin"));
        assert!(matches("Vladimir Putins", "Vladimir Putin"));
        assert!(matches("PUTIN'S", "Vladimir Putin"));
        assert!(matches("Mike Pompeo", "Mike Pompeo"));
        assert!(!matches("pompeo lavrov", "Mike Pompeo"));
        assert!(!matches("put", "Vladimir Putin"));
        assert!(!matches("", "Vladimir Putin"));
    }
}
