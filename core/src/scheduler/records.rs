//! Started revisits: an unfinished record is the task in progress. It
//! keeps its due date, assignee and attempts, and is never dropped: when
//! the rules no longer ask for it, it is listed anyway, and when it can't
//! be listed the plan warns.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::id_map::IdMap;

use uuid::Uuid;

use super::assign::superiors;
use super::draft::{Context, Draft, Why};
use super::methods;
use super::task::{KeyOrder, PlanWarning, TaskKey};
use crate::model::{Cadence, Method, Revisit, Role};
use crate::policy::PolicyKey;

/// Attaches every unfinished record to its task. `keyed` lists the drafts
/// that stand, by key order; records the rules no longer ask for are
/// appended to `drafts`. Returns the positions of the tasks that stand.
pub(super) fn attach<'c>(
    ctx: &'c Context<'_>,
    drafts: &mut Vec<Draft<'c>>,
    keyed: &[(KeyOrder, usize)],
    warnings: &mut BTreeSet<PlanWarning>,
) -> Vec<usize> {
    let mut leftover = Vec::new();
    for (key, record) in started(ctx, warnings) {
        match keyed.binary_search_by_key(&key.order(), |(k, _)| *k) {
            Ok(at) => follow(&mut drafts[keyed[at].1], record),
            Err(_) => leftover.push((key, record)),
        }
    }
    // A cadence record started for an earlier due date (settings changed
    // since) stands in for the occurrence the rules now compute.
    let mut slots: IdMap<(Uuid, Cadence), usize> = keyed
        .iter()
        .filter_map(|&(_, i)| match (drafts[i].key, drafts[i].record) {
            (TaskKey::Cadence { customer_id, cadence, .. }, None) => Some(((customer_id, cadence), i)),
            _ => None,
        })
        .collect();
    let mut standing: Vec<usize> = keyed.iter().map(|&(_, i)| i).collect();
    for (key, record) in leftover {
        let slot = match key {
            TaskKey::Cadence { customer_id, cadence, .. } => slots.remove(&(customer_id, cadence)),
            TaskKey::Case { .. } => None,
        };
        match slot {
            Some(i) => {
                drafts[i].key = key;
                follow(&mut drafts[i], record);
            }
            None => {
                standing.push(drafts.len());
                drafts.push(orphan(ctx, key, record));
            }
        }
    }
    standing
}

/// Unfinished records by key, one per key (the earliest started; the
/// others are reported), sorted by key. Cases answered by an open letter
/// are reported too.
fn started<'c>(ctx: &'c Context<'_>, warnings: &mut BTreeSet<PlanWarning>) -> Vec<(TaskKey, &'c Revisit)> {
    let mut open: Vec<(TaskKey, &'c Revisit)> = Vec::with_capacity(ctx.history.open.len());
    for &r in &ctx.history.open {
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
        open.push((key, r));
    }
    open.sort_unstable_by_key(|(k, r)| (k.order(), r.created_at, r.id.as_u128()));
    let mut out = Vec::with_capacity(open.len());
    for group in open.chunk_by(|a, b| a.0 == b.0) {
        let Some(((key, kept), others)) = group.split_first() else { continue };
        if !others.is_empty() {
            let others = others.iter().map(|(_, r)| r.id).collect();
            warnings.insert(PlanWarning::DuplicateStartedRecords { key: *key, kept: kept.id, others });
        }
        out.push((*key, *kept));
    }
    out
}

/// The record is the task: its due date was fixed when it was started.
fn follow<'c>(d: &mut Draft<'c>, record: &'c Revisit) {
    d.due_on = record.due_on;
    d.opens_on = d.opens_on.min(record.due_on);
    d.parent_id = record.parent_id.or(d.parent_id);
    d.record = Some(record);
}

/// A started record the rules no longer ask for (its case became exempt,
/// a reply date was edited, the customer's class changed…).
fn orphan<'c>(ctx: &'c Context<'_>, key: TaskKey, record: &'c Revisit) -> Draft<'c> {
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
    let (roles, methods): (Cow<'c, [Role]>, &'c [Method]) = match (policy, sales) {
        (Some(p), _) => {
            let first = p.roles.first().copied().unwrap_or(Role::PropertyAssistant);
            let roles = if record.escalation { Cow::Owned(superiors(first)) } else { Cow::Borrowed(&p.roles[..]) };
            (roles, methods::for_round(p, record.round, record.escalation))
        }
        (None, Some(s)) => (Cow::Borrowed(&s.roles[..]), &s.methods[..]),
        (None, None) => (Cow::Borrowed(&[Role::PropertyAssistant][..]), &methods::FALLBACK[..]),
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
        why: Why::NoLongerDue,
        also: Vec::new(),
        record: Some(record),
        not_by: None,
    }
}
