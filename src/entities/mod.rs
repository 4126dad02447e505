//! Entities: the people, places and organisations an article names.
//!
//! Two steps. [`recognize`] finds name mentions in one piece of text (span and kind).
//! [`extract`] runs it over a whole article and merges the mentions into [`Entity`] values
//! under canonical names: genitive "Putins" counts for Putin, a lone "Pompeo" for "Mike Pompeo"
//! when the full name occurs in the same article, and titles such as "president" are never part
//! of a name. Listings and filters work on these canonical names.
//!
//! The recogniser is rule-based and meant to be replaced by a trained tagger; it is written to
//! be easy to follow rather than to squeeze out the last point. In Norwegian only names (and
//! the first word of a sentence) are capitalised, so a name is a run of capitalised words; the
//! rules decide whether a sentence-initial word is a name at all, where a name ends, and which
//! kind it is, from small hand-written word lists ([`lexicon`]) and the words around it.

mod lexicon;
mod merge;
mod tokens;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use lexicon::WordSet;
use tokens::{Token, is_all_caps, is_name_word, tokenize};

pub use merge::{extract, name_key};

/// What kind of thing a name refers to. Serialized with the tags the NorNE scorer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "PLACE")]
    Place,
    #[serde(rename = "ORG")]
    Organisation,
}

/// One occurrence of a name in a text: byte offsets (`start..end`) into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// A distinct entity of an article under its canonical name, with how often it was mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub mentions: u32,
}

/// Finds the names in one text (a sentence or a paragraph): byte spans into `text`, sorted and
/// non-overlapping, each the name as written, genitive ending included ("Putins").
///
/// A capitalised word that starts a sentence counts as a name only with evidence beyond its
/// capital letter; one piece of evidence is that the same word is capitalised elsewhere in
/// `text` where it does not start a sentence. [`extract`] widens that to the whole article.
pub fn recognize(text: &str) -> Vec<Mention> {
    recognize_in_article(&[text]).pop().unwrap_or_default()
}

/// The mentions in each of the texts of one article. A word capitalised mid-sentence in any
/// of them settles the same word at a sentence start in all of them.
fn recognize_in_article(texts: &[&str]) -> Vec<Vec<Mention>> {
    let tokens: Vec<Vec<Token>> = texts
        .iter()
        .map(|text| {
            let mut list = Vec::new();
            tokenize(text, &mut list);
            list
        })
        .collect();
    let mut seen = HashSet::new();
    for (text, tokens) in texts.iter().zip(&tokens) {
        note_mid_sentence_names(text, tokens, &mut seen);
    }
    texts
        .iter()
        .zip(&tokens)
        .map(|(text, tokens)| {
            let mut mentions = Vec::new();
            Scan { text, tokens, seen: &seen }.recognize(&mut mentions);
            mentions
        })
        .collect()
}

/// Adds to `seen` every capitalised word of `text` that does not start a sentence: such a word
/// is capitalised because it is a name, which settles the same word at a sentence start.
fn note_mid_sentence_names<'t>(text: &'t str, tokens: &[Token], seen: &mut HashSet<&'t str>) {
    for token in tokens.iter().filter(|t| !t.initial) {
        let word = token.text(text);
        if is_name_word(word) {
            seen.insert(word);
        }
    }
}

