//! Test control under `/__devserver/`: an index of itself, reset, clock, faults, settings
//! (release profile, CORS mode, pull), tenant quotas, the demo users and the request log.
//! No authentication; CORS always allows the caller's origin.

use crate::app::App;
use crate::auth::{self, Scope, DEMO_USERS};
use crate::clock::iso;
use crate::faults::FaultRule;
use crate::http::{json_response, parse_body};
use crate::profile::{CorsMode, Profile};
use crate::render::related::quotas_json;
use crate::site::StaticHeaders;
use crate::store::QUOTA_NAMES;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

/// Every control endpoint: (method, path, what it does). `GET /__devserver/` lists them.
pub const ENDPOINTS: &[(&str, &str, &str)] = &[
    ("GET", "/__devserver/", "this list, the server's settings and its origins"),
    ("POST", "/__devserver/reset", "fresh data, faults, log, clock and settings; body {\"seed\"?, \"hostile\"?, \"backups\"?, \"profile\"?, \"cors\"?} (what is not given comes from the command line)"),
    ("GET", "/__devserver/clock", "{\"now\", \"mode\", \"step_ms\"}"),
    ("POST", "/__devserver/clock/advance", "{\"seconds\": N}: moves the clock on, running state steps and the 10-minute retention sweep"),
    ("GET", "/__devserver/faults", "the active fault rules and the number of held responses"),
    ("POST", "/__devserver/faults", "adds a fault rule: {\"path\"?, \"method\"?, \"status\"?, \"body\"?, \"latency_ms\"?, \"latency_jitter_ms\"?, \"fraction\"?, \"count\"?, \"malformed_json\"?, \"truncated_json\"?, \"drop_connection\"?, \"omit_result_count\"?, \"hold\"?}"),
    ("DELETE", "/__devserver/faults", "removes every fault rule"),
    ("POST", "/__devserver/release", "{\"order\": \"fifo\"|\"reverse\"}: lets held responses go"),
    ("GET", "/__devserver/settings", "{\"profile\", \"cors\", \"pull_accepted\"}"),
    ("POST", "/__devserver/settings", "switches at run time: {\"profile\"?: \"8.1\"|\"2024\", \"cors\"?: \"django\"|\"nginx-stock\"|\"none\", \"pull_accepted\"?: bool}"),
    ("GET", "/__devserver/quotas", "every tenant's quotas: [{\"tenant_uuid\", \"name\", \"quotas\": [{name, usage, limit}]}]"),
    ("POST", "/__devserver/quotas", "sets a tenant's quotas: {\"tenant_uuid\", \"quotas\": {\"ram\": {\"limit\"?, \"usage\"?}, …}} (limit -1 = unlimited)"),
    ("GET", "/__devserver/users", "the demo users: username, token, staff, support and roles"),
    ("GET", "/__devserver/requests", "the API requests received since the last reset or clear (method, path, query, credential kind, body)"),
    ("DELETE", "/__devserver/requests", "clears the request log"),
    ("GET", "/__devserver/static-headers", "the response headers added to static files, by path"),
    ("POST", "/__devserver/static-headers", "adds headers to one static file on both origins: {\"path\": \"/page.html\", \"headers\": {\"Content-Security-Policy\": \"…\"}} (until reset)"),
    ("DELETE", "/__devserver/static-headers", "removes every added header"),
];

/// The control routes.
pub fn router() -> Router<App> {
    Router::new()
        .route("/__devserver/", get(index))
        .route("/__devserver", get(index))
        .route("/__devserver/reset", post(reset))
        .route("/__devserver/clock", get(clock))
        .route("/__devserver/clock/advance", post(advance))
        .route(
            "/__devserver/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/__devserver/release", post(release))
        .route(
            "/__devserver/requests",
            get(requests).delete(clear_requests),
        )
        .route("/__devserver/settings", get(settings).post(set_settings))
        .route("/__devserver/quotas", get(quotas).post(set_quotas))
        .route("/__devserver/users", get(users))
        .route(
            "/__devserver/static-headers",
            get(static_headers)
                .post(add_static_headers)
                .delete(clear_static_headers),
        )
}

fn bad(msg: impl Into<String>) -> Response {
    json_response(StatusCode::BAD_REQUEST, &json!({ "detail": msg.into() }))
}

fn ok(v: Value) -> Response {
    json_response(StatusCode::OK, &v)
}

