//! Changing backups: update, delete, pull, unlink, creating from an instance; permissions,
//! auth, CORS and the clock.

mod common;
use common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn authentication_failures_are_401_with_www_authenticate() {
    let s = start().await;
    let r = s
        .call(Method::GET, "/api/openstack-backups/", None, None)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (401, "Authentication credentials were not provided.")
    );
    assert_eq!(r.header("www-authenticate"), Some("Token"));
    let r = s.get("/api/openstack-backups/", "wrong").await;
    assert_eq!((r.status.as_u16(), r.detail()), (401, "Invalid token."));
    let send = |h: (&'static str, String)| {
        let c = s
            .client
            .get(format!("{}/api/openstack-backups/", s.base))
            .header(h.0, h.1);
        async move { c.send().await.unwrap() }
    };
    let r = send((
        "Authorization",
        format!("Bearer {}", devserver::tokens::EXPIRED_PAT),
    ))
    .await;
    let r = s.finish(Method::GET, "/api/openstack-backups/", r).await;
    assert_eq!((r.status.as_u16(), r.detail()), (401, "Token has expired."));
    assert_eq!(r.header("www-authenticate"), Some("Token"));
    let r = send(("Authorization", format!("Bearer {STAFF}"))).await;
    assert_eq!(r.status(), 200);
    let r = send(("Cookie", format!("csrftoken=x; sessionid={ADMIN}"))).await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn users_me_says_who_is_signed_in_and_whether_staff() {
    let s = start().await;
    let r = s.call(Method::GET, "/api/users/me/", None, None).await;
    assert_eq!(r.status.as_u16(), 401);
    // Waldur shows `is_staff` and `is_support` only to staff and support users.
    for (token, username, flags) in [
        (STAFF, "staff", Some((true, false))),
        (ADMIN, "alice", None),
        (SUPPORT, "support", Some((false, true))),
        (NOBODY, "nobody", None),
    ] {
        let r = s.get("/api/users/me/", token).await;
        assert_eq!(r.status.as_u16(), 200, "{username}");
        assert_eq!(r.body["username"], username);
        match flags {
            Some((staff, support)) => {
                assert_eq!(r.body["is_staff"], staff, "{username}");
                assert_eq!(r.body["is_support"], support, "{username}");
            }
            None => {
                assert!(r.body.get("is_staff").is_none(), "{username}");
                assert!(r.body.get("is_support").is_none(), "{username}");
            }
        }
        let uuid = r.body["uuid"].as_str().unwrap();
        assert_eq!(uuid.len(), 32);
        assert!(r.body["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/api/users/{uuid}/")));
        assert!(r.body["permissions"].is_array(), "{username}");
        assert!(!r.text.contains(token), "the token is never echoed");
    }
    let r = s.delete("/api/users/me/", STAFF).await;
    assert_eq!(r.status.as_u16(), 405);
    let r = s.call(Method::DELETE, "/api/users/me/", None, None).await;
    assert_eq!(r.status.as_u16(), 401, "401 before 405");
}

