//! Who may change which backup, decided before the user tries: staff change everything, an
//! organisation owner or a project's administrator or manager changes that project's backups,
//! everyone else (support users, project members) sees the actions disabled with the reason.
//!
//! The rules read `GET /api/users/me/` (`is_staff`, `is_support`, `permissions[]`), which the
//! widget asks for itself; until it answers, or when it fails, every action stays enabled and the
//! server decides, as it always does in the end. A host that knows better overrides the rules
//! with the options `isStaff` and `canManage`.
//!
//! The rules never deny what the server would allow. Where they cannot tell, they allow:
//! - A 2024 Waldur leaves `customer_uuid` out of backups. The backup's organisation is then
//!   found through the user's own roles (a project role names its project's organisation), else
//!   by the organisation's name, which both the backup (`customer_name`) and an owner role
//!   (`scope_name`) carry from the same record. When neither is there to compare, an owner of
//!   any organisation may be the owner of this one, and is let through.
//! - Waldur's roles are configurable. Only the roles known to be read-only (`PROJECT.MEMBER`,
//!   `CUSTOMER.SUPPORT`) grant nothing; a role of another name on the backup's project or
//!   organisation might grant changes, and is let through.

use std::sync::Arc;

use crate::api::{Backup, CurrentUser, InstanceSummary, Permission};
use crate::i18n::Msg;

use super::links::same_uuid;

/// Why a change is not offered, in words shown beside the disabled action (a message without
/// arguments, shown with `i18n.text(refusal)`).
pub type Refusal = Msg;

/// Shown to support users.
pub const SUPPORT_READ_ONLY: Refusal = Msg::SupportReadOnly;
/// Shown to users without a managing role where the backup lives.
pub const NEEDS_MANAGER: Refusal = Msg::NeedsManager;
/// Shown when the host said the user may not change backups (`canManage: false`).
pub const HOST_READ_ONLY: Refusal = Msg::HostReadOnly;
/// Shown for staff-only actions (unlink, set OK, set erred).
pub const STAFF_ONLY: Refusal = Msg::StaffOnly;

/// Where an object lives: its project and organisation, as far as the server said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place<'a> {
    /// Project UUID.
    pub project_uuid: Option<&'a str>,
    /// Organisation UUID (a 2024 Waldur leaves it out).
    pub customer_uuid: Option<&'a str>,
    /// Organisation name.
    pub customer_name: Option<&'a str>,
}

impl<'a> Place<'a> {
    /// Where a backup lives.
    pub fn of_backup(b: &'a Backup) -> Self {
        Place {
            project_uuid: known(&b.project_uuid),
            customer_uuid: known(&b.customer_uuid),
            customer_name: known(&b.customer_name),
        }
    }

    /// Where an instance lives (a backup of it lands in the same project).
    pub fn of_instance(i: &'a InstanceSummary) -> Self {
        Place {
            project_uuid: known(&i.project_uuid),
            customer_uuid: known(&i.customer_uuid),
            customer_name: known(&i.customer_name),
        }
    }
}

fn known(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// What a role lets its holder do with the objects in its scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grant {
    /// Owner, administrator, manager: changes them.
    Manage,
    /// Member, support: only sees them.
    View,
    /// A role this widget does not know: perhaps changes them.
    Perhaps,
}

fn grant(role_name: &str) -> Grant {
    match role_name.trim().to_ascii_uppercase().as_str() {
        "CUSTOMER.OWNER" | "PROJECT.ADMIN" | "PROJECT.MANAGER" => Grant::Manage,
        "PROJECT.MEMBER" | "CUSTOMER.SUPPORT" => Grant::View,
        _ => Grant::Perhaps,
    }
}

fn scope_is(p: &Permission, kind: &str) -> bool {
    p.scope_type
        .as_deref()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case(kind))
}

/// Whether a role is on `place`'s project or organisation; `None` when it cannot be told.
fn applies(p: &Permission, place: &Place<'_>, customer_uuid: Option<&str>) -> Option<bool> {
    let scope = p.scope_uuid.as_deref()?;
    if scope_is(p, "project") {
        return place.project_uuid.map(|u| same_uuid(u, scope));
    }
    if scope_is(p, "customer") {
        if let Some(c) = customer_uuid {
            return Some(same_uuid(c, scope));
        }
        return match (place.customer_name, known(&p.scope_name)) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        };
    }
    // A role on something else (an offering, a call) says nothing about backups.
    Some(false)
}

