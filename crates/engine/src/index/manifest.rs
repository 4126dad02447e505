//! The manifest: which files the index holds, and what they looked like when indexed.
//!
//! Read from the fast fields of the live documents rather than kept in a side file, so it can
//! never disagree with what the index actually contains.

use std::collections::HashMap;

use crate::error::Result;
use tantivy::Searcher;

use super::Fields;
use super::document::FileStamp;

/// Path of every indexed file with its stamp.
pub(crate) fn load(searcher: &Searcher, fields: &Fields) -> Result<HashMap<String, FileStamp>> {
    let schema = searcher.schema();
    let (path_name, mtime_name, size_name, hash_name) = (
        schema.get_field_name(fields.path),
        schema.get_field_name(fields.mtime),
        schema.get_field_name(fields.size),
        schema.get_field_name(fields.hash),
    );
    let mut out = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(path_name)? else {
            continue;
        };
        let (mtime, size, hash) = (fast.u64(mtime_name)?, fast.u64(size_name)?, fast.u64(hash_name)?);
        let by_ord = crate::fast_fields::terms_by_ordinal(&paths)?;
        for doc in segment.doc_ids_alive() {
            let Some(path) = paths.term_ords(doc).next().and_then(|ord| by_ord.get(ord as usize)) else {
                continue;
            };
            let stamp = FileStamp {
                mtime: mtime.first(doc).unwrap_or_default(),
                size: size.first(doc).unwrap_or_default(),
                hash: hash.first(doc).unwrap_or_default(),
            };
            out.insert(path.clone(), stamp);
        }
    }
    Ok(out)
}
