//! Turning API objects into links the host understands.

/// The UUID at the end of a Waldur API URL (`…/api/openstack-instances/<uuid>/`).
pub fn uuid_from_url(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
}

/// Whether two UUIDs are the same one, written with or without dashes, in either case.
pub fn same_uuid(a: &str, b: &str) -> bool {
    fn hex(u: &str) -> impl Iterator<Item = char> + '_ {
        u.chars()
            .filter(|c| *c != '-')
            .map(|c| c.to_ascii_lowercase())
    }
    hex(a).eq(hex(b))
}

/// Fills the host's instance URL pattern: `{uuid}` becomes the instance UUID, `{name}` its
/// percent-encoded name. `None` when there is no pattern (the widget then emits an event).
pub fn instance_link(pattern: Option<&str>, uuid: &str, name: &str) -> Option<String> {
    let pattern = pattern.map(str::trim).filter(|p| !p.is_empty())?;
    Some(
        pattern
            .replace("{uuid}", &crate::api::query::percent_encode(uuid))
            .replace("{name}", &crate::api::query::percent_encode(name)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_uuid_at_the_end_of_an_api_url() {
        assert_eq!(
            uuid_from_url("https://w.example/api/openstack-instances/ab12cd/"),
            Some("ab12cd")
        );
        assert_eq!(
            uuid_from_url("https://w.example/api/openstack-instances/ab12cd"),
            Some("ab12cd")
        );
        assert_eq!(uuid_from_url("https://w.example/api/x/not a uuid/"), None);
    }

    #[test]
    fn fills_the_hosts_pattern() {
        assert_eq!(
            instance_link(Some("/vm/{uuid}?n={name}"), "ab", "db 1"),
            Some("/vm/ab?n=db%201".to_string())
        );
        assert_eq!(instance_link(None, "ab", "x"), None);
        assert_eq!(instance_link(Some("  "), "ab", "x"), None);
    }
}
