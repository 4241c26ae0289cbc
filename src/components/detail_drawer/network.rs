//! Network settings (security groups with rules, ports, floating IPs) of the source instance
//! and of each restored instance.

use crate::api::{Backup, FixedIp, NestedFloatingIp, NestedPort, NestedSecurityGroup};
use crate::i18n::{I18n, Msg};
use crate::state::rule_text;
use leptos::prelude::*;

fn fixed_ips_text(ips: &[FixedIp]) -> String {
    ips.iter()
        .map(|ip| ip.ip_address.clone())
        .filter(|a| !a.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The three lists of network settings, as text tables and lists.
#[component]
pub(super) fn NetworkSettings(
    security_groups: Vec<NestedSecurityGroup>,
    ports: Vec<NestedPort>,
    floating_ips: Vec<NestedFloatingIp>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let groups = security_groups
        .into_iter()
        .map(|g| {
            let rules = g.rules.iter().map(rule_text).collect::<Vec<_>>();
            let title = if g.name.trim().is_empty() { i18n.t(Msg::UnnamedGroup).into_any() } else { g.name.clone().into_any() };
            view! {
                <li class="wb-net__group" data-security-group>
                    <span class="wb-net__name">{title}</span>
                    {g.description.filter(|d| !d.trim().is_empty()).map(|d| view! { <span class="wb-drawer__subtle">" — " {d}</span> })}
                    {if rules.is_empty() {
                        view! { <p class="wb-drawer__empty">{i18n.t(Msg::NoRules)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="wb-net__rules">
                                <thead>
                                    <tr>
                                        <th scope="col">{i18n.t(Msg::RuleDirection)}</th>
                                        <th scope="col">{i18n.t(Msg::RuleEtherType)}</th>
                                        <th scope="col">{i18n.t(Msg::RuleProtocol)}</th>
                                        <th scope="col">{i18n.t(Msg::RulePorts)}</th>
                                        <th scope="col">{i18n.t(Msg::RuleRemote)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rules.into_iter().map(|r| { let summary = r.summary().english(); view! {
                                        <tr data-rule=summary>
                                            <td>{move || i18n.show(&r.direction)}</td>
                                            <td>{r.ether_type.clone()}</td>
                                            <td>{move || i18n.show(&r.protocol)}</td>
                                            <td>{move || i18n.show(&r.ports)}</td>
                                            <td>{move || i18n.show(&r.remote)}</td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    let ports = ports
        .into_iter()
        .map(|p| {
            let subnet = match (p.subnet_name.clone().filter(|s| !s.is_empty()), p.subnet_cidr.clone().filter(|s| !s.is_empty())) {
                (Some(n), Some(c)) => format!("{n} ({c})").into_any(),
                (Some(n), None) => n.into_any(),
                (None, Some(c)) => c.into_any(),
                (None, None) => i18n.t(Msg::UnknownSubnet).into_any(),
            };
            let ips = fixed_ips_text(&p.fixed_ips);
            let pairs = p
                .allowed_address_pairs
                .iter()
                .map(|a| match (&a.ip_address, &a.mac_address) {
                    (Some(ip), Some(mac)) => format!("{ip} ({mac})"),
                    (Some(ip), None) => ip.clone(),
                    (None, Some(mac)) => mac.clone(),
                    (None, None) => String::new(),
                })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li class="wb-net__port" data-port>
                    <dl class="wb-detail wb-detail--compact">
                        <div class="wb-detail__row"><dt class="wb-detail__label">{i18n.t(Msg::FieldSubnet)}</dt><dd class="wb-detail__value">{subnet}</dd></div>
                        <div class="wb-detail__row"><dt class="wb-detail__label">{i18n.t(Msg::FixedIps)}</dt><dd class="wb-detail__value">{if ips.is_empty() { i18n.t(Msg::NoneShort).into_any() } else { ips.into_any() }}</dd></div>
                        {p.mac_address.filter(|m| !m.is_empty()).map(|m| view! {
                            <div class="wb-detail__row"><dt class="wb-detail__label">"MAC"</dt><dd class="wb-detail__value"><code>{m}</code></dd></div>
                        })}
                        {(!pairs.is_empty()).then(|| view! {
                            <div class="wb-detail__row"><dt class="wb-detail__label">{i18n.t(Msg::AllowedAddressPairs)}</dt><dd class="wb-detail__value">{pairs}</dd></div>
                        })}
                    </dl>
                </li>
            }
        })
        .collect_view();
    let fips = floating_ips
        .into_iter()
        .map(|f| {
            let address = match f.address.clone().filter(|a| !a.is_empty()) {
                Some(a) => a.into_any(),
                None => i18n.t(Msg::AssignedAutomatically).into_any(),
            };
            let subnet = match (
                f.subnet_name.clone().filter(|s| !s.is_empty()),
                f.subnet_cidr.clone().filter(|s| !s.is_empty()),
            ) {
                (Some(n), Some(c)) => Some(format!("{n} ({c})")),
                (Some(n), None) => Some(n),
                (None, Some(c)) => Some(c),
                (None, None) => None,
            };
            view! {
                <li class="wb-net__fip" data-floating-ip>
                    <span class="wb-net__name">{address}</span>
                    {subnet.map(|s| view! {
                        <span class="wb-drawer__subtle">" " {i18n.t_with(Msg::FloatingIpOnSubnet, move || vec![("subnet", s.clone().into())])}</span>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="wb-net">
            <h4 class="wb-net__heading">{i18n.t(Msg::SecurityGroups)}</h4>
            <ul class="wb-net__list">{groups}</ul>
            <h4 class="wb-net__heading">{i18n.t(Msg::RulePorts)}</h4>
            <ul class="wb-net__list">{ports}</ul>
            <h4 class="wb-net__heading">{i18n.t(Msg::QuotaFloatingIps)}</h4>
            <ul class="wb-net__list">{fips}</ul>
        </div>
    }
}

/// The source instance's network settings at backup time.
#[component]
pub(super) fn SourceNetwork(b: Memo<Backup>) -> impl IntoView {
    let i18n = I18n::expect();
    let net = Memo::new(move |_| {
        b.with(|b| {
            (
                b.instance_security_groups.items(),
                b.instance_ports.items(),
                b.instance_floating_ips.items(),
            )
        })
    });
    view! {
        <section class="wb-drawer__section" data-group="network">
            <h3 class="wb-drawer__heading">{i18n.t(Msg::SourceNetwork)}</h3>
            {move || {
                let (security_groups, ports, floating_ips) = net.get();
                if security_groups.is_empty() && ports.is_empty() && floating_ips.is_empty() {
                    view! { <p class="wb-drawer__empty">{i18n.t(Msg::NoNetworkSettings)}</p> }.into_any()
                } else {
                    view! { <NetworkSettings security_groups ports floating_ips/> }.into_any()
                }
            }}
        </section>
    }
}
