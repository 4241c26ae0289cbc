//! Listing backups: pagination headers, HEAD, ordering, filters, `field`, visibility.

mod common;
use common::*;
use reqwest::Method;
use serde_json::Value;

#[tokio::test]
async fn every_backup_and_related_object_matches_its_schema() {
    let s = start().await;
    let all = s.backups("").await;
    assert!(all.len() >= 150);
    for c in [
        "openstack-flavors",
        "openstack-subnets",
        "openstack-security-groups",
        "openstack-floating-ips",
        "openstack-instances",
    ] {
        let r = s.get(&format!("/api/{c}/?page_size=300"), STAFF).await;
        assert_eq!(r.status, 200);
        assert!(!r.items().is_empty(), "{c}");
        let one = path_of(str_of(&r.items()[0], "url"));
        assert_eq!(s.get(&one, STAFF).await.status, 200);
    }
    let tenant = path_of(&format!(
        "{}/api/openstack-tenants/{}/",
        s.base,
        str_of(&all[0], "tenant_uuid")
    ));
    assert_eq!(s.get(&tenant, STAFF).await.status, 200);
}

#[tokio::test]
async fn seed_data_covers_every_state_and_kind_of_retention() {
    let s = start().await;
    let all = s.backups("").await;
    for st in [
        "CREATION_SCHEDULED",
        "CREATING",
        "UPDATE_SCHEDULED",
        "UPDATING",
        "DELETION_SCHEDULED",
        "DELETING",
        "OK",
        "ERRED",
    ] {
        assert!(all.iter().filter(|b| b["state"] == st).count() >= 2, "{st}");
    }
    assert!(all.iter().any(|b| b["kept_until"].is_null()));
    assert!(all
        .iter()
        .any(|b| !b["restorations"].as_array().unwrap().is_empty()));
    assert!(all
        .iter()
        .any(|b| b["name"].as_str().unwrap().contains("数据库")));
    assert!(all
        .iter()
        .any(|b| !b["marketplace_offering_uuid"].is_null()));
    assert!(all
        .iter()
        .filter(|b| b["state"] == "ERRED")
        .all(|b| !b["error_message"].as_str().unwrap().is_empty()));
    // Same seed, same data.
    let again = start().await.backups("").await;
    let names = |v: &Vec<Value>| v.iter().map(|b| b["uuid"].clone()).collect::<Vec<_>>();
    assert_eq!(names(&all), names(&again));
}

#[tokio::test]
async fn pagination_headers_and_links() {
    let s = start().await;
    let r = s
        .get("/api/openstack-backups/?name=web&page=2&page_size=5", STAFF)
        .await;
    assert_eq!(r.status, 200);
    let total = r.count();
    assert!(total > 15, "{total}");
    assert_eq!(r.items().len(), 5);
    let link = r.header("link").unwrap();
    let host = &s.base;
    assert!(
        link.contains(&format!(
            "<{host}/api/openstack-backups/?name=web&page_size=5>; rel=\"first\""
        )),
        "{link}"
    );
    assert!(
        link.contains(&format!(
            "<{host}/api/openstack-backups/?name=web&page_size=5>; rel=\"prev\""
        )),
        "{link}"
    );
    assert!(
        link.contains(&format!(
            "<{host}/api/openstack-backups/?name=web&page=3&page_size=5>; rel=\"next\""
        )),
        "{link}"
    );
    let last = total.div_ceil(5);
    assert!(
        link.contains(&format!("page={last}&page_size=5>; rel=\"last\"")),
        "{link}"
    );

    let first = s.get("/api/openstack-backups/?page_size=5", STAFF).await;
    let l = first.header("link").unwrap();
    assert!(
        !l.contains("rel=\"prev\"") && l.contains("rel=\"next\""),
        "{l}"
    );
    let end = s
        .get(
            &format!("/api/openstack-backups/?name=web&page_size=5&page={last}"),
            STAFF,
        )
        .await;
    assert!(!end.header("link").unwrap().contains("rel=\"next\""));
    assert_eq!(end.items().len(), total - (last - 1) * 5);

    // Default 10, clamped at 300.
    assert_eq!(
        s.get("/api/openstack-backups/", STAFF).await.items().len(),
        10
    );
    assert_eq!(
        s.get("/api/openstack-backups/?page_size=1000", STAFF)
            .await
            .items()
            .len(),
        160
    );
    let big = start_with(devserver::Config {
        backups: Some(400),
        ..devserver::Config::for_tests()
    })
    .await;
    assert_eq!(
        big.get("/api/openstack-backups/?page_size=1000", STAFF)
            .await
            .items()
            .len(),
        300
    );

    for bad in ["page=999", "page=0", "page=abc"] {
        let r = s
            .get(&format!("/api/openstack-backups/?{bad}"), STAFF)
            .await;
        assert_eq!(r.status, 404, "{bad}");
        assert_eq!(r.detail(), "Invalid page.");
    }
    let empty = s
        .get("/api/openstack-backups/?name=nothing-matches-this", STAFF)
        .await;
    assert_eq!(empty.status, 200);
    assert_eq!(empty.text, "[]");
    assert_eq!(empty.count(), 0);
}

