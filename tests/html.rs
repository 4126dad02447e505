//! Saved web pages through the real binary: one small page per extraction rule
//! (`tests/fixtures/html/`), pages without an article, and pathological input.

mod common;

use std::time::{Duration, Instant};

use common::{Scratch, fixture, strings};
use serde_json::Value;

/// `arkiv extract --json` of a page under `tests/fixtures/html/`.
fn extract(name: &str) -> Value {
    let path = fixture(&format!("html/{name}"));
    let run = Scratch::empty().arkiv(&["extract", path.to_str().expect("utf-8 path"), "--json"]);
    assert!(run.ok(), "extract {name} failed: {}", run.stderr());
    run.json_lines().remove(0)
}

fn text(article: &Value) -> &str {
    article["text"].as_str().expect("text is a string")
}

#[test]
fn a_latin1_page_keeps_its_letters() {
    let article = extract("latin1.html");
    assert_eq!(article["encoding"], "windows-1252");
    assert_eq!(article["title"], "Blåbærsesongen er i gang");
    assert!(text(&article).contains("Soppkontrollør Øystein Ærø sier"), "{article}");
    assert!(!text(&article).contains('\u{fffd}'));
}

#[test]
fn the_h1_wins_over_an_og_title_written_for_sharing() {
    let article = extract("og-title-differs.html");
    assert_eq!(article["title"], "Ferja mellom Bodø og Moskenes er innstilt");
    assert_eq!(article["source"], "Avisa");
}

#[test]
fn json_ld_gives_headline_date_authors_and_publisher() {
    let article = extract("json-ld.html");
    assert_eq!(article["title"], "Ferja er innstilt etter storm", "the logo h1 is not the headline");
    assert_eq!(article["date"], "2026-03-12T07:45:00+01:00");
    assert_eq!(article["byline"], "Kari Nordmann, Ola Hansen");
    assert_eq!(article["source"], "Avisa");
    assert_eq!(article["modified"], "2026-03-12T09:00:00+01:00");
    assert_eq!(article["section"], "Innenriks");
    assert_eq!(article["url"], "https://www.avisa.no/innenriks/ferja-er-innstilt");
}

#[test]
fn a_visible_norwegian_date_is_read_in_oslo_time() {
    let article = extract("norwegian-date.html");
    assert_eq!(article["date"], "2026-11-28T10:15:00+01:00");
    assert!(!text(&article).contains("Publisert"), "the dateline is not body text");
    assert_eq!(article["source"], "nordavisa.no", "the domain stands in for a site name");
}

#[test]
fn related_links_summary_boxes_and_page_furniture_are_dropped() {
    let article = extract("related.html");
    let all = article.to_string();
    for furniture in [
        "Les også",
        "Kort fortalt",
        "håper å seile",
        "Se også",
        "været i helgen",
        "Nytt rekordår",
        "Relaterte",
        "Storm stengte",
        "uholdbart",
        "informasjonskapsler",
        "Del på",
        "Ansvarlig",
    ] {
        assert!(!all.contains(furniture), "{furniture:?} survived: {all}");
    }
    assert_eq!(text(&article).split("\n\n").count(), 3, "{article}");
}

#[test]
fn captions_and_credits_stand_apart_from_the_body() {
    let article = extract("captions.html");
    let captions = article["captions"].as_array().expect("captions");
    assert_eq!(captions.len(), 3, "{captions:?}");
    assert_eq!(captions[0]["text"], "Ferja ligger ved kaia i Bodø.");
    assert_eq!(captions[0]["credit"], "Kari Fotograf / NTB");
    // Marked as a caption by its class names instead of a figcaption.
    assert_eq!(captions[1]["text"], "Bølgene slår inn over moloen.");
    assert_eq!(captions[1]["credit"], "Per Fotograf / NTB");
    assert_eq!(captions[2]["credit"], "Ola Fotograf");
    for caption_text in ["Ferja ligger ved kaia", "Bølgene", "Per Fotograf", "Reisende venter", "Foto"] {
        assert!(!text(&article).contains(caption_text), "{caption_text:?} in the body");
    }
    // A wrapper named "no-caption" is body text like any other.
    assert!(text(&article).contains("Meteorologene venter"), "{}", text(&article));
}

#[test]
fn a_byline_and_a_bracketed_credit_among_the_paragraphs_are_not_body() {
    let article = extract("byline.html");
    assert_eq!(article["byline"], "Kari Nordmann og Ola Hansen");
    let captions = article["captions"].as_array().expect("captions");
    assert_eq!(captions.len(), 1, "{captions:?}");
    assert_eq!(captions[0]["text"], "Passasjerer venter på kaia i Bodø");
    assert_eq!(captions[0]["credit"], "Per Fotograf / NTB");
    for not_body in ["Kari Nordmann", "Passasjerer venter"] {
        assert!(!text(&article).contains(not_body), "{not_body:?} in the body");
    }
}

#[test]
fn lists_and_block_quotes_of_the_article_are_kept() {
    let article = extract("list-quote.html");
    let body = text(&article);
    assert!(body.contains("Du må ha fast arbeid på den andre siden av fjorden."), "{body}");
    assert!(body.contains("hurtigbåt eller fly."), "{body}");
    // Mostly links, but a sentence of its own around them.
    assert!(body.contains("Søknaden sendes via fylkeskommunens skjema"), "{body}");
    assert!(body.contains("Dette er en ordning som skal sikre"), "{body}");
    assert_eq!(strings(&article, "subheadings"), ["Fylkesrådet er fornøyd"]);
}

