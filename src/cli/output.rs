//! What the commands print: readable text on a terminal, or one JSON object per line with
//! stable field names (`--json`). The JSON fields are documented in the README.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::bench::Report;
use crate::article::{Article, Caption};
use crate::entities::{self, EntityKind};
use crate::ingest::Summary;
use crate::search::names::NameCount;
use crate::search::{Mentions, Results};

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

    pub fn mentioning(&mut self, query: &str, mentions: &Mentions) -> Result<()> {
        if self.json {
            for article in &mentions.articles {
                self.json_line(article)?;
            }
            return Ok(());
        }
        if !self.names_found(query, mentions)? {
            return Ok(());
        }
        for article in &mentions.articles {
            let date = article.date.map_or_else(|| "undated".to_owned(), format_date);
            writeln!(self.out, "{date:>10}  {:>3}×  {}  [{}]", article.mentions, article.title, article.id)?;
        }
        Ok(())
    }

    /// `--with`: what is named together with the entity, with article counts.
    pub fn together(&mut self, query: &str, mentions: &Mentions) -> Result<()> {
        if self.json {
            for other in &mentions.together {
                self.json_line(other)?;
            }
            return Ok(());
        }
        if !self.names_found(query, mentions)? {
            return Ok(());
        }
        for other in &mentions.together {
            let kind = match other.kind {
                EntityKind::Person => "person",
                EntityKind::Place => "place",
                EntityKind::Organisation => "org",
            };
            writeln!(self.out, "{:>6}  {kind:<6}  {}", other.articles, other.name)?;
        }
        Ok(())
    }

    /// The heading of `person`/`place` output: the names found and their article count, or
    /// that there are none. Returns whether there were any.
    fn names_found(&mut self, query: &str, mentions: &Mentions) -> Result<bool> {
        if mentions.names.is_empty() {
            writeln!(self.out, "No one in the index is called {query:?}.")?;
            return Ok(false);
        }
        let names: Vec<&str> = mentions.names.iter().map(String::as_str).collect();
        writeln!(self.out, "{} ({} articles)", self.bold(&names.join(", ")), mentions.articles.len())?;
        Ok(true)
    }

    /// A benchmark report; in text, the percentiles are the last line, for scripts to pick up.
    pub fn bench(&mut self, report: &Report) -> Result<()> {
        if self.json {
            return self.json_line(report);
        }
        writeln!(self.out, "slowest queries (median):")?;
        for slow in &report.slowest {
            writeln!(self.out, "{:>9.3} ms  {}", slow.median_ms, slow.line)?;
        }
        writeln!(
            self.out,
            "{} queries × {} passes = {} searches; {} hits shown and {} articles matched per pass; mean {:.3} ms, max {:.3} ms",
            report.queries, report.passes, report.searches, report.hits, report.matched, report.mean_ms, report.max_ms
        )?;
        writeln!(self.out, "p50_ms={:.3} p95_ms={:.3} p99_ms={:.3}", report.p50_ms, report.p95_ms, report.p99_ms)?;
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

    /// The lines of one document for `arkiv entities`, each written back with an added
    /// `entities` list, offsets in characters (Unicode scalar values), as the NorNE scorer and
    /// most tools count them. Empties `lines`.
    pub fn entities(&mut self, lines: &mut Vec<Value>) -> Result<()> {
        let texts: Vec<String> = lines.iter().map(|line| line["text"].as_str().unwrap_or("").to_owned()).collect();
        let borrowed: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = entities::recognize_in_article(&borrowed);
        for ((mut value, text), mentions) in lines.drain(..).zip(&texts).zip(found) {
            let mentions: Vec<Value> = mentions
                .into_iter()
                .map(|mention| {
                    let start = text[..mention.start].chars().count();
                    let end = start + text[mention.start..mention.end].chars().count();
                    json!({"start": start, "end": end, "type": mention.kind, "text": &text[mention.start..mention.end]})
                })
                .collect();
            if let Some(object) = value.as_object_mut() {
                object.insert("entities".to_owned(), Value::Array(mentions));
            }
            self.json_line(&value)?;
        }
        self.out.flush()?;
        Ok(())
    }
}

/// One input line of `arkiv entities`: a JSON object with a string field `text`.
pub fn entities_input(line: &str) -> Result<Value> {
    let value: Value = serde_json::from_str(line).context("not a JSON object")?;
    anyhow::ensure!(value.is_object(), "not a JSON object");
    anyhow::ensure!(value.get("text").is_some_and(Value::is_string), "no string field `text`");
    Ok(value)
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
