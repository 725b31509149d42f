use leptos::prelude::*;

use huifang_core::model::{ContactPreference, Customer, SalesClass};
use huifang_core::validation::CustomerDraft;

use crate::components::Choice;
use crate::i18n::{contact_preference, sales_class_or_none, tr, use_i18n, Msg};

const SALES_CLASSES: [Option<SalesClass>; 6] =
    [None, Some(SalesClass::A), Some(SalesClass::B), Some(SalesClass::C), Some(SalesClass::D), Some(SalesClass::Deal)];

/// The customer form's values, kept by the page so a reload of the list
/// does not clear what is being typed.
#[derive(Clone, Copy)]
pub struct CustomerForm {
    name: RwSignal<String>,
    phone: RwSignal<String>,
    other_phones: RwSignal<String>,
    email: RwSignal<String>,
    building: RwSignal<String>,
    entrance: RwSignal<String>,
    room: RwSignal<String>,
    contact: RwSignal<ContactPreference>,
    moved_in_on: RwSignal<String>,
    decorating: RwSignal<bool>,
    resident: RwSignal<bool>,
    sales_class: RwSignal<Option<SalesClass>>,
    sales_class_since: RwSignal<String>,
    /// The customer being edited; `None` while adding one.
    pub editing: RwSignal<Option<Customer>>,
}

impl Default for CustomerForm {
    fn default() -> Self {
        let d = CustomerDraft::default();
        CustomerForm {
            name: RwSignal::new(d.name),
            phone: RwSignal::new(d.phone),
            other_phones: RwSignal::new(d.other_phones),
            email: RwSignal::new(d.email),
            building: RwSignal::new(d.building),
            entrance: RwSignal::new(d.entrance),
            room: RwSignal::new(d.room),
            contact: RwSignal::new(d.contact),
            moved_in_on: RwSignal::new(d.moved_in_on),
            decorating: RwSignal::new(d.decorating),
            resident: RwSignal::new(d.resident),
            sales_class: RwSignal::new(d.sales_class),
            sales_class_since: RwSignal::new(d.sales_class_since),
            editing: RwSignal::new(None),
        }
    }
}

impl CustomerForm {
    pub fn draft(&self) -> CustomerDraft {
        CustomerDraft {
            name: self.name.get_untracked(),
            phone: self.phone.get_untracked(),
            building: self.building.get_untracked(),
            entrance: self.entrance.get_untracked(),
            room: self.room.get_untracked(),
            other_phones: self.other_phones.get_untracked(),
            email: self.email.get_untracked(),
            contact: self.contact.get_untracked(),
            moved_in_on: self.moved_in_on.get_untracked(),
            decorating: self.decorating.get_untracked(),
            resident: self.resident.get_untracked(),
            sales_class: self.sales_class.get_untracked(),
            sales_class_since: self.sales_class_since.get_untracked(),
        }
    }

    fn fill(&self, d: CustomerDraft) {
        self.name.set(d.name);
        self.phone.set(d.phone);
        self.other_phones.set(d.other_phones);
        self.email.set(d.email);
        self.building.set(d.building);
        self.entrance.set(d.entrance);
        self.room.set(d.room);
        self.contact.set(d.contact);
        self.moved_in_on.set(d.moved_in_on);
        self.decorating.set(d.decorating);
        self.resident.set(d.resident);
        self.sales_class.set(d.sales_class);
        self.sales_class_since.set(d.sales_class_since);
    }

    pub fn edit(&self, c: Customer) {
        self.fill(CustomerDraft::of(&c));
        self.editing.set(Some(c));
    }

    pub fn clear(&self) {
        self.fill(CustomerDraft::default());
        self.editing.set(None);
    }
}

/// The customer form's fields.
#[component]
pub fn CustomerFields(form: CustomerForm) -> impl IntoView {
    let i18n = use_i18n();
    let today = crate::clock::today().to_string();
    // No maxlength: an over-long entry gets the validation message instead
    // of being cut off silently.
    let input = move |id: &'static str, label: Msg, value: RwSignal<String>| {
        view! {
            <label for=id>{move || i18n.t(label)}</label>
            <input id=id type="text" bind:value=value />
        }
    };
    let check = move |id: &'static str, label: Msg, value: RwSignal<bool>| {
        view! {
            <label class="check">
                <input id=id type="checkbox" bind:checked=value />
                {move || i18n.t(label)}
            </label>
        }
    };
    view! {
        <div class="grid">
            {input("customer-name", Msg::Name, form.name)}
            {input("customer-phone", Msg::Phone, form.phone)}
            {input("customer-building", Msg::Building, form.building)}
            {input("customer-entrance", Msg::Entrance, form.entrance)}
            {input("customer-room", Msg::Room, form.room)}
            <label for="customer-other-phones">{tr(Msg::OtherPhones)}</label>
            <input
                id="customer-other-phones"
                type="text"
                placeholder=tr(Msg::OtherPhonesHint)
                bind:value=form.other_phones
            />
            <label for="customer-email">{tr(Msg::Email)}</label>
            <input id="customer-email" type="email" bind:value=form.email />
            <label for="customer-contact">{tr(Msg::ContactPreference)}</label>
            <Choice id="customer-contact" options=&ContactPreference::ALL value=form.contact label=contact_preference />
            <label for="customer-moved-in">{tr(Msg::MovedInOn)}</label>
            <input id="customer-moved-in" type="date" max=today.clone() bind:value=form.moved_in_on />
            <span></span>
            <div class="checks">
                {check("customer-decorating", Msg::Decorating, form.decorating)}
                {check("customer-resident", Msg::Resident, form.resident)}
            </div>
            <label for="customer-sales-class">{tr(Msg::SalesClass)}</label>
            <Choice id="customer-sales-class" options=&SALES_CLASSES value=form.sales_class label=sales_class_or_none />
            <Show when=move || form.sales_class.with(Option::is_some)>
                <label for="customer-sales-since">{tr(Msg::SalesClassSince)}</label>
                <input id="customer-sales-since" type="date" max=today.clone() bind:value=form.sales_class_since />
            </Show>
        </div>
    }
}
