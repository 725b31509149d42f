//! A generated office for benchmarks and property tests (feature `sample`):
//! three years of households, cases and revisits ending at `today`, shaped
//! like a real office's — mostly repairs, some complaints of each severity,
//! exemptions and duplicates, open letters, unreached customers, second
//! rounds and escalations. The same seed always gives the same data.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use uuid::Uuid;

use crate::eligibility::window;
use crate::model::{
    Attempt, AttemptOutcome, Cadence, Case, CaseKind, Channel, Closure, ClosureReason, ContactPreference, Customer,
    Dataset, IssueAnswer, Method, Nature, OpenLetter, RaisedIssue, Review, Revisit, RevisitResult, Role, SalesClass,
    Satisfaction, Severity, Signature, Staff, Subject, Unit,
};
use crate::policy::PolicyKey;
use crate::settings::Settings;

/// Buildings on the estate (1栋 … 40栋).
const BUILDINGS: u64 = 40;
/// Days of history generated before `today`.
const HISTORY_DAYS: u64 = 3 * 365;

/// splitmix64: tiny, fast and good enough to shape test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// An index drawn by weight.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if roll < w {
                return i;
            }
            roll -= w;
        }
        weights.len().saturating_sub(1)
    }

    /// A version-4-shaped id from the generator.
    fn uuid(&mut self) -> Uuid {
        let bits = (u128::from(self.next()) << 64) | u128::from(self.next());
        Uuid::from_u128((bits & !(0xF << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62))
    }
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

fn stamp(date: NaiveDate, minutes: u64) -> DateTime<Utc> {
    let at = NaiveDateTime::new(date, NaiveTime::MIN) + chrono::Duration::minutes(minutes as i64);
    at.and_utc()
}

/// A time inside one of the default call windows (rule 12).
fn call_time(rng: &mut Rng) -> NaiveTime {
    let minutes = if rng.chance(50) { 9 * 60 + rng.below(90) } else { 14 * 60 + 30 + rng.below(90) };
    NaiveTime::from_num_seconds_from_midnight_opt((minutes * 60) as u32, 0).unwrap_or(NaiveTime::MIN)
}

const SURNAMES: [&str; 16] =
    ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
const GIVEN: [&str; 16] =
    ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"];
const REPAIRS: [&str; 6] = ["厨房水管漏水", "卫生间下水堵塞", "入户门锁损坏", "电路跳闸", "窗户密封条脱落", "墙面渗水"];
const COMPLAINTS: [&str; 6] =
    ["楼上噪音扰民", "电梯经常停运", "保安态度差", "垃圾清运不及时", "车位被占", "绿化修剪不到位"];
const ISSUES: [&str; 5] = ["楼道灯不亮", "门禁卡失灵", "小区路面积水", "快递柜不够用", "宠物粪便无人清理"];

fn name(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN), if rng.chance(50) { rng.pick(&GIVEN) } else { "" })
}

/// The office's people and who covers which building.
struct Team {
    staff: Vec<Staff>,
    /// Per building: the current assistant, and the one who left.
    area: Vec<(Uuid, Uuid)>,
    /// The handover date: older work in the leaver's buildings was theirs.
    handover: NaiveDate,
}

impl Team {
    fn new(rng: &mut Rng, start: NaiveDate, now: DateTime<Utc>) -> Team {
        let mut staff = Vec::new();
        let mut add = |rng: &mut Rng, role: Role, buildings: Vec<String>, active: bool| {
            let s = Staff {
                revision: 0,
                id: rng.uuid(),
                name: name(rng),
                role,
                buildings,
                active,
                created_at: now,
                updated_at: now,
            };
            let id = s.id;
            staff.push(s);
            id
        };
        add(rng, Role::CompanyManager, Vec::new(), true);
        add(rng, Role::DepartmentSupervisor, Vec::new(), true);
        add(rng, Role::CustomerServiceSupervisor, Vec::new(), true);
        add(rng, Role::CommunityCultureClerk, Vec::new(), true);
        // Six assistants with blocks of buildings; one left halfway and
        // still names the older records.
        let mut area = Vec::with_capacity(BUILDINGS as usize);
        let per = BUILDINGS.div_ceil(6);
        let mut assistants = Vec::new();
        for block in 0..6 {
            let names = (block * per + 1..=((block + 1) * per).min(BUILDINGS)).map(|b| format!("{b}栋")).collect();
            assistants.push(add(rng, Role::PropertyAssistant, names, true));
        }
        let former = add(rng, Role::PropertyAssistant, (1..=per).map(|b| format!("{b}栋")).collect(), false);
        for b in 0..BUILDINGS {
            let current = assistants[(b / per) as usize];
            area.push((current, if b < per { former } else { current }));
        }
        Team { staff, area, handover: plus(start, HISTORY_DAYS / 2) }
    }

