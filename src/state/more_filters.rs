//! The table's "More filters": the list filters of the API beyond the six of the filter bar
//! that make sense to a person (exact name, backend ID, external IP, service provider,
//! organization abbreviation and native name, project, organization, tenant and backup UUIDs,
//! and "only backups I can manage"), each checked before it is sent, with its page-URL key and
//! its chip.
//!
//! | filter | URL key | sent as | checked |
//! |---|---|---|---|
//! | exact name | `name_exact` | `name_exact` | — |
//! | backend ID | `backend_id` | `backend_id` | — |
//! | external IP | `external_ip` | `external_ip` | an IPv4 or IPv6 address |
//! | service provider | `provider` | `service_settings_name` | — |
//! | organization abbreviation | `customer_abbreviation` | `customer_abbreviation` | — |
//! | organization native name | `customer_native_name` | `customer_native_name` | — |
//! | project UUID | `project_uuid` | `project_uuid` | a UUID |
//! | organization UUID | `customer_uuid` | `customer_uuid` | a UUID |
//! | tenant | `tenant` | `tenant_uuid` (also for a tenant's URL) | a UUID or `…/openstack-tenants/<uuid>/` |
//! | backup UUID | `backup_uuid` | `uuid` | a UUID |
//! | only backups I can manage | `can_manage=true` | `can_manage=true` | — |
//!
//! A value that fails its check is marked at its field and not sent (Waldur answers a
//! malformed UUID with 400). Filters the host's [`Scope`] fixes (project, organization,
//! tenant) are not offered: the host's value wins.

use crate::api::BackupQuery;
use crate::i18n::{Msg, Text};
use crate::state::links::uuid_from_url;
use crate::state::options::is_uuid;
use crate::state::Scope;

/// One filter of "More filters" that takes text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MoreFilter {
    /// `name_exact`: the whole name, exactly.
    NameExact,
    /// `backend_id`: the backup's ID in OpenStack.
    BackendId,
    /// `external_ip`: an external IP address.
    ExternalIp,
    /// `service_settings_name`: the service provider's name (contains).
    ServiceProvider,
    /// `customer_abbreviation` (contains).
    CustomerAbbreviation,
    /// `customer_native_name` (contains).
    CustomerNativeName,
    /// `project_uuid`.
    ProjectUuid,
    /// `customer_uuid`.
    CustomerUuid,
    /// `tenant_uuid`, from a tenant's UUID or its API URL.
    Tenant,
    /// `uuid`: one backup.
    BackupUuid,
}

/// How a filter's text is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    Text,
    Ip,
    Uuid,
    TenantRef,
}

/// What one filter's text comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checked {
    /// Nothing typed: no filter.
    Empty,
    /// Sent with this value.
    Send(String),
    /// Not sent; the field shows this message.
    Invalid(Msg),
}

impl MoreFilter {
    /// Every text filter, in the order the panel shows them.
    pub const ALL: [MoreFilter; 10] = [
        MoreFilter::NameExact,
        MoreFilter::BackendId,
        MoreFilter::ExternalIp,
        MoreFilter::ServiceProvider,
        MoreFilter::CustomerAbbreviation,
        MoreFilter::CustomerNativeName,
        MoreFilter::ProjectUuid,
        MoreFilter::CustomerUuid,
        MoreFilter::Tenant,
        MoreFilter::BackupUuid,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// Its key in the page URL (with `urlSync`), also its `data-filter` in the panel.
    pub fn url_key(self) -> &'static str {
        match self {
            MoreFilter::NameExact => "name_exact",
            MoreFilter::BackendId => "backend_id",
            MoreFilter::ExternalIp => "external_ip",
            MoreFilter::ServiceProvider => "provider",
            MoreFilter::CustomerAbbreviation => "customer_abbreviation",
            MoreFilter::CustomerNativeName => "customer_native_name",
            MoreFilter::ProjectUuid => "project_uuid",
            MoreFilter::CustomerUuid => "customer_uuid",
            MoreFilter::Tenant => "tenant",
            MoreFilter::BackupUuid => "backup_uuid",
        }
    }

