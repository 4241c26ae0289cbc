//! Small UI parts shared by the widgets: alert, modal and drawer shell, confirmation,
//! copy button, spinner, state badge, focus helpers, popups beside a button.

pub mod alert;
pub mod confirm;
pub mod copy_button;
pub mod focus;
pub mod locale;
pub mod modal;
pub mod popover;
pub mod spinner;
pub mod state_badge;

pub use alert::Alert;
pub use confirm::ConfirmDialog;
pub use copy_button::CopyButton;
pub use modal::{Modal, ModalKind};
pub use spinner::Spinner;
pub use state_badge::StateBadge;
