//! The filter bar: name search (debounced by the table), states, project, organisation,
//! description, instance; active filters as removable chips with "Clear all".

use crate::api::ResourceState;
use crate::components::ui::focus::{active_element, unique_id};
use crate::components::ui::popover::{self, Align};
use crate::i18n::{I18n, Msg};
use crate::state::table::{instance_filter, Filters, InstanceFilter, INSTANCE_FILTER_HINT};
use crate::state::Scope;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
    on_state: Callback<ResourceState>,
    /// Fields the host's scope fixes, with what they are fixed to: shown read-only.
    #[prop(optional, into)]
    fixed: Signal<Vec<(TextField, String)>>,
    /// The accessible name of the search landmark ("Filter backups of project Alpha").
    #[prop(into)]
    name: Signal<String>,
    /// More controls at the end of the bar ("More filters").
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let fixed_value = move |f: TextField| {
        fixed.with(|list| list.iter().find(|(k, _)| *k == f).map(|(_, v)| v.clone()))
    };
    // Instance text the API cannot filter by is marked, not silently dropped.
    let instance_bad = Signal::derive(move || {
        fixed_value(TextField::Instance).is_none()
            && draft.with(|d| instance_filter(&d.instance) == InstanceFilter::Unusable)
    });
    let field = move |f: TextField,
                      label: Msg,
                      kind: &'static str,
                      placeholder: Msg,
                      invalid: Option<(Signal<bool>, Msg)>| {
        let id = unique_id("wb-filter");
        let note_id = format!("{id}-note");
        let fixed_here = move || fixed_value(f).is_some();
        let bad = move || invalid.is_some_and(|(on, _)| on.get());
        let note = {
            let note_id = note_id.clone();
            move || {
                if fixed_here() {
                    Some(view! { <span class="wb-field__hint" id=note_id.clone()>{i18n.t(Msg::SetByThisPage)}</span> }.into_any())
                } else if bad() {
                    invalid.map(|(_, message)| {
                        view! { <span class="wb-field__error" id=note_id.clone()>{i18n.t(message)}</span> }.into_any()
                    })
                } else {
                    None
                }
            }
        };
        view! {
            <div class="wb-field wb-filter" class:wb-filter--fixed=fixed_here>
                <label class="wb-field__label" for=id.clone()>{i18n.t(label)}</label>
                <input
                    id=id
                    class="wb-input"
                    type=kind
                    placeholder=i18n.t(placeholder)
                    autocomplete="off"
                    data-filter=match f {
                        TextField::Name => "name",
                        TextField::Project => "project",
                        TextField::Customer => "customer",
                        TextField::Description => "description",
                        TextField::Instance => "instance",
                    }
                    readonly=fixed_here
                    aria-invalid=move || bad().then_some("true")
                    aria-describedby=move || (fixed_here() || bad()).then(|| note_id.clone())
                    prop:value=move || fixed_value(f).unwrap_or_else(|| draft.with(|d| f.get(d)))
                    on:input:target=move |ev| {
                        if !fixed_here() {
                            on_text.run((f, ev.target().value()))
                        }
                    }
                />
                {note}
            </div>
        }
    };
    view! {
        <div class="wb-filters" role="search" aria-label=name>
            {field(TextField::Name, Msg::SearchName, "search", Msg::BackupNamePlaceholder, None)}
            <StatesFilter draft=draft on_state=on_state />
            {field(TextField::Project, Msg::ColumnProject, "text", Msg::ProjectNamePlaceholder, None)}
            {field(TextField::Customer, Msg::ColumnOrganization, "text", Msg::OrganizationNamePlaceholder, None)}
            {field(TextField::Description, Msg::FieldDescription, "text", Msg::FieldDescription, None)}
            <div class="wb-filter-instance">
                {field(
                    TextField::Instance,
                    Msg::ColumnInstance,
                    "text",
                    Msg::InstancePlaceholder,
                    Some((instance_bad, INSTANCE_FILTER_HINT)),
                )}
            </div>
            {children.map(|more| more())}
        </div>
    }
}

