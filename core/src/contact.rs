//! Reaching the customer (rule 12) and a revisit record's life: started
//! from a planned task, attempts logged, then completed with the result or
//! closed without one. Silence is never a result (DOMAIN "Lessons").

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::calendar::WorkCalendar;
use crate::model::{Attempt, AttemptOutcome, Closure, ClosureReason, Revisit, RevisitResult};
use crate::policy::CallWindow;
use crate::scheduler::PlannedRevisit;
use crate::validation::{text, Field, FieldError, Problem, TEXT_MAX};

/// Two attempts are "at different times" (rule 12) when at least this far
/// apart: a redial a few minutes later is the same try, while the two
/// default call windows (09:00–10:30, 14:30–16:00) or the same hour on
/// another day always count as different.
pub const MIN_GAP_BETWEEN_ATTEMPTS: TimeDelta = TimeDelta::hours(2);

/// How long `suggest_call_time` looks ahead for a working day.
const LOOKAHEAD_DAYS: u32 = 366;

/// Outcomes that say nothing about the customer's wish, only that they were
/// not reached this time (a refusal is a different closure).
fn not_reached(outcome: AttemptOutcome) -> bool {
    matches!(outcome, AttemptOutcome::NoAnswer | AttemptOutcome::WrongNumber | AttemptOutcome::CallLater)
}

/// Rule 12: a customer may be marked unreachable only after `min` failed
/// attempts pairwise at least [`MIN_GAP_BETWEEN_ATTEMPTS`] apart, and never
/// once they were reached.
pub fn can_close_unreachable(attempts: &[Attempt], min: u32) -> bool {
    unreachable_progress(attempts, min) == UnreachableProgress::Enough
}

/// How far the attempt log is from allowing "unreachable" (rule 12), so the
/// form can say what is still missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnreachableProgress {
    /// The customer was reached once: never unreachable.
    Reached,
    Enough,
    /// `more` failed attempts still needed; the next one counts only from
    /// `after` (two hours after the last counted one), if any was made.
    Short {
        more: u32,
        after: Option<NaiveDateTime>,
    },
}

pub fn unreachable_progress(attempts: &[Attempt], min: u32) -> UnreachableProgress {
    if attempts.iter().any(|a| a.outcome == AttemptOutcome::Reached) {
        return UnreachableProgress::Reached;
    }
    let (count, last) = distinct_tries(attempts);
    match min.checked_sub(count).filter(|more| *more > 0) {
        None => UnreachableProgress::Enough,
        Some(more) => UnreachableProgress::Short { more, after: last.map(|l| l + MIN_GAP_BETWEEN_ATTEMPTS) },
    }
}

/// The most failed attempts that are pairwise far enough apart, and the
/// last of them. Taking each earliest one that is far enough from the last
/// taken is optimal: an earlier pick never rules out more later ones.
fn distinct_tries(attempts: &[Attempt]) -> (u32, Option<NaiveDateTime>) {
    let mut times: Vec<NaiveDateTime> = attempts.iter().filter(|a| not_reached(a.outcome)).map(|a| a.at).collect();
    times.sort();
    let mut count = 0u32;
    let mut last: Option<NaiveDateTime> = None;
    for t in times {
        if last.is_none_or(|l| t - l >= MIN_GAP_BETWEEN_ATTEMPTS) {
            count = count.saturating_add(1);
            last = Some(t);
        }
    }
    (count, last)
}

