//! The in-memory database: every entity the API serves, and the rules that move time along.

use crate::clock::iso;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// A Waldur resource state (`CoreStates`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    /// Waiting to be created.
    CreationScheduled,
    /// Being created.
    Creating,
    /// Waiting to be updated.
    UpdateScheduled,
    /// Being updated.
    Updating,
    /// Waiting to be deleted.
    DeletionScheduled,
    /// Being deleted.
    Deleting,
    /// Ready.
    Ok,
    /// Failed.
    Erred,
}

impl State {
    /// Every state, in the schema's order.
    pub const ALL: [State; 8] = [
        State::CreationScheduled,
        State::Creating,
        State::UpdateScheduled,
        State::Updating,
        State::DeletionScheduled,
        State::Deleting,
        State::Ok,
        State::Erred,
    ];

    /// The wire name (`CREATION_SCHEDULED`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            State::CreationScheduled => "CREATION_SCHEDULED",
            State::Creating => "CREATING",
            State::UpdateScheduled => "UPDATE_SCHEDULED",
            State::Updating => "UPDATING",
            State::DeletionScheduled => "DELETION_SCHEDULED",
            State::Deleting => "DELETING",
            State::Ok => "OK",
            State::Erred => "ERRED",
        }
    }

    /// The display label (`Creation Scheduled`, …), what releases before 2025 send.
    pub fn label(self) -> &'static str {
        match self {
            State::CreationScheduled => "Creation Scheduled",
            State::Creating => "Creating",
            State::UpdateScheduled => "Update Scheduled",
            State::Updating => "Updating",
            State::DeletionScheduled => "Deletion Scheduled",
            State::Deleting => "Deleting",
            State::Ok => "OK",
            State::Erred => "Erred",
        }
    }

    /// The number Waldur stores (`o=state` sorts by it: update scheduled first, deleting last).
    pub fn db_value(self) -> u8 {
        match self {
            State::UpdateScheduled => 1,
            State::Updating => 2,
            State::Ok => 3,
            State::Erred => 4,
            State::CreationScheduled => 5,
            State::Creating => 6,
            State::DeletionScheduled => 7,
            State::Deleting => 8,
        }
    }

    /// The state after one clock step, `None` meaning "removed"; a stable state stays.
    pub fn next(self) -> Option<State> {
        Some(match self {
            State::CreationScheduled => State::Creating,
            State::UpdateScheduled => State::Updating,
            State::DeletionScheduled => State::Deleting,
            State::Creating | State::Updating => State::Ok,
            State::Deleting => return None,
            s => s,
        })
    }

    /// Whether the state changes without user action.
    pub fn is_transitional(self) -> bool {
        !matches!(self, State::Ok | State::Erred)
    }
}

/// An organisation.
#[derive(Clone, Debug)]
pub struct Customer {
    /// Hex UUID.
    pub uuid: String,
    /// Display name.
    pub name: String,
    /// Name in the customer's own language.
    pub native_name: String,
    /// Short name.
    pub abbreviation: String,
}

/// A project of a customer.
#[derive(Clone, Debug)]
pub struct Project {
    /// Hex UUID.
    pub uuid: String,
    /// Display name.
    pub name: String,
    /// Index into `Store::customers`.
    pub customer: usize,
}

/// One quota of a tenant.
#[derive(Clone, Debug)]
pub struct Quota {
    /// Quota name (one of `QUOTA_NAMES`).
    pub name: &'static str,
    /// Limit (-1 = unlimited).
    pub limit: i64,
    /// Current usage.
    pub usage: i64,
}

/// Marketplace metadata of a resource.
#[derive(Clone, Debug)]
pub struct Marketplace {
    /// Offering UUID.
    pub offering_uuid: String,
    /// Offering name.
    pub offering_name: String,
    /// Category UUID.
    pub category_uuid: String,
    /// Category name.
    pub category_name: String,
    /// Resource UUID.
    pub resource_uuid: String,
    /// Plan UUID.
    pub plan_uuid: String,
    /// Resource state.
    pub resource_state: String,
}

