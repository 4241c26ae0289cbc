//! What the detail drawer shows, decided without a DOM: metadata rows, firewall rules in words,
//! restorations in order, and how often to refresh a backup that is still changing.

use crate::api::{BackupMetadata, BackupRestoration, JsonValue, SecurityGroupRule};
use crate::state::format::size_in_units;

/// A size in MiB for people: `512 MiB`, `1.5 GiB`, `20 GiB`.
pub fn size_text(mib: u64) -> String {
    let (value, unit) = size_in_units(mib as f64);
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{} {}", rounded as u64, unit.symbol())
    } else {
        format!("{rounded:.1} {}", unit.symbol())
    }
}

/// One labelled value of the "captured at backup time" group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataRow {
    /// What it is ("Flavor", or the raw key for unknown keys).
    pub label: String,
    /// The value as text.
    pub value: String,
}

/// The metadata as rows: the known keys first with readable labels and sizes, then every other
/// key as it came (sorted by key). Missing keys are left out.
pub fn metadata_rows(metadata: &BackupMetadata) -> Vec<MetadataRow> {
    let mut rows = Vec::new();
    let mut push = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            rows.push(MetadataRow {
                label: label.to_owned(),
                value,
            });
        }
    };
    let raw = |key: &str| metadata.get(key).map(JsonValue::display);
    let size = |key: &str, n: Option<u64>| n.map(size_text).or_else(|| raw(key));
    push(
        "Instance name",
        metadata.name().map(str::to_owned).or_else(|| raw("name")),
    );
    push(
        "Instance description",
        metadata
            .description()
            .map(str::to_owned)
            .or_else(|| raw("description")),
    );
    push(
        "Flavor",
        metadata
            .flavor_name()
            .map(str::to_owned)
            .or_else(|| raw("flavor_name")),
    );
    push(
        "Image",
        metadata
            .image_name()
            .map(str::to_owned)
            .or_else(|| raw("image_name")),
    );
    push("Minimum RAM", size("min_ram", metadata.min_ram()));
    push("Minimum disk", size("min_disk", metadata.min_disk()));
    push("Size", size("size", metadata.size()));
    push(
        "Key name",
        metadata
            .key_name()
            .map(str::to_owned)
            .or_else(|| raw("key_name")),
    );
    push(
        "Key fingerprint",
        metadata
            .key_fingerprint()
            .map(str::to_owned)
            .or_else(|| raw("key_fingerprint")),
    );
    push(
        "User data",
        metadata
            .user_data()
            .map(str::to_owned)
            .or_else(|| raw("user_data")),
    );
    for (key, value) in metadata.other() {
        push(key, Some(value.display()));
    }
    rows
}

/// A firewall rule in words, one part per column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleText {
    /// "Inbound" or "Outbound" (or what the server sent).
    pub direction: String,
    /// "IPv4" / "IPv6".
    pub ether_type: String,
    /// "TCP", "UDP", "ICMP", or "Any".
    pub protocol: String,
    /// "22", "1–65535", "Any", or ICMP "type 8 code 0".
    pub ports: String,
    /// The CIDR, "group web", or "Any".
    pub remote: String,
}

impl RuleText {
    /// The rule as one phrase: "TCP 22 from 0.0.0.0/0" (inbound) or "… to …" (outbound).
    pub fn summary(&self) -> String {
        let dir = if self.direction == "Outbound" {
            "to"
        } else {
            "from"
        };
        format!("{} {} {dir} {}", self.protocol, self.ports, self.remote)
    }
}

/// Describes a security group rule for people.
pub fn rule_text(rule: &SecurityGroupRule) -> RuleText {
    let direction = match rule.direction.as_deref().map(str::trim) {
        Some(d) if d.eq_ignore_ascii_case("ingress") => "Inbound".to_owned(),
        Some(d) if d.eq_ignore_ascii_case("egress") => "Outbound".to_owned(),
        Some(d) if !d.is_empty() => d.to_owned(),
        _ => "Inbound".to_owned(),
    };
    let protocol_raw = rule.protocol.as_deref().map(str::trim).unwrap_or("");
    let protocol = if protocol_raw.is_empty() || protocol_raw.eq_ignore_ascii_case("any") {
        "Any".to_owned()
    } else {
        protocol_raw.to_ascii_uppercase()
    };
    let is_icmp = protocol.starts_with("ICMP");
    let ports = match (rule.from_port, rule.to_port) {
        _ if protocol == "Any" => "Any".to_owned(),
        (Some(from), Some(to)) if is_icmp => {
            if from < 0 {
                "Any".to_owned()
            } else if to < 0 {
                format!("type {from}")
            } else {
                format!("type {from} code {to}")
            }
        }
        (Some(from), Some(_)) if from < 0 => "Any".to_owned(),
        // One port is one number: "80", not "80–80".
        (Some(from), Some(to)) if from == to => from.to_string(),
        (Some(from), Some(to)) => format!("{from}–{to}"),
        (Some(p), None) | (None, Some(p)) if p >= 0 => p.to_string(),
        _ => "Any".to_owned(),
    };
    let remote = match (
        rule.cidr
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty()),
        rule.remote_group_name
            .as_deref()
            .or(rule.remote_group_uuid.as_deref())
            .map(str::trim)
            .filter(|g| !g.is_empty()),
    ) {
        (Some(cidr), _) => cidr.to_owned(),
        (None, Some(group)) => format!("group {group}"),
        (None, None) if rule.remote_group.is_some() => "a security group".to_owned(),
        (None, None) => "Any".to_owned(),
    };
    RuleText {
        direction,
        ether_type: rule.ethertype.clone().unwrap_or_else(|| "IPv4".into()),
        protocol,
        ports,
        remote,
    }
}