#[tokio::test]
async fn users_me_permissions_have_waldurs_shape() {
    let s = start().await;
    for token in [STAFF, SUPPORT, NOBODY] {
        let r = s.get("/api/users/me/", token).await;
        assert_eq!(r.body["permissions"], json!([]), "{token}");
    }
    let me = s.get("/api/users/me/", ADMIN).await.body;
    let perms = me["permissions"].as_array().unwrap();
    let all = s.backups("page_size=300").await;
    let project = |name: &str| {
        all.iter()
            .find(|b| b["project_name"] == name)
            .unwrap_or_else(|| panic!("no backup of {name}"))
            .clone()
    };
    let genomics = project("Genomics pipeline");
    let edge = project("Edge analytics");
    let by_role = |role: &str| {
        perms
            .iter()
            .find(|p| p["role_name"] == role)
            .unwrap_or_else(|| panic!("no {role}"))
            .clone()
    };
    let admin = by_role("PROJECT.ADMIN");
    assert_eq!(admin["scope_type"], "project");
    assert_eq!(admin["scope_uuid"], genomics["project_uuid"]);
    assert_eq!(admin["scope_name"], "Genomics pipeline");
    assert_eq!(admin["customer_uuid"], genomics["customer_uuid"]);
    assert_eq!(admin["customer_name"], genomics["customer_name"]);
    assert_eq!(admin["role_description"], "Project administrator");
    assert_eq!(admin["user_uuid"], me["uuid"]);
    assert!(admin["expiration_time"].is_null());
    let owner = by_role("CUSTOMER.OWNER");
    assert_eq!(owner["scope_type"], "customer");
    assert_eq!(owner["scope_uuid"], genomics["customer_uuid"]);
    assert!(
        owner.get("customer_uuid").is_none(),
        "an organisation role names no customer"
    );
    let member = by_role("PROJECT.MEMBER");
    assert_eq!(member["scope_uuid"], edge["project_uuid"]);
    assert_eq!(perms.len(), 3);
}

#[tokio::test]
async fn alices_roles_decide_what_she_sees_and_may_change() {
    let s = start().await;
    let seen = s.get("/api/openstack-backups/?page_size=300", ADMIN).await;
    let projects: std::collections::BTreeSet<&str> = seen
        .items()
        .iter()
        .map(|b| str_of(b, "project_name"))
        .collect();
    assert_eq!(
        projects.into_iter().collect::<Vec<_>>(),
        ["Climate models", "Edge analytics", "Genomics pipeline"]
    );
    let manageable = s
        .get(
            "/api/openstack-backups/?page_size=300&can_manage=true",
            ADMIN,
        )
        .await;
    assert!(manageable.count() > 0 && manageable.count() < seen.count());
    assert!(manageable
        .items()
        .iter()
        .all(|b| b["project_name"] != "Edge analytics"));
    // Genomics as project admin, Climate models as the organisation's owner.
    for (project, status) in [
        ("Genomics pipeline", 200),
        ("Climate models", 200),
        ("Edge analytics", 403),
    ] {
        let b = seen
            .items()
            .iter()
            .find(|b| b["project_name"] == project && b["state"] == "OK")
            .unwrap_or_else(|| panic!("an OK backup of {project}"));
        let r = s
            .patch(
                &path_of(str_of(b, "url")),
                ADMIN,
                json!({ "description": "by alice" }),
            )
            .await;
        assert_eq!(r.status, status, "{project}: {}", r.text);
    }
}

#[tokio::test]
async fn cors_on_preflight_success_and_errors() {
    let s = start().await;
    let r = s
        .client
        .request(
            Method::OPTIONS,
            format!("{}/api/openstack-backups/", s.base),
        )
        .header("Origin", "http://portal.example")
        .header("Access-Control-Request-Method", "PATCH")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "http://portal.example");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("Authorization"));
    assert_eq!(
        h["access-control-allow-methods"],
        "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
    );
    assert_eq!(h["access-control-expose-headers"], "Link, X-Result-Count");
    assert_eq!(h["vary"], "Origin");
    let r = s
        .client
        .get(format!("{}/api/openstack-backups/", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        r.headers()["access-control-expose-headers"],
        "Link, X-Result-Count"
    );
    let r = s
        .client
        .get(format!("{}/__devserver/clock", s.base))
        .header("Origin", "http://x.test")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "http://x.test");
}

