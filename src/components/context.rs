//! What every part of one mounted widget shares: the API client, the host's settings, the
//! channel for events to the host, and the store the table, drawer and dialogs read and write.
//!
//! One [`WidgetContext`] is provided per mount, so several widgets on a page stay independent.

use crate::api::{ApiError, Backup, Client, CurrentUser, Instance, OptionalAction};
use crate::i18n::I18n;
use crate::state::permissions::Access;
pub use crate::state::Settings;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

/// Something the widget tells its host (as a DOM `CustomEvent` or a callback).
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    /// A backup was changed (edit, state change seen by the widget).
    BackupUpdated(Backup),
    /// A backup was created from an instance.
    BackupCreated(Backup),
    /// Deletion of a backup was scheduled.
    BackupDeleted {
        /// The backup's UUID.
        uuid: String,
        /// Its name.
        name: String,
    },
    /// A backup record was unlinked (removed from Waldur only).
    BackupUnlinked {
        /// The backup's UUID.
        uuid: String,
        /// Its name.
        name: String,
    },
    /// A restore was accepted; the new instance is being created.
    RestoreStarted {
        /// The backup restored from.
        backup_uuid: String,
        /// The new instance.
        instance: Box<Instance>,
    },
    /// The user chose an instance and the host gave no URL pattern for instances.
    InstanceSelected {
        /// Instance UUID.
        uuid: String,
        /// Instance API URL.
        url: String,
        /// Instance name.
        name: String,
    },
    /// The API answered 401: the host's session ended.
    Unauthorized {
        /// What the server said.
        message: String,
    },
    /// A request failed.
    Error {
        /// The message the widget showed.
        message: String,
        /// HTTP status, when there was one.
        status: Option<u16>,
    },
}

/// Receives the widget's events (the JS mount turns them into DOM `CustomEvent`s).
pub type EventHandler = Rc<dyn Fn(HostEvent)>;

/// State shared by the table, the drawer and the dialogs of one widget.
#[derive(Clone, Copy)]
pub struct Store {
    /// Rows of the table's current page, in server order.
    pub rows: RwSignal<Vec<Backup>>,
    /// Bumped to ask the table to load its page again (after a create or a bulk change).
    pub reload: RwSignal<u64>,
    /// UUID of the backup shown in the detail drawer.
    pub open_detail: RwSignal<Option<String>>,
    /// The backup the restore dialog is open for.
    pub restore_for: RwSignal<Option<Backup>>,
    /// How the open drawer closes when asked from outside (Back): it asks first when edits
    /// would be lost. Set by the drawer while it is mounted.
    close_detail: StoredValue<Option<Callback<()>>>,
    /// The CSV export that runs (from the table's button or the host's `exportCsv()`).
    pub export: RwSignal<Option<crate::components::export::ExportRequest>>,
}

impl Store {
    fn new() -> Self {
        Store {
            rows: RwSignal::new(Vec::new()),
            reload: RwSignal::new(0),
            open_detail: RwSignal::new(None),
            restore_for: RwSignal::new(None),
            close_detail: StoredValue::new(None),
            export: RwSignal::new(None),
        }
    }

    /// Closes the detail drawer as its own Close button would (asking first about unsaved
    /// edits); without a drawer, just forgets the open backup.
    pub fn request_close_detail(&self) {
        match self.close_detail.try_get_value().flatten() {
            Some(close) => close.run(()),
            None => self.open_detail.set(None),
        }
    }

    /// The drawer's way of closing for [`Store::request_close_detail`] (`None` when it goes).
    pub fn set_detail_closer(&self, close: Option<Callback<()>>) {
        self.close_detail.try_set_value(close);
    }

    /// Shows a newer version of a backup wherever it is displayed (no-op when not on this page).
    pub fn upsert(&self, backup: &Backup) {
        self.rows.maybe_update(|rows| {
            match rows
                .iter_mut()
                .find(|r| r.uuid == backup.uuid && *r != backup)
            {
                Some(row) => {
                    *row = backup.clone();
                    true
                }
                None => false,
            }
        });
    }

    /// Drops a backup from the table (deleted or unlinked).
    pub fn remove(&self, uuid: &str) {
        self.rows.maybe_update(|rows| {
            let before = rows.len();
            rows.retain(|r| r.uuid != uuid);
            rows.len() != before
        });
    }

    /// Asks the table to load its current page again.
    pub fn request_reload(&self) {
        self.reload.update(|n| *n += 1);
    }
}

/// Requests and other async work of one widget, aborted together when the widget goes away.
#[derive(Default)]
struct Tasks {
    next: u64,
    running: HashMap<u64, AbortHandle>,
}

