//! What the restore dialog needs: flavors, subnets, security groups, floating IPs, instances and
//! tenants (lists with `tenant_uuid` and friends, and retrieves), plus nested JSON shapes.

use crate::app::App;
use crate::auth::{authenticate, User};
use crate::backups::requested_fields;
use crate::clock::iso;
use crate::http::*;
use crate::pagination;
use crate::store::*;
use axum::extract::{Path, Request, State as With};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

fn common(
    s: &Store,
    base: &str,
    collection: &str,
    uuid: &str,
    tenant: usize,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "url".into(),
        json!(format!("{base}/api/{collection}/{uuid}/")),
    );
    m.insert("uuid".into(), json!(uuid));
    m.extend(s.resource_common(base, tenant, s.tenants[tenant].project));
    m
}

fn tail(
    m: &mut Map<String, Value>,
    state: State,
    created: chrono::DateTime<chrono::Utc>,
    backend_id: &str,
) {
    m.insert("error_message".into(), json!(""));
    m.insert("error_traceback".into(), json!(""));
    m.insert("state".into(), json!(state.as_str()));
    m.insert("created".into(), json!(iso(created)));
    m.insert("modified".into(), json!(iso(created)));
    m.insert("backend_id".into(), json!(backend_id));
    m.insert("access_url".into(), Value::Null);
}

fn tenant_ref(s: &Store, base: &str, m: &mut Map<String, Value>, tenant: usize) {
    let t = &s.tenants[tenant];
    m.insert(
        "tenant".into(),
        json!(format!("{base}/api/openstack-tenants/{}/", t.uuid)),
    );
    m.insert("tenant_name".into(), json!(t.name));
    m.insert("tenant_uuid".into(), json!(t.uuid));
}

fn rule_json(s: &Store, base: &str, r: &Rule, full: bool) -> Value {
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
        let url = r.remote_group.map(|g| {
            format!(
                "{base}/api/openstack-security-groups/{}/",
                s.security_groups[g].uuid
            )
        });
        m.insert("remote_group".into(), json!(url));
    }
    Value::Object(m)
}

/// `OpenStackNestedSecurityGroup`.
pub fn nested_sg(s: &Store, base: &str, g: usize) -> Value {
    let sg = &s.security_groups[g];
    json!({
        "url": format!("{base}/api/openstack-security-groups/{}/", sg.uuid),
        "name": sg.name,
        "rules": sg.rules.iter().map(|r| rule_json(s, base, r, false)).collect::<Vec<_>>(),
        "description": sg.description,
        "state": "OK",
    })
}

/// `OpenStackSecurityGroup`.
pub fn sg_json(s: &Store, base: &str, g: usize) -> Value {
    let sg = &s.security_groups[g];
    let mut m = common(s, base, "openstack-security-groups", &sg.uuid, sg.tenant);
    m.insert("name".into(), json!(sg.name));
    m.insert("description".into(), json!(sg.description));
    tail(&mut m, State::Ok, sg.created, &sg.backend_id);
    m.insert("resource_type".into(), json!("OpenStack.SecurityGroup"));
    tenant_ref(s, base, &mut m, sg.tenant);
    m.insert(
        "rules".into(),
        Value::Array(
            sg.rules
                .iter()
                .map(|r| rule_json(s, base, r, true))
                .collect(),
        ),
    );
    marketplace_fields(&mut m, None);
    Value::Object(m)
}

fn subnet_ref(s: &Store, base: &str, m: &mut Map<String, Value>, sub: usize) {
    let sn = &s.subnets[sub];
    m.insert(
        "subnet".into(),
        json!(format!("{base}/api/openstack-subnets/{}/", sn.uuid)),
    );
    m.insert("subnet_uuid".into(), json!(sn.uuid));
    m.insert("subnet_name".into(), json!(sn.name));
    m.insert("subnet_description".into(), json!(sn.description));
    m.insert("subnet_cidr".into(), json!(sn.cidr));
}

/// `OpenStackNestedPort`.
pub fn nested_port(s: &Store, base: &str, inst: &Instance, p: &Port) -> Value {
    let sn = &s.subnets[p.subnet];
    let mut m = Map::new();
    m.insert(
        "url".into(),
        json!(format!("{base}/api/openstack-ports/{}/", p.uuid)),
    );
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
    subnet_ref(s, base, &mut m, p.subnet);
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
    m.insert(
        "security_groups".into(),
        Value::Array(
            p.security_groups
                .iter()
                .map(|&g| sg_json(s, base, g))
                .collect(),
        ),
    );
    Value::Object(m)
}

