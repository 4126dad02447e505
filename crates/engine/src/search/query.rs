//! The query language: what a user types into `arkiv search`.
//!
//! As in a web search engine, every term is required; the syntax adds:
//! - `"quoted phrases"`: the words in this order;
//! - `a OR b`: either (binds tighter than the implicit AND: `putin OR trump lavrov` means
//!   (putin OR trump) AND lavrov);
//! - `-word`, `-"a phrase"`: excluded;
//! - `field:value`, `field:"a phrase"`: a term in one field, where field is `title`, `lead`,
//!   `body` (text), or `person`, `place`, `org`, `lang` (exact values; names match as in
//!   `arkiv person`).
//!
//! Parsing is separate from execution so that syntax errors (an unclosed quote, an unknown
//! field) are reported with their position before the index is touched, and so that another
//! back end (an OpenSearch cluster) plans the same parsed form instead of parsing again.

use std::fmt;

/// A parsed query: every group must match, no exclusion may. An empty query matches every
/// article, which is what a search by filters alone (`--person Dylan`) wants.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The groups that must all match.
    pub groups: Vec<Group>,
    /// The terms no matching article may have.
    pub excluded: Vec<Term>,
}

impl Query {
    /// Whether the query has neither groups nor exclusions.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.excluded.is_empty()
    }
}

/// Alternatives joined by `OR`; one of them must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The terms joined by `OR`.
    pub alternatives: Vec<Term>,
}

impl Group {
    /// Whether the group is words of the text, which a partial match may lack, rather than a
    /// filter (`person:`, `lang:` …), which always holds.
    pub fn is_words(&self) -> bool {
        self.alternatives
            .iter()
            .all(|term| matches!(term.scope, Scope::Text | Scope::Title | Scope::Lead | Scope::Body))
    }
}

/// One word or phrase, possibly limited to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Where it is looked for.
    pub scope: Scope,
    /// The word, phrase or name as typed (without quotes and field name).
    pub text: String,
    /// Whether it was quoted: its words in this order.
    pub phrase: bool,
}

/// Where a term is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title, lead and body.
    Text,
    /// The headline (`title:`).
    Title,
    /// The lead (`lead:`).
    Lead,
    /// The body (`body:`).
    Body,
    /// A person the article names (`person:`).
    Person,
    /// A place the article names (`place:`).
    Place,
    /// An organisation the article names (`org:`).
    Org,
    /// The article's language (`lang:`).
    Language,
}

impl Scope {
    const NAMED: [(&'static str, Scope); 7] = [
        ("title", Scope::Title),
        ("lead", Scope::Lead),
        ("body", Scope::Body),
        ("person", Scope::Person),
        ("place", Scope::Place),
        ("org", Scope::Org),
        ("lang", Scope::Language),
    ];

    fn named(name: &str) -> Option<Scope> {
        Scope::NAMED.iter().find(|(known, _)| known.eq_ignore_ascii_case(name)).map(|&(_, scope)| scope)
    }
}

/// A query that cannot be parsed, with the character position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A quote opened at this character is never closed.
    #[error("unclosed quote starting at character {0}; add the closing \"")]
    UnclosedQuote(usize),
    /// An `OR` at this character lacks a term on one side.
    #[error("`OR` at character {0} needs a term on both sides")]
    DanglingOr(usize),
}

/// A token of the query string.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Or,
    Item { negated: bool, term: Term },
}

/// Parses a query string.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let tokens = tokenize(input)?;
    let mut query = Query::default();
    let mut pending_or: Option<usize> = None;
    for (at, token) in tokens {
        match token {
            Token::Or => {
                if query.groups.is_empty() || pending_or.is_some() {
                    return Err(QueryError::DanglingOr(at));
                }
                pending_or = Some(at);
            }
            Token::Item { negated: true, term } => {
                if let Some(at) = pending_or {
                    return Err(QueryError::DanglingOr(at));
                }
                query.excluded.push(term);
            }
            Token::Item { negated: false, term } => match (pending_or.take(), query.groups.last_mut()) {
                (Some(_), Some(group)) => group.alternatives.push(term),
                _ => query.groups.push(Group { alternatives: vec![term] }),
            },
        }
    }
    if let Some(at) = pending_or {
        return Err(QueryError::DanglingOr(at));
    }
    Ok(query)
}

/// The word or phrase in the spelling of 1917 and after, when it is written in the older one
/// with "aa" for "å" ("Aasen", "Kaare"); the older spelling lives on in names, so both count.
pub fn modern_spelling(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    lower.contains("aa").then(|| lower.replace("aa", "å"))
}

