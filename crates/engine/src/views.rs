//! The views: the typed shapes in which the engine's answers leave it. The CLI's `--json`
//! serialises exactly these, and so will the HTTP API and any export, so a hit or an article
//! has one shape wherever it is read. Text rendering is the front end's; the fields are here.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;
use std::time::Duration;

use arkiv_extract::{Article, Caption};
use arkiv_ner::{EntityKind, Mention};
use serde::Serialize;

use crate::error::Recovery;
use time::OffsetDateTime;

/// A passage of an article with the byte ranges of the matched words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage, whitespace collapsed, "…" where it was cut.
    pub text: String,
    /// Byte ranges into `text`, end exclusive.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The snippet with `<b>`…`</b>` around matches and HTML special characters escaped.
    pub fn to_html(&self) -> String {
        self.marked("<b>", "</b>", escape_html)
    }

    /// The snippet with matches wrapped in `open` and `close` (ANSI bold on a terminal).
    pub fn marked(&self, open: &str, close: &str, escape: fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for range in &self.highlights {
            out.push_str(&escape(&self.text[at..range.start]));
            out.push_str(open);
            out.push_str(&escape(&self.text[range.clone()]));
            out.push_str(close);
            at = range.end;
        }
        out.push_str(&escape(&self.text[at..]));
        out
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One search result. Its JSON has the snippet as HTML too (`snippet_html`), made when it is
/// serialised, since the text output never needs it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The article's id ([`crate::article_id`]).
    pub id: String,
    /// The indexed file.
    pub path: String,
    /// The headline.
    pub title: String,
    /// When it was published.
    pub date: Option<OffsetDateTime>,
    /// The publisher.
    pub source: Option<String>,
    /// Who wrote it.
    pub byline: Option<String>,
    /// Its language code.
    pub language: String,
    /// BM25 score (0 when sorted by date), widened from tantivy's `f32`.
    pub score: f64,
    /// The passage that shows why it matched.
    pub snippet: Snippet,
    /// How many articles matched in all.
    pub total: usize,
    /// In a partial match ([`Results::partial`]), the words of the query the article lacks.
    pub missing: Vec<String>,
    /// The query these results are for, when the query as typed found nothing and a
    /// correction of its typing errors did ([`Results::corrected_query`]).
    pub corrected_query: Option<String>,
    /// A correction that finds far more than the query as typed ([`Results::suggestion`]).
    pub suggestion: Option<String>,
    /// The ids of the other articles of its group of copies (the same text printed again,
    /// whole, trimmed or extended), in index order; empty when it has none. A search shows a
    /// group once, as its best hit, unless it is asked for every copy.
    pub copies: Vec<String>,
}

/// The JSON of a [`Hit`].
#[derive(Serialize)]
struct HitJson<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    #[serde(with = "time::serde::rfc3339::option")]
    date: Option<OffsetDateTime>,
    source: Option<&'a str>,
    byline: Option<&'a str>,
    language: &'a str,
    score: f64,
    snippet: &'a Snippet,
    snippet_html: String,
    total: usize,
    missing: &'a [String],
    corrected_query: Option<&'a str>,
    suggestion: Option<&'a str>,
    copies: &'a [String],
}

impl Serialize for Hit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        HitJson {
            id: &self.id,
            path: &self.path,
            title: &self.title,
            date: self.date,
            source: self.source.as_deref(),
            byline: self.byline.as_deref(),
            language: &self.language,
            score: self.score,
            snippet: &self.snippet,
            snippet_html: self.snippet.to_html(),
            total: self.total,
            missing: &self.missing,
            corrected_query: self.corrected_query.as_deref(),
            suggestion: self.suggestion.as_deref(),
            copies: &self.copies,
        }
        .serialize(serializer)
    }
}

/// A page of results and the number of articles that matched in all.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// How many articles matched in all.
    pub total: usize,
    /// The hits of this page.
    pub hits: Vec<Hit>,
    /// When the query as typed found nothing: the corrected query that these results are for.
    pub corrected_query: Option<String>,
    /// When the query as typed found few: a correction that finds far more.
    pub suggestion: Option<String>,
    /// Whether no article has every word of the query, and these are the ones that have the
    /// most ([`Hit::missing`] says which they lack).
    pub partial: bool,
}

/// An article that names an entity, with how often.
#[derive(Debug, Clone, Serialize)]
pub struct Mentioning {
    /// The article's id.
    pub id: String,
    /// The indexed file.
    pub path: String,
    /// The headline.
    pub title: String,
    /// When it was published.
    #[serde(with = "time::serde::rfc3339::option")]
    pub date: Option<OffsetDateTime>,
    /// How often it names the entity, under any of its forms.
    pub mentions: u32,
}

