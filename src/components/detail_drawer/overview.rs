//! The drawer's descriptive groups: overview, where the backup lives, what was captured at
//! backup time, errors and marketplace fields. Everything is rendered as text.

use super::{instance_ref, Drawer};
use crate::api::Backup;
use crate::components::context::WidgetContext;
use crate::components::ui::locale::format_timestamp;
use crate::components::ui::{Alert, CopyButton};
use crate::state::actions::Notice;
use crate::state::{kept_until_status, metadata_rows};
use leptos::prelude::*;

/// One `dt`/`dd` pair.
fn row(label: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="wb-detail__row">
            <dt class="wb-detail__label">{label}</dt>
            <dd class="wb-detail__value">{value}</dd>
        </div>
    }
}

/// A non-empty text.
fn some(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.trim().is_empty())
}

/// A row only when the value is present.
fn opt_row(
    label: &'static str,
    b: Memo<Backup>,
    get: fn(&Backup) -> Option<String>,
) -> impl IntoView {
    move || b.with(get).map(|v| row(label, v))
}

fn time_row(
    label: &'static str,
    b: Memo<Backup>,
    get: fn(&Backup) -> Option<String>,
) -> impl IntoView {
    let locale = WidgetContext::expect().settings;
    move || {
        b.with(get).map(|iso| {
            let shown = locale.with_untracked(|s| format_timestamp(&iso, s.locale.as_deref()));
            row(label, view! { <time datetime=iso>{shown}</time> })
        })
    }
}

/// Name, description, state, dates, identifiers.
#[component]
pub(super) fn Overview(b: Memo<Backup>, d: Drawer) -> impl IntoView {
    let i18n = crate::i18n::I18n::expect();
    let _ = d;
    let settings = WidgetContext::expect().settings;
    let kept_until = move || {
        b.with(|b| b.kept_until.clone()).map_or_else(
            || view! { <span class="wb-drawer__forever">"Keep forever"</span> }.into_any(),
            |iso| {
                let status = kept_until_status(Some(&iso), js_sys::Date::now());
                let shown =
                    settings.with_untracked(|s| format_timestamp(&iso, s.locale.as_deref()));
                view! {
                    <time datetime=iso>{shown}</time>
                    {status.warning().map(|w| view! {
                        <span class="wb-drawer__warning" data-kept-until-warning>{i18n.t(w)}</span>
                    })}
                }
                .into_any()
            },
        )
    };
    let uuid = Signal::derive(move || b.with(|b| b.uuid.clone()));
    let access = move || {
        b.with(|b| b.access_url.clone()).map(|a| {
            let links = a
                .urls()
                .into_iter()
                .map(str::to_owned)
                .map(|u| {
                    // Only web links become links; anything else (javascript:, data:) stays text.
                    let lower = u.trim().to_ascii_lowercase();
                    if lower.starts_with("https://") || lower.starts_with("http://") {
                        let href = u.clone();
                        view! { <a class="wb-link" href=href rel="noopener noreferrer" target="_blank">{u}</a> }
                            .into_any()
                    } else {
                        view! { <span>{u}</span> }.into_any()
                    }
                })
                .collect_view();
            row("Access URL", view! { <span class="wb-detail__list">{links}</span> })
        })
    };
    view! {
        <section class="wb-drawer__section">
            <h3 class="wb-drawer__heading">"Overview"</h3>
            <dl class="wb-detail" data-group="overview">
                {row("Name", move || b.with(|b| b.name.clone()))}
                {row("Description", move || {
                    b.with(|b| some(&b.description)).unwrap_or_else(|| "No description".into())
                })}
                {row("State", move || b.with(|b| i18n.show(&b.state.label())))}
                {time_row("Created", b, |b| some(&b.created))}
                {time_row("Modified", b, |b| some(&b.modified))}
                {row("Kept until", kept_until)}
                {row("UUID", view! {
                    <code class="wb-drawer__id">{move || uuid.get()}</code>
                    <CopyButton value=uuid label="Copy UUID"/>
                })}
                {move || b.with(|b| some(&b.backend_id)).map(|id| {
                    let value = Signal::derive(move || b.with(|b| b.backend_id.clone().unwrap_or_default()));
                    row("Backend ID", view! {
                        <code class="wb-drawer__id">{id}</code>
                        <CopyButton value=value label="Copy backend ID"/>
                    })
                })}
                {opt_row("Resource type", b, |b| some(&b.resource_type))}
                {access}
            </dl>
        </section>
    }
}

