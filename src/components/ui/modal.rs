//! A modal dialog or side drawer following the WAI-ARIA modal dialog pattern: focus moves in,
//! Tab stays inside, Esc asks to close, and focus returns to the opener when it goes away.

use super::focus;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

/// Keeps `--wb-modal-head` on the panel equal to the height of its sticky title bar, so that a
/// second sticky bar (the drawer's actions) sits right under it however many lines a long
/// title takes. Set through the CSSOM, which a strict style policy allows.
fn follow_title_bar(panel: NodeRef<leptos::html::Div>) {
    Effect::new(move |_| {
        let Some(el) = panel.get() else {
            return;
        };
        let Ok(Some(bar)) = el.query_selector(".wb-drawer__header") else {
            return;
        };
        let measure = {
            let (el, bar) = (el.clone(), bar.clone());
            move || {
                let height = bar.get_bounding_client_rect().height();
                let _ = web_sys::HtmlElement::style(&el)
                    .set_property("--wb-modal-head", &format!("{}px", height.ceil()));
            }
        };
        measure();
        let callback = Closure::<dyn Fn()>::new(measure);
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&bar);
        // Disconnected before the callback goes, so it is never called once dropped.
        let held = SendWrapper::new((observer, callback));
        on_cleanup(move || {
            let (observer, callback) = held.take();
            observer.disconnect();
            drop(callback);
        });
    });
}

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
    // Whoever had focus before opening gets it back when the modal goes away, without
    // scrolling the page (Firefox scrolled it when a loading frame gave way to the dialog).
    let opener = SendWrapper::new(focus::active_element());
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            if el.is_connected() {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    super::popover::focus_quietly(&el);
                }
            }
        }
    });
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            focus::focus_first(&el);
        }
    });
    follow_title_bar(panel);
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
        ModalKind::Drawer => (
            "wb-backdrop wb-backdrop--drawer",
            "wb-modal wb-modal--drawer",
            "dialog",
        ),
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
