//! The plan kept between writes. It is worked out over every record once;
//! after a write, again over only the cases that can have a task:
//! - those with a task in the last plan or a started record;
//! - those the write touched, with their household's other cases (rule 4:
//!   a household's major complaint exempts its move-in; a household's
//!   residence or decoration exempts its cases);
//! - every case of a coverage group whose selection the write may change
//!   (rules 1–3 pick a share of each policy's month in completion order).
//!
//! The other cases keep their picks and, having no task before and no
//! change since, still have none. Cadence revisits (rule 16) are worked out
//! for every household each time, from each household's last finished one
//! (kept here). A change of the settings, the staff or
//! the open letters reaches every case: then every record is read again.
//! The result equals [`plan`](super::plan) (see the tests).

use chrono::NaiveDate;
use uuid::Uuid;

use super::cadence::{note_finished, settled_last_finished, LastFinished};
use super::plan_over;
use super::scope::{Known, Scope};
use super::task::Plan;
use crate::eligibility::{group_of, Group, Pick};
use crate::id_map::{IdMap, IdSet};
use crate::model::{Cadence, Case, CaseKind, Changes, Dataset, Positions, Revisit};
use crate::settled::Settled;

#[derive(Debug, Clone, Default)]
pub struct Planner {
    /// What is known of the settled months, whose records are not held.
    settled: Settled,
    /// Whether the facts below describe the records (a plan was made
    /// over them all and every write since was noted).
    made: bool,
    /// The next plan must read every record.
    whole: bool,
    /// Cases with a task in the last plan, or with a started record.
    live: IdSet<Uuid>,
    /// Each household's cases.
    cases_of: IdMap<Uuid, Vec<Uuid>>,
    /// Signing cases: annual revisits follow them (rule 16).
    signing: IdSet<Uuid>,
    /// Each household's records without a case (cadence revisits, rule 16).
    caseless_of: IdMap<Uuid, Vec<Uuid>>,
    /// Those of them started and not finished.
    caseless_open: IdSet<Uuid>,
    /// Each household's last finished cadence revisits.
    last_finished: LastFinished,
    /// The last selection's picks by case (rules 1–3).
    picks: IdMap<Uuid, Pick>,
    /// Cases written to, or whose household was, since the last plan.
    dirty: IdSet<Uuid>,
    /// Households whose records without a case were written to.
    cadence_changed: IdSet<Uuid>,
    /// Coverage groups to select again.
    regroup: IdSet<Group>,
}

impl Planner {
    /// Plans from now on over the working set and `settled`; the next plan
    /// reads every held record.
    pub fn set_settled(&mut self, settled: Settled) {
        self.settled = settled;
        self.whole = true;
    }

    /// Notes a write before it is applied to `data` (found through `at`).
    pub fn note(&mut self, data: &Dataset, at: &Positions, changes: &Changes) {
        if !self.made || self.whole {
            return;
        }
        if changes.settings.is_some() || !changes.staff.is_empty() || !changes.open_letters.is_empty() {
            self.whole = true;
            return;
        }
        for case in &changes.cases {
            let old = at.case(data, case.id);
            self.dirty.insert(case.id);
            for version in old.into_iter().chain([case]) {
                self.regroup.extend(group_of(version));
                if let Some(customer) = version.customer_id {
                    self.household_changed(data, at, customer);
                }
            }
            self.file_case(old, case);
        }
        for r in &changes.revisits {
            let old = at.revisit(data, r.id);
            for case_id in old.and_then(|o| o.case_id).into_iter().chain(r.case_id) {
                // A case's first record makes it "started", which counts
                // towards its group's coverage.
                let first =
                    old.and_then(|o| o.case_id) != Some(case_id) && at.revisits_of_case(data, case_id).next().is_none();
                self.record_changed(data, at, case_id, first || old.is_some_and(|o| o.case_id != r.case_id));
            }
            self.file_caseless(old, Some(r));
        }
        for id in &changes.removed_revisits {
            let old = at.revisit(data, *id);
            if let Some(case_id) = old.and_then(|o| o.case_id) {
                self.record_changed(data, at, case_id, true);
            }
            self.file_caseless(old, None);
        }
        for customer in &changes.customers {
            self.household_changed(data, at, customer.id);
        }
    }

