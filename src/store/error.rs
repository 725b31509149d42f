use thiserror::Error;
use wasm_bindgen::prelude::wasm_bindgen;

/// Storage failures, with the browser's own detail kept for the record.
/// `Clone + Send + Sync` so it can sit in signals and action results.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error("IndexedDB is not available: {0}")]
    Unavailable(String),
    #[error("the device's storage is full: {0}")]
    QuotaExceeded(String),
    #[error("database error: {0}")]
    Database(String),
    #[error("a stored {store} record can't be read: {detail}")]
    Corrupt { store: &'static str, detail: String },
    #[error("a record could not be encoded: {0}")]
    Encode(String),
    #[error("the database was changed by a newer version of the app in another tab")]
    VersionChanged,
    /// A save started from a version of a record that has since been
    /// replaced (another tab, a merge or a restore): refused, not written
    /// over the newer one.
    #[error("the {store} record {id} was changed elsewhere since it was opened")]
    Stale { store: &'static str, id: uuid::Uuid },
}

impl StoreError {
    /// The browser's own wording, shown under the user-facing message.
    pub fn detail(&self) -> String {
        match self {
            StoreError::Unavailable(d)
            | StoreError::QuotaExceeded(d)
            | StoreError::Database(d)
            | StoreError::Encode(d) => d.clone(),
            StoreError::Corrupt { store, detail } => format!("{store}: {detail}"),
            StoreError::VersionChanged | StoreError::Stale { .. } => String::new(),
        }
    }
}

impl From<rexie::Error> for StoreError {
    fn from(e: rexie::Error) -> Self {
        // rexie's Display says only "idb error"; the Debug form carries the
        // DOMException name (e.g. QuotaExceededError), which we need.
        Self::from_detail(format!("{e:?}"))
    }
}

impl StoreError {
    fn from_detail(detail: String) -> Self {
        if detail.contains("QuotaExceeded") {
            StoreError::QuotaExceeded(detail)
        } else if detail.contains("VersionError") || detail.contains("connection is closing") {
            // A newer app's upgrade (or a deletion) in another tab closed
            // this tab's connection: only a reload helps.
            StoreError::VersionChanged
        } else {
            StoreError::Database(detail)
        }
    }

    /// A transaction that ended aborted although every request succeeded.
    /// rexie reports only "aborted"; the reason (in Chromium a full disk is
    /// found at commit, as `QuotaExceededError` on the transaction, with no
    /// request failing) comes from the abort watcher installed by
    /// [`watch_aborts`].
    pub fn aborted() -> Self {
        match take_last_abort() {
            Some(reason) => Self::from_detail(reason),
            None => StoreError::Database("the transaction was aborted".into()),
        }
    }
}

// rexie hides the IDBTransaction, and with it `transaction.error`; this
// watcher notes the error of each aborting transaction of this page so
// `StoreError::aborted` can say why. Installed once, when the database opens.
#[wasm_bindgen(inline_js = r#"
let last = null;
export function watch_aborts() {
  const proto = globalThis.IDBDatabase && IDBDatabase.prototype;
  if (!proto || proto.__huifangAborts) return;
  const transaction = proto.transaction;
  proto.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    tx.addEventListener("abort", () => {
      const e = tx.error;
      last = e ? (e.message ? `${e.name}: ${e.message}` : e.name) : null;
    });
    return tx;
  };
  proto.__huifangAborts = true;
}
export function take_last_abort() {
  const reason = last;
  last = null;
  return reason;
}
"#)]
extern "C" {
    /// Starts noting why transactions abort (idempotent).
    pub fn watch_aborts();
    /// Why the latest transaction aborted, if it had a reason (an explicit
    /// `abort()` has none); cleared once read.
    fn take_last_abort() -> Option<String>;
}
