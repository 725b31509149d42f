use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use huifang_core::backup::{self, Backup, Counts};
use huifang_core::Dataset;

use crate::components::{BackupExport, WithData};
use crate::i18n::{backup_error, tr, use_i18n, Lang, Msg};
use crate::state::use_app;
use crate::{clock, files};

fn counts_text(lang: Lang, c: &Counts) -> String {
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

/// The data on this device, its export (backup and spreadsheets) and the import of a backup.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let pending = RwSignal::new(None::<Backup>);
    let dialog = NodeRef::<Dialog>::new();

    // Reading and checking happen before anything is written.
    let choose = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            pending.set(None);
            let bytes = match files::read_bytes(&file).await {
                Ok(b) => b,
                Err(detail) => return app.failed(format!("{}{detail}", Msg::ImportRefused.text(i18n.current()))),
            };
            match backup::parse(&bytes) {
                Ok(b) => {
                    app.notice.set(None);
                    pending.set(Some(b));
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

    let restore = Action::new_local(move |b: &Backup| {
        let data = b.data.clone();
        async move {
            app.save(Msg::Imported, |db| async move { db.replace_all(&data).await }).await;
            close(dialog);
            pending.set(None);
        }
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
            </div>
            <BackupExport />
            <div class="card">
                <h3>{tr(Msg::Import)}</h3>
                <label for="import-file">{tr(Msg::ImportChoose)}</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            <dialog node_ref=dialog id="import-dialog">
                {move || pending.get().map(|b| {
                    let counts = b.counts;
                    view! {
                        <p>{tr(Msg::ImportPreview)}</p>
                        <p id="import-preview">{move || counts_text(i18n.lang(), &counts)}</p>
                        <p>{tr(Msg::ExportedAt)} ": " {clock::local_text(b.exported_at)}</p>
                        <div class="actions">
                            <button id="import-cancel" on:click=move |_| { close(dialog); pending.set(None); }>
                                {tr(Msg::Cancel)}
                            </button>
                            <button id="import-confirm" class="danger" disabled=move || restore.pending().get()
                                on:click=move |_| { if let Some(b) = pending.get_untracked() { restore.dispatch(b); } }>
                                {tr(Msg::ImportConfirm)}
                            </button>
                        </div>
                    }
                })}
            </dialog>
        </section>
    }
}

fn close(dialog: NodeRef<Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        d.close();
    }
}