    /// The field's label.
    pub fn label(self) -> Msg {
        match self {
            MoreFilter::NameExact => Msg::MoreNameExact,
            MoreFilter::BackendId => Msg::MoreBackendId,
            MoreFilter::ExternalIp => Msg::MoreExternalIp,
            MoreFilter::ServiceProvider => Msg::MoreServiceProvider,
            MoreFilter::CustomerAbbreviation => Msg::MoreOrgAbbreviation,
            MoreFilter::CustomerNativeName => Msg::MoreOrgNativeName,
            MoreFilter::ProjectUuid => Msg::MoreProjectUuid,
            MoreFilter::CustomerUuid => Msg::MoreOrgUuid,
            MoreFilter::Tenant => Msg::MoreTenant,
            MoreFilter::BackupUuid => Msg::MoreBackupUuid,
        }
    }

    /// The field's placeholder, for the filters whose form is not obvious.
    pub fn placeholder(self) -> Option<Msg> {
        match self.check() {
            Check::Text => None,
            Check::Ip => Some(Msg::MoreIpPlaceholder),
            Check::Uuid => Some(Msg::MoreUuidPlaceholder),
            Check::TenantRef => Some(Msg::MoreTenantPlaceholder),
        }
    }

    fn check(self) -> Check {
        match self {
            MoreFilter::ExternalIp => Check::Ip,
            MoreFilter::ProjectUuid | MoreFilter::CustomerUuid | MoreFilter::BackupUuid => {
                Check::Uuid
            }
            MoreFilter::Tenant => Check::TenantRef,
            _ => Check::Text,
        }
    }

    /// Checks `text` for this filter: what is sent, or why it is not.
    pub fn check_text(self, text: &str) -> Checked {
        let t = text.trim();
        if t.is_empty() {
            return Checked::Empty;
        }
        match self.check() {
            Check::Text => Checked::Send(t.to_string()),
            Check::Ip => match t.parse::<std::net::IpAddr>() {
                Ok(_) => Checked::Send(t.to_string()),
                Err(_) => Checked::Invalid(Msg::MoreIpInvalid),
            },
            Check::Uuid if is_uuid(t) => Checked::Send(t.to_ascii_lowercase()),
            Check::Uuid => Checked::Invalid(Msg::MoreUuidInvalid),
            Check::TenantRef => match tenant_uuid(t) {
                Some(u) => Checked::Send(u),
                None => Checked::Invalid(Msg::MoreTenantInvalid),
            },
        }
    }

    /// Whether the host's scope fixes this filter (then it is not offered).
    pub fn fixed_by(self, scope: &Scope) -> bool {
        let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        match self {
            MoreFilter::ProjectUuid => set(&scope.project_uuid),
            MoreFilter::CustomerUuid => set(&scope.customer_uuid),
            MoreFilter::Tenant => set(&scope.tenant_uuid),
            _ => false,
        }
    }

