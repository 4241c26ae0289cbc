//! Wire types for backups, the instances they restore to, and the tenant objects a restore uses.
//!
//! Decoding is tolerant: unknown fields are ignored, a missing or `null` optional field is
//! `None`, a missing or `null` list is empty, and timestamps stay strings (read with
//! [`parse_timestamp_ms`](crate::state::parse_timestamp_ms)). A value of the wrong type is an error
//! with serde's message (see [`decode`](super::decode())).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::decode::JsonValue;
pub use super::lazy_list::LazyList;
use super::state::ResourceState;

/// How one field is read from the wire: a missing or `null` string, list or metadata is empty;
/// an `Option` is `None`; anything else must be present and valid.
trait WireField: Sized {
    fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error>;
}

impl<T: for<'de> Deserialize<'de>> WireField for Option<T> {
    fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value()
    }
}

impl<T: for<'de> Deserialize<'de>> WireField for Vec<T> {
    fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        Ok(map.next_value::<Option<Self>>()?.unwrap_or_default())
    }
}

impl<T> WireField for LazyList<T>
where
    LazyList<T>: for<'de> Deserialize<'de>,
{
    fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value()
    }
}

impl WireField for String {
    fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        Ok(map.next_value::<Option<Self>>()?.unwrap_or_default())
    }
}

impl WireField for BackupMetadata {
    fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        Ok(map.next_value::<Option<Self>>()?.unwrap_or_default())
    }
}

impl WireField for ResourceState {
    fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value()
    }
}

/// Reads an object key as the index of a known field (`usize::MAX` for any other key), without
/// allocating; one small piece of code shared by every wire struct.
struct FieldIndex(&'static [&'static str]);

impl<'de> de::DeserializeSeed<'de> for FieldIndex {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(self.0.iter().position(|f| *f == key).unwrap_or(usize::MAX))
    }
}

/// The JSON key of a field: its name, or the one given with `as "key"`.
macro_rules! wire_key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $key:literal) => {
        $key
    };
}

/// Declares a wire struct with a tolerant `Deserialize`: unknown keys are skipped, a missing key
/// keeps the default, and `null` follows [`WireField`]. Written by hand rather than derived
/// because the derived visitors were the largest functions of the wasm bundle.
macro_rules! wire {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$fmeta:meta])* pub $field:ident $(as $key:literal)? : $ty:ty,)*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$(wire_key!($field $($key)?)),*];
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }
                    #[allow(unused_assignments)]
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        while let Some(found) = map.next_key_seed(FieldIndex(FIELDS))? {
                            let mut index = 0;
                            $(
                                if found == index {
                                    out.$field = WireField::read(&mut map)?;
                                    continue;
                                }
                                index += 1;
                            )*
                            map.next_value::<IgnoredAny>()?;
                        }
                        Ok(out)
                    }
                }
                deserializer.deserialize_struct(stringify!($name), FIELDS, V)
            }
        }
    };
}

