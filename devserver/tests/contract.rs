//! The widget's own wire types read what the dev server sends, in both profiles: backups
//! (lists and details, every field and `field=` subsets) with `waldur_backups::api::Backup`,
//! restore answers and instances with `Instance`, tenants with `Tenant`, the restore dialog's
//! lists with their types, and `users/me` with `CurrentUser`. Each decoded value is compared
//! with the JSON it came from, so the client and the stand-in cannot drift apart unnoticed.

mod common;
use common::*;
use devserver::Profile;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use waldur_backups::api::{
    Backup, CurrentUser, Flavor, FloatingIp, Instance, SecurityGroup, Subnet, Tenant,
};

/// Decodes `v` as the widget would, failing the test with serde's message.
fn decode<T: DeserializeOwned>(what: &str, v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{what}: {e}\n{v:.600}"))
}

fn opt_str(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(String::from)
}

/// The enum spelling of a state in either spelling (`Creation Scheduled` → `CREATION_SCHEDULED`).
fn canonical(state: &str) -> String {
    state.to_uppercase().replace(' ', "_")
}

/// Checks that a decoded backup holds what its JSON says, field by field.
fn check_backup(profile: Profile, json: &Value) -> Backup {
    let b: Backup = decode("backup", json);
    let what = format!("{profile:?} {}", b.uuid);
    if let Some(state) = opt_str(json, "state") {
        assert_eq!(
            b.state.as_api_str(),
            canonical(&state),
            "{what}: state {state} understood"
        );
    }
    for (field, decoded) in [
        ("url", Some(b.url.clone())),
        ("uuid", Some(b.uuid.clone())),
        ("name", Some(b.name.clone())),
    ] {
        if json.get(field).is_some() {
            assert_eq!(decoded, opt_str(json, field), "{what}: {field}");
        }
    }
    for (field, decoded) in [
        ("description", &b.description),
        ("project_uuid", &b.project_uuid),
        ("customer_uuid", &b.customer_uuid),
        ("customer_name", &b.customer_name),
        ("kept_until", &b.kept_until),
        ("created", &b.created),
        ("instance", &b.instance),
        ("instance_name", &b.instance_name),
        ("instance_marketplace_uuid", &b.instance_marketplace_uuid),
        ("tenant_uuid", &b.tenant_uuid),
        ("error_message", &b.error_message),
        ("backend_id", &b.backend_id),
        ("service_settings_uuid", &b.service_settings_uuid),
    ] {
        assert_eq!(decoded, &opt_str(json, field), "{what}: {field}");
    }
    let len = |k: &str| json.get(k).and_then(Value::as_array).map_or(0, Vec::len);
    assert_eq!(b.restorations.len(), len("restorations"), "{what}");
    for (r, j) in b
        .restorations
        .items()
        .iter()
        .zip(json["restorations"].as_array().into_iter().flatten())
    {
        assert_eq!(Some(r.uuid.clone()), opt_str(j, "uuid"));
        assert_eq!(r.instance, opt_str(j, "instance"));
        assert_eq!(
            r.flavor,
            opt_str(j, "flavor"),
            "{what}: a deleted flavor is None"
        );
    }
    assert_eq!(b.instance_ports.len(), len("instance_ports"), "{what}");
    for (p, j) in b
        .instance_ports
        .items()
        .iter()
        .zip(json["instance_ports"].as_array().into_iter().flatten())
    {
        assert_eq!(p.url, opt_str(j, "url"));
        assert_eq!(p.subnet, opt_str(j, "subnet"));
        assert_eq!(p.fixed_ips.len(), j["fixed_ips"].as_array().unwrap().len());
        assert_eq!(
            p.security_groups.len(),
            j.get("security_groups")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        );
    }
    assert_eq!(
        b.instance_floating_ips.len(),
        len("instance_floating_ips"),
        "{what}"
    );
    assert_eq!(
        b.instance_security_groups.len(),
        len("instance_security_groups"),
        "{what}"
    );
    if let Some(meta) = json.get("metadata").and_then(Value::as_object) {
        assert_eq!(b.metadata.iter().count(), meta.len(), "{what}: metadata");
        assert_eq!(
            b.metadata.min_ram(),
            meta.get("min_ram").and_then(Value::as_u64)
        );
    }
    b
}

#[tokio::test]
async fn every_backup_of_both_profiles_decodes_as_the_widget_reads_it() {
    for profile in PROFILES {
        let s = start_with(devserver::Config {
            profile,
            hostile: true,
            ..devserver::Config::for_tests()
        })
        .await;
        let all = s.backups("").await;
        assert!(all.len() > 150);
        for b in &all {
            check_backup(profile, b);
        }
        let b: Vec<Backup> = decode("the whole list", &Value::Array(all.clone()));
        assert_eq!(b.len(), all.len());
        // Details, also with `field=`.
        for b in all.iter().step_by(17) {
            let url = path_of(str_of(b, "url"));
            let detail = s.get(&url, STAFF).await.body;
            check_backup(profile, &detail);
            let some = s
                .get(
                    &format!("{url}?field=uuid&field=state&field=kept_until"),
                    STAFF,
                )
                .await
                .body;
            let decoded = check_backup(profile, &some);
            assert_eq!(decoded.name, "", "a field not asked for stays empty");
        }
    }
}

