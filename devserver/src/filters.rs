//! The backup list's query: every filter of Waldur's `BackupFilter` (with the release's own
//! set and spelling), validated as django-filter does, and the `o=` ordering.
//!
//! | filter | kind | on a bad value |
//! |---|---|---|
//! | `name`, `description`, `project_name`, `customer_name`, `customer_native_name`, `customer_abbreviation`, `service_settings_name` | case-insensitive substring | — |
//! | `name_exact`, `backend_id` | exact | — |
//! | `uuid`, `project`, `project_uuid`, `customer`, `customer_uuid`, `service_settings_uuid`, `tenant_uuid`, `instance_uuid` (and in 2024 `backup_schedule_uuid`) | UUID (hex, dashes allowed) | 400 "Enter a valid UUID." |
//! | `tenant`, `instance` (and in 2024 `backup_schedule`) | object URL | another view's URL: no rows; a path no view has: 404 "Not found." |
//! | `state` (repeatable) | the release's spelling (8.1: `ERRED`; 2024: `Erred`) | 400 "Select a valid choice. … is not one of the available choices." |
//! | `external_ip` | Waldur's `EmptyFilter`: backups have no external IP | any value: no rows |
//! | `can_manage` (8.1 only) | `true`/`1`: only backups the user may change | anything else: ignored |
//! | `o` | comma-separated `BACKUP_ORDERINGS`, `-` = descending | 400 "Select a valid choice. …" |

use crate::auth::User;
use crate::http::{last, normalize_uuid, ApiError};
use crate::profile::Profile;
use crate::store::{Backup, State, Store, BACKUP_ORDERINGS};
use axum::http::StatusCode;
use serde_json::{json, Map, Value};

/// The backup filters of one list request, resolved against the data.
pub struct BackupFilter {
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
    /// The 2024 schedule filters: the instances whose schedule is wanted.
    schedule: Option<Vec<bool>>,
}

/// Django's `CharField` cleaning: surrounding whitespace stripped, empty = no filter.
fn text(pairs: &[(String, String)], key: &str) -> Option<String> {
    last(pairs, key)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
}

fn lower(pairs: &[(String, String)], key: &str) -> Option<String> {
    text(pairs, key).map(|v| v.to_lowercase())
}

/// A UUID filter's value, or its error.
fn uuid(pairs: &[(String, String)], key: &str, errors: &mut Map<String, Value>) -> Option<String> {
    let v = text(pairs, key)?;
    let u = normalize_uuid(&v);
    if u.is_none() {
        errors.insert(key.to_string(), json!(["Enter a valid UUID."]));
    }
    u
}

/// What Waldur's `URLFilter` makes of a value: `None` = no filter, `Some(None)` = no rows
/// (another view's URL, or no UUID in it), `Some(Some(uuid))` = filter by that UUID.
type UrlMatch = Option<Option<String>>;

/// Resolves a URL filter; `Err` when the path resolves to no view at all (Django's
/// `Resolver404`, answered 404 "Not found.").
fn url_filter(
    pairs: &[(String, String)],
    key: &str,
    collection: &str,
) -> Result<UrlMatch, ApiError> {
    let Some(v) = text(pairs, key) else {
        return Ok(None);
    };
    let without_scheme = match v.find("://") {
        Some(i) => v[i + 3..].find('/').map_or("", |j| &v[i + 3 + j..]),
        None => v.as_str(),
    };
    let path = without_scheme.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Ok(Some(None));
    }
    let segs: Vec<&str> = path.split('/').collect();
    // A detail route is `/api/<collection>/<id>/`; a list route `/api/<collection>/`.
    match segs.as_slice() {
        ["", "api", c, id, ""] if !c.is_empty() && !id.is_empty() => Ok(Some(
            (*c == collection).then(|| normalize_uuid(id)).flatten(),
        )),
        ["", "api", c, ""] if !c.is_empty() => Ok(Some(None)),
        _ => Err(ApiError::detail(StatusCode::NOT_FOUND, "Not found.")),
    }
}

