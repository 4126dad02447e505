//! Reading tantivy's string columns, which the manifest (paths) and the names (people,
//! places, organisations) are kept in.

use tantivy::columnar::StrColumn;

use crate::error::{Context, Result};

/// The terms of a string fast-field column, by ordinal. The dictionary streams them sorted,
/// which is ordinal order, in one pass; looking each one up by ordinal would decompress a
/// dictionary block per lookup.
pub(crate) fn terms_by_ordinal(column: &StrColumn) -> Result<Vec<String>> {
    let mut terms = column.dictionary().stream().context("cannot read a column of the index")?;
    let mut out = Vec::with_capacity(column.num_terms());
    while terms.advance() {
        out.push(std::str::from_utf8(terms.key()).context("a stored string is not UTF-8")?.to_owned());
    }
    Ok(out)
}
