use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Msg};

/// How many rows a list shows at a time: a tablet screen and a half, so a
/// list renders the same few dozen rows whatever the office's size.
pub const PER_PAGE: usize = 50;

/// The rows `page` shows of `total`: (first, end) positions.
pub fn page_range(page: usize, total: usize) -> (usize, usize) {
    let last = total.saturating_sub(1) / PER_PAGE;
    let from = page.min(last) * PER_PAGE;
    (from, (from + PER_PAGE).min(total))
}

/// A list's search box: typing narrows the list at once.
#[component]
pub fn SearchBox(id: &'static str, value: RwSignal<String>, hint: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for=id>{tr(Msg::Search)}</label>
        <input type="search" id=id placeholder=move || i18n.t(hint) bind:value=value />
    }
}

/// Back to the first page whenever a filter changes (`filters` reads them).
pub fn first_page_on(page: RwSignal<usize>, filters: impl Fn() + Send + Sync + 'static) {
    Effect::new(move |_| {
        filters();
        page.set(0);
    });
}

/// Under a list shown a page at a time: "1–50 of 12,112" with previous and
/// next buttons (hidden while everything fits on one page), or that
/// nothing matches the filter.
#[component]
pub fn Pager(id: &'static str, page: RwSignal<usize>, total: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let range = move || page_range(page.get(), total.get());
    let text = move || {
        let (from, to) = range();
        i18n.t(Msg::PagerRange)
            .replace("{from}", &(from + 1).to_string())
            .replace("{to}", &to.to_string())
            .replace("{total}", &total.get().to_string())
    };
    view! {
        <Show when=move || { total.get() == 0 }>
            <p class="empty">{tr(Msg::NothingMatches)}</p>
        </Show>
        <Show when=move || { total.get() > PER_PAGE }>
            <div class="pager" id=id>
                <button
                    type="button"
                    class="prev-page"
                    disabled=move || range().0 == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    {tr(Msg::PrevPage)}
                </button>
                <span class="pager-range">{text}</span>
                <button
                    type="button"
                    class="next-page"
                    disabled=move || { range().1 >= total.get() }
                    on:click=move |_| {
                        let current = range().0 / PER_PAGE;
                        page.set(current + 1);
                    }
                >
                    {tr(Msg::NextPage)}
                </button>
            </div>
        </Show>
    }
}

/// A digest of what a row shows, for a keyed list's key beside the record's
/// id: a row is drawn again exactly when something it shows changed.
pub fn digest(shown: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    shown.hash(&mut h);
    h.finish()
}

/// Whether `needle` (already lower-cased and trimmed) is in any of `texts`;
/// an empty needle matches everything.
pub fn matches_search(needle: &str, texts: &[&str]) -> bool {
    needle.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(needle))
}
