//! The handling rate (rule 9, 002 四.4.4): every issue a customer raises in
//! a revisit gets an answer.

use serde::Serialize;
use uuid::Uuid;

use crate::model::RevisitResult;

/// Issues raised in revisits completed in the month, and how many have an answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Handling {
    pub raised: u32,
    pub answered: u32,
    /// Revisits of the month with an issue still unanswered, by id.
    pub unanswered: Vec<Uuid>,
}

impl Handling {
    /// answered / raised in permille; `None` when nothing was raised.
    pub fn rate_permille(&self) -> Option<u32> {
        super::tally::permille(self.answered, self.raised)
    }

    pub(crate) fn add(&mut self, revisit_id: Uuid, result: &RevisitResult) {
        let answered = result.issues.iter().filter(|i| i.answer.is_some()).count() as u32;
        let raised = result.issues.len() as u32;
        self.raised += raised;
        self.answered += answered;
        if answered < raised {
            self.unanswered.push(revisit_id);
        }
    }

    /// Sorted so the report does not depend on storage order.
    pub(crate) fn finish(mut self) -> Self {
        self.unanswered.sort_unstable();
        self
    }
}
