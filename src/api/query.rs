//! List queries (filters, ordering, pagination) and the pagination headers of list responses.
//!
//! Query strings are built in a fixed order so equal queries give equal URLs (useful as cache
//! keys): filters in the alphabetical order of the API reference, then `field`, then `o`, then
//! `page` and `page_size`. Empty strings, empty lists and `None` are left out.

use std::fmt::Write as _;

use super::server::{spelled_differently, Spelling};
use super::state::ResourceState;

/// The page size Waldur uses when none is given.
pub const DEFAULT_PAGE_SIZE: u32 = 10;
/// The largest page size Waldur accepts.
pub const MAX_PAGE_SIZE: u32 = 300;

/// Percent-encodes a query key or value (or a path segment): RFC 3986 unreserved characters are
/// kept, every other UTF-8 byte becomes `%XX` (so a space is `%20`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as space); invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Accumulates `key=value` pairs into an encoded query string.
#[derive(Default)]
struct QueryWriter(String);

impl QueryWriter {
    fn pair(&mut self, key: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        self.0.push_str(&percent_encode(value));
    }

    fn text(&mut self, key: &str, value: &Option<String>) {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            self.pair(key, v);
        }
    }

    fn flag(&mut self, key: &str, value: Option<bool>) {
        if let Some(v) = value {
            self.pair(key, if v { "true" } else { "false" });
        }
    }

    fn fields(&mut self, fields: &[String]) {
        for f in fields.iter().filter(|f| !f.is_empty()) {
            self.pair("field", f);
        }
    }

    fn paging(&mut self, page: Option<u32>, page_size: Option<u32>) {
        if let Some(p) = page {
            self.pair("page", &p.max(1).to_string());
        }
        if let Some(s) = page_size {
            self.pair("page_size", &clamp_page_size(s).to_string());
        }
    }
}

/// Clamps a page size into `1..=MAX_PAGE_SIZE` (0 becomes 1, anything above 300 becomes 300).
pub fn clamp_page_size(size: u32) -> u32 {
    size.clamp(1, MAX_PAGE_SIZE)
}

/// A column the backup list can be sorted by on the server (`o=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderField {
    /// Backup name (the server's default order).
    Name,
    /// Lifecycle state.
    State,
    /// Organisation name.
    CustomerName,
    /// Organisation native name.
    CustomerNativeName,
    /// Organisation abbreviation.
    CustomerAbbreviation,
    /// Project name.
    ProjectName,
    /// Service (cloud) name.
    ServiceName,
    /// Creation time.
    Created,
}

impl OrderField {
    /// Every sortable column.
    pub const ALL: [OrderField; 8] = [
        OrderField::Name,
        OrderField::State,
        OrderField::CustomerName,
        OrderField::CustomerNativeName,
        OrderField::CustomerAbbreviation,
        OrderField::ProjectName,
        OrderField::ServiceName,
        OrderField::Created,
    ];

    /// The API name of the column (`created`, `project_name`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            OrderField::Name => "name",
            OrderField::State => "state",
            OrderField::CustomerName => "customer_name",
            OrderField::CustomerNativeName => "customer_native_name",
            OrderField::CustomerAbbreviation => "customer_abbreviation",
            OrderField::ProjectName => "project_name",
            OrderField::ServiceName => "service_name",
            OrderField::Created => "created",
        }
    }
}

/// A server-side sort: a column and a direction (`o=created` or `o=-created`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ordering {
    /// The column to sort by.
    pub field: OrderField,
    /// Newest/largest/Z first when true.
    pub descending: bool,
}

impl Ordering {
    /// Ascending sort by `field`.
    pub fn asc(field: OrderField) -> Self {
        Ordering {
            field,
            descending: false,
        }
    }

    /// Descending sort by `field`.
    pub fn desc(field: OrderField) -> Self {
        Ordering {
            field,
            descending: true,
        }
    }

    /// The value of the `o` parameter (`-created`).
    pub fn to_param(self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.field.as_str()
        )
    }

    /// Reads an `o` value back (`-created`); `None` for columns the server cannot sort by.
    pub fn parse(s: &str) -> Option<Self> {
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let field = OrderField::ALL.into_iter().find(|f| f.as_str() == name)?;
        Some(Ordering { field, descending })
    }
}

