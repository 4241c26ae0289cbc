//! [`use_debounce`]: run a function once a burst of calls (typing) has settled.

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

/// A debounced function (see [`use_debounce`]); `Copy`, so handlers capture it freely.
#[derive(Clone, Copy)]
pub struct Debounced {
    run: Callback<()>,
    timer: StoredValue<Option<TimeoutHandle>>,
    ms: u32,
}

/// Returns `f` debounced by `ms`: [`Debounced::call`] runs it once, `ms` after the last call
/// of a burst; [`Debounced::flush`] runs it at once instead. Once the owner is cleaned up the
/// function is gone with it, and a wait still running ends without running anything.
///
/// ```ignore
/// let search = use_debounce(350, move || view.update(|v| v.set_filters(draft.get_untracked())));
/// // on each keystroke:
/// search.call();
/// ```
pub fn use_debounce(ms: u32, f: impl Fn() + Send + Sync + 'static) -> Debounced {
    Debounced {
        run: Callback::new(move |()| f()),
        timer: StoredValue::new(None),
        ms,
    }
}

impl Debounced {
    /// Runs the function `ms` from now, unless called again before then.
    pub fn call(&self) {
        self.cancel();
        let this = *self;
        let handle = set_timeout_with_handle(
            move || {
                this.timer.try_set_value(None);
                this.run.try_run(());
            },
            Duration::from_millis(u64::from(self.ms)),
        )
        .ok();
        self.timer.try_set_value(handle);
    }

    /// Runs the function now; a pending call is dropped (it would run the same thing again).
    pub fn flush(&self) {
        self.cancel();
        self.run.try_run(());
    }

    /// Drops a pending call.
    pub fn cancel(&self) {
        if let Some(Some(handle)) = self.timer.try_update_value(Option::take) {
            handle.clear();
        }
    }
}
