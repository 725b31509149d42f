//! Which records one working-out of the plan reads: all of them, or (after
//! a write) the cases that may have a task and what those cases need, with
//! what is known of the rest (see `planner`) and of the settled months
//! (see `crate::settled`).

use uuid::Uuid;

use super::cadence::LastFinished;
use crate::eligibility::{Group, Pick};
use crate::id_map::{IdMap, IdSet};
use crate::model::{Case, CaseKind, Dataset, Revisit};
use crate::settled::Settled;

pub(super) struct Scope<'a> {
    /// Cases whose case revisits are worked out.
    pub cases: Vec<&'a Case>,
    /// Every signing case: annual revisits follow them (rule 16).
    pub signing: Vec<&'a Case>,
    /// The records of both lists, and every started record without a case
    /// (all records when every record is read).
    pub revisits: Vec<&'a Revisit>,
    /// `None` when every held record is read; else what is known of the others.
    pub known: Option<Known<'a>>,
    /// What is known of the settled months, whose records are not held.
    pub settled: &'a Settled,
}

/// What is known of the records a working-out does not read.
pub(super) struct Known<'a> {
    /// The picks of the cases outside the groups to select again.
    pub picks: &'a IdMap<Uuid, Pick>,
    /// The groups a write may have changed.
    pub regroup: &'a IdSet<Group>,
    /// Every household's last finished cadence revisits (rule 16).
    pub last_finished: &'a LastFinished,
}

impl<'a> Scope<'a> {
    pub fn all(data: &'a Dataset, settled: &'a Settled) -> Self {
        Scope {
            cases: data.cases.iter().collect(),
            signing: data.cases.iter().filter(|c| c.kind == CaseKind::Signing).collect(),
            revisits: data.revisits.iter().collect(),
            known: None,
            settled,
        }
    }

    pub fn is_all(&self) -> bool {
        self.known.is_none()
    }
}