/// The article languages that language codes as typed (`lang:`, `--lang`) stand for,
/// lowercase: `no` stands for both `nb` and `nn`.
pub fn language_codes(codes: &[String]) -> Vec<String> {
    codes
        .iter()
        .flat_map(|code| match code.to_lowercase().as_str() {
            "no" => vec!["nb".to_owned(), "nn".to_owned()],
            other => vec![other.to_owned()],
        })
        .collect()
}

/// A search written as on the command line, the query as typed followed by options
/// (`"Liv Ullmann" film --sort date`), split where the options start: at the first ` --`
/// outside double quotes, so that a phrase may hold "--". Query files (`arkiv bench`) are
/// written so.
pub fn split_options(line: &str) -> (&str, &str) {
    let mut quoted = false;
    let mut previous = ' ';
    for (at, char) in line.char_indices() {
        if char == '"' {
            quoted = !quoted;
        } else if !quoted && previous.is_whitespace() && line[at..].starts_with("--") {
            return (&line[..at], &line[at..]);
        }
        previous = char;
    }
    (line, "")
}

fn tokenize(input: &str) -> Result<Vec<(usize, Token)>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if chars[at].is_whitespace() {
            at += 1;
            continue;
        }
        let start = at;
        let negated = chars[at] == '-' && chars.get(at + 1).is_some_and(|c| !c.is_whitespace());
        if negated {
            at += 1;
        }
        let (word, next) = read_word(&chars, at)?;
        at = next;
        // Only "OR" as written is the operator: ":OR" or "x:OR" is a word with a colon.
        if !negated && word.text == "OR" && !word.phrase && word.field.is_none() {
            tokens.push((start, Token::Or));
            continue;
        }
        // Only the documented fields filter: any other word with a colon ("Mission:",
        // "18:00", "3:1", an address) is text, as the user typed it.
        let term = match word.field.as_deref().and_then(Scope::named) {
            Some(scope) => Term { scope, text: word.text, phrase: word.phrase },
            None => match word.field {
                Some(field) if !word.phrase => {
                    Term { scope: Scope::Text, text: format!("{field}:{}", word.text), phrase: false }
                }
                Some(field) => Term { scope: Scope::Text, text: format!("{field}: {}", word.text), phrase: true },
                None => Term { scope: Scope::Text, text: word.text, phrase: word.phrase },
            },
        };
        if !term.text.trim().is_empty() {
            tokens.push((start, Token::Item { negated, term }));
        }
    }
    Ok(tokens)
}

struct Word {
    field: Option<String>,
    text: String,
    phrase: bool,
}

/// Reads `word`, `"a phrase"`, `field:word` or `field:"a phrase"` starting at `at`.
fn read_word(chars: &[char], at: usize) -> Result<(Word, usize), QueryError> {
    if chars[at] == '"' {
        let (text, next) = read_phrase(chars, at)?;
        return Ok((Word { field: None, text, phrase: true }, next));
    }
    let end = (at..chars.len()).find(|&i| chars[i].is_whitespace() || chars[i] == '"').unwrap_or(chars.len());
    let raw: String = chars[at..end].iter().collect();
    let Some((field, value)) = raw.split_once(':') else {
        return Ok((Word { field: None, text: raw, phrase: false }, end));
    };
    let field = Some(field.to_owned());
    if value.is_empty() && chars.get(end) == Some(&'"') {
        let (text, next) = read_phrase(chars, end)?;
        return Ok((Word { field, text, phrase: true }, next));
    }
    Ok((Word { field, text: value.to_owned(), phrase: false }, end))
}

