//! The office's customers, cases and revisits as spreadsheets for Excel,
//! worded in the user's language: labels rather than codes, names rather
//! than ids, dates as YYYY-MM-DD. Quoting and formula safety are
//! `huifang_core::spreadsheet`'s.

use chrono::NaiveDate;
use uuid::Uuid;

use huifang_core::model::{Case, Customer, Dataset, Index, Revisit};
use huifang_core::spreadsheet::Sheet;
use huifang_core::CaseKind;

use crate::i18n::{self, Lang, Msg};

/// Which spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Customers,
    Cases,
    Revisits,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::Customers, Table::Cases, Table::Revisits];

    fn slug(self) -> &'static str {
        match self {
            Table::Customers => "customers",
            Table::Cases => "cases",
            Table::Revisits => "revisits",
        }
    }

    /// The element id of its export button, e.g. `export-csv-cases`.
    pub fn button_id(self) -> String {
        format!("export-csv-{}", self.slug())
    }

    pub fn label(self) -> Msg {
        match self {
            Table::Customers => Msg::CsvCustomers,
            Table::Cases => Msg::CsvCases,
            Table::Revisits => Msg::CsvRevisits,
        }
    }

    /// E.g. `huifang-cases-2026-11-23.csv`.
    pub fn file_name(self, today: NaiveDate) -> String {
        format!("huifang-{}-{}.csv", self.slug(), today)
    }

    pub fn sheet(self, lang: Lang, data: &Dataset) -> Sheet {
        let words = Words { lang, index: Index::new(data) };
        match self {
            Table::Customers => customers(&words, data),
            Table::Cases => cases(&words, data),
            Table::Revisits => revisits(&words, data),
        }
    }
}

struct Words<'a> {
    lang: Lang,
    index: Index<'a>,
}

