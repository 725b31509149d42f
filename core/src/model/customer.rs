//! 客户 / 业主 / 住户: the household and how it wants to be contacted.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A household's unit: 楼栋-单元-房.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unit {
    pub building: String,
    pub entrance: String,
    pub room: String,
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}-{}", self.building, self.entrance, self.room)
    }
}

/// How the household accepts revisits (DOMAIN rule 12: customers who refuse
/// calls get SMS or email instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactPreference {
    #[default]
    Any,
    /// No phone calls: SMS instead.
    NoCallsSms,
    /// No phone calls: email instead.
    NoCallsEmail,
}

impl ContactPreference {
    pub const ALL: [ContactPreference; 3] =
        [ContactPreference::Any, ContactPreference::NoCallsSms, ContactPreference::NoCallsEmail];

    pub fn refuses_calls(self) -> bool {
        self != ContactPreference::Any
    }
}

/// Sales-centre customer classes (DOMAIN rule 16, seed 000 篇3): A/B are
/// the warmest prospects, D the coolest; `Deal` is a customer who bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SalesClass {
    A,
    B,
    C,
    D,
    Deal,
}

impl SalesClass {
    pub const ALL: [SalesClass; 5] = [SalesClass::A, SalesClass::B, SalesClass::C, SalesClass::D, SalesClass::Deal];
}

fn resident_by_default() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Customer {
    pub id: Uuid,
    pub name: String,
    /// The main number, called first.
    pub phone: String,
    #[serde(default)]
    pub other_phones: Vec<String>,
    #[serde(default)]
    pub email: String,
    pub unit: Unit,
    #[serde(default)]
    pub contact: ContactPreference,
    /// The day the household moved in (入伙); the move-in revisit counts from here.
    #[serde(default)]
    pub moved_in_on: Option<NaiveDate>,
    /// Still decorating (装修期): no move-in revisit yet (rule 4).
    #[serde(default)]
    pub decorating: bool,
    /// Actually living there (实际入住): no move-in revisit otherwise (rule 4).
    #[serde(default = "resident_by_default")]
    pub resident: bool,
    /// Sales-centre class where the office uses them (rule 16).
    #[serde(default)]
    pub sales_class: Option<SalesClass>,
    /// The day the class was given (the first cadence revisit counts from here).
    #[serde(default)]
    pub sales_class_since: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How many times it was saved on a tablet: a save derived from an
    /// older revision than the stored one is refused (see `Revised`).
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub revision: u32,
}

impl Customer {
    /// A household with only the essentials; the rest at their defaults.
    pub fn new(id: Uuid, name: String, phone: String, unit: Unit, now: DateTime<Utc>) -> Self {
        Customer {
            revision: 0,
            id,
            name,
            phone,
            other_phones: Vec::new(),
            email: String::new(),
            unit,
            contact: ContactPreference::Any,
            moved_in_on: None,
            decorating: false,
            resident: true,
            sales_class: None,
            sales_class_since: None,
            created_at: now,
            updated_at: now,
        }
    }
}
