//! Revisit policies as data (DOMAIN "Default policies"): what starts the
//! clock, the window, the target rate, who revisits, by which methods and
//! who is excluded. The office edits them in Settings; the scheduler and the
//! report only ever read them.

mod defaults;
mod span;

use serde::{Deserialize, Serialize};

use crate::model::{Case, CaseKind, Method, Role, SalesClass, Severity};

pub use span::Span;

/// A target revisit rate in whole percent (e.g. 50 = "≥50%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Percent(pub u8);

/// Which cases a policy governs. Complaints have one policy per severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "severity")]
pub enum PolicyKey {
    Complaint(Severity),
    Repair,
    Activity,
    MoveIn,
    Emergency,
    Signing,
}

impl PolicyKey {
    pub const ALL: [PolicyKey; 8] = [
        PolicyKey::Complaint(Severity::General),
        PolicyKey::Complaint(Severity::Important),
        PolicyKey::Complaint(Severity::Major),
        PolicyKey::Repair,
        PolicyKey::Activity,
        PolicyKey::MoveIn,
        PolicyKey::Emergency,
        PolicyKey::Signing,
    ];

    /// The policy a case falls under; holiday visits are themselves visits
    /// and need no revisit (rule 4).
    pub fn of(case: &Case) -> Option<PolicyKey> {
        Some(match case.kind {
            CaseKind::Complaint => PolicyKey::Complaint(case.severity),
            CaseKind::Repair => PolicyKey::Repair,
            CaseKind::Activity => PolicyKey::Activity,
            CaseKind::MoveIn => PolicyKey::MoveIn,
            CaseKind::Emergency => PolicyKey::Emergency,
            CaseKind::Signing => PolicyKey::Signing,
            CaseKind::HolidayVisit => return None,
        })
    }

    /// This key's position in [`PolicyKey::ALL`].
    pub fn index(self) -> usize {
        match self {
            PolicyKey::Complaint(Severity::General) => 0,
            PolicyKey::Complaint(Severity::Important) => 1,
            PolicyKey::Complaint(Severity::Major) => 2,
            PolicyKey::Repair => 3,
            PolicyKey::Activity => 4,
            PolicyKey::MoveIn => 5,
            PolicyKey::Emergency => 6,
            PolicyKey::Signing => 7,
        }
    }

    pub fn kind(self) -> CaseKind {
        match self {
            PolicyKey::Complaint(_) => CaseKind::Complaint,
            PolicyKey::Repair => CaseKind::Repair,
            PolicyKey::Activity => CaseKind::Activity,
            PolicyKey::MoveIn => CaseKind::MoveIn,
            PolicyKey::Emergency => CaseKind::Emergency,
            PolicyKey::Signing => CaseKind::Signing,
        }
    }
}

/// The event that starts a policy's clock (all recorded as the case's
/// `completed_on`; named here so staff see which event it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    HandlingCompleted,
    RepairCompleted,
    ActivityEnded,
    MovedIn,
    ContractSigned,
}

/// Cases a policy does not revisit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// Rule 11: the complainant left no name.
    Anonymous,
    /// Rule 11: the authority asked only for a written reply.
    ReplyOnly,
    /// Rule 10: linked to a case already recorded.
    Duplicate,
    /// Rule 4: the household has had a major complaint.
    HadMajorComplaint,
    /// Rule 4: still decorating.
    Decorating,
    /// Rule 4: not actually living there.
    NotResident,
}

impl Exclusion {
    pub const ALL: [Exclusion; 6] = [
        Exclusion::Anonymous,
        Exclusion::ReplyOnly,
        Exclusion::Duplicate,
        Exclusion::HadMajorComplaint,
        Exclusion::Decorating,
        Exclusion::NotResident,
    ];
}

/// A repeating revisit after the first one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Again every `Span` after the last completed one (rule 16: signed
    /// customers at least once a year).
    Every(Span),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub key: PolicyKey,
    pub anchor: Anchor,
    /// The window opens this long after the anchor (move-in: at 3 months).
    pub opens_after: Span,
    /// …and the revisit is due this long after it opens.
    pub due_within: Span,
    pub target: Percent,
    /// Roles that may do it, in order of preference: the first role with
    /// an eligible person gets it.
    pub roles: Vec<Role>,
    /// Methods for the first round.
    pub methods: Vec<Method>,
    /// Methods from round 2 on (rule 7: phone allowed unless a major complaint).
    pub later_methods: Vec<Method>,
    pub exclusions: Vec<Exclusion>,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
}

impl Policy {
    pub fn excludes(&self, e: Exclusion) -> bool {
        self.exclusions.contains(&e)
    }
}

/// A sales-centre cadence for one class (rule 16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesCadence {
    pub class: SalesClass,
    /// The first revisit, counted from the day the class was given; `None`
    /// when the class is only visited on holidays.
    pub first: Option<Span>,
    /// Then again every…
    pub every: Option<Span>,
    /// Also on each official holiday.
    pub on_holidays: bool,
    pub methods: Vec<Method>,
    pub roles: Vec<Role>,
}

/// A preferred time to call (rule 12), office local time, "HH:MM".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallWindow {
    pub from: chrono::NaiveTime,
    pub to: chrono::NaiveTime,
}

/// Every policy the office uses; always one per [`PolicyKey`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySet {
    pub policies: Vec<Policy>,
    pub sales: Vec<SalesCadence>,
    pub call_windows: Vec<CallWindow>,
    /// Attempts at different times before a customer may be marked unreachable (rule 12).
    pub min_attempts: u32,
    /// Share of each quarter's repair revisits the supervisor re-checks (rule 2, 004).
    pub repair_sample: Percent,
}

impl Default for PolicySet {
    fn default() -> Self {
        defaults::policy_set()
    }
}

impl PolicySet {
    /// The policy for `key`; falls back to the shipped default if an edited
    /// set lost it, so the scheduler never runs without one.
    pub fn get(&self, key: PolicyKey) -> Policy {
        self.policies.iter().find(|p| p.key == key).cloned().unwrap_or_else(|| defaults::policy(key))
    }

    pub fn policy_ref(&self, key: PolicyKey) -> Option<&Policy> {
        self.policies.iter().find(|p| p.key == key)
    }

    /// `policy_ref` for every key, by [`PolicyKey::index`]: one lookup
    /// per case instead of a search through the set.
    pub fn by_key(&self) -> PolicyTable<'_> {
        PolicyTable(PolicyKey::ALL.map(|k| self.policy_ref(k)))
    }

    pub fn sales(&self, class: SalesClass) -> Option<&SalesCadence> {
        self.sales.iter().find(|c| c.class == class)
    }
}

/// The office's policy for each key, if it has one (see [`PolicySet::by_key`]).
#[derive(Debug, Clone, Copy)]
pub struct PolicyTable<'a>([Option<&'a Policy>; PolicyKey::ALL.len()]);

impl<'a> PolicyTable<'a> {
    pub fn get(&self, key: PolicyKey) -> Option<&'a Policy> {
        self.0[key.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keys_index_is_its_place_in_all() {
        for (i, key) in PolicyKey::ALL.into_iter().enumerate() {
            assert_eq!(key.index(), i);
        }
    }
}
