//! How long a mounted widget lives: from `mountBackups` until `unmount()` or until its element
//! leaves the document, whoever holds the handle.
//!
//! Every widget is kept in one page-wide list, so a handle the host drops (and the garbage
//! collector frees) no longer takes the widget with it. Leaving the document is seen by one
//! `MutationObserver` on the document and on each shadow root the widget sits in (`page.js`):
//! it reports at the end of the task in which the DOM changed, so an element moved within one
//! task (removed and inserted again) keeps its widget, and a removed one is unmounted at once,
//! idle or not. The alternative, checking at the widget's next update, would keep an idle
//! detached widget (and its timers) alive forever and unmount a moved one at a random later
//! moment.

use super::{page, Mounted};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// One mounted widget: where it is, and what it holds until it is unmounted.
pub(super) struct Mount {
    /// The `div.wb-mount` the widget renders into (in the host element or a shadow root).
    pub container: HtmlElement,
    /// The element events are dispatched on.
    pub host: HtmlElement,
    /// `None` once unmounted.
    pub state: RefCell<Option<Mounted>>,
}

impl Mount {
    /// Whether the widget is still mounted.
    pub fn is_mounted(&self) -> bool {
        self.state.try_borrow().map_or(true, |s| s.is_some())
    }

    /// Removes the widget and forgets it (a second call does nothing).
    pub fn unmount(self: &Rc<Self>) {
        if super::crash::crashed() {
            // The message about the crash stays; the widget's code is not called again.
            return;
        }
        let taken = self.state.borrow_mut().take();
        MOUNTS.with(|m| m.borrow_mut().retain(|other| !Rc::ptr_eq(other, self)));
        page::unwatch(&self.container);
        if let Some(mounted) = taken {
            mounted.tear_down();
        }
        self.container.remove();
    }
}

thread_local! {
    /// Every mounted widget of the page. Borrowed only briefly, never while widget code runs,
    /// so that the panic hook can always read it.
    static MOUNTS: RefCell<Vec<Rc<Mount>>> = const { RefCell::new(Vec::new()) };
    /// What `page.js` calls with a container that left its document (one for the page).
    static GONE: JsValue = Closure::<dyn Fn(HtmlElement)>::new(|container: HtmlElement| {
        let mount = all().into_iter().find(|m| m.container == container);
        if let Some(mount) = mount {
            mount.unmount();
        }
    })
    .into_js_value();
}

/// Keeps a freshly mounted widget alive and watched.
pub(super) fn add(container: HtmlElement, host: HtmlElement, mounted: Mounted) -> Rc<Mount> {
    let mount = Rc::new(Mount {
        container,
        host,
        state: RefCell::new(Some(mounted)),
    });
    MOUNTS.with(|m| m.borrow_mut().push(mount.clone()));
    GONE.with(|gone| page::watch(&mount.container, &mount.host, gone));
    mount
}

/// The widgets mounted now (empty if the list is busy, which only a panic inside it could do).
pub(super) fn all() -> Vec<Rc<Mount>> {
    MOUNTS
        .try_with(|m| m.try_borrow().map(|m| m.clone()).unwrap_or_default())
        .unwrap_or_default()
}
