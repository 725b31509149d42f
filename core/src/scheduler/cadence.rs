//! Recurring revisits that follow the customer rather than a case (rule 16):
//! sales-centre classes on their cadence and on holidays, and signed
//! customers once a year.
//!
//! The clock restarts at the last *finished* cadence revisit (reached, or
//! closed e.g. as unreachable): counting only reached ones would bring a
//! closed occurrence straight back. Annual revisits are customer-level
//! (`case_id: None`), however many contracts the customer signed.

use crate::id_map::IdMap;
use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use super::deadline::Deadlines;
use super::draft::{finished_on, Context, Draft, Why};
use super::task::TaskKey;
use crate::calendar::{add_days, WorkCalendar};
use crate::model::{Cadence, Customer, Revisit};
use crate::policy::{PolicyKey, Recurrence, SalesCadence};
use crate::settled::Settled;

pub(super) fn cadence_drafts<'c>(ctx: &'c Context<'_>, deadlines: &mut Deadlines<'_>) -> Vec<Draft<'c>> {
    let last = last_finished(ctx);
    let holidays = HolidayPeriods::new(&ctx.data.settings.calendar);
    let mut out = Vec::new();
    // In storage order: reading 20,000 customers in a row is cheaper than by id.
    for customer in &ctx.data.customers {
        if let Some(d) = sales(ctx, customer, &last, &holidays, deadlines) {
            out.push(d);
        }
    }
    out.extend(annual_signed(ctx, &last, deadlines));
    out
}

/// The last finished cadence revisit per customer (as an integer, which
/// hashes in two steps rather than as 16 bytes) and cadence.
pub(super) type LastFinished = IdMap<(u128, Cadence), NaiveDate>;

fn last_finished<'c>(ctx: &'c Context<'_>) -> Cow<'c, LastFinished> {
    if let Some(kept) = &ctx.scope.known {
        return Cow::Borrowed(kept.last_finished);
    }
    let mut last = settled_last_finished(ctx.scope.settled);
    for r in &ctx.history.cadence_done {
        note_finished(&mut last, r);
    }
    Cow::Owned(last)
}

/// The last finished cadence revisits of the settled months.
pub(super) fn settled_last_finished(settled: &Settled) -> LastFinished {
    settled.last_cadence().iter().map(|&((who, cadence), on)| ((who.as_u128(), cadence), on)).collect()
}

/// Takes `r` into `last` if it is a finished cadence revisit.
pub(super) fn note_finished(last: &mut LastFinished, r: &Revisit) {
    let (None, Some(cadence), Some(on)) = (r.case_id, r.cadence, finished_on(r)) else { return };
    let e = last.entry((r.customer_id.as_u128(), cadence)).or_insert(on);
    *e = (*e).max(on);
}

fn sales<'c>(
    ctx: &'c Context<'_>,
    customer: &Customer,
    last: &LastFinished,
    holidays: &HolidayPeriods<'c>,
    deadlines: &mut Deadlines<'_>,
) -> Option<Draft<'c>> {
    let (class, since) = (customer.sales_class?, customer.sales_class_since?);
    let cadence: &'c SalesCadence = ctx.data.settings.policies.sales(class)?;
    // A revisit from before the class was given belongs to an earlier class.
    let last = last.get(&(customer.id.as_u128(), Cadence::Sales)).copied().filter(|l| *l >= since);
    let from = last.and_then(|l| add_days(l, 1)).unwrap_or(since);
    // The first one counts from the day the class was given, then from the last.
    let periodic = match last {
        None => cadence.first.and_then(|s| deadlines.after(s, since)),
        Some(l) => cadence.every.and_then(|s| deadlines.after(s, l)),
    };
    let holiday = if cadence.on_holidays { holidays.first_on_or_after(from, deadlines) } else { None };
    let (opens_on, due_on, holiday) = match (periodic, holiday) {
        (Some(p), Some((h, _))) if p < h => (from.min(p), p, None),
        (_, Some((h, name))) => (h, h, Some(name)),
        (Some(p), None) => (from.min(p), p, None),
        (None, None) => return None,
    };
    Some(Draft {
        key: TaskKey::Cadence { customer_id: customer.id, cadence: Cadence::Sales, due_on },
        case: None,
        customer_id: customer.id,
        round: 1,
        parent_id: None,
        opens_on,
        due_on,
        roles: Cow::Borrowed(&cadence.roles),
        methods: &cadence.methods,
        why: Why::Sales { class, last, holiday },
        also: Vec::new(),
        record: None,
        not_by: None,
    })
}