impl Words<'_> {
    fn headers(&self, msgs: &[Msg]) -> Sheet {
        Sheet::new(msgs.iter().map(|m| m.text(self.lang)))
    }

    fn yes_no(&self, b: bool) -> String {
        (if b { Msg::CsvYes } else { Msg::CsvNo }).text(self.lang).into()
    }

    fn customer(&self, id: Option<Uuid>) -> Option<&Customer> {
        id.and_then(|id| self.index.customers.get(&id).copied())
    }

    fn staff(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.index.staff.get(&id)).map(|s| s.name.clone()).unwrap_or_default()
    }

    /// Name, unit and phone of a household, blank when there is none.
    fn household(&self, id: Option<Uuid>) -> [String; 3] {
        match self.customer(id) {
            Some(c) => [c.name.clone(), c.unit.to_string(), c.phone.clone()],
            None => Default::default(),
        }
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Building, entrance and room in the order staff walk the estate, with
/// "2" before "10".
fn unit_order(c: &Customer) -> [(usize, &str); 3] {
    [&c.unit.building, &c.unit.entrance, &c.unit.room].map(|s| (s.len(), s.as_str()))
}

fn customers(w: &Words, data: &Dataset) -> Sheet {
    let mut sheet = {
        use Msg::*;
        w.headers(&[
            Name,
            Unit,
            Phone,
            OtherPhones,
            Email,
            ContactPreference,
            MovedInOn,
            Decorating,
            Resident,
            SalesClass,
            SalesClassSince,
        ])
    };
    let mut list: Vec<&Customer> = data.customers.iter().collect();
    list.sort_by(|a, b| unit_order(a).cmp(&unit_order(b)));
    for c in list {
        sheet.push(vec![
            c.name.clone(),
            c.unit.to_string(),
            c.phone.clone(),
            c.other_phones.join(", "),
            c.email.clone(),
            i18n::contact_preference(w.lang, c.contact).into(),
            date(c.moved_in_on),
            w.yes_no(c.decorating),
            w.yes_no(c.resident),
            c.sales_class.map(|s| i18n::sales_class(w.lang, s)).unwrap_or_default().into(),
            date(c.sales_class_since),
        ]);
    }
    sheet
}

fn cases(w: &Words, data: &Dataset) -> Sheet {
    let mut sheet = {
        use Msg::*;
        w.headers(&[
            ReceivedOn,
            CaseKind,
            Customer,
            Unit,
            Phone,
            Channel,
            Severity,
            Nature,
            Subject,
            Description,
            Anonymous,
            ReplyOnly,
            WrittenReply,
            StaffInvolved,
            CsvCompletedOn,
        ])
    };
    let mut list: Vec<&Case> = data.cases.iter().collect();
    list.sort_by_key(|c| (c.received_on, c.created_at));
    for c in list {
        let complaint = c.kind == CaseKind::Complaint;
        // Complaint attributes stay at their defaults on other kinds: left blank.
        let only_complaint = |text: &'static str| if complaint { text.to_owned() } else { String::new() };
        let [name, unit, phone] = w.household(c.customer_id);
        let staff: Vec<String> = c.staff_involved.iter().map(|&id| w.staff(Some(id))).collect();
        sheet.push(vec![
            date(Some(c.received_on)),
            i18n::case_kind(w.lang, c.kind).into(),
            name,
            unit,
            phone,
            i18n::channel(w.lang, c.channel).into(),
            only_complaint(i18n::severity(w.lang, c.severity)),
            only_complaint(i18n::nature(w.lang, c.nature)),
            only_complaint(i18n::subject(w.lang, c.subject)),
            c.description.clone(),
            w.yes_no(c.anonymous),
            w.yes_no(c.reply_only),
            c.written_reply.clone(),
            staff.join(", "),
            date(c.completed_on),
        ]);
    }
    sheet
}

fn revisit_kind(w: &Words, r: &Revisit, case: Option<&Case>) -> String {
    let kind = match (r.cadence, case) {
        (Some(_), _) | (None, None) => Msg::Cadence.text(w.lang),
        (None, Some(c)) => i18n::case_kind(w.lang, c.kind),
    };
    if r.escalation {
        format!("{kind} · {}", Msg::EscalationRound.text(w.lang))
    } else {
        kind.to_owned()
    }
}

fn revisits(w: &Words, data: &Dataset) -> Sheet {
    let mut sheet = {
        use Msg::*;
        w.headers(&[
            DueOn,
            Round,
            CaseKind,
            ReceivedOn,
            Customer,
            Unit,
            Phone,
            CsvAssignedTo,
            Status,
            CsvAttempts,
            VisitedOn,
            Method,
            Assignee,
            Content,
            Satisfaction,
            IssuesRaised,
            ReplyBy,
            Escalate,
            CsvClosedBecause,
            Reviewer,
            ReviewComment,
        ])
    };
    let mut list: Vec<&Revisit> = data.revisits.iter().collect();
    list.sort_by_key(|r| (r.due_on, r.round, r.created_at));
    for r in list {
        let case = r.case_id.and_then(|id| w.index.cases.get(&id).copied());
        let [name, unit, phone] = w.household(Some(r.customer_id));
        let status = match (&r.result, &r.closure) {
            (Some(_), _) => Msg::Revisited,
            (None, Some(_)) => Msg::Closed,
            (None, None) => Msg::StillOpen,
        };
        let result = r.result.as_ref();
        let closed = r.closure.as_ref().map(|c| {
            let reason = i18n::closure_reason(w.lang, c.reason);
            if c.note.is_empty() {
                reason.to_owned()
            } else {
                format!("{reason}: {}", c.note)
            }
        });
        let issues: Vec<&str> = result.map(|x| x.issues.iter().map(|i| i.text.as_str()).collect()).unwrap_or_default();
        sheet.push(vec![
            date(Some(r.due_on)),
            r.round.to_string(),
            revisit_kind(w, r, case),
            date(case.map(|c| c.received_on)),
            name,
            unit,
            phone,
            w.staff(r.assignee_id),
            status.text(w.lang).into(),
            r.attempts.len().to_string(),
            date(result.map(|x| x.visited_on)),
            result.map(|x| i18n::method(w.lang, x.method)).unwrap_or_default().into(),
            w.staff(result.and_then(|x| x.staff_id)),
            result.map(|x| x.content.clone()).unwrap_or_default(),
            result.map(|x| i18n::satisfaction(w.lang, x.satisfaction)).unwrap_or_default().into(),
            issues.join("\n"),
            date(result.and_then(|x| x.reply_by)),
            result.map(|x| w.yes_no(x.escalate)).unwrap_or_default(),
            closed.unwrap_or_default(),
            w.staff(r.review.as_ref().and_then(|v| v.by)),
            r.review.as_ref().map(|v| v.comment.clone()).unwrap_or_default(),
        ]);
    }
    sheet
}