/// An OpenStack tenant (with its own service settings).
#[derive(Clone, Debug)]
pub struct Tenant {
    /// Hex UUID.
    pub uuid: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Index into `Store::projects`.
    pub project: usize,
    /// UUID of the tenant's service settings.
    pub settings_uuid: String,
    /// Name of the tenant's service settings (`service_name`).
    pub settings_name: String,
    /// `service_settings_state`.
    pub settings_state: String,
    /// `service_settings_error_message`.
    pub settings_error: String,
    /// OpenStack ID.
    pub backend_id: String,
    /// Quotas.
    pub quotas: Vec<Quota>,
    /// Creation time.
    pub created: DateTime<Utc>,
    /// Marketplace metadata.
    pub marketplace: Option<Marketplace>,
}

/// A tenant's quotas, in the order Waldur declares them; RAM and storage in MiB.
pub const QUOTA_NAMES: [&str; 14] = [
    "vcpu",
    "ram",
    "storage",
    "instances",
    "security_group_count",
    "security_group_rule_count",
    "floating_ip_count",
    "port_count",
    "volumes",
    "volumes_size",
    "snapshots",
    "snapshots_size",
    "network_count",
    "subnet_count",
];

impl Tenant {
    /// A quota by name.
    pub fn quota(&self, name: &str) -> Option<&Quota> {
        self.quotas.iter().find(|q| q.name == name)
    }

    /// A quota by name, to change.
    pub fn quota_mut(&mut self, name: &str) -> Option<&mut Quota> {
        self.quotas.iter_mut().find(|q| q.name == name)
    }

    /// What Waldur's `validate_quota_change` says about adding `deltas`: one
    /// `"<name> quota limit: <limit>, requires <usage + delta>"` per quota that would be
    /// exceeded (a limit of -1 is unlimited, a zero delta is not checked).
    pub fn exceeded(&self, deltas: &[(&str, i64)]) -> Vec<String> {
        deltas
            .iter()
            .filter(|(_, d)| *d != 0)
            .filter_map(|&(name, delta)| {
                let q = self.quota(name)?;
                (q.limit != -1 && q.usage + delta > q.limit).then(|| {
                    format!(
                        "{name} quota limit: {}, requires {}",
                        q.limit,
                        q.usage + delta
                    )
                })
            })
            .collect()
    }

    /// Adds `deltas` to the usages (negative deltas release; usage never drops below 0).
    pub fn add_usage(&mut self, deltas: &[(&str, i64)]) {
        for &(name, delta) in deltas {
            if let Some(q) = self.quota_mut(name) {
                q.usage = (q.usage + delta).max(0);
            }
        }
    }
}

/// The message of Waldur's `QuotaValidationError` for the errors of `Tenant::exceeded`.
pub fn quota_message(errors: &[String]) -> String {
    format!("One or more quotas were exceeded: {}", errors.join(";"))
}

/// A flavor (machine size) available in a tenant.
#[derive(Clone, Debug)]
pub struct Flavor {
    /// Hex UUID.
    pub uuid: String,
    /// Name.
    pub name: String,
    /// Index into `Store::tenants`.
    pub tenant: usize,
    /// vCPUs.
    pub cores: i64,
    /// RAM in MiB.
    pub ram: i64,
    /// Disk in MiB.
    pub disk: i64,
    /// OpenStack ID.
    pub backend_id: String,
}

/// A subnet of a tenant.
#[derive(Clone, Debug)]
pub struct Subnet {
    /// Hex UUID.
    pub uuid: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Index into `Store::tenants`.
    pub tenant: usize,
    /// CIDR (`10.0.1.0/24`).
    pub cidr: String,
    /// Gateway address.
    pub gateway_ip: String,
    /// Whether the subnet is connected to the router (needed for floating IPs).
    pub is_connected: bool,
    /// UUID of the network.
    pub network_uuid: String,
    /// Name of the network.
    pub network_name: String,
    /// OpenStack ID (used as `subnet_id` in fixed IPs).
    pub backend_id: String,
    /// Creation time.
    pub created: DateTime<Utc>,
}

