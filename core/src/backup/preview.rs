//! What the import preview shows before anything is written: what the
//! file holds, and for a restore what it would do to this tablet's records.
//! (A merge's preview is the [`super::merge::Merge`] itself.)

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::merge::Record;
use super::{Counts, Entity};
use crate::id_map::IdMap;
use crate::model::{Case, Customer, Dataset, OpenLetter, Revisit, Signature, Staff};
use crate::retention;

/// The first and last day the office's records tell of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    pub counts: Counts,
    /// `None` when nothing in it carries a date.
    pub dates: Option<DateRange>,
}

/// Days on which something happened: cases received and completed,
/// contact attempts, visits, closures and reviews of revisits, open letters
/// sent. Planned dates (due dates, agreed reply dates) are left out: they
/// may lie ahead and say nothing about how far back the records go.
pub fn date_range(data: &Dataset) -> Option<DateRange> {
    let cases = data.cases.iter().flat_map(|c| std::iter::once(c.received_on).chain(c.completed_on));
    let revisits = data.revisits.iter().flat_map(|r| {
        r.attempts
            .iter()
            .map(|a| a.at.date())
            .chain(r.result.as_ref().map(|x| x.visited_on))
            .chain(r.closure.as_ref().map(|c| c.on))
            .chain(r.review.as_ref().map(|v| v.on))
    });
    let letters = data.open_letters.iter().map(|l| l.sent_on);
    cases.chain(revisits).chain(letters).fold(None, |range, day| match range {
        None => Some(DateRange { first: day, last: day }),
        Some(DateRange { first, last }) => Some(DateRange { first: first.min(day), last: last.max(day) }),
    })
}

pub fn preview(data: &Dataset) -> Preview {
    Preview { counts: Counts::of(data), dates: date_range(data) }
}

/// What a restore (replace everything) does to one kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Change {
    /// In the file only.
    pub added: usize,
    /// In both with different content: the file's version replaces this tablet's.
    pub replaced: usize,
    /// Of those replaced, this tablet's version is the newer one: the
    /// restore would undo work done since the file was written.
    pub replaced_newer: usize,
    pub unchanged: usize,
    /// On this tablet only: deleted by the restore.
    pub removed: usize,
}

/// What a restore would change, for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestorePreview {
    /// In [`Entity::ALL`] order; see [`RestorePreview::change_of`].
    pub changes: [(Entity, Change); 6],
    /// The file's settings differ from this tablet's (a restore takes the file's).
    pub settings_differ: bool,
    /// Removed revisit records younger than the 3 years rule 17 keeps them,
    /// and removed signatures of such records (their evidence, rule 5).
    pub removed_within_retention: usize,
}

impl RestorePreview {
    pub fn change_of(&self, entity: Entity) -> Change {
        self.changes.iter().find(|(e, _)| *e == entity).map(|(_, c)| *c).unwrap_or_default()
    }

    /// Some record of this tablet would be deleted or overwritten.
    pub fn loses_local_records(&self) -> bool {
        self.changes.iter().any(|(_, c)| c.removed > 0 || c.replaced > 0)
    }

    /// The records a restore must not lose: revisit records and signatures
    /// rule 17 still keeps, and any record this tablet holds in a newer
    /// version than the file. Such a file can still be merged.
    pub fn protected_losses(&self) -> usize {
        self.removed_within_retention + self.changes.iter().map(|(_, c)| c.replaced_newer).sum::<usize>()
    }
}

fn change<T: Record>(local: &Dataset, incoming: &Dataset) -> (Entity, Change) {
    let theirs: IdMap<Uuid, &T> = T::all(incoming).iter().map(|r| (r.id(), r)).collect();
    let mut c = Change::default();
    let mut matched = 0;
    for l in T::all(local) {
        match theirs.get(&l.id()) {
            None => c.removed += 1,
            Some(&i) => {
                matched += 1;
                if i == l {
                    c.unchanged += 1
                } else {
                    c.replaced += 1;
                    c.replaced_newer += usize::from(l.changed() > i.changed());
                }
            }
        }
    }
    c.added = theirs.len() - matched;
    (T::ENTITY, c)
}

