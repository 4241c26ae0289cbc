//! What no API route answers: Django's HTML 404 and slash redirect, static files compressed as
//! a static host would (the API never is), the second origin, and the control index.

mod common;
use common::*;
use devserver::{Config, Profile, SecondServes};
use reqwest::Method;
use std::path::PathBuf;

/// A directory with an index page and a wasm file large enough to be worth compressing.
fn site_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("devserver-site-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>host page</title>",
    )
    .unwrap();
    let wasm: Vec<u8> = (0..64 * 1024).map(|i| (i % 7) as u8).collect();
    std::fs::write(dir.join("app_bg.wasm"), wasm).unwrap();
    std::fs::write(dir.join("app.js"), "export default 1;\n".repeat(2000)).unwrap();
    dir
}

async fn get_encoded(
    client: &reqwest::Client,
    url: &str,
    accept: Option<&str>,
) -> reqwest::Response {
    let mut rb = client.get(url);
    if let Some(a) = accept {
        rb = rb.header("Accept-Encoding", a);
    }
    rb.send().await.unwrap()
}

#[tokio::test]
async fn unknown_urls_get_djangos_html_404_before_authentication_in_both_profiles() {
    for profile in PROFILES {
        let s = start_profile(profile).await;
        let b = s.backup("").await;
        for (path, token) in [
            ("/api/no-such-collection/".to_string(), None),
            ("/api/no-such-collection/".to_string(), Some(STAFF)),
            (
                format!("{}explode/", path_of(str_of(&b, "url"))),
                Some(STAFF),
            ),
            ("/api/users/".to_string(), Some(STAFF)),
        ] {
            let r = s.call(Method::GET, &path, token, None).await;
            assert_eq!(r.status, 404, "{profile:?} {path}");
            assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
            assert!(r.text.contains(
                "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"
            ));
        }
    }
}

