//! `OpenStackBackup` JSON, written field by field straight into a byte buffer: a list page of
//! 300 backups over 100,000 is mostly this, and building `Value` maps or formatted strings per
//! row doubled its time.

use super::related::{nested_fip, nested_port, nested_sg};
use super::View;
use crate::clock::write_iso;
use crate::profile::Profile;
use crate::store::*;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Declares the backup fields once: their JSON names and an enum the writer dispatches on (no
/// string comparisons per field and row).
macro_rules! backup_fields {
    ($($id:ident = $name:literal,)*) => {
        /// One field a backup may carry in some release.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Field {
            $($id,)*
        }

        impl Field {
            fn name(self) -> &'static str {
                match self {
                    $(Field::$id => $name,)*
                }
            }
        }

        /// Number of `Field` variants.
        const FIELD_COUNT: usize = [$(Field::$id,)*].len();
    };
}

backup_fields! {
    Url = "url",
    Uuid = "uuid",
    Name = "name",
    Description = "description",
    ServiceName = "service_name",
    ServiceSettings = "service_settings",
    ServiceSettingsUuid = "service_settings_uuid",
    ServiceSettingsState = "service_settings_state",
    ServiceSettingsErrorMessage = "service_settings_error_message",
    Project = "project",
    ProjectName = "project_name",
    ProjectUuid = "project_uuid",
    Customer = "customer",
    CustomerUuid = "customer_uuid",
    CustomerName = "customer_name",
    CustomerNativeName = "customer_native_name",
    CustomerAbbreviation = "customer_abbreviation",
    ErrorMessage = "error_message",
    ErrorTraceback = "error_traceback",
    ResourceType = "resource_type",
    State = "state",
    Created = "created",
    Modified = "modified",
    BackendId = "backend_id",
    AccessUrl = "access_url",
    KeptUntil = "kept_until",
    Metadata = "metadata",
    Instance = "instance",
    InstanceName = "instance_name",
    InstanceMarketplaceUuid = "instance_marketplace_uuid",
    Restorations = "restorations",
    BackupSchedule = "backup_schedule",
    BackupScheduleUuid = "backup_schedule_uuid",
    InstanceSecurityGroups = "instance_security_groups",
    InstancePorts = "instance_ports",
    InstanceFloatingIps = "instance_floating_ips",
    TenantUuid = "tenant_uuid",
    MarketplaceOfferingUuid = "marketplace_offering_uuid",
    MarketplaceOfferingName = "marketplace_offering_name",
    MarketplaceOfferingType = "marketplace_offering_type",
    MarketplaceOfferingPluginOptions = "marketplace_offering_plugin_options",
    MarketplaceCategoryUuid = "marketplace_category_uuid",
    MarketplaceCategoryName = "marketplace_category_name",
    MarketplaceResourceUuid = "marketplace_resource_uuid",
    MarketplacePlanUuid = "marketplace_plan_uuid",
    MarketplaceResourceState = "marketplace_resource_state",
    IsUsageBased = "is_usage_based",
    IsLimitBased = "is_limit_based",
}

use Field as F;

/// 8.1's fields, in the schema's order.
const FIELDS_8_1: &[Field] = &[
    F::Url,
    F::Uuid,
    F::Name,
    F::Description,
    F::ServiceName,
    F::ServiceSettings,
    F::ServiceSettingsUuid,
    F::ServiceSettingsState,
    F::ServiceSettingsErrorMessage,
    F::Project,
    F::ProjectName,
    F::ProjectUuid,
    F::Customer,
    F::CustomerUuid,
    F::CustomerName,
    F::CustomerNativeName,
    F::CustomerAbbreviation,
    F::ErrorMessage,
    F::ErrorTraceback,
    F::ResourceType,
    F::State,
    F::Created,
    F::Modified,
    F::BackendId,
    F::AccessUrl,
    F::KeptUntil,
    F::Metadata,
    F::Instance,
    F::InstanceName,
    F::InstanceMarketplaceUuid,
    F::Restorations,
    F::InstanceSecurityGroups,
    F::InstancePorts,
    F::InstanceFloatingIps,
    F::TenantUuid,
    F::MarketplaceOfferingUuid,
    F::MarketplaceOfferingName,
    F::MarketplaceOfferingType,
    F::MarketplaceOfferingPluginOptions,
    F::MarketplaceCategoryUuid,
    F::MarketplaceCategoryName,
    F::MarketplaceResourceUuid,
    F::MarketplacePlanUuid,
    F::MarketplaceResourceState,
    F::IsUsageBased,
    F::IsLimitBased,
];

