//! Security groups of the new instance: several may be chosen, the source instance's at first.

use super::{described_by, FieldMessages, RestoreCtx};
use crate::i18n::{I18n, Msg};
use crate::state::restore::FormPart;
use leptos::prelude::*;

/// Security groups: several may be chosen, the source instance's at first.
#[component]
pub(super) fn SecurityGroups() -> impl IntoView {
    let rctx = expect_context::<RestoreCtx>();
    let i18n = I18n::expect();
    let error_id = rctx.id("sg-error");
    let messages = Signal::derive(move || rctx.server.with(|s| s.security_groups.clone()));
    let groups = move || {
        rctx.choices.with(|c| {
            c.as_ref()
                .map(|c| c.security_groups.clone())
                .unwrap_or_default()
        })
    };
    let has_error = move || !messages.with(Vec::is_empty);
    let error_id_msg = error_id.clone();
    view! {
        <fieldset
            class="wb-restore__groups"
            aria-invalid=move || has_error().then_some("true")
            aria-describedby={
                let id = error_id.clone();
                move || described_by(&[(id.clone(), has_error())])
            }
        >
            <legend class="wb-field__label">{i18n.t(Msg::SecurityGroups)}</legend>
            {move || {
                let list = groups();
                if list.is_empty() {
                    view! { <p class="wb-field__hint">{i18n.t(Msg::NoSecurityGroups)}</p> }.into_any()
                } else {
                    list.into_iter()
                        .map(|g| {
                            let url = g.url.clone();
                            let url2 = g.url.clone();
                            let id = rctx.id(&format!("sg-{}", g.uuid));
                            let own_id = format!("{id}-error");
                            // The server's messages about this group, beside its box.
                            let own = {
                                let url = g.url.clone();
                                Signal::derive(move || rctx.server.with(|s| s.group(&url)))
                            };
                            let bad = move || has_error() || !own.with(Vec::is_empty);
                            view! {
                                <div class="wb-restore__check">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        aria-invalid=move || bad().then_some("true")
                                        aria-describedby={
                                            let own_id = own_id.clone();
                                            move || described_by(&[(own_id.clone(), !own.with(Vec::is_empty))])
                                        }
                                        prop:checked=move || rctx.form.with(|f| f.security_groups.contains(&url))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            rctx.form.update(|f| f.toggle_security_group(&url2, on));
                                            rctx.changed(FormPart::SecurityGroups);
                                        }
                                    />
                                    <label for=id>
                                        {g.name.clone()}
                                        {g.description.clone().filter(|d| !d.is_empty()).map(|d| view! { <span class="wb-restore__muted">" — " {d}</span> })}
                                    </label>
                                    <FieldMessages id=own_id messages=own/>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <FieldMessages id=error_id_msg messages/>
        </fieldset>
    }
}
