//! What the plan hands to the UI: the open tasks, their identity, urgency
//! and the reasons behind each, and what staff should be warned about.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::calendar::days_between;
use crate::eligibility::Pick;
use crate::model::{Cadence, CaseKind, Method, Role, SalesClass};
use crate::policy::{Anchor, PolicyKey, Span};

/// The identity of a task: the same task has the same key from one plan to
/// the next, before and after it is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKey {
    /// A case's revisit: round 1, 2… (rule 7), or the superior's second
    /// revisit (rule 14, `escalation`).
    Case { case_id: Uuid, round: u32, escalation: bool },
    /// A recurring revisit that follows the customer (rule 16); its due
    /// date tells one occurrence from the next.
    Cadence { customer_id: Uuid, cadence: Cadence, due_on: NaiveDate },
}

/// [`TaskKey`]'s order as plain integers.
pub(super) type KeyOrder = (u8, u128, u32, bool, u8, NaiveDate);

impl TaskKey {
    /// The same order as `Ord`, as plain integers: cheaper to sort 100,000
    /// tasks by (a `Uuid` compares as a byte slice).
    pub(super) fn order(self) -> KeyOrder {
        match self {
            TaskKey::Case { case_id, round, escalation } => {
                (0, case_id.as_u128(), round, escalation, 0, NaiveDate::MIN)
            }
            TaskKey::Cadence { customer_id, cadence, due_on } => {
                let c = match cadence {
                    Cadence::Sales => 0,
                    Cadence::AnnualSigned => 1,
                };
                (1, customer_id.as_u128(), 0, false, c, due_on)
            }
        }
    }
}

/// Where a due date stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Overdue { days: i64 },
    DueToday,
    Upcoming { days: i64 },
}

impl Urgency {
    pub fn of(due_on: NaiveDate, today: NaiveDate) -> Self {
        match days_between(today, due_on) {
            d if d < 0 => Urgency::Overdue { days: -d },
            0 => Urgency::DueToday,
            d => Urgency::Upcoming { days: d },
        }
    }
}

/// Why a task is due, and why this person and method: data, so the UI can
/// word it in the staff's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Rules 1–4, 15: the case's anchor event and the policy's window.
    Anchor { kind: CaseKind, policy_key: PolicyKey, anchor: Anchor, on: NaiveDate, opens_after: Span, due_within: Span },
    /// Why this case is on the list at all (target sampling, started, requested).
    Picked(Pick),
    /// Rule 7: the previous round left issues open until `reply_by`.
    NextRound { parent: Uuid, reply_by: NaiveDate },
    /// Rule 14: the previous round, done by `from_role`, asked for the superior.
    Escalated { from_role: Role },
    /// Rule 2: this person is responsible for the customer's building.
    Area { building: String },
    /// Workload: the least busy of several eligible people, with `open` tasks before this one.
    LeastLoaded { open: u32 },
    /// Rule 13: this many people were passed over because the case is about them.
    NotTheStaffInvolved { excluded: u32 },
    /// Rule 12: the customer refuses calls.
    NoCallsPreference,
    /// Rule 16: the sales-centre cadence of the customer's class.
    SalesCadence { class: SalesClass, last: Option<NaiveDate> },
    /// Rule 16: signed customers at least once a year, counted from the last revisit.
    AnnualSigned { last: NaiveDate },
    /// Rule 16: a holiday visit for a class visited on holidays.
    Holiday { name: String },
    /// The task was started and keeps the person who started it.
    AssigneeKept,
    /// The person who started it left or may not do it (rule 13); someone else takes over.
    Reassigned { from: Uuid },
    /// Started earlier though the rules no longer ask for it (a policy or
    /// the case changed): finish or close it, it is never dropped silently.
    StartedThoughNoLongerDue,
}

/// One open revisit in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct PlannedRevisit {
    pub key: TaskKey,
    pub case_id: Option<Uuid>,
    pub customer_id: Uuid,
    /// 1 for a case's first revisit; cadence tasks are always round 1.
    pub round: u32,
    pub escalation: bool,
    pub cadence: Option<Cadence>,
    /// The previous round's revisit record.
    pub parent_id: Option<Uuid>,
    /// The started record (attempts are logged on it), if any.
    pub record_id: Option<Uuid>,
    pub opens_on: NaiveDate,
    pub due_on: NaiveDate,
    pub urgency: Urgency,
    pub role: Role,
    /// A `Staff` id; `None` when nobody can take it (see the plan's warnings).
    pub assignee: Option<Uuid>,
    /// Allowed methods, the suggested one first.
    pub methods: Vec<Method>,
    /// Failed attempts so far.
    pub attempts: u32,
    pub reasons: Vec<Reason>,
}

/// Something the office should fix for the plan to be complete.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanWarning {
    /// Nobody active can take tasks for this role (its tasks have no assignee).
    NoStaffForRole { role: Role },
    /// Rule 15: a working-day deadline was counted through a year whose
    /// holidays are not entered, so it counts weekends only.
    CalendarMissingYear { year: i32 },
    /// The same task was started more than once (e.g. on two tablets);
    /// the plan follows `kept`, the others should be closed.
    DuplicateStartedRecords { key: TaskKey, kept: Uuid, others: Vec<Uuid> },
    /// Rule 8: a started revisit whose case an open letter has since
    /// answered; close the record.
    StartedButAnsweredByOpenLetter { record_id: Uuid, letter_id: Uuid },
    /// A started record with neither a case nor a cadence: nothing to plan it by.
    RecordWithoutCaseOrCadence { record_id: Uuid },
}

/// The open revisits, earliest due first, and the warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub items: Vec<PlannedRevisit>,
    pub warnings: Vec<PlanWarning>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(kind: bool, id: u128, round: u32, flag: bool, day: u32) -> TaskKey {
        let due_on = NaiveDate::from_num_days_from_ce_opt(739_000 + day as i32).unwrap();
        if kind {
            TaskKey::Case { case_id: Uuid::from_u128(id), round, escalation: flag }
        } else {
            let cadence = if flag { Cadence::AnnualSigned } else { Cadence::Sales };
            TaskKey::Cadence { customer_id: Uuid::from_u128(id), cadence, due_on }
        }
    }

    proptest! {
        #[test]
        fn the_integer_order_of_keys_is_their_order(
            a in (any::<bool>(), any::<u128>(), 0u32..4, any::<bool>(), 0u32..5),
            b in (any::<bool>(), any::<u128>(), 0u32..4, any::<bool>(), 0u32..5),
            same_id in any::<bool>(),
        ) {
            let ka = key(a.0, a.1, a.2, a.3, a.4);
            let kb = key(b.0, if same_id { a.1 } else { b.1 }, b.2, b.3, b.4);
            prop_assert_eq!(ka.cmp(&kb), ka.order().cmp(&kb.order()));
        }
    }
}
