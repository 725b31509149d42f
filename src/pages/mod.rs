//! One file per screen.

mod complaints;
mod customers;
mod data;

pub use complaints::ComplaintsPage;
pub use customers::CustomersPage;
pub use data::DataPage;
