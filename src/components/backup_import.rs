//! Import of a JSON backup: choose a file → everything checked → preview
//! of what will change → written in one transaction, with a progress bar.
//! Nothing is written before the user confirms, and a failure half-way
//! leaves the database exactly as before (see `store::bulk`).

use std::rc::Rc;

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use huifang_core::backup::merge::{self, Merge, MergeError};
use huifang_core::backup::{self, encrypted, preview, Backup, BackupError};
use huifang_core::Dataset;

use super::import_preview::{ImportPreview, ImportSummary};
use super::{close_dialog, show_dialog, PassphrasePrompt};

use crate::i18n::{backup_error, import, store_error, tr, use_i18n, Lang, Msg};
use crate::state::use_app;
use crate::store::Progress;
use crate::{clock, crypto, event_loop, files};

/// How long checking a file may hold the page before the browser gets its
/// turn to paint the progress and answer input.
const CHECK_SLICE_MS: f64 = 50.0;

/// Reads and checks a chosen file a step at a time (a whole office's file
/// takes seconds), showing the progress in `shown` and giving the browser
/// its turn every [`CHECK_SLICE_MS`].
async fn check(bytes: &[u8], shown: RwSignal<Option<backup::Progress>>) -> Result<Backup, BackupError> {
    let mut reading = backup::Reading::new(bytes);
    let total = reading.progress().total;
    shown.set(Some(reading.progress()));
    let mut slice_began = js_sys::Date::now();
    loop {
        reading = match reading.step()? {
            backup::Step::Reading(next) => next,
            backup::Step::Done(b) => {
                shown.set(Some(backup::Progress { done: total, total }));
                return Ok(*b);
            }
        };
        if js_sys::Date::now() - slice_began >= CHECK_SLICE_MS {
            shown.set(Some(reading.progress()));
            event_loop::next_turn().await;
            slice_began = js_sys::Date::now();
        }
    }
}

fn progress_text(lang: Lang, p: Progress) -> String {
    match lang {
        Lang::Zh => format!("正在写入：{} / {} 条", p.done, p.total),
        Lang::En => format!("Writing: {} / {} records", p.done, p.total),
    }
}

/// What the dialog keeps between "checked" and "confirmed": the backup and
/// its merge with this tablet, both possibly very large, never cloned.
struct Checked {
    backup: Backup,
    merge: Result<Merge, MergeError>,
    /// `AppState::writes_seen` when the merge was planned.
    seen: u64,
}

