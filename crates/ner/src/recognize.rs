//! Recognition: the tagger over the texts of one article, and the mentions its tags mark.

use crate::features::{Document, Words};
use crate::lexicon::{self, listed};
use crate::model::{self, Model};
use crate::norec;
use crate::spread;
use crate::tag::{Class, Tag, tagged_names};
use crate::tagger::tag_article;
use crate::tokens::{Token, tokenize, tokenize_each};
use crate::words::lowercase;
use crate::{EntityKind, Mention};

/// The most words of an article whose tokens are kept from its splitting to its mentions. The
/// tokens of a bigger one are let go as the tagger's words are made from them, and its texts
/// with a name are split again afterwards: at 24 bytes a word, the tokens of a 20 MB article
/// were a third of what it held while it was tagged (108 of 312 MB). A smaller article keeps
/// them, which costs less than splitting it twice.
const KEPT_TOKENS: usize = 100_000;

/// Finds the names in one text (a sentence or a paragraph): byte spans into `text`, sorted and
/// non-overlapping, each the name as written, genitive ending included ("Putins").
pub fn recognize(text: &str) -> Vec<Mention> {
    recognize_in_article(&[text]).pop().unwrap_or_default()
}

/// The mentions in each of the texts of one article. The texts are tagged one by one, but
/// with what the whole article shows: a word capitalised mid-sentence in any of them is a
/// name at a sentence start in all of them (see [`features::Document`]), how a word is tagged
/// in one text counts in the others ([`tagger::tag_article`]), and a name has one class
/// ([`spread`]).
pub fn recognize_in_article(texts: &[&str]) -> Vec<Vec<Mention>> {
    recognize_with(model::builtin(), texts)
}

/// [`recognize_in_article`] with another model than the built-in one: a model being
/// evaluated (`tag-ner`, cross-validation in `bench/ner-cv.sh`).
pub fn recognize_with(model: &Model, texts: &[&str]) -> Vec<Vec<Mention>> {
    recognize_keeping(model, texts, KEPT_TOKENS)
}

/// [`recognize_with`], keeping the tokens of an article of at most `kept` words from its
/// splitting to its mentions.
fn recognize_keeping(model: &Model, texts: &[&str], kept: usize) -> Vec<Vec<Mention>> {
    let mut tokens = tokenize_each(texts);
    let mut document = Document::of(texts, &tokens);
    let let_go = tokens.iter().map(Vec::len).sum::<usize>() > kept;
    let words: Vec<Words> = texts
        .iter()
        .zip(&mut tokens)
        .map(|(text, tokens)| {
            let words = Words::new(text, tokens, model.names(), &mut document);
            if let_go {
                *tokens = Vec::new();
            }
            words
        })
        .collect();
    let tags = tag_article(model, &words, &mut document);
    drop(words);
    let mut found: Vec<Vec<Mention>> = texts
        .iter()
        .zip(tokens)
        .zip(tags)
        .map(|((text, mut tokens), tags)| {
            if tags.iter().all(|tag| *tag == Tag::Outside) {
                return Vec::new();
            }
            if let_go {
                // One tag a word: the text is split again into a vector of that size, not one grown by
                // doubling.
                tokens.reserve_exact(tags.len());
                tokenize(text, &mut tokens);
            }
            let mut found = mentions(text, &tokens, &tags);
            found.retain(|mention| !is_common_word_at_start(text, &tokens, mention, &document));
            found
        })
        .collect();
    spread::one_class_per_name(texts, &mut found);
    found
}

/// The names a sequence of tags marks, as byte spans. Names of [`Class::Other`] are dropped,
/// and so are "names" made only of page furniture and calendar words ("Foto", "Les også",
/// "Mandag") and listed products ("Android"): the training news had little furniture and few
/// products in them, so the tagger never learnt how little such a word means, and the lists
/// say it for certain.
fn mentions(text: &str, tokens: &[Token], tags: &[Tag]) -> Vec<Mention> {
    let mut out: Vec<Mention> = tagged_names(tags)
        .into_iter()
        .filter_map(|(words, class)| {
            let kind = match class {
                Class::Person => EntityKind::Person,
                Class::Place => EntityKind::Place,
                Class::Organisation => EntityKind::Organisation,
                Class::Other => return None,
            };
            let mut end = words.end;
            if kind == EntityKind::Person && end - words.start > 1 && is_credit_label(text, &tokens[end - 1]) {
                end -= 1;
            }
            Some(Mention { start: tokens[words.start].start, end: tokens[end - 1].end, kind })
        })
        .collect();
    out.retain(|mention| !is_not_a_name(&text[mention.start..mention.end], mention.kind));
    out
}

