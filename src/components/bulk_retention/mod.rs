//! "Keep until…" for the selected rows: one retention (a date, or keep forever) set on every
//! selected backup. The button is here; the dialog ([`dialog`]) is a lazily loaded part of the
//! `dialogs` chunk.

mod dialog;

use crate::api::Backup;
use crate::components::lazy::{lazy_part, preload, LazyDialog};
use crate::components::ui::ModalKind;
use crate::components::WidgetContext;
use crate::i18n::Msg;
use futures::FutureExt;
use leptos::prelude::*;

/// Selected backups the user may not change: name and why.
pub type Denied = Vec<(String, crate::i18n::Text)>;

/// "Keep until… (N)" while rows are selected, and its dialog.
#[component]
pub fn BulkRetentionButton(
    /// UUIDs of the selected rows.
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let i18n = ctx.i18n;
    let open = RwSignal::new(None::<(Vec<Backup>, Denied)>);
    // Only what the user may change is sent; the rest is named in the outcome. With none of
    // the selection changeable, the action is not offered.
    let split = move || {
        let access = ctx.access();
        selected.with(|chosen| {
            ctx.store.rows.with(|rows| {
                let mut allowed = Vec::new();
                let mut denied = Vec::new();
                for b in rows.iter().filter(|b| chosen.contains(&b.uuid)) {
                    match access.can_change_backup(b) {
                        Ok(()) => allowed.push(b.clone()),
                        Err(why) => denied.push((b.name.clone(), crate::i18n::Text::new(why))),
                    }
                }
                (allowed, denied)
            })
        })
    };
    let offered = Memo::new(move |_| !split().0.is_empty());
    let start = move |_| {
        let (allowed, denied) = untrack(split);
        if !allowed.is_empty() {
            open.set(Some((allowed, denied)));
        }
    };
    let close = Callback::new(move |()| open.set(None));
    view! {
        <Show when=move || offered.get()>
            <button type="button" class="wb-button wb-bulk-retention" aria-haspopup="dialog" on:click=start>
                {i18n.t_with(Msg::BulkKeepUntil, move || vec![("count", selected.with(Vec::len).into())])}
            </button>
        </Show>
        {move || {
            open.get().map(|(backups, denied)| {
                let n = backups.len() + denied.len();
                // The shell's title while the dialog's part loads (the dialog has its own).
                let title = untrack(|| i18n.text_with(Msg::BulkKeepUntilTitle, &[("count", n.into())]));
                view! {
                    <LazyDialog
                        preload=preload!(__preload_bulk_retention_view)
                        kind=ModalKind::Dialog
                        title=title
                        on_close=close
                        content=move || bulk_retention_view(backups.clone(), denied.clone(), close).now_or_never()?.ok()
                    />
                }
            })
        }}
    }
}

lazy_part! {
    /// The "Keep until…" dialog for `backups`.
    pub fn bulk_retention_view / __preload_bulk_retention_view in dialogs
        (backups: Vec<Backup>, denied: Denied, on_close: Callback<()>) -> AnyView
    {
        view! { <dialog::BulkRetentionDialog backups denied on_close /> }.into_any()
    }
}
