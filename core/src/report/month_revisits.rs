//! The revisits done in the report's month (dissatisfied list, handling
//! rate) and quarter (repair sample), gathered revisit by revisit during
//! the report's one pass over all of them.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::{dissatisfied, last_day, repair_sample, DissatisfiedEntry, Handling};
use crate::calendar::YearMonth;
use crate::model::{Dataset, Revisit, Satisfaction};

pub(crate) struct MonthRevisits<'a> {
    month: (NaiveDate, NaiveDate),
    quarter: (NaiveDate, NaiveDate),
    /// Completed in the month with the customer dissatisfied.
    dissatisfied: Vec<&'a Revisit>,
    /// Every later round or child revisit: what a dissatisfied one may have led to.
    later: Vec<&'a Revisit>,
    handling: Handling,
    /// Case revisits completed in the quarter, as (revisit id, case id).
    in_quarter: Vec<(Uuid, Uuid)>,
    reviews: Reviews,
}

/// Rule 6: of the records finished (completed or closed) in the month, how
/// many the supervisor has signed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reviews {
    pub finished: u32,
    pub reviewed: u32,
}

impl<'a> MonthRevisits<'a> {
    pub fn new(month: YearMonth) -> Self {
        let (q_first, q_last) = repair_sample::quarter_of(month);
        MonthRevisits {
            month: (month.first_day(), last_day(month)),
            quarter: (q_first.first_day(), last_day(q_last)),
            dissatisfied: Vec::new(),
            later: Vec::new(),
            handling: Handling::default(),
            in_quarter: Vec::new(),
            reviews: Reviews::default(),
        }
    }

    pub fn visit(&mut self, r: &'a Revisit) {
        if r.round > 1 || r.parent_id.is_some() {
            self.later.push(r);
        }
        if r.finished_on().is_some_and(|on| self.month.0 <= on && on <= self.month.1) {
            self.reviews.finished += 1;
            self.reviews.reviewed += u32::from(r.review.is_some());
        }
        let Some(res) = &r.result else { return };
        let on = res.visited_on;
        if self.month.0 <= on && on <= self.month.1 {
            self.handling.add(r.id, res);
            if res.satisfaction == Satisfaction::Dissatisfied {
                self.dissatisfied.push(r);
            }
        }
        if let Some(case_id) = r.case_id.filter(|_| self.quarter.0 <= on && on <= self.quarter.1) {
            self.in_quarter.push((r.id, case_id));
        }
    }

    /// The dissatisfied list, the handling rate, the repair sample and the reviews.
    pub fn finish(self, data: &Dataset, today: NaiveDate) -> (Vec<DissatisfiedEntry>, Handling, Vec<Uuid>, Reviews) {
        let sample = repair_sample::quarter_sample(self.in_quarter, data);
        (dissatisfied::entries(&self.dissatisfied, &self.later, today), self.handling.finish(), sample, self.reviews)
    }
}
