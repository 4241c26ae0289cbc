//! The new instance's networks: one row per source port at first; each row a subnet, an
//! optional fixed IP and a floating IP choice.

use super::{described_by, FieldMessages, RestoreCtx};
use crate::i18n::{I18n, Msg};
use crate::state::restore::{
    floating_ip_unavailable, floating_ip_used_elsewhere, subnet_label, subnet_used_elsewhere,
    FloatingChoice, FormPart, RowErrors,
};
use leptos::prelude::*;

/// The network rows with Add and Remove.
#[component]
pub(super) fn Networks() -> impl IntoView {
    let rctx = expect_context::<RestoreCtx>();
    let i18n = I18n::expect();
    let section_error_id = rctx.id("networks-error");
    let fip_error_id = rctx.id("floating-error");
    let section_messages = Signal::derive(move || rctx.server.with(|s| s.networks.clone()));
    let fip_messages = Signal::derive(move || rctx.server.with(|s| s.floating_ips.clone()));
    let keys = move || {
        rctx.form
            .with(|f| f.networks.iter().map(|r| r.key).collect::<Vec<_>>())
    };
    let add = move |_| {
        rctx.choices.with_untracked(|c| {
            if let Some(c) = c {
                rctx.form.update(|f| f.add_row(c));
                rctx.changed(FormPart::Rows);
            }
        })
    };
    view! {
        <fieldset class="wb-restore__networks">
            <legend class="wb-field__label">{i18n.t(Msg::NetworksLegend)}</legend>
            <FieldMessages id=section_error_id messages=section_messages/>
            <FieldMessages id=fip_error_id messages=fip_messages/>
            {move || keys().is_empty().then(|| view! {
                <p class="wb-field__hint">{i18n.t(Msg::NoNetworksWarning)}</p>
            })}
            <For each=keys key=|k| *k let:key>
                <NetworkRowView key/>
            </For>
            <button type="button" class="wb-button wb-button--small" on:click=add>
                {i18n.t(Msg::AddNetwork)}
            </button>
        </fieldset>
    }
}

