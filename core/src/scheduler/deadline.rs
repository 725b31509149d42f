//! Due dates from spans (rule 15): working days go through the office's
//! calendar, and a count through a year it has no holidays for is flagged.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use crate::calendar::WorkCalendar;
use crate::policy::Span;

pub(super) struct Deadlines<'a> {
    pub calendar: &'a WorkCalendar,
    /// Years a working-day count passed through without an entered schedule.
    pub missing_years: BTreeSet<i32>,
}

impl<'a> Deadlines<'a> {
    pub fn new(calendar: &'a WorkCalendar) -> Self {
        Deadlines { calendar, missing_years: BTreeSet::new() }
    }

    /// `from` plus `span`, noting uncovered years for working days.
    pub fn after(&mut self, span: Span, from: NaiveDate) -> Option<NaiveDate> {
        let due = span.after(from, self.calendar)?;
        self.counted(span, from, due);
        Some(due)
    }

    /// Notes that `span` was counted from `from` to `to` (a window computed
    /// elsewhere). Every year the count passed through matters, not only
    /// the one it lands in: an unknown holiday there would shift the date.
    pub fn counted(&mut self, span: Span, from: NaiveDate, to: NaiveDate) {
        if !matches!(span, Span::WorkingDays(_)) {
            return;
        }
        for year in from.year()..=to.year() {
            if !self.calendar.covers(year) {
                self.missing_years.insert(year);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rule_15_working_days_into_an_unentered_year_are_flagged() {
        let cal = WorkCalendar::official();
        let mut dl = Deadlines::new(&cal);
        assert_eq!(dl.after(Span::WorkingDays(5), d("2026-12-28")), Some(d("2027-01-04")));
        assert_eq!(dl.missing_years, BTreeSet::from([2027]));
    }

    #[test]
    fn rule_15_calendar_days_and_covered_years_are_not_flagged() {
        let cal = WorkCalendar::official();
        let mut dl = Deadlines::new(&cal);
        dl.after(Span::Days(10), d("2026-12-28"));
        dl.after(Span::Months(1), d("2026-12-28"));
        dl.after(Span::WorkingDays(5), d("2026-09-30"));
        assert!(dl.missing_years.is_empty());
    }
}
