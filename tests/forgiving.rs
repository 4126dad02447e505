//! Search that finds what the user meant (issue 18), through the binary, on the articles of
//! `tests/fixtures/forgiving/`: names typed without accents, the Swedish and German ö and ä,
//! old spellings, words with colons, and queries of several arguments.

mod common;

use common::{Scratch, fixture};
use serde_json::Value;

/// An index of the fixture articles.
fn indexed() -> Scratch {
    let scratch = Scratch::empty();
    scratch.index_dir(&fixture("forgiving"));
    scratch
}

/// The file names of the hits of `args` after `search --json`, best first.
fn hits(scratch: &Scratch, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let run = scratch.arkiv(&all);
    assert_ne!(run.code(), Some(2), "{args:?}: {}", run.stderr());
    run.json_lines()
        .iter()
        .map(|hit: &Value| {
            let path = hit["path"].as_str().expect("path");
            path.rsplit('/').next().expect("file name").to_owned()
        })
        .collect()
}

#[test]
fn a_name_typed_without_accents_finds_the_name_and_not_another_with_its_stem() {
    let scratch = indexed();
    assert_eq!(hits(&scratch, &["Lars Noren"]), ["noren.txt"]);
    assert_eq!(hits(&scratch, &["noren"])[0], "noren.txt", "in lowercase, a word: its stem finds Nora too");
    assert_eq!(hits(&scratch, &["Norén"]), ["noren.txt"]);
    assert_eq!(hits(&scratch, &["Nora"]), ["nora.txt"]);
}

#[test]
fn o_umlaut_is_typed_o_and_is_the_norwegian_o_slash() {
    let scratch = indexed();
    assert_eq!(hits(&scratch, &["Bjork"]), ["bjork.txt"]);
    let mut bjorn = hits(&scratch, &["Bjørn"]);
    bjorn.sort();
    assert_eq!(bjorn, ["bjorn-no.txt", "bjorn-se.txt"], "Björn is Bjørn");
    assert_eq!(hits(&scratch, &["Bjorn"]), ["bjorn-se.txt"], "ø is not o");
    assert_eq!(hits(&scratch, &["\"Björn Ulvaeus\""]), ["bjorn-se.txt"], "phrases with two spellings");
}

#[test]
fn the_word_as_typed_ranks_above_another_form_of_it() {
    let scratch = indexed();
    // ferjene.txt writes "ferjene" three times in a short text, ferja.txt "ferja" once in a
    // longer one: by their common stem alone, ferjene.txt comes first for either word, as it
    // does with --exact, which ranks by the stems alone.
    assert_eq!(hits(&scratch, &["ferja"]), ["ferja.txt", "ferjene.txt"]);
    assert_eq!(hits(&scratch, &["ferjene"]), ["ferjene.txt", "ferja.txt"]);
    assert_eq!(hits(&scratch, &["--exact", "ferja"]), ["ferjene.txt", "ferja.txt"]);
}

#[test]
fn an_old_spelling_finds_the_modern_one() {
    let scratch = indexed();
    assert_eq!(hits(&scratch, &["Aasen skole"]), ["asen.txt"]);
}

#[test]
fn words_with_colons_are_text_and_several_arguments_are_one_query() {
    let scratch = indexed();
    for query in ["Mission: Impossible", "18:00", "3:1 premiere", "forfatter:krigen"] {
        let run = scratch.arkiv(&["search", query]);
        assert_ne!(run.code(), Some(2), "{query}: {}", run.stderr());
    }
    assert_eq!(hits(&scratch, &["Mission:", "Impossible"]), ["film.txt"]);
    assert_eq!(hits(&scratch, &["Lars", "Noren"]), ["noren.txt"]);
    assert_eq!(hits(&scratch, &["--", "-krig", "skuespill"]).len(), 2, "a query that starts with an exclusion");
    assert_eq!(hits(&scratch, &["--", "-Björk", "Oslo"]), ["bjorn-no.txt"]);
}

/// The JSON lines of `args` after `search --json`.
fn json(scratch: &Scratch, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    scratch.arkiv(&all).json_lines()
}

#[test]
fn a_mistyped_word_is_corrected_from_the_archive_and_said_so() {
    let scratch = Scratch::shared();
    let run = scratch.arkiv(&["search", "Pompoe Lavrov"]);
    assert!(run.ok(), "{}", run.stderr());
    assert!(
        run.stdout().starts_with("Showing results for \"Pompeo Lavrov\". Search instead for \"Pompoe Lavrov\""),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains(common::SEED), "{}", run.stdout());
    let hits = json(scratch, &["Pompoe"]);
    assert_eq!(hits[0]["corrected_query"], "Pompeo");
    assert!(hits[0]["path"].as_str().is_some_and(|path| path.ends_with(common::SEED)));

    let exact = scratch.arkiv(&["search", "--exact", "Pompoe Lavrov"]);
    assert_eq!(exact.code(), Some(1), "--exact turns forgiveness off: {}", exact.stdout());
}

