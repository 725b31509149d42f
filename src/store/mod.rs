//! IndexedDB storage through `rexie`: a thin layer that turns the domain
//! records into rows and back. All rules live in `huifang-core`.

mod bulk;
mod database;
mod error;
pub mod schema;

pub use bulk::Progress;
pub use database::{Database, RetentionError};
pub use error::StoreError;
