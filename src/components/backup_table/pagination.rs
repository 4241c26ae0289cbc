//! Page navigation: first, previous, numbers, next, last (from the `Link` header), the
//! "21–30 of 143" range and the page-size choice.

use crate::api::{page_of, LinkRelations};
use crate::state::table::{page_count, page_numbers, range_label, PageItem, TableView, PAGE_SIZES};
use leptos::prelude::*;

/// The pagination bar below the table.
#[component]
pub fn Pagination(
    /// The user's view (page and page size change here).
    view: RwSignal<TableView>,
    /// Total from `X-Result-Count`, when the server sent it.
    total: RwSignal<Option<u64>>,
    /// The `Link` relations of the shown page.
    links: RwSignal<LinkRelations>,
    /// Rows on the shown page.
    #[prop(into)]
    shown: Signal<usize>,
    /// The accessible name of the navigation ("Pages of backups of project Alpha").
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    let page = move || view.with(|v| v.page);
    let go = move |target: Option<u32>| {
        if let Some(p) = target {
            view.update(|v| v.page = p.max(1));
        }
    };
    let link_page = move |pick: fn(&LinkRelations) -> Option<String>| {
        links.with(pick).as_deref().and_then(page_of)
    };
    let nav = move |label: &'static str,
                    text: &'static str,
                    pick: fn(&LinkRelations) -> Option<String>| {
        view! {
            <button
                type="button"
                class="wb-button wb-button--small wb-page-nav"
                aria-label=label
                disabled=move || link_page(pick).is_none_or(|p| p == page())
                on:click=move |_| go(link_page(pick))
            >
                {text}
            </button>
        }
    };
    let numbers = move || {
        let size = view.with(|v| v.page_size);
        let count = page_count(total.get(), size)
            .or_else(|| link_page(|l| l.last.clone()))
            .unwrap_or_else(page);
        if count <= 1 {
            return Vec::new();
        }
        page_numbers(page(), count)
    };
    let size_id = crate::components::ui::focus::unique_id("wb-page-size");
    view! {
        <nav class="wb-pagination" aria-label=name>
            <span class="wb-pagination__range">
                {move || {
                    let v = view.get();
                    range_label(v.page, v.page_size, shown.get(), total.get())
                }}
            </span>
            <div class="wb-pagination__pages">
                {nav("First page", "«", |l| l.first.clone())}
                {nav("Previous page", "‹", |l| l.prev.clone())}
                {move || {
                    numbers()
                        .into_iter()
                        .map(|item| match item {
                            PageItem::Gap => view! { <span class="wb-page-gap" aria-hidden="true">"…"</span> }.into_any(),
                            PageItem::Page(n) => {
                                let current = n == page();
                                view! {
                                    <button
                                        type="button"
                                        class="wb-button wb-button--small wb-page-number"
                                        aria-label=format!("Page {n}")
                                        aria-current=current.then_some("page")
                                        on:click=move |_| go(Some(n))
                                    >
                                        {n}
                                    </button>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()
                }}
                {nav("Next page", "›", |l| l.next.clone())}
                {nav("Last page", "»", |l| l.last.clone())}
            </div>
            <label class="wb-pagination__size" for=size_id.clone()>"Rows per page"</label>
            <select
                id=size_id
                class="wb-select wb-select--small"
                on:change:target=move |ev| {
                    if let Ok(size) = ev.target().value().parse::<u32>() {
                        view.update(|v| v.set_page_size(size));
                    }
                }
            >
                {PAGE_SIZES
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option value=s.to_string() selected=move || view.with(|v| v.page_size == s)>
                                {s}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </nav>
    }
}
