//! The scheduler, rule by rule (numbers from shared/DOMAIN.md).

mod support;

use huifang_core::contact::{self, log_attempt};
use huifang_core::eligibility::Pick;
use huifang_core::model::*;
use huifang_core::policy::{Anchor, Percent, PolicyKey, Span};
use huifang_core::scheduler::{plan, Plan, PlanWarning, PlannedRevisit, Reason, TaskKey, Urgency};
use support::*;
use uuid::Uuid;

fn plan_on(data: &Dataset, today: &str) -> Plan {
    plan(data, d(today))
}

fn case_ids(p: &Plan) -> Vec<u128> {
    p.items.iter().filter_map(|t| t.case_id).map(|c| c.as_u128()).collect()
}

fn only(p: &Plan) -> &PlannedRevisit {
    assert_eq!(p.items.len(), 1, "expected one task: {:#?}", p.items);
    &p.items[0]
}

// ---- Rule 1: complaints -------------------------------------------------

#[test]
fn rule_1_a_general_complaint_is_due_3_days_after_handling_by_the_areas_property_assistant() {
    let data = world(vec![complaint(1, Severity::General, 1, "2026-11-20")]);
    let p = plan_on(&data, TODAY);
    let t = only(&p);
    assert_eq!(t.key, TaskKey::Case { case_id: id(1), round: 1, escalation: false });
    assert_eq!((t.opens_on, t.due_on, t.urgency), (d("2026-11-20"), d("2026-11-23"), Urgency::DueToday));
    assert_eq!((t.role, t.assignee), (Role::PropertyAssistant, Some(id(ASSISTANT_1))));
    assert_eq!(t.methods, vec![Method::HomeVisit], "complaints are first revisited at home, signed");
    assert!(t.reasons.contains(&Reason::Anchor {
        kind: CaseKind::Complaint,
        policy_key: PolicyKey::Complaint(Severity::General),
        anchor: Anchor::HandlingCompleted,
        on: d("2026-11-20"),
        opens_after: Span::Days(0),
        due_within: Span::Days(3),
    }));
    assert!(t.reasons.contains(&Reason::Area { building: "1".into() }));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn rule_1_important_complaints_go_to_the_department_supervisor() {
    let data = world(vec![complaint(1, Severity::Important, 1, "2026-11-20")]);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!((t.role, t.assignee), (Role::DepartmentSupervisor, Some(id(DEPT_SUPERVISOR))));
}

#[test]
fn rule_1_major_complaint_goes_to_the_company_manager() {
    let data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20")]);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!((t.role, t.assignee), (Role::CompanyManager, Some(id(MANAGER))));
    assert!(t.reasons.contains(&Reason::Picked(Pick::Required)), "major complaints are all revisited");
}

#[test]
fn rule_1_half_of_the_months_general_complaints_are_sampled_deterministically() {
    let cases = (1..=4).map(|n| complaint(n, Severity::General, n, &format!("2026-11-0{}", n + 1))).collect();
    let p = plan_on(&world(cases), TODAY);
    assert_eq!(case_ids(&p), vec![1, 3]);
    let t = &p.items[1];
    assert!(t.reasons.contains(&Reason::Picked(Pick::Sampled { nth: 3, of_target: Percent(50) })));
}

#[test]
fn rule_1_staff_can_ask_for_a_revisit_beyond_the_target() {
    let mut cases: Vec<Case> =
        (1..=4).map(|n| complaint(n, Severity::General, n, &format!("2026-11-0{}", n + 1))).collect();
    cases[3].revisit_requested = true;
    let p = plan_on(&world(cases), TODAY);
    assert_eq!(case_ids(&p), vec![1, 3, 4]);
    assert!(p.items[2].reasons.contains(&Reason::Picked(Pick::Requested)));
}

#[test]
fn rule_1_a_requested_revisit_never_takes_a_sampled_ones_place() {
    // DOMAIN "Default policies": staff can always add more. The first case
    // is asked for; the 50% sample of the month's four still takes two more.
    let mut cases: Vec<Case> =
        (1..=4).map(|n| complaint(n, Severity::General, n, &format!("2026-11-0{}", n + 1))).collect();
    cases[0].revisit_requested = true;
    let p = plan_on(&world(cases), TODAY);
    assert_eq!(case_ids(&p), vec![1, 2, 3]);
    assert!(p.items[0].reasons.contains(&Reason::Picked(Pick::Requested)));
}

#[test]
fn rule_1_a_complaint_still_being_handled_needs_no_revisit_yet() {
    let mut c = complaint(1, Severity::Major, 1, "2026-11-20");
    c.completed_on = None;
    assert!(plan_on(&world(vec![c]), TODAY).items.is_empty());
}

#[test]
fn rule_1_a_revisited_complaint_leaves_the_plan() {
    let mut data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20")]);
    let t = task(&data, TODAY, 1, 1, false);
    do_task(&mut data, &t, 100, satisfied("2026-11-21"));
    assert!(plan_on(&data, TODAY).items.is_empty());
}

// ---- Rule 2: repairs ----------------------------------------------------

#[test]
fn rule_2_repairs_are_due_within_a_month_by_phone_by_the_buildings_assistant() {
    let data = world(vec![case(1, CaseKind::Repair, 3, "2026-11-10")]);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!(t.due_on, d("2026-12-10"));
    assert_eq!(t.urgency, Urgency::Upcoming { days: 17 });
    assert_eq!(t.methods[0], Method::Phone, "seed 004: repairs are revisited by phone");
    assert_eq!((t.role, t.assignee), (Role::PropertyAssistant, Some(id(ASSISTANT_2))));
    assert!(t.reasons.contains(&Reason::Area { building: "3".into() }));
}

#[test]
fn rule_2_an_assistant_for_the_whole_estate_covers_buildings_nobody_is_named_for() {
    let mut data = world(vec![case(1, CaseKind::Repair, 5, "2026-11-10"), case(2, CaseKind::Repair, 1, "2026-12-10")]);
    data.customers.push(customer(5, "5"));
    data.staff.push(staff(910, Role::PropertyAssistant, &[]));
    assert_eq!(task(&data, TODAY, 1, 1, false).assignee, Some(id(910)));
    assert_eq!(task(&data, TODAY, 2, 1, false).assignee, Some(id(ASSISTANT_1)), "building 1 has its own assistant");
}

// ---- Rule 3: activities -------------------------------------------------

#[test]
fn rule_3_activities_go_to_the_community_culture_clerk() {
    let data = world(vec![case(1, CaseKind::Activity, 2, "2026-11-15")]);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!((t.role, t.assignee, t.due_on), (Role::CommunityCultureClerk, Some(id(CLERK)), d("2026-12-15")));
}

#[test]
fn rule_3_without_a_clerk_the_property_assistant_does_it() {
    let mut data = world(vec![case(1, CaseKind::Activity, 2, "2026-11-15")]);
    data.staff.retain(|s| s.role != Role::CommunityCultureClerk);
    let p = plan_on(&data, TODAY);
    let t = only(&p);
    assert_eq!((t.role, t.assignee), (Role::PropertyAssistant, Some(id(ASSISTANT_1))));
    assert!(p.warnings.is_empty(), "the next role took it: nothing to warn about");
}

// ---- Rule 4: move-in, emergencies, holiday visits -----------------------

#[test]
fn rule_4_the_move_in_revisit_is_at_3_months() {
    let data = world(vec![case(1, CaseKind::MoveIn, 1, "2026-09-01")]);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!((t.opens_on, t.due_on), (d("2026-12-01"), d("2026-12-16")));
}

#[test]
fn rule_4_no_move_in_revisit_for_decorating_households() {
    let mut data = world(vec![case(1, CaseKind::MoveIn, 1, "2026-09-01")]);
    data.customers[0].decorating = true;
    assert!(plan_on(&data, TODAY).items.is_empty());
}

#[test]
fn rule_4_no_move_in_revisit_for_households_not_living_there() {
    let mut data = world(vec![case(1, CaseKind::MoveIn, 1, "2026-09-01")]);
    data.customers[0].resident = false;
    assert!(plan_on(&data, TODAY).items.is_empty());
}

#[test]
fn rule_4_no_move_in_revisit_for_households_with_a_major_complaint() {
    let data = world(vec![case(1, CaseKind::MoveIn, 1, "2026-09-01"), complaint(2, Severity::Major, 1, "2026-11-20")]);
    assert_eq!(case_ids(&plan_on(&data, TODAY)), vec![2], "only the complaint itself is revisited");
}

#[test]
fn rule_4_emergencies_are_revisited_within_3_days_by_the_department_supervisor() {
    let data = world(vec![case(1, CaseKind::Emergency, 1, "2026-11-21")]);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!((t.due_on, t.role), (d("2026-11-24"), Role::DepartmentSupervisor));
}

#[test]
fn rule_4_holiday_visits_are_visits_and_need_no_revisit() {
    let data = world(vec![case(1, CaseKind::HolidayVisit, 1, "2026-10-01")]);
    assert!(plan_on(&data, TODAY).items.is_empty());
}

// ---- Rule 7: more rounds ------------------------------------------------

#[test]
fn rule_7_a_customer_raising_an_issue_gets_a_second_round_by_the_reply_date() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-10")]);
    let first = task(&data, "2026-11-11", 1, 1, false);
    do_task(&mut data, &first, 100, with_issue("2026-11-12", "2026-11-20"));
    let p = plan_on(&data, TODAY);
    let t = only(&p);
    assert_eq!(t.key, TaskKey::Case { case_id: id(1), round: 2, escalation: false });
    assert_eq!(t.parent_id, Some(id(100)));
    assert_eq!((t.opens_on, t.due_on, t.urgency), (d("2026-11-13"), d("2026-11-20"), Urgency::Overdue { days: 3 }));
    assert!(t.reasons.contains(&Reason::NextRound { parent: id(100), reply_by: d("2026-11-20") }));
}

