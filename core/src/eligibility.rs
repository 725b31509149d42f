//! Which cases a policy revisits and their window: shared by the scheduler
//! (what is due) and the report (what was eligible, what was on time).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::WorkCalendar;
use crate::model::{Case, CaseKind, Customer, Dataset, OpenLetter};
use crate::policy::{Exclusion, Policy, PolicyKey, PolicySet};
use crate::settled::Settled;

/// Facts about the whole dataset that exemptions depend on.
pub struct Exemptions {
    /// Households that have had a major complaint (rule 4).
    had_major_complaint: crate::id_map::IdSet<Uuid>,
    /// Cases answered by an open letter (rule 8), with its date.
    open_letter: crate::id_map::IdMap<Uuid, (Uuid, NaiveDate)>,
}

impl Exemptions {
    pub fn new(data: &Dataset) -> Self {
        Self::beyond(data, &Settled::default())
    }

    /// Over the working set `data` and the settled months (rule 4 looks at
    /// a household's complaints of every month).
    pub fn beyond(data: &Dataset, settled: &Settled) -> Self {
        let mut had_major_complaint: crate::id_map::IdSet<Uuid> =
            data.cases.iter().filter(|c| c.is_major_complaint()).filter_map(|c| c.customer_id).collect();
        had_major_complaint.extend(settled.major_complaint_households().iter().copied());
        Exemptions { had_major_complaint, open_letter: open_letter_cases(&data.open_letters) }
    }

    /// The exclusion that exempts `case` under `policy`, if any.
    pub fn exclusion(&self, case: &Case, customer: Option<&Customer>, policy: &Policy) -> Option<Exclusion> {
        let applies = |e: Exclusion, yes: bool| (yes && policy.excludes(e)).then_some(e);
        applies(Exclusion::Anonymous, case.anonymous || case.customer_id.is_none())
            .or_else(|| applies(Exclusion::ReplyOnly, case.reply_only))
            .or_else(|| applies(Exclusion::Duplicate, case.duplicate_of.is_some()))
            .or_else(|| {
                // Only move-ins can be exempt for it: look the household up only for them.
                let had = || case.customer_id.is_some_and(|c| self.had_major_complaint.contains(&c));
                applies(Exclusion::HadMajorComplaint, case.kind == CaseKind::MoveIn && had())
            })
            .or_else(|| applies(Exclusion::Decorating, customer.is_some_and(|c| c.decorating)))
            .or_else(|| applies(Exclusion::NotResident, customer.is_some_and(|c| !c.resident)))
    }

    /// The open letter (id, sent on) that answered `case`, if any (rule 8).
    pub fn open_letter(&self, case: Uuid) -> Option<(Uuid, NaiveDate)> {
        self.open_letter.get(&case).copied()
    }
}

fn open_letter_cases(letters: &[OpenLetter]) -> crate::id_map::IdMap<Uuid, (Uuid, NaiveDate)> {
    let mut map = crate::id_map::IdMap::default();
    for l in letters {
        for &c in &l.case_ids {
            // The earliest letter closes the case.
            let e = map.entry(c).or_insert((l.id, l.sent_on));
            if l.sent_on < e.1 {
                *e = (l.id, l.sent_on);
            }
        }
    }
    map
}

/// When a case's first revisit window opens and when it is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub anchor: NaiveDate,
    pub opens_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// The first-round window of `case` under `policy`; `None` while the
/// anchor event (handling completed, moved in…) has not happened.
pub fn window(case: &Case, policy: &Policy, calendar: &WorkCalendar) -> Option<Window> {
    let anchor = case.completed_on?;
    let opens_on = policy.opens_after.after(anchor, calendar)?;
    let due_on = policy.due_within.after(opens_on, calendar)?;
    Some(Window { anchor, opens_on, due_on })
}

/// [`window`], remembered by policy and anchor day: the cases of a whole
/// history share a few thousand windows, and working them out (calendar
/// and month arithmetic) costs far more than looking them up.
pub struct Windows<'c> {
    calendar: &'c WorkCalendar,
    known: crate::id_map::IdMap<(usize, NaiveDate), Option<Window>>,
}

impl<'c> Windows<'c> {
    pub fn new(calendar: &'c WorkCalendar) -> Self {
        Windows { calendar, known: crate::id_map::IdMap::default() }
    }

    /// `window(case, policy, calendar)`, where `policy` is the one for `key`.
    pub fn of(&mut self, case: &Case, key: PolicyKey, policy: &Policy) -> Option<Window> {
        let anchor = case.completed_on?;
        let calendar = self.calendar;
        *self.known.entry((key.index(), anchor)).or_insert_with(|| window(case, policy, calendar))
    }
}

