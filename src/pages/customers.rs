use leptos::prelude::*;

use huifang_core::validation::{CustomerDraft, FieldError};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{FieldErrors, TableHead, WithData};
use crate::i18n::{use_i18n, Msg};
use crate::state::use_app;

/// The customer list and the form to add one.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let building = RwSignal::new(String::new());
    let entrance = RwSignal::new(String::new());
    let room = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let save = Action::new_local(move |draft: &CustomerDraft| {
        let draft = draft.clone();
        async move {
            let customer = match draft.validate(uuid::Uuid::new_v4(), clock::now()) {
                Ok(c) => c,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            if app.save(Msg::CustomerSaved, |db| async move { db.put_customer(&customer).await }).await {
                for field in [name, phone, building, entrance, room] {
                    field.set(String::new());
                }
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(CustomerDraft {
            name: name.get(),
            phone: phone.get(),
            building: building.get(),
            entrance: entrance.get(),
            room: room.get(),
            ..CustomerDraft::default()
        });
    };

    // No maxlength: an over-long entry gets the validation message instead
    // of being cut off silently.
    let input = move |id: &'static str, label: Msg, value: RwSignal<String>| {
        view! {
            <label for=id>{move || i18n.t(label)}</label>
            <input id=id type="text" bind:value=value />
        }
    };

    view! {
        <section class="page">
            <h2>{move || i18n.t(Msg::CustomersTitle)}</h2>
            <form class="card form" id="customer-form" on:submit=submit>
                <h3>{move || i18n.t(Msg::NewCustomer)}</h3>
                <div class="grid">
                    {input("customer-name", Msg::Name, name)}
                    {input("customer-phone", Msg::Phone, phone)}
                    {input("customer-building", Msg::Building, building)}
                    {input("customer-entrance", Msg::Entrance, entrance)}
                    {input("customer-room", Msg::Room, room)}
                </div>
                <FieldErrors errors=errors />
                <button type="submit" id="save-customer" class="primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { i18n.t(Msg::Saving) } else { i18n.t(Msg::SaveCustomer) }}
                </button>
            </form>
            <WithData render=move |data: Dataset| {
                if data.customers.is_empty() {
                    return view! { <p class="empty">{move || i18n.t(Msg::NoCustomers)}</p> }.into_any();
                }
                view! {
                    <table class="list" id="customer-list">
                        <TableHead columns=&[Some(Msg::Name), Some(Msg::Phone), Some(Msg::Unit)] />
                        <tbody>
                            {data
                                .customers
                                .into_iter()
                                .map(|c| view! { <tr><td>{c.name}</td><td>{c.phone}</td><td>{c.unit.to_string()}</td></tr> })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            } />
        </section>
    }
}
