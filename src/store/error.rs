use thiserror::Error;

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
            StoreError::VersionChanged => String::new(),
        }
    }
}

impl From<rexie::Error> for StoreError {
    fn from(e: rexie::Error) -> Self {
        // rexie's Display says only "idb error"; the Debug form carries the
        // DOMException name (e.g. QuotaExceededError), which we need.
        let detail = format!("{e:?}");
        if detail.contains("QuotaExceeded") {
            StoreError::QuotaExceeded(detail)
        } else if detail.contains("VersionError") {
            StoreError::VersionChanged
        } else {
            StoreError::Database(detail)
        }
    }
}
