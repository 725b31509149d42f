//! The revisit scheduler: from the office's records and "today", which
//! revisits are open, when each is due, who must do it and why.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::calendar::{add_days, days_between};
use crate::model::{Case, CaseKind, Dataset, Role, Severity};
use crate::policy::complaint_policy;

/// Why a revisit is due, so staff can see the rule behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Reason {
    /// DOMAIN rule 1: complaint handled on `completed_on`, revisit within `window_days`.
    ComplaintHandled { completed_on: NaiveDate, severity: Severity, window_days: u32 },
}

/// Where a due date stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Urgency {
    Overdue { days: i64 },
    DueToday,
    Upcoming { days: i64 },
}

/// One open revisit in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedRevisit {
    pub case_id: Uuid,
    pub customer_id: Uuid,
    pub round: u32,
    pub due_on: NaiveDate,
    pub role: Role,
    pub reason: Reason,
    pub urgency: Urgency,
}

fn urgency(due_on: NaiveDate, today: NaiveDate) -> Urgency {
    match days_between(today, due_on) {
        d if d < 0 => Urgency::Overdue { days: -d },
        0 => Urgency::DueToday,
        d => Urgency::Upcoming { days: d },
    }
}

/// The revisit a handled complaint needs (rule 1), ignoring whether it was done.
pub fn complaint_revisit(case: &Case, today: NaiveDate) -> Option<PlannedRevisit> {
    if case.kind != CaseKind::Complaint {
        return None;
    }
    let completed_on = case.completed_on?;
    let policy = complaint_policy(case.severity);
    let due_on = add_days(completed_on, policy.window_days)?;
    Some(PlannedRevisit {
        case_id: case.id,
        customer_id: case.customer_id,
        round: 1,
        due_on,
        role: policy.role,
        reason: Reason::ComplaintHandled { completed_on, severity: case.severity, window_days: policy.window_days },
        urgency: urgency(due_on, today),
    })
}

/// Every open revisit, earliest due first (ties broken by case id, so the
/// same data always gives the same plan).
pub fn plan(data: &Dataset, today: NaiveDate) -> Vec<PlannedRevisit> {
    let revisited: std::collections::HashSet<Uuid> = data.revisits.iter().map(|r| r.case_id).collect();
    let mut open: Vec<PlannedRevisit> =
        data.cases.iter().filter(|c| !revisited.contains(&c.id)).filter_map(|c| complaint_revisit(c, today)).collect();
    open.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.case_id.cmp(&b.case_id)));
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Method, Revisit, Satisfaction, Subject};
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap()
    }

    fn complaint(n: u128, severity: Severity, completed_on: Option<&str>) -> Case {
        Case {
            id: Uuid::from_u128(n),
            customer_id: Uuid::from_u128(1000 + n),
            kind: CaseKind::Complaint,
            received_on: d("2026-11-01"),
            channel: Channel::Phone,
            severity,
            subject: Subject::Equipment,
            description: "电梯异响".into(),
            completed_on: completed_on.map(d),
            created_at: now(),
            updated_at: now(),
        }
    }

    fn revisit_of(case: &Case, on: &str) -> Revisit {
        Revisit {
            id: Uuid::from_u128(case.id.as_u128() + 5000),
            case_id: case.id,
            round: 1,
            method: Method::Phone,
            visited_on: d(on),
            content: "已解决".into(),
            satisfaction: Satisfaction::Satisfied,
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn rule_1_a_complaint_completed_on_day_d_is_due_by_d_plus_3() {
        let c = complaint(1, Severity::General, Some("2026-11-23"));
        let p = complaint_revisit(&c, d("2026-11-23")).unwrap();
        assert_eq!(p.due_on, d("2026-11-26"));
        assert_eq!(p.urgency, Urgency::Upcoming { days: 3 });
        assert_eq!(p.round, 1);
    }

    #[test]
    fn rule_1_the_plan_assigns_the_role_named_for_each_severity() {
        let data = Dataset {
            cases: vec![
                complaint(1, Severity::General, Some("2026-11-20")),
                complaint(2, Severity::Important, Some("2026-11-20")),
                complaint(3, Severity::Major, Some("2026-11-20")),
            ],
            ..Dataset::default()
        };
        let roles: Vec<Role> = plan(&data, d("2026-11-21")).iter().map(|p| p.role).collect();
        assert_eq!(roles, vec![Role::PropertyAssistant, Role::DepartmentSupervisor, Role::CompanyManager]);
    }

    #[test]
    fn a_complaint_still_being_handled_needs_no_revisit_yet() {
        let data = Dataset { cases: vec![complaint(1, Severity::General, None)], ..Dataset::default() };
        assert!(plan(&data, d("2026-11-23")).is_empty());
    }

    #[test]
    fn a_revisited_complaint_leaves_the_plan() {
        let c = complaint(1, Severity::General, Some("2026-11-20"));
        let r = revisit_of(&c, "2026-11-21");
        let data = Dataset { cases: vec![c], revisits: vec![r], ..Dataset::default() };
        assert!(plan(&data, d("2026-11-23")).is_empty());
    }

    #[test]
    fn overdue_and_due_today_are_told_apart_from_upcoming() {
        let c = complaint(1, Severity::General, Some("2026-11-10"));
        assert_eq!(complaint_revisit(&c, d("2026-11-15")).unwrap().urgency, Urgency::Overdue { days: 2 });
        assert_eq!(complaint_revisit(&c, d("2026-11-13")).unwrap().urgency, Urgency::DueToday);
    }

    #[test]
    fn the_plan_lists_the_earliest_due_first() {
        let data = Dataset {
            cases: vec![
                complaint(1, Severity::General, Some("2026-11-20")),
                complaint(2, Severity::General, Some("2026-11-05")),
                complaint(3, Severity::General, Some("2026-11-12")),
            ],
            ..Dataset::default()
        };
        let ids: Vec<u128> = plan(&data, d("2026-11-21")).iter().map(|p| p.case_id.as_u128()).collect();
        assert_eq!(ids, vec![2, 3, 1]);
    }

    proptest! {
        /// The same data always gives the same plan, whatever order it is stored in.
        #[test]
        fn the_plan_is_deterministic_whatever_the_storage_order(
            offsets in proptest::collection::vec(0u32..60, 1..30),
            seed in any::<u64>(),
        ) {
            let cases: Vec<Case> = offsets.iter().enumerate().map(|(i, off)| {
                let done = add_days(d("2026-10-01"), *off).unwrap().to_string();
                complaint(i as u128 + 1, Severity::ALL[i % 3], Some(&done))
            }).collect();
            let mut shuffled = cases.clone();
            // A cheap deterministic shuffle driven by the seed.
            let n = shuffled.len();
            for i in 0..n {
                let j = ((seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64)) % n as u64) as usize;
                shuffled.swap(i, j);
            }
            let today = d("2026-11-01");
            let a = plan(&Dataset { cases, ..Dataset::default() }, today);
            let b = plan(&Dataset { cases: shuffled, ..Dataset::default() }, today);
            prop_assert_eq!(&a, &b);
            prop_assert!(a.windows(2).all(|w| w[0].due_on <= w[1].due_on));
        }
    }
}
