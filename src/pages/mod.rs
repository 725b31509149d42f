//! One file per screen.

mod complaints;
mod customers;
mod data;
mod record;
mod report;
mod revisit;
mod today;

pub use complaints::ComplaintsPage;
pub use customers::CustomersPage;
pub use data::DataPage;
pub use record::RecordPage;
pub use report::ReportPage;
pub use revisit::RevisitPage;
pub use today::TodayPage;
