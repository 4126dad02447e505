//! Language: which language an article is written in, as an ISO 639-1 code.
//!
//! whatlang decides the language, but it has no Nynorsk, and on short Norwegian texts it
//! often answers Danish or Swedish. For Scandinavian texts we therefore count marker words of
//! Bokmål and Nynorsk ourselves and decide between `nb` and `nn`.
//!
//! The marker words are function words and frequent forms whose spelling differs between the
//! written standards, so even a short paragraph contains several. Each word belongs to one
//! class (see [`Marker`]); words shared by Bokmål and Danish count for Bokmål against Nynorsk
//! but are no evidence against Danish.

use std::collections::HashMap;
use std::sync::LazyLock;

use whatlang::Lang;

/// Code for "undetermined" (ISO 639-2), used when there is no reliable answer.
pub const UNDETERMINED: &str = "und";

/// The language of an article of `texts` whose page declares `declared` (`und` when it
/// declares none).
///
/// Detection wins over the declaration, because pages routinely declare `nb` for Nynorsk
/// text, and the declaration is kept when detection has no answer. One exception: a page
/// declaring Norwegian stays Norwegian when detection says Danish or Swedish without being
/// sure, as on a short page, where whatlang often takes Norwegian for its neighbours.
pub(crate) fn of_article<'a>(texts: impl IntoIterator<Item = &'a str>, declared: &str) -> String {
    let detected = detect_scored(&sample(texts));
    let norwegian = matches!(declared, "nb" | "nn");
    if detected.code == UNDETERMINED || (norwegian && matches!(detected.code, "da" | "sv") && !detected.sure) {
        return declared.to_owned();
    }
    detected.code.to_owned()
}

/// What detection made of a text.
struct Detected {
    /// The ISO 639-1 code of its language: `nb`, `nn`, `en`, `sv`, `da`, `de`, … or `und`
    /// for an empty text or one whatlang cannot place reliably.
    code: &'static str,
    /// Whether the answer is sure enough to overrule a declared language: whatlang found it
    /// reliable, on a text of at least [`SURE_WORDS`] words, or the marker words decided.
    sure: bool,
}

/// The fewest words on which detection overrules a declared Norwegian.
const SURE_WORDS: usize = 40;

/// What detection makes of `text`, a [`sample`] of an article.
fn detect_scored(text: &str) -> Detected {
    let Some(info) = whatlang::detect(text) else {
        return Detected { code: UNDETERMINED, sure: false };
    };
    let lang = info.lang();
    let sure = info.is_reliable() && text.split_whitespace().count() >= SURE_WORDS;
    let scandinavian = matches!(lang, Lang::Nob | Lang::Dan | Lang::Swe);
    if scandinavian || !info.is_reliable() {
        let counts = MarkerCounts::of(text);
        if let Some(code) = counts.decide(lang) {
            // Danish or Swedish marker words outnumbering the Norwegian ones are evidence of
            // their own, whatever whatlang's confidence between such close languages.
            return Detected { code, sure: sure || matches!(code, "da" | "sv") };
        }
    }
    // A short Scandinavian text without telling marker words is still far more likely in the
    // language whatlang guessed than in none; its stemmer serves search better than no stemmer.
    let code = if info.is_reliable() || scandinavian { iso_639_1(lang) } else { UNDETERMINED };
    Detected { code, sure }
}

/// How much of a text the detection reads. A kilobyte (150–200 words) holds plenty of trigrams
/// and marker words; reading further costs time in proportion and changes next to nothing. On
/// the 710 NorNE documents of three sentences or more, 1 KB and 4 KB both tell every Bokmål and
/// Nynorsk document right; on NoReC they agree on all but about 30 of 43,436 reviews (mixed texts, wrong
/// either way about as often), and 1 KB cut the CPU time of `arkiv index --no-entities` from 21.4
/// to 15.0 s.
const SAMPLE_BYTES: usize = 1024;

/// The start of `texts` joined by line breaks, at most [`SAMPLE_BYTES`] long, cut at a
/// character boundary. Only that much is joined: the texts of a big article are megabytes.
fn sample<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for text in texts {
        if joined.len() >= SAMPLE_BYTES {
            break;
        }
        if !joined.is_empty() {
            joined.push('\n');
        }
        joined.push_str(&text[..text.floor_char_boundary(SAMPLE_BYTES - joined.len())]);
    }
    joined
}