/// Whether `token` is a word NoReC rarely capitalises, followed by a colon: the label of the
/// next line of a credit list ("Regi: Liv Ullmann Scenografi: …"), run on after a name where
/// the line break between them was lost.
fn is_credit_label(text: &str, token: &Token) -> bool {
    text[token.end..].trim_start_matches(' ').starts_with(':') && norec::rarely_capitalised(token.text(text))
}

/// Whether `mention` is a lone person's name at a sentence start that is a common word there:
/// NoReC rarely capitalises it in mid-sentence and the article never does (possessive "Hans
/// roman", *his novel*). An article that names a Hans writes "Hans" capitalised in
/// mid-sentence somewhere, and keeps him.
fn is_common_word_at_start(text: &str, tokens: &[Token], mention: &Mention, document: &Document) -> bool {
    let word = &text[mention.start..mention.end];
    mention.kind == EntityKind::Person
        && tokens.binary_search_by_key(&mention.start, |token| token.start).is_ok_and(|i| tokens[i].initial)
        && !word.contains(char::is_whitespace)
        && norec::rarely_capitalised(word)
        && !document.has_capitalised_mid(word)
}

/// A listed product; every word page furniture or a month or weekday; a place or
/// organisation that is one function word (a person may be: "Anna" is a name and a Nynorsk
/// word); or a "person" with an ampersand, which joins two names ("Simon & Garfunkel") or
/// spells a genre ("R&B"), never one person's.
fn is_not_a_name(name: &str, kind: EntityKind) -> bool {
    (kind == EntityKind::Person && name.contains('&'))
        || listed(&lexicon::PRODUCTS, name)
        || name.split_whitespace().all(|word| {
            let word = lowercase(word);
            lexicon::FURNITURE.contains(&word) || lexicon::CALENDAR.contains(&word)
        })
        || (kind != EntityKind::Person && is_function_word(name))
}

