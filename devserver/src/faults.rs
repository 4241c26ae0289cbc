//! Fault injection for API requests: latency, error statuses, broken bodies, dropped
//! connections, a missing result count, and responses held back until released.

use crate::app::{App, Config};
use crate::http::json_response;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::sync::oneshot;

/// One fault rule, as posted to `POST /__devserver/faults`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultRule {
    /// Path prefix the rule applies to (default `/api/`; only API paths are affected).
    pub path: Option<String>,
    /// HTTP method the rule applies to (default: any).
    pub method: Option<String>,
    /// Added delay in milliseconds.
    pub latency_ms: Option<u64>,
    /// Random extra delay up to this many milliseconds.
    pub latency_jitter_ms: Option<u64>,
    /// Answer with this status instead of calling the API.
    pub status: Option<u16>,
    /// Body for `status` (default `{"detail": …}`).
    pub body: Option<Value>,
    /// Probability that a matching request is affected (default 1).
    pub fraction: Option<f64>,
    /// Affect only the next N matching requests.
    pub count: Option<u64>,
    /// Replace the body with invalid JSON.
    pub malformed_json: bool,
    /// Cut the body in half.
    pub truncated_json: bool,
    /// Send half the body, then close the connection.
    pub drop_connection: bool,
    /// Remove `X-Result-Count`.
    pub omit_result_count: bool,
    /// Hold the response until `POST /__devserver/release`.
    pub hold: bool,
}

/// What happens to one request (the union of the rules that fired).
#[derive(Debug, Default)]
struct Effects {
    latency_ms: u64,
    status: Option<(u16, Option<Value>)>,
    malformed_json: bool,
    truncated_json: bool,
    drop_connection: bool,
    omit_result_count: bool,
    hold: bool,
}

/// Active rules and held responses.
#[derive(Debug)]
pub struct Faults {
    /// Active rules.
    pub rules: Vec<FaultRule>,
    held: Vec<oneshot::Sender<()>>,
    rng: StdRng,
}

impl Faults {
    /// The rules given on the command line.
    pub fn from_config(c: &Config) -> Self {
        let mut rules = Vec::new();
        if let Some(ms) = c.latency_ms {
            rules.push(FaultRule {
                latency_ms: Some(ms),
                ..Default::default()
            });
        }
        if let Some(status) = c.fault_status {
            rules.push(FaultRule {
                status: Some(status),
                fraction: Some(c.fault_fraction),
                ..Default::default()
            });
        }
        if c.omit_result_count {
            rules.push(FaultRule {
                omit_result_count: true,
                ..Default::default()
            });
        }
        if c.drop_connection {
            rules.push(FaultRule {
                drop_connection: true,
                ..Default::default()
            });
        }
        Faults {
            rules,
            held: Vec::new(),
            rng: StdRng::seed_from_u64(c.seed),
        }
    }

    /// Removes all rules (held responses stay held).
    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// Number of responses waiting for release.
    pub fn held(&self) -> usize {
        self.held.len()
    }

    /// Takes the held responses out, in release order.
    pub fn take_held(&mut self, reverse: bool) -> Vec<oneshot::Sender<()>> {
        let mut h = std::mem::take(&mut self.held);
        if reverse {
            h.reverse();
        }
        h
    }

    fn effects(&mut self, path: &str, method: &Method) -> Effects {
        let mut e = Effects::default();
        let rng = &mut self.rng;
        self.rules.retain_mut(|r| {
            let prefix = r.path.as_deref().unwrap_or("/api/");
            let method_ok = r
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()));
            if !path.starts_with(prefix) || !method_ok {
                return true;
            }
            let fraction = r.fraction.unwrap_or(1.0);
            if fraction < 1.0 && rng.gen::<f64>() >= fraction {
                return true;
            }
            let jitter = r
                .latency_jitter_ms
                .filter(|j| *j > 0)
                .map_or(0, |j| rng.gen_range(0..=j));
            e.latency_ms += r.latency_ms.unwrap_or(0) + jitter;
            if let (Some(s), None) = (r.status, &e.status) {
                e.status = Some((s, r.body.clone()));
            }
            e.malformed_json |= r.malformed_json;
            e.truncated_json |= r.truncated_json;
            e.drop_connection |= r.drop_connection;
            e.omit_result_count |= r.omit_result_count;
            e.hold |= r.hold;
            match r.count.as_mut() {
                Some(n) => {
                    *n = n.saturating_sub(1);
                    *n > 0
                }
                None => true,
            }
        });
        e
    }
}

fn default_body(status: u16) -> Value {
    let msg = match status {
        429 => "Request was throttled. Expected available in 1 second.",
        500 => "A server error occurred.",
        502 => "Bad Gateway",
        503 => "Service temporarily unavailable, try again later.",
        504 => "Gateway Timeout",
        _ => "Injected fault.",
    };
    json!({ "detail": msg })
}

/// Middleware applying the fault rules to API requests.
pub async fn layer(State(app): State<App>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let e = {
        let mut f = app.0.faults.lock().unwrap_or_else(|e| e.into_inner());
        f.effects(req.uri().path(), req.method())
    };
    if e.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(e.latency_ms)).await;
    }
    let mut resp = match &e.status {
        Some((s, body)) => {
            let status = StatusCode::from_u16(*s).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            json_response(status, body.as_ref().unwrap_or(&default_body(*s)))
        }
        None => next.run(req).await,
    };
    if e.hold {
        let (tx, rx) = oneshot::channel();
        app.0
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .held
            .push(tx);
        let _ = rx.await;
    }
    if e.omit_result_count {
        resp.headers_mut().remove("x-result-count");
    }
    if e.malformed_json || e.truncated_json || e.drop_connection {
        let (mut parts, body) = resp.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        parts.headers.remove(axum::http::header::CONTENT_LENGTH);
        let body = if e.drop_connection {
            let half = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(half),
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "fault: connection dropped",
                )),
            ];
            Body::from_stream(futures_util::stream::iter(chunks))
        } else if e.malformed_json {
            Body::from("{\"detail\": \"Something went wrong\",, <html>502 Bad Gateway</html>")
        } else {
            Body::from(bytes.slice(..bytes.len() / 2))
        };
        resp = Response::from_parts(parts, body);
    }
    resp
}
