//! The restore form: its defaults from a backup, what makes it invalid (with the reason), the
//! summary a person reads before submitting, the exact request body, and where each of the
//! server's 400 messages belongs. Pure: no DOM, no HTTP.

use std::net::Ipv4Addr;

use crate::api::{
    ApiError, Backup, FixedIp, Flavor, FloatingIp, FloatingIpRequest, PortRequest, RestoreRequest,
    SecurityGroup, SecurityGroupRef, Subnet,
};
use crate::i18n::{Msg, Text};

/// Longest new-instance name the dialog accepts.
pub const MAX_NAME_CHARS: usize = 150;

/// More flavors than this and the picker shows a search box.
pub const FLAVOR_SEARCH_THRESHOLD: usize = 20;

/// The fields the dialog asks for when listing flavors (`field=` keeps the answer small).
pub const FLAVOR_FIELDS: [&str; 6] = ["url", "uuid", "name", "cores", "ram", "disk"];
/// The subnet fields the dialog shows or sends.
pub const SUBNET_FIELDS: [&str; 6] = ["url", "uuid", "name", "cidr", "is_connected", "backend_id"];
/// The security group fields the dialog shows.
pub const SECURITY_GROUP_FIELDS: [&str; 4] = ["url", "uuid", "name", "description"];
/// The floating IP fields the dialog shows.
pub const FLOATING_IP_FIELDS: [&str; 3] = ["url", "uuid", "address"];

/// The tenant's objects a restore can use, as loaded by the dialog.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    /// Flavors of the backup's tenant.
    pub flavors: Vec<Flavor>,
    /// Subnets of the tenant.
    pub subnets: Vec<Subnet>,
    /// Security groups of the tenant.
    pub security_groups: Vec<SecurityGroup>,
    /// Unattached floating IPs of the tenant.
    pub floating_ips: Vec<FloatingIp>,
}

impl Choices {
    /// The flavor with this URL.
    pub fn flavor(&self, url: &str) -> Option<&Flavor> {
        self.flavors.iter().find(|f| f.url == url)
    }
    /// The subnet with this URL.
    pub fn subnet(&self, url: &str) -> Option<&Subnet> {
        self.subnets.iter().find(|s| s.url == url)
    }
    /// The free floating IP with this URL.
    pub fn floating_ip(&self, url: &str) -> Option<&FloatingIp> {
        self.floating_ips.iter().find(|f| f.url == url)
    }
    /// The security group with this URL.
    pub fn security_group(&self, url: &str) -> Option<&SecurityGroup> {
        self.security_groups.iter().find(|g| g.url == url)
    }
}

/// What a network row does about a public address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FloatingChoice {
    /// No floating IP.
    #[default]
    None,
    /// Let OpenStack allocate a new one.
    Auto,
    /// Use this free floating IP (its URL).
    Existing(String),
}

impl FloatingChoice {
    /// The value of the choice in a `<select>`: `none`, `auto` or the floating IP's URL.
    pub fn to_value(&self) -> String {
        match self {
            FloatingChoice::None => "none".into(),
            FloatingChoice::Auto => "auto".into(),
            FloatingChoice::Existing(url) => url.clone(),
        }
    }
    /// The choice a `<select>` value stands for.
    pub fn from_value(value: &str) -> Self {
        match value {
            "" | "none" => FloatingChoice::None,
            "auto" => FloatingChoice::Auto,
            url => FloatingChoice::Existing(url.to_owned()),
        }
    }
}

/// One network of the new instance: a subnet, an optional fixed IP and a floating IP choice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NetworkRow {
    /// Stable identity of the row (for keyed lists and element ids).
    pub key: u32,
    /// URL of the chosen subnet.
    pub subnet: Option<String>,
    /// The fixed IPv4 address typed by the user; empty lets OpenStack pick one.
    pub fixed_ip: String,
    /// Floating IP choice.
    pub floating: FloatingChoice,
}

/// Everything the user chose in the restore dialog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestoreForm {
    /// New instance name; empty reuses the source instance's name.
    pub name: String,
    /// URL of the chosen flavor.
    pub flavor: Option<String>,
    /// URLs of the chosen security groups, in the tenant list's order.
    pub security_groups: Vec<String>,
    /// Network rows, in order.
    pub networks: Vec<NetworkRow>,
    /// Key of the next added row.
    pub next_key: u32,
}

impl RestoreForm {
    /// The form as it opens: the backup's flavor, the source instance's security groups and one
    /// row per source port on its subnet (only what exists in the tenant's lists).
    pub fn from_backup(backup: &Backup, choices: &Choices) -> Self {
        let flavor = default_flavor(backup, choices).chosen;
        let source_groups = backup.instance_security_groups.items();
        let security_groups = choices
            .security_groups
            .iter()
            .filter(|g| {
                source_groups.iter().any(|s| {
                    (!s.url.is_empty() && s.url == g.url) || (s.url.is_empty() && s.name == g.name)
                })
            })
            .map(|g| g.url.clone())
            .collect();
        let mut form = RestoreForm {
            flavor,
            security_groups,
            ..Default::default()
        };
        for port in &backup.instance_ports.items() {
            let subnet = choices
                .subnets
                .iter()
                .find(|s| {
                    port.subnet.as_deref() == Some(s.url.as_str())
                        || port.subnet_uuid.as_deref() == Some(s.uuid.as_str())
                })
                .map(|s| s.url.clone());
            if subnet.is_some() && form.networks.iter().any(|r| r.subnet == subnet) {
                continue;
            }
            form.push_row(subnet);
        }
        form
    }

    /// Adds a row, on the first subnet no other row uses.
    pub fn add_row(&mut self, choices: &Choices) {
        let free = choices
            .subnets
            .iter()
            .find(|s| {
                !self
                    .networks
                    .iter()
                    .any(|r| r.subnet.as_deref() == Some(&s.url))
            })
            .map(|s| s.url.clone());
        self.push_row(free);
    }

    fn push_row(&mut self, subnet: Option<String>) {
        self.networks.push(NetworkRow {
            key: self.next_key,
            subnet,
            ..Default::default()
        });
        self.next_key += 1;
    }

    /// Removes the row with this key.
    pub fn remove_row(&mut self, key: u32) {
        self.networks.retain(|r| r.key != key);
    }

    /// The row with this key, to change it.
    pub fn row_mut(&mut self, key: u32) -> Option<&mut NetworkRow> {
        self.networks.iter_mut().find(|r| r.key == key)
    }

    /// Chooses a subnet for a row; a floating IP the new subnet cannot have is dropped.
    pub fn set_subnet(&mut self, key: u32, subnet: Option<String>, choices: &Choices) {
        if let Some(row) = self.row_mut(key) {
            row.subnet = subnet;
            let connected = row
                .subnet
                .as_deref()
                .and_then(|u| choices.subnet(u))
                .is_some_and(|s| s.is_connected.unwrap_or(false));
            if !connected {
                row.floating = FloatingChoice::None;
            }
        }
    }

    /// Turns a security group on or off.
    pub fn toggle_security_group(&mut self, url: &str, on: bool) {
        self.security_groups.retain(|u| u != url);
        if on {
            self.security_groups.push(url.to_owned());
        }
    }
}