/// The word without a genitive ending: "Putins" → "Putin", "Trump's" → "Trump",
/// "Reuters'" → "Reuters". Whether the ending really is a genitive ("Paris", "Lars") is for
/// the caller to decide; this only offers the shorter form.
fn strip_genitive(word: &str) -> Option<&str> {
    ["'s", "’s", "'", "’", "s"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .filter(|base| base.chars().nth(1).is_some())
}

/// The lowercase form of a word, allocating only when the word has capitals.
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// `word` (lowercase) ends in an entry of `set`, the entry being shorter than the word: the
/// word is a compound whose last part the set lists ("arbeiderpartiet" ends in "partiet").
fn has_suffix_in(set: &WordSet, word: &str) -> bool {
    word.char_indices().skip(1).any(|(i, _)| word.get(i..).is_some_and(|tail| set.contains(tail)))
}

/// Like [`has_suffix_in`] (`word` in lowercase), also trying the word without a genitive
/// ending.
fn ends_like(set: &WordSet, word: &str) -> bool {
    has_suffix_in(set, word) || strip_genitive(word).is_some_and(|base| has_suffix_in(set, base))
}

/// A name list contains the name, as written or without its genitive ending ("Irans").
fn listed(set: &WordSet, name: &str) -> bool {
    set.contains(name) || strip_genitive(name).is_some_and(|base| set.contains(base))
}

/// A title or role word in any inflection, also as the last part of a compound:
/// "presidenten", "utenriksministeren", "rådgivere", "partileder". Short forms of address and
/// kinship words ("fru", "mor", "kong") only count whole, so that "humor" or the surname
/// "Hermann" are not titles.
fn is_title(word: &str) -> bool {
    let word = lowercase(word);
    ["", "ene", "ane", "en", "a", "e", "ar", "er", "n"].iter().filter_map(|ending| word.strip_suffix(ending)).any(
        |stem| {
            lexicon::TITLES.contains(stem)
                || lexicon::TITLE_WORDS.contains(stem)
                || has_suffix_in(&lexicon::TITLES, stem)
        },
    )
}

fn is_known_place(name: &str) -> bool {
    listed(&lexicon::PLACES, name) || listed(&lexicon::PLACES_NYNORSK, name)
}

/// Whether the gazetteers list the name exactly as written (so "Paris" is, "Irans" is not).
fn listed_as_written(name: &str) -> bool {
    [&lexicon::PLACES, &lexicon::PLACES_NYNORSK, &lexicon::ORGS].iter().any(|set| set.contains(name))
}

/// The kind the gazetteers give a name, if they list it.
fn listed_kind(name: &str) -> Option<EntityKind> {
    if is_known_place(name) {
        Some(EntityKind::Place)
    } else if listed(&lexicon::ORGS, name) {
        Some(EntityKind::Organisation)
    } else {
        None
    }
}

/// An abbreviation: at least two capitals, the last letter a capital ("NRK", "AaFK", "KrF"),
/// also in the genitive ("UDs"), and short enough not to be a shouted headline word.
fn is_acronym(word: &str) -> bool {
    let base = word.strip_suffix('s').filter(|b| b.ends_with(char::is_uppercase)).unwrap_or(word);
    let capitals = base.chars().filter(|c| c.is_uppercase()).count();
    capitals >= 2 && base.ends_with(char::is_uppercase) && base.chars().count() <= 6
}

/// Ends like a noun in the definite form ("Politiet", "Regjeringen" is listed, "Utvalget",
/// "Ledelsen" is not caught): such a word opening "… sier" is a body, not a person. Endings
/// in -en are left out, because many Norwegian surnames end so ("Hansen", "Haugen").
fn looks_definite(word: &str) -> bool {
    let word = lowercase(word);
    ["et", "ene", "ane", "ingen", "inga", "heten", "sjonen"].iter().any(|ending| word.ends_with(ending))
}

/// Words that never begin a name: page furniture, months and weekdays, and titles (which the
/// name follows rather than includes). Listed first names are exempt ("Jan" is a month
/// abbreviation, too), and so are the royal titles that news use as names ("Kongen").
fn is_never_name(word: &str) -> bool {
    if lexicon::FIRST_NAMES.contains(word) || lexicon::ROYALS.contains(word) {
        return false;
    }
    let lower = lowercase(word);
    lexicon::FURNITURE.contains(&lower) || lexicon::CALENDAR.contains(&lower) || is_title(word)
}

/// Token indices `first..end` of a candidate name.
#[derive(Debug, Clone, Copy)]
struct Run {
    first: usize,
    end: usize,
}

/// The recogniser's view of one text.
struct Scan<'a, 's> {
    text: &'a str,
    tokens: &'a [Token],
    /// Capitalised words known to be names because they occur where no sentence starts.
    seen: &'a HashSet<&'s str>,
}

/// Longest run of lowercase words after a name that may still belong to a listed name
/// ("Statens vegvesen", "Sogn og Fjordane", "Leger uten grenser").
const MAX_LISTED_TAIL: usize = 3;

impl Scan<'_, '_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn span(&self, run: Run) -> (usize, usize) {
        let start = self.tokens.get(run.first).map_or(0, |t| t.start);
        let end = run.end.checked_sub(1).and_then(|last| self.tokens.get(last)).map_or(start, |t| t.end);
        (start, end)
    }

    fn span_text(&self, run: Run) -> &str {
        let (start, end) = self.span(run);
        self.text.get(start..end).unwrap_or("")
    }

    /// Token `i` exists and continues the word before it (only spaces in between).
    fn attached(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.attached)
    }

    fn is_name_at(&self, i: usize) -> bool {
        i < self.tokens.len() && is_name_word(self.word(i))
    }

    fn recognize(&self, out: &mut Vec<Mention>) {
        let mut i = 0;
        while i < self.tokens.len() {
            if !self.is_name_at(i) {
                i += 1;
                continue;
            }
            let run = Run { first: i, end: self.run_end(i) };
            i = run.end;
            if self.is_label(run) {
                continue;
            }
            if let Some((mention, end)) = self.resolve(run) {
                out.push(mention);
                i = i.max(end);
            }
        }
    }

    /// A shouted label that opens a line, such as "ALBUM:" or "BESTE LÅT:" in reviews: all
    /// capitals, first in its sentence, directly followed by a colon, and no name the lists
    /// know ("NRK: …" stays a name).
    fn is_label(&self, run: Run) -> bool {
        let (_, end) = self.span(run);
        self.tokens.get(run.first).is_some_and(|t| t.initial)
            && (run.first..run.end).all(|i| is_all_caps(self.word(i)))
            && self.text.get(end..).is_some_and(|rest| rest.trim_start().starts_with(':'))
            && listed_kind(self.span_text(run)).is_none()
    }

    /// End (exclusive) of the run of name words starting at `first`: capitalised words with
    /// only spaces between them, a lowercase particle ("van", "bin") between two of them, and
    /// "i"/"på" after an educational institution ("Universitetet i Oslo").
    fn run_end(&self, first: usize) -> usize {
        let mut end = first + 1;
        loop {
            if self.genitive_before(end) {
                return end;
            }
            if self.attached(end) && self.is_name_at(end) {
                end += 1;
            } else if self.attached(end) && self.attached(end + 1) && self.is_name_at(end + 1) && self.joins_names(end)
            {
                end += 2;
            } else {
                return end;
            }
        }
    }

    /// The name ends before token `i` because the word before it is the genitive of a party,
    /// place or organisation and a new name follows: "Høyres Erna Solberg", "Oslos Frogner".
    /// "Norges Bank" stays whole: "Bank" starts no name on its own.
    fn genitive_before(&self, i: usize) -> bool {
        let Some(previous) = i.checked_sub(1).map(|p| self.word(p)) else {
            return false;
        };
        if lexicon::FIRST_NAMES.contains(previous) || !previous.ends_with(['s', '\'', '’']) {
            return false;
        }
        let next = self.word(i);
        let listed_owner = strip_genitive(previous).is_some_and(|b| listed_kind(b).is_some());
        lexicon::FIRST_NAMES.contains(next) || (listed_owner && listed_kind(next).is_some())
    }

    /// The lowercase word at `i` may join the names before and after it.
    fn joins_names(&self, i: usize) -> bool {
        let word = self.word(i);
        lexicon::NAME_PARTICLES.contains(word)
            || (matches!(word, "i" | "på")
                && ["universitetet", "høgskolen", "høyskolen", "høgskulen", "universitet"]
                    .iter()
                    .any(|head| lowercase(self.word(i - 1)).ends_with(head)))
    }

    /// Turns a run into a mention, or drops it. Also gives the token index where scanning
    /// goes on, as a listed name or an institution word may reach past the run.
    fn resolve(&self, run: Run) -> Option<(Mention, usize)> {
        let (run, kind) = match self.listed_with_tail(run) {
            Some((end, kind)) => (Run { end, ..run }, kind),
            None => {
                let run = self.trim_front(run)?;
                (run, self.classify(run)?)
            }
        };
        let (run, kind) = self.with_tail(run, kind);
        let (start, end) = self.span(run);
        Some((Mention { start, end, kind }, run.end))
    }

    /// The run, possibly with a few lowercase words after it, is a listed place or
    /// organisation ("Den Haag", "Statens vegvesen"). Gives the end of the listed name.
    fn listed_with_tail(&self, run: Run) -> Option<(usize, EntityKind)> {
        let mut best = None;
        for end in run.end..=run.end + MAX_LISTED_TAIL {
            if end > run.end && !self.attached(end - 1) {
                break;
            }
            if let Some(kind) = listed_kind(self.span_text(Run { end, ..run })) {
                best = Some((end, kind));
            }
        }
        best
    }

    /// Drops leading words that are not part of the name: titles, furniture, months, and a
    /// capitalised function word or unknown common word opening a sentence ("Men Ole",
    /// "Møtte Ole"). A sentence-initial word left alone is a name only with extra evidence.
    fn trim_front(&self, mut run: Run) -> Option<Run> {
        while run.first < run.end {
            let token = self.tokens.get(run.first)?;
            let word = self.word(run.first);
            let function_word = token.initial && lexicon::STOPWORDS.contains(&lowercase(word));
            let unknown_opener = token.initial
                && run.end - run.first > 1
                && !self.is_known(word)
                && self.starts_name_on_its_own(run.first + 1);
            if is_never_name(word) || function_word || unknown_opener {
                run.first += 1;
                continue;
            }
            if run.end - run.first == 1 && !self.lone_word_is_name(run) {
                return None;
            }
            return Some(run);
        }
        None
    }

    /// The word at `i` begins a name without help from the word before it: a first name, or a
    /// listed place or organisation ("Møtte Ole Hansen", "Besøkte Oslo").
    fn starts_name_on_its_own(&self, i: usize) -> bool {
        let word = self.word(i);
        lexicon::FIRST_NAMES.contains(word) || listed_kind(word).is_some()
    }

    /// The word is a name on its own: listed, a known first name, an acronym, or capitalised
    /// where no sentence starts.
    fn is_known(&self, word: &str) -> bool {
        listed_kind(word).is_some()
            || listed(&lexicon::FIRST_NAMES, word)
            || listed(&lexicon::SURNAMES, word)
            || self.seen.contains(word)
            || strip_genitive(word).is_some_and(|base| self.seen.contains(base))
    }

    /// Whether a one-word run is a name. A single letter is not (an initial or a list label
    /// standing alone), nor a capitalised function word or adjective in -sk inside a sentence
    /// ("Den" of "Den norske kirke", "Norsk" of "Norsk institutt for …": the lowercase rest of
    /// such a name cannot be delimited by capitalisation). At a sentence start the word
    /// needs evidence: it is known, an acronym, or followed by a verb of saying.
    fn lone_word_is_name(&self, run: Run) -> bool {
        let word = self.word(run.first);
        let lower = lowercase(word);
        if word.trim_end_matches('.').chars().nth(1).is_none()
            || lexicon::STOPWORDS.contains(&lower)
            || (lower.ends_with("sk") && listed_kind(word).is_none())
        {
            return false;
        }
        let initial = self.tokens.get(run.first).is_some_and(|t| t.initial);
        !initial
            || self.is_known(word)
            || is_all_caps(word)
            || (lexicon::SPEECH_VERBS.contains(self.next_word(run)) && !looks_definite(word))
    }

    /// The word before the run, if it is in the same sentence.
    fn previous_word(&self, run: Run) -> &str {
        let starts_sentence = self.tokens.get(run.first).is_none_or(|t| t.initial);
        match run.first.checked_sub(1) {
            Some(i) if !starts_sentence => self.word(i),
            _ => "",
        }
    }

    /// The word after the run, if it is in the same sentence.
    fn next_word(&self, run: Run) -> &str {
        match self.tokens.get(run.end) {
            Some(t) if !t.initial => t.text(self.text),
            _ => "",
        }
    }

    /// Decides the kind of a run from its own words first, then from the words around it.
    /// `None` means a name that is none of the three kinds (a document, an event).
    fn classify(&self, run: Run) -> Option<EntityKind> {
        let name = self.span_text(run);
        if let Some(kind) = listed_kind(name) {
            return Some(kind);
        }
        if lexicon::ROYALS.contains(name) {
            return Some(EntityKind::Person);
        }
        let single = run.end - run.first == 1;
        let last = self.word(run.end - 1);
        let last_lower = lowercase(last);
        if (!single && lexicon::ORG_LAST_WORDS.contains(last))
            || (single && (is_acronym(name) || name.contains('.') || self.is_party_letter(run)))
            || ends_like(&lexicon::ORG_SUFFIXES, &last_lower)
            || (run.first..run.end).any(|i| matches!(self.word(i), "i" | "på"))
        {
            return Some(EntityKind::Organisation);
        }
        if ends_like(&lexicon::THING_SUFFIXES, &last_lower) {
            return None;
        }
        Some(self.classify_by_context(run, &last_lower))
    }

    /// The kind of a run its own words do not settle: person cues (first name, title, verb of
    /// saying), then place cues (suffix, place noun, preposition), and person by default, as an
    /// unknown capitalised word inside a Norwegian sentence is most often a surname.
    fn classify_by_context(&self, run: Run, last_lower: &str) -> EntityKind {
        let previous = self.previous_word(run);
        let previous_lower = lowercase(previous);
        let next = self.next_word(run);
        let last = self.word(run.end - 1);
        if listed(&lexicon::FIRST_NAMES, self.word(run.first))
            || listed(&lexicon::SURNAMES, last)
            || is_title(previous)
            || lexicon::SPEECH_VERBS.contains(previous)
            || lexicon::SPEECH_VERBS.contains(next)
        {
            EntityKind::Person
        } else if ends_like(&lexicon::PLACE_SUFFIXES, last_lower)
            || ends_like(&lexicon::PLACE_NOUNS, &previous_lower)
            || lexicon::PLACE_NOUNS.contains(&previous_lower)
            || lexicon::PLACE_PREPOSITIONS.contains(previous)
        {
            EntityKind::Place
        } else if ends_like(&lexicon::ORG_NOUNS, &previous_lower) || lexicon::ORG_NOUNS.contains(&previous_lower) {
            EntityKind::Organisation
        } else {
            EntityKind::Person
        }
    }

    /// A lone capital letter in parentheses after a politician's name, "Erna Solberg (H)",
    /// is a party.
    fn is_party_letter(&self, run: Run) -> bool {
        let (start, end) = self.span(run);
        end - start == 1
            && self.text.get(..start).is_some_and(|t| t.ends_with('('))
            && self.text.get(end..).is_some_and(|t| t.starts_with(')'))
    }

    /// "Bergen kommune", "Oslo tingrett", "Kleppestø skole": a lowercase institution word
    /// right after a name belongs to it and decides its kind.
    fn with_tail(&self, run: Run, kind: EntityKind) -> (Run, EntityKind) {
        if !self.attached(run.end) {
            return (run, kind);
        }
        let next = self.word(run.end);
        let next = strip_genitive(next).unwrap_or(next);
        let tail_kind = if lexicon::PLACE_TAILS.contains(next) || has_suffix_in(&lexicon::PLACE_TAILS, next) {
            EntityKind::Place
        } else if lexicon::ORG_TAILS.contains(next) || has_suffix_in(&lexicon::ORG_TAILS, next) {
            EntityKind::Organisation
        } else {
            return (run, kind);
        };
        let run = Run { end: run.end + 1, ..run };
        (run, tail_kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(names("NRK: Stortinget vedtok budsjettet."), vec![("NRK", Org), ("Stortinget", Org)]);
    }

    #[test]
    fn places_after_prepositions_and_by_suffix() {
        let text = "Ferja gikk fra Hjellestad til Sognefjorden, og mannen bor i Grendvik.";
        assert_eq!(names(text), vec![("Hjellestad", Place), ("Sognefjorden", Place), ("Grendvik", Place)]);
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
    fn furniture_and_calendar_words_are_not_names() {
        assert_eq!(names("Foto: Les også Siste nytt Mandag Hopp"), vec![]);
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
    fn extract_takes_the_majority_kind() {
        let entities = extract(["Hun flyttet fra Grendvik.", "Grendvik sa nei.", "Vi møtte Grendvik i går."]);
        assert_eq!(entity(&entities, "Grendvik"), Some((Per, 3)));
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
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/000_3586eb60af678157.txt");
        let Ok(article) = std::fs::read_to_string(path) else {
            return;
        };
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
}
