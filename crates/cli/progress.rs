//! A progress bar for long ingests and exports: drawn on stderr only when stderr is a terminal
//! and the run has gone on for more than a moment, so quick runs and logs stay clean.

use std::io::IsTerminal;
use std::sync::Once;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long an ingest runs before the bar appears.
const DELAY: Duration = Duration::from_millis(700);

/// The bar, hidden until [`DELAY`] has passed.
pub(crate) struct Bar {
    bar: ProgressBar,
    started: Instant,
    shown: Once,
}

impl Bar {
    /// A bar that counts `units` (files, articles).
    pub(crate) fn new(units: &str) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let template = format!("{{bar:40}} {{pos}}/{{len}} {units}  {{elapsed}} elapsed, eta {{eta}}");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Bar { bar, started: Instant::now(), shown: Once::new() }
    }
}

impl arkiv_engine::ingest::Progress for Bar {
    fn start(&self, files: u64) {
        self.bar.set_length(files);
    }

    fn advance(&self) {
        self.bar.inc(1);
        if self.started.elapsed() > DELAY {
            self.shown.call_once(|| {
                if std::io::stderr().is_terminal() {
                    self.bar.set_draw_target(ProgressDrawTarget::stderr());
                }
            });
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
