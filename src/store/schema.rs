//! The database layout. rexie's builder deletes any store it is not told
//! about and has no upgrade hook, so every version lists every store, and
//! data migrations run after opening (see `migrations`).
//!
//! - v1: meta, customers, cases, revisits: one row per record.
//! - v2: + staff, open_letters, signatures; revisits indexed by customer and
//!   due date; settings kept in meta.
//! - v3: records kept in buckets (see `bucket`): one `*_buckets` store per
//!   entity, with multiEntry indexes for the queries (customer, case, due
//!   date, status, month, completion date, revisit of a signature). The
//!   one-row-per-record stores of v1/v2 stay listed, emptied by the
//!   `buckets_v3` migration, so an older database can still be read.
//! - v4: 1,024 buckets for revisits and signatures (same stores and
//!   indexes); the `buckets_v4` migration moves their records to their new
//!   buckets. The version rises so an app still on 256 buckets can't open
//!   the database and write a revisit into the wrong bucket.
//! - v5: the query indexes of cases and revisits dropped (rexie deletes the
//!   indexes a version no longer lists), and the `rows_v5` migration strips
//!   their key lists from the rows. The app reads every case and revisit
//!   at start and never queried them, while keeping them up made a restore
//!   of 20,000 households take 12.1 s instead of 7.7 s, and every start
//!   read 700,000 keys. Signatures keep theirs: deleting a revisit finds
//!   its signatures by it.
//! - v6: + the settled tier (`huifang_core::settled`): `settled_case_buckets`
//!   and `settled_revisit_buckets` hold the cases and records of settled
//!   months that left the working set, in rows keyed by month (see
//!   `settled::row_key`), each indexed by household; `month_digests` holds
//!   each settled month's digest. A start reads the working stores and the
//!   digests only.

use rexie::{Index, ObjectStore, Rexie, RexieBuilder};

pub const DB_NAME: &str = "huifang";
pub const SCHEMA_VERSION: u32 = 6;

pub const META: &str = "meta";

// v1/v2 stores: one row per record (read only by the migrations).
pub const CUSTOMERS: &str = "customers";
pub const CASES: &str = "cases";
pub const REVISITS: &str = "revisits";
pub const STAFF: &str = "staff";
pub const OPEN_LETTERS: &str = "open_letters";
pub const SIGNATURES: &str = "signatures";
/// The v1/v2 record stores, emptied since v3.
pub const ROW_STORES: [&str; 6] = [CUSTOMERS, CASES, REVISITS, STAFF, OPEN_LETTERS, SIGNATURES];

// v3 stores: records in buckets.
pub const CUSTOMER_BUCKETS: &str = "customer_buckets";
pub const CASE_BUCKETS: &str = "case_buckets";
pub const REVISIT_BUCKETS: &str = "revisit_buckets";
pub const STAFF_BUCKETS: &str = "staff_buckets";
pub const OPEN_LETTER_BUCKETS: &str = "open_letter_buckets";
pub const SIGNATURE_BUCKETS: &str = "signature_buckets";
/// The stores holding office records.
pub const RECORD_STORES: [&str; 6] =
    [CUSTOMER_BUCKETS, CASE_BUCKETS, REVISIT_BUCKETS, STAFF_BUCKETS, OPEN_LETTER_BUCKETS, SIGNATURE_BUCKETS];

// v6 stores: the settled tier.
pub const SETTLED_CASE_BUCKETS: &str = "settled_case_buckets";
pub const SETTLED_REVISIT_BUCKETS: &str = "settled_revisit_buckets";
pub const MONTH_DIGESTS: &str = "month_digests";
/// The settled tier's record stores, each with a multiEntry index by
/// household (`customer_id`).
pub const SETTLED_STORES: [&str; 2] = [SETTLED_CASE_BUCKETS, SETTLED_REVISIT_BUCKETS];
pub const BY_HOUSEHOLD: &str = "customer_id";

/// The query indexes of each bucket store: (store, index names). Each index
/// is multiEntry over the row's list of that key (see `bucket::Stored`).
pub const QUERY_INDEXES: [(&str, &[&str]); 1] = [(SIGNATURE_BUCKETS, &["revisit_id"])];

/// The query indexes of v3 and v4, dropped by v5 but for the signatures'.
pub const V4_QUERY_INDEXES: [(&str, &[&str]); 3] = [
    (CASE_BUCKETS, &["customer_id", "completed_on", "status", "month"]),
    (REVISIT_BUCKETS, &["case_id", "customer_id", "due_on", "status", "month"]),
    QUERY_INDEXES[0],
];

/// Every store of the current version, for transactions that also touch
/// settings or migrations.
pub const ALL_STORES: [&str; 16] = [
    META,
    CUSTOMERS,
    CASES,
    REVISITS,
    STAFF,
    OPEN_LETTERS,
    SIGNATURES,
    CUSTOMER_BUCKETS,
    CASE_BUCKETS,
    REVISIT_BUCKETS,
    STAFF_BUCKETS,
    OPEN_LETTER_BUCKETS,
    SIGNATURE_BUCKETS,
    SETTLED_CASE_BUCKETS,
    SETTLED_REVISIT_BUCKETS,
    MONTH_DIGESTS,
];

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
    let b = b
        .add_object_store(
            ObjectStore::new(REVISITS)
                .key_path("id")
                .add_index(Index::new("case_id", "case_id"))
                .add_index(Index::new("customer_id", "customer_id"))
                .add_index(Index::new("due_on", "due_on")),
        )
        .add_object_store(ObjectStore::new(STAFF).key_path("id"))
        .add_object_store(ObjectStore::new(OPEN_LETTERS).key_path("id"))
        .add_object_store(
            ObjectStore::new(SIGNATURES).key_path("id").add_index(Index::new("revisit_id", "revisit_id")),
        );
    if version < 3 {
        return b;
    }
    let query_indexes = if version < 5 { &V4_QUERY_INDEXES[..] } else { &QUERY_INDEXES[..] };
    let b = RECORD_STORES.into_iter().fold(b, |b, name| {
        let indexes = query_indexes.iter().find(|(store, _)| *store == name).map_or(&[][..], |(_, i)| *i);
        b.add_object_store(buckets(name, indexes))
    });
    if version < 6 {
        return b;
    }
    let b = SETTLED_STORES.into_iter().fold(b, |b, name| b.add_object_store(buckets(name, &[BY_HOUSEHOLD])));
    b.add_object_store(ObjectStore::new(MONTH_DIGESTS).key_path("month"))
}

/// A store of bucket rows with multiEntry `indexes` over their key lists.
fn buckets(name: &str, indexes: &[&str]) -> ObjectStore {
    indexes
        .iter()
        .fold(ObjectStore::new(name).key_path("bucket"), |s, i| s.add_index(Index::new(i, i).multi_entry(true)))
}
