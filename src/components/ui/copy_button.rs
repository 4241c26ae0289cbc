//! A button that copies a value (a UUID, a traceback) to the clipboard and says whether it worked.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function copy_text(text) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    return navigator.clipboard.writeText(text).then(() => true, () => false);
  }
  return Promise.resolve(false);
}
")]
extern "C" {
    fn copy_text(text: &str) -> js_sys::Promise;
}

/// Copies `value`; the result ("Copied" or how to copy by hand) is announced politely.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    value: Signal<String>,
    /// Accessible name, e.g. "Copy UUID".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let text = value.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(copy_text(&text))
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            status.set(if ok {
                "Copied".into()
            } else {
                "Copy failed: select the text and copy it by hand".into()
            });
            set_timeout(move || status.set(String::new()), std::time::Duration::from_secs(3));
        });
    };
    view! {
        <button type="button" class="wb-button wb-button--small" on:click=copy aria-label=label.clone() title=label>
            "Copy"
        </button>
        <span class="wb-copy-status" role="status" aria-live="polite">{move || status.get()}</span>
    }
}
