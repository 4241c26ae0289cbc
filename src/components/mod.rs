//! The Leptos components: the widget root, the backup table, the detail drawer, the restore and
//! create dialogs, and the small shared parts in [`ui`].

pub mod backup_table;
pub mod bulk_retention;
pub mod commands;
pub mod context;
pub mod create_backup;
pub mod detail_drawer;
pub mod export;
pub mod hooks;
pub mod lazy;
pub mod restore_dialog;
pub mod styles;
pub mod ui;
pub mod widget;

pub use backup_table::BackupTable;
pub use context::{EventHandler, HostEvent, Settings, Store, WidgetContext};
pub use create_backup::{CreateBackupButton, CreateBackupDialog};
pub use detail_drawer::BackupDetailDrawer;
pub use restore_dialog::RestoreDialog;
pub use widget::{mount_widget, BackupsWidget};
