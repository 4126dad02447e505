//! Choosing the article's headline among what the page offers.
//!
//! Pages name their article in up to five places: JSON-LD `headline`, `og:title`,
//! `twitter:title`, the `<title>` element and the `h1`. The declared ones are often a variant
//! written for sharing or search ("Live: …", a shortened form, the site name appended), while
//! the `h1` is what the reader sees above the article, but a page may also have several `h1`s
//! (the logo, a section name, the next story). So the headline is the first `h1` that agrees
//! with a declared title, else the declared title without the site name, else `<title>`
//! without the site name, else the first `h1`: an `h1` that agrees with nothing the page
//! declares is as likely the logo as the headline. Where a declared title is that `h1`
//! without the kicker the `h1` puts before it, or with the separator after the kicker that the
//! `h1`'s markup lost, the declared one is the headline as published.

use std::collections::HashSet;

use arkiv_text::collapse_whitespace;

/// The places a page names its article in.
pub(super) struct Candidates<'a> {
    /// JSON-LD `headline`, `og:title` and `twitter:title`, in that order, where present.
    pub declared: Vec<String>,
    /// The `<title>` element's text.
    pub element: Option<String>,
    /// The text of every `h1`, in document order.
    pub h1s: Vec<String>,
    /// The site name (`og:site_name` or the JSON-LD publisher), to cut it from a declared title.
    pub site: Option<&'a str>,
}

/// Share of distinct words two titles must have in common to be the same headline worded
/// differently ("Trump's inner circle" with straight or curly apostrophes, a dropped kicker).
const MIN_WORD_OVERLAP: f64 = 0.5;

/// The article's headline, or `None` when the page names nothing.
pub(super) fn choose(candidates: &Candidates<'_>) -> Option<String> {
    let clean = |t: &String| Some(collapse_whitespace(t)).filter(|t| !t.is_empty());
    let declared: Vec<String> = candidates.declared.iter().filter_map(clean).collect();
    let element = candidates.element.as_ref().and_then(clean);
    let h1s: Vec<String> = candidates.h1s.iter().filter_map(clean).collect();
    if let Some(h1) = h1s.iter().find(|h1| declared.iter().chain(&element).any(|d| agree(h1, d))) {
        let published = declared.iter().find(|d| without_kicker(h1, d) || lost_separator(h1, d));
        return Some(published.unwrap_or(h1).clone());
    }
    declared
        .first()
        .map(|t| without_suffix(t, candidates.site))
        .or_else(|| element.map(|t| strip_site_suffix(&t)))
        .or_else(|| h1s.first().cloned())
}

/// Whether an `h1` and a declared title are the same headline: they share most of their
/// words. Mere containment is not enough: an `h1` showing the site name is part of every
/// `<title>` of that site.
fn agree(h1: &str, declared: &str) -> bool {
    let (h, d) = (h1.to_lowercase(), declared.to_lowercase());
    let (hw, dw): (HashSet<&str>, HashSet<&str>) = (words(&h).collect(), words(&d).collect());
    let union = hw.union(&dw).count();
    union > 0 && hw.intersection(&dw).count() as f64 / union as f64 >= MIN_WORD_OVERLAP
}

/// Whether `h1` is `declared` less the colon or space between a kicker and the headline, lost
/// where the markup set the two apart ("Ausschuss zur Ahrtal-Flut Zwei Rücktritte" for
/// "Ausschuss zur Ahrtal-Flut: Zwei Rücktritte").
fn lost_separator(h1: &str, declared: &str) -> bool {
    let is_separator = |c: char| c == ':' || c.is_whitespace();
    let mut rest = declared.chars();
    h1.len() < declared.len()
        && h1.chars().all(|c| rest.by_ref().find(|&d| d == c || !is_separator(d)) == Some(c))
        && rest.all(is_separator)
}

