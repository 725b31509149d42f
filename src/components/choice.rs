use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang};

/// A `<select>` over a fixed list of domain values (severity, channel, …),
/// labelled in the current language.
///
/// Only the lookups are generic; the view is built once for every type,
/// so each new list costs a few closures in the bundle, not a select.
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
    let selected = Signal::derive(move || options.iter().position(|o| *o == value.get()).unwrap_or(0));
    let label: Labels = Arc::new(move |lang, i| options.get(i).map_or("", |o| label(lang, *o)));
    let pick: Pick = Arc::new(move |i| {
        if let Some(o) = options.get(i) {
            value.set(*o);
        }
    });
    select(id, options.len(), selected, label, pick)
}

type Labels = Arc<dyn Fn(Lang, usize) -> &'static str + Send + Sync>;
type Pick = Arc<dyn Fn(usize) + Send + Sync>;

fn select(id: &'static str, count: usize, selected: Signal<usize>, label: Labels, pick: Pick) -> AnyView {
    let i18n = use_i18n();
    view! {
        <select
            id=id
            prop:value=move || selected.get().to_string()
            on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    pick(i);
                }
            }
        >
            {(0..count)
                .map(|i| {
                    let label = label.clone();
                    view! {
                        <option value=i.to_string() selected=move || selected.get() == i>
                            {move || label(i18n.lang(), i)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
    .into_any()
}
