//! What the restore dialog needs: flavors, subnets, security groups, floating IPs, instances and
//! tenants. One router: a list (with `tenant_uuid` and friends) and a retrieve per collection.

use crate::app::App;
use crate::auth::User;
use crate::backups::not_allowed;
use crate::http::*;
use crate::pagination;
use crate::render::related::*;
use crate::render::{restrict, View};
use crate::store::*;
use axum::extract::{Path, State as With};
use axum::http::{Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value};

/// A related collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    /// `openstack-flavors`.
    Flavors,
    /// `openstack-subnets`.
    Subnets,
    /// `openstack-security-groups`.
    SecurityGroups,
    /// `openstack-floating-ips`.
    FloatingIps,
    /// `openstack-instances`.
    Instances,
    /// `openstack-tenants`.
    Tenants,
}

impl Collection {
    /// Every related collection.
    pub const ALL: [Collection; 6] = [
        Collection::Flavors,
        Collection::Subnets,
        Collection::SecurityGroups,
        Collection::FloatingIps,
        Collection::Instances,
        Collection::Tenants,
    ];

    /// The URL segment (`openstack-flavors`).
    pub fn path(self) -> &'static str {
        match self {
            Collection::Flavors => "openstack-flavors",
            Collection::Subnets => "openstack-subnets",
            Collection::SecurityGroups => "openstack-security-groups",
            Collection::FloatingIps => "openstack-floating-ips",
            Collection::Instances => "openstack-instances",
            Collection::Tenants => "openstack-tenants",
        }
    }

    /// The model named in its 404 ("No OpenStackFlavor matches the given query.").
    fn model(self) -> &'static str {
        match self {
            Collection::Flavors => "OpenStackFlavor",
            Collection::Subnets => "OpenStackSubNet",
            Collection::SecurityGroups => "OpenStackSecurityGroup",
            Collection::FloatingIps => "OpenStackFloatingIP",
            Collection::Instances => "OpenStackInstance",
            Collection::Tenants => "OpenStackTenant",
        }
    }

    fn len(self, s: &Store) -> usize {
        match self {
            Collection::Flavors => s.flavors.len(),
            Collection::Subnets => s.subnets.len(),
            Collection::SecurityGroups => s.security_groups.len(),
            Collection::FloatingIps => s.floating_ips.len(),
            Collection::Instances => s.instances.len(),
            Collection::Tenants => s.tenants.len(),
        }
    }

    fn tenant_of(self, s: &Store, i: usize) -> usize {
        match self {
            Collection::Flavors => s.flavors[i].tenant,
            Collection::Subnets => s.subnets[i].tenant,
            Collection::SecurityGroups => s.security_groups[i].tenant,
            Collection::FloatingIps => s.floating_ips[i].tenant,
            Collection::Instances => s.instances[i].tenant,
            Collection::Tenants => i,
        }
    }

    fn uuid_of(self, s: &Store, i: usize) -> &str {
        match self {
            Collection::Flavors => &s.flavors[i].uuid,
            Collection::Subnets => &s.subnets[i].uuid,
            Collection::SecurityGroups => &s.security_groups[i].uuid,
            Collection::FloatingIps => &s.floating_ips[i].uuid,
            Collection::Instances => &s.instances[i].uuid,
            Collection::Tenants => &s.tenants[i].uuid,
        }
    }

    fn name_of(self, s: &Store, i: usize) -> &str {
        match self {
            Collection::Flavors => &s.flavors[i].name,
            Collection::Subnets => &s.subnets[i].name,
            Collection::SecurityGroups => &s.security_groups[i].name,
            Collection::FloatingIps => &s.floating_ips[i].address,
            Collection::Instances => &s.instances[i].name,
            Collection::Tenants => &s.tenants[i].name,
        }
    }

    /// The JSON of item `i`.
    pub fn json(self, s: &Store, v: &View<'_>, i: usize) -> Value {
        match self {
            Collection::Flavors => flavor_json(s, v, i),
            Collection::Subnets => subnet_json(s, v, i),
            Collection::SecurityGroups => sg_json(s, v, i),
            Collection::FloatingIps => fip_json(s, v, i),
            Collection::Instances => instance_json(s, v, i),
            Collection::Tenants => tenant_json(s, v, i),
        }
    }

    fn visible(self, s: &Store, user: User, i: usize) -> bool {
        user.sees(s, s.tenants[self.tenant_of(s, i)].project)
    }
}

