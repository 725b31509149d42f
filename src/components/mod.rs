//! Widgets shared by several screens.

mod choice;
mod field_errors;
mod nav_bar;
mod notice_bar;
mod table_head;
mod with_data;

pub use choice::Choice;
pub use field_errors::FieldErrors;
pub use nav_bar::NavBar;
pub use notice_bar::NoticeBar;
pub use table_head::TableHead;
pub use with_data::WithData;
