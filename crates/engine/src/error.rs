//! The engine's errors, in its own words. A front end adds what its user should do (a flag
//! to give, a command to run); the engine says what went wrong and where.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use tantivy::TantivyError;
use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};

use crate::format::FORMAT_VERSION;
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
    #[error("{}", format_message(path, *found, *expected))]
    Format {
        /// The index folder.
        path: PathBuf,
        /// The format the index says it is in (0 when it says nothing). It is `expected` when
        /// the stamp says this arkiv's format but the files are in another (written by
        /// another version of tantivy, say).
        found: u32,
        /// The format this version writes and reads.
        expected: u32,
    },
    /// Files of the index are missing, garbled or cannot be read as what they should hold.
    #[error("the index is damaged: {detail}")]
    Damaged {
        /// What is damaged, in plain words.
        detail: String,
        /// What brings the index back.
        recovery: Recovery,
    },
    /// Another process holds the writer's lock.
    #[error("another arkiv is indexing into this index")]
    Busy,
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
    /// The asker of a search told it to stop (see [`crate::search::Cancel`]).
    #[error("the search was cancelled")]
    Cancelled,
    /// What this back end (a cluster) does not do: `0` says what, as "similar articles are
    /// found".
    #[error("{0} on the local index only; leave out --opensearch")]
    LocalOnly(&'static str),
    /// Another back end than the local index (a cluster) failed, in its own words.
    #[error(transparent)]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// What brings a damaged index back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recovery {
    /// Not known where the damage showed: `arkiv check` finds out.
    Unknown,
    /// A rebuild from the articles the index stores, which are all readable.
    Rebuild,
    /// Indexing the source files again: the stored articles cannot all be read.
    RebuildSources,
}

fn format_message(path: &Path, found: u32, expected: u32) -> String {
    if found == expected {
        format!("the files of the index at {} are not in the format its stamp says (format {found})", path.display())
    } else {
        format!("the index at {} is in format {found}, and this arkiv reads format {expected}", path.display())
    }
}

impl From<TantivyError> for Error {
    fn from(source: TantivyError) -> Self {
        Error::from_tantivy("cannot read the index".to_owned(), source)
    }
}

impl Error {
    /// A failure of tantivy's while doing `action`, in plain words: damage, a lock another
    /// process holds, or the system's own error as the source (so that it is printed once).
    /// tantivy's messages are written for its developers (debug text, advice about its own
    /// versions), so only what it failed on is kept.
    pub(crate) fn from_tantivy(action: String, error: TantivyError) -> Error {
        let damaged = |detail: String| Error::Damaged { detail, recovery: Recovery::Unknown };
        let storage =
            |action: String, source: Box<dyn std::error::Error + Send + Sync>| Error::Storage { action, source };
        match error {
            TantivyError::LockFailure(LockError::LockBusy, _) => Error::Busy,
            TantivyError::LockFailure(LockError::IoError(io), _) => {
                storage(format!("{action}: cannot take the index's lock"), Box::new(io))
            }
            TantivyError::IoError(io) if is_garbled(&io) => {
                damaged("a file of the index is cut short or garbled".to_owned())
            }
            TantivyError::IoError(io) => storage(action, Box::new(io)),
            TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(file)) => {
                damaged(format!("the file {} is missing", file.display()))
            }
            TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) if is_garbled(&io_error) => {
                damaged(format!("the file {} is cut short or garbled", filepath.display()))
            }
            TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
                storage(format!("{action}: cannot read {}", filepath.display()), Box::new(io_error))
            }
            TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(_)) | TantivyError::IncompatibleIndex(_) => {
                Error::Format { path: PathBuf::new(), found: FORMAT_VERSION, expected: FORMAT_VERSION }
            }
            TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
                storage(format!("{action}: cannot write {}", filepath.display()), Box::new(io_error))
            }
            TantivyError::OpenWriteError(OpenWriteError::FileAlreadyExists(file)) => {
                storage(action, format!("{} exists already", file.display()).into())
            }
            TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error, directory_path }) => {
                storage(format!("{action}: cannot open {}", directory_path.display()), Box::new(io_error))
            }
            TantivyError::OpenDirectoryError(OpenDirectoryError::DoesNotExist(folder)) => {
                storage(action, format!("{} does not exist", folder.display()).into())
            }
            TantivyError::OpenDirectoryError(OpenDirectoryError::NotADirectory(folder)) => {
                storage(action, format!("{} is not a folder", folder.display()).into())
            }
            // tantivy passes the system's error of a thread of its own on as text.
            TantivyError::InternalError(message) | TantivyError::ErrorInThread(message) => {
                storage(action, message.into())
            }
            TantivyError::DataCorruption(_) => damaged("its data is garbled".to_owned()),
            TantivyError::DeserializeError(_) => damaged("a stored article cannot be read".to_owned()),
            other => storage(action, Box::new(other)),
        }
    }

    /// The error with the index folder filled in where the failure below did not know it.
    pub(crate) fn at(self, index: &Path) -> Error {
        match self {
            Error::Format { path, found, expected } if path.as_os_str().is_empty() => {
                Error::Format { path: index.to_path_buf(), found, expected }
            }
            other => other,
        }
    }
}

