//! The two release profiles: what the 2024 release sends and accepts differently from 8.1, each
//! deviation checked explicitly; every other field is validated by the (patched) schema in
//! `common`. Also switching profiles at run time.

mod common;
use common::*;
use devserver::{CorsMode, Profile};
use reqwest::Method;
use serde_json::{json, Value};

const LIST: &str = "/api/openstack-backups/";

#[tokio::test]
async fn every_2024_answer_matches_the_schema_with_its_measured_deviations() {
    let s = start_profile(Profile::V2024).await;
    let all = s.backups("").await;
    assert!(all.len() >= 150);
    for c in [
        "openstack-flavors",
        "openstack-subnets",
        "openstack-security-groups",
        "openstack-floating-ips",
        "openstack-instances",
        "openstack-tenants",
    ] {
        let r = s.get(&format!("/api/{c}/?page_size=300"), STAFF).await;
        assert_eq!(r.status, 200, "{c}");
        for item in r.items() {
            s.get(&path_of(str_of(item, "url")), STAFF).await;
        }
    }
    for b in all.iter().take(20) {
        s.get(&path_of(str_of(b, "url")), STAFF).await;
    }
}

#[tokio::test]
async fn the_2024_release_sends_display_labels_everywhere() {
    let s = start_profile(Profile::V2024).await;
    let all = s.backups("").await;
    for label in [
        "Creation Scheduled",
        "Creating",
        "Update Scheduled",
        "Updating",
        "Deletion Scheduled",
        "Deleting",
        "OK",
        "Erred",
    ] {
        assert!(all.iter().any(|b| b["state"] == label), "{label}");
    }
    assert!(all.iter().all(|b| !str_of(b, "state").contains('_')));
    let inst = s.first("openstack-instances", "name=broken-vm").await;
    assert_eq!(inst["state"], "Erred");
    let tenant = s.first("openstack-tenants", "").await;
    assert_eq!(tenant["state"], "OK");
}

#[tokio::test]
async fn each_release_accepts_only_its_own_state_spelling_in_filters() {
    for (profile, good, bad) in [
        (Profile::V8_1, "ERRED", "Erred"),
        (Profile::V2024, "Erred", "ERRED"),
    ] {
        let s = start_profile(profile).await;
        let r = s.get(&format!("{LIST}?state={bad}"), STAFF).await;
        assert_eq!(
            (r.status.as_u16(), &r.body),
            (
                400,
                &json!({ "state": [format!("Select a valid choice. {bad} is not one of the available choices.")] })
            ),
            "{profile:?}"
        );
        let erred = s.backups(&format!("state={good}")).await;
        assert!(!erred.is_empty() && erred.iter().all(|b| b["state"] == good));
        let ok = s.backups("state=OK").await;
        assert!(!ok.is_empty(), "OK is the same in both ({profile:?})");
        let two = s
            .backups(&format!(
                "state=OK&state={}",
                urlenc(&spell(profile, "CREATION_SCHEDULED"))
            ))
            .await;
        assert_eq!(
            two.len(),
            ok.len()
                + s.backups(&format!(
                    "state={}",
                    urlenc(&spell(profile, "CREATION_SCHEDULED"))
                ))
                .await
                .len()
        );
    }
}

fn urlenc(s: &str) -> String {
    s.replace(' ', "%20")
}

#[tokio::test]
async fn set_ok_and_set_erred_do_not_exist_in_2024_html_404_before_authentication() {
    let s = start_profile(Profile::V2024).await;
    let b = s.backup("").await;
    let url = path_of(str_of(&b, "url"));
    for action in ["set_ok", "set_erred"] {
        for (method, token) in [
            (Method::POST, Some(STAFF)),
            (Method::POST, None),
            (Method::GET, Some(STAFF)),
        ] {
            let r = s
                .call(
                    method.clone(),
                    &format!("{url}{action}/"),
                    token,
                    Some(json!({})),
                )
                .await;
            assert_eq!(r.status, 404, "{action} {method} {token:?}");
            assert_eq!(
                r.header("content-type"),
                Some("text/html; charset=utf-8"),
                "{action}"
            );
            assert!(r.text.contains("<title>Not Found</title>"), "{}", r.text);
            assert!(serde_json::from_str::<Value>(&r.text).is_err());
        }
    }
    assert_eq!(s.get(&url, STAFF).await.body["state"], b["state"]);
}

