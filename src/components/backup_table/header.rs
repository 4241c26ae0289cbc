//! The column headers: sortable ones are buttons with `aria-sort` on their cell.

use crate::api::OrderField;
use crate::state::table::TableView;
use crate::state::Column;
use leptos::prelude::*;

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

/// One header cell per column; a click on a sortable one sorts by it (again: reversed).
pub(super) fn column_headers(
    view: RwSignal<TableView>,
    columns: Memo<Vec<Column>>,
) -> impl IntoView {
    let i18n = crate::i18n::I18n::expect();
    move || {
        columns
            .get()
            .into_iter()
            .map(|c| {
                let class = format!("wb-th wb-col-{}", c.key());
                match sort_field(c) {
                    Some(f) => view! {
                        <th scope="col" role="columnheader" class=class aria-sort=move || view.with(|v| v.aria_sort(f))>
                            <button
                                type="button"
                                class="wb-sort"
                                data-sort=f.as_str()
                                on:click=move |_| view.update(|v| v.toggle_sort(f))
                            >
                                {i18n.t(c.title())}
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
                        <th scope="col" role="columnheader" class=class>
                            <span class="wb-visually-hidden">{i18n.t(c.title())}</span>
                        </th>
                    }
                    .into_any(),
                    None => view! { <th scope="col" role="columnheader" class=class>{i18n.t(c.title())}</th> }.into_any(),
                }
            })
            .collect_view()
    }
}
