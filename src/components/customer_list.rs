use leptos::prelude::*;

use huifang_core::Dataset;

use crate::components::{CustomerForm, TableHead};
use crate::i18n::{contact_preference, sales_class, tr, use_i18n, Msg};

/// The customers on record, each with what the revisit rules look at.
#[component]
pub fn CustomerList(data: Dataset, form: CustomerForm) -> impl IntoView {
    let i18n = use_i18n();
    if data.customers.is_empty() {
        return view! { <p class="empty">{tr(Msg::NoCustomers)}</p> }.into_any();
    }
    let rows = data
        .customers
        .into_iter()
        .map(|c| {
            let phones = std::iter::once(c.phone.clone()).chain(c.other_phones.iter().cloned()).collect::<Vec<_>>();
            let (contact, class, since) = (c.contact, c.sales_class, c.sales_class_since);
            let moved_in = c.moved_in_on.map(|d| d.to_string()).unwrap_or_default();
            let (decorating, resident) = (c.decorating, c.resident);
            let (id, name, unit, email) = (c.id.to_string(), c.name.clone(), c.unit.to_string(), c.email.clone());
            view! {
                <tr class="customer-row" data-customer-id=id>
                    <td>{name}</td>
                    <td>{phones.join(", ")} <div class="sub">{email}</div></td>
                    <td>{unit}</td>
                    <td>{move || contact_preference(i18n.lang(), contact)}</td>
                    <td class="move-in">
                        {moved_in}
                        {decorating.then(|| view! { <span class="tag">{tr(Msg::Decorating)}</span> })}
                        {(!resident).then(|| view! { <span class="tag">{tr(Msg::NotResident)}</span> })}
                    </td>
                    <td>
                        {move || class.map(|k| sales_class(i18n.lang(), k))}
                        <div class="sub">{since.map(|d| d.to_string())}</div>
                    </td>
                    <td>
                        <button
                            type="button"
                            class="edit-customer"
                            on:click=move |_| {
                                form.edit(c.clone());
                                crate::components::scroll_to_top();
                            }
                        >
                            {tr(Msg::Edit)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="list" id="customer-list">
            <TableHead columns=&[
                Some(Msg::Name),
                Some(Msg::Phone),
                Some(Msg::Unit),
                Some(Msg::ContactPreference),
                Some(Msg::MovedInOn),
                Some(Msg::SalesClass),
                None,
            ] />
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
