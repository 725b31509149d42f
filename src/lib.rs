//! 回访台 Revisit Desk — the browser app: storage and screens over `huifang-core`.

pub mod app;
pub mod backup_reminder;
pub mod clock;
pub mod components;
pub mod crypto;
pub mod device;
mod event_loop;
pub mod files;
pub mod i18n;
pub mod navigation;
pub mod pages;
pub mod sheets;
pub mod state;
pub mod storage_health;
pub mod store;
pub mod tabs;

/// Mounts the app on the page.
pub fn start() {
    // A bug's panic message in the console while developing. The release
    // build leaves it out: formatting panic messages costs 3 KB of the
    // tablet's download, and a panic still stops the app with a trap.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
