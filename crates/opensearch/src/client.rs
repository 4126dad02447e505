//! The connection to a cluster: its address, credentials and TLS roots, and requests that are
//! sent again, with exponential backoff, when the cluster is busy (429) or failing (5xx).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use ureq::Agent;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use crate::error::{Error, Result};

/// The user name for basic authentication.
pub const USER_VARIABLE: &str = "ARKIV_OPENSEARCH_USER";
/// The password for basic authentication.
pub const PASSWORD_VARIABLE: &str = "ARKIV_OPENSEARCH_PASSWORD";
/// An API key (`id:key` encoded in base64, as OpenSearch and Elasticsearch issue it), sent as
/// `Authorization: ApiKey …`.
pub const API_KEY_VARIABLE: &str = "ARKIV_OPENSEARCH_API_KEY";
/// A PEM file of the certificate authorities to trust instead of the system's.
pub const CA_VARIABLE: &str = "ARKIV_OPENSEARCH_CA";

/// How often a request is tried before its failure is reported.
const ATTEMPTS: u32 = 10;
/// The first wait before a retry; each further one doubles it.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
/// The longest wait between two tries.
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// How long one request of batch work may take: a bulk request of a busy cluster can take a
/// while.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a search may spend on one request and its retries, in all. Someone waits for it,
/// and `arkiv serve` gives a request 10 s: within this a cluster that is down is reported as
/// down, not as a search that took too long.
const SEARCH_PATIENCE: Duration = Duration::from_secs(6);
/// The most bytes of an answer that is read: answers are searches and bulk results.
const MAX_ANSWER_BYTES: u64 = 256 * 1024 * 1024;
/// How much of an error's answer goes into its message.
const REASON_CHARS: usize = 300;

/// How arkiv authenticates itself to a cluster.
#[derive(Clone, Default)]
pub struct Credentials {
    /// The `Authorization` header's value; never printed.
    header: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.header.is_some() { "Credentials(given)" } else { "Credentials(none)" })
    }
}

impl Credentials {
    /// Basic authentication.
    pub fn basic(user: &str, password: &str) -> Credentials {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Credentials { header: Some(format!("Basic {token}")) }
    }

    /// An API key as the cluster issued it (base64 of `id:key`).
    pub fn api_key(key: &str) -> Credentials {
        Credentials { header: Some(format!("ApiKey {key}")) }
    }

    /// The credentials the environment gives ([`USER_VARIABLE`] and [`PASSWORD_VARIABLE`], or
    /// [`API_KEY_VARIABLE`]), none when it gives none.
    pub fn from_env() -> Result<Credentials> {
        let var = |name| std::env::var(name).ok().filter(|value: &String| !value.is_empty());
        match (var(USER_VARIABLE), var(PASSWORD_VARIABLE), var(API_KEY_VARIABLE)) {
            (Some(_), _, Some(_)) => {
                Err(Error::Setup(format!("{USER_VARIABLE} and {API_KEY_VARIABLE} are both set; set one of them")))
            }
            (Some(user), Some(password), None) => Ok(Credentials::basic(&user, &password)),
            (Some(_), None, None) => {
                Err(Error::Setup(format!("{USER_VARIABLE} is set but {PASSWORD_VARIABLE} is not")))
            }
            (None, Some(_), _) => Err(Error::Setup(format!("{PASSWORD_VARIABLE} is set but {USER_VARIABLE} is not"))),
            (None, None, Some(key)) => Ok(Credentials::api_key(&key)),
            (None, None, None) => Ok(Credentials::default()),
        }
    }
}

/// How long arkiv keeps at one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Patience {
    /// Work nobody watches (an export): [`ATTEMPTS`] tries of up to [`REQUEST_TIMEOUT`] each.
    Batch,
    /// A search or lookup someone waits for: [`SEARCH_PATIENCE`] in all, tries included.
    Search,
}

/// An HTTP method of the requests arkiv sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Head,
    Post,
    Put,
}

/// A cluster arkiv talks to.
pub struct Cluster {
    agent: Agent,
    /// The address without a trailing slash.
    url: String,
    credentials: Credentials,
    /// Requests tried again so far.
    retries: AtomicUsize,
}