/// The States filter: a button that opens a list of checkboxes beside it, in the top layer
/// (no scroll box clips it). The list closes on Esc (focus back on the button), on a press
/// outside it, when focus leaves it, and when the page scrolls its button away.
#[component]
fn StatesFilter(draft: RwSignal<Filters>, on_state: Callback<ResourceState>) -> impl IntoView {
    let i18n = I18n::expect();
    let open = RwSignal::new(false);
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let list = NodeRef::<leptos::html::Fieldset>::new();
    let list_id = unique_id("wb-states");
    // Where the button was when the list opened: the list closes once it moves.
    let anchored_at = StoredValue::new(None::<(f64, f64)>);
    let show = move || {
        let (Some(l), Some(b)) = (list.get_untracked(), button.get_untracked()) else {
            return;
        };
        popover::open(&l, &b, Align::Start);
        anchored_at.set_value(Some(popover::anchor_position(&b)));
        open.set(true);
    };
    // `refocus`: focus goes back to the button (Esc, or focus was inside the list).
    let hide = move |refocus: bool| {
        if !open.get_untracked() {
            return;
        }
        open.set(false);
        anchored_at.set_value(None);
        if let Some(l) = list.get_untracked() {
            let focus_inside =
                active_element().is_some_and(|a| l.contains(Some(a.unchecked_ref())));
            popover::close(&l);
            if refocus || focus_inside {
                if let Some(b) = button.get_untracked() {
                    popover::focus_quietly(&b);
                }
            }
        }
    };
    popover::on_page_moves(move || {
        let moved = match (button.get_untracked(), anchored_at.get_value()) {
            (Some(b), Some(at)) => popover::anchor_moved(&b, at),
            _ => false,
        };
        if moved {
            hide(false);
        }
    });
    // With focus inside, leaving focus closes the list (below); a press outside closes it when
    // focus is elsewhere (Safari does not focus a button on click).
    popover::on_press_outside(
        move || {
            open.get_untracked()
                .then(|| wrapper.get_untracked().map(Into::into))
                .flatten()
        },
        move || {
            let focus_inside = match (active_element(), wrapper.get_untracked()) {
                (Some(a), Some(w)) => w.contains(Some(a.unchecked_ref())),
                _ => false,
            };
            if !focus_inside {
                hide(false);
            }
        },
    );
    let label = move || match draft.with(|d| d.states.len()) {
        0 => i18n.text(Msg::StatesAll),
        n => i18n.text_with(Msg::StatesChosen, &[("count", n.into())]),
    };
    view! {
        <div
            class="wb-filter wb-states"
            node_ref=wrapper
            on:keydown=move |ev| {
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.prevent_default();
                    ev.stop_propagation();
                    hide(true);
                }
            }
            on:focusout=move |ev| {
                let to: Option<web_sys::Node> = ev.related_target().and_then(|t| t.dyn_into().ok());
                match (to, wrapper.get_untracked()) {
                    (Some(to), Some(w)) if w.contains(Some(&to)) => {}
                    // Focus went to something else the user chose: it stays there.
                    (Some(_), _) => hide(false),
                    // A press on nothing focusable: back on the button, not the page.
                    (None, _) => {
                        hide(false);
                        if let Some(b) = button.get_untracked() {
                            popover::refocus_when_lost(b.into());
                        }
                    }
                }
            }
        >
            <button
                type="button"
                class="wb-button wb-states__button"
                node_ref=button
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=list_id.clone()
                on:click=move |_| if open.get_untracked() { hide(true) } else { show() }
            >
                {label}
                <span class="wb-states__caret" aria-hidden="true">"▾"</span>
            </button>
            <fieldset class="wb-popup wb-states__list" id=list_id popover="manual" tabindex="-1" node_ref=list>
                <legend class="wb-visually-hidden">{i18n.t(Msg::States)}</legend>
                {ResourceState::ALL
                    .into_iter()
                    .map(|s| {
                        let checked = {
                            let s = s.clone();
                            move || draft.with(|d| d.states.contains(&s))
                        };
                        let label = s.label();
                        let key = s.as_api_str().to_string();
                        view! {
                            <label class="wb-check">
                                <input
                                    type="checkbox"
                                    data-state=key
                                    prop:checked=checked
                                    on:change=move |_| on_state.run(s.clone())
                                />
                                {move || i18n.show(&label)}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
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
    let i18n = I18n::expect();
    let fixed = move || {
        let s = scope.get();
        let instance = s.instance_uuid.map(|u| instance_name.get().unwrap_or(u));
        [
            (Msg::ChipInstance, instance),
            (Msg::ChipProject, s.project_uuid),
            (Msg::ChipTenant, s.tenant_uuid),
            (Msg::ChipOrganization, s.customer_uuid),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.trim().is_empty())
                .map(|v| i18n.text_with(k, &[("value", v.into())]))
        })
        .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !filters.with(|f| f.chips().is_empty()) || !fixed().is_empty()>
            <ul class="wb-chips" aria-label=i18n.t(Msg::ActiveFilters)>
                {move || {
                    fixed()
                        .into_iter()
                        .map(|label| {
                            view! {
                                <li class="wb-chip wb-chip--fixed" title=i18n.t(Msg::FixedChipTitle)>
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
                                    <span>{i18n.show(&chip.label)}</span>
                                    <button
                                        type="button"
                                        class="wb-chip__remove"
                                        aria-label=i18n.text_with(Msg::RemoveFilter, &[("label", chip.label.clone().into())])
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
                            {i18n.t(Msg::ClearAll)}
                        </button>
                    </li>
                </Show>
            </ul>
        </Show>
    }
}
