//! Data-safety checks about the browser's storage: when to remind
//! the office to back up, and noticing that the database vanished or was
//! emptied behind the app's back (cleared site data, a reset tablet).
//! Pure: "now" is always a parameter; the app keeps the inputs in
//! localStorage, outside the database they watch over.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A backup older than this many days is due again.
pub const BACKUP_REMINDER_DAYS: i64 = 7;

/// What the app last knew was stored, kept outside IndexedDB so it survives
/// the database being deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// How many records the database held after the last committed write.
    pub records: usize,
    /// When that write was committed.
    pub written_at: DateTime<Utc>,
    /// Since when the database has held records (for the first reminder
    /// when no backup was ever made); `None` while it is empty.
    pub holding_since: Option<DateTime<Utc>>,
}

impl Marker {
    /// The marker after a committed write left `records` records.
    pub fn after_write(previous: Option<&Marker>, records: usize, now: DateTime<Utc>) -> Marker {
        let holding_since = match (records, previous.and_then(|m| m.holding_since)) {
            (0, _) => None,
            (_, Some(since)) => Some(since),
            (_, None) => Some(now),
        };
        Marker { records, written_at: now, holding_since }
    }
}

/// What loading the database found, compared with the marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreCheck {
    /// No marker: this browser never saved anything here (a first-time user).
    FirstUse,
    /// The database holds what the marker leads us to expect.
    Intact,
    /// The marker says there were records, but the database is empty or new:
    /// the browser's data was cleared. Offer a restore from the latest backup.
    Vanished { had: usize, last_write: DateTime<Utc> },
}

/// Compares the marker with the number of records the database holds now.
/// Only an empty database counts as vanished: records deleted one by one
/// are the office's own doing and update the marker as they go.
pub fn check_store(marker: Option<&Marker>, records_now: usize) -> StoreCheck {
    match marker {
        None => StoreCheck::FirstUse,
        Some(m) if m.records > 0 && records_now == 0 => {
            StoreCheck::Vanished { had: m.records, last_write: m.written_at }
        }
        Some(_) => StoreCheck::Intact,
    }
}

/// How old the latest backup is, and whether it is time to make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupAge {
    /// Whole days since the last backup; `None` if none was ever made here.
    pub days: Option<i64>,
    /// Time to remind: records exist and the last backup (or, without one,
    /// the first record) is at least [`BACKUP_REMINDER_DAYS`] old.
    pub due: bool,
}

pub fn backup_age(last_backup: Option<DateTime<Utc>>, marker: Option<&Marker>, now: DateTime<Utc>) -> BackupAge {
    let days_since = |at: DateTime<Utc>| (now - at).num_days().max(0);
    let days = last_backup.map(days_since);
    let holding_since = marker.filter(|m| m.records > 0).and_then(|m| m.holding_since);
    let due = match (holding_since, days) {
        // Nothing stored: nothing to lose yet.
        (None, _) => false,
        (Some(_), Some(d)) => d >= BACKUP_REMINDER_DAYS,
        (Some(since), None) => days_since(since) >= BACKUP_REMINDER_DAYS,
    };
    BackupAge { days, due }
}

