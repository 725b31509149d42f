use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::{Case, Method, Satisfaction};
use huifang_core::scheduler::complaint_revisit;
use huifang_core::validation::{FieldError, RevisitDraft};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{Choice, FieldErrors, WithData};
use crate::i18n::{method, role, satisfaction, severity, use_i18n, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// The revisit record form (回访记录表) for one case, filled in while the
/// customer is on the phone or at the door.
#[component]
pub fn RevisitPage(case_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    view! {
        <section class="page">
            <h2>{move || i18n.t(Msg::RevisitTitle)}</h2>
            <WithData render=move |data: Dataset| match data.case(case_id).cloned() {
                Some(case) => view! { <RevisitForm case=case data=data /> }.into_any(),
                None => view! {
                    <p class="notice error">{move || i18n.t(Msg::CaseNotFound)}</p>
                    <button on:click=move |_| app.go(Page::Today)>{move || i18n.t(Msg::Back)}</button>
                }
                .into_any(),
            } />
        </section>
    }
}

#[component]
fn RevisitForm(case: Case, data: Dataset) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let today = clock::today();
    let customer = data.customer(case.customer_id).cloned();
    let round = data.revisits.iter().filter(|r| r.case_id == case.id).count() as u32 + 1;
    let planned = complaint_revisit(&case, today);

    let method_v = RwSignal::new(Method::Phone);
    let visited_on = RwSignal::new(today.to_string());
    let content = RwSignal::new(String::new());
    let satisfaction_v = RwSignal::new(None::<Satisfaction>);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let save = Action::new_local(move |(case, draft): &(Case, RevisitDraft)| {
        let (case, draft) = (case.clone(), draft.clone());
        async move {
            let revisit = match draft.validate(Uuid::new_v4(), &case, round, clock::today(), clock::now()) {
                Ok(r) => r,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            if app.save(Msg::RevisitSaved, |db| async move { db.put_revisit(&revisit).await }).await {
                app.page.set(Page::Today);
            }
        }
    });
    let submit = {
        let case = case.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let draft = RevisitDraft {
                method: method_v.get(),
                visited_on: visited_on.get(),
                content: content.get(),
                satisfaction: satisfaction_v.get(),
            };
            save.dispatch((case.clone(), draft));
        }
    };

    let sev = case.severity;
    let (name, phone, unit) = customer.map(|c| (c.name, c.phone, c.unit.to_string())).unwrap_or_default();
    view! {
        <div class="card summary" id="revisit-case">
            <p><strong>{name}</strong> " · " {unit} " · " <a href=format!("tel:{phone}")>{phone.clone()}</a></p>
            <p>{move || severity(i18n.lang(), sev)} " · " {case.description.clone()}</p>
            {planned.map(|p| view! {
                <p class="due">
                    {move || i18n.t(Msg::DueOn)} ": " {p.due_on.to_string()} " · "
                    {move || i18n.t(Msg::Assignee)} ": " {move || role(i18n.lang(), p.role)} " · "
                    {move || i18n.t(Msg::Round)} ": " {round}
                </p>
            })}
        </div>
        <form class="card form" id="revisit-form" on:submit=submit>
            <div class="grid">
                <label for="revisit-method">{move || i18n.t(Msg::Method)}</label>
                <Choice id="revisit-method" options=&Method::ALL value=method_v label=method />
                <label for="revisit-date">{move || i18n.t(Msg::VisitedOn)}</label>
                <input id="revisit-date" type="date" max=today.to_string() bind:value=visited_on />
                <label for="revisit-content">{move || i18n.t(Msg::Content)}</label>
                <textarea id="revisit-content" rows="4" bind:value=content></textarea>
                <span class="label">{move || i18n.t(Msg::Satisfaction)}</span>
                <div class="radios" role="radiogroup">
                    {Satisfaction::ALL
                        .into_iter()
                        .map(|s| view! {
                            <label class="radio">
                                <input
                                    type="radio"
                                    name="satisfaction"
                                    value=format!("{s:?}").to_lowercase()
                                    prop:checked=move || satisfaction_v.get() == Some(s)
                                    on:change=move |_| satisfaction_v.set(Some(s))
                                />
                                {move || satisfaction(i18n.lang(), s)}
                            </label>
                        })
                        .collect_view()}
                </div>
            </div>
            <FieldErrors errors=errors />
            <div class="actions">
                <button type="button" on:click=move |_| app.go(Page::Today)>{move || i18n.t(Msg::Cancel)}</button>
                <button type="submit" id="save-revisit" class="primary" disabled=move || save.pending().get()>
                    {move || i18n.t(Msg::SaveRevisit)}
                </button>
            </div>
        </form>
    }
}
