//! `arkiv entities` input: JSON lines are read, each tagged alone and all together as one
//! document, and written back as JSON objects with their fields and an `entities` list whose
//! spans are the texts they name.
#![no_main]

use arkiv_engine::views::EntitiesLine;
use libfuzzer_sys::fuzz_target;

fn check(line: &EntitiesLine, written: &str) {
    let value: serde_json::Value = serde_json::from_str(written).expect("a JSON line");
    let text: Vec<char> = line.text.chars().collect();
    for entity in value["entities"].as_array().expect("entities") {
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
