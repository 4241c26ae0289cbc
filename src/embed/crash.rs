//! A panic is never silent. The release bundle is built with `panic = "abort"`: nothing of the
//! module runs after a panic, and every widget on the page stops with it. The panic hook runs
//! just before the abort: it writes the panic message to the console (credentials taken out),
//! replaces each mounted widget with a short message in its language (`Msg::WidgetCrashed`),
//! and has `error` dispatched on each host.

use super::lifetime::{self, Mount};
use super::page;
use crate::i18n::Msg;
use crate::state::{redact_secrets, AuthChoice};
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// Set by the first panic: from then on the module's state cannot be trusted.
    static CRASHED: Cell<bool> = const { Cell::new(false) };
}

/// Whether a panic has stopped the module.
pub(super) fn crashed() -> bool {
    CRASHED.try_with(Cell::get).unwrap_or(true)
}

/// After a panic, mounting and updating fail with the crash message (instead of running code
/// whose state a panic left half-changed).
pub(super) fn refuse_after_crash() -> Result<(), JsError> {
    if crashed() {
        // Thrown to the host's code: English, as the other errors it throws.
        Err(JsError::new(&format!(
            "waldur-backups: {}",
            Msg::WidgetCrashed.english()
        )))
    } else {
        Ok(())
    }
}

/// Installs the panic hook; called once when the module loads.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(on_panic));
}

fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let first = !CRASHED.with(|c| c.replace(true));
    let mounts = lifetime::all();
    let secrets: Vec<String> = mounts.iter().filter_map(|m| secret_of(m)).collect();
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let message = redact_secrets(&info.to_string(), &secrets);
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "waldur-backups: internal error: {message}"
    )));
    if first {
        for mount in &mounts {
            show_crash(mount);
        }
    }
}

/// The token or bearer a widget was given (a `getToken` result is caught by its shape).
fn secret_of(mount: &Mount) -> Option<String> {
    let state = mount.state.try_borrow().ok()?;
    match &state.as_ref()?.auth {
        AuthChoice::Token(t) | AuthChoice::Bearer(t) => Some(t.clone()),
        _ => None,
    }
}

/// Replaces a widget's content with the crash message, in its theme; `error` on its host (and
/// its `onError`) follow once this call has returned, so that a listener calling back into the
/// module finds it refusing, not half-way through a panic.
fn show_crash(mount: &Mount) {
    let on_error = mount.state.try_borrow().ok().and_then(|state| {
        let hooks = state.as_ref()?.hooks.try_borrow().ok()?;
        hooks
            .callbacks
            .iter()
            .find(|(name, _)| *name == "error")
            .map(|(_, f)| f.clone())
    });
    let message = mount
        .state
        .try_borrow()
        .ok()
        .and_then(|state| Some(state.as_ref()?.crash_text.try_borrow().ok()?.clone()))
        .unwrap_or_else(|| Msg::WidgetCrashed.english().to_owned());
    page::show_crash(&mount.container, &mount.host, &message, on_error);
}

/// Test builds only (cargo feature `test-hooks`, never in the release bundle): panics with
/// `message` in a task of its own, as a bug in the widget's async code would.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = testPanic)]
pub fn test_panic(message: String) {
    wasm_bindgen_futures::spawn_local(async move { panic!("{message}") });
}
