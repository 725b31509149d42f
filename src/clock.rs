//! The one place the app reads the clock; the result is passed into core.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Today's date on this device's calendar (the office's local day).
pub fn today() -> NaiveDate {
    local_now().date()
}

/// The current instant, for record timestamps.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// `at` on this device's wall clock, e.g. "2026-11-23 17:05", for showing
/// record times to staff.
pub fn local_text(at: DateTime<Utc>) -> String {
    let offset_minutes =
        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.timestamp_millis() as f64)).get_timezone_offset();
    // getTimezoneOffset is UTC minus local, in minutes.
    let local = at.naive_utc() - chrono::Duration::minutes(offset_minutes as i64);
    huifang_core::calendar::text::date_time_text(local)
}

/// The device's wall-clock time now (office local time), for contact
/// attempts and call windows.
pub fn local_now() -> NaiveDateTime {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .and_then(|d| d.and_hms_opt(now.get_hours(), now.get_minutes(), 0))
        // The browser's Date always yields a real calendar day and time.
        .unwrap_or_default()
}
