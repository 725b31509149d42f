use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang};

/// Checkboxes over a fixed list of domain values (roles, methods, …): the
/// ones ticked, in the order they were ticked (roles are in order of
/// preference). Each box has class `class` and the value's index as value.
#[component]
pub fn Checks<T>(
    class: &'static str,
    options: &'static [T],
    value: RwSignal<Vec<T>>,
    label: fn(Lang, T) -> &'static str,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <div class="checks">
            {options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let o = *o;
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                class=class
                                value=i.to_string()
                                prop:checked=move || value.with(|v| v.contains(&o))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    value.update(|v| {
                                        v.retain(|x| *x != o);
                                        if on {
                                            v.push(o);
                                        }
                                    });
                                }
                            />
                            {move || label(i18n.lang(), o)}
                        </label>
                    }
                })
                .collect_view()}
        </div>
    }
}