/// `OpenStackNestedFloatingIP` (an auto-assign entry has a subnet and no URL).
pub fn nested_fip(s: &Store, base: &str, f: &InstanceFip) -> Value {
    let mut m = Map::new();
    match *f {
        InstanceFip::Assigned(i) => {
            let fip = &s.floating_ips[i];
            m.insert(
                "url".into(),
                json!(format!("{base}/api/openstack-floating-ips/{}/", fip.uuid)),
            );
            m.insert("uuid".into(), json!(fip.uuid));
            m.insert("address".into(), json!(fip.address));
            m.insert("port_fixed_ips".into(), port_fixed_ips(s, fip));
            m.insert("port_mac_address".into(), json!(fip.port_mac));
            if let Some(sub) = fip.subnet {
                subnet_ref(s, base, &mut m, sub);
            }
        }
        InstanceFip::Auto(sub) => {
            m.insert("address".into(), Value::Null);
            m.insert("port_fixed_ips".into(), json!([]));
            m.insert("port_mac_address".into(), Value::Null);
            subnet_ref(s, base, &mut m, sub);
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
pub fn flavor_json(s: &Store, base: &str, i: usize) -> Value {
    let f = &s.flavors[i];
    let t = &s.tenants[f.tenant];
    json!({
        "url": format!("{base}/api/openstack-flavors/{}/", f.uuid),
        "uuid": f.uuid,
        "name": f.name,
        "settings": format!("{base}/api/service-settings/{}/", t.settings_uuid),
        "cores": f.cores,
        "ram": f.ram,
        "disk": f.disk,
        "backend_id": f.backend_id,
        "display_name": format!("{} ({} CPU, {} GB RAM, {} GB HDD)", f.name, f.cores, f.ram / 1024, f.disk / 1024),
    })
}

/// `OpenStackSubNet`.
pub fn subnet_json(s: &Store, base: &str, i: usize) -> Value {
    let sn = &s.subnets[i];
    let mut m = common(s, base, "openstack-subnets", &sn.uuid, sn.tenant);
    m.insert("name".into(), json!(sn.name));
    m.insert("description".into(), json!(sn.description));
    tail(&mut m, State::Ok, sn.created, &sn.backend_id);
    m.insert("resource_type".into(), json!("OpenStack.SubNet"));
    let t = &s.tenants[sn.tenant];
    m.insert(
        "tenant".into(),
        json!(format!("{base}/api/openstack-tenants/{}/", t.uuid)),
    );
    m.insert("tenant_name".into(), json!(t.name));
    m.insert(
        "network".into(),
        json!(format!(
            "{base}/api/openstack-networks/{}/",
            sn.network_uuid
        )),
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
    marketplace_fields(&mut m, None);
    Value::Object(m)
}

/// `OpenStackFloatingIP`.
pub fn fip_json(s: &Store, base: &str, i: usize) -> Value {
    let f = &s.floating_ips[i];
    let mut m = common(s, base, "openstack-floating-ips", &f.uuid, f.tenant);
    m.insert("name".into(), json!(f.address));
    m.insert("description".into(), json!(""));
    tail(&mut m, State::Ok, f.created, &f.backend_id);
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
    tenant_ref(s, base, &mut m, f.tenant);
    if f.instance.is_some() {
        m.insert(
            "port".into(),
            json!(format!(
                "{base}/api/openstack-ports/{}/",
                fake_backend_id(&f.uuid).replace('-', "")
            )),
        );
    }
    m.insert("external_address".into(), Value::Null);
    m.insert("port_fixed_ips".into(), port_fixed_ips(s, f));
    let inst = f.instance.map(|i| &s.instances[i]);
    m.insert("instance_uuid".into(), json!(inst.map(|i| &i.uuid)));
    m.insert("instance_name".into(), json!(inst.map(|i| &i.name)));
    m.insert(
        "instance_url".into(),
        json!(inst.map(|i| format!("{base}/api/openstack-instances/{}/", i.uuid))),
    );
    marketplace_fields(&mut m, None);
    Value::Object(m)
}

/// `OpenStackTenant`.
pub fn tenant_json(s: &Store, base: &str, i: usize) -> Value {
    let t = &s.tenants[i];
    let mut m = common(s, base, "openstack-tenants", &t.uuid, i);
    m.insert("name".into(), json!(t.name));
    m.insert("description".into(), json!(t.description));
    tail(&mut m, State::Ok, t.created, &t.backend_id);
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
    m.insert(
        "quotas".into(),
        Value::Array(
            t.quotas
                .iter()
                .map(|q| json!({ "name": q.name, "usage": q.usage, "limit": q.limit }))
                .collect(),
        ),
    );
    m.insert("default_volume_type_name".into(), json!("ssd"));
    m.insert("skip_creation_of_default_router".into(), json!(false));
    marketplace_fields(&mut m, t.marketplace.as_ref());
    Value::Object(m)
}

/// `OpenStackInstance`.
pub fn instance_json(s: &Store, base: &str, i: usize) -> Value {
    let inst = &s.instances[i];
    let f = &s.flavors[inst.flavor];
    let mut m = common(s, base, "openstack-instances", &inst.uuid, inst.tenant);
    m.insert("name".into(), json!(inst.name));
    m.insert("description".into(), json!(inst.description));
    tail(&mut m, inst.state, inst.created, &inst.backend_id);
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
    let volumes: Vec<Value> = inst
        .volumes
        .iter()
        .map(|v| {
            json!({
                "url": format!("{base}/api/openstack-volumes/{}/", v.uuid),
                "uuid": v.uuid,
                "name": v.name,
                "image_name": v.image_name,
                "state": if booted { "OK" } else { inst.state.as_str() },
                "bootable": v.bootable,
                "size": v.size,
                "device": v.device,
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
                .map(|&g| nested_sg(s, base, g))
                .collect(),
        ),
    );
    if let Some(sg) = &inst.server_group {
        m.insert(
            "server_group".into(),
            json!({ "url": format!("{base}/api/openstack-server-groups/{}/", fake_backend_id(&inst.uuid).replace('-', "")), "name": sg, "policy": "anti-affinity", "state": "OK" }),
        );
    }
    m.insert(
        "floating_ips".into(),
        Value::Array(
            inst.floating_ips
                .iter()
                .map(|f| nested_fip(s, base, f))
                .collect(),
        ),
    );
    m.insert(
        "ports".into(),
        Value::Array(
            inst.ports
                .iter()
                .map(|p| nested_port(s, base, inst, p))
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
        json!(format!(
            "{base}/api/openstack-tenants/{}/",
            s.tenants[inst.tenant].uuid
        )),
    );
    m.insert("external_address".into(), json!([]));
    m.insert("rancher_cluster".into(), Value::Null);
    let mp = Marketplace {
        offering_uuid: fake_backend_id(&s.tenants[inst.tenant].settings_uuid).replace('-', ""),
        offering_name: "Virtual machine".into(),
        category_uuid: fake_backend_id(&s.tenants[inst.tenant].uuid).replace('-', ""),
        category_name: "Virtual machines".into(),
        resource_uuid: inst.marketplace_resource_uuid.clone(),
        plan_uuid: fake_backend_id(&inst.marketplace_resource_uuid).replace('-', ""),
        resource_state: if booted {
            "OK".into()
        } else {
            "Creating".into()
        },
    };
    marketplace_fields(&mut m, Some(&mp));
    m.insert(
        "marketplace_offering_type".into(),
        json!("OpenStack.Instance"),
    );
    Value::Object(m)
}

/// The related collections and the model names in their 404 messages.
const COLLECTIONS: [(&str, &str); 6] = [
    ("openstack-flavors", "OpenStackFlavor"),
    ("openstack-subnets", "OpenStackSubNet"),
    ("openstack-security-groups", "OpenStackSecurityGroup"),
    ("openstack-floating-ips", "OpenStackFloatingIP"),
    ("openstack-instances", "OpenStackInstance"),
    ("openstack-tenants", "OpenStackTenant"),
];

fn tenant_of(s: &Store, collection: &str, i: usize) -> usize {
    match collection {
        "openstack-flavors" => s.flavors[i].tenant,
        "openstack-subnets" => s.subnets[i].tenant,
        "openstack-security-groups" => s.security_groups[i].tenant,
        "openstack-floating-ips" => s.floating_ips[i].tenant,
        "openstack-instances" => s.instances[i].tenant,
        _ => i,
    }
}

fn len_of(s: &Store, collection: &str) -> usize {
    match collection {
        "openstack-flavors" => s.flavors.len(),
        "openstack-subnets" => s.subnets.len(),
        "openstack-security-groups" => s.security_groups.len(),
        "openstack-floating-ips" => s.floating_ips.len(),
        "openstack-instances" => s.instances.len(),
        _ => s.tenants.len(),
    }
}

fn uuid_of<'a>(s: &'a Store, collection: &str, i: usize) -> &'a str {
    match collection {
        "openstack-flavors" => &s.flavors[i].uuid,
        "openstack-subnets" => &s.subnets[i].uuid,
        "openstack-security-groups" => &s.security_groups[i].uuid,
        "openstack-floating-ips" => &s.floating_ips[i].uuid,
        "openstack-instances" => &s.instances[i].uuid,
        _ => &s.tenants[i].uuid,
    }
}

fn name_of<'a>(s: &'a Store, collection: &str, i: usize) -> &'a str {
    match collection {
        "openstack-flavors" => &s.flavors[i].name,
        "openstack-subnets" => &s.subnets[i].name,
        "openstack-security-groups" => &s.security_groups[i].name,
        "openstack-floating-ips" => &s.floating_ips[i].address,
        "openstack-instances" => &s.instances[i].name,
        _ => &s.tenants[i].name,
    }
}

/// The JSON of item `i` of a related collection.
pub fn item_json(s: &Store, base: &str, collection: &str, i: usize) -> Value {
    match collection {
        "openstack-flavors" => flavor_json(s, base, i),
        "openstack-subnets" => subnet_json(s, base, i),
        "openstack-security-groups" => sg_json(s, base, i),
        "openstack-floating-ips" => fip_json(s, base, i),
        "openstack-instances" => instance_json(s, base, i),
        _ => tenant_json(s, base, i),
    }
}

fn visible(s: &Store, user: User, collection: &str, i: usize) -> bool {
    user.sees(s.tenants[tenant_of(s, collection, i)].project)
}

/// 404 for paths outside the API.
pub async fn not_found(req: Request) -> Response {
    let req = Req::read(req).await;
    match authenticate(&req.headers) {
        Err(e) => e.into_response(),
        Ok(_) => ApiError::detail(StatusCode::NOT_FOUND, "Not found.").into_response(),
    }
}

fn model_of(collection: &str) -> Option<&'static str> {
    COLLECTIONS
        .iter()
        .find(|(c, _)| *c == collection)
        .map(|(_, m)| *m)
}

/// `GET /api/<collection>/{uuid}/` for the related collections.
pub async fn detail_route(
    With(app): With<App>,
    Path((collection, uuid)): Path<(String, String)>,
    req: Request,
) -> Response {
    let req = Req::read(req).await;
    detail(&app, &collection, &uuid, &req).unwrap_or_else(IntoResponse::into_response)
}

fn detail(app: &App, collection: &str, uuid: &str, req: &Req) -> ApiResult {
    let user = authenticate(&req.headers)?;
    let model = model_of(collection)
        .ok_or_else(|| ApiError::detail(StatusCode::NOT_FOUND, "Not found."))?;
    if req.method != Method::GET && req.method != Method::HEAD {
        return Err(ApiError::method_not_allowed(&req.method));
    }
    let w = app.world();
    let s = &w.store;
    let u = normalize_uuid(uuid).ok_or_else(|| ApiError::not_found(model))?;
    let i = (0..len_of(s, collection))
        .find(|&i| uuid_of(s, collection, i) == u && visible(s, user, collection, i))
        .ok_or_else(|| ApiError::not_found(model))?;
    Ok(json_response(
        StatusCode::OK,
        &item_json(s, &req.base(), collection, i),
    ))
}

/// `GET /api/<collection>/` for the related collections.
pub async fn list_route(
    With(app): With<App>,
    Path(collection): Path<String>,
    req: Request,
) -> Response {
    let req = Req::read(req).await;
    list(&app, &collection, &req).unwrap_or_else(IntoResponse::into_response)
}

fn number_param(
    pairs: &[(String, String)],
    key: &str,
    errors: &mut Map<String, Value>,
) -> Option<f64> {
    let v = last(pairs, key).filter(|v| !v.is_empty())?;
    match v.trim().parse::<f64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.insert(key.into(), json!(["Enter a number."]));
            None
        }
    }
}

