//! JSON of the related resources (flavors, subnets, security groups, floating IPs, tenants,
//! instances) and of the nested shapes backups and instances embed.

use super::{marketplace_fields, resource_common, View};
use crate::clock::iso;
use crate::store::*;
use serde_json::{json, Map, Value};

fn common(
    s: &Store,
    v: &View<'_>,
    collection: &str,
    uuid: &str,
    tenant: usize,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("url".into(), json!(v.url(collection, uuid)));
    m.insert("uuid".into(), json!(uuid));
    m.extend(resource_common(s, v, tenant, s.tenants[tenant].project));
    m
}

fn tail(
    m: &mut Map<String, Value>,
    v: &View<'_>,
    state: State,
    created: chrono::DateTime<chrono::Utc>,
    backend_id: &str,
) {
    m.insert("error_message".into(), json!(""));
    m.insert("error_traceback".into(), json!(""));
    m.insert("state".into(), json!(v.state(state)));
    m.insert("created".into(), json!(iso(created)));
    m.insert("modified".into(), json!(iso(created)));
    m.insert("backend_id".into(), json!(backend_id));
    m.insert("access_url".into(), Value::Null);
}

fn tenant_ref(s: &Store, v: &View<'_>, m: &mut Map<String, Value>, tenant: usize) {
    let t = &s.tenants[tenant];
    m.insert("tenant".into(), json!(v.url("openstack-tenants", &t.uuid)));
    m.insert("tenant_name".into(), json!(t.name));
    m.insert("tenant_uuid".into(), json!(t.uuid));
}

fn rule_json(s: &Store, v: &View<'_>, r: &Rule, full: bool) -> Value {
    let mut m = Map::new();
    m.insert("ethertype".into(), json!(r.ethertype));
    m.insert("direction".into(), json!(r.direction));
    m.insert("protocol".into(), json!(r.protocol));
    m.insert("from_port".into(), json!(r.from_port));
    m.insert("to_port".into(), json!(r.to_port));
    m.insert("cidr".into(), json!(r.cidr));
    m.insert("description".into(), json!(r.description));
    if let Some(g) = r.remote_group {
        m.insert("remote_group_name".into(), json!(s.security_groups[g].name));
        m.insert("remote_group_uuid".into(), json!(s.security_groups[g].uuid));
    }
    m.insert("id".into(), json!(r.id));
    if full {
        let url = r
            .remote_group
            .map(|g| v.url("openstack-security-groups", &s.security_groups[g].uuid));
        m.insert("remote_group".into(), json!(url));
    }
    Value::Object(m)
}

/// `OpenStackNestedSecurityGroup` (its `state` is the display label in every release).
pub fn nested_sg(s: &Store, v: &View<'_>, g: usize) -> Value {
    let sg = &s.security_groups[g];
    json!({
        "url": v.url("openstack-security-groups", &sg.uuid),
        "name": sg.name,
        "rules": sg.rules.iter().map(|r| rule_json(s, v, r, false)).collect::<Vec<_>>(),
        "description": sg.description,
        "state": State::Ok.label(),
    })
}

/// `OpenStackSecurityGroup`.
pub fn sg_json(s: &Store, v: &View<'_>, g: usize) -> Value {
    let sg = &s.security_groups[g];
    let mut m = common(s, v, "openstack-security-groups", &sg.uuid, sg.tenant);
    m.insert("name".into(), json!(sg.name));
    m.insert("description".into(), json!(sg.description));
    tail(&mut m, v, State::Ok, sg.created, &sg.backend_id);
    m.insert("resource_type".into(), json!("OpenStack.SecurityGroup"));
    tenant_ref(s, v, &mut m, sg.tenant);
    m.insert(
        "rules".into(),
        Value::Array(sg.rules.iter().map(|r| rule_json(s, v, r, true)).collect()),
    );
    marketplace_fields(&mut m, v, None, "");
    Value::Object(m)
}

fn subnet_ref(s: &Store, v: &View<'_>, m: &mut Map<String, Value>, sub: usize) {
    let sn = &s.subnets[sub];
    m.insert("subnet".into(), json!(v.url("openstack-subnets", &sn.uuid)));
    m.insert("subnet_uuid".into(), json!(sn.uuid));
    m.insert("subnet_name".into(), json!(sn.name));
    m.insert("subnet_description".into(), json!(sn.description));
    m.insert("subnet_cidr".into(), json!(sn.cidr));
}