/// `can_manage` as django-filter's `BooleanWidget` reads it.
fn boolean(pairs: &[(String, String)], key: &str) -> Option<bool> {
    match last(pairs, key)?.to_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

fn invalid_choice(v: &str) -> Value {
    json!([format!(
        "Select a valid choice. {v} is not one of the available choices."
    )])
}

impl BackupFilter {
    /// Reads and validates the filters of a list request by `user` in `profile`.
    pub fn parse(
        s: &Store,
        user: User,
        profile: Profile,
        pairs: &[(String, String)],
    ) -> Result<Self, ApiError> {
        let mut errors = Map::new();
        let project_uuid = uuid(pairs, "project_uuid", &mut errors);
        let project = uuid(pairs, "project", &mut errors);
        let customer_uuid = uuid(pairs, "customer_uuid", &mut errors);
        let customer = uuid(pairs, "customer", &mut errors);
        let tenant_uuid = uuid(pairs, "tenant_uuid", &mut errors);
        let settings_uuid = uuid(pairs, "service_settings_uuid", &mut errors);
        let instance_uuid = uuid(pairs, "instance_uuid", &mut errors);
        let backup_uuid = uuid(pairs, "uuid", &mut errors);
        let schedule_uuid = if profile.is_2024() {
            uuid(pairs, "backup_schedule_uuid", &mut errors)
        } else {
            None
        };
        let mut states = Vec::new();
        for (_, v) in pairs.iter().filter(|(k, _)| k == "state") {
            match profile.parse_state(v) {
                Some(st) if !states.contains(&st) => states.push(st),
                Some(_) => {}
                None => {
                    errors.entry("state").or_insert_with(|| invalid_choice(v));
                }
            }
        }
        if let Err(bad) = Ordering::parse(pairs) {
            errors.insert("o".into(), invalid_choice(&bad));
        }
        if !errors.is_empty() {
            return Err(ApiError::bad_request(Value::Object(errors)));
        }
        let tenant_url = url_filter(pairs, "tenant", "openstack-tenants")?;
        let instance_url = url_filter(pairs, "instance", "openstack-instances")?;
        let schedule_url = if profile.is_2024() {
            url_filter(pairs, "backup_schedule", "openstack-backup-schedules")?
        } else {
            None
        };
        let can_manage = !profile.is_2024() && boolean(pairs, "can_manage") == Some(true);
        let project_name = lower(pairs, "project_name");
        let customer_name = lower(pairs, "customer_name");
        let customer_native_name = lower(pairs, "customer_native_name");
        let customer_abbreviation = lower(pairs, "customer_abbreviation");
        let contains = |hay: &str, needle: &Option<String>| {
            needle
                .as_ref()
                .is_none_or(|n| hay.to_lowercase().contains(n))
        };
        // `external_ip` matches nothing; folded into the per-project mask, so the per-backup
        // test stays as short as it was.
        let nothing = text(pairs, "external_ip").is_some();
        let projects = s
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let c = &s.customers[p.customer];
                !nothing
                    && user.sees(s, i)
                    && (!can_manage || user.manages(s, i))
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
        let settings_name = lower(pairs, "service_settings_name");
        let tenant_ok = |uuid: &str| match &tenant_url {
            None => true,
            Some(u) => u.as_deref() == Some(uuid),
        };
        let tenants = s
            .tenants
            .iter()
            .map(|t| {
                tenant_uuid.as_ref().is_none_or(|u| *u == t.uuid)
                    && tenant_ok(&t.uuid)
                    && settings_uuid.as_ref().is_none_or(|u| *u == t.settings_uuid)
                    && contains(&t.settings_name, &settings_name)
            })
            .collect();
        let instances = (instance_uuid.is_some() || instance_url.is_some()).then(|| {
            s.instances
                .iter()
                .map(|inst| {
                    instance_uuid.as_ref().is_none_or(|u| *u == inst.uuid)
                        && instance_url
                            .as_ref()
                            .is_none_or(|u| u.as_deref() == Some(inst.uuid.as_str()))
                })
                .collect()
        });
        let schedule = match (schedule_uuid, schedule_url) {
            (Some(u), Some(Some(v))) if u != v => Some(None),
            (Some(u), _) => Some(Some(u)),
            (None, url) => url,
        }
        .map(|want: Option<String>| {
            s.instances
                .iter()
                .map(|i| want.as_deref() == Some(i.schedule_uuid.as_str()))
                .collect()
        });
        Ok(BackupFilter {
            projects,
            tenants,
            instances,
            states: (!states.is_empty()).then_some(states),
            name: lower(pairs, "name"),
            name_exact: text(pairs, "name_exact"),
            description: lower(pairs, "description"),
            backend_id: text(pairs, "backend_id"),
            uuid: backup_uuid,
            schedule,
        })
    }

    /// Which backups match, found in one pass in memory order: walking 100,000 large records
    /// in sort order instead costs a cache miss each. A sort order then reads only this bitmap.
    pub fn matching(&self, backups: &[Option<Backup>]) -> Vec<bool> {
        backups
            .iter()
            .map(|b| b.as_ref().is_some_and(|b| self.matches(b)))
            .collect()
    }

    /// Whether a backup passes every filter.
    #[inline(always)]
    pub fn matches(&self, b: &Backup) -> bool {
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
            && self
                .schedule
                .as_ref()
                .is_none_or(|m| b.scheduled && m[b.instance])
    }
}

/// The `o=` ordering: one or more `BACKUP_ORDERINGS`, each ascending or descending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ordering(pub Vec<(&'static str, bool)>);

impl Ordering {
    /// The ordering of a request (by name when `o` is absent or empty), or the first value
    /// that is not an ordering field.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, String> {
        let Some(o) = last(pairs, "o").filter(|o| !o.trim().is_empty()) else {
            return Ok(Ordering(vec![("name", false)]));
        };
        o.split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(|k| order_field(k).ok_or_else(|| k.to_string()))
            .collect::<Result<Vec<_>, _>>()
            .map(Ordering)
    }
}

