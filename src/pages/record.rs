use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::{Changes, Revisit, Staff};
use huifang_core::retention::{check_deletion, Refusal};
use huifang_core::review::{answer_issue, review};

use crate::clock;
use crate::components::{RecordRetention, StaffSelect};
use crate::i18n::{closure_reason, field_error, method, satisfaction, store_error, tr, use_i18n, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// A finished revisit record as filed (回访记录表): result, attempts,
/// signature; answers to the issues raised (rule 9) and the supervisor's
/// review (rule 6).
#[component]
pub fn RecordPage(id: Uuid) -> impl IntoView {
    let app = use_app();
    view! {
        <section class="page">
            <h2>{tr(Msg::RecordTitle)}</h2>
            {move || {
                app.with_indexed(|data, at| match at.revisit(data, id).cloned() {
                    Some(rev) => {
                        let who =
                            at.customer(data, rev.customer_id).map(|c| format!("{} · {}", c.name, c.unit)).unwrap_or_default();
                        let case = rev.case_id.and_then(|id| at.case(data, id)).map(|c| c.description.clone()).unwrap_or_default();
                        // The plan is compared only for a record old enough to delete (see core).
                        let refusal = check_deletion(data, id, clock::today()).err();
                        view! { <Record rev who case staff=data.staff.clone() refusal /> }.into_any()
                    }
                    None => view! { <p class="notice error">{tr(Msg::CaseNotFound)}</p> }.into_any(),
                })
            }}
            <button id="record-back" on:click=move |_| app.go(Page::Records)>{tr(Msg::Back)}</button>
        </section>
    }
}

#[component]
fn Record(rev: Revisit, who: String, case: String, staff: Vec<Staff>, refusal: Option<Refusal>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    // The customer's signature (rule 5) is read when the record is shown:
    // signatures are not held in memory.
    let signature_id = rev.result.as_ref().and_then(|r| r.signature_id);
    let signature = LocalResource::new(move || async move {
        match signature_id {
            Some(id) => app.database().await?.signature(id).await.map(|s| s.map(|s| s.png)),
            None => Ok(None),
        }
    });
    let signature = move || match signature.get() {
        Some(Ok(Some(png))) => {
            view! { <img class="signature-image" id="record-signature" src=png alt="签名" /> }.into_any()
        }
        Some(Err(e)) => view! { <p class="notice error">{store_error(i18n.current(), &e)}</p> }.into_any(),
        _ => ().into_any(),
    };
    let names = staff.clone();
    let staff_name = move |id: Option<Uuid>| {
        id.and_then(|id| names.iter().find(|s| s.id == id)).map(|s| s.name.clone()).unwrap_or_default()
    };
    let stored = StoredValue::new(rev.clone());
    let reviewer = RwSignal::new(rev.review.as_ref().and_then(|r| r.by));
    let comment = RwSignal::new(rev.review.as_ref().map(|r| r.comment.clone()).unwrap_or_default());
    let save_review = Action::new_local(move |_: &()| async move {
        match review(
            &stored.get_value(),
            reviewer.get_untracked(),
            &comment.get_untracked(),
            clock::today(),
            clock::now(),
        ) {
            Ok(r) => {
                app.save(Msg::ReviewSaved, Changes::revisit(r)).await;
            }
            Err(e) => app.failed(field_error(i18n.current(), &e)),
        }
    });
    let answer = Action::new_local(move |(i, text): &(usize, String)| {
        let (i, text) = (*i, text.clone());
        async move {
            match answer_issue(&stored.get_value(), i, &text, clock::today(), clock::now()) {
                Ok(r) => {
                    app.save(Msg::AnswerSaved, Changes::revisit(r)).await;
                }
                Err(e) => app.failed(field_error(i18n.current(), &e)),
            }
        }
    });
    let result = rev.result.clone().map(|res| {
        let (m, s) = (res.method, res.satisfaction);
        let by = staff_name(res.staff_id);
        let issues = res
            .issues
            .into_iter()
            .enumerate()
            .map(|(i, issue)| {
                let draft = RwSignal::new(String::new());
                view! {
                    <li class="issue">
                        {issue.text.clone()} " — "
                        {match issue.answer {
                            Some(a) => view! { <span class="answered">{a.on.to_string()} " " {a.text}</span> }.into_any(),
                            None => view! {
                                <span class="unanswered">
                                    <input type="text" class="answer-text" bind:value=draft />
                                    <button class="answer-issue" on:click=move |_| { answer.dispatch((i, draft.get())); }>
                                        {tr(Msg::AnswerIssue)}
                                    </button>
                                </span>
                            }.into_any(),
                        }}
                    </li>
                }
            })
            .collect_view();
        view! {
            <dl class="figures" id="record-result">
                <dt>{tr(Msg::Method)}</dt><dd>{move || method(i18n.lang(), m)}</dd>
                <dt>{tr(Msg::VisitedOn)}</dt><dd>{res.visited_on.to_string()} " " {res.at.map(huifang_core::calendar::text::time_text)}</dd>
                <dt>{tr(Msg::DoneBy)}</dt><dd>{by}</dd>
                <dt>{tr(Msg::Content)}</dt><dd class="description">{res.content.clone()}</dd>
                <dt>{tr(Msg::Satisfaction)}</dt><dd>{move || satisfaction(i18n.lang(), s)}</dd>
                <dt>{tr(Msg::ReplyBy)}</dt><dd>{res.reply_by.map(|d| d.to_string())}</dd>
            </dl>
            <h4>{tr(Msg::IssuesRaised)}</h4>
            <ul id="record-issues">{issues}</ul>
        }
    });
    let closure = rev.closure.clone().map(|c| {
        let r = c.reason;
        let by = staff_name(c.by);
        view! {
            <p class="notice" id="record-closure">
                {move || closure_reason(i18n.lang(), r)} " · " {c.on.to_string()} " · " {by} " " {c.note.clone()}
            </p>
        }
    });
    // Rule 6: who signed, when, and the opinion, as filed.
    let signed = rev.review.clone().map(|r| {
        let by = staff_name(r.by);
        view! {
            <p class="notice" id="record-review">
                {tr(Msg::Reviewed)} " · " {by} " · " {r.on.to_string()} " · " {r.comment}
            </p>
        }
    });
    view! {
        <div class="card summary">
            <p><strong>{who}</strong></p>
            <p>{case}</p>
            <p>{tr(Msg::Round)} " " {rev.round} " · " {tr(Msg::DueOn)} " " {rev.due_on.to_string()}</p>
            {rev.archived_at.map(|at| view! {
                <p><span class="tag archived" id="record-archived">{tr(Msg::ArchivedMark)} " · " {clock::local_text(at)}</span></p>
            })}
        </div>
        <div class="card">
            {result}
            {closure}
            {signature}
        </div>
        <div class="card form" id="review-form">
            <h3>{tr(Msg::Review)}</h3>
            {signed}
            <div class="grid">
                <label for="review-by">{tr(Msg::Reviewer)}</label>
                <StaffSelect id="review-by" staff=staff value=reviewer />
                <label for="review-comment">{tr(Msg::ReviewComment)}</label>
                <textarea id="review-comment" rows="3" bind:value=comment></textarea>
            </div>
            <div class="actions">
                <button id="save-review" class="primary" on:click=move |_| { save_review.dispatch(()); }>{tr(Msg::SaveReview)}</button>
            </div>
        </div>
        <RecordRetention rev=rev refusal=refusal />
    }
}
