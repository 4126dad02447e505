//! What the commands print: readable text on a terminal, or one JSON object per line with
//! stable field names (`--json`). The JSON fields are documented in the README.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::article::{Article, Caption};
use crate::entities::{self, EntityKind};
use crate::ingest::Summary;
use crate::search::names::NameCount;
use crate::search::{Mentioning, Results};

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub struct Output {
    json: bool,
    color: bool,
    out: BufWriter<Stdout>,
}

/// Where a printed article comes from: the index (`show`) or a file just read (`extract`).
pub enum Origin<'a> {
    Stored { id: &'a str, path: &'a str },
    File { path: &'a str, encoding: &'a str },
}

/// An article as `extract` and `show` print it in JSON.
#[derive(Serialize)]
struct ArticleJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    title: &'a str,
    lead: Option<&'a str>,
    subheadings: Vec<&'a str>,
    paragraphs: Vec<&'a str>,
    captions: &'a [Caption],
    byline: Option<&'a str>,
    #[serde(with = "time::serde::rfc3339::option")]
    date: Option<OffsetDateTime>,
    source: Option<&'a str>,
    #[serde(with = "time::serde::rfc3339::option")]
    modified: Option<OffsetDateTime>,
    section: Option<&'a str>,
    url: Option<&'a str>,
    language: &'a str,
    people: Vec<&'a str>,
    places: Vec<&'a str>,
    organisations: Vec<&'a str>,
    text: String,
}

impl Output {
    pub fn new(json: bool) -> Output {
        let stdout = io::stdout();
        Output { json, color: stdout.is_terminal(), out: BufWriter::new(stdout) }
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().context("cannot write output")
    }

