//! Settled months: history the plan no longer reads record by record.
//!
//! A case belongs to the month it was completed in, which is also the month
//! its policy's coverage counts it in (rules 1–3 pick a share of each
//! policy's month in completion order, so a month's picks are made once,
//! over the whole month). A record belongs to its case's month; a record without a case
//! (rule 16) to the month it ended. A case not yet completed, and an
//! unfinished record without a case, belong to no month: open work is not
//! history (DOMAIN: overdue revisits stay visible until done or closed with
//! a reason).
//!
//! A month settles once it ended long enough ago
//! (`scheduler::SETTLES_AFTER_MONTHS`): its coverage is not selected again
//! (rules 1–3), and its cases that owe nothing (no task, every record
//! finished) leave memory with their records (`scheduler::settle`). A case
//! that still owes a revisit stays held with its records, however old
//! (DOMAIN: overdue revisits stay visible until done or closed with a
//! reason), keeping the pick it had, and leaves once it owes nothing.
//!
//! What the plan still needs of the records that left, across months and
//! households, is the month's [`MonthDigest`]:
//! - the households that had a major complaint (rule 4 exempts their move-in);
//! - each household's last finished cadence revisit per cadence (rule 16
//!   restarts the clock there);
//! - each household's last visit on a signing case (rule 16: the annual
//!   revisits follow it);
//! - the picks of the month's cases still held (rules 1–3).
//!
//! A settled month is history as the office left it: a later change of the
//! policies plans the months not settled, and never brings a case of a
//! settled month back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::YearMonth;
use crate::eligibility::Pick;
use crate::id_map::IdMap;
use crate::model::{Cadence, Case, CaseKind, Revisit};
use crate::report::TallyAcc;

/// The month `case` belongs to, once it is completed.
pub fn case_month(case: &Case) -> Option<YearMonth> {
    case.completed_on.map(YearMonth::of)
}

/// Each held case's month, by id: what [`record_month`] looks a record's case up in.
pub fn case_months(cases: &[Case]) -> IdMap<Uuid, Option<YearMonth>> {
    cases.iter().map(|c| (c.id, case_month(c))).collect()
}

/// The month `record` belongs to: its case's, when the case is held (see
/// [`case_months`]); else, once finished, the month it ended.
pub fn record_month(record: &Revisit, case_months: &IdMap<Uuid, Option<YearMonth>>) -> Option<YearMonth> {
    match record.case_id.and_then(|id| case_months.get(&id)) {
        Some(month) => *month,
        None => record.is_finished().then(|| record.month()),
    }
}

/// What later months need of records that left: of one month (in its
/// [`MonthDigest`]) or of every settled month together (in [`Settled`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Households with a major complaint (rule 4), sorted.
    pub major_complaint_households: Vec<Uuid>,
    /// Per household and cadence, the last finished cadence revisit
    /// (rule 16), sorted.
    pub last_cadence: Vec<((Uuid, Cadence), NaiveDate)>,
    /// Per household, the last visit on a signing case (rule 16), sorted.
    pub last_signing_visit: Vec<(Uuid, NaiveDate)>,
}

impl Facts {
    /// Takes in `other`'s facts: the households of both, the later dates.
    pub fn absorb(&mut self, other: &Facts) {
        self.major_complaint_households = union(&self.major_complaint_households, &other.major_complaint_households);
        self.last_cadence = latest(&self.last_cadence, &other.last_cadence);
        self.last_signing_visit = latest(&self.last_signing_visit, &other.last_signing_visit);
    }
}

/// What the plan needs of one settled month's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthDigest {
    pub month: YearMonth,
    pub facts: Facts,
    /// The cases of the month still held (they owed a revisit when it
    /// settled) with the pick each had (rules 1–3), sorted.
    pub held_picks: Vec<(Uuid, Pick)>,
    /// The cases and records that left, sorted: where a record asked for
    /// by id alone (a link, another tab's write) is found.
    #[serde(default)]
    pub cases: Vec<Uuid>,
    #[serde(default)]
    pub revisits: Vec<Uuid>,
    /// The monthly report's figures of the cases that left (they are final:
    /// nothing is owed), for the trend of a later month's report.
    #[serde(default)]
    pub trend: TallyAcc,
    /// The other settled months whose records include some that ended in
    /// this one: a report of this month reads them too (rules 2, 6, 9 count
    /// the records that ended in the month, which are kept with their case).
    #[serde(default)]
    pub ended_records_in: Vec<YearMonth>,
}

