//! The words that mark furniture and photo credits, for every cleaner.
//!
//! A text dump and an HTML page show the same furniture ("Annonse", "Les også", "Foto: NTB"),
//! so the text cleaner and the HTML extractor ask this one module rather than keep lists of
//! their own that drift apart. (The entity tagger's furniture words, `FURNITURE` in
//! `arkiv_ner`, are another thing: a feature of the trained model, which changes only with a
//! retrained model.)

/// Lone words and short phrases that only occur on a page as menu items, buttons or ad labels.
const MENU_WORDS: &[&str] = &[
    "meny",
    "menu",
    "søk",
    "search",
    "logg inn",
    "log in",
    "min side",
    "abonner",
    "abonnement",
    "forsiden",
    "del",
    "del artikkelen",
    "del saken",
    "kopier lenke",
    "tips oss",
    "annonse",
    "reklame",
    "sponset",
    "advertisement",
    "advertising",
    "anzeige",
    "werbung",
    "reklam",
    "reklama",
    "publicidad",
    "publicité",
    "pubblicità",
    "advert",
    "ad",
    "sponsored",
    "share",
    "subscribe",
    "lukk",
    "close",
    "vis mer",
    "les mer",
    "les hele saken",
];

/// Headings of the boxes news sites put around an article ("latest news", "most read").
const WIDGET_HEADINGS: &[&str] = &[
    "siste nytt",
    "mest lest",
    "mest lest nå",
    "les også",
    "se også",
    "relaterte saker",
    "relatert",
    "flere saker",
    "flere nyheter",
    "anbefalt",
    "anbefalte saker",
    "mer fra",
    "latest news",
    "most read",
    "related",
    "related articles",
    "related content",
    "read more",
    "read next",
    "see also",
    "you might like",
    "you may also like",
    "more stories",
    "don't miss",
    "top stories",
    "trending",
    "trending now",
    "recommended",
    "recommended for you",
    "recommended by our editors",
    "kort fortalt",
    "in brief",
    "related stories",
    "related posts",
    "most popular",
    "more from",
    "läs även",
    "læs også",
    "lees ook",
    "lesen sie auch",
    "auch interessant",
    "mehr zum thema",
    "czytaj więcej",
    "czytaj też",
    "leia também",
    "lee también",
];

/// Words that open a dateline ("Publisert 21. mai 2019 kl. 18.43", "UPDATED: 11:05 …").
const DATELINE_WORDS: &[&str] = &["publisert", "oppdatert", "sist oppdatert", "published", "updated"];

/// A dateline is short: the label, a date and a time, perhaps twice (published and updated).
const MAX_DATELINE_WORDS: usize = 14;

/// Labels that introduce a photo credit ("Foto: NTB", "Photo: Reuters").
const CREDIT_LABELS: &[&str] =
    &["foto", "photo", "bilde", "bild", "image", "illustrasjon", "grafikk", "video", "kilde", "credit"];

/// Endings of a bare credit line without a label ("Victor Virgile/Getty Images").
const AGENCY_ENDINGS: &[&str] = &["getty images", "shutterstock", "/ap", "/ reuters", "/reuters", "/afp", "/ntb"];

/// A credit line is short: a label, and up to ten words of names and agencies.
const MAX_CREDIT_WORDS: usize = 10;

/// Phrases that make a short line a rights notice wherever they stand in it.
const RIGHTS_PHRASES: &[&str] = &["all rights reserved", "alle rettigheter", "ettertrykk forbudt"];

/// Words that, together with one of [`SIGNUP_WORDS`], make a short line a call to sign up for
/// a newsletter.
const NEWSLETTER_WORDS: &[&str] = &["newsletter", "nyhetsbrev"];
const SIGNUP_WORDS: &[&str] = &["sign up", "subscrib", "inbox", "meld deg på", "abonner"];

/// A notice is a sentence or three: a long paragraph that mentions a newsletter is text.
const MAX_NOTICE_WORDS: usize = 40;

/// What the label over an ad in the middle of an article says ("Story continues below
/// advertisement", "Saken fortsetter under annonsen").
const CONTINUES_PHRASES: &[&str] = &[
    "continues below",
    "continues after advertisement",
    "continues after the ad",
    "fortsetter under annonsen",
    "fortsetter etter annonsen",
];

/// Such a label is a few words long.
const MAX_CONTINUES_WORDS: usize = 8;

/// The line lowercased without the punctuation a label may end with.
fn bare(line: &str) -> String {
    line.trim().trim_end_matches([':', '.']).trim().to_lowercase()
}

/// How a link that lets keyboard users jump past the menu starts: "Hopp til innhold", "Gå til
/// hovedinnhold", "Skip to main content".
const SKIP_LINK_PREFIXES: &[&str] = &["gå til ", "hopp direkte til ", "hopp til ", "jump to ", "skip to "];

/// The most words a skip link has.
const MAX_SKIP_LINK_WORDS: usize = 5;

/// Words that stand alone where a picture or video stood, in brackets or bare ("[Bilde]").
const MEDIA_WORDS: &[&str] = &["bilde", "grafikk", "illustrasjon", "image", "photo", "video"];