/// `OpenStackNestedPort`; the 2024 release's has no `url` and no `security_groups`.
pub fn nested_port(s: &Store, v: &View<'_>, inst: &Instance, p: &Port) -> Value {
    let sn = &s.subnets[p.subnet];
    let mut m = Map::new();
    if !v.is_2024() {
        m.insert("url".into(), json!(v.url("openstack-ports", &p.uuid)));
    }
    m.insert(
        "fixed_ips".into(),
        Value::Array(
            p.fixed_ips
                .iter()
                .map(|ip| json!({ "ip_address": ip, "subnet_id": sn.backend_id }))
                .collect(),
        ),
    );
    m.insert("mac_address".into(), json!(p.mac));
    subnet_ref(s, v, &mut m, p.subnet);
    m.insert(
        "allowed_address_pairs".into(),
        Value::Array(
            p.allowed_address_pairs
                .iter()
                .map(|(ip, mac)| json!({ "ip_address": ip, "mac_address": mac }))
                .collect(),
        ),
    );
    m.insert("device_id".into(), json!(inst.backend_id));
    m.insert("device_owner".into(), json!("compute:nova"));
    if !v.is_2024() {
        m.insert(
            "security_groups".into(),
            Value::Array(
                p.security_groups
                    .iter()
                    .map(|&g| sg_json(s, v, g))
                    .collect(),
            ),
        );
    }
    Value::Object(m)
}

/// `OpenStackNestedFloatingIP` (an auto-assign entry has a subnet and no URL).
pub fn nested_fip(s: &Store, v: &View<'_>, f: &InstanceFip) -> Value {
    let mut m = Map::new();
    match *f {
        InstanceFip::Assigned(i) => {
            let fip = &s.floating_ips[i];
            m.insert(
                "url".into(),
                json!(v.url("openstack-floating-ips", &fip.uuid)),
            );
            m.insert("uuid".into(), json!(fip.uuid));
            m.insert("address".into(), json!(fip.address));
            m.insert("port_fixed_ips".into(), port_fixed_ips(s, fip));
            m.insert("port_mac_address".into(), json!(fip.port_mac));
            if let Some(sub) = fip.subnet {
                subnet_ref(s, v, &mut m, sub);
            }
        }
        InstanceFip::Auto(sub) => {
            m.insert("address".into(), Value::Null);
            m.insert("port_fixed_ips".into(), json!([]));
            m.insert("port_mac_address".into(), Value::Null);
            subnet_ref(s, v, &mut m, sub);
        }
    }
    Value::Object(m)
}

fn port_fixed_ips(s: &Store, fip: &FloatingIp) -> Value {
    match (&fip.fixed_ip, fip.subnet) {
        (Some(ip), Some(sub)) => {
            json!([{ "ip_address": ip, "subnet_id": s.subnets[sub].backend_id }])
        }
        _ => json!([]),
    }
}

/// `OpenStackFlavor`.
pub fn flavor_json(s: &Store, v: &View<'_>, i: usize) -> Value {
    let f = &s.flavors[i];
    let t = &s.tenants[f.tenant];
    json!({
        "url": v.url("openstack-flavors", &f.uuid),
        "uuid": f.uuid,
        "name": f.name,
        "settings": v.url("service-settings", &t.settings_uuid),
        "cores": f.cores,
        "ram": f.ram,
        "disk": f.disk,
        "backend_id": f.backend_id,
        "display_name": format!("{} ({} CPU, {} GB RAM, {} GB HDD)", f.name, f.cores, f.ram / 1024, f.disk / 1024),
    })
}

/// `OpenStackSubNet`.
pub fn subnet_json(s: &Store, v: &View<'_>, i: usize) -> Value {
    let sn = &s.subnets[i];
    let mut m = common(s, v, "openstack-subnets", &sn.uuid, sn.tenant);
    m.insert("name".into(), json!(sn.name));
    m.insert("description".into(), json!(sn.description));
    tail(&mut m, v, State::Ok, sn.created, &sn.backend_id);
    m.insert("resource_type".into(), json!("OpenStack.SubNet"));
    let t = &s.tenants[sn.tenant];
    m.insert("tenant".into(), json!(v.url("openstack-tenants", &t.uuid)));
    m.insert("tenant_name".into(), json!(t.name));
    m.insert(
        "network".into(),
        json!(v.url("openstack-networks", &sn.network_uuid)),
    );
    m.insert("network_name".into(), json!(sn.network_name));
    m.insert("cidr".into(), json!(sn.cidr));
    m.insert("gateway_ip".into(), json!(sn.gateway_ip));
    m.insert("disable_gateway".into(), json!(false));
    let prefix = sn.cidr.trim_end_matches(".0/24");
    m.insert(
        "allocation_pools".into(),
        json!([{ "start": format!("{prefix}.10"), "end": format!("{prefix}.200") }]),
    );
    m.insert("ip_version".into(), json!(4));
    m.insert("enable_dhcp".into(), json!(true));
    m.insert("dns_nameservers".into(), json!(["1.1.1.1", "9.9.9.9"]));
    m.insert("host_routes".into(), json!([]));
    m.insert("is_connected".into(), json!(sn.is_connected));
    m.insert("port_security_enabled".into(), json!(true));
    marketplace_fields(&mut m, v, None, "");
    Value::Object(m)
}

