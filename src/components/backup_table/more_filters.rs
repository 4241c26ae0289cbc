//! "More filters": a disclosure at the end of the filter bar with the list filters beyond the
//! six of the bar (see [`crate::state::more_filters`]). Text waits for typing to settle, as in
//! the bar; a value that fails its check is marked at its field and not sent; the checkbox
//! applies at once. Filters the host's scope fixes are not offered.
//!
//! The panel's fields come from the `dialogs` chunk of the release bundle (see
//! [`crate::components::lazy`]) when the panel is first opened: the first rows need only the
//! button. The chunk is usually there by then (it is fetched once the first rows have painted).

use crate::components::hooks::TableViewControl;
use crate::components::lazy::{lazy_part, preload, LazyRegion};
use crate::components::ui::focus::unique_id;
use crate::components::WidgetContext;
use crate::i18n::Msg;
use crate::state::more_filters::{Checked, MoreFilter, MoreFilters as Held};
use futures::FutureExt;
use leptos::prelude::*;

/// Where focus goes when the chip of `filter` is removed (`None`: "only backups I can
/// manage"): its field while the panel is open, else the disclosure button.
pub fn focus_after_remove(filter: Option<MoreFilter>) -> &'static str {
    macro_rules! at {
        ($key:literal) => {
            concat!(
                ".wb-more__toggle[aria-expanded=false], .wb-more__panel:not([hidden]) [data-filter=",
                $key,
                "]"
            )
        };
    }
    match filter {
        Some(MoreFilter::NameExact) => at!("name_exact"),
        Some(MoreFilter::BackendId) => at!("backend_id"),
        Some(MoreFilter::ExternalIp) => at!("external_ip"),
        Some(MoreFilter::ServiceProvider) => at!("provider"),
        Some(MoreFilter::CustomerAbbreviation) => at!("customer_abbreviation"),
        Some(MoreFilter::CustomerNativeName) => at!("customer_native_name"),
        Some(MoreFilter::ProjectUuid) => at!("project_uuid"),
        Some(MoreFilter::CustomerUuid) => at!("customer_uuid"),
        Some(MoreFilter::Tenant) => at!("tenant"),
        Some(MoreFilter::BackupUuid) => at!("backup_uuid"),
        None => at!("can_manage"),
    }
}

/// The disclosure button ("More filters (2)") and the panel it shows below the bar's fields.
#[component]
pub fn MoreFilters(
    /// The table's view and draft.
    control: TableViewControl,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let i18n = ctx.i18n;
    let draft = control.draft;
    let open = RwSignal::new(false);
    let button_id = unique_id("wb-more");
    let panel_id = format!("{button_id}-panel");
    let applied = Memo::new(move |_| control.view.with(|v| v.filters.more.active_count()));
    let toggle_label = move || match applied.get() {
        0 => i18n.text(Msg::MoreFilters),
        n => i18n.text_with(Msg::MoreFiltersCount, &[("count", (n as u64).into())]),
    };
    // A release before 2025 ignores `can_manage`: seen once its rows show label states.
    let ignores_can_manage = Memo::new(move |_| {
        ctx.store.rows.track();
        ctx.client().ignores_can_manage()
    });
    // A chip for a filter the server ignores, or that the host's scope overrides (a page URL
    // may hold either), would claim a narrowing that did not happen: such filters are dropped.
    Effect::new(move |_| {
        let ignored = ignores_can_manage.get();
        let overridden: Vec<MoreFilter> = ctx.settings.with(|s| {
            MoreFilter::ALL
                .into_iter()
                .filter(|f| f.fixed_by(&s.scope))
                .collect()
        });
        let stale = control.view.with_untracked(|v| {
            (ignored && v.filters.more.can_manage)
                || overridden
                    .iter()
                    .any(|f| !v.filters.more.get(*f).is_empty())
        });
        if stale {
            let clear_stale = |more: &mut Held| {
                if ignored {
                    more.can_manage = false;
                }
                for f in &overridden {
                    more.set(*f, "");
                }
            };
            draft.update(|d| clear_stale(&mut d.more));
            control.correct(|v| clear_stale(&mut v.filters.more));
        }
    });
    let ignores = Signal::from(ignores_can_manage);
    // Built once, at the first opening; closing only hides it (what is typed stays).
    let opened = RwSignal::new(false);
    let fields = move || {
        opened.get().then(|| {
            view! {
                <LazyRegion
                    preload=preload!(__preload_more_filters_view)
                    content=move || more_filters_view(control, ignores).now_or_never()?.ok()
                />
            }
        })
    };
    view! {
        <div class="wb-filter wb-more">
            <button
                type="button"
                class="wb-button wb-more__toggle"
                id=button_id.clone()
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=panel_id.clone()
                on:click=move |_| {
                    opened.set(true);
                    open.update(|o| *o = !*o);
                }
            >
                {toggle_label}
                <span class="wb-more__caret" aria-hidden="true">"▾"</span>
            </button>
        </div>
        <div
            class="wb-more__panel"
            id=panel_id
            role="group"
            aria-labelledby=button_id
            hidden=move || !open.get()
        >
            {fields}
        </div>
    }
}

