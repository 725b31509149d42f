//! What one committed write changed, and how the records held in memory
//! take it in place: a save never needs every record read again.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Case, Customer, Dataset, OpenLetter, Revisit, Signature, Staff};
use crate::settings::Settings;

/// A kind of record the office keeps, as lists in a [`Dataset`] order it.
pub trait Record {
    fn id(&self) -> Uuid;
    /// Where it stands in its list: the order it was entered in, the id
    /// settling ties (see [`Dataset::sort_by_entry`]).
    fn entry(&self) -> (DateTime<Utc>, Uuid);
}

macro_rules! record {
    ($($t:ty => $at:ident),* $(,)?) => {$(
        impl Record for $t {
            fn id(&self) -> Uuid {
                self.id
            }
            fn entry(&self) -> (DateTime<Utc>, Uuid) {
                (self.$at, self.id)
            }
        }
    )*};
}

record!(Customer => created_at, Case => created_at, Revisit => created_at, Staff => created_at,
    OpenLetter => created_at, Signature => captured_at);

/// A record the office edits, counting its saves: an edit starts from the
/// stored record and is saved as its next revision, so storage can refuse
/// a save that started from a version someone else has since replaced
/// (another tab, a merge, a restore) instead of silently overwriting it.
/// Signatures are never edited, only replaced by a new one.
pub trait Revised: Record {
    fn revision(&self) -> u32;
    fn set_revision(&mut self, revision: u32);

    /// Whether saving `self` (at its next revision) may replace `stored`:
    /// it was derived from exactly that revision. A new record (its first
    /// revision) needs nothing stored under its id; an edit of a record no
    /// longer stored (another tab deleted it) is refused too, not written
    /// back.
    fn follows(&self, stored: Option<&Self>) -> bool {
        match stored {
            Some(s) => s.revision().checked_add(1) == Some(self.revision()),
            None => self.revision() <= 1,
        }
    }
}

macro_rules! revised {
    ($($t:ty),*) => {$(
        impl Revised for $t {
            fn revision(&self) -> u32 {
                self.revision
            }
            fn set_revision(&mut self, revision: u32) {
                self.revision = revision;
            }
        }
    )*};
}

revised!(Customer, Case, Revisit, Staff, OpenLetter);

/// The records one write stored (added or replaced by id) and removed, by
/// kind, and the settings when it replaced them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub customers: Vec<Customer>,
    pub cases: Vec<Case>,
    pub revisits: Vec<Revisit>,
    pub staff: Vec<Staff>,
    pub open_letters: Vec<OpenLetter>,
    pub signatures: Vec<Signature>,
    pub removed_revisits: Vec<Uuid>,
    pub removed_signatures: Vec<Uuid>,
    pub settings: Option<Settings>,
}

/// The ids one write stored or removed, by kind, and whether it replaced
/// the settings: what another tab reads back to take the same write in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touched {
    pub customers: Vec<Uuid>,
    pub cases: Vec<Uuid>,
    pub revisits: Vec<Uuid>,
    pub staff: Vec<Uuid>,
    pub open_letters: Vec<Uuid>,
    pub signatures: Vec<Uuid>,
    pub settings: bool,
}

impl Changes {
    pub fn customer(c: Customer) -> Self {
        Changes { customers: vec![c], ..Self::default() }
    }
    pub fn case(c: Case) -> Self {
        Changes { cases: vec![c], ..Self::default() }
    }
    pub fn cases(cases: Vec<Case>) -> Self {
        Changes { cases, ..Self::default() }
    }
    pub fn revisit(r: Revisit) -> Self {
        Changes { revisits: vec![r], ..Self::default() }
    }
    pub fn staff(s: Staff) -> Self {
        Changes { staff: vec![s], ..Self::default() }
    }
    pub fn open_letter(l: OpenLetter) -> Self {
        Changes { open_letters: vec![l], ..Self::default() }
    }
    pub fn settings(s: Settings) -> Self {
        Changes { settings: Some(s), ..Self::default() }
    }