/// Why a case is on the revisit list (rules 1–4 and "Default policies").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum Pick {
    /// The policy's target is 100%.
    Required,
    /// Chosen so coverage meets a target below 100%: the `nth` eligible case
    /// of its policy and month (in completion order), `target` percent.
    Sampled { nth: u32, of_target: crate::policy::Percent },
    /// A revisit was already started (never dropped).
    Started,
    /// Staff added it beyond the target.
    Requested,
    /// Answered by an open letter (rule 8).
    OpenLetter { letter_id: Uuid },
}

/// Where a case counts towards its policy's coverage target: the policy
/// and the month of the anchor event (rules 1–3, "Default policies").
pub type Group = (PolicyKey, crate::calendar::YearMonth);

/// The group `case` counts in, once its anchor event has happened.
pub fn group_of(case: &Case) -> Option<Group> {
    Some((PolicyKey::of(case)?, crate::calendar::YearMonth::of(case.completed_on?)))
}

/// An eligible case: completed, revisited under a policy and not exempt.
#[derive(Debug, Clone, Copy)]
pub struct Eligible<'a> {
    pub case: &'a Case,
    /// The case's id and "revisit requested", copied so the selection pass
    /// (which walks cases in date order) does not chase each case in memory.
    pub id: Uuid,
    pub requested: bool,
    pub policy_key: PolicyKey,
    pub window: Window,
}

impl<'a> Eligible<'a> {
    pub fn new(case: &'a Case, policy_key: PolicyKey, window: Window) -> Self {
        Eligible { case, id: case.id, requested: case.revisit_requested, policy_key, window }
    }

    /// The group it counts in (its case's [`group_of`]).
    pub fn group(&self) -> Group {
        (self.policy_key, crate::calendar::YearMonth::of(self.window.anchor))
    }
}

/// Every eligible case (completed, under a policy, not exempt) with its
/// window, in a stable order: by anchor date, then case id.
pub fn eligible_cases<'a>(data: &'a Dataset, index: &crate::model::Index<'a>, ex: &Exemptions) -> Vec<Eligible<'a>> {
    eligible_among(data.cases.iter(), data, index, ex)
}

/// [`eligible_cases`] among the given cases only.
pub fn eligible_among<'a>(
    cases: impl ExactSizeIterator<Item = &'a Case>,
    data: &'a Dataset,
    index: &crate::model::Index<'a>,
    ex: &Exemptions,
) -> Vec<Eligible<'a>> {
    let settings = &data.settings;
    let policies = settings.policies.by_key();
    let mut windows = Windows::new(&settings.calendar);
    let mut found: Vec<Eligible<'a>> = Vec::with_capacity(cases.len());
    for case in cases {
        // Cases still being handled have no window yet: skip them first.
        if case.completed_on.is_none() {
            continue;
        }
        let Some(key) = PolicyKey::of(case) else { continue };
        let Some(policy) = policies.get(key) else { continue };
        let customer = case.customer_id.and_then(|id| index.customers.get(&id).copied());
        if ex.exclusion(case, customer, policy).is_some() {
            continue;
        }
        if let Some(window) = windows.of(case, key, policy) {
            found.push(Eligible::new(case, key, window));
        }
    }
    in_anchor_order(found)
}

