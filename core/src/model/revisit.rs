//! 回访: first a task (attempts logged against it), then a record with the
//! result, later reviewed by the supervisor.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::YearMonth;

/// 回访方式: 上门 / 电话 / 信函(公开信) / 短信 / 电邮.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    HomeVisit,
    Phone,
    Letter,
    Sms,
    Email,
}

impl Method {
    pub const ALL: [Method; 5] = [Method::HomeVisit, Method::Phone, Method::Letter, Method::Sms, Method::Email];
}

/// 满意 / 一般 / 不满意.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    Neutral,
    Dissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] = [Satisfaction::Satisfied, Satisfaction::Neutral, Satisfaction::Dissatisfied];
}

/// How one contact attempt went (DOMAIN "Lessons"): only `Reached` can
/// complete a revisit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptOutcome {
    Reached,
    /// 无人接听.
    NoAnswer,
    /// 拒访.
    Refused,
    /// 暂不回访 / 改约.
    CallLater,
    /// Wrong or dead number.
    WrongNumber,
}

impl AttemptOutcome {
    pub const ALL: [AttemptOutcome; 5] = [
        AttemptOutcome::Reached,
        AttemptOutcome::NoAnswer,
        AttemptOutcome::Refused,
        AttemptOutcome::CallLater,
        AttemptOutcome::WrongNumber,
    ];
}

/// One try at reaching the customer, kept even when it failed (rule 12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Office local time.
    pub at: NaiveDateTime,
    pub method: Method,
    pub outcome: AttemptOutcome,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub staff_id: Option<Uuid>,
}

/// Something the customer raised during a revisit, and its answer (rule 9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaisedIssue {
    pub text: String,
    #[serde(default)]
    pub answer: Option<IssueAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueAnswer {
    pub on: NaiveDate,
    pub text: String,
}

/// What a completed revisit recorded (rule 5, 002 第二条): when, by whom,
/// how, what was said, problems found and the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisitResult {
    pub method: Method,
    pub visited_on: NaiveDate,
    #[serde(default)]
    pub at: Option<NaiveTime>,
    #[serde(default)]
    pub staff_id: Option<Uuid>,
    pub content: String,
    pub satisfaction: Satisfaction,
    #[serde(default)]
    pub issues: Vec<RaisedIssue>,
    /// The reply time agreed with the customer for what could not be settled
    /// on the spot; the next round is due then (rule 7).
    #[serde(default)]
    pub reply_by: Option<NaiveDate>,
    /// The customer's signature, required for a home visit (rule 5).
    #[serde(default)]
    pub signature_id: Option<Uuid>,
    /// Strong dissatisfaction or signs of misconduct: the superior does a
    /// second revisit (rule 14).
    #[serde(default)]
    pub escalate: bool,
}

/// Why a revisit ended without reaching the customer (DOMAIN "Lessons":
/// open work stays visible until done or closed with a reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    /// At least 3 failed attempts at different times (rule 12).
    Unreachable,
    /// The customer refused the revisit (拒访).
    Refused,
    /// The number is wrong or no longer in service.
    WrongNumber,
    /// The household moved out.
    Moved,
    /// Left undone past its window (逾期未回访): the supervisor closes it,
    /// and the report still counts it overdue in its month.
    Missed,
    /// Another reason, given in the note.
    Other,
}

impl ClosureReason {
    pub const ALL: [ClosureReason; 6] = [
        ClosureReason::Unreachable,
        ClosureReason::Refused,
        ClosureReason::WrongNumber,
        ClosureReason::Moved,
        ClosureReason::Missed,
        ClosureReason::Other,
    ];

    /// A reason the code alone doesn't explain needs the note to say it.
    pub fn needs_note(self) -> bool {
        matches!(self, ClosureReason::Missed | ClosureReason::Other)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub on: NaiveDate,
    pub reason: ClosureReason,
    #[serde(default)]
    pub note: String,
    /// Who closed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Uuid>,
}

/// 审阅 / 签署意见 (rule 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub on: NaiveDate,
    #[serde(default)]
    pub by: Option<Uuid>,
    pub comment: String,
}

/// A recurring revisit that follows the customer rather than a case (rule 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Sales-centre cadence by the customer's class (A/B, C, D, deal).
    Sales,
    /// Signed customers at least once a year.
    AnnualSigned,
}

