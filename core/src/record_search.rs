//! Finding filed revisit records again (回访记录): every completed or
//! closed revisit, newest first, narrowed by month, kind, staff member,
//! outcome, review (rule 6) and a search text. Pure: the screen passes the
//! records and their lookups in.

use chrono::Datelike;
use uuid::Uuid;

use crate::calendar::YearMonth;
use crate::model::{ClosureReason, Dataset, KindFilter, Positions, Revisit, Satisfaction};

/// How a record ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeFilter {
    Any,
    Reached(Satisfaction),
    /// Closed without reaching the customer, for any reason.
    Closed,
}

/// Whether the supervisor has signed the record (rule 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    Any,
    Unreviewed,
    Reviewed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordQuery {
    /// The month the record ended in (where the report counts it); `None`
    /// for every month.
    pub month: Option<YearMonth>,
    pub kind: KindFilter,
    /// Who did it: named on the result or the closure, else its assignee.
    pub staff: Option<Uuid>,
    pub outcome: OutcomeFilter,
    pub review: ReviewFilter,
    /// Matched, ignoring case, against the customer's name, unit and phone
    /// numbers, what was said and the closure note; empty matches all.
    pub text: String,
}

impl Default for RecordQuery {
    fn default() -> Self {
        RecordQuery {
            month: None,
            kind: KindFilter::All,
            staff: None,
            outcome: OutcomeFilter::Any,
            review: ReviewFilter::Any,
            text: String::new(),
        }
    }
}

/// Who a finished record is attributed to: the person named on its result
/// or closure, else whoever it was assigned to.
pub fn done_by(r: &Revisit) -> Option<Uuid> {
    let named = match (&r.result, &r.closure) {
        (Some(res), _) => res.staff_id,
        (None, Some(c)) => c.by,
        (None, None) => None,
    };
    named.or(r.assignee_id)
}

/// The closure reason of a record closed without a result.
pub fn closed_as(r: &Revisit) -> Option<ClosureReason> {
    r.result.is_none().then(|| r.closure.as_ref().map(|c| c.reason)).flatten()
}

/// The finished records the query matches, newest first: by the day they
/// ended, then when they were entered; entry order settles ties.
pub fn find<'d>(data: &'d Dataset, at: &Positions, q: &RecordQuery) -> Vec<&'d Revisit> {
    let needle = q.text.trim().to_lowercase();
    let mut found: Vec<u128> = data
        .revisits
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let ended = r.finished_on()?;
            let passes = q.month.is_none_or(|m| YearMonth::of(ended) == m)
                && kind_matches(data, at, r, q.kind)
                && q.staff.is_none_or(|s| done_by(r) == Some(s))
                && outcome_matches(r, q.outcome)
                && review_matches(r, q.review)
                && (needle.is_empty() || text_matches(data, at, r, &needle));
            passes.then(|| newest_first(ended, r, i))
        })
        .collect();
    // Plain integers: sorted by the code the scheduler's sort already
    // brings into the bundle, not a sort built for this list alone.
    found.sort_unstable();
    found.into_iter().map(|k| &data.revisits[(k & u128::from(u32::MAX)) as usize]).collect()
}

/// A record's place in the list as one integer, smallest first: the day it
/// ended and when it was entered, both reversed, then its position `i`.
fn newest_first(ended: chrono::NaiveDate, r: &Revisit, i: usize) -> u128 {
    const MILLIS: i64 = (1 << 48) - 1;
    let day = u32::MAX - u32::try_from(ended.num_days_from_ce()).unwrap_or(0);
    let entered = (MILLIS - r.created_at.timestamp_millis().clamp(0, MILLIS)) as u128;
    (u128::from(day) << 80) | (entered << 32) | (i as u128 & u128::from(u32::MAX))
}

/// How many finished records await the supervisor's review (rule 6).
pub fn unreviewed(data: &Dataset) -> usize {
    data.revisits.iter().filter(|r| r.is_finished() && r.review.is_none()).count()
}

fn kind_matches(data: &Dataset, at: &Positions, r: &Revisit, kind: KindFilter) -> bool {
    kind.passes(r.case_id.is_some(), || r.case_id.and_then(|id| at.case(data, id)).map(|c| c.kind))
}

fn outcome_matches(r: &Revisit, outcome: OutcomeFilter) -> bool {
    match outcome {
        OutcomeFilter::Any => true,
        OutcomeFilter::Reached(s) => r.result.as_ref().is_some_and(|res| res.satisfaction == s),
        OutcomeFilter::Closed => closed_as(r).is_some(),
    }
}

fn review_matches(r: &Revisit, review: ReviewFilter) -> bool {
    match review {
        ReviewFilter::Any => true,
        ReviewFilter::Unreviewed => r.review.is_none(),
        ReviewFilter::Reviewed => r.review.is_some(),
    }
}

