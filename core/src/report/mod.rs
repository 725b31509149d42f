//! 客户回访记录 (月度): the monthly revisit report (DOMAIN "Statistics",
//! seed 000 §2.4). Pure: "today" is a parameter, and the same data gives
//! the same report whatever order it is stored in.
//!
//! Linear in the data: the exemptions are built once; one pass over the
//! cases finds the eligible ones of the 12 trend months and one pass over
//! the revisits gathers theirs and those done in the month (`scope`,
//! `month_revisits`); then one pass over the eligible cases fills the rows
//! and the trend.

mod building;
mod dissatisfied;
mod handling;
mod month_revisits;
mod outcome;
mod repair_sample;
mod scope;
mod tally;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::calendar::YearMonth;
use crate::eligibility::{forced_pick, picks_by_id, selection, Eligible, Exemptions, Pick};
use crate::model::{CaseKind, Dataset, OpenLetter, Revisit, Severity};
use crate::policy::{Percent, PolicyKey, PolicySet};

pub use dissatisfied::{DissatisfiedEntry, FollowUp, FollowUpStatus};
pub use handling::Handling;
pub use month_revisits::Reviews;
pub use tally::{Tally, TallyAcc};

pub(crate) use repair_sample::quarter_of;

use crate::id_map::{IdMap, IdSet};
use crate::settled::Settled;
use month_revisits::MonthRevisits;
use outcome::{outcome, CaseFacts, CaseOutcome};
use scope::Scope;

/// Months in the trend, ending with the report's month.
pub const TREND_MONTHS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthlyReport {
    pub month: YearMonth,
    /// One row per revisited case kind in `CaseKind::ALL` order (holiday
    /// visits are visits themselves and have none); complaints come as a
    /// total row (`severity: None`) followed by one row per severity.
    pub by_kind: Vec<KindRow>,
    /// Per staff member a case is attributed to (who reached the customer
    /// last, else who holds its latest task), by id; unassigned last.
    pub by_staff: Vec<StaffRow>,
    /// Per building of the case's household, in natural name order
    /// ("2栋" before "10栋"); unknown household last.
    pub by_building: Vec<BuildingRow>,
    /// The [`TREND_MONTHS`] months ending with `month`, oldest first.
    pub trend: Vec<TrendPoint>,
    /// Revisits completed in the month with the customer dissatisfied, by date.
    pub dissatisfied: Vec<DissatisfiedEntry>,
    /// Rule 9, over revisits completed in the month.
    pub handling: Handling,
    /// Rule 2: the supervisor's sample of the quarter's completed repair
    /// revisits, by id.
    pub repair_sample: Vec<Uuid>,
    /// Rule 6: the month's finished records and how many are reviewed.
    pub reviews: Reviews,
}

