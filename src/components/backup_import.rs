//! Import of a JSON backup: choose a file → everything checked → preview
//! of what will change → written in one transaction, with a progress bar.
//! Nothing is written before the user confirms, and a failure half-way
//! leaves the database exactly as before (see `store::bulk`).

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use huifang_core::backup::{self, Backup, Counts};

use crate::i18n::{backup_error, tr, use_i18n, Lang, Msg};
use crate::state::use_app;
use crate::store::Progress;
use crate::{clock, files};

pub fn counts_text(lang: Lang, c: &Counts) -> String {
    match lang {
        Lang::Zh => format!(
            "客户 {} 户，事项 {} 件，回访 {} 条，员工 {} 人，公开信 {} 封，签名 {} 个",
            c.customers, c.cases, c.revisits, c.staff, c.open_letters, c.signatures
        ),
        Lang::En => format!(
            "{} customers, {} cases, {} revisits, {} staff, {} open letters, {} signatures",
            c.customers, c.cases, c.revisits, c.staff, c.open_letters, c.signatures
        ),
    }
}

/// What the preview shows: small, so it can live in a signal (the checked
/// backup itself can be hundreds of megabytes and is never cloned).
#[derive(Debug, Clone, PartialEq)]
struct Summary {
    counts: Counts,
    exported_at: chrono::DateTime<chrono::Utc>,
}

fn progress_text(lang: Lang, p: Progress) -> String {
    match lang {
        Lang::Zh => format!("正在写入：{} / {} 条", p.done, p.total),
        Lang::En => format!("Writing: {} / {} records", p.done, p.total),
    }
}

#[component]
pub fn BackupImport() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let checked = StoredValue::new_local(None::<Backup>);
    let summary = RwSignal::new(None::<Summary>);
    let progress = RwSignal::new(None::<Progress>);
    let dialog = NodeRef::<Dialog>::new();

    let forget = move || {
        checked.set_value(None);
        summary.set(None);
        progress.set(None);
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };

    // Reading and checking happen before anything is written.
    let choose = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            forget();
            let bytes = match files::read_bytes(&file).await {
                Ok(b) => b,
                Err(detail) => return app.failed(format!("{}{detail}", Msg::ImportRefused.text(i18n.current()))),
            };
            match backup::parse(&bytes) {
                Ok(b) => {
                    drop(bytes);
                    app.notice.set(None);
                    summary.set(Some(Summary { counts: b.counts, exported_at: b.exported_at }));
                    checked.set_value(Some(b));
                    if let Some(d) = dialog.get_untracked() {
                        let _ = d.show_modal();
                    }
                }
                Err(e) => app.failed(format!(
                    "{}{}",
                    Msg::ImportRefused.text(i18n.current()),
                    backup_error(i18n.current(), &e)
                )),
            }
        }
    });

    let restore = Action::new_local(move |_: &()| async move {
        // Taken, not cloned: the backup may be very large.
        let Some(b) = checked.try_update_value(Option::take).flatten() else { return };
        let report = move |p: Progress| progress.set(Some(p));
        app.save(Msg::Imported, |db| async move { db.restore(&b.data, &report).await }).await;
        forget();
    });

    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                choose.dispatch(file);
            }
            // Let the same file be chosen again after a refusal.
            input.set_value("");
        }
    };
    let busy = move || restore.pending().get();

    view! {
        <div class="card">
            <h3>{tr(Msg::Import)}</h3>
            <label for="import-file">{tr(Msg::ImportChoose)}</label>
            <input id="import-file" type="file" accept=".json,application/json" on:change=on_file />
        </div>
        <dialog node_ref=dialog id="import-dialog" on:cancel=move |ev: leptos::ev::Event| { if busy() { ev.prevent_default(); } }>
            {move || summary.get().map(|s| {
                view! {
                    <p>{tr(Msg::ImportPreview)}</p>
                    <p id="import-preview">{move || counts_text(i18n.lang(), &s.counts)}</p>
                    <p>{tr(Msg::ExportedAt)} ": " {clock::local_text(s.exported_at)}</p>
                    {move || progress.get().map(|p| view! {
                        <progress id="import-progress" max=p.total.max(1) value=p.done></progress>
                        <p class="hint">{progress_text(i18n.lang(), p)}</p>
                    })}
                    <div class="actions">
                        <button id="import-cancel" disabled=busy on:click=move |_| forget()>
                            {tr(Msg::Cancel)}
                        </button>
                        <button id="import-confirm" class="danger" disabled=busy
                            on:click=move |_| { restore.dispatch(()); }>
                            {tr(Msg::ImportConfirm)}
                        </button>
                    </div>
                }
            })}
        </dialog>
    }
}
