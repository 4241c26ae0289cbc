//! The Waldur REST API for OpenStack backups: wire types, list queries, errors and the HTTP client.
//!
//! Everything here except [`Client`] is plain Rust and runs natively under `cargo test`; the
//! client (browser `fetch`) exists only on `wasm32`. Nothing in this module touches the DOM.

pub mod auth;
pub mod decode;
pub mod error;
pub mod lazy_list;
pub mod models;
pub mod query;
pub mod server;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod client;

pub use auth::{Auth, TokenFuture, TokenGetter};
#[cfg(target_arch = "wasm32")]
pub use client::{AbortSlot, Client, DEFAULT_TIMEOUT};
pub use decode::{decode, Document, JsonValue};
pub use error::ApiError;
pub use lazy_list::LazyList;
pub use models::{
    AccessUrl, AllocationPool, AllowedAddressPair, Backup, BackupCreate, BackupMetadata,
    BackupPatch, BackupRestoration, BackupUpdate, CurrentUser, Detail, FixedIp, Flavor, FloatingIp,
    FloatingIpRequest, Instance, InstanceSummary, NestedFloatingIp, NestedPort,
    NestedSecurityGroup, NestedServerGroup, NestedVolume, Permission, PortRequest, Quota,
    RestoreRequest, SecurityGroup, SecurityGroupRef, SecurityGroupRule, StaticRoute, Subnet,
    Tenant,
};
pub use query::{
    page_of, parse_link_header, BackupQuery, LinkRelations, ListQuery, OrderField, Ordering, Page,
    DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
};
pub use server::{
    after_hidden_reply, after_list_error, is_state_choice_error, learned_error_replies,
    may_hide_a_reply, optional_action_failure, recheck_verdict, reclassify, server_label,
    ErrorReplies, Hidden, Intent, ListRetry, OptionalAction, Recheck, ServerBook, ServerFacts,
    Spelling, ANSWER_CUT, ANSWER_PROBE, ERROR_PROBE,
};
pub use state::ResourceState;
