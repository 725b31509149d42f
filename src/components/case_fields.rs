use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::{CaseKind, Channel, Nature, Positions, Severity, Subject};
use huifang_core::Dataset;

use crate::components::{case_line, customer_line, matches_search, CaseForm, Choice, PickList};
use crate::i18n::{case_kind, channel, nature, severity, subject, tr, use_i18n, Msg};

/// What the case form offers to choose from: households, active staff and
/// the latest cases (as originals of a duplicate), each as (id, line).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseChoices {
    pub customers: Vec<(Uuid, String)>,
    pub staff: Vec<(Uuid, String)>,
    pub others: Vec<(Uuid, String)>,
}

impl CaseChoices {
    pub fn of(data: &Dataset, at: &Positions) -> Self {
        CaseChoices {
            customers: data.customers.iter().map(|c| (c.id, customer_line(c))).collect(),
            staff: data.staff.iter().filter(|s| s.active).map(|s| (s.id, s.name.clone())).collect(),
            others: data.cases.iter().rev().take(200).map(|c| (c.id, case_line(data, at, c))).collect(),
        }
    }
}

/// Most households the customer list offers at once.
const CUSTOMERS_OFFERED: usize = 50;

/// Every household the case form may name, found by id or by search.
struct CustomerOptions {
    all: Vec<(Uuid, String)>,
    at: HashMap<Uuid, usize>,
}

/// What the customer list shows: the chosen household first, then the
/// first matches; `more` when others match too.
#[derive(Debug, Clone, PartialEq)]
struct Offered {
    shown: Vec<(Uuid, String)>,
    more: bool,
}

impl CustomerOptions {
    fn new(all: Vec<(Uuid, String)>) -> Self {
        let at = all.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        CustomerOptions { all, at }
    }

    fn offer(&self, needle: &str, chosen: Option<Uuid>) -> Offered {
        let mut matching = self.all.iter().filter(|(_, line)| matches_search(needle, &[line.as_str()]));
        let mut shown: Vec<(Uuid, String)> = matching.by_ref().take(CUSTOMERS_OFFERED).cloned().collect();
        let more = matching.next().is_some();
        // The chosen household stays in the list, whatever the search.
        if let Some(&i) = chosen.and_then(|id| self.at.get(&id)) {
            if !shown.iter().any(|(id, _)| *id == self.all[i].0) {
                shown.insert(0, self.all[i].clone());
            }
        }
        Offered { shown, more }
    }
}

