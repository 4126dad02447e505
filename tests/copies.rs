//! Copies: a story reprinted whole, trimmed and extended under another title is one group, two
//! reviews of one film are not; search shows a group once; `arkiv duplicates` lists the groups;
//! re-indexing keeps them right when a copy is added, changed or removed.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Scratch, copy_tree, fixture};
use serde_json::Value;

/// The files of the reprinted story in `tests/fixtures/copies`.
const STORY: [&str; 4] = ["ferje-forkortet.txt", "ferje-kopi.txt", "ferje-original.txt", "ferje-utvidet.txt"];

/// The two reviews of one film there.
const REVIEWS: [&str; 2] = ["film-anmeldelse-1.txt", "film-anmeldelse-2.txt"];

/// The groups of `arkiv duplicates --json`, each as the file names of its articles.
fn groups(scratch: &Scratch) -> Vec<BTreeSet<String>> {
    let run = scratch.arkiv(&["duplicates", "--json"]);
    assert!(run.ok() || run.code() == Some(1), "duplicates failed: {}", run.stderr());
    run.json_lines()
        .iter()
        .map(|group| {
            group["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .map(|article| {
                    for field in ["id", "title", "path"] {
                        assert!(article[field].is_string(), "{field} of {article}");
                    }
                    assert!(article.get("source").is_some() && article.get("date").is_some(), "{article}");
                    let path = Path::new(article["path"].as_str().expect("path"));
                    path.file_name().expect("a file").to_string_lossy().into_owned()
                })
                .collect()
        })
        .collect()
}

fn names(files: &[&str]) -> BTreeSet<String> {
    files.iter().map(|&file| file.to_owned()).collect()
}

/// A scratch folder whose `corpus/` holds the copies fixtures (and, with `bundled`, the
/// bundled corpus too), indexed.
fn indexed(bundled: bool) -> Scratch {
    let scratch = if bundled { Scratch::with_corpus() } else { Scratch::empty() };
    copy_tree(&fixture("copies"), &scratch.corpus().join("copies"));
    scratch.index_dir(&scratch.corpus());
    scratch
}

fn search(scratch: &Scratch, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let run = scratch.arkiv(&all);
    assert!(run.ok(), "search failed: {}", run.stderr());
    run.json_lines()
}

fn strings(values: &Value) -> Vec<String> {
    values.as_array().expect("a list").iter().map(|value| value.as_str().expect("a string").to_owned()).collect()
}

#[test]
fn the_reprints_of_a_story_are_one_group_and_two_reviews_of_a_film_are_none() {
    let scratch = indexed(true);
    let groups = groups(&scratch);
    assert!(groups.contains(&names(&STORY)), "{groups:?}");
    for group in &groups {
        let story = group.iter().filter(|file| STORY.contains(&file.as_str())).count();
        assert!(story == 0 || story == STORY.len(), "a group mixes the story with others: {group:?}");
        assert!(REVIEWS.iter().all(|review| !group.contains(*review)), "a review is a copy: {group:?}");
    }
    let text = scratch.arkiv(&["duplicates"]);
    let line = text.stdout().lines().find(|line| line.contains("Lofoten isolert")).map(str::to_owned);
    let line = line.unwrap_or_else(|| panic!("no line for the story: {}", text.stdout()));
    assert_eq!(line.matches("  =  ").count(), STORY.len() - 1, "{line}");
}

#[test]
fn similar_articles_leave_out_the_copies_of_the_article() {
    let scratch = indexed(true);
    let original = scratch.corpus().join("copies").join("ferje-original.txt");
    let run = scratch.arkiv(&["similar", original.to_str().expect("utf-8 path"), "--json", "--limit", "10"]);
    assert!(run.ok(), "{}", run.stderr());
    let related = run.json_lines();
    assert!(!related.is_empty(), "the story is like other news");
    for article in &related {
        let path = article["path"].as_str().expect("path");
        assert!(!path.contains("/copies/ferje-"), "a copy of the story is among its similar articles: {path}");
    }
}

