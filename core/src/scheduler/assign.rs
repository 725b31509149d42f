//! Who does a task (rules 1–3, 13, 14): the first role in the policy's
//! order with someone available, preferring the customer's area, never the
//! staff the case is about, and spreading the work.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::id_map::IdMap;

use uuid::Uuid;

use super::task::Reason;
use crate::model::{Role, Staff};

/// What a task needs from the assigner.
pub(super) struct Request<'r> {
    /// Roles that may do it, preferred first.
    pub roles: &'r [Role],
    /// The customer's building (rule 2).
    pub building: Option<&'r str>,
    /// Staff the case is about (rule 13).
    pub involved: &'r [Uuid],
    /// Who started it, if it was started.
    pub started_by: Option<Uuid>,
    /// Who did the round that escalated: the superior's revisit is never
    /// theirs (rule 14), even where they are their own role's superior.
    pub not_by: Option<Uuid>,
}

pub(super) struct Assignment {
    pub role: Role,
    pub assignee: Option<Uuid>,
}

/// Assigns tasks one by one; the caller feeds them in a fixed order so the
/// workload spread is the same for the same data.
pub(super) struct Assigner<'a> {
    /// Active staff, by id; the positions below index into it.
    people: Vec<&'a Staff>,
    by_role: BTreeMap<Role, Vec<usize>>,
    position: IdMap<Uuid, usize>,
    /// Every building some person is responsible for, numbered, and each
    /// person's buildings by number (rule 2 compares numbers, not names).
    /// A std map: `IdMap` is tuned for ids, and a few dozen names are all.
    building_numbers: HashMap<&'a str, u32>,
    areas: Vec<Vec<u32>>,
    /// Tasks given to each person so far in this plan.
    load: Vec<u32>,
    /// Roles some task found nobody for.
    pub missing_roles: BTreeSet<Role>,
}

impl<'a> Assigner<'a> {
    pub fn new(all: &'a [Staff]) -> Self {
        let mut people: Vec<&Staff> = all.iter().filter(|s| s.active).collect();
        people.sort_by_key(|s| s.id);
        people.dedup_by_key(|s| s.id);
        let mut by_role: BTreeMap<Role, Vec<usize>> = BTreeMap::new();
        for (i, s) in people.iter().enumerate() {
            by_role.entry(s.role).or_default().push(i);
        }
        let position = people.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        let mut building_numbers: HashMap<&str, u32> = HashMap::new();
        let areas = people
            .iter()
            .map(|s| {
                let mut numbered = |b: &'a String| {
                    let next = building_numbers.len() as u32;
                    *building_numbers.entry(b.as_str()).or_insert(next)
                };
                s.buildings.iter().map(&mut numbered).collect()
            })
            .collect();
        let load = vec![0; people.len()];
        Assigner { people, by_role, position, building_numbers, areas, load, missing_roles: BTreeSet::new() }
    }

    /// Picks the person, adding why to `reasons`.
    pub fn assign(&mut self, req: &Request<'_>, reasons: &mut Vec<Reason>) -> Assignment {
        if let Some(id) = req.started_by {
            match self.position.get(&id) {
                // The person who started it keeps it (attempts and the customer know them).
                Some(&i) if !req.involved.contains(&id) && req.not_by != Some(id) => {
                    self.load[i] += 1;
                    let role = self.people[i].role;
                    reasons.push(Reason::AssigneeKept);
                    return Assignment { role, assignee: Some(id) };
                }
                // Left, or the case turned out to be about them.
                _ => reasons.push(Reason::Reassigned { from: id }),
            }
        }
        let excluded = self.excluded(req);
        if excluded > 0 {
            reasons.push(Reason::NotTheStaffInvolved { excluded });
        }
        let building = req.building.map(|b| self.building_numbers.get(b).copied());
        for &role in req.roles {
            let Some(members) = self.by_role.get(&role) else { continue };
            let Some(Candidate { tier, chosen, pool }) = self.least_loaded(members, req, building) else {
                continue;
            };
            if let (AreaTier::Named, Some(b)) = (tier, req.building) {
                reasons.push(Reason::Area { building: b.to_owned() });
            }
            if pool > 1 {
                reasons.push(Reason::LeastLoaded { open: self.load[chosen] });
            }
            self.load[chosen] += 1;
            return Assignment { role, assignee: Some(self.people[chosen].id) };
        }
        // Nobody: the task is still listed under the preferred role.
        let role = req.roles.first().copied().unwrap_or(Role::PropertyAssistant);
        self.missing_roles.insert(role);
        Assignment { role, assignee: None }
    }

    /// Among `members` who may take the task (not involved, not the one
    /// escalating), those in the best area tier for the building, and of
    /// them the least loaded (ties go to the lowest position, i.e. the
    /// lowest id): one pass, every tier computed once.
    fn least_loaded(&self, members: &[usize], req: &Request<'_>, building: Option<Option<u32>>) -> Option<Candidate> {
        let mut best: Option<Candidate> = None;
        for &i in members {
            let id = self.people[i].id;
            if req.involved.contains(&id) || req.not_by == Some(id) {
                continue;
            }
            let tier = area_tier(&self.areas[i], building);
            match &mut best {
                Some(b) if tier > b.tier => {}
                Some(b) if tier == b.tier => {
                    b.pool += 1;
                    if (self.load[i], i) < (self.load[b.chosen], b.chosen) {
                        b.chosen = i;
                    }
                }
                _ => best = Some(Candidate { tier, chosen: i, pool: 1 }),
            }
        }
        best
    }

    /// Active people in the task's roles passed over under rule 13.
    fn excluded(&self, req: &Request<'_>) -> u32 {
        if req.involved.is_empty() {
            return 0;
        }
        let mut n = 0u32;
        for (k, role) in req.roles.iter().enumerate() {
            if req.roles[..k].contains(role) {
                continue;
            }
            let members = self.by_role.get(role).map_or(&[][..], Vec::as_slice);
            let involved = members.iter().filter(|&&i| req.involved.contains(&self.people[i].id)).count();
            n = n.saturating_add(u32::try_from(involved).unwrap_or(u32::MAX));
        }
        n
    }
}

