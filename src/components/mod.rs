//! Widgets shared by several screens.

mod attempt_log;
mod backup_export;
mod backup_import;
mod case_fields;
mod case_form;
mod case_handling;
mod case_list;
mod checks;
mod choice;
mod close_task;
mod complaint_summary;
mod customer_form;
mod customer_list;
mod dialog;
mod field_errors;
mod import_preview;
mod nav_bar;
mod notice_bar;
mod pager;
mod passphrase_prompt;
mod pick_list;
mod record_retention;
mod result_form;
mod safety_banner;
pub mod settings;
mod signature_pad;
mod staff_select;
mod storage_health;
mod table_head;
mod tally_table;
mod task_summary;
mod with_data;

pub use attempt_log::AttemptLog;
pub use backup_export::{BackupExport, APP_VERSION};
pub use backup_import::BackupImport;
pub use case_fields::{CaseChoices, CaseFields};
pub use case_form::{case_line, customer_line, household, CaseForm};
pub use case_handling::{Handling, RequestRevisit};
pub use case_list::CaseList;
pub use checks::Checks;
pub use choice::Choice;
pub use close_task::CloseTask;
pub use complaint_summary::ComplaintSummary;
pub use customer_form::{CustomerFields, CustomerForm};
pub use customer_list::CustomerList;
pub use dialog::{close_dialog, show_dialog};
pub use field_errors::{ErrorList, FieldErrors};
pub use nav_bar::NavBar;
pub use notice_bar::NoticeBar;
pub use pager::{digest, first_page_on, matches_search, page_range, Pager, SearchBox, PER_PAGE};
pub use passphrase_prompt::PassphrasePrompt;
pub use pick_list::PickList;
pub use record_retention::{refusal_text, RecordRetention};
pub use result_form::ResultForm;
pub use safety_banner::SafetyBanner;
pub use signature_pad::SignaturePad;
pub use staff_select::StaffSelect;
pub use storage_health::StorageHealth;
pub use table_head::TableHead;
pub use tally_table::{TallyLine, TallyTable};
pub use task_summary::TaskSummary;
pub use with_data::{Loaded, WithData};

/// Brings the form at the top of a screen into view (after "Edit" on a list row).
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
