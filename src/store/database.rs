use std::rc::Rc;

use rexie::{Rexie, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use huifang_core::model::{Case, Customer, Dataset, Revisit};

use super::schema::{self, CASES, CUSTOMERS, META, RECORD_STORES, REVISITS};
use super::StoreError;

/// An open connection to the office's database.
pub struct Database {
    db: Rexie,
}

fn encode<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    // JSON-compatible: `None` becomes null, maps become plain objects, so the
    // rows look the same in DevTools as in the backup file.
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| StoreError::Encode(e.to_string()))
}

fn decode<T: DeserializeOwned>(store: &'static str, value: JsValue) -> Result<T, StoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StoreError::Corrupt { store, detail: e.to_string() })
}

/// The meta record that says which schema and data migrations this database has.
#[derive(serde::Serialize, serde::Deserialize)]
struct SchemaMeta {
    key: String,
    version: u32,
}

impl Database {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let db = schema::builder(name).build().await.map_err(|e| match StoreError::from(e) {
            StoreError::Database(d) => StoreError::Unavailable(d),
            other => other,
        })?;
        let this = Self { db };
        this.record_schema_version().await?;
        Ok(this)
    }

    pub fn close(self) {
        self.db.close();
    }

    async fn record_schema_version(&self) -> Result<(), StoreError> {
        let meta = encode(&SchemaMeta { key: "schema".into(), version: schema::SCHEMA_VERSION })?;
        self.write(&[META], |tx| async move { tx.store(META)?.put(&meta, None).await.map(|_| ()) }).await
    }

    /// Runs `body` in one read-write transaction over `stores`; commits only
    /// if every request succeeded, otherwise aborts so nothing is half-written.
    async fn write<F, Fut>(&self, stores: &[&str], body: F) -> Result<(), StoreError>
    where
        F: FnOnce(Rc<rexie::Transaction>) -> Fut,
        Fut: std::future::Future<Output = Result<(), rexie::Error>>,
    {
        let tx = Rc::new(self.db.transaction(stores, TransactionMode::ReadWrite)?);
        let outcome = body(tx.clone()).await;
        let tx = Rc::try_unwrap(tx).map_err(|_| StoreError::Database("transaction still in use".into()))?;
        match outcome {
            Ok(()) => {
                let result = tx.done().await?;
                if result.is_committed() {
                    Ok(())
                } else {
                    Err(StoreError::Database("the transaction was aborted".into()))
                }
            }
            Err(e) => {
                // A failed request may already have aborted it; either way nothing was kept.
                let _ = tx.abort().await;
                Err(e.into())
            }
        }
    }

    async fn put<T: Serialize>(&self, store: &'static str, record: &T) -> Result<(), StoreError> {
        let value = encode(record)?;
        self.write(&[store], |tx| async move { tx.store(store)?.put(&value, None).await.map(|_| ()) }).await
    }

    pub async fn put_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        self.put(CUSTOMERS, customer).await
    }

    pub async fn put_case(&self, case: &Case) -> Result<(), StoreError> {
        self.put(CASES, case).await
    }

    pub async fn put_revisit(&self, revisit: &Revisit) -> Result<(), StoreError> {
        self.put(REVISITS, revisit).await
    }

    /// Reads every record in one read-only transaction, so the three lists
    /// are a consistent snapshot.
    pub async fn load(&self) -> Result<Dataset, StoreError> {
        let tx = self.db.transaction(&RECORD_STORES, TransactionMode::ReadOnly)?;
        let customers = tx.store(CUSTOMERS)?.get_all(None, None).await?;
        let cases = tx.store(CASES)?.get_all(None, None).await?;
        let revisits = tx.store(REVISITS)?.get_all(None, None).await?;
        tx.done().await?;
        let mut data = Dataset {
            customers: customers.into_iter().map(|v| decode(CUSTOMERS, v)).collect::<Result<_, _>>()?,
            cases: cases.into_iter().map(|v| decode(CASES, v)).collect::<Result<_, _>>()?,
            revisits: revisits.into_iter().map(|v| decode(REVISITS, v)).collect::<Result<_, _>>()?,
        };
        // Keys are random UUIDs; show records in the order they were entered.
        data.customers.sort_by_key(|c| c.created_at);
        data.cases.sort_by_key(|c| c.created_at);
        data.revisits.sort_by_key(|r| r.created_at);
        Ok(data)
    }

    /// Replaces every record with `data` (restore from backup): all of it or,
    /// if anything fails, none of it.
    pub async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        let rows = [
            (CUSTOMERS, data.customers.iter().map(encode).collect::<Result<Vec<_>, _>>()?),
            (CASES, data.cases.iter().map(encode).collect::<Result<Vec<_>, _>>()?),
            (REVISITS, data.revisits.iter().map(encode).collect::<Result<Vec<_>, _>>()?),
        ];
        self.replace_rows(rows).await
    }

    /// The write half of [`replace_all`], on rows already encoded.
    pub(crate) async fn replace_rows(&self, rows: [(&'static str, Vec<JsValue>); 3]) -> Result<(), StoreError> {
        self.write(&RECORD_STORES, |tx| async move {
            for (store, values) in rows {
                let store = tx.store(store)?;
                store.clear().await?;
                store.put_all(values.into_iter().map(|v| (v, None))).await?;
            }
            Ok(())
        })
        .await
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    async fn a_failing_row_in_the_middle_of_a_restore_leaves_the_database_as_it_was() {
        let name = format!("huifang-test-{}", uuid::Uuid::new_v4());
        let db = Database::open(&name).await.unwrap();
        let before = sample();
        db.replace_all(&before).await.unwrap();

        // Good rows, then a case row without its key: IndexedDB refuses it
        // half-way through the transaction.
        let good = encode(&before.customers[0]).unwrap();
        let bad = js_sys::Object::new().into();
        let result = db.replace_rows([(CUSTOMERS, vec![good]), (CASES, vec![bad]), (REVISITS, vec![])]).await;
        assert!(result.is_err(), "a row without a key must fail the restore");

        assert_eq!(db.load().await.unwrap(), before);
        db.close();
        Rexie::delete(&name).await.unwrap();
    }

    fn sample() -> Dataset {
        let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        let customer = Customer {
            id: uuid::Uuid::new_v4(),
            name: "赵六".into(),
            phone: "13900000000".into(),
            unit: huifang_core::Unit { building: "1".into(), entrance: "1".into(), room: "101".into() },
            created_at: now,
            updated_at: now,
        };
        Dataset { customers: vec![customer], cases: vec![], revisits: vec![] }
    }
}
