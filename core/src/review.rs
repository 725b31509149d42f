//! After a revisit: the supervisor's review (rule 6) and answering the
//! issues the customer raised (rule 9), as pure edits of the record.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::model::{IssueAnswer, Review, Revisit};
use crate::validation::{text, Field, FieldError, Problem, TEXT_MAX};

/// Trimmed text within the form limit, by the same rule as every form.
fn required_text(field: Field, value: &str) -> Result<String, FieldError> {
    let mut errors = Vec::new();
    let value = text(field, value, TEXT_MAX, true, &mut errors);
    errors.pop().map_or(Ok(value), Err)
}

/// Rule 6: the supervisor signs an opinion on a finished revisit record;
/// the record says who signed it.
pub fn review(
    rev: &Revisit,
    by: Option<Uuid>,
    comment: &str,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Revisit, FieldError> {
    if !rev.is_finished() {
        return Err(FieldError::new(Field::Case, Problem::NotCompleted));
    }
    if by.is_none() {
        return Err(FieldError::new(Field::Reviewer, Problem::Required));
    }
    let comment = required_text(Field::Content, comment)?;
    Ok(Revisit { review: Some(Review { on, by, comment }), updated_at: now, ..rev.clone() })
}

/// Rule 9: every issue a customer raises gets an answer.
pub fn answer_issue(
    rev: &Revisit,
    issue: usize,
    text: &str,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Revisit, FieldError> {
    let text = required_text(Field::Issues, text)?;
    let mut updated = rev.clone();
    let visited_on = updated.result.as_ref().map(|r| r.visited_on);
    let slot = updated
        .result
        .as_mut()
        .and_then(|r| r.issues.get_mut(issue))
        .ok_or(FieldError::new(Field::Issues, Problem::NotFound))?;
    if visited_on.is_some_and(|v| on < v) {
        return Err(FieldError::new(Field::Issues, Problem::BeforeVisit));
    }
    slot.answer = Some(IssueAnswer { on, text });
    updated.updated_at = now;
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Method, RaisedIssue, RevisitResult, Satisfaction};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }

    fn done(issues: Vec<&str>) -> Revisit {
        Revisit {
            revision: 0,
            id: Uuid::from_u128(1),
            case_id: Some(Uuid::from_u128(2)),
            customer_id: Uuid::from_u128(3),
            cadence: None,
            round: 1,
            parent_id: None,
            escalation: false,
            due_on: d("2026-11-24"),
            assignee_id: None,
            attempts: vec![],
            result: Some(RevisitResult {
                method: Method::Phone,
                visited_on: d("2026-11-23"),
                at: None,
                staff_id: None,
                content: "回访".into(),
                satisfaction: Satisfaction::Neutral,
                issues: issues.into_iter().map(|t| RaisedIssue { text: t.into(), answer: None }).collect(),
                reply_by: Some(d("2026-11-27")),
                signature_id: None,
                escalate: false,
            }),
            closure: None,
            review: None,
            archived_at: None,
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn rule_6_the_supervisor_signs_an_opinion_on_a_finished_record() {
        let r = review(&done(vec![]), Some(Uuid::from_u128(9)), " 记录完整 ", d("2026-11-24"), now()).unwrap();
        let rv = r.review.unwrap();
        assert_eq!((rv.comment.as_str(), rv.by), ("记录完整", Some(Uuid::from_u128(9))));
    }

    #[test]
    fn rule_6_a_review_needs_a_reviewer_a_comment_and_a_finished_revisit() {
        let boss = Some(Uuid::from_u128(9));
        let err = review(&done(vec![]), boss, "  ", d("2026-11-24"), now()).unwrap_err();
        assert_eq!((err.field, err.problem), (Field::Content, Problem::Required));
        let err = review(&done(vec![]), None, "记录完整", d("2026-11-24"), now()).unwrap_err();
        assert_eq!((err.field, err.problem), (Field::Reviewer, Problem::Required), "who signed is on record");
        let open = Revisit { result: None, ..done(vec![]) };
        assert_eq!(review(&open, boss, "好", d("2026-11-24"), now()).unwrap_err().problem, Problem::NotCompleted);
    }

    #[test]
    fn rule_9_an_answered_issue_keeps_its_answer_and_date() {
        let r = answer_issue(&done(vec!["楼道灯", "电梯"]), 1, "已更换电梯按钮", d("2026-11-25"), now()).unwrap();
        let issues = &r.result.unwrap().issues;
        assert!(issues[0].answer.is_none());
        assert_eq!(issues[1].answer.as_ref().unwrap().text, "已更换电梯按钮");
    }

    #[test]
    fn rule_9_an_answer_cannot_predate_the_visit_nor_name_a_missing_issue() {
        assert_eq!(
            answer_issue(&done(vec!["楼道灯"]), 0, "已修", d("2026-11-22"), now()).unwrap_err().problem,
            Problem::BeforeVisit
        );
        assert_eq!(
            answer_issue(&done(vec!["楼道灯"]), 3, "已修", d("2026-11-25"), now()).unwrap_err().problem,
            Problem::NotFound
        );
    }
}
