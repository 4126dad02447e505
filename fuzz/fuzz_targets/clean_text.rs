//! The text cleaner: any text is cleaned, and every word it keeps is a word of the page.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let words: std::collections::HashSet<&str> = text.split_whitespace().collect();
    for kept in arkiv_extract::fuzzing::clean_text(text) {
        for word in kept.split_whitespace() {
            assert!(words.contains(word), "{word:?} is not a word of the page");
        }
    }
});
