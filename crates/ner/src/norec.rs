//! What NoReC, 17.7 million words of Norwegian newspaper text, tells of a word.
//!
//! NorNE's training data has a few hundred thousand words, so most names and many common
//! nouns of the news arkiv sees are words the tagger never saw in training. How a corpus a
//! hundred times larger writes and uses a word generalises to them: how often it is capitalised
//! in mid-sentence ([`capitals`]), and which words stand where it stands ([`clusters`]). Both
//! tables are made from NoReC by `norec-words` and shipped in the binary. NoReC (Velldal et
//! al., LREC 2018) allows models and lexicons made from it to be used freely.

mod capitals;
mod clusters;
#[cfg(feature = "train")]
mod exchange;

#[cfg(feature = "train")]
pub use capitals::Capitals;
pub(crate) use capitals::{capitals, rarely_capitalised};
pub(crate) use clusters::{Classes, LEVELS, classes};
#[cfg(feature = "train")]
pub use exchange::Corpus;

/// A fingerprint of the tables, for the model's stamp ([`crate::lists::fingerprint`]).
#[cfg(any(test, feature = "train"))]
pub(crate) fn fingerprint() -> u64 {
    crate::hashing::mix(capitals::fingerprint(), clusters::fingerprint())
}

/// The `.txt` files below `folder`, in the order of their paths, so that the same corpus makes
/// the same tables.
#[cfg(feature = "train")]
pub fn text_files(folder: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    fn walk(folder: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        let context =
            |error: std::io::Error| std::io::Error::new(error.kind(), format!("{}: {error}", folder.display()));
        for entry in std::fs::read_dir(folder).map_err(context)? {
            let path = entry.map_err(context)?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|extension| extension == "txt") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(folder, &mut files)?;
    files.sort();
    Ok(files)
}
