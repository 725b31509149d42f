use leptos::prelude::*;

use huifang_core::model::{Case, CaseKind};
use huifang_core::Dataset;

use crate::components::{case_line, household, CaseForm, Choice, Handling, RequestRevisit, TableHead};
use crate::i18n::{case_kind, severity, tr, use_i18n, Lang, Msg};

const SHOWN: usize = 200;

const KIND_FILTER: [Option<CaseKind>; 8] = [
    None,
    Some(CaseKind::Complaint),
    Some(CaseKind::Repair),
    Some(CaseKind::Activity),
    Some(CaseKind::MoveIn),
    Some(CaseKind::Emergency),
    Some(CaseKind::HolidayVisit),
    Some(CaseKind::Signing),
];

fn kind_or_all(lang: Lang, k: Option<CaseKind>) -> &'static str {
    k.map_or_else(|| Msg::All.text(lang), |k| case_kind(lang, k))
}

/// The cases on record, newest first, with their handling state and what
/// can be done with each.
#[component]
pub fn CaseList(data: Dataset, form: CaseForm, kind: RwSignal<Option<CaseKind>>) -> impl IntoView {
    if data.cases.is_empty() {
        return view! { <p class="empty">{tr(Msg::NoCases)}</p> }.into_any();
    }
    let data = StoredValue::new(data);
    let rows = move || {
        let wanted = kind.get();
        data.with_value(|data| {
            let matching: Vec<&Case> =
                data.cases.iter().rev().filter(|c| wanted.is_none_or(|k| c.kind == k)).take(SHOWN + 1).collect();
            let more = matching.len() > SHOWN;
            let rows = matching.into_iter().take(SHOWN).map(|c| row(data, c, form)).collect_view();
            let note = more.then(|| view! { <tr><td colspan="8" class="hint">{tr(Msg::ShowingLatest)}</td></tr> });
            view! { {rows} {note} }
        })
    };
    view! {
        <div class="list-filter">
            <label for="case-filter-kind">{tr(Msg::Kind)}</label>
            <Choice id="case-filter-kind" options=&KIND_FILTER value=kind label=kind_or_all />
        </div>
        <table class="list" id="complaint-list">
            <TableHead columns=&[
                Some(Msg::ReceivedOn),
                Some(Msg::Kind),
                Some(Msg::Customer),
                Some(Msg::Severity),
                Some(Msg::Description),
                Some(Msg::Notes),
                Some(Msg::CaseStatus),
                None,
            ] />
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn row(data: &Dataset, case: &Case, form: CaseForm) -> impl IntoView {
    let i18n = use_i18n();
    let who = if case.anonymous { None } else { Some(household(data, case.customer_id)) };
    let revisited = data.revisits.iter().any(|r| r.case_id == Some(case.id) && r.is_completed());
    let (kind, sev, complaint) = (case.kind, case.severity, case.kind == CaseKind::Complaint);
    let duplicate = case.duplicate_of.and_then(|id| data.case(id)).map(|c| case_line(data, c));
    let staff: Vec<String> = case
        .staff_involved
        .iter()
        .filter_map(|id| data.staff.iter().find(|s| s.id == *id))
        .map(|s| s.name.clone())
        .collect();
    let (anonymous, reply_only) = (case.anonymous, case.reply_only);
    let reply = (!case.written_reply.is_empty()).then(|| case.written_reply.clone());
    let tag = |msg: Msg| view! { <span class="tag">{move || i18n.t(msg)}</span> };
    let for_edit = case.clone();
    view! {
        <tr class="case-row" data-case-id=case.id.to_string() data-kind=format!("{kind:?}")>
            <td>{case.received_on.to_string()}</td>
            <td>{move || case_kind(i18n.lang(), kind)}</td>
            <td>{move || who.clone().unwrap_or_else(|| i18n.t(Msg::Anonymous).to_owned())}</td>
            <td>{move || complaint.then(|| severity(i18n.lang(), sev))}</td>
            <td class="description">{case.description.clone()}</td>
            <td class="case-flags">
                {anonymous.then(|| tag(Msg::Anonymous))}
                {reply_only.then(|| tag(Msg::ReplyOnly))}
                {reply.map(|r| view! { <div class="written-reply-text">{tr(Msg::WrittenReply)} ": " {r}</div> })}
                {duplicate.map(|d| view! { <div class="duplicate">{tr(Msg::DuplicateOf)} " " {d.clone()}</div> })}
                {(!staff.is_empty()).then(|| view! { <div class="staff-involved">{tr(Msg::StaffInvolved)} ": " {staff.join(", ")}</div> })}
            </td>
            <td class="handling"><Handling case=case.clone() revisited=revisited /></td>
            <td class="row-actions">
                <button
                    type="button"
                    class="edit-case"
                    on:click=move |_| {
                        form.edit(for_edit.clone());
                        crate::components::scroll_to_top();
                    }
                >
                    {tr(Msg::Edit)}
                </button>
                <RequestRevisit case=case.clone() />
            </td>
        </tr>
    }
}