    fn write(self, q: &mut BackupQuery, value: String) {
        let slot = match self {
            MoreFilter::NameExact => &mut q.name_exact,
            MoreFilter::BackendId => &mut q.backend_id,
            MoreFilter::ExternalIp => &mut q.external_ip,
            MoreFilter::ServiceProvider => &mut q.service_settings_name,
            MoreFilter::CustomerAbbreviation => &mut q.customer_abbreviation,
            MoreFilter::CustomerNativeName => &mut q.customer_native_name,
            MoreFilter::ProjectUuid => &mut q.project_uuid,
            MoreFilter::CustomerUuid => &mut q.customer_uuid,
            MoreFilter::Tenant => &mut q.tenant_uuid,
            MoreFilter::BackupUuid => &mut q.uuid,
        };
        // The host's scope was written first and wins.
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

/// The tenant's UUID in `text`: a UUID (dashes allowed), or a tenant's API URL
/// (`https://…/api/openstack-tenants/<uuid>/`, absolute or from `/api/`), lower-cased.
pub fn tenant_uuid(text: &str) -> Option<String> {
    let t = text.trim();
    if is_uuid(t) {
        return Some(t.to_ascii_lowercase());
    }
    if !(t.starts_with("http://") || t.starts_with("https://") || t.starts_with("/api/")) {
        return None;
    }
    let path = t.split(['?', '#']).next().unwrap_or(t);
    let is_tenant = path
        .trim_end_matches('/')
        .rsplit_once('/')
        .is_some_and(|(before, _)| before.ends_with("/openstack-tenants"));
    uuid_from_url(path)
        .filter(|u| is_tenant && is_uuid(u))
        .map(str::to_ascii_lowercase)
}

/// The URL key of "only backups I can manage".
pub const CAN_MANAGE_KEY: &str = "can_manage";

/// What "More filters" holds: the text of each filter as typed, and "only backups I can manage".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoreFilters {
    text: [String; 10],
    /// Only backups the user can manage (`can_manage=true`).
    pub can_manage: bool,
}

impl MoreFilters {
    /// The text of `f`, as typed.
    pub fn get(&self, f: MoreFilter) -> &str {
        &self.text[f.index()]
    }

    /// Sets the text of `f`.
    pub fn set(&mut self, f: MoreFilter, value: impl Into<String>) {
        self.text[f.index()] = value.into();
    }

    /// What the text of `f` comes to.
    pub fn checked(&self, f: MoreFilter) -> Checked {
        f.check_text(self.get(f))
    }

    /// How many filters are applied (the disclosure's count).
    pub fn active_count(&self) -> usize {
        MoreFilter::ALL
            .into_iter()
            .filter(|f| matches!(self.checked(*f), Checked::Send(_)))
            .count()
            + usize::from(self.can_manage)
    }

    /// The filters as they are applied: text that fails its check is left out.
    pub fn applicable(mut self) -> MoreFilters {
        for f in MoreFilter::ALL {
            if matches!(self.checked(f), Checked::Invalid(_)) {
                self.text[f.index()].clear();
            }
        }
        self
    }

    /// Writes the applied filters into `q`, after the host's scope (whose keys win).
    pub fn apply(&self, q: &mut BackupQuery) {
        for f in MoreFilter::ALL {
            if let Checked::Send(v) = self.checked(f) {
                f.write(q, v);
            }
        }
        if self.can_manage {
            q.can_manage = Some(true);
        }
    }

    /// Chips of the applied filters: `(filter, label)`, `None` for "only backups I can manage".
    pub fn chips(&self) -> Vec<(Option<MoreFilter>, Text)> {
        let mut out: Vec<(Option<MoreFilter>, Text)> = MoreFilter::ALL
            .into_iter()
            .filter(|f| matches!(self.checked(*f), Checked::Send(_)))
            .map(|f| {
                let chip = Text::new(Msg::MoreChip)
                    .arg("filter", Text::new(f.label()))
                    .arg("value", self.get(f).trim());
                (Some(f), chip)
            })
            .collect();
        if self.can_manage {
            out.push((None, Text::new(Msg::MoreCanManage)));
        }
        out
    }

    /// Clears one filter (`None`: "only backups I can manage").
    pub fn remove(&mut self, f: Option<MoreFilter>) {
        match f {
            Some(f) => self.text[f.index()].clear(),
            None => self.can_manage = false,
        }
    }

    /// The filters as page-URL pairs (empty ones left out).
    pub fn encode(&self, out: &mut Vec<(String, String)>) {
        for f in MoreFilter::ALL {
            let v = self.get(f).trim();
            if !v.is_empty() {
                out.push((f.url_key().to_string(), v.to_string()));
            }
        }
        if self.can_manage {
            out.push((CAN_MANAGE_KEY.to_string(), "true".to_string()));
        }
    }

