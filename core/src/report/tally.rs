//! The figures of one report row (DOMAIN "Statistics").

use serde::{Deserialize, Serialize};

use crate::model::Satisfaction;
use crate::policy::Percent;

/// One row's figures: coverage against the target, timeliness and
/// satisfaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Cases whose anchor event fell in the month, minus exempt ones
    /// (rule 11) and linked duplicates (rule 10).
    pub eligible: u32,
    /// Eligible cases with a completed revisit or answered by an open letter.
    pub revisited: u32,
    /// Revisited by the due date.
    pub on_time: u32,
    /// Revisited, but after the due date.
    pub late: u32,
    /// On the revisit list, not revisited, and past the due date: still
    /// open, or closed by the supervisor as missed (逾期未回访).
    pub overdue: u32,
    /// Closed without reaching the customer (refused, unreachable, wrong
    /// number, moved, missed or another reason): never counted revisited.
    pub closed: u32,
    /// Revisited only through an open letter (rule 8): no satisfaction.
    pub by_letter: u32,
    pub satisfied: u32,
    pub neutral: u32,
    pub dissatisfied: u32,
    /// The target revisit rate. For rows mixing policies (staff, building,
    /// totals) it is the eligible-weighted mean of their targets, rounded up,
    /// so a row only "meets" it when its cases met their policies overall.
    pub target: Percent,
}

impl Default for Tally {
    /// Nothing counted, against no target.
    fn default() -> Self {
        Tally {
            eligible: 0,
            revisited: 0,
            on_time: 0,
            late: 0,
            overdue: 0,
            closed: 0,
            by_letter: 0,
            satisfied: 0,
            neutral: 0,
            dissatisfied: 0,
            target: Percent(0),
        }
    }
}

/// `part / whole` in permille (the report shows 0.1%), rounded to the
/// nearest, halves up: 2 of 3 is 66.7%. Short of the whole it never shows
/// 100.0% (1,999 of 2,000 is 99.9%), so a full rate always means all done.
/// `None` for an empty whole (a rate of nothing is not 0%).
pub(crate) fn permille(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| {
        let (part, whole) = (u64::from(part), u64::from(whole));
        let nearest = (part * 2000 + whole) / (whole * 2);
        let shown = if part < whole { nearest.min(999) } else { nearest };
        u32::try_from(shown).unwrap_or(u32::MAX)
    })
}

impl Tally {
    /// Revisit rate = revisited / eligible, in permille.
    pub fn rate_permille(&self) -> Option<u32> {
        permille(self.revisited, self.eligible)
    }

    /// Whether revisited / eligible ≥ target, compared exactly.
    pub fn meets_target(&self) -> Option<bool> {
        (self.eligible > 0)
            .then(|| u64::from(self.revisited) * 100 >= u64::from(self.target.0) * u64::from(self.eligible))
    }

    /// Completed revisits counted in the satisfaction tallies.
    pub fn completed(&self) -> u32 {
        self.satisfied + self.neutral + self.dissatisfied
    }

    /// Share of completed revisits with this result, in permille.
    pub fn satisfaction_permille(&self, s: Satisfaction) -> Option<u32> {
        let n = match s {
            Satisfaction::Satisfied => self.satisfied,
            Satisfaction::Neutral => self.neutral,
            Satisfaction::Dissatisfied => self.dissatisfied,
        };
        permille(n, self.completed())
    }

    pub fn satisfied_permille(&self) -> Option<u32> {
        self.satisfaction_permille(Satisfaction::Satisfied)
    }

    pub fn neutral_permille(&self) -> Option<u32> {
        self.satisfaction_permille(Satisfaction::Neutral)
    }

    pub fn dissatisfied_permille(&self) -> Option<u32> {
        self.satisfaction_permille(Satisfaction::Dissatisfied)
    }

    /// On-time share of the revisited, in permille.
    pub fn on_time_permille(&self) -> Option<u32> {
        permille(self.on_time, self.revisited)
    }
}

/// What one eligible case contributes to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CaseFigures {
    pub revisited: bool,
    pub on_time: bool,
    pub late: bool,
    pub overdue: bool,
    pub closed: bool,
    pub by_letter: bool,
    /// The latest completed round's result; `None` when not reached.
    pub satisfaction: Option<Satisfaction>,
    /// The case's policy target.
    pub target: Percent,
}

/// Adds cases up into a [`Tally`]; keeps the sum of targets so mixed rows
/// get a weighted target. A settled month's digest keeps one of the cases
/// that left, for the report's trend.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyAcc {
    tally: Tally,
    target_sum: u64,
}

impl TallyAcc {
    pub(crate) fn add(&mut self, f: &CaseFigures) {
        let t = &mut self.tally;
        t.eligible += 1;
        t.revisited += u32::from(f.revisited);
        t.on_time += u32::from(f.on_time);
        t.late += u32::from(f.late);
        t.overdue += u32::from(f.overdue);
        t.closed += u32::from(f.closed);
        t.by_letter += u32::from(f.by_letter);
        match f.satisfaction {
            Some(Satisfaction::Satisfied) => t.satisfied += 1,
            Some(Satisfaction::Neutral) => t.neutral += 1,
            Some(Satisfaction::Dissatisfied) => t.dissatisfied += 1,
            None => {}
        }
        self.target_sum += u64::from(f.target.0);
    }

    /// Adds another row's cases (the complaint total from its severities).
    pub fn merge(&mut self, other: &TallyAcc) {
        let (t, o) = (&mut self.tally, &other.tally);
        t.eligible += o.eligible;
        t.revisited += o.revisited;
        t.on_time += o.on_time;
        t.late += o.late;
        t.overdue += o.overdue;
        t.closed += o.closed;
        t.by_letter += o.by_letter;
        t.satisfied += o.satisfied;
        t.neutral += o.neutral;
        t.dissatisfied += o.dissatisfied;
        self.target_sum += other.target_sum;
    }

    /// The tally with the eligible-weighted mean target, rounded up.
    pub fn weighted(self) -> Tally {
        let n = u64::from(self.tally.eligible);
        let target = if n == 0 { 0 } else { self.target_sum.div_ceil(n) };
        Tally { target: Percent(u8::try_from(target).unwrap_or(u8::MAX)), ..self.tally }
    }

    /// The tally against a fixed target (one policy, or the complaint total).
    pub fn against(self, target: Percent) -> Tally {
        Tally { target, ..self.tally }
    }
}
