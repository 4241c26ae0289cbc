//! A local imitation of Waldur's OpenStack backups API, strict enough to develop and test the
//! widgets against: seeded demo data, per-user visibility, the real server's error bodies,
//! a controllable clock, fault injection and a request log under `/__devserver/`.

pub mod auth;
pub mod backups;
pub mod clock;
pub mod control;
pub mod cors;
pub mod data;
pub mod faults;
pub mod pagination;
pub mod related;
pub mod restore;
pub mod store;

mod app;
mod http;

pub use app::{bench, router, serve, App, BenchReport, ClockMode, Config};

/// Sub-modes of the binary.
pub mod app_command {
    pub use crate::app::Command;
}

/// The demo users' API keys (accepted as `Token <key>`, `Bearer <key>` or cookie `sessionid=<key>`).
pub mod tokens {
    /// Staff: sees everything, may unlink.
    pub const STAFF: &str = "demo-staff-token";
    /// Project administrator of two of the six projects.
    pub const ADMIN: &str = "demo-admin-token";
    /// Support: reads everything, may change nothing.
    pub const SUPPORT: &str = "demo-support-token";
    /// A user without access to any project.
    pub const NOBODY: &str = "demo-nobody-token";
    /// A personal access token that has expired (answered 401 "Token has expired.").
    pub const EXPIRED_PAT: &str = "w_1700000000_expired";
}
