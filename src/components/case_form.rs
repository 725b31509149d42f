use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::{Case, CaseKind, Channel, Nature, Severity, Subject};
use huifang_core::validation::CaseDraft;
use huifang_core::Dataset;

use crate::components::{Choice, PickList};
use crate::i18n::{case_kind, channel, nature, severity, subject, use_i18n, Msg};

/// The case form's values, kept by the page so a reload of the records
/// does not clear what is being typed.
#[derive(Clone, Copy)]
pub struct CaseForm {
    pub kind: RwSignal<CaseKind>,
    customer: RwSignal<String>,
    participants: RwSignal<Vec<Uuid>>,
    participant_filter: RwSignal<String>,
    received_on: RwSignal<String>,
    channel: RwSignal<Channel>,
    description: RwSignal<String>,
    severity: RwSignal<Severity>,
    nature: RwSignal<Nature>,
    subject: RwSignal<Subject>,
    anonymous: RwSignal<bool>,
    reply_only: RwSignal<bool>,
    written_reply: RwSignal<String>,
    duplicate_of: RwSignal<String>,
    staff_involved: RwSignal<Vec<Uuid>>,
    completed_on: RwSignal<String>,
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
pub fn household(data: &Dataset, id: Option<Uuid>) -> String {
    id.and_then(|id| data.customer(id)).map(|c| format!("{} · {}", c.name, c.unit)).unwrap_or_default()
}

/// A case as one line: received, household and the start of its description.
pub fn case_line(data: &Dataset, c: &Case) -> String {
    let text: String = c.description.chars().take(30).collect();
    format!("{} · {} · {}", c.received_on, household(data, c.customer_id), text)
}

/// The case form's fields; `data` supplies households, staff and cases.
#[component]
pub fn CaseFields(form: CaseForm, data: Dataset) -> impl IntoView {
    let i18n = use_i18n();
    let today = crate::clock::today().to_string();
    let complaint = move || form.kind.get() == CaseKind::Complaint;
    let many = move || form.kind.get() == CaseKind::Activity && form.editing.with(Option::is_none);
    let customers: Vec<(Uuid, String)> = data.customers.iter().map(|c| (c.id, household(&data, Some(c.id)))).collect();
    let options = StoredValue::new(customers.clone());
    let staff: Vec<(Uuid, String)> = data.staff.iter().filter(|s| s.active).map(|s| (s.id, s.name.clone())).collect();
    let no_staff = staff.is_empty();
    let others =
        StoredValue::new(data.cases.iter().rev().take(200).map(|c| (c.id, case_line(&data, c))).collect::<Vec<_>>());
    let anchor_label = move || {
        i18n.t(match form.kind.get() {
            CaseKind::Repair => Msg::RepairedOn,
            CaseKind::Activity => Msg::EndedOn,
            CaseKind::MoveIn => Msg::MovedInOn,
            CaseKind::Signing => Msg::SignedOn,
            CaseKind::HolidayVisit => Msg::VisitedOnDay,
            CaseKind::Complaint | CaseKind::Emergency => Msg::CompletedOn,
        })
    };
    let select_id = |value: RwSignal<String>, id: String| {
        let selected = id.clone();
        move || value.get() == selected
    };
    view! {
        <div class="grid">
            <label for="case-kind">{move || i18n.t(Msg::CaseKind)}</label>
            <Choice id="case-kind" options=&CaseKind::ALL value=form.kind label=case_kind />
            <Show when=complaint>
                <span></span>
                <label class="check">
                    <input id="case-anonymous" type="checkbox" bind:checked=form.anonymous />
                    {move || i18n.t(Msg::Anonymous)}
                </label>
            </Show>
            <Show when=move || !(many() || (complaint() && form.anonymous.get()))>
                <label for="complaint-customer">{move || i18n.t(Msg::Customer)}</label>
                <select id="complaint-customer" on:change=move |ev| form.customer.set(event_target_value(&ev))>
                    <option value="" selected=move || form.customer.with(String::is_empty)>
                        {move || i18n.t(Msg::ChooseCustomer)}
                    </option>
                    {options.with_value(|o| {
                        o.iter()
                            .map(|(id, label)| {
                                let id = id.to_string();
                                view! { <option value=id.clone() selected=select_id(form.customer, id)>{label.clone()}</option> }
                            })
                            .collect_view()
                    })}
                </select>
            </Show>
            <Show when=many>
                <span class="label">{move || i18n.t(Msg::Participants)}</span>
                <PickList
                    items=customers.clone()
                    selected=form.participants
                    class="participant"
                    filter=(form.participant_filter, "participant-filter")
                />
            </Show>
            <label for="complaint-received">{move || i18n.t(Msg::ReceivedOn)}</label>
            <input id="complaint-received" type="date" max=today.clone() bind:value=form.received_on />
            <label for="complaint-channel">{move || i18n.t(Msg::Channel)}</label>
            <Choice id="complaint-channel" options=&Channel::ALL value=form.channel label=channel />
            <Show when=complaint>
                <label for="complaint-severity">{move || i18n.t(Msg::Severity)}</label>
                <Choice id="complaint-severity" options=&Severity::ALL value=form.severity label=severity />
                <label for="case-nature">{move || i18n.t(Msg::Nature)}</label>
                <Choice id="case-nature" options=&Nature::ALL value=form.nature label=nature />
                <label for="complaint-subject">{move || i18n.t(Msg::Subject)}</label>
                <Choice id="complaint-subject" options=&Subject::ALL value=form.subject label=subject />
            </Show>
            <label for="complaint-description">{move || i18n.t(Msg::Description)}</label>
            <textarea id="complaint-description" rows="3" bind:value=form.description></textarea>
            <Show when=complaint>
                <span></span>
                <label class="check">
                    <input id="case-reply-only" type="checkbox" bind:checked=form.reply_only />
                    {move || i18n.t(Msg::ReplyOnly)}
                </label>
            </Show>
            <Show when=move || complaint() && form.reply_only.get()>
                <label for="case-written-reply">{move || i18n.t(Msg::WrittenReply)}</label>
                <textarea id="case-written-reply" rows="3" bind:value=form.written_reply></textarea>
            </Show>
            <label for="case-duplicate-of">{move || i18n.t(Msg::DuplicateOf)}</label>
            <select id="case-duplicate-of" on:change=move |ev| form.duplicate_of.set(event_target_value(&ev))>
                <option value="" selected=move || form.duplicate_of.with(String::is_empty)>
                    {move || i18n.t(Msg::NotDuplicate)}
                </option>
                {move || {
                    // Never offer the case being edited as its own original (rule 10).
                    let editing = form.editing.with(|e| e.as_ref().map(|c| c.id));
                    others.with_value(|o| {
                        o.iter()
                            .filter(|(id, _)| Some(*id) != editing)
                            .map(|(id, label)| {
                                let id = id.to_string();
                                view! { <option value=id.clone() selected=select_id(form.duplicate_of, id)>{label.clone()}</option> }
                            })
                            .collect_view()
                    })
                }}
            </select>
            <span class="label">{move || i18n.t(Msg::StaffInvolved)}</span>
            <div>
                {if no_staff {
                    view! { <p class="hint">{move || i18n.t(Msg::NoStaffYet)}</p> }.into_any()
                } else {
                    view! {
                        <PickList items=staff selected=form.staff_involved class="case-staff" />
                        <p class="hint">{move || i18n.t(Msg::StaffInvolvedHint)}</p>
                    }
                    .into_any()
                }}
            </div>
            <label for="case-completed-on">{anchor_label}</label>
            <div>
                <input id="case-completed-on" type="date" max=today.clone() bind:value=form.completed_on />
                <p class="hint">{move || i18n.t(Msg::AlreadyDone)}</p>
            </div>
        </div>
    }
}