/// `GET /__devserver/`: every control endpoint with one line each, the settings and origins.
async fn index(State(app): State<App>) -> Response {
    let c = &app.0.config;
    let endpoints: Vec<Value> = ENDPOINTS
        .iter()
        .map(|(m, p, d)| json!({ "method": m, "path": p, "description": d }))
        .collect();
    ok(json!({
        "endpoints": endpoints,
        "settings": app.settings(),
        "second_origin": app.0.second_origin.get(),
        "second_serves": c.second_port.map(|_| c.second_serves),
        "static_dir": c.static_dir.as_ref().map(|d| d.display().to_string()),
        "profiles": ["8.1", "2024"],
        "cors_modes": ["django", "nginx-stock", "none"],
    }))
}

/// A profile or CORS mode from a control body (`Ok(None)` when absent).
fn setting<T: serde::de::DeserializeOwned>(v: &Value, key: &str) -> Result<Option<T>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => serde_json::from_value(x.clone())
            .map(Some)
            .map_err(|_| format!("Unknown {key}: {x}.")),
    }
}

/// Applies `profile`, `cors` and `pull_accepted` of a control body.
fn apply_settings(app: &App, v: &Value) -> Result<(), String> {
    let profile: Option<Profile> = setting(v, "profile")?;
    let cors: Option<CorsMode> = setting(v, "cors")?;
    let pull = match v.get("pull_accepted") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(x) => return Err(format!("Unknown pull_accepted: {x}.")),
    };
    let mut w = app.world();
    if let Some(p) = profile {
        w.settings.profile = p;
    }
    if let Some(c) = cors {
        w.settings.cors = c;
    }
    if let Some(p) = pull {
        w.settings.pull_accepted = p;
    }
    Ok(())
}

/// `POST /__devserver/reset`.
async fn reset(State(app): State<App>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    // Check the settings before anything is thrown away.
    if let Err(e) = setting::<Profile>(&v, "profile").and(setting::<CorsMode>(&v, "cors")) {
        return bad(e);
    }
    app.reset(
        v["seed"].as_u64(),
        v["hostile"].as_bool(),
        v["backups"].as_u64().map(|n| n as usize),
    );
    if let Err(e) = apply_settings(&app, &v) {
        return bad(e);
    }
    let w = app.world();
    ok(json!({
        "seed": w.seed,
        "hostile": w.hostile,
        "backups": w.store.backup_index.len(),
        "now": iso(w.clock.now()),
        "settings": w.settings,
    }))
}

/// `GET /__devserver/clock`.
async fn clock(State(app): State<App>) -> Response {
    let w = app.world();
    ok(
        json!({ "now": iso(w.clock.now()), "mode": w.clock.mode(), "step_ms": w.store.step.num_milliseconds() }),
    )
}

/// `POST /__devserver/clock/advance`.
async fn advance(State(app): State<App>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
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

/// `GET /__devserver/faults`.
async fn list_faults(State(app): State<App>) -> Response {
    let f = app.0.faults.lock().unwrap_or_else(|e| e.into_inner());
    ok(json!({ "rules": f.rules, "held": f.held() }))
}

/// `POST /__devserver/faults`.
async fn add_fault(State(app): State<App>, body: Bytes) -> Response {
    let rule: FaultRule = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return bad(format!("Invalid fault rule - {e}")),
    };
    let mut f = app.0.faults.lock().unwrap_or_else(|e| e.into_inner());
    f.rules.push(rule);
    json_response(
        StatusCode::CREATED,
        &json!({ "rules": f.rules, "held": f.held() }),
    )
}

/// `DELETE /__devserver/faults`.
async fn clear_faults(State(app): State<App>) -> Response {
    app.0
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    ok(json!({ "rules": [], "held": 0 }))
}

/// `POST /__devserver/release`.
async fn release(State(app): State<App>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
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
    ok(json!({ "released": n }))
}

/// `GET /__devserver/static-headers`.
async fn static_headers(State(app): State<App>) -> Response {
    let rules = app
        .0
        .static_headers
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    ok(json!(*rules))
}

/// `POST /__devserver/static-headers`.
async fn add_static_headers(State(app): State<App>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let rule = match StaticHeaders::from_json(&v) {
        Ok(rule) => rule,
        Err(e) => return bad(e),
    };
    let mut rules = app
        .0
        .static_headers
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    rules.push(rule);
    json_response(StatusCode::CREATED, &json!(*rules))
}

