//! Merge import: records are joined by
//! id, the newer `updated_at` wins, conflicts are listed, nothing is
//! dropped, and the result does not depend on which side is the file.

mod offices;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use huifang_core::backup::merge::{merge, Conflict, Label, Merge, MergeCounts, MergeError, Side};
use huifang_core::backup::{check_dataset, BackupError, Entity};
use huifang_core::model::*;
use huifang_core::validation::{Field, FieldError, Problem};
use proptest::prelude::*;
use uuid::Uuid;

fn ok(local: &Dataset, incoming: &Dataset) -> Merge {
    merge(local, incoming).unwrap_or_else(|e| panic!("merge refused: {e}"))
}

/// Every record's id, entity by entity.
fn ids(data: &Dataset) -> BTreeMap<&'static str, BTreeSet<Uuid>> {
    let mut m = BTreeMap::new();
    m.insert("customers", data.customers.iter().map(|r| r.id).collect());
    m.insert("cases", data.cases.iter().map(|r| r.id).collect());
    m.insert("revisits", data.revisits.iter().map(|r| r.id).collect());
    m.insert("staff", data.staff.iter().map(|r| r.id).collect());
    m.insert("open_letters", data.open_letters.iter().map(|r| r.id).collect());
    m.insert("signatures", data.signatures.iter().map(|r| r.id).collect());
    m
}

/// The records only (settings are kept from this tablet, not merged).
fn records(data: &Dataset) -> Dataset {
    Dataset { settings: Default::default(), ..data.clone() }
}

/// The records of `data` whose id is in `keep`, in `data`'s order.
fn only(data: &Dataset, keep: &BTreeMap<&'static str, BTreeSet<Uuid>>) -> Dataset {
    let has = |e: &str, id: &Uuid| keep[e].contains(id);
    Dataset {
        customers: data.customers.iter().filter(|r| has("customers", &r.id)).cloned().collect(),
        cases: data.cases.iter().filter(|r| has("cases", &r.id)).cloned().collect(),
        revisits: data.revisits.iter().filter(|r| has("revisits", &r.id)).cloned().collect(),
        staff: data.staff.iter().filter(|r| has("staff", &r.id)).cloned().collect(),
        open_letters: data.open_letters.iter().filter(|r| has("open_letters", &r.id)).cloned().collect(),
        signatures: data.signatures.iter().filter(|r| has("signatures", &r.id)).cloned().collect(),
        settings: Default::default(),
    }
}

fn union(
    a: &BTreeMap<&'static str, BTreeSet<Uuid>>,
    b: &BTreeMap<&'static str, BTreeSet<Uuid>>,
) -> BTreeMap<&'static str, BTreeSet<Uuid>> {
    a.iter().map(|(k, v)| (*k, v.union(&b[k]).copied().collect())).collect()
}

/// What the other side would list for the same pair.
fn mirrored(c: &Conflict) -> Conflict {
    Conflict {
        local_updated_at: c.incoming_updated_at,
        incoming_updated_at: c.local_updated_at,
        winner: match c.winner {
            Side::Local => Side::Incoming,
            Side::Incoming => Side::Local,
        },
        ..c.clone()
    }
}

fn total(c: MergeCounts) -> usize {
    c.added + c.updated + c.unchanged + c.kept_local
}

