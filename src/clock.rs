//! The one place the app reads the clock; the result is passed into core.

use chrono::{DateTime, NaiveDate, Utc};

/// Today's date on this device's calendar (the office's local day).
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        // The browser's Date always yields a real calendar day.
        .unwrap_or(NaiveDate::MIN)
}

/// The current instant, for record timestamps.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