#[tokio::test]
async fn backup_schedule_is_a_url_or_null_and_its_uuid_is_left_out_when_null() {
    let s = start_profile(Profile::V2024).await;
    let all = s.backups("").await;
    let (with, without): (Vec<&Value>, Vec<&Value>) =
        all.iter().partition(|b| !b["backup_schedule"].is_null());
    assert!(!with.is_empty() && !without.is_empty());
    for b in &with {
        let url = str_of(b, "backup_schedule");
        assert!(url.contains("/api/openstack-backup-schedules/"), "{url}");
        assert!(url.ends_with(&format!("{}/", str_of(b, "backup_schedule_uuid"))));
    }
    for b in &without {
        assert!(b.as_object().unwrap().contains_key("backup_schedule"));
        assert!(b.get("backup_schedule_uuid").is_none(), "{b}");
    }
    // Asked for by name, it is still left out where there is no schedule.
    let some = s.backups("field=name&field=backup_schedule_uuid").await;
    assert!(some.iter().any(|b| b.as_object().unwrap().len() == 2));
    assert!(some.iter().any(|b| {
        let keys: Vec<&String> = b.as_object().unwrap().keys().collect();
        keys == ["name"]
    }));
    // Filters by schedule.
    let one = str_of(with[0], "backup_schedule_uuid");
    let by_uuid = s.backups(&format!("backup_schedule_uuid={one}")).await;
    assert!(!by_uuid.is_empty() && by_uuid.iter().all(|b| b["backup_schedule_uuid"] == one));
    let by_url = s
        .backups(&format!(
            "backup_schedule={}",
            str_of(with[0], "backup_schedule")
        ))
        .await;
    assert_eq!(by_url.len(), by_uuid.len());
    let r = s
        .get(&format!("{LIST}?backup_schedule_uuid=nope"), STAFF)
        .await;
    assert_eq!(
        r.body,
        json!({ "backup_schedule_uuid": ["Enter a valid UUID."] })
    );

    // 8.1 has no schedule fields, and `field=backup_schedule` is not one of its choices.
    s.switch(Profile::V8_1, CorsMode::Django).await;
    let all81 = s.backups("field=backup_schedule").await;
    assert!(all81
        .iter()
        .all(|b| b.get("backup_schedule").is_none() && b.get("uuid").is_some()));
    assert_eq!(
        s.backups(&format!("backup_schedule_uuid={one}"))
            .await
            .len(),
        all.len()
    );
}

#[tokio::test]
async fn the_2024_release_has_no_customer_uuid_and_no_offering_type() {
    let s = start_profile(Profile::V2024).await;
    let b = s.backup("").await;
    assert!(b.get("customer_uuid").is_none() && b.get("customer").is_some());
    assert!(b.get("marketplace_offering_type").is_none());
    for c in [
        "openstack-instances",
        "openstack-floating-ips",
        "openstack-subnets",
        "openstack-tenants",
    ] {
        let item = s.first(c, "").await;
        assert!(item.get("customer_uuid").is_none(), "{c}");
        assert!(item.get("marketplace_offering_type").is_none(), "{c}");
    }
    // The filter still works: it is the field that is gone.
    s.switch(Profile::V8_1, CorsMode::Django).await;
    let customer = str_of(&s.backup("").await, "customer_uuid").to_string();
    s.switch(Profile::V2024, CorsMode::Django).await;
    assert!(!s
        .backups(&format!("customer_uuid={customer}"))
        .await
        .is_empty());
}

#[tokio::test]
async fn restorations_are_four_fields_and_a_deleted_flavor_is_null() {
    let s = start_profile(Profile::V2024).await;
    let all = s.backups("").await;
    let items: Vec<&Value> = all
        .iter()
        .flat_map(|b| b["restorations"].as_array().unwrap())
        .collect();
    assert!(items.len() >= 2);
    for r in &items {
        let mut keys: Vec<&String> = r.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["created", "flavor", "instance", "uuid"]);
    }
    assert!(items.iter().any(|r| r["flavor"].is_null()));
    assert!(items.iter().any(|r| r["flavor"].is_string()));
    // 8.1 names the flavor of every restoration, with the fuller item.
    s.switch(Profile::V8_1, CorsMode::Django).await;
    let all = s.backups("").await;
    for r in all
        .iter()
        .flat_map(|b| b["restorations"].as_array().unwrap())
    {
        assert!(r["flavor"].is_string() && r.get("name").is_some());
    }
}