impl MonthlyReport {
    /// All kinds together: the complaint total plus every other kind's row.
    pub fn total(&self) -> Tally {
        self.trend.last().map_or_else(Tally::default, |p| p.tally)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindRow {
    pub kind: CaseKind,
    /// Set on the per-severity complaint rows; `None` on the complaint total
    /// and on the other kinds.
    pub severity: Option<Severity>,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffRow {
    /// `None`: nobody has reached or been given these cases yet.
    pub staff_id: Option<Uuid>,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuildingRow {
    /// `None` when the case has no known household.
    pub building: Option<String>,
    pub tally: Tally,
}

/// One month of the trend: every revisited kind together — complaints of
/// all severities, repairs, activities, move-ins, emergencies and signings
/// (holiday visits have no revisit) — the same figures as
/// [`MonthlyReport::total`] for that month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendPoint {
    pub month: YearMonth,
    pub tally: Tally,
}

/// Months since year 0, so months can be stepped and bucketed.
fn month_number(m: YearMonth) -> i64 {
    i64::from(m.year) * 12 + i64::from(m.month) - 1
}

fn from_month_number(n: i64) -> YearMonth {
    YearMonth { year: n.div_euclid(12) as i32, month: n.rem_euclid(12) as u32 + 1 }
}

/// The monthly report for `month`, with overdue counted as of `today`.
pub fn monthly_report(data: &Dataset, month: YearMonth, today: NaiveDate) -> MonthlyReport {
    monthly_report_beyond(data, &Settled::default(), month, today)
}

/// [`monthly_report`] over the working set `data` and the settled months
/// (`crate::settled`). `data` must also hold the records of the months
/// `settled.months_for_report(month)`, read on demand; the trend takes each
/// other settled month's cases that left from its digest.
pub fn monthly_report_beyond(data: &Dataset, settled: &Settled, month: YearMonth, today: NaiveDate) -> MonthlyReport {
    let exemptions = Exemptions::beyond(data, settled);
    let policies = &data.settings.policies;
    let last = month_number(month);
    let first = last - (TREND_MONTHS as i64 - 1);
    let (from, to) = (from_month_number(first).first_day(), last_day(month));

    // Selection counts per policy and month, so taking whole months keeps
    // every pick as the scheduler sees it.
    let mut done_in_month = MonthRevisits::new(month);
    let scope = scope::scope(data, &exemptions, from, to, |r| done_in_month.visit(r));
    let picks = report_picks(&scope, &exemptions, policies, settled);
    let letters = letter_dates(data);

    let mut trend = [TallyAcc::default(); TREND_MONTHS];
    let mut by_policy: HashMap<PolicyKey, TallyAcc> = HashMap::new();
    let mut by_staff: IdMap<Option<Uuid>, TallyAcc> = IdMap::default();
    let mut by_building: HashMap<Option<&str>, TallyAcc> = HashMap::new();
    for (i, e) in scope.eligible.iter().enumerate() {
        let o = case_outcome(e, scope.records(i), &picks, &letters, policies, today);
        let n = month_number(YearMonth::of(e.window.anchor));
        trend[(n - first) as usize].add(&o.figures);
        if n != last {
            continue;
        }
        by_policy.entry(e.policy_key).or_default().add(&o.figures);
        by_staff.entry(o.owner).or_default().add(&o.figures);
        let customer = e.case.customer_id.and_then(|id| scope.customers.get(&id.as_u128()));
        by_building.entry(customer.map(|c| c.unit.building.as_str())).or_default().add(&o.figures);
    }

    let read = settled.months_for_report(month);
    for (i, acc) in trend.iter_mut().enumerate() {
        let m = from_month_number(first + i as i64);
        if let Some(left) = settled.trend_of(m).filter(|_| !read.contains(&m)) {
            acc.merge(left);
        }
    }

    let (dissatisfied, handling, repair_sample, reviews) = done_in_month.finish(data, today);
    MonthlyReport {
        month,
        by_kind: kind_rows(&by_policy, policies),
        by_staff: staff_rows(by_staff),
        by_building: building::rows(by_building),
        trend: trend
            .iter()
            .enumerate()
            .map(|(i, acc)| TrendPoint { month: from_month_number(first + i as i64), tally: acc.weighted() })
            .collect(),
        dissatisfied,
        handling,
        repair_sample,
        reviews,
    }
}

/// The picks of the cases in `scope`, as the scheduler makes them: the
/// held cases of a settled month keep the pick they had (rules 1–3).
fn report_picks(scope: &Scope<'_>, ex: &Exemptions, policies: &PolicySet, settled: &Settled) -> IdMap<Uuid, Pick> {
    let mut picks = selection(&scope.eligible, &scope.index, ex, policies);
    if !settled.is_empty() {
        for (e, pick) in scope.eligible.iter().zip(&mut picks) {
            if settled.contains(e.group().1) && settled.month_of_case(e.id).is_none() {
                *pick = forced_pick(e, &scope.index, ex).or_else(|| settled.pick_of(e.id));
            }
        }
    }
    picks_by_id(&scope.eligible, &picks)
}

/// The report's figures of `cases`, which leave the working set as their
/// month settles (`scheduler::settle`), by month: what the trend of a later
/// report takes from their digests. `data` is the working set they leave;
/// `months` (first, last) spans the months of `cases`.
pub fn figures_of(
    data: &Dataset,
    settled: &Settled,
    cases: &IdSet<Uuid>,
    months: (YearMonth, YearMonth),
    today: NaiveDate,
) -> Vec<(YearMonth, TallyAcc)> {
    let exemptions = Exemptions::beyond(data, settled);
    let policies = &data.settings.policies;
    // Whole months, so each pick is made over its whole month (rules 1–3).
    let scope = scope::scope(data, &exemptions, months.0.first_day(), last_day(months.1), |_| {});
    let picks = report_picks(&scope, &exemptions, policies, settled);
    let letters = letter_dates(data);
    let mut by_month: std::collections::BTreeMap<YearMonth, TallyAcc> = std::collections::BTreeMap::new();
    for (i, e) in scope.eligible.iter().enumerate().filter(|(_, e)| cases.contains(&e.id)) {
        let o = case_outcome(e, scope.records(i), &picks, &letters, policies, today);
        by_month.entry(YearMonth::of(e.window.anchor)).or_default().add(&o.figures);
    }
    by_month.into_iter().collect()
}

/// How the report counts the eligible case `e` with its `records`.
fn case_outcome(
    e: &Eligible<'_>,
    records: &[&Revisit],
    picks: &IdMap<Uuid, Pick>,
    letters: &IdMap<u128, NaiveDate>,
    policies: &PolicySet,
    today: NaiveDate,
) -> CaseOutcome {
    let facts = CaseFacts {
        letter_sent_on: letters.get(&e.case.id.as_u128()).copied(),
        picked: picks.contains_key(&e.case.id),
        target: target(policies, e.policy_key),
    };
    outcome(e, records, &facts, today)
}

/// The earliest open letter's date for each case it answered (rule 8) —
/// what `Exemptions::open_letter` says, in a map with a cheaper hash.
fn letter_dates(data: &Dataset) -> IdMap<u128, NaiveDate> {
    let mut dates: IdMap<u128, NaiveDate> = IdMap::default();
    for OpenLetter { case_ids, sent_on, .. } in &data.open_letters {
        for case in case_ids {
            let on = dates.entry(case.as_u128()).or_insert(*sent_on);
            *on = (*on).min(*sent_on);
        }
    }
    dates
}

fn last_day(month: YearMonth) -> NaiveDate {
    let next = from_month_number(month_number(month) + 1).first_day();
    next.pred_opt().unwrap_or(next)
}

/// A policy's target, without cloning the policy (this runs per case).
fn target(policies: &PolicySet, key: PolicyKey) -> Percent {
    policies.policy_ref(key).map_or_else(|| policies.get(key).target, |p| p.target)
}

fn kind_rows(by_policy: &HashMap<PolicyKey, TallyAcc>, policies: &PolicySet) -> Vec<KindRow> {
    let acc = |key: PolicyKey| by_policy.get(&key).copied().unwrap_or_default();
    let row = |kind, severity, tally| KindRow { kind, severity, tally };
    let mut rows = Vec::with_capacity(PolicyKey::ALL.len() + 1);
    for kind in CaseKind::ALL {
        let keys: Vec<PolicyKey> = PolicyKey::ALL.into_iter().filter(|k| k.kind() == kind).collect();
        match keys.as_slice() {
            // Holiday visits are visits themselves: no revisit policy (rule 4).
            [] => {}
            &[key] => rows.push(row(kind, None, acc(key).against(target(policies, key)))),
            // Complaints: the total against the general target (rule 1), then each severity.
            several => {
                let mut total = TallyAcc::default();
                for &key in several {
                    total.merge(&acc(key));
                }
                let general = target(policies, PolicyKey::Complaint(Severity::General));
                rows.push(row(kind, None, total.against(general)));
                for &key in several {
                    let severity = match key {
                        PolicyKey::Complaint(s) => Some(s),
                        _ => None,
                    };
                    rows.push(row(kind, severity, acc(key).against(target(policies, key))));
                }
            }
        }
    }
    rows
}

fn staff_rows(by_staff: IdMap<Option<Uuid>, TallyAcc>) -> Vec<StaffRow> {
    let mut rows: Vec<StaffRow> =
        by_staff.into_iter().map(|(staff_id, acc)| StaffRow { staff_id, tally: acc.weighted() }).collect();
    // Named staff by id, the unassigned row last.
    rows.sort_by_key(|r| (r.staff_id.is_none(), r.staff_id));
    rows
}