/// Rule 2: those responsible for the building by name come first, then
/// those covering the whole estate, then anyone in the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AreaTier {
    Named,
    WholeEstate,
    Elsewhere,
}

/// `areas` are a person's buildings and `building` the customer's, by
/// number: `Some(None)` is a building nobody is responsible for.
fn area_tier(areas: &[u32], building: Option<Option<u32>>) -> AreaTier {
    match building {
        Some(Some(b)) if areas.contains(&b) => AreaTier::Named,
        _ if areas.is_empty() => AreaTier::WholeEstate,
        None => AreaTier::Named,
        Some(_) => AreaTier::Elsewhere,
    }
}

/// The person `least_loaded` found, their tier, and how many shared it.
struct Candidate {
    tier: AreaTier,
    chosen: usize,
    pool: u32,
}

/// Rule 14 with rule 13: the superior, or theirs if the superior is the
/// one the case is about, up to the company manager.
pub(super) fn superiors(from: Role) -> Vec<Role> {
    let mut chain = vec![from.superior()];
    while let Some(&last) = chain.last() {
        let next = last.superior();
        if next == last {
            break;
        }
        chain.push(next);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn person(n: u128, role: Role, buildings: &[&str]) -> Staff {
        let t = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        Staff {
            revision: 0,
            id: Uuid::from_u128(n),
            name: format!("staff {n}"),
            role,
            buildings: buildings.iter().map(|b| (*b).to_owned()).collect(),
            active: true,
            created_at: t,
            updated_at: t,
        }
    }

    struct Got {
        role: Role,
        assignee: Option<Uuid>,
        reasons: Vec<Reason>,
    }

    fn run(a: &mut Assigner<'_>, r: &Request<'_>) -> Got {
        let mut reasons = Vec::new();
        let Assignment { role, assignee } = a.assign(r, &mut reasons);
        Got { role, assignee, reasons }
    }

    fn req<'r>(roles: &'r [Role], building: Option<&'r str>, involved: &'r [Uuid]) -> Request<'r> {
        Request { roles, building, involved, started_by: None, not_by: None }
    }

    #[test]
    fn rule_2_the_assistant_of_the_customers_building_gets_it() {
        let staff = vec![person(1, Role::PropertyAssistant, &["1"]), person(2, Role::PropertyAssistant, &["7"])];
        let mut a = Assigner::new(&staff);
        let got = run(&mut a, &req(&[Role::PropertyAssistant], Some("7"), &[]));
        assert_eq!(got.assignee, Some(Uuid::from_u128(2)));
        assert!(got.reasons.contains(&Reason::Area { building: "7".into() }));
    }

    #[test]
    fn rule_2_the_named_area_assistant_comes_before_one_for_the_whole_estate() {
        let staff = vec![person(1, Role::PropertyAssistant, &[]), person(2, Role::PropertyAssistant, &["7"])];
        let mut a = Assigner::new(&staff);
        for _ in 0..3 {
            assert_eq!(
                run(&mut a, &req(&[Role::PropertyAssistant], Some("7"), &[])).assignee,
                Some(Uuid::from_u128(2))
            );
        }
        assert_eq!(run(&mut a, &req(&[Role::PropertyAssistant], Some("9"), &[])).assignee, Some(Uuid::from_u128(1)));
    }

    #[test]
    fn work_is_spread_to_the_least_loaded_with_ties_by_id() {
        let staff = vec![person(2, Role::PropertyAssistant, &[]), person(1, Role::PropertyAssistant, &[])];
        let mut a = Assigner::new(&staff);
        let got: Vec<u128> = (0..4)
            .map(|_| run(&mut a, &req(&[Role::PropertyAssistant], None, &[])).assignee.unwrap().as_u128())
            .collect();
        assert_eq!(got, vec![1, 2, 1, 2]);
    }

    #[test]
    fn rule_13_the_involved_person_is_skipped_and_the_next_role_is_tried() {
        let staff = vec![person(1, Role::CommunityCultureClerk, &[]), person(2, Role::PropertyAssistant, &[])];
        let mut a = Assigner::new(&staff);
        let involved = [Uuid::from_u128(1)];
        let got = run(&mut a, &req(&[Role::CommunityCultureClerk, Role::PropertyAssistant], None, &involved));
        assert_eq!(got.assignee, Some(Uuid::from_u128(2)));
        assert_eq!(got.role, Role::PropertyAssistant);
        assert!(got.reasons.contains(&Reason::NotTheStaffInvolved { excluded: 1 }));
    }

    #[test]
    fn nobody_for_the_role_leaves_it_unassigned_and_says_so() {
        let staff = vec![person(1, Role::PropertyAssistant, &[])];
        let mut a = Assigner::new(&staff);
        let got = run(&mut a, &req(&[Role::CompanyManager], None, &[]));
        assert_eq!((got.role, got.assignee), (Role::CompanyManager, None));
        assert!(a.missing_roles.contains(&Role::CompanyManager));
    }

    #[test]
    fn whoever_started_a_task_keeps_it_unless_they_left() {
        let mut staff = vec![person(1, Role::PropertyAssistant, &[]), person(2, Role::PropertyAssistant, &[])];
        staff[1].active = false;
        let mut a = Assigner::new(&staff);
        let kept = run(
            &mut a,
            &Request { started_by: Some(Uuid::from_u128(1)), ..req(&[Role::PropertyAssistant], None, &[]) },
        );
        assert_eq!(kept.assignee, Some(Uuid::from_u128(1)));
        let moved = run(
            &mut a,
            &Request { started_by: Some(Uuid::from_u128(2)), ..req(&[Role::PropertyAssistant], None, &[]) },
        );
        assert_eq!(moved.assignee, Some(Uuid::from_u128(1)));
        assert!(moved.reasons.contains(&Reason::Reassigned { from: Uuid::from_u128(2) }));
    }

    #[test]
    fn rule_14_superiors_climb_to_the_company_manager() {
        assert_eq!(superiors(Role::PropertyAssistant), vec![Role::CustomerServiceSupervisor, Role::CompanyManager]);
        assert_eq!(superiors(Role::CompanyManager), vec![Role::CompanyManager]);
    }
}
