//! Finding the element that holds the article.
//!
//! A first pass measures every element (text and link text, without scripts, menus and hidden
//! parts); a second, which also skips furniture named by class, gives each block a
//! Readability-style content score: every paragraph-sized run of text credits the block that
//! holds it and, less and less, that block's ancestors. The best-scoring block (or the
//! ancestor it shares with other nearly-as-good blocks), with its siblings that score nearly as
//! well, is the article. An `<article>` or
//! `[itemprop=articleBody]` that holds the best block is preferred when it adds little beyond
//! it, because it also holds the lead and subheadings that sit outside the paragraph block.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::junk;
use super::walk::{Event, is_block, walk};
use arkiv_text::collapse_whitespace;

/// Text measurements of one element's subtree in non-whitespace chars, without the subtrees
/// that are furniture by tag alone.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Stats {
    pub text: usize,
    pub links: usize,
    /// Text of the `p` elements that are not link lists: the part that reads as prose, which
    /// a wrapper around the article holds most of however many links the page has elsewhere.
    pub prose: usize,
}

impl Stats {
    /// Share of the text that sits inside links: high for menus and link lists.
    pub(super) fn link_density(self) -> f64 {
        if self.text == 0 { 0.0 } else { self.links as f64 / self.text as f64 }
    }

    /// Whether these are the measurements of a wrapper around most of `whole`'s text or prose.
    pub(super) fn holds_most_of(self, whole: Stats) -> bool {
        (self.text * 2 >= whole.text && self.link_density() < MAX_WRAPPER_LINK_DENSITY)
            || (whole.prose > 0 && self.prose * 2 >= whole.prose)
    }
}

/// Identifies an element of one parsed page: its node id in the page's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Key(ego_tree::NodeId);

impl Key {
    pub(super) fn of(el: ElementRef<'_>) -> Self {
        Key(el.id())
    }
}

/// Measurements and scores of every element of one page.
#[derive(Default)]
pub(super) struct Analysis<'a> {
    stats: HashMap<Key, Stats>,
    scores: HashMap<Key, (ElementRef<'a>, f64)>,
}

impl Analysis<'_> {
    /// The measurements of `el`; zero for furniture, which the measuring pass did not enter.
    pub(super) fn stats(&self, el: ElementRef<'_>) -> Stats {
        self.stats.get(&Key::of(el)).copied().unwrap_or_default()
    }

    fn score(&self, el: ElementRef<'_>) -> f64 {
        self.scores.get(&Key::of(el)).map_or(0.0, |s| s.1)
    }
}

static H1: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("h1").expect("a CSS selector written in this file is valid"));

static ARTICLE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("article").expect("a CSS selector written in this file is valid"));

/// Runs shorter than this (non-whitespace chars) are not paragraphs: labels, dates, buttons.
const MIN_PARAGRAPH: usize = 25;

/// A block's name ("content", "article") may at most add this multiple of the score its own
/// text earned: a named wrapper around two sentences must not beat a long unnamed article.
const MAX_PRIOR_SHARE: f64 = 2.0;

/// Above this share of its text in links a run, a paragraph or a block is navigation (a
/// menu, a link list), not prose: the one threshold of every link test of the extractor.
pub(super) const MAX_LINK_DENSITY: f64 = 0.5;

/// A wrapper of most of a page's text holds it with fewer links than this share (more, and it
/// is the page around the article, with its menus).
const MAX_WRAPPER_LINK_DENSITY: f64 = 0.3;

/// Readability's points for a run of text: one, one more per comma up to [`MAX_COMMA_POINTS`],
/// and one per [`CHARS_PER_POINT`] characters up to [`MAX_LENGTH_POINTS`], less the share in
/// links.
const MAX_COMMA_POINTS: usize = 10;
/// See [`MAX_COMMA_POINTS`].
const CHARS_PER_POINT: f64 = 100.0;
/// See [`MAX_COMMA_POINTS`].
const MAX_LENGTH_POINTS: f64 = 3.0;

