//! The back end a query command reads: the local index, or an index on an OpenSearch cluster
//! (`--opensearch URL`). Both are the engine's [`Backend`] and answer with its views, so the
//! output is the same code.

use std::path::Path;

use anyhow::Result;
use arkiv_engine::Backend;
use arkiv_engine::backend::Following;
use arkiv_engine::views::Similar;
use arkiv_opensearch::{Backend as Cluster, Cluster as Connection};

use crate::args::ClusterArgs;

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

/// The cluster when `--opensearch` (or `ARKIV_OPENSEARCH`) names one, else the index folder
/// (followed across a rebuild, for `arkiv serve`).
pub(crate) fn open(index: &Path, args: &ClusterArgs) -> Result<Box<dyn Backend>> {
    Ok(match &args.opensearch {
        Some(url) => Box::new(cluster(url, &args.index_name)?),
        None => Box::new(Following::open(index)?),
    })
}

/// The articles most like one article; an article the back end does not have is an error
/// naming it, for `arkiv similar` and `arkiv bench --command similar` alike.
pub(crate) fn similar(backend: &dyn Backend, id_or_path: &str, limit: usize) -> Result<Similar> {
    match backend.similar(id_or_path, limit)? {
        Some(similar) => Ok(similar),
        None => anyhow::bail!("no article with id or path {id_or_path:?} in {}", backend.describe()),
    }
}