/// The words of a title, without the punctuation around them.
fn words(title: &str) -> impl Iterator<Item = &str> {
    title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Whether `h1` is `headline` with a kicker in front ("Neue Leipziger Schule: Judy Lybke, …"):
/// the kicker is a rubric above the headline, not part of it.
fn without_kicker(h1: &str, headline: &str) -> bool {
    h1.len() > headline.len()
        && h1.strip_suffix(headline).is_some_and(|kicker| kicker.trim_end().ends_with(':') && kicker.trim().len() > 1)
}

/// Separators between a headline and the site name in `<title>`.
const SUFFIX_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

/// A declared headline without the site name some sites append ("Headline | Site"): cut
/// before a last part that names the site.
fn without_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(str::to_lowercase).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    SUFFIX_SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .find(|(head, tail)| !head.is_empty() && tail.to_lowercase().contains(&site))
        .map_or_else(|| title.to_string(), |(head, _)| head.trim().to_string())
}

/// "Headline - NRK" gives "Headline": the last separated part is the site name when it is
/// shorter than what precedes it.
fn strip_site_suffix(title: &str) -> String {
    let cut =
        SUFFIX_SEPARATORS.iter().filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len()))).max_by_key(|&(at, _)| at);
    match cut {
        Some((at, len)) if title.len() - at - len < at => title[..at].to_string(),
        _ => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| (*t).to_string()).collect()
    }

    fn choose_from(declared: &[&str], element: Option<&str>, h1s: &[&str], site: Option<&str>) -> Option<String> {
        choose(&Candidates {
            declared: strings(declared),
            element: element.map(str::to_string),
            h1s: strings(h1s),
            site,
        })
    }

    #[test]
    fn h1_agreeing_with_a_declared_title_wins() {
        let declared = ["Live: Nordmann dømt til livstid for drap"];
        let h1s = ["VG", "Nordmann dømt til livstid"];
        assert_eq!(
            choose_from(&declared, Some("Dømt for drap - VG"), &h1s, None).as_deref(),
            Some("Nordmann dømt til livstid")
        );
    }

    #[test]
    fn a_kicker_before_the_headline_is_left_out() {
        let declared = ["Judy Lybke, ganz und gar nicht eigenartig"];
        let h1s = ["Neue Leipziger Schule: Judy Lybke, ganz und gar nicht eigenartig"];
        assert_eq!(
            choose_from(&declared, None, &h1s, None).as_deref(),
            Some("Judy Lybke, ganz und gar nicht eigenartig")
        );
    }

    #[test]
    fn the_colon_after_a_kicker_that_the_h1_lost_is_kept() {
        let declared = ["Ausschuss zur Ahrtal-Flut: Zwei Rücktritte"];
        let chosen = choose_from(&declared, None, &["Ausschuss zur Ahrtal-Flut Zwei Rücktritte"], None);
        assert_eq!(chosen.as_deref(), Some("Ausschuss zur Ahrtal-Flut: Zwei Rücktritte"));
        let chosen = choose_from(&["'Dukes' Star Could Face Probe"], None, &["Dukes Star Could Face Probe"], None);
        assert_eq!(chosen.as_deref(), Some("Dukes Star Could Face Probe"), "quotes are not a separator");
    }

    #[test]
    fn unrelated_h1_loses_to_the_declared_title() {
        let declared = ["Ferja er innstilt | Avisa"];
        let chosen = choose_from(&declared, Some("Ferja er innstilt | Avisa"), &["Siste nytt"], Some("Avisa"));
        assert_eq!(chosen.as_deref(), Some("Ferja er innstilt"));
    }

    #[test]
    fn title_element_beats_an_h1_it_does_not_agree_with() {
        let chosen = choose_from(&[], Some("Ferja er innstilt - Avisa"), &["Avisa"], None);
        assert_eq!(chosen.as_deref(), Some("Ferja er innstilt"));
        assert_eq!(choose_from(&[], None, &["Ferja er innstilt"], None).as_deref(), Some("Ferja er innstilt"));
    }

    #[test]
    fn title_element_alone_loses_its_suffix() {
        let chosen = choose_from(&[], Some("Nordmann dømt til livstid - NRK"), &[], None);
        assert_eq!(chosen.as_deref(), Some("Nordmann dømt til livstid"));
        assert_eq!(choose_from(&[], None, &[], None), None);
    }
}