    /// Reads one page-URL pair; false when `key` is not one of these filters.
    pub fn decode(&mut self, key: &str, value: String) -> bool {
        if key == CAN_MANAGE_KEY {
            self.can_manage = matches!(value.to_ascii_lowercase().as_str(), "true" | "1");
            return true;
        }
        match MoreFilter::ALL.into_iter().find(|f| f.url_key() == key) {
            Some(f) => {
                self.set(f, value);
                true
            }
            None => false,
        }
    }
}

/// Every URL key of "More filters" (the table owns them in the page URL).
pub const MORE_URL_KEYS: [&str; 11] = [
    "name_exact",
    "backend_id",
    "external_ip",
    "provider",
    "customer_abbreviation",
    "customer_native_name",
    "project_uuid",
    "customer_uuid",
    "tenant",
    "backup_uuid",
    CAN_MANAGE_KEY,
];

#[cfg(test)]
mod tests {
    use super::*;

    const U: &str = "0a1b2c3d00000000000000000000000f";

    #[test]
    fn each_filter_checks_its_text_before_it_is_sent() {
        use Checked::*;
        use MoreFilter as F;
        let tenant_url = format!("https://w.example/api/openstack-tenants/{U}/");
        let cases: Vec<(F, &str, Checked)> = vec![
            (F::NameExact, "  ", Empty),
            (F::NameExact, " db-1 ", Send("db-1".into())),
            (F::BackendId, "abc-123", Send("abc-123".into())),
            (F::ServiceProvider, "Tartu", Send("Tartu".into())),
            (F::CustomerAbbreviation, "UT", Send("UT".into())),
            (
                F::CustomerNativeName,
                "Tartu Ülikool",
                Send("Tartu Ülikool".into()),
            ),
            (F::ExternalIp, "203.0.113.5", Send("203.0.113.5".into())),
            (F::ExternalIp, "2001:db8::1", Send("2001:db8::1".into())),
            (F::ExternalIp, "203.0.113", Invalid(Msg::MoreIpInvalid)),
            (F::ProjectUuid, U, Send(U.into())),
            (
                F::ProjectUuid,
                "0A1B2C3D-0000-0000-0000-00000000000F",
                Send("0a1b2c3d-0000-0000-0000-00000000000f".into()),
            ),
            (F::ProjectUuid, "0a1b2c3d", Invalid(Msg::MoreUuidInvalid)),
            (F::CustomerUuid, "alpha", Invalid(Msg::MoreUuidInvalid)),
            (F::BackupUuid, &U[1..], Invalid(Msg::MoreUuidInvalid)),
            (F::BackupUuid, U, Send(U.into())),
            (F::Tenant, U, Send(U.into())),
            (F::Tenant, &tenant_url, Send(U.into())),
            (F::Tenant, "not-a-tenant", Invalid(Msg::MoreTenantInvalid)),
        ];
        for (f, text, want) in cases {
            assert_eq!(f.check_text(text), want, "{f:?} {text:?}");
        }
    }