/// Organization, project, service provider, tenant and source instance.
#[component]
pub(super) fn Location(b: Memo<Backup>) -> impl IntoView {
    let customer = move || {
        b.with(|b| {
            let name = some(&b.customer_name);
            let abbr = some(&b.customer_abbreviation);
            match (name, abbr) {
                (Some(n), Some(a)) if a != n => Some(format!("{n} ({a})")),
                (Some(n), _) => Some(n),
                (None, Some(a)) => Some(a),
                (None, None) => None,
            }
        })
        .map(|c| row("Organization", c))
    };
    let provider = move || {
        b.with(|b| {
            let name = some(&b.service_name);
            let state = some(&b.service_settings_state);
            let error = some(&b.service_settings_error_message);
            (name.is_some() || state.is_some() || error.is_some()).then_some((name, state, error))
        })
        .map(|(name, state, error)| {
            row(
                "Service provider",
                view! {
                    <span>{name.unwrap_or_else(|| "Unknown".into())}</span>
                    {state.map(|s| view! { <span class="wb-drawer__subtle">" · " {s}</span> })}
                    {error.map(|e| view! { <span class="wb-drawer__error-text">{e}</span> })}
                },
            )
        })
    };
    let instance = move || {
        let (url, name) = b.with(|b| (b.instance.clone(), some(&b.instance_name)));
        (url.is_some() || name.is_some()).then(|| row("Source instance", instance_ref(url, name)))
    };
    view! {
        <section class="wb-drawer__section">
            <h3 class="wb-drawer__heading">"Where it lives"</h3>
            <dl class="wb-detail" data-group="location">
                {customer}
                {opt_row("Project", b, |b| some(&b.project_name))}
                {provider}
                {opt_row("Tenant", b, |b| some(&b.tenant_uuid))}
                {instance}
                {move || b.with(|b| {
                    b.customer_name.is_none() && b.project_name.is_none() && b.service_name.is_none()
                        && b.tenant_uuid.is_none() && b.instance.is_none() && b.instance_name.is_none()
                }).then(|| row("Location", "Not reported by the server"))}
            </dl>
        </section>
    }
}

/// What the instance looked like when it was backed up.
#[component]
pub(super) fn Metadata(b: Memo<Backup>) -> impl IntoView {
    let rows = Memo::new(move |_| b.with(|b| metadata_rows(&b.metadata)));
    let i18n = crate::i18n::I18n::expect();
    view! {
        <section class="wb-drawer__section" data-group="metadata">
            <h3 class="wb-drawer__heading">"Captured at backup time"</h3>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    view! { <p class="wb-drawer__empty">"No metadata was recorded."</p> }.into_any()
                } else {
                    view! {
                        <dl class="wb-detail">
                            {rows.into_iter().map(|r| view! {
                                <div class="wb-detail__row">
                                    <dt class="wb-detail__label">{i18n.show(&r.label)}</dt>
                                    <dd class="wb-detail__value">{i18n.show(&r.value)}</dd>
                                </div>
                            }).collect_view()}
                        </dl>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// The last failure: its message prominently, the traceback folded away.
#[component]
pub(super) fn Errors(b: Memo<Backup>) -> impl IntoView {
    let message = Memo::new(move |_| b.with(|b| some(&b.error_message)));
    let trace = Memo::new(move |_| b.with(|b| some(&b.error_traceback)));
    move || {
        (message.get().is_some() || trace.get().is_some()).then(|| {
            let trace_value = Signal::derive(move || trace.get().unwrap_or_default());
            view! {
                <section class="wb-drawer__section" data-group="errors">
                    <h3 class="wb-drawer__heading">"Errors"</h3>
                    // Part of the backup's record, not news: shown, not announced.
                    {move || message.get().map(|m| view! {
                        <Alert notice=Notice::error(m) class="wb-drawer__error-message" role="none"/>
                    })}
                    {move || trace.get().map(|t| view! {
                        <details class="wb-drawer__trace">
                            <summary>"Technical details (traceback)"</summary>
                            <pre class="wb-drawer__trace-text" tabindex="0" role="region" aria-label="Error traceback">{t}</pre>
                            <CopyButton value=trace_value label="Copy traceback"/>
                        </details>
                    })}
                </section>
            }
        })
    }
}

/// Marketplace offering, plan, category and resource state, when the backup has them.
#[component]
pub(super) fn Marketplace(b: Memo<Backup>) -> impl IntoView {
    let present = move || {
        b.with(|b| {
            [
                &b.marketplace_offering_name,
                &b.marketplace_offering_uuid,
                &b.marketplace_offering_type,
                &b.marketplace_plan_uuid,
                &b.marketplace_category_name,
                &b.marketplace_resource_state,
                &b.marketplace_resource_uuid,
            ]
            .iter()
            .any(|v| some(v).is_some())
        })
    };
    move || {
        present().then(|| view! {
            <section class="wb-drawer__section">
                <h3 class="wb-drawer__heading">"Marketplace"</h3>
                <dl class="wb-detail" data-group="marketplace">
                    {opt_row("Offering", b, |b| some(&b.marketplace_offering_name).or_else(|| some(&b.marketplace_offering_uuid)))}
                    {opt_row("Offering type", b, |b| some(&b.marketplace_offering_type))}
                    {opt_row("Plan", b, |b| some(&b.marketplace_plan_uuid))}
                    {opt_row("Category", b, |b| some(&b.marketplace_category_name).or_else(|| some(&b.marketplace_category_uuid)))}
                    {opt_row("Resource state", b, |b| some(&b.marketplace_resource_state))}
                    {opt_row("Resource", b, |b| some(&b.marketplace_resource_uuid))}
                    {opt_row("Billing", b, |b| match (b.is_usage_based, b.is_limit_based) {
                        (Some(true), _) => Some("Usage based".into()),
                        (_, Some(true)) => Some("Limit based".into()),
                        _ => None,
                    })}
                </dl>
            </section>
        })
    }
}