#[tokio::test]
async fn head_answers_the_count_and_links_without_a_body() {
    for profile in PROFILES {
        let s = start_profile(profile).await;
        let q = format!("state={}&page_size=5&page=2", spell(profile, "OK"));
        let path = format!("/api/openstack-backups/?{q}");
        let r = s.call(Method::HEAD, &path, Some(STAFF), None).await;
        assert_eq!(r.status, 200, "{profile:?}");
        assert!(r.text.is_empty());
        let get = s.get(&path, STAFF).await;
        assert_eq!(r.header("link"), get.header("link"), "{profile:?}");
        assert!(r.header("link").unwrap().contains("rel=\"next\""));
        assert_eq!(r.count(), get.count());
        let r = s
            .call(
                Method::HEAD,
                "/api/openstack-backups/?page=999",
                Some(STAFF),
                None,
            )
            .await;
        assert_eq!(r.status, 404, "past the end, as GET");
        let r = s
            .call(Method::HEAD, "/api/openstack-flavors/", Some(STAFF), None)
            .await;
        assert!(r.header("link").is_some() && r.count() > 0);
    }
}

/// Waldur stores states as numbers: `o=state` sorts update scheduled, updating, OK, erred,
/// creation scheduled, creating, deletion scheduled, deleting.
fn state_rank(state: &str) -> String {
    [
        "UPDATE_SCHEDULED",
        "UPDATING",
        "OK",
        "ERRED",
        "CREATION_SCHEDULED",
        "CREATING",
        "DELETION_SCHEDULED",
        "DELETING",
    ]
    .iter()
    .position(|s| *s == state)
    .unwrap_or_else(|| panic!("state {state}"))
    .to_string()
}

async fn column(s: &Server, o: &str, key: &str) -> Vec<String> {
    s.backups(&format!("o={o}"))
        .await
        .iter()
        .map(|b| {
            let v = b[key].as_str().unwrap();
            if key == "state" {
                state_rank(v)
            } else {
                v.to_lowercase()
            }
        })
        .collect()
}