#[test]
fn search_shows_a_group_once_with_its_copies_unless_asked_for_all() {
    let scratch = indexed(true);
    let hits = search(&scratch, &["ferjer Moskenes"]);
    let story: Vec<&Value> =
        hits.iter().filter(|hit| hit["path"].as_str().unwrap().contains("/copies/ferje-")).collect();
    assert_eq!(story.len(), 1, "{hits:?}");
    let copies = strings(&story[0]["copies"]);
    assert_eq!(copies.len(), STORY.len() - 1, "{copies:?}");
    assert!(!copies.contains(&story[0]["id"].as_str().unwrap().to_owned()));
    assert_eq!(story[0]["total"], hits[0]["total"]);
    assert!(story[0]["total"].as_u64().unwrap() >= STORY.len() as u64, "the total counts every copy");

    let all = search(&scratch, &["ferjer Moskenes", "--all-copies"]);
    let all_story: BTreeSet<String> = all
        .iter()
        .filter(|hit| hit["path"].as_str().unwrap().contains("/copies/ferje-"))
        .map(|hit| hit["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(all_story.len(), STORY.len(), "{all:?}");
    let mut ids = copies.clone();
    ids.push(story[0]["id"].as_str().unwrap().to_owned());
    assert_eq!(all_story, ids.into_iter().collect::<BTreeSet<_>>());
    for hit in &all {
        assert!(hit["copies"].is_array(), "{hit}");
    }

    let text = scratch.arkiv(&["search", "ferjer Moskenes"]);
    assert!(text.stdout().contains("+3 copies"), "{}", text.stdout());

    // Both reviews of the film are hits of their own, with no copies.
    let reviews = search(&scratch, &["\"Nordlys over Tromsø\""]);
    let reviews: Vec<&Value> =
        reviews.iter().filter(|hit| hit["path"].as_str().unwrap().contains("film-anmeldelse")).collect();
    assert_eq!(reviews.len(), 2);
    assert!(reviews.iter().all(|hit| strings(&hit["copies"]).is_empty()));
}

#[test]
fn paging_never_shows_a_copy_of_a_hit_on_an_earlier_page() {
    let scratch = indexed(false);
    // Everything in the folder mentions the ferry strike or the film; the four copies are one.
    let query = ["Moskenes OR Tromsø"];
    let mut seen = Vec::new();
    for offset in 0..3 {
        let offset = offset.to_string();
        let page = search(&scratch, &[query[0], "--limit", "1", "--offset", &offset]);
        seen.extend(page.iter().map(|hit| (hit["id"].as_str().unwrap().to_owned(), strings(&hit["copies"]))));
    }
    assert_eq!(seen.len(), 3, "one hit for the story and one per review: {seen:?}");
    for (at, (id, _)) in seen.iter().enumerate() {
        assert!(seen[..at].iter().all(|(earlier, copies)| earlier != id && !copies.contains(id)), "{seen:?}");
    }
    let past = scratch.arkiv(&["search", query[0], "--limit", "1", "--offset", "3", "--json"]);
    assert_eq!(past.code(), Some(1), "{}", past.stdout());
}

#[test]
fn reindexing_keeps_the_groups_right_when_a_copy_is_added_changed_or_removed() {
    let scratch = indexed(false);
    let copies = scratch.corpus().join("copies");
    assert_eq!(groups(&scratch), vec![names(&STORY)]);

    // Added: another paper prints the story.
    std::fs::copy(copies.join("ferje-original.txt"), copies.join("ferje-ny.txt")).expect("copy");
    scratch.index_dir(&scratch.corpus());
    let mut grown = names(&STORY);
    grown.insert("ferje-ny.txt".to_owned());
    assert_eq!(groups(&scratch), vec![grown]);

    // Changed: the new one is rewritten into another story; a review is changed into a copy of
    // the other review.
    std::fs::copy(fixture("copies/film-anmeldelse-1.txt"), copies.join("ferje-ny.txt")).expect("overwrite");
    scratch.index_dir(&scratch.corpus());
    let film = names(&["film-anmeldelse-1.txt", "ferje-ny.txt"]);
    let after = groups(&scratch);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(after.contains(&names(&STORY)) && after.contains(&film), "{after:?}");

    // Removed: the copies go one by one, and the group with them.
    std::fs::remove_file(copies.join("ferje-ny.txt")).expect("remove");
    for file in &STORY[..2] {
        std::fs::remove_file(copies.join(file)).expect("remove");
    }
    scratch.index_dir(&scratch.corpus());
    assert_eq!(groups(&scratch), vec![names(&STORY[2..])]);
    std::fs::remove_file(copies.join(STORY[2])).expect("remove");
    scratch.index_dir(&scratch.corpus());
    assert_eq!(groups(&scratch), Vec::<BTreeSet<String>>::new());
    assert_eq!(scratch.arkiv(&["duplicates"]).code(), Some(1), "no groups is nothing found");
    let hits = search(&scratch, &["ferjer Moskenes"]);
    assert_eq!(hits.len(), 1);
    assert!(strings(&hits[0]["copies"]).is_empty());
}
