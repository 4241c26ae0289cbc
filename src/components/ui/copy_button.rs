//! A button that copies a value (a UUID, a traceback) to the clipboard and says whether it worked.

use crate::i18n::{I18n, Msg};
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
    /// Accessible name, e.g. "Copy UUID" (a message of the widget's language).
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let i18n = use_context::<I18n>().unwrap_or_default();
    // What the last copy did, until it is cleared: announced in the widget's language.
    let status = RwSignal::new(None::<Msg>);
    let copy = move |_| {
        let text = value.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(copy_text(&text))
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            status.set(Some(if ok { Msg::Copied } else { Msg::CopyFailed }));
            set_timeout(
                move || {
                    status.try_set(None);
                },
                std::time::Duration::from_secs(3),
            );
        });
    };
    view! {
        <button type="button" class="wb-button wb-button--small" on:click=copy aria-label=label title=label>
            {i18n.t(Msg::Copy)}
        </button>
        <span class="wb-copy-status" role="status" aria-live="polite">
            {move || status.get().map(|m| i18n.text(m))}
        </span>
    }
}
