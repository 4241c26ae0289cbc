//! Pure widget logic: no DOM, no HTTP, so all of it runs under plain `cargo test`.

pub mod columns;
pub mod format;
pub mod links;
pub mod restore;
pub mod scope;

pub use columns::Column;
pub use links::{instance_link, uuid_from_url};
pub use format::{kept_until_status, relative_time, size_in_units, KeptUntilStatus, RelativeUnit, SizeUnit};
pub use scope::Scope;