/// When to call next (rule 12): `now` if it is inside a call window on a
/// working day, else the next window's start; a window already tried
/// without success that day is skipped in favour of another. Without
/// usable windows, `now`.
pub fn suggest_call_time(
    now: NaiveDateTime,
    windows: &[CallWindow],
    attempts: &[Attempt],
    calendar: &WorkCalendar,
) -> NaiveDateTime {
    let mut windows: Vec<&CallWindow> = windows.iter().filter(|w| w.from < w.to).collect();
    windows.sort_by_key(|w| (w.from, w.to));
    let mut tried_window_fallback: Option<NaiveDateTime> = None;
    let mut day = now.date();
    for _ in 0..=LOOKAHEAD_DAYS {
        if calendar.is_working_day(day) {
            for w in &windows {
                if day.and_time(w.to) <= now {
                    continue;
                }
                let at = day.and_time(w.from).max(now);
                if tried_in(attempts, day, w) {
                    tried_window_fallback.get_or_insert(at);
                } else {
                    return at;
                }
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    tried_window_fallback.unwrap_or(now)
}

fn tried_in(attempts: &[Attempt], day: NaiveDate, w: &CallWindow) -> bool {
    attempts.iter().any(|a| not_reached(a.outcome) && a.at.date() == day && w.from <= a.at.time() && a.at.time() < w.to)
}

/// Completing or closing a record that already ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("revisit {record_id} is already finished")]
pub struct AlreadyFinished {
    pub record_id: Uuid,
}

/// The earliest day a task's result may be dated: a later round may follow
/// up the same day as the visit before it; a first round not before its
/// window opens.
pub fn earliest_visit(task: &PlannedRevisit, revisits: &[Revisit]) -> NaiveDate {
    task.parent_id
        .and_then(|id| revisits.iter().find(|r| r.id == id))
        .and_then(|r| r.result.as_ref())
        .map_or(task.opens_on, |r| r.visited_on)
}

/// The record staff create when they begin a planned task: it carries the
/// task's identity (case, round, escalation or cadence, parent), its due
/// date and assignee, so the next plan shows the same task in progress.
pub fn start(task: &PlannedRevisit, id: Uuid, now: DateTime<Utc>) -> Revisit {
    Revisit {
        revision: 0,
        id,
        case_id: task.case_id,
        customer_id: task.customer_id,
        cadence: task.cadence,
        round: task.round,
        parent_id: task.parent_id,
        escalation: task.escalation,
        due_on: task.due_on,
        assignee_id: task.assignee,
        attempts: Vec::new(),
        result: None,
        closure: None,
        review: None,
        archived_at: None,
        created_at: now,
        updated_at: now,
    }
}

/// Keeps an attempt, failed or not ("keep every attempt, not just the last result").
pub fn log_attempt(rev: &Revisit, attempt: Attempt, now: DateTime<Utc>) -> Revisit {
    let mut next = rev.clone();
    next.attempts.push(attempt);
    next.updated_at = now;
    next
}

/// Records what the reached customer said; a finished record is not
/// overwritten.
pub fn complete(rev: &Revisit, result: RevisitResult, now: DateTime<Utc>) -> Result<Revisit, AlreadyFinished> {
    if rev.is_finished() {
        return Err(AlreadyFinished { record_id: rev.id });
    }
    Ok(Revisit { result: Some(result), updated_at: now, ..rev.clone() })
}

/// What closing a task without a result says: why and who. The day is
/// passed in (it is "today").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureDraft {
    pub reason: ClosureReason,
    pub note: String,
    pub by: Option<Uuid>,
}

impl ClosureDraft {
    fn validate(&self, on: NaiveDate, errors: &mut Vec<FieldError>) -> Closure {
        let note = text(Field::Note, &self.note, TEXT_MAX, self.reason.needs_note(), errors);
        if self.by.is_none() {
            errors.push(FieldError::new(Field::Staff, Problem::Required));
        }
        Closure { on, reason: self.reason, note, by: self.by }
    }
}

/// Closes the revisit without a result, for the draft's reason, on `on`
/// (DOMAIN "Lessons": open work ends done or closed with a reason, never
/// dropped). Unreachable needs the attempts rule 12 asks for; "missed" and
/// "other" need a note; someone must be named. A record that already ended
/// is returned unchanged: its result or closure stands.
pub fn close(
    rev: &Revisit,
    draft: &ClosureDraft,
    on: NaiveDate,
    min: u32,
    now: DateTime<Utc>,
) -> Result<Revisit, Vec<FieldError>> {
    if rev.is_finished() {
        return Ok(rev.clone());
    }
    let mut errors = Vec::new();
    let closure = draft.validate(on, &mut errors);
    if draft.reason == ClosureReason::Unreachable && !can_close_unreachable(&rev.attempts, min) {
        errors.push(FieldError::new(Field::Attempts, Problem::TooFewAttempts { needed: min }));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Revisit { closure: Some(closure), updated_at: now, ..rev.clone() })
}

/// Closes many tasks with one reason (the supervisor clearing long-overdue
/// work): each task's record, or a record started for it now, is closed,
/// so every one stays counted in its month. All or none: the first task
/// that can't be closed refuses the lot.
pub fn close_all<'t>(
    tasks: impl IntoIterator<Item = (&'t PlannedRevisit, Option<&'t Revisit>)>,
    draft: &ClosureDraft,
    on: NaiveDate,
    min: u32,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> Uuid,
) -> Result<Vec<Revisit>, Vec<FieldError>> {
    let mut closed = Vec::new();
    for (task, record) in tasks {
        let record = match record {
            Some(r) if r.is_finished() => continue,
            Some(r) => r.clone(),
            None => start(task, new_id(), now),
        };
        closed.push(close(&record, draft, on, min, now)?);
    }
    Ok(closed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Method, Satisfaction};
    use crate::policy::PolicySet;
    use chrono::NaiveTime;
    use proptest::prelude::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub(super) fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }

    fn attempt(s: &str, outcome: AttemptOutcome) -> Attempt {
        Attempt { at: at(s), method: Method::Phone, outcome, note: String::new(), staff_id: None }
    }

    fn no_answer(times: &[&str]) -> Vec<Attempt> {
        times.iter().map(|t| attempt(t, AttemptOutcome::NoAnswer)).collect()
    }

    fn windows() -> Vec<CallWindow> {
        PolicySet::default().call_windows
    }

    pub(super) fn open_record() -> Revisit {
        Revisit {
            revision: 0,
            id: Uuid::from_u128(7),
            case_id: Some(Uuid::from_u128(1)),
            customer_id: Uuid::from_u128(2),
            cadence: None,
            round: 1,
            parent_id: None,
            escalation: false,
            due_on: "2026-11-26".parse().unwrap(),
            assignee_id: None,
            attempts: Vec::new(),
            result: None,
            closure: None,
            review: None,
            archived_at: None,
            created_at: now(),
            updated_at: now(),
        }
    }

    pub(super) fn result() -> RevisitResult {
        RevisitResult {
            method: Method::Phone,
            visited_on: "2026-11-24".parse().unwrap(),
            at: None,
            staff_id: None,
            content: "已修好".into(),
            satisfaction: Satisfaction::Satisfied,
            issues: Vec::new(),
            reply_by: None,
            signature_id: None,
            escalate: false,
        }
    }

    #[test]
    fn rule_12_unreachable_only_after_three_attempts_at_different_times() {
        let morning_afternoon_next_day = no_answer(&["2026-11-23 09:05", "2026-11-23 14:40", "2026-11-24 09:10"]);
        assert!(can_close_unreachable(&morning_afternoon_next_day, 3));
        let two_only = no_answer(&["2026-11-23 09:05", "2026-11-23 14:40"]);
        assert!(!can_close_unreachable(&two_only, 3));
    }

    #[test]
    fn rule_12_three_redials_in_one_sitting_count_once() {
        let redials = no_answer(&["2026-11-23 09:05", "2026-11-23 09:07", "2026-11-23 09:30"]);
        assert!(!can_close_unreachable(&redials, 3));
        assert_eq!(distinct_tries(&redials).0, 1);
    }

    #[test]
    fn rule_12_different_times_means_at_least_two_hours_apart() {
        assert!(!can_close_unreachable(&no_answer(&["2026-11-23 09:00", "2026-11-23 10:59", "2026-11-23 12:58"]), 3));
        assert!(can_close_unreachable(&no_answer(&["2026-11-23 09:00", "2026-11-23 11:00", "2026-11-23 13:00"]), 3));
        // The same hour on three days is three different times.
        assert!(can_close_unreachable(&no_answer(&["2026-11-23 09:00", "2026-11-24 09:00", "2026-11-25 09:00"]), 3));
    }

    #[test]
    fn rule_12_refusals_and_reached_attempts_do_not_make_a_customer_unreachable() {
        let mut attempts = no_answer(&["2026-11-23 09:00", "2026-11-24 09:00"]);
        attempts.push(attempt("2026-11-25 09:00", AttemptOutcome::Refused));
        assert!(!can_close_unreachable(&attempts, 3), "a refusal is not an unanswered call");
        let mut reached = no_answer(&["2026-11-23 09:00", "2026-11-24 09:00", "2026-11-25 09:00"]);
        reached.push(attempt("2026-11-22 15:00", AttemptOutcome::Reached));
        assert!(!can_close_unreachable(&reached, 3), "a customer once reached is not unreachable");
    }

    #[test]
    fn rule_12_wrong_numbers_and_call_later_count_as_failed_attempts() {
        let attempts = vec![
            attempt("2026-11-23 09:00", AttemptOutcome::WrongNumber),
            attempt("2026-11-23 15:00", AttemptOutcome::CallLater),
            attempt("2026-11-24 09:00", AttemptOutcome::NoAnswer),
        ];
        assert!(can_close_unreachable(&attempts, 3));
    }

    pub(super) fn closing(reason: ClosureReason, note: &str) -> ClosureDraft {
        ClosureDraft { reason, note: note.into(), by: Some(Uuid::from_u128(5)) }
    }

    #[test]
    fn rule_12_closing_as_unreachable_is_refused_with_too_few_attempts() {
        let unreachable = closing(ClosureReason::Unreachable, "");
        let rev = open_record();
        let rev = log_attempt(&rev, attempt("2026-11-23 09:00", AttemptOutcome::NoAnswer), now());
        let err = close(&rev, &unreachable, d("2026-11-23"), 3, now()).unwrap_err();
        assert_eq!(err, vec![FieldError::new(Field::Attempts, Problem::TooFewAttempts { needed: 3 })]);
        let rev = log_attempt(&rev, attempt("2026-11-23 14:30", AttemptOutcome::NoAnswer), now());
        let rev = log_attempt(&rev, attempt("2026-11-24 09:30", AttemptOutcome::NoAnswer), now());
        let closed = close(&rev, &unreachable, d("2026-11-24"), 3, now()).unwrap();
        let closure = closed.closure.clone().unwrap();
        assert_eq!(
            (closure.reason, closure.on, closure.by),
            (ClosureReason::Unreachable, d("2026-11-24"), Some(Uuid::from_u128(5)))
        );
        assert!(closed.result.is_none(), "silence is not satisfaction");
        assert_eq!(closed.attempts.len(), 3, "every attempt is kept");
        // Closing again changes nothing.
        assert_eq!(close(&closed, &closing(ClosureReason::Refused, ""), d("2026-11-30"), 3, now()).unwrap(), closed);
    }

    #[test]
    fn rule_12_the_form_says_how_many_attempts_are_missing_and_from_when() {
        assert_eq!(unreachable_progress(&[], 3), UnreachableProgress::Short { more: 3, after: None });
        let one = no_answer(&["2026-11-23 12:10"]);
        assert_eq!(
            unreachable_progress(&one, 3),
            UnreachableProgress::Short { more: 2, after: Some(at("2026-11-23 14:10")) }
        );
        // A redial ten minutes later is the same try: the next still counts from 14:10.
        let redial = no_answer(&["2026-11-23 12:10", "2026-11-23 12:20"]);
        assert_eq!(
            unreachable_progress(&redial, 3),
            UnreachableProgress::Short { more: 2, after: Some(at("2026-11-23 14:10")) }
        );
        let three = no_answer(&["2026-11-23 09:00", "2026-11-23 14:00", "2026-11-24 09:00"]);
        assert_eq!(unreachable_progress(&three, 3), UnreachableProgress::Enough);
        let reached = vec![attempt("2026-11-23 09:00", AttemptOutcome::Reached)];
        assert_eq!(unreachable_progress(&reached, 3), UnreachableProgress::Reached);
    }

    #[test]
    fn a_refusal_closes_the_task_at_once_and_is_never_a_result() {
        let rev = open_record();
        let closed = close(&rev, &closing(ClosureReason::Refused, ""), d("2026-11-23"), 3, now()).unwrap();
        assert_eq!(closed.closure.as_ref().map(|c| c.reason), Some(ClosureReason::Refused));
        assert!(closed.result.is_none() && closed.is_finished());
        // Wrong numbers and moved households likewise need no attempts count.
        for reason in [ClosureReason::WrongNumber, ClosureReason::Moved] {
            assert!(close(&rev, &closing(reason, ""), d("2026-11-23"), 3, now()).is_ok(), "{reason:?}");
        }
    }

    #[test]
    fn missed_and_other_closures_need_a_note_and_every_closure_a_name() {
        let rev = open_record();
        for reason in [ClosureReason::Missed, ClosureReason::Other] {
            let err = close(&rev, &closing(reason, "  "), d("2026-11-23"), 3, now()).unwrap_err();
            assert_eq!(err, vec![FieldError::new(Field::Note, Problem::Required)], "{reason:?}");
            assert!(close(&rev, &closing(reason, "客户已出国"), d("2026-11-23"), 3, now()).is_ok());
        }
        let nobody = ClosureDraft { by: None, ..closing(ClosureReason::Refused, "") };
        assert_eq!(
            close(&rev, &nobody, d("2026-11-23"), 3, now()).unwrap_err(),
            vec![FieldError::new(Field::Staff, Problem::Required)]
        );
    }

    #[test]
    fn a_finished_record_cannot_be_completed_again() {
        let done = complete(&open_record(), result(), now()).unwrap();
        assert!(done.is_completed());
        assert_eq!(complete(&done, result(), now()), Err(AlreadyFinished { record_id: done.id }));
    }

    #[test]
    fn rule_12_inside_a_call_window_call_now() {
        // Monday 2026-11-23 09:40.
        let t = suggest_call_time(at("2026-11-23 09:40"), &windows(), &[], &WorkCalendar::official());
        assert_eq!(t, at("2026-11-23 09:40"));
    }

    #[test]
    fn rule_12_between_windows_wait_for_the_next_one() {
        let t = suggest_call_time(at("2026-11-23 11:00"), &windows(), &[], &WorkCalendar::official());
        assert_eq!(t, at("2026-11-23 14:30"));
    }

    #[test]
    fn rule_12_retry_in_another_window_than_the_one_that_failed_today() {
        let failed = no_answer(&["2026-11-23 09:10"]);
        let t = suggest_call_time(at("2026-11-23 09:40"), &windows(), &failed, &WorkCalendar::official());
        assert_eq!(t, at("2026-11-23 14:30"));
        // Both windows tried today: tomorrow morning.
        let failed = no_answer(&["2026-11-23 09:10", "2026-11-23 14:35"]);
        let t = suggest_call_time(at("2026-11-23 15:00"), &windows(), &failed, &WorkCalendar::official());
        assert_eq!(t, at("2026-11-24 09:00"));
    }

    #[test]
    fn rule_12_and_15_no_calls_on_weekends_or_holidays_but_on_swapped_working_days() {
        let cal = WorkCalendar::official();
        // Friday evening → Monday morning.
        assert_eq!(suggest_call_time(at("2026-11-20 17:00"), &windows(), &[], &cal), at("2026-11-23 09:00"));
        // National Day week → Thursday Oct 8.
        assert_eq!(suggest_call_time(at("2026-10-01 10:00"), &windows(), &[], &cal), at("2026-10-08 09:00"));
        // Friday Oct 9 evening → Saturday Oct 10 is a 调休 working day.
        assert_eq!(suggest_call_time(at("2026-10-09 16:30"), &windows(), &[], &cal), at("2026-10-10 09:00"));
    }

    #[test]
    fn without_call_windows_the_suggestion_is_now() {
        let cal = WorkCalendar::official();
        let t = at("2026-11-21 20:00");
        assert_eq!(suggest_call_time(t, &[], &[], &cal), t);
        let backwards = CallWindow { from: NaiveTime::from_hms_opt(16, 0, 0).unwrap(), to: NaiveTime::MIN };
        assert_eq!(suggest_call_time(t, &[backwards], &[], &cal), t);
    }

    proptest! {
        /// A suggestion is never in the past, is on a working day inside a
        /// window, and never repeats a window that failed that day.
        #[test]
        fn rule_12_suggestions_are_inside_a_window_on_a_working_day(
            minutes in 0i64..(60 * 24 * 400),
            tried in proptest::collection::vec((0i64..(60 * 24 * 3), 0usize..5), 0..6),
        ) {
            let cal = WorkCalendar::official();
            let now = at("2026-01-01 00:00") + TimeDelta::minutes(minutes);
            let attempts: Vec<Attempt> = tried.iter().map(|(back, o)| Attempt {
                at: now - TimeDelta::minutes(*back),
                method: Method::Phone,
                outcome: AttemptOutcome::ALL[*o],
                note: String::new(),
                staff_id: None,
            }).collect();
            let ws = windows();
            let t = suggest_call_time(now, &ws, &attempts, &cal);
            prop_assert!(t >= now);
            prop_assert!(cal.is_working_day(t.date()));
            let w = ws.iter().find(|w| w.from <= t.time() && t.time() < w.to);
            prop_assert!(w.is_some(), "{t} is outside the call windows");
            if let Some(w) = w {
                prop_assert!(!tried_in(&attempts, t.date(), w));
            }
        }

        /// Adding an attempt never makes an unreachable customer reachable again
        /// unless it is a reached one.
        #[test]
        fn rule_12_more_failed_attempts_never_undo_unreachable(
            offsets in proptest::collection::vec(0i64..(60 * 24 * 7), 0..8),
            extra in 0i64..(60 * 24 * 7),
        ) {
            let base = at("2026-11-23 08:00");
            let mut attempts: Vec<Attempt> = offsets.iter().map(|m| Attempt {
                at: base + TimeDelta::minutes(*m), method: Method::Phone,
                outcome: AttemptOutcome::NoAnswer, note: String::new(), staff_id: None,
            }).collect();
            let before = can_close_unreachable(&attempts, 3);
            attempts.push(Attempt { at: base + TimeDelta::minutes(extra), ..attempts.first().cloned().unwrap_or(attempt("2026-11-23 08:00", AttemptOutcome::NoAnswer)) });
            prop_assert!(!before || can_close_unreachable(&attempts, 3));
        }
    }
}

