use leptos::prelude::*;

use huifang_core::scheduler::{plan, PlannedRevisit, Reason, Urgency};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{TableHead, WithData};
use crate::i18n::{role, severity, urgency, use_i18n, Lang, Msg};
use crate::navigation::Page;
use crate::state::use_app;

fn reason(lang: Lang, r: &Reason) -> String {
    match (lang, r) {
        (Lang::Zh, Reason::ComplaintHandled { completed_on, severity: s, window_days }) => {
            format!("{}投诉于 {completed_on} 处理完成，须在 {window_days} 天内回访", severity(lang, *s))
        }
        (Lang::En, Reason::ComplaintHandled { completed_on, severity: s, window_days }) => {
            format!("{} complaint handled on {completed_on}; revisit within {window_days} days", severity(lang, *s))
        }
    }
}

/// Open revisits, earliest due first, overdue ones marked.
#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let today = clock::today();
    view! {
        <section class="page">
            <h2>{move || i18n.t(Msg::TodayTitle)} " · " {today.to_string()}</h2>
            <WithData render=move |data: Dataset| {
                let due = plan(&data, today);
                if due.is_empty() {
                    return view! { <p class="empty" id="today-empty">{move || i18n.t(Msg::TodayEmpty)}</p> }.into_any();
                }
                view! {
                    <table class="list" id="today-list">
                        <TableHead columns=&[Some(Msg::DueOn), Some(Msg::Status), Some(Msg::Customer), Some(Msg::Unit), Some(Msg::Assignee), Some(Msg::WhyDue), None] />
                        <tbody>{due.into_iter().map(|p| row(&data, p)).collect_view()}</tbody>
                    </table>
                }
                .into_any()
            } />
        </section>
    }
}

fn row(data: &Dataset, p: PlannedRevisit) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let app = use_app();
    let customer = data.customer(p.customer_id).cloned();
    let name = customer.as_ref().map(|c| c.name.clone()).unwrap_or_default();
    let unit = customer.map(|c| c.unit.to_string()).unwrap_or_default();
    let overdue = matches!(p.urgency, Urgency::Overdue { .. });
    let case_id = p.case_id;
    view! {
        <tr class="due-row" class:overdue=overdue data-case-id=case_id.to_string()>
            <td class="due-on">{p.due_on.to_string()}</td>
            <td class="urgency">{move || urgency(i18n.lang(), p.urgency)}</td>
            <td class="customer">{name}</td>
            <td>{unit}</td>
            <td class="assignee">{move || role(i18n.lang(), p.role)}</td>
            <td class="reason">{move || reason(i18n.lang(), &p.reason)}</td>
            <td>
                <button class="record-revisit" on:click=move |_| app.go(Page::Revisit(case_id))>
                    {move || i18n.t(Msg::RecordRevisit)}
                </button>
            </td>
        </tr>
    }
}
