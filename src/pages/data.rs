use leptos::prelude::*;

use huifang_core::backup::Counts;
use huifang_core::Dataset;

use crate::clock;
use crate::components::{BackupExport, BackupImport, StorageHealth, WithData};
use crate::i18n::{import, store_error, tr, use_i18n, Msg};
use crate::state::use_app;

/// The data on this device, its export (backup and spreadsheets), the
/// import of a backup, and the health of the browser's storage.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    // Signatures are not held in memory: their number is read from storage,
    // again after each change of the records.
    let signatures = LocalResource::new(move || {
        app.with_records(|_| ());
        async move { app.database().await?.signature_count().await }
    });
    view! {
        <section class="page">
            <h2>{tr(Msg::DataTitle)}</h2>
            <p class="hint">{tr(Msg::DataWhere)}</p>
            <div class="card">
                <h3>{tr(Msg::CurrentData)}</h3>
                <WithData render=move |data: &Dataset| {
                    let held = Counts::of(data);
                    let counts = move || match signatures.get() {
                        Some(Ok(n)) => import::counts(i18n.lang(), &Counts { signatures: n, ..held }),
                        Some(Err(e)) => store_error(i18n.lang(), &e),
                        None => i18n.t(Msg::Loading).to_owned(),
                    };
                    view! { <p id="data-counts">{counts}</p> }
                } />
            </div>
            <BackupExport on_exported=Callback::new(|_| crate::backup_reminder::record_backup(clock::now())) />
            <BackupImport />
            <StorageHealth />
        </section>
    }
}
