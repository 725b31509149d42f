//! Field rules shared by the forms and the backup import, so a record that
//! the forms would refuse can't slip in through a file either.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::model::{
    Attempt, AttemptOutcome, Case, CaseKind, Channel, Customer, Method, OpenLetter, RaisedIssue, Revisit,
    RevisitResult, Satisfaction, Severity, Signature, Staff, Subject, Unit,
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
    Title,
    Body,
    Kind,
    Attempts,
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

fn text(field: Field, value: &str, max: usize, required: bool, errors: &mut Vec<FieldError>) -> String {
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
    if date < EARLIEST_DATE {
        errors.push(FieldError::new(field, Problem::TooEarly));
    } else if date > today {
        errors.push(FieldError::new(field, Problem::InFuture));
    }
}

/// Parses a date typed or picked in a form (`YYYY-MM-DD`).
pub fn parse_date(field: Field, value: &str) -> Result<NaiveDate, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| FieldError::new(field, Problem::InvalidDate))
}

/// What the customer form submits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerDraft {
    pub name: String,
    pub phone: String,
    pub building: String,
    pub entrance: String,
    pub room: String,
}

impl CustomerDraft {
    pub fn validate(&self, id: Uuid, now: DateTime<Utc>) -> Result<Customer, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = text(Field::Name, &self.name, NAME_MAX, true, &mut errors);
        let phone = text(Field::Phone, &self.phone, PHONE_MAX, true, &mut errors);
        if !phone.is_empty() && phone.chars().count() <= PHONE_MAX && !phone_ok(&phone) {
            errors.push(FieldError::new(Field::Phone, Problem::InvalidPhone));
        }
        let unit = Unit {
            building: text(Field::Building, &self.building, UNIT_PART_MAX, true, &mut errors),
            entrance: text(Field::Entrance, &self.entrance, UNIT_PART_MAX, true, &mut errors),
            room: text(Field::Room, &self.room, UNIT_PART_MAX, true, &mut errors),
        };
        if errors.is_empty() {
            Ok(Customer::new(id, name, phone, unit, now))
        } else {
            Err(errors)
        }
    }
}

/// Checks a stored or imported customer by the same rules as the form.
pub fn check_customer(c: &Customer) -> Vec<FieldError> {
    let draft = CustomerDraft {
        name: c.name.clone(),
        phone: c.phone.clone(),
        building: c.unit.building.clone(),
        entrance: c.unit.entrance.clone(),
        room: c.unit.room.clone(),
    };
    match draft.validate(c.id, c.created_at) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    }
}

/// What the complaint form submits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintDraft {
    pub customer_id: Option<Uuid>,
    pub received_on: String,
    pub channel: Channel,
    pub severity: Severity,
    pub subject: Subject,
    pub description: String,
}

impl ComplaintDraft {
    /// `customers` are the known customer ids; `today` bounds the dates.
    pub fn validate(
        &self,
        id: Uuid,
        customer_exists: impl Fn(Uuid) -> bool,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case, Vec<FieldError>> {
        let mut errors = Vec::new();
        let customer_id = match self.customer_id {
            None => {
                errors.push(FieldError::new(Field::Customer, Problem::Required));
                None
            }
            Some(c) if !customer_exists(c) => {
                errors.push(FieldError::new(Field::Customer, Problem::NotFound));
                None
            }
            Some(c) => Some(c),
        };
        let received_on = match parse_date(Field::ReceivedOn, &self.received_on) {
            Ok(d) => {
                date_in_range(Field::ReceivedOn, d, today, &mut errors);
                Some(d)
            }
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let description = text(Field::Description, &self.description, TEXT_MAX, true, &mut errors);
        match (customer_id, received_on, errors.is_empty()) {
            (Some(customer_id), Some(received_on), true) => Ok(Case {
                channel: self.channel,
                severity: self.severity,
                subject: self.subject,
                ..Case::new(id, Some(customer_id), CaseKind::Complaint, received_on, description, now)
            }),
            _ => Err(errors),
        }
    }
}

/// Marks a case handled on `completed_on` (a form value), refusing dates
/// before it was received or in the future.
pub fn complete_case(
    case: &Case,
    completed_on: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Case, FieldError> {
    let date = parse_date(Field::CompletedOn, completed_on)?;
    let mut errors = Vec::new();
    date_in_range(Field::CompletedOn, date, today, &mut errors);
    if let Some(e) = errors.pop() {
        return Err(e);
    }
    if date < case.received_on {
        return Err(FieldError::new(Field::CompletedOn, Problem::BeforeReceived));
    }
    Ok(Case { completed_on: Some(date), updated_at: now, ..case.clone() })
}

/// Checks a stored or imported case: text limits and date order.
pub fn check_case(c: &Case) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(Field::Description, &c.description, TEXT_MAX, true, &mut errors);
    if c.received_on < EARLIEST_DATE {
        errors.push(FieldError::new(Field::ReceivedOn, Problem::TooEarly));
    }
    if let Some(done) = c.completed_on {
        if done < c.received_on {
            errors.push(FieldError::new(Field::CompletedOn, Problem::BeforeReceived));
        }
    }
    errors
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
            t => match NaiveTime::parse_from_str(t, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    errors.push(FieldError::new(Field::Time, Problem::InvalidTime));
                    None
                }
            },
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

/// Checks a stored or imported staff member: name rules as for customers.
pub fn check_staff(s: &Staff) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(Field::Name, &s.name, NAME_MAX, true, &mut errors);
    for b in &s.buildings {
        text(Field::Building, b, UNIT_PART_MAX, true, &mut errors);
    }
    errors
}

/// Checks a stored or imported open letter: title and text, and that it answers at least one case.
pub fn check_open_letter(l: &OpenLetter) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(Field::Title, &l.title, NAME_MAX * 2, true, &mut errors);
    text(Field::Body, &l.body, TEXT_MAX, true, &mut errors);
    if l.sent_on < EARLIEST_DATE {
        errors.push(FieldError::new(Field::VisitedOn, Problem::TooEarly));
    }
    if l.case_ids.is_empty() {
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
        let at = match NaiveDateTime::parse_from_str(self.at.trim(), "%Y-%m-%dT%H:%M") {
            Ok(at) if at > now + chrono::Duration::minutes(1) => {
                errors.push(FieldError::new(Field::Time, Problem::InFuture));
                None
            }
            Ok(at) if at.date() < EARLIEST_DATE => {
                errors.push(FieldError::new(Field::Time, Problem::TooEarly));
                None
            }
            Ok(at) => Some(at),
            Err(_) => {
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
