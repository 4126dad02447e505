//! `arkiv entities` input: JSON lines are read, each tagged alone and all together as one
//! document, and written back as JSON objects with their fields and an `entities` list whose
//! spans are the texts they name.
#![no_main]

use arkiv_engine::views::EntitiesLine;
use libfuzzer_sys::fuzz_target;

/// The line's other fields pass through as they came, numbers beyond what serde_json reads
/// (`1e400`) too, so only the added list is read back.
fn check(line: &EntitiesLine, written: &str) {
    let (_, added) = written
        .rsplit_once(",\"entities\":")
        .or_else(|| written.rsplit_once("{\"entities\":"))
        .expect("entities added");
    let entities: serde_json::Value = serde_json::from_str(&added[..added.len() - 1]).expect("a JSON list");
    let text: Vec<char> = line.text.chars().collect();
    for entity in entities.as_array().expect("entities") {
        let (start, end) = (entity["start"].as_u64().expect("start"), entity["end"].as_u64().expect("end"));
        let named: String = text[start as usize..end as usize].iter().collect();
        assert_eq!(Some(named.as_str()), entity["text"].as_str());
    }
}

fuzz_target!(|input: &[u8]| {
    let lines: Vec<EntitiesLine> = input
        .split(|byte| *byte == b'\n')
        .filter_map(|line| std::str::from_utf8(line).ok())
        .filter_map(|line| EntitiesLine::parse(line).ok())
        .collect();
    let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
    for (line, mentions) in lines.iter().zip(arkiv_ner::recognize_in_article(&texts)) {
        check(line, &line.with(&mentions));
    }
    for line in &lines {
        check(line, &line.with(&arkiv_ner::recognize(&line.text)));
    }
});