    fn with_role(&self, role: Role) -> Option<Uuid> {
        self.staff.iter().find(|s| s.role == role && s.active).map(|s| s.id)
    }

    /// Who a policy's revisit of a case in `building` on `on` goes to.
    fn assignee(&self, roles: &[Role], building: usize, on: NaiveDate, involved: &[Uuid]) -> Option<Uuid> {
        let first = roles.first().copied().unwrap_or(Role::PropertyAssistant);
        let who = match (first, self.area.get(building)) {
            (Role::PropertyAssistant, Some(&(current, former))) => {
                Some(if on < self.handover { former } else { current })
            }
            _ => self.with_role(first),
        };
        // Rule 13: not the person the case is about; their superior instead.
        match who {
            Some(w) if involved.contains(&w) => self.with_role(first.superior()),
            w => w,
        }
    }

    fn role_of(&self, id: Option<Uuid>) -> Role {
        id.and_then(|id| self.staff.iter().find(|s| s.id == id)).map_or(Role::PropertyAssistant, |s| s.role)
    }
}

/// Generates the office. Sizes are targets: `revisits` is reached exactly
/// when there is at least one household to give cadence revisits to.
pub fn office(households: usize, cases: usize, revisits: usize, seed: u64, today: NaiveDate) -> Dataset {
    let mut rng = Rng(seed);
    let start = today.checked_sub_days(Days::new(HISTORY_DAYS)).unwrap_or(today);
    let now = stamp(today, 17 * 60);
    let team = Team::new(&mut rng, start, now);
    let customers = customers(&mut rng, households, start, today, now);
    let mut gen = Gen {
        rng,
        today,
        start,
        settings: Settings::default(),
        team,
        building: customers.iter().map(|c| (c.id, building_index(&c.unit.building))).collect(),
        refusing: customers.iter().filter(|c| c.contact.refuses_calls()).map(|c| c.id).collect(),
        data: Dataset { customers, ..Dataset::default() },
    };
    gen.cases(cases);
    gen.open_letters();
    gen.case_revisits(revisits * 7 / 10);
    gen.cadence_revisits(revisits);
    let mut data = gen.data;
    data.staff = gen.team.staff;
    data
}

fn building_index(name: &str) -> usize {
    name.trim_end_matches('栋').parse::<usize>().map_or(0, |n| n.saturating_sub(1))
}

fn customers(rng: &mut Rng, n: usize, start: NaiveDate, today: NaiveDate, now: DateTime<Utc>) -> Vec<Customer> {
    (0..n)
        .map(|_| {
            let unit = Unit {
                building: format!("{}栋", 1 + rng.below(BUILDINGS)),
                entrance: format!("{}单元", 1 + rng.below(4)),
                room: format!("{}{:02}", 1 + rng.below(32), 1 + rng.below(4)),
            };
            let phone = format!("13{:09}", rng.below(1_000_000_000));
            let mut c = Customer::new(rng.uuid(), name(rng), phone, unit, now);
            // Most moved in before the history starts; some during it.
            let moved = plus(start, rng.below(HISTORY_DAYS * 2)).checked_sub_days(Days::new(HISTORY_DAYS));
            c.moved_in_on = moved.filter(|d| *d <= today && rng.chance(90));
            let half_a_year_ago = today.checked_sub_days(Days::new(180)).unwrap_or(today);
            let recent = c.moved_in_on.is_some_and(|d| d > half_a_year_ago);
            c.decorating = rng.chance(if recent { 30 } else { 1 });
            c.resident = rng.chance(96);
            c.contact = match rng.below(100) {
                0..=3 => ContactPreference::NoCallsSms,
                4..=5 => ContactPreference::NoCallsEmail,
                _ => ContactPreference::Any,
            };
            if c.contact == ContactPreference::NoCallsEmail {
                c.email = format!("owner{}@example.com", rng.below(100_000));
            }
            if rng.chance(3) {
                c.sales_class = Some(rng.pick(&SalesClass::ALL));
                c.sales_class_since = Some(plus(start, rng.below(HISTORY_DAYS)));
            }
            c
        })
        .collect()
}

