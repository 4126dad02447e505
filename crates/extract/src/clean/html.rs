//! Clean a saved HTML page: the article's blocks in reading order plus the declared metadata.
//!
//! The work is split in three passes over the parsed page, none of them recursive so that
//! pathological nesting cannot overflow the stack:
//! 1. [`container`] measures every element and picks the one holding the article (or none,
//!    for index and error pages);
//! 2. [`blocks`] walks that element and emits paragraphs, subheadings, captions and media
//!    markers, dropping furniture ([`junk`]) and link lists;
//! 3. [`meta`] reads title, lead, byline, date, publisher and language from JSON-LD, `<meta>`
//!    tags and markup.
//!
//! Before parsing, [`depth`] caps pathological nesting, which the parser handles in quadratic
//! time.

mod blocks;
mod container;
mod depth;
mod junk;
mod meta;
mod title;
mod walk;

use scraper::Html;

use super::Cleaned;

/// Parses `html` and returns the article's blocks and the page's metadata.
///
/// A page without an article (a front page of links, an error page) gives no blocks; its
/// metadata is still returned.
pub(crate) fn clean(html: &str) -> Cleaned {
    let doc = Html::parse_document(&depth::capped(html));
    let declared = meta::Declared::read(&doc);
    let (article, analysis) = container::find(&doc, declared.title());
    let blocks = blocks::extract(&article, &analysis);
    let meta = meta::extract(&doc, &declared, &article, &blocks);
    Cleaned { meta, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{Block, texts};
    use time::macros::datetime;

    /// Paragraphs long enough to count as article text.
    const BODY: &str = "<p>Regjeringen la fram statsbudsjettet tirsdag, og opposisjonen var raskt ute med kritikk av både skatteøkningene, kuttene og prioriteringene.</p>\
        <p>Finansministeren mener budsjettet er ansvarlig, og viser til at veksten i oljepengebruken er lavere enn i fjor, selv med store utgifter.</p>\
        <p>Flere økonomer sier til NTB at budsjettet er stramt, men at renten likevel kan holde seg høy lenger enn mange husholdninger håper.</p>";

    #[test]
    fn json_ld_headline_and_metadata() {
        let html = format!(
            r#"<html lang="nb-NO"><head><title>Noe annet - NRK</title>
            <script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
              {{"@type":"WebSite","name":"NRK"}},
              {{"@type":["NewsArticle"],"headline":"Budsjettet  er lagt fram",
                "author":[{{"@type":"Person","name":"Kari Nordmann"}},{{"name":"Ola Hansen"}}],
                "datePublished":"2024-10-08T10:00:00+02:00","publisher":{{"name":"NRK"}}}}]}}
            </script></head><body><article><h1>Budsjettet er lagt fram</h1>{BODY}</article></body></html>"#
        );
        let cleaned = clean(&html);
        let meta = &cleaned.meta;
        assert_eq!(meta.title.as_deref(), Some("Budsjettet er lagt fram"));
        assert_eq!(meta.byline.as_deref(), Some("Kari Nordmann, Ola Hansen"));
        assert_eq!(meta.date, Some(datetime!(2024-10-08 10:00 +2)));
        assert_eq!(meta.source.as_deref(), Some("NRK"));
        assert_eq!(meta.language.as_deref(), Some("nb"));
        assert_eq!(texts(&cleaned).len(), 3);
        assert!(!cleaned.blocks.iter().any(|b| matches!(b, Block::Heading(_))));
    }

    #[test]
    fn og_title_wins_over_h1_and_lead_kept_when_shown_outside_the_body() {
        let html = format!(
            r#"<html><head><meta property="og:title" content="Delt tittel">
            <meta property="og:description" content="En ingress som står over teksten.">
            <meta property="og:site_name" content="VG">
            <meta property="article:published_time" content="2024-10-08"></head>
            <body><header><h1>Tittel på siden</h1><div class="ingress">En ingress som står over teksten.</div></header>
            <article>{BODY}</article></body></html>"#
        );
        let meta = clean(&html).meta;
        assert_eq!(meta.title.as_deref(), Some("Delt tittel"));
        assert_eq!(meta.lead.as_deref(), Some("En ingress som står over teksten."));
        assert_eq!(meta.source.as_deref(), Some("VG"));
        assert_eq!(meta.date, Some(datetime!(2024-10-08 0:00 UTC)));
    }

    #[test]
    fn description_the_page_never_shows_is_no_lead() {
        let html = format!(
            r#"<html><head><meta name="description" content="Omskrevet sammendrag for søkemotorer."></head>
            <body><article>{BODY}</article></body></html>"#
        );
        assert_eq!(clean(&html).meta.lead, None);
    }

    #[test]
    fn description_repeating_first_paragraph_is_no_lead() {
        let html = format!(
            r#"<html><head><meta name="description" content="Regjeringen la fram statsbudsjettet tirsdag"></head>
            <body><article>{BODY}</article></body></html>"#
        );
        assert_eq!(clean(&html).meta.lead, None);
    }

    #[test]
    fn description_running_over_the_first_paragraphs_is_no_lead() {
        let html = format!(
            r#"<html><head><meta name="description" content="kuttene og prioriteringene. Finansministeren mener budsjettet er ansvarlig"></head>
            <body><article>{BODY}</article></body></html>"#
        );
        assert_eq!(clean(&html).meta.lead, None);
    }

    #[test]
    fn figure_caption_credit_and_media() {
        let html = format!(
            r#"<html><body><article>{BODY}
            <figure><img src="a.jpg"><figcaption>Statsministeren i Stortinget. <span class="credit">Foto: Heiko Junge / NTB</span></figcaption></figure>
            <figure><img src="b.jpg"><figcaption>Finansministeren. Foto: Lise Åserud</figcaption></figure>
            <figure><img src="c.jpg"></figure>
            <h2>Mellomtittel</h2>{BODY}</article></body></html>"#
        );
        let blocks = clean(&html).blocks;
        let captions: Vec<&Block> =
            blocks.iter().filter(|b| matches!(b, Block::Caption { .. } | Block::Media)).collect();
        assert_eq!(
            captions,
            [
                &Block::Caption {
                    text: "Statsministeren i Stortinget.".into(),
                    credit: Some("Heiko Junge / NTB".into()),
                },
                &Block::Caption { text: "Finansministeren.".into(), credit: Some("Lise Åserud".into()) },
                &Block::Media,
            ]
        );
        assert!(blocks.contains(&Block::Heading("Mellomtittel".into())));
    }

    #[test]
    fn furniture_and_link_lists_are_dropped() {
        let html = format!(
            r#"<html><body><nav><p>Forsiden Nyheter Sport Kultur Debatt og mye mer i menyen her</p></nav>
            <article>{BODY}
            <div class="share-buttons"><p>Del denne saken på Facebook, Twitter og e-post med vennene dine</p></div>
            <aside><p>Les også denne saken om noe helt annet som skjedde i går kveld</p></aside>
            <p><a href="/a">Første lenke til en annen sak</a> og <a href="/b">andre lenke til enda en sak</a></p>
            </article><footer><p>Ansvarlig redaktør: Noen Navnesen, kontaktinformasjon</p></footer></body></html>"#
        );
        let cleaned = clean(&html);
        let texts = texts(&cleaned);
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts.iter().all(|t| !t.contains("Del denne") && !t.contains("lenke")));
    }

    #[test]
    fn a_story_cut_in_two_chunks_is_read_whole() {
        let second = BODY.replace("Regjeringen", "Statsministeren").replace("Finansministeren", "Nestlederen");
        let html = format!(
            r#"<html><body><main><div class="chunks">
            <div class="grid"><div class="story-body">{BODY}</div><div class="adrail">Annonse</div></div>
            <div class="grid"><div class="story-body">{second}</div></div>
            </div></main><footer><p>Kontakt oss på e-post for tips, rettelser og spørsmål om abonnement.</p></footer></body></html>"#
        );
        assert_eq!(texts(&clean(&html)).len(), 6);
    }

    #[test]
    fn a_named_snippet_or_a_dialog_does_not_beat_the_article() {
        let html = format!(
            r#"<html><body><div class="page-content"><p>Abonner på nyhetsbrevet vårt, så får du de viktigste sakene hver morgen.</p></div>
            <div class="modal-body"><p>Vi bruker informasjonskapsler, og ved å fortsette godtar du vilkårene våre og personvernerklæringen.</p>
            <p>Du kan når som helst endre innstillingene under personvern nederst på siden, eller lese mer om hvordan vi bruker dataene.</p></div>
            <div>{BODY}</div></body></html>"#
        );
        let cleaned = clean(&html);
        assert_eq!(texts(&cleaned).len(), 3, "{:?}", cleaned.blocks);
        assert!(texts(&cleaned)[0].starts_with("Regjeringen la fram"));
    }

    #[test]
    fn nynorsk_language() {
        let html = format!(r#"<html lang="nn"><body><article>{BODY}</article></body></html>"#);
        assert_eq!(clean(&html).meta.language.as_deref(), Some("nn"));
        let html = format!(r#"<html lang="no"><body><article>{BODY}</article></body></html>"#);
        assert_eq!(clean(&html).meta.language.as_deref(), Some("nb"));
    }

    #[test]
    fn index_page_has_no_blocks() {
        let links: String =
            (0..40).map(|i| format!(r#"<li><a href="/sak/{i}">Overskrift på sak nummer {i} i dag</a></li>"#)).collect();
        let html = format!(r#"<html><head><title>Forsiden</title></head><body><ul>{links}</ul></body></html>"#);
        let cleaned = clean(&html);
        assert!(cleaned.blocks.is_empty(), "{:?}", cleaned.blocks);
        assert_eq!(cleaned.meta.title.as_deref(), Some("Forsiden"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough to overflow a recursive walk, and beyond the depth cap applied before
        // parsing.
        let depth = 3_000;
        let html = format!("{}{BODY}{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let cleaned = clean(&html);
        assert_eq!(texts(&cleaned).len(), 3);
    }

    #[test]
    fn malformed_and_empty_input() {
        for html in ["", "<", "<html><body><p>uavsluttet", "<article><figure><figcaption>Foto:", "\u{0}<p>\u{fffd}"] {
            let _ = clean(html);
        }
    }

    #[test]
    fn title_suffix_removed() {
        let html = "<html><head><title>Nordmann dømt til livstid - NRK</title></head><body></body></html>";
        assert_eq!(clean(html).meta.title.as_deref(), Some("Nordmann dømt til livstid"));
        let html = r#"<html><head><meta property="og:title" content="Nordmann dømt | VG"><meta property="og:site_name" content="VG"></head></html>"#;
        assert_eq!(clean(html).meta.title.as_deref(), Some("Nordmann dømt"));
    }

    mod properties {
        use super::*;
        use crate::properties::{HTML_TITLE, html_page, text_page};
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn every_word_of_the_article_is_a_word_of_the_page((html, body) in html_page()) {
                let cleaned = clean(&html);
                let mut words = body.words();
                words.push(HTML_TITLE);
                for block in &cleaned.blocks {
                    let text = match block {
                        Block::Text(text) | Block::Heading(text) | Block::Credit(text) | Block::Byline(text) => text,
                        Block::Caption { text, .. } => text,
                        Block::Media => continue,
                    };
                    for word in text.split_whitespace() {
                        prop_assert!(words.contains(&word), "{word:?} of {block:?}");
                    }
                }
            }

            #[test]
            fn any_text_is_cleaned_as_html(page in text_page()) {
                clean(&page);
            }

            #[test]
            fn any_markup_is_cleaned(page in "([<>/=\"' a-z!-]|div|<p>|</p>|<script>|<!--|-->|&#x1b;|&amp;|\u{0}|\u{202e})*") {
                clean(&page);
            }
        }
    }
}
