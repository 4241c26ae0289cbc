//! Everything that can go wrong talking to Waldur, with a sentence a widget can show as-is.

use std::collections::BTreeMap;
use std::fmt;

use super::decode::JsonValue;

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
    /// The server answered but the browser hid the reply: a request failed like a network
    /// error while the same server answered the very next request (error replies without CORS
    /// headers, as behind Waldur's stock nginx).
    Unreadable,
    /// The server has no such action (an HTML 404, as a release without `set_ok/` answers).
    NotSupported,
}

/// The `detail` of `{"detail": "…"}`, a bare string, or the strings of a bare list joined.
fn body_detail(body: &JsonValue) -> Option<String> {
    match body {
        JsonValue::Map(m) => m.get("detail").and_then(body_detail),
        JsonValue::String(s) if !s.trim().is_empty() => Some(s.clone()),
        JsonValue::List(items) => {
            let texts: Vec<String> = items.iter().filter_map(body_detail).collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        }
        _ => None,
    }
}

/// Collects the messages of an error body at `path` into `out` (numbers and booleans as text).
fn collect_messages(body: &JsonValue, path: &str, out: &mut BTreeMap<String, Vec<String>>) {
    match body {
        JsonValue::Null => {}
        JsonValue::List(items) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    JsonValue::Map(_) | JsonValue::List(_) => {
                        collect_messages(item, &format!("{path}[{i}]"), out);
                    }
                    _ => collect_messages(item, path, out),
                }
            }
        }
        JsonValue::Map(m) => {
            for (k, v) in m {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                collect_messages(v, &sub, out);
            }
        }
        scalar => out
            .entry(path.to_owned())
            .or_default()
            .push(scalar.display()),
    }
}

/// Keys whose messages are about the request as a whole.
const NON_FIELD_KEYS: [&str; 2] = ["non_field_errors", "detail"];

impl ApiError {
    /// Maps a non-success HTTP status and its decoded JSON body (`None` if empty or not JSON).
    pub fn from_response(status: u16, body: Option<&JsonValue>) -> ApiError {
        let detail = body.and_then(body_detail);
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
            ApiError::Unreadable => "The server did not accept the request, and its reason \
                could not be read in the browser, most likely because its error replies lack \
                CORS headers (see Deployment in the README)."
                .into(),
            ApiError::NotSupported => "This Waldur version does not support this action.".into(),
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
            ApiError::Network(_)
            | ApiError::Timeout
            | ApiError::Aborted
            | ApiError::Decode(_)
            | ApiError::Unreadable
            | ApiError::NotSupported => None,
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

fn bad_request(body: Option<&JsonValue>) -> ApiError {
    let mut fields = BTreeMap::new();
    let mut non_field = Vec::new();
    match body {
        Some(JsonValue::Map(m)) => {
            for (key, value) in m {
                if NON_FIELD_KEYS.contains(&key.as_str()) {
                    let mut tmp = BTreeMap::new();
                    collect_messages(value, "", &mut tmp);
                    non_field.extend(tmp.into_values().flatten());
                } else {
                    collect_messages(value, key, &mut fields);
                }
            }
        }
        Some(other) => {
            let mut tmp = BTreeMap::new();
            collect_messages(other, "", &mut tmp);
            non_field.extend(tmp.into_values().flatten());
        }
        None => {}
    }
    ApiError::BadRequest { fields, non_field }
}

/// Ends a server message with a full stop when it has no closing punctuation.
pub(crate) fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}