#[tokio::test]
async fn update_validates_and_saves() {
    let s = start().await;
    let b = s.backup("state=OK&project_name=genomics").await;
    let url = path_of(str_of(&b, "url"));
    let r = s.put(&url, STAFF, json!({ "description": "x" })).await;
    assert_eq!(r.body, json!({ "name": ["This field is required."] }));
    let r = s.put(&url, STAFF, json!({ "name": "  " })).await;
    assert_eq!(r.body, json!({ "name": ["This field may not be blank."] }));
    let r = s.put(&url, STAFF, json!({ "name": "n".repeat(151), "description": "d".repeat(2001), "kept_until": "tomorrow" })).await;
    assert_eq!(
        r.body,
        json!({
            "name": ["Ensure this field has no more than 150 characters."],
            "description": ["Ensure this field has no more than 2000 characters."],
            "kept_until": ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]
        })
    );
    let r = s.call(Method::PUT, &url, Some(STAFF), None).await;
    assert_eq!(r.status, 400);
    let raw = s
        .client
        .put(format!("{}{url}", s.base))
        .header("Authorization", format!("Token {STAFF}"))
        .header("Content-Type", "application/json")
        .body("{oops")
        .send()
        .await
        .unwrap();
    let raw = s.finish(Method::PUT, &url, raw).await;
    assert_eq!(raw.status, 400);
    assert!(
        raw.detail().starts_with("JSON parse error - "),
        "{}",
        raw.text
    );

    let r = s
        .put(
            &url,
            ADMIN,
            json!({ "name": "Résumé ✓", "description": "", "kept_until": "2031-01-02T03:04" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["name"], "Résumé ✓");
    assert_eq!(r.body["kept_until"], "2031-01-02T03:04:00.000000Z");
    assert_ne!(r.body["modified"], b["modified"]);
    let r = s.patch(&url, STAFF, json!({ "kept_until": null })).await;
    assert_eq!(
        (r.status.as_u16(), &r.body["kept_until"], &r.body["name"]),
        (200, &json!(null), &json!("Résumé ✓"))
    );
    let r = s.patch(&url, STAFF, json!({ "name": "" })).await;
    assert_eq!(r.body, json!({ "name": ["This field may not be blank."] }));
    assert_eq!(s.get(&url, STAFF).await.body["name"], "Résumé ✓");
}

#[tokio::test]
async fn permissions_for_unsafe_methods() {
    let s = start().await;
    let mine = s.backup("state=OK&project_name=genomics").await;
    let other = s.backup("state=OK&customer_abbreviation=udl").await;
    let url = path_of(str_of(&mine, "url"));
    let r = s.patch(&url, SUPPORT, json!({ "name": "x" })).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (403, "You do not have permission to perform this action.")
    );
    let r = s.delete(&url, SUPPORT).await;
    assert_eq!(r.status, 403);
    let r = s.patch(&url, NOBODY, json!({ "name": "x" })).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (404, "No OpenStackBackup matches the given query.")
    );
    let r = s
        .patch(
            &path_of(str_of(&other, "url")),
            ADMIN,
            json!({ "name": "x" }),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = s.post(&format!("{url}unlink/"), ADMIN, json!({})).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (403, "You do not have permission to perform this action.")
    );
    let r = s.post(&format!("{url}unlink/"), SUPPORT, json!({})).await;
    assert_eq!(r.status, 403);
    let r = s
        .call(
            Method::POST,
            "/api/openstack-backups/",
            Some(STAFF),
            Some(json!({})),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (405, "Method \"POST\" not allowed.")
    );
    let r = s.get(&format!("{url}pull/"), STAFF).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (405, "Method \"GET\" not allowed.")
    );
}

