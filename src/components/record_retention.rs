use leptos::html::Dialog;
use leptos::prelude::*;

use huifang_core::model::{Changes, Revisit};
use huifang_core::retention::Refusal;

use crate::clock;
use crate::components::{close_dialog, show_dialog};
use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::navigation::Page;
use crate::state::use_app;
use crate::store::RetentionError;

/// Why rule 17 (or the plan) keeps a record, in the user's language.
pub fn refusal_text(lang: Lang, r: &Refusal) -> String {
    let msg = match r {
        Refusal::NotFound => Msg::RetentionNotFound,
        Refusal::Unfinished => Msg::RetentionUnfinished,
        Refusal::AlreadyArchived => Msg::RetentionAlreadyArchived,
        Refusal::NotArchived => Msg::RetentionNotArchived,
        Refusal::TooYoung { deletable_from } => {
            return Msg::RetentionKeptUntil.text(lang).replace("{date}", &deletable_from.to_string())
        }
        Refusal::HasFollowUp => Msg::RetentionHasFollowUp,
        Refusal::ChangesPlan => Msg::RetentionChangesPlan,
    };
    msg.text(lang).to_owned()
}

/// Rule 17 on the record screen: archive or un-archive a finished record,
/// and delete it once its keeping period is over, after a confirmation.
/// A refused delete stays visible as a disabled button with the reason.
#[component]
pub fn RecordRetention(rev: Revisit, refusal: Option<Refusal>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let (id, archived, finished) = (rev.id, rev.is_archived(), rev.is_finished());
    let deletable = refusal.is_none();
    let dialog = NodeRef::<Dialog>::new();

    let report = move |e: RetentionError| match e {
        RetentionError::Refused(r) => app.failed(refusal_text(i18n.current(), &r)),
        RetentionError::Store(e) => app.store_failed(&e),
    };
    let toggle = Action::new_local(move |_: &()| async move {
        let done = if archived { Msg::RecordUnarchived } else { Msg::RecordArchived };
        let result = match app.database().await {
            Ok(db) => db.archive_revisit(id, !archived, clock::now()).await,
            Err(e) => Err(e.into()),
        };
        match result {
            Ok(changed) => app.applied(done, Changes::revisit(changed)),
            Err(e) => report(e),
        }
    });
    let delete = Action::new_local(move |_: &()| async move {
        let result = match app.database().await {
            Ok(db) => db.delete_revisit(id, clock::today()).await,
            Err(e) => Err(e.into()),
        };
        match result {
            // The record is gone: back to the list of records.
            Ok(changes) => {
                app.go(Page::Records);
                app.applied(Msg::RecordDeleted, changes);
            }
            Err(e) => report(e),
        }
    });
    let busy = move || toggle.pending().get() || delete.pending().get();
    let reason = refusal.map(|r| Signal::derive(move || refusal_text(i18n.lang(), &r)));

    view! {
        <div class="card" id="record-retention">
            <h3>{tr(Msg::RetentionTitle)}</h3>
            <p class="hint">{tr(Msg::RetentionHint)}</p>
            <div class="actions">
                {finished.then(|| view! {
                    <button type="button" id="archive-record" disabled=busy on:click=move |_| { toggle.dispatch(()); }>
                        {tr(if archived { Msg::UnarchiveRecord } else { Msg::ArchiveRecord })}
                    </button>
                })}
                <button
                    type="button"
                    id="delete-record"
                    class="danger"
                    disabled=move || !deletable || busy()
                    title=move || reason.map(|r| r.get()).unwrap_or_default()
                    on:click=move |_| {
                        show_dialog(dialog);
                    }
                >
                    {tr(Msg::DeleteRecord)}
                </button>
            </div>
            {reason.map(|r| view! { <p class="hint" id="delete-refused">{r}</p> })}
            <dialog node_ref=dialog id="delete-record-dialog">
                <p>{tr(Msg::DeleteRecordConfirm)}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| close_dialog(dialog)>
                        {tr(Msg::Cancel)}
                    </button>
                    <button
                        type="button"
                        id="delete-record-confirm"
                        class="danger"
                        on:click=move |_| {
                            close_dialog(dialog);
                            delete.dispatch(());
                        }
                    >
                        {tr(Msg::DeleteRecord)}
                    </button>
                </div>
            </dialog>
        </div>
    }
}
