//! What the commands print: readable text on a terminal, or one JSON object per line with
//! stable field names (`--json`). The JSON fields are documented in the README.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use anyhow::{Context, Result};
use arkiv_engine::NameCount;
use arkiv_engine::views::{ArticleView, CheckReport, Mentions, Results, Summary};
use arkiv_extract::BodyBlock;
use arkiv_ner::EntityKind;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::bench::Report;

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Where the commands write: stdout, as text or as JSON lines.
pub(crate) struct Output {
    json: bool,
    color: bool,
    out: BufWriter<Stdout>,
}

impl Output {
    pub(crate) fn new(json: bool) -> Output {
        let stdout = io::stdout();
        Output { json, color: stdout.is_terminal(), out: BufWriter::new(stdout) }
    }

    pub(crate) fn flush(&mut self) -> Result<()> {
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

    /// Writes a line that is already JSON.
    pub(crate) fn raw_line(&mut self, line: &str) -> Result<()> {
        writeln!(self.out, "{line}")?;
        Ok(())
    }

    /// What `arkiv check` found: one line per damage, then a line of what was checked.
    pub(crate) fn check(&mut self, report: &CheckReport) -> Result<()> {
        if self.json {
            return self.json_line(report);
        }
        for problem in &report.problems {
            match &problem.file {
                Some(file) => writeln!(self.out, "damaged {}: {}", file.display(), problem.problem)?,
                None => writeln!(self.out, "damaged: {}", problem.problem)?,
            }
        }
        let state = if report.healthy() { "no damage" } else { "damaged" };
        writeln!(
            self.out,
            "{}: {state} ({} segments, {} files, {} stored articles read)",
            report.path.display(),
            report.segments,
            report.files,
            report.articles
        )?;
        Ok(())
    }

    pub(crate) fn summary(&mut self, summary: &Summary) -> Result<()> {
        if self.json {
            return self.json_line(summary);
        }
        let seen = if summary.seen == 1 { "file" } else { "files" };
        writeln!(
            self.out,
            "{} {seen} seen: {} indexed, {} unchanged, {} removed, {} skipped ({:.2} s)",
            summary.seen,
            summary.indexed,
            summary.unchanged,
            summary.removed,
            summary.skipped.len(),
            summary.elapsed.as_secs_f64()
        )?;
        if !summary.ignored.is_empty() {
            let counts: Vec<String> = summary.ignored.iter().map(|(ext, n)| format!(".{ext}: {n}")).collect();
            let total: usize = summary.ignored.values().sum();
            let files = if total == 1 { "file that is not an article" } else { "files that are not articles" };
            writeln!(self.out, "ignored {total} {files} ({})", counts.join(", "))?;
        }
        for (path, reason) in &summary.skipped {
            writeln!(self.out, "skipped {}: {reason}", path.display())?;
        }
        for (path, warning) in &summary.warnings {
            writeln!(self.out, "warning {}: {warning}", path.display())?;
        }
        Ok(())
    }

    pub(crate) fn results(&mut self, results: &Results, offset: usize) -> Result<()> {
        if self.json {
            for hit in &results.hits {
                self.json_line(hit)?;
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

    pub(crate) fn mentioning(&mut self, query: &str, mentions: &Mentions) -> Result<()> {
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
    pub(crate) fn together(&mut self, query: &str, mentions: &Mentions) -> Result<()> {
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
    pub(crate) fn bench(&mut self, report: &Report) -> Result<()> {
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

    pub(crate) fn name_counts(&mut self, counts: &[NameCount]) -> Result<()> {
        for count in counts {
            if self.json {
                self.json_line(count)?;
            } else {
                writeln!(self.out, "{:>6}  {}", count.articles, count.name)?;
            }
        }
        Ok(())
    }

    pub(crate) fn article(&mut self, view: &ArticleView) -> Result<()> {
        if self.json {
            return self.json_line(view);
        }
        let article = &view.article;
        writeln!(self.out, "{}", self.bold(&article.title))?;
        let mut facts = facts(article.date, article.source.as_deref(), article.byline.as_deref(), &article.language);
        match (&view.id, view.encoding) {
            (Some(id), _) => facts.push(format!("id {id}")),
            (None, Some(encoding)) => facts.push(encoding.to_owned()),
            (None, None) => {}
        }
        facts.push(view.path.clone());
        writeln!(self.out, "{}\n", facts.join(" · "))?;
        if let Some(lead) = &article.lead {
            writeln!(self.out, "{lead}\n")?;
        }
        for block in &article.body {
            match block {
                BodyBlock::Subheading(text) => writeln!(self.out, "{}\n", self.bold(text))?,
                BodyBlock::Paragraph(text) => writeln!(self.out, "{text}\n")?,
            }
        }
        for caption in &article.captions {
            let credit = caption.credit.as_deref().map_or_else(String::new, |credit| format!(" (Foto: {credit})"));
            writeln!(self.out, "[Bilde] {}{credit}", caption.text)?;
        }
        for (label, names) in
            [("People", &view.people), ("Places", &view.places), ("Organisations", &view.organisations)]
        {
            if !names.is_empty() {
                writeln!(self.out, "{label}: {}", names.join(", "))?;
            }
        }
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
