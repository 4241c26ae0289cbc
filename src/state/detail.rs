//! What the detail drawer shows, decided without a DOM: metadata rows, firewall rules in words,
//! restorations in order, and how often to refresh a backup that is still changing.

use crate::api::{BackupMetadata, BackupRestoration, JsonValue, SecurityGroupRule};
use crate::i18n::{Msg, Text};
use crate::state::format::size_in_units;

/// A size in MiB for people: `512 MiB`, `1.5 GiB` (`1,5 GiB` in German), `20 GiB`.
pub fn size_text(mib: u64) -> Text {
    let (value, unit) = size_in_units(mib as f64);
    let rounded = (value * 10.0).round() / 10.0;
    Text::new(Msg::SizeWithUnit)
        .arg("size", rounded)
        .arg("unit", unit.symbol())
}

/// One labelled value of the "captured at backup time" group.
#[derive(Clone, Debug, PartialEq)]
pub struct MetadataRow {
    /// What it is ("Flavor", or the raw key for unknown keys).
    pub label: Text,
    /// The value as text (data, or a size written for the language).
    pub value: Text,
}

/// The metadata as rows: the known keys first with readable labels and sizes, then every other
/// key as it came (sorted by key). Missing keys are left out.
pub fn metadata_rows(metadata: &BackupMetadata) -> Vec<MetadataRow> {
    let mut rows = Vec::new();
    let mut push = |label: Text, value: Option<Text>| {
        if let Some(value) = value {
            rows.push(MetadataRow { label, value });
        }
    };
    let text = |value: Option<String>| value.filter(|v| !v.trim().is_empty()).map(Text::verbatim);
    let raw = |key: &str| metadata.get(key).map(JsonValue::display);
    let size = |key: &str, n: Option<u64>| n.map(size_text).or_else(|| text(raw(key)));
    push(
        Msg::MetaInstanceName.into(),
        text(metadata.name().map(str::to_owned).or_else(|| raw("name"))),
    );
    push(
        Msg::MetaInstanceDescription.into(),
        text(
            metadata
                .description()
                .map(str::to_owned)
                .or_else(|| raw("description")),
        ),
    );
    push(
        Msg::MetaFlavor.into(),
        text(
            metadata
                .flavor_name()
                .map(str::to_owned)
                .or_else(|| raw("flavor_name")),
        ),
    );
    push(
        Msg::MetaImage.into(),
        text(
            metadata
                .image_name()
                .map(str::to_owned)
                .or_else(|| raw("image_name")),
        ),
    );
    push(Msg::MetaMinRam.into(), size("min_ram", metadata.min_ram()));
    push(
        Msg::MetaMinDisk.into(),
        size("min_disk", metadata.min_disk()),
    );
    push(Msg::MetaSize.into(), size("size", metadata.size()));
    push(
        Msg::MetaKeyName.into(),
        text(
            metadata
                .key_name()
                .map(str::to_owned)
                .or_else(|| raw("key_name")),
        ),
    );
    push(
        Msg::MetaKeyFingerprint.into(),
        text(
            metadata
                .key_fingerprint()
                .map(str::to_owned)
                .or_else(|| raw("key_fingerprint")),
        ),
    );
    push(
        Msg::MetaUserData.into(),
        text(
            metadata
                .user_data()
                .map(str::to_owned)
                .or_else(|| raw("user_data")),
        ),
    );
    for (key, value) in metadata.other() {
        push(Text::verbatim(key), text(Some(value.display())));
    }
    rows
}

/// A firewall rule in words, one part per column.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleText {
    /// "Inbound" or "Outbound" (or what the server sent).
    pub direction: Text,
    /// "IPv4" / "IPv6".
    pub ether_type: String,
    /// "TCP", "UDP", "ICMP", or "Any".
    pub protocol: Text,
    /// "22", "1–65535", "Any", or ICMP "type 8 code 0".
    pub ports: Text,
    /// The CIDR, "group web", or "Any".
    pub remote: Text,
}

impl RuleText {
    /// The rule as one phrase: "TCP 22 from 0.0.0.0/0" (inbound) or "… to …" (outbound).
    pub fn summary(&self) -> Text {
        let msg = if self.direction.msg == Msg::RuleOutbound {
            Msg::RuleTo
        } else {
            Msg::RuleFrom
        };
        Text::new(msg)
            .arg("protocol", self.protocol.clone())
            .arg("ports", self.ports.clone())
            .arg("remote", self.remote.clone())
    }
}

