//! Restoring a backup: every validation message in the real server's order, and success.

mod common;
use common::*;
use serde_json::{json, Value};

struct Fixture {
    s: Server,
    restore: String,
    tenant: String,
    flavor: String,
}

async fn url_of(s: &Server, collection: &str, q: &str) -> String {
    str_of(&s.first(collection, q).await, "url").to_string()
}

/// An OK backup of `instance` and the restore URL.
async fn fixture(instance: &str) -> Fixture {
    let s = start().await;
    let inst = s
        .first("openstack-instances", &format!("name={instance}"))
        .await;
    let b = s
        .backup(&format!("state=OK&instance_uuid={}", str_of(&inst, "uuid")))
        .await;
    let tenant = str_of(&b, "tenant_uuid").to_string();
    let flavor = url_of(
        &s,
        "openstack-flavors",
        &format!("tenant_uuid={tenant}&name=m1.small"),
    )
    .await;
    Fixture {
        restore: format!("{}restore/", path_of(str_of(&b, "url"))),
        s,
        tenant,
        flavor,
    }
}

impl Fixture {
    async fn subnet(&self, name: &str) -> String {
        url_of(
            &self.s,
            "openstack-subnets",
            &format!("tenant_uuid={}&name={name}", self.tenant),
        )
        .await
    }
    async fn other_tenant(&self) -> String {
        let all = self
            .s
            .get("/api/openstack-floating-ips/?page_size=300", STAFF)
            .await;
        all.items()
            .iter()
            .map(|x| str_of(x, "tenant_uuid").to_string())
            .find(|t| *t != self.tenant)
            .unwrap()
    }
    async fn post(&self, body: Value) -> Resp {
        self.s.post(&self.restore, STAFF, body).await
    }
}

#[tokio::test]
async fn field_errors_come_first() {
    let f = fixture("web-01").await;
    let r = f.post(json!({})).await;
    assert_eq!(
        (r.status.as_u16(), &r.body),
        (400, &json!({ "flavor": ["This field is required."] }))
    );
    let r = f
        .post(
            json!({ "flavor": "http://h/api/openstack-flavors/00000000000000000000000000000000/" }),
        )
        .await;
    assert_eq!(
        r.body,
        json!({ "flavor": ["Invalid hyperlink - Object does not exist."] })
    );
    let r = f
        .post(json!({
            "flavor": f.flavor,
            "security_groups": [{ "url": "http://h/api/openstack-security-groups/11111111111111111111111111111111/" }, { "name": "web" }],
            "ports": [{ "fixed_ips": [{ "ip_address": "10.0.0.5" }] }],
            "floating_ips": [{}],
        }))
        .await;
    assert_eq!(
        r.body,
        json!({
            "security_groups": [
                { "non_field_errors": ["Invalid hyperlink - Object does not exist."] },
                { "non_field_errors": ["URL has to be defined for related object."] },
            ],
            "ports": [{ "fixed_ips": [{ "subnet_id": ["This field is required."] }] }],
            "floating_ips": [{ "subnet": ["This field is required."] }],
        })
    );
}

#[tokio::test]
async fn instance_without_bootable_volume() {
    let f = fixture("ephemeral-worker").await;
    let r = f.post(json!({ "flavor": f.flavor })).await;
    assert_eq!(
        r.body,
        json!({ "non_field_errors": ["OpenStack instance should have bootable volume."] })
    );
}

