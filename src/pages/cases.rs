use leptos::prelude::*;

use huifang_core::model::Changes;
use huifang_core::model::{Case, CaseKind};
use huifang_core::validation::{CaseDraft, FieldError};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{CaseChoices, CaseFields, CaseForm, CaseList, FieldErrors, Loaded};
use crate::i18n::{tr, use_i18n, Msg};
use crate::state::use_app;

/// 事项: record a complaint, repair, activity… (an activity for several
/// households at once), edit one, then mark it handled so its revisit is
/// scheduled.
#[component]
pub fn CasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let form = CaseForm::default();
    let list_kind = RwSignal::new(None::<CaseKind>);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let save = Action::new_local(move |(draft, old): &(CaseDraft, Option<Case>)| {
        let (draft, old) = (draft.clone(), old.clone());
        async move {
            let (today, now) = (clock::today(), clock::now());
            let check = |data: &Dataset| match &old {
                Some(old) => draft.revise(old, data, today, now).map(|c| vec![c]),
                None => draft.validate_all(uuid::Uuid::new_v4, data, today, now),
            };
            let Some(checked) = app.with_data_untracked(check) else { return };
            let cases = match checked {
                Ok(cases) => cases,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            let done = match (&old, draft.kind) {
                (Some(_), _) => Msg::CaseUpdated,
                (None, CaseKind::Complaint) => Msg::ComplaintSaved,
                (None, CaseKind::Activity) => Msg::ActivitySaved,
                (None, _) => Msg::CaseSaved,
            };
            if app.save(done, Changes::cases(cases)).await {
                if old.is_some() {
                    form.clear();
                } else {
                    form.next();
                }
            }
        }
    });

    // The form's pick lists change only when households, staff or cases do.
    let choices = Memo::new(move |_| app.with_indexed(CaseChoices::of));
    let no_customers = move || choices.with(|c| c.as_ref().is_some_and(|c| c.customers.is_empty()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((form.draft(), form.editing.get_untracked()));
    };
    let editing = move || form.editing.with(Option::is_some);

    view! {
        <section class="page">
            <h2>{tr(Msg::CasesTitle)}</h2>
            <Loaded>
                    <Show when=no_customers>
                        <p class="hint">{tr(Msg::NeedCustomerFirst)}</p>
                    </Show>
                    <form class="card form" id="complaint-form" on:submit=submit>
                        <h3>{move || i18n.t(if editing() { Msg::EditCase } else { Msg::NewCase })}</h3>
                        {move || choices.get().map(|choices| view! { <CaseFields form=form choices=choices /> })}
                        <FieldErrors errors=errors />
                        <div class="actions">
                            <Show when=editing>
                                <button
                                    type="button"
                                    id="cancel-case"
                                    on:click=move |_| {
                                        form.clear();
                                        errors.set(Vec::new());
                                    }
                                >
                                    {tr(Msg::CancelEdit)}
                                </button>
                            </Show>
                            <button type="submit" id="save-complaint" class="primary" disabled=move || save.pending().get()>
                                {move || i18n.t(if save.pending().get() { Msg::Saving } else { Msg::SaveCase })}
                            </button>
                        </div>
                    </form>
                    <CaseList form=form kind=list_kind />
            </Loaded>
        </section>
    }
}
