//! The page and what it loads, embedded in the binary at build time: nothing comes from
//! another host (no CDN, no fonts), and there is nothing to install beside the binary.

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::State;

/// The page: one document that shows searches, articles and name pages, by its URL.
const INDEX_HTML: &str = include_str!("../assets/index.html");
/// Its script.
const APP_JS: &str = include_str!("../assets/app.js");
/// Its styles.
const STYLE_CSS: &str = include_str!("../assets/style.css");
/// The description of the API (OpenAPI 3.1), written by hand beside the routes it describes;
/// a test asks every path it lists.
const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

/// The routes of the page and its assets.
pub(crate) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/style.css", get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }))
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> impl IntoResponse {
    asset("application/json", OPENAPI_JSON)
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body)
}
