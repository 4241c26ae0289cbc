//! A small busy indicator.

use leptos::prelude::*;

/// A spinning circle; decorative, so the surrounding text carries the meaning.
#[component]
pub fn Spinner() -> impl IntoView {
    view! { <span class="wb-spinner" aria-hidden="true"></span> }
}
