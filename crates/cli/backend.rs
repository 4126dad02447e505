//! The back end a query command reads: the local index, or an index on an OpenSearch cluster
//! (`--opensearch URL`). Both answer with the engine's views, so the output is the same code.

use std::path::Path;

use anyhow::Result;
use arkiv_engine::Archive;
use arkiv_engine::search::{self, KwicRequest, Request};
use arkiv_engine::views::{ArticleView, Concordance, Histogram, Mentions, NameCount, Period, Results, Similar};
use arkiv_ner::EntityKind;
use arkiv_opensearch::{Backend as Cluster, Cluster as Connection};

use crate::args::ClusterArgs;

/// Where the answers come from.
pub(crate) enum Backend {
    /// The index folder.
    Local(Archive),
    /// An index on a cluster.
    Cluster(Cluster),
}

/// An error of the cluster back end as the command line reports it: the engine's own errors
/// (a query that does not parse, nothing to search for) as themselves, so that their advice
/// is given as for the local index.
fn plain(error: arkiv_opensearch::Error) -> anyhow::Error {
    match error {
        arkiv_opensearch::Error::Engine(error) => error.into(),
        other => other.into(),
    }
}

/// The back end of an index on the cluster at `url`, with the environment's credentials.
pub(crate) fn cluster(url: &str, name: &str) -> Result<Cluster> {
    Cluster::new(Connection::from_env(url).map_err(plain)?, name).map_err(plain)
}

impl Backend {
    /// The cluster when `--opensearch` (or `ARKIV_OPENSEARCH`) names one, else the index folder.
    pub(crate) fn open(index: &Path, args: &ClusterArgs) -> Result<Backend> {
        Ok(match &args.opensearch {
            Some(url) => Backend::Cluster(cluster(url, &args.index_name)?),
            None => Backend::Local(Archive::open(index)?),
        })
    }

    /// A search.
    pub(crate) fn search(&self, request: &Request) -> Result<Results> {
        match self {
            Backend::Local(archive) => Ok(search::search(archive, request)?),
            Backend::Cluster(cluster) => cluster.search(request).map_err(plain),
        }
    }

    /// The articles naming an entity, or what else they name.
    pub(crate) fn mentioning(&self, kind: EntityKind, name: &str, together: bool, limit: usize) -> Result<Mentions> {
        match self {
            Backend::Local(archive) => Ok(search::mentioning(archive, kind, name, together, limit)?),
            Backend::Cluster(cluster) => cluster.mentioning(kind, name, together, limit).map_err(plain),
        }
    }

    /// The articles a search finds per period. A cluster does not count them: the command is
    /// refused there.
    pub(crate) fn histogram(&self, request: &Request, period: Option<Period>) -> Result<Histogram> {
        match self {
            Backend::Local(archive) => Ok(search::histogram(archive, request, period)?),
            Backend::Cluster(_) => {
                anyhow::bail!("a timeline is counted on the local index only; leave out --opensearch")
            }
        }
    }

    /// The articles most like one article, its copies left out. A cluster does not find them:
    /// the command is refused there.
    pub(crate) fn similar(&self, id_or_path: &str, limit: usize) -> Result<Similar> {
        match self {
            Backend::Local(archive) => match search::similar(archive, id_or_path, limit)? {
                Some(similar) => Ok(similar),
                None => anyhow::bail!("no article with id or path {id_or_path:?} in {}", self.describe()),
            },
            Backend::Cluster(_) => anyhow::bail!("similar articles are found in the local index only"),
        }
    }

    /// A concordance. A cluster does not make one: the command is refused there.
    pub(crate) fn kwic(&self, request: &KwicRequest) -> Result<Concordance> {
        match self {
            Backend::Local(archive) => Ok(search::kwic(archive, request)?),
            Backend::Cluster(_) => anyhow::bail!("a concordance is made from the local index only"),
        }
    }

    /// The most mentioned entities of a kind.
    pub(crate) fn top(&self, kind: EntityKind, limit: usize) -> Result<Vec<NameCount>> {
        match self {
            Backend::Local(archive) => Ok(search::top(archive, kind, limit)?),
            Backend::Cluster(cluster) => cluster.top(kind, limit).map_err(plain),
        }
    }

    /// A stored article by id or path.
    pub(crate) fn show(&self, id_or_path: &str) -> Result<Option<ArticleView>> {
        match self {
            Backend::Local(archive) => Ok(search::show(archive, id_or_path)?
                .map(|stored| ArticleView::stored(stored.id, stored.path, stored.article))),
            Backend::Cluster(cluster) => cluster.show(id_or_path).map_err(plain),
        }
    }

    /// Where the articles are, in words.
    pub(crate) fn describe(&self) -> String {
        match self {
            Backend::Local(archive) => archive.path().display().to_string(),
            Backend::Cluster(cluster) => format!("the index {} at {}", cluster.name(), cluster.cluster().url()),
        }
    }
}