#[test]
fn rule_7_rounds_continue_as_long_as_issues_stay_open() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-10")]);
    let r1 = task(&data, "2026-11-11", 1, 1, false);
    do_task(&mut data, &r1, 100, with_issue("2026-11-12", "2026-11-20"));
    let r2 = task(&data, TODAY, 1, 2, false);
    do_task(&mut data, &r2, 101, with_issue("2026-11-20", "2026-11-27"));
    let r3 = task(&data, TODAY, 1, 3, false);
    assert_eq!((r3.parent_id, r3.due_on), (Some(id(101)), d("2026-11-27")));
    do_task(&mut data, &r3, 102, satisfied("2026-11-26"));
    assert!(plan_on(&data, TODAY).items.is_empty(), "settled: every issue has its answer (rule 9)");
}

#[test]
fn rule_7_from_round_2_phone_is_allowed_except_for_major_complaints() {
    let mut data =
        world(vec![complaint(1, Severity::General, 1, "2026-11-10"), complaint(2, Severity::Major, 2, "2026-11-10")]);
    for (case_id, record) in [(1, 100), (2, 200)] {
        let t = task(&data, "2026-11-11", case_id, 1, false);
        assert_eq!(t.methods, vec![Method::HomeVisit]);
        do_task(&mut data, &t, record, with_issue("2026-11-12", "2026-11-25"));
    }
    assert!(task(&data, TODAY, 1, 2, false).methods.contains(&Method::Phone));
    assert_eq!(task(&data, TODAY, 2, 2, false).methods, vec![Method::HomeVisit]);
}