/// A security group rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Rule ID.
    pub id: i64,
    /// `IPv4` / `IPv6`.
    pub ethertype: &'static str,
    /// `ingress` / `egress`.
    pub direction: &'static str,
    /// `tcp`, `udp`, `icmp` or empty (any).
    pub protocol: &'static str,
    /// First port.
    pub from_port: Option<i64>,
    /// Last port.
    pub to_port: Option<i64>,
    /// Remote CIDR.
    pub cidr: Option<String>,
    /// Remote group (index into `Store::security_groups`).
    pub remote_group: Option<usize>,
    /// Description.
    pub description: String,
}

/// A security group of a tenant.
#[derive(Clone, Debug)]
pub struct SecurityGroup {
    /// Hex UUID.
    pub uuid: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Index into `Store::tenants`.
    pub tenant: usize,
    /// Rules.
    pub rules: Vec<Rule>,
    /// OpenStack ID.
    pub backend_id: String,
    /// Creation time.
    pub created: DateTime<Utc>,
}

/// A floating (public) IP of a tenant.
#[derive(Clone, Debug)]
pub struct FloatingIp {
    /// Hex UUID.
    pub uuid: String,
    /// Public address.
    pub address: String,
    /// Index into `Store::tenants`.
    pub tenant: usize,
    /// Instance it is attached to (index into `Store::instances`).
    pub instance: Option<usize>,
    /// Reserved for an instance being created.
    pub booked: bool,
    /// Subnet of the port it points at.
    pub subnet: Option<usize>,
    /// Fixed IP of that port.
    pub fixed_ip: Option<String>,
    /// MAC of that port.
    pub port_mac: Option<String>,
    /// OpenStack ID.
    pub backend_id: String,
    /// External network ID.
    pub backend_network_id: String,
    /// Creation time.
    pub created: DateTime<Utc>,
}

/// A network port of an instance.
#[derive(Clone, Debug)]
pub struct Port {
    /// Hex UUID.
    pub uuid: String,
    /// MAC address.
    pub mac: String,
    /// Index into `Store::subnets`.
    pub subnet: usize,
    /// Fixed IP addresses in that subnet.
    pub fixed_ips: Vec<String>,
    /// Allowed address pairs (ip, mac).
    pub allowed_address_pairs: Vec<(String, String)>,
    /// Indexes into `Store::security_groups`.
    pub security_groups: Vec<usize>,
}

/// A floating IP entry of an instance.
#[derive(Clone, Debug)]
pub enum InstanceFip {
    /// A chosen floating IP (index into `Store::floating_ips`).
    Assigned(usize),
    /// Auto-assign on the given subnet (no address yet).
    Auto(usize),
}

/// A volume of an instance.
#[derive(Clone, Debug)]
pub struct Volume {
    /// Hex UUID.
    pub uuid: String,
    /// Name.
    pub name: String,
    /// Size in MiB.
    pub size: i64,
    /// Whether the instance boots from it.
    pub bootable: bool,
    /// Device path.
    pub device: String,
    /// Image the volume was created from.
    pub image_name: String,
}

/// A virtual machine.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Hex UUID.
    pub uuid: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Index into `Store::tenants`.
    pub tenant: usize,
    /// Index into `Store::flavors`.
    pub flavor: usize,
    /// State.
    pub state: State,
    /// When the next state step is due.
    pub next_step: Option<DateTime<Utc>>,
    /// OpenStack runtime state (`ACTIVE`, `SHUTOFF`, …).
    pub runtime_state: String,
    /// Creation time.
    pub created: DateTime<Utc>,
    /// Last change.
    pub modified: DateTime<Utc>,
    /// Image name.
    pub image_name: String,
    /// SSH key name.
    pub key_name: String,
    /// SSH key fingerprint.
    pub key_fingerprint: String,
    /// Cloud-init user data.
    pub user_data: String,
    /// Minimal RAM of the image (MiB).
    pub min_ram: i64,
    /// Minimal disk of the image (MiB).
    pub min_disk: i64,
    /// Volumes.
    pub volumes: Vec<Volume>,
    /// Ports.
    pub ports: Vec<Port>,
    /// Security groups (indexes).
    pub security_groups: Vec<usize>,
    /// Floating IPs.
    pub floating_ips: Vec<InstanceFip>,
    /// Server group name, if any.
    pub server_group: Option<String>,
    /// Marketplace resource UUID.
    pub marketplace_resource_uuid: String,
    /// Whether a marketplace resource points at the instance (a restored one has none until
    /// it is imported; the 2024 release then sends `instance_marketplace_uuid: null`).
    pub in_marketplace: bool,
    /// UUID of the instance's backup schedule (used by its scheduled backups).
    pub schedule_uuid: String,
    /// OpenStack ID.
    pub backend_id: String,
}

