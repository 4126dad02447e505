//! Walking an archive folder: every file below it once, in a stable order, with the problems
//! met on the way (unreadable folders, links to nothing, symlink loops) reported rather than
//! fatal, and a record of which folders were read, so that ingest can tell a file that is gone
//! from one it could not reach.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// What the walk found below a root.
pub(super) struct Walk {
    /// Every file to index, sorted: each real file once. A file reached both directly and
    /// through a symlink is here under its direct path; one reached only through symlinks,
    /// under the first of those paths in walk order. A path keeps naming the same article
    /// from run to run either way, and every path stays below the root, where the walk can
    /// tell whether it still exists.
    pub(super) files: Vec<PathBuf>,
    /// Paths through a symlink to a file that is in `files` under another path, with that
    /// path, sorted.
    pub(super) aliases: Vec<(PathBuf, PathBuf)>,
    /// Places that could not be walked, with the reason.
    pub(super) problems: Vec<(PathBuf, String)>,
    /// Folders whose entries were all read: a path below one of them that the walk did not
    /// find is not there.
    listed: HashSet<PathBuf>,
    /// The paths of `problems`, for looking up.
    unreadable: HashSet<PathBuf>,
}

/// What became of an indexed file that the walk did not find among the files.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Fate {
    /// It is positively not there: the folder it was in was read and does not hold it (or
    /// holds something else under its name), or it is the alias of a file indexed under
    /// another path.
    Gone,
    /// The walk could not tell: the place on its way that could not be read.
    Unreachable(PathBuf),
}

/// Every file below `root`. Symlinks are followed (archives are often assembled from links)
/// and loops are reported, not followed forever. Hidden files and folders (a leading dot:
/// `.git`, editor swap files) are not part of an archive and are passed over silently.
pub(super) fn walk(root: &Path) -> Walk {
    let mut walk = Walk {
        files: Vec::new(),
        aliases: Vec::new(),
        problems: Vec::new(),
        listed: HashSet::new(),
        unreadable: HashSet::new(),
    };
    let mut linked = Vec::new();
    // The depth of the symlinked folder the walk is inside, if any.
    let mut inside_link: Option<usize> = None;
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in entries {
        match entry {
            Ok(entry) => {
                if inside_link.is_some_and(|depth| entry.depth() <= depth) {
                    inside_link = None;
                }
                let through_link = inside_link.is_some() || entry.path_is_symlink();
                if entry.file_type().is_dir() {
                    if entry.path_is_symlink() && inside_link.is_none() {
                        inside_link = Some(entry.depth());
                    }
                    walk.listed.insert(entry.into_path());
                } else {
                    // Anything but a folder: the read stage refuses, with its reason, what is
                    // not a regular file (a named pipe, a device), so that it is reported
                    // rather than passed over.
                    if through_link { linked.push(entry.into_path()) } else { walk.files.push(entry.into_path()) }
                }
            }
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let reason = match error.loop_ancestor() {
                    Some(ancestor) => format!("symlink loop back to {}", ancestor.display()),
                    None => error.io_error().map_or_else(|| error.to_string(), ToString::to_string),
                };
                // A folder that could not be opened was found, but not read.
                walk.listed.remove(&path);
                walk.unreadable.insert(path.clone());
                walk.problems.push((path, reason));
            }
        }
    }
    walk.files.sort();
    walk.place_linked(linked);
    walk
}

impl Walk {
    /// Adds the files reached through symlinks: a file the walk also reached directly, or
    /// through an earlier link, is an alias.
    fn place_linked(&mut self, linked: Vec<PathBuf>) {
        let mut first_by_target: HashMap<PathBuf, PathBuf> = HashMap::new();
        let mut placed = Vec::new();
        for path in linked {
            let target = match path.canonicalize() {
                Ok(target) => target,
                Err(error) => {
                    self.unreadable.insert(path.clone());
                    self.problems.push((path, error.to_string()));
                    continue;
                }
            };
            if self.files.binary_search(&target).is_ok() {
                self.aliases.push((path, target));
            } else if let Some(first) = first_by_target.get(&target) {
                self.aliases.push((path, first.clone()));
            } else {
                first_by_target.insert(target, path.clone());
                placed.push(path);
            }
        }
        self.files.extend(placed);
        self.files.sort();
        self.aliases.sort();
    }

