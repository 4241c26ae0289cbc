//! Everything that can go wrong talking to Waldur, with a sentence a widget can show as-is.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A failed API call.
///
/// `BadRequest::fields` is flattened: a message for `ports` item 1's `subnet` is stored under
/// `ports[1].subnet`, a nested object's key under `parent.child`; a field whose messages are a
/// plain list keeps its own name (`flavor`). `non_field_errors`, `detail` and a bare list of
/// strings (the quota-exceeded shape) go to `non_field`.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request did not reach the server (offline, DNS, CORS refusal).
    Network(String),
    /// No answer within the client's timeout.
    Timeout,
    /// Cancelled by the widget (a newer request replaced it).
    Aborted,
    /// 400: the server rejected the input.
    BadRequest {
        /// Messages per field path (`name`, `ports[1].subnet`).
        fields: BTreeMap<String, Vec<String>>,
        /// Messages not tied to one field.
        non_field: Vec<String>,
    },
    /// 401: not signed in, or the token is invalid or expired.
    Unauthorized(String),
    /// 403: signed in but not allowed.
    Forbidden(String),
    /// 404: gone, or not visible to this user.
    NotFound(String),
    /// 405: the server does not offer this operation.
    MethodNotAllowed(String),
    /// 409: the object is in a state that does not allow the operation.
    Conflict(String),
    /// 5xx: the server failed.
    Server {
        /// HTTP status.
        status: u16,
        /// The server's `detail`, if it sent one.
        detail: Option<String>,
    },
    /// Any other status this widget does not expect.
    UnexpectedStatus {
        /// HTTP status.
        status: u16,
        /// The server's `detail`, if it sent one.
        detail: Option<String>,
    },
    /// A response that is not the JSON expected; names the path of the offending value.
    Decode(String),
}

/// A JSON error body in a neutral form, deserializable with any serde format (serde_json in
/// tests, serde-wasm-bindgen in the browser).
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorBody {
    /// A string.
    Text(String),
    /// A number or boolean, as written.
    Scalar(String),
    /// `null`.
    Null,
    /// An array.
    List(Vec<ErrorBody>),
    /// An object.
    Map(BTreeMap<String, ErrorBody>),
}

impl<'de> Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ErrorBodyVisitor)
    }
}

struct ErrorBodyVisitor;

impl<'de> Visitor<'de> for ErrorBodyVisitor {
    type Value = ErrorBody;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_str<E>(self, v: &str) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Text(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Text(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Scalar(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Scalar(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Scalar(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Scalar(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Null)
    }
    fn visit_none<E>(self) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<ErrorBody, D::Error> {
        ErrorBody::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ErrorBody, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(ErrorBody::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.insert(key, map.next_value()?);
        }
        Ok(ErrorBody::Map(entries))
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<ErrorBody, E> {
        Ok(ErrorBody::Null)
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<ErrorBody, A::Error> {
        let _ = data.variant::<IgnoredAny>()?;
        Ok(ErrorBody::Null)
    }
}

impl ErrorBody {
    /// The `detail` of `{"detail": "…"}`, a bare string, or the strings of a bare list joined.
    pub fn detail(&self) -> Option<String> {
        match self {
            ErrorBody::Map(m) => m.get("detail").and_then(ErrorBody::detail),
            ErrorBody::Text(s) if !s.trim().is_empty() => Some(s.clone()),
            ErrorBody::List(items) => {
                let texts: Vec<String> = items.iter().filter_map(ErrorBody::detail).collect();
                (!texts.is_empty()).then(|| texts.join(" "))
            }
            _ => None,
        }
    }

    /// Collects messages at `path` into `out`.
    fn collect(&self, path: &str, out: &mut BTreeMap<String, Vec<String>>) {
        match self {
            ErrorBody::Text(s) | ErrorBody::Scalar(s) => {
                out.entry(path.to_owned()).or_default().push(s.clone());
            }
            ErrorBody::Null => {}
            ErrorBody::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        ErrorBody::Map(_) | ErrorBody::List(_) => {
                            item.collect(&format!("{path}[{i}]"), out);
                        }
                        _ => item.collect(path, out),
                    }
                }
            }
            ErrorBody::Map(m) => {
                for (k, v) in m {
                    let sub = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    v.collect(&sub, out);
                }
            }
        }
    }
}

/// Keys whose messages are about the request as a whole.
const NON_FIELD_KEYS: [&str; 2] = ["non_field_errors", "detail"];

impl ApiError {
    /// Maps a non-success HTTP status and its decoded JSON body (`None` if empty or not JSON).
    pub fn from_response(status: u16, body: Option<&ErrorBody>) -> ApiError {
        let detail = body.and_then(ErrorBody::detail);
        let detail_or = |default: &str| detail.clone().unwrap_or_else(|| default.to_owned());
        match status {
            400 => bad_request(body),
            401 => {
                ApiError::Unauthorized(detail_or("Authentication credentials were not provided."))
            }
            403 => ApiError::Forbidden(detail_or(
                "You do not have permission to perform this action.",
            )),
            404 => ApiError::NotFound(detail_or("Not found.")),
            405 => ApiError::MethodNotAllowed(detail_or("Method not allowed.")),
            408 => ApiError::Timeout,
            409 => ApiError::Conflict(detail_or("The request conflicts with the current state.")),
            500..=599 => ApiError::Server { status, detail },
            _ => ApiError::UnexpectedStatus { status, detail },
        }
    }

    /// A sentence for the user: what happened and what they can do.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network(_) => {
                "Could not reach the Waldur API. Check your connection and try again.".into()
            }
            ApiError::Timeout => "The server took too long to answer. Try again.".into(),
            ApiError::Aborted => "The request was cancelled.".into(),
            ApiError::BadRequest { fields, non_field } => {
                let mut parts: Vec<String> = non_field.iter().map(|m| sentence(m)).collect();
                for (field, msgs) in fields {
                    parts.push(format!("{}: {}", field, msgs.join(" ")));
                }
                if parts.is_empty() {
                    "The server did not accept the request. Check the values and try again.".into()
                } else if non_field.is_empty() {
                    format!("Some values were not accepted. {} Correct them and try again.", parts.join(" "))
                } else {
                    parts.join(" ")
                }
            }
            ApiError::Unauthorized(_) => {
                "Your session has ended or the token is not valid. Sign in again.".into()
            }
            ApiError::Forbidden(_) => {
                "You do not have permission to do this. Ask a project administrator if you need it.".into()
            }
            ApiError::NotFound(_) => {
                "This item no longer exists or you cannot see it. Refresh the list.".into()
            }
            ApiError::MethodNotAllowed(_) => "This Waldur server does not offer this action.".into(),
            ApiError::Conflict(detail) => {
                format!("{} Refresh to see the current state.", sentence(detail))
            }
            ApiError::Server { status, .. } => {
                format!("The Waldur server had a problem (HTTP {status}). Try again in a moment.")
            }
            ApiError::UnexpectedStatus { status, detail } => match detail {
                Some(d) => format!("{} (HTTP {status})", sentence(d)),
                None => format!(
                    "The server gave an unexpected answer (HTTP {status}). Try again, or contact support if it persists."
                ),
            },
            ApiError::Decode(what) => {
                format!("The server sent a response this widget could not read ({what}).")
            }
        }
    }