impl MonthDigest {
    /// The digest of `month` from the cases and records that left, and the
    /// picks of its cases still held.
    pub fn of<'a>(
        month: YearMonth,
        cases: impl IntoIterator<Item = &'a Case>,
        revisits: impl IntoIterator<Item = &'a Revisit>,
        mut held_picks: Vec<(Uuid, Pick)>,
    ) -> Self {
        let mut major = Vec::new();
        // Signing cases by id, with their household: the annual revisits
        // follow the case's household, whoever a record names.
        let mut signing: IdMap<Uuid, Uuid> = IdMap::default();
        let (mut case_ids, mut revisit_ids) = (Vec::new(), Vec::new());
        for case in cases {
            case_ids.push(case.id);
            if case.is_major_complaint() {
                major.extend(case.customer_id);
            }
            if let (CaseKind::Signing, Some(customer)) = (case.kind, case.customer_id) {
                signing.insert(case.id, customer);
            }
        }
        let (mut cadence, mut signed) = (Vec::new(), Vec::new());
        for r in revisits {
            revisit_ids.push(r.id);
            match (r.case_id, r.cadence, r.finished_on()) {
                (None, Some(c), Some(on)) => cadence.push(((r.customer_id, c), on)),
                (Some(case_id), _, _) => {
                    if let (Some(&customer), Some(result)) = (signing.get(&case_id), &r.result) {
                        signed.push((customer, result.visited_on));
                    }
                }
                _ => {}
            }
        }
        held_picks.sort_unstable_by_key(|(id, _)| *id);
        let facts = Facts {
            major_complaint_households: union(&major, &[]),
            last_cadence: latest(&cadence, &[]),
            last_signing_visit: latest(&signed, &[]),
        };
        MonthDigest {
            month,
            facts,
            held_picks,
            cases: union(&case_ids, &[]),
            revisits: union(&revisit_ids, &[]),
            trend: TallyAcc::default(),
            ended_records_in: Vec::new(),
        }
    }

    /// Takes in a later digest of the same month: more records that left,
    /// and the picks of the cases held since.
    pub fn absorb(&mut self, later: &MonthDigest) {
        self.facts.absorb(&later.facts);
        self.held_picks.clone_from(&later.held_picks);
        self.cases = union(&self.cases, &later.cases);
        self.revisits = union(&self.revisits, &later.revisits);
        self.trend.merge(&later.trend);
        self.ended_records_in = union(&self.ended_records_in, &later.ended_records_in);
    }
}

/// The ids (or months) of `a` and `b`, sorted, each once.
fn union<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut all: Vec<T> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The latest date of each key in `a` and `b`, sorted by key.
fn latest<K: Ord + Copy>(a: &[(K, NaiveDate)], b: &[(K, NaiveDate)]) -> Vec<(K, NaiveDate)> {
    let mut all: Vec<(K, NaiveDate)> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    // Sorted by key, then date: the last of each key is its latest.
    all.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = later.1;
        }
        same
    });
    all
}

/// The settled months and what the plan needs of them, from their digests.
/// Kept as sorted lists: it is read by the plan and changes once a day.
#[derive(Debug, Clone, Default)]
pub struct Settled {
    months: Vec<YearMonth>,
    /// Every settled month's facts together.
    facts: Facts,
    /// The held cases' picks, by case id, with the month each belongs to (a
    /// later digest of that month replaces them).
    picks: Vec<(Uuid, Pick, YearMonth)>,
    /// The month of each case and record that left, by id.
    case_months: Vec<(Uuid, YearMonth)>,
    revisit_months: Vec<(Uuid, YearMonth)>,
    /// Per settled month (in `months` order): the figures of its cases that
    /// left, and the other months holding records that ended in it.
    reports: Vec<(TallyAcc, Vec<YearMonth>)>,
}

