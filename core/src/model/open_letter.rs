//! 公开信: one written answer to many households that raised the same
//! problem (rule 8). It is archived with the cases and closes their revisits.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenLetter {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    pub sent_on: NaiveDate,
    pub case_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How many times it was saved on a tablet: a save derived from an
    /// older revision than the stored one is refused (see `Revised`).
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub revision: u32,
}

/// A customer's signature captured on the tablet for a home visit (rule 5),
/// kept apart from the revisit because it is large.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub id: Uuid,
    pub revisit_id: Uuid,
    /// A `data:image/png;base64,…` URL.
    pub png: String,
    pub captured_at: DateTime<Utc>,
}
