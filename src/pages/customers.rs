use leptos::prelude::*;

use huifang_core::model::Changes;
use huifang_core::model::Customer;
use huifang_core::validation::{move_in_case, CustomerDraft, FieldError};

use crate::clock;
use crate::components::{CustomerFields, CustomerForm, CustomerList, FieldErrors, Loaded};
use crate::i18n::{tr, use_i18n, Msg};
use crate::state::use_app;

/// The customer list and the form to add or edit one.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let form = CustomerForm::default();
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let save = Action::new_local(move |(draft, old): &(CustomerDraft, Option<Customer>)| {
        let (draft, old) = (draft.clone(), old.clone());
        async move {
            let (today, now) = (clock::today(), clock::now());
            let customer = match &old {
                Some(old) => draft.revise(old, today, now),
                None => draft.validate_on(uuid::Uuid::new_v4(), today, now),
            };
            let customer = match customer {
                Ok(c) => c,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            // Rule 4: a move-in date brings its move-in case, saved with the customer.
            let move_in = app
                .with_data_untracked(|data| move_in_case(&customer, &data.cases, uuid::Uuid::new_v4(), now))
                .flatten();
            // Saved together: all or none.
            let saved = match move_in {
                Some(case) => app.save(Msg::CustomerSavedMoveIn, Changes::customer(customer).and_case(case)).await,
                None => app.save(Msg::CustomerSaved, Changes::customer(customer)).await,
            };
            if saved {
                form.clear();
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((form.draft(), form.editing.get_untracked()));
    };
    let editing = move || form.editing.with(Option::is_some);

    view! {
        <section class="page">
            <h2>{tr(Msg::CustomersTitle)}</h2>
            <form class="card form" id="customer-form" on:submit=submit>
                <h3>{move || i18n.t(if editing() { Msg::EditCustomer } else { Msg::NewCustomer })}</h3>
                <CustomerFields form=form />
                <FieldErrors errors=errors />
                <div class="actions">
                    <Show when=editing>
                        <button
                            type="button"
                            id="cancel-customer"
                            on:click=move |_| {
                                form.clear();
                                errors.set(Vec::new());
                            }
                        >
                            {tr(Msg::CancelEdit)}
                        </button>
                    </Show>
                    <button type="submit" id="save-customer" class="primary" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { i18n.t(Msg::Saving) } else { i18n.t(Msg::SaveCustomer) }}
                    </button>
                </div>
            </form>
            <Loaded>
                <CustomerList form=form />
            </Loaded>
        </section>
    }
}
