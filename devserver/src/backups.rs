//! `/api/openstack-backups/` (list, retrieve, update, delete, pull, unlink, restore, set_ok,
//! set_erred) and `POST /api/openstack-instances/{uuid}/backup/`: one router, one handler per
//! operation, checks in the order Waldur makes them (401, 403 of staff-only actions, 404, 403,
//! 409, 400).

use crate::app::App;
use crate::auth::User;
use crate::clock::parse_datetime;
use crate::filters::{BackupFilter, Ordering};
use crate::http::*;
use crate::pagination;
use crate::profile::Profile;
use crate::render::backup::{backup_bytes, write_backup, FieldMask, InstanceParts};
use crate::render::related::instance_json;
use crate::render::View;
use crate::restore;
use crate::store::*;
use axum::body::Bytes;
use axum::extract::{Path, State as With};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

const MODEL: &str = "OpenStackBackup";

/// The backup routes.
pub fn router() -> Router<App> {
    let action = |r: MethodRouter<App>| r.fallback(not_allowed);
    let state_action = |r: MethodRouter<App>| r.fallback(state_action_not_allowed);
    Router::new()
        .route("/api/openstack-backups/", action(get(list)))
        .route(
            "/api/openstack-backups/{uuid}/",
            action(get(retrieve).put(update).patch(update).delete(destroy)),
        )
        .route("/api/openstack-backups/{uuid}/pull/", action(post(pull)))
        .route(
            "/api/openstack-backups/{uuid}/unlink/",
            action(post(unlink)),
        )
        .route(
            "/api/openstack-backups/{uuid}/restore/",
            action(post(restore)),
        )
        .route(
            "/api/openstack-backups/{uuid}/set_ok/",
            state_action(post(set_ok)),
        )
        .route(
            "/api/openstack-backups/{uuid}/set_erred/",
            state_action(post(set_erred)),
        )
        .route(
            "/api/openstack-instances/{uuid}/backup/",
            action(post(create_from_instance)),
        )
}

/// A method the endpoint lacks: 401 first (Waldur authenticates before it routes by method),
/// then 405.
pub async fn not_allowed(_user: User, method: Method) -> ApiError {
    ApiError::method_not_allowed(&method)
}

/// `set_ok/` and `set_erred/` with another method: an HTML 404 where the release lacks them.
async fn state_action_not_allowed(
    With(app): With<App>,
    user: Result<User, ApiError>,
    method: Method,
) -> Response {
    if !app.settings().profile.has_state_actions() {
        return html_not_found();
    }
    match user {
        Ok(_) => ApiError::method_not_allowed(&method).into_response(),
        Err(e) => e.into_response(),
    }
}

fn find(s: &Store, user: User, uuid: &str) -> Result<usize, ApiError> {
    normalize_uuid(uuid)
        .and_then(|u| s.backup_idx(&u))
        .filter(|&i| {
            s.backups[i]
                .as_ref()
                .is_some_and(|b| user.sees(s, b.project))
        })
        .ok_or_else(|| ApiError::not_found(MODEL))
}

fn backup_response(status: StatusCode, s: &Store, v: &View<'_>, b: &Backup) -> Response {
    bytes_response(status, backup_bytes(s, v, b, &FieldMask::all(v.profile)))
}

