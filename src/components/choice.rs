use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang};

/// A `<select>` over a fixed list of domain values (severity, channel, …),
/// labelled in the current language.
#[component]
pub fn Choice<T>(
    id: &'static str,
    options: &'static [T],
    value: RwSignal<T>,
    label: fn(Lang, T) -> &'static str,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let selected_index = move || options.iter().position(|o| *o == value.get()).unwrap_or(0).to_string();
    view! {
        <select
            id=id
            prop:value=selected_index
            on:change=move |ev| {
                if let Some(v) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| options.get(i)) {
                    value.set(*v);
                }
            }
        >
            {options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let o = *o;
                    view! {
                        <option value=i.to_string() selected=move || value.get() == o>
                            {move || label(i18n.lang(), o)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