    /// The plan on `today` over `data` (found through `at`), with every
    /// write since the last one noted.
    pub fn plan(&mut self, data: &Dataset, at: &Positions, today: NaiveDate) -> Plan {
        if !self.made || self.whole {
            return self.plan_all(data, at, today);
        }
        let mut ids: IdSet<Uuid> = self.live.iter().chain(&self.dirty).copied().collect();
        // Only writes to cases or households change a group: finding its
        // cases by a pass over them all is cheaper than keeping lists.
        let regrouped: Vec<Uuid> = if self.regroup.is_empty() {
            Vec::new()
        } else {
            let regroup = &self.regroup;
            data.cases.iter().filter(|c| group_of(c).is_some_and(|g| regroup.contains(&g))).map(|c| c.id).collect()
        };
        ids.extend(&regrouped);
        let cases: Vec<&Case> = ids.iter().filter_map(|&id| at.case(data, id)).collect();
        let signing: Vec<&Case> = self.signing.iter().filter_map(|&id| at.case(data, id)).collect();
        ids.extend(signing.iter().map(|c| c.id));
        let mut revisits: Vec<&Revisit> = self.caseless_open.iter().filter_map(|&id| at.revisit(data, id)).collect();
        for &id in &ids {
            revisits.extend(at.revisits_of_case(data, id));
        }
        for customer in std::mem::take(&mut self.cadence_changed) {
            for cadence in Cadence::ALL {
                let key = (customer.as_u128(), cadence);
                match self.settled.last_cadence_of(customer, cadence) {
                    Some(on) => self.last_finished.insert(key, on),
                    None => self.last_finished.remove(&key),
                };
            }
            for r in self.caseless_of.get(&customer).into_iter().flatten().filter_map(|&id| at.revisit(data, id)) {
                note_finished(&mut self.last_finished, r);
            }
        }
        let known = Known { picks: &self.picks, regroup: &self.regroup, last_finished: &self.last_finished };
        let scope = Scope { cases, signing, revisits, known: Some(known), settled: &self.settled };
        let (plan, picks) = plan_over(data, &scope, today);
        let live = live(&plan, &scope.revisits);
        for id in &regrouped {
            self.picks.remove(id);
        }
        self.picks.extend(picks);
        self.live = live;
        self.dirty.clear();
        self.regroup.clear();
        plan
    }

    /// Reads every record and notes the facts later plans start from.
    fn plan_all(&mut self, data: &Dataset, at: &Positions, today: NaiveDate) -> Plan {
        let settled = std::mem::take(&mut self.settled);
        let scope = Scope::all(data, &settled);
        let (plan, picks) = plan_over(data, &scope, today);
        let mut facts = Planner {
            live: live(&plan, &scope.revisits),
            last_finished: settled_last_finished(&settled),
            ..Planner::default()
        };
        for case in &data.cases {
            facts.file_case(None, case);
        }
        for r in &data.revisits {
            facts.file_caseless(None, Some(r));
            note_finished(&mut facts.last_finished, r);
        }
        facts.cadence_changed.clear();
        facts.picks = picks.into_iter().collect();
        // A repeated id (possible only in data not read from the database)
        // would make "the case with this id" ambiguous: read everything.
        facts.made = !at.repeats_ids(data);
        drop(scope);
        facts.settled = settled;
        *self = facts;
        plan
    }

    /// The household's cases are worked out again, and their groups
    /// selected again: its facts decide exemptions (rules 4, 10).
    fn household_changed(&mut self, data: &Dataset, at: &Positions, customer: Uuid) {
        for &id in self.cases_of.get(&customer).into_iter().flatten() {
            self.dirty.insert(id);
            self.regroup.extend(at.case(data, id).and_then(group_of));
        }
    }

    fn record_changed(&mut self, data: &Dataset, at: &Positions, case_id: Uuid, may_start: bool) {
        self.dirty.insert(case_id);
        if may_start {
            self.regroup.extend(at.case(data, case_id).and_then(group_of));
        }
    }

    /// Files a record without a case (formerly `old`, now `new`, if any)
    /// under its household.
    fn file_caseless(&mut self, old: Option<&Revisit>, new: Option<&Revisit>) {
        if let Some(old) = old.filter(|o| o.case_id.is_none()) {
            if let Some(list) = self.caseless_of.get_mut(&old.customer_id) {
                list.retain(|id| *id != old.id);
            }
            self.caseless_open.remove(&old.id);
            self.cadence_changed.insert(old.customer_id);
        }
        if let Some(new) = new.filter(|r| r.case_id.is_none()) {
            self.caseless_of.entry(new.customer_id).or_default().push(new.id);
            if !new.is_finished() {
                self.caseless_open.insert(new.id);
            }
            self.cadence_changed.insert(new.customer_id);
        }
    }

    /// Files `case` (formerly `old`) under its household and kind.
    fn file_case(&mut self, old: Option<&Case>, case: &Case) {
        if let Some(old) = old {
            if let Some(list) = old.customer_id.and_then(|c| self.cases_of.get_mut(&c)) {
                list.retain(|id| *id != old.id);
            }
        }
        if let Some(customer) = case.customer_id {
            self.cases_of.entry(customer).or_default().push(case.id);
        }
        if case.kind == CaseKind::Signing {
            self.signing.insert(case.id);
        } else {
            self.signing.remove(&case.id);
        }
    }
}

/// Cases with a task in `plan` or a started record among `revisits`.
fn live(plan: &Plan, revisits: &[&Revisit]) -> IdSet<Uuid> {
    let mut live: IdSet<Uuid> = plan.items.iter().filter_map(|p| p.case_id).collect();
    live.extend(revisits.iter().filter(|r| !r.is_finished()).filter_map(|r| r.case_id));
    live
}
