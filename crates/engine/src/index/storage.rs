//! Where the files of an index live: tantivy's [`MmapDirectory`], opened for reading or for
//! writing.
//!
//! Readers (search, listings, `arkiv check`, a server) must work on an index they may not
//! write to: one on a read-only mount, or one another user built. tantivy's own directory
//! opens a lock file for writing even to read, so a reader here refuses every write and takes
//! the readers' lock only where that needs no writing. A writer writes every file with the
//! permissions the umask gives; tantivy writes its small files (`meta.json`, `.managed.json`)
//! through temporary files that only their owner may read, which would keep a colleague from
//! searching the index.

use std::ffi::OsString;
use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::Directory;
use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, INDEX_WRITER_LOCK, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// What an opened index may do with its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Read only: no file is created, changed or removed, not even a lock file.
    Read,
    /// Read and write, as ingest does.
    Write,
}

/// The folder of an index, as tantivy sees it.
#[derive(Debug, Clone)]
pub(crate) struct Storage {
    files: MmapDirectory,
    root: PathBuf,
    access: Access,
}

impl Storage {
    /// The index folder `root`, which must exist.
    pub(crate) fn open(root: &Path, access: Access) -> Result<Storage, OpenDirectoryError> {
        Ok(Storage { files: MmapDirectory::open(root)?, root: root.to_path_buf(), access })
    }

    /// The error of a write to an index opened for reading.
    fn read_only(&self) -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, format!("{} is open for reading only", self.root.display()))
    }
}

impl Directory for Storage {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.files.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        match self.access {
            Access::Read => {
                Err(DeleteError::IoError { io_error: Arc::new(self.read_only()), filepath: path.to_path_buf() })
            }
            Access::Write => self.files.delete(path),
        }
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.files.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        match self.access {
            Access::Read => Err(OpenWriteError::wrap_io_error(self.read_only(), path.to_path_buf())),
            Access::Write => self.files.open_write(path),
        }
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.files.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        match self.access {
            Access::Read => Err(self.read_only()),
            Access::Write => write_atomically(&self.root.join(path), data),
        }
    }

    fn sync_directory(&self) -> io::Result<()> {
        match self.access {
            Access::Read => Ok(()),
            Access::Write => self.files.sync_directory(),
        }
    }

    /// A reader never writes, so it cannot take the writer's lock. The lock readers take
    /// (`.tantivy-meta.lock`, which keeps the writer from removing the files of a commit while
    /// a reader opens them) is taken shared on the existing lock file, opened for reading; an
    /// index without one (copied without its hidden files) is read without it.
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        if self.access == Access::Write {
            return self.files.acquire_lock(lock);
        }
        if lock.filepath == INDEX_WRITER_LOCK.filepath {
            return Err(LockError::wrap_io_error(self.read_only()));
        }
        let Ok(file) = File::open(self.root.join(&lock.filepath)) else {
            return Ok(DirectoryLock::from(Box::new(())));
        };
        if lock.is_blocking {
            file.lock_shared().map_err(LockError::wrap_io_error)?;
        } else {
            file.try_lock_shared().map_err(|error| match error {
                TryLockError::WouldBlock => LockError::LockBusy,
                TryLockError::Error(error) => LockError::wrap_io_error(error),
            })?;
        }
        // Closing the file releases the lock.
        Ok(DirectoryLock::from(Box::new(file)))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.files.watch(watch_callback)
    }
}

/// Tells apart the temporary files of writes that run at the same time.
static TEMPORARY: AtomicU64 = AtomicU64::new(0);

/// Replaces the file at `path` with `data` so that a reader sees the old file or the new one,
/// never half of one: written to a hidden temporary file beside it, then renamed. The file
/// gets the permissions the umask gives, and a failed write (a full disk) leaves nothing.
pub(crate) fn write_atomically(path: &Path, data: &[u8]) -> io::Result<()> {
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut temporary_name = OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}-{}.tmp", std::process::id(), TEMPORARY.fetch_add(1, Ordering::Relaxed)));
    let temporary = path.with_file_name(temporary_name);
    let written = File::create(&temporary).and_then(|mut file| {
        file.write_all(data)?;
        file.sync_data()?;
        fs::rename(&temporary, path)
    });
    if written.is_err() {
        // Best effort: the temporary file may not have been created at all.
        let _ = fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_writes_nothing_and_takes_no_writer_lock() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let storage = Storage::open(dir.path(), Access::Read).expect("open");
        assert!(storage.open_write(Path::new("a.idx")).is_err());
        assert!(storage.atomic_write(Path::new("meta.json"), b"{}").is_err());
        assert!(storage.acquire_lock(&INDEX_WRITER_LOCK).is_err());
        let meta_lock = storage.acquire_lock(&tantivy::directory::META_LOCK).expect("the readers' lock");
        drop(meta_lock);
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 0, "no lock file was created");
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("meta.json");
        write_atomically(&path, b"first").expect("write");
        write_atomically(&path, b"second").expect("write again");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
        assert!(write_atomically(&dir.path().join("missing/meta.json"), b"x").is_err());
    }
}