/// Which language a marker word speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// Nynorsk only ("ikkje", "eg", "kva").
    Nynorsk,
    /// Bokmål only: differs from Nynorsk and from Danish ("hva", "noe", "ble").
    Bokmal,
    /// Bokmål and Danish, not Nynorsk ("ikke", "jeg", "hvem").
    BokmalDanish,
    /// Both Norwegian standards, neither Danish nor Swedish ("seg", "ut", "hadde").
    Norwegian,
    /// Danish, not Norwegian ("af", "hvad", "meget").
    Danish,
    /// Swedish, not Norwegian ("och", "inte", "jag").
    Swedish,
    /// Danish and Swedish, not Norwegian ("sig", "efter", "nu").
    DanishSwedish,
}

const NYNORSK: &[&str] = &[
    "ikkje",
    "eg",
    "kva",
    "berre",
    "korleis",
    "dei",
    "deira",
    "heile",
    "heilt",
    "frå",
    "òg",
    "eit",
    "ein",
    "noko",
    "nokon",
    "nokre",
    "kven",
    "mykje",
    "vere",
    "vore",
    "vorte",
    "meir",
    "sjølv",
    "fekk",
    "gjekk",
    "no",
    "ho",
    "hjå",
    "kjem",
    "seier",
    "fleire",
    "sidan",
    "difor",
    "truleg",
    "saman",
    "elles",
    "enno",
    "kvifor",
    "korfor",
    "dykk",
    "dykkar",
    "me",
    "gjer",
    "høyrer",
    "nokså",
    "framleis",
    "tidlegare",
    "særleg",
];

const BOKMAL: &[&str] = &[
    "hva",
    "noe",
    "mye",
    "vært",
    "mer",
    "fikk",
    "gikk",
    "nå",
    "ble",
    "noen",
    "sier",
    "gjør",
    "uten",
    "hennes",
    "trolig",
    "blitt",
    "fortsatt",
    "tidligere",
    "særlig",
    "hvilke",
];

const BOKMAL_DANISH: &[&str] = &[
    "ikke", "jeg", "de", "hele", "helt", "fra", "et", "hvem", "være", "selv", "hver", "bare", "hvordan", "hun", "mens",
    "flere", "hvor", "derfor", "sammen", "siden", "ellers", "hvorfor", "dere", "deres", "en",
];

const NORWEGIAN: &[&str] = &[
    "seg", "meg", "deg", "ut", "opp", "etter", "hadde", "igjen", "bli", "gi", "å", "nei", "hos", "også", "mellom",
    "mot", "grunn",
];

const DANISH: &[&str] = &[
    "af", "hvad", "meget", "noget", "nogen", "havde", "ud", "op", "været", "fik", "gik", "mere", "sådan", "blive",
    "siger", "mellem", "igen", "hende", "jer", "giver", "tage", "gøre", "lige",
];

const SWEDISH: &[&str] = &[
    "och", "inte", "jag", "är", "att", "för", "också", "när", "mycket", "hon", "sedan", "även", "bara", "vara",
    "varit", "säger", "detta", "någon", "något", "till", "från", "hade", "honom", "vad",
];

const DANISH_SWEDISH: &[&str] = &["nu", "efter", "blev", "mig", "sig", "dig"];

/// Every marker word with its class, built once.
static MARKERS: LazyLock<HashMap<&'static str, Marker>> = LazyLock::new(|| {
    let classes = [
        (NYNORSK, Marker::Nynorsk),
        (BOKMAL, Marker::Bokmal),
        (BOKMAL_DANISH, Marker::BokmalDanish),
        (NORWEGIAN, Marker::Norwegian),
        (DANISH, Marker::Danish),
        (SWEDISH, Marker::Swedish),
        (DANISH_SWEDISH, Marker::DanishSwedish),
    ];
    classes.iter().flat_map(|(words, marker)| words.iter().map(move |w| (*w, *marker))).collect()
});

/// How many marker words of each class a text contains.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct MarkerCounts {
    nynorsk: u32,
    bokmal: u32,
    bokmal_danish: u32,
    norwegian: u32,
    danish: u32,
    swedish: u32,
    danish_swedish: u32,
}