/// The ordering field and direction of one `o` value (`-name` = descending).
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    #[test]
    fn url_filters_resolve_as_django_does() {
        let u = "0123456789abcdef0123456789abcdef";
        let cases: Vec<(String, Result<UrlMatch, ()>)> = vec![
            (String::new(), Ok(None)),
            (
                format!("tenant=http://x.example/api/openstack-tenants/{u}/"),
                Ok(Some(Some(u.into()))),
            ),
            (
                format!("tenant=/api/openstack-tenants/{u}/"),
                Ok(Some(Some(u.into()))),
            ),
            (
                format!("tenant=http://x.example/api/openstack-instances/{u}/"),
                Ok(Some(None)),
            ),
            ("tenant=/api/openstack-tenants/zzz/".into(), Ok(Some(None))),
            (format!("tenant={u}"), Ok(Some(None))),
            ("tenant=/no/such/page/".into(), Err(())),
            (format!("tenant=/api/openstack-tenants/{u}"), Err(())),
        ];
        for (q, want) in cases {
            let got = url_filter(&pairs(&q), "tenant", "openstack-tenants").map_err(|_| ());
            assert_eq!(got, want, "{q}");
        }
    }

    #[test]
    fn ordering_takes_comma_separated_fields() {
        assert_eq!(
            Ordering::parse(&pairs("o=project_name,-created")),
            Ok(Ordering(vec![("project_name", false), ("created", true)]))
        );
        assert_eq!(
            Ordering::parse(&pairs("")),
            Ok(Ordering(vec![("name", false)]))
        );
        assert_eq!(
            Ordering::parse(&pairs("o=name,-size")),
            Err("-size".to_string())
        );
    }

    #[test]
    fn can_manage_reads_like_a_boolean_widget() {
        for (q, want) in [
            ("can_manage=true", Some(true)),
            ("can_manage=True", Some(true)),
            ("can_manage=1", Some(true)),
            ("can_manage=false", Some(false)),
            ("can_manage=yes", None),
            ("", None),
        ] {
            assert_eq!(boolean(&pairs(q), "can_manage"), want, "{q}");
        }
    }
}
