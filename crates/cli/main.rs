//! The `arkiv` command: argument parsing, text rendering of the engine's views, the progress
//! bar and exit codes. All the work is in the engine crates; this only turns a command line
//! into calls and their answers into lines.

mod app;
mod args;
mod backend;
mod bench;
mod entities;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc returns the pages its threads free to the system soon after, where glibc's malloc
/// keeps them in an arena per thread: the same ingest's peak RSS is then set by its live heap,
/// not by what the rayon and tantivy threads once held (bench/EXPERIMENTS.md, "Ingest memory").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match app::run(cli) {
        Ok(code) => code,
        Err(error) if app::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // The message may quote a file's name or an article's words.
            let message = arkiv_text::terminal_safe(&format!("{error:#}")).into_owned();
            match app::hint(&error) {
                Some(hint) => eprintln!("arkiv: {message}; {hint}"),
                None => eprintln!("arkiv: {message}"),
            }
            ExitCode::from(app::EXIT_ERROR)
        }
    }
}
