//! The query parser and planner: any query, with any sort and strictness, is answered or
//! refused as a query over a small index of the bundled corpus, never failing otherwise.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use arkiv_engine::search::{Request, SortBy, search};
use arkiv_engine::{Archive, Error};
use libfuzzer_sys::fuzz_target;

/// Reviews of the bundled corpus in the index.
const REVIEWS: usize = 30;

fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<(tempfile::TempDir, Archive)> = OnceLock::new();
    &ARCHIVE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temporary folder");
            let reviews = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/norec");
            let mut files: Vec<_> = std::fs::read_dir(reviews).expect("the bundled corpus").flatten().collect();
            files.sort_by_key(std::fs::DirEntry::file_name);
            let articles = dir.path().join("articles");
            std::fs::create_dir(&articles).expect("folder");
            for file in files.iter().take(REVIEWS) {
                std::fs::copy(file.path(), articles.join(file.file_name())).expect("copy");
            }
            let archive = Archive::open_or_create(&dir.path().join("index")).expect("index");
            arkiv_engine::ingest::run(&archive, &articles, &Default::default(), &()).expect("ingest");
            (dir, archive)
        })
        .1
}

fuzz_target!(|input: (&str, bool, bool)| {
    let (query, exact, by_date) = input;
    let sort = if by_date { SortBy::Date } else { SortBy::Relevance };
    let request = Request { query: query.to_owned(), limit: 5, exact, sort, ..Default::default() };
    match search(archive(), &request) {
        Ok(results) => {
            for hit in results.hits {
                for range in hit.snippet.highlights {
                    assert!(hit.snippet.text.get(range).is_some(), "a highlight inside its snippet");
                }
            }
        }
        Err(Error::Query(_) | Error::NothingToSearch) => {}
        Err(error) => panic!("{error}"),
    }
});
