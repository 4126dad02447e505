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
//! - [`cache`]: the answers of searches asked again, for one state of the index;
//! - [`follow`]: the new states of the index taken in, their caches warmed first.
//!
//! The server answers from any [`Backend`]: the local index, or an index on a cluster
//! (`arkiv serve --opensearch URL`); it knows only the engine's trait, never which it has.
//! The server only reads: the local index is opened read-only, and no route writes anything.
//! It asks the back end for new commits (of an `arkiv index` running into the same folder)
//! every [`REFRESH_EVERY`], so new articles are found without a restart.

mod api;
mod cache;
mod error;
mod follow;
mod page;
mod params;

use std::net::SocketAddr;
use std::sync::{Arc, PoisonError, RwLock};

use arkiv_engine::Backend;

pub use error::ServeError;
pub use follow::{REFRESH_EVERY, WARM_BUDGET, WARM_REQUESTS};

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

/// What the handlers share: the state of the index answered from, the token, and the permits
/// to use the engine.
pub(crate) struct State {
    /// Replaced as a whole when the index takes a new state ([`follow`]).
    served: RwLock<Arc<Served>>,
    pub(crate) token: Option<String>,
    /// One permit per core: a search keeps a core busy from start to end, so more at once only
    /// makes each take longer, while a request that waits for a permit costs nothing.
    pub(crate) engine: tokio::sync::Semaphore,
}

/// One state of the index and the answers worked out from it: a request takes both together,
/// so that no answer of another state is ever given or kept for it.
pub(crate) struct Served {
    pub(crate) backend: Arc<dyn Backend>,
    pub(crate) cache: cache::Cache,
}

impl State {
    /// The state answered from now.
    pub(crate) fn served(&self) -> Arc<Served> {
        Arc::clone(&self.served.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Answers from `served` from now on.
    fn serve(&self, served: Served) {
        *self.served.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(served);
    }
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
        served: RwLock::new(Arc::new(Served {
            backend: Arc::from(backend),
            cache: cache::Cache::new(config.cache_bytes),
        })),
        token,
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
        follow::spawn(Arc::clone(&state));
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