/// Declares a Waldur resource struct with the fields every structure resource shares
/// (service settings, project, customer, state, marketplace links, …) plus its own.
macro_rules! resource {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$fmeta:meta])* pub $field:ident : $ty:ty,)*
        }
    ) => {
        wire! {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Default)]
        pub struct $name {
            /// API URL of this object.
            pub url: String,
            /// UUID.
            pub uuid: String,
            /// Name.
            pub name: String,
            /// Free-text description.
            pub description: Option<String>,
            /// Name of the service (cloud) the object belongs to.
            pub service_name: Option<String>,
            /// URL of the service settings.
            pub service_settings: Option<String>,
            /// UUID of the service settings.
            pub service_settings_uuid: Option<String>,
            /// State of the service settings.
            pub service_settings_state: Option<String>,
            /// Error of the service settings, if any.
            pub service_settings_error_message: Option<String>,
            /// Project URL.
            pub project: Option<String>,
            /// Project name.
            pub project_name: Option<String>,
            /// Project UUID.
            pub project_uuid: Option<String>,
            /// Organisation URL.
            pub customer: Option<String>,
            /// Organisation UUID.
            pub customer_uuid: Option<String>,
            /// Organisation name.
            pub customer_name: Option<String>,
            /// Organisation native name.
            pub customer_native_name: Option<String>,
            /// Organisation abbreviation.
            pub customer_abbreviation: Option<String>,
            /// Why the last operation failed.
            pub error_message: Option<String>,
            /// Technical trace of the last failure.
            pub error_traceback: Option<String>,
            /// Resource type (`OpenStack.Backup`, …).
            pub resource_type: Option<String>,
            /// Lifecycle state.
            pub state: ResourceState,
            /// Creation time (ISO 8601).
            pub created: Option<String>,
            /// Last change time (ISO 8601).
            pub modified: Option<String>,
            /// ID in OpenStack.
            pub backend_id: Option<String>,
            /// Console or access URL(s).
            pub access_url: Option<AccessUrl>,
            /// Marketplace offering UUID.
            pub marketplace_offering_uuid: Option<String>,
            /// Marketplace offering name.
            pub marketplace_offering_name: Option<String>,
            /// Marketplace offering type.
            pub marketplace_offering_type: Option<String>,
            /// Marketplace offering plugin options (free-form).
            pub marketplace_offering_plugin_options: Option<BTreeMap<String, JsonValue>>,
            /// Marketplace category UUID.
            pub marketplace_category_uuid: Option<String>,
            /// Marketplace category name.
            pub marketplace_category_name: Option<String>,
            /// Marketplace resource UUID.
            pub marketplace_resource_uuid: Option<String>,
            /// Marketplace plan UUID.
            pub marketplace_plan_uuid: Option<String>,
            /// Marketplace resource state.
            pub marketplace_resource_state: Option<String>,
            /// Whether the offering is billed by usage.
            pub is_usage_based: Option<bool>,
            /// Whether the offering is billed by limits.
            pub is_limit_based: Option<bool>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }
        }
    };
}

resource! {
    /// A backup of an OpenStack instance (`/api/openstack-backups/{uuid}/`).
    pub struct Backup {
        /// When the server deletes the backup automatically; `None` keeps it forever.
        pub kept_until: Option<String>,
        /// What the instance looked like when backed up (sizes in MiB).
        pub metadata: BackupMetadata,
        /// URL of the backed-up instance.
        pub instance: Option<String>,
        /// Name of the backed-up instance.
        pub instance_name: Option<String>,
        /// Marketplace UUID of the backed-up instance.
        pub instance_marketplace_uuid: Option<String>,
        /// Instances restored from this backup (decoded when read: [`LazyList`]).
        pub restorations: LazyList<BackupRestoration>,
        /// Security groups of the instance when backed up (decoded when read).
        pub instance_security_groups: LazyList<NestedSecurityGroup>,
        /// Ports of the instance when backed up (decoded when read).
        pub instance_ports: LazyList<NestedPort>,
        /// Floating IPs of the instance when backed up (decoded when read).
        pub instance_floating_ips: LazyList<NestedFloatingIp>,
        /// UUID of the tenant the backup lives in (filters the restore dialog's lists).
        pub tenant_uuid: Option<String>,
    }
}

resource! {
    /// An OpenStack instance (virtual machine), as returned by a restore.
    pub struct Instance {
        /// When the instance was last started.
        pub start_time: Option<String>,
        /// vCPUs.
        pub cores: Option<u64>,
        /// RAM in MiB.
        pub ram: Option<u64>,
        /// Disk in MiB.
        pub disk: Option<u64>,
        /// Minimum RAM of the image in MiB.
        pub min_ram: Option<u64>,
        /// Minimum disk of the image in MiB.
        pub min_disk: Option<u64>,
        /// Cloud-init user data.
        pub user_data: Option<String>,
        /// Public IPs.
        pub external_ips: Vec<String>,
        /// Private IPs.
        pub internal_ips: Vec<String>,
        /// SSH key name.
        pub key_name: Option<String>,
        /// SSH key fingerprint.
        pub key_fingerprint: Option<String>,
        /// Image name.
        pub image_name: Option<String>,
        /// Flavor disk in MiB.
        pub flavor_disk: Option<u64>,
        /// Flavor name.
        pub flavor_name: Option<String>,
        /// Attached volumes.
        pub volumes: Vec<NestedVolume>,
        /// Security groups.
        pub security_groups: Vec<NestedSecurityGroup>,
        /// Server group, if any.
        pub server_group: Option<NestedServerGroup>,
        /// Floating IPs.
        pub floating_ips: Vec<NestedFloatingIp>,
        /// Network ports.
        pub ports: Vec<NestedPort>,
        /// Availability zone URL.
        pub availability_zone: Option<String>,
        /// Availability zone name.
        pub availability_zone_name: Option<String>,
        /// Whether the instance is attached directly to the external network.
        pub connect_directly_to_external_network: Option<bool>,
        /// Whether a config drive is used.
        pub config_drive: Option<bool>,
        /// OpenStack runtime state (`ACTIVE`, `SHUTOFF`, `BUILDING`, …).
        pub runtime_state: Option<String>,
        /// Action in progress.
        pub action: Option<String>,
        /// Tenant URL.
        pub tenant: Option<String>,
        /// Tenant UUID.
        pub tenant_uuid: Option<String>,
        /// Hypervisor host.
        pub hypervisor_hostname: Option<String>,
        /// External addresses.
        pub external_address: Vec<String>,
    }
}

