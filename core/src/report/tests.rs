//! The monthly report's rules, case by case (DOMAIN "Statistics").

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::building::natural_cmp;
use super::*;
use crate::model::{
    Attempt, AttemptOutcome, Case, Closure, ClosureReason, Customer, IssueAnswer, Method, OpenLetter, RaisedIssue,
    Revisit, RevisitResult, Role, Satisfaction, Staff, Unit,
};
use crate::policy::Percent;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

const NOV: YearMonth = YearMonth { year: 2026, month: 11 };
const TODAY: &str = "2026-12-10";

fn report(data: &Dataset) -> MonthlyReport {
    monthly_report(data, NOV, d(TODAY))
}

/// Customers 1000+n live in building "{n}栋".
fn customer(n: u128, building: &str) -> Customer {
    let unit = Unit { building: building.into(), entrance: "1单元".into(), room: "101".into() };
    Customer::new(id(1000 + n), format!("住户{n}"), "13800000000".into(), unit, now())
}

/// A case of customer 1000+1 completed on `done`.
fn case(n: u128, kind: CaseKind, done: &str) -> Case {
    let mut c = Case::new(id(n), Some(id(1001)), kind, d(done), "漏水".into(), now());
    c.completed_on = Some(d(done));
    c
}

fn complaint(n: u128, severity: Severity, done: &str) -> Case {
    Case { severity, ..case(n, CaseKind::Complaint, done) }
}

/// A round-1 task of case `c`, due on `due`, not yet done.
fn task(rid: u128, c: &Case, due: &str) -> Revisit {
    Revisit {
        revision: 0,
        id: id(rid),
        case_id: Some(c.id),
        customer_id: c.customer_id.unwrap_or(id(1001)),
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
        created_at: now(),
        updated_at: now(),
    }
}

fn result(on: &str, satisfaction: Satisfaction) -> RevisitResult {
    RevisitResult {
        method: Method::Phone,
        visited_on: d(on),
        at: None,
        staff_id: None,
        content: "已回访".into(),
        satisfaction,
        issues: Vec::new(),
        reply_by: None,
        signature_id: None,
        escalate: false,
    }
}

/// A completed revisit of case `c` in `round`.
fn done(rid: u128, c: &Case, round: u32, on: &str, s: Satisfaction) -> Revisit {
    Revisit { round, result: Some(result(on, s)), ..task(rid, c, on) }
}

fn letter(n: u128, sent: &str, cases: &[&Case]) -> OpenLetter {
    OpenLetter {
        revision: 0,
        id: id(n),
        title: "致全体业主的一封信".into(),
        body: "关于电梯维修".into(),
        sent_on: d(sent),
        case_ids: cases.iter().map(|c| c.id).collect(),
        created_at: now(),
        updated_at: now(),
    }
}

fn data(cases: Vec<Case>, revisits: Vec<Revisit>) -> Dataset {
    Dataset { customers: vec![customer(1, "1栋")], cases, revisits, ..Dataset::default() }
}

fn row(r: &MonthlyReport, kind: CaseKind, severity: Option<Severity>) -> Tally {
    r.by_kind.iter().find(|k| k.kind == kind && k.severity == severity).map(|k| k.tally).unwrap()
}

fn complaints(r: &MonthlyReport) -> Tally {
    row(r, CaseKind::Complaint, None)
}

#[test]
fn statistics_eligible_excludes_anonymous_and_duplicates_rule_10_11() {
    let plain = complaint(1, Severity::General, "2026-11-03");
    let anonymous = Case { anonymous: true, customer_id: None, ..complaint(2, Severity::General, "2026-11-03") };
    let reply_only = Case { reply_only: true, ..complaint(3, Severity::General, "2026-11-04") };
    let duplicate = Case { duplicate_of: Some(plain.id), ..complaint(4, Severity::General, "2026-11-05") };
    let open = Case { completed_on: None, ..complaint(5, Severity::General, "2026-11-05") };
    let october = complaint(6, Severity::General, "2026-10-31");
    let december = complaint(7, Severity::General, "2026-12-01");
    let r = report(&data(vec![plain, anonymous, reply_only, duplicate, open, october, december], vec![]));
    assert_eq!(complaints(&r).eligible, 1);
    assert_eq!(r.total().eligible, 1);
}

