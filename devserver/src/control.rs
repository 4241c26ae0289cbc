//! Test control under `/__devserver/`: reset, clock, faults, settings and the request log.

use crate::app::App;
use crate::auth;
use crate::clock::iso;
use crate::faults::FaultRule;
use crate::http::{json_response, parse_body};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

fn body_or_empty(body: &Bytes) -> Result<Value, crate::http::ApiError> {
    parse_body(body)
}

fn bad(msg: &str) -> Response {
    json_response(StatusCode::BAD_REQUEST, &json!({ "detail": msg }))
}

/// `POST /__devserver/reset` `{"seed"?, "hostile"?, "backups"?}`: fresh data, faults, log and clock.
pub async fn reset(State(app): State<App>, body: Bytes) -> Response {
    let v = match body_or_empty(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    app.reset(
        v["seed"].as_u64(),
        v["hostile"].as_bool(),
        v["backups"].as_u64().map(|n| n as usize),
    );
    let w = app.world();
    json_response(
        StatusCode::OK,
        &json!({ "seed": w.seed, "hostile": w.hostile, "backups": w.store.backup_index.len(), "now": iso(w.clock.now()) }),
    )
}

/// `GET /__devserver/clock`: `{"now", "mode", "step_ms"}`.
pub async fn clock(State(app): State<App>) -> Response {
    let w = app.world();
    json_response(
        StatusCode::OK,
        &json!({ "now": iso(w.clock.now()), "mode": w.clock.mode(), "step_ms": w.store.step.num_milliseconds() }),
    )
}

/// `POST /__devserver/clock/advance` `{"seconds": N}`: moves the clock and runs what became due.
pub async fn advance(State(app): State<App>, body: Bytes) -> Response {
    let v = match body_or_empty(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let Some(secs) = v["seconds"].as_f64().filter(|s| *s >= 0.0) else {
        return bad("Expected {\"seconds\": <non-negative number>}.");
    };
    {
        let mut w = app.0.world.lock().unwrap_or_else(|e| e.into_inner());
        w.clock
            .advance(chrono::Duration::milliseconds((secs * 1000.0) as i64));
    }
    clock(State(app)).await
}

/// `GET /__devserver/faults`: `{"rules": [...], "held": N}`.
pub async fn list_faults(State(app): State<App>) -> Response {
    let f = app.0.faults.lock().unwrap_or_else(|e| e.into_inner());
    json_response(
        StatusCode::OK,
        &json!({ "rules": f.rules, "held": f.held() }),
    )
}

/// `POST /__devserver/faults` with a `FaultRule`: adds it.
pub async fn add_fault(State(app): State<App>, body: Bytes) -> Response {
    let rule: FaultRule = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return bad(&format!("Invalid fault rule - {e}")),
    };
    let mut f = app.0.faults.lock().unwrap_or_else(|e| e.into_inner());
    f.rules.push(rule);
    json_response(
        StatusCode::CREATED,
        &json!({ "rules": f.rules, "held": f.held() }),
    )
}

/// `DELETE /__devserver/faults`: removes all rules.
pub async fn clear_faults(State(app): State<App>) -> Response {
    app.0
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    json_response(StatusCode::OK, &json!({ "rules": [], "held": 0 }))
}

/// `POST /__devserver/release` `{"order": "fifo"|"reverse"}`: lets held responses go, one by one.
pub async fn release(State(app): State<App>, body: Bytes) -> Response {
    let v = match body_or_empty(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let reverse = v["order"].as_str() == Some("reverse");
    let held = app
        .0
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take_held(reverse);
    let n = held.len();
    for (i, tx) in held.into_iter().enumerate() {
        let _ = tx.send(());
        // A gap between releases makes the arrival order observable to the client.
        if i + 1 < n {
            tokio::time::sleep(std::time::Duration::from_millis(60)).await;
        }
    }
    json_response(StatusCode::OK, &json!({ "released": n }))
}

/// `GET /__devserver/requests`: the API requests received since the last reset or clear.
pub async fn requests(State(app): State<App>) -> Response {
    let log = app.0.log.lock().unwrap_or_else(|e| e.into_inner());
    json_response(StatusCode::OK, &Value::Array(log.clone()))
}

/// `DELETE /__devserver/requests`: clears the request log.
pub async fn clear_requests(State(app): State<App>) -> Response {
    app.0.log.lock().unwrap_or_else(|e| e.into_inner()).clear();
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /__devserver/settings`: `{"pull_accepted"}`.
pub async fn settings(State(app): State<App>) -> Response {
    let w = app.world();
    json_response(StatusCode::OK, &json!({ "pull_accepted": w.pull_accepted }))
}

/// `POST /__devserver/settings` `{"pull_accepted": bool}`.
pub async fn set_settings(State(app): State<App>, body: Bytes) -> Response {
    let v = match body_or_empty(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    {
        let mut w = app.world();
        if let Some(b) = v["pull_accepted"].as_bool() {
            w.pull_accepted = b;
        }
    }
    settings(State(app)).await
}

/// Middleware recording every API request (method, path, query, credential kind, JSON body).
pub async fn log_layer(State(app): State<App>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let parsed: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let query = parts.uri.query().unwrap_or("").to_string();
    let params: Vec<Value> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| json!([k, v]))
        .collect();
    let time = iso(app
        .0
        .world
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clock
        .now());
    let entry = json!({
        "method": parts.method.as_str(),
        "path": parts.uri.path(),
        "query": query,
        "params": params,
        "authorization_scheme": auth::scheme(&parts.headers),
        "body": parsed,
        "time": time,
    });
    app.0
        .log
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(entry);
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