/// Whether a line (lowercased, of `words` words) is a skip link ([`SKIP_LINK_PREFIXES`]).
pub(crate) fn is_skip_link(lower: &str, words: usize) -> bool {
    words <= MAX_SKIP_LINK_WORDS && SKIP_LINK_PREFIXES.iter().any(|prefix| lower.starts_with(prefix))
}

/// Whether a word is a media placeholder ([`MEDIA_WORDS`]), in any case.
pub(crate) fn is_media_word(word: &str) -> bool {
    MEDIA_WORDS.contains(&word.to_lowercase().as_str())
}

/// Whether a line of up to three words is a menu item, button or ad label.
pub(crate) fn is_menu_word(line: &str) -> bool {
    line.split_whitespace().nth(3).is_none() && MENU_WORDS.contains(&bare(line).as_str())
}

/// Whether a line is a notice the site prints in every article rather than part of it: a
/// copyright line ("© 2023 Science X Network", "Copyright 2024 Nexstar Media Inc."), a call
/// to sign up for a newsletter, or the label over an ad ("Article continues below this ad").
pub(crate) fn is_notice(line: &str) -> bool {
    if line.split_whitespace().nth(MAX_NOTICE_WORDS).is_some() {
        return false;
    }
    let lower = line.trim().to_lowercase();
    if line.split_whitespace().nth(MAX_CONTINUES_WORDS).is_none() && CONTINUES_PHRASES.iter().any(|p| lower.contains(p))
    {
        return true;
    }
    let first = lower.split_whitespace().next().unwrap_or_default();
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
    let copyright = (first.starts_with('©') || first == "copyright" || first == "(c)") && has_year;
    copyright
        || RIGHTS_PHRASES.iter().any(|p| lower.contains(p))
        || (NEWSLETTER_WORDS.iter().any(|w| lower.contains(w)) && SIGNUP_WORDS.iter().any(|w| lower.contains(w)))
}

/// Whether a line is the heading of a box of links to other articles.
pub(crate) fn is_widget_heading(line: &str) -> bool {
    WIDGET_HEADINGS.contains(&bare(line).as_str())
}

/// Whether a line is a dateline: a short line opening with "Publisert", "Updated" and the like.
pub(crate) fn is_dateline(line: &str) -> bool {
    let lower = line.trim_start().to_lowercase();
    line.split_whitespace().nth(MAX_DATELINE_WORDS).is_none() && DATELINE_WORDS.iter().any(|w| lower.starts_with(w))
}

/// The credit of a whole credit line: "Foto: POOL / Reuters" gives `POOL / Reuters`, and a
/// short line ending in an agency name ("Victor Virgile/Getty Images") is a credit as it is.
pub(crate) fn credit_line(line: &str) -> Option<String> {
    let short = |text: &str| text.split_whitespace().nth(MAX_CREDIT_WORDS).is_none();
    let line = line.trim();
    if let Some((label, rest)) = line.split_once(':') {
        let label = label.trim().to_lowercase();
        let rest = rest.trim();
        let is_label = CREDIT_LABELS.iter().any(|known| label == *known || label.starts_with(&format!("{known} ")));
        return (is_label && !rest.is_empty() && short(rest)).then(|| rest.to_owned());
    }
    let lower = line.to_lowercase();
    (short(line) && AGENCY_ENDINGS.iter().any(|ending| lower.ends_with(ending))).then(|| line.to_owned())
}

/// "Av Ola Nordmann og Kari Nordmann" → the names. Only short lines whose words after "Av"
/// are capitalised (or joining words) count, so that a sentence starting with "Av" is text.
pub(crate) fn byline_line(line: &str) -> Option<String> {
    let rest = line.strip_prefix("Av ").or_else(|| line.strip_prefix("By "))?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let names_only = words
        .iter()
        .all(|word| word.chars().next().is_some_and(char::is_uppercase) || ["og", "and", "&", ","].contains(word));
    (names_only && (1..=8).contains(&words.len()) && !rest.ends_with('.')).then(|| rest.to_owned())
}

/// A reviewer's or reporter's signature: a name in capitals on a line of its own, as papers
/// print it under a text ("ESPEN A. HANSEN"). Two to four words of capital letters, initials
/// allowed; nothing else (no digits, no colon: "TERNINGKAST 5", "ANBEFALTE KJØP:").
pub(crate) fn signature_line(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let name_word = |word: &&str| {
        let letters = word.trim_end_matches('.');
        !letters.is_empty()
            && letters.chars().all(|c| c.is_uppercase() || c == '-')
            && (letters.chars().count() > 1 || word.ends_with('.'))
    };
    let long_words = words.iter().filter(|word| word.trim_end_matches('.').chars().count() > 1).count();
    ((2..=4).contains(&words.len()) && long_words >= 2 && words.iter().all(name_word)).then(|| words.join(" "))
}

/// Units of a relative timestamp ("14 hours ago", "21 mins ago").
const AGO_UNITS: &[&str] =
    &["sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hour", "hours", "day", "days"];