/// An article of a group of copies, as `arkiv duplicates` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyArticle {
    /// The article's id.
    pub id: String,
    /// The indexed file.
    pub path: String,
    /// The headline.
    pub title: String,
    /// The publisher.
    pub source: Option<String>,
    /// When it was published.
    #[serde(with = "time::serde::rfc3339::option")]
    pub date: Option<OffsetDateTime>,
}

impl CopyArticle {
    /// The order of a group's articles: oldest first, so that the first print leads, undated
    /// ones last, then by path.
    pub fn order(a: &CopyArticle, b: &CopyArticle) -> std::cmp::Ordering {
        let undated = |article: &CopyArticle| article.date.is_none();
        (undated(a), a.date, &a.path).cmp(&(undated(b), b.date, &b.path))
    }
}

/// A group of articles that are copies of one text, one line of `arkiv duplicates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyGroup {
    /// Its articles, in [`CopyArticle::order`].
    pub articles: Vec<CopyArticle>,
}

/// An entity named together with the one asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Together {
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// In how many of the articles it is named.
    pub articles: u64,
}

/// The articles naming an entity, and what else they name.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Mentions {
    /// The canonical names the query matched.
    pub names: BTreeSet<String>,
    /// How many articles name the entity in all.
    pub total: usize,
    /// Newest first, undated last; as many as were asked for.
    pub articles: Vec<Mentioning>,
    /// The entities named in the same articles, by the number of those articles, most first
    /// (empty unless asked for); as many as were asked for.
    pub together: Vec<Together>,
}

/// A canonical name and the number of articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCount {
    /// The canonical name.
    pub name: String,
    /// How many articles name it, under any of its forms.
    pub articles: u64,
}

/// What the articles of a whole result set name and are: the most frequent values of each
/// facet, with the number of those articles that have them, most first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// People, under their canonical names.
    pub people: Vec<NameCount>,
    /// Places, under their canonical names.
    pub places: Vec<NameCount>,
    /// Organisations, under their canonical names.
    pub organisations: Vec<NameCount>,
    /// Language codes.
    pub languages: Vec<NameCount>,
    /// Publishers.
    pub sources: Vec<NameCount>,
}

/// The length of the periods a [`Histogram`] counts articles in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
    /// Days (UTC).
    Day,
}

/// The articles of one period of a [`Histogram`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// The period as written: `2019`, `2019-05` or `2019-05-14`.
    pub period: String,
    /// Its first day, `YYYY-MM-DD`: what a search's `from` takes to narrow to it.
    pub from: String,
    /// Its last day, `YYYY-MM-DD`: what a search's `to` takes (the whole day).
    pub to: String,
    /// How many of the articles are dated in it.
    pub articles: u64,
}

/// How many articles fall in each period, from the period of the earliest to that of the
/// latest, empty periods included, so that a chart of it shows time evenly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Histogram {
    /// The length of the periods.
    pub period: Period,
    /// The periods, earliest first.
    pub buckets: Vec<Bucket>,
    /// The articles without a date, which no period holds.
    pub undated: u64,
}

impl Histogram {
    /// The counts as `arkiv timeline --json` lists them: one per period, earliest first, then
    /// the undated articles (a `null` period) when there are any.
    pub fn counts(&self) -> Vec<PeriodCount> {
        let dated = self
            .buckets
            .iter()
            .map(|bucket| PeriodCount { period: Some(bucket.period.clone()), count: bucket.articles });
        let undated = (self.undated > 0).then_some(PeriodCount { period: None, count: self.undated });
        dated.chain(undated).collect()
    }
}

/// How many articles one period of a timeline holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// The period as written (`2019`, `2019-05`, `2019-05-14`); `null` for the undated articles.
    pub period: Option<String>,
    /// How many of the articles are dated in it.
    pub count: u64,
}

/// An article like another one, as `arkiv similar` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    /// The article's id.
    pub id: String,
    /// The indexed file.
    pub path: String,
    /// The headline.
    pub title: String,
    /// When it was published.
    #[serde(with = "time::serde::rfc3339::option")]
    pub date: Option<OffsetDateTime>,
    /// The publisher.
    pub source: Option<String>,
    /// How like the article it is: the score of its shared words and names, widened from
    /// tantivy's `f32`.
    pub score: f64,
    /// The people, places and organisations it names that the article names too.
    pub names: Vec<String>,
}

/// The articles most like one article, most alike first.
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    /// The id of the article they are like.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// The articles, as many as were asked for.
    pub articles: Vec<Related>,
}