#[tokio::test]
async fn state_rules_for_update_delete_and_pull() {
    let s = start().await;
    let creating = s.backup("state=CREATING").await;
    let url = path_of(str_of(&creating, "url"));
    let r = s.patch(&url, STAFF, json!({ "name": "x" })).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (409, "Valid states for operation: OK.")
    );
    let r = s.delete(&url, STAFF).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (409, "Valid states for operation: OK, ERRED.")
    );
    let r = s.post(&format!("{url}pull/"), STAFF, json!({})).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (409, "Valid states for operation: OK, ERRED.")
    );
    let r = s.post(&format!("{url}restore/"), STAFF, json!({})).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (409, "Valid states for operation: OK.")
    );

    let erred = s
        .backups("state=ERRED")
        .await
        .into_iter()
        .find(|b| b["backend_id"] != "")
        .unwrap();
    let eurl = path_of(str_of(&erred, "url"));
    let r = s.post(&format!("{eurl}pull/"), STAFF, json!({})).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (409, "Pull operation is not implemented.")
    );
    let no_id = s
        .backups("state=OK")
        .await
        .into_iter()
        .find(|b| b["backend_id"] == "")
        .unwrap();
    let r = s
        .post(
            &format!("{}pull/", path_of(str_of(&no_id, "url"))),
            STAFF,
            json!({}),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), &r.body),
        (400, &json!(["Resource does not have backend ID."]))
    );

    s.control(
        Method::POST,
        "settings",
        Some(json!({ "pull_accepted": true })),
    )
    .await;
    let r = s.post(&format!("{eurl}pull/"), STAFF, json!({})).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (202, "Pull operation was successfully scheduled.")
    );
    assert_eq!(s.get(&eurl, STAFF).await.body["state"], "UPDATE_SCHEDULED");
    s.advance(3.0).await;
    assert_eq!(s.get(&eurl, STAFF).await.body["state"], "UPDATING");
    s.advance(3.0).await;
    assert_eq!(s.get(&eurl, STAFF).await.body["state"], "OK");
}

#[tokio::test]
async fn delete_is_scheduled_and_finishes_on_the_clock() {
    let s = start().await;
    let b = s.backup("state=OK").await;
    let url = path_of(str_of(&b, "url"));
    let r = s.delete(&url, STAFF).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (202, "Deletion was scheduled.")
    );
    assert_eq!(s.get(&url, STAFF).await.body["state"], "DELETION_SCHEDULED");
    s.advance(3.0).await;
    assert_eq!(s.get(&url, STAFF).await.body["state"], "DELETING");
    s.advance(3.0).await;
    assert_eq!(s.get(&url, STAFF).await.status, 404);
}

#[tokio::test]
async fn unlink_removes_at_once_in_any_state() {
    let s = start().await;
    let b = s.backup("state=DELETING").await;
    let url = path_of(str_of(&b, "url"));
    let before = s.get("/api/openstack-backups/", STAFF).await.count();
    let r = s.post(&format!("{url}unlink/"), STAFF, json!({})).await;
    assert_eq!(r.status, 204);
    assert!(r.text.is_empty());
    assert_eq!(s.get(&url, STAFF).await.status, 404);
    assert_eq!(
        s.get("/api/openstack-backups/", STAFF).await.count(),
        before - 1
    );
}

#[tokio::test]
async fn seeded_transitional_backups_move_on_with_the_clock() {
    let s = start().await;
    let transitional = "state=CREATION_SCHEDULED&state=CREATING&state=UPDATE_SCHEDULED&state=UPDATING&state=DELETION_SCHEDULED&state=DELETING";
    let n = s.backups(transitional).await.len();
    assert!(n > 12);
    s.advance(3.0).await;
    let moved = s.backups(transitional).await;
    assert!(moved.len() <= n);
    assert!(moved.iter().filter(|b| b["state"] == "CREATING").count() > 0);
    s.advance(300.0).await;
    assert_eq!(s.backups(transitional).await.len(), 0);
    // The clock endpoint reports the moved time.
    let c = s.control(Method::GET, "clock", None).await;
    assert_eq!(c["mode"], "manual");
}

#[tokio::test]
async fn retention_sweep_deletes_expired_ok_backups_every_ten_minutes() {
    let s = start().await;
    let now = s.control(Method::GET, "clock", None).await["now"]
        .as_str()
        .unwrap()
        .to_string();
    let expired: Vec<_> = s
        .backups("state=OK")
        .await
        .into_iter()
        .filter(|b| b["kept_until"].as_str().is_some_and(|k| *k < *now.as_str()))
        .collect();
    assert!(!expired.is_empty());
    let url = path_of(str_of(&expired[0], "url"));
    s.advance(599.0).await;
    assert_eq!(s.get(&url, STAFF).await.body["state"], "OK");
    s.advance(1.0).await;
    assert_ne!(s.get(&url, STAFF).await.body["state"], "OK");
    s.advance(10.0).await;
    assert_eq!(s.get(&url, STAFF).await.status, 404);
    // A past date set by a user is honoured at the next sweep.
    let keep = s.backup("state=OK").await;
    let kurl = path_of(str_of(&keep, "url"));
    assert_eq!(
        s.patch(
            &kurl,
            STAFF,
            json!({ "kept_until": "2001-01-01T00:00:00Z" })
        )
        .await
        .status,
        200
    );
    s.advance(600.0).await;
    s.advance(10.0).await;
    assert_eq!(s.get(&kurl, STAFF).await.status, 404);
}