#[component]
pub fn BackupImport() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let checked = StoredValue::new_local(None::<Checked>);
    let summary = RwSignal::new(None::<ImportSummary>);
    let progress = RwSignal::new(None::<Progress>);
    let dialog = NodeRef::<Dialog>::new();

    let forget = move || {
        checked.set_value(None);
        summary.set(None);
        progress.set(None);
        close_dialog(dialog);
    };

    // An encrypted file waits here, unread, for its passphrase.
    let locked = StoredValue::new_local(None::<Vec<u8>>);
    let asking = RwSignal::new(false);
    let prompt_error = RwSignal::new(None::<String>);

    // Checking and comparing happen before anything is written, the
    // check's progress shown while they run.
    let checking = RwSignal::new(None::<backup::Progress>);
    let inspect = move |bytes: Vec<u8>| async move {
        let parsed = check(&bytes, checking).await;
        drop(bytes);
        let b = match parsed {
            Ok(b) => b,
            Err(e) => {
                checking.set(None);
                return app.failed(format!(
                    "{}{}",
                    Msg::ImportRefused.text(i18n.current()),
                    backup_error(i18n.current(), &e)
                ));
            }
        };
        // The comparison below is one long step: the full bar is painted first.
        event_loop::next_turn().await;
        // Compared with every record as stored, signatures included: a
        // merge must never be planned against a copy that misses the last save.
        let today = clock::today();
        let seen = app.writes_seen();
        let compare = |local: &Dataset| {
            let merge = merge::merge(local, &b.data);
            let preview = ImportSummary::of(&b, local, &merge, today);
            (merge, preview)
        };
        let compared = app.with_stored_data(compare).await;
        checking.set(None);
        let (merge, preview) = match compared {
            Ok(compared) => compared,
            Err(e) => return app.store_failed(&e),
        };
        summary.set(Some(preview));
        checked.set_value(Some(Checked { backup: b, merge, seen }));
        app.notice.set(None);
        show_dialog(dialog);
    };

    let choose = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            forget();
            let bytes = match files::read_bytes(&file).await {
                Ok(b) => b,
                Err(detail) => return app.failed(format!("{}{detail}", Msg::ImportRefused.text(i18n.current()))),
            };
            if encrypted::is_encrypted(&bytes) {
                app.notice.set(None);
                locked.set_value(Some(bytes));
                prompt_error.set(None);
                asking.set(true);
                return;
            }
            inspect(bytes).await;
        }
    });

    // A wrong passphrase or a changed file is refused here, before any
    // check of the content and long before anything is written.
    let unlock = Action::new_local(move |passphrase: &String| {
        let passphrase = passphrase.clone();
        async move {
            let Some(sealed) = locked.get_value() else { return };
            match crypto::decrypt(&sealed, &passphrase).await {
                Ok(plain) => {
                    locked.set_value(None);
                    asking.set(false);
                    inspect(plain).await;
                }
                Err(e) => prompt_error.set(Some(e.text(i18n.current()))),
            }
        }
    });

    let report = move |p: Progress| progress.set(Some(p));
    let restore = Action::new_local(move |_: &()| async move {
        // Taken, not cloned: the backup may be very large.
        let Some(c) = checked.try_update_value(Option::take).flatten() else { return };
        drop(c.merge);
        // Saved since the preview (here or in another tab): checked again,
        // so a restore never deletes what was saved meanwhile.
        if app.writes_seen() != c.seen {
            let today = clock::today();
            let losses = app.with_stored_data(|local| preview::restore_preview(local, &c.backup.data, today)).await;
            let refused = match losses.map(|p| p.protected_losses()) {
                Ok(0) => None,
                Ok(n) => Some(import::restore_refused(i18n.current(), n)),
                Err(e) => Some(store_error(i18n.current(), &e)),
            };
            if let Some(why) = refused {
                forget();
                return app.failed(why);
            }
        }
        // After a restore the database holds exactly the file's records:
        // they are shown as they are, not read back (shared with the write,
        // which lets go of them when it ends).
        let data = Rc::new(c.backup.data);
        let written = data.clone();
        let stored = move || Rc::try_unwrap(data).ok();
        app.save_then(Msg::Imported, |db| async move { db.restore(&written, &report).await }, stored).await;
        forget();
    });
    let merge_in = Action::new_local(move |_: &()| async move {
        let Some(c) = checked.try_update_value(Option::take).flatten() else { return };
        drop(c.backup);
        let Ok(m) = c.merge else { return };
        // The merged records are what the database holds only if nothing
        // was saved since the merge was planned; otherwise they are read back.
        let current = app.writes_seen() == c.seen;
        let m = Rc::new(m);
        let written = m.clone();
        let stored = move || Rc::try_unwrap(m).ok().filter(|_| current).map(|m| m.merged);
        app.save_then(Msg::Merged, |db| async move { db.merge_in(&written.writes(), &report).await }, stored).await;
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
    let busy =
        move || restore.pending().get() || merge_in.pending().get() || choose.pending().get() || unlock.pending().get();

    view! {
        <div class="card">
            <h3>{tr(Msg::Import)}</h3>
            <label for="import-file">{tr(Msg::ImportChoose)}</label>
            <input id="import-file" type="file" accept=".json,application/json" disabled=busy on:change=on_file />
            {move || (choose.pending().get() || checking.with(Option::is_some)).then(|| view! {
                <p class="loading">{tr(Msg::ImportChecking)}</p>
                {move || checking.get().map(|p| view! {
                    <progress id="import-check-progress" max=p.total.max(1) value=p.done></progress>
                    <p class="hint">{move || import::checking(i18n.lang(), p)}</p>
                })}
            })}
        </div>
        <PassphrasePrompt
            open=asking
            on_passphrase=Callback::new(move |p: String| { unlock.dispatch(p); })
            on_cancel=Callback::new(move |_| { asking.set(false); locked.set_value(None); })
            error=prompt_error
            busy=Signal::derive(move || unlock.pending().get())
        />
        <dialog node_ref=dialog id="import-dialog" on:cancel=move |ev: leptos::ev::Event| { if busy() { ev.prevent_default(); } }>
            {move || summary.get().map(|s| {
                let restore_refused = s.restore_refused();
                let merge_ok = s.merge.is_ok();
                view! {
                    <ImportPreview summary=s />
                    {move || progress.get().map(|p| view! {
                        <progress id="import-progress" max=p.total.max(1) value=p.done></progress>
                        <p class="hint">{progress_text(i18n.lang(), p)}</p>
                    })}
                    <div class="actions">
                        <button id="import-cancel" disabled=busy on:click=move |_| forget()>
                            {tr(Msg::Cancel)}
                        </button>
                        <button id="import-merge" class="primary" disabled=move || busy() || !merge_ok
                            on:click=move |_| { merge_in.dispatch(()); }>
                            {tr(Msg::MergeConfirm)}
                        </button>
                        <button id="import-confirm" class="danger" disabled=move || busy() || restore_refused
                            on:click=move |_| { restore.dispatch(()); }>
                            {tr(Msg::ImportConfirm)}
                        </button>
                    </div>
                }
            })}
        </dialog>
    }
}