wire! {
    /// What the "Create backup" button needs of its instance: whether it is OK, where it lives
    /// (for the user's permission) and its name (`GET /api/openstack-instances/{uuid}/`, every
    /// other field skipped). Decoding the whole [`Instance`] there would put its decoder and
    /// those of its volumes, ports and security groups in the first load; the dialogs that need
    /// them load with their chunk.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct InstanceSummary {
        /// UUID.
        pub uuid: String,
        /// Name.
        pub name: String,
        /// Lifecycle state.
        pub state: ResourceState,
        /// Project UUID.
        pub project_uuid: Option<String>,
        /// Organisation UUID.
        pub customer_uuid: Option<String>,
        /// Organisation name.
        pub customer_name: Option<String>,
    }
}

resource! {
    /// An OpenStack security group with its rules.
    pub struct SecurityGroup {
        /// Tenant URL.
        pub tenant: Option<String>,
        /// Tenant name.
        pub tenant_name: Option<String>,
        /// Tenant UUID.
        pub tenant_uuid: Option<String>,
        /// Rules.
        pub rules: Vec<SecurityGroupRule>,
    }
}

resource! {
    /// An OpenStack subnet, offered as a network for the restored instance.
    pub struct Subnet {
        /// Tenant URL.
        pub tenant: Option<String>,
        /// Tenant name.
        pub tenant_name: Option<String>,
        /// Tenant UUID.
        pub tenant_uuid: Option<String>,
        /// Network URL.
        pub network: Option<String>,
        /// Network name.
        pub network_name: Option<String>,
        /// Address range (`192.168.42.0/24`).
        pub cidr: Option<String>,
        /// Gateway address.
        pub gateway_ip: Option<String>,
        /// Whether the gateway is disabled.
        pub disable_gateway: Option<bool>,
        /// Allocation pools.
        pub allocation_pools: Vec<AllocationPool>,
        /// 4 or 6.
        pub ip_version: Option<u8>,
        /// Whether DHCP is on.
        pub enable_dhcp: Option<bool>,
        /// DNS servers.
        pub dns_nameservers: Vec<String>,
        /// Static routes.
        pub host_routes: Vec<StaticRoute>,
        /// Whether the subnet is connected to a router (needed for floating IPs).
        pub is_connected: Option<bool>,
        /// Whether port security is on.
        pub port_security_enabled: Option<bool>,
    }
}

resource! {
    /// An OpenStack floating (public) IP.
    pub struct FloatingIp {
        /// OpenStack runtime state (`ACTIVE`, `DOWN`).
        pub runtime_state: Option<String>,
        /// The public address.
        pub address: Option<String>,
        /// ID of the external network.
        pub backend_network_id: Option<String>,
        /// Tenant URL.
        pub tenant: Option<String>,
        /// Tenant name.
        pub tenant_name: Option<String>,
        /// Tenant UUID.
        pub tenant_uuid: Option<String>,
        /// URL of the port it is attached to.
        pub port: Option<String>,
        /// External address.
        pub external_address: Option<String>,
        /// Fixed IPs of the attached port.
        pub port_fixed_ips: Vec<FixedIp>,
        /// UUID of the instance using it.
        pub instance_uuid: Option<String>,
        /// Name of the instance using it.
        pub instance_name: Option<String>,
        /// URL of the instance using it.
        pub instance_url: Option<String>,
    }
}