#[test]
fn statistics_move_in_excludes_decorating_non_residents_and_major_complainants_rule_4() {
    let mut people = vec![customer(1, "1栋"), customer(2, "1栋"), customer(3, "1栋"), customer(4, "1栋")];
    people[1].decorating = true;
    people[2].resident = false;
    let move_in =
        |n: u128, who: u128| Case { customer_id: Some(id(1000 + who)), ..case(n, CaseKind::MoveIn, "2026-11-02") };
    let major = Case { customer_id: Some(id(1004)), ..complaint(9, Severity::Major, "2025-01-05") };
    let data = Dataset {
        customers: people,
        cases: vec![move_in(1, 1), move_in(2, 2), move_in(3, 3), move_in(4, 4), major],
        ..Dataset::default()
    };
    assert_eq!(row(&report(&data), CaseKind::MoveIn, None).eligible, 1);
}

#[test]
fn statistics_one_revisited_satisfied_complaint_is_100_percent_against_50() {
    let c = complaint(1, Severity::General, "2026-11-23");
    let r = report(&data(vec![c.clone()], vec![done(10, &c, 1, "2026-11-25", Satisfaction::Satisfied)]));
    let t = complaints(&r);
    assert_eq!((t.eligible, t.revisited, t.satisfied, t.on_time), (1, 1, 1, 1));
    assert_eq!(t.rate_permille(), Some(1000));
    assert_eq!(t.target, Percent(50));
    assert_eq!(t.meets_target(), Some(true));
    assert_eq!(t.satisfied_permille(), Some(1000));
}

#[test]
fn statistics_a_month_with_nothing_eligible_has_no_rate_rather_than_zero() {
    let r = report(&Dataset::default());
    let t = complaints(&r);
    assert_eq!((t.rate_permille(), t.meets_target(), t.satisfied_permille()), (None, None, None));
    assert_eq!(r.handling.rate_permille(), None);
}

#[test]
fn statistics_below_target_is_reported_as_missed() {
    let cases: Vec<Case> = (1..=3).map(|n| complaint(n, Severity::General, "2026-11-02")).collect();
    let revisits = vec![done(10, &cases[0], 1, "2026-11-03", Satisfaction::Neutral)];
    let t = complaints(&report(&data(cases, revisits)));
    assert_eq!(t.rate_permille(), Some(333));
    assert_eq!(t.meets_target(), Some(false));
}

#[test]
fn report_percentages_round_to_the_nearest_tenth_and_never_show_a_full_rate_short_of_all() {
    use super::tally::permille;
    // The report's counts and percentages: 2 of 3 is 66.7%, not 66.6%.
    assert_eq!(permille(2, 3), Some(667));
    assert_eq!(permille(1, 3), Some(333));
    // Halves go up: 1 of 8 is 12.5%, 1 of 16 is 6.25% → 6.3%.
    assert_eq!(permille(1, 8), Some(125));
    assert_eq!(permille(1, 16), Some(63));
    // 1,999 of 2,000 would round to 100.0%: it shows 99.9%.
    assert_eq!(permille(1_999, 2_000), Some(999));
    assert_eq!(permille(2_000, 2_000), Some(1000));
    assert_eq!(permille(0, 7), Some(0));
    assert_eq!(permille(0, 0), None);
    assert_eq!(permille(u32::MAX - 1, u32::MAX), Some(999));
}

#[test]
fn statistics_unreached_customers_are_not_revisited_and_silence_is_not_satisfaction() {
    let c = complaint(1, Severity::General, "2026-11-02");
    let no_answer = Attempt {
        at: d("2026-11-03").and_hms_opt(9, 30, 0).unwrap(),
        method: Method::Phone,
        outcome: AttemptOutcome::NoAnswer,
        note: "无人接听".into(),
        staff_id: None,
    };
    let closed = Revisit {
        attempts: vec![no_answer.clone(), no_answer.clone(), no_answer],
        closure: Some(Closure {
            on: d("2026-11-05"),
            reason: ClosureReason::Unreachable,
            note: String::new(),
            by: None,
        }),
        ..task(10, &c, "2026-11-05")
    };
    let t = complaints(&report(&data(vec![c], vec![closed])));
    assert_eq!((t.eligible, t.revisited, t.completed()), (1, 0, 0));
    assert_eq!(t.overdue, 0, "closed with a reason is not overdue");
}