/// The 2024 release's fields, in its serializer's order: no `customer_uuid` and no
/// `marketplace_offering_type`; the schedule after the restorations.
const FIELDS_2024: &[Field] = &[
    F::Url,
    F::Uuid,
    F::Name,
    F::Description,
    F::ServiceName,
    F::ServiceSettings,
    F::ServiceSettingsUuid,
    F::ServiceSettingsState,
    F::ServiceSettingsErrorMessage,
    F::Project,
    F::ProjectName,
    F::ProjectUuid,
    F::Customer,
    F::CustomerName,
    F::CustomerNativeName,
    F::CustomerAbbreviation,
    F::ErrorMessage,
    F::ErrorTraceback,
    F::ResourceType,
    F::State,
    F::Created,
    F::Modified,
    F::BackendId,
    F::AccessUrl,
    F::KeptUntil,
    F::Metadata,
    F::Instance,
    F::InstanceName,
    F::InstanceMarketplaceUuid,
    F::Restorations,
    F::BackupSchedule,
    F::BackupScheduleUuid,
    F::InstanceSecurityGroups,
    F::InstancePorts,
    F::InstanceFloatingIps,
    F::TenantUuid,
    F::MarketplaceOfferingUuid,
    F::MarketplaceOfferingName,
    F::MarketplaceOfferingPluginOptions,
    F::MarketplaceCategoryUuid,
    F::MarketplaceCategoryName,
    F::MarketplaceResourceUuid,
    F::MarketplacePlanUuid,
    F::MarketplaceResourceState,
    F::IsUsageBased,
    F::IsLimitBased,
];

fn fields_of(profile: Profile) -> &'static [Field] {
    match profile {
        Profile::V8_1 => FIELDS_8_1,
        Profile::V2024 => FIELDS_2024,
    }
}

/// The backup fields of a release, in its order (the `field=` choices).
pub fn field_names(profile: Profile) -> Vec<&'static str> {
    fields_of(profile).iter().map(|f| f.name()).collect()
}

/// Which fields a response carries: the `field=` choices the release knows, or all of them
/// when none is known (Waldur's `RestrictedSerializerMixin`).
pub struct FieldMask {
    fields: &'static [Field],
    on: [bool; FIELD_COUNT],
}

impl FieldMask {
    /// Every field of the release.
    pub fn all(profile: Profile) -> Self {
        FieldMask {
            fields: fields_of(profile),
            on: [true; FIELD_COUNT],
        }
    }

    /// The fields `field=` asked for, among the release's.
    pub fn of<'a>(profile: Profile, requested: impl Iterator<Item = &'a str> + Clone) -> Self {
        let fields = fields_of(profile);
        let mut on = [false; FIELD_COUNT];
        let mut any = false;
        for f in fields {
            if requested.clone().any(|r| r == f.name()) {
                on[*f as usize] = true;
                any = true;
            }
        }
        if any {
            FieldMask { fields, on }
        } else {
            Self::all(profile)
        }
    }
}