// ---- Rule 8: open letters -----------------------------------------------

fn letter(case_ids: &[u128]) -> OpenLetter {
    OpenLetter {
        revision: 0,
        id: id(500),
        title: "关于3号楼电梯的公开信".into(),
        body: "…".into(),
        sent_on: d("2026-11-21"),
        case_ids: case_ids.iter().map(|c| id(*c)).collect(),
        created_at: now(),
        updated_at: now(),
    }
}

#[test]
fn rule_8_an_open_letter_closes_the_cases_it_covers() {
    let mut data = world((1..=3).map(|n| complaint(n, Severity::Major, n, "2026-11-20")).collect());
    data.open_letters.push(letter(&[1, 2]));
    assert_eq!(case_ids(&plan_on(&data, TODAY)), vec![3]);
}

#[test]
fn rule_8_a_started_revisit_the_letter_answered_is_flagged_not_dropped_silently() {
    let mut data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20")]);
    let t = task(&data, "2026-11-20", 1, 1, false);
    data.revisits.push(contact::start(&t, id(100), now()));
    data.open_letters.push(letter(&[1]));
    let p = plan_on(&data, TODAY);
    assert!(p.items.is_empty());
    assert_eq!(
        p.warnings,
        vec![PlanWarning::StartedButAnsweredByOpenLetter { record_id: id(100), letter_id: id(500) }]
    );
}

// ---- Rules 10 and 11: duplicates and exemptions ------------------------

#[test]
fn rule_10_linked_duplicates_are_revisited_once() {
    let mut dup = complaint(2, Severity::Major, 1, "2026-11-20");
    dup.duplicate_of = Some(id(1));
    let data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20"), dup]);
    assert_eq!(case_ids(&plan_on(&data, TODAY)), vec![1]);
}

#[test]
fn rule_11_anonymous_complaints_need_no_revisit() {
    let mut nameless = complaint(1, Severity::Major, 1, "2026-11-20");
    nameless.customer_id = None;
    nameless.anonymous = true;
    let mut known_but_anonymous = complaint(2, Severity::Major, 2, "2026-11-20");
    known_but_anonymous.anonymous = true;
    assert!(plan_on(&world(vec![nameless, known_but_anonymous]), TODAY).items.is_empty());
}

#[test]
fn rule_11_complaints_where_the_authority_asked_only_for_a_written_reply_need_no_revisit() {
    let mut c = complaint(1, Severity::Major, 1, "2026-11-20");
    c.reply_only = true;
    c.written_reply = "复函已寄出".into();
    assert!(plan_on(&world(vec![c]), TODAY).items.is_empty());
}

// ---- Rule 12: calling etiquette -----------------------------------------

#[test]
fn rule_12_customers_refusing_calls_get_sms_or_email_instead() {
    let mut data = world(vec![case(1, CaseKind::Repair, 1, "2026-11-10")]);
    data.customers[0].contact = ContactPreference::NoCallsSms;
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!(t.methods, vec![Method::Sms, Method::HomeVisit, Method::Email]);
    assert!(t.reasons.contains(&Reason::NoCallsPreference));
}