resource! {
    /// An OpenStack tenant with its quotas.
    pub struct Tenant {
        /// Default availability zone.
        pub availability_zone: Option<String>,
        /// Internal network ID.
        pub internal_network_id: Option<String>,
        /// External network ID.
        pub external_network_id: Option<String>,
        /// External network UUID in Waldur.
        pub external_network_ref_uuid: Option<String>,
        /// External network name.
        pub external_network_ref_name: Option<String>,
        /// Quotas with usage and limit.
        pub quotas: Vec<Quota>,
        /// Default volume type.
        pub default_volume_type_name: Option<String>,
    }
}

impl Tenant {
    /// The quota called `name` (`ram`, `vcpu`, `storage`, …).
    pub fn quota(&self, name: &str) -> Option<&Quota> {
        self.quotas.iter().find(|q| q.name == name)
    }
}

wire! {
    /// One quota of a tenant; a limit of -1 means unlimited.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct Quota {
        /// Quota name.
        pub name: String,
        /// Current usage.
        pub usage: Option<f64>,
        /// Limit; -1 means unlimited.
        pub limit: Option<f64>,
    }
}

wire! {
    /// The signed-in user (`GET /api/users/me/`): who the token belongs to and what it may do.
    /// Only the fields the widget reads; the rest of Waldur's user object is ignored.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct CurrentUser {
        /// UUID.
        pub uuid: String,
        /// Login name.
        pub username: String,
        /// Full name, when set.
        pub full_name: Option<String>,
        /// Staff may do everything, including unlinking backups.
        pub is_staff: Option<bool>,
        /// Support users read everything and change nothing.
        pub is_support: Option<bool>,
        /// The user's roles, each on one organisation or project.
        pub permissions: Vec<Permission>,
    }
}

wire! {
    /// One role of the signed-in user (`permissions[]` of `GET /api/users/me/`).
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct Permission {
        /// `CUSTOMER.OWNER`, `PROJECT.ADMIN`, `PROJECT.MANAGER`, `PROJECT.MEMBER`, …
        pub role_name: String,
        /// What the role is on: `customer`, `project`, …
        pub scope_type: Option<String>,
        /// UUID of the organisation or project.
        pub scope_uuid: Option<String>,
        /// Name of the organisation or project.
        pub scope_name: Option<String>,
        /// For a project role: UUID of the project's organisation.
        pub customer_uuid: Option<String>,
        /// For a project role: name of the project's organisation.
        pub customer_name: Option<String>,
    }
}

impl CurrentUser {
    /// Whether the user is staff (missing counts as no).
    pub fn staff(&self) -> bool {
        self.is_staff == Some(true)
    }
}

impl Quota {
    /// What is left (`None` when unlimited or unknown).
    pub fn remaining(&self) -> Option<f64> {
        match (self.limit, self.usage) {
            (Some(l), _) if l < 0.0 => None,
            (Some(l), u) => Some(l - u.unwrap_or(0.0)),
            _ => None,
        }
    }
}

wire! {
    /// A hardware profile (vCPUs, RAM, disk) for an instance.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct Flavor {
        /// API URL (what a restore request sends).
        pub url: String,
        /// UUID.
        pub uuid: String,
        /// Name.
        pub name: String,
        /// Service settings URL.
        pub settings: Option<String>,
        /// vCPUs.
        pub cores: Option<u64>,
        /// RAM in MiB.
        pub ram: Option<u64>,
        /// Disk in MiB.
        pub disk: Option<u64>,
        /// ID in OpenStack.
        pub backend_id: Option<String>,
        /// Display name with sizes.
        pub display_name: Option<String>,
    }
}

