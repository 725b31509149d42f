use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// The screen tabs and the language switch.
#[component]
pub fn NavBar() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let tab = move |page: Page, msg: Msg, id: &'static str| {
        let active = move || {
            let current = app.page.get();
            current == page
                || (page == Page::Today && matches!(current, Page::Revisit(_)))
                || (page == Page::Records && matches!(current, Page::Record(_)))
        };
        view! {
            <button id=id class="tab" class:active=active aria-current=move || active().then_some("page") on:click=move |_| app.go(page)>
                {move || i18n.t(msg)}
            </button>
        }
    };
    view! {
        <nav class="nav">
            {tab(Page::Today, Msg::NavToday, "nav-today")}
            {tab(Page::Customers, Msg::NavCustomers, "nav-customers")}
            {tab(Page::Cases, Msg::NavCases, "nav-complaints")}
            {tab(Page::OpenLetters, Msg::NavLetters, "nav-letters")}
            {tab(Page::Staff, Msg::NavStaff, "nav-staff")}
            {tab(Page::Records, Msg::NavRecords, "nav-records")}
            {tab(Page::Tally, Msg::NavTally, "nav-tally")}
            {tab(Page::Settings, Msg::NavSettings, "nav-settings")}
            {tab(Page::Data, Msg::NavData, "nav-data")}
            <button
                id="lang-switch"
                class="lang"
                on:click=move |_| i18n.0.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
            >
                {tr(Msg::SwitchLanguage)}
            </button>
        </nav>
    }
}
