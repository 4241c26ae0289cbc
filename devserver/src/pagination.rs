//! Page-number pagination with `X-Result-Count` and `Link` headers, as Waldur's
//! `LinkHeaderPagination` does.

use crate::http::ApiError;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

/// Default page size.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// Largest page size; larger requests are clamped.
pub const MAX_PAGE_SIZE: usize = 300;

/// One page of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Items per page.
    pub size: usize,
    /// Items in the whole list.
    pub total: usize,
    /// Number of pages (at least 1).
    pub num_pages: usize,
}

impl Page {
    /// Index of the first item on the page.
    pub fn offset(&self) -> usize {
        (self.number - 1) * self.size
    }
}

/// Page size from `page_size` (invalid or non-positive → default, above max → max).
pub fn page_size(pairs: &[(String, String)]) -> usize {
    pairs
        .iter()
        .find(|(k, _)| k == "page_size")
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .map_or(DEFAULT_PAGE_SIZE, |n| n.min(MAX_PAGE_SIZE))
}

/// The requested page of `total` items, or 404 "Invalid page.".
pub fn paginate(pairs: &[(String, String)], total: usize) -> Result<Page, ApiError> {
    let size = page_size(pairs);
    let num_pages = total.div_ceil(size).max(1);
    let number = match pairs
        .iter()
        .find(|(k, _)| k == "page")
        .map(|(_, v)| v.as_str())
    {
        None => 1,
        Some("last") => num_pages,
        Some(v) => v
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1 && *n <= num_pages)
            .ok_or_else(invalid_page)?,
    };
    Ok(Page {
        number,
        size,
        total,
        num_pages,
    })
}

fn invalid_page() -> ApiError {
    ApiError::detail(StatusCode::NOT_FOUND, "Invalid page.")
}

fn url_with_page(
    base: &str,
    path: &str,
    pairs: &[(String, String)],
    page: Option<usize>,
) -> String {
    let mut kept: Vec<(String, String)> =
        pairs.iter().filter(|(k, _)| k != "page").cloned().collect();
    if let Some(p) = page {
        kept.push(("page".into(), p.to_string()));
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &kept {
        q.append_pair(k, v);
    }
    let q = q.finish();
    if q.is_empty() {
        format!("{base}{path}")
    } else {
        format!("{base}{path}?{q}")
    }
}

/// The `Link` header value: first, prev, next, last (those that exist). As DRF builds them,
/// the first link, a previous link to page 1 and a last link to page 1 carry no `page`.
pub fn link_header(page: &Page, base: &str, path: &str, pairs: &[(String, String)]) -> String {
    let mut links = vec![format!(
        "<{}>; rel=\"first\"",
        url_with_page(base, path, pairs, None)
    )];
    if page.number > 1 {
        let prev = (page.number > 2).then_some(page.number - 1);
        links.push(format!(
            "<{}>; rel=\"prev\"",
            url_with_page(base, path, pairs, prev)
        ));
    }
    if page.number < page.num_pages {
        links.push(format!(
            "<{}>; rel=\"next\"",
            url_with_page(base, path, pairs, Some(page.number + 1))
        ));
    }
    let last = (page.num_pages > 1).then_some(page.num_pages);
    links.push(format!(
        "<{}>; rel=\"last\"",
        url_with_page(base, path, pairs, last)
    ));
    links.join(", ")
}

/// Adds `X-Result-Count` and `Link` to a list response (a `HEAD` answer carries both too).
pub fn add_headers(
    r: &mut Response,
    page: &Page,
    base: &str,
    path: &str,
    pairs: &[(String, String)],
) {
    let h = r.headers_mut();
    h.insert("x-result-count", HeaderValue::from(page.total));
    if let Ok(v) = HeaderValue::from_str(&link_header(page, base, path, pairs)) {
        h.insert("link", v);
    }
}