#[test]
fn rule_12_a_phone_only_cadence_falls_back_to_writing_for_customers_refusing_calls() {
    let mut data = world(vec![]);
    data.customers[1].contact = ContactPreference::NoCallsEmail;
    data.customers[1].sales_class = Some(SalesClass::A);
    data.customers[1].sales_class_since = Some(d("2026-11-23"));
    let p = plan_on(&data, TODAY);
    assert_eq!(only(&p).methods, vec![Method::Email, Method::HomeVisit, Method::Sms]);
}

fn no_answer(s: &str) -> Attempt {
    Attempt { at: at(s), method: Method::Phone, outcome: AttemptOutcome::NoAnswer, note: String::new(), staff_id: None }
}

#[test]
fn rule_12_unreachable_only_after_three_attempts_at_different_times() {
    let mut data = world(vec![case(1, CaseKind::Repair, 1, "2026-11-10")]);
    let t = task(&data, TODAY, 1, 1, false);
    let mut rec = contact::start(&t, id(100), now());
    for s in ["2026-11-23 09:05", "2026-11-23 09:20"] {
        rec = log_attempt(&rec, no_answer(s), now());
    }
    data.revisits.push(rec.clone());
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!((t.record_id, t.attempts), (Some(id(100)), 2), "attempts are logged on the task");
    let min = data.settings.policies.min_attempts;
    assert!(
        contact::close(&rec, &unreachable(), d(TODAY), min, now()).is_err(),
        "two redials in one sitting are one try"
    );
    for s in ["2026-11-23 14:40", "2026-11-24 09:10"] {
        rec = log_attempt(&rec, no_answer(s), now());
    }
    let closed = contact::close(&rec, &unreachable(), d("2026-11-24"), min, now()).unwrap();
    data.revisits = vec![closed];
    assert!(plan_on(&data, "2026-11-24").items.is_empty(), "closed with a reason, it leaves the plan");
}

// ---- Rule 13: conflict of interest --------------------------------------

#[test]
fn rule_13_the_staff_the_case_is_about_never_revisits_it() {
    let mut c = complaint(1, Severity::General, 1, "2026-11-20");
    c.staff_involved = vec![id(ASSISTANT_1)];
    let t = task(&world(vec![c]), TODAY, 1, 1, false);
    assert_eq!(t.assignee, Some(id(ASSISTANT_2)), "the other building's assistant, not the one it is about");
    assert!(t.reasons.contains(&Reason::NotTheStaffInvolved { excluded: 1 }));
}

#[test]
fn rule_13_with_nobody_else_in_the_role_the_task_waits_unassigned() {
    let mut c = complaint(1, Severity::Important, 1, "2026-11-20");
    c.staff_involved = vec![id(DEPT_SUPERVISOR)];
    let p = plan_on(&world(vec![c]), TODAY);
    let t = only(&p);
    assert_eq!((t.role, t.assignee), (Role::DepartmentSupervisor, None));
    assert_eq!(p.warnings, vec![PlanWarning::NoStaffForRole { role: Role::DepartmentSupervisor }]);
}

#[test]
fn rule_13_a_started_task_moves_away_from_someone_the_case_turns_out_to_be_about() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-20")]);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!(t.assignee, Some(id(ASSISTANT_1)));
    data.revisits.push(contact::start(&t, id(100), now()));
    data.cases[0].staff_involved = vec![id(ASSISTANT_1)];
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!((t.record_id, t.assignee), (Some(id(100)), Some(id(ASSISTANT_2))));
    assert!(t.reasons.contains(&Reason::Reassigned { from: id(ASSISTANT_1) }));
}

// ---- Rule 14: escalation ------------------------------------------------

fn escalated_by(data: &mut Dataset, case_id: u128, by: u128) {
    let t = task(data, "2026-11-20", case_id, 1, false);
    let r = RevisitResult { staff_id: Some(id(by)), ..escalating("2026-11-20") };
    do_task(data, &t, 100 + case_id, r);
}

#[test]
fn rule_14_strong_dissatisfaction_goes_to_the_superior() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-19")]);
    escalated_by(&mut data, 1, ASSISTANT_1);
    let p = plan_on(&data, TODAY);
    let t = only(&p);
    assert_eq!(t.key, TaskKey::Case { case_id: id(1), round: 2, escalation: true });
    assert_eq!((t.role, t.assignee), (Role::CustomerServiceSupervisor, Some(id(CS_SUPERVISOR))));
    assert_eq!((t.parent_id, t.due_on), (Some(id(101)), d("2026-11-23")));
    assert!(t.reasons.contains(&Reason::Escalated { from_role: Role::PropertyAssistant }));
}

#[test]
fn rule_14_an_escalation_and_a_next_round_can_both_be_due() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-19")]);
    let t = task(&data, "2026-11-20", 1, 1, false);
    let r = RevisitResult { escalate: true, staff_id: Some(id(ASSISTANT_1)), ..with_issue("2026-11-20", "2026-11-30") };
    do_task(&mut data, &t, 100, r);
    let p = plan_on(&data, TODAY);
    let keys: Vec<(u32, bool, Role)> = p.items.iter().map(|t| (t.round, t.escalation, t.role)).collect();
    assert_eq!(keys, vec![(2, true, Role::CustomerServiceSupervisor), (2, false, Role::PropertyAssistant)]);
}

