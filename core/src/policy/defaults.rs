//! The shipped defaults: DOMAIN "Default policies" and rules 1–4, 12, 15, 16.

use chrono::NaiveTime;

use super::{Anchor, CallWindow, Exclusion, Percent, Policy, PolicyKey, PolicySet, Recurrence, SalesCadence, Span};
use crate::model::{Method, Role, SalesClass, Severity};

use Method::{Email, HomeVisit, Letter, Phone, Sms};

pub(super) fn policy(key: PolicyKey) -> Policy {
    let (anchor, opens_after, due_within, target, roles) = match key {
        // Rule 1: within 3 days of handling; severity decides who.
        PolicyKey::Complaint(Severity::General) => {
            (Anchor::HandlingCompleted, Span::Days(0), Span::Days(3), 50, vec![Role::PropertyAssistant])
        }
        PolicyKey::Complaint(Severity::Important) => {
            (Anchor::HandlingCompleted, Span::Days(0), Span::Days(3), 50, vec![Role::DepartmentSupervisor])
        }
        PolicyKey::Complaint(Severity::Major) => {
            (Anchor::HandlingCompleted, Span::Days(0), Span::Days(3), 100, vec![Role::CompanyManager])
        }
        // Rule 2: within a month, by the area's assistant.
        PolicyKey::Repair => {
            (Anchor::RepairCompleted, Span::Days(0), Span::Months(1), 30, vec![Role::PropertyAssistant])
        }
        // Rule 3: the clerk (seed 000 §1.5: "社区文化文员(物业助理)").
        PolicyKey::Activity => (
            Anchor::ActivityEnded,
            Span::Days(0),
            Span::Months(1),
            10,
            vec![Role::CommunityCultureClerk, Role::PropertyAssistant],
        ),
        // Rule 4 (seed 003): the living-experience revisit at 3 months; it
        // opens then and is due within half a month.
        PolicyKey::MoveIn => (Anchor::MovedIn, Span::Months(3), Span::Days(15), 100, vec![Role::PropertyAssistant]),
        PolicyKey::Emergency => {
            (Anchor::HandlingCompleted, Span::Days(0), Span::Days(3), 100, vec![Role::DepartmentSupervisor])
        }
        // Rule 15: 5 working days after signing, by the customer-service desk.
        PolicyKey::Signing => (
            Anchor::ContractSigned,
            Span::Days(0),
            Span::WorkingDays(5),
            100,
            vec![Role::PropertyAssistant, Role::CustomerServiceSupervisor],
        ),
    };
    // Seed 000 §1.7/§1.9: complaints are first revisited at home (signed);
    // from round 2 phone is allowed unless the complaint is major. Seed 004:
    // repairs are revisited by phone.
    let (methods, later_methods) = match key {
        PolicyKey::Complaint(Severity::Major) => (vec![HomeVisit], vec![HomeVisit]),
        PolicyKey::Complaint(_) => (vec![HomeVisit], vec![HomeVisit, Phone, Sms, Email]),
        PolicyKey::Repair | PolicyKey::Signing => {
            (vec![Phone, HomeVisit, Sms, Email], vec![Phone, HomeVisit, Sms, Email])
        }
        PolicyKey::Activity | PolicyKey::MoveIn | PolicyKey::Emergency => {
            (vec![HomeVisit, Phone, Sms, Email], vec![HomeVisit, Phone, Sms, Email])
        }
    };
    let exclusions = match key {
        PolicyKey::Complaint(_) => vec![Exclusion::Anonymous, Exclusion::ReplyOnly, Exclusion::Duplicate],
        PolicyKey::MoveIn => vec![Exclusion::HadMajorComplaint, Exclusion::Decorating, Exclusion::NotResident],
        _ => vec![Exclusion::Duplicate],
    };
    // Rule 16 (002 第八条): signed customers at least once a year.
    let recurrence = (key == PolicyKey::Signing).then_some(Recurrence::Every(Span::Months(12)));
    let _ = Letter; // Letters answer many cases at once through an open letter (rule 8), not per case.
    Policy {
        key,
        anchor,
        opens_after,
        due_within,
        target: Percent(target),
        roles,
        methods,
        later_methods,
        exclusions,
        recurrence,
    }
}

fn sales(class: SalesClass) -> SalesCadence {
    // Rule 16 (seed 000 篇3): A/B the same day, again within 3 days, then
    // every 3 days; C weekly; D on holidays (mostly SMS); deal customers
    // the same day, every half month and on holidays.
    let (first, every, on_holidays, methods) = match class {
        SalesClass::A | SalesClass::B => (Some(Span::Days(0)), Some(Span::Days(3)), false, vec![Phone]),
        SalesClass::C => (Some(Span::Days(7)), Some(Span::Days(7)), false, vec![Phone]),
        SalesClass::D => (None, None, true, vec![Sms, Phone]),
        SalesClass::Deal => (Some(Span::Days(0)), Some(Span::Days(15)), true, vec![Phone, Sms]),
    };
    SalesCadence { class, first, every, on_holidays, methods, roles: vec![Role::PropertyAssistant] }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

pub(super) fn policy_set() -> PolicySet {
    PolicySet {
        policies: PolicyKey::ALL.into_iter().map(policy).collect(),
        sales: SalesClass::ALL.into_iter().map(sales).collect(),
        // Rule 12: 09:00–10:30 and 14:30–16:00.
        call_windows: vec![
            CallWindow { from: hm(9, 0), to: hm(10, 30) },
            CallWindow { from: hm(14, 30), to: hm(16, 0) },
        ],
        min_attempts: 3,
        repair_sample: Percent(20),
    }
}
