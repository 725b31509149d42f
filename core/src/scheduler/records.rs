//! Started revisits: an unfinished record is the task in progress. It
//! keeps its due date, assignee and attempts, and is never dropped: when
//! the rules no longer ask for it, it is listed anyway, and when it can't
//! be listed the plan warns.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::assign::superiors;
use super::draft::{Context, Draft};
use super::methods;
use super::task::{PlanWarning, Reason, TaskKey};
use crate::model::{Cadence, Revisit, Role};
use crate::policy::PolicyKey;

/// Attaches every unfinished record to its task in `drafts`.
pub(super) fn attach<'a>(
    ctx: &Context<'a>,
    drafts: &mut BTreeMap<TaskKey, Draft<'a>>,
    warnings: &mut BTreeSet<PlanWarning>,
) {
    let mut leftover = Vec::new();
    for (key, record) in started(ctx, warnings) {
        match drafts.get_mut(&key) {
            Some(d) => follow(d, record),
            None => leftover.push((key, record)),
        }
    }
    // A cadence record started for an earlier due date (settings changed
    // since) stands in for the occurrence the rules now compute.
    let mut slots: BTreeMap<(Uuid, Cadence), TaskKey> = drafts
        .iter()
        .filter(|(_, d)| d.record.is_none())
        .filter_map(|(k, _)| match *k {
            TaskKey::Cadence { customer_id, cadence, .. } => Some(((customer_id, cadence), *k)),
            TaskKey::Case { .. } => None,
        })
        .collect();
    for (key, record) in leftover {
        let slot = match key {
            TaskKey::Cadence { customer_id, cadence, .. } => slots.remove(&(customer_id, cadence)),
            TaskKey::Case { .. } => None,
        };
        let mut d = match slot.and_then(|k| drafts.remove(&k)) {
            Some(d) => d,
            None => orphan(ctx, key, record),
        };
        d.key = key;
        follow(&mut d, record);
        drafts.insert(key, d);
    }
}

/// Unfinished records by key, one per key (the earliest started; the
/// others are reported). Cases answered by an open letter are reported too.
fn started<'a>(ctx: &Context<'a>, warnings: &mut BTreeSet<PlanWarning>) -> Vec<(TaskKey, &'a Revisit)> {
    let mut by_key: BTreeMap<TaskKey, Vec<&'a Revisit>> = BTreeMap::new();
    for r in ctx.data.revisits.iter().filter(|r| !r.is_finished()) {
        let key = match (r.case_id, r.cadence) {
            (Some(case_id), _) => {
                if let Some((letter_id, _)) = ctx.exemptions.open_letter(case_id) {
                    warnings.insert(PlanWarning::StartedButAnsweredByOpenLetter { record_id: r.id, letter_id });
                    continue;
                }
                TaskKey::Case { case_id, round: r.round, escalation: r.escalation }
            }
            (None, Some(cadence)) => TaskKey::Cadence { customer_id: r.customer_id, cadence, due_on: r.due_on },
            (None, None) => {
                warnings.insert(PlanWarning::RecordWithoutCaseOrCadence { record_id: r.id });
                continue;
            }
        };
        by_key.entry(key).or_default().push(r);
    }
    let mut out = Vec::with_capacity(by_key.len());
    for (key, mut records) in by_key {
        records.sort_by_key(|r| (r.created_at, r.id));
        let Some((kept, others)) = records.split_first() else { continue };
        if !others.is_empty() {
            let others = others.iter().map(|r| r.id).collect();
            warnings.insert(PlanWarning::DuplicateStartedRecords { key, kept: kept.id, others });
        }
        out.push((key, *kept));
    }
    out
}

/// The record is the task: its due date was fixed when it was started.
fn follow<'a>(d: &mut Draft<'a>, record: &'a Revisit) {
    d.due_on = record.due_on;
    d.opens_on = d.opens_on.min(record.due_on);
    d.parent_id = record.parent_id.or(d.parent_id);
    d.record = Some(record);
}

/// A started record the rules no longer ask for (its case became exempt,
/// a reply date was edited, the customer's class changed…).
fn orphan<'a>(ctx: &Context<'a>, key: TaskKey, record: &'a Revisit) -> Draft<'a> {
    let case = record.case_id.and_then(|id| ctx.index.cases.get(&id).copied());
    let policy = match key {
        TaskKey::Case { .. } => case.and_then(|c| ctx.case_policy(c)),
        TaskKey::Cadence { cadence: Cadence::AnnualSigned, .. } => ctx.policy(PolicyKey::Signing),
        TaskKey::Cadence { cadence: Cadence::Sales, .. } => None,
    };
    let sales = match key {
        TaskKey::Cadence { cadence: Cadence::Sales, customer_id, .. } => ctx
            .index
            .customers
            .get(&customer_id)
            .and_then(|c| c.sales_class)
            .and_then(|class| ctx.data.settings.policies.sales(class)),
        _ => None,
    };
    let (roles, methods) = match (policy, sales) {
        (Some(p), _) => {
            let first = p.roles.first().copied().unwrap_or(Role::PropertyAssistant);
            let roles = if record.escalation { superiors(first) } else { p.roles.clone() };
            (roles, methods::for_round(p, record.round, record.escalation))
        }
        (None, Some(s)) => (s.roles.clone(), s.methods.clone()),
        (None, None) => (vec![Role::PropertyAssistant], methods::FALLBACK.to_vec()),
    };
    Draft {
        key,
        case,
        customer_id: record.customer_id,
        round: record.round,
        parent_id: record.parent_id,
        opens_on: record.due_on,
        due_on: record.due_on,
        roles,
        methods,
        reasons: vec![Reason::StartedThoughNoLongerDue],
        record: Some(record),
    }
}