/// How many elements around a run of text share its points: the block it stands in gets
/// them whole, its parent half, each level above a third of the level number.
const CREDITED_LEVELS: usize = 5;

/// What a class or id that names content ("article") or furniture ("comment") adds to or
/// takes from an element's prior, as in Readability.
const CLASS_WEIGHT: f64 = 25.0;

/// A top candidate scoring below this holds no article (an index page, an error page).
const MIN_TOP_SCORE: f64 = 5.0;

/// The elements that hold the article, in document order, and the page's measurements. No
/// elements means the page holds no article.
///
/// `title` is the headline the page declares: on pages that carry several articles (the next
/// story appended below the first), the article is the one whose `h1` shows that headline.
pub(super) fn find<'a>(doc: &'a Html, title: Option<&str>) -> (Vec<ElementRef<'a>>, Analysis<'a>) {
    let analysis = analyse(doc.root_element());
    let titled = title.and_then(|t| titled_article(doc, t));
    let top = best(&analysis, titled).filter(|(_, score)| *score >= MIN_TOP_SCORE);
    let Some((top, top_score)) = top else {
        return (sole_article(doc, &analysis).into_iter().collect(), analysis);
    };
    let top = common_ancestor_of_alternatives(top, top_score, &analysis, titled);
    let (top, top_score) = climb_to_a_better_parent(top, top_score, &analysis, titled);
    let roots = match enclosing_article(top, &analysis) {
        Some(article) => vec![article],
        None => with_siblings(top, top_score, &analysis),
    };
    (roots, analysis)
}

/// The page's only `<article>`, when no block scores as article text but that one holds some
/// text that is not links: a short note or a page of subheadings and pictures still marks its
/// article, while index pages mark many or none, and mostly link to other pages.
fn sole_article<'a>(doc: &'a Html, analysis: &Analysis<'_>) -> Option<ElementRef<'a>> {
    let mut articles = doc.select(&ARTICLE);
    let article = articles.next().filter(|_| articles.next().is_none())?;
    let stats = analysis.stats(article);
    (stats.text > 0 && stats.link_density() < MAX_LINK_DENSITY).then_some(article)
}

/// An open element during the scoring pass.
struct Frame {
    paragraph: bool,
    score: f64,
}

/// Inline text collected since the last block boundary.
#[derive(Default)]
struct Run {
    text: usize,
    links: usize,
    commas: usize,
}

