//! The flavor choice: sizes in the option text, too-small flavors marked with the reason, and a
//! search box when the tenant has many.

use super::{described_by, FieldMessages, RestoreCtx};
use crate::components::ui::Alert;
use crate::i18n::{Msg, Text};
use crate::state::actions::Notice;
use crate::state::restore::{
    default_flavor, flavor_label, flavor_too_small, search_flavors, FormPart,
    FLAVOR_SEARCH_THRESHOLD,
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
    let note_id = rctx.id("flavor-note");
    // Why the preselected flavor is not the backup's own, while it is still the one chosen.
    let note = Memo::new(move |_| {
        let d = rctx.choices.with(|c| {
            c.as_ref()
                .map(|c| rctx.backup.with(|b| default_flavor(b, c)))
                .unwrap_or_default()
        });
        d.note.filter(|_| rctx.form.with(|f| f.flavor == d.chosen))
    });
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
            rctx.backup.with(|b| flavor_too_small(f, b))
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
            view! { <option value="" selected=true disabled=true>{i18n.text(Msg::ChooseFlavorOption)}</option> }
        });
        view! {
            {placeholder}
            {shown
                .into_iter()
                .map(|f| {
                    // Short enough to read whole in the closed list; the reason is below it.
                    let small = flavor_too_small(&f, &backup);
                    let label = i18n.show(&flavor_label(&f));
                    let text = match &small {
                        Some(_) => i18n.text_with(Msg::FlavorOptionTooSmall, &[("flavor", label.into())]),
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
            <label class="wb-field__label" for=select_id.clone()>{i18n.t(Msg::MetaFlavor)}</label>
            <Show when=many>
                <label class="wb-visually-hidden" for=search_id.clone()>{i18n.t(Msg::SearchFlavors)}</label>
                <input
                    id=search_id.clone()
                    class="wb-input wb-restore__search"
                    type="search"
                    placeholder=i18n.t(Msg::SearchFlavorsPlaceholder)
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </Show>
            <select
                id=select_id.clone()
                class="wb-input"
                required
                aria-invalid=move || has_error().then_some("true")
                title=move || {
                    selected().and_then(|url| rctx.choices.with(|c| c.as_ref()?.flavor(&url).map(|f| i18n.show(&flavor_label(f)))))
                }
                aria-describedby={
                    let (n, w, e) = (note_id.clone(), warning_id.clone(), error_id.clone());
                    move || described_by(&[
                        (n.clone(), note.with(Option::is_some)),
                        (w.clone(), warning.with(Option::is_some)),
                        (e.clone(), has_error()),
                    ])
                }
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    rctx.form.update(|f| f.flavor = (!v.is_empty()).then_some(v));
                    rctx.changed(FormPart::Flavor);
                }
            >
                {options}
            </select>
            {move || note.get().map(|n| view! {
                <p class="wb-field__hint wb-restore__flavor-note" id=note_id.clone()>{i18n.show(&n)}</p>
            })}
            // Read as the list's description, not announced on its own.
            {move || warning.get().map(|w| view! {
                <Alert
                    notice=Notice::warning(
                        Text::new(Msg::TwoSentences)
                            .arg("first", w)
                            .arg("second", Text::new(Msg::InstanceMayNotStart)),
                    )
                    class="wb-restore__warning"
                    role="none"
                    id=warning_id.clone()
                />
            })}
            <FieldMessages id=error_id messages/>
        </div>
    }
}
