//! IndexedDB storage through `rexie`: a thin layer that turns the domain
//! records into rows and back. All rules live in `huifang-core`.

mod backup_text;
mod bucket;
mod bulk;
mod database;
mod error;
mod load;
mod migrations;
mod query;
pub mod schema;
mod settled;

pub use backup_text::StoredRecords;
pub use bucket::{bucket_of, Stored};
pub use bulk::Progress;
pub use database::{Database, RetentionError};
pub use error::StoreError;
pub use settled::{row_key, SettledRecords, SETTLED_BUCKETS};
