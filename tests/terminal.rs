//! What reaches a terminal: an article's control characters never do, colour follows
//! `--color`, `NO_COLOR` and `TERM`, and the completion scripts and the manual page come from
//! the command line's own definition.

mod common;

use std::path::{Path, PathBuf};

use common::Scratch;

/// A text dump whose title and body try to retitle the window, clear the screen, hide a link
/// and turn text around.
const ESCAPING_TEXT: &str = "Putin \x1b]0;pwned\x07 tok imot gjestene\n\n\
    Publisert 3. mars 2024 kl. 10.15\n\n\
    President Vladimir Putin tok imot gjestene i Moskva,\x1b[2J og han smilte til kameraene. \
    Lenken \x1b]8;;https://evil.example/\x1b\\NRK\x1b]8;;\x1b\\ viste til noe helt annet enn den sa.\n\n\
    Utenriksminister Sergej Lavrov sa at \u{202e}møtet\u{202c} var nyttig, og at \u{9b}31m fargene \
    ikke betydde noe.\x7f Samtalene fortsetter neste uke.\r Det sier Kreml.\n";

/// A saved page with the same tricks as character references and raw C1 characters.
const ESCAPING_HTML: &str = "<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\">\
    <title>Møtet i Moskva &#x1b;]0;pwned&#x07;</title></head><body><article>\
    <h1>Møtet i Moskva &#x1b;]0;pwned&#x07;</h1>\
    <p>President Vladimir Putin tok imot gjestene i Moskva &#x1b;[2J og smilte til kameraene \
    som sto utenfor palasset hele formiddagen, mens vaktene passet på.</p>\
    <p>Utenriksminister Sergej Lavrov sa at møtet var nyttig &#x9b;31m og at \u{9b}32m fargene \
    ikke betydde noe for utfallet av samtalene, som fortsetter neste uke.</p>\
    <p>Kreml sier at partene er enige om \u{2066}å møtes\u{2069} igjen i Sotsji før sommeren, \
    og at en pressekonferanse holdes &#x1b;]8;;https://evil.example/&#x1b;\\her&#x1b;]8;;&#x1b;\\ i morgen.</p>\
    </article></body></html>";

/// A file name with an escape sequence in it.
const ESCAPING_NAME: &str = "melding\x1b[31m\u{202e}.txt";

/// Whether `c` is a character a terminal acts on: C0 controls but tab and newline, DEL, C1,
/// bidi embeddings, overrides and isolates.
fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_safe(what: &str, text: &str) {
    let found: Vec<char> = text.chars().filter(|c| is_control(*c)).collect();
    assert!(found.is_empty(), "{what}: {found:?} reach the terminal in {text:?}");
}