#[test]
fn rule_14_a_supervisors_dissatisfied_customer_goes_to_the_company_manager() {
    let mut data = world(vec![complaint(1, Severity::Important, 1, "2026-11-19")]);
    escalated_by(&mut data, 1, DEPT_SUPERVISOR);
    assert_eq!(task(&data, TODAY, 1, 2, true).assignee, Some(id(MANAGER)));
}

#[test]
fn rule_14_when_the_superior_is_the_one_complained_about_it_goes_higher() {
    let mut c = complaint(1, Severity::General, 1, "2026-11-19");
    c.staff_involved = vec![id(CS_SUPERVISOR)];
    let mut data = world(vec![c]);
    escalated_by(&mut data, 1, ASSISTANT_1);
    let t = task(&data, TODAY, 1, 2, true);
    assert_eq!((t.role, t.assignee), (Role::CompanyManager, Some(id(MANAGER))));
}

#[test]
fn rule_14_a_company_managers_escalation_goes_to_another_manager_never_back_to_them() {
    let mut data = world(vec![complaint(1, Severity::Major, 1, "2026-11-19")]);
    escalated_by(&mut data, 1, MANAGER);
    let t = task(&data, TODAY, 1, 2, true);
    assert_eq!((t.role, t.methods.clone()), (Role::CompanyManager, vec![Method::HomeVisit]));
    assert_eq!(t.assignee, None, "the only manager did the round that escalated");
    let warnings = plan_on(&data, TODAY).warnings;
    assert!(warnings.contains(&PlanWarning::NoStaffForRole { role: Role::CompanyManager }), "{warnings:?}");

    data.staff.push(staff(907, Role::CompanyManager, &[]));
    assert_eq!(task(&data, TODAY, 1, 2, true).assignee, Some(id(907)));
}

#[test]
fn rule_14_a_superiors_revisit_started_by_the_one_who_escalated_goes_to_someone_else() {
    let mut data = world(vec![complaint(1, Severity::Major, 1, "2026-11-19")]);
    data.staff.push(staff(907, Role::CompanyManager, &[]));
    escalated_by(&mut data, 1, MANAGER);
    let mut t = task(&data, TODAY, 1, 2, true);
    t.assignee = Some(id(MANAGER));
    data.revisits.push(contact::start(&t, id(300), now()));
    let t = task(&data, TODAY, 1, 2, true);
    assert_eq!(t.assignee, Some(id(907)));
    assert!(t.reasons.contains(&Reason::Reassigned { from: id(MANAGER) }));
}

#[test]
fn rule_14_a_superior_escalating_again_with_an_open_issue_makes_one_task_for_their_superior() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-19")]);
    escalated_by(&mut data, 1, ASSISTANT_1);
    let e2 = task(&data, "2026-11-20", 1, 2, true);
    let again =
        RevisitResult { escalate: true, staff_id: Some(id(CS_SUPERVISOR)), ..with_issue("2026-11-21", "2026-11-22") };
    do_task(&mut data, &e2, 200, again);
    let p = plan_on(&data, "2026-11-21");
    let t = only(&p);
    assert_eq!(t.key, TaskKey::Case { case_id: id(1), round: 3, escalation: true });
    assert_eq!((t.role, t.assignee), (Role::CompanyManager, Some(id(MANAGER))), "the superior's superior");
    assert_eq!(t.due_on, d("2026-11-22"), "the earlier of the reply date and the escalation window");
    assert!(t.reasons.contains(&Reason::Escalated { from_role: Role::CustomerServiceSupervisor }));
    assert!(t.reasons.contains(&Reason::NextRound { parent: id(200), reply_by: d("2026-11-22") }));
}

#[test]
fn rule_14_and_15_an_escalated_signing_revisit_is_due_within_5_working_days() {
    let mut data = world(vec![case(1, CaseKind::Signing, 1, "2026-09-21")]);
    let t = task(&data, "2026-09-21", 1, 1, false);
    let r = RevisitResult { staff_id: Some(id(ASSISTANT_1)), ..escalating("2026-09-29") };
    do_task(&mut data, &t, 100, r);
    let t = task(&data, "2026-09-30", 1, 2, true);
    assert_eq!((t.due_on, t.role), (d("2026-10-12"), Role::CustomerServiceSupervisor), "Sep 30, Oct 8, 9, 10, 12");
}

// ---- Rule 15: working days ----------------------------------------------

#[test]
fn rule_15_signing_revisit_due_in_5_working_days_skips_national_day() {
    let data = world(vec![case(1, CaseKind::Signing, 1, "2026-09-30")]);
    let p = plan_on(&data, "2026-10-08");
    let t = only(&p);
    assert_eq!(t.due_on, d("2026-10-13"), "Oct 1–7 off, Sat Oct 10 a swapped working day");
    assert!(p.warnings.is_empty());
}

