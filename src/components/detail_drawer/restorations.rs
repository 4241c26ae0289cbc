//! The instances restored from this backup, newest first.

use super::instance_ref;
use super::network::NetworkSettings;
use crate::api::Backup;
use crate::components::context::WidgetContext;
use crate::components::ui::locale::format_timestamp;
use crate::i18n::{I18n, Msg};
use crate::state::{restorations_newest_first, uuid_from_url};
use leptos::prelude::*;

/// A timeline of restorations: date, flavor, the new instance and its network settings.
#[component]
pub(super) fn Restorations(b: Memo<Backup>) -> impl IntoView {
    let settings = WidgetContext::expect().settings;
    let i18n = I18n::expect();
    let items = Memo::new(move |_| b.with(|b| restorations_newest_first(&b.restorations.items())));
    view! {
        <section class="wb-drawer__section" data-group="restorations">
            <h3 class="wb-drawer__heading">{i18n.t(Msg::ColumnRestorations)}</h3>
            {move || {
                let items = items.get();
                if items.is_empty() {
                    return view! { <p class="wb-drawer__empty">{i18n.t(Msg::NotRestoredYet)}</p> }.into_any();
                }
                // Tracked: a new `locale` writes the dates anew.
                let locale = settings.with(|s| s.locale.clone());
                view! {
                    <ol class="wb-timeline">
                        {items.into_iter().map(|r| {
                            let when = r.created.clone().map(|iso| {
                                let shown = format_timestamp(&iso, locale.as_deref());
                                view! { <time datetime=iso>{shown}</time> }.into_any()
                            }).unwrap_or_else(|| view! { <span>{i18n.t(Msg::DateUnknown)}</span> }.into_any());
                            let flavor = r.flavor.as_deref().map(|f| uuid_from_url(f).unwrap_or(f).to_owned());
                            let has_net = !(r.security_groups.is_empty() && r.ports.is_empty() && r.floating_ips.is_empty());
                            view! {
                                <li class="wb-timeline__item" data-restoration=r.uuid.clone()>
                                    <div class="wb-timeline__when">{when}</div>
                                    <dl class="wb-detail wb-detail--compact">
                                        <div class="wb-detail__row">
                                            <dt class="wb-detail__label">{i18n.t(Msg::ColumnInstance)}</dt>
                                            <dd class="wb-detail__value">{instance_ref(r.instance.clone(), r.name.clone())}</dd>
                                        </div>
                                        {flavor.map(|f| view! {
                                            <div class="wb-detail__row">
                                                <dt class="wb-detail__label">{i18n.t(Msg::MetaFlavor)}</dt>
                                                <dd class="wb-detail__value">{f}</dd>
                                            </div>
                                        })}
                                    </dl>
                                    {has_net.then(|| view! {
                                        <details class="wb-timeline__net">
                                            <summary>{i18n.t(Msg::NetworkSettings)}</summary>
                                            <NetworkSettings
                                                security_groups=r.security_groups.clone()
                                                ports=r.ports.clone()
                                                floating_ips=r.floating_ips.clone()
                                            />
                                        </details>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}
