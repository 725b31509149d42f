use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// A list table's header row; `None` leaves a column (e.g. of buttons) unlabelled.
#[component]
pub fn TableHead(columns: &'static [Option<Msg>]) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                {columns
                    .iter()
                    .map(|c| {
                        let c = *c;
                        view! { <th>{move || c.map(|m| i18n.t(m))}</th> }
                    })
                    .collect_view()}
            </tr>
        </thead>
    }
}
