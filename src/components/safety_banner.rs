use leptos::prelude::*;

use huifang_core::safety::StoreCheck;

use super::storage_health::backup_age_text;
use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::navigation::Page;
use crate::state::use_app;
use crate::tabs::Lost;
use crate::{backup_reminder, clock};

fn vanished_text(lang: Lang, had: usize, last_write: chrono::DateTime<chrono::Utc>) -> String {
    let at = clock::local_text(last_write);
    match lang {
        Lang::Zh => format!(
            "浏览器中的数据似乎已被清除：本设备上次保存时有 {had} 条记录（{at}），现在一条也没有。请从最近的备份恢复。"
        ),
        Lang::En => format!(
            "The browser's data seems to have been cleared: this device held {had} records when it last saved ({at}), and now holds none. Restore from your latest backup."
        ),
    }
}

/// Shows the Data page with its import field in view, for a restore.
fn go_restore(page: impl Fn(Page) + 'static) {
    page(Page::Data);
    let focus = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(input) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("import-file"))
        {
            input.scroll_into_view();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&focus));
    }
}

/// App-wide warnings about the data: this tab must reload, the database
/// vanished, opening waits for another tab, or a backup is due.
#[component]
pub fn SafetyBanner() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let safety = app.safety;
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    let due = move || {
        let age = backup_reminder::age(clock::now());
        (age.due && app.page.get() != Page::Data && safety.vanished.get().is_none()).then_some(age)
    };

    view! {
        {move || safety.lost.get().map(|why| view! {
            <div id="reload-banner" class="banner error" role="alert">
                <span>{tr(if why == Lost::Upgraded { Msg::LostUpgraded } else { Msg::LostDeleted })}</span>
                <button id="reload" class="primary" on:click=reload>{tr(Msg::ReloadPage)}</button>
            </div>
        })}
        <Show when=move || safety.blocked.get()>
            <div id="blocked-banner" class="banner warning" role="status">{tr(Msg::OpenBlocked)}</div>
        </Show>
        {move || match safety.vanished.get() {
            Some(StoreCheck::Vanished { had, last_write }) => Some(view! {
                <div id="restore-banner" class="banner error" role="alert">
                    <span>{move || vanished_text(i18n.lang(), had, last_write)}</span>
                    <button id="restore" class="primary" on:click=move |_| go_restore(move |p| app.go(p))>
                        {tr(Msg::RestoreFromBackup)}
                    </button>
                    <button id="start-fresh" on:click=move |_| safety.start_fresh()>{tr(Msg::StartFresh)}</button>
                </div>
            }),
            _ => None,
        }}
        {move || due().map(|age| view! {
            <div id="backup-banner" class="banner warning" role="status">
                <span>{move || backup_age_text(i18n.lang(), &age)} " " {tr(Msg::BackupDue)}</span>
                <button id="go-export" on:click=move |_| app.go(Page::Data)>{tr(Msg::GoExport)}</button>
            </div>
        })}
    }
}