lazy_part! {
    /// The fields of "More filters" and "only backups I can manage".
    fn more_filters_view / __preload_more_filters_view in dialogs
        (control: TableViewControl, ignores_can_manage: Signal<bool>) -> AnyView
    {
        view! { <MoreFiltersFields control ignores_can_manage /> }.into_any()
    }
}

/// The panel's fields (the filters the host's scope leaves open) and the checkbox, or the note
/// that this Waldur ignores `can_manage`.
#[component]
fn MoreFiltersFields(control: TableViewControl, ignores_can_manage: Signal<bool>) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let i18n = ctx.i18n;
    let draft = control.draft;
    let field = move |f: MoreFilter| {
        let id = unique_id("wb-more-field");
        let note_id = format!("{id}-note");
        let problem = Memo::new(move |_| match draft.with(|d| d.more.checked(f)) {
            Checked::Invalid(why) => Some(why),
            Checked::Empty | Checked::Send(_) => None,
        });
        let described = note_id.clone();
        view! {
            <div class="wb-field wb-filter wb-more__field">
                <label class="wb-field__label" for=id.clone()>{i18n.t(f.label())}</label>
                <input
                    id=id
                    class="wb-input"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    data-filter=f.url_key()
                    placeholder=f.placeholder().map(|m| i18n.t(m))
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby=move || problem.with(Option::is_some).then(|| described.clone())
                    prop:value=move || draft.with(|d| d.more.get(f).to_string())
                    on:input:target=move |ev| {
                        let value = ev.target().value();
                        control.type_filters(|d| d.more.set(f, value));
                    }
                />
                {move || {
                    problem
                        .get()
                        .map(|why| {
                            view! {
                                <span class="wb-field__error" id=note_id.clone()>
                                    {i18n.t(why)}
                                </span>
                            }
                        })
                }}
            </div>
        }
    };
    let fields = move || {
        ctx.settings.with(|s| {
            MoreFilter::ALL
                .into_iter()
                .filter(|f| !f.fixed_by(&s.scope))
                .map(field)
                .collect_view()
        })
    };
    view! {
        {fields}
        <div class="wb-more__manage">
            <Show
                when=move || !ignores_can_manage.get()
                fallback=move || {
                    view! {
                        <p class="wb-field__hint wb-more__unsupported">
                            {i18n.t(Msg::MoreCanManageUnsupported)}
                        </p>
                    }
                }
            >
                <label class="wb-check">
                    <input
                        type="checkbox"
                        data-filter="can_manage"
                        prop:checked=move || draft.with(|d| d.more.can_manage)
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            control.set_filters(|d| d.more.can_manage = on);
                        }
                    />
                    {i18n.t(Msg::MoreCanManage)}
                </label>
            </Show>
        </div>
    }
}
