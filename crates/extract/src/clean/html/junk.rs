//! Which elements are page furniture rather than article content.
//!
//! The decision is made per element from its tag, its ARIA role, whether it is hidden, the
//! tokens of its `class`/`id`, and the widget heading a small box opens with. Matching is token-wise (split on anything that is not a letter
//! or digit) so that `header` never matches `ad`, while `ad-slot` and `article__share` do.

use scraper::ElementRef;
use scraper::node::Element;

use super::container::{MAX_LINK_DENSITY, Stats};
use crate::clean::labels;

/// Tags whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "button", "iframe", "svg", "template", "select", "input",
    "textarea", "canvas", "object", "embed", "dialog", "menu", "link", "meta", "head", "title", "h1",
];

/// Tags that are never skipped for their class: `<body class="has-ads">` and
/// `<article class="article--share-enabled">` describe a whole page or article, not furniture.
const CLASS_EXEMPT_TAGS: &[&str] = &["html", "body", "main", "article"];

/// Tokens that mark furniture wherever they appear, even next to "article" or "content".
const STRONG_TOKENS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "socials",
    "newsletter",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "adsense",
    "annonse",
    "sponsor",
    "sponsored",
    "promo",
    "related",
    "recommended",
    "recommendations",
    "popular",
    "trending",
    "subscribe",
    "signup",
    "outbrain",
    "taboola",
    "disqus",
    "breadcrumb",
    "breadcrumbs",
    "relaterte",
    "relatert",
    "modal",
    "popup",
];

/// Adjacent token pairs that mark furniture ("les-ogsa", "read-more", "sr-only", ...).
const STRONG_PAIRS: &[(&str, &str)] = &[
    ("les", "ogsa"),
    ("les", "også"),
    ("les", "mer"),
    ("read", "more"),
    ("see", "also"),
    ("also", "read"),
    ("more", "stories"),
    ("most", "read"),
    ("mest", "lest"),
    ("sr", "only"),
    ("visually", "hidden"),
    ("screen", "reader"),
];

/// Layout tokens that mark furniture unless the element also calls itself content: a wrapper
/// named `main-sidebar-layout content` may hold the article.
const LAYOUT_TOKENS: &[&str] = &[
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "widget",
    "banner",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
    "topbar",
    "hidden",
    "notice",
];

/// Tokens that say "this is (part of) the article", used to keep layout-named wrappers.
const CONTENT_TOKENS: &[&str] = &["article", "body", "content", "main", "story", "text", "entry", "post"];

/// Tokens for bylines, datelines and tag lists: short blocks around the body that are
/// metadata, not text. Only skipped while short (see [`is_small_meta`]).
const META_TOKENS: &[&str] =
    &["byline", "bylines", "author", "authors", "dateline", "timestamp", "meta", "tags", "date", "published"];

/// ARIA roles of landmarks that are never the article.
const SKIPPED_ROLES: &[&str] = &["navigation", "complementary", "contentinfo", "banner", "search", "dialog", "alert"];

/// Whether `el` (and everything inside it) is furniture, judged by tag, role, visibility and
/// class names.
///
/// `stats` are the element's measurements and `reference` those of what is being read (the
/// page body, or the article): a furniture-named or hidden element that holds most of it is
/// a wrapper around the article, as with `<div class="detail--sponsor">` around a whole story
/// or `<div hidden>` that a script reveals, and is kept.
pub(super) fn is_skipped(el: ElementRef<'_>, stats: Stats, reference: Stats) -> bool {
    if is_skipped_tag(el) {
        return true;
    }
    if CLASS_EXEMPT_TAGS.contains(&el.value().name()) || stats.holds_most_of(reference) {
        return false;
    }
    is_hidden(el.value()) || is_skipped_class(el.value(), stats) || is_headed_box(el, stats)
}

/// A small box that opens with the heading of a widget ("Les også", "Kort fortalt", "Related
/// articles"): links to other stories or a summary of this one, whatever its class is called.
fn is_headed_box(el: ElementRef<'_>, stats: Stats) -> bool {
    stats.text < MAX_LAYOUT
        && matches!(el.value().name(), "div" | "section" | "aside" | "ul" | "ol")
        && el.text().map(str::trim).find(|t| !t.is_empty()).is_some_and(labels::is_widget_heading)
}