/// A restoration recorded on a backup.
#[derive(Clone, Debug)]
pub struct Restoration {
    /// Hex UUID.
    pub uuid: String,
    /// The instance created (index into `Store::instances`).
    pub instance: usize,
    /// When it was requested.
    pub created: DateTime<Utc>,
    /// Flavor used (index).
    pub flavor: usize,
    /// The flavor was deleted since (the 2024 release sends `flavor: null`).
    pub flavor_deleted: bool,
    /// Requested name.
    pub name: String,
}

/// An instance backup.
#[derive(Clone, Debug)]
pub struct Backup {
    /// Hex UUID.
    pub uuid: String,
    /// Name.
    pub name: String,
    /// Lower-cased name, for filtering and ordering.
    pub name_lc: String,
    /// Description.
    pub description: String,
    /// Lower-cased description, for the `description` filter (100k lowercasings per request
    /// otherwise).
    pub description_lc: String,
    /// State.
    pub state: State,
    /// When the next state step is due.
    pub next_step: Option<DateTime<Utc>>,
    /// Creation time.
    pub created: DateTime<Utc>,
    /// Last change.
    pub modified: DateTime<Utc>,
    /// Retention date (null = forever).
    pub kept_until: Option<DateTime<Utc>>,
    /// OpenStack ID (empty = none).
    pub backend_id: String,
    /// Source instance (index).
    pub instance: usize,
    /// Tenant of the source instance (index).
    pub tenant: usize,
    /// Project (index).
    pub project: usize,
    /// Size of the snapshots in MiB.
    pub size: i64,
    /// Which metadata keys are present (bit per key of `META_KEYS`).
    pub meta_mask: u16,
    /// Made by its instance's backup schedule (the 2024 release shows `backup_schedule`). A
    /// flag, not the UUID: list requests walk every backup, and a larger record is slower.
    pub scheduled: bool,
    /// Extra metadata keys.
    pub meta_extra: Option<Box<Map<String, Value>>>,
    /// Restorations.
    pub restorations: Vec<Restoration>,
    /// Error message (ERRED).
    pub error_message: String,
    /// Error traceback (ERRED).
    pub error_traceback: String,
    /// Marketplace metadata.
    pub marketplace: Option<Box<Marketplace>>,
}

/// Metadata keys a backup captures from its instance, in order.
pub const META_KEYS: [&str; 10] = [
    "name",
    "description",
    "min_ram",
    "min_disk",
    "size",
    "key_name",
    "key_fingerprint",
    "user_data",
    "flavor_name",
    "image_name",
];

/// Backup list orderings accepted by `o=`.
pub const BACKUP_ORDERINGS: [&str; 8] = [
    "name",
    "state",
    "customer_name",
    "customer_native_name",
    "customer_abbreviation",
    "project_name",
    "service_name",
    "created",
];