#[tokio::test]
async fn ordering_on_all_fields_both_directions() {
    let s = start().await;
    for (o, key) in [
        ("name", "name"),
        ("state", "state"),
        ("customer_name", "customer_name"),
        ("customer_native_name", "customer_native_name"),
        ("customer_abbreviation", "customer_abbreviation"),
        ("project_name", "project_name"),
        ("service_name", "service_name"),
        ("created", "created"),
    ] {
        let asc = column(&s, o, key).await;
        let mut sorted = asc.clone();
        sorted.sort();
        assert_eq!(asc, sorted, "o={o}");
        let desc = column(&s, &format!("-{o}"), key).await;
        let mut rev = sorted.clone();
        rev.reverse();
        assert_eq!(desc, rev, "o=-{o}");
    }
    // Default order is by name; an unknown ordering is rejected.
    let default: Vec<String> = s
        .backups("")
        .await
        .iter()
        .map(|b| b["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert_eq!(default, column(&s, "name", "name").await);
    for bad in ["size", "-size", "name,size"] {
        let r = s
            .get(&format!("/api/openstack-backups/?o={bad}"), STAFF)
            .await;
        assert_eq!(r.status, 400);
        assert_eq!(
            r.body,
            serde_json::json!({ "o": [format!(
                "Select a valid choice. {} is not one of the available choices.",
                bad.trim_start_matches("name,")
            )] })
        );
    }
}

#[tokio::test]
async fn ordering_by_several_fields_sorts_by_each_in_turn() {
    let s = start().await;
    let rows = s.backups("o=project_name,-created").await;
    let keys: Vec<(String, String)> = rows
        .iter()
        .map(|b| {
            (
                str_of(b, "project_name").to_lowercase(),
                str_of(b, "created").to_string(),
            )
        })
        .collect();
    for w in keys.windows(2) {
        assert!(
            w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 >= w[1].1),
            "{w:?}"
        );
    }
    assert_eq!(rows.len(), s.backups("").await.len());
}

#[tokio::test]
async fn the_2024_profile_sorts_names_in_byte_order() {
    // The measured 2024 server's database uses the C collation: upper case first.
    let s = start_profile(devserver::Profile::V2024).await;
    let names: Vec<String> = s
        .backups("")
        .await
        .iter()
        .map(|b| str_of(b, "name").to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let upper = names.iter().position(|n| n.starts_with(char::is_uppercase));
    let lower = names.iter().position(|n| n.starts_with(char::is_lowercase));
    assert!(upper.unwrap() < lower.unwrap(), "upper case sorts first");
}

#[tokio::test]
async fn text_and_uuid_filters() {
    let s = start().await;
    let all = s.backups("").await;
    let b = all
        .iter()
        .find(|b| b["state"] == "OK" && !b["description"].as_str().unwrap().is_empty())
        .unwrap()
        .clone();
    let check = |q: String, pred: Box<dyn Fn(&Value) -> bool>| {
        let expected = all.iter().filter(|x| pred(x)).count();
        (q, expected)
    };
    let lc = |v: &Value, k: &str| v[k].as_str().unwrap().to_lowercase();
    let cases = vec![
        check(
            "name=WEB".into(),
            Box::new(move |x| lc(x, "name").contains("web")),
        ),
        check(
            format!("name_exact={}", urlenc(str_of(&b, "name"))),
            Box::new({
                let n = b["name"].clone();
                move |x| x["name"] == n
            }),
        ),
        check(
            "description=KERNEL".into(),
            Box::new(move |x| lc(x, "description").contains("kernel")),
        ),
        check(
            "customer_name=alpha".into(),
            Box::new(move |x| lc(x, "customer_name").contains("alpha")),
        ),
        check(
            "customer_native_name=forschung".into(),
            Box::new(move |x| lc(x, "customer_native_name").contains("forschung")),
        ),
        check(
            "customer_abbreviation=udl".into(),
            Box::new(move |x| lc(x, "customer_abbreviation").contains("udl")),
        ),
        check(
            "project_name=climate".into(),
            Box::new(move |x| lc(x, "project_name").contains("climate")),
        ),
        check(
            "service_settings_name=edge".into(),
            Box::new(move |x| lc(x, "service_name").contains("edge")),
        ),
        check(
            format!("customer={}", str_of(&b, "customer_uuid")),
            Box::new({
                let c = b["customer_uuid"].clone();
                move |x| x["customer_uuid"] == c
            }),
        ),
        check(
            format!("customer_uuid={}", str_of(&b, "customer_uuid")),
            Box::new({
                let c = b["customer_uuid"].clone();
                move |x| x["customer_uuid"] == c
            }),
        ),
        check(
            format!("project={}", str_of(&b, "project_uuid")),
            Box::new({
                let c = b["project_uuid"].clone();
                move |x| x["project_uuid"] == c
            }),
        ),
        check(
            format!("project_uuid={}", str_of(&b, "project_uuid")),
            Box::new({
                let c = b["project_uuid"].clone();
                move |x| x["project_uuid"] == c
            }),
        ),
        check(
            format!("tenant_uuid={}", str_of(&b, "tenant_uuid")),
            Box::new({
                let c = b["tenant_uuid"].clone();
                move |x| x["tenant_uuid"] == c
            }),
        ),
        check(
            format!(
                "tenant={}",
                urlenc(&format!(
                    "http://example.org/api/openstack-tenants/{}/",
                    str_of(&b, "tenant_uuid")
                ))
            ),
            Box::new({
                let c = b["tenant_uuid"].clone();
                move |x| x["tenant_uuid"] == c
            }),
        ),
        check(
            format!(
                "service_settings_uuid={}",
                str_of(&b, "service_settings_uuid")
            ),
            Box::new({
                let c = b["service_settings_uuid"].clone();
                move |x| x["service_settings_uuid"] == c
            }),
        ),
        check(
            format!("instance={}", urlenc(str_of(&b, "instance"))),
            Box::new({
                let c = b["instance"].clone();
                move |x| x["instance"] == c
            }),
        ),
        check(
            format!(
                "instance_uuid={}",
                path_of(str_of(&b, "instance")).split('/').nth(3).unwrap()
            ),
            Box::new({
                let c = b["instance"].clone();
                move |x| x["instance"] == c
            }),
        ),
        check(
            format!("uuid={}", str_of(&b, "uuid")),
            Box::new({
                let c = b["uuid"].clone();
                move |x| x["uuid"] == c
            }),
        ),
        check(
            format!("backend_id={}", str_of(&b, "backend_id")),
            Box::new({
                let c = b["backend_id"].clone();
                move |x| x["backend_id"] == c
            }),
        ),
        check(
            "state=OK&state=ERRED".into(),
            Box::new(|x| x["state"] == "OK" || x["state"] == "ERRED"),
        ),
        check(
            format!("name=%20{}%20", urlenc("WEB")),
            Box::new(move |x| lc(x, "name").contains("web")),
        ),
    ];
    for (q, expected) in cases {
        let got = s.backups(&q).await.len();
        assert_eq!(got, expected, "{q}");
        assert!(expected > 0, "{q} matches nothing");
    }
    // Waldur's `external_ip` on backups is an `EmptyFilter`: any value matches nothing.
    assert_eq!(s.backups("external_ip=203.0.113.10").await.len(), 0);
    assert_eq!(s.backups("external_ip=").await.len(), all.len());
    // can_manage narrows to what the user administers.
    let admin_all = s
        .get("/api/openstack-backups/?page_size=300", SUPPORT)
        .await
        .count();
    let support_manage = s
        .get("/api/openstack-backups/?can_manage=true", SUPPORT)
        .await
        .count();
    assert!(admin_all > 0 && support_manage == 0);
}

fn urlenc(s: &str) -> String {
    form_urlencoded_encode(s)
}

fn form_urlencoded_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn invalid_filter_values_are_400_in_both_profiles() {
    for profile in PROFILES {
        let s = start_profile(profile).await;
        let mut uuid_filters = vec![
            "customer",
            "customer_uuid",
            "project",
            "project_uuid",
            "tenant_uuid",
            "service_settings_uuid",
            "instance_uuid",
            "uuid",
        ];
        if profile == devserver::Profile::V2024 {
            uuid_filters.push("backup_schedule_uuid");
        }
        for p in uuid_filters {
            let r = s
                .get(&format!("/api/openstack-backups/?{p}=not-a-uuid"), STAFF)
                .await;
            assert_eq!(r.status, 400, "{p}");
            assert_eq!(r.body, serde_json::json!({ p: ["Enter a valid UUID."] }));
        }
        // Dashes, upper case and surrounding spaces are fine, as for Django's UUIDField.
        let b = s.backup("").await;
        let u = str_of(&b, "project_uuid").to_uppercase();
        let dashed = format!(
            "%20{}-{}-{}-{}-{}%20",
            &u[..8],
            &u[8..12],
            &u[12..16],
            &u[16..20],
            &u[20..]
        );
        assert!(!s
            .backups(&format!("project_uuid={dashed}"))
            .await
            .is_empty());
        let r = s.get("/api/openstack-backups/?state=BROKEN", STAFF).await;
        assert_eq!(r.status, 400);
        assert_eq!(
            r.body,
            serde_json::json!({ "state": ["Select a valid choice. BROKEN is not one of the available choices."] })
        );
        // Several bad filters are reported together.
        let r = s
            .get("/api/openstack-backups/?uuid=x&o=size&state=nope", STAFF)
            .await;
        let keys: std::collections::BTreeSet<&str> = r
            .body
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.into_iter().collect::<Vec<_>>(), ["o", "state", "uuid"]);
        // A page past the end.
        let r = s.get("/api/openstack-backups/?page=999", STAFF).await;
        assert_eq!((r.status.as_u16(), r.detail()), (404, "Invalid page."));
        let r = s.get("/api/openstack-backups/?page=0", STAFF).await;
        assert_eq!((r.status.as_u16(), r.detail()), (404, "Invalid page."));
        let last = s.get("/api/openstack-backups/?page=last", STAFF).await;
        assert_eq!(last.status, 200);
    }
}

#[tokio::test]
async fn url_filters_behave_as_waldurs_url_filter() {
    let s = start().await;
    let b = s.backup("").await;
    let tenant = str_of(&b, "tenant_uuid");
    let instance_url = str_of(&b, "instance");
    // Another collection's URL, a bare UUID, a URL without a UUID: no rows (not a 400).
    for q in [
        format!("tenant={}", urlenc(instance_url)),
        format!("tenant={tenant}"),
        "tenant=%2Fapi%2Fopenstack-tenants%2Fzzz%2F".to_string(),
        format!(
            "instance={}",
            urlenc(&format!("http://x.example/api/openstack-tenants/{tenant}/"))
        ),
    ] {
        assert_eq!(s.backups(&q).await.len(), 0, "{q}");
    }
    // A path that resolves to no view at all: Django's Resolver404 through DRF.
    let r = s
        .get(
            "/api/openstack-backups/?tenant=%2Fno%2Fsuch%2Fpage%2F",
            STAFF,
        )
        .await;
    assert_eq!((r.status.as_u16(), r.detail()), (404, "Not found."));
    // A path is enough: the host is not compared.
    let by_path = s
        .backups(&format!("tenant=%2Fapi%2Fopenstack-tenants%2F{tenant}%2F"))
        .await;
    assert_eq!(
        by_path.len(),
        s.backups(&format!("tenant_uuid={tenant}")).await.len()
    );
}

#[tokio::test]
async fn field_limits_the_returned_keys() {
    let s = start().await;
    let r = s
        .get(
            "/api/openstack-backups/?field=name&field=uuid&field=state",
            STAFF,
        )
        .await;
    for b in r.items() {
        let mut keys: Vec<&String> = b.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["name", "state", "uuid"]);
    }
    let r = s
        .get("/api/openstack-flavors/?field=name&field=ram", STAFF)
        .await;
    assert!(r.items().iter().all(|f| f.as_object().unwrap().len() == 2));
}

