use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::{tr, Msg};

/// How many rows a pick list shows at once; a filter narrows the rest.
const SHOWN: usize = 300;

/// Ticks records (households, cases, staff) from a list, optionally
/// narrowed by a filter box. Each box has class `class` and the record's
/// id as value. `items` are (id, text shown and searched).
#[component]
pub fn PickList(
    items: Vec<(Uuid, String)>,
    selected: RwSignal<Vec<Uuid>>,
    class: &'static str,
    /// The filter box's text and id; no filter box without them.
    #[prop(optional)]
    filter: Option<(RwSignal<String>, &'static str)>,
) -> impl IntoView {
    let items = StoredValue::new(items);
    let needle = move || filter.map(|(f, _)| f.get().trim().to_lowercase()).unwrap_or_default();
    let shown = move || {
        let needle = needle();
        items.with_value(|items| {
            items
                .iter()
                .filter(|(_, text)| needle.is_empty() || text.to_lowercase().contains(&needle))
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let select_shown = move |_| {
        let ids: Vec<Uuid> = shown().into_iter().map(|(id, _)| id).collect();
        selected.update(|s| s.extend(ids.into_iter().filter(|id| !s.contains(id)).collect::<Vec<_>>()));
    };
    view! {
        <div class="picklist">
            {filter.map(|(text, id)| {
                view! {
                    <input type="search" id=id placeholder=tr(Msg::FilterHint) bind:value=text />
                    <div class="pick-actions">
                        <span class="pick-count">{tr(Msg::SelectedCount)} " " {move || selected.with(Vec::len)}</span>
                        <button type="button" class="pick-all" on:click=select_shown>{tr(Msg::SelectAllShown)}</button>
                        <button type="button" class="pick-none" on:click=move |_| selected.set(Vec::new())>
                            {tr(Msg::ClearSelection)}
                        </button>
                    </div>
                }
            })}
            <ul class="picks">
                {move || {
                    let rows = shown();
                    if rows.is_empty() {
                        return view! { <li class="empty">{tr(Msg::NothingMatches)}</li> }.into_any();
                    }
                    rows.into_iter()
                        .map(|(id, text)| {
                            view! {
                                <li>
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            class=class
                                            value=id.to_string()
                                            prop:checked=move || selected.with(|s| s.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                selected.update(|s| {
                                                    s.retain(|x| *x != id);
                                                    if on {
                                                        s.push(id);
                                                    }
                                                });
                                            }
                                        />
                                        {text}
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
        </div>
    }
}