/// Same-id pairs with different content, as (entity, id, local time, incoming time).
fn differing(local: &Dataset, incoming: &Dataset) -> Vec<(Entity, Uuid, DateTime<Utc>, DateTime<Utc>)> {
    fn pairs<T: PartialEq>(
        entity: Entity,
        l: &[T],
        i: &[T],
        id: impl Fn(&T) -> Uuid,
        at: impl Fn(&T) -> DateTime<Utc>,
        out: &mut Vec<(Entity, Uuid, DateTime<Utc>, DateTime<Utc>)>,
    ) {
        for a in l {
            if let Some(b) = i.iter().find(|b| id(b) == id(a)) {
                if a != b {
                    out.push((entity, id(a), at(a), at(b)));
                }
            }
        }
    }
    let mut out = Vec::new();
    pairs(Entity::Customers, &local.customers, &incoming.customers, |r| r.id, |r| r.updated_at, &mut out);
    pairs(Entity::Cases, &local.cases, &incoming.cases, |r| r.id, |r| r.updated_at, &mut out);
    pairs(Entity::Revisits, &local.revisits, &incoming.revisits, |r| r.id, |r| r.updated_at, &mut out);
    pairs(Entity::Staff, &local.staff, &incoming.staff, |r| r.id, |r| r.updated_at, &mut out);
    pairs(Entity::OpenLetters, &local.open_letters, &incoming.open_letters, |r| r.id, |r| r.updated_at, &mut out);
    pairs(Entity::Signatures, &local.signatures, &incoming.signatures, |r| r.id, |r| r.captured_at, &mut out);
    out.sort_by_key(|x| (x.0.key(), x.1));
    out
}

/// Whether `merged` holds exactly this version of record `id`.
fn holds(merged: &Dataset, from: &Dataset, entity: Entity, id: Uuid) -> bool {
    match entity {
        Entity::Customers => merged.customers.iter().find(|r| r.id == id) == from.customers.iter().find(|r| r.id == id),
        Entity::Cases => merged.cases.iter().find(|r| r.id == id) == from.cases.iter().find(|r| r.id == id),
        Entity::Revisits => merged.revisits.iter().find(|r| r.id == id) == from.revisits.iter().find(|r| r.id == id),
        Entity::Staff => merged.staff.iter().find(|r| r.id == id) == from.staff.iter().find(|r| r.id == id),
        Entity::OpenLetters => {
            merged.open_letters.iter().find(|r| r.id == id) == from.open_letters.iter().find(|r| r.id == id)
        }
        Entity::Signatures => {
            merged.signatures.iter().find(|r| r.id == id) == from.signatures.iter().find(|r| r.id == id)
        }
    }
}