impl Settled {
    pub fn new<'a>(digests: impl IntoIterator<Item = &'a MonthDigest>) -> Self {
        let mut s = Settled::default();
        for d in digests {
            s.add(d);
        }
        s
    }

    /// Takes in a settled month's digest, or a later one of a month
    /// already settled.
    pub fn add(&mut self, digest: &MonthDigest) {
        match self.months.binary_search(&digest.month) {
            Ok(at) => {
                let (trend, ended) = &mut self.reports[at];
                trend.merge(&digest.trend);
                *ended = union(ended, &digest.ended_records_in);
            }
            Err(at) => {
                self.months.insert(at, digest.month);
                self.reports.insert(at, (digest.trend, digest.ended_records_in.clone()));
            }
        }
        self.facts.absorb(&digest.facts);
        self.picks.retain(|p| p.2 != digest.month);
        self.picks.extend(digest.held_picks.iter().map(|&(id, pick)| (id, pick, digest.month)));
        self.picks.sort_unstable_by_key(|p| p.0);
        add_months(&mut self.case_months, &digest.cases, digest.month);
        add_months(&mut self.revisit_months, &digest.revisits, digest.month);
    }

    /// The report's figures of the cases of settled `month` that left.
    pub fn trend_of(&self, month: YearMonth) -> Option<&TallyAcc> {
        self.months.binary_search(&month).ok().map(|i| &self.reports[i].0)
    }

    /// The settled months a report of `month` reads besides what is held:
    /// `month` and the months of its quarter that settled (rule 2 samples
    /// the quarter's repair revisits), and the months holding records that
    /// ended in any of them; earliest first.
    pub fn months_for_report(&self, month: YearMonth) -> Vec<YearMonth> {
        let (first, last) = crate::report::quarter_of(month);
        let mut months = Vec::new();
        for (m, (_, ended)) in self.months.iter().zip(&self.reports) {
            if first <= *m && *m <= last {
                months.push(*m);
                months.extend(ended);
            }
        }
        union(&months, &[])
    }

    /// The settled month the case `id` left with, if it left.
    pub fn month_of_case(&self, id: Uuid) -> Option<YearMonth> {
        month_in(&self.case_months, id)
    }

    /// The settled month the record `id` left with, if it left.
    pub fn month_of_revisit(&self, id: Uuid) -> Option<YearMonth> {
        month_in(&self.revisit_months, id)
    }

    pub fn contains(&self, month: YearMonth) -> bool {
        self.months.binary_search(&month).is_ok()
    }

    /// The settled months, earliest first.
    pub fn months(&self) -> &[YearMonth] {
        &self.months
    }

    pub fn is_empty(&self) -> bool {
        self.months.is_empty()
    }

    /// Households with a major complaint in a settled month (rule 4), sorted.
    pub fn major_complaint_households(&self) -> &[Uuid] {
        &self.facts.major_complaint_households
    }

    /// Each household's last finished cadence revisit per cadence in the
    /// settled months, sorted.
    pub fn last_cadence(&self) -> &[((Uuid, Cadence), NaiveDate)] {
        &self.facts.last_cadence
    }

    /// `customer`'s last finished `cadence` revisit in the settled months.
    pub fn last_cadence_of(&self, customer: Uuid, cadence: Cadence) -> Option<NaiveDate> {
        let list = &self.facts.last_cadence;
        list.binary_search_by_key(&(customer, cadence), |e| e.0).ok().map(|i| list[i].1)
    }

    /// Each household's last visit on a signing case in the settled months, sorted.
    pub fn last_signing_visit(&self) -> &[(Uuid, NaiveDate)] {
        &self.facts.last_signing_visit
    }

    /// The pick a held case of a settled month had when the month settled.
    pub fn pick_of(&self, case: Uuid) -> Option<Pick> {
        self.picks.binary_search_by_key(&case, |p| p.0).ok().map(|i| self.picks[i].1)
    }

    /// The held cases of settled `month` with their picks, sorted.
    pub fn held_picks(&self, month: YearMonth) -> Vec<(Uuid, Pick)> {
        self.picks.iter().filter(|p| p.2 == month).map(|&(id, pick, _)| (id, pick)).collect()
    }
}

/// Adds `ids` (of `month`) to the sorted list `months`.
fn add_months(months: &mut Vec<(Uuid, YearMonth)>, ids: &[Uuid], month: YearMonth) {
    months.extend(ids.iter().map(|&id| (id, month)));
    months.sort_unstable();
    months.dedup_by_key(|e| e.0);
}

fn month_in(months: &[(Uuid, YearMonth)], id: Uuid) -> Option<YearMonth> {
    months.binary_search_by_key(&id, |e| e.0).ok().map(|i| months[i].1)
}

/// One month taken out of the working set: its digest and its records.
#[derive(Debug, Clone, PartialEq)]
pub struct SettledMonth {
    pub digest: MonthDigest,
    pub cases: Vec<Case>,
    pub revisits: Vec<Revisit>,
}