impl Cluster {
    /// A cluster at `url` (`http://` or `https://`), with credentials and the trusted roots:
    /// the PEM file `ca` when given, else the system's. Credentials in the address itself are
    /// refused, so that they never show in a message or a process list.
    pub fn new(url: &str, credentials: Credentials, ca: Option<&std::path::Path>) -> Result<Cluster> {
        let given = url.trim();
        let (scheme, rest) = ["https://", "http://"]
            .into_iter()
            .find_map(|scheme| Some((scheme, given.strip_prefix(scheme)?)))
            .ok_or_else(|| Error::Setup(format!("--opensearch: {url:?} is not an http:// or https:// address")))?;
        let rest = rest.trim_end_matches('/');
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.contains('@') {
            return Err(Error::Setup(format!(
                "--opensearch: give credentials in {USER_VARIABLE} and {PASSWORD_VARIABLE} (or {API_KEY_VARIABLE}), not in the address"
            )));
        }
        if authority.is_empty() {
            return Err(Error::Setup(format!("--opensearch: {url:?} names no host")));
        }
        let roots = match ca {
            Some(path) => RootCerts::new_with_certs(&read_certificates(path)?),
            None => RootCerts::PlatformVerifier,
        };
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build()
            .into();
        Ok(Cluster { agent, url: format!("{scheme}{rest}"), credentials, retries: AtomicUsize::new(0) })
    }

    /// A cluster from the environment's credentials and CA file ([`CA_VARIABLE`]).
    pub fn from_env(url: &str) -> Result<Cluster> {
        let ca = std::env::var_os(CA_VARIABLE).filter(|value| !value.is_empty()).map(std::path::PathBuf::from);
        Cluster::new(url, Credentials::from_env()?, ca.as_deref())
    }

