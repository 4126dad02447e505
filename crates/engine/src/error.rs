//! The engine's errors, in its own words. A front end adds what its user should do (a flag
//! to give, a command to run); the engine says what went wrong and where.

use std::path::PathBuf;

use crate::search::QueryError;

/// The result of an engine call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// There is no index at the path.
    #[error("no index at {}", .0.display())]
    NoIndex(PathBuf),
    /// The folder holds other files, so no index is created in it.
    #[error("{} is not an arkiv index and is not empty", .0.display())]
    NotAnIndex(PathBuf),
    /// The index was written in a format this version does not read.
    #[error("the index at {} is in format {found}, and this arkiv reads format {expected}", path.display())]
    Format {
        /// The index folder.
        path: PathBuf,
        /// The format the index says it is in (0 when it says nothing).
        found: u32,
        /// The format this version writes and reads.
        expected: u32,
    },
    /// The query does not parse.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A search was asked for with neither words nor filters.
    #[error("nothing to search for: give words or a filter")]
    NothingToSearch,
    /// Reading or writing the index failed: what was being done, and (as the source) why.
    #[error("{action}")]
    Storage {
        /// What the engine was doing ("cannot commit the index").
        action: String,
        /// Why it failed.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl From<tantivy::TantivyError> for Error {
    fn from(source: tantivy::TantivyError) -> Self {
        Error::Storage { action: "cannot read the index".to_owned(), source: Box::new(source) }
    }
}

/// Adds what the engine was doing to a failure from below it.
pub(crate) trait Context<T> {
    /// The failure as [`Error::Storage`] with `action`.
    fn context(self, action: &str) -> Result<T>;

    /// The failure as [`Error::Storage`] with the action `action` makes, only on failure.
    fn with_context(self, action: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: Into<Box<dyn std::error::Error + Send + Sync>>> Context<T> for std::result::Result<T, E> {
    fn context(self, action: &str) -> Result<T> {
        self.with_context(|| action.to_owned())
    }

    fn with_context(self, action: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| Error::Storage { action: action(), source: source.into() })
    }
}
