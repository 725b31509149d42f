use std::rc::Rc;

use rexie::{Rexie, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use huifang_core::migrate;
use huifang_core::model::{Case, Customer, Dataset, OpenLetter, Revisit, Signature, Staff};
use huifang_core::retention::{self, Refusal};
use huifang_core::settings::Settings;

use super::schema::{self, ALL_STORES, CASES, CUSTOMERS, META, OPEN_LETTERS, REVISITS, SIGNATURES, STAFF};
use super::StoreError;

/// An open connection to the office's database.
pub struct Database {
    pub(super) db: Rexie,
}

// Rows go through JSON, the same serde path as the backup file: the rows
// look like the backup's records in DevTools, and the bundle carries one
// (de)serializer per record type instead of two.
pub(super) fn encode<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Encode(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| StoreError::Encode(format!("{e:?}")))
}

fn decode<T: DeserializeOwned>(store: &'static str, value: JsValue) -> Result<T, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { store, detail };
    let text: String = js_sys::JSON::stringify(&value).map_err(|e| corrupt(format!("{e:?}")))?.into();
    serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))
}

/// The meta record that says which schema and data migrations this database has.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct SchemaMeta {
    key: String,
    version: u32,
    /// Data migrations already applied (see [`MIGRATIONS`]).
    #[serde(default)]
    migrations: Vec<String>,
}

/// The office settings row in `meta`.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct SettingsRow {
    pub(super) key: String,
    pub(super) value: Settings,
}

const SCHEMA_KEY: &str = "schema";
pub(super) const SETTINGS_KEY: &str = "settings";
/// Data migrations, in order; each runs once, in one transaction, after the
/// stores exist (rexie has no upgrade hook).
const MIGRATIONS: [&str; 1] = ["revisits_v2"];

