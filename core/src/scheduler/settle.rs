//! Settling: the months that ended long enough ago stop being selected
//! again, and their cases that owe nothing leave the records held (see
//! `crate::settled` for what a settled month is and keeps).

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use uuid::Uuid;

use super::task::{Plan, Reason, TaskKey};
use crate::calendar::YearMonth;
use crate::eligibility::Pick;
use crate::id_map::{IdMap, IdSet};
use crate::model::{Case, Dataset, Revisit};
use crate::report::TallyAcc;
use crate::settled::{case_month, case_months, record_month, MonthDigest, Settled, SettledMonth};

/// How many whole months must have passed since a month ended before it
/// settles: cases are still entered, completed and corrected for a while
/// afterwards, and the monthly report of recent months reads from memory.
pub const SETTLES_AFTER_MONTHS: u32 = 4;

/// The last month that has settled on `today`.
pub fn last_settled_month(today: NaiveDate) -> Option<YearMonth> {
    let first = YearMonth::of(today).first_day().checked_sub_months(Months::new(SETTLES_AFTER_MONTHS + 1))?;
    Some(YearMonth::of(first))
}

/// Takes out of the working set `data` the cases of settled months that
/// owe nothing, with their records, and the finished records without a
/// case of those months. `plan` is the plan over `data` and `settled`; it
/// lists every task however far ahead it is due. A case owes something
/// while it has a task in `plan` or an unfinished record: it stays, with
/// the pick `plan` gave it. It also stays while one of its records ended
/// in a month not settled: the monthly report of that month counts the
/// records that ended in it (rules 6, 9), and reads them from memory.
///
/// Returns each settled month that changed, with its digest (for
/// [`Settled::add`]) and what left, earliest month first.
pub fn settle(data: &mut Dataset, plan: &Plan, settled: &Settled, today: NaiveDate) -> Vec<SettledMonth> {
    match last_settled_month(today) {
        Some(last) => settle_until(data, plan, settled, last, today),
        None => Vec::new(),
    }
}

/// [`settle`], the months up to `until` only. Each call reads every record
/// of `data`, so settling a month at a time costs a call per month.
/// `plan` stays the plan over `data` and `settled` as they become after
/// each step (what leaves changes no task).
pub fn settle_until(
    data: &mut Dataset,
    plan: &Plan,
    settled: &Settled,
    until: YearMonth,
    today: NaiveDate,
) -> Vec<SettledMonth> {
    let Some(last) = last_settled_month(today).map(|last| last.min(until)) else { return Vec::new() };
    let month_of_case = case_months(&data.cases);
    // A repeated id makes "the case of this record" ambiguous (only data not
    // read from the database can repeat one): nothing settles.
    let mut seen = IdSet::default();
    if month_of_case.len() < data.cases.len() || !data.revisits.iter().all(|r| seen.insert(r.id)) {
        return Vec::new();
    }
    let old = |m: Option<YearMonth>| m.filter(|m| *m <= last);
    let mut owing: IdSet<Uuid> = plan.items.iter().filter_map(|t| t.case_id).collect();
    let recent = |r: &&Revisit| old(r.is_finished().then(|| r.month())).is_none();
    owing.extend(data.revisits.iter().filter(recent).filter_map(|r| r.case_id));
    // The first rounds' picks, which a settled month's held cases keep.
    let mut held_picks: IdMap<Uuid, Pick> = IdMap::default();
    for t in &plan.items {
        let TaskKey::Case { case_id, round: 1, escalation: false } = t.key else { continue };
        if let Some(pick) = t.reasons.iter().find_map(|r| if let Reason::Picked(p) = r { Some(*p) } else { None }) {
            held_picks.insert(case_id, pick);
        }
    }
    // What the report's trend keeps of the cases that leave, worked out
    // while they are still held (rules 1–3 picks, rule 8 letters).
    let mut leaving: IdSet<Uuid> = IdSet::default();
    let mut span: Option<(YearMonth, YearMonth)> = None;
    for c in data.cases.iter().filter(|c| !owing.contains(&c.id)) {
        if let Some(m) = old(case_month(c)) {
            leaving.insert(c.id);
            span = Some(span.map_or((m, m), |(from, to)| (from.min(m), to.max(m))));
        }
    }
    let mut out: BTreeMap<YearMonth, Leaving> = BTreeMap::new();
    if let Some(span) = span {
        for (m, figures) in crate::report::figures_of(data, settled, &leaving, span, today) {
            out.entry(m).or_default().trend = figures;
        }
    }
    let mut kept_cases = Vec::with_capacity(data.cases.len());
    for case in std::mem::take(&mut data.cases) {
        match old(case_month(&case)) {
            Some(m) if !owing.contains(&case.id) => out.entry(m).or_default().cases.push(case),
            Some(m) => {
                out.entry(m).or_default().held.extend(held_picks.get(&case.id).map(|&p| (case.id, p)));
                kept_cases.push(case);
            }
            None => kept_cases.push(case),
        }
    }
    let mut kept_revisits = Vec::with_capacity(data.revisits.len());
    for r in std::mem::take(&mut data.revisits) {
        // A record follows its case: it leaves only if the case did.
        let leaves = match r.case_id {
            Some(id) if month_of_case.contains_key(&id) => !owing.contains(&id),
            _ => true,
        };
        match old(record_month(&r, &month_of_case)).filter(|_| leaves) {
            Some(m) => {
                // A report of the month the record ended in reads it where it is kept.
                let ended = r.month();
                if ended != m {
                    out.entry(ended).or_default().ended_records_in.push(m);
                }
                out.entry(m).or_default().revisits.push(r);
            }
            None => kept_revisits.push(r),
        }
    }
    data.cases = kept_cases;
    data.revisits = kept_revisits;
    out.into_iter()
        .map(|(month, Leaving { cases, revisits, held, trend, mut ended_records_in })| {
            let mut digest = MonthDigest::of(month, &cases, &revisits, held);
            digest.trend = trend;
            ended_records_in.sort_unstable();
            ended_records_in.dedup();
            digest.ended_records_in = ended_records_in;
            SettledMonth { digest, cases, revisits }
        })
        .filter(|m| {
            let unchanged =
                settled.contains(m.digest.month) && settled.held_picks(m.digest.month) == m.digest.held_picks;
            !(m.cases.is_empty() && m.revisits.is_empty() && m.digest.ended_records_in.is_empty() && unchanged)
        })
        .collect()
}

/// What leaves one month, and the picks of its cases that stay.
#[derive(Default)]
struct Leaving {
    cases: Vec<Case>,
    revisits: Vec<Revisit>,
    held: Vec<(Uuid, Pick)>,
    trend: TallyAcc,
    ended_records_in: Vec<YearMonth>,
}