struct Gen {
    rng: Rng,
    today: NaiveDate,
    start: NaiveDate,
    settings: Settings,
    team: Team,
    /// Each household's building (index into the team's areas).
    building: HashMap<Uuid, usize>,
    /// Households that take no calls (rule 12).
    refusing: HashSet<Uuid>,
    data: Dataset,
}

impl Gen {
    fn cases(&mut self, n: usize) {
        use CaseKind::*;
        let kinds = [Repair, Complaint, Activity, MoveIn, Emergency, HolidayVisit, Signing];
        let weights = [52, 20, 7, 7, 3, 6, 5];
        let mut complaints: Vec<Uuid> = Vec::new();
        let rng = &mut self.rng;
        for _ in 0..n {
            let kind = kinds[rng.weighted(&weights)];
            let households = self.data.customers.len() as u64;
            let customer =
                (households > 0).then(|| rng.below(households) as usize).and_then(|i| self.data.customers.get(i));
            let mut received = plus(self.start, rng.below(HISTORY_DAYS + 1));
            if kind == MoveIn {
                if let Some(moved) = customer.and_then(|c| c.moved_in_on).filter(|d| *d >= self.start) {
                    received = moved;
                }
            }
            let description = match kind {
                Repair => rng.pick(&REPAIRS).to_owned(),
                Complaint => rng.pick(&COMPLAINTS).to_owned(),
                Activity => "参加社区中秋游园活动".to_owned(),
                MoveIn => "办理入伙".to_owned(),
                Emergency => "暴雨导致地下车库进水".to_owned(),
                HolidayVisit => "春节上门拜访".to_owned(),
                Signing => "签订物业服务合同".to_owned(),
            };
            let mut c =
                Case::new(rng.uuid(), customer.map(|c| c.id), kind, received, description, stamp(received, 600));
            c.channel = rng.pick(&Channel::ALL);
            let took = match kind {
                Repair => rng.below(8),
                Complaint | Emergency => rng.below(5),
                _ => 0,
            };
            let done = plus(received, took);
            // Recent cases may still be in hand.
            let in_hand = done > self.today || ((self.today - done).num_days() < 14 && rng.chance(40));
            c.completed_on = (!in_hand).then_some(done);
            if kind == Complaint {
                c.severity = Severity::ALL[rng.weighted(&[82, 14, 4])];
                c.nature = Nature::ALL[rng.weighted(&[70, 10, 12, 8])];
                c.subject = Subject::ALL[rng.weighted(&[40, 20, 35, 5])];
                // Rule 11: anonymous, or the authority wants a written reply.
                if rng.chance(3) {
                    c.anonymous = true;
                    if rng.chance(50) {
                        c.customer_id = None;
                    }
                } else if rng.chance(2) {
                    c.reply_only = true;
                    c.written_reply = "已书面复函".to_owned();
                }
                // Rule 10: the same problem reported to another department.
                if !complaints.is_empty() && rng.chance(2) {
                    c.duplicate_of = Some(complaints[rng.below(complaints.len() as u64) as usize]);
                }
                if c.subject == Subject::Attitude && rng.chance(25) {
                    let building = c.customer_id.and_then(|id| self.building.get(&id)).copied().unwrap_or(0);
                    c.staff_involved = self.team.area.get(building).map(|a| a.0).into_iter().collect();
                }
                complaints.push(c.id);
            }
            c.revisit_requested = matches!(kind, Repair | Activity) && rng.chance(2);
            c.updated_at = stamp(c.completed_on.unwrap_or(received), 900);
            self.data.cases.push(c);
        }
    }