/// `GET /api/openstack-backups/` (and `HEAD`: the same headers, no body).
async fn list(
    With(app): With<App>,
    user: User,
    method: Method,
    BaseUrl(base): BaseUrl,
    Pairs(pairs): Pairs,
    uri: Uri,
) -> ApiResult {
    let profile = app.settings().profile;
    let mut w = app.world();
    let s = &mut w.store;
    let filter = BackupFilter::parse(s, user, profile, &pairs)?;
    let Ordering(keys) = Ordering::parse(&pairs).expect("validated by the filter");
    let collation = match profile {
        Profile::V8_1 => Collation::CaseInsensitive,
        Profile::V2024 => Collation::Bytes,
    };
    let (order, desc) = match keys.as_slice() {
        [(field, desc)] => (s.backup_order(field, collation), *desc),
        _ => (multi_key_order(s, &filter, &keys, collation).into(), false),
    };
    let s = &*s;
    let matching = filter.matching(&s.backups);
    let live = |i: &u32| {
        if matching[*i as usize] {
            s.backups[*i as usize].as_ref()
        } else {
            None
        }
    };
    let ordered = |desc: bool| -> Box<dyn Iterator<Item = &u32> + '_> {
        if desc {
            Box::new(order.iter().rev())
        } else {
            Box::new(order.iter())
        }
    };
    let path = uri.path();
    if method == Method::HEAD {
        let total = order.iter().filter(|i| matching[**i as usize]).count();
        let page = pagination::paginate(&pairs, total)?;
        let mut r = StatusCode::OK.into_response();
        pagination::add_headers(&mut r, &page, &base, path, &pairs);
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
    let v = View::new(&base, profile);
    let want = FieldMask::of(profile, all(&pairs, "field"));
    let mut out = Vec::with_capacity(rows.len() * 4096 + 2);
    out.push(b'[');
    let mut parts = InstanceParts::default();
    for (i, b) in rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_backup(&mut out, s, &v, b, &want, &mut parts);
    }
    out.push(b']');
    let mut r = bytes_response(StatusCode::OK, out);
    pagination::add_headers(&mut r, &page, &base, path, &pairs);
    Ok(r)
}