/// Writes one JSON object field by field into a byte buffer.
struct ObjWriter<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> ObjWriter<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        ObjWriter { out, first: true }
    }
    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        let _ = serde_json::to_writer(&mut *self.out, k);
        self.out.push(b':');
    }
    fn value<T: Serialize + ?Sized>(&mut self, k: &str, v: &T) {
        self.key(k);
        let _ = serde_json::to_writer(&mut *self.out, v);
    }
    /// `"{base}{path}{id}/"`; `path` and `id` need no escaping (literals and hex UUIDs).
    fn url(&mut self, k: &str, base: &str, path: &str, id: &str) {
        self.key(k);
        let _ = serde_json::to_writer(&mut *self.out, base);
        self.out.pop(); // the closing quote
        self.out.extend_from_slice(path.as_bytes());
        self.out.extend_from_slice(id.as_bytes());
        self.out.extend_from_slice(b"/\"");
    }
    /// An ISO 8601 time as `iso` spells it, or null.
    fn time(&mut self, k: &str, t: Option<DateTime<Utc>>) {
        self.key(k);
        match t {
            Some(t) => write_iso(self.out, t),
            None => self.out.extend_from_slice(b"null"),
        }
    }
    fn raw(&mut self, k: &str, raw: &str) {
        self.key(k);
        self.out.extend_from_slice(raw.as_bytes());
    }
    fn finish(self) {
        self.out.push(b'}');
    }
}

/// An instance's nested JSON (security groups, ports, floating IPs) for one request: taken
/// from the store's cache, built once per instance, release and base URL until data changes.
#[derive(Default)]
pub struct InstanceParts(HashMap<usize, Arc<[String; 3]>>);

impl InstanceParts {
    fn get(&mut self, s: &Store, v: &View<'_>, i: usize) -> &[String; 3] {
        self.0.entry(i).or_insert_with(|| {
            let key = (v.profile, v.base.to_string(), i);
            let mut cache = s.nested_cache.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry(key)
                .or_insert_with(|| Arc::new(nested_parts(s, v, i)))
                .clone()
        })
    }
}

fn nested_parts(s: &Store, v: &View<'_>, i: usize) -> [String; 3] {
    let inst = &s.instances[i];
    let sgs: Vec<Value> = inst
        .security_groups
        .iter()
        .map(|&g| nested_sg(s, v, g))
        .collect();
    let ports: Vec<Value> = inst
        .ports
        .iter()
        .map(|p| nested_port(s, v, inst, p))
        .collect();
    let fips: Vec<Value> = inst
        .floating_ips
        .iter()
        .map(|f| nested_fip(s, v, f))
        .collect();
    [
        Value::Array(sgs).to_string(),
        Value::Array(ports).to_string(),
        Value::Array(fips).to_string(),
    ]
}