/// Measures every element under `root`, then scores the blocks.
fn analyse(root: ElementRef<'_>) -> Analysis<'_> {
    let mut analysis = Analysis { stats: measure(root), scores: HashMap::new() };
    score(root, &mut analysis);
    analysis
}

/// Text, link-text and prose length of every element, without the subtrees that are
/// furniture by their tag alone (scripts, menus). Hidden elements are measured: some pages
/// ship the whole article in a hidden element that a script reveals.
fn measure(root: ElementRef<'_>) -> HashMap<Key, Stats> {
    let mut stats = HashMap::new();
    let mut open: Vec<Stats> = Vec::new();
    let mut link_depth = 0usize;
    walk(root, junk::is_skipped_tag, |event| match event {
        Event::Open(el) => {
            if el.value().name() == "a" {
                link_depth += 1;
            }
            open.push(Stats::default());
        }
        Event::Text(t) => {
            let n = visible_len(t);
            if let Some(s) = open.last_mut() {
                s.text += n;
                if link_depth > 0 {
                    s.links += n;
                }
            }
        }
        Event::Close(el) => {
            if el.value().name() == "a" {
                link_depth = link_depth.saturating_sub(1);
            }
            let Some(mut closed) = open.pop() else {
                return;
            };
            if el.value().name() == "p" && closed.link_density() < MAX_LINK_DENSITY {
                closed.prose = closed.text - closed.links;
            }
            if let Some(parent) = open.last_mut() {
                parent.text += closed.text;
                parent.links += closed.links;
                parent.prose += closed.prose;
            }
            stats.insert(Key::of(el), closed);
        }
    });
    stats
}

/// Gives every block that holds paragraphs a content score, skipping furniture and captions
/// (a long caption is not evidence of article text around it).
fn score<'a>(root: ElementRef<'a>, analysis: &mut Analysis<'a>) {
    let reference = analysis.stats(root);
    let stats = &analysis.stats;
    let mut scores = HashMap::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut run = Run::default();
    let mut link_depth = 0usize;
    let prune = |el: ElementRef<'a>| {
        let s = stats.get(&Key::of(el)).copied().unwrap_or_default();
        el.value().name() == "figcaption" || junk::is_skipped(el, s, reference)
    };
    walk(root, prune, |event| match event {
        Event::Open(el) => {
            let name = el.value().name();
            if name == "a" {
                link_depth += 1;
            }
            if is_block(name) {
                credit_run(&mut run, &mut frames);
                frames.push(Frame { paragraph: matches!(name, "p" | "pre" | "td" | "blockquote"), score: 0.0 });
            }
        }
        Event::Text(t) => {
            let n = visible_len(t);
            run.text += n;
            run.commas += t.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count();
            if link_depth > 0 {
                run.links += n;
            }
        }
        Event::Close(el) => {
            let name = el.value().name();
            if name == "a" {
                link_depth = link_depth.saturating_sub(1);
            }
            if !is_block(name) {
                return;
            }
            credit_run(&mut run, &mut frames);
            let Some(frame) = frames.pop() else {
                return;
            };
            if frame.score > 0.0 {
                let s = stats.get(&Key::of(el)).copied().unwrap_or_default();
                let prior = weight(el).min(frame.score * MAX_PRIOR_SHARE);
                let final_score = (frame.score + prior) * (1.0 - s.link_density());
                scores.insert(Key::of(el), (el, final_score));
            }
        }
    });
    analysis.scores = scores;
}

/// Characters of `text` that show on the page: whitespace only separates.
fn visible_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Credits a finished run of text to the block holding it and that block's ancestors.
///
/// A run inside a `p` credits the `p`'s parent first, as in Readability; a run directly in a
/// `div` credits the `div` itself, as if it were wrapped in a paragraph of its own.
fn credit_run(run: &mut Run, frames: &mut [Frame]) {
    let done = std::mem::take(run);
    if done.text < MIN_PARAGRAPH {
        return;
    }
    let Some(owner) = frames.last() else {
        return;
    };
    let density = done.links as f64 / done.text as f64;
    let points =
        1.0 + done.commas.min(MAX_COMMA_POINTS) as f64 + (done.text as f64 / CHARS_PER_POINT).min(MAX_LENGTH_POINTS);
    let score = points * (1.0 - density);
    let skip = usize::from(owner.paragraph);
    for (level, frame) in frames.iter_mut().rev().skip(skip).take(CREDITED_LEVELS).enumerate() {
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            n => n as f64 * 3.0,
        };
        frame.score += score / divider;
    }
}

