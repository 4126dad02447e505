//! Strategies for the property tests of the readers and cleaners: pages as hostile or careless
//! sites make them, for proptest to vary and shrink.

use proptest::prelude::*;

/// Words a page is made of: ordinary ones, the ones the cleaners treat as furniture or
/// metadata, control and bidi characters, characters from anywhere in Unicode, and now and
/// then a word of thousands of letters.
pub(crate) fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-ZæøåÆØÅéü]{1,10}[.,!?:]?",
        2 => prop::sample::select(vec![
            "Av", "Foto:", "Publisert", "Oppdatert", "kl.", "21.", "mai", "2019", "18.43", "Mest", "lest", "Les",
            "også", "SISTE", "NYTT", "X80003", "IMG_2041", "Video", "[Video]", "ESPEN", "A.", "HANSEN", "©",
            "Hopp", "til", "innhold", "Meny", "Del", "NTB", "/", "«sitat»", "–", "og",
        ])
        .prop_map(str::to_owned),
        1 => prop::sample::select(vec!["\u{1b}[2J", "\u{0}", "\u{7}", "\u{9b}", "\u{202e}", "\u{2066}", "\u{fffd}", "\u{feff}", "\u{200b}", "\u{2028}"])
            .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => (1usize..3_000).prop_map(|length| "ø".repeat(length)),
    ]
}

/// A plain-text page: words between spaces, line breaks and blank lines of every kind.
pub(crate) fn text_page() -> impl Strategy<Value = String> {
    let gap = prop::sample::select(vec![" ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\r"]);
    prop::collection::vec((word(), gap), 0..60)
        .prop_map(|pieces| pieces.into_iter().map(|(word, gap)| word + gap).collect())
}

/// An element of a generated HTML page: a tag with children, or text.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(&'static str, Vec<Node>),
    Text(Vec<String>),
}

impl Node {
    /// The words of the text below the element, in document order.
    pub(crate) fn words(&self) -> Vec<&str> {
        match self {
            Node::Text(words) => words.iter().map(String::as_str).collect(),
            Node::Element(_, children) => children.iter().flat_map(Node::words).collect(),
        }
    }

    /// The element as markup. Every text node has spaces around its words, so that a word of
    /// the page never runs into the next one across a tag.
    pub(crate) fn html(&self, out: &mut String) {
        match self {
            Node::Text(words) => {
                out.push(' ');
                out.push_str(&words.join(" "));
                out.push(' ');
            }
            Node::Element(tag, children) => {
                out.push_str(&format!("<{tag}>"));
                for child in children {
                    child.html(out);
                }
                if !matches!(*tag, "img" | "br" | "hr") {
                    out.push_str(&format!("</{tag}>"));
                }
            }
        }
    }
}

/// Words of HTML text: letters only, so that markup characters and entities stay out of
/// the words a test compares.
fn html_word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-ZæøåÆØÅ]{1,10}",
        prop::sample::select(vec!["Foto", "Les", "også", "Annonse", "Del", "Meny", "Publisert", "Av"])
            .prop_map(str::to_owned),
    ]
}

/// An HTML page of the elements article pages are made of, nested at random.
/// The page's title, which its `<head>` gives.
pub(crate) const HTML_TITLE: &str = "Tittel";

/// An HTML page of the elements article pages are made of, nested at random, and its body.
pub(crate) fn html_page() -> impl Strategy<Value = (String, Node)> {
    let tags = vec![
        "a",
        "article",
        "aside",
        "b",
        "blockquote",
        "br",
        "div",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "header",
        "hr",
        "i",
        "img",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "script",
        "section",
        "span",
        "strong",
        "style",
        "table",
        "td",
        "time",
        "title",
        "tr",
        "ul",
    ];
    let leaf = prop::collection::vec(html_word(), 1..40).prop_map(Node::Text);
    let body = leaf.prop_recursive(6, 120, 8, move |inner| {
        (prop::sample::select(tags.clone()), prop::collection::vec(inner, 0..8))
            .prop_map(|(tag, children)| Node::Element(tag, children))
    });
    body.prop_map(|body| {
        let mut html = format!("<!DOCTYPE html><html lang=\"nb\"><head><title>{HTML_TITLE}</title></head><body>");
        body.html(&mut html);
        html.push_str("</body></html>");
        (html, body)
    })
}
