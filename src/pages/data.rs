use leptos::prelude::*;

use huifang_core::backup::{Backup, Counts};
use huifang_core::Dataset;

use crate::components::{counts_text, BackupImport, StorageHealth, WithData};
use crate::i18n::{tr, use_i18n, Msg};
use crate::state::use_app;
use crate::{clock, device, files};

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Export and import of the JSON backup.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();

    let export = Action::new_local(move |_: &()| async move {
        let data = match app.database().await {
            Ok(db) => db.load().await,
            Err(e) => Err(e),
        };
        match data {
            Ok(data) => {
                let backup = Backup::new(data, APP_VERSION, device::device_id(), clock::now());
                match files::download(&backup.file_name(), &backup.to_json(), "application/json") {
                    Ok(()) => {
                        crate::backup_reminder::record_backup(clock::now());
                        app.told(Msg::Exported)
                    }
                    Err(detail) => app.failed(format!("{}{detail}", Msg::ExportFailed.text(i18n.current()))),
                }
            }
            Err(e) => app.store_failed(&e),
        }
    });

    view! {
        <section class="page">
            <h2>{tr(Msg::DataTitle)}</h2>
            <p class="hint">{tr(Msg::DataWhere)}</p>
            <div class="card">
                <h3>{tr(Msg::CurrentData)}</h3>
                <WithData render=move |data: Dataset| {
                    let c = Counts::of(&data);
                    view! { <p id="data-counts">{move || counts_text(i18n.lang(), &c)}</p> }
                } />
                <button id="export" class="primary" on:click=move |_| { export.dispatch(()); }>
                    {tr(Msg::Export)}
                </button>
            </div>
            <BackupImport />
            <StorageHealth />
        </section>
    }
}
