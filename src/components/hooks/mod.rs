//! Hooks: small reactive parts with one job each, shared by the widgets (one hook per file, as
//! in leptos-use). Each is called under a component's owner and stops with it.

pub mod use_backoff_poll;
pub mod use_debounce;
pub mod use_table_view;

pub use use_backoff_poll::{use_backoff_poll, BackoffPoll};
pub use use_debounce::{use_debounce, Debounced};
pub use use_table_view::{use_table_view, TableViewControl};