impl Cadence {
    pub const ALL: [Cadence; 2] = [Cadence::Sales, Cadence::AnnualSigned];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisit {
    pub id: Uuid,
    /// The case followed up; `None` for a recurring cadence revisit.
    pub case_id: Option<Uuid>,
    pub customer_id: Uuid,
    #[serde(default)]
    pub cadence: Option<Cadence>,
    /// 1 for the first revisit of a case, then 2, 3… (rule 7).
    pub round: u32,
    /// The previous round this one follows.
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// The superior's second revisit after a strong dissatisfaction (rule 14).
    #[serde(default)]
    pub escalation: bool,
    /// The date it was due when it was started (kept so "on time" survives
    /// later policy edits).
    pub due_on: NaiveDate,
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Set when the customer was reached.
    #[serde(default)]
    pub result: Option<RevisitResult>,
    /// Set when it ended without a result.
    #[serde(default)]
    pub closure: Option<Closure>,
    #[serde(default)]
    pub review: Option<Review>,
    /// Set when a finished record was archived (rule 17: kept, but out of
    /// the default lists). Absent in files and rows without archives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How many times it was saved on a tablet: a save derived from an
    /// older revision than the stored one is refused (see `Revised`).
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub revision: u32,
}

/// Where a revisit stands: still to do, done with a result, or closed
/// without one (the storage indexes revisits by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisitStatus {
    Open,
    Completed,
    Closed,
}

impl RevisitStatus {
    pub const ALL: [RevisitStatus; 3] = [RevisitStatus::Open, RevisitStatus::Completed, RevisitStatus::Closed];

    /// The stored key, the same word as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            RevisitStatus::Open => "open",
            RevisitStatus::Completed => "completed",
            RevisitStatus::Closed => "closed",
        }
    }
}

impl Revisit {
    pub fn status(&self) -> RevisitStatus {
        match (&self.result, &self.closure) {
            (Some(_), _) => RevisitStatus::Completed,
            (None, Some(_)) => RevisitStatus::Closed,
            (None, None) => RevisitStatus::Open,
        }
    }

    /// The day a finished record ended: the visit, or the closure.
    pub fn finished_on(&self) -> Option<NaiveDate> {
        self.result.as_ref().map(|r| r.visited_on).or(self.closure.as_ref().map(|c| c.on))
    }

    /// The month the revisit belongs to: the month it ended in (where the
    /// monthly report counts it), or, still open, the month it is due.
    pub fn month(&self) -> YearMonth {
        YearMonth::of(self.finished_on().unwrap_or(self.due_on))
    }

    /// Done: reached with a result, or closed with a reason.
    pub fn is_finished(&self) -> bool {
        self.result.is_some() || self.closure.is_some()
    }

    /// The customer was reached and gave a result.
    pub fn is_completed(&self) -> bool {
        self.result.is_some()
    }

    /// Archived (rule 17): still history, hidden from the default lists.
    pub fn is_archived(&self) -> bool {
        self.archived_at.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn task(due: &str) -> Revisit {
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        Revisit {
            revision: 0,
            id: Uuid::from_u128(1),
            case_id: Some(Uuid::from_u128(2)),
            customer_id: Uuid::from_u128(3),
            cadence: None,
            round: 1,
            parent_id: None,
            escalation: false,
            due_on: d(due),
            assignee_id: None,
            attempts: Vec::new(),
            result: None,
            closure: None,
            review: None,
            archived_at: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn an_open_revisit_belongs_to_the_month_it_is_due() {
        let r = task("2026-12-02");
        assert_eq!(r.status(), RevisitStatus::Open);
        assert_eq!(r.month().to_string(), "2026-12");
    }

    #[test]
    fn a_finished_revisit_belongs_to_the_month_it_ended_where_the_monthly_report_counts_it() {
        let mut done = task("2026-12-02");
        done.result = Some(RevisitResult {
            method: Method::Phone,
            visited_on: d("2026-11-28"),
            at: None,
            staff_id: None,
            content: "已修好".into(),
            satisfaction: Satisfaction::Satisfied,
            issues: Vec::new(),
            reply_by: None,
            signature_id: None,
            escalate: false,
        });
        assert_eq!((done.status(), done.month().to_string().as_str()), (RevisitStatus::Completed, "2026-11"));

        // Rule 12: three failed attempts close it without a result.
        let mut closed = task("2026-12-02");
        closed.closure =
            Some(Closure { on: d("2027-01-04"), reason: ClosureReason::Unreachable, note: String::new(), by: None });
        assert_eq!((closed.status(), closed.month().to_string().as_str()), (RevisitStatus::Closed, "2027-01"));
        assert_eq!(RevisitStatus::ALL.map(RevisitStatus::key), ["open", "completed", "closed"]);
    }
}