/// `OpenStackFloatingIP`; the 2024 release sends `port: null` for an unattached one.
pub fn fip_json(s: &Store, v: &View<'_>, i: usize) -> Value {
    let f = &s.floating_ips[i];
    let mut m = common(s, v, "openstack-floating-ips", &f.uuid, f.tenant);
    m.insert("name".into(), json!(f.address));
    m.insert("description".into(), json!(""));
    tail(&mut m, v, State::Ok, f.created, &f.backend_id);
    m.insert("resource_type".into(), json!("OpenStack.FloatingIP"));
    m.insert(
        "runtime_state".into(),
        json!(if f.instance.is_some() {
            "ACTIVE"
        } else {
            "DOWN"
        }),
    );
    m.insert("address".into(), json!(f.address));
    m.insert("backend_network_id".into(), json!(f.backend_network_id));
    tenant_ref(s, v, &mut m, f.tenant);
    if f.instance.is_some() {
        m.insert(
            "port".into(),
            json!(v.url(
                "openstack-ports",
                &fake_backend_id(&f.uuid).replace('-', "")
            )),
        );
    } else if v.is_2024() {
        m.insert("port".into(), Value::Null);
    }
    m.insert("external_address".into(), Value::Null);
    m.insert("port_fixed_ips".into(), port_fixed_ips(s, f));
    let inst = f.instance.map(|i| &s.instances[i]);
    m.insert("instance_uuid".into(), json!(inst.map(|i| &i.uuid)));
    m.insert("instance_name".into(), json!(inst.map(|i| &i.name)));
    m.insert(
        "instance_url".into(),
        json!(inst.map(|i| v.url("openstack-instances", &i.uuid))),
    );
    marketplace_fields(&mut m, v, None, "");
    Value::Object(m)
}

/// `OpenStackTenant`, with its quotas.
pub fn tenant_json(s: &Store, v: &View<'_>, i: usize) -> Value {
    let t = &s.tenants[i];
    let mut m = common(s, v, "openstack-tenants", &t.uuid, i);
    m.insert("name".into(), json!(t.name));
    m.insert("description".into(), json!(t.description));
    tail(&mut m, v, State::Ok, t.created, &t.backend_id);
    m.insert("resource_type".into(), json!("OpenStack.Tenant"));
    m.insert("availability_zone".into(), json!("nova"));
    m.insert(
        "internal_network_id".into(),
        json!(fake_backend_id(&t.settings_uuid)),
    );
    m.insert(
        "external_network_id".into(),
        json!(fake_backend_id(&t.uuid)),
    );
    m.insert("external_network_ref_uuid".into(), json!(t.settings_uuid));
    m.insert("external_network_ref_name".into(), json!("public"));
    m.insert("user_username".into(), json!(format!("{}-admin", t.name)));
    m.insert("user_password".into(), json!(""));
    m.insert("quotas".into(), quotas_json(t));
    m.insert("default_volume_type_name".into(), json!("ssd"));
    m.insert("skip_creation_of_default_router".into(), json!(false));
    marketplace_fields(&mut m, v, t.marketplace.as_ref(), "OpenStack.Tenant");
    Value::Object(m)
}

/// `[{name, usage, limit}]` of a tenant.
pub fn quotas_json(t: &Tenant) -> Value {
    Value::Array(
        t.quotas
            .iter()
            .map(|q| json!({ "name": q.name, "usage": q.usage, "limit": q.limit }))
            .collect(),
    )
}

