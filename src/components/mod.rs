//! Widgets shared by several screens.

mod attempt_log;
mod choice;
mod complaint_summary;
mod field_errors;
mod nav_bar;
mod notice_bar;
mod result_form;
mod signature_pad;
mod staff_select;
mod table_head;
mod tally_table;
mod task_summary;
mod with_data;

pub use attempt_log::AttemptLog;
pub use choice::Choice;
pub use complaint_summary::ComplaintSummary;
pub use field_errors::FieldErrors;
pub use nav_bar::NavBar;
pub use notice_bar::NoticeBar;
pub use result_form::ResultForm;
pub use signature_pad::SignaturePad;
pub use staff_select::StaffSelect;
pub use table_head::TableHead;
pub use tally_table::{TallyLine, TallyTable};
pub use task_summary::TaskSummary;
pub use with_data::WithData;