/// One occurrence of a word or phrase with the text around it, as a concordance lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    /// The id of the article it is in.
    pub id: String,
    /// The text before the match, whitespace collapsed, at most the width asked for.
    pub left: String,
    /// The match as the article writes it.
    #[serde(rename = "match")]
    pub matched: String,
    /// The text after the match, likewise.
    pub right: String,
}

/// Every occurrence of a word or phrase in the articles that have it, newest article first.
#[derive(Debug, Clone, Serialize)]
pub struct Concordance {
    /// How many articles match the word or phrase and the filters.
    pub articles: usize,
    /// The occurrences, in the order of the articles and of the text; as many as were asked
    /// for.
    pub lines: Vec<KwicLine>,
    /// Whether there are more occurrences than the lines.
    pub more: bool,
}

/// A page of results with the facets and the histogram of the whole result set, as a search
/// page shows them (`GET /api/search`).
#[derive(Debug, Clone, Serialize)]
pub struct Explored {
    /// The hits of the page, the total and any correction.
    #[serde(flatten)]
    pub results: Results,
    /// The facets of every matching article.
    pub facets: Facets,
    /// The matching articles over time: per year, or per month when they span less than three
    /// years.
    pub histogram: Histogram,
}

/// A completion of what is being typed into a search box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The name or word.
    pub text: String,
    /// What the name is; `null` for a word of the articles' text.
    pub kind: Option<EntityKind>,
    /// How many articles have it.
    pub articles: u64,
}

/// Everything about one person, place or organisation: the articles naming it (newest first),
/// the names most often named with it, and its articles over time.
#[derive(Debug, Clone, Serialize)]
pub struct NamePage {
    /// The articles and the names named with it.
    #[serde(flatten)]
    pub mentions: Mentions,
    /// Its articles per year, or per month when they span less than three years.
    pub histogram: Histogram,
}

/// What went wrong with a request to the HTTP API, as its answer says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorView {
    /// The message, in the words the command line uses for the same mistake.
    pub error: String,
    /// The HTTP status.
    pub status: u16,
}

/// That a server is up, and how much it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// Always `ok`: a server that answers is up.
    pub status: &'static str,
    /// The articles of the index as last read.
    pub articles: u64,
}

/// An article with everything the pipeline found, as `show` and `extract` give it. Its JSON
/// lists the body's subheadings and paragraphs apart, the names by kind and the readable text
/// ([`Article::text`]), all made from the article when it is serialised.
#[derive(Debug, Clone)]
pub struct ArticleView {
    /// The id, for an article from the index.
    pub id: Option<String>,
    /// The file.
    pub path: String,
    /// The encoding the file was decoded from, for an article just read.
    pub encoding: Option<&'static str>,
    /// The article.
    pub article: Article,
}

/// The JSON of an [`ArticleView`].
#[derive(Serialize)]
struct ArticleJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    title: &'a str,
    lead: Option<&'a str>,
    subheadings: Vec<&'a str>,
    paragraphs: Vec<&'a str>,
    captions: &'a [Caption],
    byline: Option<&'a str>,
    #[serde(with = "time::serde::rfc3339::option")]
    date: Option<OffsetDateTime>,
    source: Option<&'a str>,
    #[serde(with = "time::serde::rfc3339::option")]
    modified: Option<OffsetDateTime>,
    section: Option<&'a str>,
    url: Option<&'a str>,
    language: &'a str,
    people: Vec<&'a str>,
    places: Vec<&'a str>,
    organisations: Vec<&'a str>,
    text: String,
}

impl Serialize for ArticleView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let article = &self.article;
        ArticleJson {
            id: self.id.as_deref(),
            path: &self.path,
            encoding: self.encoding,
            title: &article.title,
            lead: article.lead.as_deref(),
            subheadings: article.subheadings().collect(),
            paragraphs: article.paragraphs().collect(),
            captions: &article.captions,
            byline: article.byline.as_deref(),
            date: article.date,
            source: article.source.as_deref(),
            modified: article.modified,
            section: article.section.as_deref(),
            url: article.url.as_deref(),
            language: &article.language,
            people: article.names(EntityKind::Person).collect(),
            places: article.names(EntityKind::Place).collect(),
            organisations: article.names(EntityKind::Organisation).collect(),
            text: article.text(),
        }
        .serialize(serializer)
    }
}

impl ArticleView {
    /// The view of an article stored in the index under `id`.
    pub fn stored(id: String, path: String, article: Article) -> ArticleView {
        ArticleView { id: Some(id), path, encoding: None, article }
    }