fn read_phrase(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let close = (open + 1..chars.len()).find(|&i| chars[i] == '"').ok_or(QueryError::UnclosedQuote(open + 1))?;
    Ok((chars[open + 1..close].iter().collect(), close + 1))
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.phrase { write!(f, "\"{}\"", self.text) } else { write!(f, "{}", self.text) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Term {
        Term { scope: Scope::Text, text: text.into(), phrase: false }
    }

    #[test]
    fn words_are_all_required() {
        let query = parse("Pompeo  Lavrov").unwrap();
        assert_eq!(query.groups.len(), 2);
        assert_eq!(query.groups[1].alternatives, vec![word("Lavrov")]);
    }

    #[test]
    fn phrases_or_and_exclusions() {
        let query = parse("\"siste nytt\" putin OR trump -valg -\"kald krig\"").unwrap();
        assert_eq!(query.groups.len(), 2);
        assert!(query.groups[0].alternatives[0].phrase);
        assert_eq!(query.groups[1].alternatives, vec![word("putin"), word("trump")]);
        assert_eq!(query.excluded.len(), 2);
        assert!(query.excluded[1].phrase);
    }

    #[test]
    fn fields() {
        let query = parse("title:russland person:\"Mike Pompeo\" LANG:nn").unwrap();
        let scopes: Vec<Scope> = query.groups.iter().map(|g| g.alternatives[0].scope).collect();
        assert_eq!(scopes, [Scope::Title, Scope::Person, Scope::Language]);
        assert_eq!(query.groups[1].alternatives[0].text, "Mike Pompeo");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse("\"Pompeo Lavrov"), Err(QueryError::UnclosedQuote(1)));
        assert_eq!(parse("OR putin"), Err(QueryError::DanglingOr(0)));
        assert_eq!(parse("putin OR"), Err(QueryError::DanglingOr(6)));
        assert!(parse(":OR putin").is_ok(), "a word with a colon, found by the property below");
        assert_eq!(parse("   "), Ok(Query::default()));
    }

    #[test]
    fn a_colon_after_no_known_field_is_text() {
        for (input, text) in [
            ("forfatter:Hamsun", "forfatter:Hamsun"),
            ("Mission: Impossible", "Mission:"),
            ("18:00", "18:00"),
            ("https://nrk.no/sak", "https://nrk.no/sak"),
        ] {
            let query = parse(input).unwrap();
            assert_eq!(query.groups[0].alternatives[0], word(text), "{input}");
        }
        let quoted = parse("tittel:\"Siste nytt\"").unwrap();
        assert_eq!(quoted.groups[0].alternatives[0].scope, Scope::Text);
        assert!(quoted.groups[0].alternatives[0].phrase);
    }

    #[test]
    fn a_lone_dash_is_not_an_exclusion() {
        let query = parse("USA - Russland").unwrap();
        assert_eq!(query.groups.len(), 3);
        assert!(query.excluded.is_empty());
    }
}

/// Property tests of the parser, and the query texts they are made of.
#[cfg(test)]
pub(super) mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Query text as users and pasted articles make it: words, the syntax's own
    /// characters and forms (quotes, `-`, `OR`, `field:`) in any order, control and bidi
    /// characters, and now and then a huge word.
    pub(crate) fn query_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-ZæøåÆØÅé0-9]{1,8}",
            Just("\"".to_owned()),
            Just("-".to_owned()),
            Just("OR".to_owned()),
            Just(":".to_owned()),
            prop::sample::select(vec![
                "title:",
                "Person:",
                "lang:",
                "org:",
                "body:",
                "lead:",
                "place:",
                "forfatter:",
                "18:"
            ])
            .prop_map(str::to_owned),
            prop::sample::select(vec![" ", "  ", "\t", "\n", "\u{a0}", "\u{3000}"]).prop_map(str::to_owned),
            prop::sample::select(vec![
                "\u{1b}[2J",
                "\u{0}",
                "\r",
                "\u{9b}",
                "\u{202e}",
                "\u{2066}",
                "\u{fffd}",
                "\u{200b}"
            ])
            .prop_map(str::to_owned),
            (1usize..5_000).prop_map(|length| "å".repeat(length)),
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    /// The query written back in the syntax, each term with its field.
    fn written(query: &Query) -> String {
        let term = |term: &Term| {
            let field = Scope::NAMED.iter().find(|(_, scope)| *scope == term.scope).map(|(name, _)| *name);
            format!("{}{term}", field.map(|name| format!("{name}:")).unwrap_or_default())
        };
        let groups =
            query.groups.iter().map(|group| group.alternatives.iter().map(term).collect::<Vec<_>>().join(" OR "));
        let excluded = query.excluded.iter().map(|excluded| format!("-{}", term(excluded)));
        groups.chain(excluded).collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_errors_point_at_their_cause(input in query_text()) {
            let chars: Vec<char> = input.chars().collect();
            match parse(&input) {
                Ok(_) => {}
                Err(QueryError::UnclosedQuote(at)) => prop_assert_eq!(chars.get(at - 1), Some(&'"')),
                Err(QueryError::DanglingOr(at)) => prop_assert_eq!(chars.get(at..at + 2), Some(&['O', 'R'][..])),
            }
        }

        #[test]
        fn every_word_of_a_term_is_typed_in_the_query(input in query_text()) {
            let Ok(query) = parse(&input) else { return Ok(()) };
            let terms = query.groups.iter().flat_map(|group| &group.alternatives).chain(&query.excluded);
            for term in terms {
                prop_assert!(!term.text.trim().is_empty());
                for word in term.text.split_whitespace() {
                    prop_assert!(input.contains(word), "{word:?} is not in {input:?}");
                }
            }
        }

        #[test]
        fn a_query_written_back_parses_to_itself(input in query_text()) {
            let Ok(query) = parse(&input) else { return Ok(()) };
            prop_assert_eq!(parse(&written(&query)), Ok(query));
        }
    }
}