#[tokio::test]
async fn visibility_per_user() {
    let s = start().await;
    let staff = s.get("/api/openstack-backups/", STAFF).await.count();
    let support = s.get("/api/openstack-backups/", SUPPORT).await.count();
    let admin = s.get("/api/openstack-backups/?page_size=300", ADMIN).await;
    let nobody = s.get("/api/openstack-backups/", NOBODY).await;
    assert_eq!(staff, support);
    assert!(admin.count() > 0 && admin.count() < staff);
    let projects: std::collections::HashSet<&str> = admin
        .items()
        .iter()
        .map(|b| str_of(b, "project_uuid"))
        .collect();
    assert_eq!(projects.len(), 3, "two as owner and admin, one as member");
    assert_eq!(nobody.count(), 0);
    assert_eq!(nobody.text, "[]");
    let hidden = s
        .backups("")
        .await
        .into_iter()
        .find(|b| !projects.contains(str_of(b, "project_uuid")))
        .unwrap();
    let r = s.get(&path_of(str_of(&hidden, "url")), ADMIN).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.detail(), "No OpenStackBackup matches the given query.");
    let r = s.get(&path_of(str_of(&hidden, "url")), NOBODY).await;
    assert_eq!(r.status, 404);
    assert_eq!(s.get("/api/openstack-flavors/", NOBODY).await.count(), 0);
}