    /// Also stores `c` (a write of several kinds in one transaction).
    pub fn and_case(mut self, c: Case) -> Self {
        self.cases.push(c);
        self
    }
    pub fn and_signature(mut self, s: Signature) -> Self {
        self.signatures.push(s);
        self
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The same write with each record at its next revision: what a save
    /// stores (see [`Revised`]).
    pub fn advanced(&self) -> Changes {
        fn next<T: Revised + Clone>(records: &[T]) -> Vec<T> {
            records
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.set_revision(r.revision().saturating_add(1));
                    r
                })
                .collect()
        }
        Changes {
            customers: next(&self.customers),
            cases: next(&self.cases),
            revisits: next(&self.revisits),
            staff: next(&self.staff),
            open_letters: next(&self.open_letters),
            signatures: self.signatures.clone(),
            removed_revisits: self.removed_revisits.clone(),
            removed_signatures: self.removed_signatures.clone(),
            settings: self.settings.clone(),
        }
    }

    pub fn touched(&self) -> Touched {
        fn ids<T: Record>(records: &[T]) -> Vec<Uuid> {
            records.iter().map(Record::id).collect()
        }
        Touched {
            customers: ids(&self.customers),
            cases: ids(&self.cases),
            revisits: ids(&self.revisits).into_iter().chain(self.removed_revisits.iter().copied()).collect(),
            staff: ids(&self.staff),
            open_letters: ids(&self.open_letters),
            signatures: ids(&self.signatures).into_iter().chain(self.removed_signatures.iter().copied()).collect(),
            settings: self.settings.is_some(),
        }
    }
}

impl Dataset {
    /// Takes in what a committed write stored, so the lists equal what a
    /// fresh load of the database gives: each record replaces the one with
    /// its id or joins its list at its place in entry order.
    pub fn apply(&mut self, changes: Changes) {
        let Changes {
            customers,
            cases,
            revisits,
            staff,
            open_letters,
            signatures,
            removed_revisits,
            removed_signatures,
            settings,
        } = changes;
        put(&mut self.customers, customers);
        put(&mut self.cases, cases);
        put(&mut self.revisits, revisits);
        put(&mut self.staff, staff);
        put(&mut self.open_letters, open_letters);
        put(&mut self.signatures, signatures);
        remove(&mut self.revisits, &removed_revisits);
        remove(&mut self.signatures, &removed_signatures);
        if let Some(s) = settings {
            self.settings = s;
        }
    }
}

/// Where the record with `id` is in `list` (kept in entry order): found by
/// its entry in O(log n), or, should a write have changed when it was
/// entered, by a scan.
fn position<T: Record>(list: &[T], id: Uuid, entry: (DateTime<Utc>, Uuid)) -> Option<usize> {
    match list.binary_search_by_key(&entry, Record::entry) {
        Ok(i) => Some(i),
        Err(_) => list.iter().position(|r| r.id() == id),
    }
}

fn put<T: Record>(list: &mut Vec<T>, records: Vec<T>) {
    for record in records {
        let (id, entry) = (record.id(), record.entry());
        if let Some(i) = position(list, id, entry) {
            if list[i].entry() == entry {
                list[i] = record;
                continue;
            }
            list.remove(i);
        }
        let at = list.partition_point(|r| r.entry() < entry);
        list.insert(at, record);
    }
}

