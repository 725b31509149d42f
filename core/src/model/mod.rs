//! The records the office keeps (DOMAIN glossary). Code names follow the
//! glossary: `Customer`, `Staff`, `Case`, `Revisit`, `OpenLetter`.

mod case;
mod changes;
mod customer;
mod open_letter;
mod positions;
mod revisit;
mod staff;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use case::{Case, CaseKind, Channel, KindFilter, Nature, Severity, Subject};
pub use changes::{Changes, Record, Revised, Touched};
pub use customer::{ContactPreference, Customer, SalesClass, Unit};
pub use open_letter::{OpenLetter, Signature};
pub use positions::Positions;
pub use revisit::{
    Attempt, AttemptOutcome, Cadence, Closure, ClosureReason, IssueAnswer, Method, RaisedIssue, Review, Revisit,
    RevisitResult, RevisitStatus, Satisfaction,
};
pub use staff::{Role, Staff};

use crate::id_map::IdMap;
use crate::settings::Settings;

/// Everything the office keeps, as the rules and the backup see it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub customers: Vec<Customer>,
    pub cases: Vec<Case>,
    pub revisits: Vec<Revisit>,
    #[serde(default)]
    pub staff: Vec<Staff>,
    #[serde(default)]
    pub open_letters: Vec<OpenLetter>,
    #[serde(default)]
    pub signatures: Vec<Signature>,
    /// Policies, calendar and call windows: edited in Settings, carried in backups.
    #[serde(default)]
    pub settings: Settings,
}

impl Dataset {
    /// Puts every list in the order its records were entered, the order the
    /// screens show (storage and backups may hold them in any order); the
    /// id settles ties, so the order never depends on where they came from.
    ///
    /// The keys are sorted, then each record moved once: records are a few
    /// hundred bytes, and moving them at every step of a sort took a
    /// quarter of a second at 200,000 revisits.
    pub fn sort_by_entry(&mut self) {
        self.customers.sort_by_cached_key(Record::entry);
        self.cases.sort_by_cached_key(Record::entry);
        self.revisits.sort_by_cached_key(Record::entry);
        self.staff.sort_by_cached_key(Record::entry);
        self.open_letters.sort_by_cached_key(Record::entry);
        self.signatures.sort_by_cached_key(Record::entry);
    }

    pub fn customer(&self, id: Uuid) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    pub fn case(&self, id: Uuid) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    /// Records of every kind together (not the settings).
    pub fn record_count(&self) -> usize {
        self.customers.len()
            + self.cases.len()
            + self.revisits.len()
            + self.staff.len()
            + self.open_letters.len()
            + self.signatures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
            && self.cases.is_empty()
            && self.revisits.is_empty()
            && self.staff.is_empty()
            && self.open_letters.is_empty()
    }
}

/// Id lookups built once, so rules over 100,000 cases stay linear.
pub struct Index<'a> {
    pub customers: IdMap<Uuid, &'a Customer>,
    pub cases: IdMap<Uuid, &'a Case>,
    pub staff: IdMap<Uuid, &'a Staff>,
    /// Revisit records of each case, in storage order.
    pub revisits_by_case: IdMap<Uuid, Vec<&'a Revisit>>,
}

impl<'a> Index<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        Self::over(data, data.cases.iter(), data.revisits.iter())
    }

    /// Every household and staff member, but only the given cases and
    /// records (in storage order): what a rule over a few cases looks up.
    pub fn over(
        data: &'a Dataset,
        cases: impl ExactSizeIterator<Item = &'a Case>,
        revisits: impl Iterator<Item = &'a Revisit>,
    ) -> Self {
        let mut revisits_by_case: IdMap<Uuid, Vec<&Revisit>> =
            IdMap::with_capacity_and_hasher(cases.len(), Default::default());
        for r in revisits {
            if let Some(case_id) = r.case_id {
                revisits_by_case.entry(case_id).or_default().push(r);
            }
        }
        Index {
            customers: data.customers.iter().map(|c| (c.id, c)).collect(),
            cases: cases.map(|c| (c.id, c)).collect(),
            staff: data.staff.iter().map(|s| (s.id, s)).collect(),
            revisits_by_case,
        }
    }
}

/// For `skip_serializing_if`: a record never saved on a tablet (from a
/// backup of an older version) writes no revision, as before.
fn is_zero(n: &u32) -> bool {
    *n == 0
}
