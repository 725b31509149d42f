use leptos::prelude::*;

use huifang_core::model::{Case, Channel, Severity, Subject};
use huifang_core::validation::{complete_case, ComplaintDraft, FieldError};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{Choice, FieldErrors, TableHead, WithData};
use crate::i18n::{channel, field_error, severity, subject, use_i18n, Msg};
use crate::state::use_app;

/// Complaints: record one, then mark it handled so its revisit is scheduled.
#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let today = clock::today();
    let customer = RwSignal::new(String::new());
    let received_on = RwSignal::new(today.to_string());
    let channel_v = RwSignal::new(Channel::Phone);
    let severity_v = RwSignal::new(Severity::General);
    let subject_v = RwSignal::new(Subject::Equipment);
    let description = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let save = Action::new_local(move |draft: &ComplaintDraft| {
        let draft = draft.clone();
        async move {
            let known = match app.data.get_untracked() {
                Some(Ok(data)) => data.customers.iter().map(|c| c.id).collect::<Vec<_>>(),
                _ => Vec::new(),
            };
            let case =
                match draft.validate(uuid::Uuid::new_v4(), |id| known.contains(&id), clock::today(), clock::now()) {
                    Ok(c) => c,
                    Err(e) => return errors.set(e),
                };
            errors.set(Vec::new());
            if app.save(Msg::ComplaintSaved, |db| async move { db.put_case(&case).await }).await {
                description.set(String::new());
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(ComplaintDraft {
            customer_id: uuid::Uuid::parse_str(&customer.get()).ok(),
            received_on: received_on.get(),
            channel: channel_v.get(),
            severity: severity_v.get(),
            subject: subject_v.get(),
            description: description.get(),
        });
    };

    view! {
        <section class="page">
            <h2>{move || i18n.t(Msg::ComplaintsTitle)}</h2>
            <WithData render=move |data: Dataset| {
                if data.customers.is_empty() {
                    return view! { <p class="empty">{move || i18n.t(Msg::NeedCustomerFirst)}</p> }.into_any();
                }
                let options = data
                    .customers
                    .iter()
                    .map(|c| {
                        let id = c.id.to_string();
                        let label = format!("{} · {}", c.name, c.unit);
                        view! { <option value=id.clone() selected=move || customer.get() == id>{label}</option> }
                    })
                    .collect_view();
                view! {
                    <form class="card form" id="complaint-form" on:submit=submit>
                        <h3>{move || i18n.t(Msg::NewComplaint)}</h3>
                        <div class="grid">
                            <label for="complaint-customer">{move || i18n.t(Msg::Customer)}</label>
                            <select id="complaint-customer" on:change=move |ev| customer.set(event_target_value(&ev))>
                                <option value="" selected=move || customer.get().is_empty()>{move || i18n.t(Msg::ChooseCustomer)}</option>
                                {options}
                            </select>
                            <label for="complaint-received">{move || i18n.t(Msg::ReceivedOn)}</label>
                            <input id="complaint-received" type="date" max=today.to_string() bind:value=received_on />
                            <label for="complaint-channel">{move || i18n.t(Msg::Channel)}</label>
                            <Choice id="complaint-channel" options=&Channel::ALL value=channel_v label=channel />
                            <label for="complaint-severity">{move || i18n.t(Msg::Severity)}</label>
                            <Choice id="complaint-severity" options=&Severity::ALL value=severity_v label=severity />
                            <label for="complaint-subject">{move || i18n.t(Msg::Subject)}</label>
                            <Choice id="complaint-subject" options=&Subject::ALL value=subject_v label=subject />
                            <label for="complaint-description">{move || i18n.t(Msg::Description)}</label>
                            <textarea id="complaint-description" rows="3" bind:value=description></textarea>
                        </div>
                        <FieldErrors errors=errors />
                        <button type="submit" id="save-complaint" class="primary" disabled=move || save.pending().get()>
                            {move || i18n.t(Msg::SaveComplaint)}
                        </button>
                    </form>
                    <ComplaintList data=data />
                }
                .into_any()
            } />
        </section>
    }
}

/// The complaints on record with their handling state.
#[component]
fn ComplaintList(data: Dataset) -> impl IntoView {
    let i18n = use_i18n();
    if data.cases.is_empty() {
        return view! { <p class="empty">{move || i18n.t(Msg::NoComplaints)}</p> }.into_any();
    }
    let rows = data
        .cases
        .iter()
        .rev()
        .map(|case| {
            let who = case
                .customer_id
                .and_then(|id| data.customer(id))
                .map(|c| format!("{} · {}", c.name, c.unit))
                .unwrap_or_default();
            let revisited = data.revisits.iter().any(|r| r.case_id == Some(case.id) && r.is_completed());
            let sev = case.severity;
            view! {
                <tr class="case-row" data-case-id=case.id.to_string()>
                    <td>{case.received_on.to_string()}</td>
                    <td>{who}</td>
                    <td>{move || severity(i18n.lang(), sev)}</td>
                    <td class="description">{case.description.clone()}</td>
                    <td class="handling"><Handling case=case.clone() revisited=revisited /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="list" id="complaint-list">
            <TableHead columns=&[Some(Msg::ReceivedOn), Some(Msg::Customer), Some(Msg::Severity), Some(Msg::Description), Some(Msg::CaseStatus)] />
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// "Being handled" with a completion date to confirm, or the state reached.
#[component]
fn Handling(case: Case, revisited: bool) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    if let Some(done) = case.completed_on {
        let state = if revisited { Msg::Revisited } else { Msg::HandledOn };
        return view! { <span class="state">{move || i18n.t(state)} " " {done.to_string()}</span> }.into_any();
    }
    let today = clock::today();
    let completed_on = RwSignal::new(today.to_string());
    let mark = Action::new_local(move |(case, date): &(Case, String)| {
        let (case, date) = (case.clone(), date.clone());
        async move {
            let updated = match complete_case(&case, &date, clock::today(), clock::now()) {
                Ok(c) => c,
                Err(e) => return app.failed(field_error(i18n.current(), &e)),
            };
            app.save(Msg::HandledSaved, |db| async move { db.put_case(&updated).await }).await;
        }
    });
    view! {
        <span class="state">{move || i18n.t(Msg::InHandling)}</span>
        <label class="inline">
            {move || i18n.t(Msg::CompletedOn)}
            <input class="completed-on" type="date" max=today.to_string() bind:value=completed_on />
        </label>
        <button class="mark-handled" on:click=move |_| { mark.dispatch((case.clone(), completed_on.get())); }>
            {move || i18n.t(Msg::MarkHandled)}
        </button>
    }
    .into_any()
}
