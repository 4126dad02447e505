//! What the commands print: readable text on a terminal, or one JSON object per line with
//! stable field names (`--json`). The JSON fields are documented in the README.
//!
//! Every string that came from an article or a file name is someone else's text, so text
//! output shows it [`terminal_safe`]: a control character in it is shown as U+FFFD instead of
//! acting on the terminal. JSON keeps the text as it is, and writes the characters a terminal
//! would act on as `\u` escapes ([`TerminalSafeJson`]), so a JSON line is safe to print too.

use std::io::{self, BufWriter, Stdout, Write};

use anyhow::{Context, Result};
use arkiv_engine::NameCount;
use arkiv_engine::views::{
    ArticleView, CheckReport, Concordance, CopyGroup, ExportSummary, Histogram, Mentions, Results, Similar, Summary,
};
use arkiv_extract::BodyBlock;
use arkiv_ner::EntityKind;
use arkiv_text::{terminal_controls, terminal_safe};
use serde::Serialize;
use serde_json::ser::Formatter;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::bench::Report;

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The most names the heading of `person` / `place` lists; the others it counts ("Hans" is
/// some 250 people in a large archive).
const NAMES_SHOWN: usize = 5;

/// Where the commands write: stdout, as text or as JSON lines.
pub(crate) struct Output {
    json: bool,
    color: bool,
    out: BufWriter<Stdout>,
}

impl Output {
    /// Output as JSON lines or as text, the text marked in bold when `color` says so.
    pub(crate) fn new(json: bool, color: bool) -> Output {
        Output { json, color, out: BufWriter::new(io::stdout()) }
    }

    pub(crate) fn flush(&mut self) -> Result<()> {
        self.out.flush().context("cannot write output")
    }

    fn json_line(&mut self, value: &impl Serialize) -> Result<()> {
        let mut serializer = serde_json::Serializer::with_formatter(&mut self.out, TerminalSafeJson);
        // A failed write comes back wrapped in serde_json's error; unwrapped, a closed pipe
        // (`arkiv search x --json | head -1`) is an `io::Error` that ends output quietly.
        value.serialize(&mut serializer).map_err(io::Error::from)?;
        writeln!(self.out)?;
        Ok(())
    }

    /// Article text in bold when colour is on, safe for the terminal either way.
    fn bold(&self, text: &str) -> String {
        let text = terminal_safe(text);
        if self.color { format!("{BOLD}{text}{RESET}") } else { text.into_owned() }
    }

    /// Writes a line that is already JSON.
    pub(crate) fn raw_line(&mut self, line: &str) -> Result<()> {
        writeln!(self.out, "{line}")?;
        Ok(())
    }

    /// Writes bytes as they are (a completion script, the manual page).
    pub(crate) fn raw(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes)?;
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
            let counts: Vec<String> =
                summary.ignored.iter().map(|(ext, n)| format!(".{}: {n}", terminal_safe(ext))).collect();
            let total: usize = summary.ignored.values().sum();
            let files = if total == 1 { "file that is not an article" } else { "files that are not articles" };
            writeln!(self.out, "ignored {total} {files} ({})", counts.join(", "))?;
        }
        for (path, reason) in &summary.skipped {
            writeln!(self.out, "skipped {}: {}", safe_path(path), terminal_safe(reason))?;
        }
        for (path, warning) in &summary.warnings {
            writeln!(self.out, "warning {}: {}", safe_path(path), terminal_safe(warning))?;
        }
        Ok(())
    }

    pub(crate) fn export_summary(&mut self, summary: &ExportSummary) -> Result<()> {
        if self.json {
            return self.json_line(summary);
        }
        let articles = if summary.articles == 1 { "article" } else { "articles" };
        writeln!(
            self.out,
            "{} {articles} exported to {}: {} sent, {} unchanged, {} deleted ({} bulk requests, {} retries, {:.2} s)",
            summary.articles,
            terminal_safe(&summary.index),
            summary.sent,
            summary.unchanged,
            summary.deleted,
            summary.batches,
            summary.retries,
            summary.elapsed.as_secs_f64()
        )?;
        Ok(())
    }

    pub(crate) fn results(&mut self, results: &Results, query: &str, offset: usize) -> Result<()> {
        if self.json {
            for hit in &results.hits {
                self.json_line(hit)?;
            }
            return Ok(());
        }
        if let Some(corrected) = &results.corrected_query {
            writeln!(self.out, "Showing results for {corrected:?}. Search instead for {query:?} with --exact.\n")?;
        }
        if results.partial {
            writeln!(self.out, "No article has every word of the query; these have the most of them.\n")?;
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
            match hit.copies.len() {
                0 => {}
                1 => facts.push("+1 copy".to_owned()),
                copies => facts.push(format!("+{copies} copies")),
            }
            writeln!(self.out, "   {}", facts.join(" · "))?;
            writeln!(self.out, "   {}", terminal_safe(&hit.path))?;
            if !hit.missing.is_empty() {
                writeln!(self.out, "   without: {}", terminal_safe(&hit.missing.join(", ")))?;
            }
            let snippet = if self.color {
                hit.snippet.marked(BOLD, RESET, |text| terminal_safe(text).into_owned())
            } else {
                terminal_safe(&hit.snippet.text).into_owned()
            };
            writeln!(self.out, "   {snippet}\n")?;
        }
        let shown = offset + results.hits.len();
        writeln!(self.out, "{}–{} of {} articles", offset + 1, shown, results.total)?;
        if let Some(suggestion) = &results.suggestion {
            writeln!(self.out, "Did you mean {suggestion:?}?")?;
        }
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
            let title = terminal_safe(&article.title);
            writeln!(self.out, "{date:>10}  {:>3}×  {title}  [{}]", article.mentions, article.id)?;
        }
        if mentions.articles.len() < mentions.total {
            writeln!(
                self.out,
                "the newest {} of {} articles; --limit N lists more",
                mentions.articles.len(),
                mentions.total
            )?;
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
            writeln!(self.out, "{:>6}  {kind:<6}  {}", other.articles, terminal_safe(&other.name))?;
        }
        Ok(())
    }

    /// The heading of `person`/`place` output: the first [`NAMES_SHOWN`] names found, how many
    /// more there are, and their article count; or that there are none. Returns whether there
    /// were any.
    fn names_found(&mut self, query: &str, mentions: &Mentions) -> Result<bool> {
        if mentions.names.is_empty() {
            writeln!(self.out, "No one in the index is called {:?}.", terminal_safe(query))?;
            return Ok(false);
        }
        let shown: Vec<&str> = mentions.names.iter().take(NAMES_SHOWN).map(String::as_str).collect();
        let mut names = self.bold(&shown.join(", "));
        if mentions.names.len() > NAMES_SHOWN {
            names.push_str(&format!(" and {} more", mentions.names.len() - NAMES_SHOWN));
        }
        writeln!(self.out, "{names} ({} articles)", mentions.total)?;
        Ok(true)
    }

    /// A timeline: a bar per period, scaled to the fullest, then the undated articles; in JSON
    /// one `{period, count}` line per period.
    pub(crate) fn timeline(&mut self, histogram: &Histogram) -> Result<()> {
        if self.json {
            for count in histogram.counts() {
                self.json_line(&count)?;
            }
            return Ok(());
        }
        if histogram.buckets.is_empty() && histogram.undated == 0 {
            writeln!(self.out, "No articles match.")?;
            return Ok(());
        }
        let most = histogram.buckets.iter().map(|bucket| bucket.articles).max().unwrap_or(0);
        let digits = most.max(histogram.undated).to_string().len();
        let label = histogram.buckets.iter().map(|bucket| bucket.period.len()).max().unwrap_or(0);
        for bucket in &histogram.buckets {
            let line = format!("{:<label$}  {:>digits$}", bucket.period, bucket.articles);
            match bar(bucket.articles, most) {
                bar if bar.is_empty() => writeln!(self.out, "{line}")?,
                bar => writeln!(self.out, "{line}  {}", self.bold(&bar))?,
            }
        }
        let dated: u64 = histogram.buckets.iter().map(|bucket| bucket.articles).sum();
        writeln!(self.out, "{dated} dated articles, {} undated", histogram.undated)?;
        Ok(())
    }

    /// The articles most like one article, most alike first.
    pub(crate) fn similar(&mut self, similar: &Similar) -> Result<()> {
        if self.json {
            for related in &similar.articles {
                self.json_line(related)?;
            }
            return Ok(());
        }
        writeln!(self.out, "Like {}  [{}]\n", self.bold(&similar.title), similar.id)?;
        if similar.articles.is_empty() {
            writeln!(self.out, "No article is like it.")?;
        }
        for (rank, related) in similar.articles.iter().enumerate() {
            writeln!(self.out, "{}. {}", rank + 1, self.bold(&related.title))?;
            let mut facts: Vec<String> = related.date.map(format_date).into_iter().collect();
            facts.extend(related.source.as_deref().map(|source| terminal_safe(source).into_owned()));
            facts.push(format!("id {}", related.id));
            writeln!(self.out, "   {}", facts.join(" · "))?;
            writeln!(self.out, "   {}", terminal_safe(&related.path))?;
            if !related.names.is_empty() {
                writeln!(self.out, "   also names {}", terminal_safe(&related.names.join(", ")))?;
            }
        }
        Ok(())
    }

    /// A concordance: one line per occurrence, the matches in one column.
    pub(crate) fn kwic(&mut self, concordance: &Concordance, width: usize) -> Result<()> {
        if self.json {
            for line in &concordance.lines {
                self.json_line(line)?;
            }
            return Ok(());
        }
        if concordance.lines.is_empty() {
            writeln!(self.out, "No occurrences.")?;
            return Ok(());
        }
        for line in &concordance.lines {
            let left = terminal_safe(&line.left);
            writeln!(
                self.out,
                "{left:>width$} {} {}  [{}]",
                self.bold(&line.matched),
                terminal_safe(&line.right),
                line.id
            )?;
        }
        let more = if concordance.more { "; --limit N lists more" } else { "" };
        let occurrences = if concordance.lines.len() == 1 { "occurrence" } else { "occurrences" };
        let articles = if concordance.articles == 1 { "article" } else { "articles" };
        writeln!(self.out, "{} {occurrences} from {} {articles}{more}", concordance.lines.len(), concordance.articles)?;
        Ok(())
    }

    /// A benchmark report; in text, the percentiles are the last line, for scripts to pick up.
    pub(crate) fn bench(&mut self, report: &Report) -> Result<()> {
        if self.json {
            return self.json_line(report);
        }
        writeln!(self.out, "slowest queries (median):")?;
        for slow in &report.slowest {
            writeln!(self.out, "{:>9.3} ms  {}", slow.median_ms, terminal_safe(&slow.line))?;
        }
        writeln!(
            self.out,
            "{} queries × {} passes = {} searches; {} hits shown and {} articles matched per pass; mean {:.3} ms, max {:.3} ms",
            report.queries, report.passes, report.searches, report.hits, report.matched, report.mean_ms, report.max_ms
        )?;
        writeln!(self.out, "p50_ms={:.3} p95_ms={:.3} p99_ms={:.3}", report.p50_ms, report.p95_ms, report.p99_ms)?;
        Ok(())
    }

    /// The groups of copies, one per line: each article's id, date, source and title.
    pub(crate) fn copy_groups(&mut self, groups: &[CopyGroup]) -> Result<()> {
        for group in groups {
            if self.json {
                self.json_line(group)?;
                continue;
            }
            let articles: Vec<String> = group
                .articles
                .iter()
                .map(|article| {
                    let mut facts = vec![article.id.clone()];
                    facts.extend(article.date.map(format_date));
                    facts.extend(article.source.as_deref().map(|source| terminal_safe(source).into_owned()));
                    facts.push(self.bold(&article.title));
                    facts.join(" ")
                })
                .collect();
            writeln!(self.out, "{}", articles.join("  =  "))?;
        }
        Ok(())
    }

    pub(crate) fn name_counts(&mut self, counts: &[NameCount]) -> Result<()> {
        for count in counts {
            if self.json {
                self.json_line(count)?;
            } else {
                writeln!(self.out, "{:>6}  {}", count.articles, terminal_safe(&count.name))?;
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
        facts.push(terminal_safe(&view.path).into_owned());
        writeln!(self.out, "{}\n", facts.join(" · "))?;
        if let Some(lead) = &article.lead {
            writeln!(self.out, "{}\n", terminal_safe(lead))?;
        }
        for block in &article.body {
            match block {
                BodyBlock::Subheading(text) => writeln!(self.out, "{}\n", self.bold(text))?,
                BodyBlock::Paragraph(text) => writeln!(self.out, "{}\n", terminal_safe(text))?,
            }
        }
        for caption in &article.captions {
            let credit = caption
                .credit
                .as_deref()
                .map_or_else(String::new, |credit| format!(" (Foto: {})", terminal_safe(credit)));
            writeln!(self.out, "[Bilde] {}{credit}", terminal_safe(&caption.text))?;
        }
        for (label, kind) in
            [("People", EntityKind::Person), ("Places", EntityKind::Place), ("Organisations", EntityKind::Organisation)]
        {
            let names: Vec<&str> = article.names(kind).collect();
            if !names.is_empty() {
                writeln!(self.out, "{label}: {}", terminal_safe(&names.join(", ")))?;
            }
        }
        Ok(())
    }
}

/// The line under a title: what is known of date, source, byline and language.
fn facts(date: Option<OffsetDateTime>, source: Option<&str>, byline: Option<&str>, language: &str) -> Vec<String> {
    let safe = |text: &str| terminal_safe(text).into_owned();
    date.map(format_date).into_iter().chain(source.map(safe)).chain(byline.map(safe)).chain([safe(language)]).collect()
}

/// A file's path, which is someone else's name for it, safe for the terminal.
fn safe_path(path: &std::path::Path) -> String {
    terminal_safe(&path.to_string_lossy()).into_owned()
}

/// serde_json's compact JSON (the trait's defaults), with the characters a terminal would act on
/// ([`arkiv_text::is_terminal_control`]) written as `\u` escapes. serde_json escapes C0
/// controls itself but writes DEL, C1 controls and bidi controls as they are; escaped, the
/// strings decode to the same text, and a JSON line printed on a terminal shows them instead of
/// obeying them.
struct TerminalSafeJson;

impl Formatter for TerminalSafeJson {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut from = 0;
        for (at, c) in terminal_controls(fragment) {
            writer.write_all(&fragment.as_bytes()[from..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            from = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[from..])
    }
}

/// The widest bar of a timeline, in characters.
const BAR_WIDTH: usize = 50;

/// A bar of `count` against the fullest period's `most`, in eighths of a character; a period
/// with any articles shows at least a sliver.
fn bar(count: u64, most: u64) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    if count == 0 || most == 0 {
        return String::new();
    }
    let eighths = (count * BAR_WIDTH as u64 * 8).div_ceil(most) as usize;
    let mut bar = "█".repeat(eighths / 8);
    if let Some(last) = (eighths % 8).checked_sub(1) {
        bar.push(EIGHTHS[last]);
    }
    bar
}

fn format_date(date: OffsetDateTime) -> String {
    date.format(&Rfc3339).map_or_else(|_| date.date().to_string(), |formatted| formatted[..10].to_owned())
}
