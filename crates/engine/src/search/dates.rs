//! The dates of a search as a user writes them (`2019-05-14`, RFC 3339), read the same way by
//! every front end: the command line's `--from`/`--to` and the HTTP API's `from`/`to`.

use time::{Duration, OffsetDateTime, PrimitiveDateTime};

/// A date a user gave that cannot be searched by.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is no date.
    #[error("{parameter} {text:?} is not a date; use YYYY-MM-DD or RFC 3339 (2019-05-14T18:00:00+02:00)")]
    NotADate {
        /// The option or parameter it was given as (`--from`, `to`).
        parameter: String,
        /// What was given.
        text: String,
    },
    /// The range holds no moment.
    #[error("{from} must be before {to}")]
    Empty {
        /// The name of the start's option or parameter.
        from: String,
        /// The name of the end's.
        to: String,
    },
}

/// The bounds of [`super::Filters`] (`from` inclusive, `until` exclusive) for a start and an
/// end as written, each given with the name of its option or parameter. An end written as a
/// bare day (`2019-05-14`) takes in the whole day.
pub fn date_range(
    from: Option<(&str, &str)>,
    to: Option<(&str, &str)>,
) -> Result<(Option<OffsetDateTime>, Option<OffsetDateTime>), DateError> {
    let parse = |(parameter, text): (&str, &str)| {
        arkiv_extract::parse_date(text)
            .ok_or_else(|| DateError::NotADate { parameter: parameter.to_owned(), text: text.to_owned() })
    };
    let start = from.map(parse).transpose()?;
    let until = to
        .map(|to| {
            let date = parse(to)?;
            let through = if is_day(to.1) { Duration::DAY } else { Duration::SECOND };
            // The last moment there is has no day or second after it: up to it is up to the
            // end of time.
            Ok(date.checked_add(through).unwrap_or(PrimitiveDateTime::MAX.assume_utc()))
        })
        .transpose()?;
    if let (Some(start), Some(until), Some((from, _)), Some((to, _))) = (start, until, from, to)
        && start >= until
    {
        return Err(DateError::Empty { from: from.to_owned(), to: to.to_owned() });
    }
    Ok((start, until))
}

/// Whether a date was given as a bare day (`2019-05-14`), which an end takes as the whole day.
fn is_day(text: &str) -> bool {
    text.trim().len() == 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_bare_end_takes_the_whole_day_and_the_last_day_ends_with_time() {
        let (from, until) = date_range(Some(("from", "2019-05-01")), Some(("to", "2019-05-14"))).expect("valid");
        assert_eq!(from, Some(datetime!(2019-05-01 0:00 UTC)));
        assert_eq!(until, Some(datetime!(2019-05-15 0:00 UTC)));
        let (_, end) = date_range(None, Some(("to", "9999-12-31"))).expect("valid");
        assert_eq!(end, Some(PrimitiveDateTime::MAX.assume_utc()));
    }

    #[test]
    fn bad_dates_and_empty_ranges_name_the_parameter() {
        let error = date_range(Some(("from", "i fjor")), None).expect_err("no date");
        assert_eq!(
            error.to_string(),
            "from \"i fjor\" is not a date; use YYYY-MM-DD or RFC 3339 (2019-05-14T18:00:00+02:00)"
        );
        let error = date_range(Some(("--from", "2020-01-02")), Some(("--to", "2020-01-01"))).expect_err("empty");
        assert_eq!(error.to_string(), "--from must be before --to");
    }
}
