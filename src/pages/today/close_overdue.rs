//! The supervisor's bulk close of long-overdue work: every task the list's
//! filter shows that is overdue by at least so many days, closed with one
//! reason and a note. Nothing is dropped: each closed task keeps its record,
//! and the report still counts it in its month (DOMAIN "Lessons").

use leptos::html::Dialog;
use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::contact::{self, ClosureDraft};
use huifang_core::model::{Changes, ClosureReason, Dataset, Positions, Staff};
use huifang_core::scheduler::{PlannedRevisit, Urgency};
use huifang_core::validation::FieldError;

use super::Filter;
use crate::clock;
use crate::components::{close_dialog, show_dialog, Choice, FieldErrors, StaffSelect};
use crate::i18n::{closure_reason, tr, use_i18n, Msg};
use crate::state::use_app;

/// Reasons that fit many tasks at once: "unreachable" is judged on each
/// task's own attempt log, on its page.
const BULK_REASONS: [ClosureReason; 5] = [
    ClosureReason::Missed,
    ClosureReason::Refused,
    ClosureReason::WrongNumber,
    ClosureReason::Moved,
    ClosureReason::Other,
];

/// Overdue by at least this many days unless the supervisor says otherwise.
const DEFAULT_DAYS: &str = "30";

/// The overdue days typed in, if they are a whole number.
fn parse_days(text: &str) -> Option<i64> {
    text.trim().parse::<u32>().ok().map(i64::from)
}

fn overdue_by(p: &PlannedRevisit, days: i64) -> bool {
    matches!(p.urgency, Urgency::Overdue { days: d } if d >= days)
}

/// The tasks a close would take: those the list's filter shows that are
/// overdue by at least `days`.
fn targets<'p>(
    items: &'p [PlannedRevisit],
    data: &'p Dataset,
    at: &'p Positions,
    filter: Filter,
    days: i64,
) -> impl Iterator<Item = &'p PlannedRevisit> {
    items.iter().filter(move |p| overdue_by(p, days) && filter.passes(data, at, p))
}

#[component]
pub fn CloseOverdue(filter: Signal<Filter>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let dialog = NodeRef::<Dialog>::new();
    let days = RwSignal::new(DEFAULT_DAYS.to_owned());
    let reason = RwSignal::new(ClosureReason::Missed);
    let note = RwSignal::new(String::new());
    let by = RwSignal::new(None::<Uuid>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let staff: Vec<Staff> = app.with_data_untracked(|d| d.staff.clone()).unwrap_or_default();

    // How many tasks the close would take, shown before confirming.
    let count = Memo::new(move |_| {
        let (filter, days) = (filter.get(), parse_days(&days.get())?);
        let plan = app.plan.get()?;
        app.with_indexed(|data, at| targets(&plan.plan.items, data, at, filter, days).count())
    });
    let any_overdue =
        move || app.plan.with(|p| p.as_ref().is_some_and(|p| p.plan.items.iter().any(|t| overdue_by(t, 1))));

    let close = Action::new_local(move |draft: &ClosureDraft| {
        let draft = draft.clone();
        async move {
            // The confirm button is off until the days are a number.
            let Some(days) = parse_days(&days.get_untracked()) else { return };
            let filter = filter.get_untracked();
            let Some(plan) = app.plan.get_untracked() else { return };
            let closed = app.with_indexed(|data, at| {
                let tasks = targets(&plan.plan.items, data, at, filter, days)
                    .map(|p| (p, p.record_id.and_then(|id| at.revisit(data, id))));
                let min = data.settings.policies.min_attempts;
                contact::close_all(tasks, &draft, clock::today(), min, clock::now(), Uuid::new_v4)
            });
            match closed {
                None => {}
                Some(Err(e)) => errors.set(e),
                Some(Ok(closed)) => {
                    errors.set(Vec::new());
                    let changes = Changes { revisits: closed, ..Changes::default() };
                    if !changes.revisits.is_empty() && app.save(Msg::OverdueClosed, changes).await {
                        note.set(String::new());
                        close_dialog(dialog);
                    }
                }
            }
        }
    });

    view! {
        <Show when=any_overdue>
            <div class="actions">
                <button
                    type="button"
                    id="close-overdue-open"
                    on:click=move |_| {
                        show_dialog(dialog);
                    }
                >
                    {tr(Msg::CloseOverdue)}
                </button>
            </div>
        </Show>
        <dialog node_ref=dialog id="close-overdue-dialog">
            <form
                class="form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    close.dispatch(ClosureDraft { reason: reason.get(), note: note.get(), by: by.get() });
                }
            >
                <h3>{tr(Msg::CloseOverdueTitle)}</h3>
                <p class="hint">{tr(Msg::CloseOverdueHint)}</p>
                <div class="grid">
                    <label for="close-overdue-days">{tr(Msg::OverdueAtLeastDays)}</label>
                    <input id="close-overdue-days" type="number" min="1" inputmode="numeric" bind:value=days />
                    <label for="close-overdue-reason">{tr(Msg::ClosureReasonLabel)}</label>
                    <Choice id="close-overdue-reason" options=&BULK_REASONS value=reason label=closure_reason />
                    <label for="close-overdue-note">{tr(Msg::Note)}</label>
                    <input id="close-overdue-note" type="text" bind:value=note placeholder=tr(Msg::ClosureNoteHint) />
                    <label for="close-overdue-by">{tr(Msg::ClosedBy)}</label>
                    <StaffSelect id="close-overdue-by" staff=staff value=by />
                </div>
                <p id="close-overdue-count">
                    {move || match count.get() {
                        Some(n) => i18n.t(Msg::CloseOverdueCount).replace("{n}", &n.to_string()),
                        None => i18n.t(Msg::DaysNotANumber).to_owned(),
                    }}
                </p>
                <FieldErrors errors=errors />
                <div class="actions">
                    <button
                        type="button"
                        on:click=move |_| {
                            close_dialog(dialog);
                        }
                    >
                        {tr(Msg::Cancel)}
                    </button>
                    <button
                        type="submit"
                        id="close-overdue-confirm"
                        class="danger"
                        disabled=move || close.pending().get() || count.get().unwrap_or(0) == 0
                    >
                        {tr(Msg::CloseTask)}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
