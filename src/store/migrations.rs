//! Data migrations, run after opening (rexie has no upgrade hook). Each
//! runs once, in one transaction together with the meta record that marks
//! it done: a crash half-way leaves the database as before, and the next
//! opening runs it again from the start.

use std::rc::Rc;

use js_sys::Reflect;
use rexie::TransactionMode;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use huifang_core::migrate;
use huifang_core::model::{Case, Customer, OpenLetter, Revisit, Signature, Staff};

use super::bucket::{self, Stored};
use super::database::{decode, encode, finish, Database};
use super::schema::{
    self, ALL_STORES, CASES, CUSTOMERS, META, OPEN_LETTERS, REVISITS, REVISIT_BUCKETS, SIGNATURES, SIGNATURE_BUCKETS,
    STAFF, V4_QUERY_INDEXES,
};
use super::StoreError;

/// The meta record that says which schema and data migrations this database has.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct SchemaMeta {
    key: String,
    version: u32,
    /// Data migrations already applied (see [`MIGRATIONS`]).
    #[serde(default)]
    migrations: Vec<String>,
}

const SCHEMA_KEY: &str = "schema";

/// Data migrations, in order.
const MIGRATIONS: [&str; 4] = ["revisits_v2", "buckets_v3", "buckets_v4", "rows_v5"];

impl Database {
    async fn schema_meta(&self) -> Result<SchemaMeta, StoreError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadOnly)?;
        let row = tx.store(META)?.get(JsValue::from_str(SCHEMA_KEY)).await?;
        tx.done().await?;
        match row {
            Some(v) if !v.is_undefined() => decode(META, v),
            _ => Ok(SchemaMeta { key: SCHEMA_KEY.into(), ..SchemaMeta::default() }),
        }
    }

    /// Applies the pending migrations, in order; calls `upgrading` first
    /// if there are any and an earlier version stored records here.
    pub(super) async fn migrate(&self, upgrading: &dyn Fn()) -> Result<(), StoreError> {
        let mut meta = self.schema_meta().await?;
        let pending: Vec<&str> =
            MIGRATIONS.into_iter().filter(|name| !meta.migrations.iter().any(|m| m == name)).collect();
        // A new database has no schema row yet (version 0).
        if meta.version > 0 && !pending.is_empty() {
            upgrading();
        }
        for name in pending {
            meta.migrations.push(name.to_owned());
            meta.version = schema::SCHEMA_VERSION;
            let row = encode(&meta)?;
            match name {
                "revisits_v2" => self.migrate_revisits_v2(row).await?,
                "buckets_v3" => self.migrate_buckets_v3(row).await?,
                "buckets_v4" => self.migrate_buckets_v4(row).await?,
                "rows_v5" => self.migrate_rows_v5(row).await?,
                _ => return Err(StoreError::Database(format!("unknown migration {name}"))),
            }
        }
        if meta.version != schema::SCHEMA_VERSION {
            meta.version = schema::SCHEMA_VERSION;
            let row = encode(&meta)?;
            self.write(&[META], |tx| async move {
                tx.store(META)?.put(&row, None).await?;
                Ok(())
            })
            .await?;
        }
        Ok(())
    }

    /// Schema v1 kept only completed revisits with the result at the top
    /// level; v2 rows are tasks with a `result`. Reads, converts (no await
    /// on anything but IndexedDB) and writes in one transaction.
    async fn migrate_revisits_v2(&self, meta_row: JsValue) -> Result<(), StoreError> {
        self.write(&[META, CASES, REVISITS], |tx| async move {
            let cases = tx.store(CASES)?.get_all(None, None).await?;
            let cases: Vec<serde_json::Value> = decode_rows(CASES, cases)?;
            let customer_of_case = migrate::customers_of_cases(&cases);
            let store = tx.store(REVISITS)?;
            for v in store.get_all(None, None).await? {
                let old: serde_json::Value = decode(REVISITS, v)?;
                if !migrate::is_v1_revisit(&old) {
                    continue;
                }
                let new = migrate::revisit_v1_to_v2(old, |c| customer_of_case.get(&c).copied())
                    .map_err(|e| StoreError::Corrupt { store: REVISITS, detail: e.to_string() })?;
                store.put(&encode(&new)?, None).await?;
            }
            tx.store(META)?.put(&meta_row, None).await?;
            Ok(())
        })
        .await
    }

    /// v2 kept one row per record; v3 keeps records in buckets (see
    /// `bucket`). Moves every record and empties the old stores.
    async fn migrate_buckets_v3(&self, meta_row: JsValue) -> Result<(), StoreError> {
        let tx = Rc::new(self.db.transaction(&ALL_STORES, TransactionMode::ReadWrite)?);
        let outcome: Result<(), StoreError> = async {
            move_rows::<Customer>(&tx, CUSTOMERS).await?;
            move_rows::<Case>(&tx, CASES).await?;
            move_rows::<Revisit>(&tx, REVISITS).await?;
            move_rows::<Staff>(&tx, STAFF).await?;
            move_rows::<OpenLetter>(&tx, OPEN_LETTERS).await?;
            move_rows::<Signature>(&tx, SIGNATURES).await?;
            tx.store(META)?.put(&meta_row, None).await?;
            Ok(())
        }
        .await;
        finish(tx, outcome).await
    }

    /// v3 kept 256 buckets per store; v4 keeps 1,024 for revisits and
    /// signatures ([`Stored::BUCKETS`]: a revisit save then rewrites a
    /// quarter of the records it did). Their records move to their new
    /// buckets, in one transaction; the other stores keep their 256, and
    /// the v4 rule puts each of their records where v3 did.
    async fn migrate_buckets_v4(&self, meta_row: JsValue) -> Result<(), StoreError> {
        let stores = [META, REVISIT_BUCKETS, SIGNATURE_BUCKETS];
        let tx = Rc::new(self.db.transaction(&stores, TransactionMode::ReadWrite)?);
        let outcome: Result<(), StoreError> = async {
            rebucket::<Revisit>(&tx).await?;
            rebucket::<Signature>(&tx).await?;
            tx.store(META)?.put(&meta_row, None).await?;
            Ok(())
        }
        .await;
        finish(tx, outcome).await
    }
}

