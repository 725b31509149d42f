use chrono::NaiveDateTime;
use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::calendar::text;

use huifang_core::contact::{self, ClosureDraft, UnreachableProgress};
use huifang_core::model::{Changes, ClosureReason, Revisit, Staff};
use huifang_core::scheduler::PlannedRevisit;
use huifang_core::validation::FieldError;

use crate::clock;
use crate::components::{Choice, FieldErrors, StaffSelect};
use crate::i18n::{closure_reason, tr, use_i18n, Lang, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// Ending a task without a result, for a reason (DOMAIN "Lessons": open
/// work ends done or closed with a reason). The unreachable rule (rule 12)
/// is written out beside the button with what is still missing, since a
/// tablet shows no tooltips.
#[component]
pub fn CloseTask(task: PlannedRevisit, record: Option<Revisit>, staff: Vec<Staff>, min_attempts: u32) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let attempts = record.as_ref().map(|r| r.attempts.clone()).unwrap_or_default();
    let progress = contact::unreachable_progress(&attempts, min_attempts);
    let now = clock::local_now();

    let reason = RwSignal::new(ClosureReason::Unreachable);
    let note = RwSignal::new(String::new());
    let by = RwSignal::new(task.assignee);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let stored = StoredValue::new((task, record));

    let close = Action::new_local(move |draft: &ClosureDraft| {
        let draft = draft.clone();
        async move {
            let (task, record) = stored.get_value();
            let record = record.unwrap_or_else(|| contact::start(&task, Uuid::new_v4(), clock::now()));
            match contact::close(&record, &draft, clock::today(), min_attempts, clock::now()) {
                Ok(closed) => {
                    errors.set(Vec::new());
                    if app.save(Msg::TaskClosed, Changes::revisit(closed)).await {
                        app.page.set(Page::Today);
                    }
                }
                Err(e) => errors.set(e),
            }
        }
    });
    let blocked = move || reason.get() == ClosureReason::Unreachable && progress != UnreachableProgress::Enough;

    view! {
        <form
            class="card form"
            id="close-task-form"
            on:submit=move |ev| {
                ev.prevent_default();
                close.dispatch(ClosureDraft { reason: reason.get(), note: note.get(), by: by.get() });
            }
        >
            <h3>{tr(Msg::CloseTaskTitle)}</h3>
            <p class="hint" id="unreachable-rule">
                {move || i18n.t(Msg::UnreachableRule).replace("{n}", &min_attempts.to_string())}
                " "
                <strong id="unreachable-progress">{move || progress_text(i18n.lang(), progress, now)}</strong>
            </p>
            <div class="grid">
                <label for="closure-reason">{tr(Msg::ClosureReasonLabel)}</label>
                <Choice id="closure-reason" options=&ClosureReason::ALL value=reason label=closure_reason />
                <label for="closure-note">{tr(Msg::Note)}</label>
                <input id="closure-note" type="text" bind:value=note placeholder=tr(Msg::ClosureNoteHint) />
                <label for="closure-by">{tr(Msg::ClosedBy)}</label>
                <StaffSelect id="closure-by" staff=staff value=by />
            </div>
            <FieldErrors errors=errors />
            <div class="actions">
                <button type="submit" id="close-task" class="danger" disabled=move || blocked() || close.pending().get()>
                    {tr(Msg::CloseTask)}
                </button>
            </div>
        </form>
    }
}

/// What the attempt log still lacks for "unreachable", in words: "还需 1 次，
/// 14:10 之后" (the time alone when it is today).
fn progress_text(lang: Lang, progress: UnreachableProgress, now: NaiveDateTime) -> String {
    match progress {
        UnreachableProgress::Reached => Msg::UnreachableReached.text(lang).to_owned(),
        UnreachableProgress::Enough => Msg::UnreachableMet.text(lang).to_owned(),
        UnreachableProgress::Short { more, after } => {
            let more = more.to_string();
            match after.filter(|a| *a > now) {
                Some(a) => {
                    let at = if a.date() == now.date() { text::time_text(a) } else { text::date_time_text(a) };
                    Msg::UnreachableMissingAfter.text(lang).replace("{n}", &more).replace("{t}", &at.to_string())
                }
                None => Msg::UnreachableMissing.text(lang).replace("{n}", &more),
            }
        }
    }
}
