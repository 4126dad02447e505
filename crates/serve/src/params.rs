//! The query strings of the API, and the limits a request must keep: the server answers many
//! users, so no one request may ask it for unbounded work.

use arkiv_engine::search::{Filters, KwicRequest, Request, SortBy, date_range};
use arkiv_engine::views::Period;
use serde::Deserialize;

use crate::error::ApiError;

/// The most hits, names or articles one request may ask for.
pub(crate) const MAX_LIMIT: usize = 1000;

/// The deepest a page of hits may start: paging past it is a crawl, which the command line is
/// for.
pub(crate) const MAX_OFFSET: usize = 100_000;

/// The longest query, in characters.
pub(crate) const MAX_QUERY_CHARS: usize = 1000;

/// The longest name or prefix, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 200;

/// The most times one filter may be given (`person=…&person=…`): each is a query of its own.
pub(crate) const MAX_FILTERS: usize = 20;

/// The most values a facet of a search lists.
pub(crate) const MAX_FACETS: usize = 100;

/// Hits on a page unless asked otherwise, as on the command line.
const DEFAULT_HITS: usize = 10;

/// Values per facet unless asked otherwise.
const DEFAULT_FACETS: usize = 10;

/// Names and articles of a listing unless asked otherwise, as on the command line.
const DEFAULT_LISTED: usize = 20;

/// Suggestions unless asked otherwise.
const DEFAULT_SUGGESTIONS: usize = 8;

/// The [`FilterParams`] of a struct of parameters that has their fields.
macro_rules! filters_of {
    ($params:expr) => {
        FilterParams {
            person: $params.person,
            place: $params.place,
            org: $params.org,
            lang: $params.lang,
            source: $params.source,
            from: $params.from,
            to: $params.to,
        }
    };
}

/// `GET /api/search`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    person: Vec<String>,
    #[serde(default)]
    place: Vec<String>,
    #[serde(default)]
    org: Vec<String>,
    #[serde(default)]
    lang: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    sort: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    facets: Option<String>,
    #[serde(default)]
    exact: bool,
}

impl SearchParams {
    /// The engine's request, and how many values of each facet to list.
    pub(crate) fn request(self) -> Result<(Request, usize), ApiError> {
        at_most("q", &self.q, MAX_QUERY_CHARS)?;
        let filters = filters_of!(self).checked()?;
        let sort = match self.sort.as_deref() {
            None | Some("" | "relevance") => SortBy::Relevance,
            Some("date") => SortBy::Date,
            Some(other) => return Err(ApiError::bad(format!("sort {other:?} is not relevance or date"))),
        };
        let offset = number("offset", self.offset.as_deref())?.unwrap_or(0);
        if offset > MAX_OFFSET {
            return Err(ApiError::bad(format!("offset must be at most {MAX_OFFSET}")));
        }
        let request = Request {
            query: self.q,
            filters,
            sort,
            limit: limit("limit", self.limit.as_deref(), DEFAULT_HITS, MAX_LIMIT)?,
            offset,
            exact: self.exact,
            // The page shows each group of copies once, with its copies' ids.
            all_copies: false,
            ..Request::default()
        };
        Ok((request, limit("facets", self.facets.as_deref(), DEFAULT_FACETS, MAX_FACETS)?))
    }
}

/// The filters of `/api/search`, `/api/timeline` and `/api/kwic` as given. Each endpoint's
/// parameters list them again, since a query string's unknown parameters are refused only
/// in a struct of its own fields.
struct FilterParams {
    person: Vec<String>,
    place: Vec<String>,
    org: Vec<String>,
    lang: Vec<String>,
    source: Vec<String>,
    from: Option<String>,
    to: Option<String>,
}

impl FilterParams {
    /// The engine's filters, each within its limits; an empty value is none.
    fn checked(self) -> Result<Filters, ApiError> {
        for (name, values) in [
            ("person", &self.person),
            ("place", &self.place),
            ("org", &self.org),
            ("lang", &self.lang),
            ("source", &self.source),
        ] {
            if values.len() > MAX_FILTERS {
                return Err(ApiError::bad(format!("{name} is given more than {MAX_FILTERS} times")));
            }
            for value in values {
                at_most(name, value, MAX_NAME_CHARS)?;
            }
        }
        let (from, until) = date_range(
            self.from.as_deref().filter(|text| !text.is_empty()).map(|text| ("from", text)),
            self.to.as_deref().filter(|text| !text.is_empty()).map(|text| ("to", text)),
        )
        .map_err(|error| ApiError::bad(error.to_string()))?;
        let given = |values: Vec<String>| values.into_iter().filter(|value| !value.is_empty()).collect();
        Ok(Filters {
            people: given(self.person),
            places: given(self.place),
            orgs: given(self.org),
            languages: given(self.lang),
            sources: given(self.source),
            from,
            until,
        })
    }
}

/// `GET /api/timeline`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimelineParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    person: Vec<String>,
    #[serde(default)]
    place: Vec<String>,
    #[serde(default)]
    org: Vec<String>,
    #[serde(default)]
    lang: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    by: Option<String>,
}

impl TimelineParams {
    /// The search whose articles are counted, and the length of the periods (the engine's
    /// choice when none is given).
    pub(crate) fn checked(self) -> Result<(Request, Option<Period>), ApiError> {
        at_most("q", &self.q, MAX_QUERY_CHARS)?;
        let period = match self.by.as_deref() {
            None | Some("") => None,
            Some("year") => Some(Period::Year),
            Some("month") => Some(Period::Month),
            Some("day") => Some(Period::Day),
            Some(other) => return Err(ApiError::bad(format!("by {other:?} is not year, month or day"))),
        };
        Ok((Request { query: self.q, filters: filters_of!(self).checked()?, ..Request::default() }, period))
    }
}