/// All entities.
#[derive(Debug, Default)]
pub struct Store {
    /// Customers.
    pub customers: Vec<Customer>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Tenants.
    pub tenants: Vec<Tenant>,
    /// Flavors.
    pub flavors: Vec<Flavor>,
    /// Subnets.
    pub subnets: Vec<Subnet>,
    /// Security groups.
    pub security_groups: Vec<SecurityGroup>,
    /// Floating IPs.
    pub floating_ips: Vec<FloatingIp>,
    /// Instances (never removed).
    pub instances: Vec<Instance>,
    /// Backups; `None` marks a removed one so indexes stay valid.
    pub backups: Vec<Option<Backup>>,
    /// Backup UUID → index.
    pub backup_index: HashMap<String, usize>,
    /// Sorted backup indexes per ordering field and collation, rebuilt lazily after a change.
    pub order_cache: HashMap<(&'static str, Collation), Arc<Vec<u32>>>,
    /// Earliest pending state step (skip scanning until then).
    pub next_due: Option<DateTime<Utc>>,
    /// Time of the last retention sweep.
    pub last_sweep: DateTime<Utc>,
    /// Step length of transitional states.
    pub step: Duration,
    /// Rendered nested JSON of instances (security groups, ports, floating IPs) per release
    /// and base URL, shared by every backup of an instance until the next change.
    pub nested_cache: std::sync::Mutex<HashMap<NestedKey, Arc<[String; 3]>>>,
}

/// What an instance's nested JSON depends on: the release, the base URL and the instance.
pub type NestedKey = (crate::profile::Profile, String, usize);

impl Store {
    /// A backup by UUID.
    pub fn backup(&self, uuid: &str) -> Option<&Backup> {
        self.backup_index
            .get(uuid)
            .and_then(|&i| self.backups[i].as_ref())
    }

    /// Index of a backup by UUID.
    pub fn backup_idx(&self, uuid: &str) -> Option<usize> {
        self.backup_index
            .get(uuid)
            .copied()
            .filter(|&i| self.backups[i].is_some())
    }

    /// Adds a backup, returning its index.
    pub fn push_backup(&mut self, b: Backup) -> usize {
        let i = self.backups.len();
        self.backup_index.insert(b.uuid.clone(), i);
        self.backups.push(Some(b));
        self.changed();
        i
    }

    /// Removes a backup (releasing the snapshot quota of its volumes' snapshots).
    pub fn remove_backup(&mut self, i: usize) {
        if let Some(b) = self.backups[i].take() {
            self.backup_index.remove(&b.uuid);
            let snapshots = self.instances[b.instance].volumes.len() as i64;
            self.tenants[b.tenant]
                .add_usage(&[("snapshots", -snapshots), ("snapshots_size", -b.size)]);
        }
        self.changed();
    }

    /// Marks derived data stale after a change.
    pub fn changed(&mut self) {
        self.order_cache.clear();
        self.nested_cache
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Schedules the next state step of something changed at `now`.
    pub fn schedule(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let due = now + self.step;
        self.next_due = Some(self.next_due.map_or(due, |d| d.min(due)));
        Some(due)
    }

    /// Runs state steps and retention sweeps due by `now`.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        // Retention sweeps run every 10 clock-minutes; sweeps and steps interleave in time order.
        loop {
            let sweep_at = self.last_sweep + Duration::minutes(10);
            let step_at = self.next_due.filter(|d| *d <= now);
            match step_at {
                Some(s) if s <= sweep_at || sweep_at > now => self.run_steps(s),
                _ if sweep_at <= now => {
                    self.run_steps(sweep_at);
                    self.sweep(sweep_at);
                    self.last_sweep = sweep_at;
                }
                _ => break,
            }
        }
    }

    fn run_steps(&mut self, at: DateTime<Utc>) {
        let step = self.step;
        let mut next_due: Option<DateTime<Utc>> = None;
        let mut changed = false;
        let mut removed = Vec::new();
        for (i, slot) in self.backups.iter_mut().enumerate() {
            let Some(b) = slot else { continue };
            while let Some(due) = b.next_step.filter(|d| *d <= at) {
                changed = true;
                match b.state.next() {
                    None => {
                        removed.push(i);
                        b.next_step = None;
                    }
                    Some(s) => {
                        b.state = s;
                        b.modified = due;
                        if s == State::Ok && b.backend_id.is_empty() {
                            b.backend_id = fake_backend_id(&b.uuid);
                        }
                        b.next_step = s.is_transitional().then_some(due + step);
                    }
                }
            }
            if let Some(d) = b.next_step {
                next_due = Some(next_due.map_or(d, |n| n.min(d)));
            }
        }
        let mut released = Vec::new();
        for inst in self.instances.iter_mut() {
            while let Some(due) = inst.next_step.filter(|d| *d <= at) {
                inst.state = inst.state.next().unwrap_or(State::Erred);
                inst.modified = due;
                inst.next_step = inst.state.is_transitional().then_some(due + step);
                if inst.state == State::Ok {
                    inst.runtime_state = "ACTIVE".into();
                    released.extend(inst.floating_ips.iter().filter_map(|f| match f {
                        InstanceFip::Assigned(i) => Some(*i),
                        InstanceFip::Auto(_) => None,
                    }));
                }
            }
            if let Some(d) = inst.next_step {
                next_due = Some(next_due.map_or(d, |n| n.min(d)));
            }
        }
        for f in released {
            self.floating_ips[f].booked = false;
        }
        for i in removed {
            self.remove_backup(i);
        }
        if changed {
            self.changed();
        }
        self.next_due = next_due;
    }

