//! The edits the office makes in Settings, checked before anything is
//! saved: each function returns the whole new value or every reason it was
//! refused (typed), never a half-applied change. Numbers arrive as the
//! text typed in the form.

use chrono::{Datelike, NaiveDate};

use crate::calendar::text;
use crate::calendar::{WorkCalendar, WorkCalendarError};
use crate::model::{Method, Role, SalesClass};
use crate::policy::{CallWindow, Exclusion, Percent, Policy, PolicyKey, PolicySet, Recurrence, SalesCadence, Span};

/// Which setting a problem is about; the UI turns it into a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    OpensAfter,
    DueWithin,
    Recurrence,
    Target,
    Roles,
    Methods,
    LaterMethods,
    FirstVisit,
    Every,
    MinAttempts,
    RepairSample,
    CallWindows,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("{0:?}: not a whole number")]
    NotANumber(Setting),
    #[error("{setting:?}: at most {max}")]
    TooLarge { setting: Setting, max: u32 },
    #[error("{setting:?}: at least {min}")]
    TooSmall { setting: Setting, min: u32 },
    #[error("{0:?}: choose at least one")]
    NoneChosen(Setting),
    /// Call window number `n` (from 1).
    #[error("call window {0}: not a time (HH:MM)")]
    InvalidTime(usize),
    #[error("call window {0}: the start must be before the end")]
    WindowOrder(usize),
    #[error("call windows {0} and {1} overlap")]
    WindowsOverlap(usize, usize),
    #[error("not a date")]
    InvalidDate,
    #[error(transparent)]
    Calendar(#[from] WorkCalendarError),
}

/// The unit of a [`Span`] as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpanUnit {
    Days,
    WorkingDays,
    Months,
}

impl SpanUnit {
    pub const ALL: [SpanUnit; 3] = [SpanUnit::Days, SpanUnit::WorkingDays, SpanUnit::Months];

    /// Sane upper bounds: a window longer than two years is a typing slip.
    pub fn max(self) -> u32 {
        match self {
            SpanUnit::Days => 730,
            SpanUnit::WorkingDays => 500,
            SpanUnit::Months => 24,
        }
    }

    pub fn span(self, n: u32) -> Span {
        match self {
            SpanUnit::Days => Span::Days(n),
            SpanUnit::WorkingDays => Span::WorkingDays(n),
            SpanUnit::Months => Span::Months(n),
        }
    }
}

/// A span as the form holds it: a unit and the number typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanDraft {
    pub unit: SpanUnit,
    pub n: String,
}

impl SpanDraft {
    pub fn of(span: Span) -> Self {
        let (unit, n) = match span {
            Span::Days(n) => (SpanUnit::Days, n),
            Span::WorkingDays(n) => (SpanUnit::WorkingDays, n),
            Span::Months(n) => (SpanUnit::Months, n),
        };
        SpanDraft { unit, n: n.to_string() }
    }

    /// The span, at least `min` (a repeat of 0 would never move on).
    fn parse(&self, setting: Setting, min: u32, errors: &mut Vec<SettingsError>) -> Option<Span> {
        number(setting, &self.n, min, self.unit.max(), errors).map(|n| self.unit.span(n))
    }
}

fn number(setting: Setting, value: &str, min: u32, max: u32, errors: &mut Vec<SettingsError>) -> Option<u32> {
    match value.trim().parse::<u32>() {
        Err(_) => errors.push(SettingsError::NotANumber(setting)),
        Ok(n) if n < min => errors.push(SettingsError::TooSmall { setting, min }),
        Ok(n) if n > max => errors.push(SettingsError::TooLarge { setting, max }),
        Ok(n) => return Some(n),
    }
    None
}

fn percent(setting: Setting, value: &str, errors: &mut Vec<SettingsError>) -> Option<Percent> {
    number(setting, value, 0, 100, errors).and_then(|n| u8::try_from(n).ok()).map(Percent)
}

/// Keeps the first of each, in order (roles are in order of preference).
fn chosen<T: PartialEq + Copy>(setting: Setting, items: &[T], errors: &mut Vec<SettingsError>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for &i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    if out.is_empty() {
        errors.push(SettingsError::NoneChosen(setting));
    }
    out
}

