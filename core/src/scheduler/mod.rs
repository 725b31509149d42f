//! The revisit scheduler: from the office's records and "today", which
//! revisits are open, when each is due, who should do it, how, and why.
//!
//! Pure and deterministic: the same data in any storage order gives the
//! same plan. It builds its lookups once and stays linear in the records.
//!
//! - `rounds`: case revisits, further rounds and escalations (rules 1–4, 7–11, 14)
//! - `cadence`: recurring revisits that follow the customer (rule 16)
//! - `records`: started revisits, never dropped; `history`: one pass over the records
//! - `assign`: who (rules 1–3, 13, workload); `methods`: how (rules 7, 12)
//! - `deadline`: working-day due dates and the calendar's gaps (rule 15)
//! - `unaffected`: the writes after which the plan stays as it is
//! - `planner`: the plan kept between writes, worked out again over only
//!   the cases a write may change (`scope`)
//! - `settle`: the records of settled months that leave memory (`crate::settled`)

mod assign;
mod cadence;
mod deadline;
mod draft;
mod history;
mod methods;
mod planner;
mod records;
mod rounds;
mod scope;
mod settle;
mod task;
mod unaffected;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use uuid::Uuid;

pub use planner::Planner;
pub use settle::{last_settled_month, settle, settle_until, SETTLES_AFTER_MONTHS};
pub use task::{Plan, PlanWarning, PlannedRevisit, Reason, TaskKey, Urgency};
pub use unaffected::keeps_plan;

use task::KeyOrder;

use crate::eligibility::Pick;
use crate::model::{AttemptOutcome, Dataset};
use crate::settled::Settled;
use assign::{Assigner, Request};
use deadline::Deadlines;
use draft::{Context, Draft};
use scope::Scope;

/// Every open revisit on `today`, earliest due first (then by key).
pub fn plan(data: &Dataset, today: NaiveDate) -> Plan {
    plan_beyond(data, &Settled::default(), today)
}

/// [`plan`] over the working set `data` and the settled months: the same
/// plan as over all their records together (see `crate::settled`).
pub fn plan_beyond(data: &Dataset, settled: &Settled, today: NaiveDate) -> Plan {
    plan_over(data, &Scope::all(data, settled), today).0
}

/// The plan from the records in `scope`, and the picks it made by case id.
fn plan_over<'a>(data: &'a Dataset, scope: &'a Scope<'a>, today: NaiveDate) -> (Plan, Vec<(Uuid, Pick)>) {
    let ctx = Context::new(data, scope);
    let mut deadlines = Deadlines::new(&data.settings.calendar);
    let mut warnings = BTreeSet::new();
    let (mut drafts, picks) = rounds::case_drafts(&ctx, &mut deadlines);
    drafts.extend(cadence::cadence_drafts(&ctx, &mut deadlines));
    // Positions by key (drafts are large, so they stay put). Keys repeat
    // only if the data repeats an id; the first one stands.
    let mut keyed: Vec<(KeyOrder, usize)> = drafts.iter().enumerate().map(|(i, d)| (d.key.order(), i)).collect();
    keyed.sort_unstable();
    keyed.dedup_by_key(|(k, _)| *k);
    let standing = records::attach(&ctx, &mut drafts, &keyed, &mut warnings);
    let mut due_order: Vec<((NaiveDate, KeyOrder), usize)> =
        standing.into_iter().map(|i| ((drafts[i].due_on, drafts[i].key.order()), i)).collect();
    due_order.sort_unstable();

    // Assigned in plan order, so the workload spread is reproducible.
    let mut assigner = Assigner::new(&data.staff);
    let items = due_order.iter().map(|&(_, i)| finish(&ctx, &mut assigner, &drafts[i], today)).collect();

    warnings.extend(assigner.missing_roles.iter().map(|&role| PlanWarning::NoStaffForRole { role }));
    warnings.extend(deadlines.missing_years.iter().map(|&year| PlanWarning::CalendarMissingYear { year }));
    (Plan { items, warnings: warnings.into_iter().collect() }, picks)
}

/// Gives a draft its person and the methods this customer accepts.
fn finish(ctx: &Context<'_>, assigner: &mut Assigner<'_>, d: &Draft<'_>, today: NaiveDate) -> PlannedRevisit {
    let customer = ctx.index.customers.get(&d.customer_id);
    let mut reasons = Vec::with_capacity(4 + d.also.len());
    d.why.push_reasons(&mut reasons);
    for why in &d.also {
        why.push_reasons(&mut reasons);
    }
    let request = Request {
        roles: &d.roles,
        building: customer.map(|c| c.unit.building.as_str()),
        involved: d.case.map_or(&[], |c| c.staff_involved.as_slice()),
        started_by: d.record.and_then(|r| r.assignee_id),
        not_by: d.not_by,
    };
    let assignment = assigner.assign(&request, &mut reasons);
    let contact = customer.map(|c| c.contact).unwrap_or_default();
    let (methods, preference_applied) = methods::for_customer(d.methods, contact);
    if preference_applied {
        reasons.push(Reason::NoCallsPreference);
    }
    let (case_id, escalation, cadence) = match d.key {
        TaskKey::Case { case_id, escalation, .. } => (Some(case_id), escalation, None),
        TaskKey::Cadence { cadence, .. } => (None, false, Some(cadence)),
    };
    let attempts = d.record.map_or(0, |r| r.attempts.iter().filter(|a| a.outcome != AttemptOutcome::Reached).count());
    PlannedRevisit {
        key: d.key,
        case_id,
        customer_id: d.customer_id,
        round: d.round,
        escalation,
        cadence,
        parent_id: d.parent_id,
        record_id: d.record.map(|r| r.id),
        opens_on: d.opens_on,
        due_on: d.due_on,
        urgency: Urgency::of(d.due_on, today),
        role: assignment.role,
        assignee: assignment.assignee,
        methods,
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        reasons,
    }
}
