//! Arbitrary valid offices for the backup's property tests: every record
//! within the field rules (`huifang_core::validation`), every reference
//! pointing at a record that is there, text of every kind people type or
//! paste (CJK, emoji, quotes, markup). Also the edits the merge tests make:
//! sub-offices that keep their references, and changed copies of records.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use huifang_core::model::*;
use huifang_core::validation::{NAME_MAX, TEXT_MAX, TITLE_MAX, UNIT_PART_MAX};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use uuid::Uuid;

/// 2024-01-01T00:00:00Z: records are created from here on.
pub fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_704_067_200, 0).unwrap()
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(i64::from(n))
}

/// Ids are unique per office (`salt`), entity (`tag`) and position, and
/// rise with the position, like creation times do.
pub fn record_id(salt: u32, tag: u32, index: usize) -> Uuid {
    Uuid::from_u128((u128::from(salt) << 64) | (u128::from(tag) << 32) | index as u128)
}

/// The n-th record of an entity is created in the n-th hour after `t0`,
/// so an office's records are already in storage order.
fn created(index: usize, jitter_ms: u32) -> DateTime<Utc> {
    t0() + Duration::hours(index as i64) + Duration::milliseconds(i64::from(jitter_ms % 3_600_000))
}

/// Pieces of text that broke other apps: markup, quotes, escapes, emoji
/// sequences, CJK, full-width and line-separator spaces, a BOM.
const TRICKY: &[&str] = &[
    "王美丽",
    "🌸",
    "👨‍👩‍👧",
    "<script>alert(1)</script>",
    "\"",
    "'",
    "\\",
    "&amp;",
    "</div>",
    "{{x}}",
    "${x}",
    "3号楼",
    " ",
    "\u{3000}",
    "\u{2028}",
    "\u{feff}",
    "é",
    "𠀀",
    "null",
];

/// A regex strategy compiled once (a `&str` strategy compiles its regex
/// for every value).
fn regex(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).unwrap()
}

/// Text up to `max` characters, required (not blank once trimmed) or not.
pub fn text(max: usize, required: bool) -> impl Strategy<Value = String> {
    let piece = prop_oneof![proptest::sample::select(TRICKY).prop_map(str::to_owned), regex("\\PC{1,8}")];
    vec(piece, 0..5).prop_map(move |pieces| {
        let t: String = pieces.concat().chars().take(max).collect();
        if required && t.trim().is_empty() {
            "名".to_owned()
        } else {
            t
        }
    })
}

fn phone() -> impl Strategy<Value = String> {
    prop_oneof![regex("1[3-9][0-9]{9}"), regex("0[1-9][0-9]-[0-9]{8}"), regex("\\+86 1[3-9][0-9]{9}")]
}

/// Index picks resolved once the office's records exist.
#[derive(Debug, Clone)]
struct CustomerSeed {
    name: String,
    phone: String,
    other_phones: Vec<String>,
    email: bool,
    unit: (String, String, String),
    contact: ContactPreference,
    moved_in_on: Option<u32>,
    decorating: bool,
    resident: bool,
    sales: Option<(SalesClass, u32)>,
    jitter: u32,
    edited: u32,
}