wire! {
    /// An instance restored from a backup.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct BackupRestoration {
        /// UUID of the restoration.
        pub uuid: String,
        /// URL of the new instance.
        pub instance: Option<String>,
        /// When the restore was requested.
        pub created: Option<String>,
        /// URL of the flavor used.
        pub flavor: Option<String>,
        /// Name of the new instance.
        pub name: Option<String>,
        /// Floating IPs given to the new instance.
        pub floating_ips: Vec<NestedFloatingIp>,
        /// Security groups given to the new instance.
        pub security_groups: Vec<NestedSecurityGroup>,
        /// Ports of the new instance.
        pub ports: Vec<NestedPort>,
    }
}

wire! {
    /// A security group as embedded in a backup or instance.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct NestedSecurityGroup {
        /// API URL.
        pub url: String,
        /// Name.
        pub name: String,
        /// Rules.
        pub rules: Vec<SecurityGroupRule>,
        /// Description.
        pub description: Option<String>,
        /// State as text.
        pub state: Option<String>,
    }
}

wire! {
    /// A firewall rule of a security group.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct SecurityGroupRule {
        /// Rule ID.
        pub id: Option<i64>,
        /// `IPv4` or `IPv6`.
        pub ethertype: Option<String>,
        /// `ingress` or `egress`.
        pub direction: Option<String>,
        /// `tcp`, `udp`, `icmp`, a number, or empty for any.
        pub protocol: Option<String>,
        /// First port (or ICMP type).
        pub from_port: Option<i64>,
        /// Last port (or ICMP code).
        pub to_port: Option<i64>,
        /// Remote address range.
        pub cidr: Option<String>,
        /// Description.
        pub description: Option<String>,
        /// Remote security group URL.
        pub remote_group: Option<String>,
        /// Remote security group name.
        pub remote_group_name: Option<String>,
        /// Remote security group UUID.
        pub remote_group_uuid: Option<String>,
    }
}

wire! {
    /// A network port as embedded in a backup or instance.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct NestedPort {
        /// API URL.
        pub url: Option<String>,
        /// Fixed IPs.
        pub fixed_ips: Vec<FixedIp>,
        /// MAC address.
        pub mac_address: Option<String>,
        /// Subnet URL.
        pub subnet: Option<String>,
        /// Subnet UUID.
        pub subnet_uuid: Option<String>,
        /// Subnet name.
        pub subnet_name: Option<String>,
        /// Subnet description.
        pub subnet_description: Option<String>,
        /// Subnet address range.
        pub subnet_cidr: Option<String>,
        /// Allowed address pairs.
        pub allowed_address_pairs: Vec<AllowedAddressPair>,
        /// ID of the device using the port.
        pub device_id: Option<String>,
        /// Owner of the device using the port.
        pub device_owner: Option<String>,
        /// Security groups of the port.
        pub security_groups: Vec<SecurityGroup>,
    }
}

wire! {
    /// A floating IP as embedded in a backup or instance.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct NestedFloatingIp {
        /// API URL.
        pub url: Option<String>,
        /// UUID.
        pub uuid: Option<String>,
        /// The public address.
        pub address: Option<String>,
        /// Fixed IPs of the port it is attached to.
        pub port_fixed_ips: Vec<FixedIp>,
        /// MAC address of that port.
        pub port_mac_address: Option<String>,
        /// Subnet URL.
        pub subnet: Option<String>,
        /// Subnet UUID.
        pub subnet_uuid: Option<String>,
        /// Subnet name.
        pub subnet_name: Option<String>,
        /// Subnet description.
        pub subnet_description: Option<String>,
        /// Subnet address range.
        pub subnet_cidr: Option<String>,
    }
}

wire! {
    /// An IP address on a subnet.
    #[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
    pub struct FixedIp {
        /// The address.
        pub ip_address: String,
        /// OpenStack ID of the subnet.
        pub subnet_id: String,
    }
}

wire! {
    /// An extra address allowed on a port.
    #[derive(Clone, Debug, PartialEq, Eq, Default)]
    pub struct AllowedAddressPair {
        /// Address or range.
        pub ip_address: Option<String>,
        /// MAC address.
        pub mac_address: Option<String>,
    }
}

