//! The client against the releases people run: a 2024 Waldur's state spelling, error replies
//! without CORS headers (Waldur's stock nginx), the staff state actions 8.1 has and 2024 lacks,
//! and `users/me` asked once per page. The dev server switches profile and CORS mode at run time.
//!
//! What a client learns about a server is remembered per API address for the whole page, and
//! every browser test shares one page: each test here uses an address of its own
//! ([`fresh_address`], another spelling of 127.0.0.1).

use crate::support::{
    add_fault, clear_faults, clear_requests, fresh_address, get_str, requests_to,
    set_server_profile, ADMIN_TOKEN, STAFF_TOKEN, SUPPORT_TOKEN,
};
use waldur_backups::api::{
    reclassify, ApiError, Auth, BackupQuery, Client, OptionalAction, Recheck, ResourceState,
};
use wasm_bindgen_test::*;

fn client_at(base: &str, token: &str) -> Client {
    Client::new(base, Auth::Token(token.into()))
}

fn erred() -> BackupQuery {
    BackupQuery {
        state: vec![ResourceState::Erred],
        page_size: Some(5),
        ..BackupQuery::default()
    }
}

/// The `state` values of the backup lists the dev server received, in order.
async fn states_sent() -> Vec<String> {
    requests_to("GET", "/api/openstack-backups/")
        .await
        .iter()
        .filter_map(|r| get_str(r, "query"))
        .filter(|q| q.contains("state="))
        .map(|q| {
            q.split('&')
                .filter_map(|p| p.strip_prefix("state="))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_2024_server_gets_labels_after_its_one_400_and_every_client_of_it_remembers() {
    set_server_profile("2024", "django").await;
    let base = fresh_address();
    let page = client_at(&base, ADMIN_TOKEN)
        .list_backups(&erred())
        .await
        .expect("the list succeeds after one retry");
    assert!(!page.items.is_empty());
    assert!(page.items.iter().all(|b| b.state == ResourceState::Erred));
    assert_eq!(states_sent().await, ["ERRED", "Erred"]);

    // Another client (another widget) of the same address sends labels at once.
    clear_requests().await;
    let other = client_at(&format!("{base}/api/"), STAFF_TOKEN);
    other.list_backups(&erred()).await.unwrap();
    assert_eq!(states_sent().await, ["Erred"]);

    // The same server under another address is a server the page knows nothing about.
    clear_requests().await;
    client_at(&fresh_address(), ADMIN_TOKEN)
        .list_backups(&erred())
        .await
        .unwrap();
    assert_eq!(states_sent().await, ["ERRED", "Erred"]);
}

#[wasm_bindgen_test]
async fn labels_seen_in_a_list_are_sent_without_a_400() {
    set_server_profile("2024", "django").await;
    let api = client_at(&fresh_address(), ADMIN_TOKEN);
    api.list_backups(&BackupQuery {
        page_size: Some(50),
        ..BackupQuery::default()
    })
    .await
    .unwrap();
    clear_requests().await;
    let q = BackupQuery {
        state: vec![ResourceState::CreationScheduled, ResourceState::Ok],
        ..BackupQuery::default()
    };
    let page = api.list_backups(&q).await.unwrap();
    assert!(page.items.iter().all(|b| matches!(
        b.state,
        ResourceState::CreationScheduled | ResourceState::Ok
    )));
    assert_eq!(states_sent().await, ["Creation%20Scheduled,OK"]);
}

#[wasm_bindgen_test]
async fn an_8_1_server_keeps_the_enum_and_a_second_refusal_is_not_retried() {
    set_server_profile("8.1", "django").await;
    let base = fresh_address();
    client_at(&base, ADMIN_TOKEN)
        .list_backups(&erred())
        .await
        .unwrap();
    assert_eq!(states_sent().await, ["ERRED"]);

    // A server refusing both spellings: asked twice, never a third time, and the error stays.
    clear_requests().await;
    let q = BackupQuery {
        state: vec![ResourceState::Other("Paused".into()), ResourceState::Erred],
        ..BackupQuery::default()
    };
    let err = client_at(&base, ADMIN_TOKEN)
        .list_backups(&q)
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::BadRequest { .. }), "{err:?}");
    assert_eq!(states_sent().await.len(), 2);
}

#[wasm_bindgen_test]
async fn behind_stock_nginx_a_hidden_400_on_state_is_tried_once_in_the_other_spelling() {
    set_server_profile("2024", "nginx-stock").await;
    let base = fresh_address();
    let page = client_at(&base, ADMIN_TOKEN)
        .list_backups(&erred())
        .await
        .expect("the second spelling is read");
    assert!(page.items.iter().all(|b| b.state == ResourceState::Erred));
    assert_eq!(states_sent().await, ["ERRED", "Erred"]);
    // Learned: the next list goes straight to labels.
    clear_requests().await;
    client_at(&base, ADMIN_TOKEN)
        .list_backups(&erred())
        .await
        .unwrap();
    assert_eq!(states_sent().await, ["Erred"]);
}

#[wasm_bindgen_test]
async fn behind_stock_nginx_a_refused_list_reads_as_refused_not_unreachable() {
    set_server_profile("8.1", "nginx-stock").await;
    let api = client_at(&fresh_address(), ADMIN_TOKEN);
    // Past the last page: Waldur's 404 "Invalid page.", without CORS headers.
    let err = api
        .list_backups(&BackupQuery {
            page: Some(999),
            ..BackupQuery::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err, ApiError::Unreadable);
    assert!(
        err.message().english().contains("CORS headers"),
        "{}",
        err.message().english()
    );
    assert!(!err.message().english().contains("Could not reach"));
    assert_eq!(api.recheck().await, Recheck::HidesErrors);
}

#[wasm_bindgen_test]
async fn where_error_replies_are_readable_a_broken_connection_stays_a_network_error() {
    set_server_profile("8.1", "django").await;
    let api = client_at(&fresh_address(), ADMIN_TOKEN);
    let b = api
        .list_backups(&BackupQuery::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "POST", "drop_connection": true, "count": 3}"#).await;
    let err = api.pull_backup(&b.uuid).await.unwrap_err();
    clear_faults().await;
    assert!(matches!(err, ApiError::Network(_)), "{err:?}");
    // The server answers, and shows its errors: the failure was the connection's.
    assert_eq!(api.recheck().await, Recheck::ShowsErrors);
    assert_eq!(reclassify(err.clone(), Recheck::ShowsErrors), err);
}

#[wasm_bindgen_test]
async fn an_unreachable_server_stays_a_network_error() {
    let api = client_at("http://127.0.0.1:9", ADMIN_TOKEN);
    let err = api.list_backups(&erred()).await.unwrap_err();
    assert!(matches!(err, ApiError::Network(_)), "{err:?}");
    assert!(err.message().english().contains("Could not reach"));
    assert_eq!(api.recheck().await, Recheck::Unreachable);
}

#[wasm_bindgen_test]
async fn behind_stock_nginx_a_refused_pull_is_a_network_error_and_the_backup_reads_back() {
    set_server_profile("8.1", "nginx-stock").await;
    let api = client_at(&fresh_address(), ADMIN_TOKEN);
    let b = api
        .list_backups(&BackupQuery::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    // 409 "Pull operation is not implemented." without CORS headers.
    let err = api.pull_backup(&b.uuid).await.unwrap_err();
    assert!(matches!(err, ApiError::Network(_)), "{err:?}");
    let now = api
        .find_backup(&b.uuid)
        .await
        .unwrap()
        .expect("still there");
    assert_eq!(now.uuid, b.uuid);
    assert_eq!(now.state, b.state);
    // A backup that is gone reads back as None, not as an error the browser cannot read.
    assert_eq!(
        api.find_backup("00000000000000000000000000000000")
            .await
            .unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn behind_stock_nginx_a_backup_that_is_gone_reads_as_gone_and_one_that_is_there_as_itself() {
    set_server_profile("8.1", "nginx-stock").await;
    let api = client_at(&fresh_address(), ADMIN_TOKEN);
    let err = api
        .get_backup("00000000000000000000000000000000")
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::NotFound(_)), "{err:?}");
    // A tenant that is not there: a hidden 404 of another object is told as refused.
    let err = api
        .get_tenant("00000000000000000000000000000000")
        .await
        .unwrap_err();
    assert_eq!(err, ApiError::Unreadable);
    let b = api
        .list_backups(&BackupQuery::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    assert_eq!(api.get_backup(&b.uuid).await.unwrap().uuid, b.uuid);
}

/// The JSON body the dev server logged for a request.
fn body_text(request: &wasm_bindgen::JsValue) -> String {
    let body = js_sys::Reflect::get(request, &"body".into()).unwrap();
    js_sys::JSON::stringify(&body).unwrap().into()
}

/// A backup of the demo data stuck in "Creating".
async fn stuck(api: &Client) -> String {
    let q = BackupQuery {
        state: vec![ResourceState::Creating],
        page_size: Some(1),
        ..BackupQuery::default()
    };
    api.list_backups(&q).await.unwrap().items[0].uuid.clone()
}

#[wasm_bindgen_test]
async fn staff_set_a_stuck_backup_ok_or_erred_on_8_1() {
    set_server_profile("8.1", "django").await;
    let base = fresh_address();
    let api = client_at(&base, STAFF_TOKEN);
    let uuid = stuck(&api).await;
    assert_eq!(
        api.set_backup_ok(&uuid).await.unwrap(),
        "Resource has been marked as OK."
    );
    assert_eq!(
        api.get_backup(&uuid).await.unwrap().state,
        ResourceState::Ok
    );
    api.set_backup_erred(&uuid, Some("  Snapshot lost in OpenStack  "))
        .await
        .unwrap();
    let b = api.get_backup(&uuid).await.unwrap();
    assert_eq!(b.state, ResourceState::Erred);
    assert_eq!(
        b.error_message.as_deref(),
        Some("Snapshot lost in OpenStack")
    );
    let sent = requests_to("POST", &format!("/api/openstack-backups/{uuid}/set_erred/")).await;
    assert_eq!(
        body_text(&sent[0]),
        r#"{"error_message":"Snapshot lost in OpenStack"}"#
    );
    // Without a message, an empty object.
    api.set_backup_erred(&uuid, Some("   ")).await.unwrap();
    let sent = requests_to("POST", &format!("/api/openstack-backups/{uuid}/set_erred/")).await;
    assert_eq!(body_text(&sent[1]), "{}");
    assert!(api.offers(OptionalAction::SetOk));
    // Not staff: refused, and readable.
    let err = client_at(&base, SUPPORT_TOKEN)
        .set_backup_ok(&uuid)
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Forbidden(_)), "{err:?}");
}

#[wasm_bindgen_test]
async fn on_2024_set_ok_is_not_supported_and_no_client_of_that_server_offers_it_again() {
    set_server_profile("2024", "django").await;
    let base = fresh_address();
    let api = client_at(&base, STAFF_TOKEN);
    let uuid = stuck(&api).await;
    let err = api.set_backup_ok(&uuid).await.unwrap_err();
    assert_eq!(err, ApiError::NotSupported);
    assert_eq!(
        err.message().english(),
        "This Waldur version does not support this action."
    );
    assert!(!api.offers(OptionalAction::SetOk));
    assert!(!client_at(&base, ADMIN_TOKEN).offers(OptionalAction::SetOk));
    assert!(api.offers(OptionalAction::SetErred), "not asked yet");
    assert!(client_at(&fresh_address(), STAFF_TOKEN).offers(OptionalAction::SetOk));
}

#[wasm_bindgen_test]
async fn on_2024_behind_stock_nginx_set_erred_is_still_told_plainly() {
    set_server_profile("2024", "nginx-stock").await;
    let api = client_at(&fresh_address(), STAFF_TOKEN);
    // The list (200, readable) shows labels: a release before 2025.
    let uuid = stuck(&api).await;
    let err = api.set_backup_erred(&uuid, None).await.unwrap_err();
    assert_eq!(err, ApiError::NotSupported);
    assert!(!api.offers(OptionalAction::SetErred));
}

#[wasm_bindgen_test]
async fn users_me_is_asked_once_per_server_and_credentials() {
    set_server_profile("8.1", "django").await;
    let base = fresh_address();
    let a = client_at(&base, ADMIN_TOKEN);
    let b = client_at(&base, ADMIN_TOKEN);
    let (me_a, me_b) = futures::join!(a.current_user_shared(), b.current_user_shared());
    let me = me_a.expect("alice");
    assert_eq!(me_b.as_ref(), Some(&me));
    assert_eq!(me.username, "alice");
    assert!(!me.staff());
    let roles: Vec<&str> = me
        .permissions
        .iter()
        .map(|p| p.role_name.as_str())
        .collect();
    assert_eq!(roles, ["PROJECT.ADMIN", "CUSTOMER.OWNER", "PROJECT.MEMBER"]);
    assert_eq!(a.current_user_shared().await.as_ref(), Some(&me));
    assert_eq!(requests_to("GET", "/api/users/me/").await.len(), 1);

    // Other credentials are another user.
    let support = client_at(&base, SUPPORT_TOKEN)
        .current_user_shared()
        .await
        .unwrap();
    assert_eq!(support.is_support, Some(true));
    assert!(support.permissions.is_empty());
    assert_eq!(requests_to("GET", "/api/users/me/").await.len(), 2);
}
