//! The metadata a page declares: JSON-LD, `<meta>` tags, and a few marked-up elements.
//!
//! Declared values beat guesses, so each field takes the most explicit source first: JSON-LD
//! of an article object, then Open Graph / `<meta name>` tags, then the markup itself.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::{junk, title, walk};
use arkiv_text::collapse_whitespace;

use crate::clean::{Block, Meta, date};

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a CSS selector written in this file is valid")
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static VISIBLE_DATE: LazyLock<Selector> = LazyLock::new(|| {
    selector(r#"time, [class*="date"], [class*="publish"], [class*="dateline"], [class*="timestamp"]"#)
});
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"][href]"#));
static AUTHOR_LINK: LazyLock<Selector> = LazyLock::new(|| selector(r#"[rel="author"]"#));
static BYLINE: LazyLock<Selector> = LazyLock::new(|| selector(r#"[class*="byline"], [class*="author"]"#));

/// Bylines longer than this are author bios or whole boxes, not a list of names.
const MAX_BYLINE: usize = 120;

/// What a page declares in `<meta>` tags and JSON-LD, read once per page: the container
/// search needs the headline before the rest of the metadata is put together.
pub(super) struct Declared {
    tags: HashMap<String, String>,
    ld: LinkedData,
}

impl Declared {
    pub(super) fn read(doc: &Html) -> Declared {
        Declared { tags: meta_tags(doc), ld: LinkedData::from_page(doc) }
    }

    /// The headline the page declares in JSON-LD or Open Graph, before any guess from markup.
    pub(super) fn title(&self) -> Option<&str> {
        self.ld.headline.as_deref().or_else(|| self.tags.get("og:title").map(String::as_str))
    }
}

/// What one page declares about its article.
pub(super) fn extract(doc: &Html, declared: &Declared, article: &[ElementRef<'_>], blocks: &[Block]) -> Meta {
    let Declared { tags, ld } = declared;
    let tag = |k: &str| tags.get(k).cloned();
    let url = canonical_url(doc, tag("og:url"));
    let source = tag("og:site_name").or_else(|| ld.publisher.clone()).or_else(|| url.as_deref().and_then(domain));
    let title = title::choose(&title::Candidates {
        declared: [ld.headline.clone(), tag("og:title"), tag("twitter:title")]
            .into_iter()
            .flatten()
            .map(|t| decode_entities(&t))
            .collect(),
        element: first_text(doc, &TITLE),
        h1s: doc.select(&H1).map(|h1| collapse_whitespace(&h1.text().collect::<String>())).collect(),
        site: source.as_deref(),
    });
    let lead = ld
        .description
        .clone()
        .or_else(|| tag("og:description"))
        .or_else(|| tag("description"))
        .map(|t| collapse_whitespace(&decode_entities(&t)))
        .filter(|d| is_separate_lead(d, doc, blocks));
    let shown = blocks.iter().find_map(|block| match block {
        Block::Byline(names) => Some(names.clone()),
        _ => None,
    });
    let byline = ld.authors.clone().or_else(|| tag("author")).or_else(|| dom_byline(doc, article)).or(shown);
    let date = [ld.published.clone(), tag("article:published_time")]
        .into_iter()
        .flatten()
        .chain(article_time(article))
        .chain(tag("date"))
        .chain(tag("dc.date"))
        .find_map(|d| date::parse(&d))
        .or_else(|| visible_date(doc, article));
    Meta {
        title,
        lead,
        byline: byline.map(|b| collapse_whitespace(&b)).filter(|b| !b.is_empty()),
        date,
        source: source.map(|s| collapse_whitespace(&s)).filter(|s| !s.is_empty()),
        language: language(doc, tag("og:locale")),
        modified: [ld.modified.clone(), tag("article:modified_time"), tag("og:updated_time")]
            .into_iter()
            .flatten()
            .find_map(|d| date::parse(&d)),
        section: ld
            .section
            .clone()
            .or_else(|| tag("article:section"))
            .map(|s| collapse_whitespace(&s))
            .filter(|s| !s.is_empty()),
        url,
    }
}

/// The page's own address: `<link rel="canonical">`, else `og:url`; only absolute web
/// addresses, since a relative one says nothing once the page is saved.
fn canonical_url(doc: &Html, og_url: Option<String>) -> Option<String> {
    doc.select(&CANONICAL)
        .filter_map(|el| el.value().attr("href").map(str::to_string))
        .chain(og_url)
        .map(|href| href.trim().to_string())
        .find(|href| href.starts_with("https://") || href.starts_with("http://"))
}

/// The host of a web address without `www.`: the publisher when the page names none.
fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

/// `<meta>` contents by lowercase `property`/`name`/`itemprop`; the first of each wins.
fn meta_tags(doc: &Html) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for el in doc.select(&META) {
        let e = el.value();
        let (Some(key), Some(content)) =
            (e.attr("property").or(e.attr("name")).or(e.attr("itemprop")), e.attr("content"))
        else {
            continue;
        };
        tags.entry(key.trim().to_lowercase()).or_insert_with(|| content.to_string());
    }
    tags
}

fn first_text(doc: &Html, sel: &Selector) -> Option<String> {
    doc.select(sel).map(|el| collapse_whitespace(&el.text().collect::<String>())).find(|t| !t.is_empty())
}

/// Decodes character references left in metadata: some sites escape JSON-LD and `<meta>`
/// values twice, so `&mdash;` or `&#x27;` survive the parser.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    Html::parse_fragment(text).root_element().text().collect()
}

/// A declared description is the article's lead when the page shows it and the article's
/// blocks do not already hold it, in one block or running over several (a description cut
/// from the first paragraphs). A description that the page never shows is a summary written
/// for search engines and sharing, often reworded: not part of the article.
fn is_separate_lead(description: &str, doc: &Html, blocks: &[Block]) -> bool {
    let description = collapse_whitespace(description.trim_end_matches(['.', '…', ' ']));
    if description.is_empty() {
        return false;
    }
    let running_text: Vec<&str> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Text(text) | Block::Heading(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    !running_text.join(" ").contains(&description)
        && walk::visible_text(doc.root_element(), junk::is_skipped_tag).contains(&description)
}

/// Names from a byline element: `rel=author` links, else an element named "byline"/"author".
fn dom_byline(doc: &Html, article: &[ElementRef<'_>]) -> Option<String> {
    let in_article = article.iter().flat_map(|root| root.select(&AUTHOR_LINK).chain(root.select(&BYLINE)));
    in_article
        .chain(doc.select(&AUTHOR_LINK))
        .map(|el| collapse_whitespace(&el.text().collect::<String>()))
        .find(|t| !t.is_empty() && t.chars().count() <= MAX_BYLINE)
}

/// Dates longer than this are not a dateline but a paragraph that happens to hold a date.
const MAX_DATELINE: usize = 100;

/// A date only shown on the page ("Publisert 28. november 2026 kl. 10.15"), from a `time`
/// element or one named after dates, in the article first and then anywhere on the page.
fn visible_date(doc: &Html, article: &[ElementRef<'_>]) -> Option<time::OffsetDateTime> {
    let in_article = article.iter().flat_map(|root| root.select(&VISIBLE_DATE));
    in_article
        .chain(doc.select(&VISIBLE_DATE))
        .map(|el| collapse_whitespace(&el.text().collect::<String>()))
        .filter(|text| !text.is_empty() && text.chars().count() <= MAX_DATELINE)
        .find_map(|text| date::parse(&text))
}

fn article_time(article: &[ElementRef<'_>]) -> Option<String> {
    article.iter().flat_map(|root| root.select(&TIME)).find_map(|el| el.value().attr("datetime").map(str::to_string))
}

/// The primary language subtag of `<html lang>` (else `og:locale`), with the macrolanguage
/// `no` read as Bokmål, the written standard nearly all Norwegian news uses.
fn language(doc: &Html, og_locale: Option<String>) -> Option<String> {
    let declared = doc.root_element().value().attr("lang").map(str::to_string).or(og_locale)?;
    let primary = declared.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    match primary.as_str() {
        "" => None,
        "no" => Some("nb".to_string()),
        _ => Some(primary),
    }
}

/// The fields of the page's JSON-LD article object (and its publisher).
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    description: Option<String>,
    authors: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    section: Option<String>,
    publisher: Option<String>,
}

/// JSON-LD types that describe the article itself rather than the site or a breadcrumb.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report")
}

impl LinkedData {
    fn from_page(doc: &Html) -> Self {
        doc.select(&JSON_LD)
            .filter_map(|el| parse_json_ld(&el.text().collect::<String>()))
            .flat_map(|value| objects(&value).into_iter().cloned().collect::<Vec<_>>())
            .find(|o| types(o).iter().any(|t| is_article_type(t)))
            .map(|o| Self::from_article(&o))
            .unwrap_or_default()
    }

    fn from_article(o: &Value) -> Self {
        let text = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
        LinkedData {
            headline: text("headline").or_else(|| text("name")),
            description: text("description"),
            authors: o.get("author").and_then(names),
            published: text("datePublished").or_else(|| text("dateCreated")),
            modified: text("dateModified"),
            section: text("articleSection")
                .or_else(|| o.get("articleSection")?.as_array()?.first()?.as_str().map(str::to_string)),
            publisher: o.get("publisher").and_then(names),
        }
    }
}

/// Parses a JSON-LD script, tolerating the HTML comment and CDATA wrappers some sites add.
fn parse_json_ld(raw: &str) -> Option<Value> {
    let trimmed = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    serde_json::from_str(trimmed).ok()
}

/// Every JSON object in `value`: top-level arrays and `@graph` lists are unpacked, without
/// recursion into arbitrary depth.
fn objects(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                out.push(v);
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    out
}

fn types(o: &Value) -> Vec<&str> {
    match o.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A person or organisation field: a name, an object with a name, or a list of those.
fn names(v: &Value) -> Option<String> {
    let list: Vec<&str> = match v {
        Value::Array(items) => items.iter().filter_map(name).collect(),
        other => name(other).into_iter().collect(),
    };
    let list: Vec<String> = list.into_iter().map(collapse_whitespace).filter(|n| !n.is_empty()).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

fn name(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("name").and_then(Value::as_str),
        _ => None,
    }
}
