//! 回访记录: every finished revisit record, to find one again and open it;
//! the supervisor's review queue is this list narrowed to the unreviewed
//! (rule 6).

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::{CaseKind, ClosureReason, Dataset, KindFilter, Positions, Revisit, Satisfaction};
use huifang_core::record_search::{self, closed_as, done_by, OutcomeFilter, RecordQuery, ReviewFilter};
use huifang_core::YearMonth;

use crate::clock;
use crate::components::{digest, first_page_on, page_range, Choice, Loaded, Pager, SearchBox, StaffSelect, TableHead};
use crate::i18n::{case_kind, closure_reason, kind_filter, satisfaction, tr, use_i18n, Lang, Msg};
use crate::navigation::Page;
use crate::state::use_app;

const OUTCOMES: [OutcomeFilter; 5] = [
    OutcomeFilter::Any,
    OutcomeFilter::Reached(Satisfaction::Satisfied),
    OutcomeFilter::Reached(Satisfaction::Neutral),
    OutcomeFilter::Reached(Satisfaction::Dissatisfied),
    OutcomeFilter::Closed,
];

fn outcome_label(lang: Lang, o: OutcomeFilter) -> &'static str {
    match o {
        OutcomeFilter::Any => Msg::All.text(lang),
        OutcomeFilter::Reached(s) => satisfaction(lang, s),
        OutcomeFilter::Closed => Msg::ClosedUnrevisited.text(lang),
    }
}

const REVIEWS: [ReviewFilter; 3] = [ReviewFilter::Any, ReviewFilter::Unreviewed, ReviewFilter::Reviewed];

fn review_label(lang: Lang, r: ReviewFilter) -> &'static str {
    match r {
        ReviewFilter::Any => Msg::All.text(lang),
        ReviewFilter::Unreviewed => Msg::NotReviewed.text(lang),
        ReviewFilter::Reviewed => Msg::Reviewed.text(lang),
    }
}

/// How a record ended, as its row shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ended {
    Reached(Satisfaction),
    Closed(ClosureReason),
}

/// One record as the list shows it, names looked up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Row {
    id: Uuid,
    ended_on: Option<NaiveDate>,
    customer: String,
    unit: String,
    kind: Option<CaseKind>,
    round: u32,
    ended: Option<Ended>,
    by: Option<String>,
    reviewed: bool,
    archived: bool,
}

impl Row {
    fn new(data: &Dataset, at: &Positions, r: &Revisit) -> Self {
        let customer = at.customer(data, r.customer_id);
        let ended = match (&r.result, closed_as(r)) {
            (Some(res), _) => Some(Ended::Reached(res.satisfaction)),
            (None, Some(reason)) => Some(Ended::Closed(reason)),
            (None, None) => None,
        };
        Row {
            id: r.id,
            ended_on: r.finished_on(),
            customer: customer.map(|c| c.name.clone()).unwrap_or_default(),
            unit: customer.map(|c| c.unit.to_string()).unwrap_or_default(),
            kind: r.case_id.and_then(|id| at.case(data, id)).map(|c| c.kind),
            round: r.round,
            ended,
            by: done_by(r).and_then(|id| at.staff(data, id)).map(|s| s.name.clone()),
            reviewed: r.review.is_some(),
            archived: r.is_archived(),
        }
    }

    fn key(&self) -> (Uuid, u64) {
        (self.id, digest(self))
    }
}

/// A page of the matching records and how many match.
#[derive(Debug, Clone, PartialEq, Default)]
struct Shown {
    rows: Vec<Row>,
    total: usize,
}