impl Database {
    /// v3 and v4 rows of cases and revisits carried the lists of keys for
    /// their query indexes, which v5 dropped: each row is written again
    /// without them, its records untouched, in one transaction.
    async fn migrate_rows_v5(&self, meta_row: JsValue) -> Result<(), StoreError> {
        // The first two of V4_QUERY_INDEXES: the cases' and the revisits'.
        let dropped = &V4_QUERY_INDEXES[..2];
        let stores = [META, dropped[0].0, dropped[1].0];
        let tx = Rc::new(self.db.transaction(&stores, TransactionMode::ReadWrite)?);
        let outcome: Result<(), StoreError> = async {
            for (name, keys) in dropped {
                let store = tx.store(name)?;
                let rows = store.get_all(None, None).await?;
                for row in &rows {
                    for key in keys.iter() {
                        // Fails only for a value that is no object, which a
                        // store keyed by `bucket` cannot hold.
                        let _ =
                            Reflect::delete_property(row.unchecked_ref::<js_sys::Object>(), &JsValue::from_str(key));
                    }
                }
                store.put_all(rows.into_iter().map(|row| (row, None))).await?;
            }
            tx.store(META)?.put(&meta_row, None).await?;
            Ok(())
        }
        .await;
        finish(tx, outcome).await
    }
}

/// Reads every record of `T`'s bucket store and writes it again, each in
/// the bucket its id gives now.
async fn rebucket<T: Stored>(tx: &rexie::Transaction) -> Result<(), StoreError> {
    let store = tx.store(T::STORE)?;
    let rows = store.get_all(None, None).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut records: Vec<T> = Vec::new();
    bucket::decode_all(&rows, &mut records)?;
    drop(rows);
    store.clear().await?;
    put_buckets(&store, &records).await
}

/// Writes `records` into the empty `store`, a row per bucket.
async fn put_buckets<T: Stored>(store: &rexie::Store, records: &[T]) -> Result<(), StoreError> {
    for (b, group) in bucket::group(records) {
        store.put(&bucket::encode(b, &group)?, None).await?;
    }
    Ok(())
}

/// Moves the rows of the v2 store `from` into `T`'s buckets. The buckets
/// are empty then: this runs at the first opening by v3, before any write.
async fn move_rows<T: Stored>(tx: &rexie::Transaction, from: &'static str) -> Result<(), StoreError> {
    let source = tx.store(from)?;
    let rows = source.get_all(None, None).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let records: Vec<T> = decode_rows(from, rows)?;
    put_buckets(&tx.store(T::STORE)?, &records).await?;
    source.clear().await?;
    Ok(())
}

/// v1/v2 rows (one record each) as `T`.
fn decode_rows<T: DeserializeOwned>(store: &'static str, rows: Vec<JsValue>) -> Result<Vec<T>, StoreError> {
    // One JSON text for the whole store is far quicker than one per row;
    // only if it fails are rows read one by one, to say which is damaged.
    let array: js_sys::Array = rows.iter().collect();
    let whole = js_sys::JSON::stringify(&array).ok().and_then(|t| t.as_string());
    if let Some(records) = whole.and_then(|text| serde_json::from_str::<Vec<T>>(&text).ok()) {
        return Ok(records);
    }
    rows.into_iter().map(|v| decode(store, v)).collect()
}
