//! Where each record sits in its list, by id: built once per change of the
//! records and shared by the screens, so a view finds a record by id
//! instead of scanning 100,000 of them.

use uuid::Uuid;

use super::{Case, Customer, Dataset, OpenLetter, Record, Revisit, Staff, Touched};
use crate::id_map::IdMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    customers: IdMap<Uuid, u32>,
    cases: IdMap<Uuid, u32>,
    revisits: IdMap<Uuid, u32>,
    staff: IdMap<Uuid, u32>,
    /// Revisit records of each case, in entry order.
    revisits_of_case: IdMap<Uuid, Vec<u32>>,
    /// Open letters answering each case (rule 8).
    letters_of_case: IdMap<Uuid, Vec<u32>>,
}

fn by_id<T>(list: &[T], id: impl Fn(&T) -> Uuid) -> IdMap<Uuid, u32> {
    list.iter().enumerate().map(|(i, r)| (id(r), i as u32)).collect()
}

fn letters_by_case(letters: &[OpenLetter]) -> IdMap<Uuid, Vec<u32>> {
    let mut by_case: IdMap<Uuid, Vec<u32>> = IdMap::default();
    for (i, l) in letters.iter().enumerate() {
        for case_id in &l.case_ids {
            by_case.entry(*case_id).or_default().push(i as u32);
        }
    }
    by_case
}

/// Keeps `at` right for `list` after a write of `ids`, if nothing moved:
/// every record already known is still where it was, and the list grew
/// by exactly the new ones, at its end. Says whether it could.
fn follow<T: Record>(at: &mut IdMap<Uuid, u32>, list: &[T], ids: &[Uuid]) -> bool {
    let mut added = 0;
    for id in ids {
        match at.get(id) {
            Some(&i) => {
                if list.get(i as usize).map(Record::id) != Some(*id) {
                    return false;
                }
            }
            None => added += 1,
        }
    }
    let before = at.len();
    if list.len() != before + added {
        return false;
    }
    for (i, r) in list.iter().enumerate().skip(before) {
        if !ids.contains(&r.id()) {
            return false;
        }
        at.insert(r.id(), i as u32);
    }
    true
}

impl Positions {
    pub fn new(data: &Dataset) -> Self {
        let mut revisits_of_case: IdMap<Uuid, Vec<u32>> = IdMap::default();
        for (i, r) in data.revisits.iter().enumerate() {
            if let Some(case_id) = r.case_id {
                revisits_of_case.entry(case_id).or_default().push(i as u32);
            }
        }
        Positions {
            customers: by_id(&data.customers, |c| c.id),
            cases: by_id(&data.cases, |c| c.id),
            revisits: by_id(&data.revisits, |r| r.id),
            staff: by_id(&data.staff, |s| s.id),
            revisits_of_case,
            letters_of_case: letters_by_case(&data.open_letters),
        }
    }

    /// Takes in a write already applied to `data` (`touched` names its
    /// records): a record replaced in place keeps its position and a new
    /// one at the end of its list (as new records are) gets one, in time
    /// proportional to the write; anything that moved records (a removal,
    /// an entry earlier than the last) rebuilds that kind's lookups.
    pub fn apply(&mut self, data: &Dataset, touched: &Touched) {
        if !follow(&mut self.customers, &data.customers, &touched.customers) {
            self.customers = by_id(&data.customers, |c| c.id);
        }
        if !follow(&mut self.cases, &data.cases, &touched.cases) {
            self.cases = by_id(&data.cases, |c| c.id);
        }
        if !follow(&mut self.staff, &data.staff, &touched.staff) {
            self.staff = by_id(&data.staff, |s| s.id);
        }
        if !touched.revisits.is_empty() {
            let before = self.revisits.len();
            if follow(&mut self.revisits, &data.revisits, &touched.revisits) {
                // New records came at the end; their case's list gains them.
                for (i, r) in data.revisits.iter().enumerate().skip(before) {
                    if let Some(case_id) = r.case_id {
                        self.revisits_of_case.entry(case_id).or_default().push(i as u32);
                    }
                }
            } else {
                *self =
                    Positions { letters_of_case: std::mem::take(&mut self.letters_of_case), ..Positions::new(data) };
                return;
            }
        }
        if !touched.open_letters.is_empty() {
            // Letters are few, and an edit may change the cases they answer.
            self.letters_of_case = letters_by_case(&data.open_letters);
        }
    }

