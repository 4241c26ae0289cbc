//! Authentication (token, bearer, session cookie) and what each demo user may see and do.

use crate::data::ADMIN_PROJECTS;
use crate::http::{json_response, ApiError, Req};
use crate::tokens;
use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum User {
    /// Sees and changes everything.
    Staff,
    /// Administrator of `ADMIN_PROJECTS`.
    Admin,
    /// Reads everything, changes nothing.
    Support,
    /// Sees nothing.
    Nobody,
}

impl User {
    /// Whether the user sees objects of a project.
    pub fn sees(self, project: usize) -> bool {
        match self {
            User::Staff | User::Support => true,
            User::Admin => ADMIN_PROJECTS.contains(&project),
            User::Nobody => false,
        }
    }

    /// Whether the user may change objects of a project.
    pub fn manages(self, project: usize) -> bool {
        match self {
            User::Staff => true,
            User::Admin => ADMIN_PROJECTS.contains(&project),
            _ => false,
        }
    }

    /// 404 when the object is invisible, 403 when it is visible but not changeable.
    pub fn check_change(self, project: usize, model: &str) -> Result<(), ApiError> {
        if !self.sees(project) {
            Err(ApiError::not_found(model))
        } else if !self.manages(project) {
            Err(ApiError::forbidden())
        } else {
            Ok(())
        }
    }
}

/// The demo users: (username, role description, token).
pub const DEMO_USERS: [(&str, &str, &str); 4] = [
    ("staff", "staff: sees everything, may unlink", tokens::STAFF),
    (
        "alice",
        "project administrator of 2 of 6 projects",
        tokens::ADMIN,
    ),
    (
        "support",
        "support: reads everything, changes nothing",
        tokens::SUPPORT,
    ),
    ("nobody", "no access: sees nothing", tokens::NOBODY),
];

fn user_for_key(key: &str) -> Option<User> {
    match key {
        tokens::STAFF => Some(User::Staff),
        tokens::ADMIN => Some(User::Admin),
        tokens::SUPPORT => Some(User::Support),
        tokens::NOBODY => Some(User::Nobody),
        _ => None,
    }
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

/// `GET /api/users/me/`: the signed-in user, as Waldur describes it (the standalone page reads
/// `is_staff` to offer staff-only actions such as Unlink). Never echoes the token.
pub async fn me_route(req: Request) -> Response {
    let req = Req::read(req).await;
    me(&req).unwrap_or_else(IntoResponse::into_response)
}

fn me(req: &Req) -> Result<Response, ApiError> {
    let user = authenticate(&req.headers)?;
    if req.method != Method::GET && req.method != Method::HEAD {
        return Err(ApiError::method_not_allowed(&req.method));
    }
    let (index, (username, _, _)) = DEMO_USERS
        .iter()
        .enumerate()
        .find(|(_, (_, _, key))| user_for_key(key) == Some(user))
        .expect("every user is a demo user");
    let full_name = match user {
        User::Staff => "Sam Staff",
        User::Admin => "Alice Admin",
        User::Support => "Sasha Support",
        User::Nobody => "Nora Nobody",
    };
    let uuid = format!("{:032x}", 0xd3_u128 << 120 | index as u128);
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "url": format!("{}/api/users/{uuid}/", req.base()),
            "uuid": uuid,
            "username": username,
            "full_name": full_name,
            "email": format!("{username}@example.org"),
            "is_staff": user == User::Staff,
            "is_support": user == User::Support,
            "is_active": true,
            "date_joined": "2024-01-15T09:00:00.000000Z",
        }),
    ))
}