#[test]
fn rule_15_complaints_answered_in_3_working_days_when_the_office_says_so() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-20")]);
    for p in &mut data.settings.policies.policies {
        if matches!(p.key, PolicyKey::Complaint(_)) {
            p.due_within = Span::WorkingDays(3);
        }
    }
    assert_eq!(task(&data, TODAY, 1, 1, false).due_on, d("2026-11-25"), "Friday + 3 working days = Wednesday");
}

#[test]
fn rule_15_a_deadline_counted_into_a_year_without_its_holidays_warns_once() {
    let data = world(vec![case(1, CaseKind::Signing, 1, "2026-12-28"), case(2, CaseKind::Signing, 2, "2026-12-30")]);
    let p = plan_on(&data, "2026-12-30");
    assert_eq!(p.items.iter().map(|t| t.due_on).collect::<Vec<_>>(), vec![d("2027-01-04"), d("2027-01-06")]);
    assert_eq!(p.warnings, vec![PlanWarning::CalendarMissingYear { year: 2027 }]);
}

#[test]
fn rule_15_a_round_already_done_is_not_counted_into_a_missing_year() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-12-28")]);
    for p in &mut data.settings.policies.policies {
        p.due_within = Span::WorkingDays(3);
    }
    let t = task(&data, "2026-12-28", 1, 1, false);
    let r = RevisitResult { staff_id: Some(id(ASSISTANT_1)), ..escalating("2026-12-30") };
    do_task(&mut data, &t, 100, r);
    let t = task(&data, "2026-12-30", 1, 2, true);
    assert_eq!(plan_on(&data, "2026-12-30").warnings, vec![PlanWarning::CalendarMissingYear { year: 2027 }]);
    do_task(&mut data, &t, 101, satisfied("2026-12-31"));
    let p = plan_on(&data, "2026-12-31");
    assert!(p.items.is_empty() && p.warnings.is_empty(), "the superior's revisit is done: {p:#?}");
}

// ---- Rule 16: cadences --------------------------------------------------

fn sales_customer(data: &mut Dataset, class: SalesClass, since: &str) -> Uuid {
    data.customers[0].sales_class = Some(class);
    data.customers[0].sales_class_since = Some(d(since));
    data.customers[0].id
}

fn cadence_task(data: &Dataset, today: &str) -> PlannedRevisit {
    let p = plan_on(data, today);
    only(&p).clone()
}

fn do_cadence(data: &mut Dataset, t: &PlannedRevisit, record: u128, on: &str) {
    do_task(data, t, record, result(Method::Phone, on, Satisfaction::Satisfied));
}

#[test]
fn rule_16_class_a_customers_the_same_day_then_every_3_days() {
    let mut data = world(vec![]);
    let c = sales_customer(&mut data, SalesClass::A, "2026-11-20");
    let t = cadence_task(&data, "2026-11-20");
    assert_eq!(t.key, TaskKey::Cadence { customer_id: c, cadence: Cadence::Sales, due_on: d("2026-11-20") });
    assert_eq!((t.case_id, t.cadence, t.round), (None, Some(Cadence::Sales), 1));
    assert!(t.reasons.contains(&Reason::SalesCadence { class: SalesClass::A, last: None }));
    do_cadence(&mut data, &t, 100, "2026-11-20");
    let t = cadence_task(&data, "2026-11-21");
    assert_eq!((t.opens_on, t.due_on), (d("2026-11-21"), d("2026-11-23")));
    do_cadence(&mut data, &t, 101, "2026-11-22");
    assert_eq!(cadence_task(&data, "2026-11-22").due_on, d("2026-11-25"), "counted from the last revisit");
}

#[test]
fn rule_16_class_c_customers_weekly() {
    let mut data = world(vec![]);
    sales_customer(&mut data, SalesClass::C, "2026-11-02");
    let t = cadence_task(&data, TODAY);
    assert_eq!(t.due_on, d("2026-11-09"));
    do_cadence(&mut data, &t, 100, "2026-11-09");
    assert_eq!(cadence_task(&data, TODAY).due_on, d("2026-11-16"));
}

#[test]
fn rule_16_class_d_customers_on_each_holiday() {
    let mut data = world(vec![]);
    sales_customer(&mut data, SalesClass::D, "2026-09-10");
    let t = cadence_task(&data, "2026-09-10");
    assert_eq!(t.due_on, d("2026-09-25"));
    assert!(t.reasons.contains(&Reason::Holiday { name: "中秋节".into() }));
    assert_eq!(t.methods[0], Method::Sms, "mostly by SMS");
    do_cadence(&mut data, &t, 100, "2026-09-25");
    let t = cadence_task(&data, "2026-09-26");
    assert_eq!(t.due_on, d("2026-10-01"));
    do_cadence(&mut data, &t, 101, "2026-10-01");
    let p = plan_on(&data, "2026-10-02");
    assert!(p.items.is_empty(), "no later holiday entered for 2026");
    assert_eq!(p.warnings, vec![PlanWarning::CalendarMissingYear { year: 2027 }]);
}