proptest! {
    // 96 pairs of small offices: about 3 s in a debug build.
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Two tablets holding parts of one office (shared records identical):
    /// the merge is the union, whichever side is the file, with no conflicts.
    #[test]
    fn merge_is_commutative_for_non_conflicting_data_and_gives_the_union(
        office in offices::office(1), a in any::<u64>(), b in any::<u64>(),
    ) {
        let local = offices::restrict(&office, |id| !offices::mix(a, id).is_multiple_of(3));
        let incoming = offices::restrict(&office, |id| !offices::mix(b, id).is_multiple_of(3));
        let ab = ok(&local, &incoming);
        let ba = ok(&incoming, &local);
        prop_assert_eq!(records(&ab.merged), records(&ba.merged));
        prop_assert_eq!(records(&ab.merged), only(&office, &union(&ids(&local), &ids(&incoming))));
        prop_assert!(ab.conflicts.is_empty() && ba.conflicts.is_empty());
        for entity in Entity::ALL {
            let c = ab.counts_of(entity);
            prop_assert_eq!(c.updated, 0);
            prop_assert_eq!(c.added, ba.counts_of(entity).kept_local);
            prop_assert_eq!(c.unchanged, ba.counts_of(entity).unchanged);
        }
        // Only what this tablet lacks is written.
        let mut lacking = ids(&incoming);
        for (k, v) in lacking.iter_mut() {
            v.retain(|id| !ids(&local)[k].contains(id));
        }
        prop_assert_eq!(records(&ab.writes().to_dataset()), only(&office, &lacking));
    }

    /// Both tablets changed some shared records: every differing same-id
    /// pair is listed, the newer version is kept, and swapping the sides
    /// gives the same records with the conflicts mirrored.
    #[test]
    fn conflicts_are_listed_exactly_the_newer_wins_and_merge_is_commutative(
        office in offices::office(1), a in any::<u64>(), b in any::<u64>(), e in any::<u64>(),
    ) {
        let local = offices::restrict(&office, |id| !offices::mix(a, id).is_multiple_of(4));
        let incoming = offices::edit(&offices::restrict(&office, |id| !offices::mix(b, id).is_multiple_of(4)), e);
        let ab = ok(&local, &incoming);
        let ba = ok(&incoming, &local);
        prop_assert_eq!(records(&ab.merged), records(&ba.merged));
        prop_assert_eq!(&ba.conflicts, &ab.conflicts.iter().map(mirrored).collect::<Vec<_>>());

        let expected = differing(&local, &incoming);
        let mut listed: Vec<_> =
            ab.conflicts.iter().map(|c| (c.entity, c.id, c.local_updated_at, c.incoming_updated_at)).collect();
        listed.sort_by_key(|x| (x.0.key(), x.1));
        prop_assert_eq!(&listed, &expected);
        for c in &ab.conflicts {
            // The newer version wins; a tie goes either way but the same way both ways.
            if c.local_updated_at != c.incoming_updated_at {
                let newer = if c.incoming_updated_at > c.local_updated_at { Side::Incoming } else { Side::Local };
                prop_assert_eq!(c.winner, newer);
            }
            let from = match c.winner { Side::Local => &local, Side::Incoming => &incoming };
            prop_assert!(holds(&ab.merged, from, c.entity, c.id), "{:?} {} is not the winner's version", c.entity, c.id);
        }
        for entity in Entity::ALL {
            let won = ab.conflicts.iter().filter(|c| c.entity == entity && c.winner == Side::Incoming).count();
            prop_assert_eq!(ab.counts_of(entity).updated, won);
        }
        prop_assert_eq!(check_dataset(&ab.merged), Ok(()));
    }

    /// No record of either side is lost, and the counts add up.
    #[test]
    fn merge_never_drops_a_record(
        office in offices::office(1), other in offices::office(2), a in any::<u64>(), e in any::<u64>(),
    ) {
        // Part of a shared office, edited on one side, plus records only one side has.
        let shared = offices::restrict(&office, |id| offices::mix(a, id).is_multiple_of(2));
        let local = office.clone();
        let mut incoming = offices::edit(&shared, e);
        incoming.customers.extend(other.customers.clone());
        incoming.staff.extend(other.staff.clone());
        incoming.cases.extend(other.cases.clone());
        incoming.revisits.extend(other.revisits.clone());
        incoming.open_letters.extend(other.open_letters.clone());
        incoming.signatures.extend(other.signatures.clone());
        let m = ok(&local, &incoming);
        let all = union(&ids(&local), &ids(&incoming));
        prop_assert_eq!(&ids(&m.merged), &all);
        for entity in Entity::ALL {
            prop_assert_eq!(total(m.counts_of(entity)), all[entity.key()].len());
        }
        let written = ids(&m.writes().to_dataset());
        for entity in Entity::ALL {
            let c = m.counts_of(entity);
            prop_assert_eq!(written[entity.key()].len(), c.added + c.updated);
        }
    }

    /// Importing the tablet's own backup changes nothing.
    #[test]
    fn merging_an_office_with_itself_is_the_office(office in offices::office(1)) {
        let m = ok(&office, &office);
        prop_assert_eq!(&m.merged, &office);
        prop_assert!(m.conflicts.is_empty() && m.is_noop() && !m.settings_differ);
        prop_assert_eq!(records(&m.writes().to_dataset()), Dataset::default());
        for entity in Entity::ALL {
            prop_assert_eq!(m.counts_of(entity).unchanged, total(m.counts_of(entity)));
        }
    }

    /// Into an empty tablet, everything is added; an empty file adds nothing.
    #[test]
    fn merging_with_an_empty_side_gives_the_other_side(office in offices::office(1)) {
        let into_empty = ok(&Dataset::default(), &office);
        prop_assert_eq!(records(&into_empty.merged), records(&office));
        prop_assert_eq!(records(&into_empty.writes().to_dataset()), records(&office));
        let empty_file = ok(&office, &Dataset::default());
        prop_assert_eq!(&empty_file.merged, &office);
        prop_assert!(empty_file.is_noop());
        prop_assert!(into_empty.conflicts.is_empty() && empty_file.conflicts.is_empty());
    }
}

// Examples, readable on their own.

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn customer(n: u128, name: &str) -> Customer {
    let unit = Unit { building: "3".into(), entrance: "2".into(), room: format!("{n}01") };
    Customer::new(id(n), name.into(), "13800000000".into(), unit, now())
}

