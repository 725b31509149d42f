use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::{use_app, Notice};

/// The outcome of the last action: saved, or why not.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    move || {
        app.notice.get().map(|n| match n {
            Notice::Done(msg) => {
                view! { <div id="notice" class="notice ok" role="status">{i18n.t(msg)}</div> }.into_any()
            }
            Notice::Failed(text) => {
                view! { <div id="notice" class="notice error" role="alert">{text}</div> }.into_any()
            }
        })
    }
}
