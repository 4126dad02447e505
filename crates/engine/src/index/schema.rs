//! The index schema: which parts of an article are searched, filtered, sorted and stored.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

use super::analyzer::{ANALYZERS, Analyzer};

/// The parts of an article that are searched as text, with their weight in ranking. A match in
/// the title says more about what an article is about than one deep in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Lead,
    Body,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Title, Part::Lead, Part::Body];

    pub fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Lead => "lead",
            Part::Body => "body",
        }
    }

    pub fn boost(self) -> f32 {
        match self {
            Part::Title => 3.0,
            Part::Lead => 2.0,
            Part::Body => 1.0,
        }
    }
}

/// The searchable text fields of one analyzer.
#[derive(Debug, Clone)]
pub struct TextFields {
    pub analyzer: &'static Analyzer,
    pub title: Field,
    pub lead: Field,
    pub body: Field,
    /// The parts of the compounds of title, lead and body ([`super::parts`]), for an analyzer
    /// that splits compounds.
    pub parts: Option<Field>,
    /// The words of title, lead and body as written, unstemmed, and the parts of their
    /// compounds as they stand in them, for an analyzer that splits compounds: a word as the
    /// user typed it ranks above its other forms.
    pub written: Option<Field>,
}

impl TextFields {
    pub fn get(&self, part: Part) -> Field {
        match part {
            Part::Title => self.title,
            Part::Lead => self.lead,
            Part::Body => self.body,
        }
    }
}

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Short stable id of the article (a hash of its path), for `arkiv show`.
    pub id: Field,
    /// Absolute path of the file; the key for re-indexing and removal.
    pub path: Field,
    /// The whole [`arkiv_extract::Article`] as JSON, so that hits and `show` need no
    /// re-parsing of the source file, which may have changed or gone.
    pub article: Field,
    /// One set of title/lead/body fields per analyzer, in [`ANALYZERS`] order.
    pub text: Vec<TextFields>,
    /// Canonical entity names, exact, for listing and filtering.
    pub person: Field,
    pub place: Field,
    pub org: Field,
    pub language: Field,
    /// The publisher, exact, for counting the sources of a result set (the facets).
    pub source: Field,
    /// The words the article writes with a capital letter, unstemmed ([`super::capitalised`]),
    /// for names in queries.
    pub capitalised: Field,
    pub date: Field,
    /// What the file looked like when indexed: modification time (nanoseconds since the Unix
    /// epoch), size in bytes, and the xxh3 hash of its bytes.
    pub mtime: Field,
    pub size: Field,
    pub hash: Field,
    /// The fingerprint of the text ([`crate::copies`]): the least hashes of its shingles and
    /// its number of shingles, read per article when copies are compared.
    pub copy_sketch: Field,
    pub copy_shingles: Field,
}

impl Fields {
    /// The exact-name field of an entity kind.
    pub fn entity(&self, kind: arkiv_ner::EntityKind) -> Field {
        use arkiv_ner::EntityKind;
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Place => self.place,
            EntityKind::Organisation => self.org,
        }
    }

    /// The text fields for an article language.
    pub fn text_for(&self, language: &str) -> &TextFields {
        let analyzer = Analyzer::for_language(language);
        self.text.iter().find(|fields| fields.analyzer.name == analyzer.name).unwrap_or(&self.text[self.text.len() - 1])
    }
}

/// Builds the schema and the field handles.
pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let exact = STRING | STORED | FAST;
    let text = ANALYZERS
        .iter()
        .map(|analyzer| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&analyzer.tokenizer_name())
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            let mut field =
                |part: Part| builder.add_text_field(&format!("{}_{}", part.name(), analyzer.name), options.clone());
            let (title, lead, body) = (field(Part::Title), field(Part::Lead), field(Part::Body));
            // The parts and the written words are found, not ranked by where they stand, so they
            // need no positions.
            let mut unplaced = |name: &str, tokenizer: &str| {
                builder.add_text_field(
                    &format!("{name}_{}", analyzer.name),
                    TextOptions::default().set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(tokenizer)
                            .set_index_option(IndexRecordOption::WithFreqs),
                    ),
                )
            };
            let parts = analyzer.compounds.then(|| unplaced("parts", &analyzer.parts_tokenizer_name()));
            let written = analyzer.compounds.then(|| unplaced("written", &analyzer.written_tokenizer_name()));
            TextFields { analyzer, title, lead, body, parts, written }
        })
        .collect();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        path: builder.add_text_field("path", exact.clone()),
        article: builder.add_text_field("article", STORED),
        text,
        person: builder.add_text_field("person", exact.clone()),
        place: builder.add_text_field("place", exact.clone()),
        org: builder.add_text_field("org", exact.clone()),
        language: builder.add_text_field("language", exact),
        source: builder.add_text_field("source", STRING | FAST),
        capitalised: builder.add_text_field(
            "capitalised",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(super::capitalised::TOKENIZER)
                    .set_index_option(IndexRecordOption::Basic),
            ),
        ),
        date: builder.add_date_field(
            "date",
            DateOptions::default().set_indexed().set_fast().set_stored().set_precision(DateTimePrecision::Seconds),
        ),
        mtime: builder.add_u64_field("mtime", FAST | STORED),
        size: builder.add_u64_field("size", FAST | STORED),
        hash: builder.add_u64_field("hash", FAST | STORED),
        copy_sketch: builder.add_u64_field("copy_sketch", FAST),
        copy_shingles: builder.add_u64_field("copy_shingles", FAST),
    };
    (builder.build(), fields)
}

/// The field handles of an existing index's schema, when it is this version's schema. The
/// format stamp ([`super::format`]) already says so; this catches a stamp that lies.
pub(crate) fn fields_of(schema: &Schema) -> Option<Fields> {
    let (expected, fields) = build();
    (*schema == expected).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_writes_to_the_fields_of_its_analyzer() {
        let (schema, fields) = build();
        for (language, suffix) in
            [("nb", "no"), ("nn", "no"), ("en", "en"), ("ru", "ru"), ("ja", "other"), ("und", "other")]
        {
            assert_eq!(schema.get_field_name(fields.text_for(language).body), format!("body_{suffix}"), "{language}");
        }
    }
}