/// Filters, sort and page for `GET /api/openstack-backups/`; every parameter of the API reference.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BackupQuery {
    /// Exact OpenStack ID of the backup.
    pub backend_id: Option<String>,
    /// Only backups the user can manage.
    pub can_manage: Option<bool>,
    /// Organisation UUID.
    pub customer: Option<String>,
    /// Organisation abbreviation (substring, case-insensitive).
    pub customer_abbreviation: Option<String>,
    /// Organisation name (substring, case-insensitive).
    pub customer_name: Option<String>,
    /// Organisation native name (substring, case-insensitive).
    pub customer_native_name: Option<String>,
    /// Organisation UUID.
    pub customer_uuid: Option<String>,
    /// Description (substring, case-insensitive).
    pub description: Option<String>,
    /// External IP of the backed-up instance.
    pub external_ip: Option<String>,
    /// Return only these fields (`field=name&field=uuid`); empty means all fields.
    pub field: Vec<String>,
    /// URL of the backed-up instance.
    pub instance: Option<String>,
    /// UUID of the backed-up instance.
    pub instance_uuid: Option<String>,
    /// Name (substring, case-insensitive).
    pub name: Option<String>,
    /// Name (exact match).
    pub name_exact: Option<String>,
    /// Page number, 1-based (values below 1 are sent as 1).
    pub page: Option<u32>,
    /// Page size, clamped to 1..=300 when sent.
    pub page_size: Option<u32>,
    /// Project UUID.
    pub project: Option<String>,
    /// Project name (substring, case-insensitive).
    pub project_name: Option<String>,
    /// Project UUID.
    pub project_uuid: Option<String>,
    /// Service settings name.
    pub service_settings_name: Option<String>,
    /// Service settings UUID.
    pub service_settings_uuid: Option<String>,
    /// Any of these states (`state=OK&state=ERRED`); empty means all states.
    pub state: Vec<ResourceState>,
    /// Tenant URL.
    pub tenant: Option<String>,
    /// Tenant UUID.
    pub tenant_uuid: Option<String>,
    /// Backup UUID.
    pub uuid: Option<String>,
    /// Server-side sort (`o=`); `None` keeps the server's default (by name).
    pub o: Option<Ordering>,
}

impl BackupQuery {
    /// The encoded query string without the leading `?` (empty when nothing is set), states in
    /// the enum spelling (`state=ERRED`).
    pub fn to_query_string(&self) -> String {
        self.to_query_string_spelled(Spelling::Enum)
    }

    /// Whether the query filters by a state whose two spellings differ (any but `OK`).
    pub fn is_respellable(&self) -> bool {
        self.state.iter().any(spelled_differently)
    }

    /// [`to_query_string`](Self::to_query_string) with states in `spelling` (`state=Erred` for a
    /// server that takes only labels).
    pub fn to_query_string_spelled(&self, spelling: Spelling) -> String {
        let mut w = QueryWriter::default();
        w.text("backend_id", &self.backend_id);
        w.flag("can_manage", self.can_manage);
        w.text("customer", &self.customer);
        w.text("customer_abbreviation", &self.customer_abbreviation);
        w.text("customer_name", &self.customer_name);
        w.text("customer_native_name", &self.customer_native_name);
        w.text("customer_uuid", &self.customer_uuid);
        w.text("description", &self.description);
        w.text("external_ip", &self.external_ip);
        w.text("instance", &self.instance);
        w.text("instance_uuid", &self.instance_uuid);
        w.text("name", &self.name);
        w.text("name_exact", &self.name_exact);
        w.text("project", &self.project);
        w.text("project_name", &self.project_name);
        w.text("project_uuid", &self.project_uuid);
        w.text("service_settings_name", &self.service_settings_name);
        w.text("service_settings_uuid", &self.service_settings_uuid);
        for s in &self.state {
            let written = spelling.write(s);
            if !written.is_empty() {
                w.pair("state", written);
            }
        }
        w.text("tenant", &self.tenant);
        w.text("tenant_uuid", &self.tenant_uuid);
        w.text("uuid", &self.uuid);
        w.fields(&self.field);
        if let Some(o) = self.o {
            w.pair("o", &o.to_param());
        }
        w.paging(self.page, self.page_size);
        w.0
    }

    /// The same query without `page`/`page_size` (for `HEAD` counts).
    pub fn without_paging(&self) -> Self {
        BackupQuery {
            page: None,
            page_size: None,
            ..self.clone()
        }
    }
}

/// Query for the restore dialog's related lists (flavors, subnets, security groups, floating IPs).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ListQuery {
    /// Only objects of this tenant.
    pub tenant_uuid: Option<String>,
    /// Floating IPs only: `true` for unattached ones.
    pub free: Option<bool>,
    /// Return only these fields; empty means all fields.
    pub field: Vec<String>,
    /// Page number, 1-based.
    pub page: Option<u32>,
    /// Page size, clamped to 1..=300 when sent.
    pub page_size: Option<u32>,
}

impl ListQuery {
    /// A query for everything in one tenant.
    pub fn tenant(tenant_uuid: &str) -> Self {
        ListQuery {
            tenant_uuid: Some(tenant_uuid.to_owned()),
            ..Default::default()
        }
    }

    /// The encoded query string without the leading `?`, in the order tenant_uuid, free, field, page, page_size.
    pub fn to_query_string(&self) -> String {
        let mut w = QueryWriter::default();
        w.text("tenant_uuid", &self.tenant_uuid);
        w.flag("free", self.free);
        w.fields(&self.field);
        w.paging(self.page, self.page_size);
        w.0
    }
}