    /// Whether the walk found `path` as a file to index.
    pub(super) fn has_file(&self, path: &Path) -> bool {
        self.files.binary_search_by(|file| file.as_path().cmp(path)).is_ok()
    }

    /// What became of `path`, an indexed file below `root` that is not among the files. The
    /// nearest folder above it that was read decides: the place below that folder on the way
    /// to `path` is either not there (or not a folder), and `path` is gone, or could not be
    /// read, and `path` is unreachable.
    pub(super) fn fate(&self, root: &Path, path: &Path) -> Fate {
        if self.aliases.binary_search_by(|(alias, _)| alias.as_path().cmp(path)).is_ok() {
            return Fate::Gone;
        }
        let mut place = path;
        for folder in path.ancestors().skip(1).take_while(|folder| folder.starts_with(root)) {
            if self.listed.contains(folder) {
                return if self.unreadable.contains(place) {
                    Fate::Unreachable(place.to_path_buf())
                } else {
                    Fate::Gone
                };
            }
            place = folder;
        }
        // Not even the root could be read.
        Fate::Unreachable(root.to_path_buf())
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|name| name.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn write(root: &Path, name: &str) {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, "x").expect("write");
    }

    fn relative(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        paths.iter().map(|path| path.strip_prefix(root).expect("below root").display().to_string()).collect()
    }

    #[test]
    fn hidden_entries_are_passed_over_and_order_is_stable() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for name in ["b.txt", "a.txt", ".swap.txt", ".git/config", "sub/c.txt"] {
            write(dir.path(), name);
        }
        let walk = walk(dir.path());
        assert!(walk.problems.is_empty(), "{:?}", walk.problems);
        assert_eq!(relative(dir.path(), &walk.files), ["a.txt", "b.txt", "sub/c.txt"]);
    }

    #[test]
    fn a_file_reached_through_symlinks_is_found_once() {
        let dir = tempfile::tempdir().expect("temporary folder");
        // Canonical, as ingest makes the root, so that link targets compare with walked paths.
        let root = dir.path().canonicalize().expect("canonical").join("root");
        write(&root, "a.txt");
        write(&root, "sub/b.txt");
        write(dir.path(), "outside/c.txt");
        symlink(root.join("a.txt"), root.join("link-to-a.txt")).expect("symlink");
        symlink(root.join("sub"), root.join("also-sub")).expect("symlink");
        symlink(dir.path().join("outside"), root.join("share")).expect("symlink");
        symlink(dir.path().join("outside"), root.join("share-again")).expect("symlink");
        let walk = walk(&root);
        assert_eq!(relative(&root, &walk.files), ["a.txt", "share/c.txt", "sub/b.txt"]);
        let aliases: Vec<PathBuf> = walk.aliases.iter().map(|(alias, _)| alias.clone()).collect();
        assert_eq!(relative(&root, &aliases), ["also-sub/b.txt", "link-to-a.txt", "share-again/c.txt"]);
        assert_eq!(walk.fate(&root, &root.join("link-to-a.txt")), Fate::Gone);
    }

    #[test]
    fn only_what_a_read_folder_lacks_is_gone() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("root");
        write(&root, "kept/a.txt");
        symlink(dir.path().join("unmounted"), root.join("share")).expect("dangling symlink");
        let walk = walk(&root);
        assert_eq!(walk.fate(&root, &root.join("kept/gone.txt")), Fate::Gone);
        assert_eq!(walk.fate(&root, &root.join("removed/folder/gone.txt")), Fate::Gone);
        assert_eq!(walk.fate(&root, &root.join("kept/a.txt/not-a-folder.txt")), Fate::Gone);
        assert_eq!(walk.fate(&root, &root.join("share/deep/b.txt")), Fate::Unreachable(root.join("share")));
    }
}
