//! The new states of the index taken in while the server runs: every [`REFRESH_EVERY`] the
//! back end is asked for one. A new state answers only once the searches asked most recently
//! of the old one are worked out again from it (as Solr warms a new searcher), the old state
//! and its cache answering meanwhile; then both are swapped at once. An ingest commits every
//! few seconds, and without this each commit would leave an empty cache and every search
//! asked at that moment waiting for a core.

use std::sync::Arc;
use std::time::{Duration, Instant};

use arkiv_engine::{Backend, Refreshed};

use crate::cache::Cache;
use crate::{Served, State, api};

/// How often the server looks for a new commit of the index.
pub const REFRESH_EVERY: Duration = Duration::from_millis(500);

/// The most searches worked out again for a new state before it answers: the most recently
/// asked of the old state's cache, which are the ones likely to be asked again soon. A search
/// costs a few milliseconds of a core, so this many fit in [`WARM_BUDGET`] on a quiet
/// machine.
pub const WARM_REQUESTS: usize = 256;

/// The longest the searches of a new state are worked out for before it answers, however
/// many are left: the new articles wait this long at most to be found, and the searches not
/// worked out by then are worked out when they are asked.
pub const WARM_BUDGET: Duration = Duration::from_secs(1);

/// Asks the back end for a new state every [`REFRESH_EVERY`], on a thread of its own (a
/// refresh reads files, and warming a new state searches, which is no work for the threads
/// that answer requests).
pub(crate) fn spawn(state: Arc<State>) {
    std::thread::spawn(move || {
        let mut failing = false;
        loop {
            std::thread::sleep(REFRESH_EVERY);
            let served = state.served();
            match served.backend.refresh() {
                Ok(refreshed) => {
                    match refreshed {
                        Refreshed::Unchanged => {}
                        // The answers of a back end that changed in place may differ already:
                        // none of those kept can be given again.
                        Refreshed::Changed => state.serve(Served {
                            backend: Arc::clone(&served.backend),
                            cache: Cache::new(served.cache.capacity()),
                        }),
                        Refreshed::Next(next) => state.serve(warmed(&served.cache, Arc::from(next))),
                    }
                    failing = false;
                }
                // Said once, not every half second, until it works again; the server answers
                // from the state it has meanwhile.
                Err(error) if !failing => {
                    eprintln!("arkiv serve: {error}");
                    failing = true;
                }
                Err(_) => {}
            }
        }
    });
}

/// The new state `next` with a cache of the answers to the [`WARM_REQUESTS`] most recent
/// searches kept in `old`, as many as [`WARM_BUDGET`] allows. A search that fails is left out:
/// it fails again when asked, in its own words.
fn warmed(old: &Cache, next: Arc<dyn Backend>) -> Served {
    let cache = Cache::new(old.capacity());
    let started = Instant::now();
    for key in old.recent(WARM_REQUESTS) {
        if started.elapsed() >= WARM_BUDGET {
            break;
        }
        if let Ok(answer) = api::search_answer(next.as_ref(), &key) {
            cache.keep(key, answer);
        }
    }
    Served { backend: next, cache }
}