/// Whether a line is a relative timestamp of a live feed or teaser ("14 hours ago 11:48").
pub(crate) fn is_relative_time(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), [count, unit, ago, ..]
        if words.len() <= 4
            && count.chars().all(|c| c.is_ascii_digit())
            && AGO_UNITS.contains(&unit.to_lowercase().as_str())
            && ago.to_lowercase().starts_with("ago"))
}

/// A text that ends in a parenthesised credit ("Harry at Windsor (Image: Getty)") is a
/// caption: its text and its credit.
pub(crate) fn trailing_credit(text: &str) -> Option<(String, String)> {
    let inner = text.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let credit = credit_line(&inner[open + 1..])?;
    let caption = inner[..open].trim();
    (!caption.is_empty()).then(|| (caption.to_string(), credit))
}

/// Separates a caption's text from its credit: `marked` is the part the markup declared as
/// credit (possibly empty), else a trailing "Foto: …" part is the credit. The label is dropped.
pub(crate) fn split_caption(text: &str, marked: &str) -> (String, Option<String>) {
    if !marked.is_empty() {
        return (text.to_string(), Some(credit_line(marked).unwrap_or_else(|| marked.to_string())));
    }
    let lower = text.to_lowercase();
    let found = CREDIT_LABELS
        .iter()
        .filter_map(|label| lower.rfind(&format!("{label}:")).map(|at| (at, label.len() + 1)))
        .max_by_key(|&(at, _)| at);
    let Some((at, len)) = found else {
        return (text.to_string(), None);
    };
    let (Some(before), Some(after)) = (text.get(..at), text.get(at + len..)) else {
        return (text.to_string(), None);
    };
    let before = before.trim().trim_end_matches(['(', '[', '|', '/']).trim();
    let after = after.trim().trim_end_matches([')', ']']).trim();
    (before.to_string(), (!after.is_empty()).then(|| after.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_with_and_without_labels() {
        assert_eq!(credit_line("Foto: POOL / Reuters").as_deref(), Some("POOL / Reuters"));
        assert_eq!(credit_line("Victor Virgile/Getty Images").as_deref(), Some("Victor Virgile/Getty Images"));
        assert_eq!(credit_line("Foto: da han var ung, var han en helt annen mann enn den vi kjenner i dag"), None);
        assert_eq!(credit_line("Regjeringen la fram budsjettet."), None);
    }

    #[test]
    fn captions_lose_their_credit() {
        let split = split_caption("Finansministeren. Foto: Lise Åserud", "");
        assert_eq!(split, ("Finansministeren.".to_string(), Some("Lise Åserud".to_string())));
        let split = split_caption("Statsministeren.", "Foto: Heiko Junge / NTB");
        assert_eq!(split, ("Statsministeren.".to_string(), Some("Heiko Junge / NTB".to_string())));
    }

    #[test]
    fn bylines_timestamps_and_bracketed_credits() {
        assert_eq!(byline_line("Av Ola Nordmann og Kari Nordmann").as_deref(), Some("Ola Nordmann og Kari Nordmann"));
        assert_eq!(byline_line("Av og til regner det."), None);
        assert!(is_relative_time("14 hours ago") && is_relative_time("21 mins ago11:48"));
        assert!(!is_relative_time("14 hours ago the ferry left the harbour"));
        let split = trailing_credit("Harry at Windsor (Image: Getty)");
        assert_eq!(split, Some(("Harry at Windsor".to_string(), "Getty".to_string())));
        assert_eq!(trailing_credit("The budget (in billions) grew."), None);
    }

    #[test]
    fn copyright_lines_and_newsletter_calls_are_notices() {
        assert!(is_notice("© 2023 Science X Network") && is_notice("Copyright 2024 Nexstar Media Inc."));
        assert!(is_notice("©2023 David E Colman") && is_notice("Innholdet er beskyttet. Alle rettigheter reservert."));
        assert!(is_notice("Sign up for our newsletter to get the latest stories delivered to your inbox."));
        assert!(is_notice("Meld deg på nyhetsbrevet vårt!"));
        assert!(is_notice("Story continues below advertisement") && is_notice("Saken fortsetter under annonsen"));
        assert!(!is_notice("Kampen fortsetter etter pausen."));
        assert!(!is_notice("Copyright-loven ble endret i 2018, og nå vil departementet endre den igjen."));
        assert!(!is_notice("Nyhetsbrevet kom ut hver uke i 1998."));
        let long = "Avisen abonnerer på et nyhetsbrev fra departementet. ".repeat(8);
        assert!(!is_notice(&long));
    }

    #[test]
    fn menu_words_and_widget_headings() {
        assert!(is_menu_word("Annonse") && is_menu_word("Del saken:") && !is_menu_word("Del av budsjettet"));
        assert!(is_widget_heading("Les også:") && !is_widget_heading("Les også budsjettet"));
        assert!(is_dateline("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019"));
        assert!(!is_dateline(
            "Published reports say the ferry will not sail before the storm has passed and the harbour is safe again."
        ));
    }
}
