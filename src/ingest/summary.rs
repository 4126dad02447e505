//! The ingest summary: what was seen, indexed, left alone, removed and skipped, and why.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Files found under the folder, and places the walk could not enter.
    pub seen: usize,
    /// Files (re-)indexed in this run.
    pub indexed: usize,
    /// Files already indexed in their current form.
    pub unchanged: usize,
    /// Indexed files that no longer exist.
    pub removed: usize,
    /// Files passed over because they are not articles (images, notes …), by extension. Counted,
    /// not listed: an archive of saved pages holds many such files, and listing each would bury
    /// the skips that need attention.
    pub ignored: BTreeMap<String, usize>,
    /// Files and places that could not be indexed, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Files indexed despite a problem, with the problem.
    pub warnings: Vec<(PathBuf, String)>,
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
}

fn seconds<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(duration.as_secs_f64())
}

impl Summary {
    /// Whether the run left nothing searchable: no file indexed now or before.
    pub fn nothing_indexed(&self) -> bool {
        self.indexed + self.unchanged == 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} {} seen: {} indexed, {} unchanged, {} removed, {} skipped ({:.2} s)",
            self.seen,
            if self.seen == 1 { "file" } else { "files" },
            self.indexed,
            self.unchanged,
            self.removed,
            self.skipped.len(),
            self.elapsed.as_secs_f64()
        )?;
        if !self.ignored.is_empty() {
            let counts: Vec<String> = self.ignored.iter().map(|(ext, n)| format!(".{ext}: {n}")).collect();
            let total: usize = self.ignored.values().sum();
            let files = if total == 1 { "file that is not an article" } else { "files that are not articles" };
            writeln!(f, "ignored {total} {files} ({})", counts.join(", "))?;
        }
        for (path, reason) in &self.skipped {
            writeln!(f, "skipped {}: {reason}", path.display())?;
        }
        for (path, warning) in &self.warnings {
            writeln!(f, "warning {}: {warning}", path.display())?;
        }
        Ok(())
    }
}