#[test]
fn without_an_article_of_every_word_the_ones_with_most_of_them_are_shown() {
    let scratch = Scratch::shared();
    let run = scratch.arkiv(&["search", "Pompeo Lavrov Sotsji krokodillevogterske"]);
    assert!(run.ok(), "{}", run.stderr());
    assert!(run.stdout().contains("No article has every word"), "{}", run.stdout());
    assert!(run.stdout().contains("without: krokodillevogterske"), "{}", run.stdout());
    let hits = json(scratch, &["Pompeo Lavrov Sotsji krokodillevogterske"]);
    assert!(hits[0]["path"].as_str().is_some_and(|path| path.ends_with(common::SEED)));
    assert_eq!(hits[0]["missing"], serde_json::json!(["krokodillevogterske"]));
    let exact = scratch.arkiv(&["search", "--exact", "Pompeo Lavrov Sotsji krokodillevogterske"]);
    assert_eq!(exact.code(), Some(1));
    assert!(exact.stdout().contains("No articles match."), "{}", exact.stdout());
}

#[test]
fn a_mistyped_name_finds_the_nearest_name_of_the_archive() {
    let scratch = Scratch::shared();
    for typed in ["Mike Pompoe", "Sergei Lavrov", "pompeo"] {
        let run = scratch.arkiv(&["person", typed]);
        assert!(run.ok(), "{typed}: {}", run.stderr());
        let heading = run.stdout().lines().next().unwrap_or_default().to_owned();
        assert!(heading.contains("Pompeo") || heading.contains("Lavrov"), "{typed}: {heading}");
    }
    let filtered = scratch.arkiv(&["search", "Russland", "--person", "Mike Pompoe", "--json"]).json_lines();
    assert!(filtered.iter().any(|hit| hit["path"].as_str().is_some_and(|path| path.ends_with(common::SEED))));
    let nobody = scratch.arkiv(&["person", "Qwxz Zzyzx"]);
    assert_eq!(nobody.code(), Some(1), "{}", nobody.stdout());
}

#[test]
fn a_part_of_a_compound_finds_the_compound_below_the_word_as_written() {
    let scratch = indexed();
    assert_eq!(hits(&scratch, &["bobler"]), ["sofa.txt"], "the head of spenningsbobler");
    assert_eq!(hits(&scratch, &["spenning"]), ["sofa.txt"], "its first part");
    assert_eq!(hits(&scratch, &["møte"]), ["sofa.txt"], "regjerings-møtet, linking -s- and inflection");
    // "kroken" as written first, then as written in "sofakroken", then another form ("kroker").
    assert_eq!(hits(&scratch, &["kroken"]), ["krok.txt", "sofa.txt", "kroker.txt"], "the word as written ranks first");
    assert_eq!(hits(&scratch, &["\"i sofakroken\""]), ["sofa.txt"], "phrases keep working");
    assert!(hits(&scratch, &["--exact", "bobler"]).is_empty(), "--exact searches words as written");
    let hit = &json(&scratch, &["bobler"])[0];
    let text = hit["snippet"]["text"].as_str().expect("snippet");
    let marked: Vec<&str> = hit["snippet"]["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|range| &text[range["start"].as_u64().unwrap() as usize..range["end"].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["spenningsbobler"], "the snippet marks the compound");
}

#[test]
fn a_head_or_first_part_the_lexicon_lacks_finds_its_compounds() {
    let scratch = indexed();
    // NoReC never writes "nedrustning" on its own, so the index split neither compound.
    let mut found = hits(&scratch, &["nedrustning"]);
    found.sort();
    assert_eq!(found, ["atom.txt", "genf.txt"], "atom-nedrustning and nedrustning-s-forhandlingene");
    assert_eq!(hits(&scratch, &["nedrustning", "Genève"]).len(), 2, "with another word");
    assert!(hits(&scratch, &["--exact", "nedrustning"]).is_empty(), "--exact searches words as written");
    assert!(hits(&scratch, &["rustning"]).is_empty(), "ned- is no modifier");
}

#[test]
fn lexicalised_words_are_not_split() {
    let scratch = indexed();
    for word in ["stilling", "holdning", "tale"] {
        assert!(!hits(&scratch, &[word]).contains(&"teater.txt".to_owned()), "{word}");
    }
    assert_eq!(hits(&scratch, &["forestilling"]), ["teater.txt"]);
}

#[test]
fn a_name_in_the_english_transliteration_finds_the_norwegian_one() {
    let scratch = Scratch::shared();
    let hits = json(scratch, &["Sochi"]);
    assert!(hits.first().is_some_and(|hit| hit["path"].as_str().is_some_and(|path| path.ends_with(common::SEED))));
    assert!(json(scratch, &["--exact", "Sochi"]).is_empty(), "--exact searches words as written");
}
