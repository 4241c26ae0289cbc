//! Fault injection, the request log, reset, settings and the hostile data set.

mod common;
use common::*;
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};

const LIST: &str = "/api/openstack-backups/";

async fn fault(s: &Server, rule: serde_json::Value) {
    s.control(Method::POST, "faults", Some(rule)).await;
}

#[tokio::test]
async fn latency_and_status_with_count() {
    let s = start().await;
    fault(
        &s,
        json!({ "path": LIST, "method": "GET", "latency_ms": 300 }),
    )
    .await;
    let t = Instant::now();
    assert_eq!(s.get(LIST, STAFF).await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    s.control(Method::DELETE, "faults", None).await;
    fault(&s, json!({ "path": LIST, "status": 503, "count": 2 })).await;
    for _ in 0..2 {
        let r = s.get(LIST, STAFF).await;
        assert_eq!(
            (r.status.as_u16(), r.detail()),
            (503, "Service temporarily unavailable, try again later.")
        );
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    }
    assert_eq!(s.get(LIST, STAFF).await.status, 200);
    fault(
        &s,
        json!({ "status": 500, "body": { "detail": "Boom." }, "method": "PATCH" }),
    )
    .await;
    assert_eq!(s.get(LIST, STAFF).await.status, 200);
    let b = s.backup("state=OK").await;
    let r = s
        .patch(&path_of(str_of(&b, "url")), STAFF, json!({ "name": "x" }))
        .await;
    assert_eq!((r.status.as_u16(), r.detail()), (500, "Boom."));
}

#[tokio::test]
async fn status_fraction_hits_some_requests() {
    let s = start().await;
    fault(&s, json!({ "status": 502, "fraction": 0.5 })).await;
    let mut failed = 0;
    for _ in 0..40 {
        if s.get(LIST, STAFF).await.status == 502 {
            failed += 1;
        }
    }
    assert!((5..=35).contains(&failed), "{failed}");
}

#[tokio::test]
async fn broken_bodies_and_missing_count() {
    let s = start().await;
    let raw = |s: &Server| {
        s.client
            .get(format!("{}{LIST}", s.base))
            .header("Authorization", format!("Token {STAFF}"))
            .send()
    };
    fault(&s, json!({ "malformed_json": true, "count": 1 })).await;
    let t = raw(&s).await.unwrap().text().await.unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&t).is_err());
    fault(&s, json!({ "truncated_json": true, "count": 1 })).await;
    let t = raw(&s).await.unwrap().text().await.unwrap();
    assert!(t.starts_with('[') && serde_json::from_str::<serde_json::Value>(&t).is_err());
    fault(&s, json!({ "drop_connection": true, "count": 1 })).await;
    let r = raw(&s).await;
    let failed = match r {
        Err(_) => true,
        Ok(r) => r.text().await.is_err(),
    };
    assert!(failed, "the body should fail mid-way");
    fault(&s, json!({ "omit_result_count": true, "count": 1 })).await;
    let r = s.get(LIST, STAFF).await;
    assert!(r.header("x-result-count").is_none() && r.header("link").is_some());
    assert!(s.get(LIST, STAFF).await.header("x-result-count").is_some());
}