/// A prior for an element from its tag and its class/id: wrappers named "content" or
/// "article" tend to hold the text, those named "comment" or "sidebar" do not.
fn weight(el: ElementRef<'_>) -> f64 {
    const POSITIVE: &[&str] = &[
        "article",
        "body",
        "content",
        "entry",
        "hentry",
        "main",
        "page",
        "post",
        "text",
        "blog",
        "story",
        "artikkel",
        "brodtekst",
    ];
    const NEGATIVE: &[&str] = &[
        "comment",
        "contact",
        "foot",
        "footer",
        "footnote",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "tool",
        "widget",
        "hidden",
        "banner",
        "teaser",
        "card",
        "list",
        "feed",
    ];
    let e = el.value();
    let tag = match e.name() {
        "div" => 5.0,
        "article" | "main" => 10.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let tokens = junk::class_tokens(e);
    let mut class = 0.0;
    if tokens.iter().any(|t| POSITIVE.contains(&t.as_str())) {
        class += CLASS_WEIGHT;
    }
    if tokens.iter().any(|t| NEGATIVE.contains(&t.as_str())) {
        class -= CLASS_WEIGHT;
    }
    if e.attr("itemprop") == Some("articleBody") {
        class += CLASS_WEIGHT;
    }
    tag + class
}

/// The highest-scoring element.
///
/// Within `titled` when given and it holds a scored element, else on the whole page.
fn best<'a>(analysis: &Analysis<'a>, titled: Option<ElementRef<'a>>) -> Option<(ElementRef<'a>, f64)> {
    let best_where = |inside: Option<ElementRef<'a>>| {
        analysis
            .scores
            .values()
            .copied()
            .filter(|(el, _)| inside.is_none_or(|a| is_within(*el, a)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.id().cmp(&a.0.id())))
    };
    titled.and_then(|a| best_where(Some(a))).or_else(|| best_where(None))
}

fn is_within(el: ElementRef<'_>, container: ElementRef<'_>) -> bool {
    el.id() == container.id() || el.ancestors().any(|a| a.id() == container.id())
}

/// The `<article>` around the `h1` that shows `title`, if any.
fn titled_article<'a>(doc: &'a Html, title: &str) -> Option<ElementRef<'a>> {
    let title = collapse_whitespace(title).to_lowercase();
    doc.select(&H1)
        .find(|h1| {
            let text = collapse_whitespace(&h1.text().collect::<String>()).to_lowercase();
            !text.is_empty() && (text == title || (text.len() >= 10 && title.contains(&text)))
        })?
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "article")
}

/// Another chunk of the top block's template must score this share of it to be part of the
/// same story: the chunk before an ad may hold only a paragraph or two.
const MIN_CHUNK_SHARE: f64 = 0.3;

/// How many of the best candidates must share an ancestor for it to replace the top one.
const MIN_ALTERNATIVES: usize = 3;

/// When the article is split into several blocks that score alike (one `div` per section),
/// the top one is only a part: as in Readability, climb to the nearest ancestor of `top` that
/// also holds at least [`MIN_ALTERNATIVES`] of the candidates scoring within 75% of it, or one
/// that is another chunk of the same template (same tag and class, as when a story is cut in
/// two around an ad). Inside the `titled` article the climb stays there: the next story's
/// blocks score alike too.
fn common_ancestor_of_alternatives<'a>(
    top: ElementRef<'a>,
    top_score: f64,
    analysis: &Analysis<'a>,
    titled: Option<ElementRef<'a>>,
) -> ElementRef<'a> {
    let titled = titled.filter(|article| is_within(top, *article));
    let inside = |el: ElementRef<'a>| titled.is_none_or(|article| is_within(el, article));
    let mut alternatives: Vec<ElementRef<'a>> = analysis
        .scores
        .values()
        .filter(|(el, score)| *score >= top_score * 0.75 && el.id() != top.id() && inside(*el))
        .map(|(el, _)| *el)
        .collect();
    alternatives.sort_by_key(|el| el.id());
    alternatives.truncate(5);
    let class = top.value().attr("class");
    let chunks: Vec<ElementRef<'a>> = analysis
        .scores
        .values()
        .filter(|(el, score)| {
            *score >= top_score * MIN_CHUNK_SHARE
                && el.id() != top.id()
                && class.is_some()
                && el.value().attr("class") == class
                && inside(*el)
        })
        .map(|(el, _)| *el)
        .collect();
    if alternatives.len() < MIN_ALTERNATIVES && chunks.is_empty() {
        return top;
    }
    for ancestor in top.ancestors().filter_map(ElementRef::wrap) {
        if ancestor.value().name() == "body" || !inside(ancestor) {
            break;
        }
        let held = alternatives.iter().filter(|alt| is_within(**alt, ancestor)).count();
        if held >= MIN_ALTERNATIVES || chunks.iter().any(|chunk| is_within(*chunk, ancestor)) {
            return ancestor;
        }
    }
    top
}

