//! `arkiv serve`: the archive over HTTP, as a JSON API of the engine's views and a web page
//! that searches it in a browser.
//!
//! - [`api`]: the routes under `/api/` and `/healthz`, each a thin call into the engine whose
//!   answer is serialised as the command line's `--json` serialises it;
//! - [`params`]: the query strings they take, checked against the limits before the engine
//!   sees them;
//! - [`page`]: the page and its scripts, styles and OpenAPI description, embedded at build
//!   time, so the binary is all there is to install;
//! - [`error`]: errors as JSON with a 4xx status (5xx when the index itself fails);
//! - [`cache`]: the answers of searches asked again, until the index changes.
//!
//! The server answers from any [`Backend`]: the local index, or an index on a cluster
//! (`arkiv serve --opensearch URL`); it knows only the engine's trait, never which it has.
//! The server only reads: the local index is opened read-only, and no route writes anything.
//! It asks the back end to take in new commits (of an `arkiv index` running into the same
//! folder) every [`REFRESH_EVERY`], so new articles are found without a restart.

mod api;
mod cache;
mod error;
mod page;
mod params;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use arkiv_engine::Backend;

pub use error::ServeError;

/// How often the server looks for a new commit of the index.
pub const REFRESH_EVERY: Duration = Duration::from_millis(500);

/// What `arkiv serve` is told.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 takes any free port.
    pub addr: SocketAddr,
    /// The bearer token every API request must carry; required unless `addr` is a loopback
    /// address, where only this machine's users reach the server.
    pub token: Option<String>,
    /// The most bytes of search answers kept for requests asked again; 0 keeps none.
    pub cache_bytes: usize,
}

/// What the handlers share: the back end, the token, the answers kept, and the permits to use
/// the engine.
pub(crate) struct State {
    pub(crate) backend: Box<dyn Backend>,
    pub(crate) token: Option<String>,
    pub(crate) cache: cache::Cache,
    /// One permit per core: a search keeps a core busy from start to end, so more at once only
    /// makes each take longer, while a request that waits for a permit costs nothing.
    pub(crate) engine: tokio::sync::Semaphore,
}

/// Serves `backend` until the process is interrupted (Ctrl-C). `bound` is told the address the
/// server listens on once it does, before the first request is taken.
pub fn run(config: Config, backend: Box<dyn Backend>, bound: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let token = config.token.filter(|token| !token.is_empty());
    if token.is_none() && !config.addr.ip().is_loopback() {
        return Err(ServeError::NoToken(config.addr));
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let state = Arc::new(State {
        backend,
        token,
        cache: cache::Cache::new(config.cache_bytes),
        engine: tokio::sync::Semaphore::new(cores),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServeError::Io { action: "cannot start the server's threads".to_owned(), source })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Io { action: format!("cannot listen on {}", config.addr), source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| ServeError::Io { action: format!("cannot listen on {}", config.addr), source })?;
        spawn_refresh(Arc::clone(&state));
        bound(addr);
        axum::serve(listener, api::router(state))
            .with_graceful_shutdown(async {
                // Without a signal handler the server runs until it is killed, which is no worse.
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|source| ServeError::Io { action: "the server stopped".to_owned(), source })
    })
}

/// Asks the back end to take in new commits every [`REFRESH_EVERY`], on a thread of its own
/// (a refresh reads files, which is no work for the threads that answer requests), and
/// forgets the answers kept when its answers may have changed.
fn spawn_refresh(state: Arc<State>) {
    std::thread::spawn(move || {
        let mut failing = false;
        loop {
            std::thread::sleep(REFRESH_EVERY);
            match state.backend.refresh() {
                Ok(changed) => {
                    if changed {
                        state.cache.clear();
                    }
                    failing = false;
                }
                // Said once, not every half second, until it works again; the server answers
                // from the commit it has meanwhile.
                Err(error) if !failing => {
                    eprintln!("arkiv serve: {error}");
                    failing = true;
                }
                Err(_) => {}
            }
        }
    });
}