fn done<T>(value: T, errors: Vec<SettingsError>) -> Result<T, Vec<SettingsError>> {
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(errors)
    }
}

/// One policy's form (DOMAIN "Default policies"); the anchor event follows
/// from the kind and is not edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDraft {
    pub opens_after: SpanDraft,
    pub due_within: SpanDraft,
    pub target: String,
    pub roles: Vec<Role>,
    pub methods: Vec<Method>,
    pub later_methods: Vec<Method>,
    pub exclusions: Vec<Exclusion>,
    /// Again every… (rule 16: signed customers at least once a year).
    pub recurrence: Option<SpanDraft>,
}

impl PolicyDraft {
    pub fn of(p: &Policy) -> Self {
        PolicyDraft {
            opens_after: SpanDraft::of(p.opens_after),
            due_within: SpanDraft::of(p.due_within),
            target: p.target.0.to_string(),
            roles: p.roles.clone(),
            methods: p.methods.clone(),
            later_methods: p.later_methods.clone(),
            exclusions: p.exclusions.clone(),
            recurrence: p.recurrence.map(|Recurrence::Every(s)| SpanDraft::of(s)),
        }
    }

    /// The shipped default for `key` ("Restore defaults").
    pub fn default_for(key: PolicyKey) -> Self {
        Self::of(&PolicySet::default().get(key))
    }

    /// `set` with the policy for `key` replaced by this form.
    pub fn apply(&self, set: &PolicySet, key: PolicyKey) -> Result<PolicySet, Vec<SettingsError>> {
        let mut errors = Vec::new();
        let opens_after = self.opens_after.parse(Setting::OpensAfter, 0, &mut errors);
        let due_within = self.due_within.parse(Setting::DueWithin, 0, &mut errors);
        let recurrence = self.recurrence.as_ref().map(|r| r.parse(Setting::Recurrence, 1, &mut errors));
        let target = percent(Setting::Target, &self.target, &mut errors);
        let roles = chosen(Setting::Roles, &self.roles, &mut errors);
        let methods = chosen(Setting::Methods, &self.methods, &mut errors);
        let later_methods = chosen(Setting::LaterMethods, &self.later_methods, &mut errors);
        let (Some(opens_after), Some(due_within), Some(target)) = (opens_after, due_within, target) else {
            return Err(errors);
        };
        let recurrence = match recurrence {
            None => None,
            Some(Some(span)) => Some(Recurrence::Every(span)),
            Some(None) => return Err(errors),
        };
        let policy = Policy {
            key,
            anchor: set.get(key).anchor,
            opens_after,
            due_within,
            target,
            roles,
            methods,
            later_methods,
            exclusions: self.exclusions.iter().fold(Vec::new(), |mut out, e| {
                if !out.contains(e) {
                    out.push(*e);
                }
                out
            }),
            recurrence,
        };
        let mut next = set.clone();
        match next.policies.iter_mut().find(|p| p.key == key) {
            Some(p) => *p = policy,
            None => next.policies.push(policy),
        }
        done(next, errors)
    }
}

/// One sales class's cadence form (rule 16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesDraft {
    pub first: Option<SpanDraft>,
    pub every: Option<SpanDraft>,
    pub on_holidays: bool,
    pub methods: Vec<Method>,
    pub roles: Vec<Role>,
}

impl SalesDraft {
    pub fn of(c: &SalesCadence) -> Self {
        SalesDraft {
            first: c.first.map(SpanDraft::of),
            every: c.every.map(SpanDraft::of),
            on_holidays: c.on_holidays,
            methods: c.methods.clone(),
            roles: c.roles.clone(),
        }
    }

    /// The shipped default for `class` ("Restore defaults").
    pub fn default_for(class: SalesClass) -> Option<Self> {
        PolicySet::default().sales(class).map(Self::of)
    }

