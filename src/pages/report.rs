use leptos::prelude::*;

use huifang_core::model::Positions;
use huifang_core::report::{monthly_report, FollowUpStatus, MonthlyReport};
use huifang_core::{Dataset, YearMonth};

use crate::clock;
use crate::components::{ComplaintSummary, TallyLine, TallyTable};
use crate::i18n::{case_kind, closure_reason, percent, satisfaction, severity, tr, use_i18n, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// The monthly report (客户回访记录, 000 §2.4) for the company leadership.
#[component]
pub fn ReportPage() -> impl IntoView {
    let app = use_app();
    let month = RwSignal::new(YearMonth::of(clock::today()).to_string());
    view! {
        <section class="page report">
            <h2>{tr(Msg::TallyTitle)}</h2>
            <label class="inline">
                {tr(Msg::Month)}
                <input id="tally-month" type="month" bind:value=month />
            </label>
            <button class="print" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>
                {tr(Msg::Print)}
            </button>
            {move || {
                // An empty or half-typed month shows the current one.
                let m = month.get().parse().unwrap_or_else(|_| YearMonth::of(clock::today()));
                app.with_indexed(|data, at| {
                    let report = monthly_report(data, m, clock::today());
                    report_view(report, data, at)
                })
                .unwrap_or_else(|| view! { <p class="loading">{tr(Msg::Loading)}</p> }.into_any())
            }}
        </section>
    }
}

fn report_view(report: MonthlyReport, data: &Dataset, at: &Positions) -> AnyView {
    let i18n = use_i18n();
    let app = use_app();
    let complaints =
        report.by_kind.iter().find(|r| r.kind == huifang_core::CaseKind::Complaint && r.severity.is_none());
    let summary = complaints.map(|r| r.tally).unwrap_or_default();
    let by_kind = report
        .by_kind
        .iter()
        .map(|r| {
            let (kind, sev) = (r.kind, r.severity);
            TallyLine {
                label: Signal::derive(move || match sev {
                    Some(s) => format!("　{}", severity(i18n.lang(), s)),
                    None => case_kind(i18n.lang(), kind).to_owned(),
                }),
                class: if sev.is_some() { "sub" } else { "kind" },
                tally: r.tally,
            }
        })
        .collect();
    let name_of = |id: Option<uuid::Uuid>| id.and_then(|id| at.staff(data, id)).map(|s| s.name.clone());
    let by_staff = report
        .by_staff
        .iter()
        .map(|r| {
            let name = name_of(r.staff_id);
            TallyLine {
                label: Signal::derive(move || name.clone().unwrap_or_else(|| i18n.t(Msg::Unassigned).to_owned())),
                class: "staff",
                tally: r.tally,
            }
        })
        .collect();
    let by_building = report
        .by_building
        .iter()
        .map(|r| {
            let b = r.building.clone();
            TallyLine {
                label: Signal::derive(move || b.clone().unwrap_or_else(|| i18n.t(Msg::UnknownBuilding).to_owned())),
                class: "building",
                tally: r.tally,
            }
        })
        .collect();
    let trend = report.trend.clone();
    let max = trend.iter().map(|p| p.tally.eligible).max().unwrap_or(0).max(1);
    let handling = report.handling.clone();
    let dissatisfied = report.dissatisfied.clone();
    let customers = |id| at.customer(data, id).map(|c| format!("{} · {}", c.name, c.unit)).unwrap_or_default();
    // Rule 17: archived records are history; the report counts and lists
    // them like any other, marked so the office knows why they look tidied.
    let archived_mark = |id| {
        at.revisit(data, id)
            .is_some_and(|r| r.is_archived())
            .then(|| view! { " " <span class="tag archived">{tr(Msg::ArchivedMark)}</span> })
    };
    let dissatisfied_rows = dissatisfied
        .into_iter()
        .map(|e| {
            let who = customers(e.customer_id);
            let follow = e
                .follow_ups
                .iter()
                .map(|f| match f.status {
                    FollowUpStatus::Completed { visited_on, satisfaction: s } => {
                        let round = f.round;
                        view! { <li>{move || format!("{} {round} · {visited_on} · {}", i18n.t(Msg::Round), satisfaction(i18n.lang(), s))}</li> }.into_any()
                    }
                    FollowUpStatus::Closed { on, reason } => view! {
                        <li>{move || format!("{}（{}） · {on}", i18n.t(Msg::Closed), closure_reason(i18n.lang(), reason))}</li>
                    }.into_any(),
                    FollowUpStatus::Open { due_on, overdue } => view! {
                        <li class:alert=overdue>{move || format!("{} · {} {due_on}", i18n.t(Msg::StillOpen), i18n.t(Msg::DueOn))}</li>
                    }.into_any(),
                })
                .collect_view();
            let id = e.revisit_id;
            view! {
                <tr class="dissatisfied-row">
                    <td>{e.visited_on.to_string()} {archived_mark(id)}</td>
                    <td>{who}</td>
                    <td class="description">{e.content.clone()}</td>
                    <td>
                        {e.escalate.then(|| view! { <p>{tr(Msg::EscalatedToSuperior)}</p> })}
                        {e.reply_by.map(|d| view! { <p>{tr(Msg::ReplyBy)} ": " {d.to_string()}</p> })}
                        <ul>{follow}</ul>
                    </td>
                    <td><button on:click=move |_| app.go(Page::Record(id))>{tr(Msg::Open)}</button></td>
                </tr>
            }
        })
        .collect_view();
    let sample = report
        .repair_sample
        .iter()
        .map(|&id| {
            let r = at.revisit(data, id);
            let who = r.map(|r| customers(r.customer_id)).unwrap_or_default();
            let reviewed = r.is_some_and(|r| r.review.is_some());
            view! {
                <li class="sample-row">
                    {who} {archived_mark(id)} " "
                    {move || if reviewed { i18n.t(Msg::Reviewed) } else { i18n.t(Msg::NotReviewed) }} " "
                    <button on:click=move |_| app.go(Page::Record(id))>{tr(Msg::Review)}</button>
                </li>
            }
        })
        .collect_view();
    view! {
        <ComplaintSummary month=report.month tally=summary />
        <h3>{tr(Msg::ByKind)}</h3>
        <TallyTable id="report-by-kind" first=Msg::Kind lines=by_kind />
        <p class="hint" id="report-legend">{tr(Msg::ReportLegend)}</p>
        <h3>{tr(Msg::ByStaff)}</h3>
        <TallyTable id="report-by-staff" first=Msg::Assignee lines=by_staff />
        <h3>{tr(Msg::ByBuilding)}</h3>
        <TallyTable id="report-by-building" first=Msg::Building lines=by_building />
        <h3>{tr(Msg::HandlingRate)}</h3>
        <p id="report-handling">
            {handling.answered} " / " {handling.raised} " · "
            {handling.rate_permille().map(percent).unwrap_or_else(|| "—".into())} " (≥100%)"
        </p>
        <h3>{tr(Msg::ReviewedRecords)}</h3>
        <p id="report-reviews">
            {report.reviews.reviewed} " / " {report.reviews.finished} " "
            <button type="button" class="go-records" on:click=move |_| app.go(Page::Records)>{tr(Msg::NavRecords)}</button>
        </p>
        <h3>{tr(Msg::Trend)}</h3>
        <table class="list trend" id="report-trend">
            <tbody>
                {trend
                    .into_iter()
                    .map(|p| {
                        let width = p.tally.eligible * 100 / max;
                        view! {
                            <tr>
                                <td>{p.month.to_string()}</td>
                                <td class="bar-cell"><span class="bar" style:width=format!("{width}%")></span></td>
                                <td>{p.tally.revisited} " / " {p.tally.eligible}</td>
                                <td>{p.tally.rate_permille().map(percent).unwrap_or_else(|| "—".into())}</td>
                                <td>{tr(Msg::SatisfiedShort)} " " {p.tally.satisfied_permille().map(percent).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <h3>{tr(Msg::DissatisfiedList)}</h3>
        <table class="list" id="report-dissatisfied"><tbody>{dissatisfied_rows}</tbody></table>
        <h3>{tr(Msg::RepairSampleList)}</h3>
        <ul id="report-repair-sample">{sample}</ul>
    }
    .into_any()
}
