use leptos::prelude::*;

use huifang_core::safety::{share_text, size_text, BackupAge};

use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::state::use_app;
use crate::storage_health::{ask_persist, estimate, persisted, Estimate, Persistence};
use crate::{backup_reminder, clock};

fn usage_text(lang: Lang, e: &Estimate) -> String {
    let (used, quota) = (size_text(e.usage), size_text(e.quota));
    let share = share_text(e.usage, e.quota).unwrap_or_default();
    match lang {
        Lang::Zh => format!("已用 {used}，浏览器允许本网页最多使用 {quota}（已用 {share}）。"),
        Lang::En => format!("{used} used of the {quota} the browser allows this page ({share})."),
    }
}

/// "Last backup: N days ago", or that there was none yet.
pub fn backup_age_text(lang: Lang, age: &BackupAge) -> String {
    match (lang, age.days) {
        (_, None) => Msg::BackupNever.text(lang).to_owned(),
        (Lang::Zh, Some(0)) => "上次备份：今天。".into(),
        (Lang::En, Some(0)) => "Last backup: today.".into(),
        (Lang::Zh, Some(d)) => format!("上次备份：{d} 天前。"),
        (Lang::En, Some(1)) => "Last backup: yesterday.".into(),
        (Lang::En, Some(d)) => format!("Last backup: {d} days ago."),
    }
}

/// The Data page's card on the browser's storage: whether it keeps the data
/// for good, how full it is, and how old the last backup is.
#[component]
pub fn StorageHealth() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let persistence = app.safety.persistence;
    // Usage changes with every write: re-read after each change of the records.
    let usage = LocalResource::new(move || {
        app.with_records(|_| ());
        estimate()
    });
    Effect::new(move || {
        if persistence.get_untracked().is_none() {
            leptos::task::spawn_local(async move { persistence.set(Some(persisted().await)) });
        }
    });
    let ask = Action::new_local(move |_: &()| async move { persistence.set(Some(ask_persist().await)) });
    let age = move || backup_reminder::age(clock::now());

    view! {
        <div class="card" id="storage-health">
            <h3>{tr(Msg::StorageTitle)}</h3>
            <p id="storage-persistence" class=move || match persistence.get() {
                Some(Persistence::Granted) => "persisted",
                Some(_) => "not-persisted",
                None => "",
            }>
                {move || i18n.t(match persistence.get() {
                    None => Msg::StorageChecking,
                    Some(Persistence::Granted) => Msg::StoragePersisted,
                    Some(Persistence::NotGranted) => Msg::StorageNotPersisted,
                    Some(Persistence::Unsupported) => Msg::StorageUnsupported,
                })}
            </p>
            <Show when=move || persistence.get() == Some(Persistence::NotGranted)>
                <button id="storage-ask" disabled=move || ask.pending().get() on:click=move |_| { ask.dispatch(()); }>
                    {tr(Msg::StorageAskAgain)}
                </button>
            </Show>
            <p id="storage-usage">
                {move || match usage.get() {
                    None => i18n.t(Msg::StorageChecking).to_owned(),
                    Some(Some(e)) => usage_text(i18n.lang(), &e),
                    Some(None) => i18n.t(Msg::StorageUsageUnknown).to_owned(),
                }}
            </p>
            <p id="backup-age" class=move || if age().due { "due" } else { "" }>
                {move || backup_age_text(i18n.lang(), &age())}
                {move || age().due.then(|| view! { " " <strong>{tr(Msg::BackupDue)}</strong> })}
            </p>
        </div>
    }
}