    /// `set` with the cadence for `class` replaced by this form.
    pub fn apply(&self, set: &PolicySet, class: SalesClass) -> Result<PolicySet, Vec<SettingsError>> {
        let mut errors = Vec::new();
        let first = self.first.as_ref().map(|s| s.parse(Setting::FirstVisit, 0, &mut errors));
        let every = self.every.as_ref().map(|s| s.parse(Setting::Every, 1, &mut errors));
        let methods = chosen(Setting::Methods, &self.methods, &mut errors);
        let roles = chosen(Setting::Roles, &self.roles, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let cadence = SalesCadence {
            class,
            first: first.flatten(),
            every: every.flatten(),
            on_holidays: self.on_holidays,
            methods,
            roles,
        };
        let mut next = set.clone();
        match next.sales.iter_mut().find(|c| c.class == class) {
            Some(c) => *c = cadence,
            None => next.sales.push(cadence),
        }
        Ok(next)
    }
}

/// A call window as typed, "HH:MM".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallWindowDraft {
    pub from: String,
    pub to: String,
}

impl CallWindowDraft {
    pub fn of(w: &CallWindow) -> Self {
        CallWindowDraft { from: text::time_text(w.from), to: text::time_text(w.to) }
    }
}

/// Calling etiquette (rule 12): the preferred windows and the attempts
/// needed before a customer counts as unreachable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDraft {
    pub windows: Vec<CallWindowDraft>,
    pub min_attempts: String,
}

impl ContactDraft {
    pub const MAX_ATTEMPTS: u32 = 10;

    pub fn of(set: &PolicySet) -> Self {
        ContactDraft {
            windows: set.call_windows.iter().map(CallWindowDraft::of).collect(),
            min_attempts: set.min_attempts.to_string(),
        }
    }

    pub fn default_for() -> Self {
        Self::of(&PolicySet::default())
    }

    pub fn apply(&self, set: &PolicySet) -> Result<PolicySet, Vec<SettingsError>> {
        let mut errors = Vec::new();
        let min_attempts = number(Setting::MinAttempts, &self.min_attempts, 1, Self::MAX_ATTEMPTS, &mut errors);
        let mut windows = Vec::with_capacity(self.windows.len());
        for (i, w) in self.windows.iter().enumerate() {
            let time = text::parse_time;
            match (time(&w.from), time(&w.to)) {
                (Some(from), Some(to)) if from < to => windows.push((i + 1, CallWindow { from, to })),
                (Some(_), Some(_)) => errors.push(SettingsError::WindowOrder(i + 1)),
                _ => errors.push(SettingsError::InvalidTime(i + 1)),
            }
        }
        if self.windows.is_empty() {
            errors.push(SettingsError::NoneChosen(Setting::CallWindows));
        }
        windows.sort_by_key(|(_, w)| w.from);
        for pair in windows.windows(2) {
            if pair[1].1.from < pair[0].1.to {
                let (a, b) = (pair[0].0.min(pair[1].0), pair[0].0.max(pair[1].0));
                errors.push(SettingsError::WindowsOverlap(a, b));
            }
        }
        let Some(min_attempts) = min_attempts else { return Err(errors) };
        let next =
            PolicySet { call_windows: windows.into_iter().map(|(_, w)| w).collect(), min_attempts, ..set.clone() };
        done(next, errors)
    }
}

/// The share of each quarter's repair revisits the supervisor re-checks (rule 2, seed 004).
pub fn set_repair_sample(set: &PolicySet, value: &str) -> Result<PolicySet, Vec<SettingsError>> {
    let mut errors = Vec::new();
    match percent(Setting::RepairSample, value, &mut errors) {
        Some(p) => Ok(PolicySet { repair_sample: p, ..set.clone() }),
        None => Err(errors),
    }
}

/// The two kinds of calendar entry the office edits (rule 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A day off: an official holiday or an office closure.
    Holiday,
    /// A weekend working day (调休).
    SwappedWorkday,
}

/// One calendar entry, for listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// `calendar` with `date` (a form value) added as a `kind` day named `name`.
pub fn add_day(calendar: &WorkCalendar, kind: DayKind, date: &str, name: &str) -> Result<WorkCalendar, SettingsError> {
    let date = text::parse_date(date).ok_or(SettingsError::InvalidDate)?;
    let mut next = calendar.clone();
    match kind {
        DayKind::Holiday => next.add_holiday(date, name)?,
        DayKind::SwappedWorkday => next.add_swapped_workday(date, name)?,
    }
    Ok(next)
}