    fn sweep(&mut self, at: DateTime<Utc>) {
        let mut any = false;
        for b in self.backups.iter_mut().flatten() {
            if b.state == State::Ok && b.kept_until.is_some_and(|k| k < at) {
                b.state = State::DeletionScheduled;
                b.modified = at;
                b.next_step = Some(at + self.step);
                self.next_due = Some(
                    self.next_due
                        .map_or(at + self.step, |d| d.min(at + self.step)),
                );
                any = true;
            }
        }
        if any {
            self.changed();
        }
    }

    /// The sort key of backup `i` for an ordering field, in a collation.
    pub fn order_key(&self, i: u32, field: &str, collation: Collation) -> String {
        let b = self.backups[i as usize].as_ref().expect("live backup");
        let p = &self.projects[b.project];
        let c = &self.customers[p.customer];
        let text = |t: &str| match collation {
            Collation::CaseInsensitive => t.to_lowercase(),
            Collation::Bytes => t.to_string(),
        };
        match field {
            // Waldur stores states as numbers; `o=state` sorts by them.
            "state" => char::from(b'0' + b.state.db_value()).to_string(),
            "customer_name" => text(&c.name),
            "customer_native_name" => text(&c.native_name),
            "customer_abbreviation" => text(&c.abbreviation),
            "project_name" => text(&p.name),
            "service_name" => text(&self.tenants[b.tenant].settings_name),
            "created" => iso(b.created),
            _ => match collation {
                Collation::CaseInsensitive => b.name_lc.clone(),
                Collation::Bytes => b.name.clone(),
            },
        }
    }

    /// Backup indexes sorted by an ordering field (ascending, ties by UUID), cached until the
    /// next change.
    pub fn backup_order(&mut self, field: &'static str, collation: Collation) -> Arc<Vec<u32>> {
        if let Some(o) = self.order_cache.get(&(field, collation)) {
            return o.clone();
        }
        let live = self.backups.iter().filter(|b| b.is_some()).count();
        let mut keyed: Vec<(String, u32)> = Vec::with_capacity(live);
        keyed.extend(
            (0..self.backups.len() as u32)
                .filter(|&i| self.backups[i as usize].is_some())
                .map(|i| (self.order_key(i, field, collation), i)),
        );
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| self.uuid_cmp(a.1, b.1)));
        let arc = Arc::new(keyed.into_iter().map(|(_, i)| i).collect::<Vec<u32>>());
        self.order_cache.insert((field, collation), arc.clone());
        arc
    }

    /// Compares two live backups by UUID (the tie-breaker of every ordering).
    pub fn uuid_cmp(&self, a: u32, b: u32) -> std::cmp::Ordering {
        let ua = &self.backups[a as usize].as_ref().expect("live").uuid;
        let ub = &self.backups[b as usize].as_ref().expect("live").uuid;
        ua.cmp(ub)
    }
}

/// How text sorts: the database's collation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Collation {
    /// Case-insensitive (a linguistic collation such as `en_US.UTF-8`).
    CaseInsensitive,
    /// Byte order (PostgreSQL's `C` collation: upper case before lower case).
    Bytes,
}

/// A deterministic OpenStack-style ID derived from a UUID.
pub fn fake_backend_id(uuid: &str) -> String {
    let u = format!("{uuid:0<32}");
    format!(
        "{}-{}-{}-{}-{}",
        &u[0..8],
        &u[8..12],
        &u[12..16],
        &u[16..20],
        &u[20..32]
    )
}
