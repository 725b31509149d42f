//! Fixtures shared by the scheduler's test files: an office, its
//! customers and cases, a small deterministic random world, and the
//! writes an office makes to it.
#![allow(dead_code)]

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveDateTime, Utc};
use huifang_core::contact;
use huifang_core::model::*;
use huifang_core::scheduler::{plan, PlannedRevisit};
use uuid::Uuid;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// Today in most tests: Monday 2026-11-23.
pub const TODAY: &str = "2026-11-23";

pub fn customer(n: u128, building: &str) -> Customer {
    let unit = Unit { building: building.into(), entrance: "1".into(), room: format!("{n}") };
    Customer::new(id(n), format!("住户{n}"), "13800000000".into(), unit, now())
}

pub fn staff(n: u128, role: Role, buildings: &[&str]) -> Staff {
    Staff {
        revision: 0,
        id: id(n),
        name: format!("员工{n}"),
        role,
        buildings: buildings.iter().map(|b| (*b).to_owned()).collect(),
        active: true,
        created_at: now(),
        updated_at: now(),
    }
}

/// Staff ids of the standard office.
pub const ASSISTANT_1: u128 = 901;
pub const ASSISTANT_2: u128 = 902;
pub const CS_SUPERVISOR: u128 = 903;
pub const DEPT_SUPERVISOR: u128 = 904;
pub const MANAGER: u128 = 905;
pub const CLERK: u128 = 906;

/// Two assistants (buildings 1–2 and 3–4), one of each other role.
pub fn office() -> Vec<Staff> {
    vec![
        staff(ASSISTANT_1, Role::PropertyAssistant, &["1", "2"]),
        staff(ASSISTANT_2, Role::PropertyAssistant, &["3", "4"]),
        staff(CS_SUPERVISOR, Role::CustomerServiceSupervisor, &[]),
        staff(DEPT_SUPERVISOR, Role::DepartmentSupervisor, &[]),
        staff(MANAGER, Role::CompanyManager, &[]),
        staff(CLERK, Role::CommunityCultureClerk, &[]),
    ]
}

pub fn case(n: u128, kind: CaseKind, customer: u128, completed_on: &str) -> Case {
    let mut c = Case::new(id(n), Some(id(customer)), kind, d(completed_on), format!("事项{n}"), now());
    c.completed_on = Some(d(completed_on));
    c
}

pub fn complaint(n: u128, severity: Severity, customer: u128, completed_on: &str) -> Case {
    Case { severity, ..case(n, CaseKind::Complaint, customer, completed_on) }
}

/// A dataset with the standard office and customers 1–4 in buildings 1–4.
pub fn world(cases: Vec<Case>) -> Dataset {
    Dataset {
        customers: (1..=4).map(|n| customer(n, &n.to_string())).collect(),
        staff: office(),
        cases,
        ..Dataset::default()
    }
}

pub fn result(method: Method, on: &str, satisfaction: Satisfaction) -> RevisitResult {
    RevisitResult {
        method,
        visited_on: d(on),
        at: None,
        staff_id: None,
        content: "回访内容".into(),
        satisfaction,
        issues: Vec::new(),
        reply_by: None,
        signature_id: (method == Method::HomeVisit).then_some(id(7777)),
        escalate: false,
    }
}

pub fn satisfied(on: &str) -> RevisitResult {
    result(Method::HomeVisit, on, Satisfaction::Satisfied)
}

/// The customer raised something to be answered by `reply_by` (rule 7).
pub fn with_issue(on: &str, reply_by: &str) -> RevisitResult {
    RevisitResult {
        issues: vec![RaisedIssue { text: "楼道灯还没修".into(), answer: None }],
        reply_by: Some(d(reply_by)),
        ..result(Method::HomeVisit, on, Satisfaction::Neutral)
    }
}

/// Strong dissatisfaction (rule 14).
pub fn escalating(on: &str) -> RevisitResult {
    RevisitResult { escalate: true, ..result(Method::HomeVisit, on, Satisfaction::Dissatisfied) }
}

