//! A task before it has a person and methods for this customer, and the
//! read-only facts every part of the scheduler looks things up in.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::task::{Reason, TaskKey};
use crate::eligibility::Exemptions;
use crate::model::{Case, Dataset, Index, Method, Revisit, Role};
use crate::policy::{Policy, PolicyKey};

pub(super) struct Draft<'a> {
    pub key: TaskKey,
    /// The case, when it still exists (for rule 13's staff involved).
    pub case: Option<&'a Case>,
    pub customer_id: Uuid,
    pub round: u32,
    pub parent_id: Option<Uuid>,
    pub opens_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Roles that may do it, preferred first.
    pub roles: Vec<Role>,
    /// The policy's methods for this round, before the customer's preference.
    pub methods: Vec<Method>,
    /// Why it is due.
    pub reasons: Vec<Reason>,
    /// The started, unfinished record, if any.
    pub record: Option<&'a Revisit>,
}

/// Built once per plan so every lookup is by id (the plan stays linear).
pub(super) struct Context<'a> {
    pub data: &'a Dataset,
    pub index: Index<'a>,
    pub exemptions: Exemptions,
    /// One policy per key: the office's, or the shipped default if lost.
    policies: BTreeMap<PolicyKey, Policy>,
}

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        let policies = PolicyKey::ALL.into_iter().map(|k| (k, data.settings.policies.get(k))).collect();
        Context { data, index: Index::new(data), exemptions: Exemptions::new(data), policies }
    }

    pub fn policy(&self, key: PolicyKey) -> Option<&Policy> {
        self.policies.get(&key)
    }

    pub fn case_policy(&self, case: &Case) -> Option<&Policy> {
        PolicyKey::of(case).and_then(|k| self.policy(k))
    }

    /// The case's records (in storage order: callers must not depend on it).
    pub fn records_of(&self, case_id: Uuid) -> &[&'a Revisit] {
        self.index.revisits_by_case.get(&case_id).map_or(&[], Vec::as_slice)
    }

    /// The role of whoever did `record`: the staff named on the result,
    /// else its assignee, else `expected`.
    pub fn done_by(&self, record: &Revisit, expected: Role) -> Role {
        record
            .result
            .as_ref()
            .and_then(|r| r.staff_id)
            .or(record.assignee_id)
            .and_then(|id| self.index.staff.get(&id))
            .map_or(expected, |s| s.role)
    }
}

/// The day a finished record ended: the visit, or the closure.
pub(super) fn finished_on(record: &Revisit) -> Option<NaiveDate> {
    record.result.as_ref().map(|r| r.visited_on).or(record.closure.as_ref().map(|c| c.on))
}
