//! The metadata file of an archive: what its files do not say about themselves (NoReC's text
//! files carry no date), delivered beside them as a table, a common way archives come.
//!
//! A file named [`CSV_FILE`] or [`JSON_LINES_FILE`] in the folder being indexed maps files to
//! a `date`, a `source` and a `url`. Each row names its file by `path` (relative to the folder)
//! or by `id` (the file's name without its extension, as NoReC names its reviews); what a row
//! gives takes the place of what the file says. A row that cannot be read is reported with its
//! line and passed over: a bad row never stops an ingest.
//!
//! A row is part of what its article is indexed from: the hash in the file's stamp is seeded
//! with the row's ([`Row::seed`]), so an article is indexed again when its row changes. Whether
//! the metadata file changed at all since the last ingest is kept in the commit's payload
//! ([`Metadata::changed_since`]); only then are the files read again to see whose rows changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use arkiv_extract::Article;

/// The metadata file as a table with a header row.
pub(super) const CSV_FILE: &str = "metadata.csv";

/// The metadata file as JSON lines, one object per file.
pub(super) const JSON_LINES_FILE: &str = "metadata.jsonl";

/// What a metadata file says of one file of the archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Row {
    date: Option<OffsetDateTime>,
    source: Option<String>,
    url: Option<String>,
}

impl Row {
    /// Gives the article what the row says, in place of what its file said.
    pub(super) fn apply(&self, article: &mut Article) {
        if let Some(date) = self.date {
            article.date = Some(date);
        }
        if let Some(source) = &self.source {
            article.source = Some(source.clone());
        }
        if let Some(url) = &self.url {
            article.url = Some(url.clone());
        }
    }

    /// The seed of the hash of the file's stamp: another row, another hash.
    pub(super) fn seed(&self) -> u64 {
        let date = self.date.and_then(|date| date.format(&Rfc3339).ok()).unwrap_or_default();
        let text = format!("{date}\0{}\0{}", self.source.as_deref().unwrap_or(""), self.url.as_deref().unwrap_or(""));
        // Never 0: a seed of 0 is the hash of the bytes alone, a file without a row.
        xxhash_rust::xxh3::xxh3_64(text.as_bytes()) | 1
    }
}

/// A row as written, before it is checked.
#[derive(Debug, Default, Deserialize)]
struct Written {
    path: Option<String>,
    id: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

/// The metadata file of a folder, read.
#[derive(Debug, Default)]
pub(super) struct Metadata {
    /// The file, when the folder has one.
    pub(super) file: Option<PathBuf>,
    /// xxh3 of its bytes.
    hash: Option<u64>,
    by_path: HashMap<PathBuf, Row>,
    by_id: HashMap<String, Row>,
    /// The rows that could not be read: the line and why.
    pub(super) problems: Vec<String>,
}

impl Metadata {
    /// The metadata file of the folder `root`, when it has one; a file that cannot be read at
    /// all is one problem, and no rows.
    pub(super) fn read(root: &Path) -> Metadata {
        let Some(file) = [CSV_FILE, JSON_LINES_FILE].iter().map(|name| root.join(name)).find(|file| file.is_file())
        else {
            return Metadata::default();
        };
        let mut metadata = Metadata { file: Some(file.clone()), ..Metadata::default() };
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) => {
                metadata.problems.push(format!("cannot be read: {error}"));
                return metadata;
            }
        };
        metadata.hash = Some(xxhash_rust::xxh3::xxh3_64(&bytes));
        let rows = if file.ends_with(CSV_FILE) { csv_rows(&bytes) } else { json_rows(&bytes) };
        for (line, row) in rows {
            match row.and_then(checked) {
                Ok((Key::Path(path), row)) => {
                    metadata.by_path.insert(root.join(path), row);
                }
                Ok((Key::Id(id), row)) => {
                    metadata.by_id.insert(id, row);
                }
                Err(reason) => metadata.problems.push(format!("line {line}: {reason}")),
            }
        }
        metadata
    }

    /// The row of the file at `path` (below the folder): by its path, else by its id.
    pub(super) fn row(&self, path: &Path) -> Option<&Row> {
        self.by_path.get(path).or_else(|| {
            let stem = path.file_stem()?.to_str()?;
            self.by_id.get(stem)
        })
    }

    /// Whether the metadata file is not the one the index was last brought up to date with
    /// from `root`, as the payload of its last commit says (see [`Metadata::payload`]): one
    /// added, changed or removed.
    pub(super) fn changed_since(&self, payload: Option<&str>, root: &Path) -> bool {
        let before = parse_payload(payload).remove(&root.to_string_lossy().into_owned());
        before != self.hash
    }

    /// The payload of a commit after an ingest from `root`: the previous payload's record
    /// with that of `root` set to this file's hash.
    pub(super) fn payload(&self, payload: Option<&str>, root: &Path) -> String {
        let mut record = parse_payload(payload);
        let root = root.to_string_lossy().into_owned();
        match self.hash {
            Some(hash) => record.insert(root, hash),
            None => record.remove(&root),
        };
        serde_json::to_string(&Payload { metadata: record }).unwrap_or_default()
    }
}

/// What a commit's payload records: the hash of each folder's metadata file.
#[derive(Debug, Default, serde::Serialize, Deserialize)]
struct Payload {
    metadata: BTreeMap<String, u64>,
}