    /// Whether two cases or two revisit records of `data` share an id
    /// (possible only in records not read from the database).
    pub fn repeats_ids(&self, data: &Dataset) -> bool {
        self.cases.len() != data.cases.len() || self.revisits.len() != data.revisits.len()
    }

    pub fn customer<'d>(&self, data: &'d Dataset, id: Uuid) -> Option<&'d Customer> {
        self.customers.get(&id).and_then(|&i| data.customers.get(i as usize)).filter(|c| c.id == id)
    }

    pub fn case<'d>(&self, data: &'d Dataset, id: Uuid) -> Option<&'d Case> {
        self.cases.get(&id).and_then(|&i| data.cases.get(i as usize)).filter(|c| c.id == id)
    }

    pub fn revisit<'d>(&self, data: &'d Dataset, id: Uuid) -> Option<&'d Revisit> {
        self.revisits.get(&id).and_then(|&i| data.revisits.get(i as usize)).filter(|r| r.id == id)
    }

    pub fn staff<'d>(&self, data: &'d Dataset, id: Uuid) -> Option<&'d Staff> {
        self.staff.get(&id).and_then(|&i| data.staff.get(i as usize)).filter(|s| s.id == id)
    }

    /// The revisit records of case `id`, in entry order.
    pub fn revisits_of_case<'d>(&self, data: &'d Dataset, id: Uuid) -> impl Iterator<Item = &'d Revisit> + use<'d> {
        let at = self.revisits_of_case.get(&id).cloned().unwrap_or_default();
        at.into_iter().filter_map(move |i| data.revisits.get(i as usize)).filter(move |r| r.case_id == Some(id))
    }

    /// The open letters that answered case `id`.
    pub fn letters_of_case<'d>(&self, data: &'d Dataset, id: Uuid) -> impl Iterator<Item = &'d OpenLetter> + use<'d> {
        let at = self.letters_of_case.get(&id).cloned().unwrap_or_default();
        at.into_iter().filter_map(move |i| data.open_letters.get(i as usize)).filter(move |l| l.case_ids.contains(&id))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::sample::office;

    #[test]
    fn every_record_is_found_by_its_id() {
        let data = office(30, 90, 150, 3, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        let at = Positions::new(&data);
        for c in &data.customers {
            assert_eq!(at.customer(&data, c.id), Some(c));
        }
        for c in &data.cases {
            assert_eq!(at.case(&data, c.id), Some(c));
            let scanned: Vec<&Revisit> = data.revisits.iter().filter(|r| r.case_id == Some(c.id)).collect();
            assert_eq!(at.revisits_of_case(&data, c.id).collect::<Vec<_>>(), scanned);
        }
        for r in &data.revisits {
            assert_eq!(at.revisit(&data, r.id), Some(r));
        }
        assert_eq!(at.customer(&data, Uuid::nil()), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Whatever a write does to the lists — edits, new records at the
        /// end or earlier, removals, letters — the lookups taken along
        /// equal lookups built afresh.
        #[test]
        fn lookups_taken_along_a_write_equal_lookups_built_afresh(
            edits in proptest::collection::vec((0usize..150, 0u8..5), 0..8),
        ) {
            use crate::model::Changes;
            let mut data = office(30, 90, 150, 3, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
            data.sort_by_entry();
            let mut at = Positions::new(&data);
            let late = data.revisits.iter().map(|r| r.created_at).max().unwrap() + chrono::Duration::days(1);
            let mut changes = Changes::default();
            for (n, (i, what)) in edits.into_iter().enumerate() {
                let mut r = data.revisits[i].clone();
                match what {
                    0 => r.due_on = r.due_on.succ_opt().unwrap(),
                    1 => { r.id = Uuid::from_u128(0xB000 + n as u128); r.created_at = late; }
                    2 => r.id = Uuid::from_u128(0xC000 + n as u128),
                    3 => { changes.removed_revisits.push(r.id); continue; }
                    _ => {
                        let mut c = data.cases[i % data.cases.len()].clone();
                        c.id = Uuid::from_u128(0xD000 + n as u128);
                        c.created_at = late;
                        changes.cases.push(c);
                        continue;
                    }
                }
                if !changes.revisits.iter().any(|x| x.id == r.id) && !changes.removed_revisits.contains(&r.id) {
                    changes.revisits.push(r);
                }
            }
            changes.removed_revisits.retain(|id| !changes.revisits.iter().any(|r| r.id == *id));
            let touched = changes.touched();
            data.apply(changes);
            at.apply(&data, &touched);
            proptest::prop_assert_eq!(at, Positions::new(&data));
        }
    }
}
