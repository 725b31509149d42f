use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::{CaseKind, Dataset, KindFilter, Positions};
use huifang_core::scheduler::{PlannedRevisit, TaskKey, Urgency};

use crate::clock;
use crate::components::{digest, first_page_on, page_range, Choice, Pager, TableHead};
use crate::i18n::{case_kind, kind_filter, method, plan_warning, reason, role, tr, urgency, use_i18n, Msg};
use crate::navigation::Page;
use crate::state::{use_app, Records};

mod close_overdue;

use close_overdue::CloseOverdue;

/// Whose tasks the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Assignee {
    Anyone,
    Nobody,
    Staff(Uuid),
}

/// What the list is narrowed to: by whom, what kind, only overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Filter {
    who: Assignee,
    kind: KindFilter,
    overdue_only: bool,
}

impl Filter {
    pub(super) fn passes(&self, data: &Dataset, at: &Positions, p: &PlannedRevisit) -> bool {
        let by = match self.who {
            Assignee::Anyone => true,
            Assignee::Nobody => p.assignee.is_none(),
            Assignee::Staff(id) => p.assignee == Some(id),
        };
        let of = self.kind.passes(p.case_id.is_some(), || p.case_id.and_then(|id| at.case(data, id)).map(|c| c.kind));
        by && of && (!self.overdue_only || matches!(p.urgency, Urgency::Overdue { .. }))
    }
}

/// One task as the list shows it, with the names it needs looked up.
#[derive(Debug, Clone, PartialEq, Hash)]
struct Row {
    task: PlannedRevisit,
    name: String,
    unit: String,
    kind: Option<CaseKind>,
    assignee: Option<String>,
}

impl Row {
    /// Its task and a digest of what it shows: a row is drawn again only
    /// when something in it changed.
    fn key(&self) -> (TaskKey, u64) {
        (self.task.key, digest(self))
    }

    fn new(data: &Dataset, at: &Positions, task: &PlannedRevisit) -> Self {
        let customer = at.customer(data, task.customer_id);
        Row {
            name: customer.map(|c| c.name.clone()).unwrap_or_default(),
            unit: customer.map(|c| c.unit.to_string()).unwrap_or_default(),
            kind: task.case_id.and_then(|id| at.case(data, id)).map(|c| c.kind),
            assignee: task.assignee.and_then(|id| at.staff(data, id)).map(|s| s.name.clone()),
            task: task.clone(),
        }
    }
}

/// A page of the filtered plan and how many tasks pass the filter.
#[derive(Debug, Clone, PartialEq, Default)]
struct Shown {
    rows: Vec<Row>,
    total: usize,
}

