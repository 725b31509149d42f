//! One file per screen.

mod cases;
mod customers;
mod data;
mod letters;
mod settings;
mod staff;

pub use cases::CasesPage;
pub use customers::CustomersPage;
pub use data::DataPage;
pub use letters::LettersPage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
