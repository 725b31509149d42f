//! The dissatisfied customers of the month and what was done about them
//! (DOMAIN "Statistics"; rules 7, 9 and 14).

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::id_map::{IdMap, IdSet};
use crate::model::{ClosureReason, RaisedIssue, Revisit, Satisfaction};

/// A revisit completed in the month with the customer dissatisfied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DissatisfiedEntry {
    pub revisit_id: Uuid,
    pub customer_id: Uuid,
    /// `None` for a recurring cadence revisit.
    pub case_id: Option<Uuid>,
    pub round: u32,
    pub visited_on: NaiveDate,
    /// Who did the revisit (the result's staff, else the assignee).
    pub staff_id: Option<Uuid>,
    pub content: String,
    /// Sent to the superior for a second revisit (rule 14).
    pub escalate: bool,
    /// The reply time agreed with the customer (rule 7).
    pub reply_by: Option<NaiveDate>,
    /// What the customer raised, with the answers given so far (rule 9).
    pub issues: Vec<RaisedIssue>,
    /// Later rounds and escalation revisits, in round order.
    pub follow_ups: Vec<FollowUp>,
}

/// A later round or escalation revisit after the dissatisfied one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub revisit_id: Uuid,
    pub round: u32,
    pub escalation: bool,
    pub assignee_id: Option<Uuid>,
    pub status: FollowUpStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum FollowUpStatus {
    Completed { visited_on: NaiveDate, satisfaction: Satisfaction },
    Closed { on: NaiveDate, reason: ClosureReason },
    Open { due_on: NaiveDate, overdue: bool },
}

fn follow_up(r: &Revisit, today: NaiveDate) -> FollowUp {
    let status = match (&r.result, &r.closure) {
        (Some(res), _) => FollowUpStatus::Completed { visited_on: res.visited_on, satisfaction: res.satisfaction },
        (None, Some(c)) => FollowUpStatus::Closed { on: c.on, reason: c.reason },
        (None, None) => FollowUpStatus::Open { due_on: r.due_on, overdue: r.due_on < today },
    };
    FollowUp { revisit_id: r.id, round: r.round, escalation: r.escalation, assignee_id: r.assignee_id, status }
}

/// Whether `later` follows `r`: a later round of the same case, or a
/// revisit that names `r` as its parent (how cadence revisits chain).
fn follows(later: &Revisit, r: &Revisit) -> bool {
    later.id != r.id && (later.parent_id == Some(r.id) || (r.case_id.is_some() && later.round > r.round))
}

/// Builds the entries for the dissatisfied revisits found in the month;
/// `later` holds every revisit of round 2 or more or with a parent (a
/// follow-up is always one of them).
pub(crate) fn entries(found: &[&Revisit], later: &[&Revisit], today: NaiveDate) -> Vec<DissatisfiedEntry> {
    if found.is_empty() {
        return Vec::new();
    }
    let cases: IdSet<u128> = found.iter().filter_map(|r| r.case_id).map(|c| c.as_u128()).collect();
    let cadence: IdSet<u128> = found.iter().filter(|r| r.case_id.is_none()).map(|r| r.id.as_u128()).collect();
    let mut by_case: IdMap<u128, Vec<&Revisit>> = IdMap::default();
    let mut children: IdMap<u128, Vec<&Revisit>> = IdMap::default();
    for &r in later {
        if let Some(c) = r.case_id.map(|c| c.as_u128()).filter(|c| cases.contains(c)) {
            by_case.entry(c).or_default().push(r);
        }
        // Cadence revisits have no case: their follow-ups name them as parent.
        if let Some(p) = r.parent_id.map(|p| p.as_u128()).filter(|p| cadence.contains(p)) {
            children.entry(p).or_default().push(r);
        }
    }
    let mut out: Vec<DissatisfiedEntry> = found
        .iter()
        .filter_map(|r| {
            let res = r.result.as_ref()?;
            let related = match r.case_id {
                Some(case_id) => by_case.get(&case_id.as_u128()),
                None => children.get(&r.id.as_u128()),
            };
            let mut later: Vec<&Revisit> =
                related.into_iter().flatten().copied().filter(|later| follows(later, r)).collect();
            later.sort_by_key(|l| (l.round, l.created_at, l.id));
            Some(DissatisfiedEntry {
                revisit_id: r.id,
                customer_id: r.customer_id,
                case_id: r.case_id,
                round: r.round,
                visited_on: res.visited_on,
                staff_id: res.staff_id.or(r.assignee_id),
                content: res.content.clone(),
                escalate: res.escalate,
                reply_by: res.reply_by,
                issues: res.issues.clone(),
                follow_ups: later.into_iter().map(|l| follow_up(l, today)).collect(),
            })
        })
        .collect();
    out.sort_by_key(|e| (e.visited_on, e.revisit_id));
    out
}
