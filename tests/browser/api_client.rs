//! The HTTP client against the dev server, in a real browser (cross-origin, CORS).

use std::time::Duration;

use crate::support::{add_fault, devserver_url, reset, ADMIN_TOKEN, STAFF_TOKEN};
use waldur_backups::api::{
    ApiError, Auth, BackupPatch, BackupQuery, Client, ResourceState, RestoreRequest, TokenGetter,
};
use wasm_bindgen_test::*;

fn client(token: &str) -> Client {
    Client::new(devserver_url(), Auth::Token(token.into()))
}

#[wasm_bindgen_test]
async fn lists_a_page_with_total_and_links() {
    reset().await;
    let q = BackupQuery {
        page_size: Some(5),
        ..Default::default()
    };
    let page = client(STAFF_TOKEN).list_backups(&q).await.unwrap();
    assert_eq!(page.items.len(), 5);
    let total = page.total.expect("X-Result-Count is exposed");
    assert!(total > 5);
    assert!(page.links.next.is_some());
    let count = client(STAFF_TOKEN).count_backups(&q).await.unwrap();
    assert_eq!(count, total);
}

#[wasm_bindgen_test]
async fn filters_by_state_and_gets_one_backup() {
    reset().await;
    let api = client(STAFF_TOKEN);
    let q = BackupQuery {
        state: vec![ResourceState::Ok],
        page_size: Some(3),
        ..Default::default()
    };
    let page = api.list_backups(&q).await.unwrap();
    assert!(page.items.iter().all(|b| b.state == ResourceState::Ok));
    let first = &page.items[0];
    let again = api.get_backup(&first.uuid).await.unwrap();
    assert_eq!(again.uuid, first.uuid);
}

#[wasm_bindgen_test]
async fn a_bad_token_is_unauthorized() {
    reset().await;
    let err = client("not-a-token")
        .list_backups(&BackupQuery::default())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized(_)), "{err:?}");
}

#[wasm_bindgen_test]
async fn a_token_getter_is_asked_before_the_request() {
    reset().await;
    let getter = TokenGetter::new(|| async { Some(format!("Token {ADMIN_TOKEN}")) });
    let api = Client::new(devserver_url(), Auth::Getter(getter));
    assert!(api.list_backups(&BackupQuery::default()).await.is_ok());
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "latency_ms": 3000, "count": 1}"#).await;
    let api = client(STAFF_TOKEN).with_timeout(Duration::from_millis(300));
    let err = api.list_backups(&BackupQuery::default()).await.unwrap_err();
    assert_eq!(err, ApiError::Timeout);
}

#[wasm_bindgen_test]
async fn a_newer_list_aborts_the_older_one() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "latency_ms": 500, "count": 1}"#).await;
    let api = client(STAFF_TOKEN);
    let older = BackupQuery {
        name: Some("a".into()),
        ..Default::default()
    };
    let newer = BackupQuery::default();
    let (a, b) = futures_join(
        api.list_backups_latest(&older),
        api.list_backups_latest(&newer),
    )
    .await;
    assert_eq!(a.unwrap_err(), ApiError::Aborted);
    assert!(b.is_ok());
}

#[wasm_bindgen_test]
async fn malformed_json_is_a_decode_error() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "malformed_json": true, "count": 1}"#).await;
    let err = client(STAFF_TOKEN)
        .list_backups(&BackupQuery::default())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Decode(_)), "{err:?}");
}

#[wasm_bindgen_test]
async fn related_lists_follow_every_page() {
    reset().await;
    let api = client(STAFF_TOKEN);
    let page = api
        .list_backups(&BackupQuery {
            page_size: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    let tenant = page.items[0].tenant_uuid.clone().expect("tenant_uuid");
    let flavors = api.list_flavors(&tenant, &[]).await.unwrap();
    assert!(!flavors.is_empty());
    let subnets = api
        .list_subnets(&tenant, &["url", "name", "cidr"])
        .await
        .unwrap();
    assert!(subnets.iter().all(|s| !s.url.is_empty()));
}

#[wasm_bindgen_test]
async fn patch_restore_and_delete_round_trip() {
    reset().await;
    let api = client(STAFF_TOKEN);
    let q = BackupQuery {
        state: vec![ResourceState::Ok],
        page_size: Some(1),
        ..Default::default()
    };
    let backup = api.list_backups(&q).await.unwrap().items.remove(0);

    let patch = BackupPatch {
        name: Some("renamed ✓".into()),
        kept_until: Some(None),
        ..Default::default()
    };
    let saved = api.patch_backup(&backup.uuid, &patch).await.unwrap();
    assert_eq!(saved.name, "renamed ✓");
    assert_eq!(saved.kept_until, None);

    let bad = RestoreRequest {
        flavor: "http://127.0.0.1:1/api/openstack-flavors/nope/".into(),
        ..Default::default()
    };
    let err = api.restore_backup(&backup.uuid, &bad).await.unwrap_err();
    assert!(matches!(err, ApiError::BadRequest { .. }), "{err:?}");

    api.delete_backup(&backup.uuid).await.unwrap();
    let err = api.delete_backup(&backup.uuid).await.unwrap_err();
    assert!(
        matches!(err, ApiError::Conflict(_) | ApiError::NotFound(_)),
        "{err:?}"
    );
}

/// Polls two futures to completion together (no extra crate needed).
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let mut a = pin!(a);
    let mut b = pin!(b);
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}

/// A backup's network and restorations stay the array the server sent until a part reads them
/// (their decoders are in the dialogs chunk): counted without decoding, decoded item by item
/// (one bad item is left out, not the whole backup), and equal across two reads of the same
/// answer, so a refresh that changed nothing redraws nothing.
#[wasm_bindgen_test]
fn a_backups_nested_lists_are_decoded_when_read_and_a_bad_item_is_left_out() {
    use waldur_backups::api::decode::decode_js;
    use waldur_backups::api::Backup;
    let json = r#"{"uuid": "b1", "name": "nightly",
        "restorations": [{"uuid": "r1", "name": "web-01-restored", "ports": [{"fixed_ips": [{"ip_address": "10.0.0.12"}]}]}],
        "instance_security_groups": [{"url": "u1", "name": "default", "rules": [{"from_port": 22}]}, {"name": 5}],
        "instance_ports": [{"mac_address": "fa:16:3e:00:00:01"}],
        "instance_floating_ips": null}"#;
    let read = |text: &str| -> Backup { decode_js(js_sys::JSON::parse(text).unwrap()).unwrap() };
    let b = read(json);
    assert_eq!(b.restorations.len(), 1);
    let restorations = b.restorations.items();
    assert_eq!(restorations[0].name.as_deref(), Some("web-01-restored"));
    assert_eq!(
        restorations[0].ports[0].fixed_ips[0].ip_address,
        "10.0.0.12"
    );
    assert_eq!(b.instance_security_groups.len(), 2, "what the server sent");
    let groups = b.instance_security_groups.items();
    assert_eq!(
        groups.len(),
        1,
        "the group whose name is a number is left out"
    );
    assert_eq!(groups[0].name, "default");
    assert_eq!(groups[0].rules[0].from_port, Some(22));
    assert_eq!(
        b.instance_ports.items()[0].mac_address.as_deref(),
        Some("fa:16:3e:00:00:01")
    );
    assert!(b.instance_floating_ips.is_empty());
    assert!(b.instance_floating_ips.items().is_empty());

    assert_eq!(read(json), b, "the same answer read again is equal");
    assert_ne!(
        read(&json.replace("fa:16:3e:00:00:01", "fa:16:3e:00:00:02")),
        b,
        "a changed port is a change"
    );
}
