//! Answers kept for requests asked again: the same search is asked many times over (the next
//! page of it asks for its facets and histogram again, a shared link is opened by a whole
//! desk, the back button asks it once more), and its serialised answer costs a lookup where
//! the search costs a pass over every matching article.
//!
//! The cache holds at most a number of bytes of answers, the least recently used going first.
//! It never answers from another state of the index: each state the server takes in has a cache
//! of its own ([`crate::Served`]), which holds only answers worked out from that state.

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
}

impl Cache {
    /// A cache of at most `capacity` bytes.
    pub(crate) fn new(capacity: usize) -> Cache {
        Cache { capacity, inner: Mutex::new(Inner { answers: LruCache::unbounded(), bytes: 0 }) }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The most bytes of answers kept.
    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    /// The answer kept for `key`.
    pub(crate) fn get(&self, key: &str) -> Option<Bytes> {
        self.inner().answers.get(key).cloned()
    }

    /// Keeps `answer` for `key`, unless the answer alone is larger than the cache; older
    /// answers go to make room.
    pub(crate) fn keep(&self, key: String, answer: Bytes) {
        let size = key.len() + answer.len();
        if size > self.capacity {
            return;
        }
        let mut inner = self.inner();
        if let Some(old) = inner.answers.put(key.clone(), answer) {
            inner.bytes -= key.len() + old.len();
        }
        inner.bytes += size;
        while inner.bytes > self.capacity {
            let Some((key, answer)) = inner.answers.pop_lru() else { break };
            inner.bytes -= key.len() + answer.len();
        }
    }

    /// The keys of at most `count` answers, the most recently used first: the requests to
    /// work out again for a new state of the index.
    pub(crate) fn recent(&self, count: usize) -> Vec<String> {
        self.inner().answers.iter().take(count).map(|(key, _)| key.clone()).collect()
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
        assert!(cache.get("q=film").is_none(), "nothing kept yet");
        cache.keep("q=film".into(), answer("{\"total\":3}"));
        assert_eq!(cache.get("q=film"), Some(answer("{\"total\":3}")));
    }

    #[test]
    fn the_least_recently_used_go_first_when_the_bytes_run_out() {
        // Each key and answer take 10 bytes: three fit in 30.
        let cache = Cache::new(30);
        for key in ["a", "b", "c"] {
            cache.keep(key.into(), answer("123456789"));
        }
        assert!(cache.get("a").is_some(), "a is now the most recently used");
        cache.keep("d".into(), answer("123456789"));
        assert_eq!(cache.len(), 3);
        assert!(cache.get("b").is_none(), "b was the least recently used");
        assert!(cache.get("a").is_some() && cache.get("c").is_some() && cache.get("d").is_some());
    }

    #[test]
    fn the_recent_keys_come_most_recently_used_first() {
        let cache = Cache::new(1000);
        for key in ["a", "b", "c"] {
            cache.keep(key.into(), answer("x"));
        }
        assert!(cache.get("a").is_some());
        assert_eq!(cache.recent(2), ["a", "c"]);
        assert_eq!(cache.recent(10), ["a", "c", "b"]);
    }

    #[test]
    fn a_cache_of_no_bytes_keeps_nothing() {
        let cache = Cache::new(0);
        cache.keep("q".into(), answer("x"));
        assert!(cache.get("q").is_none());
    }
}
