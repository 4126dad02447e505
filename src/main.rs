//! The `arkiv` command. All the work is in the library; this only parses the command line and
//! turns an error into one line on stderr and an exit status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = arkiv::cli::Cli::parse();
    match arkiv::cli::run(cli) {
        Ok(code) => code,
        Err(error) if arkiv::cli::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("arkiv: {error:#}");
            ExitCode::from(arkiv::cli::EXIT_ERROR)
        }
    }
}