    /// The cluster's address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Counts one more request sent again.
    pub(crate) fn note_retry(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    /// How many requests were sent again so far.
    pub(crate) fn retries(&self) -> usize {
        self.retries.load(Ordering::Relaxed)
    }

    /// Sends a request of JSON (or NDJSON) `body` to `path` and gives the status and answer.
    /// A 429, a 5xx or a failed connection is tried again after a wait that doubles each time,
    /// as long as `patience` allows; any other status is the caller's to judge.
    pub(crate) fn send(
        &self,
        patience: Patience,
        method: Method,
        path: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<(u16, String)> {
        let url = format!("{}{path}", self.url);
        let started = Instant::now();
        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            let timeout = match patience {
                Patience::Batch => REQUEST_TIMEOUT,
                Patience::Search => SEARCH_PATIENCE.saturating_sub(started.elapsed()),
            };
            let outcome = self.send_once(method, &url, body, timeout);
            let retry = match &outcome {
                Ok((status, _)) => *status == 429 || *status >= 500,
                Err(_) => true,
            };
            let out_of_time = patience == Patience::Search && started.elapsed() + backoff >= SEARCH_PATIENCE;
            if !retry || attempt == ATTEMPTS || out_of_time {
                return outcome.map_err(|reason| Error::Unreachable { url: self.url.clone(), reason });
            }
            self.note_retry();
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(MAX_BACKOFF);
            attempt += 1;
        }
    }

    fn send_once(
        &self,
        method: Method,
        url: &str,
        body: Option<(&str, &[u8])>,
        timeout: Duration,
    ) -> Result<(u16, String), String> {
        let auth = self.credentials.header.as_deref();
        let response = match method {
            Method::Get => prepared(self.agent.get(url), auth, timeout).call(),
            Method::Head => prepared(self.agent.head(url), auth, timeout).call(),
            Method::Post | Method::Put => {
                let request = if method == Method::Post { self.agent.post(url) } else { self.agent.put(url) };
                let (content_type, bytes) = body.unwrap_or(("application/json", b""));
                prepared(request, auth, timeout).header("Content-Type", content_type).send(bytes)
            }
        };
        let mut response = response.map_err(|error| error.to_string())?;
        let status = response.status().as_u16();
        if method == Method::Head {
            return Ok((status, String::new()));
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .map_err(|error| error.to_string())?;
        Ok((status, text))
    }

    /// Sends a request that must succeed (2xx) and reads its JSON answer.
    pub(crate) fn json(
        &self,
        patience: Patience,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
        what: &str,
    ) -> Result<serde_json::Value> {
        let bytes = body.map(|body| body.to_string().into_bytes());
        let (status, text) =
            self.send(patience, method, path, bytes.as_deref().map(|bytes| ("application/json", bytes)))?;
        if !(200..300).contains(&status) {
            return Err(refusal(what, status, &text));
        }
        serde_json::from_str(&text).map_err(|error| Error::Answer { what: what.to_owned(), reason: error.to_string() })
    }
}

/// `request` with its time limit and credentials.
fn prepared<B>(request: ureq::RequestBuilder<B>, auth: Option<&str>, timeout: Duration) -> ureq::RequestBuilder<B> {
    let request = request.config().timeout_global(Some(timeout)).build();
    match auth {
        Some(value) => request.header("Authorization", value),
        None => request,
    }
}

/// The error of a request the cluster answered with `status`: its own reason when the answer
/// is OpenSearch's error JSON, else the start of the answer.
pub(crate) fn refusal(what: &str, status: u16, answer: &str) -> Error {
    let reason = serde_json::from_str::<serde_json::Value>(answer)
        .ok()
        .and_then(|json| {
            let error = json.get("error")?;
            Some(match error.get("reason").and_then(|reason| reason.as_str()) {
                Some(reason) => reason.to_owned(),
                None => error.to_string(),
            })
        })
        .unwrap_or_else(|| answer.chars().take(REASON_CHARS).collect());
    let reason = match status {
        401 => format!("{reason} (check {USER_VARIABLE} and {PASSWORD_VARIABLE}, or {API_KEY_VARIABLE})"),
        _ => reason,
    };
    Error::Refused { what: what.to_owned(), status, reason }
}

/// The certificates of a PEM file.
fn read_certificates(path: &std::path::Path) -> Result<Vec<Certificate<'static>>> {
    let setup = |reason: String| Error::Setup(format!("{CA_VARIABLE}: {}: {reason}", path.display()));
    let pem = std::fs::read(path).map_err(|error| setup(error.to_string()))?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        if let PemItem::Certificate(certificate) = item.map_err(|error| setup(error.to_string()))? {
            certificates.push(certificate);
        }
    }
    if certificates.is_empty() {
        return Err(setup("no certificate in the file".to_owned()));
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_credentials_stay_out_of_them() {
        assert!(Cluster::new("http://127.0.0.1:9200/", Credentials::default(), None).is_ok());
        let refused = |url: &str| Cluster::new(url, Credentials::default(), None).err().expect("refused").to_string();
        assert!(refused("127.0.0.1:9200").contains("not an http:// or https:// address"));
        let message = refused("https://admin:secret@cluster.example:9200");
        assert!(message.contains(USER_VARIABLE) && !message.contains("secret"), "{message}");
        assert!(refused("http://").contains("names no host"));
    }

    #[test]
    fn credentials_are_never_printed() {
        let credentials = Credentials::basic("admin", "secret");
        assert_eq!(credentials.header.as_deref(), Some("Basic YWRtaW46c2VjcmV0"));
        assert_eq!(format!("{credentials:?}"), "Credentials(given)");
    }

    #[test]
    fn a_ca_file_without_certificates_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("ca.pem");
        std::fs::write(&file, "not a certificate").expect("write");
        let error = Cluster::new("https://localhost:9200", Credentials::default(), Some(&file)).err().expect("refused");
        assert!(error.to_string().contains("ca.pem") && error.to_string().contains("no certificate"), "{error}");
    }

    #[test]
    fn refusals_give_the_clusters_reason() {
        let answer = r#"{"error":{"type":"x","reason":"no such index [arkiv]"},"status":404}"#;
        assert!(refusal("a search", 404, answer).to_string().contains("no such index [arkiv]"));
        assert!(refusal("a search", 401, "Unauthorized").to_string().contains(API_KEY_VARIABLE));
    }
}
