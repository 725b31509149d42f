//! One file per screen.

mod cases;
mod customers;
mod data;
mod staff;

pub use cases::CasesPage;
pub use customers::CustomersPage;
pub use data::DataPage;
pub use staff::StaffPage;