/// Restorations newest first; ones without a readable date go last, in server order.
pub fn restorations_newest_first(restorations: &[BackupRestoration]) -> Vec<BackupRestoration> {
    let mut items: Vec<(Option<f64>, usize, BackupRestoration)> = restorations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r.created
                    .as_deref()
                    .and_then(crate::state::parse_timestamp_ms),
                i,
                r.clone(),
            )
        })
        .collect();
    items.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    items.into_iter().map(|(_, _, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(json: &str) -> BackupMetadata {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(size_text(512), "512 MiB");
        assert_eq!(size_text(1536), "1.5 GiB");
        assert_eq!(size_text(20480), "20 GiB");
        assert_eq!(size_text(0), "0 MiB");
    }

    #[test]
    fn metadata_known_keys_first_then_the_rest() {
        let m = meta(
            r#"{"flavor_name":"m1.small","image_name":"Ubuntu","min_ram":"2048","min_disk":10240,
                "size":1536,"key_name":"ops","zz_custom":"yes","a_list":[1,2],"nested":{"k":"v"}}"#,
        );
        let rows = metadata_rows(&m);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Flavor",
                "Image",
                "Minimum RAM",
                "Minimum disk",
                "Size",
                "Key name",
                "a_list",
                "nested",
                "zz_custom"
            ]
        );
        assert_eq!(rows[2].value, "2 GiB");
        assert_eq!(rows[3].value, "10 GiB");
        assert_eq!(rows[4].value, "1.5 GiB");
        assert_eq!(rows[6].value, "1, 2");
        assert_eq!(rows[7].value, "k: v");
        assert!(metadata_rows(&BackupMetadata::default()).is_empty());
    }

    #[test]
    fn unreadable_sizes_are_shown_as_sent() {
        let rows = metadata_rows(&meta(r#"{"size":"huge","min_ram":null}"#));
        assert_eq!(
            rows,
            vec![MetadataRow {
                label: "Size".into(),
                value: "huge".into()
            }]
        );
    }

    fn rule(
        dir: &str,
        proto: Option<&str>,
        from: Option<i64>,
        to: Option<i64>,
        cidr: Option<&str>,
    ) -> SecurityGroupRule {
        SecurityGroupRule {
            direction: Some(dir.into()),
            ethertype: Some("IPv4".into()),
            protocol: proto.map(Into::into),
            from_port: from,
            to_port: to,
            cidr: cidr.map(Into::into),
            ..SecurityGroupRule::default()
        }
    }

    #[test]
    fn rules_read_as_phrases() {
        let cases = [
            (
                rule(
                    "ingress",
                    Some("tcp"),
                    Some(22),
                    Some(22),
                    Some("0.0.0.0/0"),
                ),
                "TCP 22 from 0.0.0.0/0",
            ),
            (rule("egress", None, None, None, None), "Any Any to Any"),
            (
                rule(
                    "ingress",
                    Some("udp"),
                    Some(1),
                    Some(65535),
                    Some("10.0.0.0/8"),
                ),
                "UDP 1–65535 from 10.0.0.0/8",
            ),
            (
                rule(
                    "ingress",
                    Some("icmp"),
                    Some(-1),
                    Some(-1),
                    Some("0.0.0.0/0"),
                ),
                "ICMP Any from 0.0.0.0/0",
            ),
            (
                rule("ingress", Some("icmp"), Some(8), Some(0), None),
                "ICMP type 8 code 0 from Any",
            ),
            (
                rule("ingress", Some("tcp"), Some(80), Some(443), None),
                "TCP 80–443 from Any",
            ),
            (
                rule("ingress", Some("tcp"), Some(80), Some(80), None),
                "TCP 80 from Any",
            ),
            (
                rule("ingress", Some("tcp"), Some(8080), None, None),
                "TCP 8080 from Any",
            ),
        ];
        for (r, want) in cases {
            assert_eq!(rule_text(&r).summary(), want, "{r:?}");
        }
        let mut g = rule("ingress", Some("tcp"), Some(5432), Some(5432), None);
        g.remote_group_name = Some("web".into());
        let t = rule_text(&g);
        assert_eq!(t.remote, "group web");
        assert_eq!(t.direction, "Inbound");
        assert_eq!(t.ether_type, "IPv4");
    }

    #[test]
    fn restorations_newest_first_undated_last() {
        let r = |uuid: &str, created: Option<&str>| BackupRestoration {
            uuid: uuid.into(),
            created: created.map(Into::into),
            ..BackupRestoration::default()
        };
        let list = [
            r("old", Some("2026-01-01T00:00:00Z")),
            r("none", None),
            r("new", Some("2026-03-01T00:00:00+00:00")),
            r("mid", Some("2026-02-01T00:00:00Z")),
        ];
        let order: Vec<String> = restorations_newest_first(&list)
            .into_iter()
            .map(|r| r.uuid)
            .collect();
        assert_eq!(order, ["new", "mid", "old", "none"]);
    }
}