fn list(app: &App, collection: &str, req: &Req) -> ApiResult {
    let user = authenticate(&req.headers)?;
    model_of(collection).ok_or_else(|| ApiError::detail(StatusCode::NOT_FOUND, "Not found."))?;
    if req.method != Method::GET && req.method != Method::HEAD {
        return Err(ApiError::method_not_allowed(&req.method));
    }
    let pairs = req.pairs();
    let base = req.base();
    let w = app.world();
    let s = &w.store;
    let mut errors = Map::new();
    let tenant_uuid = uuid_param(&pairs, "tenant_uuid", &mut errors);
    let settings_uuid = uuid_param(&pairs, "settings_uuid", &mut errors);
    let project_uuid = uuid_param(&pairs, "project_uuid", &mut errors);
    let ram = number_param(&pairs, "ram__gte", &mut errors);
    let disk = number_param(&pairs, "disk__gte", &mut errors);
    let cores = number_param(&pairs, "cores__gte", &mut errors);
    let order = last(&pairs, "o").filter(|o| !o.is_empty());
    if collection == "openstack-flavors" {
        if let Some(o) = order {
            if !["cores", "-cores", "ram", "-ram", "disk", "-disk"].contains(&o) {
                errors.insert(
                    "o".into(),
                    json!([format!(
                        "Select a valid choice. {o} is not one of the available choices."
                    )]),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::bad_request(Value::Object(errors)));
    }
    let name = text_param(&pairs, "name");
    let free = matches!(last(&pairs, "free"), Some("true" | "True" | "1"));
    let mut items: Vec<usize> = (0..len_of(s, collection))
        .filter(|&i| {
            let t = tenant_of(s, collection, i);
            let tenant = &s.tenants[t];
            visible(s, user, collection, i)
                && tenant_uuid.as_ref().is_none_or(|u| *u == tenant.uuid)
                && settings_uuid
                    .as_ref()
                    .is_none_or(|u| *u == tenant.settings_uuid)
                && project_uuid
                    .as_ref()
                    .is_none_or(|u| *u == s.projects[tenant.project].uuid)
                && name.as_ref().is_none_or(|n| {
                    name_of(s, collection, i)
                        .to_lowercase()
                        .contains(n.as_str())
                })
        })
        .collect();
    match collection {
        "openstack-flavors" => {
            items.retain(|&i| {
                let f = &s.flavors[i];
                ram.is_none_or(|r| f.ram as f64 >= r)
                    && disk.is_none_or(|d| f.disk as f64 >= d)
                    && cores.is_none_or(|c| f.cores as f64 >= c)
            });
            let (desc, key) = match order {
                Some(o) => (o.starts_with('-'), o.trim_start_matches('-')),
                None => (false, "cores"),
            };
            let k = |i: usize| {
                let f = &s.flavors[i];
                match key {
                    "ram" => (f.ram, f.cores, f.disk),
                    "disk" => (f.disk, f.cores, f.ram),
                    _ => (f.cores, f.ram, f.disk),
                }
            };
            items.sort_by(|a, b| {
                k(*a)
                    .cmp(&k(*b))
                    .then_with(|| s.flavors[*a].uuid.cmp(&s.flavors[*b].uuid))
            });
            if desc {
                items.reverse();
            }
        }
        "openstack-floating-ips" => {
            if free {
                items
                    .retain(|&i| s.floating_ips[i].instance.is_none() && !s.floating_ips[i].booked);
            }
            items.sort_by(|a, b| s.floating_ips[*a].address.cmp(&s.floating_ips[*b].address));
        }
        _ => items.sort_by(|a, b| {
            name_of(s, collection, *a)
                .to_lowercase()
                .cmp(&name_of(s, collection, *b).to_lowercase())
                .then_with(|| uuid_of(s, collection, *a).cmp(uuid_of(s, collection, *b)))
        }),
    }
    if req.method == Method::HEAD {
        let mut r = StatusCode::OK.into_response();
        r.headers_mut().insert("x-result-count", items.len().into());
        return Ok(r);
    }
    let page = pagination::paginate(&pairs, items.len())?;
    let rows: Vec<Value> = items
        .iter()
        .skip(page.offset())
        .take(page.size)
        .map(|&i| {
            let mut v = item_json(s, &base, collection, i);
            if let Some(obj) = v.as_object_mut() {
                let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
                if let Some(wanted) = requested_fields(&pairs, &keys) {
                    obj.retain(|k, _| wanted.contains(k));
                }
            }
            v
        })
        .collect();
    let mut r = json_response(StatusCode::OK, &Value::Array(rows));
    pagination::add_headers(&mut r, &page, &base, req.uri.path(), &pairs, false);
    Ok(r)
}
