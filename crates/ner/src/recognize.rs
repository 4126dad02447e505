//! Recognition: the tagger over the texts of one article, and the mentions its tags mark.

use crate::features::{Document, Words};
use crate::lexicon::{self, listed};
use crate::model::{self, Model};
use crate::norec;
use crate::spread;
use crate::tag::{Class, Tag, tagged_names};
use crate::tagger::tag_article;
use crate::tokens::{Token, tokenize_each};
use crate::words::lowercase;
use crate::{EntityKind, Mention};
use rayon::prelude::*;

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
    let mut found = if texts.iter().map(|text| text.len()).sum::<usize>() <= CONTEXT_BYTES {
        recognize_together(model, texts)
    } else {
        recognize_in_parts(model, texts)
    };
    spread::one_class_per_name(texts, &mut found);
    found
}

/// The most bytes of text whose words inform each other's tags ([`tag_article`],
/// [`Document`]). A name is introduced and taken up again within a few pages, and a text
/// bigger than a long report (a book, a dump of many articles as one file) gains nothing from
/// a context of all of it, while tagging it in parts of this size uses every core, holds only
/// the parts being tagged, and keeps the tables of each part small.
const CONTEXT_BYTES: usize = 1 << 17;

/// A piece of one of an article's texts, of at most [`CONTEXT_BYTES`].
struct Piece<'a> {
    /// Which of the texts it is from.
    text: usize,
    /// Where in that text it starts.
    offset: usize,
    words: &'a str,
}