    fn json_line(&mut self, value: &impl Serialize) -> Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        writeln!(self.out)?;
        Ok(())
    }

    fn bold(&self, text: &str) -> String {
        if self.color { format!("{BOLD}{text}{RESET}") } else { text.to_owned() }
    }

    pub fn summary(&mut self, summary: &Summary) -> Result<()> {
        if self.json {
            return self.json_line(summary);
        }
        write!(self.out, "{summary}")?;
        Ok(())
    }

    pub fn results(&mut self, results: &Results, offset: usize) -> Result<()> {
        if self.json {
            for hit in &results.hits {
                let mut value = serde_json::to_value(hit)?;
                value["snippet_html"] = Value::String(hit.snippet.to_html());
                value["total"] = json!(results.total);
                self.json_line(&value)?;
            }
            return Ok(());
        }
        if results.hits.is_empty() {
            match results.total {
                0 => writeln!(self.out, "No articles match.")?,
                total => writeln!(self.out, "No more hits: {total} articles match in all.")?,
            }
            return Ok(());
        }
        for (rank, hit) in results.hits.iter().enumerate() {
            writeln!(self.out, "{}. {}", offset + rank + 1, self.bold(&hit.title))?;
            let mut facts = facts(hit.date, hit.source.as_deref(), hit.byline.as_deref(), &hit.language);
            facts.push(format!("id {}", hit.id));
            writeln!(self.out, "   {}", facts.join(" · "))?;
            writeln!(self.out, "   {}", hit.path)?;
            let snippet =
                if self.color { hit.snippet.marked(BOLD, RESET, str::to_owned) } else { hit.snippet.text.clone() };
            writeln!(self.out, "   {snippet}\n")?;
        }
        let shown = offset + results.hits.len();
        writeln!(self.out, "{}–{} of {} articles", offset + 1, shown, results.total)?;
        Ok(())
    }

    pub fn mentioning(&mut self, query: &str, names: &BTreeSet<String>, articles: &[Mentioning]) -> Result<()> {
        if self.json {
            for article in articles {
                self.json_line(article)?;
            }
            return Ok(());
        }
        if names.is_empty() {
            writeln!(self.out, "No one in the index is called {query:?}.")?;
            return Ok(());
        }
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        writeln!(self.out, "{} ({} articles)", self.bold(&names.join(", ")), articles.len())?;
        for article in articles {
            let date = article.date.map_or_else(|| "undated".to_owned(), format_date);
            writeln!(self.out, "{date:>10}  {:>3}×  {}  [{}]", article.mentions, article.title, article.id)?;
        }
        Ok(())
    }

    pub fn name_counts(&mut self, counts: &[NameCount]) -> Result<()> {
        for count in counts {
            if self.json {
                self.json_line(count)?;
            } else {
                writeln!(self.out, "{:>6}  {}", count.articles, count.name)?;
            }
        }
        Ok(())
    }

    pub fn article(&mut self, origin: &Origin<'_>, article: &Article) -> Result<()> {
        if self.json {
            let (id, path, encoding) = match *origin {
                Origin::Stored { id, path } => (Some(id), Some(path), None),
                Origin::File { path, encoding } => (None, Some(path), Some(encoding)),
            };
            let view = ArticleJson {
                id,
                path,
                encoding,
                title: &article.title,
                lead: article.lead.as_deref(),
                subheadings: article.subheadings().collect(),
                paragraphs: article.paragraphs().collect(),
                captions: &article.captions,
                byline: article.byline.as_deref(),
                date: article.date,
                source: article.source.as_deref(),
                modified: article.modified,
                section: article.section.as_deref(),
                url: article.url.as_deref(),
                language: &article.language,
                people: article.names(EntityKind::Person).collect(),
                places: article.names(EntityKind::Place).collect(),
                organisations: article.names(EntityKind::Organisation).collect(),
                text: article.text(),
            };
            return self.json_line(&view);
        }
        self.article_text(origin, article)
    }

    fn article_text(&mut self, origin: &Origin<'_>, article: &Article) -> Result<()> {
        writeln!(self.out, "{}", self.bold(&article.title))?;
        let mut facts = facts(article.date, article.source.as_deref(), article.byline.as_deref(), &article.language);
        match *origin {
            Origin::Stored { id, path } => facts.extend([format!("id {id}"), path.to_owned()]),
            Origin::File { path, encoding } => facts.extend([encoding.to_owned(), path.to_owned()]),
        }
        writeln!(self.out, "{}\n", facts.join(" · "))?;
        if let Some(lead) = &article.lead {
            writeln!(self.out, "{lead}\n")?;
        }
        for block in &article.body {
            match block {
                crate::article::BodyBlock::Subheading(text) => writeln!(self.out, "{}\n", self.bold(text))?,
                crate::article::BodyBlock::Paragraph(text) => writeln!(self.out, "{text}\n")?,
            }
        }
        for caption in &article.captions {
            let credit = caption.credit.as_deref().map_or_else(String::new, |credit| format!(" (Foto: {credit})"));
            writeln!(self.out, "[Bilde] {}{credit}", caption.text)?;
        }
        for (label, kind) in
            [("People", EntityKind::Person), ("Places", EntityKind::Place), ("Organisations", EntityKind::Organisation)]
        {
            let names: Vec<&str> = article.names(kind).collect();
            if !names.is_empty() {
                writeln!(self.out, "{label}: {}", names.join(", "))?;
            }
        }
        Ok(())
    }

    /// One line of `arkiv entities`: the object with an added `entities` list, offsets in
    /// characters (Unicode scalar values), as the NorNE scorer and most tools count them.
    pub fn entities_line(&mut self, line: &str) -> Result<()> {
        let mut value: Value = serde_json::from_str(line).context("not a JSON object")?;
        let text = value.get("text").and_then(Value::as_str).context("no string field `text`")?.to_owned();
        let mentions: Vec<Value> = entities::recognize(&text)
            .into_iter()
            .map(|mention| {
                let start = text[..mention.start].chars().count();
                let end = start + text[mention.start..mention.end].chars().count();
                json!({"start": start, "end": end, "type": mention.kind, "text": &text[mention.start..mention.end]})
            })
            .collect();
        let object = value.as_object_mut().context("not a JSON object")?;
        object.insert("entities".to_owned(), Value::Array(mentions));
        self.json_line(&value)?;
        self.out.flush()?;
        Ok(())
    }
}

/// The line under a title: what is known of date, source, byline and language.
fn facts(date: Option<OffsetDateTime>, source: Option<&str>, byline: Option<&str>, language: &str) -> Vec<String> {
    date.map(format_date)
        .into_iter()
        .chain(source.map(str::to_owned))
        .chain(byline.map(str::to_owned))
        .chain([language.to_owned()])
        .collect()
}

fn format_date(date: OffsetDateTime) -> String {
    date.format(&Rfc3339).map_or_else(|_| date.date().to_string(), |formatted| formatted[..10].to_owned())
}
