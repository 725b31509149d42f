//! The case form (事项) for every kind, its completion (the anchor event
//! the revisit clock starts from) and the checks on stored cases.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{
    dedup, optional_date, parse_date, required_date, text, Field, FieldError, Problem, EARLIEST_DATE, TEXT_MAX,
};
use crate::model::{Case, CaseKind, Channel, Dataset, Nature, Severity, Subject};

/// What the case form submits. Dates are form values (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDraft {
    pub kind: CaseKind,
    /// The household; for an anonymous complaint, ignored.
    pub customer_id: Option<Uuid>,
    /// An activity's participating households: one case each (rule 3).
    pub participants: Vec<Uuid>,
    pub received_on: String,
    pub channel: Channel,
    pub description: String,
    /// Complaint attributes (rule 1); other kinds keep the defaults.
    pub severity: Severity,
    pub nature: Nature,
    pub subject: Subject,
    /// Rule 11: no name left, no revisit.
    pub anonymous: bool,
    /// Rule 11: the authority asked only for a written reply.
    pub reply_only: bool,
    pub written_reply: String,
    /// Rule 10: the same problem already on record.
    pub duplicate_of: Option<Uuid>,
    /// Rule 13: staff the case is about.
    pub staff_involved: Vec<Uuid>,
    /// The anchor event if it already happened (empty = not yet).
    pub completed_on: String,
}

impl CaseDraft {
    /// An empty form for `kind`, received today.
    pub fn new(kind: CaseKind, today: NaiveDate) -> Self {
        CaseDraft {
            kind,
            customer_id: None,
            participants: Vec::new(),
            received_on: today.to_string(),
            channel: Channel::Phone,
            description: String::new(),
            severity: Severity::General,
            nature: Nature::Substantiated,
            subject: Subject::Equipment,
            anonymous: false,
            reply_only: false,
            written_reply: String::new(),
            duplicate_of: None,
            staff_involved: Vec::new(),
            completed_on: String::new(),
        }
    }

