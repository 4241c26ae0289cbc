//! The tenant's quotas in the restore dialog: read once when it opens (`GET
//! /api/openstack-tenants/{uuid}/`), with the backed-up instance's volumes, and shown under
//! the flavor and the networks against what the current choice needs. A choice past a quota
//! is flagged with the numbers; sending stays possible (the server decides).

use super::RestoreCtx;
use crate::api::Quota;
use crate::components::ui::Alert;
use crate::components::WidgetContext;
use crate::i18n::{Msg, Text};
use crate::state::actions::{Notice, Tone};
use crate::state::quota::{check_quotas, restore_needs, QuotaCheck, QuotaField};
use crate::state::uuid_from_url;
use leptos::prelude::*;

/// What is known of the tenant's quotas.
#[derive(Clone, Debug, PartialEq)]
enum QuotaLoad {
    Loading,
    /// The tenant could not be read (or the backup names none).
    Unknown,
    Known(Vec<Quota>),
}

/// The quotas and volume sizes of one restore dialog (provided as context inside it).
#[derive(Clone, Copy)]
pub(crate) struct RestoreQuotas {
    quotas: RwSignal<QuotaLoad>,
    /// Sizes (MiB) of the backed-up instance's volumes; `None` until read, or if it cannot be.
    volumes: RwSignal<Option<Vec<u64>>>,
}

impl RestoreQuotas {
    /// Starts reading the tenant `tenant_uuid` and the instance at `instance_url`.
    pub fn load(ctx: WidgetContext, tenant_uuid: &str, instance_url: Option<&str>) -> Self {
        let this = RestoreQuotas {
            quotas: RwSignal::new(QuotaLoad::Loading),
            volumes: RwSignal::new(None),
        };
        let client = ctx.client();
        let tenant = tenant_uuid.trim().to_owned();
        if tenant.is_empty() {
            this.quotas.set(QuotaLoad::Unknown);
        } else {
            ctx.spawn(async move {
                let answer = client.get_tenant(&tenant).await;
                this.quotas.try_set(match answer {
                    Ok(t) if !t.quotas.is_empty() => QuotaLoad::Known(t.quotas),
                    _ => QuotaLoad::Unknown,
                });
            });
        }
        if let Some(uuid) = instance_url.and_then(uuid_from_url).map(str::to_owned) {
            let client = ctx.client();
            ctx.spawn(async move {
                if let Ok(instance) = client.get_instance(&uuid).await {
                    let sizes: Vec<u64> = instance.volumes.iter().filter_map(|v| v.size).collect();
                    if sizes.len() == instance.volumes.len() && !sizes.is_empty() {
                        this.volumes.try_set(Some(sizes));
                    }
                }
            });
        }
        this
    }
}

/// The quota note under `field`: each quota the choice touches, the exceeded ones flagged.
#[component]
pub(crate) fn QuotaNote(field: QuotaField) -> impl IntoView {
    let rctx = expect_context::<RestoreCtx>();
    let quotas = expect_context::<RestoreQuotas>();
    let i18n = crate::i18n::I18n::expect();
    let checks = Memo::new(move |_| {
        let QuotaLoad::Known(list) = quotas.quotas.get() else {
            return Vec::new();
        };
        let volumes = quotas.volumes.get();
        let backup = rctx.backup.get();
        rctx.choices.with(|c| {
            let Some(c) = c else { return Vec::new() };
            rctx.form.with(|f| {
                let flavor = f.flavor.as_deref().and_then(|u| c.flavor(u));
                let mut needs = restore_needs(flavor, volumes.as_deref(), f);
                // Without the instance, the backup's recorded size still tells the storage.
                if needs.storage.is_none() {
                    needs.storage = backup.metadata.size();
                }
                check_quotas(&list, &needs)
                    .into_iter()
                    .filter(|q| q.field == field)
                    .collect::<Vec<QuotaCheck>>()
            })
        })
    });
    let exceeded = Memo::new(move |_| {
        checks.with(|c| {
            c.iter()
                .filter(|q| q.exceeded())
                .map(QuotaCheck::text)
                .collect::<Vec<_>>()
        })
    });
    let within = move || {
        checks.with(|c| {
            c.iter()
                .filter(|q| !q.exceeded())
                .map(QuotaCheck::text)
                .collect::<Vec<_>>()
        })
    };
    let unknown =
        move || field == QuotaField::Flavor && quotas.quotas.with(|q| *q == QuotaLoad::Unknown);
    view! {
        <div class="wb-quota" data-field=match field {
            QuotaField::Flavor => "flavor",
            QuotaField::Networks => "networks",
        }>
            {move || {
                let lines = exceeded.get();
                (!lines.is_empty()).then(|| {
                    let notice = Notice {
                        tone: Tone::Warning,
                        text: Text::new(Msg::QuotaWouldExceed),
                        details: lines,
                    };
                    view! { <Alert notice class="wb-quota__exceeded" /> }
                })
            }}
            {move || {
                let lines = within();
                (!lines.is_empty()).then(|| view! {
                    <ul class="wb-quota__list" aria-label=i18n.t(Msg::QuotaLeftLabel)>
                        {lines.into_iter().map(|l| view! { <li>{i18n.show(&l)}</li> }).collect_view()}
                    </ul>
                })
            }}
            <Show when=unknown>
                <p class="wb-quota__unknown">
                    {i18n.t(Msg::QuotaUnknown)}
                </p>
            </Show>
        </div>
    }
}
