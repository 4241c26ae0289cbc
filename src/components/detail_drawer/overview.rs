//! The drawer's descriptive groups: overview, where the backup lives, what was captured at
//! backup time, errors and marketplace fields. Everything is rendered as text.

use super::{instance_ref, Drawer};
use crate::api::Backup;
use crate::components::context::WidgetContext;
use crate::components::ui::locale::format_timestamp;
use crate::components::ui::{Alert, CopyButton};
use crate::i18n::{I18n, Msg};
use crate::state::actions::Notice;
use crate::state::{kept_until_status, metadata_rows};
use leptos::prelude::*;

/// One `dt`/`dd` pair; the label in the widget's language.
fn row(label: Msg, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="wb-detail__row">
            <dt class="wb-detail__label">{I18n::expect().t(label)}</dt>
            <dd class="wb-detail__value">{value}</dd>
        </div>
    }
}

/// A non-empty text.
fn some(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.trim().is_empty())
}

/// A row only when the value is present.
fn opt_row(label: Msg, b: Memo<Backup>, get: fn(&Backup) -> Option<String>) -> impl IntoView {
    move || b.with(get).map(|v| row(label, v))
}

fn time_row(label: Msg, b: Memo<Backup>, get: fn(&Backup) -> Option<String>) -> impl IntoView {
    let locale = WidgetContext::expect().settings;
    move || {
        b.with(get).map(|iso| {
            // Tracked: a new `locale` writes the date anew.
            let shown = locale.with(|s| format_timestamp(&iso, s.locale.as_deref()));
            row(label, view! { <time datetime=iso>{shown}</time> })
        })
    }
}

/// Name, description, state, dates, identifiers.
#[component]
pub(super) fn Overview(b: Memo<Backup>, d: Drawer) -> impl IntoView {
    let i18n = I18n::expect();
    let _ = d;
    let settings = WidgetContext::expect().settings;
    let kept_until = move || {
        b.with(|b| b.kept_until.clone()).map_or_else(
            || {
                view! { <span class="wb-drawer__forever">{i18n.t(Msg::KeepForever)}</span> }
                    .into_any()
            },
            |iso| {
                let status = kept_until_status(Some(&iso), js_sys::Date::now());
                let shown = settings.with(|s| format_timestamp(&iso, s.locale.as_deref()));
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
            row(Msg::DetailAccessUrl, view! { <span class="wb-detail__list">{links}</span> })
        })
    };
    view! {
        <section class="wb-drawer__section">
            <h3 class="wb-drawer__heading">{i18n.t(Msg::DrawerOverview)}</h3>
            <dl class="wb-detail" data-group="overview">
                {row(Msg::ColumnName, move || b.with(|b| b.name.clone()))}
                {row(Msg::FieldDescription, move || {
                    b.with(|b| some(&b.description)).unwrap_or_else(|| i18n.text(Msg::NoDescription))
                })}
                {row(Msg::ColumnState, move || b.with(|b| i18n.show(&b.state.label())))}
                {time_row(Msg::ColumnCreated, b, |b| some(&b.created))}
                {time_row(Msg::DetailModified, b, |b| some(&b.modified))}
                {row(Msg::ColumnKeptUntil, kept_until)}
                <div class="wb-detail__row">
                    // "UUID" is the same word in every language.
                    <dt class="wb-detail__label">"UUID"</dt>
                    <dd class="wb-detail__value">
                        <code class="wb-drawer__id">{move || uuid.get()}</code>
                        {move || view! { <CopyButton value=uuid label=i18n.text(Msg::CopyUuid)/> }}
                    </dd>
                </div>
                {move || b.with(|b| some(&b.backend_id)).map(|id| {
                    let value = Signal::derive(move || b.with(|b| b.backend_id.clone().unwrap_or_default()));
                    row(Msg::DetailBackendId, view! {
                        <code class="wb-drawer__id">{id}</code>
                        {move || view! { <CopyButton value=value label=i18n.text(Msg::CopyBackendId)/> }}
                    })
                })}
                {opt_row(Msg::DetailResourceType, b, |b| some(&b.resource_type))}
                {access}
            </dl>
        </section>
    }
}