/// The plan's task with this key fields, panicking with the plan if absent.
pub fn task(data: &Dataset, today: &str, case_id: u128, round: u32, escalation: bool) -> PlannedRevisit {
    let p = plan(data, d(today));
    p.items
        .iter()
        .find(|t| t.case_id == Some(id(case_id)) && t.round == round && t.escalation == escalation)
        .cloned()
        .unwrap_or_else(|| panic!("no task for case {case_id} round {round} escalation {escalation} in {:#?}", p.items))
}

/// Starts the task and records `result` on it, as the UI would.
pub fn do_task(data: &mut Dataset, t: &PlannedRevisit, record: u128, result: RevisitResult) {
    let started = contact::start(t, id(record), now());
    let done = contact::complete(&started, result, now()).unwrap();
    data.revisits.push(done);
}

/// A small deterministic generator (SplitMix64) for building random worlds
/// from a proptest seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

pub fn plus_days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n)).unwrap()
}

/// A random office world: staff of every role (some inactive, some per
/// building), customers with contact preferences and sales classes, cases
/// of every kind with the flags the rules look at, open letters, and a
/// history made by working through earlier plans (started, attempted,
/// completed with issues or escalations, closed), plus a few stray records.
pub fn random_world(seed: u64, n_cases: usize) -> Dataset {
    let mut rng = Rng(seed);
    let start = d("2026-07-01");
    let buildings = ["1", "2", "3", "4"];
    let mut staff_list = Vec::new();
    for n in 0..(3 + rng.below(8) as u128) {
        let role = rng.pick(&Role::ALL);
        let b: Vec<&str> = if rng.chance(50) { vec![rng.pick(&buildings)] } else { vec![] };
        let mut s = staff(900 + n, role, &b);
        s.active = rng.chance(90);
        staff_list.push(s);
    }
    let n_customers = 2 + n_cases / 2;
    let mut customers = Vec::new();
    for n in 1..=n_customers as u128 {
        let mut c = customer(n, rng.pick(&buildings));
        c.contact = rng.pick(&ContactPreference::ALL);
        c.decorating = rng.chance(15);
        c.resident = rng.chance(85);
        if rng.chance(25) {
            c.sales_class = Some(rng.pick(&SalesClass::ALL));
            c.sales_class_since = Some(plus_days(start, rng.below(120)));
        }
        customers.push(c);
    }
    let mut cases = Vec::new();
    for i in 0..n_cases as u128 {
        let n = 10_000 + i;
        let kind = rng.pick(&CaseKind::ALL);
        let cust = 1 + rng.below(n_customers as u64) as u128;
        let done = plus_days(start, rng.below(150));
        let mut c = case(n, kind, cust, &done.to_string());
        c.received_on = done;
        if kind == CaseKind::Complaint {
            c.severity = rng.pick(&Severity::ALL);
            c.anonymous = rng.chance(10);
            if c.anonymous && rng.chance(50) {
                c.customer_id = None;
            }
            c.reply_only = rng.chance(8);
        }
        if rng.chance(10) {
            c.completed_on = None;
        }
        if i > 0 && rng.chance(8) {
            c.duplicate_of = Some(id(10_000 + rng.below(i as u64) as u128));
        }
        c.revisit_requested = rng.chance(10);
        for s in &staff_list {
            if rng.chance(15) {
                c.staff_involved.push(s.id);
            }
        }
        cases.push(c);
    }
    let mut open_letters = Vec::new();
    if n_cases > 3 && rng.chance(50) {
        let case_ids = (0..3).map(|_| id(10_000 + rng.below(n_cases as u64) as u128)).collect();
        open_letters.push(huifang_core::model::OpenLetter {
            revision: 0,
            id: id(50_000),
            title: "关于电梯维修的公开信".into(),
            body: "…".into(),
            sent_on: plus_days(start, rng.below(150)),
            case_ids,
            created_at: now(),
            updated_at: now(),
        });
    }
    let mut data = Dataset { customers, cases, staff: staff_list, open_letters, ..Dataset::default() };
    work_through(&mut data, &mut rng, start);
    data
}

