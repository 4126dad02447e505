//! The search surface of an archive as a front end uses it, whatever holds the index: the
//! local index folder ([`Archive`]) or an index on a cluster (`arkiv-opensearch`). A front end
//! (the command line, the HTTP server) takes a `dyn Backend` and never knows which it has, so
//! a front end depends on this crate only and a new back end needs no change to any of them.

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use arkiv_ner::EntityKind;
use same_file::Handle;

use crate::error::Error;
use crate::error::{Context, Result};
use crate::index::Archive;
use crate::search::{self, KwicRequest, Request};
use crate::views::{
    ArticleView, Concordance, Explored, Histogram, Mentions, NameCount, NamePage, Period, Results, Similar, Suggestion,
};

/// Everything a front end asks of an archive. Every answer is one of the engine's views, so
/// the front end prints or serialises it the same way from every back end.
pub trait Backend: Send + Sync {
    /// A page of hits ([`search::search`]).
    fn search(&self, request: &Request) -> Result<Results>;

    /// A page of hits with the `facets` most frequent values of each facet and the histogram
    /// of every matching article ([`search::explore`]).
    fn explore(&self, request: &Request, facets: usize) -> Result<Explored>;

    /// The stored article with this id or path ([`search::show`]).
    fn show(&self, id_or_path: &str) -> Result<Option<ArticleView>>;

    /// The most mentioned entities of a kind ([`search::top`]).
    fn top(&self, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>>;

    /// The canonical names of a kind of which a word starts with `prefix`, most mentioned
    /// first ([`search::starting`]).
    fn starting(&self, kind: EntityKind, prefix: &str, limit: usize) -> Result<Vec<NameCount>>;

    /// The articles naming an entity, or with `together` what else they name
    /// ([`search::mentioning`]).
    fn mentioning(&self, kind: EntityKind, name: &str, together: bool, limit: usize) -> Result<Mentions>;

    /// The page of an entity: its articles, the names named with it and its histogram
    /// ([`search::name_page`]).
    fn name_page(&self, kind: EntityKind, name: &str, limit: usize) -> Result<NamePage>;

    /// Completions of `prefix` for a search box ([`search::suggest`]).
    fn suggest(&self, prefix: &str, limit: usize) -> Result<Vec<Suggestion>>;

    /// The articles a search finds per period ([`search::histogram`]). Only the local index
    /// counts them.
    fn histogram(&self, _request: &Request, _period: Option<Period>) -> Result<Histogram> {
        Err(Error::LocalOnly("a timeline is counted"))
    }

    /// The articles most like one article, its copies left out ([`search::similar`]). Only the
    /// local index finds them.
    fn similar(&self, _id_or_path: &str, _limit: usize) -> Result<Option<Similar>> {
        Err(Error::LocalOnly("similar articles are found"))
    }

    /// A concordance ([`search::kwic`]). Only the local index makes one.
    fn kwic(&self, _request: &KwicRequest) -> Result<Concordance> {
        Err(Error::LocalOnly("a concordance is made"))
    }

    /// The number of articles.
    fn articles(&self) -> Result<u64>;

    /// Takes in what changed since the last call, for a back end whose index another process
    /// writes (see [`Archive::refresh`]), and says whether answers may differ from then on. A
    /// back end that always answers from the newest state has nothing to take in, but its
    /// answers may change at any moment.
    fn refresh(&self) -> Result<bool> {
        Ok(true)
    }

    /// Where the articles are, in words, for a message.
    fn describe(&self) -> String;
}

impl Backend for Archive {
    fn search(&self, request: &Request) -> Result<Results> {
        search::search(self, request)
    }

    fn explore(&self, request: &Request, facets: usize) -> Result<Explored> {
        search::explore(self, request, facets)
    }

    fn show(&self, id_or_path: &str) -> Result<Option<ArticleView>> {
        Ok(search::show(self, id_or_path)?.map(|stored| ArticleView::stored(stored.id, stored.path, stored.article)))
    }

    fn top(&self, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
        search::top(self, kind, limit)
    }

    fn starting(&self, kind: EntityKind, prefix: &str, limit: usize) -> Result<Vec<NameCount>> {
        search::starting(self, kind, prefix, limit)
    }

