//! The Leptos components: the widget root, the backup table, the detail drawer, the restore and
//! create dialogs, and the small shared parts in [`ui`].

pub mod context;
pub mod restore_dialog;
pub mod styles;
pub mod ui;

pub use context::{BackupRow, EventHandler, HostEvent, Settings, Store, WidgetContext};
pub use restore_dialog::RestoreDialog;