#[test]
fn rule_16_deal_customers_every_half_month_and_on_holidays() {
    let mut data = world(vec![]);
    sales_customer(&mut data, SalesClass::Deal, "2026-09-20");
    let t = cadence_task(&data, "2026-09-20");
    assert_eq!(t.due_on, d("2026-09-20"), "the same day they buy");
    do_cadence(&mut data, &t, 100, "2026-09-20");
    let t = cadence_task(&data, "2026-09-21");
    assert_eq!(t.due_on, d("2026-09-25"), "the Mid-Autumn holiday comes before the half month");
    do_cadence(&mut data, &t, 101, "2026-09-25");
    assert_eq!(cadence_task(&data, "2026-09-26").due_on, d("2026-10-01"));
    let mut no_holidays = data.clone();
    no_holidays.settings.policies.sales.iter_mut().for_each(|s| s.on_holidays = false);
    assert_eq!(cadence_task(&no_holidays, "2026-09-26").due_on, d("2026-10-10"), "half a month after Sep 25");
}

#[test]
fn rule_16_a_cadence_revisit_closed_as_unreachable_restarts_the_clock() {
    let mut data = world(vec![]);
    sales_customer(&mut data, SalesClass::A, "2026-11-16");
    let t = cadence_task(&data, "2026-11-16");
    let mut rec = contact::start(&t, id(100), now());
    for s in ["2026-11-16 09:00", "2026-11-16 14:30", "2026-11-17 09:00"] {
        rec = log_attempt(&rec, no_answer(s), now());
    }
    data.revisits.push(contact::close(&rec, &unreachable(), d("2026-11-17"), 3, now()).unwrap());
    assert_eq!(cadence_task(&data, "2026-11-18").due_on, d("2026-11-20"));
}

#[test]
fn rule_16_a_started_cadence_revisit_stands_in_for_the_occurrence_after_a_class_change() {
    let mut data = world(vec![]);
    let c = sales_customer(&mut data, SalesClass::C, "2026-11-16");
    let t = cadence_task(&data, TODAY);
    assert_eq!(t.due_on, d("2026-11-23"));
    data.revisits.push(contact::start(&t, id(100), now()));
    data.customers[0].sales_class = Some(SalesClass::A);
    let p = plan_on(&data, TODAY);
    let s = only(&p);
    assert_eq!(s.key, TaskKey::Cadence { customer_id: c, cadence: Cadence::Sales, due_on: d("2026-11-23") });
    assert_eq!(s.record_id, Some(id(100)));
    assert!(s.reasons.contains(&Reason::SalesCadence { class: SalesClass::A, last: None }), "{:?}", s.reasons);
}

#[test]
fn rule_16_a_new_class_restarts_the_cadence() {
    let mut data = world(vec![]);
    let c = sales_customer(&mut data, SalesClass::C, "2026-11-01");
    let old = PlannedRevisit { ..cadence_task(&data, "2026-11-01") };
    do_cadence(&mut data, &old, 100, "2026-10-20");
    assert_eq!(data.revisits[0].customer_id, c);
    assert_eq!(
        cadence_task(&data, "2026-11-01").due_on,
        d("2026-11-08"),
        "a revisit before the class was given is ignored"
    );
}

#[test]
fn rule_16_signed_customers_again_a_year_after_the_last_revisit() {
    let mut data = world(vec![case(1, CaseKind::Signing, 1, "2026-01-05")]);
    let t = task(&data, "2026-01-05", 1, 1, false);
    do_task(&mut data, &t, 100, result(Method::Phone, "2026-01-08", Satisfaction::Satisfied));
    let t = cadence_task(&data, TODAY);
    assert_eq!(t.key, TaskKey::Cadence { customer_id: id(1), cadence: Cadence::AnnualSigned, due_on: d("2027-01-08") });
    assert_eq!((t.case_id, t.opens_on), (None, d("2026-01-09")));
    assert!(t.reasons.contains(&Reason::AnnualSigned { last: d("2026-01-08") }));
    do_cadence(&mut data, &t, 101, "2026-12-20");
    assert_eq!(cadence_task(&data, "2026-12-21").due_on, d("2027-12-20"));
}

#[test]
fn rule_16_no_annual_revisit_before_the_signing_revisit_reached_the_customer() {
    let data = world(vec![case(1, CaseKind::Signing, 1, "2026-11-20")]);
    let p = plan_on(&data, TODAY);
    assert!(only(&p).cadence.is_none());
}

// ---- Assignment, started tasks, ordering --------------------------------

#[test]
fn nobody_in_a_role_is_warned_and_the_task_is_still_listed() {
    let mut data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20")]);
    data.staff.retain(|s| s.role != Role::CompanyManager);
    let p = plan_on(&data, TODAY);
    assert_eq!((only(&p).role, only(&p).assignee), (Role::CompanyManager, None));
    assert_eq!(p.warnings, vec![PlanWarning::NoStaffForRole { role: Role::CompanyManager }]);
}

