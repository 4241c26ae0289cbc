//! A button that opens a menu of actions (WAI-ARIA menu button pattern): arrow keys move,
//! Enter or Space activates, Esc closes and returns focus to the button.

use super::focus::unique_id;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One entry of a [`MenuButton`].
#[derive(Clone, Debug, PartialEq)]
pub struct MenuItem {
    /// What the owner receives when the item is chosen.
    pub key: &'static str,
    /// The item's label.
    pub label: String,
    /// Why the item is unavailable; `None` when it can be chosen.
    pub disabled_reason: Option<String>,
    /// Shown as a dangerous action.
    pub danger: bool,
}

impl MenuItem {
    /// An item that is available or not, with the reason when not.
    pub fn new(key: &'static str, label: impl Into<String>, allowed: Result<(), String>) -> Self {
        MenuItem {
            key,
            label: label.into(),
            disabled_reason: allowed.err(),
            danger: false,
        }
    }

    /// Marks the item as dangerous (delete, unlink).
    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }
}

/// A button with a popup menu; `on_select` receives the chosen item's key.
#[component]
pub fn MenuButton(
    /// Accessible name of the button ("Actions for db-nightly").
    #[prop(into)]
    label: String,
    /// The visible content of the button (defaults to "⋯").
    #[prop(optional, into)]
    text: Option<String>,
    /// The items, built when the menu opens so they reflect the current state.
    #[prop(into)]
    items: Signal<Vec<MenuItem>>,
    /// Called with the key of the chosen item.
    #[prop(into)]
    on_select: Callback<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let menu_id = unique_id("wb-menu");
    let button_ref = NodeRef::<leptos::html::Button>::new();
    let menu_ref = NodeRef::<leptos::html::Ul>::new();
    // Which item gets focus when the menu opens: first (Some(0)) or last (None → last).
    let focus_last = RwSignal::new(false);

    let menu_items = move || -> Vec<web_sys::HtmlElement> {
        menu_ref
            .get_untracked()
            .map(|menu| super::focus::focusables(&menu))
            .unwrap_or_default()
    };
    let focus_item = move |index: isize| {
        let items = menu_items();
        if items.is_empty() {
            return;
        }
        let n = items.len() as isize;
        let i = ((index % n) + n) % n;
        let _ = items[i as usize].focus();
    };
    let current_index = move || -> Option<isize> {
        let active = super::focus::active_element()?;
        menu_items()
            .iter()
            .position(|el| el.unchecked_ref::<web_sys::Element>() == &active)
            .map(|i| i as isize)
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(button) = button_ref.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    // Focus the first (or last) item once the menu is in the DOM.
    Effect::new(move |_| {
        if open.get() && menu_ref.get().is_some() {
            if focus_last.get_untracked() {
                focus_item(-1);
            } else {
                focus_item(0);
            }
        }
    });

    let on_button_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "Enter" | " " => {
            ev.prevent_default();
            focus_last.set(false);
            open.set(true);
        }
        "ArrowUp" => {
            ev.prevent_default();
            focus_last.set(true);
            open.set(true);
        }
        _ => {}
    };
    let choose = move |item: &MenuItem| {
        if item.disabled_reason.is_none() {
            close(true);
            on_select.run(item.key);
        }
    };
    let on_menu_keydown = move |ev: web_sys::KeyboardEvent| {
        let here = current_index().unwrap_or(0);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                focus_item(here + 1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                focus_item(here - 1);
            }
            "Home" => {
                ev.prevent_default();
                focus_item(0);
            }
            "End" => {
                ev.prevent_default();
                focus_item(-1);
            }
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                close(true);
            }
            "Tab" => close(false),
            _ => {}
        }
    };
    let on_focusout = move |ev: web_sys::FocusEvent| {
        // Close when focus leaves the button and the menu (a click elsewhere, Tab away).
        let wrapper: Option<web_sys::Element> = ev.current_target().and_then(|t| t.dyn_into().ok());
        let to: Option<web_sys::Node> = ev.related_target().and_then(|t| t.dyn_into().ok());
        let stays = match (wrapper, to) {
            (Some(w), Some(to)) => w.contains(Some(&to)),
            _ => false,
        };
        if !stays {
            open.set(false);
        }
    };

    view! {
        <div class="wb-menu" on:focusout=on_focusout>
            <button
                node_ref=button_ref
                type="button"
                class="wb-button wb-button--icon wb-menu__button"
                aria-haspopup="menu"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=menu_id.clone()
                aria-label=label
                on:click=move |_| {
                    focus_last.set(false);
                    open.update(|o| *o = !*o);
                }
                on:keydown=on_button_keydown
            >
                {text.unwrap_or_else(|| "⋯".to_string())}
            </button>
            <Show when=move || open.get()>
                <ul
                    node_ref=menu_ref
                    class="wb-menu__list"
                    role="menu"
                    id=menu_id.clone()
                    on:keydown=on_menu_keydown
                >
                    {move || {
                        items
                            .get()
                            .into_iter()
                            .map(|item| {
                                let disabled = item.disabled_reason.is_some();
                                let class = if item.danger {
                                    "wb-menu__item wb-menu__item--danger"
                                } else {
                                    "wb-menu__item"
                                };
                                let reason = item.disabled_reason.clone();
                                let chosen = item.clone();
                                view! {
                                    <li
                                        role="menuitem"
                                        class=class
                                        tabindex="-1"
                                        data-action=item.key
                                        aria-disabled=disabled.then_some("true")
                                        on:click=move |_| choose(&chosen)
                                        on:keydown={
                                            let chosen = item.clone();
                                            move |ev: web_sys::KeyboardEvent| {
                                                if ev.key() == "Enter" || ev.key() == " " {
                                                    ev.prevent_default();
                                                    choose(&chosen);
                                                }
                                            }
                                        }
                                    >
                                        <span class="wb-menu__label">{item.label.clone()}</span>
                                        {reason
                                            .map(|r| view! { <span class="wb-menu__reason">{r}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </div>
    }
}
