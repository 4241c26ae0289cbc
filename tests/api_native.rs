//! Native tests of the API layer: query strings, decoding, pagination headers, errors, request bodies.

use std::collections::BTreeMap;

use serde_json::json;
use waldur_backups::api::{
    decode, page_of, parse_link_header, AccessUrl, ApiError, Backup, BackupCreate, BackupPatch,
    BackupQuery, BackupUpdate, CurrentUser, Document, FixedIp, Flavor, FloatingIp,
    FloatingIpRequest, Instance, InstanceSummary, JsonValue, LinkRelations, ListQuery, OrderField,
    Ordering, Page, PortRequest, ResourceState, RestoreRequest, SecurityGroup, SecurityGroupRef,
    Subnet, Tenant,
};
use waldur_backups::i18n::{Msg, Text};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The browser decodes a `JsValue`; natively the same logic reads a `serde_json::Value`.
struct Json(serde_json::Value);

impl Document for Json {
    type Error = serde_json::Error;

    fn read<T: serde::de::DeserializeOwned>(&self) -> Result<T, Self::Error> {
        T::deserialize(&self.0)
    }

    fn list_len(&self) -> Option<usize> {
        self.0.as_array().map(Vec::len)
    }

    fn sub_list(&self, index: Option<usize>) -> Self {
        let item = index.and_then(|i| self.0.get(i)).cloned();
        Json(serde_json::Value::Array(item.into_iter().collect()))
    }

    fn empty_object() -> Self {
        Json(serde_json::json!({}))
    }
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    decode(Json(serde_json::from_str(text).expect("test JSON")))
}

fn error(status: u16, body: &str) -> ApiError {
    let parsed: Option<JsonValue> = serde_json::from_str(body).ok();
    ApiError::from_response(status, parsed.as_ref())
}

// ---------------------------------------------------------------- query strings

#[test]
fn every_backup_parameter_is_encoded_in_documented_order() {
    let q = BackupQuery {
        backend_id: Some("b1".into()),
        can_manage: Some(true),
        customer: Some("c1".into()),
        customer_abbreviation: Some("UT".into()),
        customer_name: Some("Tartu".into()),
        customer_native_name: Some("Ülikool".into()),
        customer_uuid: Some("cu".into()),
        description: Some("d".into()),
        external_ip: Some("193.40.11.5".into()),
        field: vec!["name".into(), "uuid".into()],
        instance: Some("http://h/api/openstack-instances/i/".into()),
        instance_uuid: Some("iu".into()),
        name: Some("web".into()),
        name_exact: Some("web-01".into()),
        page: Some(3),
        page_size: Some(25),
        project: Some("p".into()),
        project_name: Some("Genomics".into()),
        project_uuid: Some("pu".into()),
        service_settings_name: Some("ss".into()),
        service_settings_uuid: Some("ssu".into()),
        state: vec![ResourceState::Ok, ResourceState::Erred],
        tenant: Some("http://h/api/openstack-tenants/t/".into()),
        tenant_uuid: Some("tu".into()),
        uuid: Some("u".into()),
        o: Some(Ordering::desc(OrderField::Created)),
    };
    assert_eq!(
        q.to_query_string(),
        "backend_id=b1&can_manage=true&customer=c1&customer_abbreviation=UT&customer_name=Tartu\
         &customer_native_name=%C3%9Clikool&customer_uuid=cu&description=d&external_ip=193.40.11.5\
         &instance=http%3A%2F%2Fh%2Fapi%2Fopenstack-instances%2Fi%2F&instance_uuid=iu&name=web\
         &name_exact=web-01&project=p&project_name=Genomics&project_uuid=pu\
         &service_settings_name=ss&service_settings_uuid=ssu&state=OK&state=ERRED\
         &tenant=http%3A%2F%2Fh%2Fapi%2Fopenstack-tenants%2Ft%2F&tenant_uuid=tu&uuid=u\
         &field=name&field=uuid&o=-created&page=3&page_size=25"
    );
}

