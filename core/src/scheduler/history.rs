//! What the records say, read in one pass in storage order: 200,000
//! records are too many to visit one pointer at a time. Which finished
//! rounds ask for more, which records are started, and the finished
//! cadence revisits.

use uuid::Uuid;

use crate::model::Revisit;

pub(super) struct History<'a> {
    /// Cases where a finished round asked for another or for the superior, sorted.
    pub asking: Vec<Uuid>,
    /// Unfinished records, in storage order.
    pub open: Vec<&'a Revisit>,
    /// Finished cadence revisits, in storage order.
    pub cadence_done: Vec<&'a Revisit>,
}

impl<'a> History<'a> {
    pub fn new(revisits: impl Iterator<Item = &'a Revisit>) -> Self {
        let mut h = History { asking: Vec::new(), open: Vec::new(), cadence_done: Vec::new() };
        // Sorted as integers: the same order as `Uuid`'s, without a byte
        // comparison per step.
        let mut asking: Vec<u128> = Vec::new();
        for r in revisits {
            if !r.is_finished() {
                h.open.push(r);
                continue;
            }
            match r.case_id {
                Some(case_id) if asks_for_more(r) => asking.push(case_id.as_u128()),
                Some(_) => {}
                None if r.cadence.is_some() => h.cadence_done.push(r),
                None => {}
            }
        }
        asking.sort_unstable();
        asking.dedup();
        h.asking = asking.into_iter().map(Uuid::from_u128).collect();
        h
    }
}

/// A finished round whose customer is owed another (rule 7) or the
/// superior's revisit (rule 14). Round 0 is not a valid round to follow.
pub(super) fn asks_for_more(r: &Revisit) -> bool {
    r.round > 0 && r.result.as_ref().is_some_and(|x| x.reply_by.is_some() || x.escalate)
}
