//! A real `arkiv serve` over a scratch index, on a free port of the loopback address, and a
//! plain HTTP client to ask it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use super::{Scratch, copy_tree, fixture, repo};

/// One indexed copy of `corpus/` with the fixtures of `tests/fixtures/serve/` (dated articles
/// from two sources, and one whose title and text are markup) under `serve/`, per test binary.
pub(crate) fn served_corpus() -> &'static Scratch {
    static SHARED: std::sync::OnceLock<Scratch> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let scratch = Scratch::in_target();
        copy_tree(&repo().join("corpus"), &scratch.corpus());
        copy_tree(&fixture("serve"), &scratch.corpus().join("serve"));
        scratch.index_dir(&scratch.corpus());
        scratch
    })
}

/// A running `arkiv serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub url: String,
}

impl Server {
    /// Starts `arkiv --index INDEX serve --addr 127.0.0.1:0 EXTRA…` and waits for the address it
    /// prints.
    pub(crate) fn start(index: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_arkiv"))
            .arg("--index")
            .arg(index)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .env_remove("ARKIV_TOKEN")
            // A test of a cluster names it itself; the one `.ci/run` starts is not the index.
            .env_remove("ARKIV_OPENSEARCH")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start arkiv serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read the address");
        // The last address: the line names the cluster first when it serves one.
        let start = line.rfind("http://").unwrap_or_else(|| panic!("no address in {line:?}"));
        let url = line[start..].trim().trim_end_matches('/').to_owned();
        Server { child, url }
    }

    /// `GET PATH` (with its query string): the status and the body.
    pub(crate) fn get_text(&self, path: &str) -> (u16, String) {
        self.request("GET", path, &[])
    }

    /// `GET PATH`: the status and the body as JSON.
    pub(crate) fn get(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get_text(path);
        let json = serde_json::from_str(&body).unwrap_or_else(|error| panic!("GET {path}: not JSON ({error}): {body}"));
        (status, json)
    }

    /// `GET PATH` that must answer 200 with JSON.
    pub(crate) fn ok(&self, path: &str) -> Value {
        let (status, json) = self.get(path);
        assert_eq!(status, 200, "GET {path}: {json}");
        json
    }

    /// `GET PATH`: the whole response, whatever its status.
    pub(crate) fn response(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
    ) -> ureq::http::Response<ureq::Body> {
        // A status of 4xx or 5xx is an answer to check, not a failure of the request.
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let url = format!("{}{path}", self.url);
        let result = match method {
            "GET" => {
                headers.iter().fold(agent.get(&url), |request, (name, value)| request.header(*name, *value)).call()
            }
            "POST" => headers
                .iter()
                .fold(agent.post(&url), |request, (name, value)| request.header(*name, *value))
                .send_empty(),
            other => panic!("no such method in these tests: {other}"),
        };
        result.unwrap_or_else(|error| panic!("{method} {path}: {error}"))
    }

    /// Sends a request and returns the status and body, whatever the status.
    pub(crate) fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let mut response = self.response(method, path, headers);
        let body = response.body_mut().read_to_string().expect("a text body");
        (response.status().as_u16(), body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A path segment or query value with everything but letters and digits percent-encoded.
pub(crate) fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| if byte.is_ascii_alphanumeric() { (byte as char).to_string() } else { format!("%{byte:02X}") })
        .collect()
}
