//! The State Council's public-holiday schedule (国务院办公厅关于部分节假日安排的通知),
//! as shipped defaults of the office's editable working-day calendar.
//!
//! 2026: notice of 2025-11-04. Checked day by day against the
//! `chinese_holiday` crate in the tests. 2027 is added when its notice is
//! published; until then `WorkCalendar::covers(2027)` is false and the
//! office can enter the days itself.

/// (name, year, first month, first day, last month, last day) of each holiday period.
pub(super) const HOLIDAYS: &[(&str, i32, u32, u32, u32, u32)] = &[
    ("元旦", 2026, 1, 1, 1, 3),
    ("春节", 2026, 2, 15, 2, 23),
    ("清明节", 2026, 4, 4, 4, 6),
    ("劳动节", 2026, 5, 1, 5, 5),
    ("端午节", 2026, 6, 19, 6, 21),
    ("中秋节", 2026, 9, 25, 9, 27),
    ("国庆节", 2026, 10, 1, 10, 7),
];

/// Weekend days made working days (调休): (name of the holiday they pay for, year, month, day).
pub(super) const SWAPPED_WORKDAYS: &[(&str, i32, u32, u32)] = &[
    ("元旦", 2026, 1, 4),
    ("春节", 2026, 2, 14),
    ("春节", 2026, 2, 28),
    ("劳动节", 2026, 5, 9),
    ("国庆节", 2026, 9, 20),
    ("国庆节", 2026, 10, 10),
];

/// Years whose official schedule is in the tables above.
pub(super) const YEARS: &[i32] = &[2026];
