//! arkiv's OpenSearch back end: the archive's articles exported to a cluster, and searched
//! there with arkiv's query language, into the engine's own views, so that a front end prints
//! a hit from the cluster as it prints one from the local index.
//!
//! - [`client`]: the connection (address, credentials, TLS roots) and requests sent again with
//!   backoff when the cluster is busy;
//! - [`mapping`]: the index's settings and mapping, mirroring arkiv's analysis;
//! - `export`: the incremental, batched export of a local index ([`Backend::export`]);
//! - `search`: queries, name filters, listings and articles from the cluster.

pub mod client;
mod error;
mod export;
pub mod mapping;
mod search;

pub use client::{Cluster, Credentials};
pub use error::{Error, Result};
pub use export::MAX_DEFAULT_SHARDS;

/// The index arkiv uses on a cluster unless told another (`--name`).
pub const DEFAULT_INDEX: &str = "arkiv";

/// The characters the highlighter puts around a match: from Unicode's private use area, so no
/// article holds them (the exporter takes them out of the searched text).
pub(crate) const HIGHLIGHT_MARKS: [char; 2] = ['\u{e000}', '\u{e001}'];

/// One index on one cluster, as a back end of arkiv's commands.
pub struct Backend {
    cluster: Cluster,
    index: String,
    /// The analyzers of the languages the index holds, read on first use.
    analyzers: std::sync::OnceLock<Vec<&'static str>>,
    /// The index's `max_result_window`, read on first use.
    window: std::sync::OnceLock<usize>,
}

impl Backend {
    /// The back end of the index `name` on `cluster`. An index name is what OpenSearch allows:
    /// lowercase, no spaces, slashes or the other characters it reserves.
    pub fn new(cluster: Cluster, name: &str) -> Result<Backend> {
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
        if name.is_empty() || name.starts_with(['-', '_', '.']) || !name.chars().all(allowed) {
            return Err(Error::Setup(format!(
                "--name: {name:?} is not an OpenSearch index name (lowercase letters, digits, - _ and ., not first)"
            )));
        }
        Ok(Backend {
            cluster,
            index: name.to_owned(),
            analyzers: std::sync::OnceLock::new(),
            window: std::sync::OnceLock::new(),
        })
    }

    /// The index's name.
    pub fn name(&self) -> &str {
        &self.index
    }

    /// The cluster.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Counts a retry that the exporter made itself (items a bulk request had rejected).
    fn note_retry(&self) {
        self.cluster.note_retry();
    }
}