/// Organization, project, service provider, tenant and source instance.
#[component]
pub(super) fn Location(b: Memo<Backup>) -> impl IntoView {
    let i18n = I18n::expect();
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
        .map(|c| row(Msg::ColumnOrganization, c))
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
                Msg::ColumnService,
                view! {
                    <span>{match name {
                        Some(n) => n.into_any(),
                        None => i18n.t(Msg::DetailUnknown).into_any(),
                    }}</span>
                    {state.map(|s| view! { <span class="wb-drawer__subtle">" · " {s}</span> })}
                    {error.map(|e| view! { <span class="wb-drawer__error-text">{e}</span> })}
                },
            )
        })
    };
    let instance = move || {
        let (url, name) = b.with(|b| (b.instance.clone(), some(&b.instance_name)));
        (url.is_some() || name.is_some())
            .then(|| row(Msg::DetailSourceInstance, instance_ref(url, name)))
    };
    view! {
        <section class="wb-drawer__section">
            <h3 class="wb-drawer__heading">{i18n.t(Msg::DrawerLocation)}</h3>
            <dl class="wb-detail" data-group="location">
                {customer}
                {opt_row(Msg::ColumnProject, b, |b| some(&b.project_name))}
                {provider}
                {opt_row(Msg::DetailTenant, b, |b| some(&b.tenant_uuid))}
                {instance}
                {move || b.with(|b| {
                    b.customer_name.is_none() && b.project_name.is_none() && b.service_name.is_none()
                        && b.tenant_uuid.is_none() && b.instance.is_none() && b.instance_name.is_none()
                }).then(|| row(Msg::DetailLocation, i18n.t(Msg::NotReported)))}
            </dl>
        </section>
    }
}

/// What the instance looked like when it was backed up.
#[component]
pub(super) fn Metadata(b: Memo<Backup>) -> impl IntoView {
    let rows = Memo::new(move |_| b.with(|b| metadata_rows(&b.metadata)));
    let i18n = I18n::expect();
    view! {
        <section class="wb-drawer__section" data-group="metadata">
            <h3 class="wb-drawer__heading">{i18n.t(Msg::DrawerCaptured)}</h3>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    view! { <p class="wb-drawer__empty">{i18n.t(Msg::NoMetadata)}</p> }.into_any()
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
    let i18n = I18n::expect();
    let message = Memo::new(move |_| b.with(|b| some(&b.error_message)));
    let trace = Memo::new(move |_| b.with(|b| some(&b.error_traceback)));
    move || {
        (message.get().is_some() || trace.get().is_some()).then(|| {
            let trace_value = Signal::derive(move || trace.get().unwrap_or_default());
            view! {
                <section class="wb-drawer__section" data-group="errors">
                    <h3 class="wb-drawer__heading">{i18n.t(Msg::DrawerErrors)}</h3>
                    // Part of the backup's record, not news: shown, not announced.
                    {move || message.get().map(|m| view! {
                        <Alert notice=Notice::error(m) class="wb-drawer__error-message" role="none"/>
                    })}
                    {move || trace.get().map(|t| view! {
                        <details class="wb-drawer__trace">
                            <summary>{i18n.t(Msg::TracebackSummary)}</summary>
                            <pre class="wb-drawer__trace-text" tabindex="0" role="region" aria-label=i18n.t(Msg::TracebackLabel)>{t}</pre>
                            {move || view! { <CopyButton value=trace_value label=i18n.text(Msg::CopyTraceback)/> }}
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
    let i18n = I18n::expect();
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
                <h3 class="wb-drawer__heading">{i18n.t(Msg::DrawerMarketplace)}</h3>
                <dl class="wb-detail" data-group="marketplace">
                    {opt_row(Msg::DetailOffering, b, |b| some(&b.marketplace_offering_name).or_else(|| some(&b.marketplace_offering_uuid)))}
                    {opt_row(Msg::DetailOfferingType, b, |b| some(&b.marketplace_offering_type))}
                    {opt_row(Msg::DetailPlan, b, |b| some(&b.marketplace_plan_uuid))}
                    {opt_row(Msg::DetailCategory, b, |b| some(&b.marketplace_category_name).or_else(|| some(&b.marketplace_category_uuid)))}
                    {opt_row(Msg::DetailResourceState, b, |b| some(&b.marketplace_resource_state))}
                    {opt_row(Msg::DetailResource, b, |b| some(&b.marketplace_resource_uuid))}
                    {move || b.with(|b| match (b.is_usage_based, b.is_limit_based) {
                        (Some(true), _) => Some(Msg::UsageBased),
                        (_, Some(true)) => Some(Msg::LimitBased),
                        _ => None,
                    }).map(|m| row(Msg::DetailBilling, i18n.t(m)))}
                </dl>
            </section>
        })
    }
}