/// The case form's fields.
#[component]
pub fn CaseFields(form: CaseForm, choices: CaseChoices) -> impl IntoView {
    let i18n = use_i18n();
    let today = crate::clock::today().to_string();
    let complaint = move || form.kind.get() == CaseKind::Complaint;
    let many = move || form.kind.get() == CaseKind::Activity && form.editing.with(Option::is_none);
    let CaseChoices { customers, staff, others } = choices;
    // A whole estate has tens of thousands of households: the list offers
    // the chosen one and the first matches of the search, never them all.
    let customer_search = RwSignal::new(String::new());
    let options = StoredValue::new(CustomerOptions::new(customers.clone()));
    let offered = Memo::new(move |_| {
        let needle = customer_search.with(|s| s.trim().to_lowercase());
        let chosen = form.customer.with(|c| Uuid::parse_str(c).ok());
        options.with_value(|o| o.offer(&needle, chosen))
    });
    let no_staff = staff.is_empty();
    let others = StoredValue::new(others);
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
            <label for="case-kind">{tr(Msg::CaseKind)}</label>
            <Choice id="case-kind" options=&CaseKind::ALL value=form.kind label=case_kind />
            <Show when=complaint>
                <span></span>
                <label class="check">
                    <input id="case-anonymous" type="checkbox" bind:checked=form.anonymous />
                    {tr(Msg::Anonymous)}
                </label>
            </Show>
            <Show when=move || !(many() || (complaint() && form.anonymous.get()))>
                <label for="complaint-customer">{tr(Msg::Customer)}</label>
                <div class="customer-pick">
                    <input
                        type="search"
                        id="complaint-customer-search"
                        aria-label=move || i18n.t(Msg::Search)
                        placeholder=move || i18n.t(Msg::CustomerSearchHint)
                        bind:value=customer_search
                    />
                    <select id="complaint-customer" on:change=move |ev| form.customer.set(event_target_value(&ev))>
                        <option value="" selected=move || form.customer.with(String::is_empty)>
                            {tr(Msg::ChooseCustomer)}
                        </option>
                        <For
                            each=move || offered.get().shown
                            key=|(id, _)| *id
                            children=move |(id, label)| {
                                view! { <option value=id.to_string() selected=select_id(form.customer, id.to_string())>{label}</option> }
                            }
                        />
                    </select>
                    <Show when=move || offered.with(|o| o.more)>
                        <p class="hint" id="complaint-customer-more">{tr(Msg::NarrowCustomers)}</p>
                    </Show>
                </div>
            </Show>
            <Show when=many>
                <span class="label">{tr(Msg::Participants)}</span>
                <PickList
                    items=customers.clone()
                    selected=form.participants
                    class="participant"
                    filter=(form.participant_filter, "participant-filter")
                />
            </Show>
            <label for="complaint-received">{tr(Msg::ReceivedOn)}</label>
            <input id="complaint-received" type="date" max=today.clone() bind:value=form.received_on />
            <label for="complaint-channel">{tr(Msg::Channel)}</label>
            <Choice id="complaint-channel" options=&Channel::ALL value=form.channel label=channel />
            <Show when=complaint>
                <label for="complaint-severity">{tr(Msg::Severity)}</label>
                <Choice id="complaint-severity" options=&Severity::ALL value=form.severity label=severity />
                <label for="case-nature">{tr(Msg::Nature)}</label>
                <Choice id="case-nature" options=&Nature::ALL value=form.nature label=nature />
                <label for="complaint-subject">{tr(Msg::Subject)}</label>
                <Choice id="complaint-subject" options=&Subject::ALL value=form.subject label=subject />
            </Show>
            <label for="complaint-description">{tr(Msg::Description)}</label>
            <textarea id="complaint-description" rows="3" bind:value=form.description></textarea>
            <Show when=complaint>
                <span></span>
                <label class="check">
                    <input id="case-reply-only" type="checkbox" bind:checked=form.reply_only />
                    {tr(Msg::ReplyOnly)}
                </label>
            </Show>
            <Show when=move || complaint() && form.reply_only.get()>
                <label for="case-written-reply">{tr(Msg::WrittenReply)}</label>
                <textarea id="case-written-reply" rows="3" bind:value=form.written_reply></textarea>
            </Show>
            <label for="case-duplicate-of">{tr(Msg::DuplicateOf)}</label>
            <select id="case-duplicate-of" on:change=move |ev| form.duplicate_of.set(event_target_value(&ev))>
                <option value="" selected=move || form.duplicate_of.with(String::is_empty)>
                    {tr(Msg::NotDuplicate)}
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
            <span class="label">{tr(Msg::StaffInvolved)}</span>
            <div>
                {if no_staff {
                    view! { <p class="hint">{tr(Msg::NoStaffYet)}</p> }.into_any()
                } else {
                    view! {
                        <PickList items=staff selected=form.staff_involved class="case-staff" />
                        <p class="hint">{tr(Msg::StaffInvolvedHint)}</p>
                    }
                    .into_any()
                }}
            </div>
            <label for="case-completed-on">{anchor_label}</label>
            <div>
                <input id="case-completed-on" type="date" max=today.clone() bind:value=form.completed_on />
                <p class="hint">{tr(Msg::AlreadyDone)}</p>
            </div>
        </div>
    }
}
