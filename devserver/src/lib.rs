//! A local imitation of Waldur's OpenStack backups API, strict enough to develop and test the
//! widgets against: seeded demo data, per-user visibility from real role permissions, the real
//! server's error bodies, two release profiles (8.1 and 2024) and three CORS set-ups, a
//! controllable clock, fault injection, tenant quotas and a request log under `/__devserver/`.

pub mod auth;
pub mod backups;
pub mod clock;
pub mod control;
pub mod cors;
pub mod data;
pub mod faults;
pub mod filters;
pub mod pagination;
pub mod profile;
pub mod related;
pub mod render;
pub mod restore;
pub mod site;
pub mod store;
pub mod users;

mod app;
mod http;

pub use app::{
    bench, router, second_router, serve, App, BenchReport, ClockMode, Config, SecondServes,
    Settings,
};
pub use profile::{CorsMode, Profile};

/// Sub-modes of the binary.
pub mod app_command {
    pub use crate::app::Command;
}

/// The demo users' API keys (accepted as `Token <key>`, `Bearer <key>` or cookie `sessionid=<key>`).
pub mod tokens {
    /// Staff: sees everything, may unlink and set states.
    pub const STAFF: &str = "demo-staff-token";
    /// Alice: owner of one organisation (two projects), admin of one of them, member (read
    /// only) of a third project.
    pub const ADMIN: &str = "demo-admin-token";
    /// Support: reads everything, may change nothing.
    pub const SUPPORT: &str = "demo-support-token";
    /// A user without access to any project.
    pub const NOBODY: &str = "demo-nobody-token";
    /// A personal access token that has expired (answered 401 "Token has expired.").
    pub const EXPIRED_PAT: &str = "w_1700000000_expired";
}
