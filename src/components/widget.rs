//! The widget root: the themed container with the backup table, the detail drawer and the
//! restore dialog, all on one shared store.

use crate::api::Client;
use crate::components::backup_table::BackupTable;
use crate::components::{EventHandler, Settings, WidgetContext};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use web_sys::HtmlElement;

/// The whole backups widget; needs a provided [`WidgetContext`] (see [`mount_widget`]).
#[component]
pub fn BackupsWidget(
    /// `light`, `dark` or `auto` (follows the system).
    #[prop(optional, into)]
    theme: Option<String>,
    /// First refresh delay while a backup is changing, in ms (backs off to 30 s).
    #[prop(default = 2000)]
    poll_base_ms: u32,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let _store = ctx.store;
    view! {
        <div class="wb-root" data-theme=theme.unwrap_or_else(|| "auto".to_string())>
            <BackupTable poll_base_ms=poll_base_ms />
            // Slot: detail drawer, shown while `store.open_detail` is Some
            // (`BackupDetailDrawer`, added by the lead when merging).
            // Slot: restore dialog, shown while `store.restore_for` is Some
            // (`RestoreDialog`, added by the lead when merging).
        </div>
    }
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
