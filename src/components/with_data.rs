use leptos::prelude::*;

use huifang_core::model::Dataset;

use crate::i18n::{store_error, tr, use_i18n, Msg};
use crate::state::use_app;
use crate::store::StoreError;

/// Renders `render` with the office's records once loaded; keeps the old
/// screen while reloading, and shows a storage failure in the user's language.
#[component]
pub fn WithData<F, V>(render: F) -> impl IntoView
where
    F: Fn(Dataset) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let app = use_app();
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p class="loading">{tr(Msg::Loading)}</p> }>
            <ErrorBoundary fallback=move |errors| {
                view! {
                    <div class="notice error" role="alert">
                        {move || {
                            errors
                                .get()
                                .into_iter()
                                .map(|(_, e)| match e.downcast_ref::<StoreError>() {
                                    Some(se) => store_error(i18n.lang(), se),
                                    None => e.to_string(),
                                })
                                .collect::<Vec<_>>()
                                .join(" ")
                        }}
                    </div>
                }
            }>
                {
                    let render = render.clone();
                    move || {
                        let render = render.clone();
                        Suspend::new(async move { app.data.await.map(render) })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}