/// Matching backups sorted by several `o=` fields (the uncached path: `o=a,-b`).
fn multi_key_order(
    s: &Store,
    filter: &BackupFilter,
    keys: &[(&'static str, bool)],
    collation: Collation,
) -> Vec<u32> {
    let mut keyed: Vec<(Vec<String>, u32)> = (0..s.backups.len() as u32)
        .filter(|&i| {
            s.backups[i as usize]
                .as_ref()
                .is_some_and(|b| filter.matches(b))
        })
        .map(|i| {
            let k = keys
                .iter()
                .map(|(f, _)| s.order_key(i, f, collation))
                .collect();
            (k, i)
        })
        .collect();
    keyed.sort_by(|a, b| {
        keys.iter()
            .enumerate()
            .map(|(n, (_, desc))| {
                let o = a.0[n].cmp(&b.0[n]);
                if *desc {
                    o.reverse()
                } else {
                    o
                }
            })
            .find(|o| o.is_ne())
            .unwrap_or_else(|| s.uuid_cmp(a.1, b.1))
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// `GET /api/openstack-backups/{uuid}/` (`field=` limits it as in lists).
async fn retrieve(
    With(app): With<App>,
    user: User,
    Path(uuid): Path<String>,
    BaseUrl(base): BaseUrl,
    Pairs(pairs): Pairs,
) -> ApiResult {
    let profile = app.settings().profile;
    let w = app.world();
    let s = &w.store;
    let b = s.backups[find(s, user, &uuid)?].as_ref().expect("found");
    let want = FieldMask::of(profile, all(&pairs, "field"));
    Ok(bytes_response(
        StatusCode::OK,
        backup_bytes(s, &View::new(&base, profile), b, &want),
    ))
}

/// `PUT` / `PATCH /api/openstack-backups/{uuid}/`: name, description, retention (OK only).
async fn update(
    With(app): With<App>,
    user: User,
    method: Method,
    Path(uuid): Path<String>,
    BaseUrl(base): BaseUrl,
    body: Bytes,
) -> ApiResult {
    let profile = app.settings().profile;
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let i = find(s, user, &uuid)?;
    let b = s.backups[i].as_ref().expect("found");
    user.check_change(s, b.project, MODEL)?;
    if b.state != State::Ok {
        return Err(ApiError::conflict_states("OK"));
    }
    let body = parse_body(&body)?;
    let upd = validate_fields(expect_object(&body)?, method == Method::PATCH)?;
    let b = s.backups[i].as_mut().expect("found");
    upd.apply(b, now);
    s.changed();
    let b = s.backups[i].as_ref().expect("found");
    Ok(backup_response(
        StatusCode::OK,
        s,
        &View::new(&base, profile),
        b,
    ))
}

/// `DELETE /api/openstack-backups/{uuid}/`: 202, then `DELETION_SCHEDULED` → `DELETING` → gone.
async fn destroy(With(app): With<App>, user: User, Path(uuid): Path<String>) -> ApiResult {
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let i = find(s, user, &uuid)?;
    let b = s.backups[i].as_ref().expect("found");
    user.check_change(s, b.project, MODEL)?;
    if !matches!(b.state, State::Ok | State::Erred) {
        return Err(ApiError::conflict_states("OK, ERRED"));
    }
    let due = s.schedule(now);
    let b = s.backups[i].as_mut().expect("found");
    b.state = State::DeletionScheduled;
    b.modified = now;
    b.next_step = due;
    s.changed();
    Ok(json_response(
        StatusCode::ACCEPTED,
        &json!({ "detail": "Deletion was scheduled." }),
    ))
}

/// `POST …/pull/`: 409 "not implemented" for backups (202 with `pull_accepted`).
async fn pull(With(app): With<App>, user: User, Path(uuid): Path<String>) -> ApiResult {
    let pull_accepted = app.settings().pull_accepted;
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let i = find(s, user, &uuid)?;
    let b = s.backups[i].as_ref().expect("found");
    user.check_change(s, b.project, MODEL)?;
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

/// `POST …/unlink/`: staff only (403 before the backup is even looked up), any state, 204.
async fn unlink(With(app): With<App>, user: User, Path(uuid): Path<String>) -> ApiResult {
    user.require_staff()?;
    let mut w = app.world();
    let s = &mut w.store;
    let i = find(s, user, &uuid)?;
    s.remove_backup(i);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST …/set_ok/` (8.1, staff only): OK, error fields cleared; 200 `{"detail"}`.
async fn set_ok(
    With(app): With<App>,
    user: Result<User, ApiError>,
    Path(uuid): Path<String>,
) -> Response {
    set_state(&app, user, &uuid, None).unwrap_or_else(IntoResponse::into_response)
}

/// `POST …/set_erred/` `{"error_message"?, "error_traceback"?}` (8.1, staff only): ERRED;
/// 200 `{"detail"}`.
async fn set_erred(
    With(app): With<App>,
    user: Result<User, ApiError>,
    Path(uuid): Path<String>,
    body: Bytes,
) -> Response {
    set_state(&app, user, &uuid, Some(&body)).unwrap_or_else(IntoResponse::into_response)
}

/// `set_ok` (`erred_body: None`) or `set_erred`; an HTML 404 where the release lacks them.
fn set_state(
    app: &App,
    user: Result<User, ApiError>,
    uuid: &str,
    erred_body: Option<&[u8]>,
) -> ApiResult {
    if !app.settings().profile.has_state_actions() {
        return Ok(html_not_found());
    }
    let user = user?;
    user.require_staff()?;
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let i = find(s, user, uuid)?;
    let errors = match erred_body {
        Some(body) => Some(validate_set_erred(&parse_body(body)?)?),
        None => None,
    };
    let b = s.backups[i].as_mut().expect("found");
    b.modified = now;
    b.next_step = None;
    let detail = match errors {
        None => {
            b.state = State::Ok;
            b.error_message.clear();
            b.error_traceback.clear();
            "Resource has been marked as OK."
        }
        Some((message, traceback)) => {
            b.state = State::Erred;
            b.error_message = message;
            b.error_traceback = traceback;
            "Resource has been marked as ERRED."
        }
    };
    s.changed();
    Ok(json_response(StatusCode::OK, &json!({ "detail": detail })))
}

/// `SetErredRequest`: optional `error_message` and `error_traceback` strings (default empty).
fn validate_set_erred(body: &Value) -> Result<(String, String), ApiError> {
    let obj = expect_object(body)?;
    let mut errors = Map::new();
    let mut field = |k: &str| match obj.get(k) {
        None => String::new(),
        Some(v) => char_field(v, usize::MAX, true).unwrap_or_else(|e| {
            errors.insert(k.into(), json!([e]));
            String::new()
        }),
    };
    let message = field("error_message");
    let traceback = field("error_traceback");
    if errors.is_empty() {
        Ok((message, traceback))
    } else {
        Err(ApiError::bad_request(Value::Object(errors)))
    }
}

/// `POST …/restore/`: 201 + the new instance.
async fn restore(
    With(app): With<App>,
    user: User,
    Path(uuid): Path<String>,
    BaseUrl(base): BaseUrl,
    body: Bytes,
) -> ApiResult {
    let profile = app.settings().profile;
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let i = find(s, user, &uuid)?;
    let b = s.backups[i].as_ref().expect("found");
    user.check_change(s, b.project, MODEL)?;
    if b.state != State::Ok {
        return Err(ApiError::conflict_states("OK"));
    }
    let body = parse_body(&body)?;
    let new = restore::restore(s, i, &body, now)?;
    Ok(json_response(
        StatusCode::CREATED,
        &instance_json(s, &View::new(&base, profile), new),
    ))
}

/// `POST /api/openstack-instances/{uuid}/backup/` `{"name", "description"?, "kept_until"?}`:
/// one snapshot per volume (each checked against the tenant's snapshot quotas), 201 + backup.
async fn create_from_instance(
    With(app): With<App>,
    user: User,
    Path(uuid): Path<String>,
    BaseUrl(base): BaseUrl,
    body: Bytes,
) -> ApiResult {
    let profile = app.settings().profile;
    let mut w = app.world();
    let now = w.clock.now();
    let s = &mut w.store;
    let ii = normalize_uuid(&uuid)
        .and_then(|u| s.instances.iter().position(|i| i.uuid == u))
        .filter(|&i| user.sees(s, s.tenants[s.instances[i].tenant].project))
        .ok_or_else(|| ApiError::not_found("OpenStackInstance"))?;
    let inst = &s.instances[ii];
    let tenant = inst.tenant;
    let project = s.tenants[tenant].project;
    user.check_change(s, project, "OpenStackInstance")?;
    if inst.state != State::Ok {
        return Err(ApiError::conflict_states("OK"));
    }
    let body = parse_body(&body)?;
    let upd = validate_fields(expect_object(&body)?, false)?;
    let sizes: Vec<i64> = inst.volumes.iter().map(|v| v.size).collect();
    // Each snapshot is validated and counted in turn, as `create_backup_snapshots` does; the
    // transaction undoes the counted ones when a later one fails.
    let saved = s.tenants[tenant].quotas.clone();
    for size in &sizes {
        let deltas = [("snapshots", 1), ("snapshots_size", *size)];
        let exceeded = s.tenants[tenant].exceeded(&deltas);
        if !exceeded.is_empty() {
            s.tenants[tenant].quotas = saved;
            return Err(ApiError::bad_request(json!([quota_message(&exceeded)])));
        }
        s.tenants[tenant].add_usage(&deltas);
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
        size: sizes.iter().sum(),
        meta_mask: 0b11_1111_1111,
        scheduled: false,
        meta_extra: None,
        restorations: Vec::new(),
        error_message: String::new(),
        error_traceback: String::new(),
        marketplace: None,
    };
    upd.apply(&mut b, now);
    let i = s.push_backup(b);
    let b = s.backups[i].as_ref().expect("just added");
    Ok(backup_response(
        StatusCode::CREATED,
        s,
        &View::new(&base, profile),
        b,
    ))
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
