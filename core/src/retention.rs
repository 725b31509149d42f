//! Rule 17: revisit records are kept at least 3 years (002 第二条, 第十三条).
//! Deleting a younger record is refused; archiving is the way to tidy up.
//!
//! - Archiving takes a *finished* record (a result or a closure) out of the
//!   default lists; an open task is never archived, or it would vanish from
//!   Today. Archived records are still history: the monthly report, the
//!   statistics and the scheduler count them exactly as before.
//! - Un-archiving puts the record back; both stamp `updated_at` (a merge
//!   takes the newer copy).
//! - Deleting removes the record, the answers and review inside it, and every
//!   signature captured for it. It is allowed only for a finished record past
//!   its keeping period, that no later round follows, and whose removal leaves
//!   today's plan unchanged (the scheduler would otherwise bring its task back).

use chrono::{DateTime, Months, NaiveDate, Utc};
use uuid::Uuid;

use crate::model::{Dataset, Revisit};
use crate::scheduler::plan;
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

/// Why archiving, un-archiving or deleting a record was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no such revisit record")]
    NotFound,
    /// An open task is work to do, not a record to archive or delete.
    #[error("the revisit is not finished yet")]
    Unfinished,
    #[error("the record is already archived")]
    AlreadyArchived,
    #[error("the record is not archived")]
    NotArchived,
    /// Rule 17: kept at least 3 years; deletable from that day on.
    #[error("revisit records are kept at least 3 years: deletable from {deletable_from}")]
    TooYoung { deletable_from: NaiveDate },
    /// A later round names this one as its parent.
    #[error("a later round follows this record")]
    HasFollowUp,
    /// Without it the scheduler would plan differently (e.g. bring its task back).
    #[error("deleting the record would change today's plan")]
    ChangesPlan,
}

/// Archives a finished record (rule 17: kept, hidden from the default lists).
pub fn archive(r: &Revisit, now: DateTime<Utc>) -> Result<Revisit, Refusal> {
    if !r.is_finished() {
        return Err(Refusal::Unfinished);
    }
    if r.is_archived() {
        return Err(Refusal::AlreadyArchived);
    }
    Ok(Revisit { archived_at: Some(now), updated_at: now, ..r.clone() })
}

/// Puts an archived record back in the default lists.
pub fn unarchive(r: &Revisit, now: DateTime<Utc>) -> Result<Revisit, Refusal> {
    if !r.is_archived() {
        return Err(Refusal::NotArchived);
    }
    Ok(Revisit { archived_at: None, updated_at: now, ..r.clone() })
}

/// The checks on the record alone (what storage re-checks on the stored
/// row): finished, and past its keeping period on `today`.
pub fn check_record_deletable(r: &Revisit, today: NaiveDate) -> Result<(), Refusal> {
    if !r.is_finished() {
        return Err(Refusal::Unfinished);
    }
    check_delete(r, today).map_err(|_| Refusal::TooYoung { deletable_from: deletable_from(r) })
}

/// What deleting one record removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub revisit_id: Uuid,
    /// Every signature captured for it (by `revisit_id`, and the result's own).
    pub signature_ids: Vec<Uuid>,
}

/// Whether record `id` may be deleted from `data` on `today`, and what goes
/// with it. The cheap checks come first; the plan is compared only for a
/// record old enough to delete.
pub fn check_deletion(data: &Dataset, id: Uuid, today: NaiveDate) -> Result<Deletion, Refusal> {
    let r = data.revisits.iter().find(|r| r.id == id).ok_or(Refusal::NotFound)?;
    check_record_deletable(r, today)?;
    if data.revisits.iter().any(|x| x.parent_id == Some(id)) {
        return Err(Refusal::HasFollowUp);
    }
    let own = r.result.as_ref().and_then(|x| x.signature_id);
    let signature_ids: Vec<Uuid> =
        data.signatures.iter().filter(|s| s.revisit_id == id || Some(s.id) == own).map(|s| s.id).collect();
    let deletion = Deletion { revisit_id: id, signature_ids };
    if plan(&without(data, &deletion), today) != plan(data, today) {
        return Err(Refusal::ChangesPlan);
    }
    Ok(deletion)
}