fn parse_payload(payload: Option<&str>) -> BTreeMap<String, u64> {
    payload.and_then(|text| serde_json::from_str::<Payload>(text).ok()).unwrap_or_default().metadata
}

/// How a row names its file.
enum Key {
    Path(PathBuf),
    Id(String),
}

/// The rows of a CSV file with a header row, each with its line number.
fn csv_rows(bytes: &[u8]) -> Vec<(u64, Result<Written, String>)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let mut rows = Vec::new();
    let headers = reader.headers().cloned().unwrap_or_default();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() + 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, csv::Position::line);
                rows.push((line, record.deserialize::<Written>(Some(&headers)).map_err(|error| error.to_string())));
            }
            Err(error) if error.is_io_error() => break,
            Err(error) => rows.push((line, Err(error.to_string()))),
        }
    }
    rows
}

/// The rows of a JSON lines file, each with its line number; blank lines are none.
fn json_rows(bytes: &[u8]) -> Vec<(u64, Result<Written, String>)> {
    bytes
        .split(|&byte| byte == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.trim_ascii().is_empty())
        .map(|(number, line)| {
            let row = serde_json::from_slice::<Written>(line)
                .map_err(|error| format!("not a JSON object of text fields: {error}"));
            (number as u64 + 1, row)
        })
        .collect()
}

/// A row checked: it names its file and says something of it, in values that can be read.
fn checked(written: Written) -> Result<(Key, Row), String> {
    let given = |value: Option<String>| value.filter(|text| !text.trim().is_empty());
    let key = match (given(written.path), given(written.id)) {
        (Some(path), _) if Path::new(&path).is_absolute() || path.split('/').any(|part| part == "..") => {
            return Err(format!("the path {path:?} is not relative to the folder, below it"));
        }
        (Some(path), _) => Key::Path(PathBuf::from(path)),
        (None, Some(id)) => Key::Id(id),
        (None, None) => return Err("names no file: give a `path` or an `id`".to_owned()),
    };
    let date = match given(written.date) {
        Some(text) => Some(
            arkiv_extract::parse_date(&text)
                .ok_or_else(|| format!("the date {text:?} is not a date; use YYYY-MM-DD or RFC 3339"))?,
        ),
        None => None,
    };
    let row = Row { date, source: given(written.source), url: given(written.url) };
    if row == Row::default() {
        return Err("gives no date, source or url".to_owned());
    }
    Ok((key, row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn read(name: &str, text: &str) -> (tempfile::TempDir, Metadata) {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join(name), text).expect("write");
        let metadata = Metadata::read(dir.path());
        (dir, metadata)
    }

    #[test]
    fn csv_rows_name_files_by_path_or_id_and_bad_rows_are_told_by_line() {
        let (dir, metadata) = read(
            CSV_FILE,
            "id,path,date,source,url\n000227,,2019-05-14,vg,https://vg.no/1\n,dev/a.txt,2003-01-02,,\n\"x\",,snart,,\n,,2003-01-01,,\n,/etc/passwd,2003-01-01,,\n",
        );
        let row = metadata.row(&dir.path().join("train/000227.txt")).expect("by id");
        assert_eq!(row.date, Some(datetime!(2019-05-14 0:00 UTC)));
        assert_eq!((row.source.as_deref(), row.url.as_deref()), (Some("vg"), Some("https://vg.no/1")));
        assert!(metadata.row(&dir.path().join("dev/a.txt")).is_some());
        assert!(metadata.row(&dir.path().join("dev/b.txt")).is_none());
        assert_eq!(metadata.problems.len(), 3, "{:?}", metadata.problems);
        assert!(metadata.problems[0].starts_with("line 4: the date \"snart\""), "{:?}", metadata.problems);
        assert!(metadata.problems[1].starts_with("line 5: names no file"), "{:?}", metadata.problems);
        assert!(metadata.problems[2].starts_with("line 6: the path"), "{:?}", metadata.problems);
    }

    #[test]
    fn json_lines_and_a_changed_file_changes_the_seed_and_the_payload() {
        let (dir, metadata) = read(JSON_LINES_FILE, "{\"id\": \"1\", \"date\": \"2010-06-01\"}\n\n[1]\n");
        assert_eq!(metadata.problems.len(), 1);
        assert!(metadata.problems[0].starts_with("line 3: not a JSON object"), "{:?}", metadata.problems);
        let row = metadata.row(&dir.path().join("1.txt")).expect("row").clone();
        let payload = metadata.payload(None, dir.path());
        assert!(!metadata.changed_since(Some(&payload), dir.path()));
        assert!(metadata.changed_since(None, dir.path()), "a first metadata file");
        let both = metadata.payload(Some(&payload), Path::new("/other"));
        assert!(!metadata.changed_since(Some(&both), dir.path()), "another folder's record is its own");

        std::fs::write(dir.path().join(JSON_LINES_FILE), "{\"id\": \"1\", \"date\": \"2011-06-01\"}\n").expect("write");
        let changed = Metadata::read(dir.path());
        assert!(changed.changed_since(Some(&payload), dir.path()));
        assert_ne!(changed.row(&dir.path().join("1.txt")).expect("row").seed(), row.seed());
        assert!(Metadata::default().changed_since(Some(&payload), dir.path()), "a removed metadata file");
    }
}
