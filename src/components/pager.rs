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

/// "1–50 of 12,112" with previous and next buttons, under a list shown a
/// page at a time. Hidden while everything fits on one page.
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
pub fn digest(shown: &impl std::fmt::Debug) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{shown:?}").hash(&mut h);
    h.finish()
}

/// Whether `needle` (already lower-cased and trimmed) is in any of `texts`;
/// an empty needle matches everything.
pub fn matches_search(needle: &str, texts: &[&str]) -> bool {
    needle.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(needle))
}
