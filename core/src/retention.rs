//! Rule 17: revisit records are kept at least 3 years (002 第二条, 第十三条).
//! Deleting a younger record is refused; archiving is the way to tidy up.

use chrono::{Months, NaiveDate};

use crate::model::Revisit;
use crate::validation::{Field, FieldError, Problem};

/// How long a revisit record must be kept.
pub const KEEP_YEARS: u32 = 3;

/// The day a record's keeping period starts: when it was finished (the
/// visit, or the closure), else when it was created.
pub fn kept_from(r: &Revisit) -> NaiveDate {
    r.result
        .as_ref()
        .map(|x| x.visited_on)
        .or(r.closure.as_ref().map(|c| c.on))
        .unwrap_or_else(|| r.created_at.date_naive())
}

/// The first day the record may be deleted.
pub fn deletable_from(r: &Revisit) -> NaiveDate {
    kept_from(r).checked_add_months(Months::new(KEEP_YEARS * 12)).unwrap_or(NaiveDate::MAX)
}

/// Whether `r` may be deleted on `today`; refused with the rule otherwise.
pub fn check_delete(r: &Revisit, today: NaiveDate) -> Result<(), FieldError> {
    if today < deletable_from(r) {
        Err(FieldError::new(Field::Case, Problem::RetentionPeriod))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Method, RevisitResult, Satisfaction};
    use chrono::DateTime;
    use uuid::Uuid;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn visited(on: &str) -> Revisit {
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        Revisit {
            id: Uuid::from_u128(1),
            case_id: Some(Uuid::from_u128(2)),
            customer_id: Uuid::from_u128(3),
            cadence: None,
            round: 1,
            parent_id: None,
            escalation: false,
            due_on: d(on),
            assignee_id: None,
            attempts: vec![],
            result: Some(RevisitResult {
                method: Method::Phone,
                visited_on: d(on),
                at: None,
                staff_id: None,
                content: "回访".into(),
                satisfaction: Satisfaction::Satisfied,
                issues: vec![],
                reply_by: None,
                signature_id: None,
                escalate: false,
            }),
            closure: None,
            review: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn rule_17_a_record_younger_than_3_years_cannot_be_deleted() {
        let r = visited("2024-02-29");
        assert_eq!(check_delete(&r, d("2027-02-27")).unwrap_err().problem, Problem::RetentionPeriod);
        assert_eq!(deletable_from(&r), d("2027-02-28"), "29 Feb falls back to the month's last day");
        assert!(check_delete(&r, d("2027-02-28")).is_ok());
    }

    #[test]
    fn rule_17_an_unfinished_record_is_kept_from_when_it_was_created() {
        let mut r = visited("2026-11-20");
        r.result = None;
        assert_eq!(kept_from(&r), r.created_at.date_naive());
    }
}