/// Staff work through the plan every few days: some tasks are started,
/// get attempts, are completed (sometimes raising issues or escalating) or
/// closed as unreachable.
fn work_through(data: &mut Dataset, rng: &mut Rng, start: NaiveDate) {
    let mut next_record = 60_000u128;
    let mut day = start;
    for _ in 0..12 {
        day = plus_days(day, 5 + rng.below(10));
        let p = plan(data, day);
        for t in p.items.iter().filter(|t| t.opens_on <= day) {
            if !rng.chance(40) {
                continue;
            }
            let rec = match t.record_id.and_then(|r| data.revisits.iter().position(|x| x.id == r)) {
                Some(i) => data.revisits.remove(i),
                None => {
                    next_record += 1;
                    contact::start(t, id(next_record), now())
                }
            };
            let outcome = rng.pick(&AttemptOutcome::ALL);
            let attempt = Attempt {
                at: day.and_hms_opt(9 + rng.below(8) as u32, 0, 0).unwrap(),
                method: Method::Phone,
                outcome,
                note: String::new(),
                staff_id: t.assignee,
            };
            let rec = contact::log_attempt(&rec, attempt, now());
            let rec = match outcome {
                AttemptOutcome::Reached if rng.chance(80) => {
                    let mut r = result(Method::Phone, &day.to_string(), rng.pick(&Satisfaction::ALL));
                    r.staff_id = t.assignee;
                    if rng.chance(30) {
                        r.reply_by = Some(plus_days(day, rng.below(10)));
                    }
                    r.escalate = rng.chance(15);
                    contact::complete(&rec, r, now()).unwrap()
                }
                _ => contact::close(&rec, &unreachable(), day, 3, now()).unwrap_or(rec),
            };
            data.revisits.push(rec);
        }
    }
    // A few records the rules may no longer ask for (started on an exempt
    // or missing case, or on a customer's old cadence).
    for k in 0..rng.below(3) {
        next_record += 1;
        let case_id = id(10_000 + rng.below(data.cases.len() as u64 + 2) as u128);
        let mut r = contact::start(
            &PlannedRevisit {
                key: huifang_core::scheduler::TaskKey::Case {
                    case_id,
                    round: 1 + k as u32,
                    escalation: rng.chance(30),
                },
                case_id: Some(case_id),
                customer_id: id(1),
                round: 1 + k as u32,
                escalation: false,
                cadence: None,
                parent_id: None,
                record_id: None,
                opens_on: day,
                due_on: plus_days(day, rng.below(20)),
                urgency: huifang_core::scheduler::Urgency::DueToday,
                role: Role::PropertyAssistant,
                assignee: None,
                methods: vec![Method::Phone],
                attempts: 0,
                reasons: Vec::new(),
            },
            id(next_record),
            now(),
        );
        r.escalation = rng.chance(30);
        data.revisits.push(r);
    }
}

/// Closing as unreachable (rule 12), by staff member 1.
pub fn unreachable() -> contact::ClosureDraft {
    contact::ClosureDraft { reason: ClosureReason::Unreachable, note: String::new(), by: Some(Uuid::from_u128(1)) }
}