/// One network row.
#[component]
fn NetworkRowView(key: u32) -> impl IntoView {
    let rctx = expect_context::<RestoreCtx>();
    let i18n = I18n::expect();
    let position = Memo::new(move |_| {
        rctx.form
            .with(|f| f.networks.iter().position(|r| r.key == key).unwrap_or(0))
    });
    let row = Memo::new(move |_| {
        rctx.form.with(|f| {
            f.networks
                .iter()
                .find(|r| r.key == key)
                .cloned()
                .unwrap_or_default()
        })
    });
    let issues = Memo::new(move |_| {
        rctx.issues
            .with(|i| i.rows.get(position.get()).cloned().unwrap_or_default())
    });
    let server: Memo<RowErrors> = Memo::new(move |_| rctx.server.with(|s| s.row(position.get())));
    let subnet = Memo::new(move |_| {
        let url = row.with(|r| r.subnet.clone())?;
        rctx.choices.with(|c| c.as_ref()?.subnet(&url).cloned())
    });
    let subnet_id = rctx.id(&format!("net-{key}-subnet"));
    let subnet_err = rctx.id(&format!("net-{key}-subnet-error"));
    let ip_id = rctx.id(&format!("net-{key}-ip"));
    let ip_hint = rctx.id(&format!("net-{key}-ip-hint"));
    let ip_err = rctx.id(&format!("net-{key}-ip-error"));
    let fip_id = rctx.id(&format!("net-{key}-fip"));
    let fip_reason = rctx.id(&format!("net-{key}-fip-reason"));
    let fip_err = rctx.id(&format!("net-{key}-fip-error"));
    let legend_id = rctx.id(&format!("net-{key}-legend"));

    let subnet_messages = Signal::derive(move || {
        let mut m: Vec<String> = issues
            .with(|i| i.subnet.as_ref().map(|t| i18n.show(t)))
            .into_iter()
            .collect();
        m.extend(server.with(|s| s.subnet.clone()));
        m
    });
    let ip_messages = Signal::derive(move || {
        let mut m: Vec<String> = issues
            .with(|i| i.fixed_ip.as_ref().map(|t| i18n.show(t)))
            .into_iter()
            .collect();
        m.extend(server.with(|s| s.fixed_ip.clone()));
        m
    });
    let fip_messages = Signal::derive(move || {
        let mut m: Vec<String> = issues
            .with(|i| i.floating.as_ref().map(|t| i18n.show(t)))
            .into_iter()
            .collect();
        m.extend(server.with(|s| s.floating.clone()));
        m
    });
    // Why this row cannot have a floating IP (no router), shown instead of the choice.
    let fip_unavailable = Memo::new(move |_| {
        subnet.with(|s| floating_ip_unavailable(s.as_ref()).map(|t| i18n.show(&t)))
    });

    let subnet_options = move || {
        let current = row.with(|r| r.subnet.clone());
        let all = rctx
            .choices
            .with(|c| c.as_ref().map(|c| c.subnets.clone()).unwrap_or_default());
        let form = rctx.form.get();
        let placeholder = current.is_none().then(|| {
            view! { <option value="" selected=true disabled=true>{i18n.text(Msg::ChooseSubnetOption)}</option> }
        });
        view! {
            {placeholder}
            {all.into_iter()
                .map(|s| {
                    let used = subnet_used_elsewhere(&form, key, &s.url);
                    let is_current = current.as_deref() == Some(s.url.as_str());
                    let text = match used {
                        Some(n) if !is_current => used_by(i18n, subnet_label(&s), n),
                        _ => subnet_label(&s),
                    };
                    view! {
                        <option value=s.url.clone() selected=is_current disabled=used.is_some() && !is_current>
                            {text}
                        </option>
                    }
                })
                .collect_view()}
        }
    };
    let fip_options = move || {
        let current = row.with(|r| r.floating.clone());
        let all = rctx.choices.with(|c| {
            c.as_ref()
                .map(|c| c.floating_ips.clone())
                .unwrap_or_default()
        });
        let form = rctx.form.get();
        view! {
            <option value="none" selected=current == FloatingChoice::None>{i18n.text(Msg::NoneShort)}</option>
            <option value="auto" selected=current == FloatingChoice::Auto>{i18n.text(Msg::AssignNewFloatingIp)}</option>
            {all.into_iter()
                .map(|f| {
                    let used = floating_ip_used_elsewhere(&form, key, &f.url);
                    let is_current = current == FloatingChoice::Existing(f.url.clone());
                    let address = f.address.clone().unwrap_or_else(|| f.uuid.clone());
                    let text = match used {
                        Some(n) if !is_current => used_by(i18n, address, n),
                        _ => address,
                    };
                    view! {
                        <option value=f.url.clone() selected=is_current disabled=used.is_some() && !is_current>
                            {text}
                        </option>
                    }
                })
                .collect_view()}
        }
    };

    let legend_ref = legend_id.clone();
    view! {
        <fieldset class="wb-restore__row" aria-labelledby=legend_ref>
            <legend id=legend_id>{i18n.t_with(Msg::NetworkNumber, move || vec![("number", (position.get() + 1).into())])}</legend>
            <div class="wb-field">
                <label class="wb-field__label" for=subnet_id.clone()>{i18n.t(Msg::FieldSubnet)}</label>
                <select
                    id=subnet_id.clone()
                    class="wb-input"
                    aria-invalid=move || (!subnet_messages.with(Vec::is_empty)).then_some("true")
                    aria-describedby={
                        let e = subnet_err.clone();
                        move || described_by(&[(e.clone(), !subnet_messages.with(Vec::is_empty))])
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        rctx.choices.with_untracked(|c| {
                            if let Some(c) = c {
                                rctx.form.update(|f| f.set_subnet(key, (!v.is_empty()).then_some(v), c));
                                rctx.changed(FormPart::Subnet(position.get_untracked()));
                            }
                        });
                    }
                >
                    {subnet_options}
                </select>
                <FieldMessages id=subnet_err messages=subnet_messages/>
            </div>
            <div class="wb-field">
                <label class="wb-field__label" for=ip_id.clone()>{i18n.t(Msg::FixedIpOptional)}</label>
                <input
                    id=ip_id.clone()
                    class="wb-input"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || subnet.with(|s| s.as_ref().and_then(|s| s.cidr.clone()).map(|c| i18n.text_with(Msg::InsideCidr, &[("cidr", c.into())])).unwrap_or_default())
                    prop:value=move || row.with(|r| r.fixed_ip.clone())
                    aria-invalid=move || (!ip_messages.with(Vec::is_empty)).then_some("true")
                    aria-describedby={
                        let (h, e) = (ip_hint.clone(), ip_err.clone());
                        move || described_by(&[(h.clone(), true), (e.clone(), !ip_messages.with(Vec::is_empty))])
                    }
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        rctx.form.update(|f| {
                            if let Some(r) = f.row_mut(key) {
                                r.fixed_ip = v;
                            }
                        });
                        rctx.changed(FormPart::FixedIp(position.get_untracked()));
                    }
                />
                <p class="wb-field__hint" id=ip_hint>{i18n.t(Msg::FixedIpHint)}</p>
                <FieldMessages id=ip_err messages=ip_messages/>
            </div>
            <div class="wb-field">
                <label class="wb-field__label" for=fip_id.clone()>{i18n.t(Msg::FloatingIpLabel)}</label>
                <select
                    id=fip_id.clone()
                    class="wb-input"
                    disabled=move || fip_unavailable.with(Option::is_some) && row.with(|r| r.floating == FloatingChoice::None)
                    aria-invalid=move || (!fip_messages.with(Vec::is_empty)).then_some("true")
                    aria-describedby={
                        let (r, e) = (fip_reason.clone(), fip_err.clone());
                        move || described_by(&[(r.clone(), fip_unavailable.with(Option::is_some)), (e.clone(), !fip_messages.with(Vec::is_empty))])
                    }
                    on:change=move |ev| {
                        let v = FloatingChoice::from_value(&event_target_value(&ev));
                        rctx.form.update(|f| {
                            if let Some(r) = f.row_mut(key) {
                                r.floating = v;
                            }
                        });
                        rctx.changed(FormPart::Floating(position.get_untracked()));
                    }
                >
                    {fip_options}
                </select>
                {move || fip_unavailable.get().map(|reason| view! {
                    <p class="wb-field__hint" id=fip_reason.clone()>{reason}</p>
                })}
                <FieldMessages id=fip_err messages=fip_messages/>
            </div>
            <button
                type="button"
                class="wb-button wb-button--small"
                aria-label=i18n.t_with(Msg::RemoveNetwork, move || vec![("number", (position.get() + 1).into())])
                on:click=move |_| {
                    rctx.form.update(|f| f.remove_row(key));
                    rctx.changed(FormPart::Rows);
                }
            >
                {i18n.t(Msg::Remove)}
            </button>
        </fieldset>
    }
}

/// An option taken by network row `network` (1-based): its label and which row uses it.
fn used_by(i18n: I18n, label: String, network: usize) -> String {
    i18n.text_with(
        Msg::UsedByNetwork,
        &[("label", label.into()), ("network", network.into())],
    )
}
