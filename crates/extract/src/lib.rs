//! One file in, one article out: the stages of arkiv's pipeline that look at a single file.
//!
//! An article travels through the modules in this order:
//!
//! 1. `read`: bytes on disk → decoded text and its format (text dump or HTML), or the reason
//!    the file is no article (empty, binary, oversized, foreign extension);
//! 2. `clean`: decoded text → blocks without page furniture, one cleaner per format;
//! 3. `segment`: blocks → [`Article`] (title, lead, subheadings, body, captions …);
//! 4. `lang`: the language of the article (`nb`, `nn`, `en`, …);
//! 5. [`arkiv_ner`]: the people, places and organisations it names.
//!
//! [`extract_file`] and [`extract_bytes`] run all five, so what `arkiv extract` prints is what
//! the index stores.
//!
//! ```
//! let text = "Ferja er innstilt\n\nFerja mellom Bodø og Moskenes er innstilt på grunn av storm.\n";
//! let article = arkiv_extract::extract_bytes(text.as_bytes(), None, arkiv_extract::Steps::default())?.article;
//! assert_eq!(article.title, "Ferja er innstilt");
//! assert_eq!(article.language, "nb");
//! # Ok::<(), arkiv_extract::PipelineError>(())
//! ```

mod article;
mod clean;
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;
mod lang;
mod pipeline;
#[cfg(test)]
mod properties;
mod read;
mod segment;

pub use article::{Article, BodyBlock, Caption};
pub use clean::date::parse as parse_date;
pub use lang::UNDETERMINED;
pub use pipeline::{Extracted, PipelineError, Steps, extract_bytes, extract_file, recognize_entities};
pub use read::{Format, ReadError, format_hint, is_article_path, read_bytes};
pub use segment::SegmentError;
