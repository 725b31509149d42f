use leptos::prelude::*;

use huifang_core::model::{Case, CaseKind, Positions};
use huifang_core::Dataset;

use crate::components::{
    case_line, digest, first_page_on, household, matches_search, page_range, CaseForm, Choice, Handling, Pager,
    RequestRevisit, SearchBox, TableHead,
};
use crate::i18n::{case_kind, severity, tr, use_i18n, Lang, Msg};
use crate::state::use_app;

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

/// One case as the list shows it, with what it needs looked up.
#[derive(Debug, Clone, PartialEq, Hash)]
struct CaseRow {
    case: Case,
    who: Option<String>,
    revisited: bool,
    duplicate: Option<String>,
    staff: Vec<String>,
}

impl CaseRow {
    fn new(data: &Dataset, at: &Positions, case: &Case) -> Self {
        CaseRow {
            who: (!case.anonymous).then(|| household(data, at, case.customer_id)),
            revisited: at.revisits_of_case(data, case.id).any(|r| r.is_completed()),
            duplicate: case.duplicate_of.and_then(|id| at.case(data, id)).map(|c| case_line(data, at, c)),
            staff: case.staff_involved.iter().filter_map(|id| at.staff(data, *id)).map(|s| s.name.clone()).collect(),
            case: case.clone(),
        }
    }

    fn key(&self) -> (uuid::Uuid, u64) {
        (self.case.id, digest(self))
    }
}

/// The cases on record, newest first, with their handling state and what
/// can be done with each; filtered by kind and searched by household or
/// description, a page at a time.
#[component]
pub fn CaseList(form: CaseForm, kind: RwSignal<Option<CaseKind>>) -> impl IntoView {
    let app = use_app();
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    first_page_on(page, move || {
        kind.track();
        search.track();
    });
    let shown = Memo::new(move |_| {
        let (wanted, needle) = (kind.get(), search.get().trim().to_lowercase());
        app.with_indexed(|data, at| {
            let passes = |c: &&Case| {
                wanted.is_none_or(|k| c.kind == k)
                    && (needle.is_empty() || {
                        let (name, unit) = c
                            .customer_id
                            .and_then(|id| at.customer(data, id))
                            .filter(|_| !c.anonymous)
                            .map(|p| (p.name.as_str(), p.unit.to_string()))
                            .unwrap_or_default();
                        matches_search(&needle, &[name, &unit, &c.description])
                    })
            };
            let matching: Vec<&Case> = data.cases.iter().rev().filter(passes).collect();
            let (from, to) = page_range(page.get(), matching.len());
            (matching[from..to].iter().map(|c| CaseRow::new(data, at, c)).collect::<Vec<_>>(), matching.len())
        })
        .unwrap_or_default()
    });
    let total = Signal::derive(move || shown.with(|s| s.1));
    let none = move || app.with_data(|d| d.cases.is_empty()).unwrap_or(true);
    view! {
        <Show when=move || !none() fallback=|| view! { <p class="empty">{tr(Msg::NoCases)}</p> }>
            <div class="list-filter">
                <label for="case-filter-kind">{tr(Msg::Kind)}</label>
                <Choice id="case-filter-kind" options=&KIND_FILTER value=kind label=kind_or_all />
                <SearchBox id="case-search" value=search hint=Msg::CaseSearchHint />
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
                <tbody>
                    <For each=move || shown.get().0 key=CaseRow::key children=move |r| row(r, form) />
                </tbody>
            </table>
            <Pager id="case-pager" page=page total=total />
        </Show>
    }
}

fn row(r: CaseRow, form: CaseForm) -> impl IntoView {
    let i18n = use_i18n();
    let CaseRow { case, who, revisited, duplicate, staff } = r;
    let case = &case;
    let (kind, sev, complaint) = (case.kind, case.severity, case.kind == CaseKind::Complaint);
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
