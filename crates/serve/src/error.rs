//! The server's errors: those that keep it from starting ([`ServeError`]), and those of one
//! request ([`ApiError`]), which go to the client as JSON with a status that says whose fault
//! it is.

use std::net::SocketAddr;

use arkiv_engine::views::ErrorView;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why the server did not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A non-loopback address without a token would open the archive to the network.
    #[error("serving on {0}, which other machines can reach, needs a token (--token or ARKIV_TOKEN)")]
    NoToken(SocketAddr),
    /// The network or the runtime failed.
    #[error("{action}: {source}")]
    Io {
        /// What the server was doing.
        action: String,
        /// Why it failed.
        source: std::io::Error,
    },
}

/// The error of one request: a status and a message in the engine's words.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl ApiError {
    /// A request the server will not answer as asked: bad input, out of limits.
    pub(crate) fn bad(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// Something asked for that is not there.
    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }
}

impl From<arkiv_engine::Error> for ApiError {
    /// A query that does not parse, or asks for nothing, is the client's to fix, with the same
    /// message the command line gives; anything else is the index's.
    fn from(error: arkiv_engine::Error) -> ApiError {
        let status = match error {
            arkiv_engine::Error::Query(_) | arkiv_engine::Error::NothingToSearch => StatusCode::BAD_REQUEST,
            arkiv_engine::Error::Busy => StatusCode::SERVICE_UNAVAILABLE,
            // Only a request that timed out is cancelled, and its answer is sent already.
            arkiv_engine::Error::Cancelled => StatusCode::REQUEST_TIMEOUT,
            // The cluster the server answers from failed or could not be reached.
            arkiv_engine::Error::Backend(_) => StatusCode::BAD_GATEWAY,
            arkiv_engine::Error::LocalOnly(_) => StatusCode::NOT_IMPLEMENTED,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError { status, message: error.to_string() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorView { error: self.message, status: self.status.as_u16() })).into_response()
    }
}
