//! The action menu of one row: every action with the reason when the backup's state forbids it.

use crate::api::Backup;
use crate::components::ui::{MenuButton, MenuItem};
use crate::state::table::{row_actions, RowAction};
use leptos::prelude::*;

/// The row's menu button; `on_action` receives the chosen action and the backup as shown.
#[component]
pub fn RowMenu(
    /// The row's backup.
    backup: RwSignal<Backup>,
    /// Whether Unlink is offered.
    #[prop(into)]
    is_staff: Signal<bool>,
    /// Receives the chosen action.
    on_action: Callback<(RowAction, Backup)>,
) -> impl IntoView {
    let items = Signal::derive(move || {
        let state = backup.with(|b| b.state.clone());
        row_actions(&state, is_staff.get())
            .into_iter()
            .map(|(action, allowed)| {
                let item = MenuItem::new(
                    action.key(),
                    action.label(),
                    allowed.map_err(str::to_string),
                );
                if action.is_danger() {
                    item.danger()
                } else {
                    item
                }
            })
            .collect::<Vec<_>>()
    });
    let label = format!("Actions for {}", backup.with_untracked(|b| b.name.clone()));
    view! {
        <MenuButton
            label=label
            items=items
            on_select=move |key: &'static str| {
                if let Some(action) = RowAction::from_key(key) {
                    on_action.run((action, backup.get_untracked()));
                }
            }
        />
    }
}