#[test]
fn each_parameter_alone() {
    type Set = fn(&mut BackupQuery);
    let cases: Vec<(Set, &str)> = vec![
        (|q| q.backend_id = Some("x".into()), "backend_id=x"),
        (|q| q.can_manage = Some(false), "can_manage=false"),
        (|q| q.customer = Some("x".into()), "customer=x"),
        (
            |q| q.customer_abbreviation = Some("x".into()),
            "customer_abbreviation=x",
        ),
        (|q| q.customer_name = Some("x".into()), "customer_name=x"),
        (
            |q| q.customer_native_name = Some("x".into()),
            "customer_native_name=x",
        ),
        (|q| q.customer_uuid = Some("x".into()), "customer_uuid=x"),
        (|q| q.description = Some("x".into()), "description=x"),
        (|q| q.external_ip = Some("x".into()), "external_ip=x"),
        (|q| q.field = vec!["state".into()], "field=state"),
        (|q| q.instance = Some("x".into()), "instance=x"),
        (|q| q.instance_uuid = Some("x".into()), "instance_uuid=x"),
        (|q| q.name = Some("x".into()), "name=x"),
        (|q| q.name_exact = Some("x".into()), "name_exact=x"),
        (|q| q.page = Some(2), "page=2"),
        (|q| q.page_size = Some(50), "page_size=50"),
        (|q| q.project = Some("x".into()), "project=x"),
        (|q| q.project_name = Some("x".into()), "project_name=x"),
        (|q| q.project_uuid = Some("x".into()), "project_uuid=x"),
        (
            |q| q.service_settings_name = Some("x".into()),
            "service_settings_name=x",
        ),
        (
            |q| q.service_settings_uuid = Some("x".into()),
            "service_settings_uuid=x",
        ),
        (
            |q| q.state = vec![ResourceState::Creating],
            "state=CREATING",
        ),
        (|q| q.tenant = Some("x".into()), "tenant=x"),
        (|q| q.tenant_uuid = Some("x".into()), "tenant_uuid=x"),
        (|q| q.uuid = Some("x".into()), "uuid=x"),
        (|q| q.o = Some(Ordering::asc(OrderField::Name)), "o=name"),
    ];
    for (set, want) in cases {
        let mut q = BackupQuery::default();
        set(&mut q);
        assert_eq!(q.to_query_string(), want);
    }
}

#[test]
fn empty_values_are_left_out() {
    let q = BackupQuery {
        name: Some(String::new()),
        field: vec![String::new()],
        description: None,
        ..Default::default()
    };
    assert_eq!(q.to_query_string(), "");
}

#[test]
fn reserved_and_unicode_characters_are_percent_encoded() {
    let q = BackupQuery {
        name: Some("a&b=c+d#e/f?g%h i".into()),
        ..Default::default()
    };
    assert_eq!(
        q.to_query_string(),
        "name=a%26b%3Dc%2Bd%23e%2Ff%3Fg%25h%20i"
    );
    let q = BackupQuery {
        description: Some("резерв 备份 ✓".into()),
        ..Default::default()
    };
    assert_eq!(
        q.to_query_string(),
        "description=%D1%80%D0%B5%D0%B7%D0%B5%D1%80%D0%B2%20%E5%A4%87%E4%BB%BD%20%E2%9C%93"
    );
    let q = BackupQuery {
        name: Some("A-z_0.9~".into()),
        ..Default::default()
    };
    assert_eq!(q.to_query_string(), "name=A-z_0.9~");
}

#[test]
fn all_states_repeat_in_given_order() {
    let q = BackupQuery {
        state: ResourceState::ALL.to_vec(),
        ..Default::default()
    };
    assert_eq!(
        q.to_query_string(),
        "state=CREATION_SCHEDULED&state=CREATING&state=UPDATE_SCHEDULED&state=UPDATING\
         &state=DELETION_SCHEDULED&state=DELETING&state=OK&state=ERRED"
    );
}

#[test]
fn ordering_for_all_fields_both_directions() {
    let names = [
        "name",
        "state",
        "customer_name",
        "customer_native_name",
        "customer_abbreviation",
        "project_name",
        "service_name",
        "created",
    ];
    for (field, name) in OrderField::ALL.into_iter().zip(names) {
        let asc = BackupQuery {
            o: Some(Ordering::asc(field)),
            ..Default::default()
        };
        let desc = BackupQuery {
            o: Some(Ordering::desc(field)),
            ..Default::default()
        };
        assert_eq!(asc.to_query_string(), format!("o={name}"));
        assert_eq!(desc.to_query_string(), format!("o=-{name}"));
        assert_eq!(Ordering::parse(name), Some(Ordering::asc(field)));
        assert_eq!(
            Ordering::parse(&format!("-{name}")),
            Some(Ordering::desc(field))
        );
    }
    assert_eq!(Ordering::parse("-size"), None);
}

#[test]
fn page_size_is_clamped_and_page_is_at_least_one() {
    let enc = |page, size| {
        BackupQuery {
            page,
            page_size: size,
            ..Default::default()
        }
        .to_query_string()
    };
    assert_eq!(enc(Some(0), Some(0)), "page=1&page_size=1");
    assert_eq!(enc(Some(1), Some(1)), "page=1&page_size=1");
    assert_eq!(enc(None, Some(300)), "page_size=300");
    assert_eq!(enc(None, Some(301)), "page_size=300");
    assert_eq!(enc(None, Some(u32::MAX)), "page_size=300");
    assert_eq!(enc(Some(u32::MAX), None), format!("page={}", u32::MAX));
}

