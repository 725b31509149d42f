use leptos::prelude::*;

use huifang_core::model::Changes;
use huifang_core::model::{Case, CaseKind};
use huifang_core::policy::PolicyKey;
use huifang_core::validation::{complete_case_with_reply, request_revisit};

use crate::clock;
use crate::i18n::{field_error, tr, use_i18n, Msg};
use crate::state::use_app;

/// The words for a case's anchor event: (the state reached, the button, its date).
fn anchor_words(kind: CaseKind) -> (Msg, Msg, Msg) {
    match kind {
        CaseKind::Complaint | CaseKind::Emergency => (Msg::HandledOn, Msg::MarkHandled, Msg::CompletedOn),
        CaseKind::Repair => (Msg::Repaired, Msg::MarkRepaired, Msg::RepairedOn),
        CaseKind::Activity => (Msg::Ended, Msg::MarkEnded, Msg::EndedOn),
        CaseKind::MoveIn => (Msg::MovedIn, Msg::MarkMovedIn, Msg::MovedInOn),
        CaseKind::Signing => (Msg::Signed, Msg::MarkSigned, Msg::SignedOn),
        CaseKind::HolidayVisit => (Msg::Visited, Msg::MarkVisited, Msg::VisitedOnDay),
    }
}

/// "Being handled" with a completion date to confirm (and, for a complaint
/// the authority wants only a written reply to, the reply: rule 11), or the
/// state reached.
#[component]
pub fn Handling(case: Case, revisited: bool) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let (state, button, date_label) = anchor_words(case.kind);
    if let Some(done) = case.completed_on {
        let state = if revisited { Msg::Revisited } else { state };
        return view! { <span class="state">{move || i18n.t(state)} " " {done.to_string()}</span> }.into_any();
    }
    let today = clock::today();
    let completed_on = RwSignal::new(today.to_string());
    let reply = RwSignal::new(case.written_reply.clone());
    let reply_only = case.reply_only;
    let done_msg = if case.kind == CaseKind::Complaint { Msg::HandledSaved } else { Msg::CompletedSaved };
    let mark = Action::new_local(move |(case, date, reply): &(Case, String, String)| {
        let (case, date, reply) = (case.clone(), date.clone(), reply.clone());
        async move {
            let updated = match complete_case_with_reply(&case, &date, &reply, clock::today(), clock::now()) {
                Ok(c) => c,
                Err(e) => return app.failed(field_error(i18n.current(), &e)),
            };
            app.save(done_msg, Changes::case(updated)).await;
        }
    });
    view! {
        <span class="state">{tr(Msg::InHandling)}</span>
        {reply_only.then(|| view! {
            <label class="block">
                {tr(Msg::WrittenReply)}
                <textarea class="written-reply" rows="2" bind:value=reply></textarea>
            </label>
        })}
        <label class="inline">
            {move || i18n.t(date_label)}
            <input class="completed-on" type="date" max=today.to_string() bind:value=completed_on />
        </label>
        <button
            type="button"
            class="mark-handled"
            disabled=move || mark.pending().get()
            on:click=move |_| {
                mark.dispatch((case.clone(), completed_on.get(), reply.get()));
            }
        >
            {move || i18n.t(button)}
        </button>
    }
    .into_any()
}

/// "Add to revisit list" beyond the sampled target, where a revisit is
/// possible at all (not a holiday visit, not exempt under rules 10–11).
#[component]
pub fn RequestRevisit(case: Case) -> impl IntoView {
    let app = use_app();
    if case.revisit_requested {
        return view! { <span class="tag requested">{tr(Msg::RevisitRequested)}</span> }.into_any();
    }
    let exempt = case.anonymous || case.reply_only || case.duplicate_of.is_some() || case.customer_id.is_none();
    if exempt || PolicyKey::of(&case).is_none() {
        return ().into_any();
    }
    let request = Action::new_local(move |case: &Case| {
        let updated = request_revisit(case, clock::now());
        async move {
            app.save(Msg::RevisitRequested, Changes::case(updated)).await;
        }
    });
    view! {
        <button
            type="button"
            class="request-revisit"
            disabled=move || request.pending().get()
            on:click=move |_| {
                request.dispatch(case.clone());
            }
        >
            {tr(Msg::RequestRevisit)}
        </button>
    }
    .into_any()
}
