//! The state of a backup as a badge: a spinner while it changes by itself, and for an erred
//! backup its error message on hover or keyboard focus.

use super::focus::unique_id;
use super::spinner::Spinner;
use crate::api::ResourceState;
use crate::i18n::I18n;
use leptos::prelude::*;

/// Badge for a backup state; `error` is shown on hover or focus when the state is ERRED.
#[component]
pub fn StateBadge(
    /// The state to show.
    #[prop(into)]
    state: Signal<ResourceState>,
    /// The backup's error message (shown for ERRED).
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let tip_id = unique_id("wb-state-tip");
    let i18n = use_context::<I18n>().unwrap_or_default();
    let class = move || {
        let s = state.get();
        if s.is_transitional() {
            "wb-badge wb-badge--busy"
        } else if s == ResourceState::Ok {
            "wb-badge wb-badge--ok"
        } else if s == ResourceState::Erred {
            "wb-badge wb-badge--erred"
        } else {
            "wb-badge"
        }
    };
    let erred_message = move || {
        (state.get() == ResourceState::Erred)
            .then(|| error.get())
            .flatten()
            .filter(|m| !m.trim().is_empty())
    };
    let tip_for_badge = tip_id.clone();
    view! {
        <span class="wb-state">
            <span
                class=class
                data-state=move || state.get().as_api_str().to_string()
                tabindex=move || erred_message().is_some().then_some("0")
                aria-describedby=move || erred_message().is_some().then(|| tip_for_badge.clone())
            >
                <Show when=move || state.get().is_transitional()>
                    <Spinner />
                </Show>
                {move || i18n.show(&state.get().label())}
            </span>
            {move || {
                erred_message()
                    .map(|message| {
                        view! {
                            <span class="wb-tip" role="tooltip" id=tip_id.clone()>
                                {message}
                            </span>
                        }
                    })
            }}
        </span>
    }
}