/// An ancestor's score must stay above this share of the top block's for the climb to go on.
const MIN_CLIMB_SHARE: f64 = 1.0 / 3.0;

/// As in Readability, the nearest ancestor of `top` that scores higher than the level below it,
/// climbing only while the scores stay above [`MIN_CLIMB_SHARE`] of `top`'s: when the best
/// block is one part of the article (the body of a table of names, one section), the element
/// around all of it earns more from the intro and the other parts than that part alone.
/// Unscored levels (plain wrappers) are passed through; the climb stays inside `titled`.
fn climb_to_a_better_parent<'a>(
    top: ElementRef<'a>,
    top_score: f64,
    analysis: &Analysis<'a>,
    titled: Option<ElementRef<'a>>,
) -> (ElementRef<'a>, f64) {
    let titled = titled.filter(|article| is_within(top, *article));
    let mut last = analysis.scores.get(&Key::of(top)).map_or(top_score, |s| s.1);
    for ancestor in top.ancestors().filter_map(ElementRef::wrap) {
        if ancestor.value().name() == "body" || titled.is_some_and(|article| !is_within(ancestor, article)) {
            break;
        }
        let Some(&(_, score)) = analysis.scores.get(&Key::of(ancestor)) else {
            continue;
        };
        if score < top_score * MIN_CLIMB_SHARE {
            break;
        }
        if score > last {
            return (ancestor, score);
        }
        last = score;
    }
    (top, top_score)
}

/// The `<article>` or `[itemprop=articleBody]` around `top` (or `top` itself), when its text
/// is mostly `top`'s: then it adds the headline block and subheadings, not a comment section.
fn enclosing_article<'a>(top: ElementRef<'a>, analysis: &Analysis<'_>) -> Option<ElementRef<'a>> {
    let top_text = analysis.stats(top).text;
    let candidates = std::iter::once(top).chain(top.ancestors().filter_map(ElementRef::wrap));
    for el in candidates {
        let e = el.value();
        if e.name() == "article" || e.attr("itemprop") == Some("articleBody") {
            let text = analysis.stats(el).text;
            return (text as f64 <= top_text as f64 * 1.6).then_some(el);
        }
    }
    None
}

/// `top` and the siblings that belong to the same article: blocks that score nearly as well
/// and plain paragraphs that are not link lists.
fn with_siblings<'a>(top: ElementRef<'a>, top_score: f64, analysis: &Analysis<'_>) -> Vec<ElementRef<'a>> {
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
        return vec![top];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_stats = analysis.stats(top);
    let top_class = top.value().attr("class");
    parent
        .child_elements()
        .filter(|sib| {
            if sib.id() == top.id() {
                return true;
            }
            if junk::is_skipped(*sib, analysis.stats(*sib), top_stats) {
                return false;
            }
            let bonus =
                if top_class.is_some() && sib.value().attr("class") == top_class { top_score * 0.2 } else { 0.0 };
            let score = analysis.score(*sib);
            score + bonus >= threshold || is_loose_paragraph(*sib, analysis)
        })
        .collect()
}

/// A sibling `p` that reads like article text: long with few links, or a full sentence.
fn is_loose_paragraph(el: ElementRef<'_>, analysis: &Analysis<'_>) -> bool {
    if el.value().name() != "p" {
        return false;
    }
    let stats = analysis.stats(el);
    let density = stats.link_density();
    (stats.text > 70 && density < 0.25) || (stats.text > 0 && density == 0.0 && el.text().any(|t| t.contains(". ")))
}
