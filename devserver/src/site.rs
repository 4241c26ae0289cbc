//! Everything no API or control route matches: the static files (`--static`, compressed with
//! gzip or brotli when the client accepts them, as a static host would, with the response
//! headers a test set for a path, such as a Content-Security-Policy), and for other paths
//! what Django answers: a 301 to the path with a slash appended when that one exists
//! (`APPEND_SLASH`), else its HTML 404, before any authentication.

use crate::app::App;
use crate::http::html_not_found;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::path::PathBuf;
use tower::service_fn;
use tower::util::BoxCloneSyncService;
use tower::{Layer, ServiceExt};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// A boxed HTTP service (what `Router::fallback_service` takes).
pub type Site = BoxCloneSyncService<Request, Response, Infallible>;

/// Response headers added to one static file (`POST /__devserver/static-headers`), the way a
/// static host's configuration adds them (a portal page served with its CSP header).
#[derive(Clone, Debug, serde::Serialize)]
pub struct StaticHeaders {
    /// The request path, exactly (`/pages/csp.html`).
    pub path: String,
    /// Header names and values, in order.
    pub headers: Vec<(String, String)>,
}

impl StaticHeaders {
    /// Reads `{"path": "/…", "headers": {"Name": "value", …}}`, checking each header.
    pub fn from_json(v: &serde_json::Value) -> Result<StaticHeaders, String> {
        let path = v["path"]
            .as_str()
            .filter(|p| p.starts_with('/'))
            .ok_or("Expected \"path\": a path starting with /.")?;
        let map = v["headers"]
            .as_object()
            .ok_or("Expected \"headers\": {\"Name\": \"value\"}.")?;
        let mut headers = Vec::new();
        for (name, value) in map {
            let value = value
                .as_str()
                .ok_or_else(|| format!("Header {name}: the value must be a string."))?;
            HeaderName::try_from(name.as_str())
                .map_err(|_| format!("{name} is not a header name."))?;
            HeaderValue::from_str(value)
                .map_err(|_| format!("Header {name}: {value:?} is not a header value."))?;
            headers.push((name.clone(), value.to_string()));
        }
        Ok(StaticHeaders {
            path: path.to_string(),
            headers,
        })
    }
}

/// Adds the headers set for the request's path to a static file's response.
fn add_static_headers(app: &App, path: &str, response: &mut Response) {
    let rules = app
        .0
        .static_headers
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    for rule in rules.iter().filter(|r| r.path == path) {
        for (name, value) in &rule.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::from_str(value),
            ) {
                response.headers_mut().insert(name, value);
            }
        }
    }
}

/// The collections whose list and detail routes exist.
const COLLECTIONS: [&str; 7] = [
    "openstack-backups",
    "openstack-flavors",
    "openstack-subnets",
    "openstack-security-groups",
    "openstack-floating-ips",
    "openstack-instances",
    "openstack-tenants",
];

/// Whether a path is one of the API's routes (used for Django's slash redirect).
pub fn is_api_route(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').collect();
    let known = |c: &str| COLLECTIONS.contains(&c);
    match segs.as_slice() {
        ["", "api", "users", "me", ""] => true,
        ["", "api", c, ""] => known(c),
        ["", "api", c, id, ""] => known(c) && !id.is_empty(),
        ["", "api", "openstack-backups", id, action, ""] => {
            !id.is_empty() && ["pull", "unlink", "restore", "set_ok", "set_erred"].contains(action)
        }
        ["", "api", "openstack-instances", id, "backup", ""] => !id.is_empty(),
        _ => false,
    }
}

/// Django's answer to a path no route matched.
fn django_fallback(req: &Request) -> Response {
    let path = req.uri().path();
    if !path.ends_with('/') && is_api_route(&format!("{path}/")) {
        let location = match req.uri().query() {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    html_not_found()
}

fn serve_dir(dir: PathBuf, app: App) -> Site {
    let files = CompressionLayer::new()
        .gzip(true)
        .br(true)
        .layer(ServeDir::new(dir).append_index_html_on_directories(true));
    BoxCloneSyncService::new(service_fn(move |req: Request| {
        let (files, app) = (files.clone(), app.clone());
        let path = req.uri().path().to_string();
        async move {
            let mut r = files.oneshot(req).await?.map(axum::body::Body::new);
            add_static_headers(&app, &path, &mut r);
            Ok::<_, Infallible>(r)
        }
    }))
}

/// The main origin's fallback: `/api/…` as Django, the rest from the static directory (or
/// Django's 404 without one).
pub fn fallback(static_dir: Option<PathBuf>, app: App) -> Site {
    let files = static_dir.map(|dir| serve_dir(dir, app));
    BoxCloneSyncService::new(service_fn(move |req: Request| {
        let files = files.clone();
        async move {
            match files {
                Some(files) if !req.uri().path().starts_with("/api/") => files.oneshot(req).await,
                _ => Ok(django_fallback(&req)),
            }
        }
    }))
}

/// The second origin in `static` mode: the files and nothing else.
pub fn static_only(static_dir: Option<PathBuf>, app: App) -> Site {
    match static_dir {
        Some(dir) => serve_dir(dir, app),
        None => BoxCloneSyncService::new(service_fn(|_req: Request| async {
            Ok::<_, Infallible>(html_not_found())
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_routes_are_known_by_shape() {
        for (p, known) in [
            ("/api/openstack-backups/", true),
            ("/api/openstack-backups/abc/", true),
            ("/api/openstack-backups/abc/restore/", true),
            ("/api/openstack-backups/abc/explode/", false),
            ("/api/openstack-instances/abc/backup/", true),
            ("/api/users/me/", true),
            ("/api/users/", false),
            ("/api/unknown/", false),
            ("/index.html/", false),
        ] {
            assert_eq!(is_api_route(p), known, "{p}");
        }
    }
}