#[component]
pub fn RecordsPage() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let month = RwSignal::new(YearMonth::of(clock::today()).to_string());
    let kind = RwSignal::new(KindFilter::All);
    let staff = RwSignal::new(None::<Uuid>);
    let outcome = RwSignal::new(OutcomeFilter::Any);
    let review = RwSignal::new(ReviewFilter::Any);
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);

    let query = Memo::new(move |_| RecordQuery {
        // An empty month field means every month.
        month: month.get().parse().ok(),
        kind: kind.get(),
        staff: staff.get(),
        outcome: outcome.get(),
        review: review.get(),
        text: search.get(),
    });
    first_page_on(page, move || query.track());
    let shown = Memo::new(move |_| {
        let q = query.get();
        app.with_indexed(|data, at| {
            let found = record_search::find(data, at, &q);
            let (from, to) = page_range(page.get(), found.len());
            Shown { rows: found[from..to].iter().map(|r| Row::new(data, at, r)).collect(), total: found.len() }
        })
        .unwrap_or_default()
    });
    let total = Signal::derive(move || shown.with(|s| s.total));
    let waiting = Memo::new(move |_| app.with_data(record_search::unreviewed).unwrap_or(0));
    let staff_list = app.with_data_untracked(|d| d.staff.clone()).unwrap_or_default();

    view! {
        <section class="page">
            <h2>{tr(Msg::RecordsTitle)}</h2>
            <Loaded>
                <p class="hint">
                    <button
                        type="button"
                        id="review-queue"
                        disabled=move || waiting.get() == 0
                        on:click=move |_| {
                            month.set(String::new());
                            review.set(ReviewFilter::Unreviewed);
                        }
                    >
                        {move || i18n.t(Msg::ReviewQueue).replace("{n}", &waiting.get().to_string())}
                    </button>
                </p>
                <div class="list-filter" id="records-filter">
                    <label for="records-month">{tr(Msg::Month)}</label>
                    <input id="records-month" type="month" bind:value=month />
                    <label for="records-kind">{tr(Msg::Kind)}</label>
                    <Choice id="records-kind" options=&KindFilter::ALL value=kind label=kind_filter />
                    <label for="records-staff">{tr(Msg::DoneBy)}</label>
                    <StaffSelect id="records-staff" staff=staff_list.clone() value=staff />
                    <label for="records-outcome">{tr(Msg::Outcome)}</label>
                    <Choice id="records-outcome" options=&OUTCOMES value=outcome label=outcome_label />
                    <label for="records-review">{tr(Msg::Review)}</label>
                    <Choice id="records-review" options=&REVIEWS value=review label=review_label />
                    <SearchBox id="records-search" value=search hint=Msg::RecordSearchHint />
                </div>
                <Show when=move || { total.get() > 0 }>
                    <table class="list" id="records-list">
                        <TableHead columns=&[
                            Some(Msg::FinishedOn),
                            Some(Msg::Customer),
                            Some(Msg::Unit),
                            Some(Msg::Kind),
                            Some(Msg::Outcome),
                            Some(Msg::DoneBy),
                            Some(Msg::Review),
                            None,
                        ] />
                        <tbody>
                            <For each=move || shown.get().rows key=Row::key children=row />
                        </tbody>
                    </table>
                </Show>
                <Pager id="records-pager" page=page total=total />
            </Loaded>
        </section>
    }
}

fn row(r: Row) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let (id, kind, round, ended, reviewed) = (r.id, r.kind, r.round, r.ended, r.reviewed);
    view! {
        <tr class="record-row" data-record-id=id.to_string()>
            <td class="ended-on">{r.ended_on.map(|d| d.to_string())}</td>
            <td class="customer">{r.customer}</td>
            <td>{r.unit}</td>
            <td>
                {move || kind.map(|k| case_kind(i18n.lang(), k)).unwrap_or_else(|| i18n.t(Msg::Cadence))}
                {move || (round > 1).then(|| format!(" · {} {round}", i18n.t(Msg::Round)))}
            </td>
            <td class="outcome">
                {move || match ended {
                    Some(Ended::Reached(s)) => satisfaction(i18n.lang(), s).to_owned(),
                    Some(Ended::Closed(c)) => format!("{}（{}）", i18n.t(Msg::Closed), closure_reason(i18n.lang(), c)),
                    None => String::new(),
                }}
            </td>
            <td class="by">{r.by}</td>
            <td class="review" class:alert=!reviewed>
                {move || i18n.t(if reviewed { Msg::Reviewed } else { Msg::NotReviewed })}
                {r.archived.then(|| view! { " " <span class="tag archived">{tr(Msg::ArchivedMark)}</span> })}
            </td>
            <td>
                <button class="open-record" on:click=move |_| app.go(Page::Record(id))>{tr(Msg::Open)}</button>
            </td>
        </tr>
    }
}
