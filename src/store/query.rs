//! Reads of some records through the query indexes, without loading the
//! whole office: a customer's or a case's revisits, those due in a period,
//! with a status, of a month; a customer's cases, cases of a month.
//!
//! The indexes point at buckets (see `bucket`); each bucket found is read
//! once and its records filtered exactly by the query's own rule.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rexie::{KeyRange, TransactionMode};
use uuid::Uuid;
use wasm_bindgen::JsValue;

use huifang_core::calendar::YearMonth;
use huifang_core::model::{Case, Revisit, RevisitStatus};

use super::bucket::{self, Stored};
use super::{Database, StoreError};

/// Which revisits to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisitQuery {
    OfCustomer(Uuid),
    OfCase(Uuid),
    /// Due on a day from `.0` to `.1`, both included.
    DueBetween(NaiveDate, NaiveDate),
    Status(RevisitStatus),
    /// Belonging to a month (see `Revisit::month`).
    Month(YearMonth),
}

impl RevisitQuery {
    pub fn matches(&self, r: &Revisit) -> bool {
        match *self {
            RevisitQuery::OfCustomer(id) => r.customer_id == id,
            RevisitQuery::OfCase(id) => r.case_id == Some(id),
            RevisitQuery::DueBetween(from, to) => from <= r.due_on && r.due_on <= to,
            RevisitQuery::Status(s) => r.status() == s,
            RevisitQuery::Month(m) => r.month() == m,
        }
    }

    fn index(&self) -> (&'static str, Keys) {
        match *self {
            RevisitQuery::OfCustomer(id) => ("customer_id", Keys::One(id.to_string())),
            RevisitQuery::OfCase(id) => ("case_id", Keys::One(id.to_string())),
            RevisitQuery::DueBetween(from, to) => ("due_on", Keys::Between(from.to_string(), to.to_string())),
            RevisitQuery::Status(s) => ("status", Keys::One(s.key().into())),
            RevisitQuery::Month(m) => ("month", Keys::One(m.to_string())),
        }
    }
}

/// Which cases to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseQuery {
    OfCustomer(Uuid),
    /// Completed (`true`) or still open.
    Completed(bool),
    /// Completed on a day from `.0` to `.1`, both included.
    CompletedBetween(NaiveDate, NaiveDate),
    /// Received in a month.
    Month(YearMonth),
}

impl CaseQuery {
    pub fn matches(&self, c: &Case) -> bool {
        match *self {
            CaseQuery::OfCustomer(id) => c.customer_id == Some(id),
            CaseQuery::Completed(done) => c.completed_on.is_some() == done,
            CaseQuery::CompletedBetween(from, to) => c.completed_on.is_some_and(|on| from <= on && on <= to),
            CaseQuery::Month(m) => m.contains(c.received_on),
        }
    }

    fn index(&self) -> (&'static str, Keys) {
        match *self {
            CaseQuery::OfCustomer(id) => ("customer_id", Keys::One(id.to_string())),
            CaseQuery::Completed(done) => ("status", Keys::One(if done { "completed" } else { "open" }.into())),
            CaseQuery::CompletedBetween(from, to) => ("completed_on", Keys::Between(from.to_string(), to.to_string())),
            CaseQuery::Month(m) => ("month", Keys::One(m.to_string())),
        }
    }
}

/// The index keys a query looks up.
enum Keys {
    One(String),
    Between(String, String),
}

impl Keys {
    fn range(&self) -> Result<KeyRange, rexie::Error> {
        Ok(match self {
            Keys::One(k) => KeyRange::only(&JsValue::from_str(k))?,
            Keys::Between(from, to) => {
                KeyRange::bound(&JsValue::from_str(from), &JsValue::from_str(to), Some(false), Some(false))?
            }
        })
    }
}

impl Database {
    /// The revisits matching `query`, in the order they were entered.
    pub async fn revisits(&self, query: RevisitQuery) -> Result<Vec<Revisit>, StoreError> {
        let (index, keys) = query.index();
        let mut found = self.read(index, &keys, |r| query.matches(r)).await?;
        found.sort_by_key(|r: &Revisit| (r.created_at, r.id));
        Ok(found)
    }

    /// The cases matching `query`, in the order they were entered.
    pub async fn cases(&self, query: CaseQuery) -> Result<Vec<Case>, StoreError> {
        let (index, keys) = query.index();
        let mut found = self.read(index, &keys, |c| query.matches(c)).await?;
        found.sort_by_key(|c: &Case| (c.created_at, c.id));
        Ok(found)
    }

    async fn read<T: Stored>(&self, index: &str, keys: &Keys, keep: impl Fn(&T) -> bool) -> Result<Vec<T>, StoreError> {
        let tx = self.db.transaction(&[T::STORE], TransactionMode::ReadOnly)?;
        let found = find(&tx, index, keys, keep).await?;
        tx.done().await?;
        Ok(found)
    }
}

/// The records of `T` whose `index` holds `key`, kept if `keep`, read
/// inside `tx` (which covers `T::STORE`).
pub(super) async fn in_index<T: Stored>(
    tx: &rexie::Transaction,
    index: &str,
    key: &str,
    keep: impl Fn(&T) -> bool,
) -> Result<Vec<T>, StoreError> {
    find(tx, index, &Keys::One(key.to_owned()), keep).await
}

async fn find<T: Stored>(
    tx: &rexie::Transaction,
    index: &str,
    keys: &Keys,
    keep: impl Fn(&T) -> bool,
) -> Result<Vec<T>, StoreError> {
    let store = tx.store(T::STORE)?;
    // One entry per matching key: a bucket holding several matches (or,
    // for a range, several matching days) is listed more than once.
    let buckets: BTreeSet<u32> = store
        .index(index)?
        .get_all_keys(Some(keys.range()?), None)
        .await?
        .iter()
        .filter_map(|k| k.as_f64())
        .map(|b| b as u32)
        .collect();
    let mut found = Vec::new();
    for b in buckets {
        if let Some(row) = store.get(JsValue::from(b)).await?.filter(|r| !r.is_undefined()) {
            found.extend(bucket::decode::<T>(&row)?.into_iter().filter(|r| keep(r)));
        }
    }
    Ok(found)
}