/// The related routes: `GET /api/<collection>/` and `GET /api/<collection>/{uuid}/`.
pub fn router() -> Router<App> {
    Collection::ALL.into_iter().fold(Router::new(), |r, c| {
        r.route(
            &format!("/api/{}/", c.path()),
            get(
                move |app: With<App>,
                      user: User,
                      method: Method,
                      base: BaseUrl,
                      pairs: Pairs,
                      uri: Uri| list(c, app, user, method, base, pairs, uri),
            )
            .fallback(not_allowed),
        )
        .route(
            &format!("/api/{}/{{uuid}}/", c.path()),
            get(
                move |app: With<App>,
                      user: User,
                      uuid: Path<String>,
                      base: BaseUrl,
                      pairs: Pairs| { retrieve(c, app, user, uuid, base, pairs) },
            )
            .fallback(not_allowed),
        )
    })
}

async fn retrieve(
    c: Collection,
    With(app): With<App>,
    user: User,
    Path(uuid): Path<String>,
    BaseUrl(base): BaseUrl,
    Pairs(pairs): Pairs,
) -> ApiResult {
    let profile = app.settings().profile;
    let w = app.world();
    let s = &w.store;
    let u = normalize_uuid(&uuid).ok_or_else(|| ApiError::not_found(c.model()))?;
    let i = (0..c.len(s))
        .find(|&i| c.uuid_of(s, i) == u && c.visible(s, user, i))
        .ok_or_else(|| ApiError::not_found(c.model()))?;
    let mut v = c.json(s, &View::new(&base, profile), i);
    restrict(&mut v, &fields(&pairs));
    Ok(json_response(StatusCode::OK, &v))
}

fn fields(pairs: &[(String, String)]) -> Vec<String> {
    all(pairs, "field").map(String::from).collect()
}

fn number_param(
    pairs: &[(String, String)],
    key: &str,
    errors: &mut Map<String, Value>,
) -> Option<f64> {
    let v = last(pairs, key).map(str::trim).filter(|v| !v.is_empty())?;
    match v.parse::<f64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.insert(key.into(), json!(["Enter a number."]));
            None
        }
    }
}

async fn list(
    c: Collection,
    With(app): With<App>,
    user: User,
    method: Method,
    BaseUrl(base): BaseUrl,
    Pairs(pairs): Pairs,
    uri: Uri,
) -> ApiResult {
    let profile = app.settings().profile;
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
    if c == Collection::Flavors {
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
    let mut items: Vec<usize> = (0..c.len(s))
        .filter(|&i| {
            let tenant = &s.tenants[c.tenant_of(s, i)];
            c.visible(s, user, i)
                && tenant_uuid.as_ref().is_none_or(|u| *u == tenant.uuid)
                && settings_uuid
                    .as_ref()
                    .is_none_or(|u| *u == tenant.settings_uuid)
                && project_uuid
                    .as_ref()
                    .is_none_or(|u| *u == s.projects[tenant.project].uuid)
                && name
                    .as_ref()
                    .is_none_or(|n| c.name_of(s, i).to_lowercase().contains(n.as_str()))
        })
        .collect();
    match c {
        Collection::Flavors => {
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
        Collection::FloatingIps => {
            if free {
                items
                    .retain(|&i| s.floating_ips[i].instance.is_none() && !s.floating_ips[i].booked);
            }
            items.sort_by(|a, b| s.floating_ips[*a].address.cmp(&s.floating_ips[*b].address));
        }
        _ => items.sort_by(|a, b| {
            c.name_of(s, *a)
                .to_lowercase()
                .cmp(&c.name_of(s, *b).to_lowercase())
                .then_with(|| c.uuid_of(s, *a).cmp(c.uuid_of(s, *b)))
        }),
    }
    let page = pagination::paginate(&pairs, items.len())?;
    let mut r = if method == Method::HEAD {
        StatusCode::OK.into_response()
    } else {
        let v = View::new(&base, profile);
        let wanted = fields(&pairs);
        let rows: Vec<Value> = items
            .iter()
            .skip(page.offset())
            .take(page.size)
            .map(|&i| {
                let mut item = c.json(s, &v, i);
                restrict(&mut item, &wanted);
                item
            })
            .collect();
        json_response(StatusCode::OK, &Value::Array(rows))
    };
    pagination::add_headers(&mut r, &page, &base, uri.path(), &pairs);
    Ok(r)
}
