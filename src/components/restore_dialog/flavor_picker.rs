//! The flavor choice: sizes in the option text, too-small flavors marked with the reason, and a
//! search box when the tenant has many.

use super::{described_by, FieldMessages, RestoreCtx};
use crate::state::restore::{
    flavor_label, flavor_too_small, search_flavors, FormPart, FLAVOR_SEARCH_THRESHOLD,
};
use leptos::prelude::*;

/// Flavor select (required), preselected from the backup's metadata.
#[component]
pub(super) fn FlavorPicker() -> impl IntoView {
    let rctx = expect_context::<RestoreCtx>();
    let i18n = crate::i18n::I18n::expect();
    let select_id = rctx.id("flavor");
    let search_id = rctx.id("flavor-search");
    let warning_id = rctx.id("flavor-warning");
    let error_id = rctx.id("flavor-error");
    let query = RwSignal::new(String::new());
    let flavors = move || {
        rctx.choices
            .with(|c| c.as_ref().map(|c| c.flavors.clone()).unwrap_or_default())
    };
    let many = move || {
        rctx.choices.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.flavors.len() > FLAVOR_SEARCH_THRESHOLD)
        })
    };
    let selected = move || rctx.form.with(|f| f.flavor.clone());
    let messages = Signal::derive(move || {
        let mut m: Vec<String> = rctx
            .issues
            .with(|i| i.flavor.as_ref().map(|t| i18n.show(t)))
            .into_iter()
            .collect();
        m.extend(rctx.server.with(|s| s.flavor.clone()));
        m
    });
    let warning = Memo::new(move |_| {
        let url = selected()?;
        rctx.choices.with(|c| {
            let f = c.as_ref()?.flavor(&url)?;
            rctx.backup
                .with(|b| flavor_too_small(f, b).map(|t| i18n.show(&t)))
        })
    });
    let has_error = move || !messages.with(Vec::is_empty);
    let options = move || {
        let all = flavors();
        let q = query.get();
        let current = selected();
        let backup = rctx.backup.get();
        let shown: Vec<_> = search_flavors(&all, &q)
            .into_iter()
            .cloned()
            .chain(
                // The chosen flavor stays in the list whatever the search.
                all.iter()
                    .filter(|f| {
                        Some(&f.url) == current.as_ref()
                            && !flavor_label(f)
                                .english()
                                .to_ascii_lowercase()
                                .contains(&q.trim().to_ascii_lowercase())
                    })
                    .cloned(),
            )
            .collect();
        let placeholder = current.is_none().then(|| {
            view! { <option value="" selected=true disabled=true>"Choose a flavor"</option> }
        });
        view! {
            {placeholder}
            {shown
                .into_iter()
                .map(|f| {
                    let small = flavor_too_small(&f, &backup);
                    let label = i18n.show(&flavor_label(&f));
                    let text = match &small {
                        Some(reason) => format!("{label} — {}", i18n.show(reason)),
                        None => label,
                    };
                    let is_selected = Some(&f.url) == current.as_ref();
                    view! {
                        <option value=f.url.clone() selected=is_selected data-too-small=small.is_some().then_some("true")>
                            {text}
                        </option>
                    }
                })
                .collect_view()}
        }
    };
    view! {
        <div class="wb-field wb-restore__flavor">
            <label class="wb-field__label" for=select_id.clone()>"Flavor"</label>
            <Show when=many>
                <label class="wb-visually-hidden" for=search_id.clone()>"Search flavors"</label>
                <input
                    id=search_id.clone()
                    class="wb-input wb-restore__search"
                    type="search"
                    placeholder="Search flavors by name or size"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </Show>
            <select
                id=select_id.clone()
                class="wb-input"
                required
                aria-invalid=move || has_error().then_some("true")
                aria-describedby={
                    let (w, e) = (warning_id.clone(), error_id.clone());
                    move || described_by(&[(w.clone(), warning.with(Option::is_some)), (e.clone(), has_error())])
                }
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    rctx.form.update(|f| f.flavor = (!v.is_empty()).then_some(v));
                    rctx.changed(FormPart::Flavor);
                }
            >
                {options}
            </select>
            {move || warning.get().map(|w| view! {
                <p class="wb-alert wb-alert--warning wb-restore__warning" id=warning_id.clone()>
                    {w} " The instance may not start."
                </p>
            })}
            <FieldMessages id=error_id messages/>
        </div>
    }
}
