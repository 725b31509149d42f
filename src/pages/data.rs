use leptos::prelude::*;

use huifang_core::backup::Counts;
use huifang_core::Dataset;

use crate::clock;
use crate::components::{BackupExport, BackupImport, StorageHealth, WithData};
use crate::i18n::{import, tr, use_i18n, Msg};

/// The data on this device, its export (backup and spreadsheets), the
/// import of a backup, and the health of the browser's storage.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h2>{tr(Msg::DataTitle)}</h2>
            <p class="hint">{tr(Msg::DataWhere)}</p>
            <div class="card">
                <h3>{tr(Msg::CurrentData)}</h3>
                <WithData render=move |data: &Dataset| {
                    let c = Counts::of(data);
                    view! { <p id="data-counts">{move || import::counts(i18n.lang(), &c)}</p> }
                } />
            </div>
            <BackupExport on_exported=Callback::new(|_| crate::backup_reminder::record_backup(clock::now())) />
            <BackupImport />
            <StorageHealth />
        </section>
    }
}