#[tokio::test]
async fn ports_lose_url_and_security_groups_and_nulls_appear_where_measured() {
    let s = start_profile(Profile::V2024).await;
    let all = s.backups("").await;
    let ports: Vec<&Value> = all
        .iter()
        .flat_map(|b| b["instance_ports"].as_array().unwrap())
        .collect();
    assert!(!ports.is_empty());
    for p in &ports {
        assert!(
            p.get("url").is_none() && p.get("security_groups").is_none(),
            "{p}"
        );
        assert!(p.get("subnet").is_some() && p.get("fixed_ips").is_some());
    }
    assert!(all.iter().any(|b| b["instance_marketplace_uuid"].is_null()));
    assert!(all
        .iter()
        .any(|b| b["instance_marketplace_uuid"].is_string()));
    let insts = s
        .get("/api/openstack-instances/?page_size=300", STAFF)
        .await;
    for i in insts.items() {
        assert!(
            i.as_object().unwrap().contains_key("server_group"),
            "{}",
            i["name"]
        );
        assert!(i["offering_external_ips"].is_array());
        for p in i["ports"].as_array().unwrap() {
            assert!(p.get("url").is_none() && p.get("security_groups").is_none());
        }
    }
    assert!(insts.items().iter().any(|i| i["server_group"].is_null()));
    let fips = s
        .get("/api/openstack-floating-ips/?page_size=300", STAFF)
        .await;
    assert!(fips
        .items()
        .iter()
        .any(|f| f.as_object().unwrap().contains_key("port") && f["port"].is_null()));

    // 8.1 leaves those out instead of sending null, and has port URLs.
    s.switch(Profile::V8_1, CorsMode::Django).await;
    let insts = s
        .get("/api/openstack-instances/?page_size=300", STAFF)
        .await;
    assert!(insts
        .items()
        .iter()
        .all(|i| i.get("server_group").is_none_or(|g| !g.is_null())));
    assert!(insts
        .items()
        .iter()
        .any(|i| i.get("server_group").is_none()));
    let b = s.backup("").await;
    assert!(b["instance_ports"][0]["url"].is_string());
}

#[tokio::test]
async fn can_manage_is_not_a_filter_of_the_2024_release() {
    let s = start_profile(Profile::V2024).await;
    let all = s.get(&format!("{LIST}?page_size=300"), ADMIN).await.count();
    let managed = s
        .get(&format!("{LIST}?page_size=300&can_manage=true"), ADMIN)
        .await
        .count();
    assert_eq!(managed, all);
    s.switch(Profile::V8_1, CorsMode::Django).await;
    let managed = s
        .get(&format!("{LIST}?page_size=300&can_manage=true"), ADMIN)
        .await
        .count();
    assert!(managed < all);
}

#[tokio::test]
async fn a_restore_on_2024_answers_an_instance_in_creation_scheduled() {
    let s = start_profile(Profile::V2024).await;
    let inst = s.first("openstack-instances", "name=web-01").await;
    let b = s
        .backup(&format!("state=OK&instance_uuid={}", str_of(&inst, "uuid")))
        .await;
    let flavor = s
        .first(
            "openstack-flavors",
            &format!("tenant_uuid={}&name=m1.small", str_of(&b, "tenant_uuid")),
        )
        .await;
    let r = s
        .post(
            &format!("{}restore/", path_of(str_of(&b, "url"))),
            STAFF,
            json!({ "flavor": flavor["url"] }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["state"], "Creation Scheduled");
    assert_eq!(r.body["name"], "web-01", "the source's name, a duplicate");
    let after = s.get(&path_of(str_of(&b, "url")), STAFF).await.body;
    let last = after["restorations"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["flavor"], flavor["url"]);
    assert_eq!(last["instance"], r.body["url"]);
}

#[tokio::test]
async fn one_server_switches_profile_at_run_time_and_a_reset_restores_the_default() {
    let s = start().await;
    assert!(!s.backups("state=ERRED").await.is_empty());
    s.switch(Profile::V2024, CorsMode::Django).await;
    assert_eq!(
        s.get(&format!("{LIST}?state=ERRED"), STAFF).await.status,
        400
    );
    let settings = s.control(Method::GET, "settings", None).await;
    assert_eq!(settings["profile"], "2024");
    s.reset().await;
    assert_eq!(*s.profile.lock().unwrap(), Profile::V8_1);
    assert_eq!(
        s.get(&format!("{LIST}?state=ERRED"), STAFF).await.status,
        200
    );
    // A reset can choose the profile too.
    let r = s
        .control(Method::POST, "reset", Some(json!({ "profile": "2024" })))
        .await;
    assert_eq!(r["settings"]["profile"], "2024");
    *s.profile.lock().unwrap() = Profile::V2024;
    assert_eq!(
        s.backup("").await["state"]
            .as_str()
            .map(|st| st.contains('_')),
        Some(false)
    );
    // An unknown profile is refused and changes nothing.
    let r = s
        .client
        .post(format!("{}/__devserver/settings", s.base))
        .json(&json!({ "profile": "7.0" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        s.control(Method::GET, "settings", None).await["profile"],
        "2024"
    );
}

#[tokio::test]
async fn the_command_line_profile_is_the_one_a_reset_returns_to() {
    let s = start_profile(Profile::V2024).await;
    s.switch(Profile::V8_1, CorsMode::NginxStock).await;
    s.reset().await;
    let settings = s.control(Method::GET, "settings", None).await;
    assert_eq!(
        settings,
        json!({ "profile": "2024", "cors": "django", "pull_accepted": false })
    );
}