/// Sorted by anchor date, then case id (the position breaks ties between
/// repeated ids). Anchors span a few years of days, so the cases are first
/// counted into one bucket per day, leaving only each day's few cases to
/// sort by id; only small keys move, as the entries are large.
fn in_anchor_order(found: Vec<Eligible<'_>>) -> Vec<Eligible<'_>> {
    let days_from_ce: Vec<i32> = found.iter().map(|e| e.window.anchor.num_days_from_ce()).collect();
    let (Some(&first), Some(&last)) = (days_from_ce.iter().min(), days_from_ce.iter().max()) else { return found };
    let days = usize::try_from(i64::from(last) - i64::from(first) + 1).unwrap_or(usize::MAX);
    if days > 4 * found.len() + 1024 {
        // Anchors scattered over centuries (imported dates): sort outright.
        let mut keys: Vec<(i32, u128, u32)> =
            found.iter().zip(&days_from_ce).enumerate().map(|(i, (e, &d))| (d, e.id.as_u128(), i as u32)).collect();
        keys.sort_unstable();
        return keys.into_iter().map(|(_, _, i)| found[i as usize]).collect();
    }
    let slot = |d: i32| (d - first) as usize;
    let mut starts = vec![0u32; days + 1];
    for &d in &days_from_ce {
        starts[slot(d) + 1] += 1;
    }
    for d in 0..days {
        starts[d + 1] += starts[d];
    }
    // Cases `(id, position)` laid out day by day; day `d` is `starts[d]..starts[d + 1]`.
    let mut order = vec![(0u128, 0u32); found.len()];
    let mut next = starts.clone();
    for (i, (e, &d)) in found.iter().zip(&days_from_ce).enumerate() {
        let at = &mut next[slot(d)];
        order[*at as usize] = (e.id.as_u128(), i as u32);
        *at += 1;
    }
    for day in starts.windows(2).filter(|day| day[1] - day[0] > 1) {
        order[day[0] as usize..day[1] as usize].sort_unstable();
    }
    order.into_iter().map(|(_, i)| found[i as usize]).collect()
}

/// Which eligible cases get a revisit so that coverage meets each policy's
/// target, per policy and month of the anchor event.
///
/// Deterministic and stable: cases are taken in completion order, and a case
/// is picked when coverage so far would otherwise fall below the target, so
/// each prefix of the month already meets it (⌈k·target⌉ of the first k) and
/// a case completed later never un-picks an earlier one. Started, requested
/// and letter-answered cases are always picked; all but the requested count
/// towards the target.
///
/// `picks[i]` is `eligible[i]`'s: callers walk both together instead of
/// looking 100,000 ids up. Where a case id may repeat, [`picks_by_id`]
/// says what each id got.
pub fn selection(
    eligible: &[Eligible<'_>],
    index: &crate::model::Index<'_>,
    ex: &Exemptions,
    policies: &PolicySet,
) -> Vec<Option<Pick>> {
    let policies = policies.by_key();
    let mut counts = MonthCounts::default();
    let mut picks = Vec::with_capacity(eligible.len());
    for e in eligible {
        let target = policies.get(e.policy_key).map_or(crate::policy::Percent(100), |p| p.target);
        let (seen, picked) = counts.of(e.group());
        *seen += 1;
        let pick = forced_pick(e, index, ex).or_else(|| {
            if target.0 >= 100 {
                Some(Pick::Required)
            } else if u64::from(*picked) * 100 < u64::from(target.0) * u64::from(*seen) {
                Some(Pick::Sampled { nth: *seen, of_target: target })
            } else {
                None
            }
        });
        // A case staff asked for comes on top of the sample ("staff can
        // always add more"): it never takes the place of a sampled one.
        if pick.is_some() && !e.requested {
            *picked += 1;
        }
        picks.push(pick);
    }
    picks
}

/// The pick `e` gets whatever the rest of its group: answered by an open
/// letter (rule 8), a revisit started (never dropped), or asked for by staff.
pub fn forced_pick(e: &Eligible<'_>, index: &crate::model::Index<'_>, ex: &Exemptions) -> Option<Pick> {
    if let Some((letter_id, _)) = ex.open_letter(e.id) {
        Some(Pick::OpenLetter { letter_id })
    } else if index.revisits_by_case.contains_key(&e.id) {
        Some(Pick::Started)
    } else if e.requested {
        Some(Pick::Requested)
    } else {
        None
    }
}

/// Each case id's pick, from `selection`'s: when an id repeats in the
/// data, the last of its picks stands.
pub fn picks_by_id(eligible: &[Eligible<'_>], picks: &[Option<Pick>]) -> crate::id_map::IdMap<Uuid, Pick> {
    let mut by_id = crate::id_map::IdMap::with_capacity_and_hasher(eligible.len(), Default::default());
    for (e, pick) in eligible.iter().zip(picks) {
        if let Some(p) = pick {
            by_id.insert(e.id, *p);
        }
    }
    by_id
}

/// Cases seen and picked so far per policy and month. Cases come in
/// anchor order, so each policy's month rarely changes: its current
/// counts are kept at hand and stored away only when it does.
#[derive(Default)]
struct MonthCounts {
    current: [Option<(crate::calendar::YearMonth, (u32, u32))>; PolicyKey::ALL.len()],
    earlier: crate::id_map::IdMap<Group, (u32, u32)>,
}

impl MonthCounts {
    fn of(&mut self, (key, month): Group) -> (&mut u32, &mut u32) {
        let slot = &mut self.current[key.index()];
        if let Some((m, counts)) = *slot {
            if m != month {
                self.earlier.insert((key, m), counts);
                *slot = None;
            }
        }
        let earlier = &self.earlier;
        let (_, (seen, picked)) =
            slot.get_or_insert_with(|| (month, earlier.get(&(key, month)).copied().unwrap_or((0, 0))));
        (seen, picked)
    }
}
