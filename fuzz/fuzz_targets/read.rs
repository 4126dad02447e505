//! Decoding: any bytes, as a file of unknown format and as an HTML file, are decoded or
//! refused, and a decoded text is whole UTF-8 that keeps valid UTF-8 input as it was.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let [sniffed, html] = arkiv_extract::fuzzing::decode(bytes);
    if let (Ok(input), Some(text)) = (std::str::from_utf8(bytes), &sniffed) {
        assert_eq!(input.strip_prefix('\u{feff}').unwrap_or(input), text, "valid UTF-8 is kept as it is");
    }
    assert_eq!(sniffed, html, "the format hint does not change the text");
});
