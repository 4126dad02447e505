//! The routes: the JSON API under `/api/`, `/healthz`, and the page. Every answer of the API is
//! one of the engine's views ([`arkiv_engine::views`]), serialised as `--json` serialises it.

use std::sync::Arc;
use std::time::Duration;

use arkiv_engine::search::{Cancel, Request as Search};
use arkiv_engine::views::Health;
use arkiv_engine::{Backend, EntityKind};
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request, State as Shared};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use serde::Serialize;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

use crate::error::ApiError;
use crate::page;
use crate::params::{self, KwicParams, ListParams, PageParams, SearchParams, SuggestParams, TimelineParams};
use crate::{Served, State};

/// The longest a request may take before it is answered with 408: a query that runs longer
/// holds a thread other users need.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request body taken. No route reads a body; one that comes anyway is refused
/// rather than buffered.
const MAX_BODY_BYTES: usize = 16 * 1024;

/// The router of the whole server.
pub(crate) fn router(state: Arc<State>) -> Router {
    let api = Router::new()
        .route("/api/search", get(search_page))
        .route("/api/articles/{id}", get(article))
        .route("/api/people", get(|shared, query| listing(shared, EntityKind::Person, query)))
        .route("/api/places", get(|shared, query| listing(shared, EntityKind::Place, query)))
        .route("/api/orgs", get(|shared, query| listing(shared, EntityKind::Organisation, query)))
        .route("/api/person/{name}", get(|shared, name, query| name_page(shared, EntityKind::Person, name, query)))
        .route("/api/place/{name}", get(|shared, name, query| name_page(shared, EntityKind::Place, name, query)))
        .route("/api/org/{name}", get(|shared, name, query| name_page(shared, EntityKind::Organisation, name, query)))
        .route("/api/similar/{id}", get(similar))
        .route("/api/timeline", get(timeline))
        .route("/api/kwic", get(kwic))
        .route("/api/suggest", get(suggest))
        .route_layer(middleware::from_fn_with_state(Arc::clone(&state), authorised));
    Router::new()
        .merge(api)
        .route("/api/openapi.json", get(page::openapi))
        .route("/healthz", get(health))
        .merge(page::routes())
        .fallback(|| async { ApiError::not_found("no such page or endpoint") })
        .layer(middleware::from_fn(secure_headers))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .with_state(state)
}

/// Refuses an API request without the server's bearer token, when it has one.
async fn authorised(Shared(state): Shared<Arc<State>>, request: Request, next: Next) -> Response {
    let Some(token) = &state.token else {
        return next.run(request).await;
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if given.is_some_and(|given| same(given.as_bytes(), token.as_bytes())) {
        next.run(request).await
    } else {
        let mut response =
            ApiError { status: StatusCode::UNAUTHORIZED, message: "a bearer token is required".to_owned() }
                .into_response();
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        response
    }
}

/// Whether two tokens are equal, compared in a time that does not tell how much of one
/// matched.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |differ, (x, y)| differ | (x ^ y)) == 0
}

/// Headers that keep a page from running anything but its own script, even if an article's
/// text ever reached it as markup, and from being framed or sniffed.
async fn secure_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Runs engine work on a thread that may block, against the state of the index the server
/// answers from, as [`on_state`] does.
async fn blocking<T: Serialize + Send + 'static>(
    state: Arc<State>,
    cancel: Cancel,
    work: impl FnOnce(&dyn Backend) -> Result<T, ApiError> + Send + 'static,
) -> Result<Json<T>, ApiError> {
    let served = state.served();
    on_state(state, served, cancel, work).await.map(Json)
}

/// Runs engine work against the back end of `served` on a thread that may block, once a core
/// is free for it ([`State::engine`]), within [`REQUEST_TIMEOUT`] from the request's arrival.
/// When the time is up, the answer is 408 and `cancel` tells the work to stop, so that a core
/// is not kept busy for no one.
async fn on_state<T: Send + 'static>(
    state: Arc<State>,
    served: Arc<Served>,
    cancel: Cancel,
    work: impl FnOnce(&dyn Backend) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let run = async move {
        // The semaphore is never closed, so a permit always comes.
        let _permit = state.engine.acquire().await;
        tokio::task::spawn_blocking(move || work(served.backend.as_ref())).await
    };
    match tokio::time::timeout(REQUEST_TIMEOUT, run).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(_)) => Err(ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "the request failed inside the server".to_owned(),
        }),
        Err(_) => {
            cancel.cancel();
            Err(ApiError::timed_out())
        }
    }
}

impl ApiError {
    /// The answer to a request that took longer than [`REQUEST_TIMEOUT`].
    fn timed_out() -> ApiError {
        ApiError {
            status: StatusCode::REQUEST_TIMEOUT,
            message: format!("the request took longer than {} s", REQUEST_TIMEOUT.as_secs()),
        }
    }
}

/// The parameters of a query string, or a 400 that says what is wrong with them. A parameter
/// may be repeated (`person=…&person=…`) where it is a list.
fn query<T: serde::de::DeserializeOwned>(RawQuery(query): RawQuery) -> Result<T, ApiError> {
    parse(query.as_deref().unwrap_or_default())
}

/// The parameters of the query string `text`, as [`query`] reads them.
fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_html_form::from_str(text).map_err(|error| ApiError::bad(format!("the query string cannot be read: {error}")))
}

/// A segment of the path, or a 400.
fn path(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(segment)| segment).map_err(|rejection| ApiError::bad(rejection.body_text()))
}

/// `GET /healthz`.
async fn health(Shared(state): Shared<Arc<State>>) -> Result<impl IntoResponse, ApiError> {
    blocking(state, Cancel::default(), |backend| Ok(Health { status: "ok", articles: backend.articles()? })).await
}

