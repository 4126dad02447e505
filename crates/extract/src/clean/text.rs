//! Cleaning plain-text pages: web pages saved as text, and NoReC-style reviews.
//!
//! Text has no markup, so furniture is recognised by the shape of its lines, by general rules
//! rather than by any one site's strings:
//! - skip links ("Hopp til innhold", "Skip to content") and lone menu words;
//! - media placeholders: a lone code such as `X80003` or a word like "Video" where a picture
//!   or player stood; kept as [`Block::Media`];
//! - credit lines ("Foto: POOL / Reuters"); kept as [`Block::Credit`];
//! - widget headings ("SISTE NYTT", "Mest lest", "Les også"), and, when such a heading starts
//!   the tail of the page, the list of other headlines that follows it;
//! - "Publisert …"/"Oppdatert …" lines, "Av …" bylines and a closing signature in capitals
//!   ("ESPEN A. HANSEN"), which become metadata.
//!
//! Paragraphs are separated by blank lines; the lines inside one paragraph (NoReC puts one
//! sentence per line) are joined with spaces. The first line of the page is always a block of
//! its own, because both web dumps and NoReC put the headline alone on the first line.

use rayon::prelude::*;

use super::{Block, Cleaned, Meta, date, labels};

/// Cleans a plain-text page.
pub(crate) fn clean(text: &str) -> Cleaned {
    let mut meta = Meta::default();
    let mut items = Vec::new();
    let paragraphs = paragraphs(text);
    let lines: Vec<Line> =
        paragraphs.par_iter().with_min_len(PARAGRAPHS_PER_CORE).map(|paragraph| classify(paragraph)).collect();
    for (paragraph, line) in paragraphs.into_iter().zip(lines) {
        match line {
            Line::Furniture => {}
            Line::Media => items.push(Item::Block(Block::Media)),
            Line::Credit(credit) => items.push(Item::Block(Block::Credit(credit))),
            Line::Widget => items.push(Item::Widget),
            Line::Dateline(when) => {
                meta.date.get_or_insert(when);
            }
            Line::Byline(byline) => {
                meta.byline.get_or_insert(byline);
            }
            Line::Text => items.push(Item::Block(Block::Text(paragraph))),
        }
    }
    // A name in capitals that ends the page signs it: the byline, not the last paragraph.
    if meta.byline.is_none()
        && items.len() > 2
        && let Some(Item::Block(Block::Text(last))) = items.last()
        && let Some(signature) = labels::signature_line(last)
    {
        meta.byline = Some(signature);
        items.pop();
    }
    Cleaned { meta, blocks: without_widgets(items) }
}

/// The fewest paragraphs classified on one core: a page of a few hundred paragraphs is
/// classified faster where it is than by being handed out, and a text of thousands (a book, a
/// dump of many articles) uses every core.
const PARAGRAPHS_PER_CORE: usize = 512;

/// A block of the page, or a widget heading whose reach [`without_widgets`] has yet to decide.
enum Item {
    Block(Block),
    Widget,
}

/// Splits the page into paragraphs: blank-line separated, lines joined by a space, the first
/// line of text (the headline) alone.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut title_seen = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut out, &mut current);
        } else {
            current.push(line);
            if !title_seen && current.len() == 1 && matches!(classify(line), Line::Text) {
                flush(&mut out, &mut current);
                title_seen = true;
            }
        }
    }
    flush(&mut out, &mut current);
    out
}

fn flush(out: &mut Vec<String>, current: &mut Vec<&str>) {
    if !current.is_empty() {
        out.push(current.join(" "));
        current.clear();
    }
}

/// What one paragraph of a text page is.
enum Line {
    Text,
    Furniture,
    Media,
    Credit(String),
    Widget,
    Dateline(time::OffsetDateTime),
    Byline(String),
}