#[test]
fn without_paging_drops_only_page_params() {
    let q = BackupQuery {
        name: Some("x".into()),
        page: Some(4),
        page_size: Some(10),
        ..Default::default()
    };
    assert_eq!(q.without_paging().to_query_string(), "name=x");
}

#[test]
fn related_list_query() {
    let q = ListQuery {
        tenant_uuid: Some("t 1".into()),
        free: Some(true),
        field: vec!["url".into(), "address".into()],
        page: Some(2),
        page_size: Some(500),
    };
    assert_eq!(
        q.to_query_string(),
        "tenant_uuid=t%201&free=true&field=url&field=address&page=2&page_size=300"
    );
    assert_eq!(
        ListQuery::tenant("abc").to_query_string(),
        "tenant_uuid=abc"
    );
}

// ---------------------------------------------------------------- pagination headers

#[test]
fn link_header_with_all_relations() {
    let h = "<http://h/api/openstack-backups/?name=x>; rel=\"first\", \
             <http://h/api/openstack-backups/?name=x&page=2>; rel=\"prev\", \
             <http://h/api/openstack-backups/?name=x&page=4>; rel=\"next\", \
             <http://h/api/openstack-backups/?name=x&page=9>; rel=\"last\"";
    let l = parse_link_header(h);
    assert_eq!(
        l.first.as_deref(),
        Some("http://h/api/openstack-backups/?name=x")
    );
    assert_eq!(l.prev.as_deref().and_then(page_of), Some(2));
    assert_eq!(l.next.as_deref().and_then(page_of), Some(4));
    assert_eq!(l.last.as_deref().and_then(page_of), Some(9));
    assert_eq!(l.first.as_deref().and_then(page_of), Some(1));
}

#[test]
fn link_header_partial_odd_spacing_and_garbage() {
    let l = parse_link_header("<http://h/x/?page=2>;rel=next,<http://h/x/?page=5> ; rel=\"last\"");
    assert_eq!(l.next.as_deref(), Some("http://h/x/?page=2"));
    assert_eq!(l.last.as_deref(), Some("http://h/x/?page=5"));
    assert_eq!(l.first, None);
    assert_eq!(parse_link_header(""), LinkRelations::default());
    assert_eq!(parse_link_header("garbage"), LinkRelations::default());
    assert_eq!(
        parse_link_header("<http://h/?a=1,2&page=3>; rel=\"next\"")
            .next
            .as_deref(),
        Some("http://h/?a=1,2&page=3")
    );
    let l = parse_link_header("<http://h/?page=1>; rel=\"prev first\"");
    assert_eq!(l.prev, l.first);
}

#[test]
fn page_numbers_from_urls() {
    assert_eq!(page_of("http://h/api/x/"), Some(1));
    assert_eq!(page_of("http://h/api/x/?page_size=5"), Some(1));
    assert_eq!(page_of("http://h/api/x/?page_size=5&page=7"), Some(7));
    assert_eq!(page_of("/api/x/?page=12#top"), Some(12));
    assert_eq!(page_of("/api/x/?page=abc"), None);
}

#[test]
fn page_count_and_next_page() {
    let page = |n: usize, total, next: Option<&str>| Page {
        items: vec![0u8; n],
        total,
        links: LinkRelations {
            next: next.map(str::to_owned),
            ..Default::default()
        },
    };
    assert_eq!(page(10, Some(95), None).page_count(10), Some(10));
    assert_eq!(page(0, Some(0), None).page_count(10), Some(1));
    assert_eq!(
        page(10, Some(25), Some("/x/?page=2")).next_page_number(1, 10),
        Some(2)
    );
    // No Link header: keep going until the count is reached.
    assert_eq!(page(10, Some(25), None).next_page_number(2, 20), Some(3));
    assert_eq!(page(5, Some(25), None).next_page_number(3, 25), None);
    assert_eq!(page(0, Some(25), None).next_page_number(3, 20), None);
    assert_eq!(page(10, None, None).next_page_number(1, 10), None);
    let last = Page::<u8> {
        items: vec![],
        total: None,
        links: LinkRelations {
            last: Some("/x/?page=6".into()),
            ..Default::default()
        },
    };
    assert_eq!(last.page_count(10), Some(6));
}

// ---------------------------------------------------------------- decoding

