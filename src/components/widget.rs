//! The widget root: the themed container with the backup table, the detail drawer and the
//! restore dialog, all on one shared store. The drawer and the dialog are lazily loaded parts
//! ([`lazy`](crate::components::lazy)), fetched when the page is idle after the first rows.

use crate::api::Client;
use crate::components::backup_table::BackupTable;
use crate::components::lazy::{prefetch_when_idle, LazyBackupDetailDrawer, LazyRestoreDialog};
use crate::components::{EventHandler, Settings, WidgetContext};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use web_sys::HtmlElement;

/// The whole backups widget; needs a provided [`WidgetContext`] (see [`mount_widget`]).
#[component]
pub fn BackupsWidget(
    /// First refresh delay while a backup is changing, in ms (backs off to 30 s).
    #[prop(default = 2000)]
    poll_base_ms: u32,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let store = ctx.store;
    let theme = move || ctx.settings.with(|s| s.theme.as_str());
    // One drawer stays mounted while a backup is open, so switching backups can ask about
    // unsaved edits first (the drawer follows `open_detail`).
    let detail_uuid = Signal::derive(move || store.open_detail.get().unwrap_or_default());
    let root = NodeRef::<leptos::html::Div>::new();
    keep_focus_after_dialogs(store, root);
    // Once the first rows are there, what a click opens next is fetched while the page is idle.
    Effect::new(move |prefetched: Option<bool>| {
        if prefetched == Some(true) {
            return true;
        }
        let shown = store.rows.with(|rows| !rows.is_empty());
        if shown {
            prefetch_when_idle();
        }
        shown
    });
    view! {
        <div class="wb-root" part="root" data-theme=theme node_ref=root>
            <BackupTable poll_base_ms=poll_base_ms />
            <Show when=move || store.open_detail.with(Option::is_some)>
                <LazyBackupDetailDrawer
                    uuid=detail_uuid
                    on_close=move |_| store.open_detail.set(None)
                />
            </Show>
            {move || {
                store
                    .restore_for
                    .get()
                    .map(|backup| {
                        view! {
                            <LazyRestoreDialog
                                backup=backup
                                on_close=move |_| store.restore_for.set(None)
                                poll_base_ms=poll_base_ms
                            />
                        }
                    })
            }}
        </div>
    }
}

/// When the drawer or the restore dialog closes, focus goes back to what opened it (the modal
/// does that); when that is gone (the backup was unlinked, deleted or refreshed away), it goes
/// to the backup's row, else the row that took its place, else the table: never the body.
fn keep_focus_after_dialogs(store: crate::components::Store, root: NodeRef<leptos::html::Div>) {
    // Where the backup of each dialog was among the rows, last seen.
    let place = StoredValue::new((None::<usize>, None::<usize>));
    let index_of = move |uuid: &str| {
        store
            .rows
            .with(|rows| rows.iter().position(|b| b.uuid == uuid))
    };
    Effect::new(move |_| {
        let drawer = store.open_detail.with(|o| o.as_deref().and_then(index_of));
        let restore = store
            .restore_for
            .with(|b| b.as_ref().and_then(|b| index_of(&b.uuid)));
        place.update_value(|(d, r)| {
            *d = drawer.or(*d);
            *r = restore.or(*r);
        });
    });
    let rescue = move |uuid: String, index: Option<usize>| {
        request_animation_frame(move || {
            if !crate::components::ui::focus::focus_lost() {
                return;
            }
            // `try_`: the frame can come after the widget is gone (WebKit runs frames late).
            let body = root
                .try_get_untracked()
                .flatten()
                .and_then(|r| r.query_selector(".wb-rows").ok().flatten());
            if let Some(body) = body {
                crate::components::backup_table::focus_row_near(
                    &body,
                    Some(&uuid),
                    index.unwrap_or(0),
                );
            }
        });
    };
    Effect::new(move |was: Option<Option<String>>| {
        let now = store.open_detail.get();
        if let (Some(Some(uuid)), None) = (&was, &now) {
            let index = place.get_value().0;
            place.update_value(|p| p.0 = None);
            rescue(uuid.clone(), index);
        }
        now
    });
    Effect::new(move |was: Option<Option<String>>| {
        let now = store
            .restore_for
            .with(|b| b.as_ref().map(|b| b.uuid.clone()));
        if let (Some(Some(uuid)), None) = (&was, &now) {
            let index = place.get_value().1;
            place.update_value(|p| p.1 = None);
            rescue(uuid.clone(), index);
        }
        now
    });
}

/// Mounts the widget into `el` with its own context; keep the handle (dropping it unmounts).
pub fn mount_widget(
    el: HtmlElement,
    client: Client,
    settings: Settings,
    on_event: Option<EventHandler>,
) -> UnmountHandle<AnyViewState> {
    mount_to(el, move || {
        WidgetContext::new(client, settings, on_event).provide();
        view! { <BackupsWidget /> }.into_any()
    })
}
