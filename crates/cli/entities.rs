//! `arkiv entities`: named entities for JSON lines on stdin, each line written back with its
//! `entities`.
//!
//! Consecutive lines with the same `doc_id` are one document and are tagged together, as the
//! texts of one article are. Documents are tagged on every core and written in the order they
//! came: one thread reads and groups the lines, workers tag whole documents, and this thread
//! writes each document as soon as the ones before it are written, so a pipe gets its answers
//! as they are ready. A bad line is reported with its number and the rest go on; the exit
//! status then says that something failed.

use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::num::NonZero;
use std::sync::{Arc, Mutex, mpsc};
use std::thread;

use anyhow::{Context, Result};
use arkiv_engine::views::EntitiesLine;

use crate::output::Output;

/// Documents read ahead of the workers, per worker: enough that no worker waits for the
/// reader, few enough that memory stays that of a few documents.
const QUEUED_PER_WORKER: usize = 4;

/// One document, numbered in the order of the input.
type Job = (usize, Vec<EntitiesLine>);

/// Tags the documents of stdin and writes them to `out`; an error, after all the rest is
/// written, when some line could not be read.
pub(crate) fn entities(out: &mut Output) -> Result<bool> {
    let workers = thread::available_parallelism().map_or(1, NonZero::get);
    let (jobs, queue) = mpsc::sync_channel::<Job>(workers * QUEUED_PER_WORKER);
    // Shared by the workers; when the last of them stops (the writer having stopped), the
    // queue is dropped and the reader's next send fails instead of waiting forever.
    let queue = Arc::new(Mutex::new(queue));
    let (done, written) = mpsc::channel::<(usize, Vec<String>)>();
    for _ in 0..workers {
        let (queue, done) = (Arc::clone(&queue), done.clone());
        thread::spawn(move || {
            loop {
                let job = queue.lock().map_err(|_| ()).and_then(|queue| queue.recv().map_err(|_| ()));
                let Ok((number, lines)) = job else { break };
                if done.send((number, tagged(&lines))).is_err() {
                    break;
                }
            }
        });
    }
    drop((queue, done));
    let reader = thread::spawn(move || read(&jobs));
    // A failed write (a closed pipe) returns at once: the reader may be waiting for a line
    // that never comes, and the process ends without it.
    write(&written, out)?;
    let failed = reader.join().expect("the reader of stdin does not panic")?;
    if failed > 0 {
        anyhow::bail!("{failed} input lines could not be read");
    }
    Ok(true)
}

/// Reads stdin, groups its lines into documents and sends them to `jobs`; returns how many
/// lines could not be read, each reported on stderr with its number.
fn read(jobs: &mpsc::SyncSender<Job>) -> Result<usize> {
    let mut failed = 0usize;
    let mut document: Vec<EntitiesLine> = Vec::new();
    let mut sent = 0;
    let mut send = |document: &mut Vec<EntitiesLine>| {
        let job = (sent, std::mem::take(document));
        sent += 1;
        jobs.send(job).is_ok()
    };
    for (number, line) in io::stdin().lock().split(b'\n').enumerate() {
        let line = line.context("cannot read stdin")?;
        let parsed = String::from_utf8(line)
            .map_err(|_| anyhow::anyhow!("not UTF-8"))
            .and_then(|line| if line.trim().is_empty() { Ok(None) } else { Ok(Some(EntitiesLine::parse(&line)?)) });
        match parsed {
            Ok(None) => {}
            Ok(Some(line)) => {
                if document.last().is_some_and(|last| !last.same_document(&line)) && !send(&mut document) {
                    return Ok(failed);
                }
                document.push(line);
            }
            Err(error) => {
                eprintln!("arkiv: line {}: {error:#}", number + 1);
                failed += 1;
            }
        }
    }
    if !document.is_empty() {
        send(&mut document);
    }
    Ok(failed)
}

/// The lines of one document with their entities, tagged together.
fn tagged(lines: &[EntitiesLine]) -> Vec<String> {
    let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
    let found = arkiv_ner::recognize_in_article(&texts);
    lines.iter().zip(found).map(|(line, mentions)| line.with(&mentions)).collect()
}

/// Writes the tagged documents in the order of the input, each as soon as those before it are
/// written.
fn write(written: &mpsc::Receiver<(usize, Vec<String>)>, out: &mut Output) -> Result<()> {
    let mut next = 0;
    let mut waiting = BTreeMap::new();
    for (number, lines) in written {
        waiting.insert(number, lines);
        while let Some(lines) = waiting.remove(&next) {
            for line in &lines {
                out.raw_line(line)?;
            }
            out.flush()?;
            next += 1;
        }
    }
    Ok(())
}
