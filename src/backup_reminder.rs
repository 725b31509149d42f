//! When this device last exported a backup, kept in localStorage. The
//! reminder rule itself is `huifang_core::safety::backup_age`.

use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use huifang_core::safety::{backup_age, BackupAge};

const KEY: &str = "huifang.last_backup";

thread_local! {
    // Bumped on each recorded backup, so what shows the age updates at once.
    static RECORDED: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// Notes a successful export made at `at`.
pub fn record_backup(at: DateTime<Utc>) {
    // Without localStorage the reminder cannot be kept; the backup itself is fine.
    let _ = LocalStorage::set(KEY, at);
    RECORDED.with(|r| r.update(|n| *n += 1));
}

/// The last recorded backup (reactive: updates after [`record_backup`]).
pub fn last_backup() -> Option<DateTime<Utc>> {
    RECORDED.with(|r| r.track());
    LocalStorage::get(KEY).ok()
}

/// How old the last backup is at `now`, and whether a reminder is due.
pub fn age(now: DateTime<Utc>) -> BackupAge {
    backup_age(last_backup(), crate::storage_health::marker().as_ref(), now)
}
