//! Reading NorNE's CoNLL-U files: each sentence's text and its gold names as byte spans.
//!
//! The tagger is trained on text split by our own tokenizer, not on NorNE's tokens, so that
//! training sees words exactly as recognition later will. What is needed from a file is
//! therefore only the sentence text and where in it each name lies. Word forms are found in
//! the text left to right, as NorNE's scorer does, and the `name=B-…`/`I-…` tags of the words
//! give the spans.

use std::collections::HashMap;
use std::path::Path;

use super::TrainError;
use crate::tag::Class;

/// One sentence with its gold names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub(crate) id: String,
    pub(crate) text: String,
    /// Byte spans into `text`.
    pub(crate) names: Vec<GoldName>,
}

impl Sentence {
    /// The sentence's `sent_id`, by which a document map finds its document.
    pub fn id(&self) -> &str {
        &self.id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GoldName {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) class: Class,
}

/// NorNE's labels as the scorer maps them: LOC and both GPE readings are places.
fn class_of(label: &str) -> Class {
    match label {
        "PER" => Class::Person,
        "LOC" | "GPE_LOC" | "GPE_ORG" | "GPE" => Class::Place,
        "ORG" => Class::Organisation,
        _ => Class::Other,
    }
}

/// Reads all sentences of a CoNLL-U file.
pub fn read_sentences(path: &Path) -> Result<Vec<Sentence>, TrainError> {
    let content = read(path)?;
    parse_sentences(&content).map_err(|line| TrainError::Columns { path: path.to_path_buf(), line })
}

fn read(path: &Path) -> Result<String, TrainError> {
    std::fs::read_to_string(path).map_err(|source| TrainError::Read { path: path.to_path_buf(), source })
}

/// One word row: its form and its name tag ("B-PER", "I-ORG", "O").
struct Row<'a> {
    form: &'a str,
    tag: &'a str,
}

/// The sentences of a file; the error is the number of a line without ten columns.
fn parse_sentences(content: &str) -> Result<Vec<Sentence>, usize> {
    let mut sentences = Vec::new();
    let (mut id, mut text) = (None, None);
    let mut rows = Vec::new();
    for (number, line) in content.lines().chain([""]).enumerate() {
        if line.trim().is_empty() {
            if !rows.is_empty() {
                let id = id.take().unwrap_or_else(|| (sentences.len() + 1).to_string());
                let text: String =
                    text.take().unwrap_or_else(|| rows.iter().map(|r: &Row| r.form).collect::<Vec<_>>().join(" "));
                let names = align(&text, &rows);
                sentences.push(Sentence { id, text, names });
                rows.clear();
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some((key, value)) = comment.split_once('=') {
                match key.trim() {
                    "sent_id" => id = Some(value.trim().to_owned()),
                    "text" => text = Some(value.strip_prefix(' ').unwrap_or(value).trim_end().to_owned()),
                    _ => {}
                }
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            return Err(number + 1);
        }
        if columns[0].contains(['-', '.']) {
            continue;
        }
        let tag = columns[9].split('|').find_map(|part| part.strip_prefix("name=")).unwrap_or("O");
        rows.push(Row { form: columns[1], tag });
    }
    Ok(sentences)
}

/// The gold names of a sentence as byte spans: each word form is looked up in the text after
/// the previous one, and runs of B-/I- tags of one label make a name.
fn align(text: &str, rows: &[Row]) -> Vec<GoldName> {
    let mut names: Vec<GoldName> = Vec::new();
    let mut cursor = 0;
    let mut open: Option<GoldName> = None;
    for row in rows {
        let start = text[cursor..].find(row.form).map_or(cursor, |offset| cursor + offset);
        let end = (start + row.form.len()).min(text.len());
        cursor = end;
        let (prefix, label) = row.tag.split_once('-').unwrap_or(("O", ""));
        let class = class_of(label);
        match (prefix, open.as_mut()) {
            ("I", Some(name)) if name.class == class => name.end = end,
            ("B" | "I", _) => names.extend(open.replace(GoldName { start, end, class })),
            _ => names.extend(open.take()),
        }
    }
    names.extend(open);
    names
}

/// Reads a document map (`sent_id<TAB>doc_id` per line).
pub fn read_document_map(path: &Path) -> Result<HashMap<String, String>, TrainError> {
    Ok(read(path)?
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(sentence, document)| (sentence.trim().to_owned(), document.trim().to_owned()))
        .collect())
}

/// Groups consecutive sentences of the same document; sentences the map lacks are each their
/// own document.
pub fn into_documents(sentences: Vec<Sentence>, map: &HashMap<String, String>) -> Vec<Vec<Sentence>> {
    let mut documents: Vec<Vec<Sentence>> = Vec::new();
    let mut current = None;
    for sentence in sentences {
        let document = map.get(&sentence.id).cloned();
        if document.is_none() || document != current || documents.is_empty() {
            documents.push(Vec::new());
        }
        current = document;
        if let Some(last) = documents.last_mut() {
            last.push(sentence);
        }
    }
    documents
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = 1\n# text = Mike Pompeo møtte Lavrov i Sotsji.\n\
        1\tMike\t_\t_\t_\t_\t_\t_\t_\tname=B-PER\n\
        2\tPompeo\t_\t_\t_\t_\t_\t_\t_\tname=I-PER\n\
        3\tmøtte\t_\t_\t_\t_\t_\t_\t_\tname=O\n\
        4\tLavrov\t_\t_\t_\t_\t_\t_\t_\tname=B-PER\n\
        5\ti\t_\t_\t_\t_\t_\t_\t_\tname=O\n\
        6\tSotsji\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|name=B-GPE_LOC\n\
        7\t.\t_\t_\t_\t_\t_\t_\t_\tname=O\n\n\
        # sent_id = 2\n\
        1\tNRK\t_\t_\t_\t_\t_\t_\t_\tname=B-ORG\n\
        2\tmelder\t_\t_\t_\t_\t_\t_\t_\tname=O\n";

    #[test]
    fn reads_texts_and_name_spans() {
        let sentences = parse_sentences(SAMPLE).unwrap();
        assert_eq!(sentences.len(), 2);
        let first = &sentences[0];
        let spans: Vec<(&str, Class)> = first.names.iter().map(|n| (&first.text[n.start..n.end], n.class)).collect();
        assert_eq!(spans, vec![("Mike Pompeo", Class::Person), ("Lavrov", Class::Person), ("Sotsji", Class::Place)]);
        assert_eq!(sentences[1].text, "NRK melder");
        assert_eq!(sentences[1].names, vec![GoldName { start: 0, end: 3, class: Class::Organisation }]);
    }

    #[test]
    fn groups_sentences_by_document() {
        let sentences = parse_sentences(SAMPLE).unwrap();
        let map = HashMap::from([("1".to_owned(), "a".to_owned()), ("2".to_owned(), "a".to_owned())]);
        assert_eq!(into_documents(sentences.clone(), &map).len(), 1);
        assert_eq!(into_documents(sentences, &HashMap::new()).len(), 2);
    }

    #[test]
    fn rejects_rows_without_ten_columns() {
        assert!(parse_sentences("1\tNRK\tname=O\n").is_err());
    }
}
