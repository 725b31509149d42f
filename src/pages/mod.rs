//! One file per screen.

mod complaints;
mod customers;
mod data;
mod revisit;
mod tally;
mod today;

pub use complaints::ComplaintsPage;
pub use customers::CustomersPage;
pub use data::DataPage;
pub use revisit::RevisitPage;
pub use tally::TallyPage;
pub use today::TodayPage;
