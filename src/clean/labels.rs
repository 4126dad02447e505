//! The words that mark furniture and photo credits, for every cleaner.
//!
//! A text dump and an HTML page show the same furniture ("Annonse", "Les også", "Foto: NTB"),
//! so the text cleaner and the HTML extractor ask this one module rather than keep lists of
//! their own that drift apart.

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
];

/// Labels that introduce a photo credit ("Foto: NTB", "Photo: Reuters").
const CREDIT_LABELS: &[&str] = &["foto", "photo", "bilde", "illustrasjon", "grafikk", "video", "kilde", "credit"];

/// Endings of a bare credit line without a label ("Victor Virgile/Getty Images").
const AGENCY_ENDINGS: &[&str] = &["getty images", "shutterstock", "/ap", "/ reuters", "/reuters", "/afp", "/ntb"];

/// A credit line is short: a label, and up to ten words of names and agencies.
const MAX_CREDIT_WORDS: usize = 10;

/// The line lowercased without the punctuation a label may end with.
fn bare(line: &str) -> String {
    line.trim().trim_end_matches([':', '.']).trim().to_lowercase()
}

/// Whether a line of up to three words is a menu item, button or ad label.
pub fn is_menu_word(line: &str) -> bool {
    line.split_whitespace().nth(3).is_none() && MENU_WORDS.contains(&bare(line).as_str())
}

/// Whether a line is the heading of a box of links to other articles.
pub fn is_widget_heading(line: &str) -> bool {
    WIDGET_HEADINGS.contains(&bare(line).as_str())
}

/// The credit of a whole credit line: "Foto: POOL / Reuters" gives `POOL / Reuters`, and a
/// short line ending in an agency name ("Victor Virgile/Getty Images") is a credit as it is.
pub fn credit_line(line: &str) -> Option<String> {
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

/// Separates a caption's text from its credit: `marked` is the part the markup declared as
/// credit (possibly empty), else a trailing "Foto: …" part is the credit. The label is dropped.
pub fn split_caption(text: &str, marked: &str) -> (String, Option<String>) {
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
    fn menu_words_and_widget_headings() {
        assert!(is_menu_word("Annonse") && is_menu_word("Del saken:") && !is_menu_word("Del av budsjettet"));
        assert!(is_widget_heading("Les også:") && !is_widget_heading("Les også budsjettet"));
    }
}