    /// The view of an article just read from `path`, decoded from `encoding`.
    pub fn read(path: String, encoding: &'static str, article: Article) -> ArticleView {
        ArticleView { id: None, path, encoding: Some(encoding), article }
    }
}

/// What an ingest did: files seen, indexed, left alone, removed and skipped, and why.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Files found under the folder, and places the walk could not enter.
    pub seen: usize,
    /// Files (re-)indexed in this run.
    pub indexed: usize,
    /// Files already indexed in their current form.
    pub unchanged: usize,
    /// Indexed files that no longer exist (and, when pruning, those that cannot be reached).
    pub removed: usize,
    /// Files passed over because they are not articles (images, notes …), by extension. Counted,
    /// not listed: an archive of saved pages holds many such files, and listing each would bury
    /// the skips that need attention.
    pub ignored: BTreeMap<String, usize>,
    /// Files and places that could not be indexed, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Files indexed despite a problem, with the problem, and places that could not be read
    /// whose previously indexed articles are kept.
    pub warnings: Vec<(PathBuf, String)>,
    /// How long the run took, in seconds.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
}

fn seconds<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(duration.as_secs_f64())
}

impl Summary {
    /// Whether the run left nothing searchable: no file indexed now or before.
    pub fn nothing_indexed(&self) -> bool {
        self.indexed + self.unchanged == 0
    }
}

/// What an export of the archive to a search cluster did: the articles sent, left alone and
/// deleted there, and how often the cluster asked it to wait.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ExportSummary {
    /// The cluster's index the articles went to.
    pub index: String,
    /// The articles of the local index.
    pub articles: usize,
    /// Articles sent because they were new or changed since the last export.
    pub sent: usize,
    /// Articles the cluster already held as they are.
    pub unchanged: usize,
    /// Articles the cluster held that the local index no longer has, deleted there.
    pub deleted: usize,
    /// Bulk requests sent.
    pub batches: usize,
    /// Requests sent again after the cluster answered 429 (too many requests) or a 5xx, or
    /// could not be reached.
    pub retries: usize,
    /// How long the export took, in seconds.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
}

/// A name found in a text, with offsets in characters (Unicode scalar values), as the NorNE
/// scorer and most tools outside Rust count them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntitySpan {
    /// Where the name starts, in characters.
    pub start: usize,
    /// Where it ends (exclusive), in characters.
    pub end: usize,
    /// What it is.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The name as written.
    pub text: String,
}

impl EntitySpan {
    /// The spans of `mentions` (sorted byte spans into `text`, as recognition gives them), in
    /// one pass over the text however many there are.
    pub fn of(text: &str, mentions: &[Mention]) -> Vec<EntitySpan> {
        let (mut byte, mut chars) = (0, 0);
        let mut at = |offset: usize| {
            chars += text[byte..offset].chars().count();
            byte = offset;
            chars
        };
        mentions
            .iter()
            .map(|mention| {
                let start = at(mention.start);
                let end = at(mention.end);
                EntitySpan { start, end, kind: mention.kind, text: text[mention.start..mention.end].to_owned() }
            })
            .collect()
    }
}

/// One input line of `arkiv entities`, kept as it came: only `text` and `doc_id` are read, and
/// the line is written back with `entities` added before its closing brace, so every other
/// field passes through byte for byte (key order, number spellings and all).
#[derive(Debug, Clone)]
pub struct EntitiesLine {
    raw: String,
    /// The text to tag.
    pub text: String,
    /// The document the line belongs to, when it says (`null` is none).
    pub doc_id: Option<serde_json::Value>,
}

/// The fields of an input line that `arkiv entities` reads.
#[derive(serde::Deserialize)]
struct EntitiesInput {
    text: String,
    #[serde(default)]
    doc_id: Option<serde_json::Value>,
    #[serde(default)]
    entities: Option<serde::de::IgnoredAny>,
}

/// Why a line cannot be tagged.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    /// The line is no JSON object.
    #[error("not a JSON object")]
    NotAnObject,
    /// The object has no string field `text`, or is not valid JSON.
    #[error("not a JSON object with a string field `text`")]
    NoText(#[source] serde_json::Error),
    /// The object has the field that tagging adds.
    #[error("the line has an `entities` field already")]
    Tagged,
}

