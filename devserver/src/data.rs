//! Seeded demo data: customers, projects, tenants with their networks and quotas, instances and
//! backups in every state. The same seed always gives the same data (timestamps are relative to
//! the clock's start).

use crate::store::*;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map};

/// Default number of backups in the demo data.
pub const DEFAULT_BACKUPS: usize = 160;

/// Options for generating data.
#[derive(Clone, Debug)]
pub struct DataOptions {
    /// Random seed.
    pub seed: u64,
    /// Number of ordinary backups.
    pub backups: usize,
    /// Add backups whose strings try to break the UI (XSS, RTL, very long text, …).
    pub hostile: bool,
    /// Length of one step of a transitional state.
    pub step: Duration,
}

/// Quota limits of one tenant, by name; a name not given is unlimited (-1). Usages follow the
/// data (instances, volumes, ports, floating IPs, backups' snapshots).
pub struct TenantSpec {
    /// Tenant name.
    pub name: &'static str,
    /// Index of its project.
    pub project: usize,
    /// Limits.
    pub limits: &'static [(&'static str, i64)],
    /// How much RAM (MiB) is left after the seeded instances, if it is to be nearly full.
    pub ram_left: Option<i64>,
    /// Snapshot quotas left after the seeded backups (`None`: 500 snapshots, 10,000 GiB).
    pub snapshots_left: Option<(i64, i64)>,
}

/// The demo tenants: alpha-prod has room for everything; climate-hpc has 1 GiB of RAM left
/// (a restore of anything larger than m1.tiny exceeds its quota); lumiere-cloud has no snapshot
/// quota left (creating a backup fails); baltic-edge is unlimited except for instances.
pub const TENANTS: [TenantSpec; 4] = [
    TenantSpec {
        name: "alpha-prod",
        project: 0,
        limits: &[
            ("vcpu", 200),
            ("ram", 1_048_576),
            ("storage", 10_240_000),
            ("instances", 100),
            ("security_group_count", 100),
            ("security_group_rule_count", 100),
            ("floating_ip_count", 50),
            ("port_count", 500),
            ("volumes", 200),
            ("volumes_size", 10_240_000),
            ("network_count", 10),
            ("subnet_count", 10),
        ],
        ram_left: None,
        snapshots_left: None,
    },
    TenantSpec {
        name: "climate-hpc",
        project: 1,
        limits: &[
            ("vcpu", 64),
            ("ram", 65_536),
            ("storage", 2_048_000),
            ("instances", 20),
            ("security_group_count", 100),
            ("security_group_rule_count", 100),
            ("floating_ip_count", 10),
            ("port_count", 100),
            ("volumes", 50),
            ("volumes_size", 2_048_000),
            ("network_count", 10),
            ("subnet_count", 10),
        ],
        ram_left: Some(1024),
        snapshots_left: None,
    },
    TenantSpec {
        name: "lumiere-cloud",
        project: 2,
        limits: &[
            ("vcpu", 128),
            ("ram", 524_288),
            ("storage", 5_120_000),
            ("instances", 50),
            ("security_group_count", 100),
            ("security_group_rule_count", 100),
            ("floating_ip_count", 20),
            ("port_count", 200),
            ("volumes", 100),
            ("volumes_size", 5_120_000),
            ("network_count", 10),
            ("subnet_count", 10),
        ],
        ram_left: None,
        snapshots_left: Some((0, 0)),
    },
    TenantSpec {
        name: "baltic-edge",
        project: 4,
        limits: &[("instances", 30)],
        ram_left: None,
        snapshots_left: None,
    },
];

/// Strings that try to break a UI.
pub const HOSTILE_STRINGS: [&str; 8] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "نسخة احتياطية ليلية",
    "גיבוי לילי של מסד הנתונים",
    "🔥💾 backup 🚀✨",
    "zero\u{200b}width\u{200c}joiner\u{200d}text\u{feff}",
    "'; DROP TABLE backups; --",
];

