//! [`use_backoff_poll`]: refresh on a backing-off timer while something shown changes by itself.

use crate::state::backoff_delay_ms;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

/// A back-off refresher (see [`use_backoff_poll`]); `Copy`, so closures capture it freely.
#[derive(Clone, Copy)]
pub struct BackoffPoll {
    due: RwSignal<u64>,
    transitional: Signal<bool>,
    attempt: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
    base_ms: u32,
    max_ms: u32,
}

/// Asks for refreshes while `transitional` holds: the first `base_ms` after it becomes true,
/// each later one twice as long after the previous load settled, up to `max_ms`.
///
/// The caller loads whenever a refresh is due (see [`BackoffPoll::track`]) and calls
/// [`BackoffPoll::schedule`] when that load has settled, so a slow answer is never overtaken
/// by the next refresh. While the page is hidden the refresh waits (and is asked for once it
/// is shown again, at the next delay); when nothing is transitional any more, or the owner is
/// cleaned up, it stops.
///
/// ```ignore
/// let poll = use_backoff_poll(transitional, 2_000, 30_000);
/// Effect::new(move |_| {
///     poll.track();
///     load(); // ends with poll.schedule()
/// });
/// ```
pub fn use_backoff_poll(transitional: Signal<bool>, base_ms: u32, max_ms: u32) -> BackoffPoll {
    let poll = BackoffPoll {
        due: RwSignal::new(0),
        transitional,
        attempt: StoredValue::new(0),
        timer: StoredValue::new(None),
        base_ms,
        max_ms,
    };
    // Something starting to change starts the waits afresh; nothing changing stops them.
    Effect::new(move |was: Option<bool>| {
        let now = transitional.get();
        match (was, now) {
            (Some(true), true) => {}
            (_, true) => poll.restart(),
            (Some(true), false) => poll.stop(),
            _ => {}
        }
        now
    });
    poll
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

impl BackoffPoll {
    /// Makes the running effect (the one that loads) run again whenever a refresh is due.
    pub fn track(&self) {
        self.due.track();
    }

    /// How many refreshes were asked for (tracked, like [`BackoffPoll::track`]).
    pub fn due(&self) -> u64 {
        self.due.get()
    }

    /// Waits the next delay, then asks for a refresh (nothing when nothing is transitional).
    /// Call it when a load has settled.
    pub fn schedule(&self) {
        self.stop();
        // A wait that ends after the owner is gone finds everything disposed and stops here.
        if !self.transitional.try_get_untracked().unwrap_or(false) {
            self.attempt.try_set_value(0);
            return;
        }
        let attempt = self.attempt.try_get_value().unwrap_or(0);
        let delay = backoff_delay_ms(attempt, self.base_ms, self.max_ms);
        let this = *self;
        let handle = set_timeout_with_handle(
            move || {
                this.timer.try_set_value(None);
                if page_hidden() {
                    this.schedule();
                } else {
                    this.attempt.try_set_value(attempt.saturating_add(1));
                    this.due.try_update(|n| *n += 1);
                }
            },
            Duration::from_millis(u64::from(delay)),
        )
        .ok();
        self.timer.try_set_value(handle);
    }

    /// Starts the waits afresh from `base_ms` (something has just started to change).
    pub fn restart(&self) {
        self.attempt.try_set_value(0);
        self.schedule();
    }

    /// Asks for a refresh now; the waits after it start afresh.
    pub fn now(&self) {
        self.stop();
        self.attempt.try_set_value(0);
        self.due.try_update(|n| *n += 1);
    }

    /// Stops waiting (the next [`BackoffPoll::schedule`] or change starts again).
    pub fn stop(&self) {
        if let Some(Some(handle)) = self.timer.try_update_value(Option::take) {
            handle.clear();
        }
    }
}
