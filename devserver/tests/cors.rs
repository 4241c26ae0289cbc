//! CORS per mode: django-cors-headers (origin echoed on every status), Waldur's stock nginx
//! (headers only on 200/201/204/206/3xx: errors and 202 carry none; preflights answered by
//! Django's empty 200 with nginx's headers), and Django alone (none). Control endpoints and
//! files keep CORS in every mode.

mod common;
use common::*;
use devserver::{Config, CorsMode, Profile};
use reqwest::Method;
use serde_json::json;

const ORIGIN: &str = "http://portal.example";
const LIST: &str = "/api/openstack-backups/";

async fn start_cors(cors: CorsMode) -> Server {
    start_with(Config {
        cors,
        ..Config::for_tests()
    })
    .await
}

/// Sends a request with an `Origin` and returns (status, CORS headers present).
async fn send(
    s: &Server,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> reqwest::Response {
    let mut rb = s
        .client
        .request(method, format!("{}{path}", s.base))
        .header("Origin", ORIGIN);
    if let Some(t) = token {
        rb = rb.header("Authorization", format!("Token {t}"));
    }
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    rb.send().await.unwrap()
}

fn acao(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_string())
}

fn has_no_cors(r: &reqwest::Response) -> bool {
    r.headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-"))
}

#[tokio::test]
async fn nginx_stock_adds_headers_to_successes_only() {
    let s = start_cors(CorsMode::NginxStock).await;
    let r = send(&s, Method::GET, LIST, Some(STAFF), None).await;
    assert_eq!(r.status(), 200);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(h["access-control-expose-headers"], "Link, X-Result-Count");
    assert!(h.get("vary").is_none(), "nginx does not vary on Origin");

    let ok = s
        .backups("state=OK")
        .await
        .into_iter()
        .find(|b| b["backend_id"] != "")
        .unwrap();
    let url = path_of(str_of(&ok, "url"));
    let creating = s.backup("state=CREATING").await;
    let curl = path_of(str_of(&creating, "url"));
    // Every refusal arrives without CORS headers: the browser cannot read it.
    for (method, path, token, body, status) in [
        (Method::GET, LIST.to_string(), None, None, 401),
        (
            Method::GET,
            format!("{LIST}?state=BROKEN"),
            Some(STAFF),
            None,
            400,
        ),
        (
            Method::PATCH,
            url.clone(),
            Some(SUPPORT),
            Some(json!({ "name": "x" })),
            403,
        ),
        (
            Method::GET,
            format!("{LIST}0123456789abcdef0123456789abcdef/"),
            Some(STAFF),
            None,
            404,
        ),
        (
            Method::POST,
            LIST.to_string(),
            Some(STAFF),
            Some(json!({})),
            405,
        ),
        (
            Method::POST,
            format!("{url}pull/"),
            Some(STAFF),
            Some(json!({})),
            409,
        ),
        (
            Method::PATCH,
            curl.clone(),
            Some(STAFF),
            Some(json!({ "name": "x" })),
            409,
        ),
        (
            Method::GET,
            format!("{LIST}?page=999"),
            Some(STAFF),
            None,
            404,
        ),
        (
            Method::GET,
            "/api/no-such-thing/".into(),
            Some(STAFF),
            None,
            404,
        ),
    ] {
        let r = send(&s, method.clone(), &path, token, body).await;
        assert_eq!(r.status().as_u16(), status, "{method} {path}");
        assert!(has_no_cors(&r), "{method} {path}: {:?}", r.headers());
    }
    // A 202 is not among nginx's statuses either: a delete's answer is unreadable too.
    let r = send(&s, Method::DELETE, &url, Some(STAFF), None).await;
    assert_eq!(r.status(), 202);
    assert!(has_no_cors(&r));
    // 201 and 204 are.
    let inst = s.first("openstack-instances", "name=web-01").await;
    let r = send(
        &s,
        Method::POST,
        &format!("{}backup/", path_of(str_of(&inst, "url"))),
        Some(STAFF),
        Some(json!({ "name": "cors" })),
    )
    .await;
    assert_eq!(r.status(), 201);
    assert_eq!(acao(&r).as_deref(), Some("*"));
    let r = send(
        &s,
        Method::POST,
        &format!("{curl}unlink/"),
        Some(STAFF),
        Some(json!({})),
    )
    .await;
    assert_eq!(r.status(), 204);
    assert_eq!(acao(&r).as_deref(), Some("*"));
    // Injected server errors are errors too.
    s.control(
        Method::POST,
        "faults",
        Some(json!({ "status": 503, "count": 1 })),
    )
    .await;
    let r = send(&s, Method::GET, LIST, Some(STAFF), None).await;
    assert_eq!(r.status(), 503);
    assert!(has_no_cors(&r));
}