impl MarkerCounts {
    /// Counts the marker words of `text`, comparing words in lowercase.
    fn of(text: &str) -> Self {
        let mut counts = Self::default();
        let mut lower = String::new();
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if let Some(marker) = MARKERS.get(lower.as_str()) {
                counts.add(*marker);
            }
        }
        counts
    }

    fn add(&mut self, marker: Marker) {
        let slot = match marker {
            Marker::Nynorsk => &mut self.nynorsk,
            Marker::Bokmal => &mut self.bokmal,
            Marker::BokmalDanish => &mut self.bokmal_danish,
            Marker::Norwegian => &mut self.norwegian,
            Marker::Danish => &mut self.danish,
            Marker::Swedish => &mut self.swedish,
            Marker::DanishSwedish => &mut self.danish_swedish,
        };
        *slot += 1;
    }

    /// The language the markers point to, or `None` when there are too few to say.
    ///
    /// Danish or Swedish wins only when their markers outnumber the purely Norwegian ones
    /// (words shared with Bokmål prove nothing against Danish), so a short Norwegian text that
    /// whatlang took for Danish comes back as Norwegian. Between Danish and Swedish whatlang's
    /// answer (`guess`) stands, as its letter statistics separate those two well. Between the
    /// Norwegian standards Nynorsk needs more markers than Bokmål: a tie is more likely Bokmål,
    /// by far the more common standard.
    fn decide(self, guess: Lang) -> Option<&'static str> {
        let norwegian_only = self.nynorsk + self.bokmal + self.norwegian;
        let foreign = self.danish + self.swedish + self.danish_swedish;
        if foreign > norwegian_only && foreign >= 2 {
            return Some(match guess {
                Lang::Dan => "da",
                Lang::Swe => "sv",
                _ if self.swedish > self.danish => "sv",
                _ => "da",
            });
        }
        let bokmal = self.bokmal + self.bokmal_danish;
        if self.nynorsk + bokmal + self.norwegian < 2 {
            return None;
        }
        Some(if self.nynorsk > bokmal { "nn" } else { "nb" })
    }
}

/// The ISO 639-1 code of a whatlang language. Every language whatlang knows has one.
fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str) -> &'static str {
        detect_scored(&sample([text])).code
    }

    #[test]
    fn bokmal_news() {
        let text = "Regjeringen la tirsdag fram et forslag som skal gjøre det enklere for \
                    kommunene å bygge nye barnehager. – Vi har ikke råd til å vente lenger, \
                    sier statsråden, som mener at det har gått for sakte de siste årene.";
        assert_eq!(detect(text), "nb");
    }

    #[test]
    fn nynorsk_news() {
        let text = "Fylkeskommunen vil leggje ned to ferjesamband neste år. – Eg forstår \
                    ikkje korleis dei kan gjere dette utan å snakke med folk som bur her, \
                    seier ordføraren. Ho meiner det berre er snakk om pengar.";
        assert_eq!(detect(text), "nn");
    }

    #[test]
    fn short_norwegian_is_not_danish() {
        assert_eq!(detect("Hun sier at hun ikke vet hva som skjedde."), "nb");
        assert_eq!(detect("Eg veit ikkje kva som hende."), "nn");
        assert_eq!(detect("Ferja er innstilt. Ferja mellom Bodø og Moskenes er innstilt på grunn av storm."), "nb");
    }

    #[test]
    fn long_texts_are_sampled_at_a_character_boundary() {
        let text = "Eg veit ikkje kva som hende, men det var ikkje bra. ".repeat(200);
        assert_eq!(detect(&text), "nn");
        let shifted = format!("ø{text}");
        assert!(sample([shifted.as_str()]).len() <= SAMPLE_BYTES);
        assert_eq!(detect(&shifted), "nn");
        let texts = ["Eg veit ikkje kva som hende.", &shifted];
        let joined = sample(texts);
        assert!(joined.len() <= SAMPLE_BYTES && joined.starts_with("Eg veit ikkje kva som hende.\nøEg"), "{joined}");
    }

    #[test]
    fn english() {
        let text = "The government announced on Tuesday that it would spend more money on \
                    schools and hospitals, but critics said the plan did not go far enough.";
        assert_eq!(detect(text), "en");
    }

    #[test]
    fn swedish() {
        let text = "Regeringen meddelade på tisdagen att den inte kommer att höja skatten i år. \
                    Jag tror att det är ett klokt beslut, säger hon till tidningen.";
        assert_eq!(detect(text), "sv");
    }

    #[test]
    fn danish() {
        let text = "Regeringen har besluttet at bruge flere penge på uddannelse. Det er meget \
                    vigtigt for os, siger ministeren, som mener at der er brug for noget nyt.";
        assert_eq!(detect(text), "da");
    }

    #[test]
    fn nothing_to_detect() {
        assert_eq!(detect(""), "und");
        assert_eq!(detect("   \n\t"), "und");
        assert_eq!(detect("12 345 !!"), "und");
        assert_eq!(detect("🙂👍🏽"), "und");
        assert!(!detect("e\u{301}\u{301}\u{301} ñ̃").is_empty());
    }

    #[test]
    fn every_marker_has_one_class() {
        let total = NYNORSK.len()
            + BOKMAL.len()
            + BOKMAL_DANISH.len()
            + NORWEGIAN.len()
            + DANISH.len()
            + SWEDISH.len()
            + DANISH_SWEDISH.len();
        assert_eq!(MARKERS.len(), total);
    }

    #[test]
    fn every_whatlang_language_has_a_code() {
        for lang in Lang::all() {
            assert_eq!(iso_639_1(*lang).len(), 2, "{lang:?}");
        }
    }
}
