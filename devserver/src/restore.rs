//! `POST /api/openstack-backups/{uuid}/restore/`: validation in the real server's order, then a
//! new instance, booked floating IPs and a restoration entry on the backup.

use crate::http::{url_uuid, ApiError};
use crate::store::*;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

/// A hyperlink field resolved to an index, or the DRF error for it.
fn hyperlink(s: &Store, v: &Value, collection: &str) -> Result<usize, String> {
    let url = match v {
        Value::Null => return Err("This field may not be null.".into()),
        Value::String(u) => u,
        Value::Number(n) if n.is_f64() => {
            return Err("Incorrect type. Expected URL string, received float.".into())
        }
        Value::Number(_) => return Err("Incorrect type. Expected URL string, received int.".into()),
        Value::Bool(_) => return Err("Incorrect type. Expected URL string, received bool.".into()),
        Value::Array(_) => return Err("Incorrect type. Expected URL string, received list.".into()),
        Value::Object(_) => {
            return Err("Incorrect type. Expected URL string, received dict.".into())
        }
    };
    let Some((coll, uuid)) = url_uuid(url) else {
        return Err("Invalid hyperlink - No URL match.".into());
    };
    if coll != collection {
        return Err("Invalid hyperlink - Incorrect URL match.".into());
    }
    let found = match collection {
        "openstack-flavors" => s.flavors.iter().position(|x| x.uuid == uuid),
        "openstack-subnets" => s.subnets.iter().position(|x| x.uuid == uuid),
        "openstack-security-groups" => s.security_groups.iter().position(|x| x.uuid == uuid),
        "openstack-floating-ips" => s.floating_ips.iter().position(|x| x.uuid == uuid),
        _ => None,
    };
    found.ok_or_else(|| "Invalid hyperlink - Object does not exist.".into())
}

fn list_of<'a>(v: &'a Value, errors: &mut Map<String, Value>, key: &str) -> Option<&'a Vec<Value>> {
    match v {
        Value::Array(a) => Some(a),
        Value::Null => {
            errors.insert(key.into(), json!(["This field may not be null."]));
            None
        }
        other => {
            let t = match other {
                Value::Object(_) => "dict",
                Value::String(_) => "str",
                Value::Bool(_) => "bool",
                _ => "int",
            };
            errors.insert(
                key.into(),
                json!([format!("Expected a list of items but got type \"{t}\".")]),
            );
            None
        }
    }
}

fn item_object<'a>(
    v: &'a Value,
    item_errors: &mut Map<String, Value>,
) -> Option<&'a Map<String, Value>> {
    match v.as_object() {
        Some(o) => Some(o),
        None => {
            item_errors.insert(
                "non_field_errors".into(),
                json!(["Invalid data. Expected a dictionary, but got a different type."]),
            );
            None
        }
    }
}

/// A floating IP as Waldur's messages name it (its `__str__`): `address:RUNTIME_STATE
/// (service settings name (type))`.
pub fn fip_label(s: &Store, fip: &FloatingIp) -> String {
    let state = if fip.instance.is_some() {
        "ACTIVE"
    } else {
        "DOWN"
    };
    let settings = &s.tenants[fip.tenant].settings_name;
    format!("{}:{state} ({settings} (OpenStack))", fip.address)
}

/// A requested port.
struct PortReq {
    subnet: Option<usize>,
    fixed_ips: Vec<(String, String)>,
}

/// A requested floating IP.
struct FipReq {
    subnet: usize,
    fip: Option<usize>,
}

