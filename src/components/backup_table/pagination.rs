//! Page navigation: first, previous, numbers, next, last (from the `Link` header), the
//! "21–30 of 143" range and the page-size choice.

use crate::api::{page_of, LinkRelations};
use crate::i18n::Msg;
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
    let i18n = crate::i18n::I18n::expect();
    let page = move || view.with(|v| v.page);
    let go = move |target: Option<u32>| {
        if let Some(p) = target {
            view.update(|v| v.page = p.max(1));
        }
    };
    let link_page = move |pick: fn(&LinkRelations) -> Option<String>| {
        links.with(pick).as_deref().and_then(page_of)
    };
    let nav = move |label: Msg, text: &'static str, pick: fn(&LinkRelations) -> Option<String>| {
        // `aria-disabled`, not `disabled`: the button keeps focus on the first or last page
        // (a disabled button would drop it to the page's body).
        let off = move || link_page(pick).is_none_or(|p| p == page());
        view! {
            <button
                type="button"
                class="wb-button wb-button--small wb-page-nav"
                aria-label=i18n.t(label)
                aria-disabled=move || off().then_some("true")
                on:click=move |_| {
                    if !off() {
                        go(link_page(pick));
                    }
                }
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
    // The numbers are drawn anew for each page (a button may now stand for another number):
    // focus follows the number just pressed to where it is drawn now.
    let bar = NodeRef::<leptos::html::Nav>::new();
    let keep_focus_on = move |n: u32| {
        request_animation_frame(move || {
            let Some(bar) = bar.try_get_untracked().flatten() else {
                return;
            };
            let number = n.to_string();
            let active = crate::components::ui::focus::active_element();
            let elsewhere = active.as_ref().is_some_and(|a| {
                !bar.contains(Some(a)) || a.get_attribute("data-page").as_deref() == Some(&number)
            });
            if elsewhere && !crate::components::ui::focus::focus_lost() {
                return;
            }
            if let Ok(Some(button)) =
                bar.query_selector(&format!(".wb-page-number[data-page='{n}']"))
            {
                crate::components::ui::focus::focus_on(&button);
            }
        });
    };
    let size_id = crate::components::ui::focus::unique_id("wb-page-size");
    view! {
        <nav class="wb-pagination" aria-label=name node_ref=bar>
            <span class="wb-pagination__range">
                {move || {
                    let v = view.get();
                    range_label(v.page, v.page_size, shown.get(), total.get())
                        .map(|t| i18n.show(&t))
                }}
            </span>
            <div class="wb-pagination__pages">
                {nav(Msg::FirstPage, "«", |l| l.first.clone())}
                {nav(Msg::PreviousPage, "‹", |l| l.prev.clone())}
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
                                        aria-label=i18n.t_with(Msg::AnnouncePage, move || vec![("page", n.into())])
                                        data-page=n
                                        aria-current=current.then_some("page")
                                        on:click=move |_| {
                                            go(Some(n));
                                            keep_focus_on(n);
                                        }
                                    >
                                        {n}
                                    </button>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()
                }}
                {nav(Msg::NextPage, "›", |l| l.next.clone())}
                {nav(Msg::LastPage, "»", |l| l.last.clone())}
            </div>
            <label class="wb-pagination__size" for=size_id.clone()>{i18n.t(Msg::RowsPerPage)}</label>
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
