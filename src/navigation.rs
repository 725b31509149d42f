//! Which screen is shown. Kept in the URL hash so a reload stays put and
//! `dist/` works on any static web server (no rewrite rules needed).

use chrono::NaiveDate;
use huifang_core::model::Cadence;
use huifang_core::scheduler::TaskKey;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Today,
    Customers,
    /// 事项 of every kind (complaints first); `#nav-complaints` leads here.
    Cases,
    OpenLetters,
    Staff,
    /// Working on one task of the plan: attempts, then the result.
    Revisit(TaskKey),
    /// Every finished revisit record, to find one again (and the review queue).
    Records,
    /// A finished revisit record, for reading and the supervisor's review.
    Record(Uuid),
    Tally,
    Settings,
    Data,
}

fn cadence_slug(c: Cadence) -> &'static str {
    match c {
        Cadence::Sales => "sales",
        Cadence::AnnualSigned => "annual",
    }
}

fn task_from(path: &str) -> Option<TaskKey> {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["revisit", case, round] | ["revisit", case, round, "escalation"] => Some(TaskKey::Case {
            case_id: Uuid::parse_str(case).ok()?,
            round: round.parse().ok().filter(|r| *r >= 1)?,
            escalation: parts.len() == 4,
        }),
        ["cadence", customer, cadence, due] => Some(TaskKey::Cadence {
            customer_id: Uuid::parse_str(customer).ok()?,
            cadence: match *cadence {
                "sales" => Cadence::Sales,
                "annual" => Cadence::AnnualSigned,
                _ => return None,
            },
            due_on: due.parse::<NaiveDate>().ok()?,
        }),
        _ => None,
    }
}

impl Page {
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(task) = task_from(path) {
            return Page::Revisit(task);
        }
        match path.split_once('/') {
            Some(("record", id)) => Uuid::parse_str(id).map(Page::Record).unwrap_or(Page::Today),
            _ => match path {
                "customers" => Page::Customers,
                // The old complaints screen's address still works.
                "cases" | "complaints" => Page::Cases,
                "letters" => Page::OpenLetters,
                "staff" => Page::Staff,
                "records" => Page::Records,
                "tally" => Page::Tally,
                "settings" => Page::Settings,
                "data" => Page::Data,
                _ => Page::Today,
            },
        }
    }

    pub fn to_hash(self) -> String {
        match self {
            Page::Today => "#/today".into(),
            Page::Customers => "#/customers".into(),
            Page::Cases => "#/cases".into(),
            Page::OpenLetters => "#/letters".into(),
            Page::Staff => "#/staff".into(),
            Page::Revisit(TaskKey::Case { case_id, round, escalation }) => {
                format!("#/revisit/{case_id}/{round}{}", if escalation { "/escalation" } else { "" })
            }
            Page::Revisit(TaskKey::Cadence { customer_id, cadence, due_on }) => {
                format!("#/cadence/{customer_id}/{}/{due_on}", cadence_slug(cadence))
            }
            Page::Records => "#/records".into(),
            Page::Record(id) => format!("#/record/{id}"),
            Page::Tally => "#/tally".into(),
            Page::Settings => "#/settings".into(),
            Page::Data => "#/data".into(),
        }
    }
}

pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

pub fn set_hash(page: Page) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&page.to_hash());
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn every_task_page_survives_a_reload() {
        let pages = [
            Page::Revisit(TaskKey::Case { case_id: Uuid::from_u128(7), round: 2, escalation: false }),
            Page::Revisit(TaskKey::Case { case_id: Uuid::from_u128(7), round: 2, escalation: true }),
            Page::Revisit(TaskKey::Cadence {
                customer_id: Uuid::from_u128(8),
                cadence: Cadence::Sales,
                due_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            }),
            Page::Record(Uuid::from_u128(9)),
            Page::Tally,
        ];
        for p in pages {
            assert_eq!(Page::from_hash(&p.to_hash()), p);
        }
        assert_eq!(Page::from_hash("#/revisit/not-a-uuid/1"), Page::Today);
    }
}