#[tokio::test]
async fn held_responses_are_released_in_reverse_order() {
    let s = start().await;
    fault(&s, json!({ "hold": true, "count": 2 })).await;
    let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for name in ["first", "second"] {
        let url = format!(
            "{}{LIST}?name={}",
            s.base,
            if name == "first" { "web" } else { "db" }
        );
        let client = s.client.clone();
        let order = order.clone();
        tasks.push(tokio::spawn(async move {
            let r = client
                .get(url)
                .header("Authorization", format!("Token {STAFF}"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            order.lock().unwrap().push(name);
        }));
        // Wait until this request is held before sending the next.
        for _ in 0..100 {
            let held = s.control(Method::GET, "faults", None).await["held"]
                .as_u64()
                .unwrap();
            if held as usize == tasks.len() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    let r = s
        .control(Method::POST, "release", Some(json!({ "order": "reverse" })))
        .await;
    assert_eq!(r["released"], 2);
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(*order.lock().unwrap(), ["second", "first"]);
}

#[tokio::test]
async fn request_log_records_api_requests_without_secrets() {
    let s = start().await;
    s.get("/api/openstack-backups/?name=web&page_size=5", STAFF)
        .await;
    let b = s.backup("state=OK").await;
    s.patch(
        &path_of(str_of(&b, "url")),
        ADMIN,
        json!({ "description": "logged" }),
    )
    .await;
    let log = s.control(Method::GET, "requests", None).await;
    let log = log.as_array().unwrap();
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], LIST);
    assert_eq!(log[0]["query"], "name=web&page_size=5");
    assert_eq!(log[0]["authorization_scheme"], "Token");
    assert!(log[0]["body"].is_null());
    let patch = log.iter().find(|e| e["method"] == "PATCH").unwrap();
    assert_eq!(patch["body"], json!({ "description": "logged" }));
    assert!(!serde_json::to_string(&log).unwrap().contains("demo-"));
    let r = s
        .client
        .delete(format!("{}/__devserver/requests", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(s.control(Method::GET, "requests", None).await, json!([]));
}

#[tokio::test]
async fn reset_restores_data_clears_faults_and_log() {
    let s = start().await;
    let b = s.backup("state=OK").await;
    let url = path_of(str_of(&b, "url"));
    s.post(&format!("{url}unlink/"), STAFF, json!({})).await;
    fault(&s, json!({ "status": 503 })).await;
    s.advance(1000.0).await;
    s.control(Method::POST, "reset", None).await;
    assert_eq!(s.get(&url, STAFF).await.status, 200);
    assert_eq!(
        s.control(Method::GET, "requests", None)
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let r = s
        .control(
            Method::POST,
            "reset",
            Some(json!({ "seed": 7, "backups": 200, "hostile": true })),
        )
        .await;
    assert!(r["backups"].as_u64().unwrap() > 200);
    assert_eq!(s.get(&url, STAFF).await.status, 404);
    let hostile = s.backups("name=script").await;
    assert!(hostile
        .iter()
        .any(|b| b["name"] == "<script>alert(1)</script>"));
    let all = s.backups("page=1").await;
    assert!(!all.is_empty());
    let long = s
        .get(
            "/api/openstack-backups/?page_size=300&page=1&state=ERRED",
            STAFF,
        )
        .await;
    assert!(long
        .items()
        .iter()
        .any(|b| b["error_message"].as_str().unwrap().len() >= 5000));
}

#[tokio::test]
async fn cli_faults_apply_from_start() {
    let s = start_with(devserver::Config {
        omit_result_count: true,
        fault_status: Some(503),
        fault_fraction: 0.0,
        ..devserver::Config::for_tests()
    })
    .await;
    let r = s.get(LIST, STAFF).await;
    assert_eq!(r.status, 200);
    assert!(r.header("x-result-count").is_none());
    let s = start_with(devserver::Config {
        pull_accepted: true,
        ..devserver::Config::for_tests()
    })
    .await;
    let b = s
        .backups("state=OK")
        .await
        .into_iter()
        .find(|b| b["backend_id"] != "")
        .unwrap();
    let r = s
        .post(
            &format!("{}pull/", path_of(str_of(&b, "url"))),
            STAFF,
            json!({}),
        )
        .await;
    assert_eq!(r.status, 202);
}

#[tokio::test]
async fn schema_helper_rejects_wrong_shapes() {
    for bad in [
        json!({ "uuid": 5 }),
        json!({ "state": "BROKEN" }),
        json!({ "unknown_key": 1 }),
        json!({ "kept_until": "yesterday" }),
    ] {
        let r = std::panic::catch_unwind(|| validate("OpenStackBackup", &bad));
        assert!(r.is_err(), "{bad} should be rejected");
    }
    validate(
        "OpenStackBackup",
        &json!({ "kept_until": null, "uuid": "0123456789abcdef0123456789abcdef" }),
    );
}

#[tokio::test]
async fn the_2024_schema_allows_exactly_the_measured_deviations() {
    use devserver::Profile;
    let rejects = |profile: Profile, v: serde_json::Value| {
        let r = std::panic::catch_unwind(|| validate_in(profile, "OpenStackBackup", &v));
        assert!(r.is_err(), "{profile:?} should reject {v}");
    };
    for v in [
        json!({ "state": "ERRED" }),
        json!({ "customer_uuid": "0123456789abcdef0123456789abcdef" }),
        json!({ "marketplace_offering_type": null }),
        json!({ "instance_ports": [{ "url": "http://x/api/openstack-ports/1/" }] }),
        json!({ "restorations": [{ "name": "x" }] }),
        json!({ "backup_schedule_uuid": null }),
    ] {
        rejects(Profile::V2024, v);
    }
    for v in [
        json!({ "state": "Erred" }),
        json!({ "backup_schedule": null }),
        json!({ "instance_marketplace_uuid": null }),
        json!({ "restorations": [{ "flavor": null }] }),
    ] {
        validate_in(Profile::V2024, "OpenStackBackup", &v);
        rejects(Profile::V8_1, v);
    }
    validate_in(
        Profile::V2024,
        "OpenStackInstance",
        &json!({ "server_group": null, "offering_external_ips": [] }),
    );
    validate_in(
        Profile::V2024,
        "OpenStackFloatingIP",
        &json!({ "port": null }),
    );
}