fn uuid(rng: &mut StdRng) -> String {
    format!("{:032x}", rng.gen::<u128>())
}

fn mac(rng: &mut StdRng) -> String {
    let b: [u8; 5] = rng.gen();
    format!("fa:16:3e:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2])
}

fn fingerprint(rng: &mut StdRng) -> String {
    (0..16)
        .map(|_| format!("{:02x}", rng.gen::<u8>()))
        .collect::<Vec<_>>()
        .join(":")
}

/// Generates a fresh store at clock time `now`.
pub fn generate(opts: &DataOptions, now: DateTime<Utc>) -> Store {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let r = &mut rng;
    let mut s = Store {
        step: opts.step,
        last_sweep: now,
        ..Default::default()
    };

    for (name, native, abbr) in [
        (
            "Alpha Research Institute",
            "Alpha Forschungsinstitut",
            "ARI",
        ),
        ("Université de Lumière", "Université de Lumière", "UdL"),
        ("Baltic Compute Cooperative", "Balti Arvutusühistu", "BCC"),
    ] {
        s.customers.push(Customer {
            uuid: uuid(r),
            name: name.into(),
            native_name: native.into(),
            abbreviation: abbr.into(),
        });
    }
    for (name, customer) in [
        ("Genomics pipeline", 0),
        ("Climate models", 0),
        ("Bibliothèque numérique", 1),
        ("Teaching lab", 1),
        ("Edge analytics", 2),
        ("Archive", 2),
    ] {
        s.projects.push(Project {
            uuid: uuid(r),
            name: name.into(),
            customer,
        });
    }

    for (ti, spec) in TENANTS.iter().enumerate() {
        let name = spec.name;
        let project = spec.project;
        let settings_uuid = uuid(r);
        let (state, err) = if ti == 3 {
            ("ERRED", "Unable to authenticate to Keystone: connection timed out (https://keystone.baltic.example:5000/v3)")
        } else {
            ("OK", "")
        };
        let marketplace = (ti % 2 == 0).then(|| Marketplace {
            offering_uuid: uuid(r),
            offering_name: format!("OpenStack {name}"),
            category_uuid: uuid(r),
            category_name: "Private clouds".into(),
            resource_uuid: uuid(r),
            plan_uuid: uuid(r),
            resource_state: "OK".into(),
        });
        let quotas = QUOTA_NAMES
            .iter()
            .map(|&q| Quota {
                name: q,
                limit: spec
                    .limits
                    .iter()
                    .find(|(n, _)| *n == q)
                    .map_or(-1, |(_, l)| *l),
                usage: 0,
            })
            .collect();
        s.tenants.push(Tenant {
            uuid: uuid(r),
            name: name.into(),
            description: format!("Tenant {name}"),
            project,
            settings_uuid,
            settings_name: format!("{name} (OpenStack tenant)"),
            settings_state: state.into(),
            settings_error: err.into(),
            backend_id: format!("{:032x}", r.gen::<u128>()),
            quotas,
            created: now - Duration::days(400 + 30 * ti as i64),
            marketplace,
        });

        for (fname, cores, ram, disk) in [
            ("m1.tiny", 1, 512, 1024),
            ("m1.small", 1, 2048, 20480),
            ("m1.medium", 2, 4096, 40960),
            ("m1.large", 4, 8192, 81920),
            ("m1.xlarge", 8, 16384, 163840),
            ("c1.huge", 32, 131072, 327680),
        ] {
            s.flavors.push(Flavor {
                uuid: uuid(r),
                name: fname.into(),
                tenant: ti,
                cores,
                ram,
                disk,
                backend_id: format!("{:08x}", r.gen::<u32>()),
            });
        }
        for (si, (sname, connected)) in [
            ("private", true),
            ("dmz", true),
            ("storage", false),
            ("management", false),
        ]
        .into_iter()
        .enumerate()
        {
            let u = uuid(r);
            s.subnets.push(Subnet {
                backend_id: fake_backend_id(&uuid(r)),
                uuid: u,
                name: format!("{name}-{sname}"),
                description: format!("{sname} network of {name}"),
                tenant: ti,
                cidr: format!("10.{ti}.{si}.0/24"),
                gateway_ip: format!("10.{ti}.{si}.1"),
                is_connected: connected,
                network_uuid: uuid(r),
                network_name: format!("{name}-net-{sname}"),
                created: now - Duration::days(300),
            });
        }
        let first_sg = s.security_groups.len();
        for (gname, desc) in [
            ("default", "Default security group"),
            ("web", "HTTP and HTTPS from anywhere"),
            ("ssh", "SSH from the office"),
            ("db", "PostgreSQL from web servers"),
        ] {
            let id_base = (s.security_groups.len() as i64) * 10;
            let rules = match gname {
                "default" => vec![
                    rule(
                        id_base + 1,
                        "egress",
                        "",
                        None,
                        None,
                        Some("0.0.0.0/0"),
                        None,
                        "Allow all outgoing",
                    ),
                    rule(
                        id_base + 2,
                        "ingress",
                        "icmp",
                        Some(-1),
                        Some(-1),
                        Some("0.0.0.0/0"),
                        None,
                        "Ping",
                    ),
                    rule(
                        id_base + 3,
                        "ingress",
                        "",
                        None,
                        None,
                        None,
                        Some(first_sg),
                        "Members of default",
                    ),
                ],
                "web" => vec![
                    rule(
                        id_base + 1,
                        "ingress",
                        "tcp",
                        Some(80),
                        Some(80),
                        Some("0.0.0.0/0"),
                        None,
                        "HTTP",
                    ),
                    rule(
                        id_base + 2,
                        "ingress",
                        "tcp",
                        Some(443),
                        Some(443),
                        Some("0.0.0.0/0"),
                        None,
                        "HTTPS",
                    ),
                    rule(
                        id_base + 3,
                        "ingress",
                        "udp",
                        Some(443),
                        Some(443),
                        Some("0.0.0.0/0"),
                        None,
                        "HTTP/3",
                    ),
                ],
                "ssh" => vec![rule(
                    id_base + 1,
                    "ingress",
                    "tcp",
                    Some(22),
                    Some(22),
                    Some("192.0.2.0/24"),
                    None,
                    "Office",
                )],
                _ => vec![
                    rule(
                        id_base + 1,
                        "ingress",
                        "tcp",
                        Some(5432),
                        Some(5432),
                        None,
                        Some(first_sg + 1),
                        "From web",
                    ),
                    rule(
                        id_base + 2,
                        "ingress",
                        "udp",
                        Some(10000),
                        Some(10100),
                        Some("10.0.0.0/8"),
                        None,
                        "Replication",
                    ),
                ],
            };
            s.security_groups.push(SecurityGroup {
                uuid: uuid(r),
                name: gname.into(),
                description: desc.into(),
                tenant: ti,
                rules,
                backend_id: fake_backend_id(&uuid(r)),
                created: now - Duration::days(300),
            });
        }
        for fi in 0..6 {
            s.floating_ips.push(FloatingIp {
                uuid: uuid(r),
                address: format!("203.0.{}.{}", 113 + ti, 10 + fi),
                tenant: ti,
                instance: None,
                booked: false,
                subnet: None,
                fixed_ip: None,
                port_mac: None,
                backend_id: fake_backend_id(&uuid(r)),
                backend_network_id: fake_backend_id(&uuid(r)),
                created: now - Duration::days(200),
            });
        }
    }
    // One floating IP of the first tenant is booked for an instance being created elsewhere.
    if let Some(f) = s.floating_ips.get_mut(5) {
        f.booked = true;
    }

    // Instances.
    let images = [
        ("Ubuntu 24.04 LTS", 2048, 10240),
        ("Debian 12", 1024, 8192),
        ("Rocky Linux 9", 2048, 20480),
        ("Windows Server 2022", 4096, 51200),
    ];
    let inst_names: [&[&str]; 4] = [
        &[
            "web-01",
            "web-02",
            "db-primary",
            "Résumé-db",
            "ephemeral-worker",
            "broken-vm",
        ],
        &[
            "climate-node-1",
            "climate-node-2",
            "数据库-服务器",
            "scheduler",
        ],
        &["bibliothèque-web", "catalogue-db", "Ünïcode-box", "lab-vm"],
        &["edge-gw", "edge-collector", "edge-db"],
    ];
    for (ti, names) in inst_names.iter().enumerate() {
        let tenant_subnets: Vec<usize> = (0..s.subnets.len())
            .filter(|&i| s.subnets[i].tenant == ti)
            .collect();
        let tenant_sgs: Vec<usize> = (0..s.security_groups.len())
            .filter(|&i| s.security_groups[i].tenant == ti)
            .collect();
        let tenant_flavors: Vec<usize> = (0..s.flavors.len())
            .filter(|&i| s.flavors[i].tenant == ti)
            .collect();
        let tenant_fips: Vec<usize> = (0..s.floating_ips.len())
            .filter(|&i| s.floating_ips[i].tenant == ti)
            .collect();
        for (k, name) in names.iter().enumerate() {
            let (image, min_ram, min_disk) = images[(ti + k) % images.len()];
            let flavor = tenant_flavors[1 + (k % 3)];
            let ii = s.instances.len();
            let mut ports = Vec::new();
            let sgs = vec![tenant_sgs[0], tenant_sgs[1 + k % 3]];
            for (pi, &sub) in tenant_subnets.iter().take(1 + k % 2).enumerate() {
                let subnet = &s.subnets[sub];
                let ip = format!(
                    "{}.{}",
                    subnet.cidr.trim_end_matches(".0/24"),
                    10 + k * 2 + pi
                );
                ports.push(Port {
                    uuid: uuid(r),
                    mac: mac(r),
                    subnet: sub,
                    fixed_ips: vec![ip.clone()],
                    allowed_address_pairs: if k == 0 {
                        vec![(
                            format!("{}.250", subnet.cidr.trim_end_matches(".0/24")),
                            mac(r),
                        )]
                    } else {
                        vec![]
                    },
                    security_groups: sgs.clone(),
                });
            }
            let mut fips = Vec::new();
            // Instances 0 and 1 of each tenant have a floating IP attached.
            if k < 2 {
                let f = tenant_fips[k];
                let fip = &mut s.floating_ips[f];
                fip.instance = Some(ii);
                fip.subnet = Some(ports[0].subnet);
                fip.fixed_ip = ports[0].fixed_ips.first().cloned();
                fip.port_mac = Some(ports[0].mac.clone());
                fips.push(InstanceFip::Assigned(f));
            }
            let no_boot = *name == "ephemeral-worker";
            let mut volumes = vec![Volume {
                uuid: uuid(r),
                name: format!("{name}-system"),
                size: s.flavors[flavor].disk,
                bootable: !no_boot,
                device: "/dev/vda".into(),
                image_name: image.into(),
            }];
            if k % 2 == 0 {
                volumes.push(Volume {
                    uuid: uuid(r),
                    name: format!("{name}-data"),
                    size: 102_400,
                    bootable: false,
                    device: "/dev/vdb".into(),
                    image_name: String::new(),
                });
            }
            let state = if *name == "broken-vm" {
                State::Erred
            } else {
                State::Ok
            };
            s.instances.push(Instance {
                uuid: uuid(r),
                name: (*name).into(),
                description: format!("{image} server"),
                tenant: ti,
                flavor,
                state,
                next_step: None,
                runtime_state: if state == State::Ok {
                    "ACTIVE".into()
                } else {
                    "ERROR".into()
                },
                created: now - Duration::days(120 + (k as i64) * 7),
                modified: now - Duration::days(3),
                image_name: image.into(),
                key_name: format!(
                    "{}-deploy",
                    s.projects[s.tenants[ti].project]
                        .name
                        .to_lowercase()
                        .replace(' ', "-")
                ),
                key_fingerprint: fingerprint(r),
                user_data: "#cloud-config\npackage_update: true\n".into(),
                min_ram,
                min_disk,
                volumes,
                ports,
                security_groups: sgs,
                floating_ips: fips,
                server_group: (k == 0).then(|| format!("{}-anti-affinity", names[0])),
                marketplace_resource_uuid: uuid(r),
                // One instance per tenant was created outside the marketplace.
                in_marketplace: k != 2,
                schedule_uuid: format!("5c4ed{:027x}", ii),
                backend_id: fake_backend_id(&uuid(r)),
            });
        }
    }

    // Backups.
    let mut specials = vec![
        "Résumé-db nightly",
        "数据库-备份",
        "Ünïcode backup ✓",
        "pre-migration snapshot",
    ];
    specials.reverse();
    let kinds = [
        "daily",
        "weekly",
        "nightly",
        "before-upgrade",
        "monthly",
        "manual",
        "pre-release",
        "hotfix",
    ];
    let weights: [(State, u32); 8] = [
        (State::Ok, 55),
        (State::Erred, 12),
        (State::CreationScheduled, 5),
        (State::Creating, 6),
        (State::UpdateScheduled, 5),
        (State::Updating, 5),
        (State::DeletionScheduled, 6),
        (State::Deleting, 6),
    ];
    let total_w: u32 = weights.iter().map(|w| w.1).sum();
    let n_inst = s.instances.len();
    for i in 0..opts.backups {
        // The first backups cycle through every state so small sets still have all of them.
        let state = if i < 16 {
            State::ALL[i % 8]
        } else {
            let mut x = r.gen_range(0..total_w);
            let mut st = State::Ok;
            for (s2, w) in weights {
                if x < w {
                    st = s2;
                    break;
                }
                x -= w;
            }
            st
        };
        // Then one OK backup per instance, so every instance (and restore error) is reachable.
        let (state, instance) = match i {
            0..16 => (state, i % n_inst),
            _ if i < 16 + n_inst => (State::Ok, i - 16),
            _ => (state, r.gen_range(0..n_inst)),
        };
        let name = if i % 37 == 5 {
            specials
                .pop()
                .map(String::from)
                .unwrap_or_else(|| format!("{}-snapshot-{i}", s.instances[instance].name))
        } else {
            let inst_name = &s.instances[instance].name;
            let kind = kinds[r.gen_range(0..kinds.len())];
            format!("{inst_name}-{kind}-{:04}", r.gen_range(0..10000))
        };
        let created = now - Duration::minutes(r.gen_range(60..60 * 24 * 365));
        let description = match r.gen_range(0..4) {
            0 | 1 => String::new(),
            2 => format!("Automatic {} backup", kinds[i % kinds.len()]),
            _ => "Taken before the kernel upgrade; keep until the migration is verified.".into(),
        };
        let kept_until = match r.gen_range(0..20) {
            0..=4 => None,
            5..=7 => Some(now - Duration::hours(r.gen_range(1..24 * 30))),
            8..=11 => Some(now + Duration::minutes(r.gen_range(30..60 * 23))),
            _ => Some(now + Duration::days(r.gen_range(2..400))),
        };
        push_backup(
            &mut s,
            r,
            state,
            instance,
            name,
            description,
            created,
            kept_until,
            now,
            i,
        );
    }

    if opts.hostile {
        for (k, h) in HOSTILE_STRINGS.iter().enumerate() {
            let instance = k % n_inst;
            let idx = push_backup(
                &mut s,
                r,
                State::Ok,
                instance,
                (*h).into(),
                format!("{h} {h}"),
                now - Duration::days(k as i64 + 1),
                None,
                now,
                1_000_000 + k,
            );
            if let Some(b) = s.backups[idx].as_mut() {
                let mut extra = Map::new();
                extra.insert("note".into(), json!(h));
                extra.insert(format!("{h}-key"), json!(h));
                b.meta_extra = Some(Box::new(extra));
                b.error_message = (*h).into();
            }
        }
        let long: String = "A".repeat(4990) + "0123456789";
        let state_err = State::Erred;
        let idx = push_backup(
            &mut s,
            r,
            state_err,
            0,
            "L".repeat(150),
            "D".repeat(2000),
            now - Duration::days(2),
            Some(now + Duration::hours(5)),
            now,
            2_000_000,
        );
        if let Some(b) = s.backups[idx].as_mut() {
            b.error_message = long.clone();
            b.error_traceback = long.clone();
            let mut extra = Map::new();
            extra.insert("user_data".into(), json!(long));
            b.meta_extra = Some(Box::new(extra));
        }
        push_backup(
            &mut s,
            r,
            State::Ok,
            1,
            "مرحبا-نسخة-1".into(),
            "גיבוי יומי — עברית".into(),
            now - Duration::days(1),
            None,
            now,
            2_000_001,
        );
        push_backup(
            &mut s,
            r,
            State::Ok,
            2,
            "💾🔥-emoji-backup-👩‍💻".into(),
            "\u{202e}reversed text\u{202c}".into(),
            now - Duration::days(1),
            None,
            now,
            2_000_002,
        );
    }

    count_quota_usage(&mut s);
    s.next_due = s.backups.iter().flatten().filter_map(|b| b.next_step).min();
    s.changed();
    s
}

/// Sets every quota usage from the data, then the limits `TENANTS` ties to usage (a nearly
/// full RAM quota, the snapshots left).
fn count_quota_usage(s: &mut Store) {
    for ti in 0..s.tenants.len() {
        let mut usage: Vec<(&str, i64)> = QUOTA_NAMES.iter().map(|&q| (q, 0)).collect();
        let mut add = |name: &str, d: i64| {
            if let Some(u) = usage.iter_mut().find(|(n, _)| *n == name) {
                u.1 += d;
            }
        };
        for inst in s.instances.iter().filter(|i| i.tenant == ti) {
            let f = &s.flavors[inst.flavor];
            add("instances", 1);
            add("vcpu", f.cores);
            add("ram", f.ram);
            add("port_count", inst.ports.len() as i64);
            for v in &inst.volumes {
                add("volumes", 1);
                add("volumes_size", v.size);
                add("storage", v.size);
            }
        }
        for g in s.security_groups.iter().filter(|g| g.tenant == ti) {
            add("security_group_count", 1);
            add("security_group_rule_count", g.rules.len() as i64);
        }
        for sn in s.subnets.iter().filter(|sn| sn.tenant == ti) {
            add("subnet_count", 1);
            add("network_count", i64::from(!sn.network_uuid.is_empty()));
        }
        add(
            "floating_ip_count",
            s.floating_ips.iter().filter(|f| f.tenant == ti).count() as i64,
        );
        for b in s.backups.iter().flatten().filter(|b| b.tenant == ti) {
            add("snapshots", s.instances[b.instance].volumes.len() as i64);
            add("snapshots_size", b.size);
        }
        let spec = &TENANTS[ti % TENANTS.len()];
        let t = &mut s.tenants[ti];
        for (name, u) in usage {
            if let Some(q) = t.quota_mut(name) {
                q.usage = u;
            }
        }
        if let Some(left) = spec.ram_left {
            if let Some(q) = t.quota_mut("ram") {
                q.limit = q.usage + left;
            }
        }
        let (n, size) = spec.snapshots_left.unwrap_or((500, 10_240_000));
        for (name, left) in [("snapshots", n), ("snapshots_size", size)] {
            if let Some(q) = t.quota_mut(name) {
                q.limit = q.usage + left;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn rule(
    id: i64,
    direction: &'static str,
    protocol: &'static str,
    from_port: Option<i64>,
    to_port: Option<i64>,
    cidr: Option<&str>,
    remote_group: Option<usize>,
    description: &str,
) -> Rule {
    Rule {
        id,
        ethertype: "IPv4",
        direction,
        protocol,
        from_port,
        to_port,
        cidr: cidr.map(String::from),
        remote_group,
        description: description.into(),
    }
}

#[allow(clippy::too_many_arguments)]
fn push_backup(
    s: &mut Store,
    r: &mut StdRng,
    state: State,
    instance: usize,
    name: String,
    description: String,
    created: DateTime<Utc>,
    kept_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    i: usize,
) -> usize {
    let inst = &s.instances[instance];
    let tenant = inst.tenant;
    let project = s.tenants[tenant].project;
    let size: i64 = inst.volumes.iter().map(|v| v.size).sum();
    let uuid = uuid(r);
    let backend_id = if state == State::CreationScheduled || i % 23 == 7 {
        String::new()
    } else {
        fake_backend_id(&uuid)
    };
    // Transitional seed backups move on at staggered times, so a demo shows live changes for a while.
    let next_step = state
        .is_transitional()
        .then(|| now + s.step * r.gen_range(1..=20));
    let (error_message, error_traceback) = if state == State::Erred {
        let msgs = [
            "Cinder snapshot creation failed: quota exceeded for gigabytes.",
            "Timeout waiting for snapshot to become available.",
            "Volume is in use by another operation.",
        ];
        let m = msgs[r.gen_range(0..msgs.len())];
        (
            m.to_string(),
            format!(
                "Traceback (most recent call last):\n  File \"/usr/src/waldur/src/waldur_openstack/backend.py\", line 1432, in create_snapshot\n    backend_snapshot = cinder.volume_snapshots.create(volume.backend_id, force=True)\ncinderclient.exceptions.ClientException: {m}\n"
            ),
        )
    } else {
        (String::new(), String::new())
    };
    let meta_mask: u16 = if i % 11 == 3 {
        0b11_1001_1101
    } else {
        0b11_1111_1111
    };
    let meta_extra = i.is_multiple_of(5).then(|| {
        let mut m = Map::new();
        m.insert(
            "os_distro".into(),
            json!(["ubuntu", "debian", "rocky"][i % 3]),
        );
        m.insert("hw_disk_bus".into(), json!("virtio"));
        Box::new(m)
    });
    let marketplace = (i % 6 == 1).then(|| {
        Box::new(Marketplace {
            offering_uuid: format!("{:032x}", r.gen::<u128>()),
            offering_name: "Instance backups".into(),
            category_uuid: format!("{:032x}", r.gen::<u128>()),
            category_name: "Backups".into(),
            resource_uuid: format!("{:032x}", r.gen::<u128>()),
            plan_uuid: format!("{:032x}", r.gen::<u128>()),
            resource_state: "OK".into(),
        })
    });
    let mut restorations = Vec::new();
    if state == State::Ok && i % 7 == 2 {
        let same: Vec<usize> = (0..s.instances.len())
            .filter(|&j| s.instances[j].tenant == tenant && j != instance)
            .collect();
        if let Some(&target) = same.choose(r) {
            restorations.push(Restoration {
                uuid: format!("{:032x}", r.gen::<u128>()),
                instance: target,
                created: created + Duration::hours(r.gen_range(1..48)),
                flavor: s.instances[target].flavor,
                // Every other seeded restoration's flavor has been deleted since.
                flavor_deleted: i % 14 == 2,
                name: s.instances[target].name.clone(),
            });
        }
    }
    s.push_backup(Backup {
        uuid,
        name_lc: name.to_lowercase(),
        name,
        description_lc: description.to_lowercase(),
        description,
        state,
        next_step,
        created,
        modified: created + Duration::minutes(5),
        kept_until,
        backend_id,
        instance,
        tenant,
        project,
        size,
        meta_mask,
        // Every fourth backup was made by its instance's backup schedule.
        scheduled: i.is_multiple_of(4),
        meta_extra,
        restorations,
        error_message,
        error_traceback,
        marketplace,
    })
}
