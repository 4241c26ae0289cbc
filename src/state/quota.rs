//! What a restore needs of the tenant's quotas, against what is left: the restore dialog flags
//! a choice that would exceed one before sending (the server still decides).
//!
//! A restore creates one instance (`instances`, `vcpu`, `ram` of the flavor), one volume per
//! volume of the backed-up instance (`volumes`, `volumes_size`, `storage`, MiB) and, for each
//! network row that asks OpenStack for a new public address, one floating IP
//! (`floating_ip_count`; a free one that is chosen is already counted).

use super::restore::{human_mib, FloatingChoice, RestoreForm};
use crate::api::{Flavor, Quota};
use crate::i18n::{Arg, Msg, Text};

/// What a restore would add to the tenant's usage, per quota; `None` where it is not known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestoreNeeds {
    /// vCPUs of the chosen flavor.
    pub vcpu: Option<u64>,
    /// RAM of the chosen flavor, MiB.
    pub ram: Option<u64>,
    /// Volumes to create.
    pub volumes: Option<u64>,
    /// Their total size, MiB.
    pub storage: Option<u64>,
    /// New floating IPs.
    pub floating_ips: u64,
}

/// The needs of restoring with `flavor` and `form`, whose volumes have `volume_sizes` (MiB;
/// `None` when the backed-up instance could not be read).
pub fn restore_needs(
    flavor: Option<&Flavor>,
    volume_sizes: Option<&[u64]>,
    form: &RestoreForm,
) -> RestoreNeeds {
    RestoreNeeds {
        vcpu: flavor.and_then(|f| f.cores),
        ram: flavor.and_then(|f| f.ram),
        volumes: volume_sizes.map(|v| v.len() as u64),
        storage: volume_sizes.map(|v| v.iter().sum()),
        floating_ips: form
            .networks
            .iter()
            .filter(|r| r.subnet.is_some() && r.floating == FloatingChoice::Auto)
            .count() as u64,
    }
}

/// Which field of the dialog a quota's note belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotaField {
    /// The flavor (instances, vCPUs, RAM) and the volumes it boots from.
    Flavor,
    /// The networks (new floating IPs).
    Networks,
}

/// One quota against what a restore needs of it.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotaCheck {
    /// The quota's name in the API (`ram`, `vcpu`, …).
    pub name: &'static str,
    /// Where its note is shown.
    pub field: QuotaField,
    /// What the restore adds.
    pub need: u64,
    /// Current usage.
    pub usage: u64,
    /// The limit; `None` is unlimited.
    pub limit: Option<u64>,
}

impl QuotaCheck {
    /// True when the restore would take the usage past the limit.
    pub fn exceeded(&self) -> bool {
        self.limit.is_some_and(|l| self.usage + self.need > l)
    }

    /// What is left under the limit (`None`: unlimited).
    pub fn left(&self) -> Option<u64> {
        self.limit.map(|l| l.saturating_sub(self.usage))
    }

    /// The note a person reads: "RAM: needs 4 GiB, 2 GiB of 64 GiB left."
    pub fn text(&self) -> Text {
        let amount = |v: u64| -> Arg {
            match self.name {
                "ram" | "storage" | "volumes_size" => human_mib(v).into(),
                _ => v.into(),
            }
        };
        let what = match self.name {
            "instances" => Text::new(Msg::QuotaInstances),
            "vcpu" => Text::new(Msg::QuotaVcpus),
            "ram" => Text::new(Msg::QuotaRam),
            "volumes" => Text::new(Msg::QuotaVolumes),
            "volumes_size" => Text::new(Msg::QuotaVolumeStorage),
            "storage" => Text::new(Msg::QuotaStorage),
            "floating_ip_count" => Text::new(Msg::QuotaFloatingIps),
            other => Text::verbatim(other),
        };
        let text = match (self.left(), self.limit) {
            (Some(left), Some(limit)) => Text::new(if self.exceeded() {
                Msg::QuotaExceeded
            } else {
                Msg::QuotaWithin
            })
            .arg("left", amount(left))
            .arg("limit", amount(limit)),
            _ => Text::new(Msg::QuotaNoLimit),
        };
        text.arg("what", what).arg("need", amount(self.need))
    }
}

