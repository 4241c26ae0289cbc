//! A message block: a result, a warning or an error, with optional details, dismiss and retry.

use crate::i18n::{I18n, Msg};
use crate::state::actions::{Notice, Tone};
use leptos::prelude::*;

/// A message in a bordered block (`wb-alert wb-alert--{tone}`) with its details as a list,
/// announced as `alert` (errors, warnings) or `status` (successes) unless `role` says otherwise.
///
/// Other attributes go on the block through Leptos' spread: `<Alert notice {..}
/// data-restore-error="" />`.
#[component]
pub fn Alert(
    /// The message: its tone (colour and default role), text and details.
    notice: Notice,
    /// Extra classes naming the place (`wb-notice`, `wb-load-error`, …).
    #[prop(optional)]
    class: &'static str,
    /// The ARIA role, when the tone's default is wrong for the place (`"none"`: a static block
    /// that is not announced).
    #[prop(optional)]
    role: &'static str,
    /// Shows a "Dismiss" button that calls this (unless there is a retry button).
    #[prop(optional, into)]
    on_dismiss: Option<Callback<()>>,
    /// Shows a retry button (class `wb-retry`) that calls this.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// The retry button's label ("Retry" when not given).
    #[prop(optional, into)]
    retry_label: Option<Signal<String>>,
    /// The block's id (for `aria-describedby`).
    #[prop(optional, into)]
    id: Option<String>,
    /// `Some(-1)`: focus can be moved to the block (after a failed submit), Tab skips it.
    #[prop(optional)]
    tabindex: Option<i32>,
    /// More content after the text (a heading, a state badge), before the details.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let Notice {
        tone,
        text,
        details,
    } = notice;
    // The widget's language, or the standalone page's (English where neither is provided).
    let i18n = use_context::<I18n>().unwrap_or_default();
    let role = match (role, tone) {
        ("", Tone::Success) => "status",
        ("", _) => "alert",
        (role, _) => role,
    };
    let class = format!("wb-alert wb-alert--{} {class}", tone.as_str());
    let list = (!details.is_empty()).then(|| {
        view! {
            <ul class="wb-alert__list">
                {details
                    .into_iter()
                    .map(|d| view! { <li>{move || i18n.show(&d)}</li> })
                    .collect_view()}
            </ul>
        }
    });
    // One button at most: retrying makes dismissing pointless.
    let button = match (on_retry, on_dismiss) {
        (Some(run), _) => Some((
            retry_label.unwrap_or_else(|| i18n.t(Msg::Retry)),
            "wb-button wb-retry",
            run,
        )),
        (None, Some(run)) => Some((i18n.t(Msg::Dismiss), "wb-button wb-button--small", run)),
        (None, None) => None,
    }
    .map(|(label, class, run)| {
        view! { <button type="button" class=class on:click=move |_| run.run(())>{label}</button> }
    });
    // A list alone (several messages of equal weight) has no sentence above it.
    let text = (!text.is_blank())
        .then(|| view! { <p class="wb-alert__text">{move || i18n.show(&text)}</p> });
    view! {
        <div class=class role=role id=id tabindex=tabindex>
            {text}
            {children.map(|c| c())}
            {list}
            {button}
        </div>
    }
}