#[tokio::test]
async fn field_subsets_the_table_asks_for_decode_in_both_profiles() {
    let subsets: [&[&str]; 4] = [
        &["uuid", "name", "state"],
        &[
            "uuid",
            "name",
            "state",
            "kept_until",
            "created",
            "project_name",
            "customer_name",
            "instance_name",
            "metadata",
        ],
        &[
            "uuid",
            "restorations",
            "instance_ports",
            "instance_floating_ips",
            "backup_schedule_uuid",
        ],
        &["customer_uuid", "tenant_uuid", "instance"],
    ];
    for profile in PROFILES {
        let s = start_profile(profile).await;
        for fields in subsets {
            let q: Vec<String> = fields.iter().map(|f| format!("field={f}")).collect();
            let rows = s.backups(&q.join("&")).await;
            for row in &rows {
                let keys: Vec<&String> = row.as_object().unwrap().keys().collect();
                assert!(
                    keys.iter().all(|k| fields.contains(&k.as_str())),
                    "{profile:?}: {keys:?}"
                );
                check_backup(profile, row);
            }
        }
    }
}

/// Checks a decoded instance against its JSON.
fn check_instance(profile: Profile, json: &Value) -> Instance {
    let i: Instance = decode("instance", json);
    assert_eq!(Some(i.uuid.clone()), opt_str(json, "uuid"));
    assert_eq!(Some(i.name.clone()), opt_str(json, "name"));
    assert_eq!(
        i.state.as_api_str(),
        canonical(str_of(json, "state")),
        "{profile:?}"
    );
    assert_eq!(i.ports.len(), json["ports"].as_array().unwrap().len());
    assert_eq!(i.volumes.len(), json["volumes"].as_array().unwrap().len());
    assert_eq!(
        i.server_group.is_some(),
        json.get("server_group").is_some_and(|g| !g.is_null())
    );
    assert_eq!(i.tenant_uuid, opt_str(json, "tenant_uuid"));
    assert_eq!(i.customer_uuid, opt_str(json, "customer_uuid"));
    i
}

#[tokio::test]
async fn restore_answers_and_instances_decode_as_instance() {
    for profile in PROFILES {
        let s = start_profile(profile).await;
        let insts = s
            .get("/api/openstack-instances/?page_size=300", STAFF)
            .await;
        for i in insts.items() {
            check_instance(profile, i);
        }
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
                json!({ "flavor": flavor["url"], "name": "contract" }),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let restored = check_instance(profile, &r.body);
        assert!(
            restored.state.is_transitional(),
            "{profile:?}: {}",
            restored.state.as_api_str()
        );
        assert_eq!(restored.name, "contract");
    }
}

#[tokio::test]
async fn tenants_and_the_restore_dialogs_lists_decode() {
    for profile in PROFILES {
        let s = start_profile(profile).await;
        let tenants = s.control(reqwest::Method::GET, "quotas", None).await;
        for t in tenants.as_array().unwrap() {
            let json = s
                .get(
                    &format!("/api/openstack-tenants/{}/", str_of(t, "tenant_uuid")),
                    STAFF,
                )
                .await
                .body;
            let tenant: Tenant = decode("tenant", &json);
            assert_eq!(
                tenant.quotas.len(),
                json["quotas"].as_array().unwrap().len()
            );
            for q in json["quotas"].as_array().unwrap() {
                let got = tenant.quota(str_of(q, "name")).expect("quota decoded");
                assert_eq!(got.limit, q["limit"].as_f64());
                assert_eq!(got.usage, q["usage"].as_f64());
            }
        }
        let list = |c: &'static str| {
            let s = &s;
            async move { s.get(&format!("/api/{c}/?page_size=300"), STAFF).await.body }
        };
        let flavors: Vec<Flavor> = decode("flavors", &list("openstack-flavors").await);
        assert!(flavors.iter().all(|f| f.ram.is_some() && !f.url.is_empty()));
        let subnets: Vec<Subnet> = decode("subnets", &list("openstack-subnets").await);
        assert!(subnets.iter().any(|n| n.is_connected == Some(false)));
        let groups: Vec<SecurityGroup> =
            decode("security groups", &list("openstack-security-groups").await);
        assert!(groups.iter().all(|g| !g.rules.is_empty()));
        let fips: Vec<FloatingIp> = decode("floating IPs", &list("openstack-floating-ips").await);
        assert!(fips.iter().any(|f| f.port.is_none()) && fips.iter().any(|f| f.port.is_some()));
    }
}

#[tokio::test]
async fn users_me_decodes_as_current_user_for_every_demo_user() {
    for profile in PROFILES {
        let s = start_profile(profile).await;
        for (token, username, staff, support) in [
            (STAFF, "staff", Some(true), Some(false)),
            (ADMIN, "alice", None, None),
            (SUPPORT, "support", Some(false), Some(true)),
            (NOBODY, "nobody", None, None),
        ] {
            let json = s.get("/api/users/me/", token).await.body;
            let me: CurrentUser = decode("users/me", &json);
            assert_eq!(me.username, username);
            assert_eq!(Some(me.uuid.clone()), opt_str(&json, "uuid"));
            assert_eq!(me.full_name, opt_str(&json, "full_name"));
            assert_eq!((me.is_staff, me.is_support), (staff, support), "{username}");
            assert_eq!(me.staff(), staff == Some(true));
        }
    }
}