/// `OpenStackInstance`. The 2024 release adds `offering_external_ips`, sends `server_group:
/// null` when there is none, and drops `marketplace_offering_type`.
pub fn instance_json(s: &Store, v: &View<'_>, i: usize) -> Value {
    let inst = &s.instances[i];
    let f = &s.flavors[inst.flavor];
    let mut m = common(s, v, "openstack-instances", &inst.uuid, inst.tenant);
    m.insert("name".into(), json!(inst.name));
    m.insert("description".into(), json!(inst.description));
    tail(&mut m, v, inst.state, inst.created, &inst.backend_id);
    m.insert("modified".into(), json!(iso(inst.modified)));
    m.insert("resource_type".into(), json!("OpenStack.Instance"));
    if inst.state == State::Erred {
        m.insert(
            "error_message".into(),
            json!("Instance failed to boot: No valid host was found."),
        );
    }
    let booted = matches!(inst.state, State::Ok | State::Erred);
    m.insert(
        "start_time".into(),
        if booted {
            json!(iso(inst.created))
        } else {
            Value::Null
        },
    );
    m.insert("cores".into(), json!(f.cores));
    m.insert("ram".into(), json!(f.ram));
    m.insert(
        "disk".into(),
        json!(inst.volumes.iter().map(|v| v.size).sum::<i64>()),
    );
    m.insert("min_ram".into(), json!(inst.min_ram));
    m.insert("min_disk".into(), json!(inst.min_disk));
    m.insert("user_data".into(), json!(inst.user_data));
    let external: Vec<&str> = inst
        .floating_ips
        .iter()
        .filter_map(|f| match f {
            InstanceFip::Assigned(i) => Some(s.floating_ips[*i].address.as_str()),
            InstanceFip::Auto(_) => None,
        })
        .collect();
    m.insert("external_ips".into(), json!(external));
    let internal: Vec<&str> = inst
        .ports
        .iter()
        .flat_map(|p| p.fixed_ips.iter().map(String::as_str))
        .collect();
    m.insert("internal_ips".into(), json!(internal));
    m.insert("latitude".into(), Value::Null);
    m.insert("longitude".into(), Value::Null);
    m.insert("key_name".into(), json!(inst.key_name));
    m.insert("key_fingerprint".into(), json!(inst.key_fingerprint));
    m.insert("image_name".into(), json!(inst.image_name));
    m.insert("flavor_disk".into(), json!(f.disk));
    m.insert("flavor_name".into(), json!(f.name));
    let volume_state = if booted { State::Ok } else { inst.state };
    let volumes: Vec<Value> = inst
        .volumes
        .iter()
        .map(|vol| {
            json!({
                "url": v.url("openstack-volumes", &vol.uuid),
                "uuid": vol.uuid,
                "name": vol.name,
                "image_name": vol.image_name,
                "state": v.state(volume_state),
                "bootable": vol.bootable,
                "size": vol.size,
                "device": vol.device,
                "resource_type": "OpenStack.Volume",
                "type": Value::Null,
                "type_name": "ssd",
                "marketplace_resource_uuid": Value::Null,
            })
        })
        .collect();
    m.insert("volumes".into(), Value::Array(volumes));
    m.insert(
        "security_groups".into(),
        Value::Array(
            inst.security_groups
                .iter()
                .map(|&g| nested_sg(s, v, g))
                .collect(),
        ),
    );
    match &inst.server_group {
        Some(sg) => {
            m.insert(
                "server_group".into(),
                json!({
                    "url": v.url("openstack-server-groups", &fake_backend_id(&inst.uuid).replace('-', "")),
                    "name": sg,
                    "policy": "anti-affinity",
                    "state": State::Ok.label(),
                }),
            );
        }
        None if v.is_2024() => {
            m.insert("server_group".into(), Value::Null);
        }
        None => {}
    }
    m.insert(
        "floating_ips".into(),
        Value::Array(
            inst.floating_ips
                .iter()
                .map(|f| nested_fip(s, v, f))
                .collect(),
        ),
    );
    m.insert(
        "ports".into(),
        Value::Array(
            inst.ports
                .iter()
                .map(|p| nested_port(s, v, inst, p))
                .collect(),
        ),
    );
    m.insert("availability_zone".into(), Value::Null);
    m.insert("availability_zone_name".into(), json!("nova"));
    m.insert("connect_directly_to_external_network".into(), json!(false));
    m.insert("config_drive".into(), Value::Null);
    m.insert("runtime_state".into(), json!(inst.runtime_state));
    m.insert("action".into(), json!(""));
    m.insert("action_details".into(), json!({}));
    m.insert("tenant_uuid".into(), json!(s.tenants[inst.tenant].uuid));
    m.insert(
        "hypervisor_hostname".into(),
        json!(format!("compute-{:02}.cloud.example", inst.tenant + 1)),
    );
    m.insert(
        "tenant".into(),
        json!(v.url("openstack-tenants", &s.tenants[inst.tenant].uuid)),
    );
    m.insert("external_address".into(), json!([]));
    m.insert("rancher_cluster".into(), Value::Null);
    let t = &s.tenants[inst.tenant];
    let mp = Marketplace {
        offering_uuid: fake_backend_id(&t.settings_uuid).replace('-', ""),
        offering_name: "Virtual machine".into(),
        category_uuid: fake_backend_id(&t.uuid).replace('-', ""),
        category_name: "Virtual machines".into(),
        resource_uuid: inst.marketplace_resource_uuid.clone(),
        plan_uuid: fake_backend_id(&inst.marketplace_resource_uuid).replace('-', ""),
        resource_state: if booted {
            "OK".into()
        } else {
            "Creating".into()
        },
    };
    marketplace_fields(&mut m, v, Some(&mp), "OpenStack.Instance");
    if v.is_2024() {
        m.insert("offering_external_ips".into(), json!(external));
    }
    Value::Object(m)
}
