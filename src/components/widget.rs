//! Placeholder root until the backup table lands (replaced by the table branch).

use leptos::prelude::*;

/// The widget root.
#[component]
pub fn BackupsWidget() -> impl IntoView {
    view! { <div class="wb-root">"Waldur backups"</div> }
}