fn case(n: u128, customer: u128, description: &str) -> Case {
    Case {
        completed_on: Some(d("2026-11-10")),
        ..Case::new(id(n), Some(id(customer)), CaseKind::Repair, d("2026-11-09"), description.into(), now())
    }
}

fn revisit(n: u128, case: u128, customer: u128) -> Revisit {
    offices::revisit_record(id(n), Some(id(case)), id(customer), d("2026-11-20"), now())
}

fn later(minutes: i64) -> DateTime<Utc> {
    now() + Duration::minutes(minutes)
}

#[test]
fn the_newer_edit_wins_and_the_conflict_names_the_household() {
    let local = Dataset { customers: vec![customer(1, "王美丽")], ..Dataset::default() };
    let edited = Customer { name: "王美丽 🌸".into(), updated_at: later(5), ..customer(1, "王美丽") };
    let incoming = Dataset { customers: vec![edited.clone()], ..Dataset::default() };
    let m = ok(&local, &incoming);
    assert_eq!(m.merged.customers, vec![edited.clone()]);
    assert_eq!(m.writes().customers, vec![&edited]);
    assert_eq!(m.counts_of(Entity::Customers), MergeCounts { updated: 1, ..MergeCounts::default() });
    assert_eq!(
        m.conflicts,
        vec![Conflict {
            entity: Entity::Customers,
            id: id(1),
            label: Label::Customer { name: "王美丽 🌸".into(), unit: edited.unit.clone() },
            local_updated_at: now(),
            incoming_updated_at: later(5),
            winner: Side::Incoming,
        }]
    );
    // The other way round, this tablet's newer edit stays and nothing is written.
    let m = ok(&incoming, &local);
    assert_eq!(m.merged.customers, vec![edited]);
    assert_eq!(m.counts_of(Entity::Customers), MergeCounts { kept_local: 1, ..MergeCounts::default() });
    assert_eq!(m.conflicts[0].winner, Side::Local);
    assert!(m.is_noop() && m.writes().customers.is_empty());
}

#[test]
fn equal_times_with_different_content_are_settled_the_same_way_from_both_sides() {
    let a = Dataset { customers: vec![customer(1, "张三")], ..Dataset::default() };
    let b = Dataset { customers: vec![customer(1, "李四")], ..Dataset::default() };
    let (ab, ba) = (ok(&a, &b), ok(&b, &a));
    assert_eq!(ab.merged, ba.merged);
    assert_eq!((ab.conflicts.len(), ba.conflicts.len()), (1, 1));
    assert_ne!(ab.conflicts[0].winner, ba.conflicts[0].winner);
}

#[test]
fn case_and_revisit_labels_say_when_what_and_who() {
    let long = "电梯异响，夜间尤甚，已报修三次仍未解决，业主要求书面答复";
    let local = Dataset {
        customers: vec![customer(1, "王美丽")],
        cases: vec![case(20, 1, long)],
        revisits: vec![revisit(30, 20, 1)],
        ..Dataset::default()
    };
    let mut incoming = local.clone();
    incoming.cases[0].updated_at = later(1);
    incoming.revisits[0].round = 2;
    incoming.revisits[0].updated_at = later(1);
    let m = ok(&local, &incoming);
    let labels: Vec<&Label> = m.conflicts.iter().map(|c| &c.label).collect();
    assert_eq!(
        labels,
        vec![
            &Label::Case {
                received_on: d("2026-11-09"),
                kind: CaseKind::Repair,
                excerpt: "电梯异响，夜间尤甚，已报修三次仍未解决，…".into()
            },
            &Label::Revisit {
                customer: Some("王美丽".into()),
                unit: Some(local.customers[0].unit.clone()),
                due_on: d("2026-11-20"),
                round: 2
            },
        ]
    );
}