/// The flavor the restore form starts with, and why, when it is not the backup's own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlavorDefault {
    /// URL of the preselected flavor (`None`: the user chooses).
    pub chosen: Option<String>,
    /// Why the backup's own flavor is not the one chosen (it is too small for the image).
    pub note: Option<Text>,
}

/// The backup's own flavor (named in its metadata) when the tenant has it and it fits the
/// image's `min_ram`/`min_disk`; else the smallest flavor that fits, saying why; when none
/// fits, the backup's own with a note; when the tenant does not have it, none.
pub fn default_flavor(backup: &Backup, choices: &Choices) -> FlavorDefault {
    let Some(own) = backup
        .metadata
        .flavor_name()
        .and_then(|name| choices.flavors.iter().find(|f| f.name == name))
    else {
        return FlavorDefault::default();
    };
    let Some(reason) = flavor_shortfalls(own, backup) else {
        return FlavorDefault {
            chosen: Some(own.url.clone()),
            note: None,
        };
    };
    let smallest = choices
        .flavors
        .iter()
        .filter(|f| flavor_shortfalls(f, backup).is_none())
        .min_by_key(|f| {
            (
                f.ram.unwrap_or(0),
                f.disk.unwrap_or(0),
                f.cores.unwrap_or(0),
            )
        });
    match smallest {
        Some(fits) => FlavorDefault {
            chosen: Some(fits.url.clone()),
            note: Some(
                Text::new(Msg::FlavorChosenSmallest)
                    .arg("chosen", fits.name.as_str())
                    .arg("own", own.name.as_str())
                    .arg("reason", reason),
            ),
        },
        None => FlavorDefault {
            chosen: Some(own.url.clone()),
            note: Some(
                Text::new(Msg::FlavorNoneFits)
                    .arg("own", own.name.as_str())
                    .arg("reason", reason),
            ),
        },
    }
}

/// A flavor as a person reads it: `m1.small — 1 vCPU, 2 GiB RAM, 20 GiB disk`.
pub fn flavor_label(f: &Flavor) -> Text {
    Text::new(Msg::FlavorLabel)
        .arg("name", f.name.as_str())
        .arg("sizes", flavor_sizes(f))
}

/// The sizes of a flavor: `1 vCPU, 2 GiB RAM, 20 GiB disk`.
pub fn flavor_sizes(f: &Flavor) -> Text {
    let mut parts = Vec::new();
    if let Some(c) = f.cores {
        parts.push(Text::new(Msg::FlavorCores).arg("count", c));
    }
    if let Some(r) = f.ram {
        parts.push(Text::new(Msg::FlavorRam).arg("size", human_mib(r)));
    }
    if let Some(d) = f.disk {
        parts.push(Text::new(Msg::FlavorDisk).arg("size", human_mib(d)));
    }
    join(Msg::CommaList, parts).unwrap_or_else(|| Text::verbatim(""))
}

/// Texts joined in order by a two-part `list` message (`{first}, {second}`).
fn join(list: Msg, parts: Vec<Text>) -> Option<Text> {
    let mut parts = parts.into_iter().rev();
    let last = parts.next()?;
    Some(parts.fold(last, |after, first| {
        Text::new(list).arg("first", first).arg("second", after)
    }))
}

/// A size in MiB in the largest sensible unit (`512 MiB`, `2 GiB`, `1.5 GiB`; the number
/// written for the language).
pub fn human_mib(mib: u64) -> Text {
    crate::state::size_text(mib)
}

/// Why a flavor is too small for the backup's image (`metadata.min_ram` / `min_disk`, MiB), if it is.
fn flavor_shortfalls(flavor: &Flavor, backup: &Backup) -> Option<Text> {
    let mut reasons = Vec::new();
    let mut check = |msg: Msg, need: Option<u64>, has: Option<u64>| {
        if let (Some(need), Some(has)) = (need, has) {
            if has < need {
                reasons.push(
                    Text::new(msg)
                        .arg("has", human_mib(has))
                        .arg("need", human_mib(need)),
                );
            }
        }
    };
    check(Msg::TooLittleRam, backup.metadata.min_ram(), flavor.ram);
    check(Msg::TooLittleDisk, backup.metadata.min_disk(), flavor.disk);
    join(Msg::SemicolonList, reasons)
}

/// Why `flavor` is too small for the backup's image ("Too small: 512 MiB RAM, …."), if it is.
pub fn flavor_too_small(flavor: &Flavor, backup: &Backup) -> Option<Text> {
    flavor_shortfalls(flavor, backup).map(|r| Text::new(Msg::FlavorTooSmall).arg("reasons", r))
}

/// The flavors whose name or sizes contain `query` (ignoring ASCII case); all of them for an empty query.
pub fn search_flavors<'a>(flavors: &'a [Flavor], query: &str) -> Vec<&'a Flavor> {
    let q = query.trim().to_ascii_lowercase();
    flavors
        .iter()
        .filter(|f| q.is_empty() || flavor_label(f).english().to_ascii_lowercase().contains(&q))
        .collect()
}

/// A subnet as a person reads it: `private (10.0.0.0/24)`.
pub fn subnet_label(s: &Subnet) -> String {
    match s.cidr.as_deref().filter(|c| !c.is_empty()) {
        Some(cidr) => format!("{} ({cidr})", s.name),
        None => s.name.clone(),
    }
}

/// A strict dotted-quad IPv4 address (`10.0.0.5`; no leading zeros, no shorthand).
pub fn parse_ipv4(text: &str) -> Option<Ipv4Addr> {
    text.trim().parse().ok()
}

/// An IPv4 range `a.b.c.d/n`.
pub fn parse_cidr(text: &str) -> Option<(Ipv4Addr, u8)> {
    let (addr, len) = text.trim().split_once('/')?;
    let len: u8 = len.parse().ok()?;
    (len <= 32).then_some(())?;
    Some((parse_ipv4(addr)?, len))
}

/// Whether `ip` lies inside the IPv4 range `cidr`.
pub fn ipv4_in_cidr(ip: Ipv4Addr, cidr: &str) -> bool {
    let Some((net, len)) = parse_cidr(cidr) else {
        return false;
    };
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    (u32::from(ip) & mask) == (u32::from(net) & mask)
}

/// Why a subnet cannot have a floating IP, if it cannot.
pub fn floating_ip_unavailable(subnet: Option<&Subnet>) -> Option<Text> {
    match subnet {
        None => Some(Text::new(Msg::ChooseSubnetFirst)),
        Some(s) if !s.is_connected.unwrap_or(false) => {
            Some(Text::new(Msg::SubnetWithoutRouter).arg("subnet", s.name.as_str()))
        }
        Some(_) => None,
    }
}

/// Which row (by position, counting from 1) other than `key` already uses this subnet.
pub fn subnet_used_elsewhere(form: &RestoreForm, key: u32, subnet_url: &str) -> Option<usize> {
    form.networks
        .iter()
        .position(|r| r.key != key && r.subnet.as_deref() == Some(subnet_url))
        .map(|i| i + 1)
}

