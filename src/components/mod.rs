//! Widgets shared by several screens.

mod case_fields;
mod case_form;
mod case_handling;
mod case_list;
mod checks;
mod choice;
mod customer_form;
mod customer_list;
mod field_errors;
mod nav_bar;
mod notice_bar;
mod pick_list;
pub mod settings;
mod table_head;
mod with_data;

pub use case_fields::CaseFields;
pub use case_form::{case_line, household, CaseForm};
pub use case_handling::{Handling, RequestRevisit};
pub use case_list::CaseList;
pub use checks::Checks;
pub use choice::Choice;
pub use customer_form::{CustomerFields, CustomerForm};
pub use customer_list::CustomerList;
pub use field_errors::FieldErrors;
pub use nav_bar::NavBar;
pub use notice_bar::NoticeBar;
pub use pick_list::PickList;
pub use table_head::TableHead;
pub use with_data::WithData;

/// Brings the form at the top of a screen into view (after "Edit" on a list row).
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