/// `DELETE /__devserver/static-headers`.
async fn clear_static_headers(State(app): State<App>) -> Response {
    app.0
        .static_headers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /__devserver/requests`.
async fn requests(State(app): State<App>) -> Response {
    let log = app.0.log.lock().unwrap_or_else(|e| e.into_inner());
    ok(Value::Array(log.clone()))
}

/// `DELETE /__devserver/requests`.
async fn clear_requests(State(app): State<App>) -> Response {
    app.0.log.lock().unwrap_or_else(|e| e.into_inner()).clear();
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /__devserver/settings`.
async fn settings(State(app): State<App>) -> Response {
    ok(json!(app.settings()))
}

/// `POST /__devserver/settings`.
async fn set_settings(State(app): State<App>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = apply_settings(&app, &v) {
        return bad(e);
    }
    settings(State(app)).await
}

/// `GET /__devserver/quotas`.
async fn quotas(State(app): State<App>) -> Response {
    let w = app.world();
    let list: Vec<Value> = w
        .store
        .tenants
        .iter()
        .map(|t| json!({ "tenant_uuid": t.uuid, "name": t.name, "quotas": quotas_json(t) }))
        .collect();
    ok(Value::Array(list))
}

/// `POST /__devserver/quotas` `{"tenant_uuid", "quotas": {"<name>": {"limit"?, "usage"?}}}`.
async fn set_quotas(State(app): State<App>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let Some(uuid) = v["tenant_uuid"]
        .as_str()
        .and_then(crate::http::normalize_uuid)
    else {
        return bad("Expected \"tenant_uuid\": the tenant's UUID.");
    };
    let Some(changes) = v["quotas"].as_object() else {
        return bad("Expected \"quotas\": {\"<name>\": {\"limit\"?, \"usage\"?}}.");
    };
    let mut w = app.world();
    let Some(t) = w.store.tenants.iter_mut().find(|t| t.uuid == uuid) else {
        return bad(format!("No tenant {uuid}."));
    };
    // Validate everything first, so a bad entry changes nothing.
    let mut parsed = Vec::new();
    for (name, change) in changes {
        if !QUOTA_NAMES.contains(&name.as_str()) {
            return bad(format!(
                "Unknown quota {name:?}; known: {}.",
                QUOTA_NAMES.join(", ")
            ));
        }
        let num =
            |k: &str| match change.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(x) => x.as_i64().filter(|n| *n >= -1).map(Some).ok_or_else(|| {
                    format!("{name}.{k} must be an integer (limit -1 = unlimited).")
                }),
            };
        match (num("limit"), num("usage")) {
            (Ok(l), Ok(u)) => parsed.push((name.clone(), l, u.map(|u| u.max(0)))),
            (Err(e), _) | (_, Err(e)) => return bad(e),
        }
    }
    for (name, limit, usage) in parsed {
        if let Some(q) = t.quota_mut(&name) {
            if let Some(l) = limit {
                q.limit = l;
            }
            if let Some(u) = usage {
                q.usage = u;
            }
        }
    }
    ok(json!({ "tenant_uuid": t.uuid, "name": t.name, "quotas": quotas_json(t) }))
}

/// `GET /__devserver/users`.
async fn users(State(app): State<App>) -> Response {
    let w = app.world();
    let s = &w.store;
    let list: Vec<Value> = DEMO_USERS
        .iter()
        .map(|u| {
            let roles: Vec<Value> = u
                .roles
                .iter()
                .map(|r| {
                    let (kind, uuid, name) = match r.scope {
                        Scope::Customer(c) => ("customer", &s.customers[c].uuid, &s.customers[c].name),
                        Scope::Project(p) => ("project", &s.projects[p].uuid, &s.projects[p].name),
                    };
                    json!({ "role_name": r.name.as_str(), "scope_type": kind, "scope_uuid": uuid, "scope_name": name })
                })
                .collect();
            json!({
                "username": u.username,
                "token": u.token,
                "is_staff": u.is_staff,
                "is_support": u.is_support,
                "about": u.about,
                "roles": roles,
            })
        })
        .collect();
    ok(Value::Array(list))
}

/// Middleware recording every API request (method, path, query, credential kind, JSON body).
pub async fn log_layer(State(app): State<App>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
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