impl Database {
    /// Opens (creating or upgrading) the database called `name`, then runs
    /// any data migration it has not had yet.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        super::error::watch_aborts();
        crate::tabs::wait_for_older_tabs(name, schema::SCHEMA_VERSION).await;
        let db = schema::builder(name).build().await.map_err(|e| match StoreError::from(e) {
            StoreError::Database(d) => StoreError::Unavailable(d),
            other => other,
        })?;
        let this = Self { db };
        this.migrate().await?;
        Ok(this)
    }

    async fn schema_meta(&self) -> Result<SchemaMeta, StoreError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadOnly)?;
        let row = tx.store(META)?.get(JsValue::from_str(SCHEMA_KEY)).await?;
        tx.done().await?;
        match row {
            Some(v) if !v.is_undefined() => decode(META, v),
            _ => Ok(SchemaMeta { key: SCHEMA_KEY.into(), ..SchemaMeta::default() }),
        }
    }

    /// Applies the pending migrations, each all-or-nothing together with the
    /// meta record that marks it done, so a crash mid-way re-runs it cleanly.
    async fn migrate(&self) -> Result<(), StoreError> {
        let mut meta = self.schema_meta().await?;
        for name in MIGRATIONS {
            if meta.migrations.iter().any(|m| m == name) {
                continue;
            }
            meta.migrations.push(name.to_owned());
            meta.version = schema::SCHEMA_VERSION;
            let row = encode(&meta)?;
            match name {
                "revisits_v2" => self.migrate_revisits_v2(row).await?,
                _ => return Err(StoreError::Database(format!("unknown migration {name}"))),
            }
        }
        if meta.version != schema::SCHEMA_VERSION {
            meta.version = schema::SCHEMA_VERSION;
            let row = encode(&meta)?;
            self.write(&[META], |tx| async move { tx.store(META)?.put(&row, None).await.map(|_| ()) }).await?;
        }
        Ok(())
    }

    /// Schema v1 kept only completed revisits with the result at the top
    /// level; v2 rows are tasks with a `result`. Reads, converts (no await
    /// on anything but IndexedDB) and writes in one transaction.
    async fn migrate_revisits_v2(&self, meta_row: JsValue) -> Result<(), StoreError> {
        let tx = Rc::new(self.db.transaction(&[META, CASES, REVISITS], TransactionMode::ReadWrite)?);
        let outcome: Result<(), StoreError> = async {
            let cases = tx.store(CASES)?.get_all(None, None).await?;
            let cases: Vec<serde_json::Value> = decode_all(CASES, cases)?;
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
        }
        .await;
        finish(tx, outcome).await
    }

    pub fn close(self) {
        self.db.close();
    }

    /// Runs `body` in one read-write transaction over `stores`; commits only
    /// if every request succeeded, otherwise aborts so nothing is half-written.
    async fn write<F, Fut>(&self, stores: &[&str], body: F) -> Result<(), StoreError>
    where
        F: FnOnce(Rc<rexie::Transaction>) -> Fut,
        Fut: std::future::Future<Output = Result<(), rexie::Error>>,
    {
        let tx = Rc::new(self.db.transaction(stores, TransactionMode::ReadWrite)?);
        let outcome = body(tx.clone()).await.map_err(StoreError::from);
        finish(tx, outcome).await
    }

    async fn put<T: Serialize>(&self, store: &'static str, record: &T) -> Result<(), StoreError> {
        let value = encode(record)?;
        self.write(&[store], |tx| async move { tx.store(store)?.put(&value, None).await.map(|_| ()) }).await
    }

    pub async fn put_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        self.put(CUSTOMERS, customer).await
    }

    /// Saves a customer together with a case that follows from it (the
    /// move-in case of a move-in date, rule 4), in one transaction: all or none.
    pub async fn put_customer_with_case(&self, customer: &Customer, case: &Case) -> Result<(), StoreError> {
        let (c, k) = (encode(customer)?, encode(case)?);
        self.write(&[CUSTOMERS, CASES], |tx| async move {
            tx.store(CUSTOMERS)?.put(&c, None).await?;
            tx.store(CASES)?.put(&k, None).await.map(|_| ())
        })
        .await
    }

    pub async fn put_case(&self, case: &Case) -> Result<(), StoreError> {
        self.put(CASES, case).await
    }

    pub async fn put_revisit(&self, revisit: &Revisit) -> Result<(), StoreError> {
        self.put(REVISITS, revisit).await
    }

    pub async fn put_staff(&self, staff: &Staff) -> Result<(), StoreError> {
        self.put(STAFF, staff).await
    }

    /// Saves a revisit together with the signature it refers to, in one
    /// transaction: a home visit is never stored without its signature.
    pub async fn put_revisit_with_signature(&self, revisit: &Revisit, signature: &Signature) -> Result<(), StoreError> {
        let (r, s) = (encode(revisit)?, encode(signature)?);
        self.write(&[REVISITS, SIGNATURES], |tx| async move {
            tx.store(SIGNATURES)?.put(&s, None).await?;
            tx.store(REVISITS)?.put(&r, None).await.map(|_| ())
        })
        .await
    }

    /// Saves an open letter and marks nothing else: the letter itself closes
    /// the cases it lists (rule 8).
    pub async fn put_open_letter(&self, letter: &OpenLetter) -> Result<(), StoreError> {
        self.put(OPEN_LETTERS, letter).await
    }

    /// Saves several cases at once (an activity's participants), all or none.
    pub async fn put_cases(&self, cases: &[Case]) -> Result<(), StoreError> {
        let rows = cases.iter().map(encode).collect::<Result<Vec<_>, _>>()?;
        self.write(&[CASES], |tx| async move {
            let store = tx.store(CASES)?;
            for row in rows {
                store.put(&row, None).await?;
            }
            Ok(())
        })
        .await
    }

    pub async fn put_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        self.put(META, &SettingsRow { key: SETTINGS_KEY.into(), value: settings.clone() }).await
    }

    /// Reads every record and the settings in one read-only transaction,
    /// so the lists are a consistent snapshot.
    pub async fn load(&self) -> Result<Dataset, StoreError> {
        let tx = self.db.transaction(&ALL_STORES, TransactionMode::ReadOnly)?;
        let customers = tx.store(CUSTOMERS)?.get_all(None, None).await?;
        let cases = tx.store(CASES)?.get_all(None, None).await?;
        let revisits = tx.store(REVISITS)?.get_all(None, None).await?;
        let staff = tx.store(STAFF)?.get_all(None, None).await?;
        let open_letters = tx.store(OPEN_LETTERS)?.get_all(None, None).await?;
        let signatures = tx.store(SIGNATURES)?.get_all(None, None).await?;
        let settings = tx.store(META)?.get(JsValue::from_str(SETTINGS_KEY)).await?;
        tx.done().await?;
        let settings = match settings {
            Some(v) if !v.is_undefined() => decode::<SettingsRow>(META, v)?.value,
            _ => Settings::default(),
        };
        let mut data = Dataset {
            customers: decode_all(CUSTOMERS, customers)?,
            cases: decode_all(CASES, cases)?,
            revisits: decode_all(REVISITS, revisits)?,
            staff: decode_all(STAFF, staff)?,
            open_letters: decode_all(OPEN_LETTERS, open_letters)?,
            signatures: decode_all(SIGNATURES, signatures)?,
            settings,
        };
        // Keys are random UUIDs; show records in the order they were entered.
        data.customers.sort_by_key(|c| c.created_at);
        data.cases.sort_by_key(|c| c.created_at);
        data.revisits.sort_by_key(|r| r.created_at);
        data.staff.sort_by_key(|s| s.created_at);
        data.open_letters.sort_by_key(|l| l.created_at);
        data.signatures.sort_by_key(|s| s.captured_at);
        Ok(data)
    }

    /// The stored revisit `id`, read in its own read-only transaction.
    async fn stored_revisit(&self, id: Uuid) -> Result<Option<Revisit>, StoreError> {
        let tx = self.db.transaction(&[REVISITS], TransactionMode::ReadOnly)?;
        let row = tx.store(REVISITS)?.get(JsValue::from_str(&id.to_string())).await?;
        tx.done().await?;
        match row {
            Some(v) if !v.is_undefined() => decode(REVISITS, v).map(Some),
            _ => Ok(None),
        }
    }

    /// Archives (`archived`) or un-archives the stored record `id` (rule 17),
    /// checked on the stored row, then written with one put.
    pub async fn archive_revisit(
        &self,
        id: Uuid,
        archived: bool,
        now: DateTime<Utc>,
    ) -> Result<Revisit, RetentionError> {
        let stored = self.stored_revisit(id).await?.ok_or(Refusal::NotFound)?;
        let changed = if archived { retention::archive(&stored, now) } else { retention::unarchive(&stored, now) }?;
        self.put(REVISITS, &changed).await?;
        Ok(changed)
    }

    /// Deletes the revisit `id` with every signature captured for it, in one
    /// transaction. Rule 17 is checked first, on the stored record and
    /// `today`: an unfinished or younger record is refused and nothing is
    /// touched. (Whether the plan would change needs all records; the record
    /// screen checks that with `retention::check_deletion` before asking.)
    pub async fn delete_revisit(&self, id: Uuid, today: NaiveDate) -> Result<(), RetentionError> {
        let stored = self.stored_revisit(id).await?.ok_or(Refusal::NotFound)?;
        retention::check_record_deletable(&stored, today)?;
        let key = JsValue::from_str(&id.to_string());
        let own = stored.result.as_ref().and_then(|r| r.signature_id).map(|s| JsValue::from_str(&s.to_string()));
        self.write(&[REVISITS, SIGNATURES], |tx| async move {
            let signatures = tx.store(SIGNATURES)?;
            let range = rexie::KeyRange::only(&key)?;
            for k in signatures.index("revisit_id")?.get_all_keys(Some(range), None).await? {
                signatures.delete(k).await?;
            }
            if let Some(k) = own {
                // Deleting an absent key is no error.
                signatures.delete(k).await?;
            }
            tx.store(REVISITS)?.delete(key).await
        })
        .await?;
        Ok(())
    }
}