/// The tenant's `quotas` against `needs`, for the quotas a restore touches (in the order a
/// person reads them); a quota the tenant does not have, or a need not known, is left out.
pub fn check_quotas(quotas: &[Quota], needs: &RestoreNeeds) -> Vec<QuotaCheck> {
    let wanted: [(&'static str, QuotaField, Option<u64>); 7] = [
        ("instances", QuotaField::Flavor, Some(1)),
        ("vcpu", QuotaField::Flavor, needs.vcpu),
        ("ram", QuotaField::Flavor, needs.ram),
        ("volumes", QuotaField::Flavor, needs.volumes),
        ("volumes_size", QuotaField::Flavor, needs.storage),
        ("storage", QuotaField::Flavor, needs.storage),
        (
            "floating_ip_count",
            QuotaField::Networks,
            (needs.floating_ips > 0).then_some(needs.floating_ips),
        ),
    ];
    let whole = |v: f64| {
        if v.is_finite() && v > 0.0 {
            v as u64
        } else {
            0
        }
    };
    wanted
        .into_iter()
        .filter_map(|(name, field, need)| {
            let need = need?;
            let q = quotas.iter().find(|q| q.name == name)?;
            let limit = q.limit.filter(|l| *l >= 0.0).map(whole);
            Some(QuotaCheck {
                name,
                field,
                need,
                usage: q.usage.map(whole).unwrap_or(0),
                limit,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::restore::NetworkRow;

    fn quota(name: &str, usage: f64, limit: f64) -> Quota {
        Quota {
            name: name.into(),
            usage: Some(usage),
            limit: Some(limit),
        }
    }

    fn flavor(cores: u64, ram: u64) -> Flavor {
        serde_json::from_value(serde_json::json!({
            "url": "f", "uuid": "f", "name": "m1", "cores": cores, "ram": ram,
        }))
        .unwrap()
    }

    fn row(floating: FloatingChoice) -> NetworkRow {
        NetworkRow {
            key: 0,
            subnet: Some("s".into()),
            fixed_ip: String::new(),
            floating,
        }
    }

    #[test]
    fn needs_come_from_the_flavor_the_volumes_and_new_floating_ips() {
        let form = RestoreForm {
            networks: vec![
                row(FloatingChoice::Auto),
                row(FloatingChoice::Existing("fip".into())),
                row(FloatingChoice::None),
                NetworkRow {
                    subnet: None,
                    ..row(FloatingChoice::Auto)
                },
            ],
            ..RestoreForm::default()
        };
        let cases = [
            (
                Some(flavor(2, 4096)),
                Some(vec![10240, 20480]),
                RestoreNeeds {
                    vcpu: Some(2),
                    ram: Some(4096),
                    volumes: Some(2),
                    storage: Some(30720),
                    floating_ips: 1,
                },
            ),
            (
                None,
                None,
                RestoreNeeds {
                    floating_ips: 1,
                    ..RestoreNeeds::default()
                },
            ),
        ];
        for (f, sizes, want) in cases {
            assert_eq!(restore_needs(f.as_ref(), sizes.as_deref(), &form), want);
        }
    }

    #[test]
    fn each_quota_is_checked_against_what_is_left() {
        let quotas = [
            quota("instances", 9.0, 10.0),
            quota("vcpu", 18.0, 20.0),
            quota("ram", 60_000.0, 65_536.0),
            quota("volumes", 3.0, -1.0),
            quota("storage", 0.0, 1_048_576.0),
            quota("floating_ip_count", 10.0, 10.0),
            quota("snapshots", 1.0, 2.0),
        ];
        let needs = RestoreNeeds {
            vcpu: Some(4),
            ram: Some(4096),
            volumes: Some(1),
            storage: Some(20480),
            floating_ips: 1,
        };
        let checks = check_quotas(&quotas, &needs);
        let got: Vec<(&str, bool, Option<u64>)> = checks
            .iter()
            .map(|c| (c.name, c.exceeded(), c.left()))
            .collect();
        assert_eq!(
            got,
            [
                ("instances", false, Some(1)),
                ("vcpu", true, Some(2)),
                ("ram", false, Some(5536)),
                ("volumes", false, None),
                ("storage", false, Some(1_048_576)),
                ("floating_ip_count", true, Some(0)),
            ]
        );
        let texts: Vec<String> = checks.iter().map(|c| c.text().english()).collect();
        assert_eq!(
            texts,
            [
                "Instances: needs 1, 1 of 10 left.",
                "vCPUs: needs 4, only 2 of 20 left. The server will likely refuse this restore.",
                "RAM: needs 4 GiB, 5.4 GiB of 64 GiB left.",
                "Volumes: needs 1, no limit.",
                "Storage: needs 20 GiB, 1 TiB of 1 TiB left.",
                "Floating IPs: needs 1, only 0 of 10 left. The server will likely refuse this restore.",
            ]
        );
        assert_eq!(checks[5].field, QuotaField::Networks);
        assert!(checks[..5].iter().all(|c| c.field == QuotaField::Flavor));
    }

    #[test]
    fn unknown_needs_and_missing_quotas_are_left_out() {
        let quotas = [
            quota("ram", 0.0, 100.0),
            quota("floating_ip_count", 0.0, 1.0),
        ];
        let checks = check_quotas(&quotas, &RestoreNeeds::default());
        assert!(checks.is_empty(), "{checks:?}");
        let partial = [Quota {
            name: "ram".into(),
            usage: None,
            limit: None,
        }];
        let needs = RestoreNeeds {
            ram: Some(512),
            ..RestoreNeeds::default()
        };
        let checks = check_quotas(&partial, &needs);
        assert_eq!(checks.len(), 1);
        assert!(!checks[0].exceeded(), "no limit given is no limit");
    }
}