#[test]
fn statistics_a_task_closed_for_a_reason_counts_closed_never_revisited_or_satisfied() {
    for reason in [ClosureReason::Refused, ClosureReason::WrongNumber, ClosureReason::Moved, ClosureReason::Other] {
        let c = complaint(1, Severity::General, "2026-11-02");
        let closure = Closure { on: d("2026-11-04"), reason, note: "拒访".into(), by: Some(id(7)) };
        let refused = Revisit { closure: Some(closure), ..task(10, &c, "2026-11-05") };
        let t = complaints(&report(&data(vec![c], vec![refused])));
        assert_eq!((t.eligible, t.revisited, t.completed(), t.closed), (1, 0, 0, 1), "{reason:?}");
        assert_eq!((t.overdue, t.satisfied), (0, 0), "{reason:?}");
    }
}

#[test]
fn statistics_work_closed_as_missed_stays_overdue_in_its_month() {
    let c = complaint(1, Severity::General, "2026-11-02");
    let closure =
        Closure { on: d("2026-12-09"), reason: ClosureReason::Missed, note: "逾期未回访".into(), by: Some(id(7)) };
    let missed = Revisit { closure: Some(closure), ..task(10, &c, "2026-11-05") };
    let t = complaints(&report(&data(vec![c], vec![missed])));
    assert_eq!((t.eligible, t.revisited, t.overdue, t.closed), (1, 0, 1, 1));
}

#[test]
fn statistics_a_revisit_after_its_window_counts_late_not_on_time() {
    let c = complaint(1, Severity::General, "2026-11-02");
    let late = Revisit { result: Some(result("2026-11-09", Satisfaction::Satisfied)), ..task(10, &c, "2026-11-05") };
    let t = complaints(&report(&data(vec![c.clone()], vec![late])));
    assert_eq!((t.revisited, t.on_time, t.late, t.overdue), (1, 0, 1, 0));
    let t = complaints(&report(&data(vec![c.clone()], vec![done(10, &c, 1, "2026-11-04", Satisfaction::Satisfied)])));
    assert_eq!((t.revisited, t.on_time, t.late), (1, 1, 0));
}

#[test]
fn statistics_a_case_revisited_twice_counts_once_with_its_latest_result() {
    let c = complaint(1, Severity::General, "2026-11-02");
    let first = done(10, &c, 1, "2026-11-03", Satisfaction::Dissatisfied);
    let second = Revisit { parent_id: Some(first.id), ..done(11, &c, 2, "2026-11-10", Satisfaction::Satisfied) };
    for revisits in [vec![first.clone(), second.clone()], vec![second, first]] {
        let t = complaints(&report(&data(vec![c.clone()], revisits)));
        assert_eq!((t.eligible, t.revisited, t.satisfied, t.dissatisfied), (1, 1, 1, 0));
        assert_eq!(t.on_time, 1, "on time by the first result");
    }
}

#[test]
fn statistics_the_superiors_escalation_revisit_is_the_latest_result_rule_14() {
    let c = complaint(1, Severity::General, "2026-11-02");
    let first = done(10, &c, 1, "2026-11-03", Satisfaction::Dissatisfied);
    let escalation =
        Revisit { parent_id: Some(first.id), escalation: true, ..done(11, &c, 2, "2026-11-06", Satisfaction::Neutral) };
    let t = complaints(&report(&data(vec![c], vec![escalation, first])));
    assert_eq!((t.satisfied, t.neutral, t.dissatisfied), (0, 1, 0));
}

#[test]
fn statistics_open_letter_counts_as_revisited_rule_8() {
    let a = complaint(1, Severity::General, "2026-11-02");
    let b = complaint(2, Severity::General, "2026-11-02");
    let c = complaint(3, Severity::General, "2026-11-02");
    // `c` was also reached in person: its own result counts, not the letter.
    let reached = done(10, &c, 1, "2026-11-04", Satisfaction::Satisfied);
    let mut data = data(vec![a.clone(), b.clone(), c.clone()], vec![reached]);
    data.open_letters = vec![letter(50, "2026-11-05", &[&a, &b, &c])];
    let t = complaints(&report(&data));
    assert_eq!((t.eligible, t.revisited, t.by_letter), (3, 3, 2));
    assert_eq!((t.completed(), t.satisfied), (1, 1), "a letter carries no satisfaction");
    assert_eq!(t.on_time, 3, "sent within the 3-day window (due 11-05)");
    assert_eq!(t.overdue, 0);
}

