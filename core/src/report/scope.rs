//! The slice of the data one report looks at: the eligible cases whose
//! anchor falls in the trend months, and their revisits.
//!
//! `eligibility::eligible_cases` and `model::Index::new` cover the whole
//! history (all 100,000 cases, all 200,000 revisits) and would take most of
//! the report's time budget; the report needs a year of it. The rules are
//! the same ones: `Exemptions::exclusion` and `window` per case, in the same
//! order — a test checks the result against `eligible_cases`.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::eligibility::{Eligible, Exemptions, Windows};
use crate::id_map::IdMap;
use crate::model::{Customer, Dataset, Index, Revisit};
use crate::policy::PolicyKey;

pub(crate) struct Scope<'a> {
    /// Eligible cases with an anchor in `from..=to`, by anchor then id (the
    /// order `selection` expects).
    pub eligible: Vec<Eligible<'a>>,
    /// The revisits of `eligible[i]` are `records[starts[i]..starts[i + 1]]`,
    /// in storage order: one flat list instead of a map lookup per case.
    records: Vec<&'a Revisit>,
    starts: Vec<usize>,
    pub customers: IdMap<u128, &'a Customer>,
    /// What `selection` reads: the revisits of the eligible cases that have
    /// any. Its `customers`, `cases` and `staff` are left empty.
    pub index: Index<'a>,
}

impl<'a> Scope<'a> {
    /// The revisit records of `eligible[i]`.
    pub fn records(&self, i: usize) -> &[&'a Revisit] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&from), Some(&to)) => self.records.get(from..to).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Gathers the scope; `each` sees every revisit on the way, so the report
/// reads the 200,000 revisits once.
pub(crate) fn scope<'a>(
    data: &'a Dataset,
    ex: &Exemptions,
    from: NaiveDate,
    to: NaiveDate,
    mut each: impl FnMut(&'a Revisit),
) -> Scope<'a> {
    let customers: IdMap<u128, &Customer> = data.customers.iter().map(|c| (c.id.as_u128(), c)).collect();
    let eligible = eligible_in(data, ex, &customers, from, to);

    // Group the revisits by slot; the stable sort keeps storage order.
    let slot: IdMap<u128, usize> = eligible.iter().enumerate().map(|(i, e)| (e.case.id.as_u128(), i)).collect();
    let mut found: Vec<(usize, &Revisit)> = Vec::with_capacity(data.revisits.len() / 4);
    for r in &data.revisits {
        each(r);
        if let Some(&i) = r.case_id.and_then(|id| slot.get(&id.as_u128())) {
            found.push((i, r));
        }
    }
    found.sort_by_key(|&(i, _)| i);
    let mut starts = vec![0usize; eligible.len() + 1];
    for &(i, _) in &found {
        starts[i + 1] += 1;
    }
    for i in 0..eligible.len() {
        starts[i + 1] += starts[i];
    }
    let records = found.into_iter().map(|(_, r)| r).collect();
    let mut scope = Scope { eligible, records, starts, customers, index: empty_index() };
    // Sized up front: growing a SipHash map rehashes every key again.
    let started = scope.starts.windows(2).filter(|w| w[0] < w[1]).count();
    let mut by_case: IdMap<Uuid, Vec<&Revisit>> = IdMap::with_capacity_and_hasher(started, Default::default());
    for (i, e) in scope.eligible.iter().enumerate() {
        let records = scope.records(i);
        if !records.is_empty() {
            by_case.insert(e.case.id, records.to_vec());
        }
    }
    scope.index.revisits_by_case = by_case;
    scope
}

/// Eligible cases anchored in `from..=to`, in `eligible_cases` order.
fn eligible_in<'a>(
    data: &'a Dataset,
    ex: &Exemptions,
    customers: &IdMap<u128, &'a Customer>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Eligible<'a>> {
    let settings = &data.settings;
    let policies = settings.policies.by_key();
    let mut windows = Windows::new(&settings.calendar);
    // Sort keys are taken while each case is in cache, and only indices
    // move during the sort: comparing through `&Case` or moving whole
    // entries costs far more than the comparisons themselves.
    let mut found: Vec<Eligible<'a>> = Vec::new();
    let mut keys: Vec<(NaiveDate, u128)> = Vec::new();
    for case in &data.cases {
        // The window's anchor is `completed_on`: test it before the rest.
        if !case.completed_on.is_some_and(|d| from <= d && d <= to) {
            continue;
        }
        let Some(key) = PolicyKey::of(case) else { continue };
        let Some(policy) = policies.get(key) else { continue };
        let customer = case.customer_id.and_then(|id| customers.get(&id.as_u128()).copied());
        if ex.exclusion(case, customer, policy).is_some() {
            continue;
        }
        if let Some(window) = windows.of(case, key, policy) {
            // `as_u128` orders as the id's bytes do.
            keys.push((window.anchor, case.id.as_u128()));
            found.push(Eligible::new(case, key, window));
        }
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| keys.get(i).copied());
    order.into_iter().filter_map(|i| found.get(i).copied()).collect()
}

fn empty_index<'a>() -> Index<'a> {
    Index {
        customers: IdMap::default(),
        cases: IdMap::default(),
        staff: IdMap::default(),
        revisits_by_case: IdMap::default(),
    }
}