/// The backup's organisation UUID: its own, else the one a project role of the user names for
/// the backup's project.
fn customer_of<'a>(place: &Place<'a>, roles: &'a [Permission]) -> Option<&'a str> {
    place.customer_uuid.or_else(|| {
        let project = place.project_uuid?;
        roles
            .iter()
            .filter(|p| scope_is(p, "project"))
            .filter(|p| {
                p.scope_uuid
                    .as_deref()
                    .is_some_and(|s| same_uuid(s, project))
            })
            .find_map(|p| known(&p.customer_uuid))
    })
}

/// What the widget knows about the signed-in user, to decide which actions to offer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Access {
    /// The host's `isStaff: true`: staff without asking.
    pub host_staff: bool,
    /// The host's `canManage`: decides the unsafe actions instead of the roles.
    pub host_can_manage: Option<bool>,
    /// `GET /api/users/me/` once it answered; `None` while asking or when it failed (shared:
    /// every row and button reads the same answer).
    pub me: Option<Arc<CurrentUser>>,
}

impl Access {
    /// Whether the user is staff (by the host's word or the server's).
    pub fn is_staff(&self) -> bool {
        self.host_staff || self.me.as_ref().is_some_and(|me| me.staff())
    }

    /// Whether staff-only actions (unlink, set OK, set erred) are offered.
    pub fn staff_only(&self) -> Result<(), Refusal> {
        if self.is_staff() {
            Ok(())
        } else {
            Err(STAFF_ONLY)
        }
    }

    /// Whether changes to what lives at `place` (edit, delete, pull, restore, a new backup) are
    /// offered, or why not.
    pub fn can_change(&self, place: &Place<'_>) -> Result<(), Refusal> {
        match self.host_can_manage {
            Some(true) => return Ok(()),
            Some(false) => return Err(HOST_READ_ONLY),
            None => {}
        }
        if self.is_staff() {
            return Ok(());
        }
        let Some(me) = &self.me else {
            // Not known (yet): the server decides.
            return Ok(());
        };
        let customer = customer_of(place, &me.permissions);
        let granted = me.permissions.iter().any(|p| {
            match (grant(&p.role_name), applies(p, place, customer)) {
                (Grant::View, _) | (_, Some(false)) => false,
                // A managing or unknown role that applies, or perhaps applies.
                (Grant::Manage | Grant::Perhaps, Some(true) | None) => true,
            }
        });
        if granted {
            Ok(())
        } else if me.is_support == Some(true) {
            Err(SUPPORT_READ_ONLY)
        } else {
            Err(NEEDS_MANAGER)
        }
    }

    /// [`can_change`](Self::can_change) for a backup.
    pub fn can_change_backup(&self, backup: &Backup) -> Result<(), Refusal> {
        self.can_change(&Place::of_backup(backup))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn decode<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
        serde_json::from_value(v)
    }

    const GENOMICS: &str = "d9688d9b2f8eb737bcc7d8e8590878fb";
    const CLIMATE: &str = "00d5211f7aba3a1e219b7e47a11c835e";
    const EDGE: &str = "5c0e1c4f3b1f4a7e9d2a6b8c0e1f2a3b";
    const ALPHA: &str = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
    const OMEGA: &str = "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e";

    fn me(v: Value) -> CurrentUser {
        decode(v).expect("a users/me payload")
    }

    /// alice as the dev server and a running Waldur send her: an ordinary user's object has no
    /// `is_staff` / `is_support`.
    fn alice() -> CurrentUser {
        me(json!({
            "uuid": "d3000000000000000000000000000001", "username": "alice",
            "full_name": "Alice Admin", "email": "alice@example.org",
            "permissions": [
                {"role_name": "PROJECT.ADMIN", "role_description": "Project administrator",
                 "scope_type": "project", "scope_uuid": GENOMICS, "scope_name": "Genomics pipeline",
                 "customer_uuid": ALPHA, "customer_name": "Alpha Research Institute",
                 "expiration_time": null},
                {"role_name": "CUSTOMER.OWNER", "scope_type": "customer", "scope_uuid": ALPHA,
                 "scope_name": "Alpha Research Institute"},
                {"role_name": "PROJECT.MEMBER", "scope_type": "project", "scope_uuid": EDGE,
                 "scope_name": "Edge analytics", "customer_uuid": OMEGA,
                 "customer_name": "Omega Labs"}
            ]
        }))
    }

