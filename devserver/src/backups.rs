//! `/api/openstack-backups/`: list, retrieve, update, delete, pull, unlink, restore; and
//! `POST /api/openstack-instances/{uuid}/backup/`.

use crate::app::App;
use crate::auth::{authenticate, User};
use crate::clock::{iso, parse_datetime, write_iso};
use crate::http::*;
use crate::pagination;
use crate::related;
use crate::restore;
use crate::store::*;
use axum::extract::{Path, Request, State as With};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};

const MODEL: &str = "OpenStackBackup";

/// Declares the backup fields once: the `field` choices in the schema's order, and an enum the
/// writer dispatches on (no string comparisons per field and row).
macro_rules! backup_fields {
    ($($id:ident = $name:literal,)*) => {
        /// One field of `OpenStackBackup`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Field {
            $($id,)*
        }

        /// Every field, in the schema's order.
        const ALL_FIELDS: &[Field] = &[$(Field::$id,)*];

        /// Every field of `OpenStackBackup`, in the schema's order (the `field` choices).
        pub const BACKUP_FIELDS: &[&str] = &[$($name,)*];
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

/// Which fields a response carries (`field=` choices; all when none is given).
pub struct FieldMask(Vec<bool>);

impl FieldMask {
    /// Every field.
    pub fn all() -> Self {
        FieldMask(vec![true; BACKUP_FIELDS.len()])
    }

    /// The fields `field=` asked for (all when it asked for none).
    pub fn of(fields: Option<&HashSet<String>>) -> Self {
        FieldMask(
            BACKUP_FIELDS
                .iter()
                .map(|k| fields.is_none_or(|f| f.contains(*k)))
                .collect(),
        )
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

/// Per-request cache of an instance's nested JSON (security groups, ports, floating IPs).
#[derive(Default)]
pub struct InstanceParts(HashMap<usize, [String; 3]>);

impl InstanceParts {
    fn get(&mut self, s: &Store, base: &str, i: usize) -> &[String; 3] {
        self.0.entry(i).or_insert_with(|| {
            let inst = &s.instances[i];
            let sgs: Vec<Value> = inst
                .security_groups
                .iter()
                .map(|&g| related::nested_sg(s, base, g))
                .collect();
            let ports: Vec<Value> = inst
                .ports
                .iter()
                .map(|p| related::nested_port(s, base, inst, p))
                .collect();
            let fips: Vec<Value> = inst
                .floating_ips
                .iter()
                .map(|f| related::nested_fip(s, base, f))
                .collect();
            [
                Value::Array(sgs).to_string(),
                Value::Array(ports).to_string(),
                Value::Array(fips).to_string(),
            ]
        })
    }
}

/// Serializes a backup (only the fields of `want`) into `out`.
///
/// Written straight into the buffer, field by field: a list page of 300 backups over 100,000
/// is mostly this, and building `Value` maps or formatted strings per row doubled its time.
pub fn write_backup(
    out: &mut Vec<u8>,
    s: &Store,
    base: &str,
    b: &Backup,
    want: &FieldMask,
    parts: &mut InstanceParts,
) {
    let mut w = ObjWriter::new(out);
    let t = &s.tenants[b.tenant];
    let p = &s.projects[b.project];
    let c = &s.customers[p.customer];
    let inst = &s.instances[b.instance];
    let mp = b.marketplace.as_deref();
    for (&f, k) in ALL_FIELDS.iter().zip(BACKUP_FIELDS) {
        if !want.0[f as usize] {
            continue;
        }
        match f {
            Field::Url => w.url(k, base, "/api/openstack-backups/", &b.uuid),
            Field::Uuid => w.value(k, &b.uuid),
            Field::Name => w.value(k, &b.name),
            Field::Description => w.value(k, &b.description),
            Field::ServiceName => w.value(k, &t.settings_name),
            Field::ServiceSettings => w.url(k, base, "/api/service-settings/", &t.settings_uuid),
            Field::ServiceSettingsUuid => w.value(k, &t.settings_uuid),
            Field::ServiceSettingsState => w.value(k, &t.settings_state),
            Field::ServiceSettingsErrorMessage => w.value(k, &t.settings_error),
            Field::Project => w.url(k, base, "/api/projects/", &p.uuid),
            Field::ProjectName => w.value(k, &p.name),
            Field::ProjectUuid => w.value(k, &p.uuid),
            Field::Customer => w.url(k, base, "/api/customers/", &c.uuid),
            Field::CustomerUuid => w.value(k, &c.uuid),
            Field::CustomerName => w.value(k, &c.name),
            Field::CustomerNativeName => w.value(k, &c.native_name),
            Field::CustomerAbbreviation => w.value(k, &c.abbreviation),
            Field::ErrorMessage => w.value(k, &b.error_message),
            Field::ErrorTraceback => w.value(k, &b.error_traceback),
            Field::ResourceType => w.value(k, "OpenStack.Backup"),
            Field::State => w.value(k, b.state.as_str()),
            Field::Created => w.time(k, Some(b.created)),
            Field::Modified => w.time(k, Some(b.modified)),
            Field::BackendId => w.value(k, &b.backend_id),
            Field::AccessUrl => w.raw(k, "null"),
            Field::KeptUntil => w.time(k, b.kept_until),
            Field::Metadata => write_metadata(&mut w, k, s, b),
            Field::Instance => w.url(k, base, "/api/openstack-instances/", &inst.uuid),
            Field::InstanceName => w.value(k, &inst.name),
            Field::InstanceMarketplaceUuid => w.value(k, &inst.marketplace_resource_uuid),
            Field::Restorations if b.restorations.is_empty() => w.raw(k, "[]"),
            Field::Restorations => {
                let r: Vec<Value> = b
                    .restorations
                    .iter()
                    .map(|r| restoration_json(s, base, r))
                    .collect();
                w.value(k, &r)
            }
            Field::InstanceSecurityGroups => w.raw(k, &parts.get(s, base, b.instance)[0]),
            Field::InstancePorts => w.raw(k, &parts.get(s, base, b.instance)[1]),
            Field::InstanceFloatingIps => w.raw(k, &parts.get(s, base, b.instance)[2]),
            Field::TenantUuid => w.value(k, &t.uuid),
            Field::MarketplaceOfferingUuid => w.value(k, &mp.map(|m| &m.offering_uuid)),
            Field::MarketplaceOfferingName => w.value(k, &mp.map(|m| &m.offering_name)),
            Field::MarketplaceOfferingType => w.value(k, &mp.map(|_| "OpenStack.Tenant")),
            Field::MarketplaceOfferingPluginOptions => {
                w.raw(k, if mp.is_some() { "{}" } else { "null" })
            }
            Field::MarketplaceCategoryUuid => w.value(k, &mp.map(|m| &m.category_uuid)),
            Field::MarketplaceCategoryName => w.value(k, &mp.map(|m| &m.category_name)),
            Field::MarketplaceResourceUuid => w.value(k, &mp.map(|m| &m.resource_uuid)),
            Field::MarketplacePlanUuid => w.value(k, &mp.map(|m| &m.plan_uuid)),
            Field::MarketplaceResourceState => w.value(k, &mp.map(|m| &m.resource_state)),
            Field::IsUsageBased => w.value(k, &mp.map(|_| false)),
            Field::IsLimitBased => w.value(k, &mp.map(|_| true)),
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

/// A backup as a JSON value (all fields).
pub fn backup_json(s: &Store, base: &str, b: &Backup) -> Value {
    let mut out = Vec::new();
    write_backup(
        &mut out,
        s,
        base,
        b,
        &FieldMask::all(),
        &mut InstanceParts::default(),
    );
    serde_json::from_slice(&out).unwrap_or(Value::Null)
}

fn backup_response(status: StatusCode, s: &Store, base: &str, b: &Backup) -> Response {
    let mut out = Vec::new();
    write_backup(
        &mut out,
        s,
        base,
        b,
        &FieldMask::all(),
        &mut InstanceParts::default(),
    );
    bytes_response(status, out)
}

/// A restoration entry of a backup.
pub fn restoration_json(s: &Store, base: &str, r: &Restoration) -> Value {
    let inst = &s.instances[r.instance];
    json!({
        "uuid": r.uuid,
        "instance": format!("{base}/api/openstack-instances/{}/", inst.uuid),
        "created": iso(r.created),
        "flavor": format!("{base}/api/openstack-flavors/{}/", s.flavors[r.flavor].uuid),
        "name": r.name,
        "floating_ips": inst.floating_ips.iter().map(|f| related::nested_fip(s, base, f)).collect::<Vec<_>>(),
        "security_groups": inst.security_groups.iter().map(|&g| related::nested_sg(s, base, g)).collect::<Vec<_>>(),
        "ports": inst.ports.iter().map(|p| related::nested_port(s, base, inst, p)).collect::<Vec<_>>(),
    })
}

/// The backup filters of one list request, resolved against the data.
struct BackupFilter {
    projects: Vec<bool>,
    tenants: Vec<bool>,
    instances: Option<Vec<bool>>,
    /// Wanted states (a few at most: a list beats hashing each of 100,000 backups' state).
    states: Option<Vec<State>>,
    name: Option<String>,
    name_exact: Option<String>,
    description: Option<String>,
    backend_id: Option<String>,
    uuid: Option<String>,
}

impl BackupFilter {
    fn parse(s: &Store, user: User, pairs: &[(String, String)]) -> Result<Self, ApiError> {
        let mut errors = Map::new();
        let project_uuid = uuid_param(pairs, "project_uuid", &mut errors);
        let project = uuid_param(pairs, "project", &mut errors);
        let customer_uuid = uuid_param(pairs, "customer_uuid", &mut errors);
        let customer = uuid_param(pairs, "customer", &mut errors);
        let tenant_uuid = uuid_param(pairs, "tenant_uuid", &mut errors);
        let settings_uuid = uuid_param(pairs, "service_settings_uuid", &mut errors);
        let instance_uuid = uuid_param(pairs, "instance_uuid", &mut errors);
        let uuid = uuid_param(pairs, "uuid", &mut errors);
        let mut states = HashSet::new();
        for v in all(pairs, "state") {
            match State::parse(v) {
                Some(st) => {
                    states.insert(st);
                }
                None => {
                    errors.insert(
                        "state".into(),
                        json!([format!(
                            "Select a valid choice. {v} is not one of the available choices."
                        )]),
                    );
                }
            }
        }
        if let Some(o) = last(pairs, "o") {
            if order_field(o).is_none() {
                errors.insert(
                    "o".into(),
                    json!([format!(
                        "Select a valid choice. {o} is not one of the available choices."
                    )]),
                );
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::bad_request(Value::Object(errors)));
        }
        let can_manage = matches!(last(pairs, "can_manage"), Some("true" | "True" | "1"));
        let project_name = text_param(pairs, "project_name");
        let customer_name = text_param(pairs, "customer_name");
        let customer_native_name = text_param(pairs, "customer_native_name");
        let customer_abbreviation = text_param(pairs, "customer_abbreviation");
        let contains = |hay: &str, needle: &Option<String>| {
            needle
                .as_ref()
                .is_none_or(|n| hay.to_lowercase().contains(n))
        };
        let projects = s
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let c = &s.customers[p.customer];
                user.sees(i)
                    && (!can_manage || user.manages(i))
                    && project_uuid.as_ref().is_none_or(|u| *u == p.uuid)
                    && project.as_ref().is_none_or(|u| *u == p.uuid)
                    && customer_uuid.as_ref().is_none_or(|u| *u == c.uuid)
                    && customer.as_ref().is_none_or(|u| *u == c.uuid)
                    && contains(&p.name, &project_name)
                    && contains(&c.name, &customer_name)
                    && contains(&c.native_name, &customer_native_name)
                    && contains(&c.abbreviation, &customer_abbreviation)
            })
            .collect();
        let tenant_url = last(pairs, "tenant")
            .filter(|v| !v.is_empty())
            .map(|v| url_uuid(v).map(|(_, u)| u));
        let settings_name = text_param(pairs, "service_settings_name");
        let tenants = s
            .tenants
            .iter()
            .map(|t| {
                tenant_uuid.as_ref().is_none_or(|u| *u == t.uuid)
                    && tenant_url
                        .as_ref()
                        .is_none_or(|u| u.as_deref() == Some(t.uuid.as_str()))
                    && settings_uuid.as_ref().is_none_or(|u| *u == t.settings_uuid)
                    && contains(&t.settings_name, &settings_name)
            })
            .collect();
        let instance_url = last(pairs, "instance")
            .filter(|v| !v.is_empty())
            .map(|v| url_uuid(v).map(|(_, u)| u));
        let external_ip = last(pairs, "external_ip").filter(|v| !v.is_empty());
        let instances = (instance_uuid.is_some() || instance_url.is_some() || external_ip.is_some()).then(|| {
            s.instances
                .iter()
                .map(|inst| {
                    instance_uuid.as_ref().is_none_or(|u| *u == inst.uuid)
                        && instance_url.as_ref().is_none_or(|u| u.as_deref() == Some(inst.uuid.as_str()))
                        && external_ip.is_none_or(|ip| {
                            inst.floating_ips.iter().any(|f| matches!(f, InstanceFip::Assigned(i) if s.floating_ips[*i].address == ip))
                        })
                })
                .collect()
        });
        Ok(BackupFilter {
            projects,
            tenants,
            instances,
            states: (!states.is_empty()).then(|| states.into_iter().collect()),
            name: text_param(pairs, "name"),
            name_exact: last(pairs, "name_exact")
                .filter(|v| !v.is_empty())
                .map(String::from),
            description: text_param(pairs, "description"),
            backend_id: last(pairs, "backend_id")
                .filter(|v| !v.is_empty())
                .map(String::from),
            uuid,
        })
    }

    fn matches(&self, b: &Backup) -> bool {
        self.projects[b.project]
            && self.tenants[b.tenant]
            && self.instances.as_ref().is_none_or(|m| m[b.instance])
            && self.states.as_ref().is_none_or(|st| st.contains(&b.state))
            && self
                .name
                .as_ref()
                .is_none_or(|n| b.name_lc.contains(n.as_str()))
            && self.name_exact.as_ref().is_none_or(|n| b.name == *n)
            && self
                .description
                .as_ref()
                .is_none_or(|d| b.description_lc.contains(d.as_str()))
            && self
                .backend_id
                .as_ref()
                .is_none_or(|id| b.backend_id == *id)
            && self.uuid.as_ref().is_none_or(|u| b.uuid == *u)
    }
}

/// The ordering field and direction of an `o` value (`-name` = descending).
pub fn order_field(o: &str) -> Option<(&'static str, bool)> {
    let (desc, f) = match o.strip_prefix('-') {
        Some(f) => (true, f),
        None => (false, o),
    };
    BACKUP_ORDERINGS
        .iter()
        .find(|k| **k == f)
        .map(|k| (*k, desc))
}

/// Requested `field` values that exist (None = all fields).
pub fn requested_fields(pairs: &[(String, String)], known: &[&str]) -> Option<HashSet<String>> {
    let f: HashSet<String> = all(pairs, "field")
        .filter(|v| known.contains(v))
        .map(String::from)
        .collect();
    (!f.is_empty()).then_some(f)
}

/// `/api/openstack-backups/`: GET (list) and HEAD (count).
pub async fn list_route(With(app): With<App>, req: Request) -> Response {
    let req = Req::read(req).await;
    list(&app, &req).unwrap_or_else(IntoResponse::into_response)
}

fn list(app: &App, req: &Req) -> ApiResult {
    let user = authenticate(&req.headers)?;
    if req.method != Method::GET && req.method != Method::HEAD {
        return Err(ApiError::method_not_allowed(&req.method));
    }
    let pairs = req.pairs();
    let base = req.base();
    let mut w = app.world();
    let s = &mut w.store;
    let filter = BackupFilter::parse(s, user, &pairs)?;
    let (field, desc) = last(&pairs, "o")
        .and_then(order_field)
        .unwrap_or(("name", false));
    let order = s.backup_order(field);
    let s = &*s;
    // Which backups match, found in one pass in memory order: walking 100,000 large records in
    // sort order instead costs a cache miss each. The sort order then reads only this bitmap.
    let matching: Vec<bool> = s
        .backups
        .iter()
        .map(|b| b.as_ref().is_some_and(|b| filter.matches(b)))
        .collect();
    let live = |i: &u32| {
        if matching[*i as usize] {
            s.backups[*i as usize].as_ref()
        } else {
            None
        }
    };
    if req.method == Method::HEAD {
        let total = order.iter().filter(|i| matching[**i as usize]).count();
        let mut r = StatusCode::OK.into_response();
        r.headers_mut().insert("x-result-count", total.into());
        return Ok(r);
    }
    let size = pagination::page_size(&pairs);
    let requested_page = last(&pairs, "page")
        .and_then(|p| p.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let start = (requested_page - 1).saturating_mul(size);
    let mut total = 0usize;
    let mut rows: Vec<&Backup> = Vec::with_capacity(size);
    let ordered = |desc: bool| -> Box<dyn Iterator<Item = &u32> + '_> {
        if desc {
            Box::new(order.iter().rev())
        } else {
            Box::new(order.iter())
        }
    };
    for i in ordered(desc).filter(|i| matching[**i as usize]) {
        if total >= start && rows.len() < size {
            rows.extend(live(i));
        }
        total += 1;
    }
    let page = pagination::paginate(&pairs, total)?;
    if page.number != requested_page {
        // `page=last` resolves after counting; collect that page now.
        rows.clear();
        rows.extend(
            ordered(desc)
                .filter_map(live)
                .skip(page.offset())
                .take(size),
        );
    }
    let want = FieldMask::of(requested_fields(&pairs, BACKUP_FIELDS).as_ref());
    let mut out = Vec::with_capacity(rows.len() * 4096 + 2);
    out.push(b'[');
    let mut parts = InstanceParts::default();
    for (i, b) in rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_backup(&mut out, s, &base, b, &want, &mut parts);
    }
    out.push(b']');
    let mut r = bytes_response(StatusCode::OK, out);
    pagination::add_headers(&mut r, &page, &base, req.uri.path(), &pairs, false);
    Ok(r)
}

/// `/api/openstack-backups/{uuid}/`: GET, PUT, PATCH, DELETE.
pub async fn detail_route(
    With(app): With<App>,
    Path(uuid): Path<String>,
    req: Request,
) -> Response {
    let req = Req::read(req).await;
    detail(&app, &uuid, &req).unwrap_or_else(IntoResponse::into_response)
}

fn find(s: &Store, user: User, uuid: &str) -> Result<usize, ApiError> {
    normalize_uuid(uuid)
        .and_then(|u| s.backup_idx(&u))
        .filter(|&i| s.backups[i].as_ref().is_some_and(|b| user.sees(b.project)))
        .ok_or_else(|| ApiError::not_found(MODEL))
}

fn detail(app: &App, uuid: &str, req: &Req) -> ApiResult {
    let user = authenticate(&req.headers)?;
    let base = req.base();
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let m = req.method.clone();
    if ![
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ]
    .contains(&m)
    {
        return Err(ApiError::method_not_allowed(&m));
    }
    let i = find(s, user, uuid)?;
    let b = s.backups[i].as_ref().expect("found");
    if m == Method::GET || m == Method::HEAD {
        return Ok(backup_response(StatusCode::OK, s, &base, b));
    }
    user.check_change(b.project, MODEL)?;
    if m == Method::DELETE {
        if !matches!(b.state, State::Ok | State::Erred) {
            return Err(ApiError::conflict_states("OK, ERRED"));
        }
        let due = s.schedule(now);
        let b = s.backups[i].as_mut().expect("found");
        b.state = State::DeletionScheduled;
        b.modified = now;
        b.next_step = due;
        s.changed();
        return Ok(json_response(
            StatusCode::ACCEPTED,
            &json!({ "detail": "Deletion was scheduled." }),
        ));
    }
    if b.state != State::Ok {
        return Err(ApiError::conflict_states("OK"));
    }
    let body = parse_body(&req.body)?;
    let upd = validate_fields(expect_object(&body)?, m == Method::PATCH)?;
    let b = s.backups[i].as_mut().expect("found");
    upd.apply(b, now);
    s.changed();
    let b = s.backups[i].as_ref().expect("found");
    Ok(backup_response(StatusCode::OK, s, &base, b))
}

/// A validated change of name, description and retention.
#[derive(Debug, Default)]
pub struct BackupUpdate {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New retention (`Some(None)` = keep forever).
    pub kept_until: Option<Option<DateTime<Utc>>>,
}

impl BackupUpdate {
    fn apply(self, b: &mut Backup, now: DateTime<Utc>) {
        if let Some(n) = self.name {
            b.name_lc = n.to_lowercase();
            b.name = n;
        }
        if let Some(d) = self.description {
            b.description_lc = d.to_lowercase();
            b.description = d;
        }
        if let Some(k) = self.kept_until {
            b.kept_until = k;
        }
        b.modified = now;
    }
}

fn char_field(v: &Value, max: usize, allow_blank: bool) -> Result<String, String> {
    let s = match v {
        Value::Null => return Err("This field may not be null.".into()),
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return Err("Not a valid string.".into()),
    };
    if s.is_empty() && !allow_blank {
        return Err("This field may not be blank.".into());
    }
    if s.chars().count() > max {
        return Err(format!(
            "Ensure this field has no more than {max} characters."
        ));
    }
    Ok(s)
}

/// Validates `name` (required unless `partial`), `description` and `kept_until` as DRF would.
pub fn validate_fields(obj: &Map<String, Value>, partial: bool) -> Result<BackupUpdate, ApiError> {
    let mut errors = Map::new();
    let mut upd = BackupUpdate::default();
    match obj.get("name") {
        None if !partial => {
            errors.insert("name".into(), json!(["This field is required."]));
        }
        None => {}
        Some(v) => match char_field(v, 150, false) {
            Ok(s) => upd.name = Some(s),
            Err(e) => {
                errors.insert("name".into(), json!([e]));
            }
        },
    }
    if let Some(v) = obj.get("description") {
        match char_field(v, 2000, true) {
            Ok(s) => upd.description = Some(s),
            Err(e) => {
                errors.insert("description".into(), json!([e]));
            }
        }
    }
    if let Some(v) = obj.get("kept_until") {
        match v {
            Value::Null => upd.kept_until = Some(None),
            Value::String(s) if s.trim().is_empty() => upd.kept_until = Some(None),
            Value::String(s) => match parse_datetime(s.trim()) {
                Some(t) => upd.kept_until = Some(Some(t)),
                None => {
                    errors.insert("kept_until".into(), json!([DATETIME_FORMAT_ERROR]));
                }
            },
            _ => {
                errors.insert("kept_until".into(), json!([DATETIME_FORMAT_ERROR]));
            }
        }
    }
    if errors.is_empty() {
        Ok(upd)
    } else {
        Err(ApiError::bad_request(Value::Object(errors)))
    }
}

/// DRF's message for an unparsable date-time.
pub const DATETIME_FORMAT_ERROR: &str =
    "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

/// `/api/openstack-backups/{uuid}/{action}/`: pull, unlink, restore, set_ok, set_erred.
pub async fn action_route(
    With(app): With<App>,
    Path((uuid, action)): Path<(String, String)>,
    req: Request,
) -> Response {
    let req = Req::read(req).await;
    run_action(&app, &uuid, &action, &req).unwrap_or_else(IntoResponse::into_response)
}

fn run_action(app: &App, uuid: &str, action: &str, req: &Req) -> ApiResult {
    let user = authenticate(&req.headers)?;
    if !["pull", "unlink", "restore", "set_ok", "set_erred"].contains(&action) {
        return Err(ApiError::detail(StatusCode::NOT_FOUND, "Not found."));
    }
    if req.method != Method::POST {
        return Err(ApiError::method_not_allowed(&req.method));
    }
    let base = req.base();
    let mut w = app.world();
    let now = w.clock.now();
    let pull_accepted = w.pull_accepted;
    let s = &mut w.store;
    let i = find(s, user, uuid)?;
    let b = s.backups[i].as_ref().expect("found");
    match action {
        "unlink" | "set_ok" | "set_erred" => {
            if user != User::Staff {
                return Err(ApiError::forbidden());
            }
        }
        _ => user.check_change(b.project, MODEL)?,
    }
    match action {
        "unlink" => {
            s.remove_backup(i);
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        "pull" => {
            if !matches!(b.state, State::Ok | State::Erred) {
                return Err(ApiError::conflict_states("OK, ERRED"));
            }
            if b.backend_id.is_empty() {
                return Err(ApiError::bad_request(json!([
                    "Resource does not have backend ID."
                ])));
            }
            if !pull_accepted {
                return Err(ApiError::detail(
                    StatusCode::CONFLICT,
                    "Pull operation is not implemented.",
                ));
            }
            let due = s.schedule(now);
            let b = s.backups[i].as_mut().expect("found");
            b.state = State::UpdateScheduled;
            b.modified = now;
            b.next_step = due;
            s.changed();
            Ok(json_response(
                StatusCode::ACCEPTED,
                &json!({ "detail": "Pull operation was successfully scheduled." }),
            ))
        }
        "set_ok" | "set_erred" => {
            let body = parse_body(&req.body)?;
            let b = s.backups[i].as_mut().expect("found");
            b.modified = now;
            b.next_step = None;
            if action == "set_ok" {
                b.state = State::Ok;
                b.error_message.clear();
                b.error_traceback.clear();
            } else {
                b.state = State::Erred;
                b.error_message = body["error_message"].as_str().unwrap_or("").to_string();
                b.error_traceback = body["error_traceback"].as_str().unwrap_or("").to_string();
            }
            s.changed();
            let msg = if action == "set_ok" {
                "Resource has been marked as OK."
            } else {
                "Resource has been marked as erred."
            };
            Ok(json_response(StatusCode::OK, &json!({ "detail": msg })))
        }
        _ => {
            if b.state != State::Ok {
                return Err(ApiError::conflict_states("OK"));
            }
            let body = parse_body(&req.body)?;
            let v = restore::restore(s, i, &body, &base, now)?;
            Ok(json_response(StatusCode::CREATED, &v))
        }
    }
}

/// `POST /api/openstack-instances/{uuid}/backup/` `{"name", "description"?, "kept_until"?}`.
pub async fn create_from_instance(
    With(app): With<App>,
    Path(uuid): Path<String>,
    req: Request,
) -> Response {
    let req = Req::read(req).await;
    create(&app, &uuid, &req).unwrap_or_else(IntoResponse::into_response)
}

fn create(app: &App, uuid: &str, req: &Req) -> ApiResult {
    let user = authenticate(&req.headers)?;
    if req.method != Method::POST {
        return Err(ApiError::method_not_allowed(&req.method));
    }
    let base = req.base();
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let ii = normalize_uuid(uuid)
        .and_then(|u| s.instances.iter().position(|i| i.uuid == u))
        .filter(|&i| user.sees(s.tenants[s.instances[i].tenant].project))
        .ok_or_else(|| ApiError::not_found("OpenStackInstance"))?;
    let inst = &s.instances[ii];
    let tenant = inst.tenant;
    let project = s.tenants[tenant].project;
    user.check_change(project, "OpenStackInstance")?;
    if inst.state != State::Ok {
        return Err(ApiError::conflict_states("OK"));
    }
    let body = parse_body(&req.body)?;
    let upd = validate_fields(expect_object(&body)?, false)?;
    let size: i64 = inst.volumes.iter().map(|v| v.size).sum();
    let t = &s.tenants[tenant];
    let mut exceeded = Vec::new();
    for (name, delta) in [("snapshots", 1), ("snapshot_size", size)] {
        if let Some(q) = t.quotas.iter().find(|q| q.name == name) {
            if q.limit >= 0 && q.usage + delta > q.limit {
                exceeded.push(format!(
                    "{name} quota limit: {}, requires {}",
                    q.limit,
                    q.usage + delta
                ));
            }
        }
    }
    if !exceeded.is_empty() {
        return Err(ApiError::bad_request(json!([format!(
            "One or more quotas were exceeded: {}.",
            exceeded.join("; ")
        )])));
    }
    let t = &mut s.tenants[tenant];
    if let Some(q) = t.quota_mut("snapshots") {
        q.usage += 1;
    }
    if let Some(q) = t.quota_mut("snapshot_size") {
        q.usage += size;
    }
    let seq = s.backups.len();
    let uuid = format!(
        "{:016x}{:016x}",
        0xb4c0_0000_0000_0000u64 | seq as u64,
        now.timestamp_micros() as u64
    );
    let next_step = s.schedule(now);
    let mut b = Backup {
        uuid,
        name: String::new(),
        name_lc: String::new(),
        description: String::new(),
        description_lc: String::new(),
        state: State::CreationScheduled,
        next_step,
        created: now,
        modified: now,
        kept_until: None,
        backend_id: String::new(),
        instance: ii,
        tenant,
        project,
        size,
        meta_mask: 0b11_1111_1111,
        meta_extra: None,
        restorations: Vec::new(),
        error_message: String::new(),
        error_traceback: String::new(),
        marketplace: None,
    };
    upd.apply(&mut b, now);
    let i = s.push_backup(b);
    let b = s.backups[i].as_ref().expect("just added");
    Ok(backup_response(StatusCode::CREATED, s, &base, b))
}
