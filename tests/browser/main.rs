//! The browser tests: the widgets in a real browser (Chromium, Firefox, WebKit) against the dev
//! server, asserting what a person sees and what reaches the server.
//!
//! They are one test binary, so each engine starts one browser session and the test runner
//! processes one wasm file (it took about 5 s per binary when each file was its own). One file
//! per area; run one with `cargo xtask test --only browser --test <area>` (e.g. `table`).
#![cfg(target_arch = "wasm32")]

mod support;

mod api_client;
mod bulk_retention;
mod compat_client;
mod compat_widget;
mod create;
mod dialogs_i18n;
mod drawer;
mod engines;
mod export;
mod focus;
mod forms;
mod hooks;
mod languages;
mod lazy;
mod more_filters;
mod navigation;
mod quota;
mod restore;
mod shell_i18n;
mod smoke;
mod table;
mod table_i18n;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