/// `calendar` with `date` back to the plain weekday/weekend rule.
pub fn remove_day(calendar: &WorkCalendar, date: NaiveDate) -> WorkCalendar {
    let mut next = calendar.clone();
    next.clear(date);
    next
}

/// `calendar` with `year`'s schedule marked as complete (or not): the
/// office says so after entering a newly published notice.
pub fn set_covered(calendar: &WorkCalendar, year: i32, covered: bool) -> WorkCalendar {
    let mut next = calendar.clone();
    if covered {
        next.years.insert(year);
    } else {
        next.years.remove(&year);
    }
    next
}

/// The years with any entry or marked complete, and `today`'s year and
/// the next (the ones that need a schedule), ascending.
pub fn calendar_years(calendar: &WorkCalendar, today: NaiveDate) -> Vec<i32> {
    let mut years: std::collections::BTreeSet<i32> = calendar.years.clone();
    years.extend(calendar.holidays.keys().chain(calendar.swapped_workdays.keys()).map(|d| d.year()));
    years.extend([today.year(), today.year() + 1]);
    years.into_iter().collect()
}

/// Every entry of `year`, by date.
pub fn calendar_days(calendar: &WorkCalendar, year: i32) -> Vec<CalendarDay> {
    let in_year = |d: &&NaiveDate| d.year() == year;
    let mut days: Vec<CalendarDay> = calendar
        .holidays
        .iter()
        .filter(|(d, _)| in_year(d))
        .map(|(d, n)| CalendarDay { date: *d, kind: DayKind::Holiday, name: n.clone() })
        .chain(calendar.swapped_workdays.iter().filter(|(d, _)| in_year(d)).map(|(d, n)| CalendarDay {
            date: *d,
            kind: DayKind::SwappedWorkday,
            name: n.clone(),
        }))
        .collect();
    days.sort_by_key(|d| d.date);
    days
}

/// This year and next, where the official schedule is not entered yet
/// (rule 15: working-day deadlines there count weekends only).
pub fn missing_years(calendar: &WorkCalendar, today: NaiveDate) -> Vec<i32> {
    [today.year(), today.year() + 1].into_iter().filter(|y| !calendar.covers(*y)).collect()
}

