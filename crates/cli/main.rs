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
    use_small_pages();
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

/// Keeps this process off transparent huge pages. mimalloc asks for them for its arenas and
/// gives memory that stays free back to the system a second later; touched again, such memory
/// is a new 2 MB page that the kernel zeroes whole, however little of it is used. An article
/// tagged in parts, each part's tables made and dropped in turn, had 14% of its CPU time in
/// that zeroing (bench/EXPERIMENTS.md, "Big inputs"). With 4 KB pages only what is touched is
/// zeroed. Should the kernel refuse, arkiv runs as well with the pages it gets.
fn use_small_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_process_keeps_to_small_pages() {
        super::use_small_pages();
        assert!(rustix::thread::transparent_huge_pages_are_disabled().expect("the THP flag"));
    }
}