/// The `Link` header's relations (absolute URLs); a missing one is `None`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LinkRelations {
    /// First page (its URL has no `page` parameter).
    pub first: Option<String>,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// Last page.
    pub last: Option<String>,
}

/// Parses `Link: <url>; rel="next", <url>; rel="last"`; unknown relations and malformed parts are skipped.
pub fn parse_link_header(header: &str) -> LinkRelations {
    let mut links = LinkRelations::default();
    let mut rest = header;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>').map(|e| start + e) else {
            break;
        };
        let url = rest[start + 1..end].trim().to_owned();
        let after = &rest[end + 1..];
        // Parameters run until the next link (a comma followed by `<`).
        let params_end = after.find('<').unwrap_or(after.len());
        let params = &after[..params_end];
        for param in params.split(';') {
            let Some((key, value)) = param.split_once('=') else {
                continue;
            };
            if !key.trim().eq_ignore_ascii_case("rel") {
                continue;
            }
            let value = value.trim().trim_end_matches(',').trim().trim_matches('"');
            for rel in value.split_ascii_whitespace() {
                let slot = match rel.to_ascii_lowercase().as_str() {
                    "first" => &mut links.first,
                    "prev" | "previous" => &mut links.prev,
                    "next" => &mut links.next,
                    "last" => &mut links.last,
                    _ => continue,
                };
                *slot = Some(url.clone());
            }
        }
        rest = &after[params_end..];
    }
    links
}

/// The page number a list URL points to; a URL without `page` is page 1; `None` if `page` is not a number.
pub fn page_of(url: &str) -> Option<u32> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(key) == "page" {
            return percent_decode(value).trim().parse().ok();
        }
    }
    Some(1)
}

/// One page of a list: its items, the total across all pages and the navigation links.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items on this page, in server order.
    pub items: Vec<T>,
    /// Total number of matching items (`X-Result-Count`), if the server exposed it.
    pub total: Option<u64>,
    /// Links to neighbouring pages (`Link` header).
    pub links: LinkRelations,
}

impl<T> Page<T> {
    /// Number of pages for `page_size`, from the total or else from the `last` link.
    pub fn page_count(&self, page_size: u32) -> Option<u32> {
        if let Some(total) = self.total {
            let size = u64::from(clamp_page_size(page_size));
            return Some(total.div_ceil(size).max(1).min(u64::from(u32::MAX)) as u32);
        }
        self.links.last.as_deref().and_then(page_of)
    }

    /// The page to fetch after `current` when collecting all pages, given how many items were
    /// collected so far: follows `next`, else continues while the total is not reached.
    pub fn next_page_number(&self, current: u32, collected: u64) -> Option<u32> {
        if let Some(next) = &self.links.next {
            return page_of(next).filter(|&n| n > current).or(Some(current + 1));
        }
        match self.total {
            Some(total) if collected < total && !self.items.is_empty() => Some(current + 1),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_is_empty() {
        assert_eq!(BackupQuery::default().to_query_string(), "");
        assert_eq!(ListQuery::default().to_query_string(), "");
    }

    #[test]
    fn brief_example_order() {
        let q = BackupQuery {
            name: Some("foo".into()),
            state: vec![ResourceState::Ok, ResourceState::Erred],
            field: vec!["name".into(), "uuid".into()],
            page: Some(2),
            page_size: Some(50),
            ..Default::default()
        };
        assert_eq!(
            q.to_query_string(),
            "name=foo&state=OK&state=ERRED&field=name&field=uuid&page=2&page_size=50"
        );
    }

    #[test]
    fn states_are_sent_in_the_servers_spelling() {
        let q = BackupQuery {
            state: vec![
                ResourceState::Ok,
                ResourceState::Erred,
                ResourceState::CreationScheduled,
            ],
            ..Default::default()
        };
        assert_eq!(
            q.to_query_string_spelled(Spelling::Label),
            "state=OK&state=Erred&state=Creation%20Scheduled"
        );
        assert_eq!(
            q.to_query_string(),
            "state=OK&state=ERRED&state=CREATION_SCHEDULED"
        );
        assert!(q.is_respellable());
        let only_ok = BackupQuery {
            state: vec![ResourceState::Ok],
            ..Default::default()
        };
        assert!(!only_ok.is_respellable());
        assert!(!BackupQuery::default().is_respellable());
    }

    #[test]
    fn encoder_keeps_unreserved_and_escapes_the_rest() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(
            percent_encode("a b&c=d+e#f/g?h%i"),
            "a%20b%26c%3Dd%2Be%23f%2Fg%3Fh%25i"
        );
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(percent_encode("备份"), "%E5%A4%87%E4%BB%BD");
        assert_eq!(percent_decode("a%20b+c%zz%E5%A4%87"), "a b c%zz备");
    }
}
