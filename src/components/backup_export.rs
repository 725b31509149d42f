use leptos::prelude::*;

use huifang_core::backup;
use huifang_core::backup::encrypted::{self, check_new_passphrase, PassphraseProblem, MIN_PASSPHRASE_CHARS};
use huifang_core::Dataset;

use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::sheets::Table;
use crate::state::{use_app, AppState};
use crate::store::StoreError;
use crate::{clock, crypto, device, event_loop, files};

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

fn passphrase_problem(lang: Lang, p: PassphraseProblem) -> String {
    match p {
        PassphraseProblem::TooShort => {
            Msg::PassphraseTooShort.text(lang).replace("{n}", &MIN_PASSPHRASE_CHARS.to_string())
        }
        PassphraseProblem::Mismatch => Msg::PassphraseMismatch.text(lang).into(),
    }
}

/// Every record as stored right now, when the page's copy may be older.
async fn load(app: AppState) -> Result<Dataset, StoreError> {
    app.database().await?.load().await
}

/// The whole backup as a Blob the browser can read to its end, written from
/// the database's own text of the records (always what was last saved,
/// nothing parsed and written out again); `None` if the browser could not
/// take it in. After a large import Chromium may still hold the memory of
/// the rows it wrote until its next garbage collection: the Blob is then
/// unreadable, and offered anyway its download would fail with no word to
/// the page. The Blob is made again from the same rows after a pause, a
/// few times.
async fn whole_backup(
    app: AppState,
    device: uuid::Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Option<web_sys::Blob>, StoreError> {
    const PAUSES_MS: [i32; 4] = [0, 1_000, 3_000, 6_000];
    let stored = app.database().await?.stored_records().await?;
    let head = stored.head(APP_VERSION, device, at);
    for pause in PAUSES_MS {
        if pause > 0 {
            event_loop::pause(pause).await;
        }
        let blob = stored.to_blob(&head)?;
        if files::readable(&blob).await.is_ok() {
            return Ok(Some(blob));
        }
    }
    Ok(None)
}

/// The export card: the JSON backup, optionally encrypted with a
/// passphrase, and the spreadsheets for Excel.
///
/// `on_exported` runs after a backup file (plain or encrypted, not a
/// spreadsheet) was handed to the browser, e.g. to note the last backup time.
#[component]
pub fn BackupExport(#[prop(optional, into)] on_exported: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let encrypt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<PassphraseProblem>);

    let export = Action::new_local(move |_: &()| async move {
        let lang = i18n.current();
        let secret = encrypt.get_untracked().then(|| passphrase.get_untracked());
        // The passphrase rules come first: nothing is read before they pass.
        if let Some(secret) = &secret {
            if let Err(p) = check_new_passphrase(secret, &confirm.with_untracked(String::clone)) {
                return problem.set(Some(p));
            }
        }
        problem.set(None);
        let (device, at) = (device::device_id(), clock::now());
        let plain = match whole_backup(app, device, at).await {
            Ok(Some(blob)) => blob,
            Ok(None) => return app.failed(Msg::ExportUnreadable.text(lang).to_owned()),
            Err(e) => return app.store_failed(&e),
        };
        let file_name = backup::file_name(at);
        let offered = match secret {
            None => files::download_blob(&file_name, &plain).map(|()| Msg::Exported),
            // Sealing needs the whole file at once.
            Some(secret) => {
                let sealed = match files::blob_bytes(&plain).await {
                    Ok(bytes) => crypto::encrypt(&bytes, &secret).await,
                    Err(detail) => return app.failed(format!("{}{detail}", Msg::ExportFailed.text(lang))),
                };
                match sealed {
                    Ok(sealed) => {
                        let name = encrypted::file_name(&file_name);
                        files::download_bytes(&name, &sealed, "application/json").map(|()| Msg::ExportedEncrypted)
                    }
                    Err(e) => return app.failed(format!("{}{}", Msg::ExportFailed.text(lang), e.text(lang))),
                }
            }
        };
        match offered {
            Ok(done) => {
                passphrase.set(String::new());
                confirm.set(String::new());
                app.told(done);
                if let Some(exported) = on_exported {
                    exported.run(());
                }
            }
            Err(detail) => app.failed(format!("{}{detail}", Msg::ExportFailed.text(lang))),
        }
    });

    let sheet = Action::new_local(move |table: &Table| {
        let table = *table;
        async move {
            let lang = i18n.current();
            let sheet = match app.with_current_data(|data| table.sheet(lang, data)) {
                Some(sheet) => sheet,
                None => match load(app).await {
                    Ok(data) => table.sheet(lang, &data),
                    Err(e) => return app.store_failed(&e),
                },
            };
            let saved = sheet.to_csv().map_err(|e| e.to_string()).and_then(|csv| {
                files::download_bytes(&table.file_name(clock::today()), &csv, "text/csv;charset=utf-8")
            });
            match saved {
                Ok(()) => app.told(Msg::CsvExported),
                Err(detail) => app.failed(format!("{}{detail}", Msg::ExportFailed.text(lang))),
            }
        }
    });

    let busy = move || export.pending().get() || sheet.pending().get();
    view! {
        <div class="card" id="export-card">
            <h3>{tr(Msg::ExportTitle)}</h3>
            <label class="check">
                <input id="export-encrypt" type="checkbox" bind:checked=encrypt />
                {tr(Msg::ExportEncrypt)}
            </label>
            <Show when=move || encrypt.get()>
                <p class="hint">{tr(Msg::ExportEncryptHint)}</p>
                <div class="grid">
                    <label for="export-passphrase">{tr(Msg::Passphrase)}</label>
                    <input id="export-passphrase" type="password" autocomplete="new-password" bind:value=passphrase />
                    <label for="export-passphrase-confirm">{tr(Msg::PassphraseAgain)}</label>
                    <input id="export-passphrase-confirm" type="password" autocomplete="new-password" bind:value=confirm />
                </div>
                {move || problem.get().map(|p| view! {
                    <p id="export-passphrase-problem" class="notice error" role="alert">
                        {move || passphrase_problem(i18n.lang(), p)}
                    </p>
                })}
            </Show>
            <button id="export" class="primary" disabled=busy on:click=move |_| { export.dispatch(()); }>
                {tr(Msg::Export)}
            </button>
            {move || (export.pending().get() && encrypt.get()).then(|| view! { <p class="loading">{tr(Msg::Encrypting)}</p> })}
            <h4>{tr(Msg::CsvTitle)}</h4>
            <p class="hint">{tr(Msg::CsvHint)}</p>
            <div class="actions">
                {Table::ALL.map(|table| view! {
                    <button id=table.button_id() disabled=busy on:click=move |_| { sheet.dispatch(table); }>
                        {tr(table.label())}
                    </button>
                })}
            </div>
        </div>
    }
}
