use leptos::prelude::*;

use huifang_core::model::{Case, Customer, RaisedIssue};
use huifang_core::scheduler::PlannedRevisit;

use crate::i18n::{case_kind, contact_preference, method, reason, role, severity, tr, urgency, use_i18n, Msg};

/// Who is revisited about what, by when and why, with the numbers to call
/// and the issues still to answer: everything staff need in view while
/// talking to the customer.
#[component]
pub fn TaskSummary(
    task: PlannedRevisit,
    customer: Option<Customer>,
    case: Option<Case>,
    assignee: Option<String>,
    /// What the round before raised: this round must answer it (rules 7, 9).
    owed: Vec<RaisedIssue>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (round, escalation, role_v, due, u) = (task.round, task.escalation, task.role, task.due_on, task.urgency);
    let methods = task.methods.clone();
    let reasons = task.reasons.clone();
    view! {
        <div class="card summary" id="revisit-case">
            {customer.map(|c| {
                let pref = c.contact;
                let phones: Vec<String> = std::iter::once(c.phone.clone()).chain(c.other_phones.clone()).collect();
                view! {
                    <p class="who">
                        <strong>{c.name.clone()}</strong> " · " {c.unit.to_string()} " · "
                        {phones
                            .into_iter()
                            .map(|p| view! { <a class="phone" href=format!("tel:{p}")>{p.clone()}</a> " " })
                            .collect_view()}
                        {(!c.email.is_empty()).then(|| view! { " · " <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a> })}
                    </p>
                    {pref.refuses_calls().then(|| view! {
                        <p class="notice warn">{move || contact_preference(i18n.lang(), pref)}</p>
                    })}
                }
            })}
            {case.map(|c| {
                let (kind, sev, is_complaint) = (c.kind, c.severity, c.kind == huifang_core::CaseKind::Complaint);
                view! {
                    <p class="what">
                        {move || case_kind(i18n.lang(), kind)}
                        {is_complaint.then(|| view! { " · " {move || severity(i18n.lang(), sev)} })}
                        " · " {c.description.clone()}
                    </p>
                }
            })}
            <p class="due">
                {tr(Msg::DueOn)} ": " <strong>{due.to_string()}</strong> " (" {move || urgency(i18n.lang(), u)} ") · "
                {tr(Msg::Round)} " " {round}
                {escalation.then(|| view! { " · " {tr(Msg::EscalationRound)} })} " · "
                {tr(Msg::Assignee)} ": " {assignee.clone().unwrap_or_default()} " "
                {move || role(i18n.lang(), role_v)}
            </p>
            <p class="methods">
                {tr(Msg::AllowedMethods)} ": "
                {move || methods.iter().map(|m| method(i18n.lang(), *m)).collect::<Vec<_>>().join(" / ")}
            </p>
            <ul class="why" id="why-due">
                {reasons.into_iter().map(|r| view! { <li>{move || reason(i18n.lang(), &r)}</li> }).collect_view()}
            </ul>
            {(!owed.is_empty()).then(|| view! {
                <div id="issues-owed">
                    <h4>{tr(Msg::IssuesOwed)}</h4>
                    <ul>
                        {owed
                            .into_iter()
                            .map(|i| {
                                let answered = i.answer.is_some();
                                view! {
                                <li class:answered=answered>
                                    {i.text}
                                    {i.answer.map(|a| view! { " — " {tr(Msg::AnswerIssue)} " " {a.on.to_string()} ": " {a.text} })}
                                </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            })}
        </div>
    }
}