/// The mentions in each of `texts`, found in parts of at most [`CONTEXT_BYTES`] side by side:
/// the texts are cut into pieces at sentence ends ([`piece_end`]), and runs of consecutive
/// pieces are tagged together, each run an article of its own.
fn recognize_in_parts(model: &Model, texts: &[&str]) -> Vec<Vec<Mention>> {
    let mut pieces = Vec::new();
    for (n, text) in texts.iter().enumerate() {
        let mut offset = 0;
        while offset < text.len() {
            let end = offset + piece_end(&text[offset..]);
            pieces.push(Piece { text: n, offset, words: &text[offset..end] });
            offset = end;
        }
    }
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, piece) in pieces.iter().enumerate() {
        if bytes + piece.words.len() > CONTEXT_BYTES {
            parts.push(&pieces[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += piece.words.len();
    }
    parts.push(&pieces[start..]);
    // Each part is a task of its own: rayon otherwise hands out runs of parts, and the last
    // run then keeps one core busy while the others wait.
    let found: Vec<Vec<Vec<Mention>>> = parts
        .into_par_iter()
        .with_max_len(1)
        .map(|part| recognize_together(model, &part.iter().map(|piece| piece.words).collect::<Vec<_>>()))
        .collect();
    let mut out = vec![Vec::new(); texts.len()];
    for (piece, mentions) in pieces.iter().zip(found.into_iter().flatten()) {
        out[piece.text].extend(mentions.into_iter().map(|mention| Mention {
            start: mention.start + piece.offset,
            end: mention.end + piece.offset,
            ..mention
        }));
    }
    out
}

/// Where the first piece of `text` ends: all of it when it fits in [`CONTEXT_BYTES`], or else
/// before the last space within reach that follows a sentence end, so that no name is cut
/// and the next piece starts a sentence; without one, before the last space, and in a text
/// with no space at all, at the last character that fits.
fn piece_end(text: &str) -> usize {
    if text.len() <= CONTEXT_BYTES {
        return text.len();
    }
    let reach = text.floor_char_boundary(CONTEXT_BYTES);
    let window = &text[..reach];
    let spaces = || window.match_indices(char::is_whitespace).rev().map(|(i, _)| i).filter(|i| *i > 0);
    spaces()
        .find(|&i| window[..i].ends_with(['.', '!', '?', '\n']) || window[i..].starts_with('\n'))
        .or_else(|| spaces().next())
        .unwrap_or(reach)
}

/// The mentions in each of `texts`, tagged together as one article.
fn recognize_together(model: &Model, texts: &[&str]) -> Vec<Vec<Mention>> {
    let tokens = tokenize_each(texts);
    let mut document = Document::of(texts, &tokens);
    let words: Vec<Words> = texts
        .iter()
        .zip(&tokens)
        .map(|(text, tokens)| Words::new(text, tokens, model.names(), &mut document))
        .collect();
    let tags = tag_article(model, &words, &mut document);
    texts
        .iter()
        .zip(&tokens)
        .zip(&tags)
        .map(|((text, tokens), tags)| {
            let mut found = mentions(text, tokens, tags);
            found.retain(|mention| !is_common_word_at_start(text, tokens, mention, &document));
            found
        })
        .collect()
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

    /// The example article of `corpus/`, as its texts.
    fn example_article() -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/000_3586eb60af678157.txt");
        std::fs::read_to_string(&path).expect("the example article of corpus/")
    }

    /// Checks that `found` are mentions into `texts`, each sorted and apart, each a name of
    /// `known`, and at least nine in ten of `expected` of them.
    fn assert_names_of(texts: &[&str], found: &[Vec<Mention>], known: &[(&str, EntityKind)], expected: usize) {
        assert_eq!(found.len(), texts.len());
        for (text, mentions) in texts.iter().zip(found) {
            assert!(mentions.windows(2).all(|pair| pair[0].end <= pair[1].start), "{mentions:?}");
            for mention in mentions {
                let name = (&text[mention.start..mention.end], mention.kind);
                assert!(known.contains(&name), "{name:?} is no name of {known:?}");
            }
        }
        let count = found.iter().map(Vec::len).sum::<usize>();
        assert!(count * 10 >= expected * 9, "{count} of {expected} mentions");
    }

    #[test]
    fn a_text_bigger_than_a_context_is_tagged_in_pieces_with_spans_into_it() {
        let article = example_article();
        let one = article.split("\n\n").collect::<Vec<_>>().join(" ");
        let known = names(&one);
        assert!(known.len() > 20, "{known:?}");
        let copies = 2 * CONTEXT_BYTES / one.len() + 2;
        let book = vec![one.as_str(); copies].join(" ");
        assert!(book.len() > 2 * CONTEXT_BYTES);
        assert_names_of(&[&book], &[recognize(&book)], &known, copies * known.len());
    }

    #[test]
    fn an_article_bigger_than_a_context_is_tagged_in_runs_of_its_texts() {
        let article = example_article();
        let texts: Vec<&str> = article.split("\n\n").collect();
        let known: Vec<(&str, EntityKind)> = recognize_in_article(&texts)
            .iter()
            .zip(&texts)
            .flat_map(|(mentions, text)| mentions.iter().map(|m| (&text[m.start..m.end], m.kind)))
            .collect();
        let copies = 2 * CONTEXT_BYTES / article.len() + 2;
        let many: Vec<&str> = texts.iter().copied().cycle().take(copies * texts.len()).collect();
        assert_names_of(&many, &recognize_in_article(&many), &known, copies * known.len());
    }

    #[test]
    fn a_piece_ends_at_a_sentence_end_or_else_at_a_space() {
        let sentence = "Lavrov møtte Pompeo i Sotsji. ";
        let text = sentence.repeat(CONTEXT_BYTES / sentence.len() + 10);
        let end = piece_end(&text);
        assert!(end <= CONTEXT_BYTES && text[..end].ends_with('.') && text[end..].starts_with(" Lavrov"), "{end}");
        let words = "Lavrov møtte Pompeo ".repeat(CONTEXT_BYTES / 10);
        let end = piece_end(&words);
        assert!(end <= CONTEXT_BYTES && words[end..].starts_with(' ') && !words[..end].ends_with(' '), "{end}");
        let letters = format!("a{}", "ø".repeat(CONTEXT_BYTES));
        assert_eq!(piece_end(&letters), CONTEXT_BYTES - 1, "not inside a letter of two bytes");
        assert_eq!(piece_end(sentence), sentence.len());
    }
}
