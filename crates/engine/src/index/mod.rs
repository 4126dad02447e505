//! Index: where articles are stored and how they are analyzed, on top of tantivy.
//!
//! An [`Archive`] is one index directory. Articles go in as tantivy documents built by
//! [`document::to_document`]; each document also records the file it came from (path,
//! modification time, size, content hash), which is all [`manifest`] needs to re-index only
//! what changed. [`crate::format`] says which version of arkiv's layout the folder is in.

pub(crate) mod analyzer;
mod capitalised;
pub(crate) mod document;
mod fold;
pub(crate) mod manifest;
pub(crate) mod parts;
pub(crate) mod schema;
mod stem;
mod stop_words;
pub(crate) mod storage;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, SearcherGeneration, TantivyDocument, Warmer};

pub use document::{StoredArticle, article_id};
pub(crate) use schema::{Fields, Part, TextFields};

use crate::copies::CopyCache;
use crate::error::{Context, Error, Recovery, Result, guarded};
use crate::format::{self, FORMAT_VERSION};
use crate::names::NameCache;
use crate::search::{AnalyzedCache, DictionaryCache, EndingCache};
use storage::{Access, Storage};

/// Memory the writer may use for its in-memory segments, shared by its threads. Large enough
/// that a corpus of tens of thousands of articles is written in few segments, small enough
/// for a laptop.
const WRITER_MEMORY_BYTES: usize = 400 * 1024 * 1024;

/// The hex digits of a segment id, which names the files of the segment (`<id>.idx`, …).
const SEGMENT_ID_DIGITS: usize = 32;

/// The file every tantivy index has; its absence tells a folder that holds no index.
const META_FILE: &str = "meta.json";

/// An open index directory.
pub struct Archive {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    path: PathBuf,
    /// The people, places and organisations of the index, read on first use and kept while
    /// the index is unchanged.
    pub(crate) names: Arc<NameCache>,
    /// The groups of copies of the index, likewise.
    pub(crate) copies: Arc<CopyCache>,
    /// The terms of the index by their ends, to find compounds by their heads, likewise.
    pub(crate) endings: EndingCache,
    /// The terms of each field over all segments, to correct words, likewise.
    pub(crate) dictionaries: DictionaryCache,
    /// The analyzers that indexed anything, likewise.
    pub(crate) analyzed: AnalyzedCache,
    /// Reads them for a new state of the index before its searches see it, in an archive
    /// opened to serve ([`Archive::open_to_serve`]); held here since the reader holds it weakly.
    _warming: Option<Arc<Warming>>,
}

/// Reads the names and the groups of copies of each new state of the index when the reader
/// takes it in, so that no search of it waits for them: the reader answers from the state it
/// had until they are read. A search started from the shell reads them when it needs them.
struct Warming {
    fields: Fields,
    path: PathBuf,
    names: Arc<NameCache>,
    copies: Arc<CopyCache>,
}

impl Warmer for Warming {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        let read = || -> Result<()> {
            for kind in arkiv_ner::EntityKind::ALL {
                let field = self.fields.entity(kind);
                self.names.get(searcher, field, kind)?.by_article(searcher, field)?;
            }
            self.copies.get(&self.path, searcher);
            Ok(())
        };
        // A failure is the next search's to report, in its own words: that search reads them
        // again.
        let _ = read();
        Ok(())
    }

    fn garbage_collect(&self, _live_generations: &[&SearcherGeneration]) {}
}

impl Archive {
    /// Opens an existing index for searching. Nothing in the folder is written, so an index on
    /// a read-only mount or of another user can be searched.
    pub fn open(path: &Path) -> Result<Archive> {
        Archive::open_for(path, Access::Read)
    }

    /// Opens an existing index for a server: read-only, and each new state of the index that
    /// [`Archive::refresh`] takes in is searched only once its names and groups of copies are
    /// read (a second or more for a large archive), the state before answering until then.
    pub fn open_to_serve(path: &Path) -> Result<Archive> {
        let index = open_index(path, Access::Read)?;
        Archive::from_index(index, path, true)
    }

    /// Opens an existing index for `access`.
    fn open_for(path: &Path, access: Access) -> Result<Archive> {
        let index = open_index(path, access)?;
        Archive::from_index(index, path, false)
    }

    /// Whether `path` holds an index (of any version).
    pub fn exists(path: &Path) -> bool {
        path.join(META_FILE).is_file()
    }