#[tokio::test]
async fn flavor_security_group_and_port_from_another_tenant() {
    let f = fixture("web-01").await;
    let other = f.other_tenant().await;
    let other_flavor = url_of(
        &f.s,
        "openstack-flavors",
        &format!("tenant_uuid={other}&name=m1.small"),
    )
    .await;
    let r = f.post(json!({ "flavor": other_flavor })).await;
    assert_eq!(
        r.body,
        json!({ "flavor": ["Flavor is not visible in tenant."] })
    );

    let sg =
        f.s.first(
            "openstack-security-groups",
            &format!("tenant_uuid={other}&name=web"),
        )
        .await;
    let r = f
        .post(json!({ "flavor": f.flavor, "security_groups": [{ "url": sg["url"] }] }))
        .await;
    assert_eq!(
        r.body,
        json!({ "security_groups": ["Security group web does not belong to the same tenant as instance."] })
    );

    let sub =
        f.s.first(
            "openstack-subnets",
            &format!("tenant_uuid={other}&name=private"),
        )
        .await;
    let r = f
        .post(json!({ "flavor": f.flavor, "ports": [{ "subnet": sub["url"] }] }))
        .await;
    assert_eq!(
        r.body,
        json!({ "ports": [format!("Subnet {} does not belong to the same tenant as instance.", str_of(&sub, "name"))] })
    );

    let private = f.subnet("private").await;
    let r = f
        .post(
            json!({ "flavor": f.flavor, "ports": [{ "subnet": private }, { "subnet": private }] }),
        )
        .await;
    assert_eq!(
        r.body,
        json!({ "non_field_errors": ["It is impossible to connect to subnet alpha-prod-private twice."] })
    );
}

#[tokio::test]
async fn floating_ip_rules() {
    let f = fixture("web-01").await;
    let private = f.subnet("private").await;
    let dmz = f.subnet("dmz").await;
    let storage = f.subnet("storage").await;
    let ports = json!([{ "subnet": private }, { "subnet": storage }]);
    let r = f
        .post(
            json!({ "flavor": f.flavor, "ports": ports, "floating_ips": [{ "subnet": storage }] }),
        )
        .await;
    assert_eq!(
        r.body,
        json!({ "floating_ips": ["SubNet alpha-prod-storage is not connected to router."] })
    );
    let r = f
        .post(json!({ "flavor": f.flavor, "ports": ports, "floating_ips": [{ "subnet": dmz }] }))
        .await;
    assert_eq!(
        r.body,
        json!({ "floating_ips": ["SubNet alpha-prod-dmz is not connected to instance."] })
    );

    let fips =
        f.s.get(
            &format!("/api/openstack-floating-ips/?tenant_uuid={}", f.tenant),
            STAFF,
        )
        .await;
    let free: Vec<&Value> = fips
        .items()
        .iter()
        .filter(|x| x["instance_uuid"].is_null())
        .collect();
    let booked = free
        .iter()
        .find(|x| x["address"] == "203.0.113.15")
        .expect("booked ip");
    let r = f.post(json!({ "flavor": f.flavor, "ports": ports, "floating_ips": [{ "subnet": private, "url": booked["url"] }] })).await;
    // Waldur names a floating IP by its string form: address, runtime state, settings.
    assert_eq!(
        r.body,
        json!({ "floating_ips": ["Floating IP 203.0.113.15:DOWN (alpha-prod (OpenStack tenant) (OpenStack)) is already booked for another instance creation"] })
    );
    let attached = fips
        .items()
        .iter()
        .find(|x| !x["instance_uuid"].is_null())
        .expect("an attached ip");
    let r = f.post(json!({ "flavor": f.flavor, "ports": ports, "floating_ips": [{ "subnet": private, "url": attached["url"] }] })).await;
    assert_eq!(
        r.body,
        json!({ "floating_ips": [{ "non_field_errors": ["Invalid hyperlink - Object does not exist."] }] })
    );

    let other = f.other_tenant().await;
    let foreign =
        f.s.first(
            "openstack-floating-ips",
            &format!("tenant_uuid={other}&free=true"),
        )
        .await;
    let r = f.post(json!({ "flavor": f.flavor, "ports": ports, "floating_ips": [{ "subnet": private, "url": foreign["url"] }] })).await;
    assert_eq!(
        r.body,
        json!({ "floating_ips": [format!(
            "Floating IP {}:DOWN ({} (OpenStack)) does not belong to the same tenant as instance.",
            str_of(&foreign, "address"),
            str_of(&foreign, "service_name")
        )] })
    );
    let r = f.post(json!({ "flavor": f.flavor, "ports": ports, "floating_ips": [{ "subnet": private }, { "subnet": private }] })).await;
    assert_eq!(
        r.body,
        json!({ "non_field_errors": ["It is impossible to use subnet alpha-prod-private twice."] })
    );
}

