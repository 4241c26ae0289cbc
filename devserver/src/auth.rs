//! Authentication (token, bearer, session cookie), the demo users with their roles, and what
//! those roles let each of them see and do. `User` is an axum extractor: a handler that takes it
//! answers Waldur's 401 before doing anything else.

use crate::http::ApiError;
use crate::store::Store;
use crate::tokens;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};

/// A role name as Waldur spells it in `permissions[].role_name`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleName {
    /// Owner of an organisation: manages all of its projects.
    CustomerOwner,
    /// Administrator of a project: manages its resources.
    ProjectAdmin,
    /// Manager of a project: manages its resources.
    ProjectManager,
    /// Member of a project: sees its resources, changes nothing.
    ProjectMember,
}

impl RoleName {
    /// `CUSTOMER.OWNER`, `PROJECT.ADMIN`, …
    pub fn as_str(self) -> &'static str {
        match self {
            RoleName::CustomerOwner => "CUSTOMER.OWNER",
            RoleName::ProjectAdmin => "PROJECT.ADMIN",
            RoleName::ProjectManager => "PROJECT.MANAGER",
            RoleName::ProjectMember => "PROJECT.MEMBER",
        }
    }

    /// The role's description, as Waldur's default roles have it.
    pub fn description(self) -> &'static str {
        match self {
            RoleName::CustomerOwner => "Organization owner",
            RoleName::ProjectAdmin => "Project administrator",
            RoleName::ProjectManager => "Project manager",
            RoleName::ProjectMember => "Project member",
        }
    }
}

/// What a role applies to (indexes into the store's customers or projects).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// An organisation.
    Customer(usize),
    /// A project.
    Project(usize),
}

/// One role of a user on one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    /// The role.
    pub name: RoleName,
    /// Where it applies.
    pub scope: Scope,
}

/// A demo user: who they are and which roles they hold.
#[derive(Debug, PartialEq, Eq)]
pub struct DemoUser {
    /// Login name.
    pub username: &'static str,
    /// Full name.
    pub full_name: &'static str,
    /// API key (`Token <key>`, `Bearer <key>` or cookie `sessionid=<key>`).
    pub token: &'static str,
    /// One line for the start-up banner.
    pub about: &'static str,
    /// Staff: sees and changes everything, may unlink and set states.
    pub is_staff: bool,
    /// Support: sees everything, changes nothing.
    pub is_support: bool,
    /// Roles (the `permissions` of `GET /api/users/me/`).
    pub roles: &'static [Role],
}

/// The demo users, in the order the banner lists them.
pub static DEMO_USERS: [DemoUser; 4] = [
    DemoUser {
        username: "staff",
        full_name: "Sam Staff",
        token: tokens::STAFF,
        about: "staff: sees and changes everything, may unlink and set states",
        is_staff: true,
        is_support: false,
        roles: &[],
    },
    DemoUser {
        username: "alice",
        full_name: "Alice Admin",
        token: tokens::ADMIN,
        about: "owner of Alpha Research Institute (2 projects), admin of Genomics pipeline, member (read only) of Edge analytics",
        is_staff: false,
        is_support: false,
        roles: &[
            Role {
                name: RoleName::ProjectAdmin,
                scope: Scope::Project(0),
            },
            Role {
                name: RoleName::CustomerOwner,
                scope: Scope::Customer(0),
            },
            Role {
                name: RoleName::ProjectMember,
                scope: Scope::Project(4),
            },
        ],
    },
    DemoUser {
        username: "support",
        full_name: "Sasha Support",
        token: tokens::SUPPORT,
        about: "support: reads everything, changes nothing",
        is_staff: false,
        is_support: true,
        roles: &[],
    },
    DemoUser {
        username: "nobody",
        full_name: "Nora Nobody",
        token: tokens::NOBODY,
        about: "no roles: sees nothing",
        is_staff: false,
        is_support: false,
        roles: &[],
    },
];

/// The authenticated demo user of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct User(pub &'static DemoUser);

impl User {
    /// Staff.
    pub fn is_staff(self) -> bool {
        self.0.is_staff
    }

