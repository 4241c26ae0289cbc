//! `GET /api/users/me/`: who is signed in, with `is_staff`, `is_support` (staff and support
//! only, as Waldur shows them) and `permissions`, so a client can tell up front which actions
//! the server will accept.

use crate::app::App;
use crate::auth::User;
use crate::backups::not_allowed;
use crate::http::{json_response, ApiResult, BaseUrl};
use crate::render::user::me_json;
use crate::render::View;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

/// The user routes.
pub fn router() -> Router<App> {
    Router::new().route("/api/users/me/", get(me).fallback(not_allowed))
}

async fn me(State(app): State<App>, user: User, BaseUrl(base): BaseUrl) -> ApiResult {
    let profile = app.settings().profile;
    let w = app.world();
    Ok(json_response(
        StatusCode::OK,
        &me_json(&w.store, &View::new(&base, profile), user),
    ))
}
