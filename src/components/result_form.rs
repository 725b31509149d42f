use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::calendar::text;

use huifang_core::contact;
use huifang_core::model::Changes;
use huifang_core::model::{Method, Revisit, Satisfaction, Signature, Staff};
use huifang_core::scheduler::PlannedRevisit;
use huifang_core::validation::{FieldError, ResultDraft};

use crate::clock;
use crate::components::{FieldErrors, SignaturePad, StaffSelect};
use crate::i18n::{method, satisfaction, tr, use_i18n, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// The 回访记录表: the result once the customer is reached (rule 5): method,
/// when, by whom, what was said, satisfaction, issues raised with an agreed
/// reply date (rule 7), escalation (rule 14) and, for a home visit, the
/// customer's signature. Saved with its signature in one transaction.
#[component]
pub fn ResultForm(
    task: PlannedRevisit,
    record: Option<Revisit>,
    staff: Vec<Staff>,
    earliest: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let today = clock::today();
    let methods = task.methods.clone();
    let method_v = RwSignal::new(methods.first().copied().unwrap_or(Method::Phone));
    let visited_on = RwSignal::new(today.to_string());
    let at = RwSignal::new(text::time_text(clock::local_now()));
    let who = RwSignal::new(task.assignee);
    let content = RwSignal::new(String::new());
    let satisfaction_v = RwSignal::new(None::<Satisfaction>);
    let issues = RwSignal::new(String::new());
    let reply_by = RwSignal::new(String::new());
    let escalate = RwSignal::new(false);
    let signature = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let stored = StoredValue::new((task.clone(), record));
    let save = Action::new_local(move |draft: &ResultDraft| {
        let mut draft = draft.clone();
        async move {
            let (task, record) = stored.get_value();
            let record = record.unwrap_or_else(|| contact::start(&task, Uuid::new_v4(), clock::now()));
            let sig = match (draft.method, signature.get_untracked()) {
                (Method::HomeVisit, Some(png)) => {
                    Some(Signature { id: Uuid::new_v4(), revisit_id: record.id, png, captured_at: clock::now() })
                }
                _ => None,
            };
            draft.signature_id = sig.as_ref().map(|s| s.id);
            let result = match draft.validate(earliest, &task.methods, clock::today()) {
                Ok(r) => r,
                Err(e) => return errors.set(e),
            };
            let done = match contact::complete(&record, result, clock::now()) {
                Ok(r) => r,
                Err(e) => return app.failed(e.to_string()),
            };
            errors.set(Vec::new());
            // A home visit is never stored without its signature.
            let changes = match sig {
                Some(sig) => Changes::revisit(done).and_signature(sig),
                None => Changes::revisit(done),
            };
            let saved = app.save(Msg::RevisitSaved, changes).await;
            if saved {
                app.page.set(Page::Today);
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(ResultDraft {
            method: method_v.get(),
            visited_on: visited_on.get(),
            at: at.get(),
            staff_id: who.get(),
            content: content.get(),
            satisfaction: satisfaction_v.get(),
            issues: issues.get().lines().map(str::to_owned).collect(),
            reply_by: reply_by.get(),
            signature_id: None,
            escalate: escalate.get(),
        });
    };
    view! {
        <form class="card form" id="revisit-form" on:submit=submit>
            <h3>{tr(Msg::ResultTitle)}</h3>
            <aside class="script" id="call-script">{tr(Msg::CallScript)}</aside>
            <div class="grid">
                <span class="label">{tr(Msg::Method)}</span>
                <div class="radios" role="radiogroup" id="revisit-method">
                    {methods
                        .into_iter()
                        .map(|m| view! {
                            <label class="radio">
                                <input type="radio" name="method" value=format!("{m:?}").to_lowercase()
                                    prop:checked=move || method_v.get() == m
                                    on:change=move |_| method_v.set(m) />
                                {move || method(i18n.lang(), m)}
                            </label>
                        })
                        .collect_view()}
                </div>
                <label for="revisit-date">{tr(Msg::VisitedOn)}</label>
                <input id="revisit-date" type="date" max=today.to_string() bind:value=visited_on />
                <label for="revisit-time">{tr(Msg::Time)}</label>
                <input id="revisit-time" type="time" bind:value=at />
                <label for="revisit-staff">{tr(Msg::DoneBy)}</label>
                <StaffSelect id="revisit-staff" staff=staff value=who />
                <label for="revisit-content">{tr(Msg::Content)}</label>
                <textarea id="revisit-content" rows="4" bind:value=content></textarea>
                <span class="label">{tr(Msg::Satisfaction)}</span>
                <div class="radios" role="radiogroup">
                    {Satisfaction::ALL
                        .into_iter()
                        .map(|s| view! {
                            <label class="radio">
                                <input type="radio" name="satisfaction" value=format!("{s:?}").to_lowercase()
                                    prop:checked=move || satisfaction_v.get() == Some(s)
                                    on:change=move |_| satisfaction_v.set(Some(s)) />
                                {move || satisfaction(i18n.lang(), s)}
                            </label>
                        })
                        .collect_view()}
                </div>
                <label for="revisit-issues">{tr(Msg::IssuesRaised)}</label>
                <textarea id="revisit-issues" rows="2" placeholder=move || i18n.t(Msg::IssuesHint) bind:value=issues></textarea>
                <label for="revisit-reply-by">{tr(Msg::ReplyBy)}</label>
                <input id="revisit-reply-by" type="date" min=today.to_string() bind:value=reply_by />
                <span class="label">{tr(Msg::Escalate)}</span>
                <label class="radio">
                    <input type="checkbox" id="revisit-escalate" bind:checked=escalate />
                    {tr(Msg::EscalateHint)}
                </label>
                <Show when=move || method_v.get() == Method::HomeVisit>
                    <span class="label">{tr(Msg::CustomerSignature)}</span>
                    <SignaturePad value=signature />
                </Show>
            </div>
            <FieldErrors errors=errors />
            <div class="actions">
                <button type="button" on:click=move |_| app.go(Page::Today)>{tr(Msg::Cancel)}</button>
                <button type="submit" id="save-revisit" class="primary" disabled=move || save.pending().get()>
                    {tr(Msg::SaveRevisit)}
                </button>
            </div>
        </form>
    }
}