/// `needle` is lower-cased and not empty.
fn text_matches(data: &Dataset, at: &Positions, r: &Revisit, needle: &str) -> bool {
    let has = |t: &str| t.to_lowercase().contains(needle);
    let said = r.result.as_ref().is_some_and(|res| has(&res.content) || res.issues.iter().any(|i| has(&i.text)));
    let noted = r.closure.as_ref().is_some_and(|c| has(&c.note));
    said || noted
        || at.customer(data, r.customer_id).is_some_and(|c| {
            has(&c.name) || has(&c.unit.to_string()) || has(&c.phone) || c.other_phones.iter().any(|p| has(p))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate, Utc};

    use crate::model::{Case, CaseKind, Closure, Customer, Method, RaisedIssue, Review, RevisitResult, Unit};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn open(n: u128, case: Option<u128>) -> Revisit {
        Revisit {
            revision: 0,
            id: id(n),
            case_id: case.map(id),
            customer_id: id(1000),
            cadence: None,
            round: 1,
            parent_id: None,
            escalation: false,
            due_on: d("2026-11-05"),
            assignee_id: Some(id(501)),
            attempts: Vec::new(),
            result: None,
            closure: None,
            review: None,
            archived_at: None,
            created_at: now(),
            updated_at: now(),
        }
    }

    fn reached(n: u128, on: &str, s: Satisfaction, content: &str) -> Revisit {
        let result = RevisitResult {
            method: Method::Phone,
            visited_on: d(on),
            at: None,
            staff_id: Some(id(502)),
            content: content.into(),
            satisfaction: s,
            issues: vec![RaisedIssue { text: "楼道灯不亮".into(), answer: None }],
            reply_by: None,
            signature_id: None,
            escalate: false,
        };
        Revisit { result: Some(result), ..open(n, Some(1)) }
    }

    fn closed(n: u128, on: &str, reason: ClosureReason) -> Revisit {
        let closure = Closure { on: d(on), reason, note: "客户出国".into(), by: None };
        Revisit { closure: Some(closure), ..open(n, None) }
    }

    fn office(revisits: Vec<Revisit>) -> (Dataset, Positions) {
        let unit = Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() };
        let customer = Customer::new(id(1000), "王美丽".into(), "13800001111".into(), unit, now());
        let mut repair = Case::new(id(1), Some(id(1000)), CaseKind::Repair, d("2026-11-01"), "漏水".into(), now());
        repair.completed_on = Some(d("2026-11-02"));
        let data = Dataset { customers: vec![customer], cases: vec![repair], revisits, ..Dataset::default() };
        let at = Positions::new(&data);
        (data, at)
    }

    fn ids(found: &[&Revisit]) -> Vec<u128> {
        found.iter().map(|r| r.id.as_u128()).collect()
    }

    #[test]
    fn rule_6_every_finished_record_is_listed_newest_first_and_open_tasks_are_not() {
        let (data, at) = office(vec![
            reached(1, "2026-11-03", Satisfaction::Satisfied, "已修好"),
            open(2, Some(1)),
            closed(3, "2026-11-20", ClosureReason::Refused),
            reached(4, "2026-10-30", Satisfaction::Dissatisfied, "仍漏水"),
        ]);
        assert_eq!(ids(&find(&data, &at, &RecordQuery::default())), vec![3, 1, 4]);
        assert_eq!(unreviewed(&data), 3);
    }

    #[test]
    fn records_are_narrowed_by_month_kind_staff_outcome_and_review() {
        let mut signed = reached(4, "2026-10-30", Satisfaction::Dissatisfied, "仍漏水");
        signed.review = Some(Review { on: d("2026-11-01"), by: Some(id(9)), comment: "已跟进".into() });
        let (data, at) = office(vec![
            reached(1, "2026-11-03", Satisfaction::Satisfied, "已修好"),
            closed(3, "2026-11-20", ClosureReason::Refused),
            signed,
        ]);
        let q = |f: fn(&mut RecordQuery)| {
            let mut q = RecordQuery::default();
            f(&mut q);
            ids(&find(&data, &at, &q))
        };
        assert_eq!(q(|q| q.month = Some(YearMonth { year: 2026, month: 10 })), vec![4]);
        assert_eq!(q(|q| q.kind = KindFilter::Case(CaseKind::Repair)), vec![1, 4]);
        assert_eq!(q(|q| q.kind = KindFilter::Cadence), vec![3]);
        // The result names who did it; a closure without a name falls back to the assignee.
        assert_eq!(q(|q| q.staff = Some(id(502))), vec![1, 4]);
        assert_eq!(q(|q| q.staff = Some(id(501))), vec![3]);
        assert_eq!(q(|q| q.outcome = OutcomeFilter::Reached(Satisfaction::Dissatisfied)), vec![4]);
        assert_eq!(q(|q| q.outcome = OutcomeFilter::Closed), vec![3]);
        assert_eq!(q(|q| q.review = ReviewFilter::Unreviewed), vec![3, 1]);
        assert_eq!(q(|q| q.review = ReviewFilter::Reviewed), vec![4]);
    }

    #[test]
    fn search_finds_the_household_what_was_said_and_the_closure_note() {
        let (data, at) = office(vec![
            reached(1, "2026-11-03", Satisfaction::Satisfied, "已修好"),
            closed(3, "2026-11-20", ClosureReason::Moved),
        ]);
        let search = |text: &str| ids(&find(&data, &at, &RecordQuery { text: text.into(), ..RecordQuery::default() }));
        assert_eq!(search("王美丽"), vec![3, 1]);
        assert_eq!(search("3-2-1201"), vec![3, 1]);
        assert_eq!(search("13800001111"), vec![3, 1]);
        assert_eq!(search("修好"), vec![1]);
        assert_eq!(search("楼道灯"), vec![1], "an issue the customer raised");
        assert_eq!(search("出国"), vec![3]);
        assert_eq!(search("  "), vec![3, 1]);
        assert!(search("李").is_empty());
    }
}
