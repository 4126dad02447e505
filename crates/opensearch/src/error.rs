//! The back end's errors, in its own words: which request to which cluster failed and why.

/// What can go wrong between arkiv and a cluster.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The cluster's address or the settings beside it cannot be used.
    #[error("{0}")]
    Setup(String),
    /// The cluster could not be reached (after every retry).
    #[error("cannot reach the OpenSearch cluster at {url}: {reason}")]
    Unreachable {
        /// The cluster's address, without credentials.
        url: String,
        /// What the connection said.
        reason: String,
    },
    /// The cluster answered a request with an error.
    #[error("the OpenSearch cluster refused {what} ({status}): {reason}")]
    Refused {
        /// The request, in words.
        what: String,
        /// The HTTP status.
        status: u16,
        /// The cluster's reason, or the start of its answer.
        reason: String,
    },
    /// The cluster's answer is not what OpenSearch sends.
    #[error("the OpenSearch cluster's answer to {what} cannot be read: {reason}")]
    Answer {
        /// The request, in words.
        what: String,
        /// What is wrong with the answer.
        reason: String,
    },
    /// The local index or the query.
    #[error(transparent)]
    Engine(#[from] arkiv_engine::Error),
}

/// The back end's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
