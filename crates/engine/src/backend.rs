//! The search surface of an archive as a front end uses it, whatever holds the index: the
//! local index folder ([`Archive`]) or an index on a cluster (`arkiv-opensearch`). A front end
//! (the command line, the HTTP server) takes a `dyn Backend` and never knows which it has, so
//! a front end depends on this crate only and a new back end needs no change to any of them.

use arkiv_ner::EntityKind;

use crate::error::Result;
use crate::index::Archive;
use crate::search::{self, Request};
use crate::views::{ArticleView, Explored, Mentions, NameCount, NamePage, Results, Suggestion};

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

    /// The number of articles.
    fn articles(&self) -> Result<u64>;

    /// Takes in what changed since the last call, for a back end whose index another process
    /// writes (see [`Archive::refresh`]). A back end that always answers from the newest state
    /// has nothing to do.
    fn refresh(&self) -> Result<()> {
        Ok(())
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

    fn articles(&self) -> Result<u64> {
        Ok(Archive::articles(self))
    }

    fn refresh(&self) -> Result<()> {
        Archive::refresh(self).map(|_| ())
    }

    fn describe(&self) -> String {
        self.path().display().to_string()
    }
}
