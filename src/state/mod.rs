//! Pure widget logic: no DOM, no HTTP, so all of it runs under plain `cargo test`.

pub mod actions;
pub mod backup_form;
pub mod bulk_retention;
pub mod columns;
pub mod create;
pub mod datetime;
pub mod detail;
pub mod edit;
pub mod export;
pub mod format;
pub mod label;
pub mod links;
pub mod more_filters;
pub mod options;
pub mod permissions;
pub mod quota;
pub mod redact;
pub mod restore;
pub mod scope;
pub mod settings;
pub mod table;
pub mod text_limits;

pub use actions::{can_delete, can_edit, can_pull, can_restore, can_unlink, Denied};
pub use backup_form::{BackupForm, BackupValues, FormErrors, FormField, Purpose, Retention};
pub use columns::Column;
pub use create::can_create_backup;
pub use datetime::{parse_timestamp_ms, LocalDate, LocalDateTime, OffsetAt};
pub use detail::{
    metadata_rows, restorations_newest_first, rule_text, size_text, MetadataRow, RuleText,
};
pub use format::{
    kept_until_status, relative_time, size_in_units, KeptUntilStatus, RelativeUnit, SizeUnit,
};
pub use label::{scope_name_in, Landmarks, ScopeKind};
pub use links::{instance_link, uuid_from_url};
pub use options::{check_options, AuthChoice, CheckedOptions, OptionError, RawOptions};
pub use permissions::{Access, Place, Refusal};
pub use redact::redact_secrets;
pub use scope::Scope;
pub use settings::{Settings, Theme};
pub use table::{backoff_delay_ms, POLL_BASE_MS, POLL_MAX_MS};
