//! Dates and times as the forms and lists write them: "2026-11-23",
//! "17:05", "2026-11-23 17:05", and the time input's "2026-11-23T17:05".
//!
//! Written out here rather than through chrono's `format`/`parse_from_str`:
//! the patterns never change, and chrono's strftime interpreter is several
//! kilobytes of the tablet's download. Dates go through chrono's own
//! `YYYY-MM-DD` reader and writer.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// A date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

/// A time of day written `HH:MM` (seconds may follow).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    text.trim().parse().ok()
}

/// A date and time as a `datetime-local` input gives it: `YYYY-MM-DDTHH:MM`.
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    Some(parse_date(date)?.and_time(parse_time(time)?))
}

/// `at` as `HH:MM`.
pub fn time_text(at: impl Timelike) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// `at` as `YYYY-MM-DD HH:MM`, for lists and records.
pub fn date_time_text(at: NaiveDateTime) -> String {
    format!("{} {}", at.date(), time_text(at))
}

/// `at` as a `datetime-local` input's value, `YYYY-MM-DDTHH:MM`.
pub fn date_time_input(at: NaiveDateTime) -> String {
    format!("{}T{}", at.date(), time_text(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        parse_date_time(text).unwrap()
    }

    #[test]
    fn texts_read_back_as_what_they_were_written_from() {
        let t = at("2026-03-07T08:05");
        assert_eq!(date_time_input(t), "2026-03-07T08:05");
        assert_eq!(date_time_text(t), "2026-03-07 08:05");
        assert_eq!(time_text(t), "08:05");
        assert_eq!(parse_time("08:05"), Some(t.time()));
        assert_eq!(parse_date(" 2026-03-07 "), Some(t.date()));
    }

    #[test]
    fn impossible_dates_and_times_are_refused() {
        for bad in ["2026-02-30", "2026-13-01", "20260307", "", "2026-03"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for bad in ["24:00", "12:60", "1205", "", "12"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        for bad in ["2026-03-07 08:05", "2026-03-07T", "T08:05", "2026-02-30T08:05"] {
            assert_eq!(parse_date_time(bad), None, "{bad}");
        }
    }
}