/// A byte count for people: "850 B", "12.3 KB", "4.5 MB", "10 GB" (1 KB = 1024 B).
///
/// Worked out in whole tenths: formatting floating-point numbers would
/// bring kilobytes of formatting code into the tablet's download.
pub fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let (mut unit, mut scale) = (0, 1u128);
    while u128::from(bytes) / scale >= 1024 && unit < UNITS.len() - 1 {
        scale *= 1024;
        unit += 1;
    }
    if unit == 0 {
        return format!("{bytes} B");
    }
    // At most 1024 × 10 tenths of the largest unit: printed as u64 (u128's
    // printing is more code to download).
    let tenths = ((u128::from(bytes) * 10 + scale / 2) / scale) as u64;
    if tenths >= 1000 || tenths.is_multiple_of(10) {
        format!("{} {}", ((u128::from(bytes) + scale / 2) / scale) as u64, UNITS[unit])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

/// The share of the quota in use, e.g. "12.5%", "<0.1%" for a sliver; `None`
/// without a quota.
pub fn share_text(usage: u64, quota: u64) -> Option<String> {
    if quota == 0 {
        return None;
    }
    let (usage, quota) = (u128::from(usage), u128::from(quota));
    // Tenths of a percent, rounded to the nearest.
    let permille = ((usage * 1000 + quota / 2) / quota) as u64;
    Some(if usage > 0 && usage * 1000 < quota {
        "<0.1%".to_owned()
    } else {
        format!("{}.{}%", permille / 10, permille % 10)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(day: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap() + Duration::days(day)
    }

    fn marker(records: usize, since: Option<i64>) -> Marker {
        Marker { records, written_at: at(10), holding_since: since.map(at) }
    }

    #[test]
    fn a_first_time_user_has_no_marker_and_sees_no_restore_offer() {
        assert_eq!(check_store(None, 0), StoreCheck::FirstUse);
    }

    #[test]
    fn an_empty_database_after_records_were_saved_has_vanished() {
        let m = marker(42, Some(0));
        assert_eq!(check_store(Some(&m), 0), StoreCheck::Vanished { had: 42, last_write: at(10) });
    }

    #[test]
    fn a_database_with_records_is_intact_even_with_fewer_than_marked() {
        let m = marker(42, Some(0));
        assert_eq!(check_store(Some(&m), 42), StoreCheck::Intact);
        assert_eq!(check_store(Some(&m), 3), StoreCheck::Intact);
    }

    #[test]
    fn a_database_the_office_emptied_itself_is_intact() {
        // "Start fresh" or an empty restore writes a marker with no records.
        let m = Marker::after_write(Some(&marker(42, Some(0))), 0, at(11));
        assert_eq!(check_store(Some(&m), 0), StoreCheck::Intact);
    }

    #[test]
    fn the_marker_remembers_since_when_records_are_held() {
        let first = Marker::after_write(None, 0, at(0));
        assert_eq!(first.holding_since, None);
        let second = Marker::after_write(Some(&first), 1, at(2));
        assert_eq!(second.holding_since, Some(at(2)));
        let third = Marker::after_write(Some(&second), 5, at(9));
        assert_eq!((third.records, third.written_at, third.holding_since), (5, at(9), Some(at(2))));
        assert_eq!(Marker::after_write(Some(&third), 0, at(10)).holding_since, None);
    }

    #[test]
    fn a_backup_is_due_seven_days_after_the_last_one() {
        let m = marker(5, Some(0));
        assert_eq!(backup_age(Some(at(20)), Some(&m), at(26)), BackupAge { days: Some(6), due: false });
        assert_eq!(backup_age(Some(at(20)), Some(&m), at(27)), BackupAge { days: Some(7), due: true });
        // Six days and 23 hours is not yet seven days.
        let almost = at(27) - Duration::hours(1);
        assert!(!backup_age(Some(at(20)), Some(&m), almost).due);
    }

    #[test]
    fn without_any_backup_the_reminder_counts_from_the_first_record() {
        let m = marker(5, Some(3));
        assert_eq!(backup_age(None, Some(&m), at(9)), BackupAge { days: None, due: false });
        assert_eq!(backup_age(None, Some(&m), at(10)), BackupAge { days: None, due: true });
    }

    #[test]
    fn nothing_stored_means_no_reminder() {
        assert!(!backup_age(None, None, at(100)).due);
        assert!(!backup_age(Some(at(0)), Some(&marker(0, None)), at(100)).due);
    }

    #[test]
    fn a_clock_set_back_gives_zero_days_not_negative() {
        assert_eq!(backup_age(Some(at(5)), Some(&marker(1, Some(0))), at(3)).days, Some(0));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(0), "0 B");
        assert_eq!(size_text(850), "850 B");
        assert_eq!(size_text(12_595), "12.3 KB");
        assert_eq!(size_text(4_718_592), "4.5 MB");
        assert_eq!(size_text(10_737_418_240), "10 GB");
        assert_eq!(size_text(1024 * 1024 * 150), "150 MB");
        // Rounded to the nearest tenth; a whole number shows no tenths.
        assert_eq!(size_text(13_260), "12.9 KB");
        assert_eq!(size_text(13_312), "13 KB");
        assert_eq!(size_text(130_000), "127 KB");
        assert_eq!(size_text(1024 * 1024 * 1024 * 1024 * 3 / 2), "1.5 TB");
    }

    #[test]
    fn the_share_of_the_quota_in_use() {
        assert_eq!(share_text(1, 8).as_deref(), Some("12.5%"));
        assert_eq!(share_text(26_808, 10_737_418_240).as_deref(), Some("<0.1%"));
        assert_eq!(share_text(0, 100).as_deref(), Some("0.0%"));
        assert_eq!(share_text(5, 0), None);
    }
}