/// Everything one mounted widget shares; `Copy`, so closures capture it freely.
#[derive(Clone, Copy)]
pub struct WidgetContext {
    api: StoredValue<Client, LocalStorage>,
    tasks: StoredValue<Tasks, LocalStorage>,
    /// The host's settings.
    pub settings: RwSignal<Settings>,
    events: StoredValue<Option<EventHandler>, LocalStorage>,
    /// Shared widget state.
    pub store: Store,
    /// The widget's language and messages (also provided on its own).
    pub i18n: I18n,
    /// Who is signed in (`GET /api/users/me/`), once the server said; `None` while asking or
    /// when it could not be asked.
    pub me: RwSignal<Option<Arc<CurrentUser>>>,
    /// Bumped when the page learned that this server lacks an action.
    server_learned: RwSignal<u64>,
}

impl WidgetContext {
    /// A context for one mount: `on_event` receives every [`HostEvent`].
    /// Call it under the widget's root owner: when that owner is cleaned up (unmount), every
    /// task started with [`WidgetContext::spawn`] is aborted, and with it its request.
    pub fn new(client: Client, settings: Settings, on_event: Option<EventHandler>) -> Self {
        let tasks = StoredValue::new_local(Tasks::default());
        on_cleanup(move || {
            tasks.try_update_value(|t| {
                for (_, handle) in t.running.drain() {
                    handle.abort();
                }
            });
        });
        let settings = RwSignal::new(settings);
        let ctx = WidgetContext {
            api: StoredValue::new_local(client),
            tasks,
            settings,
            events: StoredValue::new_local(on_event),
            store: Store::new(),
            i18n: I18n::follow(move || settings.with(|s| s.locale.clone())),
            me: RwSignal::new(None),
            server_learned: RwSignal::new(0),
        };
        ctx.ask_who();
        ctx
    }

    /// Asks the server who is signed in (shared with every widget of the same server and
    /// credentials on the page). Nothing waits for it: until it answers, the server decides.
    fn ask_who(&self) {
        if self.settings.with_untracked(|s| s.is_staff) {
            // The host said so: nothing to ask.
            return;
        }
        let (client, me) = (self.client(), self.me);
        self.spawn(async move {
            let who = client.current_user_shared().await;
            me.try_set(who.map(Arc::new));
        });
    }

    /// What is known about the user, for deciding which actions to offer (reactive).
    pub fn access(&self) -> Access {
        let (host_staff, host_can_manage) = self.settings.with(|s| (s.is_staff, s.can_manage));
        Access {
            host_staff,
            host_can_manage,
            me: self.me.get(),
        }
    }

    /// [`access`](Self::access) without tracking (for event handlers).
    pub fn access_untracked(&self) -> Access {
        untrack(|| self.access())
    }

    /// Whether this widget's server may have `action` (reactive: false once it answered it
    /// with a non-JSON 404, here or in another widget of the same server, seen at the next
    /// change).
    pub fn offers(&self, action: OptionalAction) -> bool {
        self.server_learned.track();
        self.api.with_value(|c| c.offers(action))
    }

    /// Tells the widget that the server turned out to lack an action (see [`offers`](Self::offers)).
    pub fn server_lacks_an_action(&self) {
        self.server_learned.update(|n| *n += 1);
    }

    /// Provides this context to the components below (call once, at the widget root).
    pub fn provide(self) {
        provide_context(self);
        self.i18n.provide();
    }

    /// The context of the widget this component belongs to.
    pub fn expect() -> Self {
        expect_context::<WidgetContext>()
    }

    /// The API client (cheap to clone), asking for the widget's language.
    pub fn client(&self) -> Client {
        let client = self.api.with_value(Client::clone);
        client.set_language(untrack(|| self.i18n.requested()).tag);
        client
    }

    /// Replaces the API client (new URL or credentials from the host) and reloads what is shown.
    pub fn set_client(&self, client: Client) {
        self.api.set_value(client);
        // Other credentials may be another user (the same ones answer from the page's cache).
        self.ask_who();
        self.server_lacks_an_action();
        self.store.request_reload();
    }

    /// Runs async work (a request and what follows it) for this widget. Unlike a bare
    /// `spawn_local`, it stops when the widget is unmounted: no late answer touches a removed
    /// view, no timer is set afterwards, and the request itself is aborted.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        let (handle, registration) = AbortHandle::new_pair();
        let tasks = self.tasks;
        let Some(id) = tasks.try_update_value(|t| {
            let id = t.next;
            t.next += 1;
            t.running.insert(id, handle);
            id
        }) else {
            // The widget is gone already.
            return;
        };
        leptos::task::spawn_local(async move {
            let _ = Abortable::new(task, registration).await;
            tasks.try_update_value(|t| t.running.remove(&id));
        });
    }

    /// Tells the host something happened.
    pub fn emit(&self, event: HostEvent) {
        if let Some(f) = self.events.with_value(Clone::clone) {
            f(event);
        }
    }

    /// Tells the host a request failed (and, on 401, that its session ended).
    pub fn report_error(&self, error: &ApiError) {
        // In the widget's language, as the user reads it.
        let message = untrack(|| self.i18n.show(&error.message()));
        if matches!(error, ApiError::Unauthorized(_)) {
            self.emit(HostEvent::Unauthorized {
                message: message.clone(),
            });
        }
        self.emit(HostEvent::Error {
            message,
            status: error.status(),
        });
    }
}