#[tokio::test]
async fn nginx_stock_preflights_get_djangos_empty_page_with_nginxs_headers() {
    let s = start_cors(CorsMode::NginxStock).await;
    let r = s
        .client
        .request(Method::OPTIONS, format!("{}{LIST}", s.base))
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "PATCH")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "text/html; charset=utf-8");
    assert_eq!(h["content-length"], "0");
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(
        h["access-control-allow-methods"],
        "DELETE, GET, OPTIONS, PATCH, POST, PUT"
    );
    let allowed = h["access-control-allow-headers"].to_str().unwrap();
    for needed in ["Authorization", "Content-Type", "sentry-trace", "baggage"] {
        assert!(allowed.contains(needed), "{needed} in {allowed}");
    }
    assert!(r.text().await.unwrap().is_empty());
}

#[tokio::test]
async fn django_mode_echoes_the_origin_on_errors_too() {
    let s = start().await;
    for (path, token, status) in [
        (LIST.to_string(), Some(STAFF), 200),
        (LIST.to_string(), None, 401),
        (format!("{LIST}?o=size"), Some(STAFF), 400),
    ] {
        let r = send(&s, Method::GET, &path, token, None).await;
        assert_eq!(r.status().as_u16(), status);
        assert_eq!(acao(&r).as_deref(), Some(ORIGIN), "{path}");
        assert_eq!(r.headers()["access-control-allow-credentials"], "true");
    }
}

#[tokio::test]
async fn django_alone_sends_no_cors_headers() {
    let s = start_cors(CorsMode::None).await;
    let r = send(&s, Method::GET, LIST, Some(STAFF), None).await;
    assert_eq!(r.status(), 200);
    assert!(has_no_cors(&r));
    let r = s
        .client
        .request(Method::OPTIONS, format!("{}{LIST}", s.base))
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(has_no_cors(&r));
    assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
}

#[tokio::test]
async fn control_endpoints_keep_cors_in_every_mode() {
    let s = start_cors(CorsMode::None).await;
    for cors in [CorsMode::None, CorsMode::NginxStock] {
        s.switch(Profile::V8_1, cors).await;
        for path in ["/__devserver/clock", "/__devserver/", "/__devserver/nope"] {
            let r = send(&s, Method::GET, path, None, None).await;
            assert_eq!(acao(&r).as_deref(), Some(ORIGIN), "{cors:?} {path}");
        }
        let r = s
            .client
            .request(Method::OPTIONS, format!("{}/__devserver/reset", s.base))
            .header("Origin", ORIGIN)
            .header("Access-Control-Request-Method", "POST")
            .send()
            .await
            .unwrap();
        assert_eq!(acao(&r).as_deref(), Some(ORIGIN));
    }
}

#[tokio::test]
async fn the_cors_mode_switches_at_run_time_and_a_reset_restores_it() {
    let s = start().await;
    s.switch(Profile::V8_1, CorsMode::NginxStock).await;
    let r = send(&s, Method::GET, LIST, None, None).await;
    assert_eq!(r.status(), 401);
    assert!(has_no_cors(&r));
    s.switch(Profile::V8_1, CorsMode::Django).await;
    let r = send(&s, Method::GET, LIST, None, None).await;
    assert_eq!(acao(&r).as_deref(), Some(ORIGIN));
    s.switch(Profile::V2024, CorsMode::None).await;
    s.reset().await;
    let r = send(&s, Method::GET, LIST, None, None).await;
    assert_eq!(acao(&r).as_deref(), Some(ORIGIN));
    let r = s
        .control(
            Method::POST,
            "reset",
            Some(json!({ "cors": "nginx-stock" })),
        )
        .await;
    assert_eq!(r["settings"]["cors"], "nginx-stock");
    let r = send(&s, Method::GET, LIST, None, None).await;
    assert!(has_no_cors(&r));
}
