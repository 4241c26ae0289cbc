//! What the restore will create, in sentences, before anything is sent.

use super::RestoreCtx;
use crate::state::restore::summary;
use leptos::prelude::*;

/// The summary of the new instance, updated as the form changes.
#[component]
pub(super) fn Summary() -> impl IntoView {
    let rctx = expect_context::<RestoreCtx>();
    let i18n = crate::i18n::I18n::expect();
    let heading = rctx.id("summary");
    let lines = move || {
        rctx.choices.with(|c| match c {
            Some(c) => rctx.form.with(|f| rctx.backup.with(|b| summary(f, c, b))),
            None => Vec::new(),
        })
    };
    let heading_ref = heading.clone();
    view! {
        <section class="wb-restore__summary" aria-labelledby=heading_ref>
            <h3 id=heading>{i18n.t(crate::i18n::Msg::SummaryHeading)}</h3>
            <ul data-restore-summary>
                {move || lines().into_iter().map(|l| view! { <li>{i18n.show(&l)}</li> }).collect_view()}
            </ul>
        </section>
    }
}