#[test]
fn statistics_on_time_is_the_first_result_by_the_due_date_rule_1() {
    // Completed 11-02: due 11-05 (3 days).
    let cases: Vec<Case> = (1..=3).map(|n| complaint(n, Severity::Major, "2026-11-02")).collect();
    let revisits = vec![
        done(10, &cases[0], 1, "2026-11-05", Satisfaction::Satisfied),
        Revisit { due_on: d("2026-11-05"), ..done(11, &cases[1], 1, "2026-11-06", Satisfaction::Satisfied) },
    ];
    let t = row(&report(&data(cases, revisits)), CaseKind::Complaint, Some(Severity::Major));
    assert_eq!((t.eligible, t.revisited, t.on_time), (3, 2, 1));
    assert_eq!(t.overdue, 1, "the unstarted major complaint is required and past due");
}

#[test]
fn statistics_on_time_keeps_the_due_date_a_revisit_was_started_with() {
    // Started while the window was longer; a later edit to 3 days does not
    // turn it late after the fact.
    let c = complaint(1, Severity::General, "2026-11-02");
    let r = Revisit { due_on: d("2026-11-09"), ..done(10, &c, 1, "2026-11-08", Satisfaction::Satisfied) };
    assert_eq!(complaints(&report(&data(vec![c], vec![r]))).on_time, 1);
}

#[test]
fn statistics_overdue_counts_only_picked_cases_still_open_past_due() {
    // Ten repairs completed 11-02..11-11, due a month later, target 30%.
    // Staff revisited the 2nd on their own; it counts towards the target, so
    // the scheduler picks only the 1st and the 7th (⌈k·30%⌉ of the first k).
    let cases: Vec<Case> = (1..=10).map(|n| case(n, CaseKind::Repair, &format!("2026-11-{:02}", n + 1))).collect();
    let revisits = vec![done(20, &cases[1], 1, "2026-11-20", Satisfaction::Satisfied)];
    let data = data(cases, revisits);
    let at = |today: &str| row(&monthly_report(&data, NOV, d(today)), CaseKind::Repair, None);
    assert_eq!(at("2026-12-02").overdue, 0, "due 12-02 for the first: not yet past");
    assert_eq!(at("2026-12-03").overdue, 1);
    let t = at("2027-01-01");
    assert_eq!((t.eligible, t.revisited, t.overdue), (10, 1, 2), "the seven unpicked are never overdue");
    assert_eq!(t.target, Percent(30));
}

#[test]
fn statistics_rows_cover_every_revisited_kind_with_complaints_by_severity() {
    let r = report(&Dataset::default());
    let keys: Vec<(CaseKind, Option<Severity>)> = r.by_kind.iter().map(|k| (k.kind, k.severity)).collect();
    use CaseKind::*;
    assert_eq!(
        keys,
        [
            (Complaint, None),
            (Complaint, Some(Severity::General)),
            (Complaint, Some(Severity::Important)),
            (Complaint, Some(Severity::Major)),
            (Repair, None),
            (Activity, None),
            (MoveIn, None),
            (Emergency, None),
            (Signing, None),
        ]
    );
    let targets: Vec<u8> = r.by_kind.iter().map(|k| k.tally.target.0).collect();
    assert_eq!(targets, [50, 50, 50, 100, 30, 10, 100, 100, 100], "complaint total against the general target");
}

#[test]
fn statistics_the_complaint_total_adds_up_its_severities() {
    let g = complaint(1, Severity::General, "2026-11-02");
    let m = complaint(2, Severity::Major, "2026-11-02");
    let holiday = case(3, CaseKind::HolidayVisit, "2026-11-02");
    let revisits = vec![done(10, &m, 1, "2026-11-03", Satisfaction::Satisfied)];
    let r = report(&data(vec![g, m, holiday], revisits));
    assert_eq!((complaints(&r).eligible, complaints(&r).revisited), (2, 1));
    assert_eq!(row(&r, CaseKind::Complaint, Some(Severity::Major)).revisited, 1);
    assert_eq!(r.total().eligible, 2, "holiday visits are not revisited");
}

