//! A length of time as offices state it: days, working days or months.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{add_days, WorkCalendar};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "n")]
pub enum Span {
    Days(u32),
    /// Rule 15: counted on the office's working-day calendar.
    WorkingDays(u32),
    /// Calendar months; the 31st falls back to the month's last day.
    Months(u32),
}

impl Span {
    /// `date` plus this span; `None` only past chrono's range.
    pub fn after(self, date: NaiveDate, calendar: &WorkCalendar) -> Option<NaiveDate> {
        match self {
            Span::Days(n) => add_days(date, n),
            Span::WorkingDays(n) => calendar.add_working_days(date, n),
            Span::Months(n) => date.checked_add_months(Months::new(n)),
        }
    }

    pub fn is_zero(self) -> bool {
        matches!(self, Span::Days(0) | Span::WorkingDays(0) | Span::Months(0))
    }
}