async fn instance(s: &Server, name: &str) -> serde_json::Value {
    s.first("openstack-instances", &format!("name={}", name))
        .await
}

#[tokio::test]
async fn backup_from_instance_creates_and_progresses() {
    let s = start().await;
    let inst = instance(&s, "web-01").await;
    let url = format!("{}backup/", path_of(str_of(&inst, "url")));
    let r = s.post(&url, STAFF, json!({})).await;
    assert_eq!(r.body, json!({ "name": ["This field is required."] }));
    let r = s.post(&url, SUPPORT, json!({ "name": "x" })).await;
    assert_eq!(r.status, 403);
    let r = s.post(&url, NOBODY, json!({ "name": "x" })).await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (404, "No OpenStackInstance matches the given query.")
    );
    let r = s.post(&url, ADMIN, json!({ "name": "before upgrade", "description": "d", "kept_until": "2030-01-01T00:00:00+02:00" })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["state"], "CREATION_SCHEDULED");
    assert_eq!(r.body["kept_until"], "2029-12-31T22:00:00.000000Z");
    assert_eq!(r.body["metadata"]["flavor_name"], inst["flavor_name"]);
    assert_eq!(r.body["metadata"]["image_name"], inst["image_name"]);
    assert_eq!(r.body["metadata"]["min_ram"], inst["min_ram"]);
    let burl = path_of(str_of(&r.body, "url"));
    s.advance(3.0).await;
    assert_eq!(s.get(&burl, STAFF).await.body["state"], "CREATING");
    s.advance(3.0).await;
    let done = s.get(&burl, STAFF).await;
    assert_eq!(done.body["state"], "OK");
    assert_ne!(done.body["backend_id"], "");

    let broken = instance(&s, "broken-vm").await;
    let r = s
        .post(
            &format!("{}backup/", path_of(str_of(&broken, "url"))),
            STAFF,
            json!({ "name": "x" }),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.detail()),
        (409, "Valid states for operation: OK.")
    );

    let full = s
        .first("openstack-instances", "name=bibliothèque-web")
        .await;
    let tenant = s.get(&path_of(str_of(&full, "tenant")), STAFF).await.body;
    let q = tenant["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == "snapshots")
        .unwrap()
        .clone();
    let r = s
        .post(
            &format!("{}backup/", path_of(str_of(&full, "url"))),
            STAFF,
            json!({ "name": "x" }),
        )
        .await;
    assert_eq!(r.status, 400);
    let msg = r.body[0].as_str().unwrap();
    let expected = format!(
        "One or more quotas were exceeded: snapshots quota limit: {}, requires {}",
        q["limit"],
        q["usage"].as_i64().unwrap() + 1
    );
    assert!(msg.starts_with(&expected), "{msg}");
}

