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
        ..CustomerDraft::default()
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

fn result_draft(method: Method) -> ResultDraft {
    ResultDraft {
        method,
        visited_on: TODAY.into(),
        at: "09:30".into(),
        staff_id: None,
        content: "已处理，客户认可".into(),
        satisfaction: Some(Satisfaction::Satisfied),
        issues: vec![],
        reply_by: String::new(),
        signature_id: None,
        escalate: false,
    }
}

const BOTH: [Method; 2] = [Method::HomeVisit, Method::Phone];

#[test]
fn lessons_silence_is_not_satisfaction_a_result_must_be_chosen() {
    let r = ResultDraft { satisfaction: None, ..result_draft(Method::Phone) };
    let e = r.validate(d("2026-11-21"), &BOTH, d(TODAY)).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::Satisfaction, problem: Problem::Required }]);
}

#[test]
fn a_revisit_cannot_predate_the_handling_it_follows_up() {
    let r = ResultDraft { visited_on: "2026-11-21".into(), ..result_draft(Method::Phone) };
    let e = r.validate(d("2026-11-22"), &BOTH, d(TODAY)).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::VisitedOn, problem: Problem::BeforeCompleted }]);
}

#[test]
fn rule_5_a_home_visit_cannot_be_completed_without_the_customers_signature() {
    let e = result_draft(Method::HomeVisit).validate(d("2026-11-21"), &BOTH, d(TODAY)).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::Signature, problem: Problem::Required }]);
    let signed = ResultDraft { signature_id: Some(Uuid::from_u128(5)), ..result_draft(Method::HomeVisit) };
    assert_eq!(signed.validate(d("2026-11-21"), &BOTH, d(TODAY)).unwrap().signature_id, Some(Uuid::from_u128(5)));
}

#[test]
fn rule_5_a_phone_revisit_needs_no_signature_and_is_recorded_as_phone() {
    let r = result_draft(Method::Phone).validate(d("2026-11-21"), &BOTH, d(TODAY)).unwrap();
    assert_eq!((r.method, r.signature_id), (Method::Phone, None));
}

#[test]
fn rule_7_a_method_the_plan_does_not_allow_is_refused() {
    // Round 1 of a complaint is a home visit (seed 000 §1.9).
    let e = result_draft(Method::Phone).validate(d("2026-11-21"), &[Method::HomeVisit], d(TODAY)).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::Method, problem: Problem::MethodNotAllowed }]);
}

#[test]
fn rule_7_an_issue_not_settled_on_the_spot_needs_an_agreed_reply_date() {
    let raised = ResultDraft { issues: vec!["楼道灯不亮".into()], ..result_draft(Method::Phone) };
    let e = raised.clone().validate(d("2026-11-21"), &BOTH, d(TODAY)).unwrap_err();
    assert_eq!(e, vec![FieldError { field: Field::ReplyBy, problem: Problem::Required }]);
    let early = ResultDraft { reply_by: "2026-11-20".into(), ..raised.clone() };
    assert_eq!(
        early.validate(d("2026-11-19"), &BOTH, d(TODAY)).unwrap_err(),
        vec![FieldError { field: Field::ReplyBy, problem: Problem::BeforeVisit }]
    );
    let agreed = ResultDraft { reply_by: "2026-11-27".into(), ..raised };
    let r = agreed.validate(d("2026-11-21"), &BOTH, d(TODAY)).unwrap();
    assert_eq!(r.reply_by, Some(d("2026-11-27")));
    assert_eq!(r.issues.len(), 1);
    assert!(r.issues[0].answer.is_none(), "rule 9: raised, not yet answered");
}

#[test]
fn a_malformed_time_is_refused_with_its_field() {
    let r = ResultDraft { at: "25:99".into(), ..result_draft(Method::Phone) };
    assert_eq!(
        r.validate(d("2026-11-21"), &BOTH, d(TODAY)).unwrap_err(),
        vec![FieldError { field: Field::Time, problem: Problem::InvalidTime }]
    );
}

#[test]
fn rule_12_an_unanswered_call_is_kept_with_its_time_and_reason() {
    let now: chrono::NaiveDateTime = "2026-11-23T10:00:00".parse().unwrap();
    let draft = AttemptDraft {
        at: "2026-11-23T09:15".into(),
        method: Method::Phone,
        outcome: AttemptOutcome::NoAnswer,
        note: "无人接听".into(),
        staff_id: None,
    };
    let a = draft.validate(now).unwrap();
    assert_eq!((a.outcome, a.note.as_str()), (AttemptOutcome::NoAnswer, "无人接听"));
    let later = AttemptDraft { at: "2026-11-23T11:15".into(), ..draft.clone() };
    assert_eq!(later.validate(now).unwrap_err(), vec![FieldError { field: Field::Time, problem: Problem::InFuture }]);
    let garbled = AttemptDraft { at: "明天上午".into(), ..draft };
    assert_eq!(
        garbled.validate(now).unwrap_err(),
        vec![FieldError { field: Field::Time, problem: Problem::InvalidTime }]
    );
}