#[test]
fn statistics_mixed_rows_are_measured_against_the_weighted_target() {
    // Two general complaints (50%) and one major (100%): 2 of 3 revisits
    // are what the policies ask for.
    let cases = vec![
        complaint(1, Severity::General, "2026-11-02"),
        complaint(2, Severity::General, "2026-11-02"),
        complaint(3, Severity::Major, "2026-11-02"),
    ];
    let revisits = vec![
        done(10, &cases[0], 1, "2026-11-03", Satisfaction::Satisfied),
        done(11, &cases[2], 1, "2026-11-03", Satisfaction::Satisfied),
    ];
    let r = report(&data(cases, revisits));
    let building = &r.by_building[0].tally;
    assert_eq!(building.target, Percent(67));
    assert_eq!((building.eligible, building.revisited), (3, 2));
    assert_eq!(r.total().target, Percent(67));
}

#[test]
fn statistics_by_staff_goes_to_who_reached_the_customer_last_else_the_assignee() {
    let (ann, bo, cy) = (id(501), id(502), id(503));
    let cases: Vec<Case> = (1..=4).map(|n| complaint(n, Severity::Major, "2026-11-02")).collect();
    let mut first = done(10, &cases[0], 1, "2026-11-03", Satisfaction::Dissatisfied);
    first.assignee_id = Some(ann);
    let mut second = done(11, &cases[0], 2, "2026-11-08", Satisfaction::Satisfied);
    second.assignee_id = Some(ann);
    second.result.as_mut().unwrap().staff_id = Some(bo);
    let open_task = Revisit { assignee_id: Some(cy), ..task(12, &cases[1], "2026-11-05") };
    let mut by_assignee = done(13, &cases[2], 1, "2026-11-03", Satisfaction::Neutral);
    by_assignee.assignee_id = Some(cy);
    let r = report(&data(cases, vec![first, second, open_task, by_assignee]));
    let staff: Vec<(Option<Uuid>, u32, u32)> =
        r.by_staff.iter().map(|s| (s.staff_id, s.tally.eligible, s.tally.revisited)).collect();
    assert_eq!(staff, [(Some(bo), 1, 1), (Some(cy), 2, 1), (None, 1, 0)]);
    assert_eq!(r.by_staff[1].tally.overdue, 1, "cy's open task is past due");
}

#[test]
fn statistics_by_building_in_natural_name_order_with_unknown_households_last() {
    let customers = vec![customer(1, "10栋"), customer(2, "2栋"), customer(3, "1栋")];
    let mut cases: Vec<Case> =
        (1..=3).map(|n| Case { customer_id: Some(id(1000 + n)), ..case(n, CaseKind::Repair, "2026-11-02") }).collect();
    cases.push(Case { customer_id: Some(id(9999)), ..case(4, CaseKind::Repair, "2026-11-02") });
    let r = report(&Dataset { customers, cases, ..Dataset::default() });
    let names: Vec<Option<&str>> = r.by_building.iter().map(|b| b.building.as_deref()).collect();
    assert_eq!(names, [Some("1栋"), Some("2栋"), Some("10栋"), None]);
}

#[test]
fn building_names_compare_their_numbers_as_numbers() {
    use std::cmp::Ordering::*;
    assert_eq!(natural_cmp("2栋", "10栋"), Less);
    assert_eq!(natural_cmp("A12", "A3"), Greater);
    assert_eq!(natural_cmp("02栋", "2栋"), Less, "equal numbers fall back to text order");
    assert_eq!(natural_cmp("栋", "1栋"), Greater);
    assert_eq!(natural_cmp("", "1"), Less);
}

