//! Field rules shared by the forms and the backup import, so a record that
//! the forms would refuse can't slip in through a file either.
//!
//! One submodule per record the office types in; the shared field checks
//! and the revisit result stay here.

mod case;
mod customer;
mod open_letter;
mod staff;

pub use case::{check_case, complete_case, complete_case_with_reply, request_revisit, CaseDraft, ComplaintDraft};
pub use customer::{check_customer, move_in_case, split_phones, CustomerDraft, EMAIL_MAX, OTHER_PHONES_MAX};
pub use open_letter::{check_open_letter, OpenLetterDraft, TITLE_MAX};
pub use staff::{check_staff, split_buildings, StaffDraft};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use uuid::Uuid;

use crate::calendar::text::{parse_date_time, parse_time};
use crate::model::{
    Attempt, AttemptOutcome, Case, Method, RaisedIssue, Revisit, RevisitResult, Satisfaction, Signature,
};

pub const NAME_MAX: usize = 40;
pub const PHONE_MAX: usize = 20;
pub const UNIT_PART_MAX: usize = 10;
pub const TEXT_MAX: usize = 2000;
/// Dates outside this range are typing mistakes, not office history.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Which field a problem is about; the UI turns it into a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Name,
    Phone,
    Building,
    Entrance,
    Room,
    Customer,
    Case,
    ReceivedOn,
    CompletedOn,
    Description,
    Round,
    VisitedOn,
    Content,
    Satisfaction,
    Method,
    Signature,
    Time,
    Issues,
    ReplyBy,
    Note,
    Staff,
    /// Who signed a review (rule 6).
    Reviewer,
    Title,
    Body,
    Kind,
    Attempts,
    OtherPhones,
    Email,
    MovedInOn,
    SalesClassSince,
    WrittenReply,
    DuplicateOf,
    StaffInvolved,
    Participants,
    Buildings,
    Cases,
    SentOn,
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    InvalidPhone,
    InvalidDate,
    TooEarly,
    InFuture,
    BeforeReceived,
    BeforeCompleted,
    NotCompleted,
    NotFound,
    OutOfRange,
    InvalidTime,
    MethodNotAllowed,
    BeforeVisit,
    /// Rule 12: fewer than the required attempts at different times.
    TooFewAttempts {
        needed: u32,
    },
    /// Rule 13: the staff member the case is about.
    ConflictOfInterest,
    /// Rule 17: revisit records are kept at least 3 years.
    RetentionPeriod,
    InvalidEmail,
    TooMany {
        max: usize,
    },
    /// Rule 10: a case cannot be linked as a duplicate of itself.
    SameCase,
    /// The case was revisited: its handling can't be undone or dated
    /// after its first visit.
    AlreadyRevisited,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }
}

pub(crate) fn text(field: Field, value: &str, max: usize, required: bool, errors: &mut Vec<FieldError>) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
    }
    value.to_owned()
}

/// Phone numbers as staff type them: digits with optional +, -, spaces.
fn phone_ok(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    digits >= 5 && phone.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' '))
}

fn date_in_range(field: Field, date: NaiveDate, today: NaiveDate, errors: &mut Vec<FieldError>) {
    date_not_before_2000(field, date, Some(today), errors)
}

/// `date_in_range` where `today` may be unknown (a stored record checked
/// on import has no "today" to be compared with).
fn date_not_before_2000(field: Field, date: NaiveDate, today: Option<NaiveDate>, errors: &mut Vec<FieldError>) {
    if date < EARLIEST_DATE {
        errors.push(FieldError::new(field, Problem::TooEarly));
    } else if today.is_some_and(|t| date > t) {
        errors.push(FieldError::new(field, Problem::InFuture));
    }
}

/// An optional date field: empty is `None`; otherwise a real date, not
/// before 2000 nor (when `today` is given) after today.
fn optional_date(
    field: Field,
    value: &str,
    today: Option<NaiveDate>,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        return None;
    }
    match parse_date(field, value) {
        Ok(d) => {
            date_not_before_2000(field, d, today, errors);
            Some(d)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// A required date field, not before 2000 nor (when `today` is given) after today.
fn required_date(
    field: Field,
    value: &str,
    today: Option<NaiveDate>,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
        return None;
    }
    optional_date(field, value, today, errors)
}

/// Keeps the first of each value, in order.
fn dedup<T: PartialEq + Copy>(items: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for &i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Parses a date typed or picked in a form (`YYYY-MM-DD`).
pub fn parse_date(field: Field, value: &str) -> Result<NaiveDate, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    crate::calendar::text::parse_date(value).ok_or(FieldError::new(field, Problem::InvalidDate))
}

/// What the revisit result form submits (the customer was reached).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultDraft {
    pub method: Method,
    pub visited_on: String,
    /// "HH:MM", optional.
    pub at: String,
    pub staff_id: Option<Uuid>,
    pub content: String,
    pub satisfaction: Option<Satisfaction>,
    /// Problems the customer raised that were not settled on the spot.
    pub issues: Vec<String>,
    /// The agreed reply date when issues are open (rule 7).
    pub reply_by: String,
    pub signature_id: Option<Uuid>,
    pub escalate: bool,
}

