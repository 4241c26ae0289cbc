//! CORS as deployed in front of Waldur, per `--cors` mode (switchable at run time).
//!
//! - `django` (django-cors-headers): the request's origin echoed (`*` without one), credentials
//!   allowed, on every status, errors included; preflights answered 200.
//! - `nginx-stock`: Waldur's container image adds the headers in nginx (`mastermind.conf`) with
//!   `add_header` lines without `always`. nginx adds such headers only to 200, 201, 204, 206,
//!   301, 302, 303, 304, 307 and 308 answers, so 4xx, 5xx **and 202** (delete, pull) carry none.
//!   nginx does not answer preflights itself: it proxies them to Django, whose
//!   `cors_middleware` answers an `OPTIONS` with `Access-Control-Request-Method` by an empty
//!   `200 text/html`, to which nginx then adds its headers. So a preflight succeeds and the
//!   browser sends the request, but cannot read an error answer.
//! - `none`: Django alone: preflights get the empty 200 without any CORS header.
//!
//! Control endpoints and static files always get the `django` treatment: tests and host pages
//! on other origins must reach them whatever the API imitates.

use crate::app::App;
use crate::profile::CorsMode;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Headers a browser may send (django mode).
pub const ALLOW_HEADERS: &str = "Accept, Accept-Encoding, Authorization, Content-Type, Origin, User-Agent, X-CSRFToken, X-Requested-With, X-Impersonated-User-Uuid";
/// Methods a browser may use (django mode).
pub const ALLOW_METHODS: &str = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
/// Headers a browser may read.
pub const EXPOSE_HEADERS: &str = "Link, X-Result-Count";
/// `Access-Control-Allow-Headers` of Waldur's stock `mastermind.conf`.
pub const NGINX_ALLOW_HEADERS: &str = "Accept, Accept-Encoding, Authorization, Content-Type, Origin, User-Agent, X-CSRFToken, X-Requested-With, X-Impersonated-User-Uuid, sentry-trace, baggage";
/// `Access-Control-Allow-Methods` of Waldur's stock `mastermind.conf`.
pub const NGINX_ALLOW_METHODS: &str = "DELETE, GET, OPTIONS, PATCH, POST, PUT";

fn django_headers(h: &mut HeaderMap, origin: Option<HeaderValue>) {
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        origin.unwrap_or(HeaderValue::from_static("*")),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    h.append(header::VARY, HeaderValue::from_static("Origin"));
}

fn nginx_headers(h: &mut HeaderMap) {
    h.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(NGINX_ALLOW_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(NGINX_ALLOW_METHODS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
}

/// The statuses nginx's `add_header` (without `always`) applies to.
pub fn nginx_adds_headers(status: StatusCode) -> bool {
    matches!(
        status.as_u16(),
        200 | 201 | 204 | 206 | 301 | 302 | 303 | 304 | 307 | 308
    )
}

/// Django's answer to a preflight: an empty 200 page.
fn django_preflight() -> Response {
    let mut r = Response::new(axum::body::Body::empty());
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
    r
}

/// Adds a mode's CORS headers to an answer.
fn apply(mode: CorsMode, r: &mut Response, origin: Option<HeaderValue>) {
    match mode {
        CorsMode::Django => django_headers(r.headers_mut(), origin),
        CorsMode::NginxStock if nginx_adds_headers(r.status()) => nginx_headers(r.headers_mut()),
        CorsMode::NginxStock | CorsMode::None => {}
    }
}

/// Middleware: answers preflights (200, no auth) and adds the mode's CORS headers.
pub async fn layer(State(app): State<App>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let mode = if req.uri().path().starts_with("/api/") {
        app.settings().cors
    } else {
        CorsMode::Django
    };
    let mut r = if req.method() == Method::OPTIONS {
        match mode {
            CorsMode::Django => Response::new(axum::body::Body::empty()),
            CorsMode::NginxStock | CorsMode::None => django_preflight(),
        }
    } else {
        next.run(req).await
    };
    apply(mode, &mut r, origin);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nginx_without_always_skips_202_and_every_error() {
        for code in [200, 201, 204, 206, 301, 302, 303, 304, 307, 308] {
            assert!(
                nginx_adds_headers(StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
        for code in [202, 400, 401, 403, 404, 405, 409, 500, 502, 503] {
            assert!(
                !nginx_adds_headers(StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
    }
}
