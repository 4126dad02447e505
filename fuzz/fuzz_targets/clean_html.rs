//! The HTML cleaner: any page, however broken or deeply nested, is cleaned without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    arkiv_extract::fuzzing::clean_html(html);
});
