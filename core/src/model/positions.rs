//! Where each record sits in its list, by id: built once per change of the
//! records and shared by the screens, so a view finds a record by id
//! instead of scanning 100,000 of them.

use uuid::Uuid;

use super::{Case, Customer, Dataset, OpenLetter, Revisit, Staff};
use crate::id_map::IdMap;

#[derive(Debug, Default)]
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

impl Positions {
    pub fn new(data: &Dataset) -> Self {
        let mut revisits_of_case: IdMap<Uuid, Vec<u32>> = IdMap::default();
        for (i, r) in data.revisits.iter().enumerate() {
            if let Some(case_id) = r.case_id {
                revisits_of_case.entry(case_id).or_default().push(i as u32);
            }
        }
        let mut letters_of_case: IdMap<Uuid, Vec<u32>> = IdMap::default();
        for (i, l) in data.open_letters.iter().enumerate() {
            for case_id in &l.case_ids {
                letters_of_case.entry(*case_id).or_default().push(i as u32);
            }
        }
        Positions {
            customers: by_id(&data.customers, |c| c.id),
            cases: by_id(&data.cases, |c| c.id),
            revisits: by_id(&data.revisits, |r| r.id),
            staff: by_id(&data.staff, |s| s.id),
            revisits_of_case,
            letters_of_case,
        }
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
}
