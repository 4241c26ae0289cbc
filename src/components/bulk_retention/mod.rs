//! "Keep until…" for the selected rows: one retention (a date, or keep forever) set on every
//! selected backup. The button is here; the dialog ([`dialog`]) is a lazily loaded part of the
//! `dialogs` chunk.

mod dialog;

use crate::api::Backup;
use crate::components::lazy::{lazy_part, LazyDialog};
use crate::components::ui::ModalKind;
use crate::components::WidgetContext;
use futures::FutureExt;
use leptos::prelude::*;

/// "Keep until… (N)" while rows are selected, and its dialog.
#[component]
pub fn BulkRetentionButton(
    /// UUIDs of the selected rows.
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let open = RwSignal::new(None::<Vec<Backup>>);
    let start = move |_| {
        let chosen = selected.get_untracked();
        let list: Vec<Backup> = ctx.store.rows.with_untracked(|rows| {
            rows.iter()
                .filter(|b| chosen.contains(&b.uuid))
                .cloned()
                .collect()
        });
        if !list.is_empty() {
            open.set(Some(list));
        }
    };
    let close = Callback::new(move |()| open.set(None));
    view! {
        <Show when=move || selected.with(|s| !s.is_empty())>
            <button type="button" class="wb-button wb-bulk-retention" aria-haspopup="dialog" on:click=start>
                {move || format!("Keep until… ({})", selected.with(Vec::len))}
            </button>
        </Show>
        {move || {
            open.get().map(|backups| {
                let title = if backups.len() == 1 {
                    "Keep 1 backup until…".to_string()
                } else {
                    format!("Keep {} backups until…", backups.len())
                };
                view! {
                    <LazyDialog
                        preload=__preload_bulk_retention_view
                        kind=ModalKind::Dialog
                        title=title
                        on_close=close
                        content=move || bulk_retention_view(backups.clone(), close).now_or_never()?.ok()
                    />
                }
            })
        }}
    }
}

lazy_part! {
    /// The "Keep until…" dialog for `backups`.
    pub fn bulk_retention_view / __preload_bulk_retention_view in dialogs
        (backups: Vec<Backup>, on_close: Callback<()>) -> AnyView
    {
        view! { <dialog::BulkRetentionDialog backups on_close /> }.into_any()
    }
}