/// Why archiving or deleting a revisit did not happen: refused by rule 17,
/// or the storage failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RetentionError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn decode_all<T: DeserializeOwned>(store: &'static str, rows: Vec<JsValue>) -> Result<Vec<T>, StoreError> {
    // One JSON text for the whole store is far quicker than one per row
    // (200,000 revisits); only if it fails are rows read one by one, to
    // say which row is damaged.
    let array: js_sys::Array = rows.iter().collect();
    let whole = js_sys::JSON::stringify(&array).ok().and_then(|t| t.as_string());
    if let Some(records) = whole.and_then(|text| serde_json::from_str::<Vec<T>>(&text).ok()) {
        return Ok(records);
    }
    rows.into_iter().map(|v| decode(store, v)).collect()
}

/// Commits `tx` if `outcome` is Ok, otherwise aborts it explicitly: a `?`
/// after writes does not roll anything back by itself.
pub(super) async fn finish(tx: Rc<rexie::Transaction>, outcome: Result<(), StoreError>) -> Result<(), StoreError> {
    let tx = Rc::try_unwrap(tx).map_err(|_| StoreError::Database("transaction still in use".into()))?;
    match outcome {
        Ok(()) => {
            if tx.done().await?.is_committed() {
                Ok(())
            } else {
                Err(StoreError::aborted())
            }
        }
        Err(e) => {
            // A failed request may already have aborted it; either way nothing was kept.
            let _ = tx.abort().await;
            Err(e)
        }
    }
}
