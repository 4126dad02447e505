//! The arkiv search engine: the index, ingest, the names of the archive, search, and the
//! views that every front end prints or serialises.
//!
//! An article reaches this crate as an [`arkiv_extract::Article`] and leaves it as a hit:
//!
//! 1. `index`: the tantivy schema, the analyzers (one chain per language, used for indexing,
//!    queries and snippets alike), the format version, and the [`Archive`] that holds them;
//! 2. [`ingest`]: a folder walked on all cores, each new or changed file through
//!    [`arkiv_extract`], into the index; progress reported through [`ingest::Progress`];
//! 3. `copies`: the groups of articles that are one text printed more than once;
//! 4. `names`: the people, places and organisations across the archive, under canonical names;
//! 5. [`search`]: queries, filters and snippets over the index;
//! 6. [`views`]: the typed, serialisable shapes of hits, articles, listings and summaries;
//! 7. [`backend`]: the search surface a front end uses, the same for the local index and
//!    for an index on a cluster.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let folder = tempfile::tempdir()?;
//! std::fs::write(
//!     folder.path().join("ferje.txt"),
//!     "Ferja er innstilt\n\nFerja mellom Bodø og Moskenes er innstilt på grunn av storm.\n",
//! )?;
//! let archive = arkiv_engine::Archive::open_or_create(&folder.path().join("index"))?;
//! let summary = arkiv_engine::ingest::run(&archive, folder.path(), &Default::default(), &())?;
//! assert_eq!(summary.indexed, 1);
//! let request = arkiv_engine::search::Request { query: "storm".into(), limit: 10, ..Default::default() };
//! let results = arkiv_engine::search::search(&archive, &request)?;
//! assert_eq!(results.hits[0].title, "Ferja er innstilt");
//! # Ok(())
//! # }
//! ```

pub mod backend;
mod check;
mod copies;
mod error;
mod fast_fields;
mod format;
mod index;
pub mod ingest;
mod names;
pub mod search;
pub mod views;

pub use arkiv_ner::EntityKind;
pub use backend::{Backend, Refreshed};
pub use check::check;
pub use copies::duplicates;
pub use error::{Error, Recovery, Result};
pub use format::FORMAT_VERSION;
pub use index::analyzer::{analyzer_drops, analyzer_name, analyzer_names};
pub use index::parts::LINKERS as COMPOUND_LINKERS;
pub use index::{Archive, StoredArticle, article_id};
pub use names::{NameCount, name_starts, query_names};
