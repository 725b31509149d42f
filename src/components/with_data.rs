use leptos::prelude::*;

use huifang_core::model::Dataset;

use crate::i18n::{store_error, tr, use_i18n, Msg};
use crate::state::{use_app, Records};

/// Renders `render` over the office's records once loaded (again after each
/// write, which changes them in place: nothing is cloned), and shows a
/// storage failure in the user's language.
#[component]
pub fn WithData<F, V>(render: F) -> impl IntoView
where
    F: Fn(&Dataset) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let app = use_app();
    let i18n = use_i18n();
    move || {
        app.with_records(|r| match r {
            Records::Loading => view! { <p class="loading">{tr(Msg::Loading)}</p> }.into_any(),
            Records::Failed(e) => {
                let e = e.clone();
                view! { <div class="notice error" role="alert">{move || store_error(i18n.lang(), &e)}</div> }.into_any()
            }
            Records::Ready(held) => render(&held.data).into_any(),
        })
    }
}

/// How far loading the records has got, without the records themselves.
#[derive(Debug, Clone, PartialEq)]
enum LoadState {
    Loading,
    Failed(crate::store::StoreError),
    Ready,
}

/// Shows `children` once the records are loaded (drawn once: they read
/// what they need themselves), or the loading or failure message.
#[component]
pub fn Loaded(children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let state = Memo::new(move |_| {
        app.with_records(|r| match r {
            Records::Loading => LoadState::Loading,
            Records::Failed(e) => LoadState::Failed(e.clone()),
            Records::Ready(_) => LoadState::Ready,
        })
    });
    move || match state.get() {
        LoadState::Loading => view! { <p class="loading">{tr(Msg::Loading)}</p> }.into_any(),
        LoadState::Failed(e) => {
            view! { <div class="notice error" role="alert">{move || store_error(i18n.lang(), &e)}</div> }.into_any()
        }
        LoadState::Ready => children().into_any(),
    }
}