/// `GET /api/search`: a page of hits with the facets and histogram of all of them, from the
/// cache when the same search was asked before of the same state of the index.
async fn search_page(Shared(state): Shared<Arc<State>>, RawQuery(query): RawQuery) -> Result<Response, ApiError> {
    let key = query.unwrap_or_default();
    let (request, facets) = parse::<SearchParams>(&key)?.request()?;
    let served = state.served();
    if let Some(answer) = served.cache.get(&key) {
        return Ok(json_answer(answer, CACHE_HIT));
    }
    let cancel = request.cancel.clone();
    let answer =
        on_state(state, Arc::clone(&served), cancel, move |backend| explored(backend, &request, facets)).await?;
    served.cache.keep(key, answer.clone());
    Ok(json_answer(answer, CACHE_MISS))
}

/// The answer of `backend` to the query string `key` of `/api/search`, serialised as the
/// route gives it: to work out the answers of a new state before it answers.
pub(crate) fn search_answer(backend: &dyn Backend, key: &str) -> Result<Bytes, ApiError> {
    let (request, facets) = parse::<SearchParams>(key)?.request()?;
    explored(backend, &request, facets)
}

/// A page of hits with its facets and histogram, serialised.
fn explored(backend: &dyn Backend, request: &Search, facets: usize) -> Result<Bytes, ApiError> {
    let explored = backend.explore(request, facets)?;
    serde_json::to_vec(&explored).map(Bytes::from).map_err(|error| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("the answer cannot be written as JSON: {error}"),
    })
}

/// The header that says whether a search was answered from the cache, as caching proxies say
/// it: for whoever measures the server, or wonders why an answer came so fast.
const CACHE_HEADER: &str = "x-arkiv-cache";
/// [`CACHE_HEADER`] of an answer from the cache.
const CACHE_HIT: &str = "hit";
/// [`CACHE_HEADER`] of an answer worked out for the request.
const CACHE_MISS: &str = "miss";

/// A JSON answer already serialised, with where it came from.
fn json_answer(answer: Bytes, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::HeaderName::from_static(CACHE_HEADER), HeaderValue::from_static(cache)),
        ],
        answer,
    )
        .into_response()
}

/// `GET /api/articles/{id}`: the stored article.
async fn article(
    Shared(state): Shared<Arc<State>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let id = params::article_id(&path(id)?)?;
    blocking(state, Cancel::default(), move |backend| match backend.show(&id)? {
        // `show` takes a path too; only an id reaches it here, and an id names no file.
        Some(view) if view.id.as_deref() == Some(id.as_str()) => Ok(view),
        _ => Err(ApiError::not_found(format!("no article with id {id}"))),
    })
    .await
}

/// `GET /api/people` (places, orgs): the most mentioned, or those starting with a prefix.
async fn listing(
    Shared(state): Shared<Arc<State>>,
    kind: EntityKind,
    params: RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let (limit, prefix) = query::<ListParams>(params)?.checked()?;
    blocking(state, Cancel::default(), move |backend| match &prefix {
        Some(prefix) => Ok(backend.starting(kind, prefix, limit)?),
        None => Ok(backend.top(kind, limit)?),
    })
    .await
}

/// `GET /api/person/{name}` (place, org): its articles, who else they name, its histogram.
async fn name_page(
    Shared(state): Shared<Arc<State>>,
    kind: EntityKind,
    name: Result<Path<String>, PathRejection>,
    params: RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let name = path(name)?;
    let name = params::name(&name)?.to_owned();
    let limit = query::<PageParams>(params)?.limit()?;
    blocking(state, Cancel::default(), move |backend| Ok(backend.name_page(kind, &name, limit)?)).await
}

/// `GET /api/similar/{id}`: the articles most like one article.
async fn similar(
    Shared(state): Shared<Arc<State>>,
    id: Result<Path<String>, PathRejection>,
    params: RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let id = params::article_id(&path(id)?)?;
    let limit = query::<PageParams>(params)?.limit()?;
    blocking(state, Cancel::default(), move |backend| match backend.similar(&id, limit)? {
        Some(similar) if similar.id == id => Ok(similar),
        _ => Err(ApiError::not_found(format!("no article with id {id}"))),
    })
    .await
}

/// `GET /api/timeline`: the matching articles per period.
async fn timeline(Shared(state): Shared<Arc<State>>, params: RawQuery) -> Result<impl IntoResponse, ApiError> {
    let (request, period) = query::<TimelineParams>(params)?.checked()?;
    blocking(state, request.cancel.clone(), move |backend| Ok(backend.histogram(&request, period)?)).await
}

/// `GET /api/kwic`: every occurrence of a word or phrase with its context.
async fn kwic(Shared(state): Shared<Arc<State>>, params: RawQuery) -> Result<impl IntoResponse, ApiError> {
    let request = query::<KwicParams>(params)?.checked()?;
    blocking(state, Cancel::default(), move |backend| Ok(backend.kwic(&request)?)).await
}

/// `GET /api/suggest`: completions for the search box.
async fn suggest(Shared(state): Shared<Arc<State>>, params: RawQuery) -> Result<impl IntoResponse, ApiError> {
    let (prefix, limit) = query::<SuggestParams>(params)?.checked()?;
    blocking(state, Cancel::default(), move |backend| Ok(backend.suggest(&prefix, limit)?)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_equal_only_when_every_byte_is() {
        assert!(same(b"hemmelig", b"hemmelig"));
        assert!(!same(b"hemmelig", b"hemmelix"));
        assert!(!same(b"hemmelig", b"hemmelig2"));
        assert!(!same(b"", b"x"));
    }
}