/// Whether `el` is furniture by its tag or ARIA role alone, whatever its class.
pub(super) fn is_skipped_tag(el: ElementRef<'_>) -> bool {
    let e = el.value();
    let name = e.name();
    if name == "header" || e.attr("role") == Some("banner") {
        return !contains_h1(el);
    }
    if name == "form" {
        return el.descendent_elements().filter(|d| d.value().name() == "p").take(3).count() < 3;
    }
    SKIPPED_TAGS.contains(&name) || e.attr("role").is_some_and(|r| SKIPPED_ROLES.contains(&r))
}

fn is_skipped_class(e: &Element, stats: Stats) -> bool {
    let tokens = class_tokens(e);
    if has_any(&tokens, STRONG_TOKENS) || has_pair(&tokens) {
        return true;
    }
    if has_any(&tokens, LAYOUT_TOKENS)
        && !has_any(&tokens, CONTENT_TOKENS)
        && (stats.text < MAX_LAYOUT || stats.link_density() > MAX_LINK_DENSITY)
    {
        return true;
    }
    has_any(&tokens, META_TOKENS) && stats.text < MAX_META
}

/// Layout-named elements longer than this (and not link lists) may be the article's wrapper;
/// they are kept and the scoring weighs their names.
const MAX_LAYOUT: usize = 500;

/// Metadata-named elements longer than this are wrappers, not bylines.
const MAX_META: usize = 300;

/// Whether `el` is a picture's caption: a `figcaption`, or a short element whose class calls
/// it one (`caption`, `image-caption`, `CaptionWrapper`, but not `no-caption`), which many
/// sites use instead. Its text describes a picture, so it is kept apart from the body. A long
/// element is a wrapper whatever its name, and a credit on its own is read as a credit line.
pub(super) fn is_caption(el: ElementRef<'_>, stats: Stats) -> bool {
    let e = el.value();
    if e.name() == "figcaption" {
        return true;
    }
    if stats.text >= MAX_CAPTION {
        return false;
    }
    const NEGATIONS: &[&str] = &["no", "without"];
    let tokens = class_tokens(e);
    let named = tokens.iter().enumerate().any(|(i, t)| {
        (t.starts_with("caption") || t.ends_with("caption"))
            && !NEGATIONS.iter().any(|n| t.starts_with(n) || (i > 0 && tokens[i - 1] == *n))
    });
    named && !names_credit(&tokens)
}

/// Caption-named elements longer than this are wrappers, not captions.
const MAX_CAPTION: usize = 400;

/// Whether the element declares the credit part of a caption.
pub(super) fn is_credit(e: &Element) -> bool {
    names_credit(&class_tokens(e))
}

/// Whether class tokens name the credit part of a caption.
fn names_credit(tokens: &[String]) -> bool {
    tokens.iter().any(|t| t.contains("credit") || t.contains("byline") || t == "copyright")
}

/// The lowercase tokens of an element's `class` and `id`. An `id` of many words is the slug
/// of a heading ("sharing-with-a-single-developer"), an anchor rather than a component name,
/// and is left out.
pub(super) fn class_tokens(e: &Element) -> Vec<String> {
    let tokens = |value: &str| -> Vec<String> {
        value.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect()
    };
    let mut out = e.attr("class").map(tokens).unwrap_or_default();
    if let Some(id) = e.id().map(tokens).filter(|id| id.len() <= MAX_ID_TOKENS) {
        out.extend(id);
    }
    out
}

/// Component names in `id`s have a few words at most ("main-content", "article-share-bar").
const MAX_ID_TOKENS: usize = 3;

fn has_any(tokens: &[String], list: &[&str]) -> bool {
    tokens.iter().any(|t| list.contains(&t.as_str()))
}

fn has_pair(tokens: &[String]) -> bool {
    tokens.windows(2).any(|w| STRONG_PAIRS.contains(&(w[0].as_str(), w[1].as_str())))
}

/// Hidden by attribute or inline style: screen-reader labels, collapsed menus, templates.
fn is_hidden(e: &Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// A header is the article's own header (title, lead, byline) when it holds the `h1`; the
/// site header with logo and menu does not.
fn contains_h1(el: ElementRef<'_>) -> bool {
    el.descendent_elements().any(|d| d.value().name() == "h1")
}
