//! The backup table: filters, sorting, pages, live state while backups change, row actions
//! and bulk delete, on the shared [`Store`](crate::components::Store) so the drawer and the
//! restore dialog see the same rows.

pub mod filters;
pub mod pagination;
pub mod row_menu;

use crate::api::{ApiError, Backup, BackupState, LinkRelations, OrderField, Page};
use crate::components::create_backup::CreateBackupButton;
use crate::components::ui::locale::{format_datetime, format_relative, format_size_mib, now_ms};
use crate::components::ui::{ConfirmDialog, StateBadge};
use crate::components::{BackupRow, HostEvent, WidgetContext};
use crate::state::table::{
    backoff_delay_ms, bulk_delete_question, decode_view, empty_message, encode_view,
    merge_into_search, page_after_removal, results_announcement, select_all_state, BulkResult,
    FilterKey, RowAction, SelectAll, TableView,
};
use crate::state::{instance_link, kept_until_status, uuid_from_url, Column, KeptUntilStatus};
use filters::{FilterBar, FilterChips, TextField};
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use pagination::Pagination;
use row_menu::RowMenu;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Where the list is: first load, loaded, or failed (with the message shown).
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// A question waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Delete(Backup),
    Unlink(Backup),
    BulkDelete(Vec<Backup>),
}

/// A message after an action ("Pull operation was scheduled.").
#[derive(Clone, Debug, PartialEq)]
struct Notice {
    error: bool,
    text: String,
    details: Vec<String>,
}

