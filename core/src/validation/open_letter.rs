//! The open-letter form (公开信, rule 8): one written answer to the
//! households that raised the same problem, archived with their cases.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{dedup, required_date, text, Field, FieldError, Problem, TEXT_MAX};
use crate::model::{Case, Dataset, OpenLetter};

pub const TITLE_MAX: usize = 100;

/// What the open-letter form submits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenLetterDraft {
    pub title: String,
    pub body: String,
    pub sent_on: String,
    pub case_ids: Vec<Uuid>,
}

impl OpenLetterDraft {
    pub fn validate(
        &self,
        id: Uuid,
        data: &Dataset,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<OpenLetter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = text(Field::Title, &self.title, TITLE_MAX, true, &mut errors);
        let body = text(Field::Body, &self.body, TEXT_MAX, true, &mut errors);
        let sent_on = required_date(Field::SentOn, &self.sent_on, Some(today), &mut errors);
        let case_ids = dedup(&self.case_ids);
        cases_answered(&case_ids, sent_on, |id| data.case(id), &mut errors);
        match sent_on {
            Some(sent_on) if errors.is_empty() => {
                Ok(OpenLetter { revision: 0, id, title, body, sent_on, case_ids, created_at: now, updated_at: now })
            }
            _ => Err(errors),
        }
    }
}

/// The letter answers at least one case; each is on record and handled
/// before the letter was sent, since the letter stands in for its revisit.
fn cases_answered<'a>(
    case_ids: &[Uuid],
    sent_on: Option<NaiveDate>,
    case: impl Fn(Uuid) -> Option<&'a Case>,
    errors: &mut Vec<FieldError>,
) {
    if case_ids.is_empty() {
        errors.push(FieldError::new(Field::Cases, Problem::Required));
        return;
    }
    let cases: Option<Vec<&Case>> = case_ids.iter().map(|id| case(*id)).collect();
    let Some(cases) = cases else {
        errors.push(FieldError::new(Field::Cases, Problem::NotFound));
        return;
    };
    if cases.iter().any(|c| c.completed_on.is_none()) {
        errors.push(FieldError::new(Field::Cases, Problem::NotCompleted));
    } else if let Some(sent) = sent_on {
        if cases.iter().any(|c| c.completed_on.is_some_and(|done| sent < done)) {
            errors.push(FieldError::new(Field::SentOn, Problem::BeforeCompleted));
        }
    }
}

/// Checks a stored or imported open letter; `case` finds the cases it names.
pub fn check_open_letter<'a>(l: &OpenLetter, case: impl Fn(Uuid) -> Option<&'a Case>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(Field::Title, &l.title, TITLE_MAX, true, &mut errors);
    text(Field::Body, &l.body, TEXT_MAX, true, &mut errors);
    super::date_not_before_2000(Field::SentOn, l.sent_on, None, &mut errors);
    cases_answered(&l.case_ids, Some(l.sent_on), case, &mut errors);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CaseKind, Customer, Unit};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// Complaints 20 and 21 handled on 11-20; 22 still being handled.
    fn office() -> Dataset {
        let unit = Unit { building: "3".into(), entrance: "2".into(), room: "101".into() };
        let customer = Customer::new(id(1), "张三".into(), "13800000000".into(), unit, now());
        let case = |n, done: Option<&str>| Case {
            completed_on: done.map(d),
            ..Case::new(id(n), Some(id(1)), CaseKind::Complaint, d("2026-11-18"), "停水".into(), now())
        };
        Dataset {
            customers: vec![customer],
            cases: vec![case(20, Some("2026-11-20")), case(21, Some("2026-11-20")), case(22, None)],
            ..Dataset::default()
        }
    }

    fn draft() -> OpenLetterDraft {
        OpenLetterDraft {
            title: "致3栋业主的一封信".into(),
            body: "关于本周停水的说明……".into(),
            sent_on: "2026-11-21".into(),
            case_ids: vec![id(20), id(21), id(20)],
        }
    }

    fn errors(draft: OpenLetterDraft) -> Vec<FieldError> {
        draft.validate(id(9), &office(), d("2026-11-23"), now()).unwrap_err()
    }

    #[test]
    fn rule_8_one_letter_answers_several_handled_cases() {
        let l = draft().validate(id(9), &office(), d("2026-11-23"), now()).unwrap();
        assert_eq!(l.case_ids, vec![id(20), id(21)]);
        assert_eq!(l.sent_on, d("2026-11-21"));
        let data = office();
        assert_eq!(check_open_letter(&l, |c| data.case(c)), vec![]);
    }

    #[test]
    fn rule_8_a_letter_needs_its_cases_on_record_and_handled_before_it_was_sent() {
        assert_eq!(
            errors(OpenLetterDraft { case_ids: vec![], ..draft() }),
            vec![FieldError::new(Field::Cases, Problem::Required)]
        );
        assert_eq!(
            errors(OpenLetterDraft { case_ids: vec![id(20), id(77)], ..draft() }),
            vec![FieldError::new(Field::Cases, Problem::NotFound)]
        );
        assert_eq!(
            errors(OpenLetterDraft { case_ids: vec![id(20), id(22)], ..draft() }),
            vec![FieldError::new(Field::Cases, Problem::NotCompleted)]
        );
        assert_eq!(
            errors(OpenLetterDraft { sent_on: "2026-11-19".into(), ..draft() }),
            vec![FieldError::new(Field::SentOn, Problem::BeforeCompleted)]
        );
    }

    #[test]
    fn title_body_and_date_are_required_and_limited() {
        let empty = OpenLetterDraft { case_ids: vec![id(20)], ..OpenLetterDraft::default() };
        assert_eq!(
            errors(empty),
            vec![
                FieldError::new(Field::Title, Problem::Required),
                FieldError::new(Field::Body, Problem::Required),
                FieldError::new(Field::SentOn, Problem::Required),
            ]
        );
        let long = OpenLetterDraft {
            title: "题".repeat(TITLE_MAX + 1),
            body: "字".repeat(TEXT_MAX + 1),
            sent_on: "2026-11-24".into(),
            ..draft()
        };
        assert_eq!(
            errors(long),
            vec![
                FieldError::new(Field::Title, Problem::TooLong { max: TITLE_MAX }),
                FieldError::new(Field::Body, Problem::TooLong { max: TEXT_MAX }),
                FieldError::new(Field::SentOn, Problem::InFuture),
            ]
        );
    }
}