/// Serializes a backup (only the fields of `want`) into `out`.
pub fn write_backup(
    out: &mut Vec<u8>,
    s: &Store,
    v: &View<'_>,
    b: &Backup,
    want: &FieldMask,
    parts: &mut InstanceParts,
) {
    let base = v.base;
    let mut w = ObjWriter::new(out);
    let t = &s.tenants[b.tenant];
    let p = &s.projects[b.project];
    let c = &s.customers[p.customer];
    let inst = &s.instances[b.instance];
    let mp = b.marketplace.as_deref();
    for &f in want.fields {
        if !want.on[f as usize] {
            continue;
        }
        let k = f.name();
        match f {
            F::Url => w.url(k, base, "/api/openstack-backups/", &b.uuid),
            F::Uuid => w.value(k, &b.uuid),
            F::Name => w.value(k, &b.name),
            F::Description => w.value(k, &b.description),
            F::ServiceName => w.value(k, &t.settings_name),
            F::ServiceSettings => w.url(k, base, "/api/service-settings/", &t.settings_uuid),
            F::ServiceSettingsUuid => w.value(k, &t.settings_uuid),
            F::ServiceSettingsState => w.value(k, &t.settings_state),
            F::ServiceSettingsErrorMessage => w.value(k, &t.settings_error),
            F::Project => w.url(k, base, "/api/projects/", &p.uuid),
            F::ProjectName => w.value(k, &p.name),
            F::ProjectUuid => w.value(k, &p.uuid),
            F::Customer => w.url(k, base, "/api/customers/", &c.uuid),
            F::CustomerUuid => w.value(k, &c.uuid),
            F::CustomerName => w.value(k, &c.name),
            F::CustomerNativeName => w.value(k, &c.native_name),
            F::CustomerAbbreviation => w.value(k, &c.abbreviation),
            F::ErrorMessage => w.value(k, &b.error_message),
            F::ErrorTraceback => w.value(k, &b.error_traceback),
            F::ResourceType => w.value(k, "OpenStack.Backup"),
            F::State => w.value(k, v.state(b.state)),
            F::Created => w.time(k, Some(b.created)),
            F::Modified => w.time(k, Some(b.modified)),
            F::BackendId => w.value(k, &b.backend_id),
            F::AccessUrl => w.raw(k, "null"),
            F::KeptUntil => w.time(k, b.kept_until),
            F::Metadata => write_metadata(&mut w, k, s, b),
            F::Instance => w.url(k, base, "/api/openstack-instances/", &inst.uuid),
            F::InstanceName => w.value(k, &inst.name),
            F::InstanceMarketplaceUuid if v.is_2024() && !inst.in_marketplace => w.raw(k, "null"),
            F::InstanceMarketplaceUuid => w.value(k, &inst.marketplace_resource_uuid),
            F::Restorations if b.restorations.is_empty() => w.raw(k, "[]"),
            F::Restorations => {
                let r: Vec<Value> = b
                    .restorations
                    .iter()
                    .map(|r| restoration_json(s, v, r))
                    .collect();
                w.value(k, &r)
            }
            F::BackupSchedule if b.scheduled => w.url(
                k,
                base,
                "/api/openstack-backup-schedules/",
                &inst.schedule_uuid,
            ),
            F::BackupSchedule => w.raw(k, "null"),
            // Left out entirely without a schedule, even when asked for.
            F::BackupScheduleUuid => {
                if b.scheduled {
                    w.value(k, &inst.schedule_uuid)
                }
            }
            F::InstanceSecurityGroups => w.raw(k, &parts.get(s, v, b.instance)[0]),
            F::InstancePorts => w.raw(k, &parts.get(s, v, b.instance)[1]),
            F::InstanceFloatingIps => w.raw(k, &parts.get(s, v, b.instance)[2]),
            F::TenantUuid => w.value(k, &t.uuid),
            F::MarketplaceOfferingUuid => w.value(k, &mp.map(|m| &m.offering_uuid)),
            F::MarketplaceOfferingName => w.value(k, &mp.map(|m| &m.offering_name)),
            F::MarketplaceOfferingType => w.value(k, &mp.map(|_| "OpenStack.Tenant")),
            F::MarketplaceOfferingPluginOptions => {
                w.raw(k, if mp.is_some() { "{}" } else { "null" })
            }
            F::MarketplaceCategoryUuid => w.value(k, &mp.map(|m| &m.category_uuid)),
            F::MarketplaceCategoryName => w.value(k, &mp.map(|m| &m.category_name)),
            F::MarketplaceResourceUuid => w.value(k, &mp.map(|m| &m.resource_uuid)),
            F::MarketplacePlanUuid => w.value(k, &mp.map(|m| &m.plan_uuid)),
            F::MarketplaceResourceState => w.value(k, &mp.map(|m| &m.resource_state)),
            F::IsUsageBased => w.value(k, &mp.map(|_| false)),
            F::IsLimitBased => w.value(k, &mp.map(|_| true)),
        }
    }
    w.finish();
}

