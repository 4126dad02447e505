//! The search surface of an archive as a front end uses it, whatever holds the index: the
//! local index folder ([`Archive`]) or an index on a cluster (`arkiv-opensearch`). A front end
//! (the command line, the HTTP server) takes a `dyn Backend` and never knows which it has, so
//! a front end depends on this crate only and a new back end needs no change to any of them.

use std::path::{Path, PathBuf};

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

    /// Looks for what changed since the last call, for a back end whose index another process
    /// writes, and says what its user is to do about it ([`Refreshed`]). A back end that
    /// always answers from the newest state has nothing to take in, but its answers may change
    /// at any moment.
    fn refresh(&self) -> Result<Refreshed> {
        Ok(Refreshed::Changed)
    }

    /// Where the articles are, in words, for a message.
    fn describe(&self) -> String;
}

/// What [`Backend::refresh`] found.
pub enum Refreshed {
    /// Nothing changed: every answer is what it was.
    Unchanged,
    /// The back end took in a new state (or may answer from one at any moment): answers may
    /// differ from now on.
    Changed,
    /// A new state, read but not answering: a back end over it, ready to answer in the place
    /// of this one. Until its user puts it there, this one answers from the state it had, so
    /// that a server can work out answers of the new state first (as Solr warms a new
    /// searcher) and then swap both at once.
    Next(Box<dyn Backend>),
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

    fn refresh(&self) -> Result<Refreshed> {
        Ok(if Archive::refresh(self)? { Refreshed::Changed } else { Refreshed::Unchanged })
    }

    fn describe(&self) -> String {
        self.path().display().to_string()
    }
}

/// An index folder followed across commits and `arkiv index --rebuild`, for a long-running
/// reader (a server). Each state of the index is a `Following` of its own, which never changes:
/// [`Backend::refresh`] opens a new commit, or the new folder a rebuild put in the place of the
/// old one, afresh (its format checked, its schema and names its own) as the
/// [`Refreshed::Next`] back end, while this one goes on answering from its state.
pub struct Following {
    path: PathBuf,
    /// The index at one state.
    archive: Archive,
    /// The folder it was opened from, held open, so that the folder is told from one that
    /// takes its place.
    folder: Handle,
}

impl Following {
    /// Opens the index at `path` read-only, to follow it.
    pub fn open(path: &Path) -> Result<Following> {
        // The index first: its error says what is wrong with the folder in the engine's words
        // (no index yet, another format), where the handle's would only say it is missing.
        let archive = Archive::open_to_serve(path)?;
        let folder = Handle::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
        Ok(Following { path: path.to_path_buf(), archive, folder })
    }

    /// Opens the index at `path`, which is the folder `folder`.
    fn open_in(path: &Path, folder: Handle) -> Result<Following> {
        let archive = Archive::open_to_serve(path)?;
        Ok(Following { path: path.to_path_buf(), archive, folder })
    }
}

impl Backend for Following {
    fn search(&self, request: &Request) -> Result<Results> {
        self.archive.search(request)
    }

    fn explore(&self, request: &Request, facets: usize) -> Result<Explored> {
        self.archive.explore(request, facets)
    }

    fn show(&self, id_or_path: &str) -> Result<Option<ArticleView>> {
        Backend::show(&self.archive, id_or_path)
    }

    fn top(&self, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
        self.archive.top(kind, limit)
    }

    fn starting(&self, kind: EntityKind, prefix: &str, limit: usize) -> Result<Vec<NameCount>> {
        self.archive.starting(kind, prefix, limit)
    }

    fn mentioning(&self, kind: EntityKind, name: &str, together: bool, limit: usize) -> Result<Mentions> {
        self.archive.mentioning(kind, name, together, limit)
    }

    fn name_page(&self, kind: EntityKind, name: &str, limit: usize) -> Result<NamePage> {
        self.archive.name_page(kind, name, limit)
    }

    fn suggest(&self, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
        self.archive.suggest(prefix, limit)
    }

    fn histogram(&self, request: &Request, period: Option<Period>) -> Result<Histogram> {
        self.archive.histogram(request, period)
    }

    fn similar(&self, id_or_path: &str, limit: usize) -> Result<Option<Similar>> {
        self.archive.similar(id_or_path, limit)
    }

    fn kwic(&self, request: &KwicRequest) -> Result<Concordance> {
        self.archive.kwic(request)
    }

    fn articles(&self) -> Result<u64> {
        Ok(self.archive.articles())
    }

    /// Opens the folder afresh when another has taken its place or a new commit (or file of
    /// groups of copies) is in it. While a rebuild swaps the folders there is none at the path
    /// for a moment; this state answers until a later refresh finds the new one.
    fn refresh(&self) -> Result<Refreshed> {
        let Ok(folder) = Handle::from_path(&self.path) else {
            return Ok(Refreshed::Unchanged);
        };
        if folder == self.folder && !self.archive.changed()? {
            return Ok(Refreshed::Unchanged);
        }
        Ok(Refreshed::Next(Box::new(Following::open_in(&self.path, folder)?)))
    }

    fn describe(&self) -> String {
        self.path.display().to_string()
    }
}