fn quota(tenant: &Value, name: &str) -> (i64, i64) {
    let q = tenant["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == name)
        .unwrap_or_else(|| panic!("no quota {name}"));
    (q["usage"].as_i64().unwrap(), q["limit"].as_i64().unwrap())
}

impl Fixture {
    async fn tenant(&self) -> Value {
        self.s
            .get(&format!("/api/openstack-tenants/{}/", self.tenant), STAFF)
            .await
            .body
    }
    async fn set_quotas(&self, quotas: Value) -> Value {
        self.s
            .control(
                reqwest::Method::POST,
                "quotas",
                Some(json!({ "tenant_uuid": self.tenant, "quotas": quotas })),
            )
            .await
    }
}

#[tokio::test]
async fn quota_exceeded_is_a_bare_list() {
    let f = fixture("climate-node-1").await;
    let (usage, limit) = quota(&f.tenant().await, "ram");
    let r = f.post(json!({ "flavor": f.flavor })).await;
    let expected = format!(
        "One or more quotas were exceeded: ram quota limit: {limit}, requires {}",
        usage + 2048
    );
    assert_eq!((r.status.as_u16(), &r.body), (400, &json!([expected])));
}

#[tokio::test]
async fn every_exceeded_quota_of_the_instance_is_named_in_one_message() {
    let f = fixture("web-01").await;
    let t = f.tenant().await;
    let (cores, _) = quota(&t, "vcpu");
    let (ram, _) = quota(&t, "ram");
    f.set_quotas(json!({ "vcpu": { "limit": cores }, "ram": { "limit": ram } }))
        .await;
    let r = f.post(json!({ "flavor": f.flavor })).await;
    // m1.small: 1 vCPU, 2048 MiB; Waldur joins the errors with ";" and no space.
    let expected = format!(
        "One or more quotas were exceeded: ram quota limit: {ram}, requires {};vcpu quota limit: {cores}, requires {}",
        ram + 2048,
        cores + 1
    );
    assert_eq!((r.status.as_u16(), &r.body), (400, &json!([expected])));
    let after = f.tenant().await;
    for q in t["quotas"].as_array().unwrap() {
        let name = str_of(q, "name");
        assert_eq!(
            quota(&after, name).0,
            quota(&t, name).0,
            "a refused restore counts no {name}"
        );
    }
}

#[tokio::test]
async fn volume_quotas_are_checked_after_the_instance_ones() {
    let f = fixture("web-01").await;
    let (storage, _) = quota(&f.tenant().await, "storage");
    f.set_quotas(json!({ "storage": { "limit": storage + 10 } }))
        .await;
    let r = f.post(json!({ "flavor": f.flavor })).await;
    assert_eq!(r.status, 400);
    let msg = r.body[0].as_str().unwrap();
    assert!(
        msg.starts_with(&format!(
            "One or more quotas were exceeded: storage quota limit: {}, requires ",
            storage + 10
        )),
        "{msg}"
    );
}

#[tokio::test]
async fn an_accepted_restore_adds_its_instance_and_volumes_to_the_usage() {
    let f = fixture("web-01").await;
    let before = f.tenant().await;
    let inst = f.s.first("openstack-instances", "name=web-01").await;
    let volumes = inst["volumes"].as_array().unwrap();
    let size: i64 = volumes.iter().map(|v| v["size"].as_i64().unwrap()).sum();
    let r = f.post(json!({ "flavor": f.flavor })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let after = f.tenant().await;
    for (name, delta) in [
        ("instances", 1),
        ("vcpu", 1),
        ("ram", 2048),
        ("volumes", volumes.len() as i64),
        ("volumes_size", size),
        ("storage", size),
        ("floating_ip_count", 0),
    ] {
        assert_eq!(
            quota(&after, name).0,
            quota(&before, name).0 + delta,
            "{name}"
        );
    }
}

#[tokio::test]
async fn ports_and_allocated_floating_ips_of_an_accepted_restore_are_counted_too() {
    let f = fixture("web-01").await;
    let private = f.subnet("private").await;
    let dmz = f.subnet("dmz").await;
    let free =
        f.s.first(
            "openstack-floating-ips",
            &format!("tenant_uuid={}&free=true", f.tenant),
        )
        .await;
    let before = f.tenant().await;
    let body = json!({
        "flavor": f.flavor,
        "ports": [{ "subnet": private }, { "subnet": dmz }],
        // One chosen (counted already), one allocated by OpenStack.
        "floating_ips": [{ "subnet": private, "url": free["url"] }, { "subnet": dmz }],
    });
    let r = f.post(body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let after = f.tenant().await;
    assert_eq!(
        quota(&after, "port_count").0,
        quota(&before, "port_count").0 + 2
    );
    assert_eq!(
        quota(&after, "floating_ip_count").0,
        quota(&before, "floating_ip_count").0 + 1
    );

    // With no floating IP left, the allocation is refused and nothing is counted.
    let (used, _) = quota(&after, "floating_ip_count");
    f.set_quotas(json!({ "floating_ip_count": { "limit": used } }))
        .await;
    let r = f
        .post(json!({ "flavor": f.flavor, "ports": [{ "subnet": dmz }], "floating_ips": [{ "subnet": dmz }] }))
        .await;
    assert_eq!(
        (r.status.as_u16(), &r.body),
        (
            400,
            &json!([format!(
                "One or more quotas were exceeded: floating_ip_count quota limit: {used}, requires {}",
                used + 1
            )])
        )
    );
    assert_eq!(
        quota(&f.tenant().await, "instances").0,
        quota(&after, "instances").0
    );
}

#[tokio::test]
async fn tests_can_set_a_tenants_quotas_and_unlimited_is_minus_one() {
    let f = fixture("web-01").await;
    let set = f
        .set_quotas(json!({ "ram": { "limit": -1, "usage": 5 }, "instances": { "limit": 0 } }))
        .await;
    assert_eq!(quota(&set, "ram"), (5, -1));
    assert_eq!(quota(&f.tenant().await, "ram"), (5, -1));
    let r = f.post(json!({ "flavor": f.flavor })).await;
    let (used, _) = quota(&set, "instances");
    assert_eq!(
        r.body,
        json!([format!(
            "One or more quotas were exceeded: instances quota limit: 0, requires {}",
            used + 1
        )])
    );
    for bad in [
        json!({ "tenant_uuid": f.tenant, "quotas": { "bogus": { "limit": 1 } } }),
        json!({ "tenant_uuid": f.tenant, "quotas": { "ram": { "limit": "lots" } } }),
        json!({ "tenant_uuid": "not-a-uuid", "quotas": {} }),
    ] {
        let r =
            f.s.client
                .post(format!("{}/__devserver/quotas", f.s.base))
                .json(&bad)
                .send()
                .await
                .unwrap();
        assert_eq!(r.status(), 400, "{bad}");
    }
    assert_eq!(
        quota(&f.tenant().await, "ram"),
        (5, -1),
        "a bad request changes nothing"
    );
    let all = f.s.control(reqwest::Method::GET, "quotas", None).await;
    assert_eq!(all.as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn every_tenant_has_the_ten_documented_quotas() {
    let s = start().await;
    for t in s
        .control(reqwest::Method::GET, "quotas", None)
        .await
        .as_array()
        .unwrap()
    {
        let tenant = s
            .get(
                &format!("/api/openstack-tenants/{}/", str_of(t, "tenant_uuid")),
                STAFF,
            )
            .await
            .body;
        for name in [
            "vcpu",
            "ram",
            "storage",
            "volumes",
            "volumes_size",
            "instances",
            "floating_ip_count",
            "port_count",
            "snapshots",
            "snapshots_size",
        ] {
            let (usage, limit) = quota(&tenant, name);
            assert!(
                usage >= 0 && (limit == -1 || limit >= usage),
                "{name}: {usage}/{limit}"
            );
        }
    }
    // baltic-edge is unlimited but for instances.
    let edge = s.control(reqwest::Method::GET, "quotas", None).await;
    let edge = edge
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "baltic-edge")
        .unwrap();
    assert_eq!(quota(edge, "ram").1, -1);
    assert_eq!(quota(edge, "instances").1, 30);
}

#[tokio::test]
async fn successful_restore_creates_instance_books_ip_and_records_restoration() {
    let f = fixture("web-01").await;
    let private = f.subnet("private").await;
    let dmz = f.subnet("dmz").await;
    let sg = url_of(
        &f.s,
        "openstack-security-groups",
        &format!("tenant_uuid={}&name=ssh", f.tenant),
    )
    .await;
    let fip =
        f.s.first(
            "openstack-floating-ips",
            &format!("tenant_uuid={}&free=true", f.tenant),
        )
        .await;
    let body = json!({
        "flavor": f.flavor,
        "name": "restored-web",
        "security_groups": [{ "url": sg }],
        "ports": [{ "subnet": private, "fixed_ips": [{ "ip_address": "10.0.0.77", "subnet_id": "x" }] }, { "subnet": dmz }],
        "floating_ips": [{ "subnet": private, "url": fip["url"] }, { "subnet": dmz }],
    });
    let r = f.post(body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let inst = r.body.clone();
    assert_eq!(inst["name"], "restored-web");
    assert_eq!(inst["state"], "CREATION_SCHEDULED");
    assert_eq!(inst["security_groups"][0]["name"], "ssh");
    assert_eq!(inst["ports"].as_array().unwrap().len(), 2);
    assert_eq!(inst["ports"][0]["fixed_ips"][0]["ip_address"], "10.0.0.77");
    let fips = inst["floating_ips"].as_array().unwrap();
    assert_eq!(fips[0]["url"], fip["url"]);
    assert!(fips[1].get("url").is_none() && fips[1]["subnet"] == json!(dmz));

    // The floating IP is no longer free; using it again is refused.
    let free =
        f.s.get(
            &format!(
                "/api/openstack-floating-ips/?tenant_uuid={}&free=true",
                f.tenant
            ),
            STAFF,
        )
        .await;
    assert!(free.items().iter().all(|x| x["uuid"] != fip["uuid"]));
    let again = f.post(json!({ "flavor": f.flavor, "ports": [{ "subnet": private }], "floating_ips": [{ "subnet": private, "url": fip["url"] }] })).await;
    assert_eq!(again.status, 400);

    let backup =
        f.s.get(&f.restore.replace("restore/", ""), STAFF)
            .await
            .body;
    let last = backup["restorations"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["instance"], inst["url"]);
    assert_eq!(last["flavor"], json!(f.flavor));
    assert_eq!(last["name"], "restored-web");
    assert_eq!(backup["state"], "OK");

    let iurl = path_of(str_of(&inst, "url"));
    f.s.advance(3.0).await;
    assert_eq!(f.s.get(&iurl, STAFF).await.body["state"], "CREATING");
    f.s.advance(3.0).await;
    assert_eq!(f.s.get(&iurl, STAFF).await.body["state"], "OK");

    // Without a name the source instance's name is used.
    let r = f.post(json!({ "flavor": f.flavor })).await;
    assert_eq!(
        (r.status.as_u16(), &r.body["name"]),
        (201, &json!("web-01"))
    );
}

#[tokio::test]
async fn a_backup_of_a_restored_instance_shows_its_new_network_as_listed_before() {
    let f = fixture("web-01").await;
    // Render every backup first, so the nested JSON of each instance is cached.
    assert!(!f.s.backups("").await.is_empty());
    let private = f.subnet("private").await;
    let fip =
        f.s.first(
            "openstack-floating-ips",
            &format!("tenant_uuid={}&free=true", f.tenant),
        )
        .await;
    let r = f
        .post(json!({ "flavor": f.flavor, "name": "net-check", "ports": [{ "subnet": private }], "floating_ips": [{ "subnet": private, "url": fip["url"] }] }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let inst = path_of(str_of(&r.body, "url"));
    f.s.advance(6.0).await;
    let b =
        f.s.post(
            &format!("{inst}backup/"),
            STAFF,
            json!({ "name": "of the restored one" }),
        )
        .await;
    assert_eq!(b.status, 201, "{}", b.text);
    assert_eq!(
        b.body["instance_floating_ips"][0]["address"],
        fip["address"]
    );
    assert_eq!(b.body["instance_ports"].as_array().unwrap().len(), 1);
    let listed = f.s.backups("name=of%20the%20restored").await;
    assert_eq!(
        listed[0]["instance_floating_ips"],
        b.body["instance_floating_ips"]
    );
}
