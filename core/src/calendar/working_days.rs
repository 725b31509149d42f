//! The office's working-day calendar (DOMAIN rule 15): weekends off,
//! official holidays off, swapped weekend working days (调休) on. Editable,
//! because schedules are published year by year and offices add closures.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::official_holidays::{HOLIDAYS, SWAPPED_WORKDAYS, YEARS};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkCalendar {
    /// Official days off and office closures, with their name (a holiday
    /// period may include weekend days).
    pub holidays: BTreeMap<NaiveDate, String>,
    /// Weekend days that are working days (调休), with the holiday they pay for.
    pub swapped_workdays: BTreeMap<NaiveDate, String>,
    /// Years whose official schedule has been entered.
    pub years: BTreeSet<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkCalendarError {
    #[error("{0} is already a holiday; a day cannot be both")]
    AlreadyHoliday(NaiveDate),
    #[error("{0} is already a swapped working day; a day cannot be both")]
    AlreadyWorkday(NaiveDate),
    #[error("{0} is a weekday, so it is a working day already")]
    NotAWeekend(NaiveDate),
    #[error("a name is required")]
    NameRequired,
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl WorkCalendar {
    /// The shipped official schedule (see `official_holidays`).
    pub fn official() -> Self {
        let mut cal = Self::default();
        for &(name, year, m1, d1, m2, d2) in HOLIDAYS {
            let (Some(first), Some(last)) =
                (NaiveDate::from_ymd_opt(year, m1, d1), NaiveDate::from_ymd_opt(year, m2, d2))
            else {
                continue;
            };
            for day in first.iter_days().take_while(|d| *d <= last) {
                cal.holidays.insert(day, name.to_owned());
            }
        }
        for &(name, year, m, d) in SWAPPED_WORKDAYS {
            if let Some(day) = NaiveDate::from_ymd_opt(year, m, d) {
                cal.swapped_workdays.insert(day, name.to_owned());
            }
        }
        cal.years.extend(YEARS);
        cal
    }

    /// Whether the schedule for `year` is known; if not, working-day
    /// deadlines in that year count weekends only, and the app says so.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.swapped_workdays.contains_key(&date) {
            return true;
        }
        !is_weekend(date) && !self.holidays.contains_key(&date)
    }

    /// The `n`-th working day after `start` ("within 5 working days" of a
    /// signing on `start` is due by `add_working_days(start, 5)`). With
    /// `n == 0`, `start` itself if it is a working day, else the next one.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = start;
        if n == 0 {
            while !self.is_working_day(day) {
                day = day.succ_opt()?;
            }
            return Some(day);
        }
        let mut left = n;
        while left > 0 {
            day = day.succ_opt()?;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// Marks `date` a day off (an official holiday or an office closure).
    pub fn add_holiday(&mut self, date: NaiveDate, name: &str) -> Result<(), WorkCalendarError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(WorkCalendarError::NameRequired);
        }
        if self.swapped_workdays.contains_key(&date) {
            return Err(WorkCalendarError::AlreadyWorkday(date));
        }
        self.holidays.insert(date, name.to_owned());
        Ok(())
    }

    /// Marks a weekend `date` a working day (调休).
    pub fn add_swapped_workday(&mut self, date: NaiveDate, name: &str) -> Result<(), WorkCalendarError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(WorkCalendarError::NameRequired);
        }
        if !is_weekend(date) {
            return Err(WorkCalendarError::NotAWeekend(date));
        }
        if self.holidays.contains_key(&date) {
            return Err(WorkCalendarError::AlreadyHoliday(date));
        }
        self.swapped_workdays.insert(date, name.to_owned());
        Ok(())
    }

    /// Returns `date` to the plain weekday/weekend rule.
    pub fn clear(&mut self, date: NaiveDate) {
        self.holidays.remove(&date);
        self.swapped_workdays.remove(&date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rule_15_official_2026_holidays_are_days_off() {
        let cal = WorkCalendar::official();
        for day in [
            "2026-01-01",
            "2026-02-16",
            "2026-02-23",
            "2026-04-06",
            "2026-05-05",
            "2026-06-19",
            "2026-09-25",
            "2026-10-07",
        ] {
            assert!(!cal.is_working_day(d(day)), "{day} is a public holiday");
        }
        assert_eq!(cal.holidays[&d("2026-02-17")], "春节");
    }

    #[test]
    fn rule_15_swapped_weekend_days_are_working_days() {
        let cal = WorkCalendar::official();
        for day in cal.swapped_workdays.keys() {
            assert!(is_weekend(*day), "{day}: a swapped working day is always a weekend day");
            assert!(cal.is_working_day(*day), "{day} is a 调休 working day");
        }
        assert_eq!(cal.swapped_workdays.len(), 6);
    }

    #[test]
    fn rule_15_the_2026_schedule_matches_the_chinese_holiday_crate_day_by_day() {
        // That crate carries the State Council notices up to 2026-12-25.
        let cal = WorkCalendar::official();
        let mut day = d("2026-01-01");
        while day <= d("2026-12-25") {
            let theirs = chinese_holiday::chinese_holiday(chinese_holiday::Ymd::new(
                day.year() as u16,
                day.month() as u8,
                day.day() as u8,
            ));
            assert_eq!(cal.is_working_day(day), theirs.is_workday(), "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn rule_15_five_working_days_skip_the_national_day_week() {
        // Signed on Wednesday 2026-09-30: Oct 1–7 are off, Sat Oct 10 is a
        // swapped working day, so the five are Oct 8, 9, 10, 12, 13.
        let cal = WorkCalendar::official();
        assert_eq!(cal.add_working_days(d("2026-09-30"), 5), Some(d("2026-10-13")));
    }

    #[test]
    fn rule_15_three_working_days_over_a_plain_weekend() {
        let cal = WorkCalendar::official();
        // Friday 2026-11-20 → Mon 23, Tue 24, Wed 25.
        assert_eq!(cal.add_working_days(d("2026-11-20"), 3), Some(d("2026-11-25")));
        assert_eq!(cal.add_working_days(d("2026-11-21"), 0), Some(d("2026-11-23")));
    }

    #[test]
    fn the_shipped_schedule_says_which_years_it_covers() {
        let cal = WorkCalendar::official();
        assert!(cal.covers(2026));
        assert!(!cal.covers(2027), "2027's notice is not in the shipped table yet");
    }

    #[test]
    fn the_office_can_edit_the_calendar_but_not_into_contradictions() {
        let mut cal = WorkCalendar::official();
        cal.add_holiday(d("2026-12-31"), "公司年会").unwrap();
        assert!(!cal.is_working_day(d("2026-12-31")));
        assert_eq!(cal.add_swapped_workday(d("2026-12-30"), "x"), Err(WorkCalendarError::NotAWeekend(d("2026-12-30"))));
        assert_eq!(cal.add_holiday(d("2026-10-10"), "x"), Err(WorkCalendarError::AlreadyWorkday(d("2026-10-10"))));
        assert_eq!(
            cal.add_swapped_workday(d("2026-10-03"), "x"),
            Err(WorkCalendarError::AlreadyHoliday(d("2026-10-03")))
        );
        assert_eq!(cal.add_holiday(d("2026-12-29"), "  "), Err(WorkCalendarError::NameRequired));
        cal.clear(d("2026-12-31"));
        assert!(cal.is_working_day(d("2026-12-31")));
    }

    proptest! {
        /// No working-day due date ever falls on a holiday or a plain weekend.
        #[test]
        fn no_working_day_due_date_falls_on_a_day_off(offset in 0u32..730, n in 0u32..30) {
            let cal = WorkCalendar::official();
            let start = d("2025-12-01").checked_add_days(chrono::Days::new(u64::from(offset))).unwrap();
            let due = cal.add_working_days(start, n).unwrap();
            prop_assert!(cal.is_working_day(due));
            prop_assert!(!cal.holidays.contains_key(&due));
            prop_assert!(due >= start);
            // Exactly n working days lie after start up to and including due.
            let counted = start.iter_days().skip(1).take_while(|x| *x <= due).filter(|x| cal.is_working_day(*x)).count();
            if n > 0 { prop_assert_eq!(counted, n as usize); }
        }
    }
}
