//! Answers kept for requests asked again: the same search is asked many times over (the next
//! page of it asks for its facets and histogram again, a shared link is opened by a whole
//! desk, the back button asks it once more), and its serialised answer costs a lookup where
//! the search costs a pass over every matching article.
//!
//! The cache holds at most a number of bytes of answers, the least recently used going first.
//! It never answers from an older state of the index: every refresh that takes in a change
//! empties it and starts a new epoch, and an answer worked out in an epoch that has ended is
//! not kept.

use std::sync::{Mutex, PoisonError};

use axum::body::Bytes;
use lru::LruCache;

/// A bounded store of serialised answers by request.
pub(crate) struct Cache {
    /// The most bytes of answers kept; 0 keeps none.
    capacity: usize,
    inner: Mutex<Inner>,
}

struct Inner {
    answers: LruCache<String, Bytes>,
    /// The bytes of the answers (and their keys) kept.
    bytes: usize,
    /// Counts the states of the index seen; an answer is kept only in the epoch it was asked.
    epoch: u64,
}

/// The epoch a request was asked in, to be given back with its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Epoch(u64);

impl Cache {
    /// A cache of at most `capacity` bytes.
    pub(crate) fn new(capacity: usize) -> Cache {
        Cache { capacity, inner: Mutex::new(Inner { answers: LruCache::unbounded(), bytes: 0, epoch: 0 }) }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The answer kept for `key`, or the epoch to give [`Cache::keep`] with the answer once it
    /// is worked out.
    pub(crate) fn get(&self, key: &str) -> Result<Bytes, Epoch> {
        let mut inner = self.inner();
        match inner.answers.get(key) {
            Some(answer) => Ok(answer.clone()),
            None => Err(Epoch(inner.epoch)),
        }
    }

    /// Keeps `answer` for `key`, unless the index changed since `asked` or the answer alone
    /// is larger than the cache; older answers go to make room.
    pub(crate) fn keep(&self, key: String, answer: Bytes, asked: Epoch) {
        let size = key.len() + answer.len();
        if size > self.capacity {
            return;
        }
        let mut inner = self.inner();
        if asked != Epoch(inner.epoch) {
            return;
        }
        if let Some(old) = inner.answers.put(key.clone(), answer) {
            inner.bytes -= key.len() + old.len();
        }
        inner.bytes += size;
        while inner.bytes > self.capacity {
            let Some((key, answer)) = inner.answers.pop_lru() else { break };
            inner.bytes -= key.len() + answer.len();
        }
    }

    /// Forgets every answer: the index has changed.
    pub(crate) fn clear(&self) {
        let mut inner = self.inner();
        inner.answers.clear();
        inner.bytes = 0;
        inner.epoch += 1;
    }

    /// The number of answers kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner().answers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(text: &str) -> Bytes {
        Bytes::copy_from_slice(text.as_bytes())
    }

    #[test]
    fn an_answer_is_kept_and_given_back() {
        let cache = Cache::new(1000);
        let asked = cache.get("q=film").expect_err("nothing kept yet");
        cache.keep("q=film".into(), answer("{\"total\":3}"), asked);
        assert_eq!(cache.get("q=film"), Ok(answer("{\"total\":3}")));
    }

    #[test]
    fn the_least_recently_used_go_first_when_the_bytes_run_out() {
        // Each key and answer take 10 bytes: three fit in 30.
        let cache = Cache::new(30);
        for key in ["a", "b", "c"] {
            let asked = cache.get(key).expect_err("new");
            cache.keep(key.into(), answer("123456789"), asked);
        }
        assert!(cache.get("a").is_ok(), "a is now the most recently used");
        let asked = cache.get("d").expect_err("new");
        cache.keep("d".into(), answer("123456789"), asked);
        assert_eq!(cache.len(), 3);
        assert!(cache.get("b").is_err(), "b was the least recently used");
        assert!(cache.get("a").is_ok() && cache.get("c").is_ok() && cache.get("d").is_ok());
    }

    #[test]
    fn an_answer_of_an_older_state_of_the_index_is_not_kept() {
        let cache = Cache::new(1000);
        let asked = cache.get("q=film").expect_err("new");
        cache.clear();
        cache.keep("q=film".into(), answer("old"), asked);
        assert!(cache.get("q=film").is_err(), "worked out before the change, so not kept");
        let kept = cache.get("q=film").expect_err("new");
        cache.keep("q=film".into(), answer("new"), kept);
        cache.clear();
        assert!(cache.get("q=film").is_err(), "a change forgets what was kept");
    }

    #[test]
    fn a_cache_of_no_bytes_keeps_nothing() {
        let cache = Cache::new(0);
        let asked = cache.get("q").expect_err("new");
        cache.keep("q".into(), answer("x"), asked);
        assert!(cache.get("q").is_err());
    }
}
