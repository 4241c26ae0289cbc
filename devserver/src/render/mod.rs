//! JSON rendering of the store's entities, as each profile's Waldur spells them: backups with a
//! fast field-by-field writer (`backup`), the related resources (`related`) and the signed-in
//! user (`user`). Nothing here changes data; handlers decide what to render.

pub mod backup;
pub mod related;
pub mod user;

use crate::profile::Profile;
use crate::store::{Marketplace, State, Store};
use serde_json::{json, Map, Value};

/// What a rendering depends on besides the data: the absolute base URL and the release.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    /// `http://host`, the prefix of every URL in a body.
    pub base: &'a str,
    /// The release whose spelling is used.
    pub profile: Profile,
}

impl<'a> View<'a> {
    /// A view of `base` in `profile`.
    pub fn new(base: &'a str, profile: Profile) -> Self {
        View { base, profile }
    }

    /// `{base}/api/{collection}/{uuid}/`.
    pub fn url(&self, collection: &str, uuid: &str) -> String {
        format!("{}/api/{collection}/{uuid}/", self.base)
    }

    /// A state in this release's spelling.
    pub fn state(&self, s: State) -> &'static str {
        self.profile.state(s)
    }

    /// Whether the release is the 2024 one.
    pub fn is_2024(&self) -> bool {
        self.profile.is_2024()
    }
}

/// Fields every structure resource shares: service settings, project and customer (the 2024
/// release has no `customer_uuid`).
pub fn resource_common(
    s: &Store,
    v: &View<'_>,
    tenant: usize,
    project: usize,
) -> Map<String, Value> {
    let t = &s.tenants[tenant];
    let p = &s.projects[project];
    let c = &s.customers[p.customer];
    let mut m = Map::new();
    m.insert("service_name".into(), json!(t.settings_name));
    m.insert(
        "service_settings".into(),
        json!(v.url("service-settings", &t.settings_uuid)),
    );
    m.insert("service_settings_uuid".into(), json!(t.settings_uuid));
    m.insert("service_settings_state".into(), json!(t.settings_state));
    m.insert(
        "service_settings_error_message".into(),
        json!(t.settings_error),
    );
    m.insert("project".into(), json!(v.url("projects", &p.uuid)));
    m.insert("project_name".into(), json!(p.name));
    m.insert("project_uuid".into(), json!(p.uuid));
    m.insert("customer".into(), json!(v.url("customers", &c.uuid)));
    if !v.is_2024() {
        m.insert("customer_uuid".into(), json!(c.uuid));
    }
    m.insert("customer_name".into(), json!(c.name));
    m.insert("customer_native_name".into(), json!(c.native_name));
    m.insert("customer_abbreviation".into(), json!(c.abbreviation));
    m
}

/// The `marketplace_*` and `is_*_based` fields, null without marketplace metadata
/// (`marketplace_offering_type` only in 8.1).
pub fn marketplace_fields(
    m: &mut Map<String, Value>,
    v: &View<'_>,
    mp: Option<&Marketplace>,
    offering_type: &str,
) {
    let with = |f: fn(&Marketplace) -> Value| mp.map_or(Value::Null, f);
    m.insert(
        "marketplace_offering_uuid".into(),
        with(|mp| json!(mp.offering_uuid)),
    );
    m.insert(
        "marketplace_offering_name".into(),
        with(|mp| json!(mp.offering_name)),
    );
    if !v.is_2024() {
        m.insert(
            "marketplace_offering_type".into(),
            mp.map_or(Value::Null, |_| json!(offering_type)),
        );
    }
    m.insert(
        "marketplace_offering_plugin_options".into(),
        with(|_| json!({})),
    );
    m.insert(
        "marketplace_category_uuid".into(),
        with(|mp| json!(mp.category_uuid)),
    );
    m.insert(
        "marketplace_category_name".into(),
        with(|mp| json!(mp.category_name)),
    );
    m.insert(
        "marketplace_resource_uuid".into(),
        with(|mp| json!(mp.resource_uuid)),
    );
    m.insert(
        "marketplace_plan_uuid".into(),
        with(|mp| json!(mp.plan_uuid)),
    );
    m.insert(
        "marketplace_resource_state".into(),
        with(|mp| json!(mp.resource_state)),
    );
    m.insert("is_usage_based".into(), with(|_| json!(false)));
    m.insert("is_limit_based".into(), with(|_| json!(true)));
}

/// Keeps only the `field=` choices of an object (all of them when none is known).
pub fn restrict(v: &mut Value, wanted: &[String]) {
    if let Some(obj) = v.as_object_mut() {
        if wanted.iter().any(|w| obj.contains_key(w)) {
            obj.retain(|k, _| wanted.contains(k));
        }
    }
}
