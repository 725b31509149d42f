use leptos::prelude::*;

use huifang_core::validation::FieldError;

use crate::i18n::{field_error, use_i18n, Lang, Msg};

/// The problems a form was refused for, in the user's language.
#[component]
pub fn FieldErrors(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! { <ErrorList errors=errors describe=field_error /> }
}

/// A refused form's problems of any kind, each worded by `describe`.
#[component]
pub fn ErrorList<E>(errors: RwSignal<Vec<E>>, describe: fn(Lang, &E) -> String) -> impl IntoView
where
    E: Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="form-errors" role="alert">
                    <p>{i18n.t(Msg::FormHasErrors)}</p>
                    <ul>{list.iter().map(|e| view! { <li>{describe(i18n.lang(), e)}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}
