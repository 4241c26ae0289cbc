//! A yes/no question before a destructive or surprising action.

use super::focus::unique_id;
use super::modal::{Modal, ModalKind};
use crate::i18n::{I18n, Msg};
use leptos::prelude::*;

/// Asks the user to confirm; the cancel button has focus first, so Enter never destroys by accident.
#[component]
pub fn ConfirmDialog(
    /// Title, a question naming the thing ("Delete backup “db-nightly”?").
    #[prop(into)]
    title: Signal<String>,
    /// What will happen, in plain words.
    #[prop(into)]
    message: Signal<String>,
    /// Label of the confirming button ("Delete").
    #[prop(into)]
    confirm_label: Signal<String>,
    /// Styles the confirming button as dangerous.
    #[prop(optional)]
    danger: bool,
    /// True while the confirmed action runs: the buttons are disabled.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Called once when the user confirms.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// Called when the user cancels (button, Esc, backdrop).
    #[prop(into)]
    on_cancel: Callback<()>,
    /// What the user may fill in before confirming (shown between the message and the buttons).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_context::<I18n>().unwrap_or_default();
    let title_id = unique_id("wb-confirm-title");
    let message_id = unique_id("wb-confirm-message");
    let confirm_class = if danger {
        "wb-button wb-button--danger"
    } else {
        "wb-button wb-button--primary"
    };
    view! {
        <Modal
            labelled_by=title_id.clone()
            described_by=message_id.clone()
            kind=ModalKind::Alert
            on_close=move |_| {
                if !busy.get_untracked() {
                    on_cancel.run(())
                }
            }
        >
            <h2 class="wb-modal__title" id=title_id>{title}</h2>
            <p class="wb-modal__message" id=message_id>{message}</p>
            {children.map(|c| c())}
            <div class="wb-modal__actions">
                <button
                    type="button"
                    class="wb-button"
                    data-autofocus
                    disabled=move || busy.get()
                    on:click=move |_| on_cancel.run(())
                >
                    {i18n.t(Msg::Cancel)}
                </button>
                <button
                    type="button"
                    class=confirm_class
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().then_some("true")
                    on:click=move |_| {
                        if !busy.get_untracked() {
                            on_confirm.run(())
                        }
                    }
                >
                    {confirm_label}
                </button>
            </div>
        </Modal>
    }
}