/// Whether an error of the system's is tantivy finding a file shorter or other than it
/// should be: it reports a damaged footer or a cut file as invalid data or an early end.
fn is_garbled(error: &io::Error) -> bool {
    matches!(error.kind(), io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof)
        || error.to_string().starts_with(GARBLED_DICTIONARY)
}

/// How tantivy says that a term dictionary's header is not one it wrote (as an error of kind
/// `Other`): garbled bytes, in an index whose format stamp is this arkiv's.
const GARBLED_DICTIONARY: &str = "Unsupported dictionary type";

/// How many [`guarded`] reads run now. While any does, a panic below arkiv's own code is not
/// printed: it becomes an [`Error::Damaged`].
static GUARDED: AtomicUsize = AtomicUsize::new(0);

/// Panics below arkiv's own code during guarded reads, counted by the panic hook, so that a
/// guarded read tells damage (tantivy failing on garbled bytes) from a bug of arkiv's own.
static PANICS_BELOW: AtomicUsize = AtomicUsize::new(0);

/// Where arkiv's own code is, as the compiler names the files in panic locations; anything
/// else (tantivy and the crates under it, the standard library) is below it.
const OWN_SOURCES: &str = "crates/";

/// Runs `read`, a read of index files, at the engine's boundary. tantivy does not check what
/// it reads and panics on some garbled files (an index out of bounds in a damaged `.idx`);
/// such a panic is caught here, quietly, and becomes [`Error::Damaged`], so that a front end
/// never crashes on a damaged index. A panic in arkiv's own code is a bug and goes on as one.
pub(crate) fn guarded<T>(read: impl FnOnce() -> Result<T>) -> Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let below = info.location().is_some_and(|location| !location.file().starts_with(OWN_SOURCES));
            if below && GUARDED.load(Ordering::SeqCst) > 0 {
                PANICS_BELOW.fetch_add(1, Ordering::SeqCst);
            } else {
                previous(info);
            }
        }));
    });
    let before = PANICS_BELOW.load(Ordering::SeqCst);
    GUARDED.fetch_add(1, Ordering::SeqCst);
    let outcome = panic::catch_unwind(AssertUnwindSafe(read));
    GUARDED.fetch_sub(1, Ordering::SeqCst);
    match outcome {
        Ok(result) => result,
        Err(_) if PANICS_BELOW.load(Ordering::SeqCst) != before => {
            Err(Error::Damaged { detail: "tantivy could not read its files".to_owned(), recovery: Recovery::Unknown })
        }
        Err(payload) => panic::resume_unwind(payload),
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

    /// A failure of tantivy's is put in plain words ([`Error::from_tantivy`]); any other keeps
    /// its own as the source.
    fn with_context(self, action: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| {
            let source: Box<dyn std::error::Error + Send + Sync> = source.into();
            match source.downcast::<TantivyError>() {
                Ok(tantivy) => Error::from_tantivy(action(), *tantivy),
                Err(source) => Error::Storage { action: action(), source },
            }
        })
    }
}