    /// Opens the index at `path`, creating it (and the directory) when there is none yet. A
    /// folder that holds other files is refused: an index pointed at the wrong place must not
    /// fill someone's folder with index files.
    pub fn open_or_create(path: &Path) -> Result<Archive> {
        std::fs::create_dir_all(path)
            .with_context(|| format!("cannot create the index directory {}", path.display()))?;
        if Archive::exists(path) {
            return Archive::open_for(path, Access::Write);
        }
        let mut entries = std::fs::read_dir(path).with_context(|| format!("cannot read {}", path.display()))?;
        if entries.any(|entry| entry.is_ok_and(|entry| !format::is_index_file(&entry.file_name()))) {
            return Err(Error::NotAnIndex(path.to_path_buf()));
        }
        // The stamp first: a process killed before the index is whole leaves a folder that the
        // next run creates the index in, not an index without a stamp, which it would refuse.
        format::write(path)?;
        let (schema, _) = schema::build();
        let storage = Storage::open(path, Access::Write).with_context(|| format!("cannot open {}", path.display()))?;
        let index = Index::create(storage, schema, Default::default())
            .with_context(|| format!("cannot create an index in {}", path.display()))?;
        Archive::from_index(index, path, false)
    }

    /// The archive of an opened `index`: its fields, analyzers and a reader of its segments,
    /// which reads the names and copies of each new state before searches see it when `warm`.
    fn from_index(index: Index, path: &Path, warm: bool) -> Result<Archive> {
        let fields = schema::fields_of(&index.schema()).ok_or_else(|| Error::Format {
            path: path.to_path_buf(),
            found: FORMAT_VERSION,
            expected: FORMAT_VERSION,
        })?;
        analyzer::register(&index);
        let names = Arc::new(NameCache::new(path));
        let copies = Arc::new(CopyCache::default());
        let warming = warm.then(|| {
            Arc::new(Warming {
                fields: fields.clone(),
                path: path.to_path_buf(),
                names: Arc::clone(&names),
                copies: Arc::clone(&copies),
            })
        });
        let warmers: Vec<Weak<dyn Warmer>> =
            warming.iter().map(|warming| Arc::downgrade(warming) as Weak<dyn Warmer>).collect();
        let reader = guarded(|| {
            index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .warmers(warmers)
                .try_into()
                .with_context(|| format!("cannot open the index at {}", path.display()))
        })
        .map_err(|error| error.at(path))?;
        Ok(Archive {
            index,
            fields,
            reader,
            path: path.to_path_buf(),
            names,
            copies,
            endings: EndingCache::default(),
            dictionaries: DictionaryCache::default(),
            analyzed: AnalyzedCache::default(),
            _warming: warming,
        })
    }

    /// How many articles the index holds, as last read ([`Archive::refresh`]).
    pub fn articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Takes in what another process (an `arkiv index` running into the same folder) committed
    /// since the index was opened or last refreshed: its new and changed articles become
    /// searchable, its removed ones go, and the names are read again on next use. Costs one
    /// read of the small list of segments when nothing changed, so a server may call it often.
    /// Says whether anything changed, a newer file of the groups of copies included (which an
    /// ingest saves after its last commit).
    pub fn refresh(&self) -> Result<bool> {
        if self.new_segments()? {
            guarded(|| self.reader.reload().context("cannot read the new commit of the index"))
                .map_err(|error| error.at(&self.path))?;
            return Ok(true);
        }
        Ok(self.copies.outdated(&self.path))
    }

    /// Whether another process committed since the index was opened or last refreshed, or
    /// saved a newer file of the groups of copies: what [`Archive::refresh`] would take in,
    /// found without taking it in, for a reader that opens the new state afresh instead.
    pub fn changed(&self) -> Result<bool> {
        Ok(self.new_segments()? || self.copies.outdated(&self.path))
    }

    /// Whether the committed segments (or their deletions) differ from those searched.
    fn new_segments(&self) -> Result<bool> {
        guarded(|| {
            let committed = |metas: Vec<tantivy::SegmentMeta>| {
                let mut state: Vec<_> = metas.iter().map(|meta| (meta.id(), meta.num_deleted_docs())).collect();
                state.sort_unstable();
                state
            };
            let on_disk = committed(self.index.searchable_segment_metas().context("cannot read the list of segments")?);
            let mut seen: Vec<_> = self
                .reader
                .searcher()
                .segment_readers()
                .iter()
                .map(|segment| (segment.segment_id(), segment.num_deleted_docs()))
                .collect();
            seen.sort_unstable();
            Ok(on_disk != seen)
        })
        .map_err(|error| error.at(&self.path))
    }