    /// Rule 8: now and then one letter answers many households of an area
    /// (an assistant's block of buildings) that raised the same kind of
    /// problem in the same month.
    fn open_letters(&mut self) {
        let mut groups: BTreeMap<(usize, i64, CaseKind), Vec<usize>> = BTreeMap::new();
        for (i, c) in self.data.cases.iter().enumerate() {
            let (Some(done), Some(&b)) = (c.completed_on, c.customer_id.and_then(|id| self.building.get(&id))) else {
                continue;
            };
            if matches!(c.kind, CaseKind::Complaint | CaseKind::Repair) && c.duplicate_of.is_none() {
                let area = b / BUILDINGS.div_ceil(6) as usize;
                groups.entry((area, (done - self.start).num_days() / 30, c.kind)).or_default().push(i);
            }
        }
        let groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() >= 3).collect();
        let letters = (HISTORY_DAYS / 45) as usize;
        for _ in 0..letters.min(groups.len()) {
            let group = &groups[self.rng.below(groups.len() as u64) as usize];
            let cases: Vec<&Case> = group.iter().take(15).filter_map(|&i| self.data.cases.get(i)).collect();
            let Some(sent) = cases.iter().filter_map(|c| c.completed_on).max().map(|d| plus(d, 2)) else { continue };
            if sent > self.today
                || cases.iter().any(|c| self.data.open_letters.iter().any(|l| l.case_ids.contains(&c.id)))
            {
                continue;
            }
            let letter = OpenLetter {
                revision: 0,
                id: self.rng.uuid(),
                title: "致业主的一封信".to_owned(),
                body: "关于近期大家反映的问题，物业服务中心的处理情况如下……".to_owned(),
                sent_on: sent,
                case_ids: cases.iter().map(|c| c.id).collect(),
                created_at: stamp(sent, 600),
                updated_at: stamp(sent, 600),
            };
            self.data.open_letters.push(letter);
        }
    }

    /// First rounds for most cases on the revisit list, then second rounds
    /// and escalations, until `budget` records exist.
    fn case_revisits(&mut self, budget: usize) {
        let lettered: HashSet<Uuid> = self.data.open_letters.iter().flat_map(|l| l.case_ids.iter().copied()).collect();
        let cases = std::mem::take(&mut self.data.cases);
        for c in &cases {
            if self.data.revisits.len() >= budget {
                break;
            }
            let Some(key) = PolicyKey::of(c) else { continue };
            let (Some(customer_id), false, false, None) = (c.customer_id, c.anonymous, c.reply_only, c.duplicate_of)
            else {
                continue;
            };
            let policy = self.settings.policies.get(key);
            let Some(w) = window(c, &policy, &self.settings.calendar) else { continue };
            let revisit_share = match key {
                _ if lettered.contains(&c.id) => 15,
                PolicyKey::Activity => 25,
                PolicyKey::Repair => 60,
                PolicyKey::Complaint(Severity::General | Severity::Important) => 70,
                _ => 92,
            };
            if w.opens_on > self.today || !(c.revisit_requested || self.rng.chance(revisit_share)) {
                continue;
            }
            let building = self.building.get(&customer_id).copied().unwrap_or(0);
            let assignee = self.team.assignee(&policy.roles, building, w.opens_on, &c.staff_involved);
            let window_days = (w.due_on - w.opens_on).num_days().max(0) as u64;
            let visit = if self.rng.chance(85) {
                plus(w.opens_on, self.rng.below(window_days + 1))
            } else {
                plus(w.due_on, 1 + self.rng.below(10))
            };
            let first = Chain {
                case: Some(c),
                customer_id,
                round: 1,
                parent: None,
                escalation: false,
                opens: w.opens_on,
                due: w.due_on,
            };
            let methods = (policy.methods.clone(), policy.later_methods.clone());
            self.rounds(first, assignee, visit, &methods, budget);
        }
        self.data.cases = cases;
    }

    /// One round, then the next ones it calls for (rule 7) and the
    /// superior's revisit after strong dissatisfaction (rule 14).
    fn rounds(
        &mut self,
        mut link: Chain<'_>,
        mut assignee: Option<Uuid>,
        mut visit: NaiveDate,
        methods: &(Vec<Method>, Vec<Method>),
        budget: usize,
    ) {
        while self.data.revisits.len() < budget && link.round <= 4 {
            let allowed = if link.round == 1 { &methods.0 } else { &methods.1 };
            let r = self.revisit(&link, assignee, visit, allowed);
            let next = r.result.as_ref().and_then(|res| {
                let again = res.reply_by.is_some() || self.rng.chance(8);
                let escalate = res.escalate;
                (again || escalate).then_some((res.visited_on, res.reply_by, escalate))
            });
            let (parent, round) = (r.id, r.round);
            self.data.revisits.push(r);
            let Some((visited, reply_by, escalate)) = next else { break };
            if escalate {
                assignee = self.team.with_role(self.team.role_of(assignee).superior());
            }
            let due = reply_by.unwrap_or_else(|| plus(visited, 3));
            link = Chain { round: round + 1, parent: Some(parent), escalation: escalate, opens: visited, due, ..link };
            visit = plus(visited, 1 + self.rng.below((due - visited).num_days().max(0) as u64 + 2));
        }
    }

    fn revisit(&mut self, link: &Chain<'_>, assignee: Option<Uuid>, visit: NaiveDate, allowed: &[Method]) -> Revisit {
        let rng = &mut self.rng;
        let created = link.opens.min(self.today);
        let mut r = Revisit {
            revision: 0,
            id: rng.uuid(),
            case_id: link.case.map(|c| c.id),
            customer_id: link.customer_id,
            cadence: link.case.is_none().then_some(Cadence::Sales),
            round: link.round,
            parent_id: link.parent,
            escalation: link.escalation,
            due_on: link.due,
            assignee_id: assignee,
            attempts: Vec::new(),
            result: None,
            closure: None,
            review: None,
            archived_at: None,
            created_at: stamp(created, 540),
            updated_at: stamp(created, 540),
        };
        let refuses_calls = self.refusing.contains(&link.customer_id);
        let method = match allowed.first().copied() {
            Some(Method::Phone) if refuses_calls => Method::Sms,
            Some(m) => m,
            None => Method::Phone,
        };
        // Failed tries first (rule 12: logged with their reason).
        let failures = rng.weighted(&[60, 25, 10, 5]) as u64;
        for k in 0..failures {
            let on = visit.checked_sub_days(Days::new(failures - k)).unwrap_or(visit).max(link.opens);
            if on > self.today {
                break;
            }
            let outcome = rng.pick(&[AttemptOutcome::NoAnswer, AttemptOutcome::NoAnswer, AttemptOutcome::CallLater]);
            r.attempts.push(Attempt {
                at: NaiveDateTime::new(on, call_time(rng)),
                method,
                outcome,
                note: if outcome == AttemptOutcome::NoAnswer {
                    "无人接听".to_owned()
                } else {
                    "客户要求改约".to_owned()
                },
                staff_id: assignee,
            });
        }
        if visit > self.today {
            return r;
        }
        // Some customers are never reached, or refuse.
        if (failures >= 3 && rng.chance(60)) || rng.chance(1) {
            let reason = if failures >= 3 { ClosureReason::Unreachable } else { ClosureReason::Refused };
            r.closure = Some(Closure { on: visit, reason, note: String::new(), by: None });
            r.updated_at = stamp(visit, 1000);
            return r;
        }
        let time = call_time(rng);
        r.attempts.push(Attempt {
            at: NaiveDateTime::new(visit, time),
            method,
            outcome: AttemptOutcome::Reached,
            note: String::new(),
            staff_id: assignee,
        });
        let satisfaction = Satisfaction::ALL[rng.weighted(&[76, 17, 7])];
        let issues: Vec<RaisedIssue> = (0..rng.weighted(&[65, 25, 10]))
            .map(|_| {
                let answered_on = plus(visit, rng.below(6));
                let answer = (answered_on <= self.today && rng.chance(88))
                    .then(|| IssueAnswer { on: answered_on, text: "已安排处理并答复客户".to_owned() });
                RaisedIssue { text: rng.pick(&ISSUES).to_owned(), answer }
            })
            .collect();
        let signature_id = (method == Method::HomeVisit).then(|| rng.uuid());
        if let Some(sig) = signature_id {
            self.data.signatures.push(Signature {
                id: sig,
                revisit_id: r.id,
                png: TINY_PNG.to_owned(),
                captured_at: stamp(visit, 600),
            });
        }
        let escalate = satisfaction == Satisfaction::Dissatisfied && rng.chance(45);
        r.result = Some(RevisitResult {
            method,
            visited_on: visit,
            at: Some(time),
            staff_id: assignee,
            content: match satisfaction {
                Satisfaction::Satisfied => "客户对处理结果满意".to_owned(),
                Satisfaction::Neutral => "客户表示一般，希望加快处理".to_owned(),
                Satisfaction::Dissatisfied => "客户不满意，要求再次处理".to_owned(),
            },
            satisfaction,
            reply_by: (!issues.is_empty()).then(|| plus(visit, 5)),
            issues,
            signature_id,
            escalate,
        });
        if (self.today - visit).num_days() > 7 && rng.chance(60) {
            let on = plus(visit, 1 + rng.below(6));
            r.review = Some(Review {
                on,
                by: self.team.with_role(Role::CustomerServiceSupervisor),
                comment: "已阅".to_owned(),
            });
        }
        r.updated_at = stamp(visit, 1000);
        r
    }

    /// Recurring revisits that follow the customer (rule 16) fill the rest.
    fn cadence_revisits(&mut self, total: usize) {
        if self.data.customers.is_empty() {
            return;
        }
        let phone = [Method::Phone];
        while self.data.revisits.len() < total {
            let i = self.rng.below(self.data.customers.len() as u64) as usize;
            let Some(c) = self.data.customers.get(i) else { break };
            let (customer_id, class) = (c.id, c.sales_class);
            let due = plus(self.start, self.rng.below(HISTORY_DAYS + 30));
            let opens = due.checked_sub_days(Days::new(3)).unwrap_or(due);
            let link = Chain { case: None, customer_id, round: 1, parent: None, escalation: false, opens, due };
            let assignee = self.team.with_role(Role::PropertyAssistant);
            let mut r = self.revisit(&link, assignee, due, &phone);
            r.cadence = Some(if class.is_some() { Cadence::Sales } else { Cadence::AnnualSigned });
            self.data.revisits.push(r);
        }
    }
}