#[test]
fn a_signature_is_never_edited_so_its_capture_time_decides() {
    let sig = |png: &str, minutes| Signature {
        id: id(40),
        revisit_id: id(30),
        png: format!("data:image/png;base64,{png}"),
        captured_at: later(minutes),
    };
    let base = Dataset {
        customers: vec![customer(1, "王美丽")],
        cases: vec![case(20, 1, "漏水")],
        revisits: vec![revisit(30, 20, 1)],
        ..Dataset::default()
    };
    let local = Dataset { signatures: vec![sig("AAAA", 0)], ..base.clone() };
    let incoming = Dataset { signatures: vec![sig("BBBB", 3)], ..base };
    let m = ok(&local, &incoming);
    assert_eq!(m.merged.signatures, incoming.signatures);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!((c.entity, c.winner, c.incoming_updated_at), (Entity::Signatures, Side::Incoming, later(3)));
    assert_eq!(c.label, Label::Signature { customer: Some("王美丽".into()), captured_at: later(3) });
}

#[test]
fn a_record_in_the_file_may_refer_to_one_only_this_tablet_has() {
    let local =
        Dataset { customers: vec![customer(1, "王美丽")], cases: vec![case(20, 1, "漏水")], ..Dataset::default() };
    // The other tablet exported only the revisit and what it needs; its case is the same.
    let incoming = Dataset {
        customers: vec![customer(1, "王美丽")],
        cases: vec![case(20, 1, "漏水")],
        revisits: vec![revisit(30, 20, 1)],
        ..Dataset::default()
    };
    let m = ok(&local, &incoming);
    assert_eq!(m.merged.revisits.len(), 1);
    assert_eq!(m.writes().to_dataset().revisits, incoming.revisits);
    assert!(m.writes().customers.is_empty() && m.writes().cases.is_empty());
    assert_eq!(m.counts_of(Entity::Cases), MergeCounts { unchanged: 1, ..MergeCounts::default() });
}

#[test]
fn merged_records_are_in_storage_order_creation_time_then_id() {
    let early = Customer { created_at: now() - Duration::days(1), ..customer(9, "早") };
    let local = Dataset { customers: vec![customer(5, "乙"), customer(3, "甲")], ..Dataset::default() };
    let incoming = Dataset { customers: vec![customer(4, "丙"), early], ..Dataset::default() };
    let order: Vec<Uuid> = ok(&local, &incoming).merged.customers.iter().map(|c| c.id).collect();
    assert_eq!(order, vec![id(9), id(3), id(4), id(5)]);
}

#[test]
fn this_tablets_settings_are_kept_and_a_difference_is_reported() {
    let local = Dataset::default();
    let mut incoming = Dataset::default();
    incoming.settings.policies.min_attempts += 2;
    let m = ok(&local, &incoming);
    assert_eq!(m.merged.settings, local.settings);
    assert!(m.settings_differ);
    assert!(!ok(&local, &local).settings_differ);
}

#[test]
fn a_merge_that_would_break_a_rule_is_refused_with_the_record() {
    // This tablet recorded a result for the completed case; the other
    // tablet later reopened that case (no completion date).
    let done = RevisitResult {
        method: Method::Phone,
        visited_on: d("2026-11-12"),
        at: None,
        staff_id: None,
        content: "已修好".into(),
        satisfaction: Satisfaction::Satisfied,
        issues: vec![],
        reply_by: None,
        signature_id: None,
        escalate: false,
    };
    let local = Dataset {
        customers: vec![customer(1, "王美丽")],
        cases: vec![case(20, 1, "漏水")],
        revisits: vec![Revisit { result: Some(done), ..revisit(30, 20, 1) }],
        ..Dataset::default()
    };
    let reopened = Case { completed_on: None, updated_at: later(10), ..case(20, 1, "漏水") };
    let incoming = Dataset { customers: vec![customer(1, "王美丽")], cases: vec![reopened], ..Dataset::default() };
    assert_eq!(
        merge(&local, &incoming),
        Err(MergeError::Inconsistent {
            entity: Entity::Revisits,
            index: 0,
            id: id(30),
            problem: BackupError::Invalid {
                entity: Entity::Revisits,
                index: 0,
                error: FieldError::new(Field::Case, Problem::NotCompleted),
            },
        })
    );
}
