use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::calendar::text;
use huifang_core::contact;
use huifang_core::model::Changes;
use huifang_core::model::{AttemptOutcome, Method, Revisit, Staff};
use huifang_core::scheduler::PlannedRevisit;
use huifang_core::settings::Settings;
use huifang_core::validation::{AttemptDraft, FieldError};

use crate::clock;
use crate::components::{Choice, FieldErrors, StaffSelect};
use crate::i18n::{attempt_outcome, method, tr, use_i18n, Msg};
use crate::state::use_app;

/// Every contact attempt, kept even when nobody answered (rule 12), and
/// the suggested time for the next call.
#[component]
pub fn AttemptLog(
    task: PlannedRevisit,
    record: Option<Revisit>,
    staff: Vec<Staff>,
    settings: Settings,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let now = clock::local_now();
    let attempts = record.as_ref().map(|r| r.attempts.clone()).unwrap_or_default();
    let suggested = contact::suggest_call_time(now, &settings.policies.call_windows, &attempts, &settings.calendar);

    let first_method = task.methods.first().copied().unwrap_or(Method::Phone);
    let at = RwSignal::new(text::date_time_input(now));
    let method_v = RwSignal::new(first_method);
    let outcome_v = RwSignal::new(AttemptOutcome::NoAnswer);
    let note = RwSignal::new(String::new());
    let who = RwSignal::new(task.assignee);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let stored = StoredValue::new((task.clone(), record.clone()));
    let log = Action::new_local(move |draft: &AttemptDraft| {
        let draft = draft.clone();
        async move {
            let attempt = match draft.validate(clock::local_now()) {
                Ok(a) => a,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            let (task, record) = stored.get_value();
            let record = record.unwrap_or_else(|| contact::start(&task, Uuid::new_v4(), clock::now()));
            let updated = contact::log_attempt(&record, attempt, clock::now());
            if app.save(Msg::AttemptSaved, Changes::revisit(updated)).await {
                note.set(String::new());
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        log.dispatch(AttemptDraft {
            at: at.get(),
            method: method_v.get(),
            outcome: outcome_v.get(),
            note: note.get(),
            staff_id: who.get(),
        });
    };
    let rows = attempts
        .into_iter()
        .map(|a| {
            let (m, o) = (a.method, a.outcome);
            view! {
                <tr class="attempt-row">
                    <td>{text::date_time_text(a.at)}</td>
                    <td>{move || method(i18n.lang(), m)}</td>
                    <td class="outcome">{move || attempt_outcome(i18n.lang(), o)}</td>
                    <td>{a.note.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form class="card form" id="attempt-form" on:submit=submit>
            <h3>{tr(Msg::AttemptsTitle)}</h3>
            <table class="list attempts"><tbody>{rows}</tbody></table>
            <p class="hint" id="suggested-call">
                {tr(Msg::SuggestedCall)} ": " {text::date_time_text(suggested)}
            </p>
            <div class="grid">
                <label for="attempt-at">{tr(Msg::Time)}</label>
                <input id="attempt-at" type="datetime-local" bind:value=at />
                <label for="attempt-method">{tr(Msg::Method)}</label>
                <Choice id="attempt-method" options=&Method::ALL value=method_v label=method />
                <label for="attempt-outcome">{tr(Msg::Outcome)}</label>
                <Choice id="attempt-outcome" options=&AttemptOutcome::ALL value=outcome_v label=attempt_outcome />
                <label for="attempt-note">{tr(Msg::Note)}</label>
                <input id="attempt-note" type="text" bind:value=note />
                <label for="attempt-staff">{tr(Msg::DoneBy)}</label>
                <StaffSelect id="attempt-staff" staff=staff value=who />
            </div>
            <FieldErrors errors=errors />
            <div class="actions">
                <button type="submit" id="log-attempt" disabled=move || log.pending().get()>{tr(Msg::LogAttempt)}</button>
            </div>
        </form>
    }
}
