//! The monthly tally (DOMAIN "Statistics", 000 §2.4), for complaints.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::calendar::YearMonth;
use crate::model::{CaseKind, Dataset, Revisit, Satisfaction};
use crate::policy::{Percent, COMPLAINT_TARGET};

/// One month's figures for one case kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthlyTally {
    pub month: YearMonth,
    pub kind: CaseKind,
    /// Cases whose handling completed in the month.
    pub eligible: u32,
    /// Eligible cases with a completed revisit (the customer was reached).
    pub revisited: u32,
    pub target: Percent,
    pub satisfied: u32,
    pub neutral: u32,
    pub dissatisfied: u32,
}

impl MonthlyTally {
    /// Revisit rate = revisited / eligible, in permille so it stays exact;
    /// `None` when nothing was eligible (a rate of nothing is not 0%).
    pub fn rate_permille(&self) -> Option<u32> {
        (self.eligible > 0).then(|| (u64::from(self.revisited) * 1000 / u64::from(self.eligible)) as u32)
    }

    pub fn meets_target(&self) -> Option<bool> {
        self.rate_permille().map(|r| r >= u32::from(self.target.0) * 10)
    }

    /// Completed revisits counted in the satisfaction tallies.
    pub fn completed(&self) -> u32 {
        self.satisfied + self.neutral + self.dissatisfied
    }
}

/// The complaint tally for `month`. Each eligible case counts once, with
/// the result of its latest round.
pub fn complaint_tally(data: &Dataset, month: YearMonth) -> MonthlyTally {
    let mut latest: HashMap<Uuid, &Revisit> = HashMap::new();
    for r in &data.revisits {
        let e = latest.entry(r.case_id).or_insert(r);
        if (r.round, r.visited_on) > (e.round, e.visited_on) {
            *e = r;
        }
    }
    let mut t = MonthlyTally {
        month,
        kind: CaseKind::Complaint,
        eligible: 0,
        revisited: 0,
        target: COMPLAINT_TARGET,
        satisfied: 0,
        neutral: 0,
        dissatisfied: 0,
    };
    let eligible = data
        .cases
        .iter()
        .filter(|c| c.kind == CaseKind::Complaint && c.completed_on.is_some_and(|d| month.contains(d)));
    for case in eligible {
        t.eligible += 1;
        if let Some(r) = latest.get(&case.id) {
            t.revisited += 1;
            match r.satisfaction {
                Satisfaction::Satisfied => t.satisfied += 1,
                Satisfaction::Neutral => t.neutral += 1,
                Satisfaction::Dissatisfied => t.dissatisfied += 1,
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Case, Channel, Method, Severity, Subject};
    use chrono::{DateTime, NaiveDate, Utc};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap()
    }

    fn case(n: u128, completed_on: Option<NaiveDate>) -> Case {
        Case {
            id: Uuid::from_u128(n),
            customer_id: Uuid::from_u128(9),
            kind: CaseKind::Complaint,
            received_on: d("2026-01-01"),
            channel: Channel::WalkIn,
            severity: Severity::General,
            subject: Subject::Quality,
            description: "噪音".into(),
            completed_on,
            created_at: now(),
            updated_at: now(),
        }
    }

    fn revisit(case: u128, round: u32, sat: Satisfaction) -> Revisit {
        Revisit {
            id: Uuid::from_u128(case * 100 + u128::from(round)),
            case_id: Uuid::from_u128(case),
            round,
            method: Method::Phone,
            visited_on: d("2026-11-25"),
            content: "回访".into(),
            satisfaction: sat,
            created_at: now(),
            updated_at: now(),
        }
    }

    const NOV: YearMonth = YearMonth { year: 2026, month: 11 };

    #[test]
    fn statistics_eligible_are_complaints_whose_handling_completed_in_the_month() {
        let data = Dataset {
            cases: vec![
                case(1, Some(d("2026-11-01"))),
                case(2, Some(d("2026-11-30"))),
                case(3, Some(d("2026-10-31"))),
                case(4, None),
            ],
            ..Dataset::default()
        };
        assert_eq!(complaint_tally(&data, NOV).eligible, 2);
    }

    #[test]
    fn statistics_one_revisited_satisfied_complaint_is_100_percent_against_50() {
        let data = Dataset {
            cases: vec![case(1, Some(d("2026-11-23")))],
            revisits: vec![revisit(1, 1, Satisfaction::Satisfied)],
            ..Dataset::default()
        };
        let t = complaint_tally(&data, NOV);
        assert_eq!((t.eligible, t.revisited, t.satisfied), (1, 1, 1));
        assert_eq!(t.rate_permille(), Some(1000));
        assert_eq!(t.target, Percent(50));
        assert_eq!(t.meets_target(), Some(true));
    }

    #[test]
    fn statistics_a_month_with_nothing_eligible_has_no_rate_rather_than_zero() {
        let t = complaint_tally(&Dataset::default(), NOV);
        assert_eq!(t.rate_permille(), None);
        assert_eq!(t.meets_target(), None);
    }

    #[test]
    fn statistics_a_case_revisited_twice_counts_once_with_its_latest_result() {
        let data = Dataset {
            cases: vec![case(1, Some(d("2026-11-02")))],
            revisits: vec![revisit(1, 1, Satisfaction::Dissatisfied), revisit(1, 2, Satisfaction::Satisfied)],
            ..Dataset::default()
        };
        let t = complaint_tally(&data, NOV);
        assert_eq!((t.revisited, t.satisfied, t.dissatisfied), (1, 1, 0));
    }

    #[test]
    fn statistics_below_target_is_reported_as_missed() {
        let data = Dataset {
            cases: vec![case(1, Some(d("2026-11-02"))), case(2, Some(d("2026-11-03"))), case(3, Some(d("2026-11-04")))],
            revisits: vec![revisit(1, 1, Satisfaction::Neutral)],
            ..Dataset::default()
        };
        let t = complaint_tally(&data, NOV);
        assert_eq!(t.rate_permille(), Some(333));
        assert_eq!(t.meets_target(), Some(false));
    }

    proptest! {
        /// Report numbers add up: revisited ≤ eligible, tallies sum to the revisited.
        #[test]
        fn statistics_numbers_add_up(
            cases in proptest::collection::vec((proptest::option::of(0u32..90), proptest::option::of(0usize..3)), 0..40)
        ) {
            let mut data = Dataset::default();
            for (i, (done, sat)) in cases.iter().enumerate() {
                let n = i as u128 + 1;
                data.cases.push(case(n, done.map(|o| crate::calendar::add_days(d("2026-10-01"), o).unwrap())));
                if let (Some(_), Some(s)) = (done, sat) {
                    data.revisits.push(revisit(n, 1, Satisfaction::ALL[*s]));
                }
            }
            let t = complaint_tally(&data, NOV);
            prop_assert!(t.revisited <= t.eligible);
            prop_assert_eq!(t.completed(), t.revisited);
            if let Some(r) = t.rate_permille() { prop_assert!(r <= 1000); }
        }
    }
}
