use leptos::prelude::*;

use crate::components::{NavBar, NoticeBar, SafetyBanner};
use crate::i18n::{tr, I18n, Lang, Msg};
use crate::navigation::{current_hash, set_hash, Page};
use crate::pages::{
    CasesPage, CustomersPage, DataPage, LettersPage, RecordPage, RecordsPage, ReportPage, RevisitPage, SettingsPage,
    StaffPage, TodayPage,
};
use crate::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::saved());
    provide_context(I18n(lang));
    let app = AppState::new(Page::from_hash(&current_hash()), I18n(lang));
    provide_context(app);

    Effect::new(move || {
        let lang = lang.get();
        lang.save();
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", lang.html_tag());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(Msg::AppTitle.text(lang));
        }
    });
    Effect::new(move || set_hash(app.page.get()));

    view! {
        <header class="topbar">
            <h1>{tr(Msg::AppTitle)} <small>{tr(Msg::AppTagline)}</small></h1>
            <NavBar />
        </header>
        <SafetyBanner />
        <NoticeBar />
        <main>
            {move || match app.page.get() {
                Page::Today => view! { <TodayPage /> }.into_any(),
                Page::Revisit(key) => view! { <RevisitPage key=key /> }.into_any(),
                Page::Records => view! { <RecordsPage /> }.into_any(),
                Page::Record(id) => view! { <RecordPage id=id /> }.into_any(),
                Page::Tally => view! { <ReportPage /> }.into_any(),
                Page::Customers => view! { <CustomersPage /> }.into_any(),
                Page::Cases => view! { <CasesPage /> }.into_any(),
                Page::OpenLetters => view! { <LettersPage /> }.into_any(),
                Page::Staff => view! { <StaffPage /> }.into_any(),
                Page::Settings => view! { <SettingsPage /> }.into_any(),
                Page::Data => view! { <DataPage /> }.into_any(),
            }}
        </main>
    }
}