/// What replacing `local` with `incoming` would do; `today` dates rule 17.
pub fn restore_preview(local: &Dataset, incoming: &Dataset, today: NaiveDate) -> RestorePreview {
    let kept: crate::id_map::IdSet<Uuid> = incoming.revisits.iter().map(|r| r.id).collect();
    RestorePreview {
        changes: [
            change::<Customer>(local, incoming),
            change::<Case>(local, incoming),
            change::<Revisit>(local, incoming),
            change::<Staff>(local, incoming),
            change::<OpenLetter>(local, incoming),
            change::<Signature>(local, incoming),
        ],
        settings_differ: local.settings != incoming.settings,
        removed_within_retention: local
            .revisits
            .iter()
            .filter(|r| !kept.contains(&r.id) && retention::check_delete(r, today).is_err())
            .count()
            + removed_protected_signatures(local, incoming, today),
    }
}

/// This tablet's signatures a restore would delete whose revisit record
/// rule 17 still keeps (the file may keep the record but not its signature).
fn removed_protected_signatures(local: &Dataset, incoming: &Dataset, today: NaiveDate) -> usize {
    let theirs: crate::id_map::IdSet<Uuid> = incoming.signatures.iter().map(|s| s.id).collect();
    let young: crate::id_map::IdSet<Uuid> =
        local.revisits.iter().filter(|r| retention::check_delete(r, today).is_err()).map(|r| r.id).collect();
    local.signatures.iter().filter(|s| !theirs.contains(&s.id) && young.contains(&s.revisit_id)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attempt, AttemptOutcome, CaseKind, Closure, ClosureReason, Method, Review, Unit};
    use chrono::{DateTime, Utc};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn customer(n: u128) -> Customer {
        let unit = Unit { building: "3".into(), entrance: "2".into(), room: format!("{n}01") };
        Customer::new(id(n), format!("客户{n}"), "13800000000".into(), unit, now())
    }

    fn case(n: u128, received: &str, completed: Option<&str>) -> Case {
        Case {
            completed_on: completed.map(d),
            ..Case::new(id(n), Some(id(1)), CaseKind::Repair, d(received), "漏水".into(), now())
        }
    }

    /// The one place revisits are built here (fields may be added to `Revisit`).
    fn revisit(n: u128, due: &str) -> Revisit {
        Revisit {
            revision: 0,
            id: id(n),
            case_id: None,
            customer_id: id(1),
            cadence: Some(crate::model::Cadence::AnnualSigned),
            round: 1,
            parent_id: None,
            escalation: false,
            due_on: d(due),
            assignee_id: None,
            attempts: vec![],
            result: None,
            closure: None,
            review: None,
            archived_at: None,
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn an_empty_file_has_no_date_range() {
        assert_eq!(date_range(&Dataset::default()), None);
        let only_customers = Dataset { customers: vec![customer(1)], ..Dataset::default() };
        assert_eq!(preview(&only_customers), Preview { counts: Counts::of(&only_customers), dates: None });
    }

    #[test]
    fn the_range_spans_cases_visits_closures_reviews_attempts_and_letters() {
        let attempted = Revisit {
            attempts: vec![Attempt {
                at: "2021-03-04T09:00:00".parse().unwrap(),
                method: Method::Phone,
                outcome: AttemptOutcome::NoAnswer,
                note: String::new(),
                staff_id: None,
            }],
            ..revisit(30, "2021-03-01")
        };
        let reviewed = Revisit {
            closure: Some(Closure {
                on: d("2024-05-06"),
                reason: ClosureReason::Unreachable,
                note: String::new(),
                by: None,
            }),
            review: Some(Review { on: d("2024-07-08"), by: None, comment: "同意".into() }),
            ..revisit(31, "2024-05-01")
        };
        let data = Dataset {
            customers: vec![customer(1)],
            cases: vec![case(20, "2022-01-10", Some("2023-02-11"))],
            revisits: vec![attempted, reviewed],
            ..Dataset::default()
        };
        assert_eq!(date_range(&data), Some(DateRange { first: d("2021-03-04"), last: d("2024-07-08") }));
        let letter = OpenLetter {
            revision: 0,
            id: id(40),
            title: "致业主".into(),
            body: "说明".into(),
            sent_on: d("2025-01-02"),
            case_ids: vec![id(20)],
            created_at: now(),
            updated_at: now(),
        };
        let data = Dataset { open_letters: vec![letter], ..data };
        assert_eq!(date_range(&data).map(|r| r.last), Some(d("2025-01-02")));
    }

    #[test]
    fn due_dates_lie_ahead_and_do_not_widen_the_range() {
        let data = Dataset {
            customers: vec![customer(1)],
            cases: vec![case(20, "2026-11-01", None)],
            revisits: vec![revisit(30, "2027-06-01")],
            ..Dataset::default()
        };
        assert_eq!(date_range(&data), Some(DateRange { first: d("2026-11-01"), last: d("2026-11-01") }));
    }

    #[test]
    fn a_restore_counts_what_it_adds_replaces_keeps_and_removes() {
        let local = Dataset { customers: vec![customer(1), customer(2), customer(3)], ..Dataset::default() };
        let renamed = Customer { name: "改名".into(), ..customer(2) };
        let file = Dataset { customers: vec![customer(1), renamed, customer(4), customer(5)], ..Dataset::default() };
        let p = restore_preview(&local, &file, d("2026-11-23"));
        assert_eq!(
            p.change_of(Entity::Customers),
            Change { added: 2, replaced: 1, replaced_newer: 0, unchanged: 1, removed: 1 }
        );
        assert_eq!(p.protected_losses(), 0, "the file's version is as new as this tablet's");
        assert_eq!(p.change_of(Entity::Cases), Change::default());
        assert!(p.loses_local_records() && !p.settings_differ);
        let same = restore_preview(&local, &local, d("2026-11-23"));
        assert_eq!(same.change_of(Entity::Customers), Change { unchanged: 3, ..Change::default() });
        assert!(!same.loses_local_records());
    }

    #[test]
    fn restoring_an_empty_file_removes_everything() {
        let local =
            Dataset { customers: vec![customer(1)], revisits: vec![revisit(30, "2026-01-01")], ..Dataset::default() };
        let p = restore_preview(&local, &Dataset::default(), d("2026-11-23"));
        assert_eq!(p.change_of(Entity::Customers).removed, 1);
        assert_eq!(p.change_of(Entity::Revisits).removed, 1);
    }

    #[test]
    fn rule_17_a_restore_that_drops_young_revisit_records_says_how_many() {
        let closed = |n, on: &str| Revisit {
            closure: Some(Closure { on: d(on), reason: ClosureReason::Refused, note: String::new(), by: None }),
            ..revisit(n, on)
        };
        // Closed 2022-01-01: kept until 2025-01-01. Closed 2024-06-01: kept until 2027-06-01.
        let local = Dataset {
            customers: vec![customer(1)],
            revisits: vec![closed(30, "2022-01-01"), closed(31, "2024-06-01"), closed(32, "2024-07-01")],
            ..Dataset::default()
        };
        let file =
            Dataset { customers: vec![customer(1)], revisits: vec![closed(32, "2024-07-01")], ..Dataset::default() };
        let p = restore_preview(&local, &file, d("2026-11-23"));
        assert_eq!(p.change_of(Entity::Revisits), Change { removed: 2, unchanged: 1, ..Change::default() });
        assert_eq!(p.removed_within_retention, 1);
        assert_eq!(restore_preview(&local, &file, d("2027-06-01")).removed_within_retention, 0);
    }

    #[test]
    fn a_restore_must_not_undo_newer_work_or_drop_a_kept_records_signature() {
        // This tablet recorded the visit, with its signature, after the file was written.
        let started = revisit(30, "2026-11-20");
        let visited = Revisit {
            result: Some(crate::model::RevisitResult {
                method: crate::model::Method::HomeVisit,
                visited_on: d("2026-11-21"),
                at: None,
                staff_id: None,
                content: "上门回访".into(),
                satisfaction: crate::model::Satisfaction::Satisfied,
                issues: Vec::new(),
                reply_by: None,
                signature_id: Some(id(50)),
                escalate: false,
            }),
            updated_at: now() + chrono::Duration::hours(1),
            ..started.clone()
        };
        let signature = Signature {
            id: id(50),
            revisit_id: visited.id,
            png: "data:image/png;base64,AA".into(),
            captured_at: now(),
        };
        let local = Dataset {
            customers: vec![customer(1)],
            revisits: vec![visited],
            signatures: vec![signature],
            ..Dataset::default()
        };
        let file = Dataset { customers: vec![customer(1)], revisits: vec![started], ..Dataset::default() };
        let p = restore_preview(&local, &file, d("2026-11-23"));
        assert_eq!(p.change_of(Entity::Revisits).replaced_newer, 1, "the visit would be undone");
        assert_eq!(p.removed_within_retention, 1, "the kept record's signature would go");
        assert_eq!(p.protected_losses(), 2);
        // The other way round, the file holds the newer work: nothing protected is lost.
        assert_eq!(restore_preview(&file, &local, d("2026-11-23")).protected_losses(), 0);
    }

    #[test]
    fn different_settings_are_announced() {
        let mut file = Dataset::default();
        file.settings.policies.min_attempts += 1;
        assert!(restore_preview(&Dataset::default(), &file, d("2026-11-23")).settings_differ);
    }
}