/// One write the office might make, chosen by `rng`; `k` numbers it.
pub fn a_write(data: &Dataset, rng: &mut Rng, today: chrono::NaiveDate, k: u128) -> Changes {
    let new_id = id(1_000_000 + k);
    let stamp = now() + Duration::minutes(k as i64 + 1);
    let open: Vec<&Revisit> = data.revisits.iter().filter(|r| !r.is_finished()).collect();
    // An office whose every case is settled still has one to edit: a new one.
    let some_case = |rng: &mut Rng| match data.cases.get(rng.below(data.cases.len().max(1) as u64) as usize) {
        Some(c) => c.clone(),
        None => case(900_000 + k, CaseKind::Repair, 1, "2026-07-01"),
    };
    let some_customer = |rng: &mut Rng| data.customers[rng.below(data.customers.len() as u64) as usize].clone();
    let day = |rng: &mut Rng| plus_days(d("2026-06-20"), rng.below(60));
    match rng.below(11) {
        // Staff start a planned task.
        0 | 1 => {
            let p = plan(data, today);
            let waiting: Vec<_> = p.items.iter().filter(|t| t.record_id.is_none()).collect();
            match waiting.get(rng.below(waiting.len().max(1) as u64) as usize) {
                Some(t) => Changes::revisit(contact::start(t, new_id, stamp)),
                None => Changes::default(),
            }
        }
        // A started revisit is completed: satisfied, with an issue to answer, or escalated.
        2 | 3 => match open.get(rng.below(open.len().max(1) as u64) as usize) {
            Some(r) => {
                let on = r.due_on.to_string();
                let result = match rng.below(3) {
                    0 => satisfied(&on),
                    1 => with_issue(&on, &plus_days(r.due_on, 1 + rng.below(20)).to_string()),
                    _ => escalating(&on),
                };
                Changes::revisit(contact::complete(r, result, stamp).unwrap())
            }
            None => Changes::default(),
        },
        // A started revisit is closed, or a finished one's answer is edited.
        4 => match data.revisits.get(rng.below(data.revisits.len().max(1) as u64) as usize) {
            Some(r) => {
                let mut r = r.clone();
                if let Some(result) = r.result.as_mut() {
                    result.reply_by = rng.chance(50).then(|| plus_days(result.visited_on, 3));
                    result.escalate = rng.chance(30);
                } else {
                    r.closure =
                        Some(Closure { on: today, reason: ClosureReason::Refused, note: "拒绝".into(), by: None });
                }
                r.updated_at = stamp;
                Changes::revisit(r)
            }
            None => Changes::default(),
        },
        // A case is edited in what the rules read.
        5 | 6 => {
            let mut c = some_case(rng);
            match rng.below(7) {
                0 => c.revisit_requested = !c.revisit_requested,
                1 => c.reply_only = !c.reply_only,
                2 => c.completed_on = c.completed_on.map_or(Some(day(rng)), |_| None),
                3 => c.completed_on = Some(day(rng)),
                4 => c.customer_id = Some(some_customer(rng).id),
                5 => {
                    c.kind = CaseKind::Complaint;
                    c.severity = Severity::Major;
                }
                _ => c.kind = rng.pick(&CaseKind::ALL),
            }
            c.updated_at = stamp;
            Changes::case(c)
        }
        // A new case, sometimes with a household's first major complaint (rule 4).
        7 => {
            let mut c = some_case(rng);
            c.id = new_id;
            c.customer_id = Some(some_customer(rng).id);
            c.kind = rng.pick(&CaseKind::ALL);
            if rng.chance(30) {
                c.kind = CaseKind::Complaint;
                c.severity = Severity::Major;
            }
            c.completed_on = Some(day(rng));
            c.created_at = stamp;
            c.updated_at = stamp;
            Changes::case(c)
        }
        // A household's facts change (rules 4, 16).
        8 => {
            let mut c = some_customer(rng);
            match rng.below(3) {
                0 => c.decorating = !c.decorating,
                1 => c.resident = !c.resident,
                _ => {
                    c.sales_class = Some(rng.pick(&SalesClass::ALL));
                    c.sales_class_since = Some(day(rng));
                }
            }
            c.updated_at = stamp;
            Changes::customer(c)
        }
        // A record is removed.
        9 => match data.revisits.get(rng.below(data.revisits.len().max(1) as u64) as usize) {
            Some(r) => Changes { removed_revisits: vec![r.id], ..Changes::default() },
            None => Changes::default(),
        },
        // The supervisor changes a coverage target, or a letter answers a case (rule 8).
        _ => {
            if rng.chance(50) {
                let mut settings = data.settings.clone();
                let i = rng.below(settings.policies.policies.len() as u64) as usize;
                settings.policies.policies[i].target.0 = rng.pick(&[10, 50, 100]);
                Changes::settings(settings)
            } else {
                Changes::open_letter(OpenLetter {
                    revision: 0,
                    id: new_id,
                    title: "公开信".into(),
                    body: "…".into(),
                    sent_on: day(rng),
                    case_ids: vec![some_case(rng).id],
                    created_at: stamp,
                    updated_at: stamp,
                })
            }
        }
    }
}