#[tokio::test]
async fn staff_set_a_stuck_backup_erred_and_then_ok() {
    let s = start().await;
    let stuck = s.backup("state=CREATING").await;
    let url = path_of(str_of(&stuck, "url"));
    let r = s
        .post(
            &format!("{url}set_erred/"),
            STAFF,
            json!({ "error_message": "Stuck in CREATING for two days." }),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), &r.body),
        (
            200,
            &json!({ "detail": "Resource has been marked as ERRED." })
        )
    );
    let b = s.get(&url, STAFF).await.body;
    assert_eq!(b["state"], "ERRED");
    assert_eq!(b["error_message"], "Stuck in CREATING for two days.");
    assert_eq!(b["error_traceback"], "");
    // It no longer moves on with the clock.
    s.advance(600.0).await;
    assert_eq!(s.get(&url, STAFF).await.body["state"], "ERRED");
    let r = s.post(&format!("{url}set_ok/"), STAFF, json!({})).await;
    assert_eq!(
        (r.status.as_u16(), &r.body),
        (200, &json!({ "detail": "Resource has been marked as OK." }))
    );
    let b = s.get(&url, STAFF).await.body;
    assert_eq!(
        (&b["state"], &b["error_message"]),
        (&json!("OK"), &json!(""))
    );
    // Without a body set_erred clears the message.
    let r = s
        .call(Method::POST, &format!("{url}set_erred/"), Some(STAFF), None)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(s.get(&url, STAFF).await.body["error_message"], "");
}

#[tokio::test]
async fn set_ok_and_set_erred_are_staff_only_before_anything_else() {
    let s = start().await;
    let b = s.backup("state=ERRED").await;
    let url = path_of(str_of(&b, "url"));
    let missing = "/api/openstack-backups/0123456789abcdef0123456789abcdef/";
    for action in ["set_ok", "set_erred"] {
        for token in [ADMIN, SUPPORT, NOBODY] {
            for target in [url.as_str(), missing] {
                let r = s
                    .post(&format!("{target}{action}/"), token, json!({}))
                    .await;
                assert_eq!(
                    (r.status.as_u16(), r.detail()),
                    (403, "You do not have permission to perform this action."),
                    "{action} {token} {target}"
                );
            }
        }
        let r = s
            .call(Method::POST, &format!("{url}{action}/"), None, None)
            .await;
        assert_eq!(r.status, 401);
        let r = s
            .post(&format!("{missing}{action}/"), STAFF, json!({}))
            .await;
        assert_eq!(
            (r.status.as_u16(), r.detail()),
            (404, "No OpenStackBackup matches the given query.")
        );
        let r = s.get(&format!("{url}{action}/"), STAFF).await;
        assert_eq!(
            (r.status.as_u16(), r.detail()),
            (405, "Method \"GET\" not allowed.")
        );
    }
    for (body, expected) in [
        (
            json!({ "error_message": null }),
            json!({ "error_message": ["This field may not be null."] }),
        ),
        (
            json!({ "error_traceback": ["x"] }),
            json!({ "error_traceback": ["Not a valid string."] }),
        ),
        (
            json!([1]),
            json!({ "non_field_errors": ["Invalid data. Expected a dictionary, but got list."] }),
        ),
    ] {
        let r = s
            .post(&format!("{url}set_erred/"), STAFF, body.clone())
            .await;
        assert_eq!((r.status.as_u16(), &r.body), (400, &expected), "{body}");
    }
    assert_eq!(
        s.get(&url, STAFF).await.body["error_message"],
        b["error_message"]
    );
}

#[tokio::test]
async fn an_unauthenticated_wrong_method_is_401_and_an_authenticated_one_405() {
    let s = start().await;
    let b = s.backup("").await;
    let url = path_of(str_of(&b, "url"));
    let flavor = s.first("openstack-flavors", "").await;
    for (method, path) in [
        (Method::DELETE, "/api/openstack-backups/".to_string()),
        (Method::POST, url.clone()),
        (Method::GET, format!("{url}restore/")),
        (Method::PUT, "/api/users/me/".to_string()),
        (Method::POST, "/api/openstack-flavors/".to_string()),
        (Method::DELETE, path_of(str_of(&flavor, "url"))),
    ] {
        let r = s.call(method.clone(), &path, None, None).await;
        assert_eq!(
            (r.status.as_u16(), r.detail()),
            (401, "Authentication credentials were not provided."),
            "{method} {path}"
        );
        let r = s.call(method.clone(), &path, Some(NOBODY), None).await;
        assert_eq!(
            (r.status.as_u16(), r.detail().to_string()),
            (405, format!("Method \"{method}\" not allowed.")),
            "{method} {path}"
        );
    }
}
