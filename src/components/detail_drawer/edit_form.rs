//! Editing name, description and retention in place.

use super::Drawer;
use crate::components::ui::focus::unique_id;
use crate::components::ui::locale::{now_ms, utc_offset_minutes};
use crate::components::ui::{Alert, Spinner};
use crate::i18n::Msg;
use crate::state::actions::Notice;
use crate::state::text_limits::{description_count, NAME_MAX};
use crate::state::{BackupForm, FormErrors, Purpose, Retention};
use leptos::prelude::*;

/// The edit form: validated before sending; edits stay on every error.
#[component]
pub(super) fn EditPanel(d: Drawer) -> impl IntoView {
    let name_id = unique_id("wb-edit-name");
    let desc_id = unique_id("wb-edit-description");
    let kept_id = unique_id("wb-edit-kept");
    let forever_id = unique_id("wb-edit-forever");
    let hint = |id: &str| format!("{id}-hint");
    let name_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = name_ref.get() {
            let _ = el.focus();
        }
    });
    let e = d.errors;
    let i18n = crate::i18n::I18n::expect();
    // Once submitted, each field's message follows its value as it is edited.
    Effect::new(move |before: Option<BackupForm>| {
        let after = d.form.get();
        if let Some(before) = before.filter(|b| *b != after) {
            if d.submitted.get_untracked() {
                e.update(|e| {
                    e.follow(
                        &before,
                        &after,
                        Purpose::Edit,
                        now_ms(),
                        &utc_offset_minutes,
                    )
                });
            }
        }
        after
    });
    let describe = move |id: String, has_error: Signal<bool>, with_hint: bool| {
        let (eid, hid) = (format!("{id}-error"), format!("{id}-hint"));
        move || {
            let mut parts = Vec::new();
            if with_hint {
                parts.push(hid.clone());
            }
            if has_error.get() {
                parts.push(eid.clone());
            }
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    };
    let name_bad = Signal::derive(move || e.with(|e| e.name.is_some()));
    let desc_bad = Signal::derive(move || e.with(|e| e.description.is_some()));
    let kept_bad = Signal::derive(move || e.with(|e| e.kept_until.is_some()));
    let field_error = move |id: String, get: fn(&FormErrors) -> Option<crate::i18n::Text>| {
        move || {
            e.with(get).map(|m| {
                view! { <p class="wb-field__error" id=format!("{id}-error")>{i18n.show(&m)}</p> }
            })
        }
    };
    let forever = Signal::derive(move || d.form.with(|f| f.retention == Retention::Forever));
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        d.save();
    };
    view! {
        <form class="wb-drawer__form" novalidate on:submit=submit aria-label=i18n.t(Msg::EditBackup)>
            {move || e.with(FormErrors::top_text).map(|m| view! {
                <Alert notice=Notice::error(m) class="wb-drawer__form-error" tabindex=-1/>
            })}
            <div class="wb-field">
                <label class="wb-field__label" for=name_id.clone()>{i18n.t(Msg::ColumnName)}</label>
                <input
                    node_ref=name_ref
                    class="wb-input"
                    id=name_id.clone()
                    name="name"
                    type="text"
                    required
                    autocomplete="off"
                    aria-invalid=move || name_bad.get().then_some("true")
                    aria-describedby=describe(name_id.clone(), name_bad, true)
                    prop:value=move || d.form.with(|f| f.name.clone())
                    on:input=move |ev| d.form.update(|f| f.name = event_target_value(&ev))
                />
                <p class="wb-field__hint" id=hint(&name_id)>{i18n.t_with(Msg::NameHint, || vec![("max", NAME_MAX.into())])}</p>
                {field_error(name_id.clone(), |e| e.name.clone())}
            </div>
            <div class="wb-field">
                <label class="wb-field__label" for=desc_id.clone()>{i18n.t(Msg::FieldDescription)}</label>
                <textarea
                    class="wb-textarea"
                    id=desc_id.clone()
                    name="description"
                    rows="3"
                    aria-invalid=move || desc_bad.get().then_some("true")
                    aria-describedby=describe(desc_id.clone(), desc_bad, true)
                    prop:value=move || d.form.with(|f| f.description.clone())
                    on:input=move |ev| d.form.update(|f| f.description = event_target_value(&ev))
                ></textarea>
                <p class="wb-field__hint" id=hint(&desc_id)>
                    {move || d.form.with(|f| i18n.show(&description_count(&f.description)))}
                </p>
                {field_error(desc_id.clone(), |e| e.description.clone())}
            </div>
            <fieldset class="wb-drawer__fieldset">
                <legend class="wb-field__label">{i18n.t(Msg::KeepUntil)}</legend>
                <div class="wb-field wb-field--inline">
                    <input
                        type="checkbox"
                        id=forever_id.clone()
                        name="keep_forever"
                        prop:checked=move || forever.get()
                        on:change=move |ev| {
                            let retention = if event_target_checked(&ev) { Retention::Forever } else { Retention::Custom };
                            d.form.update(|f| f.retention = retention)
                        }
                    />
                    <label for=forever_id.clone()>{i18n.t(Msg::KeepForever)}</label>
                </div>
                <div class="wb-field">
                    <label class="wb-field__label" for=kept_id.clone()>{i18n.t(Msg::DateTimeLocal)}</label>
                    <input
                        class="wb-input"
                        id=kept_id.clone()
                        name="kept_until"
                        type="datetime-local"
                        disabled=move || forever.get()
                        aria-invalid=move || kept_bad.get().then_some("true")
                        aria-describedby=describe(kept_id.clone(), kept_bad, true)
                        prop:value=move || d.form.with(|f| f.until.clone())
                        on:input=move |ev| d.form.update(|f| f.until = event_target_value(&ev))
                    />
                    <p class="wb-field__hint" id=hint(&kept_id)>
                        {i18n.t(Msg::EditKeptUntilHint)}
                    </p>
                    {field_error(kept_id.clone(), |e| e.kept_until.clone())}
                </div>
            </fieldset>
            <div class="wb-drawer__form-actions">
                <button
                    type="submit"
                    class="wb-button wb-button--primary"
                    data-action="save"
                    aria-disabled=move || d.saving.get().then_some("true")
                    aria-busy=move || d.saving.get().then_some("true")
                >
                    {move || d.saving.get().then(|| view! { <Spinner/> })}
                    {move || i18n.text(if d.saving.get() { Msg::Saving } else { Msg::Save })}
                </button>
                <button type="button" class="wb-button" data-action="cancel-edit" on:click=move |_| d.cancel_edit()>
                    {i18n.t(Msg::Cancel)}
                </button>
            </div>
        </form>
    }
}