/// Validates a restore request for backup `bi` and performs it; returns the new instance's
/// index.
pub fn restore(
    s: &mut Store,
    bi: usize,
    body: &Value,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let obj = crate::http::expect_object(body)?;
    let b = s.backups[bi].as_ref().expect("backup exists");
    let tenant = b.tenant;
    let source = b.instance;
    let mut errors = Map::new();

    let flavor = match obj.get("flavor") {
        None => {
            errors.insert("flavor".into(), json!(["This field is required."]));
            None
        }
        Some(v) => hyperlink(s, v, "openstack-flavors")
            .map_err(|e| errors.insert("flavor".into(), json!([e])))
            .ok(),
    };
    let name = match obj.get("name") {
        None => None,
        Some(Value::String(n)) if n.trim().is_empty() => {
            errors.insert("name".into(), json!(["This field may not be blank."]));
            None
        }
        Some(Value::String(n)) if n.chars().count() > 255 => {
            errors.insert(
                "name".into(),
                json!(["Ensure this field has no more than 255 characters."]),
            );
            None
        }
        Some(Value::String(n)) => Some(n.trim().to_string()),
        Some(Value::Null) => {
            errors.insert("name".into(), json!(["This field may not be null."]));
            None
        }
        Some(_) => {
            errors.insert("name".into(), json!(["Not a valid string."]));
            None
        }
    };

    let mut sgs = Vec::new();
    if let Some(list) = obj
        .get("security_groups")
        .and_then(|v| list_of(v, &mut errors, "security_groups"))
    {
        let mut per_item = Vec::new();
        for item in list {
            let mut e = Map::new();
            if let Some(o) = item_object(item, &mut e) {
                // Waldur's `HyperlinkedRelatedModelSerializer`: its errors are the item's own.
                match o.get("url") {
                    None => {
                        e.insert(
                            "non_field_errors".into(),
                            json!(["URL has to be defined for related object."]),
                        );
                    }
                    Some(u) => match hyperlink(s, u, "openstack-security-groups") {
                        Ok(g) => sgs.push(g),
                        Err(m) => {
                            e.insert("non_field_errors".into(), json!([m]));
                        }
                    },
                }
            }
            per_item.push(Value::Object(e));
        }
        if per_item
            .iter()
            .any(|e| e.as_object().is_some_and(|o| !o.is_empty()))
        {
            errors.insert("security_groups".into(), Value::Array(per_item));
        }
    }

    let mut ports = Vec::new();
    if let Some(list) = obj
        .get("ports")
        .and_then(|v| list_of(v, &mut errors, "ports"))
    {
        let mut per_item = Vec::new();
        for item in list {
            let mut e = Map::new();
            if let Some(o) = item_object(item, &mut e) {
                let mut port = PortReq {
                    subnet: None,
                    fixed_ips: Vec::new(),
                };
                match o.get("subnet") {
                    None | Some(Value::Null) => {}
                    Some(u) => match hyperlink(s, u, "openstack-subnets") {
                        Ok(sub) => port.subnet = Some(sub),
                        Err(m) => {
                            e.insert("subnet".into(), json!([m]));
                        }
                    },
                }
                if let Some(list) = o
                    .get("fixed_ips")
                    .and_then(|v| list_of(v, &mut e, "fixed_ips"))
                {
                    let mut ip_errors = Vec::new();
                    for ip in list {
                        let mut ie = Map::new();
                        if let Some(io) = item_object(ip, &mut ie) {
                            let field = |k: &str, ie: &mut Map<String, Value>| match io.get(k) {
                                None => {
                                    ie.insert(k.into(), json!(["This field is required."]));
                                    None
                                }
                                Some(Value::String(v)) if v.trim().is_empty() => {
                                    ie.insert(k.into(), json!(["This field may not be blank."]));
                                    None
                                }
                                Some(Value::String(v)) => Some(v.trim().to_string()),
                                Some(_) => {
                                    ie.insert(k.into(), json!(["Not a valid string."]));
                                    None
                                }
                            };
                            let addr = field("ip_address", &mut ie);
                            let subnet_id = field("subnet_id", &mut ie);
                            if let Some(a) = &addr {
                                if a.parse::<std::net::IpAddr>().is_err() {
                                    ie.insert(
                                        "ip_address".into(),
                                        json!(["Enter a valid IPv4 or IPv6 address."]),
                                    );
                                }
                            }
                            if let (Some(a), Some(sid)) = (addr, subnet_id) {
                                port.fixed_ips.push((a, sid));
                            }
                        }
                        ip_errors.push(Value::Object(ie));
                    }
                    if ip_errors
                        .iter()
                        .any(|e| e.as_object().is_some_and(|o| !o.is_empty()))
                    {
                        e.insert("fixed_ips".into(), Value::Array(ip_errors));
                    }
                }
                if port.subnet.is_none() {
                    // A port given only by fixed IPs belongs to the subnet named by their subnet_id.
                    port.subnet = port.fixed_ips.first().and_then(|(_, sid)| {
                        s.subnets
                            .iter()
                            .position(|sn| sn.backend_id == *sid || sn.uuid == *sid)
                    });
                }
                ports.push(port);
            }
            per_item.push(Value::Object(e));
        }
        if per_item
            .iter()
            .any(|e| e.as_object().is_some_and(|o| !o.is_empty()))
        {
            errors.insert("ports".into(), Value::Array(per_item));
        }
    }

    let mut fips = Vec::new();
    if let Some(list) = obj
        .get("floating_ips")
        .and_then(|v| list_of(v, &mut errors, "floating_ips"))
    {
        let mut per_item = Vec::new();
        for item in list {
            let mut e = Map::new();
            if let Some(o) = item_object(item, &mut e) {
                let subnet = match o.get("subnet") {
                    None => {
                        e.insert("subnet".into(), json!(["This field is required."]));
                        None
                    }
                    Some(u) => hyperlink(s, u, "openstack-subnets")
                        .map_err(|m| e.insert("subnet".into(), json!([m])))
                        .ok(),
                };
                // Only floating IPs without a port can be chosen: one attached to an
                // instance "does not exist" for this field.
                let fip = match o.get("url") {
                    None | Some(Value::Null) => None,
                    Some(u) => match hyperlink(s, u, "openstack-floating-ips") {
                        Ok(f) if s.floating_ips[f].instance.is_some() => {
                            e.insert(
                                "non_field_errors".into(),
                                json!(["Invalid hyperlink - Object does not exist."]),
                            );
                            None
                        }
                        Ok(f) => Some(f),
                        Err(m) => {
                            e.insert("non_field_errors".into(), json!([m]));
                            None
                        }
                    },
                };
                if let Some(subnet) = subnet {
                    fips.push(FipReq { subnet, fip });
                }
            }
            per_item.push(Value::Object(e));
        }
        if per_item
            .iter()
            .any(|e| e.as_object().is_some_and(|o| !o.is_empty()))
        {
            errors.insert("floating_ips".into(), Value::Array(per_item));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::bad_request(Value::Object(errors)));
    }
    let flavor = flavor.expect("validated");

    // 1. bootable volume
    if !s.instances[source].volumes.iter().any(|v| v.bootable) {
        return Err(ApiError::field(
            "non_field_errors",
            "OpenStack instance should have bootable volume.",
        ));
    }
    // 2. flavor in tenant
    if s.flavors[flavor].tenant != tenant {
        return Err(ApiError::field(
            "flavor",
            "Flavor is not visible in tenant.",
        ));
    }
    // 3. security groups in tenant
    for &g in &sgs {
        if s.security_groups[g].tenant != tenant {
            return Err(ApiError::field(
                "security_groups",
                format!(
                    "Security group {} does not belong to the same tenant as instance.",
                    s.security_groups[g].name
                ),
            ));
        }
    }
    // 4. port subnets in tenant, each once
    let mut seen = Vec::new();
    for p in &ports {
        let Some(sub) = p.subnet else { continue };
        let sn = &s.subnets[sub];
        if sn.tenant != tenant {
            return Err(ApiError::field(
                "ports",
                format!(
                    "Subnet {} does not belong to the same tenant as instance.",
                    sn.name
                ),
            ));
        }
        if seen.contains(&sub) {
            return Err(ApiError::field(
                "non_field_errors",
                format!("It is impossible to connect to subnet {} twice.", sn.name),
            ));
        }
        seen.push(sub);
    }
    // 5. floating IPs
    let mut fip_subnets = Vec::new();
    for f in &fips {
        let sn = &s.subnets[f.subnet];
        if !sn.is_connected {
            return Err(ApiError::field(
                "floating_ips",
                format!("SubNet {} is not connected to router.", sn.name),
            ));
        }
        if !seen.contains(&f.subnet) {
            return Err(ApiError::field(
                "floating_ips",
                format!("SubNet {} is not connected to instance.", sn.name),
            ));
        }
        if let Some(fi) = f.fip {
            let fip = &s.floating_ips[fi];
            if fip.booked {
                return Err(ApiError::field(
                    "floating_ips",
                    format!(
                        "Floating IP {} is already booked for another instance creation",
                        fip_label(s, fip)
                    ),
                ));
            }
            if fip.tenant != tenant {
                return Err(ApiError::field(
                    "floating_ips",
                    format!(
                        "Floating IP {} does not belong to the same tenant as instance.",
                        fip_label(s, fip)
                    ),
                ));
            }
        }
        if fip_subnets.contains(&f.subnet) {
            return Err(ApiError::field(
                "non_field_errors",
                format!("It is impossible to use subnet {} twice.", sn.name),
            ));
        }
        fip_subnets.push(f.subnet);
    }
    // 6. quotas: the instance's (instances, ram, vcpu) together, then each restored volume's
    // (volumes, volumes_size, storage) in turn; nothing is counted when one fails.
    let fl = &s.flavors[flavor];
    let (ram, cores) = (fl.ram, fl.cores);
    let volume_sizes: Vec<i64> = s.instances[source].volumes.iter().map(|v| v.size).collect();
    let saved = s.tenants[tenant].quotas.clone();
    let t = &mut s.tenants[tenant];
    // Ports and the floating IPs OpenStack allocates are counted as the instance is created
    // (a free floating IP that was chosen is counted already).
    let new_fips = fips.iter().filter(|f| f.fip.is_none()).count() as i64;
    let mut steps = vec![vec![
        ("instances", 1),
        ("ram", ram),
        ("vcpu", cores),
        (
            "port_count",
            ports.iter().filter(|p| p.subnet.is_some()).count() as i64,
        ),
        ("floating_ip_count", new_fips),
    ]];
    steps.extend(
        volume_sizes
            .iter()
            .map(|&size| vec![("volumes", 1), ("volumes_size", size), ("storage", size)]),
    );
    for deltas in &steps {
        let exceeded = t.exceeded(deltas);
        if !exceeded.is_empty() {
            t.quotas = saved;
            return Err(ApiError::bad_request(json!([quota_message(&exceeded)])));
        }
        t.add_usage(deltas);
    }

    // Create the instance.
    let seq = s.instances.len();
    let new_uuid = |salt: u64| {
        format!(
            "{:016x}{:016x}",
            0x1e57_0000_0000_0000u64 | (seq as u64) << 8 | salt,
            now.timestamp_micros() as u64
        )
    };
    let src = &s.instances[source];
    let new_index = s.instances.len();
    let mut new_ports = Vec::new();
    for (k, p) in ports.iter().enumerate() {
        let Some(sub) = p.subnet else { continue };
        let prefix = s.subnets[sub].cidr.trim_end_matches(".0/24").to_string();
        let fixed: Vec<String> = if p.fixed_ips.is_empty() {
            vec![format!("{prefix}.{}", 100 + (seq % 100))]
        } else {
            p.fixed_ips.iter().map(|(a, _)| a.clone()).collect()
        };
        new_ports.push(Port {
            uuid: new_uuid(0x10 + k as u64),
            mac: format!(
                "fa:16:3e:{:02x}:{:02x}:{:02x}",
                seq % 256,
                k,
                (now.timestamp() % 256) as u8
            ),
            subnet: sub,
            fixed_ips: fixed,
            allowed_address_pairs: Vec::new(),
            security_groups: sgs.clone(),
        });
    }
    let mut inst_fips = Vec::new();
    for f in &fips {
        match f.fip {
            Some(fi) => inst_fips.push(InstanceFip::Assigned(fi)),
            None => inst_fips.push(InstanceFip::Auto(f.subnet)),
        }
    }
    let volumes = src
        .volumes
        .iter()
        .enumerate()
        .map(|(k, v)| Volume {
            uuid: new_uuid(0x20 + k as u64),
            ..v.clone()
        })
        .collect();
    let next_step = s.schedule(now);
    let src = &s.instances[source];
    let inst = Instance {
        uuid: new_uuid(0),
        name: name.clone().unwrap_or_else(|| src.name.clone()),
        description: src.description.clone(),
        tenant,
        flavor,
        state: State::CreationScheduled,
        next_step,
        runtime_state: String::new(),
        created: now,
        modified: now,
        image_name: src.image_name.clone(),
        key_name: src.key_name.clone(),
        key_fingerprint: src.key_fingerprint.clone(),
        user_data: src.user_data.clone(),
        min_ram: src.min_ram,
        min_disk: src.min_disk,
        volumes,
        ports: new_ports,
        security_groups: sgs,
        floating_ips: inst_fips,
        server_group: None,
        marketplace_resource_uuid: new_uuid(0x30),
        in_marketplace: false,
        schedule_uuid: new_uuid(0x50),
        backend_id: String::new(),
    };
    for f in &fips {
        if let Some(fi) = f.fip {
            let port = inst.ports.iter().find(|p| p.subnet == f.subnet);
            let fip = &mut s.floating_ips[fi];
            fip.booked = true;
            fip.instance = Some(new_index);
            fip.subnet = Some(f.subnet);
            fip.fixed_ip = port.and_then(|p| p.fixed_ips.first().cloned());
            fip.port_mac = port.map(|p| p.mac.clone());
        }
    }
    let inst_name = inst.name.clone();
    s.instances.push(inst);
    let b = s.backups[bi].as_mut().expect("backup exists");
    b.restorations.push(Restoration {
        uuid: new_uuid(0x40),
        instance: new_index,
        created: now,
        flavor,
        flavor_deleted: false,
        name: inst_name,
    });
    s.changed();
    Ok(new_index)
}