#[test]
fn statistics_the_trend_is_the_12_months_ending_with_the_month() {
    let cases = vec![
        complaint(1, Severity::General, "2025-11-30"),
        complaint(2, Severity::General, "2025-12-01"),
        case(3, CaseKind::Repair, "2026-06-15"),
        case(4, CaseKind::Signing, "2026-11-02"),
        case(5, CaseKind::HolidayVisit, "2026-11-02"),
    ];
    let revisits = vec![done(10, &cases[2], 1, "2026-06-20", Satisfaction::Satisfied)];
    let r = report(&data(cases, revisits));
    let months: Vec<String> = r.trend.iter().map(|p| p.month.to_string()).collect();
    assert_eq!(months.len(), 12);
    assert_eq!((months[0].as_str(), months[11].as_str()), ("2025-12", "2026-11"));
    let eligible: Vec<u32> = r.trend.iter().map(|p| p.tally.eligible).collect();
    assert_eq!(eligible, [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    assert_eq!(r.trend[6].tally.satisfied_permille(), Some(1000));
    assert_eq!(r.trend[11].tally, r.total());
}

#[test]
fn statistics_dissatisfied_customers_are_listed_with_what_was_done_rule_7_14() {
    let c = complaint(1, Severity::General, "2026-11-02");
    let mut first = done(10, &c, 1, "2026-11-03", Satisfaction::Dissatisfied);
    if let Some(res) = first.result.as_mut() {
        res.escalate = true;
        res.reply_by = Some(d("2026-11-10"));
        res.issues = vec![
            RaisedIssue {
                text: "楼道灯不亮".into(),
                answer: Some(IssueAnswer { on: d("2026-11-04"), text: "已修".into() }),
            },
            RaisedIssue { text: "噪音".into(), answer: None },
        ];
    }
    let escalation =
        Revisit { escalation: true, parent_id: Some(first.id), ..done(11, &c, 2, "2026-11-06", Satisfaction::Neutral) };
    let third = Revisit { round: 3, parent_id: Some(escalation.id), ..task(12, &c, "2026-11-10") };
    let r = report(&data(vec![c.clone()], vec![third, escalation, first]));
    assert_eq!(r.dissatisfied.len(), 1);
    let e = &r.dissatisfied[0];
    assert_eq!((e.revisit_id, e.case_id, e.customer_id), (id(10), Some(c.id), id(1001)));
    assert!(e.escalate);
    assert_eq!(e.issues.len(), 2);
    let follow: Vec<(u32, bool, FollowUpStatus)> =
        e.follow_ups.iter().map(|f| (f.round, f.escalation, f.status)).collect();
    assert_eq!(
        follow,
        [
            (2, true, FollowUpStatus::Completed { visited_on: d("2026-11-06"), satisfaction: Satisfaction::Neutral }),
            (3, false, FollowUpStatus::Open { due_on: d("2026-11-10"), overdue: true }),
        ]
    );
}

#[test]
fn statistics_dissatisfied_list_is_by_the_month_the_revisit_was_done() {
    let c = complaint(1, Severity::General, "2026-10-30");
    let october = done(10, &c, 1, "2026-10-31", Satisfaction::Dissatisfied);
    let november = done(11, &c, 2, "2026-11-02", Satisfaction::Dissatisfied);
    let r = report(&data(vec![c], vec![october, november]));
    let ids: Vec<Uuid> = r.dissatisfied.iter().map(|e| e.revisit_id).collect();
    assert_eq!(ids, [id(11)]);
}

#[test]
fn rule_9_handling_rate_is_answered_over_raised() {
    let c = complaint(1, Severity::General, "2026-11-02");
    let answered = |t: &str| RaisedIssue {
        text: t.into(),
        answer: Some(IssueAnswer { on: d("2026-11-05"), text: "已答复".into() }),
    };
    let open = |t: &str| RaisedIssue { text: t.into(), answer: None };
    let mut a = done(10, &c, 1, "2026-11-03", Satisfaction::Neutral);
    a.result.as_mut().unwrap().issues = vec![answered("电梯"), open("停车")];
    let mut b = done(11, &c, 2, "2026-11-09", Satisfaction::Satisfied);
    b.result.as_mut().unwrap().issues = vec![answered("绿化"), answered("门禁")];
    // Raised in October: not this month's.
    let mut old = done(12, &c, 1, "2026-10-20", Satisfaction::Neutral);
    old.result.as_mut().unwrap().issues = vec![open("旧问题")];
    let r = report(&data(vec![c], vec![a, b, old]));
    assert_eq!((r.handling.raised, r.handling.answered), (4, 3));
    assert_eq!(r.handling.rate_permille(), Some(750));
    assert_eq!(r.handling.unanswered, [id(10)]);
}

fn repair_data(repairs: u128) -> Dataset {
    let mut cases = Vec::new();
    let mut revisits = Vec::new();
    for n in 1..=repairs {
        let c = case(n, CaseKind::Repair, "2026-10-01");
        // Spread over the quarter Oct–Dec.
        let on = format!("2026-{}-15", 10 + n % 3);
        revisits.push(done(100 + n, &c, 1, &on, Satisfaction::Satisfied));
        cases.push(c);
    }
    // Not sampled: a complaint, an open repair task, a repair done in September.
    let complaint = complaint(900, Severity::General, "2026-11-02");
    revisits.push(done(901, &complaint, 1, "2026-11-03", Satisfaction::Satisfied));
    let repair = case(902, CaseKind::Repair, "2026-09-01");
    revisits.push(task(903, &repair, "2026-11-20"));
    revisits.push(done(904, &repair, 1, "2026-09-30", Satisfaction::Satisfied));
    cases.extend([complaint, repair]);
    data(cases, revisits)
}

#[test]
fn rule_2_the_quarterly_repair_sample_is_20_percent_and_stable() {
    let data = repair_data(11);
    let sample = report(&data).repair_sample;
    assert_eq!(sample.len(), 3, "⌈20% of 11⌉");
    assert!(sample.iter().all(|r| (101..=111).contains(&r.as_u128())), "{sample:?}");
    // Same sample in every month of the quarter, whatever the storage order.
    let mut shuffled = data.clone();
    shuffled.revisits.reverse();
    shuffled.cases.reverse();
    for month in [10, 11, 12] {
        let m = YearMonth { year: 2026, month };
        assert_eq!(monthly_report(&shuffled, m, d(TODAY)).repair_sample, sample);
    }
    assert!(monthly_report(&data, YearMonth { year: 2027, month: 1 }, d(TODAY)).repair_sample.is_empty());
}

#[test]
fn rule_2_the_repair_sample_follows_the_office_setting() {
    let mut data = repair_data(10);
    data.settings.policies.repair_sample = Percent(50);
    assert_eq!(report(&data).repair_sample.len(), 5);
    data.settings.policies.repair_sample = Percent(0);
    assert!(report(&data).repair_sample.is_empty());
}

#[test]
fn statistics_a_staff_requested_revisit_comes_on_top_of_the_sample() {
    let c = Case { revisit_requested: true, ..case(1, CaseKind::Activity, "2026-11-02") };
    let other = case(2, CaseKind::Activity, "2026-11-03");
    let staff = Staff {
        revision: 0,
        id: id(501),
        name: "王芳".into(),
        role: Role::CommunityCultureClerk,
        buildings: Vec::new(),
        active: true,
        created_at: now(),
        updated_at: now(),
    };
    let mut data = data(vec![c, other], vec![]);
    data.staff.push(staff);
    // Activity target 10%: the sample still takes the other case ("staff
    // can always add more": a request never replaces a sampled case).
    let t = row(&monthly_report(&data, NOV, d("2027-01-10")), CaseKind::Activity, None);
    assert_eq!((t.eligible, t.overdue), (2, 2));
}

#[test]
fn statistics_rule_6_the_report_counts_the_months_reviewed_records() {
    let (a, b, c) = (
        complaint(1, Severity::General, "2026-11-02"),
        complaint(2, Severity::General, "2026-11-03"),
        complaint(3, Severity::General, "2026-10-20"),
    );
    let signed = |r: Revisit| Revisit {
        review: Some(crate::model::Review { on: d("2026-11-25"), by: Some(id(9)), comment: "记录完整".into() }),
        ..r
    };
    let closure = Closure { on: d("2026-11-06"), reason: ClosureReason::Refused, note: String::new(), by: None };
    let revisits = vec![
        signed(done(10, &a, 1, "2026-11-03", Satisfaction::Satisfied)),
        Revisit { closure: Some(closure), ..task(11, &b, "2026-11-06") },
        signed(done(12, &c, 1, "2026-10-22", Satisfaction::Satisfied)),
    ];
    let r = report(&data(vec![a, b, c], revisits));
    assert_eq!((r.reviews.finished, r.reviews.reviewed), (2, 1), "October's signed record is not November's");
}
