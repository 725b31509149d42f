//! What happened to one eligible case: reached or not, on time, overdue,
//! its latest result and who it is attributed to.

use chrono::NaiveDate;
use uuid::Uuid;

use super::tally::CaseFigures;
use crate::eligibility::Eligible;
use crate::model::{ClosureReason, Revisit, RevisitResult};
use crate::policy::Percent;

/// A case's figures and the staff member its row is attributed to.
pub(crate) struct CaseOutcome {
    pub figures: CaseFigures,
    pub owner: Option<Uuid>,
}

/// The facts the report needs about one eligible case besides its records.
pub(crate) struct CaseFacts {
    /// The open letter's date, when one answered the case (rule 8).
    pub letter_sent_on: Option<NaiveDate>,
    /// On the revisit list (required, sampled, started, requested or letter).
    pub picked: bool,
    pub target: Percent,
}

/// Orders a case's completed records so the latest round wins; the revisit
/// id breaks ties so storage order never matters.
fn completed_key<'r>(r: &'r Revisit, res: &'r RevisitResult) -> impl Ord + 'r {
    (r.round, res.visited_on, res.at, r.id)
}

pub(crate) fn outcome(e: &Eligible<'_>, records: &[&Revisit], facts: &CaseFacts, today: NaiveDate) -> CaseOutcome {
    let completed = records.iter().filter_map(|r| r.result.as_ref().map(|res| (*r, res)));
    let latest = completed.clone().max_by(|a, b| completed_key(a.0, a.1).cmp(&completed_key(b.0, b.1)));
    let first_reached = completed.map(|(_, res)| res.visited_on).min();
    // The round-1 record keeps the due date it was started with, so "on
    // time" survives later policy edits; before it exists, the policy window.
    let first_round = records.iter().filter(|r| r.round <= 1).min_by_key(|r| (r.created_at, r.id));
    let due_on = first_round.map_or(e.window.due_on, |r| r.due_on);

    let revisited = latest.is_some() || facts.letter_sent_on.is_some();
    let answered_on = match (first_reached, facts.letter_sent_on) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let finished = records.iter().any(|r| r.is_finished());
    // A task the supervisor closed as missed stays overdue in its month:
    // closing old work must not make the figures look better.
    let missed = records.iter().any(|r| r.closure.as_ref().is_some_and(|c| c.reason == ClosureReason::Missed));
    let not_done = !finished || (missed && !revisited);
    let overdue = facts.picked && facts.letter_sent_on.is_none() && not_done && due_on < today;
    let on_time = answered_on.is_some_and(|d| d <= due_on);

    // The person who reached the customer last, else whoever holds the
    // latest task; letters and untouched cases belong to no one.
    let owner = match latest {
        Some((r, res)) => res.staff_id.or(r.assignee_id),
        None => records.iter().max_by_key(|r| (r.round, r.created_at, r.id)).and_then(|r| r.assignee_id),
    };
    CaseOutcome {
        figures: CaseFigures {
            revisited,
            on_time,
            late: revisited && !on_time,
            overdue,
            closed: finished && !revisited,
            // A reached customer's own answer beats the letter: it carries satisfaction.
            by_letter: latest.is_none() && facts.letter_sent_on.is_some(),
            satisfaction: latest.map(|(_, res)| res.satisfaction),
            target: facts.target,
        },
        owner,
    }
}