    /// The form filled with a stored case, for editing.
    pub fn of(c: &Case) -> Self {
        CaseDraft {
            kind: c.kind,
            customer_id: c.customer_id,
            participants: Vec::new(),
            received_on: c.received_on.to_string(),
            channel: c.channel,
            description: c.description.clone(),
            severity: c.severity,
            nature: c.nature,
            subject: c.subject,
            anonymous: c.anonymous,
            reply_only: c.reply_only,
            written_reply: c.written_reply.clone(),
            duplicate_of: c.duplicate_of,
            staff_involved: c.staff_involved.clone(),
            completed_on: c.completed_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// One new case (any kind but a multi-household activity: see [`Self::validate_all`]).
    pub fn validate(
        &self,
        id: Uuid,
        data: &Dataset,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case, Vec<FieldError>> {
        self.build(id, &Lookups::of(data), Who::Customer, today, now)
    }

    /// `old` edited: same id, creation time and revisit request.
    pub fn revise(
        &self,
        old: &Case,
        data: &Dataset,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case, Vec<FieldError>> {
        let c = self.build(old.id, &Lookups::of(data), Who::Customer, today, now)?;
        keeps_its_revisits(&c, data).map_err(|e| vec![e])?;
        Ok(Case { created_at: old.created_at, revision: old.revision, revisit_requested: old.revisit_requested, ..c })
    }

    /// The cases the form records: for an activity, one per participating
    /// household (each revisited on its own, rule 3); otherwise one.
    pub fn validate_all(
        &self,
        mut new_id: impl FnMut() -> Uuid,
        data: &Dataset,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<Case>, Vec<FieldError>> {
        let lookups = Lookups::of(data);
        if self.kind != CaseKind::Activity {
            return self.build(new_id(), &lookups, Who::Customer, today, now).map(|c| vec![c]);
        }
        let households = dedup(&self.participants);
        let mut errors = Vec::new();
        if households.is_empty() {
            errors.push(FieldError::new(Field::Participants, Problem::Required));
        } else if !households.iter().all(|h| (lookups.customer_exists)(*h)) {
            errors.push(FieldError::new(Field::Participants, Problem::NotFound));
        }
        let template = match self.build(Uuid::nil(), &lookups, Who::Participants, today, now) {
            Ok(c) if errors.is_empty() => c,
            Ok(_) => return Err(errors),
            Err(mut more) => {
                errors.append(&mut more);
                return Err(errors);
            }
        };
        Ok(households.into_iter().map(|h| Case { id: new_id(), customer_id: Some(h), ..template.clone() }).collect())
    }

    fn build(
        &self,
        id: Uuid,
        lookups: &Lookups<'_>,
        who: Who,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case, Vec<FieldError>> {
        let mut errors = Vec::new();
        let complaint = self.kind == CaseKind::Complaint;
        let anonymous = complaint && self.anonymous;
        let reply_only = complaint && self.reply_only;
        // Rule 11: an anonymous complainant has no household on record.
        let customer_id = match (who, anonymous, self.customer_id) {
            (Who::Participants, _, _) | (Who::Customer, true, _) => None,
            (Who::Customer, false, None) => {
                errors.push(FieldError::new(Field::Customer, Problem::Required));
                None
            }
            (Who::Customer, false, Some(c)) if !(lookups.customer_exists)(c) => {
                errors.push(FieldError::new(Field::Customer, Problem::NotFound));
                None
            }
            (Who::Customer, false, Some(c)) => Some(c),
        };
        let received_on = required_date(Field::ReceivedOn, &self.received_on, Some(today), &mut errors);
        let description =
            text(Field::Description, &self.description, TEXT_MAX, description_required(self.kind), &mut errors);
        let written_reply = if reply_only {
            text(Field::WrittenReply, &self.written_reply, TEXT_MAX, false, &mut errors)
        } else {
            String::new()
        };
        let completed_on = optional_date(Field::CompletedOn, &self.completed_on, Some(today), &mut errors);
        if let (Some(done), Some(received)) = (completed_on, received_on) {
            if done < received {
                errors.push(FieldError::new(Field::CompletedOn, Problem::BeforeReceived));
            }
        }
        // Rule 11: a reply-only complaint is closed by its written reply.
        if completed_on.is_some() && reply_only && written_reply.is_empty() {
            errors.push(FieldError::new(Field::WrittenReply, Problem::Required));
        }
        // Rule 10: linked to the case first recorded, never to itself.
        let duplicate_of = match self.duplicate_of.map(|target| duplicate_root(lookups, target, id)) {
            None => None,
            Some(Ok(root)) => Some(root),
            Some(Err(problem)) => {
                errors.push(FieldError::new(Field::DuplicateOf, problem));
                None
            }
        };
        // Rule 13: the staff the case is about (checked later when assigning).
        let staff_involved = dedup(&self.staff_involved);
        if !staff_involved.iter().all(|s| (lookups.staff_exists)(*s)) {
            errors.push(FieldError::new(Field::StaffInvolved, Problem::NotFound));
        }
        let Some(received_on) = received_on.filter(|_| errors.is_empty()) else { return Err(errors) };
        let base = Case::new(id, customer_id, self.kind, received_on, description, now);
        let attributes = if complaint {
            Case { severity: self.severity, nature: self.nature, subject: self.subject, ..base }
        } else {
            base
        };
        Ok(Case {
            channel: self.channel,
            anonymous,
            reply_only,
            written_reply,
            duplicate_of,
            staff_involved,
            completed_on,
            ..attributes
        })
    }
}

/// Whose case the form records.
#[derive(Clone, Copy)]
enum Who {
    /// The chosen customer (or none, for an anonymous complaint).
    Customer,
    /// An activity's participants, filled in by `validate_all`.
    Participants,
}

/// What a form checks against the records on file.
struct Lookups<'a> {
    customer_exists: Box<dyn Fn(Uuid) -> bool + 'a>,
    case: Box<dyn Fn(Uuid) -> Option<&'a Case> + 'a>,
    staff_exists: Box<dyn Fn(Uuid) -> bool + 'a>,
}

impl<'a> Lookups<'a> {
    fn of(data: &'a Dataset) -> Self {
        Lookups {
            customer_exists: Box::new(|id| data.customer(id).is_some()),
            case: Box::new(|id| data.case(id)),
            staff_exists: Box::new(|id| data.staff.iter().any(|s| s.id == id)),
        }
    }
}

/// Move-in, signing and holiday-visit cases are facts, not reports: the
/// description is optional (a move-in case is created from the customer).
fn description_required(kind: CaseKind) -> bool {
    !matches!(kind, CaseKind::MoveIn | CaseKind::Signing | CaseKind::HolidayVisit)
}

/// The case a duplicate should point at: `target`, or the case it is itself
/// a duplicate of, and so on, so links never chain or loop.
fn duplicate_root(lookups: &Lookups<'_>, target: Uuid, this: Uuid) -> Result<Uuid, Problem> {
    let mut current = (lookups.case)(target).ok_or(Problem::NotFound)?;
    for _ in 0..100 {
        if current.id == this {
            return Err(Problem::SameCase);
        }
        match current.duplicate_of.and_then(|next| (lookups.case)(next)) {
            Some(next) => current = next,
            None => return Ok(current.id),
        }
    }
    Err(Problem::SameCase)
}

/// What the complaint form submitted before cases had kinds; kept for
/// callers that record a plain complaint.
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
    /// `customer_exists` says which customer ids are known; `today` bounds the dates.
    pub fn validate(
        &self,
        id: Uuid,
        customer_exists: impl Fn(Uuid) -> bool,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case, Vec<FieldError>> {
        let draft = CaseDraft {
            customer_id: self.customer_id,
            received_on: self.received_on.clone(),
            channel: self.channel,
            severity: self.severity,
            subject: self.subject,
            description: self.description.clone(),
            ..CaseDraft::new(CaseKind::Complaint, today)
        };
        let lookups = Lookups {
            customer_exists: Box::new(customer_exists),
            case: Box::new(|_| None),
            staff_exists: Box::new(|_| false),
        };
        draft.build(id, &lookups, Who::Customer, today, now)
    }
}

/// Marks a case handled (or the repair done, the activity ended…) on
/// `completed_on` (a form value), refusing dates before it was received or
/// in the future, and a reply-only complaint without its reply (rule 11).
pub fn complete_case(
    case: &Case,
    completed_on: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Case, FieldError> {
    let date = parse_date(Field::CompletedOn, completed_on)?;
    let mut errors = Vec::new();
    super::date_in_range(Field::CompletedOn, date, today, &mut errors);
    if let Some(e) = errors.pop() {
        return Err(e);
    }
    if date < case.received_on {
        return Err(FieldError::new(Field::CompletedOn, Problem::BeforeReceived));
    }
    if case.reply_only && case.written_reply.trim().is_empty() {
        return Err(FieldError::new(Field::WrittenReply, Problem::Required));
    }
    Ok(Case { completed_on: Some(date), updated_at: now, ..case.clone() })
}

/// [`complete_case`] with the written reply (复函) attached first (rule 11).
pub fn complete_case_with_reply(
    case: &Case,
    completed_on: &str,
    written_reply: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Case, FieldError> {
    let mut errors = Vec::new();
    let reply = text(Field::WrittenReply, written_reply, TEXT_MAX, false, &mut errors);
    if let Some(e) = errors.pop() {
        return Err(e);
    }
    complete_case(&Case { written_reply: reply, ..case.clone() }, completed_on, today, now)
}

/// Puts a case on the revisit list beyond the sampled target (DOMAIN
/// "Default policies": staff can always add more).
pub fn request_revisit(case: &Case, now: DateTime<Utc>) -> Case {
    Case { revisit_requested: true, updated_at: now, ..case.clone() }
}

/// Checks a stored or imported case: text limits, date order and links.
pub fn check_case(c: &Case) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(Field::Description, &c.description, TEXT_MAX, description_required(c.kind), &mut errors);
    text(Field::WrittenReply, &c.written_reply, TEXT_MAX, false, &mut errors);
    if c.received_on < EARLIEST_DATE {
        errors.push(FieldError::new(Field::ReceivedOn, Problem::TooEarly));
    }
    if let Some(done) = c.completed_on {
        if done < c.received_on {
            errors.push(FieldError::new(Field::CompletedOn, Problem::BeforeReceived));
        }
    }
    if c.customer_id.is_none() && !(c.kind == CaseKind::Complaint && c.anonymous) {
        errors.push(FieldError::new(Field::Customer, Problem::Required));
    }
    if c.duplicate_of == Some(c.id) {
        errors.push(FieldError::new(Field::DuplicateOf, Problem::SameCase));
    }
    errors
}

/// A case already revisited stays handled, on or before its first visit:
/// the same rule a backup's revisits are checked by (`check_revisit`), so
/// no edit leaves records that would not import again.
fn keeps_its_revisits(case: &Case, data: &Dataset) -> Result<(), FieldError> {
    let mine = data.revisits.iter().filter(|r| r.case_id == Some(case.id));
    let Some(first_visit) = mine.filter_map(|r| r.result.as_ref()).map(|r| r.visited_on).min() else {
        return Ok(());
    };
    match case.completed_on {
        Some(done) if done <= first_visit => Ok(()),
        _ => Err(FieldError::new(Field::CompletedOn, Problem::AlreadyRevisited)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, Role, Staff, Unit};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn today() -> NaiveDate {
        d("2026-11-23")
    }
    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// Customers 1–3, staff 10, cases 20 (complaint of 1) and 21 (a duplicate of 20).
    fn office() -> Dataset {
        let customer = |n| {
            let unit = Unit { building: "3".into(), entrance: "2".into(), room: format!("{n}01") };
            Customer::new(id(n), format!("客户{n}"), "13800000000".into(), unit, now())
        };
        let staff = Staff {
            revision: 0,
            id: id(10),
            name: "李保安".into(),
            role: Role::PropertyAssistant,
            buildings: vec![],
            active: true,
            created_at: now(),
            updated_at: now(),
        };
        let first = Case::new(id(20), Some(id(1)), CaseKind::Complaint, d("2026-11-01"), "噪音".into(), now());
        let dup = Case { id: id(21), duplicate_of: Some(id(20)), ..first.clone() };
        Dataset {
            customers: vec![customer(1), customer(2), customer(3)],
            cases: vec![first, dup],
            staff: vec![staff],
            ..Dataset::default()
        }
    }

    fn complaint() -> CaseDraft {
        CaseDraft {
            customer_id: Some(id(1)),
            description: "保安态度差".into(),
            ..CaseDraft::new(CaseKind::Complaint, today())
        }
    }

    fn errors(draft: &CaseDraft) -> Vec<FieldError> {
        draft.validate(id(99), &office(), today(), now()).unwrap_err()
    }

    fn err(field: Field, problem: Problem) -> FieldError {
        FieldError::new(field, problem)
    }

    #[test]
    fn rule_1_a_complaint_keeps_its_severity_nature_and_subject() {
        let draft = CaseDraft {
            severity: Severity::Major,
            nature: Nature::Venting,
            subject: Subject::Attitude,
            channel: Channel::Letter,
            ..complaint()
        };
        let c = draft.validate(id(99), &office(), today(), now()).unwrap();
        assert_eq!(
            (c.kind, c.severity, c.nature, c.subject, c.channel),
            (CaseKind::Complaint, Severity::Major, Nature::Venting, Subject::Attitude, Channel::Letter)
        );
        assert_eq!((c.customer_id, c.received_on, c.completed_on), (Some(id(1)), today(), None));
        assert_eq!(check_case(&c), vec![]);
    }

    #[test]
    fn other_kinds_do_not_carry_complaint_attributes() {
        let draft = CaseDraft {
            kind: CaseKind::Repair,
            severity: Severity::Major,
            anonymous: true,
            reply_only: true,
            written_reply: "复函".into(),
            ..complaint()
        };
        let c = draft.validate(id(99), &office(), today(), now()).unwrap();
        assert_eq!(
            (c.severity, c.anonymous, c.reply_only, c.written_reply.as_str()),
            (Severity::General, false, false, "")
        );
        assert_eq!(c.customer_id, Some(id(1)), "only a complaint can be anonymous");
        assert!(!c.is_major_complaint());
    }

    #[test]
    fn a_case_needs_a_known_customer_a_date_and_a_description() {
        let draft = CaseDraft { customer_id: None, description: " ".into(), received_on: "".into(), ..complaint() };
        assert_eq!(
            errors(&draft),
            vec![
                err(Field::Customer, Problem::Required),
                err(Field::ReceivedOn, Problem::Required),
                err(Field::Description, Problem::Required)
            ]
        );
        let draft = CaseDraft { customer_id: Some(id(7)), received_on: "2026-11-24".into(), ..complaint() };
        assert_eq!(
            errors(&draft),
            vec![err(Field::Customer, Problem::NotFound), err(Field::ReceivedOn, Problem::InFuture)]
        );
    }

    #[test]
    fn a_move_in_or_signing_needs_no_description() {
        for kind in [CaseKind::MoveIn, CaseKind::Signing, CaseKind::HolidayVisit] {
            let draft = CaseDraft { kind, description: String::new(), ..complaint() };
            assert!(draft.validate(id(99), &office(), today(), now()).is_ok(), "{kind:?}");
        }
    }

    #[test]
    fn rule_11_an_anonymous_complaint_has_no_customer() {
        let c = CaseDraft { anonymous: true, customer_id: None, ..complaint() }
            .validate(id(99), &office(), today(), now())
            .unwrap();
        assert_eq!((c.anonymous, c.customer_id), (true, None));
        assert_eq!(check_case(&c), vec![]);
        let c = CaseDraft { anonymous: true, ..complaint() }.validate(id(99), &office(), today(), now()).unwrap();
        assert_eq!(c.customer_id, None, "an anonymous complaint keeps no household even if one was picked");
        let stored = Case { anonymous: false, ..c };
        assert_eq!(check_case(&stored), vec![err(Field::Customer, Problem::Required)]);
    }

    #[test]
    fn rule_11_a_reply_only_complaint_is_completed_with_its_written_reply() {
        let draft = CaseDraft { reply_only: true, completed_on: "2026-11-23".into(), ..complaint() };
        assert_eq!(errors(&draft), vec![err(Field::WrittenReply, Problem::Required)]);
        let open = CaseDraft { reply_only: true, ..complaint() }.validate(id(99), &office(), today(), now()).unwrap();
        assert_eq!(
            complete_case(&open, "2026-11-23", today(), now()),
            Err(err(Field::WrittenReply, Problem::Required))
        );
        let done = complete_case_with_reply(&open, "2026-11-23", " 已复函区住建局 ", today(), now()).unwrap();
        assert_eq!((done.completed_on, done.written_reply.as_str()), (Some(today()), "已复函区住建局"));
        let long = "字".repeat(TEXT_MAX + 1);
        assert_eq!(
            complete_case_with_reply(&open, "2026-11-23", &long, today(), now()),
            Err(err(Field::WrittenReply, Problem::TooLong { max: TEXT_MAX }))
        );
    }

    #[test]
    fn a_case_can_be_recorded_already_completed_but_not_before_it_was_received() {
        let c = CaseDraft { received_on: "2026-11-20".into(), completed_on: "2026-11-22".into(), ..complaint() }
            .validate(id(99), &office(), today(), now())
            .unwrap();
        assert_eq!(c.completed_on, Some(d("2026-11-22")));
        let draft = CaseDraft { received_on: "2026-11-20".into(), completed_on: "2026-11-19".into(), ..complaint() };
        assert_eq!(errors(&draft), vec![err(Field::CompletedOn, Problem::BeforeReceived)]);
        let c = complaint().validate(id(99), &office(), today(), now()).unwrap();
        assert_eq!(
            complete_case(&c, "2026-11-22", today(), now()),
            Err(err(Field::CompletedOn, Problem::BeforeReceived))
        );
        assert_eq!(complete_case(&c, "2026-11-24", today(), now()), Err(err(Field::CompletedOn, Problem::InFuture)));
        assert_eq!(complete_case(&c, "", today(), now()), Err(err(Field::CompletedOn, Problem::Required)));
    }

    #[test]
    fn rule_10_a_duplicate_links_to_the_first_case_never_to_itself() {
        let c = CaseDraft { duplicate_of: Some(id(20)), ..complaint() }
            .validate(id(99), &office(), today(), now())
            .unwrap();
        assert_eq!(c.duplicate_of, Some(id(20)));
        // Linking to a duplicate links to its original instead: no chains.
        let c = CaseDraft { duplicate_of: Some(id(21)), ..complaint() }
            .validate(id(99), &office(), today(), now())
            .unwrap();
        assert_eq!(c.duplicate_of, Some(id(20)));
        let draft = CaseDraft { duplicate_of: Some(id(50)), ..complaint() };
        assert_eq!(errors(&draft), vec![err(Field::DuplicateOf, Problem::NotFound)]);
        // Case 20 edited to be a duplicate of 21 would loop: refused.
        let data = office();
        let first = data.case(id(20)).unwrap();
        let draft = CaseDraft { duplicate_of: Some(id(21)), ..CaseDraft::of(first) };
        assert_eq!(draft.revise(first, &data, today(), now()), Err(vec![err(Field::DuplicateOf, Problem::SameCase)]));
        let draft = CaseDraft { duplicate_of: Some(id(20)), ..CaseDraft::of(first) };
        assert_eq!(draft.revise(first, &data, today(), now()), Err(vec![err(Field::DuplicateOf, Problem::SameCase)]));
        assert_eq!(
            check_case(&Case { duplicate_of: Some(id(20)), ..first.clone() }),
            vec![err(Field::DuplicateOf, Problem::SameCase)]
        );
    }

    #[test]
    fn rule_13_staff_involved_must_be_on_record() {
        let c = CaseDraft { staff_involved: vec![id(10), id(10)], ..complaint() }
            .validate(id(99), &office(), today(), now())
            .unwrap();
        assert_eq!(c.staff_involved, vec![id(10)]);
        let draft = CaseDraft { staff_involved: vec![id(10), id(11)], ..complaint() };
        assert_eq!(errors(&draft), vec![err(Field::StaffInvolved, Problem::NotFound)]);
    }

    #[test]
    fn rule_3_an_activity_records_one_case_per_participating_household() {
        let draft = CaseDraft {
            kind: CaseKind::Activity,
            participants: vec![id(1), id(2), id(1), id(3)],
            description: "中秋游园会".into(),
            received_on: "2026-09-25".into(),
            completed_on: "2026-09-25".into(),
            ..CaseDraft::new(CaseKind::Activity, today())
        };
        let mut next = 100;
        let cases = draft
            .validate_all(
                || {
                    next += 1;
                    id(next)
                },
                &office(),
                today(),
                now(),
            )
            .unwrap();
        assert_eq!(
            cases.iter().map(|c| c.customer_id).collect::<Vec<_>>(),
            vec![Some(id(1)), Some(id(2)), Some(id(3))]
        );
        assert_eq!(cases.iter().map(|c| c.id).collect::<Vec<_>>(), vec![id(101), id(102), id(103)]);
        assert!(cases.iter().all(|c| c.kind == CaseKind::Activity && c.completed_on == Some(d("2026-09-25"))));

        let none = CaseDraft { participants: vec![], ..draft.clone() };
        assert_eq!(
            none.validate_all(Uuid::new_v4, &office(), today(), now()),
            Err(vec![err(Field::Participants, Problem::Required)])
        );
        let unknown = CaseDraft { participants: vec![id(1), id(8)], description: "".into(), ..draft.clone() };
        assert_eq!(
            unknown.validate_all(Uuid::new_v4, &office(), today(), now()),
            Err(vec![err(Field::Participants, Problem::NotFound), err(Field::Description, Problem::Required)])
        );
        // Any other kind records exactly one case.
        assert_eq!(complaint().validate_all(Uuid::new_v4, &office(), today(), now()).unwrap().len(), 1);
    }

    #[test]
    fn editing_keeps_identity_and_the_revisit_request() {
        let data = office();
        let old = Case { revision: 4, ..request_revisit(data.case(id(20)).unwrap(), now()) };
        assert!(old.revisit_requested);
        let later = now() + chrono::Duration::hours(2);
        let edited = CaseDraft { description: "夜间噪音".into(), ..CaseDraft::of(&old) }
            .revise(&old, &data, today(), later)
            .unwrap();
        assert_eq!((edited.id, edited.created_at, edited.updated_at), (old.id, old.created_at, later));
        assert!(edited.revisit_requested);
        assert_eq!(Case { description: old.description.clone(), updated_at: old.updated_at, ..edited }, old);
    }

    #[test]
    fn a_revisited_case_stays_handled_on_or_before_its_first_visit() {
        let mut data = office();
        let old = Case { completed_on: Some(d("2026-11-10")), ..data.case(id(20)).unwrap().clone() };
        data.cases[0] = old.clone();
        let result = crate::model::RevisitResult {
            method: crate::model::Method::Phone,
            visited_on: d("2026-11-12"),
            at: None,
            staff_id: None,
            content: "已回访".into(),
            satisfaction: crate::model::Satisfaction::Satisfied,
            issues: Vec::new(),
            reply_by: None,
            signature_id: None,
            escalate: false,
        };
        let task = crate::scheduler::PlannedRevisit {
            key: crate::scheduler::TaskKey::Case { case_id: old.id, round: 1, escalation: false },
            case_id: Some(old.id),
            customer_id: id(1),
            round: 1,
            escalation: false,
            cadence: None,
            parent_id: None,
            record_id: None,
            opens_on: d("2026-11-10"),
            due_on: d("2026-11-13"),
            urgency: crate::scheduler::Urgency::DueToday,
            role: Role::PropertyAssistant,
            assignee: None,
            methods: vec![crate::model::Method::Phone],
            attempts: 0,
            reasons: Vec::new(),
        };
        let started = crate::contact::start(&task, id(30), now());
        data.revisits.push(crate::contact::complete(&started, result, now()).unwrap());
        let edit = |completed_on: &str| {
            CaseDraft { completed_on: completed_on.into(), ..CaseDraft::of(&old) }.revise(&old, &data, today(), now())
        };
        let refused = Err(vec![err(Field::CompletedOn, Problem::AlreadyRevisited)]);
        assert_eq!(edit(""), refused, "reopened, its revisit would no longer import");
        assert_eq!(edit("2026-11-13"), refused, "handled after it was revisited");
        assert!(edit("2026-11-12").is_ok() && edit("2026-11-11").is_ok());
        // A case not yet revisited may still be reopened.
        let other = data.case(id(21)).unwrap().clone();
        assert!(CaseDraft { completed_on: String::new(), ..CaseDraft::of(&other) }
            .revise(&other, &data, today(), now())
            .is_ok());
    }

    #[test]
    fn the_plain_complaint_form_still_works() {
        let draft = ComplaintDraft {
            customer_id: Some(id(1)),
            received_on: "2026-11-20".into(),
            channel: Channel::Phone,
            severity: Severity::Important,
            subject: Subject::Attitude,
            description: "保安态度差".into(),
        };
        let c = draft.validate(id(5), |c| c == id(1), today(), now()).unwrap();
        assert_eq!((c.kind, c.severity, c.customer_id), (CaseKind::Complaint, Severity::Important, Some(id(1))));
        let unknown = ComplaintDraft { customer_id: Some(id(2)), ..draft };
        assert_eq!(
            unknown.validate(id(5), |c| c == id(1), today(), now()),
            Err(vec![err(Field::Customer, Problem::NotFound)])
        );
    }
}
