//! A modal dialog or side drawer following the WAI-ARIA modal dialog pattern: focus moves in,
//! Tab stays inside, Esc asks to close, and focus returns to the opener when it goes away.

use super::focus;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// How the modal is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModalKind {
    /// Centred dialog.
    #[default]
    Dialog,
    /// Panel sliding from the side (full width on narrow screens).
    Drawer,
    /// Small centred dialog for a yes/no question.
    Alert,
}

/// Modal container: renders `children` in a dialog and owns focus while it is open.
#[component]
pub fn Modal(
    /// Id of the element that names the dialog (usually its title).
    #[prop(into)]
    labelled_by: String,
    /// Called when the user asks to close (Esc, the backdrop): the owner decides, and may ask first.
    #[prop(into)]
    on_close: Callback<()>,
    /// Dialog, drawer or alert.
    #[prop(optional)]
    kind: ModalKind,
    /// Id of the element that describes the dialog, if any.
    #[prop(optional, into)]
    described_by: Option<String>,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    // Whoever had focus before opening gets it back when the modal goes away.
    let opener = SendWrapper::new(focus::active_element());
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            if el.is_connected() {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            focus::focus_first(&el);
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            on_close.run(());
        }
        "Tab" => {
            if let Some(el) = panel.get_untracked() {
                focus::trap_tab(&el, &ev);
            }
        }
        _ => {}
    };
    let (backdrop_class, panel_class, role) = match kind {
        ModalKind::Dialog => ("wb-backdrop", "wb-modal wb-modal--dialog", "dialog"),
        ModalKind::Drawer => ("wb-backdrop wb-backdrop--drawer", "wb-modal wb-modal--drawer", "dialog"),
        ModalKind::Alert => ("wb-backdrop", "wb-modal wb-modal--alert", "alertdialog"),
    };
    view! {
        <div
            class=backdrop_class
            on:mousedown=move |ev| {
                // Only a press on the backdrop itself (not a drag that ends there) asks to close.
                if ev.target() == ev.current_target() {
                    on_close.run(());
                }
            }
        >
            <div
                node_ref=panel
                class=panel_class
                role=role
                aria-modal="true"
                aria-labelledby=labelled_by
                aria-describedby=described_by
                tabindex="-1"
                on:keydown=on_keydown
            >
                {children()}
            </div>
        </div>
    }
}