/// The `metadata` object of a backup, written in place: the captured keys in `META_KEYS`
/// order, an extra value replacing a captured key's in its place, other extra keys after.
fn write_metadata(w: &mut ObjWriter<'_>, k: &str, s: &Store, b: &Backup) {
    let inst = &s.instances[b.instance];
    let extra = b.meta_extra.as_deref();
    let captured: Vec<&str> = META_KEYS
        .iter()
        .enumerate()
        .filter(|(bit, _)| b.meta_mask & (1 << bit) != 0)
        .map(|(_, key)| *key)
        .collect();
    w.key(k);
    let mut m = ObjWriter::new(w.out);
    for &key in &captured {
        if let Some(v) = extra.and_then(|e| e.get(key)) {
            m.value(key, v);
            continue;
        }
        match key {
            "name" => m.value(key, &inst.name),
            "description" => m.value(key, &inst.description),
            "min_ram" => m.value(key, &inst.min_ram),
            "min_disk" => m.value(key, &inst.min_disk),
            "size" => m.value(key, &b.size),
            "key_name" => m.value(key, &inst.key_name),
            "key_fingerprint" => m.value(key, &inst.key_fingerprint),
            "user_data" => m.value(key, &inst.user_data),
            "flavor_name" => m.value(key, &s.flavors[inst.flavor].name),
            _ => m.value(key, &inst.image_name),
        }
    }
    for (key, v) in extra.into_iter().flatten() {
        if !captured.contains(&key.as_str()) {
            m.value(key, v);
        }
    }
    m.finish();
}

/// A backup's JSON bytes (the fields of `want`).
pub fn backup_bytes(s: &Store, v: &View<'_>, b: &Backup, want: &FieldMask) -> Vec<u8> {
    let mut out = Vec::new();
    write_backup(&mut out, s, v, b, want, &mut InstanceParts::default());
    out
}

/// A backup as a JSON value (all fields).
pub fn backup_json(s: &Store, v: &View<'_>, b: &Backup) -> Value {
    serde_json::from_slice(&backup_bytes(s, v, b, &FieldMask::all(v.profile)))
        .unwrap_or(Value::Null)
}

/// A restoration entry of a backup. The 2024 release sends only `{uuid, instance, created,
/// flavor}`, with `flavor: null` once the flavor is deleted.
pub fn restoration_json(s: &Store, v: &View<'_>, r: &Restoration) -> Value {
    let inst = &s.instances[r.instance];
    let instance = v.url("openstack-instances", &inst.uuid);
    let created = crate::clock::iso(r.created);
    if v.is_2024() {
        let flavor =
            (!r.flavor_deleted).then(|| v.url("openstack-flavors", &s.flavors[r.flavor].uuid));
        return json!({ "uuid": r.uuid, "instance": instance, "created": created, "flavor": flavor });
    }
    json!({
        "uuid": r.uuid,
        "instance": instance,
        "created": created,
        "flavor": v.url("openstack-flavors", &s.flavors[r.flavor].uuid),
        "name": r.name,
        "floating_ips": inst.floating_ips.iter().map(|f| nested_fip(s, v, f)).collect::<Vec<_>>(),
        "security_groups": inst.security_groups.iter().map(|&g| nested_sg(s, v, g)).collect::<Vec<_>>(),
        "ports": inst.ports.iter().map(|p| nested_port(s, v, inst, p)).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_release_lists_its_own_fields() {
        let v81 = field_names(Profile::V8_1);
        let v24 = field_names(Profile::V2024);
        assert!(v81.contains(&"customer_uuid") && !v24.contains(&"customer_uuid"));
        assert!(!v81.contains(&"backup_schedule") && v24.contains(&"backup_schedule_uuid"));
        assert!(v81.contains(&"marketplace_offering_type"));
        assert!(!v24.contains(&"marketplace_offering_type"));
        assert_eq!(v81.len(), 46);
        assert_eq!(v24.len(), 46);
    }

    #[test]
    fn a_field_choice_the_release_lacks_is_ignored() {
        let m = FieldMask::of(Profile::V8_1, ["backup_schedule"].into_iter());
        assert!(m.on.iter().all(|on| *on), "unknown only = every field");
        let m = FieldMask::of(Profile::V2024, ["customer_uuid", "name"].into_iter());
        assert_eq!(m.on.iter().filter(|on| **on).count(), 1);
    }
}
