//! `GET /api/users/me/`: the signed-in user as Waldur's `UserSerializer` describes them, with
//! `permissions` in the shape of its `PermissionSerializer`.

use super::View;
use crate::auth::{Scope, User};
use crate::store::Store;
use serde_json::{json, Map, Value};

/// The UUID of a demo user.
pub fn user_uuid(user: User) -> String {
    format!("{:032x}", 0xd3_u128 << 120 | user.index() as u128)
}

/// The user object. Waldur removes `is_staff`, `is_support`, `is_active` and `description`
/// for a user who is neither staff nor support, so an ordinary user's object has none of
/// them. The `token` field Waldur shows a user about themselves is left out on purpose: the
/// dev server never echoes a credential.
pub fn me_json(s: &Store, v: &View<'_>, user: User) -> Value {
    let u = user.0;
    let uuid = user_uuid(user);
    let mut m = Map::new();
    m.insert("url".into(), json!(v.url("users", &uuid)));
    m.insert("uuid".into(), json!(uuid));
    m.insert("username".into(), json!(u.username));
    m.insert("slug".into(), json!(u.username));
    m.insert("full_name".into(), json!(u.full_name));
    m.insert("native_name".into(), json!(""));
    m.insert("job_title".into(), json!(""));
    m.insert("email".into(), json!(format!("{}@example.org", u.username)));
    m.insert("phone_number".into(), json!(""));
    m.insert("organization".into(), json!(""));
    m.insert("civil_number".into(), Value::Null);
    if u.is_staff || u.is_support {
        m.insert("description".into(), json!(""));
        m.insert("is_staff".into(), json!(u.is_staff));
        m.insert("is_active".into(), json!(true));
        m.insert("is_support".into(), json!(u.is_support));
    }
    m.insert("registration_method".into(), json!("default"));
    m.insert("date_joined".into(), json!("2024-01-15T09:00:00.000000Z"));
    m.insert("agree_with_policy".into(), json!(true));
    m.insert(
        "agreement_date".into(),
        json!("2024-01-15T09:00:00.000000Z"),
    );
    m.insert("preferred_language".into(), json!(""));
    m.insert("permissions".into(), permissions_json(s, user));
    m.insert("requested_email".into(), Value::Null);
    m.insert("affiliations".into(), json!([]));
    let (first, last) = u.full_name.split_once(' ').unwrap_or((u.full_name, ""));
    m.insert("first_name".into(), json!(first));
    m.insert("last_name".into(), json!(last));
    m.insert("identity_provider_name".into(), json!("Local DB"));
    m.insert("identity_provider_label".into(), json!("Local DB"));
    m.insert("identity_provider_management_url".into(), json!(""));
    m.insert("identity_provider_fields".into(), json!([]));
    m.insert("image".into(), Value::Null);
    m.insert("identity_source".into(), json!(""));
    Value::Object(m)
}

/// `permissions`: one entry per role. A project role names its project and the project's
/// organisation (`customer_uuid`, `customer_name`); an organisation role has no `customer_*`
/// (its scope is the organisation itself), and without a creator `created_by_*` is left out,
/// as Waldur's serializer skips fields it cannot reach.
pub fn permissions_json(s: &Store, user: User) -> Value {
    let uuid = user_uuid(user);
    let list = user
        .0
        .roles
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert("user_uuid".into(), json!(uuid));
            m.insert("user_name".into(), json!(user.0.full_name));
            m.insert("user_slug".into(), json!(user.0.username));
            m.insert("created".into(), json!("2024-02-01T10:00:00.000000Z"));
            m.insert("expiration_time".into(), Value::Null);
            m.insert("role_name".into(), json!(r.name.as_str()));
            m.insert("role_description".into(), json!(r.name.description()));
            m.insert(
                "role_uuid".into(),
                json!(format!("{:032x}", 0x7e_u128 << 120 | r.name as u128)),
            );
            match r.scope {
                Scope::Customer(c) => {
                    let c = &s.customers[c];
                    m.insert("scope_type".into(), json!("customer"));
                    m.insert("scope_uuid".into(), json!(c.uuid));
                    m.insert("scope_name".into(), json!(c.name));
                }
                Scope::Project(p) => {
                    let p = &s.projects[p];
                    let c = &s.customers[p.customer];
                    m.insert("scope_type".into(), json!("project"));
                    m.insert("scope_uuid".into(), json!(p.uuid));
                    m.insert("scope_name".into(), json!(p.name));
                    m.insert("customer_uuid".into(), json!(c.uuid));
                    m.insert("customer_name".into(), json!(c.name));
                }
            }
            Value::Object(m)
        })
        .collect();
    Value::Array(list)
}
