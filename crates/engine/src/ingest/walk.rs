//! Walking an archive folder: every file below it, in a stable order, with the problems met
//! on the way (unreadable folders, symlink loops) reported rather than fatal.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// What the walk found at one place.
pub(super) enum Found {
    /// Anything but a folder: the read stage refuses, with its reason, what is not a regular
    /// file (a named pipe, a device), so that it is reported rather than passed over.
    File(PathBuf),
    /// A place that could not be walked, with the reason.
    Problem(PathBuf, String),
}

/// Every file below `root`. Symlinks are followed (archives are often assembled from links)
/// and loops are reported, not followed forever. Hidden files and folders (a leading dot:
/// `.git`, editor swap files) are not part of an archive and are passed over silently.
pub(super) fn walk(root: &Path) -> Vec<Found> {
    WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()))
        .filter_map(|entry| match entry {
            Ok(entry) if !entry.file_type().is_dir() => Some(Found::File(entry.into_path())),
            Ok(_) => None,
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let reason = match error.loop_ancestor() {
                    Some(ancestor) => format!("symlink loop back to {}", ancestor.display()),
                    None => error.io_error().map_or_else(|| error.to_string(), ToString::to_string),
                };
                Some(Found::Problem(path, reason))
            }
        })
        .collect()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|name| name.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_entries_are_passed_over_and_order_is_stable() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for name in ["b.txt", "a.txt", ".swap.txt", ".git/config", "sub/c.txt"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "x").expect("write");
        }
        let names: Vec<String> = walk(dir.path())
            .into_iter()
            .map(|found| match found {
                Found::File(path) => path.strip_prefix(dir.path()).expect("below root").display().to_string(),
                Found::Problem(path, reason) => panic!("{}: {reason}", path.display()),
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
    }
}
