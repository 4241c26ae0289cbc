//! The backup table: filters, sorting, pages, live state while backups change, row actions
//! and bulk delete, on the shared [`Store`](crate::components::Store) so the drawer and the
//! restore dialog see the same rows.
//!
//! This file is the wiring; the parts are the view hook ([`use_table_view`]), the poller
//! ([`use_backoff_poll`]), the page loader, the row renderer and its events (pointer and
//! keyboard), the headers, filters and pagination, and the shared [`Commands`].

pub mod filters;
mod header;
mod keyboard;
mod loader;
pub mod more_filters;
pub mod pagination;
mod row_events;
pub mod rows;

use crate::api::{Backup, ResourceState};
use crate::components::bulk_retention::BulkRetentionButton;
use crate::components::commands::{Commands, Finished};
use crate::components::create_backup::CreateBackupButton;
use crate::components::export::ExportControls;
use crate::components::hooks::{use_backoff_poll, use_table_view};
use crate::components::lazy::LazyConfirmCommand;
use crate::components::ui::Alert;
use crate::components::WidgetContext;
use crate::i18n::Msg;
use crate::state::actions::{Command, Confirmation, Notice};
use crate::state::table::{
    empty_message, fixed_by_scope, instance_name_in, instance_to_back_up, needs_polling,
    select_all_state, FilterKey, SelectAll,
};
use crate::state::{scope_name_in, Landmarks, POLL_BASE_MS, POLL_MAX_MS};
use filters::{FilterBar, FilterChips, TextField};
use header::column_headers;
use leptos::prelude::*;
use loader::{PageLoader, Status};
use pagination::Pagination;
pub(crate) use row_events::focus_row_near;
use row_events::RowEvents;

