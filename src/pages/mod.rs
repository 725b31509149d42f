//! One file per screen.

mod cases;
mod customers;
mod data;

pub use cases::CasesPage;
pub use customers::CustomersPage;
pub use data::DataPage;