#[test]
fn a_truncated_page_gives_what_it_holds() {
    let article = extract("truncated.html");
    assert_eq!(article["title"], "Ferja er innstilt");
    assert!(text(&article).contains("Siste setning ble aldri ferdig"), "{article}");
}

#[test]
fn a_marked_article_too_short_to_score_is_still_read() {
    let article = extract("short-article.html");
    assert_eq!(article["title"], "Bilder fra stormen");
    assert_eq!(text(&article), "Ferjekaia i Bodø\n\nMoskenes", "{article}");
}

#[test]
fn a_table_of_linked_names_is_read_with_the_intro_around_it() {
    let article = extract("wiki-table.html");
    let text = text(&article);
    assert!(text.starts_with("Dette er en liste over ferjer"), "the intro outside the table: {text}");
    assert!(text.contains("Ferja Lofoten\n\n1964\n\nFerja mellom Bodø"), "the linked name of each row: {text}");
    assert!(!text.contains("Tilfeldig side"), "{text}");
}

#[test]
fn an_index_page_is_skipped_with_a_reason() {
    let scratch = Scratch::empty();
    let page = fixture("html/index-page.html");
    let run = scratch.arkiv(&["extract", page.to_str().expect("utf-8 path")]);
    assert!(!run.ok());
    assert!(run.stderr().contains("no article text"), "{}", run.stderr());

    let dir = scratch.dir.path().join("pages");
    std::fs::create_dir(&dir).expect("mkdir");
    for name in ["index-page.html", "json-ld.html"] {
        std::fs::copy(fixture(&format!("html/{name}")), dir.join(name)).expect("copy");
    }
    let summary = scratch.index_dir(&dir);
    assert_eq!(summary["indexed"], 1, "{summary}");
    let skipped = summary["skipped"].as_array().expect("skipped list");
    assert_eq!(skipped.len(), 1, "{summary}");
    assert!(skipped[0][0].as_str().is_some_and(|path| path.ends_with("index-page.html")), "{summary}");
    assert!(skipped[0][1].as_str().is_some_and(|reason| reason.contains("no article text")), "{summary}");
}

#[test]
fn page_dates_drive_date_filters_and_sorting_and_hits_show_byline_and_source() {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("pages");
    std::fs::create_dir(&dir).expect("mkdir");
    for name in ["json-ld.html", "norwegian-date.html", "og-title-differs.html"] {
        std::fs::copy(fixture(&format!("html/{name}")), dir.join(name)).expect("copy");
    }
    scratch.index_dir(&dir);
    // The three pages print one story, so they are copies: each is a hit of its own here.
    let search = |args: &[&str]| {
        let mut all = vec!["--json", "search", "ferja", "--all-copies"];
        all.extend_from_slice(args);
        scratch.arkiv(&all).json_lines()
    };
    let march = search(&["--from", "2026-03-01", "--to", "2026-03-31"]);
    assert_eq!(march.len(), 1, "{march:?}");
    assert_eq!(march[0]["title"], "Ferja er innstilt etter storm");
    assert_eq!(march[0]["byline"], "Kari Nordmann, Ola Hansen");
    assert_eq!(march[0]["source"], "Avisa");
    let by_date: Vec<Value> = search(&["--sort", "date"]).into_iter().map(|hit| hit["date"].clone()).collect();
    assert_eq!(by_date[..2], ["2026-11-28T10:15:00+01:00", "2026-03-12T07:45:00+01:00"], "{by_date:?}");
}

/// A page that takes longer than this is a hang, not slowness (debug build, shared machine).
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Extracts a generated page and returns the article, checking the time it took.
fn extract_generated(name: &str, html: &str) -> Value {
    let scratch = Scratch::empty();
    let path = scratch.dir.path().join(name);
    std::fs::write(&path, html).expect("write page");
    let started = Instant::now();
    let run = scratch.arkiv(&["extract", path.to_str().expect("utf-8 path"), "--json"]);
    assert!(started.elapsed() < TIME_LIMIT, "{name} took {:?}", started.elapsed());
    assert!(run.ok(), "{name}: {}", run.stderr());
    run.json_lines().remove(0)
}

const PARAGRAPH: &str =
    "<p>Ferja mellom Bodø og Moskenes ble innstilt torsdag morgen fordi vinden nådde full storm.</p>";

#[test]
fn a_ten_megabyte_page_is_read_in_bounded_time() {
    let filler = format!("<div class=\"teaser\"><a href=\"/sak\">{}</a></div>", "Lenke til en annen sak ".repeat(20));
    let html = format!(
        "<html><head><title>Stor side</title></head><body>{}<article><h1>Stor side</h1>{}</article></body></html>",
        filler.repeat(10 * 1024 * 1024 / filler.len()),
        PARAGRAPH.repeat(5)
    );
    assert!(html.len() >= 10 * 1024 * 1024);
    let article = extract_generated("big.html", &html);
    assert!(text(&article).contains("Ferja mellom Bodø"), "{}", article["title"]);
}

#[test]
fn deep_nesting_and_broken_markup_do_not_crash() {
    let depth = 200_000;
    let nested =
        format!("<html><body>{}{}{}</body></html>", "<div>".repeat(depth), PARAGRAPH.repeat(3), "</div>".repeat(depth));
    assert!(text(&extract_generated("nested.html", &nested)).contains("Ferja mellom Bodø"));
    let unclosed = format!("<html><body>{}{}", "<span><b><i>".repeat(depth), PARAGRAPH.repeat(6));
    assert!(text(&extract_generated("unclosed.html", &unclosed)).contains("Ferja mellom Bodø"));
}