    /// Calls `visit` with every stored article in turn, so that a reader of the whole archive
    /// (an export to a cluster) holds one article at a time, not all of them. Stops at the first
    /// error, of the index or of `visit`, which may be the caller's own.
    pub fn for_each_stored<E: From<Error>>(
        &self,
        mut visit: impl FnMut(StoredArticle) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let searcher = self.reader.searcher();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            for doc in reader.doc_ids_alive() {
                let address = tantivy::DocAddress::new(segment as u32, doc);
                let stored = guarded(|| {
                    let doc: TantivyDocument = searcher.doc(address).context("cannot read a stored article")?;
                    StoredArticle::from_document(&self.fields, &doc)
                })?;
                visit(stored)?;
            }
        }
        Ok(())
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether names of the index were found by another entity model than this arkiv's, so
    /// that `arkiv index --rebuild` would find them anew.
    pub fn names_are_stale(&self) -> bool {
        format::read(&self.path).is_some_and(|stamp| stamp.model != format::Stamp::current().model)
    }

    /// Whether compounds of the index were split with another lexicon than this arkiv's, so
    /// that `arkiv index --rebuild` would split them anew.
    pub fn parts_are_stale(&self) -> bool {
        format::read(&self.path).is_some_and(|stamp| stamp.lexicon != format::Stamp::current().lexicon)
    }

