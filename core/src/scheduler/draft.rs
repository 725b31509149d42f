//! A task before it has a person and methods for this customer, and the
//! read-only facts every part of the scheduler looks things up in.

use std::borrow::Cow;

use chrono::NaiveDate;
use uuid::Uuid;

use super::history::History;
use super::scope::Scope;
use super::task::{Reason, TaskKey};
use crate::eligibility::{Exemptions, Pick};
use crate::model::{Case, CaseKind, Dataset, Index, Method, Revisit, Role, SalesClass};
use crate::policy::{Policy, PolicyKey};

/// Allocation-free until the plan is built: roles and methods borrow from
/// the policies, and the reasons are kept compact (100,000 tasks).
pub(super) struct Draft<'c> {
    pub key: TaskKey,
    /// The case, when it still exists (for rule 13's staff involved).
    pub case: Option<&'c Case>,
    pub customer_id: Uuid,
    pub round: u32,
    pub parent_id: Option<Uuid>,
    pub opens_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Roles that may do it, preferred first.
    pub roles: Cow<'c, [Role]>,
    /// The policy's methods for this round, before the customer's preference.
    pub methods: &'c [Method],
    /// Why it is due; `also` when several finished rounds asked for it.
    pub why: Why<'c>,
    pub also: Vec<Why<'c>>,
    /// The started, unfinished record, if any.
    pub record: Option<&'c Revisit>,
    /// Who did the round that escalated, for the superior's revisit (rule 14).
    pub not_by: Option<Uuid>,
}

/// Why a task is due, compactly; see [`Reason`] for what each means.
#[derive(Debug, Clone, Copy)]
pub(super) enum Why<'c> {
    FirstRound { policy: &'c Policy, kind: CaseKind, anchor_on: NaiveDate, pick: Pick },
    NextRound { parent: Uuid, reply_by: NaiveDate },
    Escalated { from_role: Role },
    Sales { class: SalesClass, last: Option<NaiveDate>, holiday: Option<&'c str> },
    AnnualSigned { last: NaiveDate },
    NoLongerDue,
}

impl Why<'_> {
    pub fn push_reasons(&self, out: &mut Vec<Reason>) {
        match *self {
            Why::FirstRound { policy, kind, anchor_on, pick } => {
                out.push(Reason::Anchor {
                    kind,
                    policy_key: policy.key,
                    anchor: policy.anchor,
                    on: anchor_on,
                    opens_after: policy.opens_after,
                    due_within: policy.due_within,
                });
                out.push(Reason::Picked(pick));
            }
            Why::NextRound { parent, reply_by } => out.push(Reason::NextRound { parent, reply_by }),
            Why::Escalated { from_role } => out.push(Reason::Escalated { from_role }),
            Why::Sales { class, last, holiday } => {
                out.push(Reason::SalesCadence { class, last });
                if let Some(name) = holiday {
                    out.push(Reason::Holiday { name: name.to_owned() });
                }
            }
            Why::AnnualSigned { last } => out.push(Reason::AnnualSigned { last }),
            Why::NoLongerDue => out.push(Reason::StartedThoughNoLongerDue),
        }
    }
}

/// Built once per plan so every lookup is by id (the plan stays linear).
pub(super) struct Context<'a> {
    pub data: &'a Dataset,
    /// The cases and records this working-out reads.
    pub scope: &'a Scope<'a>,
    pub index: Index<'a>,
    pub exemptions: Exemptions,
    pub history: History<'a>,
    /// One policy per key, by `PolicyKey::index`: the office's, or the
    /// shipped default if lost.
    policies: [Policy; PolicyKey::ALL.len()],
}

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset, scope: &'a Scope<'a>) -> Self {
        let policies = PolicyKey::ALL.map(|k| data.settings.policies.get(k));
        // Signing cases are all in `cases` when every record is read.
        let cases: Vec<&Case> = if scope.is_all() {
            scope.cases.clone()
        } else {
            scope.cases.iter().chain(&scope.signing).copied().collect()
        };
        let index = Index::over(data, cases.into_iter(), scope.revisits.iter().copied());
        let history = History::new(scope.revisits.iter().copied());
        let exemptions = Exemptions::beyond(data, scope.settled);
        Context { data, scope, index, exemptions, history, policies }
    }

    pub fn policy(&self, key: PolicyKey) -> Option<&Policy> {
        self.policies.get(key.index())
    }

    pub fn case_policy(&self, case: &Case) -> Option<&Policy> {
        PolicyKey::of(case).and_then(|k| self.policy(k))
    }

    /// The case's records (in storage order: callers must not depend on it).
    pub fn records_of(&self, case_id: Uuid) -> &[&'a Revisit] {
        self.index.revisits_by_case.get(&case_id).map_or(&[], Vec::as_slice)
    }

    /// Whether the case's first round is finished. Asked only of started
    /// cases, whose records are few: cheaper than gathering every case's.
    pub fn first_round_done(&self, case_id: Uuid) -> bool {
        self.records_of(case_id).iter().any(|r| r.is_finished() && r.round == 1 && !r.escalation)
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
    record.finished_on()
}