#[test]
fn staff_who_left_get_no_new_work() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-20")]);
    data.staff.iter_mut().filter(|s| s.id == id(ASSISTANT_1)).for_each(|s| s.active = false);
    assert_eq!(task(&data, TODAY, 1, 1, false).assignee, Some(id(ASSISTANT_2)));
}

#[test]
fn work_is_spread_over_the_assistants_in_due_order() {
    let cases: Vec<Case> = (1..=4)
        .map(|n| Case { revisit_requested: true, ..case(n, CaseKind::Repair, 5, &format!("2026-11-0{n}")) })
        .collect();
    let mut data = world(cases);
    data.customers.push(customer(5, "5"));
    let p = plan_on(&data, TODAY);
    let who: Vec<u128> = p.items.iter().map(|t| t.assignee.unwrap().as_u128()).collect();
    assert_eq!(who, vec![ASSISTANT_1, ASSISTANT_2, ASSISTANT_1, ASSISTANT_2]);
    assert!(p.items[2].reasons.contains(&Reason::LeastLoaded { open: 1 }));
}

#[test]
fn a_started_task_keeps_its_key_due_date_and_assignee() {
    let mut data =
        world(vec![complaint(1, Severity::General, 1, "2026-11-20"), complaint(2, Severity::Major, 2, "2026-11-21")]);
    let before = plan_on(&data, TODAY);
    let t = task(&data, TODAY, 1, 1, false);
    data.revisits.push(contact::start(&t, id(100), now()));
    let after = plan_on(&data, TODAY);
    assert_eq!(after.items.len(), before.items.len());
    let s = &after.items[0];
    assert_eq!((s.key, s.due_on, s.assignee, s.record_id), (t.key, t.due_on, t.assignee, Some(id(100))));
    assert!(s.reasons.contains(&Reason::AssigneeKept));
    assert!(s.reasons.contains(&Reason::Picked(Pick::Started)));
    assert_eq!(after.items[1], before.items[1], "the other task is untouched");
}

#[test]
fn a_task_handed_to_someone_else_stays_with_them() {
    let mut data = world(vec![complaint(1, Severity::General, 1, "2026-11-20")]);
    let t = task(&data, TODAY, 1, 1, false);
    let mut rec = contact::start(&t, id(100), now());
    rec.assignee_id = Some(id(ASSISTANT_2));
    data.revisits.push(rec);
    let t = task(&data, TODAY, 1, 1, false);
    assert_eq!(t.assignee, Some(id(ASSISTANT_2)), "not moved back to building 1's assistant");
    assert!(t.reasons.contains(&Reason::AssigneeKept));
}

#[test]
fn a_started_task_the_rules_no_longer_ask_for_stays_until_closed() {
    let mut data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20")]);
    let t = task(&data, TODAY, 1, 1, false);
    data.revisits.push(contact::start(&t, id(100), now()));
    data.cases[0].duplicate_of = Some(id(99));
    let p = plan_on(&data, TODAY);
    let s = only(&p);
    assert_eq!((s.key, s.record_id, s.due_on), (t.key, Some(id(100)), t.due_on));
    assert!(s.reasons.contains(&Reason::StartedThoughNoLongerDue));
}

#[test]
fn a_task_started_twice_is_listed_once_and_the_duplicate_reported() {
    let mut data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20")]);
    let t = task(&data, TODAY, 1, 1, false);
    let later = now() + chrono::TimeDelta::minutes(5);
    data.revisits.push(contact::start(&t, id(200), later));
    data.revisits.push(contact::start(&t, id(100), now()));
    let p = plan_on(&data, TODAY);
    assert_eq!(only(&p).record_id, Some(id(100)), "the first started is followed");
    assert_eq!(
        p.warnings,
        vec![PlanWarning::DuplicateStartedRecords { key: t.key, kept: id(100), others: vec![id(200)] }]
    );
}

#[test]
fn the_plan_lists_the_earliest_due_first_and_tells_urgency() {
    let data = world(vec![
        complaint(1, Severity::Major, 1, "2026-11-22"),
        complaint(2, Severity::Major, 2, "2026-11-15"),
        complaint(3, Severity::Major, 3, "2026-11-20"),
    ]);
    let p = plan_on(&data, TODAY);
    assert_eq!(case_ids(&p), vec![2, 3, 1]);
    let urgencies: Vec<Urgency> = p.items.iter().map(|t| t.urgency).collect();
    assert_eq!(urgencies, vec![Urgency::Overdue { days: 5 }, Urgency::DueToday, Urgency::Upcoming { days: 2 }]);
}

#[test]
fn the_plan_serializes_for_the_ui() {
    let data = world(vec![complaint(1, Severity::Major, 1, "2026-11-20")]);
    let json = serde_json::to_value(plan_on(&data, TODAY)).unwrap();
    assert_eq!(json["items"][0]["key"]["case"]["round"], 1);
    assert_eq!(json["items"][0]["urgency"], "due_today");
}