/// Describes a security group rule for people.
pub fn rule_text(rule: &SecurityGroupRule) -> RuleText {
    let any = || Text::new(Msg::RuleAny);
    let direction = match rule.direction.as_deref().map(str::trim) {
        Some(d) if d.eq_ignore_ascii_case("ingress") => Text::new(Msg::RuleInbound),
        Some(d) if d.eq_ignore_ascii_case("egress") => Text::new(Msg::RuleOutbound),
        Some(d) if !d.is_empty() => Text::verbatim(d),
        _ => Text::new(Msg::RuleInbound),
    };
    let protocol_raw = rule.protocol.as_deref().map(str::trim).unwrap_or("");
    let any_protocol = protocol_raw.is_empty() || protocol_raw.eq_ignore_ascii_case("any");
    let protocol = protocol_raw.to_ascii_uppercase();
    let is_icmp = protocol.starts_with("ICMP");
    let range = |from: i64, to: i64| Text::verbatim(format!("{from}–{to}"));
    let ports = match (rule.from_port, rule.to_port) {
        _ if any_protocol => any(),
        (Some(from), Some(to)) if is_icmp => {
            if from < 0 {
                any()
            } else if to < 0 {
                Text::new(Msg::RuleIcmpType).arg("type", from.to_string())
            } else {
                Text::new(Msg::RuleIcmpTypeCode)
                    .arg("type", from.to_string())
                    .arg("code", to.to_string())
            }
        }
        (Some(from), Some(_)) if from < 0 => any(),
        // One port is one number: "80", not "80–80".
        (Some(from), Some(to)) if from == to => Text::verbatim(from.to_string()),
        (Some(from), Some(to)) => range(from, to),
        (Some(p), None) | (None, Some(p)) if p >= 0 => Text::verbatim(p.to_string()),
        _ => any(),
    };
    let protocol = if any_protocol {
        any()
    } else {
        Text::verbatim(protocol)
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
        (Some(cidr), _) => Text::verbatim(cidr),
        (None, Some(group)) => Text::new(Msg::RuleGroup).arg("group", group),
        (None, None) if rule.remote_group.is_some() => Text::new(Msg::RuleSomeGroup),
        (None, None) => any(),
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
        assert_eq!(size_text(512).english(), "512 MiB");
        assert_eq!(size_text(1536).english(), "1.5 GiB");
        assert_eq!(size_text(20480).english(), "20 GiB");
        assert_eq!(size_text(0).english(), "0 MiB");
        // The number goes to the widget as a number, so German writes "1,5 GiB".
        assert_eq!(
            size_text(1536).args,
            vec![
                ("size", crate::i18n::Arg::Number(1.5)),
                ("unit", crate::i18n::Arg::from("GiB"))
            ]
        );
    }

    #[test]
    fn metadata_known_keys_first_then_the_rest() {
        let m = meta(
            r#"{"flavor_name":"m1.small","image_name":"Ubuntu","min_ram":"2048","min_disk":10240,
                "size":1536,"key_name":"ops","zz_custom":"yes","a_list":[1,2],"nested":{"k":"v"}}"#,
        );
        let rows = metadata_rows(&m);
        let labels: Vec<String> = rows.iter().map(|r| r.label.english()).collect();
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
        assert_eq!(rows[2].value.english(), "2 GiB");
        assert_eq!(rows[3].value.english(), "10 GiB");
        assert_eq!(rows[4].value.english(), "1.5 GiB");
        assert_eq!(rows[6].value.english(), "1, 2");
        assert_eq!(rows[7].value.english(), "k: v");
        assert!(metadata_rows(&BackupMetadata::default()).is_empty());
    }

    #[test]
    fn unreadable_sizes_are_shown_as_sent() {
        let rows = metadata_rows(&meta(r#"{"size":"huge","min_ram":null}"#));
        assert_eq!(
            rows,
            vec![MetadataRow {
                label: Msg::MetaSize.into(),
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
            assert_eq!(rule_text(&r).summary().english(), want, "{r:?}");
        }
        let mut g = rule("ingress", Some("tcp"), Some(5432), Some(5432), None);
        g.remote_group_name = Some("web".into());
        let t = rule_text(&g);
        assert_eq!(t.remote, Text::new(Msg::RuleGroup).arg("group", "web"));
        assert_eq!(t.remote.english(), "group web");
        assert_eq!(t.direction.english(), "Inbound");
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