#[tokio::test]
async fn related_list_filters() {
    let s = start().await;
    let b = s.backup("").await;
    let t = str_of(&b, "tenant_uuid");
    let flavors = s
        .get(
            &format!("/api/openstack-flavors/?tenant_uuid={t}&ram__gte=4096&o=-ram"),
            STAFF,
        )
        .await;
    let rams: Vec<i64> = flavors
        .items()
        .iter()
        .map(|f| f["ram"].as_i64().unwrap())
        .collect();
    assert!(rams.len() >= 2 && rams.iter().all(|r| *r >= 4096));
    assert!(rams.windows(2).all(|w| w[0] >= w[1]));
    let disks = s
        .get(
            &format!("/api/openstack-flavors/?tenant_uuid={t}&disk__gte=40960&cores__gte=2&o=disk"),
            STAFF,
        )
        .await;
    assert!(disks
        .items()
        .iter()
        .all(|f| f["disk"].as_i64().unwrap() >= 40960 && f["cores"].as_i64().unwrap() >= 2));
    let settings = str_of(&b, "service_settings_uuid");
    assert_eq!(
        s.get(
            &format!("/api/openstack-flavors/?settings_uuid={settings}"),
            STAFF
        )
        .await
        .count(),
        6
    );
    let r = s.get("/api/openstack-flavors/?ram__gte=lots", STAFF).await;
    assert_eq!(
        r.body,
        serde_json::json!({ "ram__gte": ["Enter a number."] })
    );
    let subnets = s
        .get(&format!("/api/openstack-subnets/?tenant_uuid={t}"), STAFF)
        .await;
    assert_eq!(subnets.count(), 4);
    assert!(
        subnets.items().iter().any(|x| x["is_connected"] == true)
            && subnets.items().iter().any(|x| x["is_connected"] == false)
    );
    assert_eq!(
        s.get(
            &format!("/api/openstack-subnets/?tenant_uuid={t}&name=dmz"),
            STAFF
        )
        .await
        .count(),
        1
    );
    let sgs = s
        .get(
            &format!("/api/openstack-security-groups/?tenant_uuid={t}&name=web"),
            STAFF,
        )
        .await;
    assert_eq!(sgs.count(), 1);
    let all_fips = s
        .get(
            &format!("/api/openstack-floating-ips/?tenant_uuid={t}"),
            STAFF,
        )
        .await
        .count();
    let free = s
        .get(
            &format!("/api/openstack-floating-ips/?tenant_uuid={t}&free=true"),
            STAFF,
        )
        .await;
    assert!(free.count() < all_fips && free.count() > 0);
    assert!(free.items().iter().all(|f| f["instance_uuid"].is_null()));
    let insts = s
        .get(
            &format!(
                "/api/openstack-instances/?project_uuid={}",
                str_of(&b, "project_uuid")
            ),
            STAFF,
        )
        .await;
    assert!(insts.count() > 0);
    let r = s
        .get("/api/openstack-subnets/?tenant_uuid=zzz", STAFF)
        .await;
    assert_eq!(r.status, 400);
    let r = s
        .get(
            "/api/openstack-flavors/00000000000000000000000000000000/",
            STAFF,
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.detail(), "No OpenStackFlavor matches the given query.");
}
