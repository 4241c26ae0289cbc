//! Waldur backups: Leptos widgets (backup table, detail drawer, restore dialog) that manage
//! OpenStack instance backups through the Waldur REST API, compiled to one WebAssembly bundle.
//!
//! Layers, one way: [`api`] (wire types, queries, HTTP client, errors) → `state` (pure widget
//! logic) → `components` (views). Everything but the HTTP client runs natively under `cargo test`.

pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod components;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod start {
    use wasm_bindgen::prelude::*;

    /// Runs when the bundle loads: mounts the standalone page where its container exists.
    #[wasm_bindgen(start)]
    pub fn start() {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = document.get_element_by_id("waldur-backups-standalone") {
            root.set_text_content(Some("Waldur backups"));
        }
    }
}