fn remove<T: Record>(list: &mut Vec<T>, ids: &[Uuid]) {
    if ids.is_empty() {
        return;
    }
    if let [id] = ids {
        if let Some(i) = list.iter().position(|r| r.id() == *id) {
            list.remove(i);
        }
        return;
    }
    let gone: crate::id_map::IdSet<Uuid> = ids.iter().copied().collect();
    list.retain(|r| !gone.contains(&r.id()));
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;

    use super::*;
    use crate::sample::office;

    #[test]
    fn a_save_stores_the_next_revision_and_may_replace_only_the_one_it_came_from() {
        let data = small_office();
        let stored = data.cases[0].clone();
        let edited = Case { description: "电梯异响（已复查）".into(), ..stored.clone() };
        let saved = Changes::case(edited.clone()).advanced();
        let next = &saved.cases[0];
        assert_eq!(next.revision, stored.revision + 1);
        assert!(next.follows(Some(&stored)), "derived from what is stored");
        assert!(next.follows(None), "a new record");
        // Another tab saved first: the stored one moved on, this save is stale.
        let theirs = Changes::case(Case { description: "另一处修改".into(), ..stored.clone() }).advanced();
        assert!(!next.follows(Some(&theirs.cases[0])));
        // Signatures and removals are stored as they are.
        assert_eq!(saved.removed_revisits, Vec::<Uuid>::new());
        assert_eq!(Changes::default().advanced(), Changes::default());
    }

    fn small_office() -> Dataset {
        let mut data = office(40, 120, 200, 7, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        data.sort_by_entry();
        data
    }

    /// The reference: what a fresh load gives after the write, i.e. the
    /// stored records by id with the write's on top, in entry order.
    fn reloaded(before: &Dataset, changes: &Changes) -> Dataset {
        fn by_id<T: Record + Clone>(old: &[T], new: &[T], removed: &[Uuid]) -> Vec<T> {
            let mut map: std::collections::BTreeMap<Uuid, T> = old.iter().map(|r| (r.id(), r.clone())).collect();
            for r in new {
                map.insert(r.id(), r.clone());
            }
            for id in removed {
                map.remove(id);
            }
            map.into_values().collect()
        }
        let mut data = Dataset {
            customers: by_id(&before.customers, &changes.customers, &[]),
            cases: by_id(&before.cases, &changes.cases, &[]),
            revisits: by_id(&before.revisits, &changes.revisits, &changes.removed_revisits),
            staff: by_id(&before.staff, &changes.staff, &[]),
            open_letters: by_id(&before.open_letters, &changes.open_letters, &[]),
            signatures: by_id(&before.signatures, &changes.signatures, &changes.removed_signatures),
            settings: changes.settings.clone().unwrap_or_else(|| before.settings.clone()),
        };
        data.sort_by_entry();
        data
    }

    #[test]
    fn an_edited_record_replaces_its_old_version_in_place() {
        let mut data = small_office();
        let mut c = data.customers[7].clone();
        c.name = "王秀英".into();
        let changes = Changes::customer(c.clone());
        let expected = reloaded(&data, &changes);
        data.apply(changes);
        assert_eq!(data.customers[7], c);
        assert_eq!(data, expected);
    }

    #[test]
    fn a_new_record_joins_its_list_in_entry_order() {
        let mut data = small_office();
        let mut early = data.cases[3].clone();
        early.id = Uuid::from_u128(1);
        let mut late = data.cases[3].clone();
        late.id = Uuid::from_u128(2);
        late.created_at += Duration::days(10_000);
        let changes = Changes::cases(vec![late, early]);
        let expected = reloaded(&data, &changes);
        data.apply(changes);
        assert_eq!(data, expected);
    }

    #[test]
    fn a_removed_revisit_and_its_signatures_leave_memory() {
        let mut data = small_office();
        let gone = data.revisits[5].id;
        let changes = Changes { removed_revisits: vec![gone], ..Changes::default() };
        let expected = reloaded(&data, &changes);
        data.apply(changes);
        assert!(data.revisits.iter().all(|r| r.id != gone));
        assert_eq!(data, expected);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever a write stores — edits, additions, a changed entry time,
        /// removals — the records in memory equal a fresh load afterwards.
        #[test]
        fn applying_a_write_equals_loading_again(
            edits in prop::collection::vec((0usize..200, 0u8..4, -3i64..3), 0..12),
            removals in prop::collection::vec(0usize..200, 0..4),
        ) {
            let mut data = small_office();
            let mut changes = Changes::default();
            for (n, (at, what, shift)) in edits.into_iter().enumerate() {
                let mut r = data.revisits[at % data.revisits.len()].clone();
                match what {
                    0 => r.updated_at += Duration::minutes(1),
                    1 => r.id = Uuid::from_u128(0xA000 + n as u128),
                    2 => r.created_at += Duration::days(shift),
                    _ => {
                        let mut c = data.customers[at % data.customers.len()].clone();
                        c.name = format!("客户{n}");
                        changes.customers.push(c);
                    }
                }
                changes.revisits.push(r);
            }
            // A write stores each record once.
            let mut seen = std::collections::HashSet::new();
            changes.revisits.retain(|r| seen.insert(r.id));
            let mut seen = std::collections::HashSet::new();
            changes.customers.retain(|c| seen.insert(c.id));
            changes.removed_revisits = removals
                .into_iter()
                .map(|i| data.revisits[i % data.revisits.len()].id)
                .filter(|id| changes.revisits.iter().all(|r| r.id != *id))
                .collect();
            let expected = reloaded(&data, &changes);
            data.apply(changes);
            prop_assert_eq!(data, expected);
        }
    }
}