/// The table of backups of the enclosing widget (needs a provided [`WidgetContext`]).
#[component]
pub fn BackupTable(
    /// First refresh delay while a shown backup is changing, in ms; doubles up to `poll_max_ms`.
    #[prop(default = POLL_BASE_MS)]
    poll_base_ms: u32,
    /// Longest delay between refreshes while a shown backup is changing, in ms.
    #[prop(default = POLL_MAX_MS)]
    poll_max_ms: u32,
    /// How long typing must pause before a filter is sent, in ms.
    #[prop(default = 350)]
    debounce_ms: u32,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let i18n = ctx.i18n;
    let store = ctx.store;
    let settings = ctx.settings.get_untracked();
    let table = use_table_view(
        settings.page_size,
        settings.url_sync,
        store.open_detail,
        debounce_ms,
    );
    let view = table.view;
    // Back with the drawer open closes it, as its Close button does.
    table.on_back_close(Callback::new(move |()| store.request_close_detail()));
    let transitional = Memo::new(move |_| {
        store
            .rows
            .with(|rows| needs_polling(rows.iter().map(|b| &b.state)))
    });
    let poll = use_backoff_poll(transitional.into(), poll_base_ms, poll_max_ms);
    let selected = RwSignal::new(Vec::<String>::new());
    let page = PageLoader::new(ctx, table, poll, selected);
    let commands = Commands::new(ctx);
    let export = ExportControls::new(ctx, view.into());
    let asked = RwSignal::new(None::<Confirmation>);
    let notice = RwSignal::new(None::<Notice>);

    let columns = Memo::new(move |_| ctx.settings.with(|s| s.columns.clone()));
    let scope = Signal::derive(move || ctx.settings.with(|s| s.scope.clone()));
    // Each widget's landmarks carry its label, so two widgets on a page never share a name.
    let landmarks = Memo::new(move |_| {
        let name = store
            .rows
            .with(|rows| ctx.settings.with(|s| scope_name_in(rows, &s.scope)));
        ctx.settings
            .with(|s| Landmarks::new(s.label.as_deref(), &s.scope, name.as_deref()))
    });
    // The host's page size, changed while mounted (`page-size`, `handle.update`), applies as a
    // choice in the pagination would.
    let host_page_size = Memo::new(move |_| ctx.settings.with(|s| s.page_size));
    Effect::new(move |before: Option<u32>| {
        let size = host_page_size.get();
        if before.is_some_and(|b| b != size) {
            view.update(|v| v.set_page_size(size));
        }
        size
    });
    // A memo: the button (and its instance check) is rebuilt only when the instance changes,
    // not on every sort or page.
    let backup_target =
        Memo::new(move |_| view.with(|v| scope.with(|s| instance_to_back_up(s, &v.filters))));
    let instance_name = Memo::new(move |_| {
        let uuid = backup_target.get()?;
        store.rows.with(|rows| instance_name_in(rows, &uuid))
    });

    // Fields the host's scope fixes are shown read-only, by name once a row tells it.
    let fixed = Memo::new(move |_| {
        let f = scope.with(|s| store.rows.with(|rows| fixed_by_scope(s, rows)));
        [
            (TextField::Instance, f.instance),
            (TextField::Project, f.project),
            (TextField::Customer, f.customer),
        ]
        .into_iter()
        .filter_map(|(field, v)| v.map(|v| (field, v)))
        .collect::<Vec<_>>()
    });

    // Filters: text waits for typing to settle, everything else applies at once.
    let on_text = Callback::new(move |(field, value): (TextField, String)| {
        table.type_filters(|d| field.set(d, value));
    });
    let on_state = Callback::new(move |state: ResourceState| {
        table.set_filters(|d| d.toggle_state(&state));
    });
    // Removing a filter moves focus to its field (its chip goes away); clearing all, to the
    // name search.
    let section = NodeRef::<leptos::html::Section>::new();
    // Focuses the first match of `selector` in the table, else the table itself.
    let focus_in_table = move |selector: &str| {
        // `try_`: called from a frame that can come after the widget is gone.
        let Some(table) = section.try_get_untracked().flatten() else {
            return;
        };
        let done = table
            .query_selector(selector)
            .ok()
            .flatten()
            .is_some_and(|el| crate::components::ui::focus::focus_on(&el));
        if !done {
            let _ = table.focus();
        }
    };
    let on_remove = Callback::new(move |key: FilterKey| {
        focus_in_table(match key {
            FilterKey::Name => "[data-filter=name]",
            FilterKey::State(_) => ".wb-states__summary",
            FilterKey::ProjectName => "[data-filter=project]",
            FilterKey::CustomerName => "[data-filter=customer]",
            FilterKey::Description => "[data-filter=description]",
            FilterKey::Instance => "[data-filter=instance]",
            FilterKey::More(f) => more_filters::focus_after_remove(f),
        });
        table.set_filters(|d| d.remove(&key));
    });
    let clear_filters = Callback::new(move |()| {
        focus_in_table("[data-filter=name]");
        table.set_filters(|d| *d = Default::default());
    });

    // Every outcome of a command is said, and a delete or unlink reloads the page.
    commands.on_finished(move |finished| {
        match finished {
            Finished::One(outcome) if outcome.command == Command::Pull => {
                notice.set(Some(outcome.notice));
                return;
            }
            Finished::One(outcome) => notice.set(Some(outcome.notice)),
            Finished::BulkDelete(result) => {
                selected.set(Vec::new());
                notice.set(Some(result.notice()));
                // "Delete selected" goes with the selection: focus to "Select all".
                request_animation_frame(move || {
                    if crate::components::ui::focus::focus_lost() {
                        focus_in_table(".wb-select-all:not([disabled])");
                    }
                });
            }
        }
        asked.set(None);
        page.load();
    });

    // Selection of the page's rows, and deleting them together.
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
    // Deleting the selection needs the right to change at least one of them; the others are
    // named in the outcome, never sent.
    let bulk_refusal = Memo::new(move |_| {
        let access = ctx.access();
        selected.with(|chosen| {
            store.rows.with(|rows| {
                let mut refusal = None;
                for b in rows.iter().filter(|b| chosen.contains(&b.uuid)) {
                    match Command::Delete.permitted(&access, b) {
                        Ok(()) => return None,
                        Err(why) => refusal = Some(why),
                    }
                }
                refusal
            })
        })
    });
    let bulk_reason_id =
        StoredValue::new(crate::components::ui::focus::unique_id("wb-bulk-reason"));
    let bulk_delete = move |_| {
        if bulk_refusal.get_untracked().is_some() {
            return;
        }
        let chosen = selected.get_untracked();
        let list: Vec<Backup> = store.rows.with_untracked(|rows| {
            rows.iter()
                .filter(|b| chosen.contains(&b.uuid))
                .cloned()
                .collect()
        });
        if !list.is_empty() {
            asked.set(Some(Confirmation::BulkDelete(list)));
        }
    };

    // Rows are drawn by the row renderer (rows.rs); their events are handled for all rows at
    // once (row_events.rs, keyboard.rs).
    let rows = RowEvents {
        ctx,
        table,
        renderer: StoredValue::new_local(Default::default()),
        body: NodeRef::new(),
        selected,
        active_row: RwSignal::new(None),
        commands,
        asked,
        notice,
    };
    rows.keep_drawn(page.now);

    let status = page.status;
    let loading = move || status.with(|s| *s == Status::Loading);
    let filtered = move || view.with(|v| v.filters.is_active());
    let col_count = move || columns.with(Vec::len) + 1;
    let skeleton_rows = move || view.with(|v| v.page_size.min(50)) as usize;

    view! {
        // Focusable from code only: where focus goes when the control it was on went away
        // and no row is left to take it.
        <section
            class="wb-table"
            aria-label=move || landmarks.with(|l| i18n.show(&l.region))
            tabindex="-1"
            node_ref=section
        >
            <div class="wb-table__toolbar">
                <FilterBar
                    draft=table.draft
                    on_text=on_text
                    on_state=on_state
                    fixed=fixed
                    name=Signal::derive(move || landmarks.with(|l| i18n.show(&l.search)))
                >
                    <more_filters::MoreFilters control=table />
                </FilterBar>
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
                        on:click=move |_| page.load()
                        aria-busy=move || page.busy.get().then_some("true")
                    >
                        {i18n.t(Msg::Refresh)}
                    </button>
                    {export.button()}
                    <BulkRetentionButton selected=selected />
                    <Show when=move || selected.with(|s| !s.is_empty())>
                        <button
                            type="button"
                            class="wb-button wb-button--danger wb-bulk-delete"
                            aria-disabled=move || bulk_refusal.with(Option::is_some).then_some("true")
                            aria-describedby=move || bulk_refusal.with(Option::is_some).then(|| bulk_reason_id.get_value())
                            on:click=bulk_delete
                        >
                            {i18n.t_with(Msg::DeleteSelected, move || vec![("count", selected.with(Vec::len).into())])}
                        </button>
                        {move || bulk_refusal.get().map(|why| view! {
                            <span class="wb-bulk-reason" id=bulk_reason_id.get_value()>{i18n.text(why)}</span>
                        })}
                    </Show>
                    <span class="wb-progress" aria-hidden="true" class:wb-progress--on=move || page.busy.get() && !loading()></span>
                </div>
            </div>
            {export.status()}
            <FilterChips
                filters=Signal::derive(move || view.with(|v| v.filters.clone()))
                scope=scope
                on_remove=on_remove
                on_clear=clear_filters
                instance_name=instance_name
            />
            <div class="wb-visually-hidden wb-results-status" role="status" aria-live="polite" aria-atomic="true">
                {move || page.announce.with(|t| t.as_ref().map(|t| i18n.show(t)))}
            </div>
            // Said by the results region above; shown here, not announced a second time.
            {move || {
                page.moved
                    .get()
                    .map(|text| {
                        view! {
                            <Alert
                                notice=Notice::warning(text)
                                class="wb-moved"
                                role="none"
                                on_dismiss=move |_| page.moved.set(None)
                            />
                        }
                    })
            }}
            {move || {
                notice
                    .get()
                    .map(|n| {
                        view! {
                            <Alert notice=n class="wb-notice" on_dismiss=move |_| notice.set(None) />
                        }
                    })
            }}
            {move || match status.get() {
                Status::Failed(message) => Some(view! {
                    <Alert notice=Notice::error(message) class="wb-load-error" on_retry=move |_| page.load() />
                }),
                _ => None,
            }}
            <div class="wb-table__scroll" on:scroll=move |_| rows.page_moved()>
                // Explicit roles: narrow widgets show rows as cards (see table.css).
                <table class="wb-grid" role="table" aria-busy=move || loading().then_some("true")>
                    <thead role="rowgroup">
                        <tr role="row">
                            <th scope="col" role="columnheader" class="wb-col-select">
                                <input
                                    type="checkbox"
                                    class="wb-select-all"
                                    aria-label=i18n.t(Msg::SelectAllOnPage)
                                    prop:checked=move || select_all() == SelectAll::All
                                    prop:indeterminate=move || select_all() == SelectAll::Some
                                    disabled=move || store.rows.with(Vec::is_empty)
                                    on:change=toggle_all
                                />
                            </th>
                            {column_headers(view, columns)}
                        </tr>
                    </thead>
                    <Show when=move || loading() && !page.loaded_once.get()>
                        <tbody class="wb-skeleton-rows" role="rowgroup">
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
                    <tbody
                        class="wb-rows"
                        role="rowgroup"
                        node_ref=rows.body
                        on:click=move |ev| rows.click(ev)
                        on:change=move |ev| rows.change(ev)
                        on:keydown=move |ev| rows.keydown(ev)
                        on:focusin=move |ev| rows.focusin(ev)
                        on:mouseover=move |ev| {
                            let from = ev.related_target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
                            rows.tip(row_events::target_of(&ev), from, true)
                        }
                        on:mouseout=move |ev| {
                            let to = ev.related_target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
                            rows.tip(row_events::target_of(&ev), to, false)
                        }
                        on:focusout=move |ev| rows.focusout(ev)
                    ></tbody>
                </table>
            </div>
            <Show when=move || status.with(|s| *s == Status::Ready) && store.rows.with(Vec::is_empty)>
                <div class="wb-empty" role="note">
                    <p class="wb-empty__message">{move || i18n.text(empty_message(filtered()))}</p>
                    <Show when=filtered>
                        <button type="button" class="wb-button wb-empty__clear" on:click=move |_| clear_filters.run(())>
                            {i18n.t(Msg::ClearFilters)}
                        </button>
                    </Show>
                </div>
            </Show>
            <Pagination
                view=view
                total=page.total
                links=page.links
                shown=Signal::derive(move || store.rows.with(Vec::len))
                name=Signal::derive(move || landmarks.with(|l| i18n.show(&l.pages)))
            />
            {move || {
                asked
                    .get()
                    .map(|confirmation| {
                        view! {
                            <LazyConfirmCommand commands confirmation on_cancel=move |_| asked.set(None) />
                        }
                    })
            }}
        </section>
    }
}
