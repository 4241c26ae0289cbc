//! The backup table: filters, sorting, pages, live state while backups change, row actions
//! and bulk delete, on the shared [`Store`](crate::components::Store) so the drawer and the
//! restore dialog see the same rows.

pub mod filters;
pub mod pagination;
pub mod rows;

use crate::api::{ApiError, Backup, BackupState, LinkRelations, OrderField, Page};
use crate::components::create_backup::CreateBackupButton;
use crate::components::ui::locale::now_ms;
use crate::components::ui::ConfirmDialog;
use crate::components::{HostEvent, WidgetContext};
use crate::state::table::{
    backoff_delay_ms, bulk_delete_question, decode_view, empty_message, encode_view,
    instance_name_in, instance_to_back_up, merge_into_search, page_after_removal,
    results_announcement, select_all_state, BulkResult, FilterKey, RowAction, SelectAll, TableView,
};
use crate::state::Column;
use filters::{FilterBar, FilterChips, TextField};
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use pagination::Pagination;
use rows::{row_instance, RowInputs, RowRenderer, SharedRows};
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
    let renderer = StoredValue::new_local(SharedRows::default());
    // Runs `f` on the row renderer unless it is busy: focus moves it makes itself fire focus
    // events while it works, and those are ignored. Nor when the table's state is gone:
    // Chromium fires `focusout` at a focused row as it is removed, which can come after that
    // (a host's view cleaned up before it unmounts the widget).
    let rows_do = move |f: &mut dyn FnMut(&mut RowRenderer)| {
        let Some(renderer) = renderer.try_get_value() else {
            return;
        };
        if let Ok(mut r) = renderer.try_borrow_mut() {
            f(&mut r);
        };
    };
    let rows_ref = NodeRef::<leptos::html::Tbody>::new();
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
    // A memo: the button (and its instance check) is rebuilt only when the instance changes,
    // not on every sort or page.
    let backup_target =
        Memo::new(move |_| view.with(|v| scope.with(|s| instance_to_back_up(s, &v.filters))));
    let instance_name = Memo::new(move |_| {
        let uuid = backup_target.get()?;
        store.rows.with(|rows| instance_name_in(rows, &uuid))
    });
    let transitional = Memo::new(move |_| {
        store
            .rows
            .with(|rows| rows.iter().any(|b| b.state.is_transitional()))
    });

    // Shows a loaded page (the row renderer updates rows already shown in place).
    let apply_page = move |page: Page<Backup>| {
        let rows = page.items;
        let count = rows.len();
        selected.maybe_update(|s| {
            let before = s.len();
            s.retain(|u| rows.iter().any(|r| &r.uuid == u));
            s.len() != before
        });
        if store.rows.with_untracked(|old| *old != rows) {
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
    let on_action = move |action: RowAction, backup: Backup| match action {
        RowAction::Details | RowAction::Edit => store.open_detail.set(Some(backup.uuid)),
        // Rows carry only the fields the table shows; the dialog needs the whole backup (the
        // instance's ports, groups and floating IPs), so it opens on a fresh copy.
        RowAction::Restore => {
            let client = ctx.client();
            ctx.spawn(async move {
                match client.get_backup(&backup.uuid).await {
                    Ok(full) => {
                        store.upsert(&full);
                        store.restore_for.set(Some(full));
                    }
                    Err(e) => {
                        ctx.report_error(&e);
                        notice.set(Some(Notice {
                            error: true,
                            text: format!(
                                "Could not open the restore of “{}”: {}",
                                backup.name,
                                e.message()
                            ),
                            details: Vec::new(),
                        }));
                    }
                }
            });
        }
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
    };

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
            .with(|r| r.iter().map(|b| b.uuid.clone()).collect::<Vec<_>>())
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
                .filter(|b| chosen.contains(&b.uuid))
                .cloned()
                .collect()
        });
        if !list.is_empty() {
            pending.set(Some(Pending::BulkDelete(list)));
        }
    };

    // Rows are drawn by the row renderer: whenever the page, the columns, the clock or the
    // host's settings change. Selection and the Tab stop are marked on their own (cheap).
    let mark_rows = move || {
        selected.with_untracked(|sel| {
            active_row.with_untracked(|a| {
                rows_do(&mut |r| r.mark(sel, a.as_deref()));
            })
        })
    };
    Effect::new(move |_| {
        let Some(body) = rows_ref.get() else {
            return;
        };
        let body: web_sys::Element = body.into();
        let now = now.get();
        ctx.settings.with(|s| {
            store.rows.with(|rows| {
                let inputs = RowInputs {
                    columns: &s.columns,
                    now,
                    locale: s.locale.as_deref(),
                    instance_url: s.instance_url.as_deref(),
                    is_staff: s.is_staff,
                };
                rows_do(&mut |r| r.sync(&body, rows, &inputs));
            })
        });
        mark_rows();
    });
    Effect::new(move |_| {
        selected.track();
        active_row.track();
        mark_rows();
    });

    // Row events, delegated to the row group. Focus moves made by the renderer itself fire
    // focus events while it is busy: those find it borrowed and are ignored.
    let target_of = |ev: &web_sys::Event| {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    };
    let within =
        |target: &web_sys::Element, selector: &str| target.closest(selector).ok().flatten();
    let row_of = move |target: &web_sys::Element| {
        let tr = within(target, "tr.wb-row")?;
        let uuid = tr.get_attribute("data-uuid")?;
        Some((tr, uuid))
    };
    let backup_of = move |uuid: &str| {
        store
            .rows
            .with_untracked(|rows| rows.iter().find(|b| b.uuid == uuid).cloned())
    };
    let open_menu = move |uuid: &str, last: bool| {
        if let Some(b) = backup_of(uuid) {
            let staff = is_staff.get_untracked();
            rows_do(&mut |r| r.open_menu(uuid, &b.state, staff, last));
        }
    };
    let close_menu = move |refocus: bool| {
        rows_do(&mut |r| r.close_menu(refocus));
    };
    let choose = move |uuid: &str, item: &web_sys::Element| {
        if item.get_attribute("aria-disabled").as_deref() == Some("true") {
            return;
        }
        let action = item
            .get_attribute("data-action")
            .and_then(|k| RowAction::from_key(&k));
        close_menu(true);
        if let (Some(action), Some(b)) = (action, backup_of(uuid)) {
            on_action(action, b);
        }
    };
    let on_rows_click = move |ev: web_sys::MouseEvent| {
        let Some(target) = target_of(&ev) else {
            return;
        };
        let Some((_, uuid)) = row_of(&target) else {
            return;
        };
        if let Some(item) = within(&target, "[role='menuitem']") {
            choose(&uuid, &item);
        } else if within(&target, ".wb-menu__button").is_some() {
            let mut open_here = false;
            rows_do(&mut |r| open_here = r.open_menu_row() == Some(uuid.as_str()));
            if open_here {
                close_menu(false);
            } else {
                open_menu(&uuid, false);
            }
        } else if within(&target, ".wb-instance").is_some() {
            if let Some(b) = backup_of(&uuid) {
                let (uuid, url, name) = row_instance(&b);
                // Inside the widget the instance means "its backups": the table narrows to
                // them (and offers "Create backup"); the host hears of it too.
                let show = !uuid.is_empty()
                    && scope.with_untracked(|s| s.instance_uuid.is_none())
                    && draft.with_untracked(|d| d.instance != uuid);
                ctx.emit(HostEvent::InstanceSelected {
                    uuid: uuid.clone(),
                    url,
                    name,
                });
                if show {
                    close_menu(false);
                    draft.update(|d| d.instance = uuid);
                    commit();
                }
            }
        } else if within(
            &target,
            "a, button, input, label, select, textarea, [role='menu']",
        )
        .is_none()
            && !text_selected()
        {
            // A click elsewhere on a row opens its details, as Enter does on a focused row
            // (selecting text in a row does not).
            close_menu(false);
            store.open_detail.set(Some(uuid));
        }
    };
    let on_rows_change = move |ev: web_sys::Event| {
        let Some(target) = target_of(&ev) else {
            return;
        };
        if !target.class_list().contains("wb-row-check") {
            return;
        }
        if let Some((_, uuid)) = row_of(&target) {
            selected.update(|s| match s.iter().position(|u| *u == uuid) {
                Some(i) => {
                    s.remove(i);
                }
                None => s.push(uuid),
            });
        }
    };
    // Keyboard: in a row menu, the WAI-ARIA menu keys; on a menu button, keys that open it; on a
    // row, ArrowUp/ArrowDown/Home/End move between rows (roving tabindex), Enter opens the details.
    let on_rows_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some(target) = target_of(&ev) else {
            return;
        };
        let Some((tr, uuid)) = row_of(&target) else {
            return;
        };
        let key = ev.key();
        if within(&target, ".wb-menu__list").is_some() {
            let go = |index: isize| rows_do(&mut |r| r.focus_item(index));
            let mut here = 0;
            rows_do(&mut |r| here = r.focused_item().map_or(0, |i| i as isize));
            match key.as_str() {
                "ArrowDown" => {
                    ev.prevent_default();
                    go(here + 1);
                }
                "ArrowUp" => {
                    ev.prevent_default();
                    go(here - 1);
                }
                "Home" => {
                    ev.prevent_default();
                    go(0);
                }
                "End" => {
                    ev.prevent_default();
                    go(-1);
                }
                "Escape" => {
                    ev.prevent_default();
                    ev.stop_propagation();
                    close_menu(true);
                }
                // Back on the button first, so Tab moves on from there.
                "Tab" => close_menu(true),
                "Enter" | " " => {
                    ev.prevent_default();
                    if let Some(item) = within(&target, "[role='menuitem']") {
                        choose(&uuid, &item);
                    }
                }
                _ => {}
            }
            return;
        }
        if within(&target, ".wb-menu__button").is_some() {
            match key.as_str() {
                "ArrowDown" | "Enter" | " " => {
                    ev.prevent_default();
                    open_menu(&uuid, false);
                }
                "ArrowUp" => {
                    ev.prevent_default();
                    open_menu(&uuid, true);
                }
                _ => {}
            }
            return;
        }
        if target != tr {
            return;
        }
        let next = match key.as_str() {
            "ArrowDown" => tr.next_element_sibling(),
            "ArrowUp" => tr.previous_element_sibling(),
            "Home" => tr.parent_element().and_then(|p| p.first_element_child()),
            "End" => tr.parent_element().and_then(|p| p.last_element_child()),
            "Enter" => {
                ev.prevent_default();
                store.open_detail.set(Some(uuid));
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(el) = next.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            if let Some(u) = el.get_attribute("data-uuid") {
                active_row.set(Some(u));
                let _ = el.focus();
            }
        }
    };
    let on_rows_focusin = move |ev: web_sys::FocusEvent| {
        let Some(target) = target_of(&ev) else {
            return;
        };
        if let Some((tr, uuid)) = row_of(&target) {
            if tr == target && active_row.with_untracked(|a| a.as_deref() != Some(uuid.as_str())) {
                active_row.set(Some(uuid));
            }
        }
    };
    // A menu closes when focus leaves it and its button (a click elsewhere, Tab away).
    let on_rows_focusout = move |ev: web_sys::FocusEvent| {
        let mut wrapper = None;
        rows_do(&mut |r| wrapper = r.open_menu_wrapper());
        let Some(wrapper) = wrapper else {
            return;
        };
        let to: Option<web_sys::Node> = ev.related_target().and_then(|t| t.dyn_into().ok());
        if !to.is_some_and(|to| wrapper.contains(Some(&to))) {
            close_menu(false);
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

    view! {
        <section class="wb-table" aria-label="Backups">
            <div class="wb-table__toolbar">
                <FilterBar draft=draft on_text=on_text on_state=on_state />
                <div class="wb-table__actions">
                    // Backing up an instance from where its backups are listed: the host's
                    // instance, or the one the user filtered by.
                    {move || {
                        backup_target
                            .get()
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
                instance_name=instance_name
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
                    <Show when=move || status.with(|s| *s == Status::Loading) && !loaded_once.get()>
                        <tbody class="wb-skeleton-rows">
                            {(0..skeleton_rows())
                                .map(|_| {
                                    view! {
                                        <tr class="wb-skeleton" aria-hidden="true">
                                            <td colspan=col_count()>
                                                <span class="wb-skeleton__bar"></span>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </Show>
                    // Rows are drawn by the row renderer (rows.rs); events are handled here, for all rows.
                    <tbody
                        class="wb-rows"
                        node_ref=rows_ref
                        on:click=on_rows_click
                        on:change=on_rows_change
                        on:keydown=on_rows_keydown
                        on:focusin=on_rows_focusin
                        on:focusout=on_rows_focusout
                    ></tbody>
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

/// Whether the user has selected some text (a click that ends a selection is not a "click").
fn text_selected() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}