/// Which row (by position, counting from 1) other than `key` already uses this floating IP.
pub fn floating_ip_used_elsewhere(form: &RestoreForm, key: u32, fip_url: &str) -> Option<usize> {
    form.networks
        .iter()
        .position(|r| {
            r.key != key && matches!(&r.floating, FloatingChoice::Existing(u) if u == fip_url)
        })
        .map(|i| i + 1)
}

/// What is wrong with one network row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowIssues {
    /// About the subnet.
    pub subnet: Option<Text>,
    /// About the fixed IP.
    pub fixed_ip: Option<Text>,
    /// About the floating IP.
    pub floating: Option<Text>,
}

impl RowIssues {
    /// True when the row is fine.
    pub fn is_empty(&self) -> bool {
        self.subnet.is_none() && self.fixed_ip.is_none() && self.floating.is_none()
    }
}

/// What keeps the form from being sent, field by field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormIssues {
    /// About the name.
    pub name: Option<Text>,
    /// About the flavor.
    pub flavor: Option<Text>,
    /// One entry per network row, in order.
    pub rows: Vec<RowIssues>,
}

impl FormIssues {
    /// True when the form can be sent.
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.flavor.is_none() && self.rows.iter().all(RowIssues::is_empty)
    }
}

/// Checks the form against the loaded lists; a flavor that is too small is a warning, not an issue.
pub fn validate(form: &RestoreForm, choices: &Choices) -> FormIssues {
    let len = form.name.trim().chars().count();
    let name = (len > MAX_NAME_CHARS).then(|| {
        Text::new(Msg::TooLong)
            .arg("max", MAX_NAME_CHARS)
            .arg("count", len)
    });
    let flavor = match form.flavor.as_deref() {
        None => Some(Text::new(Msg::ChooseFlavor)),
        Some(u) if choices.flavor(u).is_none() => Some(Text::new(Msg::FlavorUnavailable)),
        Some(_) => None,
    };
    let rows = form
        .networks
        .iter()
        .map(|row| {
            let subnet = row.subnet.as_deref().and_then(|u| choices.subnet(u));
            let mut issues = RowIssues::default();
            match (&row.subnet, subnet) {
                (None, _) => issues.subnet = Some(Text::new(Msg::ChooseSubnet)),
                (Some(_), None) => issues.subnet = Some(Text::new(Msg::SubnetUnavailable)),
                (Some(u), Some(s)) => {
                    if let Some(other) = subnet_used_elsewhere(form, row.key, u) {
                        issues.subnet = Some(
                            Text::new(Msg::SubnetUsedElsewhere)
                                .arg("subnet", s.name.as_str())
                                .arg("network", other),
                        );
                    }
                }
            }
            let ip = row.fixed_ip.trim();
            if !ip.is_empty() {
                issues.fixed_ip = match (parse_ipv4(ip), subnet.and_then(|s| s.cidr.as_deref())) {
                    (None, _) => Some(Text::new(Msg::EnterIpv4)),
                    (Some(addr), Some(cidr)) if !ipv4_in_cidr(addr, cidr) => Some(
                        Text::new(Msg::IpOutsideSubnet)
                            .arg("address", addr.to_string())
                            .arg("cidr", cidr),
                    ),
                    _ => None,
                };
            }
            if row.floating != FloatingChoice::None {
                issues.floating = floating_ip_unavailable(subnet);
                if issues.floating.is_none() {
                    if let FloatingChoice::Existing(u) = &row.floating {
                        let address = choices
                            .floating_ip(u)
                            .and_then(|f| f.address.clone())
                            .unwrap_or_default();
                        issues.floating = if choices.floating_ip(u).is_none() {
                            Some(Text::new(Msg::FloatingIpTaken))
                        } else {
                            floating_ip_used_elsewhere(form, row.key, u).map(|other| {
                                Text::new(Msg::FloatingIpUsedElsewhere)
                                    .arg("address", address.as_str())
                                    .arg("network", other)
                            })
                        };
                    }
                }
            }
            issues
        })
        .collect();
    FormIssues { name, flavor, rows }
}

/// The request body for a valid form (see CONTRACT.md): `None` while the form has issues.
pub fn build_request(form: &RestoreForm, choices: &Choices) -> Option<RestoreRequest> {
    if !validate(form, choices).is_empty() {
        return None;
    }
    let name = form.name.trim();
    let mut ports = Vec::new();
    let mut floating_ips = Vec::new();
    for row in &form.networks {
        let subnet = choices.subnet(row.subnet.as_deref()?)?;
        let mut port = PortRequest::on_subnet(subnet.url.clone());
        if let Some(ip) = parse_ipv4(&row.fixed_ip) {
            port.fixed_ips = Some(vec![FixedIp {
                ip_address: ip.to_string(),
                // "ID of the subnet": OpenStack's ID, not Waldur's UUID.
                subnet_id: subnet
                    .backend_id
                    .clone()
                    .unwrap_or_else(|| subnet.uuid.clone()),
            }]);
        }
        ports.push(port);
        match &row.floating {
            FloatingChoice::None => {}
            FloatingChoice::Auto => floating_ips.push(FloatingIpRequest::auto(subnet.url.clone())),
            FloatingChoice::Existing(u) => {
                floating_ips.push(FloatingIpRequest::existing(subnet.url.clone(), u.clone()))
            }
        }
    }
    // Security groups in the tenant list's order, so the body does not depend on click order.
    let security_groups = choices
        .security_groups
        .iter()
        .filter(|g| form.security_groups.contains(&g.url))
        .map(|g| SecurityGroupRef { url: g.url.clone() })
        .collect();
    Some(RestoreRequest {
        flavor: form.flavor.clone()?,
        name: (!name.is_empty()).then(|| name.to_owned()),
        security_groups: Some(security_groups),
        ports: Some(ports),
        floating_ips: Some(floating_ips),
    })
}

/// The name the new instance will get: the typed one, else the source instance's.
pub fn effective_name(form: &RestoreForm, backup: &Backup) -> String {
    let typed = form.name.trim();
    if !typed.is_empty() {
        return typed.to_owned();
    }
    source_instance_name(backup)
}

/// The source instance's name, which the server uses when no name is given.
pub fn source_instance_name(backup: &Backup) -> String {
    backup
        .instance_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| backup.metadata.name().map(str::to_owned))
        .unwrap_or_default()
}