    /// True when repeating the same request later may succeed (network, timeout, 5xx, 429).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Timeout
                | ApiError::Server { .. }
                | ApiError::UnexpectedStatus { status: 429, .. }
        )
    }

    /// The messages for one field path of a 400 answer (`name`, `ports[1].subnet`); empty otherwise.
    pub fn field_errors(&self, name: &str) -> &[String] {
        match self {
            ApiError::BadRequest { fields, .. } => {
                fields.get(name).map(Vec::as_slice).unwrap_or(&[])
            }
            _ => &[],
        }
    }

    /// The messages for a field and everything nested in it (`ports` → `ports`, `ports[0].subnet`, …).
    pub fn field_errors_under(&self, name: &str) -> Vec<(&str, &str)> {
        let ApiError::BadRequest { fields, .. } = self else {
            return Vec::new();
        };
        fields
            .iter()
            .filter(|(k, _)| {
                k.as_str() == name
                    || k.strip_prefix(name)
                        .is_some_and(|r| r.starts_with('[') || r.starts_with('.'))
            })
            .flat_map(|(k, v)| v.iter().map(move |m| (k.as_str(), m.as_str())))
            .collect()
    }

    /// The HTTP status behind the error, when there was an answer (`None` for network, timeout, abort, decode).
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Network(_) | ApiError::Timeout | ApiError::Aborted | ApiError::Decode(_) => {
                None
            }
            ApiError::BadRequest { .. } => Some(400),
            ApiError::Unauthorized(_) => Some(401),
            ApiError::Forbidden(_) => Some(403),
            ApiError::NotFound(_) => Some(404),
            ApiError::MethodNotAllowed(_) => Some(405),
            ApiError::Conflict(_) => Some(409),
            ApiError::Server { status, .. } | ApiError::UnexpectedStatus { status, .. } => {
                Some(*status)
            }
        }
    }

    /// True for a 401, when the widget should ask the user to sign in again.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Unauthorized(_))
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

fn bad_request(body: Option<&ErrorBody>) -> ApiError {
    let mut fields = BTreeMap::new();
    let mut non_field = Vec::new();
    match body {
        Some(ErrorBody::Map(m)) => {
            for (key, value) in m {
                if NON_FIELD_KEYS.contains(&key.as_str()) {
                    let mut tmp = BTreeMap::new();
                    value.collect("", &mut tmp);
                    non_field.extend(tmp.into_values().flatten());
                } else {
                    value.collect(key, &mut fields);
                }
            }
        }
        Some(other) => {
            let mut tmp = BTreeMap::new();
            other.collect("", &mut tmp);
            non_field.extend(tmp.into_values().flatten());
        }
        None => {}
    }
    ApiError::BadRequest { fields, non_field }
}

/// Ends a server message with a full stop when it has no closing punctuation.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}