/// A word of [`lexicon::STOPWORDS`] as written at a sentence start ("Den"); an abbreviation in
/// capitals is not one ("A" for Arbeiderpartiet).
fn is_function_word(name: &str) -> bool {
    let capitals = name.chars().filter(|c| c.is_uppercase()).count();
    !name.contains(' ') && capitals < name.chars().count() && lexicon::STOPWORDS.contains(&lowercase(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, extract, name_key};

    /// The names `recognize` finds in `text`, with their kinds.
    fn names(text: &str) -> Vec<(&str, EntityKind)> {
        recognize(text).iter().map(|m| (&text[m.start..m.end], m.kind)).collect()
    }

    fn entity(entities: &[Entity], name: &str) -> Option<(EntityKind, u32)> {
        entities.iter().find(|e| e.name == name).map(|e| (e.kind, e.mentions))
    }

    use EntityKind::{Organisation as Org, Person as Per, Place};

    #[test]
    fn titles_stay_outside_person_names() {
        let text = "Statsminister Jonas Gahr Støre møtte tirsdag Ukrainas president \
                    Volodymyr Zelenskij i Kyiv.";
        assert_eq!(
            names(text),
            vec![("Jonas Gahr Støre", Per), ("Ukrainas", Place), ("Volodymyr Zelenskij", Per), ("Kyiv", Place),]
        );
    }

    #[test]
    fn genitive_is_part_of_the_span() {
        let text = "Irans atomprogram var tema da Putins rådgiver møtte pressen i Moskva.";
        assert_eq!(names(text), vec![("Irans", Place), ("Putins", Per), ("Moskva", Place)]);
    }

    #[test]
    fn sentence_initial_words_need_evidence() {
        assert_eq!(names("Rapporten kom fredag. Møtet ble utsatt."), vec![]);
        assert_eq!(names("Solberg sier at Solberg ikke stiller."), vec![("Solberg", Per), ("Solberg", Per)]);
        assert_eq!(
            names("Venezuela er splittet. Møtte Erna Solberg i går."),
            vec![("Venezuela", Place), ("Erna Solberg", Per)]
        );
    }

    #[test]
    fn genitives_of_listed_places_become_the_place() {
        let entities = extract(["Han kritiserte USAs politikk og Norges rolle, men bor i Paris."]);
        assert_eq!(entity(&entities, "USA"), Some((Place, 1)));
        assert_eq!(entity(&entities, "Norge"), Some((Place, 1)));
        assert_eq!(entity(&entities, "Paris"), Some((Place, 1)));
    }

    #[test]
    fn shouted_labels_are_not_names() {
        assert_eq!(names("ALBUM: Ny plate av Kari Bremnes. BESTE LÅT: «Byen»."), vec![("Kari Bremnes", Per)]);
        assert_eq!(names("NRK melder at Stortinget vedtok budsjettet."), vec![("NRK", Org), ("Stortinget", Org)]);
    }

    #[test]
    fn places_after_prepositions_and_by_suffix() {
        let text = "Ferja gikk inn Sognefjorden, og mannen bor i Grendvik.";
        assert_eq!(names(text), vec![("Sognefjorden", Place), ("Grendvik", Place)]);
    }

    #[test]
    fn organisations_by_list_acronym_and_suffix() {
        let text = "Ifølge NRK vil Arbeiderpartiet og Finansdepartementet svare \
                    nyhetsbyrået Reuters, mens Oslo kommune venter.";
        assert_eq!(
            names(text),
            vec![
                ("NRK", Org),
                ("Arbeiderpartiet", Org),
                ("Finansdepartementet", Org),
                ("Reuters", Org),
                ("Oslo kommune", Place),
            ]
        );
    }

    #[test]
    fn nynorsk_sentence() {
        let text = "Ordføraren i Sogndal, Kari Midtbø, seier at Høgre ikkje vil gje \
                    Universitetet i Bergen meir pengar frå Noreg.";
        assert_eq!(
            names(text),
            vec![
                ("Sogndal", Place),
                ("Kari Midtbø", Per),
                ("Høgre", Org),
                ("Universitetet i Bergen", Org),
                ("Noreg", Place),
            ]
        );
    }

    #[test]
    fn furniture_calendar_words_and_products_are_not_names() {
        assert_eq!(names("Foto: Les også Siste nytt Mandag Hopp"), vec![]);
        assert_eq!(names("Appen finnes for Android og iPhone, sier Kari Hansen."), vec![("Kari Hansen", Per)]);
    }

    #[test]
    fn survives_any_input() {
        for text in
            ["", " ", "🙂🙂 Åse 👍🏽", "e\u{301}\u{301} Ole\u{301} Nor\u{301}dmann", "'''---...«»", "A. B. C.", "X"]
        {
            for m in recognize(text) {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                assert!(m.start < m.end);
            }
        }
    }

    #[test]
    fn extract_merges_variants() {
        let texts = [
            "Utenriksminister Mike Pompeo møtte Vladimir Putin i Sotsji.",
            "Pompeo sa at Putins regjering må svare. Putin svarte ikke.",
            "Pompeos kollega Sergej Lavrov var også til stede. Lavrov smilte.",
            "Sjefen i Reuters sa at Paris og Lars ikke var med.",
        ];
        let entities = extract(texts);
        assert_eq!(entity(&entities, "Mike Pompeo"), Some((Per, 3)));
        assert_eq!(entity(&entities, "Vladimir Putin"), Some((Per, 3)));
        assert_eq!(entity(&entities, "Sergej Lavrov"), Some((Per, 2)));
        assert_eq!(entity(&entities, "Sotsji"), Some((Place, 1)));
        assert_eq!(entity(&entities, "Reuters"), Some((Org, 1)));
        assert_eq!(entity(&entities, "Paris"), Some((Place, 1)));
        assert_eq!(entity(&entities, "Lars"), Some((Per, 1)));
        assert!(entity(&entities, "Pompeo").is_none());
        assert!(entity(&entities, "Putins").is_none());
    }

    #[test]
    fn extract_sorts_by_kind_mentions_and_name() {
        let entities = extract(["Kari Nordmann og Ola Nordmann dro til Bergen og Bergen."]);
        let order: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(order, vec!["Kari Nordmann", "Ola Nordmann", "Bergen"]);
    }

    #[test]
    fn extract_knows_a_name_at_a_sentence_start_from_the_rest_of_the_article() {
        let entities = extract(["Grendvik sa nei.", "Vi møtte Kari Grendvik i går."]);
        assert_eq!(entity(&entities, "Kari Grendvik"), Some((Per, 2)));
    }

    #[test]
    fn a_function_word_is_no_place_or_organisation_but_a_name_stays_a_name() {
        assert!(is_not_a_name("Den", EntityKind::Organisation));
        assert!(is_not_a_name("Etter", EntityKind::Place));
        assert!(!is_not_a_name("A", EntityKind::Organisation), "Arbeiderpartiet");
        assert!(!is_not_a_name("Anna", EntityKind::Person));
        assert!(!is_not_a_name("Den Norske Opera", EntityKind::Organisation));
    }

    #[test]
    fn standards_and_spec_labels_are_no_organisations() {
        for name in ["USB", "HDMI", "SSD", "GB RAM", "Pris", "Vekt"] {
            assert!(is_not_a_name(name, EntityKind::Organisation), "{name}");
        }
        for name in ["NRK", "TV 2", "Sony", "USB-forbundet"] {
            assert!(!is_not_a_name(name, EntityKind::Organisation), "{name}");
        }
    }

    /// The tokens of `text`, and the one that is `word`.
    fn token_of(text: &str, word: &str) -> (Vec<Token>, Token) {
        let tokens = tokenize_each(&[text]).remove(0);
        let token = *tokens.iter().find(|t| t.text(text) == word).expect("the word is in the text");
        (tokens, token)
    }

    #[test]
    fn a_credit_label_after_a_name_is_no_part_of_it() {
        // A credit list of NoReC (train/102488.txt) whose line break was lost.
        let text = "Regi: Liv Ullmann Scenografi: Milja Salovaara";
        assert!(is_credit_label(text, &token_of(text, "Scenografi").1));
        assert!(!is_credit_label(text, &token_of(text, "Ullmann").1), "no colon after it");
        assert!(!is_credit_label("Sa Ole Ullmann: Ja.", &token_of("Sa Ole Ullmann: Ja.", "Ullmann").1), "a name");
        assert!(names(text).contains(&("Liv Ullmann", Per)), "{:?}", names(text));
    }

    #[test]
    fn a_possessive_at_a_sentence_start_is_no_person_unless_the_article_names_one() {
        // Sentences of NoReC: "Hans" is *his* here.
        let possessive = ["Hans roman «Ave Eva» kan for øvrig leses som en kommentar.", "Han skriver godt."];
        let tokens = tokenize_each(&possessive);
        let document = Document::of(&possessive, &tokens);
        let hans = Mention { start: 0, end: 4, kind: Per };
        assert!(is_common_word_at_start(possessive[0], &tokens[0], &hans, &document));
        assert!(!names(possessive[0]).iter().any(|(name, _)| name.starts_with("Hans")), "{:?}", names(possessive[0]));
        // An article that names a Hans in mid-sentence keeps him at a sentence start too.
        let named = ["Hans kom hjem.", "Dette sier Hans til avisen."];
        let tokens = tokenize_each(&named);
        let document = Document::of(&named, &tokens);
        assert!(!is_common_word_at_start(named[0], &tokens[0], &hans, &document));
        let not_initial = Mention { start: 11, end: 15, kind: Per };
        assert!(!is_common_word_at_start(named[1], &tokens[1], &not_initial, &document));
    }

    #[test]
    fn a_person_has_no_ampersand() {
        assert!(is_not_a_name("R&B", EntityKind::Person));
        assert!(is_not_a_name("Simon & Garfunkel", EntityKind::Person));
        assert!(!is_not_a_name("Mumford & Sons", EntityKind::Organisation));
    }

    #[test]
    fn name_keys_ignore_case_and_spacing() {
        assert_eq!(name_key("  Mike \t Pompeo "), "mike pompeo");
        assert_eq!(name_key("ÅSE"), "åse");
        assert_eq!(name_key(""), "");
    }

    /// The example article of the corpus, without the page furniture a later stage removes.
    #[test]
    fn seed_article() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/000_3586eb60af678157.txt");
        let article = std::fs::read_to_string(&path).expect("the example article of corpus/");
        let is_furniture = |line: &str| {
            let line = line.trim();
            line.is_empty()
                || line == "Hopp til innhold"
                || line.eq_ignore_ascii_case("siste nytt")
                || line.starts_with("Foto:")
                || line.strip_prefix('X').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        let entities = extract(article.lines().filter(|l| !is_furniture(l)));
        let of_kind =
            |kind| -> Vec<&str> { entities.iter().filter(|e| e.kind == kind).map(|e| e.name.as_str()).collect() };
        let people = of_kind(Per);
        for name in
            ["Vladimir Putin", "Mike Pompeo", "Sergej Lavrov", "Donald Trump", "Nicolas Maduro", "Volodymyr Zelenskij"]
        {
            assert!(people.contains(&name), "{name} missing from {people:?}");
        }
        for name in ["Putin", "Pompeo", "Maduros", "Foto", "Hopp", "Siste", "Lavrov"] {
            assert!(!people.contains(&name), "{name} in {people:?}");
        }
        let places = of_kind(Place);
        for name in ["USA", "Russland", "Sotsji", "Iran", "Venezuela", "Japan"] {
            assert!(places.contains(&name), "{name} missing from {places:?}");
        }
    }

    #[test]
    fn an_article_whose_tokens_are_let_go_has_the_same_mentions() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/000_3586eb60af678157.txt");
        let article = std::fs::read_to_string(&path).expect("the example article of corpus/");
        let texts: Vec<&str> = article.split("\n\n").collect();
        let kept = recognize_keeping(model::builtin(), &texts, usize::MAX);
        assert!(kept.iter().flatten().count() > 20, "{kept:?}");
        assert_eq!(recognize_keeping(model::builtin(), &texts, 0), kept);
    }
}