/// Sentences describing what the restore will create, in order.
pub fn summary(form: &RestoreForm, choices: &Choices, backup: &Backup) -> Vec<Text> {
    let mut lines = Vec::new();
    let name = effective_name(form, backup);
    let flavor = form.flavor.as_deref().and_then(|u| choices.flavor(u));
    lines.push(match flavor {
        Some(f) => Text::new(Msg::SummaryInstance)
            .arg("name", name)
            .arg("flavor", f.name.as_str())
            .arg("sizes", flavor_sizes(f)),
        None => Text::new(Msg::SummaryInstanceNoFlavor).arg("name", name),
    });
    lines.push(Text::new(Msg::SummaryVolumes));
    let groups: Vec<&str> = choices
        .security_groups
        .iter()
        .filter(|g| form.security_groups.contains(&g.url))
        .map(|g| g.name.as_str())
        .collect();
    lines.push(if groups.is_empty() {
        Text::new(Msg::SummaryNoSecurityGroups)
    } else {
        Text::new(Msg::SummarySecurityGroups).arg("groups", groups.join(", "))
    });
    if form.networks.is_empty() {
        lines.push(Text::new(Msg::SummaryNoNetworks));
    }
    for row in &form.networks {
        let Some(s) = row.subnet.as_deref().and_then(|u| choices.subnet(u)) else {
            continue;
        };
        let ip = match parse_ipv4(&row.fixed_ip) {
            Some(ip) => Text::new(Msg::SummaryFixedIp).arg("address", ip.to_string()),
            None => Text::new(Msg::SummaryAnyIp),
        };
        let fip = match &row.floating {
            FloatingChoice::None => Text::new(Msg::SummaryNoFloatingIp),
            FloatingChoice::Auto => Text::new(Msg::SummaryNewFloatingIp),
            FloatingChoice::Existing(u) => Text::new(Msg::SummaryFloatingIp).arg(
                "address",
                choices
                    .floating_ip(u)
                    .and_then(|f| f.address.clone())
                    .unwrap_or_default(),
            ),
        };
        lines.push(
            Text::new(Msg::SummaryNetwork)
                .arg("subnet", subnet_label(s))
                .arg("address", ip)
                .arg("floating", fip),
        );
    }
    lines
}

/// Server messages for one network row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowErrors {
    /// About the row's subnet.
    pub subnet: Vec<String>,
    /// About its fixed IP.
    pub fixed_ip: Vec<String>,
    /// About its floating IP.
    pub floating: Vec<String>,
}

/// A 400 answer sorted into the places of the form where the user can act on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerErrors {
    /// Non-field, quota and unknown-field messages, shown at the top.
    pub top: Vec<Text>,
    /// About the name.
    pub name: Vec<String>,
    /// About the flavor.
    pub flavor: Vec<String>,
    /// About the security groups as a whole (naming none of those sent).
    pub security_groups: Vec<String>,
    /// About one security group sent, by its URL.
    pub groups: Vec<(String, Vec<String>)>,
    /// About the networks as a whole (a port message naming no row).
    pub networks: Vec<String>,
    /// About floating IPs as a whole (naming no row).
    pub floating_ips: Vec<String>,
    /// Per network row, by position.
    pub rows: Vec<RowErrors>,
}

impl ServerErrors {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.top.is_empty()
            && self.name.is_empty()
            && self.flavor.is_empty()
            && self.security_groups.is_empty()
            && self.groups.iter().all(|(_, m)| m.is_empty())
            && self.networks.is_empty()
            && self.floating_ips.is_empty()
            && self
                .rows
                .iter()
                .all(|r| r.subnet.is_empty() && r.fixed_ip.is_empty() && r.floating.is_empty())
    }

    /// Messages for the row at this position.
    pub fn row(&self, index: usize) -> RowErrors {
        self.rows.get(index).cloned().unwrap_or_default()
    }

    /// Messages about the security group with this URL.
    pub fn group(&self, url: &str) -> Vec<String> {
        self.groups
            .iter()
            .filter(|(u, _)| u == url)
            .flat_map(|(_, m)| m.iter().cloned())
            .collect()
    }

    fn add_group(&mut self, url: &str, message: String) {
        match self.groups.iter_mut().find(|(u, _)| u == url) {
            Some((_, m)) => m.push(message),
            None => self.groups.push((url.to_owned(), vec![message])),
        }
    }

    /// Drops the messages about a part the user has just changed; true when any were dropped.
    pub fn forget(&mut self, part: FormPart) -> bool {
        fn take(v: &mut Vec<String>) -> bool {
            let had = !v.is_empty();
            v.clear();
            had
        }
        match part {
            FormPart::Name => take(&mut self.name),
            FormPart::Flavor => take(&mut self.flavor),
            FormPart::SecurityGroups => {
                let had = self.groups.iter().any(|(_, m)| !m.is_empty());
                self.groups.clear();
                take(&mut self.security_groups) | had
            }
            FormPart::Subnet(i) => {
                let a = take(&mut self.networks);
                let b = take(&mut self.floating_ips);
                let c = self
                    .rows
                    .get_mut(i)
                    .is_some_and(|r| take(&mut r.subnet) | take(&mut r.floating));
                a | b | c
            }
            FormPart::FixedIp(i) => self.rows.get_mut(i).is_some_and(|r| take(&mut r.fixed_ip)),
            FormPart::Floating(i) => {
                let b = take(&mut self.floating_ips);
                let c = self.rows.get_mut(i).is_some_and(|r| take(&mut r.floating));
                b | c
            }
            FormPart::Rows => {
                let a = take(&mut self.networks);
                let b = take(&mut self.floating_ips);
                let had = self.rows.iter().any(|r| {
                    !(r.subnet.is_empty() && r.fixed_ip.is_empty() && r.floating.is_empty())
                });
                self.rows.iter_mut().for_each(|r| *r = RowErrors::default());
                a | b | had
            }
        }
    }
}

/// A part of the form the user can change (to forget the server's old messages about it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormPart {
    /// The name.
    Name,
    /// The flavor.
    Flavor,
    /// The security groups.
    SecurityGroups,
    /// The subnet of the row at this position.
    Subnet(usize),
    /// The fixed IP of the row at this position.
    FixedIp(usize),
    /// The floating IP of the row at this position.
    Floating(usize),
    /// Rows were added or removed (positions moved).
    Rows,
}

/// Sorts a 400 answer to `request` (built from `form`) into the form's places.
///
/// Item errors (`ports[1].subnet`) go to their row; a plain message that names a row's subnet
/// or floating IP (`SubNet dmz is not connected to router.`) goes to that row too.
pub fn map_server_errors(error: &ApiError, form: &RestoreForm, choices: &Choices) -> ServerErrors {
    let mut out = ServerErrors {
        rows: vec![RowErrors::default(); form.networks.len()],
        ..Default::default()
    };
    let ApiError::BadRequest { fields, non_field } = error else {
        out.top.push(error.message());
        return out;
    };
    out.top.extend(non_field.iter().map(Text::verbatim));
    // Rows that send a floating IP entry, in request order.
    let fip_rows: Vec<usize> = form
        .networks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.floating != FloatingChoice::None)
        .map(|(i, _)| i)
        .collect();
    let subnet_name = |i: usize| {
        form.networks[i]
            .subnet
            .as_deref()
            .and_then(|u| choices.subnet(u))
            .map(|s| s.name.clone())
    };
    let fip_address = |i: usize| match &form.networks[i].floating {
        FloatingChoice::Existing(u) => choices.floating_ip(u).and_then(|f| f.address.clone()),
        _ => None,
    };
    let names_row =
        |msg: &str, name: &Option<String>| name.as_deref().is_some_and(|n| mentions(msg, n));
    // Groups in the order the request sent them (the tenant list's order).
    let sent_groups: Vec<&SecurityGroup> = choices
        .security_groups
        .iter()
        .filter(|g| form.security_groups.contains(&g.url))
        .collect();
    for (path, messages) in fields {
        let (field, index, rest) = split_path(path);
        for msg in messages {
            match field {
                "name" => out.name.push(msg.clone()),
                "flavor" => out.flavor.push(msg.clone()),
                // An item's errors (`security_groups[1].non_field_errors`) are about the group
                // sent there; a plain message may name one.
                "security_groups" => {
                    let group = index
                        .and_then(|j| sent_groups.get(j))
                        .or_else(|| sent_groups.iter().find(|g| mentions(msg, &g.name)));
                    match group {
                        Some(g) => out.add_group(&g.url, msg.clone()),
                        None => out.security_groups.push(msg.clone()),
                    }
                }
                "ports" => {
                    let row = index.filter(|&i| i < form.networks.len()).or_else(|| {
                        (0..form.networks.len()).find(|&i| names_row(msg, &subnet_name(i)))
                    });
                    match row {
                        Some(i) if rest.contains("fixed_ips") => {
                            out.rows[i].fixed_ip.push(msg.clone())
                        }
                        Some(i) => out.rows[i].subnet.push(msg.clone()),
                        None => out.networks.push(msg.clone()),
                    }
                }
                "floating_ips" => {
                    let row = index
                        .and_then(|j| fip_rows.get(j).copied())
                        .or_else(|| {
                            fip_rows
                                .iter()
                                .copied()
                                .find(|&i| names_row(msg, &fip_address(i)))
                        })
                        .or_else(|| {
                            fip_rows
                                .iter()
                                .copied()
                                .find(|&i| names_row(msg, &subnet_name(i)))
                        });
                    match row {
                        Some(i) => out.rows[i].floating.push(msg.clone()),
                        None => out.floating_ips.push(msg.clone()),
                    }
                }
                _ => out.top.push(Text::verbatim(format!("{path}: {msg}"))),
            }
        }
    }
    out
}

