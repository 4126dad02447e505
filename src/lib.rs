//! arkiv: a search engine for news archives.
//!
//! An article travels through the modules in this order:
//!
//! 1. [`read`]: bytes on disk → decoded text and its format (text dump or HTML);
//! 2. [`clean`]: decoded text → [`clean::Cleaned`] blocks without page furniture;
//! 3. [`segment`]: blocks → [`article::Article`] (title, lead, subheadings, body, captions …);
//! 4. [`lang`]: the language of the article (`nb`, `nn`, `en`, …);
//! 5. [`entities`]: the people, places and organisations it names;
//! 6. [`index`]: the tantivy schema, analyzers and writer that store it;
//! 7. [`search`]: queries, filters and snippets over the index.
//!
//! [`pipeline`] runs steps 1–5 for one file; [`ingest`] walks a folder and feeds the index;
//! [`cli`] is the command line on top of all of it.
//!
//! ```
//! # fn main() -> anyhow::Result<()> {
//! let folder = tempfile::tempdir()?;
//! std::fs::write(
//!     folder.path().join("ferje.txt"),
//!     "Ferja er innstilt\n\nFerja mellom Bodø og Moskenes er innstilt på grunn av storm.\n",
//! )?;
//!
//! // One file through the pipeline, as `arkiv extract` does.
//! let article = arkiv::pipeline::extract_file(&folder.path().join("ferje.txt"))?.article;
//! assert_eq!(article.title, "Ferja er innstilt");
//! assert_eq!(article.language, "nb");
//!
//! // The folder into an index, and a search, as `arkiv index` and `arkiv search` do.
//! let archive = arkiv::index::Archive::open_or_create(&folder.path().join("index"))?;
//! let summary = arkiv::ingest::run(&archive, folder.path(), arkiv::pipeline::Steps::default())?;
//! assert_eq!(summary.indexed, 1);
//! let request = arkiv::search::Request { query: "storm".into(), limit: 10, ..Default::default() };
//! let results = arkiv::search::search(&archive, &request)?;
//! assert_eq!(results.hits[0].title, "Ferja er innstilt");
//! # Ok(())
//! # }
//! ```

pub mod article;
pub mod clean;
pub mod cli;
pub mod entities;
pub mod index;
pub mod ingest;
pub mod lang;
pub mod pipeline;
pub mod read;
pub mod search;
pub mod segment;