wire! {
    /// A volume attached to an instance.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct NestedVolume {
        /// API URL.
        pub url: Option<String>,
        /// UUID.
        pub uuid: Option<String>,
        /// Name.
        pub name: Option<String>,
        /// Image the volume was made from.
        pub image_name: Option<String>,
        /// State as text.
        pub state: Option<String>,
        /// Whether the instance boots from it.
        pub bootable: Option<bool>,
        /// Size in MiB.
        pub size: Option<u64>,
        /// Device path (`/dev/vda`).
        pub device: Option<String>,
        /// Resource type.
        pub resource_type: Option<String>,
        /// Volume type URL.
        pub volume_type as "type": Option<String>,
        /// Volume type name.
        pub type_name: Option<String>,
        /// Marketplace resource UUID.
        pub marketplace_resource_uuid: Option<String>,
    }
}

wire! {
    /// A server group (placement policy) of an instance.
    #[derive(Clone, Debug, PartialEq, Eq, Default)]
    pub struct NestedServerGroup {
        /// API URL.
        pub url: Option<String>,
        /// Name.
        pub name: Option<String>,
        /// `affinity`, `anti-affinity`, …
        pub policy: Option<String>,
        /// State as text.
        pub state: Option<String>,
    }
}

wire! {
    /// A range of addresses DHCP hands out.
    #[derive(Clone, Debug, PartialEq, Eq, Default)]
    pub struct AllocationPool {
        /// First address.
        pub start: Option<String>,
        /// Last address.
        pub end: Option<String>,
    }
}

wire! {
    /// A static route of a subnet.
    #[derive(Clone, Debug, PartialEq, Eq, Default)]
    pub struct StaticRoute {
        /// Destination range.
        pub destination: Option<String>,
        /// Next hop.
        pub nexthop: Option<String>,
    }
}

/// `access_url`: one URL or several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessUrl {
    /// A single URL.
    One(String),
    /// Several URLs.
    Many(Vec<String>),
}

impl AccessUrl {
    /// All URLs, one or many.
    pub fn urls(&self) -> Vec<&str> {
        match self {
            AccessUrl::One(u) => vec![u.as_str()],
            AccessUrl::Many(us) => us.iter().map(String::as_str).collect(),
        }
    }
}

impl<'de> Deserialize<'de> for AccessUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AccessUrl;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a URL string or a list of URL strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AccessUrl, E> {
                Ok(AccessUrl::One(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AccessUrl, A::Error> {
                let mut urls = Vec::new();
                while let Some(u) = seq.next_element::<String>()? {
                    urls.push(u);
                }
                Ok(AccessUrl::Many(urls))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// What a backup recorded about its instance; any key may be missing (sizes in MiB).
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct BackupMetadata(pub BTreeMap<String, JsonValue>);

/// The metadata keys with typed accessors; [`BackupMetadata::other`] yields the rest.
pub const KNOWN_METADATA_KEYS: [&str; 10] = [
    "name",
    "description",
    "min_ram",
    "min_disk",
    "size",
    "key_name",
    "key_fingerprint",
    "user_data",
    "flavor_name",
    "image_name",
];

impl BackupMetadata {
    /// The raw value of `key`.
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        self.0.get(key)
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(JsonValue::as_str)
    }

    fn number(&self, key: &str) -> Option<u64> {
        self.get(key).and_then(JsonValue::as_u64)
    }

    /// Minimum RAM the image needs, in MiB (warn if the chosen flavor has less).
    pub fn min_ram(&self) -> Option<u64> {
        self.number("min_ram")
    }
    /// Minimum disk the image needs, in MiB.
    pub fn min_disk(&self) -> Option<u64> {
        self.number("min_disk")
    }
    /// Size of the instance's volumes, in MiB.
    pub fn size(&self) -> Option<u64> {
        self.number("size")
    }
    /// Flavor of the instance when backed up.
    pub fn flavor_name(&self) -> Option<&str> {
        self.text("flavor_name")
    }
    /// Image of the instance.
    pub fn image_name(&self) -> Option<&str> {
        self.text("image_name")
    }
    /// SSH key name.
    pub fn key_name(&self) -> Option<&str> {
        self.text("key_name")
    }
    /// SSH key fingerprint.
    pub fn key_fingerprint(&self) -> Option<&str> {
        self.text("key_fingerprint")
    }
    /// Instance name.
    pub fn name(&self) -> Option<&str> {
        self.text("name")
    }
    /// Instance description.
    pub fn description(&self) -> Option<&str> {
        self.text("description")
    }
    /// Cloud-init user data.
    pub fn user_data(&self) -> Option<&str> {
        self.text("user_data")
    }
    /// Every key/value, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &JsonValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
    /// The keys without a typed accessor, sorted by key.
    pub fn other(&self) -> impl Iterator<Item = (&str, &JsonValue)> {
        self.iter()
            .filter(|(k, _)| !KNOWN_METADATA_KEYS.contains(k))
    }
    /// True when the backup recorded nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `PUT` body: replaces name, description and retention (name is required).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct BackupUpdate {
    /// New name (1–150 characters).
    pub name: String,
    /// New description; `None` leaves it out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `Some(Some(t))` keeps until `t`, `Some(None)` sends `null` (keep forever), `None` leaves it out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_until: Option<Option<String>>,
}

/// `PATCH` body: only the fields that are `Some` are sent.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct BackupPatch {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `Some(Some(t))` keeps until `t`, `Some(None)` sends `null` (keep forever).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_until: Option<Option<String>>,
}

impl BackupPatch {
    /// True when nothing would be changed (no request needed).
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.description.is_none() && self.kept_until.is_none()
    }

    /// The changes that turn `before` into the given values; unchanged fields are left out.
    pub fn diff(
        before: &Backup,
        name: &str,
        description: &str,
        kept_until: Option<&str>,
    ) -> BackupPatch {
        BackupPatch {
            name: (before.name != name).then(|| name.to_owned()),
            description: (before.description.as_deref().unwrap_or("") != description)
                .then(|| description.to_owned()),
            kept_until: (before.kept_until.as_deref() != kept_until)
                .then(|| kept_until.map(str::to_owned)),
        }
    }
}

/// `POST /api/openstack-instances/{uuid}/backup/` body: a new backup of an instance.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct BackupCreate {
    /// Name of the backup.
    pub name: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Delete automatically after this time; `None` keeps it forever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_until: Option<String>,
}

