use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::{Case, CaseKind, Channel, Customer, Nature, Positions, Severity, Subject};
use huifang_core::validation::CaseDraft;
use huifang_core::Dataset;

/// The case form's values, kept by the page so a reload of the records
/// does not clear what is being typed.
#[derive(Clone, Copy)]
pub struct CaseForm {
    pub kind: RwSignal<CaseKind>,
    pub(super) customer: RwSignal<String>,
    pub(super) participants: RwSignal<Vec<Uuid>>,
    pub(super) participant_filter: RwSignal<String>,
    pub(super) received_on: RwSignal<String>,
    pub(super) channel: RwSignal<Channel>,
    pub(super) description: RwSignal<String>,
    pub(super) severity: RwSignal<Severity>,
    pub(super) nature: RwSignal<Nature>,
    pub(super) subject: RwSignal<Subject>,
    pub(super) anonymous: RwSignal<bool>,
    pub(super) reply_only: RwSignal<bool>,
    pub(super) written_reply: RwSignal<String>,
    pub(super) duplicate_of: RwSignal<String>,
    pub(super) staff_involved: RwSignal<Vec<Uuid>>,
    pub(super) completed_on: RwSignal<String>,
    /// The case being edited; `None` while recording new ones.
    pub editing: RwSignal<Option<Case>>,
}

impl Default for CaseForm {
    fn default() -> Self {
        let d = CaseDraft::new(CaseKind::Complaint, crate::clock::today());
        CaseForm {
            kind: RwSignal::new(d.kind),
            customer: RwSignal::new(String::new()),
            participants: RwSignal::new(Vec::new()),
            participant_filter: RwSignal::new(String::new()),
            received_on: RwSignal::new(d.received_on),
            channel: RwSignal::new(d.channel),
            description: RwSignal::new(d.description),
            severity: RwSignal::new(d.severity),
            nature: RwSignal::new(d.nature),
            subject: RwSignal::new(d.subject),
            anonymous: RwSignal::new(false),
            reply_only: RwSignal::new(false),
            written_reply: RwSignal::new(String::new()),
            duplicate_of: RwSignal::new(String::new()),
            staff_involved: RwSignal::new(Vec::new()),
            completed_on: RwSignal::new(String::new()),
            editing: RwSignal::new(None),
        }
    }
}

impl CaseForm {
    pub fn draft(&self) -> CaseDraft {
        let id = |s: RwSignal<String>| Uuid::parse_str(&s.get_untracked()).ok();
        CaseDraft {
            kind: self.kind.get_untracked(),
            customer_id: id(self.customer),
            participants: self.participants.get_untracked(),
            received_on: self.received_on.get_untracked(),
            channel: self.channel.get_untracked(),
            description: self.description.get_untracked(),
            severity: self.severity.get_untracked(),
            nature: self.nature.get_untracked(),
            subject: self.subject.get_untracked(),
            anonymous: self.anonymous.get_untracked(),
            reply_only: self.reply_only.get_untracked(),
            written_reply: self.written_reply.get_untracked(),
            duplicate_of: id(self.duplicate_of),
            staff_involved: self.staff_involved.get_untracked(),
            completed_on: self.completed_on.get_untracked(),
        }
    }

    fn fill(&self, d: CaseDraft) {
        self.kind.set(d.kind);
        self.customer.set(d.customer_id.map(|c| c.to_string()).unwrap_or_default());
        self.participants.set(d.participants);
        self.received_on.set(d.received_on);
        self.channel.set(d.channel);
        self.description.set(d.description);
        self.severity.set(d.severity);
        self.nature.set(d.nature);
        self.subject.set(d.subject);
        self.anonymous.set(d.anonymous);
        self.reply_only.set(d.reply_only);
        self.written_reply.set(d.written_reply);
        self.duplicate_of.set(d.duplicate_of.map(|c| c.to_string()).unwrap_or_default());
        self.staff_involved.set(d.staff_involved);
        self.completed_on.set(d.completed_on);
    }

    pub fn edit(&self, case: Case) {
        self.fill(CaseDraft::of(&case));
        self.editing.set(Some(case));
    }

    /// After a new case was saved: ready for the next of the same kind,
    /// household and day (the front desk often records several in a row).
    pub fn next(&self) {
        for s in [self.description, self.written_reply, self.duplicate_of, self.completed_on] {
            s.set(String::new());
        }
        self.participants.set(Vec::new());
        self.staff_involved.set(Vec::new());
        self.anonymous.set(false);
        self.reply_only.set(false);
    }

    /// Back to an empty form for a new case of the same kind.
    pub fn clear(&self) {
        self.fill(CaseDraft::new(self.kind.get_untracked(), crate::clock::today()));
        self.editing.set(None);
    }
}

/// "王美丽 · 3-2-1201", the way staff find a household.
pub fn household(data: &Dataset, at: &Positions, id: Option<Uuid>) -> String {
    id.and_then(|id| at.customer(data, id)).map(customer_line).unwrap_or_default()
}

/// "王美丽 · 3-2-1201".
pub fn customer_line(c: &Customer) -> String {
    format!("{} · {}", c.name, c.unit)
}

/// A case as one line: received, household and the start of its description.
pub fn case_line(data: &Dataset, at: &Positions, c: &Case) -> String {
    let text: String = c.description.chars().take(30).collect();
    format!("{} · {} · {}", c.received_on, household(data, at, c.customer_id), text)
}