#[test]
fn rich_backup_decodes_every_field() {
    let b: Backup = from_json(&fixture("backup_full.json")).unwrap();
    assert_eq!(b.uuid, "6f7a1c2e9d4b4f6a8c3e2b1d0a9f8e7d");
    assert_eq!(b.name, "web-01 nightly");
    assert_eq!(b.description.as_deref(), Some("Before kernel upgrade"));
    assert_eq!(b.state, ResourceState::Ok);
    assert_eq!(b.customer_native_name.as_deref(), Some("Tartu Ülikool"));
    assert_eq!(b.kept_until.as_deref(), Some("2025-06-01T00:00:00Z"));
    assert_eq!(b.access_url, None);
    assert_eq!(
        b.tenant_uuid.as_deref(),
        Some("e8f90112233445566778899001122334")
    );
    assert_eq!(b.is_limit_based, Some(true));
    assert_eq!(b.is_usage_based, Some(false));
    assert_eq!(b.marketplace_resource_state.as_deref(), Some("OK"));
    assert_eq!(
        b.marketplace_offering_plugin_options.as_ref().unwrap()["storage_mode"],
        JsonValue::String("fixed".into())
    );

    let m = &b.metadata;
    assert_eq!(m.min_ram(), Some(2048));
    assert_eq!(m.min_disk(), Some(20480));
    assert_eq!(m.size(), Some(20480));
    assert_eq!(m.flavor_name(), Some("m1.small"));
    assert_eq!(m.image_name(), Some("Ubuntu 24.04"));
    assert_eq!(m.key_name(), Some("alice"));
    assert!(m.key_fingerprint().unwrap().starts_with("3c:1f"));
    assert_eq!(m.name(), Some("web-01"));
    assert_eq!(m.description(), Some("Frontend"));
    assert!(m.user_data().unwrap().starts_with("#cloud-config"));
    let other: Vec<&str> = m.other().map(|(k, _)| k).collect();
    assert_eq!(other, ["extra", "os_distro", "tags"]);
    assert_eq!(m.get("tags").unwrap().display(), "web, prod");
    assert_eq!(m.iter().count(), 13);

    let r = &b.restorations.items()[0];
    assert_eq!(r.name.as_deref(), Some("web-01-restored"));
    assert_eq!(r.floating_ips[0].address.as_deref(), Some("193.40.11.7"));
    assert_eq!(r.floating_ips[0].port_fixed_ips[0].ip_address, "10.0.0.12");
    assert_eq!(r.security_groups[0].name, "default");
    assert_eq!(r.ports[0].url, None);
    assert_eq!(r.ports[0].fixed_ips[0].subnet_id, "b1e7");

    let sg = &b.instance_security_groups.items()[0];
    assert_eq!(sg.rules.len(), 2);
    assert_eq!(sg.rules[0].from_port, Some(22));
    assert_eq!(sg.rules[1].from_port, None);
    assert_eq!(sg.rules[1].remote_group_name.as_deref(), Some("default"));

    let port = &b.instance_ports.items()[0];
    assert_eq!(port.mac_address.as_deref(), Some("fa:16:3e:00:00:01"));
    assert_eq!(port.subnet_cidr.as_deref(), Some("10.0.0.0/24"));
    assert_eq!(
        port.allowed_address_pairs[0].ip_address.as_deref(),
        Some("192.168.42.0/24")
    );
    assert_eq!(port.device_owner.as_deref(), Some("compute:nova"));
    assert_eq!(port.security_groups[0].name, "default");
    assert_eq!(
        b.instance_floating_ips.items()[0].subnet_name.as_deref(),
        Some("internal")
    );
}

#[test]
fn nulls_become_none_and_empty_lists() {
    let b: Backup = from_json(&fixture("backup_nulls.json")).unwrap();
    assert_eq!(b.name, "bare");
    assert_eq!(b.description, None);
    assert_eq!(b.kept_until, None);
    assert_eq!(b.state, ResourceState::default());
    assert!(b.metadata.is_empty());
    assert!(b.restorations.is_empty());
    assert!(b.instance_ports.is_empty());
    assert_eq!(b.is_usage_based, None);
}

