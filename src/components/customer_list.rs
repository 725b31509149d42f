use leptos::prelude::*;

use huifang_core::model::Customer;

use crate::components::{digest, first_page_on, matches_search, page_range, CustomerForm, Pager, SearchBox, TableHead};
use crate::i18n::{contact_preference, sales_class, tr, use_i18n, Msg};
use crate::state::use_app;

/// Whether customer `c` matches the search `needle` (lower-cased): by
/// name, any phone number, or unit (typed as "3-2-1201" or "1201").
fn found(c: &Customer, needle: &str) -> bool {
    let unit = c.unit.to_string();
    let mut texts = vec![c.name.as_str(), c.phone.as_str(), unit.as_str()];
    texts.extend(c.other_phones.iter().map(String::as_str));
    matches_search(needle, &texts)
}

/// The customers on record, each with what the revisit rules look at;
/// searched by name, phone or unit, a page at a time.
#[component]
pub fn CustomerList(form: CustomerForm) -> impl IntoView {
    let app = use_app();
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    first_page_on(page, move || search.track());
    let shown = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        app.with_data(|data| {
            let matching: Vec<&Customer> = data.customers.iter().filter(|c| found(c, &needle)).collect();
            let (from, to) = page_range(page.get(), matching.len());
            (matching[from..to].iter().map(|c| (*c).clone()).collect::<Vec<_>>(), matching.len())
        })
        .unwrap_or_default()
    });
    let total = Signal::derive(move || shown.with(|s| s.1));
    let none = move || app.with_data(|d| d.customers.is_empty()).unwrap_or(true);
    view! {
        <Show when=move || !none() fallback=|| view! { <p class="empty">{tr(Msg::NoCustomers)}</p> }>
            <div class="list-filter">
                <SearchBox id="customer-search" value=search hint=Msg::CustomerSearchHint />
            </div>
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
                <tbody>
                    <For
                        each=move || shown.get().0
                        key=|c: &Customer| (c.id, digest(c))
                        children=move |c| row(c, form)
                    />
                </tbody>
            </table>
            <Pager id="customer-pager" page=page total=total />
        </Show>
    }
}

fn row(c: Customer, form: CustomerForm) -> impl IntoView {
    let i18n = use_i18n();
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
}