#[tokio::test]
async fn a_path_without_its_slash_is_redirected_as_django_does() {
    let s = start().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let b = s.backup("").await;
    let detail = path_of(str_of(&b, "url"));
    for (path, location) in [
        (
            "/api/openstack-backups?page=2".to_string(),
            "/api/openstack-backups/?page=2".to_string(),
        ),
        (detail.trim_end_matches('/').to_string(), detail.clone()),
        ("/api/users/me".to_string(), "/api/users/me/".to_string()),
    ] {
        let r = client
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 301, "{path}");
        assert_eq!(r.headers()["location"], location.as_str());
    }
    let r = client
        .get(format!("{}/api/nothing", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn static_files_are_compressed_when_the_client_accepts_it_and_the_api_never() {
    let dir = site_dir("compress");
    let s = start_with(Config {
        static_dir: Some(dir.clone()),
        ..Config::for_tests()
    })
    .await;
    let wasm = format!("{}/app_bg.wasm", s.base);
    for (accept, encoding) in [
        (Some("br"), Some("br")),
        (Some("gzip"), Some("gzip")),
        (Some("gzip, deflate, br"), Some("br")),
        (None, None),
        (Some("identity"), None),
    ] {
        let r = get_encoded(&s.client, &wasm, accept).await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            encoding,
            "Accept-Encoding {accept:?}"
        );
        let body = r.bytes().await.unwrap();
        match encoding {
            None => assert_eq!(body.len(), 64 * 1024),
            Some(_) => assert!(body.len() < 8 * 1024, "{} bytes", body.len()),
        }
    }
    let r = get_encoded(&s.client, &format!("{}/", s.base), Some("gzip")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    // gunicorn behind the stock nginx does not compress API answers.
    let r = s
        .client
        .get(format!("{}/api/openstack-backups/?page_size=300", s.base))
        .header("Authorization", format!("Token {STAFF}"))
        .header("Accept-Encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-encoding").is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_second_origin_serves_the_same_files_and_nothing_else() {
    let dir = site_dir("second");
    let s = start_with(Config {
        static_dir: Some(dir.clone()),
        second_port: Some(0),
        ..Config::for_tests()
    })
    .await;
    let index = s.control(Method::GET, "", None).await;
    let second = index["second_origin"]
        .as_str()
        .expect("second origin listed")
        .to_string();
    assert_ne!(second, s.base);
    assert_eq!(index["second_serves"], "static");
    let main = s
        .client
        .get(format!("{}/app.js", s.base))
        .send()
        .await
        .unwrap();
    let other = s
        .client
        .get(format!("{second}/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);
    assert_eq!(main.text().await.unwrap(), other.text().await.unwrap());
    let r = get_encoded(&s.client, &format!("{second}/app_bg.wasm"), Some("br")).await;
    assert_eq!(r.headers()["content-encoding"], "br");
    let r = s
        .client
        .get(format!("{second}/app.js"))
        .header("Origin", "http://host.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "http://host.example"
    );
    for path in ["/api/openstack-backups/", "/__devserver/"] {
        let r = s
            .client
            .get(format!("{second}{path}"))
            .header("Authorization", format!("Token {STAFF}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path} is not served on the second origin");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_second_origin_can_serve_the_whole_app() {
    let s = start_with(Config {
        second_port: Some(0),
        second_serves: SecondServes::All,
        profile: Profile::V2024,
        ..Config::for_tests()
    })
    .await;
    let index = s.control(Method::GET, "", None).await;
    let second = index["second_origin"].as_str().unwrap();
    let r = s
        .client
        .get(format!("{second}/api/openstack-backups/?state=Erred"))
        .header("Authorization", format!("Token {STAFF}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // One state behind both origins: a change through one shows through the other.
    s.control(
        Method::POST,
        "settings",
        Some(serde_json::json!({ "profile": "8.1" })),
    )
    .await;
    let r = s
        .client
        .get(format!("{second}/api/openstack-backups/?state=Erred"))
        .header("Authorization", format!("Token {STAFF}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn the_control_index_lists_every_endpoint_and_each_answers() {
    let s = start().await;
    for path in ["/__devserver/", "/__devserver"] {
        let r = s
            .client
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let index = s.control(Method::GET, "", None).await;
    let endpoints = index["endpoints"].as_array().unwrap();
    assert_eq!(endpoints.len(), devserver::control::ENDPOINTS.len());
    for e in endpoints {
        assert!(!str_of(e, "description").is_empty());
        if e["method"] == "GET" {
            let r = s
                .client
                .get(format!("{}{}", s.base, str_of(e, "path")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{}", e["path"]);
        }
    }
    for (method, path) in [
        ("POST", "/__devserver/reset"),
        ("POST", "/__devserver/settings"),
        ("POST", "/__devserver/quotas"),
        ("POST", "/__devserver/faults"),
        ("DELETE", "/__devserver/requests"),
    ] {
        assert!(
            endpoints
                .iter()
                .any(|e| e["method"] == method && e["path"] == path),
            "{method} {path} listed"
        );
    }
    assert_eq!(index["settings"]["profile"], "8.1");
    assert!(index["second_origin"].is_null());
    let users = s.control(Method::GET, "users", None).await;
    let alice = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "alice")
        .unwrap();
    assert_eq!(alice["token"], ADMIN);
    assert_eq!(alice["roles"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn headers_set_for_a_static_file_are_sent_with_it_on_both_origins_until_reset() {
    let dir = site_dir("headers");
    let s = start_with(Config {
        static_dir: Some(dir.clone()),
        second_port: Some(0),
        ..Config::for_tests()
    })
    .await;
    let second = s.control(Method::GET, "", None).await["second_origin"]
        .as_str()
        .expect("second origin listed")
        .to_string();
    let policy = "default-src 'self'; style-src 'self'";
    let rules = s
        .control(
            Method::POST,
            "static-headers",
            Some(serde_json::json!({
                "path": "/index.html",
                "headers": { "Content-Security-Policy": policy },
            })),
        )
        .await;
    assert_eq!(rules[0]["path"], "/index.html");
    let csp = |r: &reqwest::Response| {
        r.headers()
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_string())
    };
    for origin in [&s.base, &second] {
        let page = s
            .client
            .get(format!("{origin}/index.html"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(csp(&page).as_deref(), Some(policy), "{origin}");
        let other = s
            .client
            .get(format!("{origin}/app.js"))
            .send()
            .await
            .unwrap();
        assert_eq!(csp(&other), None, "only the named path: {origin}");
    }
    let api = s.get("/api/openstack-backups/", STAFF).await;
    assert_eq!(api.header("content-security-policy"), None);

    // A header that could not be sent is refused, naming it.
    let r = s
        .client
        .post(format!("{}/__devserver/static-headers", s.base))
        .json(&serde_json::json!({ "path": "/index.html", "headers": { "Bad Name": "x" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Bad Name"));

    s.reset().await;
    let page = s
        .client
        .get(format!("{}/index.html", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(csp(&page), None, "a reset removes them");
    assert_eq!(
        s.control(Method::GET, "static-headers", None).await,
        serde_json::json!([])
    );
}
