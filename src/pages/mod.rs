//! One file per screen.

mod cases;
mod customers;
mod data;
mod letters;
mod record;
mod records;
mod report;
mod revisit;
mod settings;
mod staff;
mod today;

pub use cases::CasesPage;
pub use customers::CustomersPage;
pub use data::DataPage;
pub use letters::LettersPage;
pub use record::RecordPage;
pub use records::RecordsPage;
pub use report::ReportPage;
pub use revisit::RevisitPage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
pub use today::TodayPage;