/// Rule 16 (002 第八条): once a signing revisit reached the customer, the
/// next is due the policy's recurrence after the last one.
fn annual_signed<'c>(
    ctx: &'c Context<'_>,
    last_cadence: &LastFinished,
    deadlines: &mut Deadlines<'_>,
) -> Vec<Draft<'c>> {
    let Some(policy) = ctx.policy(PolicyKey::Signing) else { return Vec::new() };
    let Some(Recurrence::Every(span)) = policy.recurrence else { return Vec::new() };
    // Signing cases of settled months are known by their last visit.
    let mut last: IdMap<Uuid, NaiveDate> = ctx.scope.settled.last_signing_visit().iter().copied().collect();
    for case in &ctx.scope.signing {
        let (Some(customer_id), Some(records)) = (case.customer_id, ctx.index.revisits_by_case.get(&case.id)) else {
            continue;
        };
        for on in records.iter().filter_map(|r| r.result.as_ref()).map(|r| r.visited_on) {
            let e = last.entry(customer_id).or_insert(on);
            *e = (*e).max(on);
        }
    }
    let mut out = Vec::new();
    for (customer_id, signed_visit) in last {
        let last = last_cadence
            .get(&(customer_id.as_u128(), Cadence::AnnualSigned))
            .map_or(signed_visit, |c| signed_visit.max(*c));
        let Some(due_on) = deadlines.after(span, last) else { continue };
        out.push(Draft {
            key: TaskKey::Cadence { customer_id, cadence: Cadence::AnnualSigned, due_on },
            case: None,
            customer_id,
            round: 1,
            parent_id: None,
            opens_on: add_days(last, 1).unwrap_or(last).min(due_on),
            due_on,
            roles: Cow::Borrowed(&policy.roles),
            methods: &policy.later_methods,
            why: Why::AnnualSigned { last },
            also: Vec::new(),
            record: None,
            not_by: None,
        });
    }
    out
}

/// The first days of the calendar's holiday periods (consecutive days off
/// with the same name), in order.
struct HolidayPeriods<'c> {
    starts: Vec<(NaiveDate, &'c str)>,
    calendar: &'c WorkCalendar,
}

impl<'c> HolidayPeriods<'c> {
    fn new(calendar: &'c WorkCalendar) -> Self {
        let mut starts = Vec::new();
        let mut prev: Option<(NaiveDate, &str)> = None;
        for (day, name) in &calendar.holidays {
            let continues = prev.is_some_and(|(p, n)| n == name && p.succ_opt() == Some(*day));
            if !continues {
                starts.push((*day, name.as_str()));
            }
            prev = Some((*day, name.as_str()));
        }
        HolidayPeriods { starts, calendar }
    }

    /// The first period starting on or after `from`; when there is none the
    /// calendar lacks the year, which is flagged (rule 15).
    fn first_on_or_after(&self, from: NaiveDate, deadlines: &mut Deadlines<'_>) -> Option<(NaiveDate, &'c str)> {
        let i = self.starts.partition_point(|(d, _)| *d < from);
        let found = self.starts.get(i).copied();
        if found.is_none() {
            let mut year = from.year();
            while self.calendar.covers(year) {
                year += 1;
            }
            deadlines.missing_years.insert(year);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn holiday_periods_start_on_their_first_day() {
        let cal = WorkCalendar::official();
        let periods = HolidayPeriods::new(&cal);
        let mut dl = Deadlines::new(&cal);
        assert_eq!(periods.first_on_or_after(d("2026-09-26"), &mut dl), Some((d("2026-10-01"), "国庆节")));
        assert_eq!(periods.first_on_or_after(d("2026-02-15"), &mut dl), Some((d("2026-02-15"), "春节")));
        assert_eq!(periods.starts.len(), 7, "2026 has seven holiday periods");
        assert!(dl.missing_years.is_empty());
    }

    #[test]
    fn rule_15_no_holiday_left_in_the_calendar_flags_the_missing_year() {
        let cal = WorkCalendar::official();
        let periods = HolidayPeriods::new(&cal);
        let mut dl = Deadlines::new(&cal);
        assert_eq!(periods.first_on_or_after(d("2026-10-08"), &mut dl), None);
        assert_eq!(dl.missing_years.iter().copied().collect::<Vec<_>>(), vec![2027]);
    }
}
