//! 回访台 Revisit Desk — the domain, with no web dependencies.
//!
//! Everything here is pure: "today" and "now" are always parameters, so every
//! rule can be tested natively and gives the same answer for the same data.
//! Rule numbers in comments and tests refer to `shared/DOMAIN.md`.

pub mod backup;
pub mod calendar;
pub mod contact;
pub mod eligibility;
#[cfg(test)]
mod engine_digests;
pub mod id_map;
pub mod migrate;
pub mod model;
pub mod policy;
pub mod record_search;
pub mod report;
pub mod retention;
pub mod review;
pub mod safety;
#[cfg(any(test, feature = "sample"))]
pub mod sample;
pub mod scheduler;
pub mod settings;
pub mod settled;
pub mod spreadsheet;
pub mod validation;

pub use calendar::YearMonth;
pub use model::{
    Case, CaseKind, Channel, Customer, Dataset, Method, Revisit, Role, Satisfaction, Severity, Staff, Subject, Unit,
};