/// The plan: every open revisit, earliest due first, overdue ones marked,
/// with who does it and why, and what the office must fix. Shown a page at
/// a time, filtered by assignee, kind and lateness.
#[component]
pub fn TodayPage() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let today = clock::today();
    let who = RwSignal::new(Assignee::Anyone);
    let kind = RwSignal::new(KindFilter::All);
    let overdue_only = RwSignal::new(false);
    let page = RwSignal::new(0usize);
    let filter = Memo::new(move |_| Filter { who: who.get(), kind: kind.get(), overdue_only: overdue_only.get() });
    // A new filter starts from its first page.
    first_page_on(page, move || filter.track());
    let shown = Memo::new(move |_| {
        let plan = app.plan.get()?;
        let filter = filter.get();
        app.with_indexed(|data, at| {
            let matching: Vec<&PlannedRevisit> =
                plan.plan.items.iter().filter(|p| filter.passes(data, at, p)).collect();
            let (from, to) = page_range(page.get(), matching.len());
            Shown { rows: matching[from..to].iter().map(|p| Row::new(data, at, p)).collect(), total: matching.len() }
        })
    });
    let total = Signal::derive(move || shown.with(|s| s.as_ref().map_or(0, |s| s.total)));
    let planned = move || app.plan.with(|p| p.as_ref().map_or(0, |p| p.plan.items.len()));
    let warnings = move || app.plan.with(|p| p.as_ref().map(|p| p.plan.warnings.clone()).unwrap_or_default());
    let staff = move || {
        app.with_data(|d| d.staff.iter().filter(|s| s.active).map(|s| (s.id, s.name.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let loading = move || app.with_records(|r| matches!(r, Records::Loading));

    view! {
        <section class="page">
            <h2>{tr(Msg::TodayTitle)} " · " {today.to_string()}</h2>
            <Show when=move || !loading() fallback=move || view! { <p class="loading">{tr(Msg::Loading)}</p> }>
                <div id="plan-warnings">
                    {move || {
                        warnings()
                            .into_iter()
                            .map(|w| view! { <p class="notice warn plan-warning">{move || plan_warning(i18n.lang(), &w)}</p> })
                            .collect_view()
                    }}
                </div>
                <Show
                    when=move || { planned() > 0 }
                    fallback=move || view! { <p class="empty" id="today-empty">{tr(Msg::TodayEmpty)}</p> }
                >
                    <div class="list-filter" id="today-filter">
                        <label for="today-assignee">{tr(Msg::Assignee)}</label>
                        <select
                            id="today-assignee"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                who.set(match v.as_str() {
                                    "" => Assignee::Anyone,
                                    "-" => Assignee::Nobody,
                                    id => Uuid::parse_str(id).map_or(Assignee::Anyone, Assignee::Staff),
                                });
                            }
                        >
                            <option value="" selected=move || who.get() == Assignee::Anyone>{tr(Msg::Anyone)}</option>
                            <option value="-" selected=move || who.get() == Assignee::Nobody>{tr(Msg::Unassigned)}</option>
                            {move || {
                                staff()
                                    .into_iter()
                                    .map(|(id, name)| {
                                        view! {
                                            <option value=id.to_string() selected=move || who.get() == Assignee::Staff(id)>
                                                {name}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                        <label for="today-kind">{tr(Msg::Kind)}</label>
                        <Choice id="today-kind" options=&KindFilter::ALL value=kind label=kind_filter />
                        <label class="check">
                            <input type="checkbox" id="today-overdue" bind:checked=overdue_only />
                            {tr(Msg::OverdueOnly)}
                        </label>
                    </div>
                    <Show when=move || { total.get() > 0 }>
                        <table class="list" id="today-list">
                            <TableHead columns=&[Some(Msg::DueOn), Some(Msg::Status), Some(Msg::Customer), Some(Msg::Unit), Some(Msg::Assignee), Some(Msg::WhyDue), None] />
                            <tbody>
                                <For
                                    each=move || shown.get().map(|s| s.rows).unwrap_or_default()
                                    key=Row::key
                                    children=row
                                />
                            </tbody>
                        </table>
                    </Show>
                    <Pager id="today-pager" page=page total=total />
                    <CloseOverdue filter=filter.into() />
                </Show>
            </Show>
        </section>
    }
}

fn row(r: Row) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let p = r.task;
    let overdue = matches!(p.urgency, Urgency::Overdue { .. });
    let (key, round, escalation, role_v, attempts, kind) = (p.key, p.round, p.escalation, p.role, p.attempts, r.kind);
    let suggested = p.methods.first().copied();
    let reasons = p.reasons;
    let assignee = r.assignee;
    view! {
        <tr class="due-row" class:overdue=overdue data-case-id=p.case_id.map(|c| c.to_string()).unwrap_or_default()>
            <td class="due-on">{p.due_on.to_string()}</td>
            <td class="urgency">
                {move || urgency(i18n.lang(), p.urgency)}
                {(attempts > 0).then(|| view! { <br /><small class="attempts">{tr(Msg::AttemptsSoFar)} {attempts}</small> })}
            </td>
            <td class="customer">{r.name}</td>
            <td>{r.unit}</td>
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