#[cfg(test)]
mod earliest_visit_tests {
    use super::*;
    use crate::model::{Method, Role, Satisfaction};
    use crate::scheduler::{TaskKey, Urgency};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn task(round: u32, parent_id: Option<Uuid>) -> PlannedRevisit {
        let case_id = Uuid::from_u128(1);
        PlannedRevisit {
            key: TaskKey::Case { case_id, round, escalation: false },
            case_id: Some(case_id),
            customer_id: Uuid::from_u128(2),
            round,
            escalation: false,
            cadence: None,
            parent_id,
            record_id: None,
            opens_on: d("2026-11-24"),
            due_on: d("2026-11-27"),
            urgency: Urgency::Upcoming { days: 3 },
            role: Role::PropertyAssistant,
            assignee: None,
            methods: vec![Method::Phone],
            attempts: 0,
            reasons: Vec::new(),
        }
    }

    fn visited(id: u128, on: &str) -> Revisit {
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        Revisit {
            revision: 0,
            id: Uuid::from_u128(id),
            case_id: Some(Uuid::from_u128(1)),
            customer_id: Uuid::from_u128(2),
            cadence: None,
            round: 1,
            parent_id: None,
            escalation: false,
            due_on: d(on),
            assignee_id: None,
            attempts: Vec::new(),
            result: Some(RevisitResult {
                method: Method::HomeVisit,
                visited_on: d(on),
                at: None,
                staff_id: None,
                content: "回访".into(),
                satisfaction: Satisfaction::Neutral,
                issues: Vec::new(),
                reply_by: Some(d("2026-11-25")),
                signature_id: Some(Uuid::from_u128(9)),
                escalate: false,
            }),
            closure: None,
            review: None,
            archived_at: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn rule_7_a_later_round_may_be_recorded_the_same_day_as_the_visit_before_it() {
        let parent = visited(5, "2026-11-23");
        assert_eq!(earliest_visit(&task(2, Some(parent.id)), &[parent]), d("2026-11-23"));
    }

    #[test]
    fn a_first_round_is_not_recorded_before_its_window_opens() {
        assert_eq!(earliest_visit(&task(1, None), &[]), d("2026-11-24"));
    }

    #[test]
    fn closing_many_overdue_tasks_starts_records_for_untouched_ones_and_skips_finished_ones() {
        let started = super::tests::open_record();
        let mut finished = super::tests::open_record();
        finished.id = Uuid::from_u128(8);
        finished.result = Some(super::tests::result());
        let (a, b, c) = (task(1, None), task(2, None), task(3, None));
        let tasks = [(&a, Some(&started)), (&b, None), (&c, Some(&finished))];
        let mut ids = 100u128..;
        let missed = super::tests::closing(ClosureReason::Missed, "年底清理逾期");
        let closed =
            close_all(tasks, &missed, d("2026-12-31"), 3, super::tests::now(), || Uuid::from_u128(ids.next().unwrap()))
                .unwrap();
        assert_eq!(closed.len(), 2, "the finished record is left as it is");
        assert_eq!(closed[0].id, started.id);
        assert_eq!((closed[1].id, closed[1].round, closed[1].case_id), (Uuid::from_u128(100), 2, b.case_id));
        assert!(closed.iter().all(|r| r.closure.as_ref().is_some_and(|c| c.reason == ClosureReason::Missed)));
        // One bad draft refuses the lot.
        let no_note = super::tests::closing(ClosureReason::Missed, "");
        assert!(close_all([(&b, None)], &no_note, d("2026-12-31"), 3, super::tests::now(), Uuid::new_v4).is_err());
    }
}
