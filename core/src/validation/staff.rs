//! The staff form (员工): who revisits, in which role and for which buildings.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{text, Field, FieldError, Problem, NAME_MAX, UNIT_PART_MAX};
use crate::model::{Role, Staff};

/// What the staff form submits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffDraft {
    pub name: String,
    pub role: Role,
    /// Buildings (楼栋) responsible for, see [`split_buildings`]; empty = the whole estate.
    pub buildings: String,
    pub active: bool,
}

impl Default for StaffDraft {
    fn default() -> Self {
        StaffDraft { name: String::new(), role: Role::PropertyAssistant, buildings: String::new(), active: true }
    }
}

/// Splits the buildings field on commas, 、, semicolons or spaces, dropping repeats.
pub fn split_buildings(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in value.split(|c: char| matches!(c, ',' | '，' | ';' | '；' | '、') || c.is_whitespace()) {
        if !b.is_empty() && !out.iter().any(|o| o == b) {
            out.push(b.to_owned());
        }
    }
    out
}

impl StaffDraft {
    /// The form filled with a stored staff member, for editing.
    pub fn of(s: &Staff) -> Self {
        StaffDraft { name: s.name.clone(), role: s.role, buildings: s.buildings.join(", "), active: s.active }
    }

    pub fn validate(&self, id: Uuid, now: DateTime<Utc>) -> Result<Staff, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = text(Field::Name, &self.name, NAME_MAX, true, &mut errors);
        let buildings = split_buildings(&self.buildings);
        // A building has the same limit as on a customer's unit, so the two can match (rule 2).
        if buildings.iter().any(|b| b.chars().count() > UNIT_PART_MAX) {
            errors.push(FieldError::new(Field::Buildings, Problem::TooLong { max: UNIT_PART_MAX }));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Staff {
            revision: 0,
            id,
            name,
            role: self.role,
            buildings,
            active: self.active,
            created_at: now,
            updated_at: now,
        })
    }

    /// `old` edited: same id and creation time.
    pub fn revise(&self, old: &Staff, now: DateTime<Utc>) -> Result<Staff, Vec<FieldError>> {
        let s = self.validate(old.id, now)?;
        Ok(Staff { created_at: old.created_at, revision: old.revision, ..s })
    }
}

/// Checks a stored or imported staff member by the same rules as the form.
pub fn check_staff(s: &Staff) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(Field::Name, &s.name, NAME_MAX, true, &mut errors);
    if s.buildings.iter().any(|b| b.trim().is_empty() || b.chars().count() > UNIT_PART_MAX) {
        errors.push(FieldError::new(Field::Buildings, Problem::TooLong { max: UNIT_PART_MAX }));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }

    #[test]
    fn rule_2_a_property_assistant_covers_the_buildings_listed() {
        let draft = StaffDraft { name: " 李娜 ".into(), buildings: "3, 5、 7 3".into(), ..StaffDraft::default() };
        let s = draft.validate(Uuid::from_u128(1), now()).unwrap();
        assert_eq!((s.name.as_str(), s.role, s.active), ("李娜", Role::PropertyAssistant, true));
        assert_eq!(s.buildings, ["3", "5", "7"]);
        assert!(s.covers("5") && !s.covers("4"));
        assert_eq!(check_staff(&s), vec![]);
    }

    #[test]
    fn no_buildings_means_the_whole_estate() {
        let s = StaffDraft { name: "王经理".into(), role: Role::CompanyManager, ..StaffDraft::default() }
            .validate(Uuid::from_u128(1), now())
            .unwrap();
        assert!(s.buildings.is_empty() && s.covers("12"));
    }

    #[test]
    fn a_name_is_required_and_limited() {
        let errors = StaffDraft::default().validate(Uuid::from_u128(1), now()).unwrap_err();
        assert_eq!(errors, vec![FieldError::new(Field::Name, Problem::Required)]);
        let long = StaffDraft {
            name: "名".repeat(NAME_MAX + 1),
            buildings: "楼".repeat(UNIT_PART_MAX + 1),
            ..StaffDraft::default()
        };
        assert_eq!(
            long.validate(Uuid::from_u128(1), now()).unwrap_err(),
            vec![
                FieldError::new(Field::Name, Problem::TooLong { max: NAME_MAX }),
                FieldError::new(Field::Buildings, Problem::TooLong { max: UNIT_PART_MAX })
            ]
        );
    }

    #[test]
    fn staff_who_left_stay_on_record_inactive() {
        let old =
            StaffDraft { name: "李娜".into(), ..StaffDraft::default() }.validate(Uuid::from_u128(1), now()).unwrap();
        let old = Staff { revision: 4, ..old };
        let later = now() + chrono::Duration::days(30);
        let left = StaffDraft { active: false, ..StaffDraft::of(&old) }.revise(&old, later).unwrap();
        assert_eq!((left.id, left.created_at, left.updated_at, left.active), (old.id, old.created_at, later, false));
        assert_eq!(left.revision, 4, "the edit starts from the stored revision");
    }
}
