//! Waldur backups: Leptos widgets (backup table, detail drawer, restore dialog) that manage
//! OpenStack instance backups through the Waldur REST API, compiled to one WebAssembly bundle.
//!
//! Layers, one way: [`api`] (wire types, queries, HTTP client, errors) → `state` (pure widget
//! logic) → `components` (views). Everything but the HTTP client runs natively under `cargo test`.

// Every public item is documented: `cargo xtask test`'s lint step turns this warning into an error.
#![warn(missing_docs)]

pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod components;
pub mod i18n;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod standalone;

#[cfg(target_arch = "wasm32")]
mod start {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Runs when the bundle loads: installs the panic hook; on the standalone page, mounts it;
    /// elsewhere registers `<waldur-backups>` (from its own chunk, see
    /// `embed::define_custom_element_soon`).
    #[wasm_bindgen(start)]
    pub fn start() {
        crate::embed::install_panic_hook();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = document.get_element_by_id("waldur-backups-standalone") {
            crate::embed::ensure_document_styles();
            crate::standalone::start(root.unchecked_into());
        } else {
            crate::embed::define_custom_element_soon(&document);
        }
    }
}
