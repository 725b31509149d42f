use leptos::prelude::*;

use huifang_core::model::Changes;
use huifang_core::model::{Role, Staff};
use huifang_core::validation::{FieldError, StaffDraft};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{Choice, FieldErrors, TableHead, WithData};
use crate::i18n::{role, tr, use_i18n, Msg};
use crate::state::use_app;

/// Staff (员工): who revisits, in which role and for which buildings.
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let name = RwSignal::new(String::new());
    let role_v = RwSignal::new(Role::PropertyAssistant);
    let buildings = RwSignal::new(String::new());
    let active = RwSignal::new(true);
    let editing = RwSignal::new(None::<Staff>);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let fill = move |d: StaffDraft| {
        name.set(d.name);
        role_v.set(d.role);
        buildings.set(d.buildings);
        active.set(d.active);
    };
    let reset = move || {
        editing.set(None);
        errors.set(Vec::new());
        fill(StaffDraft::default());
    };
    let edit = move |s: Staff| {
        fill(StaffDraft::of(&s));
        editing.set(Some(s));
        errors.set(Vec::new());
        crate::components::scroll_to_top();
    };

    let save = Action::new_local(move |(draft, old): &(StaffDraft, Option<Staff>)| {
        let (draft, old) = (draft.clone(), old.clone());
        async move {
            let staff = match &old {
                Some(old) => draft.revise(old, clock::now()),
                None => draft.validate(uuid::Uuid::new_v4(), clock::now()),
            };
            let staff = match staff {
                Ok(s) => s,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            if app.save(Msg::StaffSaved, Changes::staff(staff)).await {
                reset();
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft =
            StaffDraft { name: name.get(), role: role_v.get(), buildings: buildings.get(), active: active.get() };
        save.dispatch((draft, editing.get_untracked()));
    };

    view! {
        <section class="page">
            <h2>{tr(Msg::StaffTitle)}</h2>
            <form class="card form" id="staff-form" on:submit=submit>
                <h3>{move || i18n.t(if editing.with(Option::is_some) { Msg::EditStaff } else { Msg::NewStaff })}</h3>
                <div class="grid">
                    <label for="staff-name">{tr(Msg::Name)}</label>
                    <input id="staff-name" type="text" bind:value=name />
                    <label for="staff-role">{tr(Msg::Role)}</label>
                    <Choice id="staff-role" options=&Role::ALL value=role_v label=role />
                    <label for="staff-buildings">{tr(Msg::Buildings)}</label>
                    <div>
                        <input id="staff-buildings" type="text" bind:value=buildings />
                        <p class="hint">{tr(Msg::BuildingsHint)}</p>
                    </div>
                    <span></span>
                    <label class="check">
                        <input id="staff-active" type="checkbox" bind:checked=active />
                        {tr(Msg::Active)}
                    </label>
                </div>
                <FieldErrors errors=errors />
                <div class="actions">
                    <Show when=move || editing.with(Option::is_some)>
                        <button type="button" id="cancel-staff" on:click=move |_| reset()>{tr(Msg::CancelEdit)}</button>
                    </Show>
                    <button type="submit" id="save-staff" class="primary" disabled=move || save.pending().get()>
                        {move || i18n.t(if save.pending().get() { Msg::Saving } else { Msg::SaveStaff })}
                    </button>
                </div>
            </form>
            <WithData render=move |data: &Dataset| view! { <StaffList staff=data.staff.clone() edit=edit /> } />
        </section>
    }
}

#[component]
fn StaffList<E>(staff: Vec<Staff>, edit: E) -> impl IntoView
where
    E: Fn(Staff) + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    if staff.is_empty() {
        return view! { <p class="empty">{tr(Msg::NoStaff)}</p> }.into_any();
    }
    let rows = staff
        .into_iter()
        .map(|s| {
            let (r, is_active) = (s.role, s.active);
            let buildings = s.buildings.join(", ");
            let id = s.id.to_string();
            let name = s.name.clone();
            view! {
                <tr class="staff-row" class:inactive=!is_active data-staff-id=id>
                    <td class="staff-name">{name}</td>
                    <td>{move || role(i18n.lang(), r)}</td>
                    <td>{move || if buildings.is_empty() { i18n.t(Msg::AllBuildings).to_owned() } else { buildings.clone() }}</td>
                    <td>{move || i18n.t(if is_active { Msg::Active } else { Msg::Inactive })}</td>
                    <td>
                        <button type="button" class="edit-staff" on:click=move |_| edit(s.clone())>{tr(Msg::Edit)}</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="list" id="staff-list">
            <TableHead columns=&[Some(Msg::Name), Some(Msg::Role), Some(Msg::Buildings), Some(Msg::Status), None] />
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
