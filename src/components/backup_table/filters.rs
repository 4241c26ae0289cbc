//! The filter bar: name search (debounced by the table), states, project, organisation,
//! description, instance; active filters as removable chips with "Clear all".

use crate::api::BackupState;
use crate::state::table::{instance_filter, Filters, InstanceFilter};
use crate::state::Scope;
use leptos::prelude::*;

/// Which text field of [`Filters`] an input edits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Name search.
    Name,
    /// Project name.
    Project,
    /// Organisation name.
    Customer,
    /// Description.
    Description,
    /// Instance UUID or URL.
    Instance,
}

impl TextField {
    fn get(self, f: &Filters) -> String {
        match self {
            TextField::Name => f.name.clone(),
            TextField::Project => f.project_name.clone(),
            TextField::Customer => f.customer_name.clone(),
            TextField::Description => f.description.clone(),
            TextField::Instance => f.instance.clone(),
        }
    }

    /// Writes `value` into the matching field.
    pub fn set(self, f: &mut Filters, value: String) {
        match self {
            TextField::Name => f.name = value,
            TextField::Project => f.project_name = value,
            TextField::Customer => f.customer_name = value,
            TextField::Description => f.description = value,
            TextField::Instance => f.instance = value,
        }
    }
}

/// Inputs of the filter bar; `draft` holds what is typed, `on_text` and `on_state` tell the table.
#[component]
pub fn FilterBar(
    /// What the inputs show.
    draft: RwSignal<Filters>,
    /// Typing in a text field (the table debounces).
    on_text: Callback<(TextField, String)>,
    /// Toggling a state (applied at once).
    on_state: Callback<BackupState>,
    /// The accessible name of the search landmark ("Filter backups of project Alpha").
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    let field =
        move |f: TextField, label: &'static str, kind: &'static str, placeholder: &'static str| {
            let id = crate::components::ui::focus::unique_id("wb-filter");
            view! {
                <div class="wb-field wb-filter">
                    <label class="wb-field__label" for=id.clone()>{label}</label>
                    <input
                        id=id
                        class="wb-input"
                        type=kind
                        placeholder=placeholder
                        autocomplete="off"
                        data-filter=match f {
                            TextField::Name => "name",
                            TextField::Project => "project",
                            TextField::Customer => "customer",
                            TextField::Description => "description",
                            TextField::Instance => "instance",
                        }
                        prop:value=move || draft.with(|d| f.get(d))
                        on:input:target=move |ev| on_text.run((f, ev.target().value()))
                    />
                </div>
            }
        };
    let instance_hint = move || {
        (instance_filter(&draft.with(|d| d.instance.clone())) == InstanceFilter::Unusable)
            .then_some("Enter the instance's UUID or API URL")
    };
    let states_label = move || match draft.with(|d| d.states.len()) {
        0 => "States: all".to_string(),
        n => format!("States ({n})"),
    };
    view! {
        <div class="wb-filters" role="search" aria-label=name>
            {field(TextField::Name, "Search name", "search", "Backup name")}
            <details class="wb-filter wb-states">
                <summary class="wb-button wb-states__summary">{states_label}</summary>
                <fieldset class="wb-states__list">
                    <legend class="wb-visually-hidden">"States"</legend>
                    {BackupState::ALL
                        .into_iter()
                        .map(|s| {
                            let checked = {
                                let s = s.clone();
                                move || draft.with(|d| d.states.contains(&s))
                            };
                            let label = s.label().to_string();
                            let key = s.as_api_str().to_string();
                            view! {
                                <label class="wb-check">
                                    <input
                                        type="checkbox"
                                        data-state=key
                                        prop:checked=checked
                                        on:change=move |_| on_state.run(s.clone())
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </details>
            {field(TextField::Project, "Project", "text", "Project name")}
            {field(TextField::Customer, "Organization", "text", "Organization name")}
            {field(TextField::Description, "Description", "text", "Description")}
            <div class="wb-filter-instance">
                {field(TextField::Instance, "Instance", "text", "Instance UUID or URL")}
                <span class="wb-field__hint">{instance_hint}</span>
            </div>
        </div>
    }
}

/// The active filters as chips; the host's fixed scope shows as chips without a remove button.
#[component]
pub fn FilterChips(
    /// The applied filters.
    #[prop(into)]
    filters: Signal<Filters>,
    /// The host's fixed scope.
    #[prop(into)]
    scope: Signal<Scope>,
    /// Removes one chip's filter.
    on_remove: Callback<crate::state::table::FilterKey>,
    /// Clears every user filter.
    on_clear: Callback<()>,
    /// The name of the instance the table is narrowed to, when the rows tell it (the chip then
    /// shows it instead of a UUID).
    #[prop(optional, into)]
    instance_name: Signal<Option<String>>,
) -> impl IntoView {
    let fixed = move || {
        let s = scope.get();
        let instance = s.instance_uuid.map(|u| instance_name.get().unwrap_or(u));
        [
            ("Instance", instance),
            ("Project", s.project_uuid),
            ("Tenant", s.tenant_uuid),
            ("Organization", s.customer_uuid),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.trim().is_empty())
                .map(|v| format!("{k}: {v}"))
        })
        .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !filters.with(|f| f.chips().is_empty()) || !fixed().is_empty()>
            <ul class="wb-chips" aria-label="Active filters">
                {move || {
                    fixed()
                        .into_iter()
                        .map(|label| {
                            view! {
                                <li class="wb-chip wb-chip--fixed" title="Set by the page; cannot be removed">
                                    {label}
                                </li>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    // The name is the scope's instance's when the host fixed one.
                    let name = instance_name
                        .get()
                        .filter(|_| scope.with(|s| s.instance_uuid.is_none()));
                    filters
                        .get()
                        .chips_naming(name.as_deref())
                        .into_iter()
                        .map(|chip| {
                            let key = chip.key.clone();
                            view! {
                                <li class="wb-chip">
                                    <span>{chip.label.clone()}</span>
                                    <button
                                        type="button"
                                        class="wb-chip__remove"
                                        aria-label=format!("Remove filter {}", chip.label)
                                        on:click=move |_| on_remove.run(key.clone())
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <Show when=move || filters.with(|f| f.is_active())>
                    <li>
                        <button type="button" class="wb-button wb-button--link wb-chips__clear" on:click=move |_| on_clear.run(())>
                            "Clear all"
                        </button>
                    </li>
                </Show>
            </ul>
        </Show>
    }
}