impl EntitiesLine {
    /// Reads one line (without its line break).
    pub fn parse(raw: &str) -> Result<EntitiesLine, LineError> {
        let trimmed = raw.trim();
        if !(trimmed.starts_with('{') && trimmed.ends_with('}')) {
            return Err(LineError::NotAnObject);
        }
        let input: EntitiesInput = serde_json::from_str(trimmed).map_err(LineError::NoText)?;
        if input.entities.is_some() {
            return Err(LineError::Tagged);
        }
        Ok(EntitiesLine { raw: trimmed.to_owned(), text: input.text, doc_id: input.doc_id.filter(|id| !id.is_null()) })
    }

    /// Whether `next` continues the document of this line: both name the same `doc_id`.
    pub fn same_document(&self, next: &EntitiesLine) -> bool {
        self.doc_id.is_some() && self.doc_id == next.doc_id
    }

    /// The line with `entities` added: the spans of `mentions` in its text.
    pub fn with(&self, mentions: &[Mention]) -> String {
        let body = self.raw[..self.raw.len() - 1].trim_end();
        let separator = if body.ends_with('{') { "" } else { "," };
        let spans = serde_json::to_string(&EntitySpan::of(&self.text, mentions))
            .expect("spans of numbers, kinds and strings serialise");
        format!("{body}{separator}\"entities\":{spans}}}")
    }
}

/// What `arkiv check` found in an index.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The index folder.
    pub path: PathBuf,
    /// Its committed segments.
    pub segments: usize,
    /// The files of those segments whose checksums were compared.
    pub files: usize,
    /// The stored articles that were read and deserialised.
    pub articles: usize,
    /// Every damage found; none in a healthy index.
    pub problems: Vec<Problem>,
    /// What brings the index back, when it is damaged.
    pub recovery: Option<Recovery>,
}

impl CheckReport {
    /// Whether nothing is damaged.
    pub fn healthy(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One damage in an index.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// The file of the index folder it is in, when it is in one.
    pub file: Option<PathBuf>,
    /// What is wrong, in plain words.
    pub problem: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_marks_and_escapes() {
        let snippet = Snippet { text: "Pompeo & Lavrov <møtes>".into(), highlights: vec![0..6, 9..15] };
        assert_eq!(snippet.to_html(), "<b>Pompeo</b> &amp; <b>Lavrov</b> &lt;møtes&gt;");
    }

    #[test]
    fn entity_spans_count_characters() {
        let text = "Søren møtte Åse i Tromsø.";
        let mentions = [
            Mention { start: 0, end: 6, kind: EntityKind::Person },
            Mention { start: 14, end: 18, kind: EntityKind::Person },
            Mention { start: 21, end: 28, kind: EntityKind::Place },
        ];
        let spans = EntitySpan::of(text, &mentions);
        let texts: Vec<(usize, usize, &str)> = spans.iter().map(|s| (s.start, s.end, s.text.as_str())).collect();
        assert_eq!(texts, [(0, 5, "Søren"), (12, 15, "Åse"), (18, 24, "Tromsø")]);
    }

    #[test]
    fn an_entities_line_keeps_its_fields_as_they_came() {
        let raw = r#" {"n": 123456789012345678901234567890, "z": 1, "doc_id": null, "text": "Åse i Tromsø"} "#;
        let line = EntitiesLine::parse(raw).expect("a line");
        assert_eq!(line.doc_id, None, "null is no document");
        let mentions = [Mention { start: 0, end: 4, kind: EntityKind::Person }];
        assert_eq!(
            line.with(&mentions),
            r#"{"n": 123456789012345678901234567890, "z": 1, "doc_id": null, "text": "Åse i Tromsø","entities":[{"start":0,"end":3,"type":"PER","text":"Åse"}]}"#
        );
        assert_eq!(
            EntitiesLine::parse(r#"{"text": ""}"#).expect("empty text").with(&[]),
            r#"{"text": "","entities":[]}"#
        );
        assert_eq!(
            EntitiesLine::parse("{}").err().map(|e| e.to_string()).as_deref(),
            Some("not a JSON object with a string field `text`")
        );
    }

    #[test]
    fn lines_of_one_document_name_the_same_doc_id() {
        let line = |raw: &str| EntitiesLine::parse(raw).expect("a line");
        let (a, b, c) =
            (line(r#"{"doc_id": 1, "text": "a"}"#), line(r#"{"doc_id": 1, "text": "b"}"#), line(r#"{"text": "c"}"#));
        assert!(a.same_document(&b));
        assert!(!b.same_document(&c) && !c.same_document(&line(r#"{"text": "d"}"#)));
        for bad in ["[1]", r#"{"text": 1}"#, r#"{"text": "x", "entities": []}"#, "{\"text\": \"x\""] {
            assert!(EntitiesLine::parse(bad).is_err(), "{bad}");
        }
    }
}