/// `GET /api/kwic`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KwicParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    person: Vec<String>,
    #[serde(default)]
    place: Vec<String>,
    #[serde(default)]
    org: Vec<String>,
    #[serde(default)]
    lang: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    width: Option<String>,
    limit: Option<String>,
}

impl KwicParams {
    /// The concordance asked for.
    pub(crate) fn checked(self) -> Result<KwicRequest, ApiError> {
        at_most("q", &self.q, MAX_QUERY_CHARS)?;
        Ok(KwicRequest {
            words: self.q,
            filters: filters_of!(self).checked()?,
            width: limit("width", self.width.as_deref(), DEFAULT_KWIC_WIDTH, MAX_KWIC_WIDTH)?,
            limit: limit("limit", self.limit.as_deref(), DEFAULT_KWIC_LINES, MAX_LIMIT)?,
        })
    }
}

/// Characters of context on either side of a match unless asked otherwise, as on the command
/// line.
const DEFAULT_KWIC_WIDTH: usize = 40;

/// The most characters of context on either side.
const MAX_KWIC_WIDTH: usize = 500;

/// Lines of a concordance unless asked otherwise, as on the command line.
const DEFAULT_KWIC_LINES: usize = 50;

/// `GET /api/people` (places, orgs).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListParams {
    limit: Option<String>,
    prefix: Option<String>,
}

impl ListParams {
    /// How many to list, and the prefix they must start with, if any.
    pub(crate) fn checked(self) -> Result<(usize, Option<String>), ApiError> {
        if let Some(prefix) = &self.prefix {
            at_most("prefix", prefix, MAX_NAME_CHARS)?;
        }
        Ok((
            limit("limit", self.limit.as_deref(), DEFAULT_LISTED, MAX_LIMIT)?,
            self.prefix.filter(|prefix| !prefix.is_empty()),
        ))
    }
}

/// `GET /api/person/{name}` (place, org).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageParams {
    limit: Option<String>,
}

impl PageParams {
    /// How many articles and names to list.
    pub(crate) fn limit(&self) -> Result<usize, ApiError> {
        limit("limit", self.limit.as_deref(), DEFAULT_LISTED, MAX_LIMIT)
    }
}

/// `GET /api/suggest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SuggestParams {
    prefix: String,
    limit: Option<String>,
}

impl SuggestParams {
    /// The prefix and how many suggestions to give.
    pub(crate) fn checked(self) -> Result<(String, usize), ApiError> {
        at_most("prefix", &self.prefix, MAX_NAME_CHARS)?;
        Ok((self.prefix, limit("limit", self.limit.as_deref(), DEFAULT_SUGGESTIONS, MAX_LIMIT)?))
    }
}

/// A name from a path (`/api/person/{name}`), within the limit.
pub(crate) fn name(name: &str) -> Result<&str, ApiError> {
    at_most("name", name, MAX_NAME_CHARS)?;
    if name.trim().is_empty() {
        return Err(ApiError::bad("name must not be empty"));
    }
    Ok(name)
}

/// An article id as the index gives it: 16 hex digits, and nothing else, so an id can never
/// be read as a path of the machine.
pub(crate) fn article_id(id: &str) -> Result<String, ApiError> {
    if id.len() == ID_DIGITS && id.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        Ok(id.to_ascii_lowercase())
    } else {
        Err(ApiError::bad(format!("{id:?} is not an article id (16 hex digits)")))
    }
}

/// The hex digits of an article id ([`arkiv_engine::article_id`]).
const ID_DIGITS: usize = 16;

fn at_most(name: &str, value: &str, chars: usize) -> Result<(), ApiError> {
    if value.chars().count() > chars {
        return Err(ApiError::bad(format!("{name} is longer than {chars} characters")));
    }
    Ok(())
}

/// A count given as `value`, read here rather than by the query string's parser, whose
/// message would not say which parameter it was.
fn number(name: &str, value: Option<&str>) -> Result<Option<usize>, ApiError> {
    value
        .filter(|value| !value.is_empty())
        .map(|value| value.parse().map_err(|_| ApiError::bad(format!("{name} {value:?} is not a whole number"))))
        .transpose()
}

/// A `limit`-like parameter: at least 1 (as on the command line), at most `max`.
fn limit(name: &str, value: Option<&str>, default: usize, max: usize) -> Result<usize, ApiError> {
    match number(name, value)?.unwrap_or(default) {
        0 => Err(ApiError::bad(format!("{name} must be at least 1"))),
        value if value > max => Err(ApiError::bad(format!("{name} must be at most {max}"))),
        value => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_hex_digits_only() {
        assert_eq!(article_id("7929780530D84F8E").expect("an id"), "7929780530d84f8e");
        for bad in ["../../etc/passwd", "7929780530d84f8", "7929780530d84f8g", "/etc/passwd0000000", ""] {
            assert!(article_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_are_kept() {
        assert_eq!(limit("limit", None, 10, MAX_LIMIT).expect("default"), 10);
        assert_eq!(limit("limit", Some("25"), 10, MAX_LIMIT).expect("given"), 25);
        assert!(limit("limit", Some("0"), 10, MAX_LIMIT).is_err());
        assert!(limit("limit", Some("1001"), 10, MAX_LIMIT).is_err());
        assert!(limit("limit", Some("-1"), 10, MAX_LIMIT).is_err());
        assert!(at_most("q", &"x".repeat(MAX_QUERY_CHARS + 1), MAX_QUERY_CHARS).is_err());
    }
}