    #[test]
    fn a_tenant_is_its_uuid_or_its_api_url() {
        let cases = [
            (U.to_string(), Some(U)),
            (
                format!("https://w.example/api/openstack-tenants/{U}/"),
                Some(U),
            ),
            (
                format!("https://w.example/api/openstack-tenants/{U}"),
                Some(U),
            ),
            (format!("/api/openstack-tenants/{U}/?field=name"), Some(U)),
            (
                format!("https://w.example/api/openstack-instances/{U}/"),
                None,
            ),
            ("https://w.example/api/openstack-tenants/".to_string(), None),
            (
                "https://w.example/api/openstack-tenants/x/".to_string(),
                None,
            ),
            (format!("openstack-tenants/{U}/"), None),
        ];
        for (text, want) in cases {
            assert_eq!(tenant_uuid(&text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn applied_filters_become_query_parameters_and_bad_ones_are_not_sent() {
        let mut m = MoreFilters::default();
        m.set(MoreFilter::NameExact, "db-1");
        m.set(MoreFilter::BackendId, "b1");
        m.set(MoreFilter::ExternalIp, "203.0.113.5");
        m.set(MoreFilter::ServiceProvider, "Tartu");
        m.set(MoreFilter::CustomerAbbreviation, "UT");
        m.set(MoreFilter::CustomerNativeName, "Ülikool");
        m.set(MoreFilter::ProjectUuid, U);
        m.set(MoreFilter::CustomerUuid, "c1-not-a-uuid");
        m.set(
            MoreFilter::Tenant,
            format!("https://w.example/api/openstack-tenants/{U}/"),
        );
        m.set(MoreFilter::BackupUuid, U);
        m.can_manage = true;
        assert_eq!(m.active_count(), 10);
        let mut q = BackupQuery::default();
        m.clone().applicable().apply(&mut q);
        assert_eq!(
            q.to_query_string(),
            format!(
                "backend_id=b1&can_manage=true&customer_abbreviation=UT&\
                 customer_native_name=%C3%9Clikool&external_ip=203.0.113.5&name_exact=db-1&\
                 project_uuid={U}&service_settings_name=Tartu&tenant_uuid={U}&uuid={U}"
            )
        );
        // The invalid organization UUID is dropped by `applicable`, and never sent.
        assert_eq!(m.clone().applicable().get(MoreFilter::CustomerUuid), "");
        let mut raw = BackupQuery::default();
        m.apply(&mut raw);
        assert_eq!(raw.customer_uuid, None);
    }

    #[test]
    fn the_hosts_scope_wins_and_its_filters_are_not_offered() {
        let scope = Scope {
            project_uuid: Some("p1".into()),
            tenant_uuid: Some(" ".into()),
            ..Scope::default()
        };
        let offered: Vec<MoreFilter> = MoreFilter::ALL
            .into_iter()
            .filter(|f| !f.fixed_by(&scope))
            .collect();
        assert!(!offered.contains(&MoreFilter::ProjectUuid));
        assert!(offered.contains(&MoreFilter::Tenant));
        assert!(offered.contains(&MoreFilter::CustomerUuid));
        let mut m = MoreFilters::default();
        m.set(MoreFilter::ProjectUuid, U);
        let mut q = BackupQuery::default();
        scope.apply(&mut q);
        m.apply(&mut q);
        assert_eq!(q.project_uuid.as_deref(), Some("p1"));
    }

    #[test]
    fn chips_name_each_applied_filter_and_remove_it() {
        let mut m = MoreFilters::default();
        m.set(MoreFilter::BackendId, " b1 ");
        m.set(MoreFilter::BackupUuid, "nope");
        m.can_manage = true;
        let chips = m.chips();
        let labels: Vec<String> = chips.iter().map(|(_, t)| t.english()).collect();
        assert_eq!(labels, ["Backend ID: b1", "Only backups I can manage"]);
        m.remove(chips[0].0);
        m.remove(None);
        assert_eq!(m.active_count(), 0);
        assert_eq!(m.get(MoreFilter::BackupUuid), "nope");
    }

    #[test]
    fn url_pairs_round_trip_with_one_spelling_each() {
        let mut m = MoreFilters::default();
        for (i, f) in MoreFilter::ALL.into_iter().enumerate() {
            m.set(f, format!("v{i}"));
        }
        m.can_manage = true;
        let mut pairs = Vec::new();
        m.encode(&mut pairs);
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, MORE_URL_KEYS);
        let mut back = MoreFilters::default();
        for (k, v) in pairs {
            assert!(back.decode(&k, v), "{k}");
        }
        assert_eq!(back, m);
        assert!(!back.decode("q", "x".into()));
        for (v, want) in [("true", true), ("1", true), ("TRUE", true), ("no", false)] {
            back.decode(CAN_MANAGE_KEY, v.into());
            assert_eq!(back.can_manage, want, "{v}");
        }
    }
}
