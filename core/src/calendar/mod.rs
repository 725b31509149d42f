//! Calendar arithmetic the rules need: due dates, months and working days.

mod official_holidays;
pub mod text;
mod working_days;

pub use working_days::{WorkCalendar, WorkCalendarError};

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month, the unit of the monthly report (DOMAIN "Statistics").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a month in the form YYYY-MM: {0:?}")]
pub struct YearMonthParseError(pub String);

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self { year: date.year(), month: date.month() }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date.year() == self.year && date.month() == self.month
    }

    pub fn first_day(self) -> NaiveDate {
        // Constructed only through `new`/`of`/`from_str`, which check the month.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = YearMonthParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || YearMonthParseError(s.to_owned());
        let (y, m) = s.trim().split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(err());
        }
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        Self::new(year, month).ok_or_else(err)
    }
}

/// `date` plus `days` calendar days; `None` only past chrono's year range.
pub fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(chrono::Days::new(u64::from(days)))
}

/// Signed number of calendar days from `from` to `to`.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_month_parses_and_prints_as_yyyy_mm() {
        let m: YearMonth = "2026-11".parse().unwrap();
        assert_eq!(m, YearMonth { year: 2026, month: 11 });
        assert_eq!(m.to_string(), "2026-11");
    }

    #[test]
    fn malformed_months_are_refused() {
        for bad in ["2026-13", "2026-00", "26-11", "2026/11", "", "2026-1", "abcd-ef"] {
            assert!(bad.parse::<YearMonth>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn a_month_contains_exactly_its_own_days() {
        let m = YearMonth::of(d("2026-02-10"));
        assert!(m.contains(d("2026-02-01")));
        assert!(m.contains(d("2026-02-28")));
        assert!(!m.contains(d("2026-03-01")));
        assert!(!m.contains(d("2025-02-10")));
    }

    #[test]
    fn adding_days_crosses_month_and_year_ends() {
        assert_eq!(add_days(d("2026-12-30"), 3), Some(d("2027-01-02")));
        assert_eq!(add_days(d("2028-02-27"), 3), Some(d("2028-03-01")));
        assert_eq!(days_between(d("2026-11-23"), d("2026-11-26")), 3);
        assert_eq!(days_between(d("2026-11-26"), d("2026-11-23")), -3);
    }
}