    fn mentioning(&self, kind: EntityKind, name: &str, together: bool, limit: usize) -> Result<Mentions> {
        search::mentioning(self, kind, name, together, limit)
    }

    fn name_page(&self, kind: EntityKind, name: &str, limit: usize) -> Result<NamePage> {
        search::name_page(self, kind, name, limit)
    }

    fn suggest(&self, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
        search::suggest(self, prefix, limit)
    }

    fn histogram(&self, request: &Request, period: Option<Period>) -> Result<Histogram> {
        search::histogram(self, request, period)
    }

    fn similar(&self, id_or_path: &str, limit: usize) -> Result<Option<Similar>> {
        search::similar(self, id_or_path, limit)
    }

    fn kwic(&self, request: &KwicRequest) -> Result<Concordance> {
        search::kwic(self, request)
    }

    fn articles(&self) -> Result<u64> {
        Ok(Archive::articles(self))
    }

    fn refresh(&self) -> Result<bool> {
        Archive::refresh(self)
    }

    fn describe(&self) -> String {
        self.path().display().to_string()
    }
}

/// An index folder followed across `arkiv index --rebuild`, which writes a new folder and puts
/// it in the place of the old one: a long-running reader (a server) that refreshes it reads
/// the new folder from then on, opened afresh (its format checked, its schema and names its
/// own), instead of reading the new folder's files through the index it opened first.
pub struct Following {
    path: PathBuf,
    /// The index as opened, and the folder it was opened from (held open, so that the folder
    /// is told from one that takes its place).
    current: RwLock<(Arc<Archive>, Handle)>,
}

impl Following {
    /// Opens the index at `path` read-only, to follow it.
    pub fn open(path: &Path) -> Result<Following> {
        let archive = Archive::open_to_serve(path)?;
        let folder = Handle::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
        Ok(Following { path: path.to_path_buf(), current: RwLock::new((Arc::new(archive), folder)) })
    }

    /// The index as last opened.
    fn archive(&self) -> Arc<Archive> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner).0)
    }
}

impl Backend for Following {
    fn search(&self, request: &Request) -> Result<Results> {
        self.archive().search(request)
    }

    fn explore(&self, request: &Request, facets: usize) -> Result<Explored> {
        self.archive().explore(request, facets)
    }

    fn show(&self, id_or_path: &str) -> Result<Option<ArticleView>> {
        Backend::show(self.archive().as_ref(), id_or_path)
    }

    fn top(&self, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
        self.archive().top(kind, limit)
    }

    fn starting(&self, kind: EntityKind, prefix: &str, limit: usize) -> Result<Vec<NameCount>> {
        self.archive().starting(kind, prefix, limit)
    }

    fn mentioning(&self, kind: EntityKind, name: &str, together: bool, limit: usize) -> Result<Mentions> {
        self.archive().mentioning(kind, name, together, limit)
    }

    fn name_page(&self, kind: EntityKind, name: &str, limit: usize) -> Result<NamePage> {
        self.archive().name_page(kind, name, limit)
    }

    fn suggest(&self, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
        self.archive().suggest(prefix, limit)
    }

    fn histogram(&self, request: &Request, period: Option<Period>) -> Result<Histogram> {
        self.archive().histogram(request, period)
    }

    fn similar(&self, id_or_path: &str, limit: usize) -> Result<Option<Similar>> {
        self.archive().similar(id_or_path, limit)
    }

    fn kwic(&self, request: &KwicRequest) -> Result<Concordance> {
        self.archive().kwic(request)
    }

    fn articles(&self) -> Result<u64> {
        Ok(self.archive().articles())
    }

    /// Opens the folder afresh when another has taken its place, else takes in its new
    /// commits. While a rebuild swaps the folders there is none at the path for a moment; the
    /// index as opened answers until the next refresh finds the new one.
    fn refresh(&self) -> Result<bool> {
        let Ok(folder) = Handle::from_path(&self.path) else {
            return Ok(false);
        };
        if folder == self.current.read().unwrap_or_else(PoisonError::into_inner).1 {
            return Backend::refresh(self.archive().as_ref());
        }
        let archive = Arc::new(Archive::open_to_serve(&self.path)?);
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = (archive, folder);
        Ok(true)
    }

    fn describe(&self) -> String {
        self.path.display().to_string()
    }
}