    /// Removes the files of segments that no commit uses: those a failed commit or merge
    /// left (a full disk leaves half-written segments), which tantivy removes only after a
    /// commit that succeeds, and not at all when it could not note them in its list of files.
    /// Called with the writer, whose lock keeps any other process from writing segments.
    pub(crate) fn remove_leftovers(&self, writer: &IndexWriter<TantivyDocument>) -> Result<()> {
        let failed = || format!("cannot remove the files a failed commit left in {}", self.path.display());
        writer.garbage_collect_files().wait().with_context(failed)?;
        let committed: HashSet<String> =
            self.index.searchable_segment_metas()?.iter().map(|segment| segment.id().uuid_string()).collect();
        for entry in std::fs::read_dir(&self.path).with_context(failed)? {
            let name = entry.with_context(failed)?.file_name();
            let Some((segment, _)) = name.to_str().and_then(|name| name.split_once('.')) else {
                continue;
            };
            let is_segment = segment.len() == SEGMENT_ID_DIGITS && segment.bytes().all(|b| b.is_ascii_hexdigit());
            if is_segment && !committed.contains(segment) {
                match std::fs::remove_file(self.path.join(&name)) {
                    Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                        return Err(error).with_context(failed);
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// A writer using `threads` indexing threads.
    pub(crate) fn writer(&self, threads: usize) -> Result<IndexWriter<TantivyDocument>> {
        self.index
            .writer_with_num_threads(threads.max(1), WRITER_MEMORY_BYTES)
            .with_context(|| format!("cannot write to the index at {}", self.path.display()))
    }
}

/// Opens the tantivy index of an index folder of this arkiv's format.
pub(crate) fn open_index(path: &Path, access: Access) -> Result<Index> {
    if !Archive::exists(path) {
        return Err(Error::NoIndex(path.to_path_buf()));
    }
    format::check(path)?;
    let storage =
        Storage::open(path, access).with_context(|| format!("cannot open the index at {}", path.display()))?;
    Index::open(storage).with_context(|| format!("cannot open the index at {}", path.display())).map_err(|error| {
        match error {
            // Opening reads only the lists of segments and of files.
            Error::Damaged { .. } => Error::Damaged {
                detail: "its list of segments (meta.json or .managed.json) cannot be read".to_owned(),
                recovery: Recovery::RebuildSources,
            },
            other => other.at(path),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::document::{FileStamp, to_document};
    use super::*;
    use arkiv_extract::{Article, BodyBlock};
    use arkiv_ner::{Entity, EntityKind};

    fn article() -> Article {
        Article {
            title: "Ferja står".into(),
            lead: Some("Ingen ferjer gikk i går.".into()),
            body: vec![BodyBlock::Paragraph("Passasjerene ventet.".into())],
            captions: Vec::new(),
            byline: None,
            date: None,
            source: None,
            language: "nb".into(),
            modified: None,
            section: Some("Innenriks".into()),
            url: Some("https://avisa.no/ferja".into()),
            entities: vec![Entity { name: "Kari Nordmann".into(), kind: EntityKind::Person, mentions: 2 }],
        }
    }

    #[test]
    fn articles_round_trip_and_the_manifest_lists_them() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let archive = Archive::open_or_create(&dir.path().join("index")).expect("create");
        let stamp = FileStamp { mtime: 7, size: 42, hash: 99 };
        let doc = to_document(&archive.fields, Path::new("/arkiv/ferje.txt"), stamp, &article()).expect("document");
        let stored = StoredArticle::from_document(&archive.fields, &doc).expect("stored");
        assert_eq!(stored.article, article());
        assert_eq!(stored.id, article_id("/arkiv/ferje.txt"));

        let mut writer = archive.writer(1).expect("writer");
        writer.add_document(doc).expect("add");
        writer.commit().expect("commit");
        archive.reader.reload().expect("reload");
        let known = manifest::load(&archive.reader.searcher(), &archive.fields).expect("manifest");
        assert_eq!(known.get("/arkiv/ferje.txt"), Some(&stamp));

        let reopened = Archive::open(&dir.path().join("index")).expect("reopen");
        assert_eq!(reopened.reader.searcher().num_docs(), 1);
    }

    #[test]
    fn files_of_segments_no_commit_uses_are_removed_before_writing() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("index");
        let archive = Archive::open_or_create(&path).expect("create");
        let stray = ["0123456789abcdef0123456789abcdef.idx", "0123456789abcdef0123456789abcdef.store"];
        for name in stray {
            std::fs::write(path.join(name), b"half a segment").expect("write");
        }
        std::fs::write(path.join("notes.txt"), b"not a segment").expect("write");
        let writer = archive.writer(1).expect("writer");
        archive.remove_leftovers(&writer).expect("remove");
        for name in stray {
            assert!(!path.join(name).exists(), "{name} is left");
        }
        assert!(path.join("notes.txt").exists() && path.join("meta.json").exists());
    }

    /// A server's archive has the names of a new state read when it takes the state in, before
    /// a search of it; an archive opened for one search reads them when it needs them.
    #[test]
    fn a_served_archive_reads_the_names_of_a_new_state_when_it_takes_it_in() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("index");
        let writing = Archive::open_or_create(&path).expect("create");
        let articles = dir.path().join("articles");
        std::fs::create_dir(&articles).expect("folder");
        let write = |name: &str| {
            std::fs::write(articles.join(name), "Kari Nordmann i Tromsø\n\nKari Nordmann besøkte Tromsø i går.\n")
                .expect("article");
            crate::ingest::run(&writing, &articles, &Default::default(), &()).expect("ingest");
        };
        write("a.txt");
        let served = Archive::open_to_serve(&path).expect("open to serve");
        let searched = Archive::open(&path).expect("open");
        let people = served.fields.entity(EntityKind::Person);
        let generation = |archive: &Archive| archive.reader.searcher().generation().generation_id();
        assert!(served.names.keeps(people, generation(&served)));
        assert!(!searched.names.keeps(people, generation(&searched)));

        write("b.txt");
        assert!(served.refresh().expect("refresh") && searched.refresh().expect("refresh"));
        assert!(served.names.keeps(people, generation(&served)));
        assert!(!searched.names.keeps(people, generation(&searched)));
    }

    #[test]
    fn a_folder_without_an_index_is_not_opened() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let error = Archive::open(dir.path()).err().expect("no index there");
        assert!(matches!(error, Error::NoIndex(_)), "{error}");
    }

    #[test]
    fn a_folder_of_other_files_is_not_written_into() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("artikkel.txt"), "Tittel").expect("write");
        let error = Archive::open_or_create(dir.path()).err().expect("refused");
        assert!(error.to_string().contains("not an arkiv index"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    fn an_index_of_another_format_is_refused() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("index");
        drop(Archive::open_or_create(&path).expect("create"));
        std::fs::remove_file(path.join("arkiv-format.json")).expect("remove the stamp");
        let error = Archive::open(&path).err().expect("refused");
        assert!(matches!(error, Error::Format { found: 0, expected: FORMAT_VERSION, .. }), "{error}");
    }
}