#[test]
fn missing_fields_are_tolerated() {
    let b: Backup = from_json(r#"{"uuid": "u", "name": "n"}"#).unwrap();
    assert_eq!(b.uuid, "u");
    assert_eq!(b.url, "");
    assert!(b.instance_security_groups.is_empty());
    let b: Backup = from_json("{}").unwrap();
    assert_eq!(b, Backup::default());
}

#[test]
fn the_current_user_tells_staff_apart() {
    let u: CurrentUser = from_json(
        r#"{"uuid": "u1", "username": "sam", "is_staff": true, "is_support": false,
            "permissions": [], "token": null, "date_joined": "2024-01-15T09:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!((u.username.as_str(), u.staff()), ("sam", true));
    for body in [r#"{"is_staff": false}"#, r#"{"is_staff": null}"#, "{}"] {
        let u: CurrentUser = from_json(body).unwrap();
        assert!(!u.staff(), "{body}");
    }
}

#[test]
fn legacy_and_unknown_states() {
    for (text, want) in [
        ("Creation Scheduled", ResourceState::CreationScheduled),
        ("CREATION_SCHEDULED", ResourceState::CreationScheduled),
        ("Erred", ResourceState::Erred),
        ("ERRED", ResourceState::Erred),
        ("Deletion Scheduled", ResourceState::DeletionScheduled),
        ("OK", ResourceState::Ok),
        ("Frozen", ResourceState::Other("Frozen".into())),
    ] {
        let b: Backup = from_json(&json!({ "state": text }).to_string()).unwrap();
        assert_eq!(b.state, want, "{text}");
    }
}

#[test]
fn a_bad_list_item_is_named_with_serdes_message() {
    let err = from_json::<Backup>(r#"{"restorations": [{"created": 5}]}"#).unwrap_err();
    let ApiError::Decode(msg) = &err else {
        panic!("{err:?}")
    };
    assert!(msg.starts_with("invalid type: integer `5`"), "{msg}");
    assert!(err
        .message()
        .english()
        .starts_with("The server sent a response this widget could not read"));

    let err = from_json::<Vec<Backup>>(
        r#"[{}, {"instance_ports": [{"fixed_ips": [{"ip_address": []}]}]}]"#,
    )
    .unwrap_err();
    let ApiError::Decode(msg) = err else { panic!() };
    assert!(
        msg.starts_with("item 2 of the list: invalid type: sequence"),
        "{msg}"
    );

    let err = from_json::<Vec<Backup>>(r#"[{}, {}, {"name": 5}]"#).unwrap_err();
    let ApiError::Decode(msg) = err else { panic!() };
    assert!(
        msg.starts_with("item 3 of the list: invalid type: integer `5`, expected a string"),
        "{msg}"
    );

    let err = from_json::<Backup>(r#"{"metadata": "oops"}"#).unwrap_err();
    assert!(matches!(err, ApiError::Decode(m) if m.starts_with("invalid type: string")));
    let err = from_json::<Vec<Backup>>(r#"{"detail": "not a list"}"#).unwrap_err();
    assert!(matches!(err, ApiError::Decode(m) if !m.starts_with("item")));
    // A list where an object is expected keeps serde's message: no item is blamed.
    let err = from_json::<Backup>(r#"[{"name": 5}]"#).unwrap_err();
    assert!(matches!(err, ApiError::Decode(m) if !m.starts_with("item")));
}

#[test]
fn access_url_one_or_many() {
    let b: Backup = from_json(r#"{"access_url": "http://a"}"#).unwrap();
    assert_eq!(b.access_url, Some(AccessUrl::One("http://a".into())));
    let i: Instance = from_json(&fixture("instance_restored.json")).unwrap();
    assert_eq!(
        i.access_url.as_ref().unwrap().urls(),
        ["http://console.example/1", "http://console.example/2"]
    );
}

#[test]
fn an_instance_summary_reads_state_place_and_name_of_a_whole_instance_in_either_spelling() {
    let whole = fixture("instance_restored.json");
    let full: Instance = from_json(&whole).unwrap();
    let summary: InstanceSummary = from_json(&whole).unwrap();
    assert_eq!(
        summary,
        InstanceSummary {
            uuid: full.uuid.clone(),
            name: full.name.clone(),
            state: ResourceState::CreationScheduled,
            project_uuid: full.project_uuid.clone(),
            customer_uuid: full.customer_uuid.clone(),
            customer_name: full.customer_name.clone(),
        }
    );
    assert!(summary.project_uuid.is_some() && !summary.name.is_empty());
    // A 2024 Waldur spells states as labels and may leave fields out or send null.
    let old: InstanceSummary =
        from_json(r#"{"uuid": "u", "name": "vm", "state": "OK", "customer_uuid": null}"#).unwrap();
    assert_eq!(old.state, ResourceState::Ok);
    assert_eq!((old.project_uuid, old.customer_uuid), (None, None));
    let label: InstanceSummary = from_json(r#"{"uuid": "u", "state": "Erred"}"#).unwrap();
    assert_eq!(label.state, ResourceState::Erred);
}

#[test]
fn restored_instance_decodes() {
    let i: Instance = from_json(&fixture("instance_restored.json")).unwrap();
    assert_eq!(i.state, ResourceState::CreationScheduled);
    assert_eq!(i.runtime_state.as_deref(), Some(""));
    assert_eq!((i.cores, i.ram, i.disk), (Some(2), Some(4096), Some(20480)));
    assert_eq!(i.flavor_name.as_deref(), Some("m1.medium"));
    assert_eq!(i.internal_ips, ["10.0.0.12"]);
    assert_eq!(i.volumes[0].bootable, Some(true));
    assert_eq!(i.volumes[0].device.as_deref(), Some("/dev/vda"));
    assert_eq!(i.security_groups[0].name, "default");
    assert_eq!(i.ports[0].subnet_name.as_deref(), Some("internal"));
    assert_eq!(i.server_group, None);
    assert_eq!(i.backend_id, None);
}

#[test]
fn related_objects_decode() {
    let f: Vec<Flavor> = from_json(
        r#"[{"url": "http://h/api/openstack-flavors/f1/", "uuid": "f1", "name": "m1.small",
             "cores": 1, "ram": 2048, "disk": 20480, "display_name": "m1.small (1 CPU, 2 GB RAM, 20 GB disk)",
             "settings": "http://h/api/service-settings/s/", "backend_id": "x"}]"#,
    )
    .unwrap();
    assert_eq!(f[0].ram, Some(2048));

    let s: Subnet = from_json(
        r#"{"uuid": "s1", "name": "internal", "cidr": "10.0.0.0/24", "gateway_ip": "10.0.0.1",
            "is_connected": true, "tenant_uuid": "t", "ip_version": 4, "enable_dhcp": true,
            "allocation_pools": [{"start": "10.0.0.10", "end": "10.0.0.200"}],
            "dns_nameservers": ["1.1.1.1"], "host_routes": [{"destination": "0.0.0.0/0", "nexthop": "10.0.0.1"}]}"#,
    )
    .unwrap();
    assert_eq!(s.is_connected, Some(true));
    assert_eq!(s.allocation_pools[0].end.as_deref(), Some("10.0.0.200"));
    assert_eq!(s.host_routes[0].nexthop.as_deref(), Some("10.0.0.1"));

    let g: SecurityGroup = from_json(
        r#"{"uuid": "g", "name": "web", "state": "OK", "tenant_uuid": "t",
            "rules": [{"id": 1, "protocol": "tcp", "from_port": 80, "to_port": 80, "cidr": "0.0.0.0/0",
                       "direction": "ingress", "ethertype": "IPv4", "remote_group": null}]}"#,
    )
    .unwrap();
    assert_eq!(g.rules[0].to_port, Some(80));

    let ip: FloatingIp = from_json(
        r#"{"uuid": "ip", "address": "193.40.11.9", "runtime_state": "DOWN", "port": null,
            "tenant_uuid": "t", "instance_uuid": null, "port_fixed_ips": null, "external_address": null}"#,
    )
    .unwrap();
    assert_eq!(ip.address.as_deref(), Some("193.40.11.9"));
    assert!(ip.port_fixed_ips.is_empty());

    let t: Tenant = from_json(
        r#"{"uuid": "t", "name": "genomics", "quotas": [
            {"name": "ram", "usage": 4096, "limit": 51200}, {"name": "vcpu", "usage": 2.0, "limit": -1}]}"#,
    )
    .unwrap();
    assert_eq!(t.quota("ram").unwrap().remaining(), Some(47104.0));
    assert_eq!(t.quota("vcpu").unwrap().remaining(), None);
    assert!(t.quota("storage").is_none());
}

// ---------------------------------------------------------------- errors

#[test]
fn detail_statuses() {
    assert_eq!(
        error(401, r#"{"detail": "Invalid token."}"#),
        ApiError::Unauthorized("Invalid token.".into())
    );
    assert_eq!(
        error(403, r#"{"detail": "No."}"#),
        ApiError::Forbidden("No.".into())
    );
    assert_eq!(
        error(404, r#"{"detail": "Not found."}"#),
        ApiError::NotFound("Not found.".into())
    );
    assert_eq!(
        error(405, r#"{"detail": "Method \"PUT\" not allowed."}"#),
        ApiError::MethodNotAllowed("Method \"PUT\" not allowed.".into())
    );
    assert_eq!(
        error(409, r#"{"detail": "Valid states for operation: OK."}"#),
        ApiError::Conflict("Valid states for operation: OK.".into())
    );
    assert_eq!(error(408, ""), ApiError::Timeout);
    assert_eq!(
        error(424, r#"{"detail": "Extension is disabled."}"#),
        ApiError::UnexpectedStatus {
            status: 424,
            detail: Some("Extension is disabled.".into())
        }
    );
    assert_eq!(
        error(302, ""),
        ApiError::UnexpectedStatus {
            status: 302,
            detail: None
        }
    );
}

#[test]
fn empty_or_non_json_bodies_get_defaults() {
    assert_eq!(
        error(401, ""),
        ApiError::Unauthorized("Authentication credentials were not provided.".into())
    );
    assert_eq!(
        error(404, "<html>Not Found</html>"),
        ApiError::NotFound("Not found.".into())
    );
    assert!(matches!(error(409, ""), ApiError::Conflict(d) if !d.is_empty()));
    assert_eq!(
        error(400, ""),
        ApiError::BadRequest {
            fields: BTreeMap::new(),
            non_field: vec![]
        }
    );
}

#[test]
fn server_errors() {
    assert_eq!(
        error(503, "<html>Service Unavailable</html>"),
        ApiError::Server {
            status: 503,
            detail: None
        }
    );
    assert_eq!(
        error(500, r#"{"detail": "boom"}"#),
        ApiError::Server {
            status: 500,
            detail: Some("boom".into())
        }
    );
    let e = error(503, "");
    assert!(e.is_retryable());
    assert_eq!(
        e.message().english(),
        "The Waldur server had a problem (HTTP 503). Try again in a moment."
    );
    assert_eq!(e.status(), Some(503));
}

#[test]
fn field_errors_and_non_field_errors() {
    let e = error(
        400,
        r#"{"flavor": ["Flavor is not visible in tenant."],
            "non_field_errors": ["OpenStack instance should have bootable volume."],
            "name": "This field may not be blank."}"#,
    );
    assert_eq!(
        e.field_errors("flavor"),
        ["Flavor is not visible in tenant."]
    );
    assert_eq!(e.field_errors("name"), ["This field may not be blank."]);
    assert!(e.field_errors("ports").is_empty());
    let ApiError::BadRequest { non_field, .. } = &e else {
        panic!()
    };
    assert_eq!(
        non_field,
        &["OpenStack instance should have bootable volume."]
    );
    assert!(e.message().english().contains("bootable volume"));
    assert!(!e.is_retryable());
}

#[test]
fn nested_per_item_errors_are_flattened_to_paths() {
    let e = error(
        400,
        r#"{"ports": [{}, {"subnet": ["Invalid hyperlink - Object does not exist."],
                            "fixed_ips": [{"ip_address": ["Enter a valid IPv4 or IPv6 address."]}]}],
            "floating_ips": ["SubNet internal is not connected to router."]}"#,
    );
    assert_eq!(
        e.field_errors("ports[1].subnet"),
        ["Invalid hyperlink - Object does not exist."]
    );
    assert_eq!(
        e.field_errors("ports[1].fixed_ips[0].ip_address"),
        ["Enter a valid IPv4 or IPv6 address."]
    );
    assert_eq!(
        e.field_errors("floating_ips"),
        ["SubNet internal is not connected to router."]
    );
    assert_eq!(e.field_errors_under("ports").len(), 2);
    assert!(e
        .message()
        .english()
        .starts_with("Some values were not accepted."));
}

#[test]
fn bare_list_quota_error_is_non_field() {
    let e = error(
        400,
        r#"["One or more quotas were exceeded: ram quota limit: 51200, requires 65536"]"#,
    );
    assert_eq!(
        e,
        ApiError::BadRequest {
            fields: BTreeMap::new(),
            non_field: vec![
                "One or more quotas were exceeded: ram quota limit: 51200, requires 65536".into()
            ],
        }
    );
    assert_eq!(
        e.message().english(),
        "One or more quotas were exceeded: ram quota limit: 51200, requires 65536."
    );
    let e = error(400, r#"["Resource does not have backend ID."]"#);
    assert!(e.message().english().contains("backend ID"));
    let e = error(400, r#"{"detail": "Bad."}"#);
    assert_eq!(
        e,
        ApiError::BadRequest {
            fields: BTreeMap::new(),
            non_field: vec!["Bad.".into()]
        }
    );
}

#[test]
fn messages_say_what_to_do() {
    assert_eq!(
        ApiError::Unauthorized("Invalid token.".into())
            .message()
            .english(),
        "Your session has ended or the token is not valid. Sign in again."
    );
    assert_eq!(
        ApiError::Network("TypeError".into()).message().english(),
        "Could not reach the Waldur API. Check your connection and try again."
    );
    assert_eq!(
        ApiError::Timeout.message().english(),
        "The server took too long to answer. Try again."
    );
    assert_eq!(
        ApiError::Conflict("Valid states for operation: OK".into())
            .message()
            .english(),
        "Valid states for operation: OK. Refresh to see the current state."
    );
    assert_eq!(
        ApiError::Decode("name: invalid type".into())
            .message()
            .english(),
        "The server sent a response this widget could not read (name: invalid type)."
    );
    assert_eq!(
        ApiError::BadRequest {
            fields: BTreeMap::new(),
            non_field: vec![]
        }
        .message()
        .english(),
        "The server did not accept the request. Check the values and try again."
    );
    for e in [
        ApiError::Aborted,
        ApiError::Forbidden(String::new()),
        ApiError::NotFound(String::new()),
        ApiError::MethodNotAllowed(String::new()),
        ApiError::UnexpectedStatus {
            status: 418,
            detail: None,
        },
    ] {
        let m = e.message().english();
        assert!(m.ends_with('.') && m.len() > 20, "{m}");
    }
    assert!(ApiError::Network(String::new()).is_retryable());
    assert!(ApiError::Timeout.is_retryable());
    assert!(ApiError::UnexpectedStatus {
        status: 429,
        detail: None
    }
    .is_retryable());
    assert!(!ApiError::Aborted.is_retryable());
    assert!(!ApiError::Conflict(String::new()).is_retryable());
    assert_eq!(ApiError::Timeout.status(), None);
}

// ---------------------------------------------------------------- request bodies

#[test]
fn patch_sends_only_changed_fields() {
    let p = BackupPatch {
        name: Some("new".into()),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&p).unwrap(), json!({"name": "new"}));
    let p = BackupPatch {
        kept_until: Some(None),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({"kept_until": null})
    );
    let p = BackupPatch {
        kept_until: Some(Some("2025-01-01T00:00:00Z".into())),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({"kept_until": "2025-01-01T00:00:00Z"})
    );
    assert_eq!(
        serde_json::to_value(BackupPatch::default()).unwrap(),
        json!({})
    );
    assert!(BackupPatch::default().is_empty());
}

#[test]
fn patch_diff_against_current_backup() {
    let b: Backup = from_json(&fixture("backup_full.json")).unwrap();
    let p = BackupPatch::diff(&b, "web-01 nightly", "Before kernel upgrade", None);
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({"kept_until": null})
    );
    let p = BackupPatch::diff(
        &b,
        "renamed",
        "Before kernel upgrade",
        Some("2025-06-01T00:00:00Z"),
    );
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({"name": "renamed"})
    );
    let same = BackupPatch::diff(
        &b,
        &b.name,
        b.description.as_deref().unwrap(),
        b.kept_until.as_deref(),
    );
    assert!(same.is_empty());
}

#[test]
fn put_and_create_bodies() {
    let u = BackupUpdate {
        name: "n".into(),
        description: Some("d".into()),
        kept_until: Some(None),
    };
    assert_eq!(
        serde_json::to_value(&u).unwrap(),
        json!({"name": "n", "description": "d", "kept_until": null})
    );
    let u = BackupUpdate {
        name: "n".into(),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&u).unwrap(), json!({"name": "n"}));
    let c = BackupCreate {
        name: "b".into(),
        description: None,
        kept_until: Some("2025-01-01T00:00:00Z".into()),
    };
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        json!({"name": "b", "kept_until": "2025-01-01T00:00:00Z"})
    );
}

#[test]
fn restore_body_shape() {
    let r = RestoreRequest {
        flavor: "http://h/api/openstack-flavors/f/".into(),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({"flavor": "http://h/api/openstack-flavors/f/"})
    );

    let r = RestoreRequest {
        flavor: "F".into(),
        name: Some("restored".into()),
        security_groups: Some(vec![SecurityGroupRef { url: "SG".into() }]),
        ports: Some(vec![
            PortRequest::on_subnet("S1"),
            PortRequest {
                subnet: Some("S2".into()),
                fixed_ips: Some(vec![FixedIp {
                    ip_address: "10.0.1.5".into(),
                    subnet_id: "os-s2".into(),
                }]),
                ..Default::default()
            },
        ]),
        floating_ips: Some(vec![
            FloatingIpRequest::auto("S1"),
            FloatingIpRequest::existing("S2", "FIP"),
        ]),
    };
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({
            "flavor": "F",
            "name": "restored",
            "security_groups": [{"url": "SG"}],
            "ports": [
                {"subnet": "S1"},
                {"subnet": "S2", "fixed_ips": [{"ip_address": "10.0.1.5", "subnet_id": "os-s2"}]}
            ],
            "floating_ips": [{"subnet": "S1"}, {"subnet": "S2", "url": "FIP"}]
        })
    );
    let empty_groups = RestoreRequest {
        flavor: "F".into(),
        security_groups: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&empty_groups).unwrap(),
        json!({"flavor": "F", "security_groups": []})
    );
}

#[test]
fn error_messages_carry_the_status_and_the_servers_words_as_arguments() {
    assert_eq!(
        error(503, "").message(),
        Text::new(Msg::ErrorServer).arg("status", "503")
    );
    let conflict = ApiError::Conflict("Valid states for operation: OK".into());
    assert_eq!(conflict.message().msg, Msg::ErrorConflict);
    assert_eq!(
        conflict.conflict_reason(),
        Text::verbatim("Valid states for operation: OK.")
    );
    // Without a reason from the server, ours, in the widget's language.
    assert_eq!(
        error(409, "").conflict_reason(),
        Text::new(Msg::ErrorConflictDefault)
    );
    let refused = error(400, r#"{"name": ["Too long."]}"#).message();
    assert_eq!(
        refused,
        Text::new(Msg::ErrorValuesRefused).arg("details", "name: Too long.")
    );
}