/// `POST /api/openstack-backups/{uuid}/restore/` body: how to build the new instance.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct RestoreRequest {
    /// URL of the flavor (must be in the backup's tenant).
    pub flavor: String,
    /// Name of the new instance; `None` reuses the source instance's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Security groups; `None` leaves the field out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<SecurityGroupRef>>,
    /// Network ports; `None` leaves the field out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ports: Option<Vec<PortRequest>>,
    /// Floating IPs; `None` leaves the field out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floating_ips: Option<Vec<FloatingIpRequest>>,
}

/// A security group chosen by URL.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct SecurityGroupRef {
    /// Security group URL.
    pub url: String,
}

/// A port for the restored instance: a subnet to connect to, optionally with fixed IPs.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct PortRequest {
    /// Subnet URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet: Option<String>,
    /// Fixed IPs to request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_ips: Option<Vec<FixedIp>>,
    /// Existing port URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// Tenant URL (for a port in a shared network).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
}

impl PortRequest {
    /// A port on `subnet` with an address picked by OpenStack.
    pub fn on_subnet(subnet: impl Into<String>) -> Self {
        PortRequest {
            subnet: Some(subnet.into()),
            ..Default::default()
        }
    }
}

/// A floating IP for the restored instance; without `url` one is allocated automatically.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct FloatingIpRequest {
    /// Subnet (among the request's ports) the IP is routed to.
    pub subnet: String,
    /// An existing free floating IP's URL; `None` auto-assigns one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl FloatingIpRequest {
    /// Allocate a new floating IP on `subnet`.
    pub fn auto(subnet: impl Into<String>) -> Self {
        FloatingIpRequest {
            subnet: subnet.into(),
            url: None,
        }
    }

    /// Use the existing floating IP `url` on `subnet`.
    pub fn existing(subnet: impl Into<String>, url: impl Into<String>) -> Self {
        FloatingIpRequest {
            subnet: subnet.into(),
            url: Some(url.into()),
        }
    }
}

wire! {
    /// `{"detail": "…"}` answers (pull, delete).
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct Detail {
        /// The message.
        pub detail: Option<String>,
    }
}
