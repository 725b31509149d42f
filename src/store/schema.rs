//! The database layout. rexie's builder deletes any store it is not told
//! about, so every version lists every store.

use rexie::{Index, ObjectStore, Rexie, RexieBuilder};

pub const DB_NAME: &str = "huifang";
pub const SCHEMA_VERSION: u32 = 1;

pub const META: &str = "meta";
pub const CUSTOMERS: &str = "customers";
pub const CASES: &str = "cases";
pub const REVISITS: &str = "revisits";

/// The stores holding office records (everything except `meta`).
pub const RECORD_STORES: [&str; 3] = [CUSTOMERS, CASES, REVISITS];

pub fn builder(name: &str) -> RexieBuilder {
    Rexie::builder(name)
        .version(SCHEMA_VERSION)
        .add_object_store(ObjectStore::new(META).key_path("key"))
        .add_object_store(ObjectStore::new(CUSTOMERS).key_path("id"))
        .add_object_store(
            ObjectStore::new(CASES)
                .key_path("id")
                .add_index(Index::new("customer_id", "customer_id"))
                .add_index(Index::new("completed_on", "completed_on")),
        )
        .add_object_store(ObjectStore::new(REVISITS).key_path("id").add_index(Index::new("case_id", "case_id")))
}