impl ResultDraft {
    /// `earliest` is the day the revisit could start (the case's anchor
    /// event, or the previous round); `allowed` the methods the plan allows.
    pub fn validate(
        &self,
        earliest: NaiveDate,
        allowed: &[Method],
        today: NaiveDate,
    ) -> Result<RevisitResult, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !allowed.contains(&self.method) {
            errors.push(FieldError::new(Field::Method, Problem::MethodNotAllowed));
        }
        // Rule 5: a home visit needs the customer's signature.
        if self.method == Method::HomeVisit && self.signature_id.is_none() {
            errors.push(FieldError::new(Field::Signature, Problem::Required));
        }
        let visited_on = match parse_date(Field::VisitedOn, &self.visited_on) {
            Ok(d) => {
                date_in_range(Field::VisitedOn, d, today, &mut errors);
                if d < earliest {
                    errors.push(FieldError::new(Field::VisitedOn, Problem::BeforeCompleted));
                }
                Some(d)
            }
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let at = match self.at.trim() {
            "" => None,
            t => parse_time(t).or_else(|| {
                errors.push(FieldError::new(Field::Time, Problem::InvalidTime));
                None
            }),
        };
        let content = text(Field::Content, &self.content, TEXT_MAX, true, &mut errors);
        // Silence is not satisfaction (DOMAIN "Lessons"): the result must be chosen.
        if self.satisfaction.is_none() {
            errors.push(FieldError::new(Field::Satisfaction, Problem::Required));
        }
        let issues: Vec<RaisedIssue> = self
            .issues
            .iter()
            .map(|t| text(Field::Issues, t, TEXT_MAX, false, &mut errors))
            .filter(|t| !t.is_empty())
            .map(|text| RaisedIssue { text, answer: None })
            .collect();
        // Rule 7: what can't be settled on the spot gets an agreed reply time.
        let reply_by = match (self.reply_by.trim(), issues.is_empty()) {
            ("", true) => None,
            ("", false) => {
                errors.push(FieldError::new(Field::ReplyBy, Problem::Required));
                None
            }
            (v, _) => match parse_date(Field::ReplyBy, v) {
                Ok(d) if visited_on.is_some_and(|v| d < v) => {
                    errors.push(FieldError::new(Field::ReplyBy, Problem::BeforeVisit));
                    None
                }
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        match (visited_on, self.satisfaction, errors.is_empty()) {
            (Some(visited_on), Some(satisfaction), true) => Ok(RevisitResult {
                method: self.method,
                visited_on,
                at,
                staff_id: self.staff_id,
                content,
                satisfaction,
                issues,
                reply_by,
                signature_id: (self.method == Method::HomeVisit).then_some(self.signature_id).flatten(),
                escalate: self.escalate,
            }),
            _ => Err(errors),
        }
    }
}

/// Checks a stored or imported revisit: its text, its round and that its
/// case exists (and was completed before any result).
pub fn check_revisit(r: &Revisit, case: Option<&Case>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if r.round == 0 || r.round > 99 {
        errors.push(FieldError::new(Field::Round, Problem::OutOfRange));
    }
    if let Some(res) = &r.result {
        text(Field::Content, &res.content, TEXT_MAX, true, &mut errors);
        for issue in &res.issues {
            text(Field::Issues, &issue.text, TEXT_MAX, true, &mut errors);
        }
        if res.method == Method::HomeVisit && res.signature_id.is_none() {
            errors.push(FieldError::new(Field::Signature, Problem::Required));
        }
    }
    for a in &r.attempts {
        text(Field::Note, &a.note, TEXT_MAX, false, &mut errors);
    }
    if r.case_id.is_some() {
        match case {
            None => errors.push(FieldError::new(Field::Case, Problem::NotFound)),
            Some(c) => match (c.completed_on, &r.result) {
                (None, Some(_)) => errors.push(FieldError::new(Field::Case, Problem::NotCompleted)),
                (Some(done), Some(res)) if res.visited_on < done => {
                    errors.push(FieldError::new(Field::VisitedOn, Problem::BeforeCompleted))
                }
                _ => {}
            },
        }
    } else if r.cadence.is_none() {
        errors.push(FieldError::new(Field::Case, Problem::Required));
    }
    errors
}

/// Largest signature image kept (a tablet signature PNG is ~10–40 KB).
pub const SIGNATURE_MAX: usize = 512 * 1024;

/// Checks a stored or imported signature: a PNG data URL of sane size.
pub fn check_signature(s: &Signature) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !s.png.starts_with("data:image/png;base64,") {
        errors.push(FieldError::new(Field::Signature, Problem::Required));
    } else if s.png.len() > SIGNATURE_MAX {
        errors.push(FieldError::new(Field::Signature, Problem::TooLong { max: SIGNATURE_MAX }));
    }
    errors
}

/// What the contact-attempt form submits (rule 12: every attempt is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptDraft {
    /// `YYYY-MM-DDTHH:MM` as a `datetime-local` input gives it.
    pub at: String,
    pub method: Method,
    pub outcome: AttemptOutcome,
    pub note: String,
    pub staff_id: Option<Uuid>,
}

impl AttemptDraft {
    /// `now` is the office's local time; an attempt can't be in the future.
    pub fn validate(&self, now: NaiveDateTime) -> Result<Attempt, Vec<FieldError>> {
        let mut errors = Vec::new();
        let at = match parse_date_time(&self.at) {
            Some(at) if at > now + chrono::Duration::minutes(1) => {
                errors.push(FieldError::new(Field::Time, Problem::InFuture));
                None
            }
            Some(at) if at.date() < EARLIEST_DATE => {
                errors.push(FieldError::new(Field::Time, Problem::TooEarly));
                None
            }
            Some(at) => Some(at),
            None => {
                errors.push(FieldError::new(Field::Time, Problem::InvalidTime));
                None
            }
        };
        let note = text(Field::Note, &self.note, TEXT_MAX, false, &mut errors);
        match (at, errors.is_empty()) {
            (Some(at), true) => {
                Ok(Attempt { at, method: self.method, outcome: self.outcome, note, staff_id: self.staff_id })
            }
            _ => Err(errors),
        }
    }
}
