//! The database layout. rexie's builder deletes any store it is not told
//! about and has no upgrade hook, so every version lists every store, and
//! data migrations run after opening (see `migrations`).
//!
//! - v1: meta, customers, cases, revisits.
//! - v2: + staff, open_letters, signatures; revisits indexed by customer and
//!   due date; settings kept in meta.

use rexie::{Index, ObjectStore, Rexie, RexieBuilder};

pub const DB_NAME: &str = "huifang";
pub const SCHEMA_VERSION: u32 = 2;

pub const META: &str = "meta";
pub const CUSTOMERS: &str = "customers";
pub const CASES: &str = "cases";
pub const REVISITS: &str = "revisits";
pub const STAFF: &str = "staff";
pub const OPEN_LETTERS: &str = "open_letters";
pub const SIGNATURES: &str = "signatures";

/// The stores holding office records (everything except `meta`).
pub const RECORD_STORES: [&str; 6] = [CUSTOMERS, CASES, REVISITS, STAFF, OPEN_LETTERS, SIGNATURES];
/// Every store, for transactions that also touch settings or migrations.
pub const ALL_STORES: [&str; 7] = [META, CUSTOMERS, CASES, REVISITS, STAFF, OPEN_LETTERS, SIGNATURES];

pub fn builder(name: &str) -> RexieBuilder {
    builder_at(name, SCHEMA_VERSION)
}

/// The layout of an earlier `version`, so tests can create old databases.
pub fn builder_at(name: &str, version: u32) -> RexieBuilder {
    let b = Rexie::builder(name)
        .version(version)
        .add_object_store(ObjectStore::new(META).key_path("key"))
        .add_object_store(ObjectStore::new(CUSTOMERS).key_path("id"))
        .add_object_store(
            ObjectStore::new(CASES)
                .key_path("id")
                .add_index(Index::new("customer_id", "customer_id"))
                .add_index(Index::new("completed_on", "completed_on")),
        );
    if version < 2 {
        return b
            .add_object_store(ObjectStore::new(REVISITS).key_path("id").add_index(Index::new("case_id", "case_id")));
    }
    b.add_object_store(
        ObjectStore::new(REVISITS)
            .key_path("id")
            .add_index(Index::new("case_id", "case_id"))
            .add_index(Index::new("customer_id", "customer_id"))
            .add_index(Index::new("due_on", "due_on")),
    )
    .add_object_store(ObjectStore::new(STAFF).key_path("id"))
    .add_object_store(ObjectStore::new(OPEN_LETTERS).key_path("id"))
    .add_object_store(ObjectStore::new(SIGNATURES).key_path("id").add_index(Index::new("revisit_id", "revisit_id")))
}