/// `calendar` with the shipped official schedule put back for the years it
/// covers; other years (entered by the office) are kept as they are.
pub fn restore_official(calendar: &WorkCalendar) -> WorkCalendar {
    let official = WorkCalendar::official();
    let mut next = calendar.clone();
    next.holidays.retain(|d, _| !official.years.contains(&d.year()));
    next.swapped_workdays.retain(|d, _| !official.years.contains(&d.year()));
    next.holidays.extend(official.holidays);
    next.swapped_workdays.extend(official.swapped_workdays);
    next.years.extend(official.years);
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const GENERAL: PolicyKey = PolicyKey::Complaint(Severity::General);

    #[test]
    fn an_unchanged_form_gives_back_the_same_policies() {
        let set = PolicySet::default();
        for key in PolicyKey::ALL {
            assert_eq!(PolicyDraft::of(&set.get(key)).apply(&set, key), Ok(set.clone()), "{key:?}");
        }
        for class in SalesClass::ALL {
            assert_eq!(SalesDraft::default_for(class).unwrap().apply(&set, class), Ok(set.clone()), "{class:?}");
        }
        assert_eq!(ContactDraft::of(&set).apply(&set), Ok(set.clone()));
        assert_eq!(set_repair_sample(&set, "20"), Ok(set.clone()));
    }

    #[test]
    fn rule_1_the_office_can_lengthen_the_complaint_window_and_raise_the_target() {
        let set = PolicySet::default();
        let draft = PolicyDraft {
            due_within: SpanDraft { unit: SpanUnit::WorkingDays, n: " 5 ".into() },
            target: "80".into(),
            roles: vec![Role::CustomerServiceSupervisor, Role::PropertyAssistant, Role::CustomerServiceSupervisor],
            ..PolicyDraft::of(&set.get(GENERAL))
        };
        let next = draft.apply(&set, GENERAL).unwrap();
        let p = next.get(GENERAL);
        assert_eq!((p.due_within, p.target, p.anchor), (Span::WorkingDays(5), Percent(80), set.get(GENERAL).anchor));
        assert_eq!(p.roles, vec![Role::CustomerServiceSupervisor, Role::PropertyAssistant], "order of preference kept");
        assert_eq!(next.policies.len(), set.policies.len());
        assert_eq!(next.get(PolicyKey::Repair), set.get(PolicyKey::Repair), "other policies untouched");
    }

    #[test]
    fn policy_numbers_roles_and_methods_are_checked() {
        let set = PolicySet::default();
        let draft = PolicyDraft {
            opens_after: SpanDraft { unit: SpanUnit::Days, n: "-1".into() },
            due_within: SpanDraft { unit: SpanUnit::Months, n: "25".into() },
            target: "101".into(),
            roles: vec![],
            methods: vec![],
            later_methods: vec![Method::Phone],
            recurrence: Some(SpanDraft { unit: SpanUnit::Months, n: "0".into() }),
            ..PolicyDraft::of(&set.get(GENERAL))
        };
        assert_eq!(
            draft.apply(&set, GENERAL),
            Err(vec![
                SettingsError::NotANumber(Setting::OpensAfter),
                SettingsError::TooLarge { setting: Setting::DueWithin, max: 24 },
                SettingsError::TooSmall { setting: Setting::Recurrence, min: 1 },
                SettingsError::TooLarge { setting: Setting::Target, max: 100 },
                SettingsError::NoneChosen(Setting::Roles),
                SettingsError::NoneChosen(Setting::Methods),
            ])
        );
        let zero = PolicyDraft { target: "0".into(), ..PolicyDraft::of(&set.get(GENERAL)) };
        assert_eq!(zero.apply(&set, GENERAL).unwrap().get(GENERAL).target, Percent(0));
    }

    #[test]
    fn restoring_a_policy_gives_the_shipped_default() {
        let set = PolicySet::default();
        let edited = PolicyDraft { target: "70".into(), ..PolicyDraft::of(&set.get(PolicyKey::Repair)) }
            .apply(&set, PolicyKey::Repair)
            .unwrap();
        assert_eq!(PolicyDraft::default_for(PolicyKey::Repair).apply(&edited, PolicyKey::Repair), Ok(set));
    }

    #[test]
    fn rule_16_a_cadence_never_repeats_every_zero_days() {
        let set = PolicySet::default();
        let draft = SalesDraft {
            every: Some(SpanDraft { unit: SpanUnit::Days, n: "0".into() }),
            ..SalesDraft::default_for(SalesClass::C).unwrap()
        };
        assert_eq!(
            draft.apply(&set, SalesClass::C),
            Err(vec![SettingsError::TooSmall { setting: Setting::Every, min: 1 }])
        );
        let weekly_sms = SalesDraft { methods: vec![Method::Sms], ..SalesDraft::default_for(SalesClass::C).unwrap() };
        assert_eq!(
            weekly_sms.apply(&set, SalesClass::C).unwrap().sales(SalesClass::C).unwrap().methods,
            vec![Method::Sms]
        );
        let no_roles = SalesDraft { roles: vec![], ..SalesDraft::default_for(SalesClass::D).unwrap() };
        assert_eq!(no_roles.apply(&set, SalesClass::D), Err(vec![SettingsError::NoneChosen(Setting::Roles)]));
    }

    #[test]
    fn rule_12_call_windows_must_run_forward_and_not_overlap() {
        let set = PolicySet::default();
        let w = |from: &str, to: &str| CallWindowDraft { from: from.into(), to: to.into() };
        let evening =
            ContactDraft { windows: vec![w("18:30", "20:00"), w("09:00", "10:30")], min_attempts: "4".into() };
        let next = evening.apply(&set).unwrap();
        assert_eq!(next.min_attempts, 4);
        assert_eq!(ContactDraft::of(&next).windows, vec![w("09:00", "10:30"), w("18:30", "20:00")], "sorted by start");
        let bad = ContactDraft {
            windows: vec![w("10:30", "09:00"), w("9点", "10:00"), w("14:00", "16:00"), w("15:00", "17:00")],
            min_attempts: "0".into(),
        };
        assert_eq!(
            bad.apply(&set),
            Err(vec![
                SettingsError::TooSmall { setting: Setting::MinAttempts, min: 1 },
                SettingsError::WindowOrder(1),
                SettingsError::InvalidTime(2),
                SettingsError::WindowsOverlap(3, 4),
            ])
        );
        let none = ContactDraft { windows: vec![], min_attempts: "3".into() };
        assert_eq!(none.apply(&set), Err(vec![SettingsError::NoneChosen(Setting::CallWindows)]));
        assert_eq!(ContactDraft::default_for().apply(&next), Ok(set));
    }

    #[test]
    fn rule_2_the_repair_sample_is_a_percentage() {
        let set = PolicySet::default();
        assert_eq!(set_repair_sample(&set, "35").unwrap().repair_sample, Percent(35));
        assert_eq!(
            set_repair_sample(&set, "120"),
            Err(vec![SettingsError::TooLarge { setting: Setting::RepairSample, max: 100 }])
        );
        assert_eq!(set_repair_sample(&set, "二十"), Err(vec![SettingsError::NotANumber(Setting::RepairSample)]));
    }

    #[test]
    fn rule_15_the_office_enters_next_years_schedule_and_marks_it_complete() {
        let today = d("2026-11-23");
        let cal = WorkCalendar::official();
        assert_eq!(missing_years(&cal, today), vec![2027]);
        let cal = add_day(&cal, DayKind::Holiday, "2027-01-01", "元旦").unwrap();
        let cal = add_day(&cal, DayKind::SwappedWorkday, "2027-01-09", "元旦").unwrap(); // a Saturday
        assert!(!cal.is_working_day(d("2027-01-01")) && cal.is_working_day(d("2027-01-09")));
        assert_eq!(missing_years(&cal, today), vec![2027], "entries alone do not complete a year");
        let cal = set_covered(&cal, 2027, true);
        assert_eq!(missing_years(&cal, today), Vec::<i32>::new());
        assert_eq!(calendar_years(&cal, today), vec![2026, 2027]);
        let days = calendar_days(&cal, 2027);
        assert_eq!(
            days.iter().map(|d| (d.date, d.kind)).collect::<Vec<_>>(),
            vec![(d("2027-01-01"), DayKind::Holiday), (d("2027-01-09"), DayKind::SwappedWorkday)]
        );
        assert_eq!(calendar_days(&cal, 2026).len(), cal.holidays.len() + cal.swapped_workdays.len() - 2);
        let cal = remove_day(&cal, d("2027-01-09"));
        assert!(!cal.is_working_day(d("2027-01-09")));
    }

    #[test]
    fn rule_15_calendar_edits_are_refused_with_the_calendars_reason() {
        let cal = WorkCalendar::official();
        assert_eq!(add_day(&cal, DayKind::Holiday, "2027-02-30", "x"), Err(SettingsError::InvalidDate));
        assert_eq!(
            add_day(&cal, DayKind::SwappedWorkday, "2027-01-06", "x"),
            Err(SettingsError::Calendar(WorkCalendarError::NotAWeekend(d("2027-01-06"))))
        );
        assert_eq!(
            add_day(&cal, DayKind::Holiday, "2027-01-01", " "),
            Err(SettingsError::Calendar(WorkCalendarError::NameRequired))
        );
    }

    #[test]
    fn restoring_the_official_schedule_keeps_the_offices_own_years() {
        let cal = WorkCalendar::official();
        let cal = remove_day(&cal, d("2026-10-01"));
        let cal = add_day(&cal, DayKind::Holiday, "2026-12-31", "公司年会").unwrap();
        let cal = add_day(&cal, DayKind::Holiday, "2027-01-01", "元旦").unwrap();
        let restored = restore_official(&cal);
        assert!(!restored.is_working_day(d("2026-10-01")));
        assert!(restored.is_working_day(d("2026-12-31")), "the shipped year is as shipped");
        assert!(!restored.is_working_day(d("2027-01-01")), "2027 was entered by the office and stays");
        assert_eq!(
            restored.holidays.iter().filter(|(d, _)| d.year() == 2026).count(),
            WorkCalendar::official().holidays.len()
        );
    }
}