fn classify(paragraph: &str) -> Line {
    if labels::is_notice(paragraph) {
        return Line::Furniture;
    }
    // Every other kind of furniture is a short line; prose is settled without further work.
    if paragraph.split_whitespace().nth(MAX_FURNITURE_WORDS).is_some() {
        return Line::Text;
    }
    let words = paragraph.split_whitespace().count();
    let lower = paragraph.to_lowercase();
    if labels::is_skip_link(&lower, words) || labels::is_menu_word(paragraph) {
        return Line::Furniture;
    }
    if is_media_placeholder(paragraph) {
        return Line::Media;
    }
    if let Some(credit) = labels::credit_line(paragraph) {
        return Line::Credit(credit);
    }
    if labels::is_widget_heading(paragraph) {
        return Line::Widget;
    }
    if labels::is_dateline(paragraph)
        && let Some(when) = date::parse(paragraph)
    {
        return Line::Dateline(when);
    }
    if let Some(byline) = labels::byline_line(paragraph) {
        return Line::Byline(byline);
    }
    Line::Text
}

/// More words than any furniture line has: the longest kind is a credit line, a label of a
/// few words ("Foto og tekst:") and up to ten words of names.
const MAX_FURNITURE_WORDS: usize = 16;

/// Where a picture or video stood: a lone code of letters and digits (`X80003`, `IMG_2041`)
/// or a bracketed or bare media word.
fn is_media_placeholder(line: &str) -> bool {
    let token = line.trim_matches(['[', ']', '(', ')']);
    if token.contains(char::is_whitespace) || token.chars().count() > 20 {
        return false;
    }
    let digits = token.chars().filter(char::is_ascii_digit).count();
    let starts_alpha = token.chars().next().is_some_and(char::is_alphabetic);
    let code = starts_alpha && digits >= 3 && token.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    code || labels::is_media_word(token)
}

/// Removes widget headings. A heading in the tail of the page (nothing after it but other
/// headings and short, unpunctuated lines, that is, lists of links to other articles) takes
/// that whole tail with it; a heading inside the article goes alone.
fn without_widgets(mut items: Vec<Item>) -> Vec<Block> {
    while let Some(at) = items.iter().rposition(|item| matches!(item, Item::Widget)) {
        let tail_is_links = items[at + 1..].iter().all(|item| match item {
            Item::Block(Block::Text(text)) => !ends_sentence(text) || text.split_whitespace().count() <= 12,
            _ => true,
        });
        if tail_is_links {
            items.truncate(at);
        } else {
            items.remove(at);
        }
    }
    items
        .into_iter()
        .filter_map(|item| match item {
            Item::Block(block) => Some(block),
            Item::Widget => None,
        })
        .collect()
}