/// An archive of the escaping articles, an empty file named to escape, and the index of it.
fn escaping_archive() -> (Scratch, PathBuf) {
    let scratch = Scratch::empty();
    let dir = scratch.dir.path().join("archive");
    std::fs::create_dir(&dir).expect("create folder");
    std::fs::write(dir.join(ESCAPING_NAME), ESCAPING_TEXT).expect("write article");
    std::fs::write(dir.join("side.html"), ESCAPING_HTML).expect("write page");
    std::fs::write(dir.join("\x1b]0;pwned\x07.txt"), "").expect("write empty file");
    (scratch, dir)
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn no_control_character_of_an_article_or_file_name_reaches_the_terminal() {
    let (scratch, dir) = escaping_archive();
    let index = scratch.arkiv(&["index", &dir.to_string_lossy()]);
    assert!(index.ok(), "{}", index.stderr());
    assert!(index.stdout().contains("skipped") && index.stdout().contains("pwned"), "{}", index.stdout());
    assert_safe("index", &index.stdout());

    let hits = scratch.arkiv(&["search", "putin", "--json"]).json_lines();
    assert_eq!(hits.len(), 2, "{hits:?}");
    let id = hits[0]["id"].as_str().expect("id").to_owned();
    let text = path(&dir, ESCAPING_NAME);
    let html = path(&dir, "side.html");
    for args in [
        &["search", "putin"][..],
        &["search", "gjestene", "--sort", "date"],
        &["search", "--person", "putin"],
        &["show", &id],
        &["show", &text],
        &["show", &html],
        &["extract", &text, &html],
        &["person", "putin"],
        &["person", "putin", "--with"],
        &["people"],
        &["places"],
    ] {
        let run = scratch.arkiv(args);
        assert!(run.ok(), "{args:?}: {}", run.stderr());
        assert_safe(&format!("{args:?}"), &run.stdout());
        assert_safe(&format!("{args:?} on stderr"), &run.stderr());
    }
    let shown = scratch.arkiv(&["show", &text]).stdout();
    assert!(shown.contains("\u{fffd}]0;pwned\u{fffd}"), "the escape is shown, not dropped: {shown}");
    assert!(shown.contains("melding\u{fffd}[31m\u{fffd}.txt"), "{shown}");

    let failed = scratch.arkiv(&["extract", &path(&dir, "\x1b]0;pwned\x07.txt"), &text]);
    assert_eq!(failed.code(), Some(2));
    assert!(failed.stderr().contains("pwned"), "{}", failed.stderr());
    assert_safe("extract's report on stderr", &failed.stderr());
}

#[test]
fn json_keeps_the_text_and_escapes_what_a_terminal_acts_on() {
    let (scratch, dir) = escaping_archive();
    scratch.index_dir(&dir);
    for args in [
        &["extract", "--json", &path(&dir, ESCAPING_NAME), &path(&dir, "side.html")][..],
        &["search", "putin", "--json"],
        &["person", "putin", "--json"],
        &["show", &path(&dir, ESCAPING_NAME), "--json"],
    ] {
        let run = scratch.arkiv(args);
        assert!(run.ok(), "{args:?}: {}", run.stderr());
        assert_safe(&format!("{args:?}"), &run.stdout());
        assert!(!run.json_lines().is_empty());
    }
    let article = scratch.arkiv(&["extract", "--json", &path(&dir, ESCAPING_NAME)]).json_lines().remove(0);
    let title = article["title"].as_str().expect("title");
    assert!(title.contains("\x1b]0;pwned\x07"), "the text as the file has it: {title:?}");
    assert!(article["path"].as_str().is_some_and(|path| path.ends_with(ESCAPING_NAME)), "{article}");
    let text = article["text"].as_str().expect("text");
    assert!(text.contains('\u{202e}') && text.contains('\u{9b}') && text.contains('\u{7f}'), "{text:?}");
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let scratch = Scratch::shared();
    let bold = "\x1b[1m";
    let search = |env: &[(&str, &str)], args: &[&str]| {
        let run = scratch.arkiv_with_env(env, &[&["search", "Pompeo Lavrov"], args].concat());
        assert!(run.ok(), "{args:?}: {}", run.stderr());
        run.stdout()
    };
    assert!(!search(&[], &[]).contains('\x1b'), "a pipe gets no escapes by default");
    assert!(!search(&[("TERM", "xterm-256color")], &["--color", "auto"]).contains('\x1b'));
    assert!(!search(&[], &["--color", "never"]).contains('\x1b'));
    let always = search(&[], &["--color", "always"]);
    assert!(always.contains(&format!("1. {bold}USA og Russland")), "the title in bold: {always}");
    assert!(always.contains(&format!("{bold}Pompeo\x1b[0m")), "the match in bold: {always}");
    assert_eq!(search(&[("NO_COLOR", "1"), ("TERM", "dumb")], &["--color", "always"]), always, "the flag wins");
    assert!(!search(&[], &["--color", "always", "--json"]).contains(bold), "JSON has no colour");
    let bad = scratch.arkiv(&["search", "Pompeo", "--color", "sometimes"]);
    assert_eq!(bad.code(), Some(2), "{}", bad.stderr());
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line() {
    let scratch = Scratch::empty();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = scratch.arkiv(&["completions", shell]);
        assert!(run.ok() && run.stderr().is_empty(), "{shell}: {}", run.stderr());
        assert!(run.stdout().contains("search") && run.stdout().contains("--color"), "{shell}: {}", run.stdout());
    }
    assert_eq!(scratch.arkiv(&["completions", "tcsh"]).code(), Some(2));
    let man = scratch.arkiv(&["man"]);
    assert!(man.ok() && man.stderr().is_empty(), "{}", man.stderr());
    let page = man.stdout();
    assert!(page.starts_with(".TH") || page.starts_with(".ie"), "not roff: {}", &page[..page.len().min(200)]);
    assert!(page.contains("search") && page.contains("completions"), "{page}");
}
