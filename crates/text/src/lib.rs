//! Text primitives that every stage of arkiv shares: the cleaners, the tagger and the
//! snippets all compare and print text with runs of whitespace made one space, so that is
//! done here once, below all of them; and every front end that prints an article's text on a
//! terminal makes it [`terminal_safe`] first.

mod terminal;

pub use terminal::{REPLACEMENT, is_terminal_control, terminal_safe};

/// The text with every run of whitespace (spaces, tabs, newlines, no-break spaces) made one
/// space and none at either end.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(collapse_whitespace("  Mike\u{a0}\n Pompeo\t"), "Mike Pompeo");
        assert_eq!(collapse_whitespace(" \n"), "");
    }
}