/// Whether a line ends like a sentence. Used to tell prose from headlines and link lists.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';', '…', ','])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::texts;

    #[test]
    fn furniture_is_removed_and_markers_kept() {
        let page = "Gå til hovedinnhold\n\nFerja ble innstilt\n\nIngen ferjer gikk i går.\n\nIMG_2041\n\nFerja ved kaia\n\nFoto: Ola Nordmann / NTB\n\nPassasjerene ventet i timevis.\n\n© 2024 Avisa Nordland. Alle rettigheter reservert.\n\nMest lest\n\nSlik blir været i helgen\n\nTi tips til påsken";
        let cleaned = clean(page);
        assert_eq!(
            cleaned.blocks,
            vec![
                Block::Text("Ferja ble innstilt".into()),
                Block::Text("Ingen ferjer gikk i går.".into()),
                Block::Media,
                Block::Text("Ferja ved kaia".into()),
                Block::Credit("Ola Nordmann / NTB".into()),
                Block::Text("Passasjerene ventet i timevis.".into()),
            ]
        );
    }

    #[test]
    fn a_widget_heading_inside_the_article_goes_alone() {
        let page = "Tittel\n\nFørste avsnitt.\n\nLes også\n\nDette er et langt avsnitt som fortsetter artikkelen etter boksen, med mange ord og punktum.";
        let cleaned = clean(page);
        assert_eq!(texts(&cleaned).len(), 3);
    }

    #[test]
    fn norec_lines_are_joined_and_the_title_stands_alone() {
        let page = "Penny Dreadful S02 E01 \nEn god fortsettelse. \n\nFørste setning. \nAndre setning. \n";
        let cleaned = clean(page);
        assert_eq!(
            texts(&cleaned),
            ["Penny Dreadful S02 E01", "En god fortsettelse.", "Første setning. Andre setning."]
        );
    }

    #[test]
    fn datelines_and_bylines_become_metadata() {
        let page =
            "Tittel\n\nAv Kari Nordmann og Ola Nordmann\n\nPublisert 21. mai 2019 kl. 18.43\n\nAv og til regner det.";
        let cleaned = clean(page);
        assert_eq!(cleaned.meta.byline.as_deref(), Some("Kari Nordmann og Ola Nordmann"));
        assert!(cleaned.meta.date.is_some());
        assert_eq!(texts(&cleaned), ["Tittel", "Av og til regner det."]);
    }

    #[test]
    fn a_name_in_capitals_at_the_end_signs_the_page() {
        let review = "Platen\n\nEn god plate.\n\nANBEFALTE KJØP:\n\n«A Tall Companion».\n\nESPEN A. HANSEN";
        let cleaned = clean(review);
        assert_eq!(cleaned.meta.byline.as_deref(), Some("ESPEN A. HANSEN"));
        assert_eq!(texts(&cleaned), ["Platen", "En god plate.", "ANBEFALTE KJØP:", "«A Tall Companion»."]);
        for last in ["TERNINGKAST 5", "ANBEFALTE KJØP:", "NRK", "Espen A. Hansen", "DETTE ER EN HEL SETNING HER"] {
            let page = format!("Tittel\n\nTekst.\n\n{last}");
            assert_eq!(clean(&page).meta.byline, None, "{last}");
        }
    }

    /// Found by the `clean_text` fuzz target: the credit is the word after the label, which
    /// is no word of the page on its own.
    #[test]
    fn a_label_joined_to_the_credit_is_left_out() {
        let cleaned = clean("Tittel\n\nTekst.\n\nFoto:Ecolibrium\n\nMer tekst her.");
        assert!(cleaned.blocks.contains(&Block::Credit("Ecolibrium".into())), "{:?}", cleaned.blocks);
    }

    #[test]
    fn ordinary_text_is_not_furniture() {
        for line in [
            "Foto: dette er en lang setning om fotografering som bare starter med ordet foto og fortsetter lenge.",
            "2019",
            "Video er fremtiden.",
            "Del 2",
        ] {
            assert!(matches!(classify(line), Line::Text), "{line}");
        }
    }

    mod properties {
        use super::*;
        use crate::properties::text_page;
        use proptest::prelude::*;

        /// Whether `part` is `whole` with some words left out.
        fn is_subsequence<'a>(part: impl IntoIterator<Item = &'a str>, whole: &[&str]) -> bool {
            let mut rest = whole.iter();
            part.into_iter().all(|word| rest.any(|&other| other == word))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            #[test]
            fn the_text_is_the_pages_words_in_their_order(page in text_page()) {
                let cleaned = clean(&page);
                let input: Vec<&str> = page.split_whitespace().collect();
                let output = texts(&cleaned).into_iter().flat_map(str::split_whitespace);
                prop_assert!(is_subsequence(output, &input), "{:?}", texts(&cleaned));
                // A credit may lose a label joined to it ("Foto:Ecolibrium" gives "Ecolibrium").
                for block in &cleaned.blocks {
                    if let Block::Credit(credit) = block {
                        prop_assert!(credit.split_whitespace().all(|word| page.contains(word)), "{credit:?}");
                    }
                }
            }

            #[test]
            fn cleaning_the_cleaned_text_again_changes_nothing(page in text_page()) {
                let cleaned = clean(&page);
                // A page signed at its end loses the signature to the byline; without it, the
                // line before may be a signature in its turn.
                prop_assume!(cleaned.meta.byline.is_none());
                let again = texts(&cleaned).join("\n\n");
                let cleaned_again = clean(&again);
                prop_assert_eq!(texts(&cleaned_again), texts(&cleaned));
            }

            #[test]
            fn any_string_is_cleaned(page in any::<String>()) {
                clean(&page);
            }
        }
    }
}