/// The server can sort these columns (`o=`).
fn sort_field(column: Column) -> Option<OrderField> {
    match column {
        Column::Name => Some(OrderField::Name),
        Column::State => Some(OrderField::State),
        Column::Project => Some(OrderField::ProjectName),
        Column::Customer => Some(OrderField::CustomerName),
        Column::Service => Some(OrderField::ServiceName),
        Column::Created => Some(OrderField::Created),
        _ => None,
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// The table of backups of the enclosing widget (needs a provided [`WidgetContext`]).
#[component]
pub fn BackupTable(
    /// First refresh delay while a shown backup is changing, in ms; doubles up to `poll_max_ms`.
    #[prop(default = 2000)]
    poll_base_ms: u32,
    /// Longest delay between refreshes while a shown backup is changing, in ms.
    #[prop(default = 30_000)]
    poll_max_ms: u32,
    /// How long typing must pause before a filter is sent, in ms.
    #[prop(default = 350)]
    debounce_ms: u32,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let store = ctx.store;
    let owner =
        StoredValue::new_local(Owner::current().expect("BackupTable runs inside a reactive owner"));
    let settings = ctx.settings.get_untracked();

    // The view starts from the page URL when the host asked for URL sync.
    let initial = if settings.url_sync {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let (view, open) = decode_view(&search, settings.page_size);
        if open.is_some() {
            store.open_detail.set(open);
        }
        view
    } else {
        TableView::new(settings.page_size)
    };
    let view = RwSignal::new(initial.clone());
    let draft = RwSignal::new(initial.filters.clone());
    let status = RwSignal::new(Status::Loading);
    let busy = RwSignal::new(false);
    let total = RwSignal::new(None::<u64>);
    let links = RwSignal::new(LinkRelations::default());
    let announce = RwSignal::new(String::new());
    let now = RwSignal::new(now_ms());
    let selected = RwSignal::new(Vec::<String>::new());
    let active_row = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let acting = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let loaded_once = RwSignal::new(false);

    let seq = StoredValue::new(0u64);
    let last_count = StoredValue::new(0usize);
    let debounce = StoredValue::new(None::<TimeoutHandle>);
    let poll_timer = StoredValue::new(None::<TimeoutHandle>);
    let poll_attempt = StoredValue::new(0u32);

    let columns = Memo::new(move |_| ctx.settings.with(|s| s.columns.clone()));
    let is_staff = Signal::derive(move || ctx.settings.with(|s| s.is_staff));
    let scope = Signal::derive(move || ctx.settings.with(|s| s.scope.clone()));
    let transitional = Memo::new(move |_| {
        store.rows.with(|rows| {
            rows.iter()
                .any(|r| r.backup.with(|b| b.state.is_transitional()))
        })
    });

    // Shows a loaded page: rows already shown keep their signal (updated in place), new ones get one.
    let apply_page = move |page: Page<Backup>| {
        let old = store.rows.get_untracked();
        let rows: Vec<BackupRow> = page
            .items
            .into_iter()
            .map(|b| match old.iter().find(|r| r.uuid == b.uuid) {
                Some(row) => {
                    if row.backup.with_untracked(|x| *x != b) {
                        row.backup.set(b);
                    }
                    row.clone()
                }
                None => BackupRow {
                    uuid: b.uuid.clone(),
                    backup: owner.with_value(|o| o.with(|| RwSignal::new(b))),
                },
            })
            .collect();
        let same_order =
            old.len() == rows.len() && old.iter().zip(rows.iter()).all(|(a, b)| a.uuid == b.uuid);
        let count = rows.len();
        selected.update(|s| s.retain(|u| rows.iter().any(|r| &r.uuid == u)));
        if !same_order {
            store.rows.set(rows);
        }
        last_count.set_value(count);
        total.set(page.total);
        links.set(page.links);
        announce.set(results_announcement(page.total, count));
        count
    };

    let schedule_poll = StoredValue::new_local(None::<std::rc::Rc<dyn Fn()>>);

    // Loads the current view's page; a newer load makes an older answer irrelevant.
    let load = move || {
        let query =
            view.with_untracked(|v| v.to_query(&ctx.settings.with_untracked(|s| s.scope.clone())));
        let page_no = view.with_untracked(|v| v.page);
        let my = seq.with_value(|s| s + 1);
        seq.set_value(my);
        busy.set(true);
        let client = ctx.client();
        ctx.spawn(async move {
            let result = client.list_backups_latest(&query).await;
            if seq.get_value() != my {
                return;
            }
            busy.set(false);
            now.set(now_ms());
            match result {
                Ok(page) => {
                    let count = apply_page(page);
                    status.set(Status::Ready);
                    loaded_once.set(true);
                    let back = page_after_removal(page_no, count);
                    if back != page_no {
                        view.update(|v| v.page = back);
                        return;
                    }
                    if let Some(f) = schedule_poll.get_value() {
                        f();
                    }
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    ctx.report_error(&e);
                    status.set(Status::Failed(e.message()));
                    announce.set(e.message());
                }
            }
        });
    };

    // Refreshes on a backing-off timer while a shown row changes by itself; waits while hidden.
    let poll = std::rc::Rc::new(move || {
        if let Some(h) = poll_timer.get_value() {
            h.clear();
        }
        poll_timer.set_value(None);
        if !transitional.get_untracked() {
            poll_attempt.set_value(0);
            return;
        }
        let attempt = poll_attempt.get_value();
        let delay = backoff_delay_ms(attempt, poll_base_ms, poll_max_ms);
        let handle = set_timeout_with_handle(
            move || {
                poll_timer.set_value(None);
                let hidden = document().is_some_and(|d| d.hidden());
                if hidden {
                    if let Some(f) = schedule_poll.get_value() {
                        f();
                    }
                } else {
                    poll_attempt.set_value(attempt + 1);
                    load();
                }
            },
            Duration::from_millis(u64::from(delay)),
        )
        .ok();
        poll_timer.set_value(handle);
    }) as std::rc::Rc<dyn Fn()>;
    schedule_poll.set_value(Some(poll));
    on_cleanup(move || {
        if let Some(h) = poll_timer.get_value() {
            h.clear();
        }
        if let Some(h) = debounce.get_value() {
            h.clear();
        }
    });

    // A row starting to change (here, in the drawer or the dialog) starts the timer afresh.
    Effect::new(move |was: Option<bool>| {
        let now_transitional = transitional.get();
        if now_transitional && was != Some(true) {
            poll_attempt.set_value(0);
            if let Some(f) = schedule_poll.get_value() {
                f();
            }
        }
        now_transitional
    });

    // Load whenever the view, the scope or the reload counter changes.
    Effect::new(move |_| {
        view.track();
        store.reload.track();
        ctx.settings.with(|s| s.scope.clone());
        load();
    });

    // Rows removed elsewhere (drawer delete, unlink) leave the page: load it again, falling back a page if empty.
    Effect::new(move |_| {
        let n = store.rows.with(Vec::len);
        if loaded_once.get_untracked() && n < last_count.get_value() {
            last_count.set_value(n);
            load();
        }
    });

    // URL sync: the view and the open backup live in the page URL.
    if settings.url_sync {
        Effect::new(move |_| {
            let v = view.get();
            let open = store.open_detail.get();
            let Some(window) = web_sys::window() else {
                return;
            };
            let location = window.location();
            let search = location.search().unwrap_or_default();
            let next = merge_into_search(&search, &encode_view(&v, open.as_deref()));
            if next != search {
                let path = location.pathname().unwrap_or_default();
                let hash = location.hash().unwrap_or_default();
                if let Ok(history) = window.history() {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&format!("{path}{next}{hash}")),
                    );
                }
            }
        });
    }

    // Filters: text is debounced (one request when typing settles), states apply at once.
    let commit = move || {
        if let Some(h) = debounce.get_value() {
            h.clear();
        }
        debounce.set_value(None);
        let f = draft.get_untracked();
        view.update(|v| v.set_filters(f));
    };
    let on_text = Callback::new(move |(field, value): (TextField, String)| {
        draft.update(|d| field.set(d, value));
        if let Some(h) = debounce.get_value() {
            h.clear();
        }
        let handle =
            set_timeout_with_handle(commit, Duration::from_millis(u64::from(debounce_ms))).ok();
        debounce.set_value(handle);
    });
    let on_state = Callback::new(move |state: BackupState| {
        draft.update(|d| d.toggle_state(&state));
        commit();
    });
    let on_remove = Callback::new(move |key: FilterKey| {
        draft.update(|d| d.remove(&key));
        commit();
    });
    let clear_filters = Callback::new(move |()| {
        draft.set(Default::default());
        commit();
    });

    // Row actions.
    let on_action = Callback::new(move |(action, backup): (RowAction, Backup)| match action {
        RowAction::Details | RowAction::Edit => store.open_detail.set(Some(backup.uuid)),
        RowAction::Restore => store.restore_for.set(Some(backup)),
        RowAction::Delete => pending.set(Some(Pending::Delete(backup))),
        RowAction::Unlink => pending.set(Some(Pending::Unlink(backup))),
        RowAction::Pull => {
            let client = ctx.client();
            ctx.spawn(async move {
                let result = client.pull_backup(&backup.uuid).await;
                notice.set(Some(match result {
                    Ok(text) => Notice {
                        error: false,
                        text: format!("{}: {text}", backup.name),
                        details: Vec::new(),
                    },
                    Err(e) => {
                        if e.is_unauthorized() {
                            ctx.report_error(&e);
                        }
                        Notice {
                            error: true,
                            text: format!("Pull of “{}” failed: {}", backup.name, e.message()),
                            details: Vec::new(),
                        }
                    }
                }));
            });
        }
    });

    let confirm = Callback::new(move |()| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        acting.set(true);
        let client = ctx.client();
        ctx.spawn(async move {
            match p {
                Pending::Delete(b) => match client.delete_backup(&b.uuid).await {
                    Ok(()) => {
                        ctx.emit(HostEvent::BackupDeleted {
                            uuid: b.uuid.clone(),
                            name: b.name.clone(),
                        });
                        notice.set(Some(Notice {
                            error: false,
                            text: format!("Deletion of “{}” was scheduled", b.name),
                            details: Vec::new(),
                        }));
                    }
                    Err(e) => {
                        ctx.report_error(&e);
                        notice.set(Some(Notice {
                            error: true,
                            text: format!("Could not delete “{}”: {}", b.name, e.message()),
                            details: Vec::new(),
                        }));
                    }
                },
                Pending::Unlink(b) => match client.unlink_backup(&b.uuid).await {
                    Ok(()) => {
                        store.remove(&b.uuid);
                        ctx.emit(HostEvent::BackupUnlinked {
                            uuid: b.uuid.clone(),
                            name: b.name.clone(),
                        });
                        notice.set(Some(Notice {
                            error: false,
                            text: format!("“{}” was unlinked", b.name),
                            details: Vec::new(),
                        }));
                    }
                    Err(e) => {
                        ctx.report_error(&e);
                        notice.set(Some(Notice {
                            error: true,
                            text: format!("Could not unlink “{}”: {}", b.name, e.message()),
                            details: Vec::new(),
                        }));
                    }
                },
                Pending::BulkDelete(list) => {
                    let mut result = BulkResult::default();
                    for b in list {
                        match client.delete_backup(&b.uuid).await {
                            Ok(()) => {
                                ctx.emit(HostEvent::BackupDeleted {
                                    uuid: b.uuid.clone(),
                                    name: b.name.clone(),
                                });
                                result.done.push(b.name);
                            }
                            Err(e) => {
                                if e.is_unauthorized() {
                                    ctx.report_error(&e);
                                }
                                result.failed.push((b.name, e.message()));
                            }
                        }
                    }
                    selected.set(Vec::new());
                    notice.set(Some(Notice {
                        error: !result.failed.is_empty(),
                        text: result.summary(),
                        details: result
                            .failed
                            .iter()
                            .map(|(n, why)| format!("{n}: {why}"))
                            .collect(),
                    }));
                }
            }
            acting.set(false);
            pending.set(None);
            load();
        });
    });

    let page_uuids = move || {
        store
            .rows
            .with(|r| r.iter().map(|r| r.uuid.clone()).collect::<Vec<_>>())
    };
    let select_all = move || selected.with(|s| select_all_state(&page_uuids(), s));
    let toggle_all = move |_| {
        let all = page_uuids();
        if select_all() == SelectAll::All {
            selected.update(|s| s.retain(|u| !all.contains(u)));
        } else {
            selected.update(|s| {
                for u in all {
                    if !s.contains(&u) {
                        s.push(u);
                    }
                }
            });
        }
    };
    let bulk_delete = move |_| {
        let chosen = selected.get_untracked();
        let list: Vec<Backup> = store.rows.with_untracked(|rows| {
            rows.iter()
                .filter(|r| chosen.contains(&r.uuid))
                .map(|r| r.backup.get_untracked())
                .collect()
        });
        if !list.is_empty() {
            pending.set(Some(Pending::BulkDelete(list)));
        }
    };

    // Keyboard: ArrowUp/ArrowDown move between rows (roving tabindex), Enter opens the details.
    let on_row_key = move |ev: web_sys::KeyboardEvent, uuid: String| {
        if ev.target() != ev.current_target() {
            return;
        }
        let Some(row) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let target = match ev.key().as_str() {
            "ArrowDown" => row.next_element_sibling(),
            "ArrowUp" => row.previous_element_sibling(),
            "Home" => row.parent_element().and_then(|p| p.first_element_child()),
            "End" => row.parent_element().and_then(|p| p.last_element_child()),
            "Enter" => {
                ev.prevent_default();
                store.open_detail.set(Some(uuid));
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            if let Some(u) = el.get_attribute("data-uuid") {
                active_row.set(Some(u));
                let _ = el.focus();
            }
        }
    };

    let col_count = move || columns.with(Vec::len) + 1;
    let skeleton_rows = move || view.with(|v| v.page_size.min(50)) as usize;
    let filtered = move || view.with(|v| v.filters.is_active());
    let header = move || {
        columns
            .get()
            .into_iter()
            .map(|c| {
                let class = format!("wb-th wb-col-{}", c.key());
                match sort_field(c) {
                    Some(f) => view! {
                        <th scope="col" class=class aria-sort=move || view.with(|v| v.aria_sort(f))>
                            <button
                                type="button"
                                class="wb-sort"
                                data-sort=f.as_str()
                                on:click=move |_| view.update(|v| v.toggle_sort(f))
                            >
                                {c.title()}
                                <span class="wb-sort__icon" aria-hidden="true">
                                    {move || match view.with(|v| v.aria_sort(f)) {
                                        Some("ascending") => "▲",
                                        Some(_) => "▼",
                                        None => "↕",
                                    }}
                                </span>
                            </button>
                        </th>
                    }
                    .into_any(),
                    None if c == Column::Actions => view! {
                        <th scope="col" class=class>
                            <span class="wb-visually-hidden">{c.title()}</span>
                        </th>
                    }
                    .into_any(),
                    None => view! { <th scope="col" class=class>{c.title()}</th> }.into_any(),
                }
            })
            .collect_view()
    };

    let row_view = move |row: BackupRow| {
        let b = row.backup;
        let uuid = row.uuid.clone();
        let uuid_key = uuid.clone();
        let uuid_sel = uuid.clone();
        let uuid_tab = uuid.clone();
        let locale = move || ctx.settings.with(|s| s.locale.clone());
        let cells = move || {
            columns
                .get()
                .into_iter()
                .map(|c| cell(c, b, now, locale, on_action, is_staff, ctx))
                .collect_view()
        };
        let is_first = {
            let uuid = uuid.clone();
            move || {
                store
                    .rows
                    .with(|r| r.first().map(|f| f.uuid == uuid).unwrap_or(false))
            }
        };
        view! {
            <tr
                class="wb-row"
                data-uuid=uuid.clone()
                data-state=move || b.with(|b| b.state.as_api_str().to_string())
                tabindex=move || {
                    let mine = active_row.with(|a| match a {
                        Some(a) => *a == uuid_tab,
                        None => is_first(),
                    });
                    if mine { "0" } else { "-1" }
                }
                aria-selected=move || selected.with(|s| s.contains(&uuid_sel)).to_string()
                on:focus={
                    let uuid = uuid.clone();
                    move |_| active_row.set(Some(uuid.clone()))
                }
                on:keydown=move |ev| on_row_key(ev, uuid_key.clone())
            >
                <td class="wb-col-select">
                    <input
                        type="checkbox"
                        class="wb-row-check"
                        aria-label=move || format!("Select {}", b.with(|b| b.name.clone()))
                        prop:checked={
                            let uuid = uuid.clone();
                            move || selected.with(|s| s.contains(&uuid))
                        }
                        on:change={
                            let uuid = uuid.clone();
                            move |_| {
                                selected.update(|s| {
                                    if let Some(i) = s.iter().position(|u| *u == uuid) {
                                        s.remove(i);
                                    } else {
                                        s.push(uuid.clone());
                                    }
                                })
                            }
                        }
                    />
                </td>
                {cells}
            </tr>
        }
    };

    view! {
        <section class="wb-table" aria-label="Backups">
            <div class="wb-table__toolbar">
                <FilterBar draft=draft on_text=on_text on_state=on_state />
                <div class="wb-table__actions">
                    // Backing up an instance from where its backups are listed (instance scope).
                    {move || {
                        scope
                            .get()
                            .instance_uuid
                            .map(|uuid| view! { <CreateBackupButton instance_uuid=uuid /> })
                    }}
                    <button
                        type="button"
                        class="wb-button wb-refresh"
                        on:click=move |_| load()
                        aria-busy=move || busy.get().then_some("true")
                    >
                        "Refresh"
                    </button>
                    <Show when=move || selected.with(|s| !s.is_empty())>
                        <button type="button" class="wb-button wb-button--danger wb-bulk-delete" on:click=bulk_delete>
                            {move || format!("Delete selected ({})", selected.with(Vec::len))}
                        </button>
                    </Show>
                    <span class="wb-progress" aria-hidden="true" class:wb-progress--on=move || busy.get() && status.with(|s| *s != Status::Loading)></span>
                </div>
            </div>
            <FilterChips
                filters=Signal::derive(move || view.with(|v| v.filters.clone()))
                scope=scope
                on_remove=on_remove
                on_clear=clear_filters
            />
            <div class="wb-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || announce.get()}
            </div>
            {move || {
                notice
                    .get()
                    .map(|n| {
                        let class = if n.error { "wb-alert wb-alert--error wb-notice" } else { "wb-alert wb-alert--success wb-notice" };
                        view! {
                            <div class=class role=if n.error { "alert" } else { "status" }>
                                <p>{n.text.clone()}</p>
                                <Show when={
                                    let empty = n.details.is_empty();
                                    move || !empty
                                }>
                                    <ul class="wb-alert__list">
                                        {n.details.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}
                                    </ul>
                                </Show>
                                <button type="button" class="wb-button wb-button--small" on:click=move |_| notice.set(None)>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                status
                    .get()
                    .is_failed()
                    .map(|message| {
                        view! {
                            <div class="wb-alert wb-alert--error wb-load-error" role="alert">
                                <p>{message}</p>
                                <button type="button" class="wb-button wb-retry" on:click=move |_| load()>
                                    "Retry"
                                </button>
                            </div>
                        }
                    })
            }}
            <div class="wb-table__scroll">
                <table class="wb-grid" aria-busy=move || (status.with(|s| *s == Status::Loading)).then_some("true")>
                    <thead>
                        <tr>
                            <th scope="col" class="wb-col-select">
                                <input
                                    type="checkbox"
                                    class="wb-select-all"
                                    aria-label="Select all on this page"
                                    prop:checked=move || select_all() == SelectAll::All
                                    prop:indeterminate=move || select_all() == SelectAll::Some
                                    disabled=move || store.rows.with(Vec::is_empty)
                                    on:change=toggle_all
                                />
                            </th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>
                        <Show
                            when=move || status.with(|s| *s != Status::Loading) || loaded_once.get()
                            fallback=move || {
                                (0..skeleton_rows())
                                    .map(|_| {
                                        view! {
                                            <tr class="wb-skeleton" aria-hidden="true">
                                                <td colspan=col_count()>
                                                    <span class="wb-skeleton__bar"></span>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }
                        >
                            <For each=move || store.rows.get() key=|r| r.uuid.clone() children=row_view />
                        </Show>
                    </tbody>
                </table>
            </div>
            <Show when=move || status.with(|s| *s == Status::Ready) && store.rows.with(Vec::is_empty)>
                <div class="wb-empty" role="note">
                    <p class="wb-empty__message">{move || empty_message(filtered())}</p>
                    <Show when=filtered>
                        <button type="button" class="wb-button wb-empty__clear" on:click=move |_| clear_filters.run(())>
                            "Clear filters"
                        </button>
                    </Show>
                </div>
            </Show>
            <Pagination view=view total=total links=links shown=Signal::derive(move || store.rows.with(Vec::len)) />
            {move || {
                pending
                    .get()
                    .map(|p| {
                        let (title, message, label) = match &p {
                            Pending::Delete(b) => (
                                format!("Delete backup “{}”?", b.name),
                                "The backup and its snapshots are deleted from OpenStack. This cannot be undone.".to_string(),
                                "Delete",
                            ),
                            Pending::Unlink(b) => (
                                format!("Unlink backup “{}”?", b.name),
                                "This removes the record from Waldur only; the snapshots stay in OpenStack and are no longer managed here.".to_string(),
                                "Unlink",
                            ),
                            Pending::BulkDelete(list) => (
                                bulk_delete_question(list.len()),
                                format!(
                                    "These backups are deleted from OpenStack: {}. This cannot be undone.",
                                    list.iter().map(|b| b.name.as_str()).collect::<Vec<_>>().join(", ")
                                ),
                                "Delete",
                            ),
                        };
                        view! {
                            <ConfirmDialog
                                title=title
                                message=message
                                confirm_label=label
                                danger=true
                                busy=Signal::derive(move || acting.get())
                                on_confirm=confirm
                                on_cancel=move |_| pending.set(None)
                            />
                        }
                    })
            }}
        </section>
    }
}

impl Status {
    fn is_failed(&self) -> Option<String> {
        match self {
            Status::Failed(m) => Some(m.clone()),
            _ => None,
        }
    }
}

/// One cell of a row; reads the row's signal only inside closures, so the row is never rebuilt.
fn cell(
    column: Column,
    b: RwSignal<Backup>,
    now: RwSignal<f64>,
    locale: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    on_action: Callback<(RowAction, Backup)>,
    is_staff: Signal<bool>,
    ctx: WidgetContext,
) -> AnyView {
    let class = format!("wb-col-{}", column.key());
    match column {
        Column::Name => view! {
            <td class=class>
                <div class="wb-name">{move || b.with(|b| b.name.clone())}</div>
                {move || {
                    b.with(|b| b.description.clone())
                        .filter(|d| !d.trim().is_empty())
                        .map(|d| view! { <div class="wb-desc" title=d.clone()>{d.clone()}</div> })
                }}
            </td>
        }
        .into_any(),
        Column::State => view! {
            <td class=class>
                <StateBadge
                    state=Signal::derive(move || b.with(|b| b.state.clone()))
                    error=Signal::derive(move || b.with(|b| b.error_message.clone()))
                />
            </td>
        }
        .into_any(),
        Column::Instance => view! {
            <td class=class>
                {move || {
                    let (url, name) = b.with(|b| (b.instance.clone(), b.instance_name.clone()));
                    let url = url.unwrap_or_default();
                    let uuid = uuid_from_url(&url).unwrap_or_default().to_string();
                    let name = name.filter(|n| !n.is_empty()).unwrap_or_else(|| uuid.clone());
                    if url.is_empty() && name.is_empty() {
                        return view! { <span class="wb-muted">"—"</span> }.into_any();
                    }
                    let pattern = ctx.settings.with(|s| s.instance_url.clone());
                    match instance_link(pattern.as_deref(), &uuid, &name) {
                        Some(href) => view! { <a class="wb-link" href=href>{name}</a> }.into_any(),
                        None => view! {
                            <button
                                type="button"
                                class="wb-button wb-button--link wb-instance"
                                on:click=move |_| {
                                    ctx.emit(HostEvent::InstanceSelected {
                                        uuid: uuid.clone(),
                                        url: url.clone(),
                                        name: name.clone(),
                                    })
                                }
                            >
                                {name.clone()}
                            </button>
                        }
                        .into_any(),
                    }
                }}
            </td>
        }
        .into_any(),
        Column::Project => view! {
            <td class=class>{move || b.with(|b| b.project_name.clone().unwrap_or_default())}</td>
        }
        .into_any(),
        Column::Customer => view! {
            <td class=class>{move || b.with(|b| b.customer_name.clone().unwrap_or_default())}</td>
        }
        .into_any(),
        Column::Service => view! {
            <td class=class>{move || b.with(|b| b.service_name.clone().unwrap_or_default())}</td>
        }
        .into_any(),
        Column::Created => view! {
            <td class=class>
                {move || {
                    let created = b.with(|b| b.created.clone()).unwrap_or_default();
                    match crate::api::parse_timestamp_ms(&created) {
                        Some(ms) => {
                            let exact = format_datetime(ms, locale().as_deref());
                            view! {
                                <time class="wb-time" datetime=created title=exact.clone() tabindex="0" aria-label=exact>
                                    {format_relative(now.get(), ms, locale().as_deref())}
                                </time>
                            }
                            .into_any()
                        }
                        None => view! { <span>{created}</span> }.into_any(),
                    }
                }}
            </td>
        }
        .into_any(),
        Column::KeptUntil => view! {
            <td class=class>
                {move || {
                    let kept = b.with(|b| b.kept_until.clone());
                    let status = kept_until_status(kept.as_deref(), now.get());
                    match (status, kept) {
                        (KeptUntilStatus::Forever, _) | (_, None) => {
                            view! { <span class="wb-kept">"Keep forever"</span> }.into_any()
                        }
                        (KeptUntilStatus::Unreadable, Some(text)) => view! { <span class="wb-kept">{text}</span> }.into_any(),
                        (status, Some(text)) => {
                            let ms = crate::api::parse_timestamp_ms(&text).unwrap_or_default();
                            let date = format_datetime(ms, locale().as_deref());
                            let warning = status.warning();
                            view! {
                                <span class="wb-kept" class:wb-kept--warning=warning.is_some()>
                                    {date}
                                    {warning
                                        .map(|w| {
                                            view! {
                                                <span class="wb-kept__warning" title=w>
                                                    {if status == KeptUntilStatus::Expired { " Expired" } else { " Expires soon" }}
                                                    <span class="wb-visually-hidden">{format!(": {w}")}</span>
                                                </span>
                                            }
                                        })}
                                </span>
                            }
                            .into_any()
                        }
                    }
                }}
            </td>
        }
        .into_any(),
        Column::Size => view! {
            <td class=class>
                {move || {
                    b.with(|b| b.metadata.size())
                        .map(|mib| format_size_mib(mib as f64, locale().as_deref()))
                        .unwrap_or_else(|| "—".to_string())
                }}
            </td>
        }
        .into_any(),
        Column::Restorations => view! {
            <td class=class>{move || b.with(|b| b.restorations.len())}</td>
        }
        .into_any(),
        Column::Actions => view! {
            <td class=class>
                <RowMenu backup=b is_staff=is_staff on_action=on_action />
            </td>
        }
        .into_any(),
    }
}