/// Where a revisit sits: its case (none for a cadence), round and parent.
#[derive(Clone, Copy)]
struct Chain<'a> {
    case: Option<&'a Case>,
    customer_id: Uuid,
    round: u32,
    parent: Option<Uuid>,
    escalation: bool,
    /// The earliest day to try: the window opening, or the previous round.
    opens: NaiveDate,
    due: NaiveDate,
}

/// A 1×1 transparent PNG standing in for a captured signature.
const TINY_PNG: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::{check_case, check_customer, check_revisit};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_office() {
        assert_eq!(office(50, 200, 400, 7, today()), office(50, 200, 400, 7, today()));
        assert_ne!(office(50, 200, 400, 7, today()), office(50, 200, 400, 8, today()));
    }

    #[test]
    fn the_office_has_the_sizes_asked_for() {
        let data = office(200, 1000, 2000, 1, today());
        assert_eq!((data.customers.len(), data.cases.len(), data.revisits.len()), (200, 1000, 2000));
        assert!((10..=12).contains(&data.staff.len()));
        assert!(!data.open_letters.is_empty());
        let buildings: std::collections::HashSet<&str> =
            data.customers.iter().map(|c| c.unit.building.as_str()).collect();
        assert!(buildings.len() >= 35, "{}", buildings.len());
    }

    #[test]
    fn the_office_has_every_situation_the_report_counts() {
        let data = office(300, 3000, 5000, 3, today());
        let results: Vec<&RevisitResult> = data.revisits.iter().filter_map(|r| r.result.as_ref()).collect();
        for kind in CaseKind::ALL {
            assert!(data.cases.iter().any(|c| c.kind == kind), "{kind:?}");
        }
        for s in Severity::ALL {
            assert!(data.cases.iter().any(|c| c.kind == CaseKind::Complaint && c.severity == s), "{s:?}");
        }
        assert!(data.cases.iter().any(|c| c.anonymous) && data.cases.iter().any(|c| c.duplicate_of.is_some()));
        assert!(data.cases.iter().any(|c| c.reply_only) && data.cases.iter().any(|c| c.completed_on.is_none()));
        assert!(data.revisits.iter().any(|r| r.escalation) && data.revisits.iter().any(|r| r.round >= 2));
        assert!(data.revisits.iter().any(|r| r.closure.is_some()) && data.revisits.iter().any(|r| r.cadence.is_some()));
        assert!(data.revisits.iter().any(|r| !r.is_finished()));
        for s in Satisfaction::ALL {
            assert!(results.iter().any(|r| r.satisfaction == s), "{s:?}");
        }
        let issues = results.iter().flat_map(|r| &r.issues);
        assert!(issues.clone().any(|i| i.answer.is_some()) && issues.clone().any(|i| i.answer.is_none()));
    }

    #[test]
    fn the_office_passes_the_checks_a_backup_import_makes() {
        let data = office(100, 600, 1200, 5, today());
        let cases: std::collections::HashMap<Uuid, &Case> = data.cases.iter().map(|c| (c.id, c)).collect();
        for c in &data.customers {
            assert_eq!(check_customer(c), [], "{c:?}");
        }
        for c in &data.cases {
            assert_eq!(check_case(c), [], "{c:?}");
        }
        for r in &data.revisits {
            let case = r.case_id.and_then(|id| cases.get(&id).copied());
            assert_eq!(check_revisit(r, case), [], "{r:?}");
            assert!(r.result.as_ref().is_none_or(|res| res.visited_on <= today()));
        }
    }
}