/// Whether `msg` names `name` as a word of its own: Waldur names subnets by name (`SubNet dmz
/// is not connected`) and floating IPs by their string form (`203.0.113.15:DOWN (…)`), so the
/// name must not run on into letters, digits, dots or dashes (`203.0.113.1` is not
/// `203.0.113.15`).
fn mentions(msg: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let joins = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_');
    msg.match_indices(name).any(|(at, _)| {
        let before = msg[..at].chars().next_back();
        let after = msg[at + name.len()..].chars().next();
        let ends_sentence = after == Some('.') && msg[at + name.len() + 1..].trim().is_empty();
        !before.is_some_and(joins) && (!after.is_some_and(joins) || ends_sentence)
    })
}

/// `ports[1].fixed_ips[0].ip_address` → (`ports`, Some(1), `.fixed_ips[0].ip_address`).
fn split_path(path: &str) -> (&str, Option<usize>, &str) {
    let end = path.find(['[', '.']).unwrap_or(path.len());
    let (field, rest) = path.split_at(end);
    if let Some(after) = rest.strip_prefix('[') {
        if let Some(close) = after.find(']') {
            return (field, after[..close].parse().ok(), &after[close + 1..]);
        }
    }
    (field, None, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{JsonValue, NestedPort, NestedSecurityGroup};

    fn flavor(name: &str, cores: u64, ram: u64, disk: u64) -> Flavor {
        Flavor {
            url: format!("http://w/api/openstack-flavors/{name}/"),
            uuid: name.into(),
            name: name.into(),
            cores: Some(cores),
            ram: Some(ram),
            disk: Some(disk),
            ..Default::default()
        }
    }

    fn subnet(name: &str, cidr: &str, connected: bool) -> Subnet {
        Subnet {
            url: format!("http://w/api/openstack-subnets/{name}/"),
            uuid: format!("uuid-{name}"),
            name: name.into(),
            cidr: Some(cidr.into()),
            is_connected: Some(connected),
            backend_id: Some(format!("backend-{name}")),
            ..Default::default()
        }
    }

    fn group(name: &str) -> SecurityGroup {
        SecurityGroup {
            url: format!("http://w/api/openstack-security-groups/{name}/"),
            name: name.into(),
            ..Default::default()
        }
    }

    fn fip(address: &str) -> FloatingIp {
        FloatingIp {
            url: format!("http://w/api/openstack-floating-ips/{address}/"),
            address: Some(address.into()),
            ..Default::default()
        }
    }

    fn choices() -> Choices {
        Choices {
            flavors: vec![
                flavor("m1.tiny", 1, 512, 1024),
                flavor("m1.small", 1, 2048, 20480),
                flavor("m1.medium", 2, 4096, 40960),
            ],
            subnets: vec![
                subnet("private", "10.0.0.0/24", true),
                subnet("dmz", "10.0.1.0/24", true),
                subnet("storage", "10.0.2.0/24", false),
            ],
            security_groups: vec![group("default"), group("web"), group("ssh")],
            floating_ips: vec![fip("203.0.113.12"), fip("203.0.113.13")],
        }
    }

    fn backup() -> Backup {
        let c = choices();
        let json = serde_json::json!({
            "uuid": "b1",
            "name": "web-02 nightly",
            "instance_name": "web-02",
            "metadata": {"flavor_name": "m1.small", "min_ram": 2048, "min_disk": 10240},
            "instance_security_groups": [
                {"url": c.security_groups[0].url, "name": "default"},
                {"url": c.security_groups[2].url, "name": "ssh"},
                {"url": "http://w/api/openstack-security-groups/gone/", "name": "gone"}
            ],
            "instance_ports": [
                {"subnet": c.subnets[0].url, "fixed_ips": [{"ip_address": "10.0.0.12", "subnet_id": "x"}]},
                {"subnet_uuid": "uuid-storage"}
            ]
        });
        serde_json::from_value(json).unwrap()
    }

    fn full_form() -> RestoreForm {
        let c = choices();
        let mut form = RestoreForm::from_backup(&backup(), &c);
        form.name = "  web-02 restored ".into();
        form.set_subnet(1, Some(c.subnets[1].url.clone()), &c);
        form.networks[0].fixed_ip = "10.0.0.42".into();
        form.networks[0].floating = FloatingChoice::Auto;
        form.networks[1].floating = FloatingChoice::Existing(c.floating_ips[1].url.clone());
        form
    }

    #[test]
    fn defaults_come_from_the_backup() {
        let c = choices();
        let form = RestoreForm::from_backup(&backup(), &c);
        assert_eq!(form.flavor.as_deref(), Some(c.flavors[1].url.as_str()));
        assert_eq!(
            form.security_groups,
            vec![
                c.security_groups[0].url.clone(),
                c.security_groups[2].url.clone()
            ]
        );
        let subnets: Vec<_> = form.networks.iter().map(|r| r.subnet.clone()).collect();
        assert_eq!(
            subnets,
            vec![
                Some(c.subnets[0].url.clone()),
                Some(c.subnets[2].url.clone())
            ]
        );
        assert!(form
            .networks
            .iter()
            .all(|r| r.fixed_ip.is_empty() && r.floating == FloatingChoice::None));
        assert_eq!(form.name, "");
        assert!(validate(&form, &c).is_empty());
    }

    #[test]
    fn an_unknown_flavor_name_leaves_the_flavor_to_choose() {
        let mut b = backup();
        b.metadata = Default::default();
        b.instance_ports = vec![NestedPort::default()].into();
        b.instance_security_groups = vec![NestedSecurityGroup::default()].into();
        let form = RestoreForm::from_backup(&b, &choices());
        assert_eq!(form.flavor, None);
        assert!(form.security_groups.is_empty());
        assert_eq!(form.networks.len(), 1);
        let issues = validate(&form, &choices());
        assert_eq!(
            issues.flavor.as_ref().map(Text::english).as_deref(),
            Some("Choose a flavor.")
        );
        assert_eq!(
            issues.rows[0].subnet.as_ref().map(Text::english).as_deref(),
            Some("Choose a subnet.")
        );
        assert_eq!(build_request(&form, &choices()), None);
    }

    #[test]
    fn the_full_form_builds_the_contract_body() {
        let c = choices();
        let body = serde_json::to_value(build_request(&full_form(), &c).unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "flavor": "http://w/api/openstack-flavors/m1.small/",
                "name": "web-02 restored",
                "security_groups": [
                    {"url": "http://w/api/openstack-security-groups/default/"},
                    {"url": "http://w/api/openstack-security-groups/ssh/"}
                ],
                "ports": [
                    {"subnet": "http://w/api/openstack-subnets/private/",
                     "fixed_ips": [{"ip_address": "10.0.0.42", "subnet_id": "backend-private"}]},
                    {"subnet": "http://w/api/openstack-subnets/dmz/"}
                ],
                "floating_ips": [
                    {"subnet": "http://w/api/openstack-subnets/private/"},
                    {"subnet": "http://w/api/openstack-subnets/dmz/",
                     "url": "http://w/api/openstack-floating-ips/203.0.113.13/"}
                ]
            })
        );
    }

    #[test]
    fn an_empty_name_is_left_out_and_the_source_name_is_used() {
        let c = choices();
        let mut form = full_form();
        form.name = "   ".into();
        let req = build_request(&form, &c).unwrap();
        assert_eq!(req.name, None);
        assert_eq!(effective_name(&form, &backup()), "web-02");
    }

    #[test]
    fn names_longer_than_150_characters_are_refused() {
        let c = choices();
        let mut form = full_form();
        form.name = "é".repeat(150);
        assert!(validate(&form, &c).is_empty());
        form.name = "é".repeat(151);
        assert_eq!(
            validate(&form, &c)
                .name
                .as_ref()
                .map(Text::english)
                .as_deref(),
            Some("Use at most 150 characters (now 151).")
        );
    }

    #[test]
    fn the_backups_flavor_is_preselected_only_when_it_fits() {
        let c = choices();
        let with_meta = |flavor: &str, min_ram: u64, min_disk: u64| {
            let mut b = backup();
            b.metadata = serde_json::from_value(serde_json::json!({
                "flavor_name": flavor, "min_ram": min_ram, "min_disk": min_disk
            }))
            .unwrap();
            b
        };
        let url = |i: usize| Some(c.flavors[i].url.clone());
        // Fits: its own, nothing to explain.
        let d = default_flavor(&with_meta("m1.small", 2048, 10240), &c);
        assert_eq!(
            d,
            FlavorDefault {
                chosen: url(1),
                note: None
            }
        );
        // Too small: the smallest that fits, and why.
        let d = default_flavor(&with_meta("m1.tiny", 1024, 10240), &c);
        assert_eq!(d.chosen, url(1));
        assert_eq!(
            d.note.as_ref().map(Text::english).as_deref(),
            Some("m1.small is chosen, the smallest flavor that fits: the backup's own flavor, m1.tiny, is too small (512 MiB RAM, the backup needs at least 1 GiB; 1 GiB disk, the backup needs at least 10 GiB).")
        );
        let d = default_flavor(&with_meta("m1.small", 3000, 0), &c);
        assert_eq!(d.chosen, url(2));
        // None fits: its own, saying so.
        let d = default_flavor(&with_meta("m1.small", 100_000, 0), &c);
        assert_eq!(d.chosen, url(1));
        assert!(d
            .note
            .unwrap()
            .english()
            .starts_with("No flavor of this tenant fits the backup"));
        // Not in the tenant: the user chooses.
        assert_eq!(
            default_flavor(&with_meta("m9.huge", 0, 0), &c),
            FlavorDefault::default()
        );
        let form = RestoreForm::from_backup(&with_meta("m1.tiny", 1024, 0), &c);
        assert_eq!(form.flavor, url(1));
    }

    #[test]
    fn names_are_found_as_words_of_their_own() {
        let cases = [
            ("SubNet dmz is not connected to router.", "dmz", true),
            ("SubNet dmz-2 is not connected to router.", "dmz", false),
            ("It is impossible to use subnet dmz.", "dmz", true),
            (
                "Floating IP 203.0.113.15:DOWN (alpha-prod (OpenStack tenant) (OpenStack)) is already booked",
                "203.0.113.15",
                true,
            ),
            (
                "Floating IP 203.0.113.15:DOWN (alpha-prod (OpenStack tenant) (OpenStack))",
                "203.0.113.1",
                false,
            ),
            ("Security group web does not belong", "web", true),
            ("Security group web-ssh does not belong", "web", false),
            ("anything", "", false),
        ];
        for (msg, name, want) in cases {
            assert_eq!(mentions(msg, name), want, "{name} in {msg}");
        }
    }

    #[test]
    fn small_flavors_are_marked_with_the_reason() {
        let c = choices();
        let b = backup();
        assert_eq!(
            flavor_too_small(&c.flavors[0], &b).as_ref().map(Text::english).as_deref(),
            Some("Too small: 512 MiB RAM, the backup needs at least 2 GiB; 1 GiB disk, the backup needs at least 10 GiB.")
        );
        assert_eq!(flavor_too_small(&c.flavors[1], &b), None);
        let mut no_meta = b.clone();
        no_meta.metadata = Default::default();
        assert_eq!(flavor_too_small(&c.flavors[0], &no_meta), None);
    }

    #[test]
    fn flavors_read_like_sizes() {
        assert_eq!(
            flavor_label(&flavor("m1.small", 1, 2048, 20480)).english(),
            "m1.small — 1 vCPU, 2 GiB RAM, 20 GiB disk"
        );
        assert_eq!(
            flavor_sizes(&flavor("x", 2, 1536, 512)).english(),
            "2 vCPUs, 1.5 GiB RAM, 512 MiB disk"
        );
    }

    #[test]
    fn flavor_search_matches_names_and_sizes() {
        let c = choices();
        let names = |q: &str| {
            search_flavors(&c.flavors, q)
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(""), vec!["m1.tiny", "m1.small", "m1.medium"]);
        assert_eq!(names("SMALL"), vec!["m1.small"]);
        assert_eq!(names("4 gib"), vec!["m1.medium"]);
    }

    #[test]
    fn ipv4_and_cidr() {
        let table = [
            ("10.0.0.5", "10.0.0.0/24", true),
            ("10.0.1.5", "10.0.0.0/24", false),
            ("10.0.0.255", "10.0.0.0/24", true),
            ("192.168.5.1", "192.168.0.0/16", true),
            ("1.2.3.4", "0.0.0.0/0", true),
            ("10.0.0.5", "10.0.0.5/32", true),
            ("10.0.0.6", "10.0.0.5/32", false),
        ];
        for (ip, cidr, inside) in table {
            assert_eq!(
                ipv4_in_cidr(parse_ipv4(ip).unwrap(), cidr),
                inside,
                "{ip} in {cidr}"
            );
        }
        for bad in [
            "",
            "10.0.0",
            "10.0.0.256",
            "a.b.c.d",
            "::1",
            "10.0.0.5/24",
            "010.0.0.1",
        ] {
            assert_eq!(parse_ipv4(bad), None, "{bad}");
        }
        assert_eq!(parse_cidr("10.0.0.0/33"), None);
        assert!(!ipv4_in_cidr(parse_ipv4("10.0.0.1").unwrap(), "nonsense"));
    }

    #[test]
    fn fixed_ips_must_be_ipv4_inside_the_subnet() {
        let c = choices();
        let mut form = full_form();
        form.networks[0].fixed_ip = "10.0.0".into();
        assert_eq!(
            validate(&form, &c).rows[0]
                .fixed_ip
                .as_ref()
                .map(Text::english)
                .as_deref(),
            Some("Enter an IPv4 address such as 10.0.0.15.")
        );
        form.networks[0].fixed_ip = "10.0.7.3".into();
        assert_eq!(
            validate(&form, &c).rows[0]
                .fixed_ip
                .as_ref()
                .map(Text::english)
                .as_deref(),
            Some("10.0.7.3 is not inside the subnet's range 10.0.0.0/24.")
        );
        form.networks[0].fixed_ip = " 10.0.0.3 ".into();
        assert!(validate(&form, &c).is_empty());
    }

    #[test]
    fn a_subnet_cannot_be_used_twice() {
        let c = choices();
        let mut form = full_form();
        let key = form.networks[1].key;
        assert_eq!(
            subnet_used_elsewhere(&form, key, &c.subnets[0].url),
            Some(1)
        );
        assert_eq!(subnet_used_elsewhere(&form, key, &c.subnets[2].url), None);
        form.set_subnet(key, Some(c.subnets[0].url.clone()), &c);
        let issues = validate(&form, &c);
        assert_eq!(
            issues.rows[0].subnet.as_ref().map(Text::english).as_deref(),
            Some("Subnet private is already used by network 2.")
        );
        assert_eq!(
            issues.rows[1].subnet.as_ref().map(Text::english).as_deref(),
            Some("Subnet private is already used by network 1.")
        );
    }

    #[test]
    fn added_rows_take_a_free_subnet_and_can_be_removed() {
        let c = choices();
        let mut form = full_form();
        form.add_row(&c);
        assert_eq!(
            form.networks[2].subnet.as_deref(),
            Some(c.subnets[2].url.as_str())
        );
        assert_eq!(form.networks[2].key, 2);
        form.add_row(&c);
        assert_eq!(form.networks[3].subnet, None);
        form.remove_row(2);
        form.remove_row(3);
        assert_eq!(form.networks.len(), 2);
    }

    #[test]
    fn floating_ips_need_a_connected_subnet() {
        let c = choices();
        assert_eq!(
            floating_ip_unavailable(Some(&c.subnets[2]))
                .as_ref()
                .map(Text::english)
                .as_deref(),
            Some("Subnet storage is not connected to a router, so it cannot have a floating IP.")
        );
        assert_eq!(floating_ip_unavailable(Some(&c.subnets[0])), None);
        let mut form = full_form();
        form.networks[1].floating = FloatingChoice::Auto;
        // Moving the row to an unconnected subnet drops its floating IP.
        form.set_subnet(1, Some(c.subnets[2].url.clone()), &c);
        assert_eq!(form.networks[1].floating, FloatingChoice::None);
        form.networks[1].floating = FloatingChoice::Auto;
        assert!(validate(&form, &c).rows[1]
            .floating
            .as_ref()
            .map(Text::english)
            .as_deref()
            .unwrap()
            .contains("not connected"));
    }

    #[test]
    fn a_specific_floating_ip_cannot_be_chosen_twice() {
        let c = choices();
        let mut form = full_form();
        form.networks[0].floating = form.networks[1].floating.clone();
        let issues = validate(&form, &c);
        assert_eq!(
            issues.rows[0]
                .floating
                .as_ref()
                .map(Text::english)
                .as_deref(),
            Some("Floating IP 203.0.113.13 is already chosen for network 2.")
        );
        assert_eq!(
            floating_ip_used_elsewhere(&form, 0, &c.floating_ips[1].url),
            Some(2)
        );
    }

    #[test]
    fn floating_choice_round_trips_through_select_values() {
        for choice in [
            FloatingChoice::None,
            FloatingChoice::Auto,
            FloatingChoice::Existing("http://w/f/1/".into()),
        ] {
            assert_eq!(FloatingChoice::from_value(&choice.to_value()), choice);
        }
    }

    #[test]
    fn summary_says_what_will_be_created() {
        let c = choices();
        assert_eq!(
            summary(&full_form(), &c, &backup())
                .iter()
                .map(Text::english)
                .collect::<Vec<_>>(),
            vec![
                "A new instance “web-02 restored” with flavor m1.small (1 vCPU, 2 GiB RAM, 20 GiB disk).",
                "Its volumes are created from the backup's snapshots; the backup itself is not changed.",
                "Security groups: default, ssh.",
                "Network private (10.0.0.0/24): fixed IP 10.0.0.42, a new floating IP.",
                "Network dmz (10.0.1.0/24): an address picked by OpenStack, floating IP 203.0.113.13.",
            ]
        );
    }

    fn bad_request(json: serde_json::Value) -> ApiError {
        let body: JsonValue = serde_json::from_value(json).unwrap();
        ApiError::from_response(400, Some(&body))
    }

    #[test]
    fn every_contract_message_lands_in_its_place() {
        let c = choices();
        let form = full_form();
        let place = |json: serde_json::Value| map_server_errors(&bad_request(json), &form, &c);

        let e = place(
            serde_json::json!({"non_field_errors": ["OpenStack instance should have bootable volume."]}),
        );
        assert_eq!(
            e.top.iter().map(Text::english).collect::<Vec<_>>(),
            vec!["OpenStack instance should have bootable volume."]
        );

        let e = place(serde_json::json!({"flavor": ["Flavor is not visible in tenant."]}));
        assert_eq!(e.flavor, vec!["Flavor is not visible in tenant."]);
        assert!(e.top.is_empty());

        let e = place(
            serde_json::json!({"security_groups": ["Security group web does not belong to the same tenant as instance."]}),
        );
        assert_eq!(e.security_groups.len(), 1);

        let e = place(
            serde_json::json!({"ports": ["Subnet dmz does not belong to the same tenant as instance."]}),
        );
        assert_eq!(
            e.rows[1].subnet,
            vec!["Subnet dmz does not belong to the same tenant as instance."]
        );

        let e = place(
            serde_json::json!({"ports": ["Subnet elsewhere does not belong to the same tenant as instance."]}),
        );
        assert_eq!(e.networks.len(), 1);

        let e = place(
            serde_json::json!({"non_field_errors": ["It is impossible to connect to subnet dmz twice."]}),
        );
        assert_eq!(e.top.len(), 1);

        let e = place(
            serde_json::json!({"floating_ips": ["SubNet private is not connected to router."]}),
        );
        assert_eq!(
            e.rows[0].floating,
            vec!["SubNet private is not connected to router."]
        );

        let e = place(
            serde_json::json!({"floating_ips": ["SubNet dmz is not connected to instance."]}),
        );
        assert_eq!(e.rows[1].floating.len(), 1);

        let e = place(
            serde_json::json!({"floating_ips": ["Floating IP 203.0.113.13 is already booked for another instance creation"]}),
        );
        assert_eq!(e.rows[1].floating.len(), 1);
        assert!(e.rows[0].floating.is_empty());

        // Waldur names floating IPs by their string form.
        let e = place(
            serde_json::json!({"floating_ips": ["Floating IP 203.0.113.13:DOWN (alpha-prod (OpenStack tenant) (OpenStack)) is already booked for another instance creation"]}),
        );
        assert_eq!(e.rows[1].floating.len(), 1);
        assert!(e.rows[0].floating.is_empty() && e.floating_ips.is_empty());

        let e = place(
            serde_json::json!({"floating_ips": ["Floating IP 203.0.113.99 does not belong to the same tenant as instance."]}),
        );
        assert_eq!(e.floating_ips.len(), 1);

        // A security group named in a plain message, or an item's own errors.
        let e = place(
            serde_json::json!({"security_groups": ["Security group ssh does not belong to the same tenant as instance."]}),
        );
        assert_eq!(e.group(&c.security_groups[2].url).len(), 1);
        assert!(e.security_groups.is_empty());
        let e = place(serde_json::json!({"security_groups": [
            {}, {"non_field_errors": ["Invalid hyperlink - Object does not exist."]}
        ]}));
        assert_eq!(
            e.group(&c.security_groups[2].url),
            vec!["Invalid hyperlink - Object does not exist."]
        );
        assert!(e.group(&c.security_groups[0].url).is_empty());
        let e = place(serde_json::json!({"floating_ips": [
            {"non_field_errors": ["Invalid hyperlink - Object does not exist."]}
        ]}));
        assert_eq!(
            e.rows[0].floating.len(),
            1,
            "the first row sending a floating IP"
        );

        let e = place(
            serde_json::json!({"non_field_errors": ["It is impossible to use subnet dmz twice."]}),
        );
        assert_eq!(e.top.len(), 1);

        let e = place(serde_json::json!([
            "One or more quotas were exceeded: ram quota limit: 65536, requires 66560."
        ]));
        assert_eq!(
            e.top.iter().map(Text::english).collect::<Vec<_>>(),
            vec!["One or more quotas were exceeded: ram quota limit: 65536, requires 66560."]
        );
    }

    #[test]
    fn item_errors_go_to_their_row() {
        let c = choices();
        let form = full_form();
        let e = map_server_errors(
            &bad_request(serde_json::json!({
                "ports": [{"fixed_ips": [{"ip_address": ["Enter a valid IPv4 or IPv6 address."]}]}, {"subnet": ["Invalid hyperlink - Object does not exist."]}],
                "floating_ips": [{}, {"url": ["Invalid hyperlink - Object does not exist."]}],
                "name": ["This field may not be blank."],
                "security_groups": [{"url": ["Invalid hyperlink - Object does not exist."]}],
                "surprise": ["Unexpected."]
            })),
            &form,
            &c,
        );
        assert_eq!(
            e.rows[0].fixed_ip,
            vec!["Enter a valid IPv4 or IPv6 address."]
        );
        assert_eq!(
            e.rows[1].subnet,
            vec!["Invalid hyperlink - Object does not exist."]
        );
        assert_eq!(
            e.rows[1].floating,
            vec!["Invalid hyperlink - Object does not exist."]
        );
        assert_eq!(e.name.len(), 1);
        assert_eq!(e.group(&c.security_groups[0].url).len(), 1);
        assert_eq!(
            e.top.iter().map(Text::english).collect::<Vec<_>>(),
            vec!["surprise: Unexpected."]
        );
        assert!(!e.is_empty());
    }

    #[test]
    fn other_errors_go_to_the_top_as_a_sentence() {
        let e = map_server_errors(
            &ApiError::Server {
                status: 502,
                detail: None,
            },
            &full_form(),
            &choices(),
        );
        assert_eq!(
            e.top.iter().map(Text::english).collect::<Vec<_>>(),
            vec!["The Waldur server had a problem (HTTP 502). Try again in a moment."]
        );
        assert!(map_server_errors(
            &bad_request(serde_json::json!({})),
            &full_form(),
            &choices()
        )
        .is_empty());
    }

    #[test]
    fn changing_a_part_forgets_the_servers_messages_about_it() {
        let c = choices();
        let form = full_form();
        let mut e = map_server_errors(
            &bad_request(serde_json::json!({
                "flavor": ["Flavor is not visible in tenant."],
                "name": ["This field may not be blank."],
                "ports": [{"fixed_ips": [{"ip_address": ["Enter a valid IPv4 or IPv6 address."]}]}],
                "floating_ips": ["SubNet dmz is not connected to router."],
                "non_field_errors": ["It is impossible to use subnet dmz twice."]
            })),
            &form,
            &c,
        );
        assert!(e.forget(FormPart::Flavor));
        assert!(!e.forget(FormPart::Flavor));
        assert!(e.flavor.is_empty() && !e.name.is_empty());
        assert!(e.forget(FormPart::FixedIp(0)));
        assert!(e.rows[0].fixed_ip.is_empty());
        assert!(!e.forget(FormPart::Floating(0)));
        assert!(e.forget(FormPart::Floating(1)));
        assert!(e.forget(FormPart::Name));
        assert!(!e.forget(FormPart::Rows));
        // Top messages stay until the next submit.
        assert_eq!(e.top.len(), 1);
    }

    #[test]
    fn split_paths() {
        assert_eq!(split_path("flavor"), ("flavor", None, ""));
        assert_eq!(
            split_path("ports[1].fixed_ips[0].ip_address"),
            ("ports", Some(1), ".fixed_ips[0].ip_address")
        );
        assert_eq!(
            split_path("floating_ips[0].url"),
            ("floating_ips", Some(0), ".url")
        );
    }

    #[test]
    fn restore_texts_carry_names_and_numbers_as_arguments() {
        let c = choices();
        let lines = summary(&full_form(), &c, &backup());
        assert_eq!(lines[0].msg, Msg::SummaryInstance);
        assert!(lines[0]
            .args
            .contains(&("name", crate::i18n::Arg::from("web-02 restored"))));
        assert_eq!(lines[3].msg, Msg::SummaryNetwork);
        assert_eq!(
            flavor_sizes(&flavor("x", 2, 1536, 512)).english(),
            "2 vCPUs, 1.5 GiB RAM, 512 MiB disk"
        );
        let cores = Text::new(Msg::FlavorCores).arg("count", 2u32);
        assert!(matches!(
            &flavor_sizes(&flavor("x", 2, 1536, 512)).args[0],
            ("first", crate::i18n::Arg::Message(t)) if **t == cores
        ));
        assert_eq!(
            floating_ip_unavailable(None),
            Some(Text::new(Msg::ChooseSubnetFirst))
        );
    }
}