fn customer_seed() -> impl Strategy<Value = CustomerSeed> {
    (
        (text(NAME_MAX, true), phone(), vec(regex("1[3-9][0-9]{9}"), 0..3), any::<bool>()),
        (text(UNIT_PART_MAX, true), text(UNIT_PART_MAX, true), text(UNIT_PART_MAX, true)),
        (proptest::sample::select(ContactPreference::ALL.to_vec()), proptest::option::of(0..10_000u32)),
        (
            any::<bool>(),
            any::<bool>(),
            proptest::option::of((proptest::sample::select(SalesClass::ALL.to_vec()), 0..10_000u32)),
        ),
        (any::<u32>(), 0..1_000_000u32),
    )
        .prop_map(
            |(
                (name, phone, other_phones, email),
                unit,
                (contact, moved_in_on),
                (decorating, resident, sales),
                (jitter, edited),
            )| {
                CustomerSeed {
                    name,
                    phone,
                    other_phones,
                    email,
                    unit,
                    contact,
                    moved_in_on,
                    decorating,
                    resident,
                    sales,
                    jitter,
                    edited,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct StaffSeed {
    name: String,
    role: Role,
    buildings: Vec<String>,
    active: bool,
    jitter: u32,
    edited: u32,
}

fn staff_seed() -> impl Strategy<Value = StaffSeed> {
    (
        text(NAME_MAX, true),
        proptest::sample::select(Role::ALL.to_vec()),
        vec(text(UNIT_PART_MAX, true), 0..3),
        any::<bool>(),
        any::<u32>(),
        0..1_000_000u32,
    )
        .prop_map(|(name, role, buildings, active, jitter, edited)| StaffSeed {
            name,
            role,
            buildings,
            active,
            jitter,
            edited,
        })
}

#[derive(Debug, Clone)]
struct CaseSeed {
    kind: CaseKind,
    customer: Option<Index>,
    anonymous: bool,
    channel: Channel,
    severity: Severity,
    nature: Nature,
    subject: Subject,
    description: String,
    written_reply: String,
    reply_only: bool,
    received_on: u32,
    completed_after: Option<u32>,
    duplicate_of: Option<Index>,
    staff_involved: Vec<Index>,
    revisit_requested: bool,
    jitter: u32,
    edited: u32,
}

fn case_seed() -> impl Strategy<Value = CaseSeed> {
    use proptest::sample::select;
    (
        (select(CaseKind::ALL.to_vec()), proptest::option::weighted(0.9, any::<Index>()), any::<bool>()),
        (
            select(Channel::ALL.to_vec()),
            select(Severity::ALL.to_vec()),
            select(Nature::ALL.to_vec()),
            select(Subject::ALL.to_vec()),
        ),
        (text(TEXT_MAX, true), prop_oneof![Just(String::new()), text(TEXT_MAX, false)], any::<bool>()),
        (0..10_000u32, proptest::option::weighted(0.8, 0..60u32)),
        (proptest::option::weighted(0.2, any::<Index>()), vec(any::<Index>(), 0..3), any::<bool>()),
        (any::<u32>(), 0..1_000_000u32),
    )
        .prop_map(
            |(
                (kind, customer, anonymous),
                (channel, severity, nature, subject),
                (description, written_reply, reply_only),
                (received_on, completed_after),
                (duplicate_of, staff_involved, revisit_requested),
                (jitter, edited),
            )| CaseSeed {
                kind,
                customer,
                anonymous,
                channel,
                severity,
                nature,
                subject,
                description,
                written_reply,
                reply_only,
                received_on,
                completed_after,
                duplicate_of,
                staff_involved,
                revisit_requested,
                jitter,
                edited,
            },
        )
}

#[derive(Debug, Clone)]
struct ResultSeed {
    method: Method,
    after: u32,
    at: Option<(u32, u32)>,
    staff: Option<Index>,
    content: String,
    satisfaction: Satisfaction,
    issues: Vec<(String, Option<(u32, String)>)>,
    reply_after: Option<u32>,
    escalate: bool,
    png: String,
}

fn result_seed() -> impl Strategy<Value = ResultSeed> {
    use proptest::sample::select;
    (
        (
            select(Method::ALL.to_vec()),
            0..400u32,
            proptest::option::of((0..24u32, 0..60u32)),
            proptest::option::of(any::<Index>()),
        ),
        (text(TEXT_MAX, true), select(Satisfaction::ALL.to_vec())),
        vec((text(TEXT_MAX, true), proptest::option::of((0..30u32, text(TEXT_MAX, true)))), 0..3),
        (proptest::option::of(0..30u32), any::<bool>(), regex("[A-Za-z0-9+/]{4,40}")),
    )
        .prop_map(|((method, after, at, staff), (content, satisfaction), issues, (reply_after, escalate, png))| {
            ResultSeed { method, after, at, staff, content, satisfaction, issues, reply_after, escalate, png }
        })
}

#[derive(Debug, Clone)]
struct RevisitSeed {
    case: Option<Index>,
    customer: Index,
    cadence: Cadence,
    round: u32,
    parent: Option<Index>,
    escalation: bool,
    due_on: u32,
    assignee: Option<Index>,
    attempts: Vec<(u32, u32, Method, AttemptOutcome, String, Option<Index>)>,
    result: Option<ResultSeed>,
    closure: Option<(u32, ClosureReason, String)>,
    review: Option<(u32, Option<Index>, String)>,
    jitter: u32,
    edited: u32,
}

fn revisit_seed() -> impl Strategy<Value = RevisitSeed> {
    use proptest::option::{of, weighted};
    use proptest::sample::select;
    let attempt = (
        0..10_000u32,
        0..1440u32,
        select(Method::ALL.to_vec()),
        select(AttemptOutcome::ALL.to_vec()),
        text(TEXT_MAX, false),
        of(any::<Index>()),
    );
    (
        (weighted(0.8, any::<Index>()), any::<Index>(), select(vec![Cadence::Sales, Cadence::AnnualSigned])),
        (1..=99u32, weighted(0.2, any::<Index>()), any::<bool>(), 0..10_000u32, of(any::<Index>())),
        vec(attempt, 0..3),
        (weighted(0.6, result_seed()), of((0..400u32, select(ClosureReason::ALL.to_vec()), text(TEXT_MAX, false)))),
        weighted(0.3, (0..400u32, of(any::<Index>()), text(TEXT_MAX, false))),
        (any::<u32>(), 0..1_000_000u32),
    )
        .prop_map(
            |(
                (case, customer, cadence),
                (round, parent, escalation, due_on, assignee),
                attempts,
                (result, closure),
                review,
                (jitter, edited),
            )| {
                RevisitSeed {
                    case,
                    customer,
                    cadence,
                    round,
                    parent,
                    escalation,
                    due_on,
                    assignee,
                    attempts,
                    result,
                    closure,
                    review,
                    jitter,
                    edited,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct LetterSeed {
    title: String,
    body: String,
    cases: Vec<Index>,
    after: u32,
    jitter: u32,
    edited: u32,
}

fn letter_seed() -> impl Strategy<Value = LetterSeed> {
    (text(TITLE_MAX, true), text(TEXT_MAX, true), vec(any::<Index>(), 1..4), 0..60u32, any::<u32>(), 0..1_000_000u32)
        .prop_map(|(title, body, cases, after, jitter, edited)| LetterSeed {
            title,
            body,
            cases,
            after,
            jitter,
            edited,
        })
}

fn settings() -> impl Strategy<Value = huifang_core::settings::Settings> {
    (1..6u32, proptest::option::of((0..10_000u32, text(NAME_MAX, true)))).prop_map(|(min_attempts, closure)| {
        let mut s = huifang_core::settings::Settings::default();
        s.policies.min_attempts = min_attempts;
        if let Some((on, name)) = closure {
            s.calendar.holidays.insert(day(on), name);
        }
        s
    })
}

/// The one place revisit records are built in these tests (fields may be
/// added to `Revisit`; fill them here).
pub fn revisit_record(
    id: Uuid,
    case_id: Option<Uuid>,
    customer_id: Uuid,
    due_on: NaiveDate,
    created_at: DateTime<Utc>,
) -> Revisit {
    Revisit {
        revision: 0,
        id,
        case_id,
        customer_id,
        cadence: None,
        round: 1,
        parent_id: None,
        escalation: false,
        due_on,
        assignee_id: None,
        attempts: Vec::new(),
        result: None,
        closure: None,
        review: None,
        archived_at: None,
        created_at,
        updated_at: created_at,
    }
}

fn pick<'a, T>(items: &'a [T], i: &Index) -> Option<&'a T> {
    (!items.is_empty()).then(|| Index::get(i, items))
}

fn stamps(index: usize, jitter: u32, edited: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let c = created(index, jitter);
    (c, c + Duration::seconds(i64::from(edited)))
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    salt: u32,
    customer_seeds: Vec<CustomerSeed>,
    staff_seeds: Vec<StaffSeed>,
    case_seeds: Vec<CaseSeed>,
    revisit_seeds: Vec<RevisitSeed>,
    letter_seeds: Vec<LetterSeed>,
    settings: huifang_core::settings::Settings,
) -> Dataset {
    let customers: Vec<Customer> = customer_seeds
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let (created_at, updated_at) = stamps(i, s.jitter, s.edited);
            let (building, entrance, room) = s.unit;
            let email = s.email || s.contact == ContactPreference::NoCallsEmail;
            Customer {
                other_phones: s.other_phones.into_iter().filter(|p| *p != s.phone).collect(),
                email: if email { format!("住户{i}@example.com") } else { String::new() },
                contact: s.contact,
                moved_in_on: s.moved_in_on.map(day),
                decorating: s.decorating,
                resident: s.resident,
                sales_class: s.sales.map(|(c, _)| c),
                sales_class_since: s.sales.map(|(_, on)| day(on)),
                updated_at,
                ..Customer::new(record_id(salt, 1, i), s.name, s.phone, Unit { building, entrance, room }, created_at)
            }
        })
        .collect();
    let staff: Vec<Staff> = staff_seeds
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let (created_at, updated_at) = stamps(i, s.jitter, s.edited);
            Staff {
                revision: 0,
                id: record_id(salt, 4, i),
                name: s.name,
                role: s.role,
                buildings: s.buildings,
                active: s.active,
                created_at,
                updated_at,
            }
        })
        .collect();
    let staff_ids: Vec<Uuid> = staff.iter().map(|s| s.id).collect();
    let staff_id = |i: &Option<Index>| i.as_ref().and_then(|i| pick(&staff_ids, i)).copied();

    let mut cases: Vec<Case> = Vec::new();
    for (i, s) in case_seeds.into_iter().enumerate() {
        let (created_at, updated_at) = stamps(i, s.jitter, s.edited);
        let customer_id = s.customer.as_ref().and_then(|c| pick(&customers, c)).map(|c| c.id);
        // Only an anonymous complaint may have no household.
        let kind = if customer_id.is_none() { CaseKind::Complaint } else { s.kind };
        let anonymous = customer_id.is_none() || (kind == CaseKind::Complaint && s.anonymous);
        let received_on = day(s.received_on);
        let mut involved: Vec<Uuid> = s.staff_involved.iter().filter_map(|x| pick(&staff_ids, x)).copied().collect();
        involved.dedup();
        cases.push(Case {
            channel: s.channel,
            severity: s.severity,
            nature: s.nature,
            subject: s.subject,
            anonymous,
            reply_only: s.reply_only,
            written_reply: s.written_reply,
            duplicate_of: s.duplicate_of.as_ref().and_then(|x| pick(&cases, x)).map(|c| c.id),
            staff_involved: involved,
            revisit_requested: s.revisit_requested,
            completed_on: s.completed_after.map(|n| received_on + Duration::days(i64::from(n))),
            updated_at,
            ..Case::new(record_id(salt, 2, i), customer_id, kind, received_on, s.description, created_at)
        });
    }

    let mut revisits: Vec<Revisit> = Vec::new();
    let mut signatures = Vec::new();
    if !customers.is_empty() {
        for (i, s) in revisit_seeds.into_iter().enumerate() {
            let (created_at, updated_at) = stamps(i, s.jitter, s.edited);
            let id = record_id(salt, 3, i);
            let case = s.case.as_ref().and_then(|c| pick(&cases, c));
            let customer_id =
                case.and_then(|c| c.customer_id).unwrap_or_else(|| Index::get(&s.customer, &customers).id);
            let mut r = revisit_record(id, case.map(|c| c.id), customer_id, day(s.due_on), created_at);
            r.cadence = case.is_none().then_some(s.cadence);
            r.round = s.round;
            r.parent_id = s.parent.as_ref().and_then(|p| pick(&revisits, p)).map(|p| p.id);
            r.escalation = s.escalation;
            r.assignee_id = staff_id(&s.assignee);
            r.attempts = s
                .attempts
                .iter()
                .map(|(on, minute, method, outcome, note, by)| Attempt {
                    at: NaiveDateTime::new(day(*on), chrono::NaiveTime::MIN) + Duration::minutes(i64::from(*minute)),
                    method: *method,
                    outcome: *outcome,
                    note: note.clone(),
                    staff_id: staff_id(by),
                })
                .collect();
            // A result needs a completed case (or none), visited on or after its completion.
            let earliest = match case {
                None => Some(day(s.due_on)),
                Some(c) => c.completed_on,
            };
            match (s.result, earliest) {
                (Some(x), Some(earliest)) => {
                    let visited_on = earliest + Duration::days(i64::from(x.after));
                    let signature_id = (x.method == Method::HomeVisit).then(|| record_id(salt, 6, i));
                    if let Some(sid) = signature_id {
                        signatures.push(Signature {
                            id: sid,
                            revisit_id: id,
                            png: format!("data:image/png;base64,{}", x.png),
                            captured_at: created_at,
                        });
                    }
                    r.result = Some(RevisitResult {
                        method: x.method,
                        visited_on,
                        at: x.at.map(|(h, m)| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap()),
                        staff_id: staff_id(&x.staff),
                        content: x.content,
                        satisfaction: x.satisfaction,
                        issues: x
                            .issues
                            .into_iter()
                            .map(|(text, answer)| RaisedIssue {
                                text,
                                answer: answer.map(|(n, text)| IssueAnswer {
                                    on: visited_on + Duration::days(i64::from(n)),
                                    text,
                                }),
                            })
                            .collect(),
                        reply_by: x.reply_after.map(|n| visited_on + Duration::days(i64::from(n))),
                        signature_id,
                        escalate: x.escalate,
                    });
                }
                _ => {
                    r.closure = s.closure.map(|(n, reason, note)| Closure {
                        on: day(s.due_on) + Duration::days(i64::from(n)),
                        reason,
                        note,
                        by: None,
                    })
                }
            }
            r.review = s.review.map(|(n, by, comment)| Review {
                on: day(s.due_on) + Duration::days(i64::from(n)),
                by: staff_id(&by),
                comment,
            });
            r.updated_at = updated_at;
            revisits.push(r);
        }
    }

    let completed: Vec<&Case> = cases.iter().filter(|c| c.completed_on.is_some()).collect();
    let mut open_letters = Vec::new();
    if !completed.is_empty() {
        for (i, s) in letter_seeds.into_iter().enumerate() {
            let (created_at, updated_at) = stamps(i, s.jitter, s.edited);
            let mut answered: Vec<&Case> = s.cases.iter().map(|x| *Index::get(x, &completed)).collect();
            answered.sort_by_key(|c| c.id);
            answered.dedup_by_key(|c| c.id);
            let last = answered.iter().filter_map(|c| c.completed_on).max().unwrap();
            open_letters.push(OpenLetter {
                revision: 0,
                id: record_id(salt, 5, i),
                title: s.title,
                body: s.body,
                sent_on: last + Duration::days(i64::from(s.after)),
                case_ids: answered.iter().map(|c| c.id).collect(),
                created_at,
                updated_at,
            });
        }
    }
    Dataset { customers, cases, revisits, staff, open_letters, signatures, settings }
}

/// A valid office whose ids carry `salt` (offices with different salts
/// share no id). Small: a few records of each kind.
pub fn office(salt: u32) -> impl Strategy<Value = Dataset> {
    (
        vec(customer_seed(), 0..5),
        vec(staff_seed(), 0..4),
        vec(case_seed(), 0..6),
        vec(revisit_seed(), 0..7),
        vec(letter_seed(), 0..3),
        settings(),
    )
        .prop_map(move |(customers, staff, cases, revisits, letters, settings)| {
            assemble(salt, customers, staff, cases, revisits, letters, settings)
        })
}

/// A small deterministic hash for choosing records from a proptest seed.
pub fn mix(seed: u64, id: Uuid) -> u64 {
    let mut z = seed ^ (id.as_u128() as u64) ^ ((id.as_u128() >> 64) as u64).rotate_left(17);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The records `keep` chooses whose references are all kept too (a
/// signature goes with its revisit): still a valid office.
pub fn restrict(data: &Dataset, keep: impl Fn(Uuid) -> bool) -> Dataset {
    use std::collections::HashSet;
    let customers: Vec<Customer> = data.customers.iter().filter(|c| keep(c.id)).cloned().collect();
    let staff: Vec<Staff> = data.staff.iter().filter(|s| keep(s.id)).cloned().collect();
    let customer_ids: HashSet<Uuid> = customers.iter().map(|c| c.id).collect();
    let staff_ids: HashSet<Uuid> = staff.iter().map(|s| s.id).collect();
    let has = |set: &HashSet<Uuid>, id: Option<Uuid>| id.is_none_or(|id| set.contains(&id));
    let mut case_ids = HashSet::new();
    let mut cases = Vec::new();
    for c in &data.cases {
        if keep(c.id)
            && has(&customer_ids, c.customer_id)
            && has(&case_ids, c.duplicate_of)
            && c.staff_involved.iter().all(|s| staff_ids.contains(s))
        {
            case_ids.insert(c.id);
            cases.push(c.clone());
        }
    }
    let revisits: Vec<Revisit> = data
        .revisits
        .iter()
        .filter(|r| {
            keep(r.id)
                && has(&case_ids, r.case_id)
                && customer_ids.contains(&r.customer_id)
                && has(&staff_ids, r.assignee_id)
                && has(&staff_ids, r.result.as_ref().and_then(|x| x.staff_id))
        })
        .cloned()
        .collect();
    let revisit_ids: HashSet<Uuid> = revisits.iter().map(|r| r.id).collect();
    Dataset {
        customers,
        staff,
        open_letters: data
            .open_letters
            .iter()
            .filter(|l| keep(l.id) && l.case_ids.iter().all(|c| case_ids.contains(c)))
            .cloned()
            .collect(),
        signatures: data.signatures.iter().filter(|s| revisit_ids.contains(&s.revisit_id)).cloned().collect(),
        cases,
        revisits,
        settings: data.settings.clone(),
    }
}

/// How an edit moves a record's `updated_at`: back, not at all (a tie
/// broken by content) or forward.
fn shift(seed: u64, id: Uuid) -> Duration {
    Duration::seconds([-3600, 0, 3600][(mix(seed, id) % 3) as usize])
}

/// Changes about a third of the records (by `seed`) as a second tablet
/// would: a text or flag changed and `updated_at` moved back, kept or
/// moved forward. The office stays valid.
pub fn edit(data: &Dataset, seed: u64) -> Dataset {
    let chosen = |id: Uuid| mix(seed.rotate_left(7), id).is_multiple_of(3);
    let mut out = data.clone();
    for c in out.customers.iter_mut().filter(|c| chosen(c.id)) {
        c.name = format!("另一台平板 {}", mix(seed, c.id) % 100);
        c.updated_at += shift(seed, c.id);
    }
    for c in out.cases.iter_mut().filter(|c| chosen(c.id)) {
        c.revisit_requested = !c.revisit_requested;
        c.updated_at += shift(seed, c.id);
    }
    for r in out.revisits.iter_mut().filter(|r| chosen(r.id)) {
        r.escalation = !r.escalation;
        r.updated_at += shift(seed, r.id);
    }
    for s in out.staff.iter_mut().filter(|s| chosen(s.id)) {
        s.active = !s.active;
        s.updated_at += shift(seed, s.id);
    }
    for l in out.open_letters.iter_mut().filter(|l| chosen(l.id)) {
        l.title = format!("{}（修订）", l.title.chars().take(TITLE_MAX - 4).collect::<String>());
        l.updated_at += shift(seed, l.id);
    }
    for s in out.signatures.iter_mut().filter(|s| chosen(s.id)) {
        s.png.push_str("AAAA");
    }
    out
}
