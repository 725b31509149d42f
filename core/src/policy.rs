//! Revisit policies (DOMAIN "Default policies"). The skeleton covers
//! complaints; the table grows into editable data with the full engine.

use serde::{Deserialize, Serialize};

use crate::model::{Role, Severity};

/// A target revisit rate in whole percent (e.g. 50 = "≥50%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Percent(pub u8);

/// What a complaint of a given severity requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintPolicy {
    /// Calendar days after handling completed by which the revisit is due.
    pub window_days: u32,
    pub target: Percent,
    pub role: Role,
}

/// DOMAIN rule 1 and the default policy table: revisit within 3 days of
/// handling; general → property assistant, important → department
/// supervisor, major → company manager; target 50%, major 100%.
pub fn complaint_policy(severity: Severity) -> ComplaintPolicy {
    match severity {
        Severity::General => ComplaintPolicy { window_days: 3, target: Percent(50), role: Role::PropertyAssistant },
        Severity::Important => {
            ComplaintPolicy { window_days: 3, target: Percent(50), role: Role::DepartmentSupervisor }
        }
        Severity::Major => ComplaintPolicy { window_days: 3, target: Percent(100), role: Role::CompanyManager },
    }
}

/// The overall complaint revisit-rate target of rule 1 (≥50%).
pub const COMPLAINT_TARGET: Percent = Percent(50);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_1_general_complaint_is_revisited_by_the_property_assistant() {
        assert_eq!(complaint_policy(Severity::General).role, Role::PropertyAssistant);
    }

    #[test]
    fn rule_1_important_complaint_is_revisited_by_the_department_supervisor() {
        assert_eq!(complaint_policy(Severity::Important).role, Role::DepartmentSupervisor);
    }

    #[test]
    fn rule_1_major_complaint_is_revisited_by_the_company_manager() {
        assert_eq!(complaint_policy(Severity::Major).role, Role::CompanyManager);
    }

    #[test]
    fn rule_1_every_complaint_is_due_within_3_days() {
        for s in Severity::ALL {
            assert_eq!(complaint_policy(s).window_days, 3);
        }
    }

    #[test]
    fn default_policies_targets_are_50_percent_and_100_for_major() {
        assert_eq!(complaint_policy(Severity::General).target, Percent(50));
        assert_eq!(complaint_policy(Severity::Important).target, Percent(50));
        assert_eq!(complaint_policy(Severity::Major).target, Percent(100));
        assert_eq!(COMPLAINT_TARGET, Percent(50));
    }
}
