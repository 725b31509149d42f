//! Staff and their roles (DOMAIN "Who uses it").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Roles revisits are assigned to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PropertyAssistant,
    DepartmentSupervisor,
    CustomerServiceSupervisor,
    CompanyManager,
    CommunityCultureClerk,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::PropertyAssistant,
        Role::CommunityCultureClerk,
        Role::CustomerServiceSupervisor,
        Role::DepartmentSupervisor,
        Role::CompanyManager,
    ];

    /// Who a strong dissatisfaction goes to (rule 14): assistants and the
    /// clerk report to the customer-service supervisor, supervisors to the
    /// company manager; the manager has no one above in the office.
    pub fn superior(self) -> Role {
        match self {
            Role::PropertyAssistant | Role::CommunityCultureClerk => Role::CustomerServiceSupervisor,
            Role::CustomerServiceSupervisor | Role::DepartmentSupervisor | Role::CompanyManager => Role::CompanyManager,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    /// Buildings (楼栋) this person is responsible for; empty = the whole estate.
    #[serde(default)]
    pub buildings: Vec<String>,
    /// Staff who left stay on record (their revisits name them) but get no new work.
    #[serde(default = "active_by_default")]
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How many times it was saved on a tablet: a save derived from an
    /// older revision than the stored one is refused (see `Revised`).
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub revision: u32,
}

fn active_by_default() -> bool {
    true
}

impl Staff {
    /// Whether this person covers `building` (rule 2: the area's assistant).
    pub fn covers(&self, building: &str) -> bool {
        self.buildings.is_empty() || self.buildings.iter().any(|b| b == building)
    }
}