/// `data` after `deletion`.
pub fn without(data: &Dataset, deletion: &Deletion) -> Dataset {
    let mut out = data.clone();
    out.revisits.retain(|r| r.id != deletion.revisit_id);
    out.signatures.retain(|s| !deletion.signature_ids.contains(&s.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Method, RevisitResult, Satisfaction, Signature};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn visited(on: &str) -> Revisit {
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        Revisit {
            revision: 0,
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
            archived_at: None,
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

    fn later() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn rule_17_a_finished_record_is_archived_and_unarchived_with_the_time_stamped() {
        let r = visited("2026-11-20");
        let a = archive(&r, later()).unwrap();
        assert_eq!((a.archived_at, a.updated_at), (Some(later()), later()));
        assert_eq!(Revisit { archived_at: None, updated_at: r.updated_at, ..a.clone() }, r, "nothing else changes");
        assert_eq!(archive(&a, later()), Err(Refusal::AlreadyArchived));
        let back = unarchive(&a, later()).unwrap();
        assert_eq!(back.archived_at, None);
        assert_eq!(unarchive(&back, later()), Err(Refusal::NotArchived));
    }

    #[test]
    fn rule_17_an_open_task_is_not_archived_so_it_stays_on_today() {
        let mut r = visited("2026-11-20");
        r.result = None;
        assert_eq!(archive(&r, later()), Err(Refusal::Unfinished));
    }

    #[test]
    fn a_record_without_archive_serializes_as_before_and_old_rows_load() {
        let r = visited("2026-11-20");
        let json = serde_json::to_value(&r).unwrap();
        assert!(json.get("archived_at").is_none(), "no key unless archived: old files stay byte-identical");
        let back: Revisit = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
        let a = serde_json::to_value(archive(&r, later()).unwrap()).unwrap();
        assert_eq!(a["archived_at"], "2027-01-15T08:00:00Z");
    }

    fn office_with(records: Vec<Revisit>, signatures: Vec<Signature>) -> Dataset {
        Dataset { revisits: records, signatures, ..Dataset::default() }
    }

    fn signature(n: u128, revisit: Uuid) -> Signature {
        Signature {
            id: Uuid::from_u128(n),
            revisit_id: revisit,
            png: "data:image/png;base64,".into(),
            captured_at: later(),
        }
    }

    #[test]
    fn rule_17_deleting_a_young_record_is_refused_with_the_first_deletable_day() {
        let r = visited("2026-11-23");
        let data = office_with(vec![r.clone()], vec![]);
        assert_eq!(
            check_deletion(&data, r.id, d("2029-11-22")),
            Err(Refusal::TooYoung { deletable_from: d("2029-11-23") })
        );
        assert!(check_deletion(&data, r.id, d("2029-11-23")).is_ok());
    }

    #[test]
    fn rule_17_an_open_task_or_a_missing_record_is_not_deleted() {
        let mut r = visited("2022-03-01");
        r.result = None;
        let data = office_with(vec![r.clone()], vec![]);
        assert_eq!(check_deletion(&data, r.id, d("2030-01-01")), Err(Refusal::Unfinished));
        assert_eq!(check_deletion(&data, Uuid::from_u128(404), d("2030-01-01")), Err(Refusal::NotFound));
    }

    #[test]
    fn rule_17_a_record_a_later_round_follows_is_not_deleted() {
        let first = visited("2022-03-01");
        let second = Revisit { id: Uuid::from_u128(5), round: 2, parent_id: Some(first.id), ..visited("2022-03-09") };
        let data = office_with(vec![first.clone(), second.clone()], vec![]);
        assert_eq!(check_deletion(&data, first.id, d("2026-01-01")), Err(Refusal::HasFollowUp));
        assert!(check_deletion(&data, second.id, d("2026-01-01")).is_ok(), "the last round may go");
    }

    #[test]
    fn rule_17_deleting_an_old_record_takes_its_signatures_and_nothing_else() {
        let mut r = visited("2022-03-01");
        r.result.as_mut().unwrap().signature_id = Some(Uuid::from_u128(70));
        let other = Revisit { id: Uuid::from_u128(6), ..visited("2022-03-02") };
        let sigs = vec![signature(70, r.id), signature(71, r.id), signature(72, other.id)];
        let data = office_with(vec![r.clone(), other.clone()], sigs);
        let del = check_deletion(&data, r.id, d("2026-01-01")).unwrap();
        assert_eq!(del.signature_ids, vec![Uuid::from_u128(70), Uuid::from_u128(71)]);
        let after = without(&data, &del);
        assert_eq!(after.revisits, vec![other]);
        assert_eq!(after.signatures.iter().map(|s| s.id).collect::<Vec<_>>(), vec![Uuid::from_u128(72)]);
    }

    #[test]
    fn rule_17_an_unfinished_record_is_kept_from_when_it_was_created() {
        let mut r = visited("2026-11-20");
        r.result = None;
        assert_eq!(kept_from(&r), r.created_at.date_naive());
    }
}
