//! The text cleaner: any text is cleaned, and what it keeps is the page's: every word of a
//! block or of the metadata is in the page (a credit or byline may lose a label joined to it,
//! "Foto:Ecolibrium" giving "Ecolibrium", so words are looked for as parts of the page).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for kept in arkiv_extract::fuzzing::clean_text(text) {
        for word in kept.split_whitespace() {
            assert!(text.contains(word), "{word:?} is not in the page");
        }
    }
});
