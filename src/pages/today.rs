use leptos::prelude::*;

use huifang_core::model::Index;
use huifang_core::scheduler::{plan, PlannedRevisit, Urgency};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{TableHead, WithData};
use crate::i18n::{case_kind, method, plan_warning, reason, role, tr, urgency, use_i18n, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// The plan: every open revisit, earliest due first, overdue ones marked,
/// with who does it and why, and what the office must fix.
#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let today = clock::today();
    view! {
        <section class="page">
            <h2>{tr(Msg::TodayTitle)} " · " {today.to_string()}</h2>
            <WithData render=move |data: Dataset| {
                let plan = plan(&data, today);
                let warnings = plan.warnings.clone();
                let rows = if plan.items.is_empty() {
                    view! { <p class="empty" id="today-empty">{tr(Msg::TodayEmpty)}</p> }.into_any()
                } else {
                    let index = Index::new(&data);
                    let rows = plan.items.into_iter().map(|p| row(&index, p)).collect_view();
                    view! {
                        <table class="list" id="today-list">
                            <TableHead columns=&[Some(Msg::DueOn), Some(Msg::Status), Some(Msg::Customer), Some(Msg::Unit), Some(Msg::Assignee), Some(Msg::WhyDue), None] />
                            <tbody>{rows}</tbody>
                        </table>
                    }
                    .into_any()
                };
                view! {
                    <div id="plan-warnings">
                        {warnings
                            .into_iter()
                            .map(|w| view! { <p class="notice warn plan-warning">{move || plan_warning(i18n.lang(), &w)}</p> })
                            .collect_view()}
                    </div>
                    {rows}
                }
            } />
        </section>
    }
}

fn row(index: &Index<'_>, p: PlannedRevisit) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let app = use_app();
    let customer = index.customers.get(&p.customer_id);
    let name = customer.map(|c| c.name.clone()).unwrap_or_default();
    let unit = customer.map(|c| c.unit.to_string()).unwrap_or_default();
    let kind = p.case_id.and_then(|id| index.cases.get(&id)).map(|c| c.kind);
    let assignee = p.assignee.and_then(|id| index.staff.get(&id)).map(|s| s.name.clone());
    let overdue = matches!(p.urgency, Urgency::Overdue { .. });
    let (key, round, escalation, role_v, attempts) = (p.key, p.round, p.escalation, p.role, p.attempts);
    let suggested = p.methods.first().copied();
    let reasons = p.reasons;
    view! {
        <tr class="due-row" class:overdue=overdue data-case-id=p.case_id.map(|c| c.to_string()).unwrap_or_default()>
            <td class="due-on">{p.due_on.to_string()}</td>
            <td class="urgency">
                {move || urgency(i18n.lang(), p.urgency)}
                {(attempts > 0).then(|| view! { <br /><small class="attempts">{tr(Msg::AttemptsSoFar)} {attempts}</small> })}
            </td>
            <td class="customer">{name}</td>
            <td>{unit}</td>
            <td class="assignee">
                <span class="assignee-name">{assignee.clone().unwrap_or_default()}</span>
                {assignee.is_some().then_some(" · ")}
                <span class="assignee-role">{move || role(i18n.lang(), role_v)}</span>
            </td>
            <td class="reason">
                <span class="task-kind">
                    {move || kind.map(|k| case_kind(i18n.lang(), k)).unwrap_or_else(|| i18n.t(Msg::Cadence))}
                    {move || match (round, escalation) {
                        (_, true) => format!(" · {}", i18n.t(Msg::EscalationRound)),
                        (1, false) => String::new(),
                        (n, false) => format!(" · {} {n}", i18n.t(Msg::Round)),
                    }}
                    {move || suggested.map(|m| format!(" · {}", method(i18n.lang(), m)))}
                </span>
                <ul class="why">
                    {reasons
                        .into_iter()
                        .map(|r| view! { <li>{move || reason(i18n.lang(), &r)}</li> })
                        .collect_view()}
                </ul>
            </td>
            <td>
                <button class="record-revisit" on:click=move |_| app.go(Page::Revisit(key))>
                    {tr(Msg::RecordRevisit)}
                </button>
            </td>
        </tr>
    }
}