    /// The user's position in `DEMO_USERS`.
    pub fn index(self) -> usize {
        DEMO_USERS
            .iter()
            .position(|u| std::ptr::eq(u, self.0))
            .unwrap_or(0)
    }

    fn holds(self, s: &Store, project: usize, counts: impl Fn(RoleName) -> bool) -> bool {
        let customer = s.projects[project].customer;
        self.0.roles.iter().any(|r| {
            counts(r.name)
                && match r.scope {
                    Scope::Project(p) => p == project,
                    Scope::Customer(c) => c == customer,
                }
        })
    }

    /// Whether the user sees objects of a project (staff, support, or any role on the
    /// project or its organisation).
    pub fn sees(self, s: &Store, project: usize) -> bool {
        self.0.is_staff || self.0.is_support || self.holds(s, project, |_| true)
    }

    /// Whether the user may change objects of a project: Waldur's `is_administrator` (staff,
    /// the organisation's owner, the project's manager or administrator).
    pub fn manages(self, s: &Store, project: usize) -> bool {
        self.0.is_staff
            || self.holds(s, project, |r| {
                matches!(
                    r,
                    RoleName::CustomerOwner | RoleName::ProjectAdmin | RoleName::ProjectManager
                )
            })
    }

    /// 404 when the object is invisible, 403 when it is visible but not changeable.
    pub fn check_change(self, s: &Store, project: usize, model: &str) -> Result<(), ApiError> {
        if !self.sees(s, project) {
            Err(ApiError::not_found(model))
        } else if !self.manages(s, project) {
            Err(ApiError::forbidden())
        } else {
            Ok(())
        }
    }

    /// 403 unless staff (checked before the object is looked up, as Waldur's `is_staff`).
    pub fn require_staff(self) -> Result<(), ApiError> {
        if self.is_staff() {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        authenticate(&parts.headers)
    }
}

fn user_for_key(key: &str) -> Option<User> {
    DEMO_USERS.iter().find(|u| u.token == key).map(User)
}

fn unauthorized(msg: &str) -> ApiError {
    ApiError::detail(StatusCode::UNAUTHORIZED, msg)
}

/// The credential kind a request carries (`Token`, `Bearer`, `Cookie`), never the secret.
pub fn scheme(headers: &HeaderMap) -> Option<String> {
    if let Some(h) = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
    {
        return Some(h.split_whitespace().next().unwrap_or("").to_string());
    }
    session_cookie(headers).map(|_| "Cookie".to_string())
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .find_map(|c| {
            c.split(';').find_map(|kv| {
                let (k, v) = kv.trim().split_once('=')?;
                (k == "sessionid").then(|| v.to_string())
            })
        })
}

/// Identifies the user, or the 401 Waldur would answer.
pub fn authenticate(headers: &HeaderMap) -> Result<User, ApiError> {
    if let Some(h) = headers.get(header::AUTHORIZATION) {
        let h = h.to_str().map_err(|_| {
            unauthorized(
                "Invalid token header. Token string should not contain invalid characters.",
            )
        })?;
        let mut parts = h.split_whitespace();
        let kind = parts.next().unwrap_or("");
        let key = parts.next();
        if parts.next().is_some() {
            return Err(unauthorized(
                "Invalid token header. Token string should not contain spaces.",
            ));
        }
        if !kind.eq_ignore_ascii_case("token") && !kind.eq_ignore_ascii_case("bearer") {
            return Err(unauthorized(
                "Authentication credentials were not provided.",
            ));
        }
        let Some(key) = key else {
            return Err(unauthorized(
                "Invalid token header. No credentials provided.",
            ));
        };
        if key == tokens::EXPIRED_PAT {
            return Err(unauthorized("Token has expired."));
        }
        return user_for_key(key).ok_or_else(|| unauthorized("Invalid token."));
    }
    match session_cookie(headers) {
        Some(key) => user_for_key(&key).ok_or_else(|| unauthorized("Invalid token.")),
        None => Err(unauthorized(
            "Authentication credentials were not provided.",
        )),
    }
}
