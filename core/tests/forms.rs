//! The form rules staff meet when they type.

use chrono::{DateTime, NaiveDate, Utc};
use huifang_core::model::*;
use huifang_core::validation::*;
use uuid::Uuid;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}
fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
const TODAY: &str = "2026-11-23";

fn draft() -> CustomerDraft {
    CustomerDraft {
        name: "  张三 ".into(),
        phone: "13800000000".into(),
        building: "3".into(),
        entrance: "2".into(),
        room: "1201".into(),
    }
}

fn complaint_draft(customer: Option<Uuid>) -> ComplaintDraft {
    ComplaintDraft {
        customer_id: customer,
        received_on: "2026-11-20".into(),
        channel: Channel::Phone,
        severity: Severity::Important,
        subject: Subject::Attitude,
        description: "保安态度差".into(),
    }
}

#[test]
fn a_customer_is_saved_with_trimmed_text() {
    let c = draft().validate(Uuid::from_u128(1), now()).unwrap();
    assert_eq!(c.name, "张三");
    assert_eq!(c.unit.to_string(), "3-2-1201");
}

#[test]
fn an_empty_name_and_a_bad_phone_are_both_reported() {
    let bad = CustomerDraft { name: "   ".into(), phone: "call me".into(), ..draft() };
    let errors = bad.validate(Uuid::from_u128(1), now()).unwrap_err();
    assert!(errors.contains(&FieldError { field: Field::Name, problem: Problem::Required }));
    assert!(errors.contains(&FieldError { field: Field::Phone, problem: Problem::InvalidPhone }));
}

#[test]
fn an_over_long_name_is_refused() {
    let bad = CustomerDraft { name: "名".repeat(NAME_MAX + 1), ..draft() };
    let errors = bad.validate(Uuid::from_u128(1), now()).unwrap_err();
    assert_eq!(errors, vec![FieldError { field: Field::Name, problem: Problem::TooLong { max: NAME_MAX } }]);
}

#[test]
fn a_complaint_needs_a_known_customer() {
    let e = complaint_draft(None).validate(Uuid::from_u128(2), |_| true, d(TODAY), now()).unwrap_err();
    assert!(e.contains(&FieldError { field: Field::Customer, problem: Problem::Required }));
    let e =
        complaint_draft(Some(Uuid::from_u128(9))).validate(Uuid::from_u128(2), |_| false, d(TODAY), now()).unwrap_err();
    assert!(e.contains(&FieldError { field: Field::Customer, problem: Problem::NotFound }));
}

#[test]
fn a_complaint_received_in_the_future_or_on_an_impossible_date_is_refused() {
    let mut c = complaint_draft(Some(Uuid::from_u128(9)));
    c.received_on = "2026-11-24".into();
    let e = c.validate(Uuid::from_u128(2), |_| true, d(TODAY), now()).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::ReceivedOn, problem: Problem::InFuture }]);
    c.received_on = "2026-02-30".into();
    let e = c.validate(Uuid::from_u128(2), |_| true, d(TODAY), now()).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::ReceivedOn, problem: Problem::InvalidDate }]);
}

#[test]
fn handling_cannot_complete_before_the_complaint_was_received() {
    let case =
        complaint_draft(Some(Uuid::from_u128(9))).validate(Uuid::from_u128(2), |_| true, d(TODAY), now()).unwrap();
    assert_eq!(
        complete_case(&case, "2026-11-19", d(TODAY), now()),
        Err(FieldError { field: Field::CompletedOn, problem: Problem::BeforeReceived })
    );
    assert_eq!(complete_case(&case, "2026-11-21", d(TODAY), now()).unwrap().completed_on, Some(d("2026-11-21")));
}

#[test]
fn lessons_silence_is_not_satisfaction_a_result_must_be_chosen() {
    let mut case =
        complaint_draft(Some(Uuid::from_u128(9))).validate(Uuid::from_u128(2), |_| true, d(TODAY), now()).unwrap();
    case.completed_on = Some(d("2026-11-21"));
    let r =
        RevisitDraft {
            method: Method::Phone, visited_on: TODAY.into(), content: "已处理".into(), satisfaction: None
        };
    let e = r.validate(Uuid::from_u128(3), &case, 1, d(TODAY), now()).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::Satisfaction, problem: Problem::Required }]);
}

#[test]
fn a_revisit_cannot_predate_the_handling_it_follows_up() {
    let mut case =
        complaint_draft(Some(Uuid::from_u128(9))).validate(Uuid::from_u128(2), |_| true, d(TODAY), now()).unwrap();
    case.completed_on = Some(d("2026-11-22"));
    let r = RevisitDraft {
        method: Method::Phone,
        visited_on: "2026-11-21".into(),
        content: "已处理".into(),
        satisfaction: Some(Satisfaction::Satisfied),
    };
    let e = r.validate(Uuid::from_u128(3), &case, 1, d(TODAY), now()).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::VisitedOn, problem: Problem::BeforeCompleted }]);
}
