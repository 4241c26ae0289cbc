//! Small HTTP helpers shared by the API modules: errors, extractors for the base URL and the
//! query pairs, query parameters, JSON bodies and Django's HTML 404.

use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// An API error: a status and a JSON body.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// JSON body.
    pub body: Value,
}

impl ApiError {
    /// `{"detail": msg}` with a status.
    pub fn detail(status: StatusCode, msg: impl Into<String>) -> Self {
        ApiError {
            status,
            body: json!({ "detail": msg.into() }),
        }
    }
    /// 400 with a body.
    pub fn bad_request(body: Value) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            body,
        }
    }
    /// 400 `{"field": [msg]}`.
    pub fn field(field: &str, msg: impl Into<String>) -> Self {
        Self::bad_request(json!({ field: [msg.into()] }))
    }
    /// 403 for an action the user may not perform.
    pub fn forbidden() -> Self {
        Self::detail(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action.",
        )
    }
    /// 404 "No <Model> matches the given query."
    pub fn not_found(model: &str) -> Self {
        Self::detail(
            StatusCode::NOT_FOUND,
            format!("No {model} matches the given query."),
        )
    }
    /// 409 "Valid states for operation: …".
    pub fn conflict_states(states: &str) -> Self {
        Self::detail(
            StatusCode::CONFLICT,
            format!("Valid states for operation: {states}."),
        )
    }
    /// 405 for a method the endpoint does not have.
    pub fn method_not_allowed(method: &Method) -> Self {
        Self::detail(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("Method \"{method}\" not allowed."),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = json_response(self.status, &self.body);
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Token"));
        }
        r
    }
}

/// Result of an API handler.
pub type ApiResult = Result<Response, ApiError>;

/// A JSON response.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    bytes_response(status, serde_json::to_vec(body).unwrap_or_default())
}

/// A response with an already-serialized JSON body.
pub fn bytes_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// The request's query as ordered key/value pairs (repeated keys kept).
pub fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// `http://host` from the request's Host header, for absolute URLs.
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let proto = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    format!("{proto}://{host}")
}

/// Normalizes a UUID the way Django's UUIDField accepts it (hex with or without dashes).
pub fn normalize_uuid(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.strip_prefix("urn:uuid:").unwrap_or(t);
    let t = t.trim_start_matches('{').trim_end_matches('}');
    let hex: String = t.chars().filter(|c| *c != '-').collect();
    (hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

/// The UUID in an object URL (`…/api/openstack-flavors/<uuid>/`) and the collection it names.
pub fn url_uuid(url: &str) -> Option<(String, String)> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = match path.find("://") {
        Some(i) => &path[i + 3..],
        None => path,
    };
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let uuid = normalize_uuid(parts.pop()?)?;
    let collection = parts.pop()?.to_string();
    Some((collection, uuid))
}

/// Parses a JSON request body; empty means `{}`.
pub fn parse_body(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(json!({ "detail": format!("JSON parse error - {e}") })))
}

/// `{"non_field_errors": ["Invalid data. Expected a dictionary, but got <type>."]}` for non-objects.
pub fn expect_object(v: &Value) -> Result<&serde_json::Map<String, Value>, ApiError> {
    v.as_object().ok_or_else(|| {
        let t = match v {
            Value::Array(_) => "list",
            Value::String(_) => "str",
            Value::Number(n) if n.is_f64() => "float",
            Value::Number(_) => "int",
            Value::Bool(_) => "bool",
            _ => "NoneType",
        };
        ApiError::bad_request(json!({ "non_field_errors": [format!("Invalid data. Expected a dictionary, but got {t}.")] }))
    })
}

/// `http://host` of the request (`Host` and `X-Forwarded-Proto`), for absolute URLs.
#[derive(Clone, Debug)]
pub struct BaseUrl(pub String);

impl<S: Send + Sync> FromRequestParts<S> for BaseUrl {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(BaseUrl(base_url(&parts.headers)))
    }
}

/// The query string as ordered key/value pairs, repeated keys kept (`?state=OK&state=ERRED`).
#[derive(Clone, Debug, Default)]
pub struct Pairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Pairs {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Pairs(query_pairs(&parts.uri)))
    }
}

/// Django's 404 page (Waldur has no `404.html`): what every URL that no route matches gets,
/// before authentication, as `text/html`.
pub fn html_not_found() -> Response {
    const PAGE: &str = "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n";
    let mut r = Response::new(Body::from(PAGE));
    *r.status_mut() = StatusCode::NOT_FOUND;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// The last value of a query parameter (Django's `QueryDict.get`).
pub fn last<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// All values of a repeated query parameter.
pub fn all<'a>(
    pairs: &'a [(String, String)],
    key: &'a str,
) -> impl Iterator<Item = &'a str> + Clone + 'a {
    pairs
        .iter()
        .filter(move |(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Validates UUID query parameters, collecting `{"param": ["Enter a valid UUID."]}` errors.
pub fn uuid_param(
    pairs: &[(String, String)],
    key: &str,
    errors: &mut serde_json::Map<String, Value>,
) -> Option<String> {
    let v = last(pairs, key)?;
    if v.is_empty() {
        return None;
    }
    match normalize_uuid(v) {
        Some(u) => Some(u),
        None => {
            errors.insert(key.to_string(), json!(["Enter a valid UUID."]));
            None
        }
    }
}

/// A non-empty text filter, lower-cased.
pub fn text_param(pairs: &[(String, String)], key: &str) -> Option<String> {
    last(pairs, key)
        .filter(|v| !v.is_empty())
        .map(str::to_lowercase)
}