    fn support() -> CurrentUser {
        me(
            json!({"uuid": "s", "username": "support", "is_staff": false, "is_support": true,
                  "permissions": []}),
        )
    }

    fn staff() -> CurrentUser {
        me(
            json!({"uuid": "t", "username": "staff", "is_staff": true, "is_support": false,
                  "permissions": []}),
        )
    }

    fn nobody() -> CurrentUser {
        me(json!({"uuid": "n", "username": "nobody", "permissions": []}))
    }

    fn place<'a>(project: &'a str, customer: Option<&'a str>, name: &'a str) -> Place<'a> {
        Place {
            project_uuid: Some(project),
            customer_uuid: customer,
            customer_name: Some(name),
        }
    }

    fn access(me: CurrentUser) -> Access {
        Access {
            me: Some(Arc::new(me)),
            ..Access::default()
        }
    }

    #[test]
    fn users_me_payloads_of_each_kind_decode_with_their_roles() {
        let a = alice();
        assert!(!a.staff());
        assert_eq!(a.is_support, None);
        assert_eq!(a.permissions.len(), 3);
        assert_eq!(a.permissions[1].role_name, "CUSTOMER.OWNER");
        assert_eq!(a.permissions[1].customer_uuid, None);
        assert_eq!(a.permissions[2].customer_uuid.as_deref(), Some(OMEGA));
        assert!(staff().staff());
        assert_eq!(support().is_support, Some(true));
        // An older server without `permissions`.
        let bare = me(json!({"uuid": "x", "username": "x"}));
        assert!(bare.permissions.is_empty());
    }

    #[test]
    fn who_may_change_which_backup() {
        let alpha = "Alpha Research Institute";
        let omega = "Omega Labs";
        // (who, where, allowed?) — 8.1 places carry customer_uuid, 2024 places do not.
        let cases: Vec<(&str, Access, Place<'_>, Result<(), Refusal>)> = vec![
            (
                "alice, her project",
                access(alice()),
                place(GENOMICS, Some(ALPHA), alpha),
                Ok(()),
            ),
            (
                "alice, her project (2024)",
                access(alice()),
                place(GENOMICS, None, alpha),
                Ok(()),
            ),
            (
                "alice, owned org",
                access(alice()),
                place(CLIMATE, Some(ALPHA), alpha),
                Ok(()),
            ),
            (
                "alice, owned org by name (2024)",
                access(alice()),
                place(CLIMATE, None, alpha),
                Ok(()),
            ),
            (
                "alice, member only",
                access(alice()),
                place(EDGE, Some(OMEGA), omega),
                Err(NEEDS_MANAGER),
            ),
            // Her member role names Edge's organisation: not hers, even without customer_uuid.
            (
                "alice, member only (2024)",
                access(alice()),
                place(EDGE, None, omega),
                Err(NEEDS_MANAGER),
            ),
            (
                "support",
                access(support()),
                place(GENOMICS, Some(ALPHA), alpha),
                Err(SUPPORT_READ_ONLY),
            ),
            (
                "support (2024)",
                access(support()),
                place(GENOMICS, None, alpha),
                Err(SUPPORT_READ_ONLY),
            ),
            ("staff", access(staff()), place(EDGE, None, omega), Ok(())),
            (
                "no roles",
                access(nobody()),
                place(GENOMICS, Some(ALPHA), alpha),
                Err(NEEDS_MANAGER),
            ),
            (
                "not known yet",
                Access::default(),
                place(EDGE, Some(OMEGA), omega),
                Ok(()),
            ),
            (
                "host staff",
                Access {
                    host_staff: true,
                    ..access(support())
                },
                place(EDGE, None, omega),
                Ok(()),
            ),
            (
                "host canManage",
                Access {
                    host_can_manage: Some(true),
                    ..access(support())
                },
                place(EDGE, None, omega),
                Ok(()),
            ),
            (
                "host read only",
                Access {
                    host_can_manage: Some(false),
                    ..access(staff())
                },
                place(GENOMICS, None, alpha),
                Err(HOST_READ_ONLY),
            ),
        ];
        for (who, a, p, expected) in cases {
            assert_eq!(a.can_change(&p), expected, "{who}");
        }
    }

    #[test]
    fn where_nothing_can_be_compared_the_server_decides() {
        let a = access(alice());
        // 2024, a project alice has no role in, and no organisation name either: she owns an
        // organisation, which may be this one.
        let unknown_org = Place {
            project_uuid: Some(CLIMATE),
            ..Place::default()
        };
        assert_eq!(a.can_change(&unknown_org), Ok(()));
        // Without any owner role, an unknown organisation cannot be hers.
        let admin_only = me(json!({"uuid": "b", "username": "bob", "permissions": [
            {"role_name": "PROJECT.ADMIN", "scope_type": "project", "scope_uuid": GENOMICS}]}));
        assert_eq!(
            access(admin_only.clone()).can_change(&unknown_org),
            Err(NEEDS_MANAGER)
        );
        // A backup without its project UUID: an administrator of some project may be its.
        assert_eq!(access(admin_only).can_change(&Place::default()), Ok(()));
        // A role of a name this widget does not know, on the backup's project, may grant it.
        let custom = me(json!({"uuid": "c", "username": "carol", "permissions": [
            {"role_name": "PROJECT.OPERATOR", "scope_type": "project", "scope_uuid": CLIMATE}]}));
        assert_eq!(
            access(custom.clone()).can_change(&place(CLIMATE, None, "x")),
            Ok(())
        );
        assert_eq!(
            access(custom).can_change(&place(GENOMICS, None, "x")),
            Err(NEEDS_MANAGER)
        );
        // Roles on other kinds of scope say nothing about backups.
        let offering = me(json!({"uuid": "o", "username": "olga", "permissions": [
            {"role_name": "OFFERING.MANAGER", "scope_type": "offering", "scope_uuid": CLIMATE}]}));
        assert_eq!(
            access(offering).can_change(&place(CLIMATE, None, "x")),
            Err(NEEDS_MANAGER)
        );
        // UUIDs compare in either form.
        let dashed = me(json!({"uuid": "d", "username": "dan", "permissions": [
            {"role_name": "project.admin", "scope_type": "project",
             "scope_uuid": "D9688D9B-2F8E-B737-BCC7-D8E8590878FB"}]}));
        assert_eq!(
            access(dashed).can_change(&place(GENOMICS, None, "x")),
            Ok(())
        );
    }

    #[test]
    fn staff_only_actions_need_staff_by_either_word() {
        assert_eq!(access(staff()).staff_only(), Ok(()));
        assert_eq!(access(alice()).staff_only(), Err(STAFF_ONLY));
        assert_eq!(access(support()).staff_only(), Err(STAFF_ONLY));
        assert_eq!(Access::default().staff_only(), Err(STAFF_ONLY));
        let host = Access {
            host_staff: true,
            ..Access::default()
        };
        assert_eq!(host.staff_only(), Ok(()));
        // canManage opens the project's actions, not staff's.
        let manage = Access {
            host_can_manage: Some(true),
            ..access(alice())
        };
        assert_eq!(manage.staff_only(), Err(STAFF_ONLY));
    }

    #[test]
    fn a_backup_and_an_instance_tell_where_they_live() {
        let b: Backup = decode(json!({"uuid": "b", "project_uuid": GENOMICS,
            "customer_name": "Alpha Research Institute", "customer_uuid": ""}))
        .unwrap();
        assert_eq!(
            Place::of_backup(&b),
            Place {
                project_uuid: Some(GENOMICS),
                customer_uuid: None,
                customer_name: Some("Alpha Research Institute"),
            }
        );
        assert_eq!(access(alice()).can_change_backup(&b), Ok(()));
        let i: InstanceSummary =
            decode(json!({"uuid": "i", "project_uuid": EDGE, "customer_uuid": OMEGA})).unwrap();
        assert_eq!(
            access(alice()).can_change(&Place::of_instance(&i)),
            Err(NEEDS_MANAGER)
        );
    }
}
