use leptos::prelude::*;

use huifang_core::model::Role;
use huifang_core::policy::SalesCadence;
use huifang_core::settings::edit::SalesDraft;
use huifang_core::settings::Settings;

use super::{use_saver, Fold, OptionalSpan, SectionActions, SettingsErrors, SpanInput, METHODS};
use crate::components::Checks;
use crate::i18n::{method, role, sales_class, tr, use_i18n, Msg};
use crate::state::use_app;

/// One sales-centre class's cadence (rule 16), folded to its name.
#[component]
pub fn SalesCard(cadence: SalesCadence) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let class = cadence.class;
    let d = SalesDraft::of(&cadence);
    let first = OptionalSpan::new(d.first);
    let every = OptionalSpan::new(d.every);
    let on_holidays = RwSignal::new(d.on_holidays);
    let methods = RwSignal::new(d.methods);
    let roles = RwSignal::new(d.roles);
    let errors = RwSignal::new(Vec::new());
    let draft = move || SalesDraft {
        first: first.get(),
        every: every.get(),
        on_holidays: on_holidays.get_untracked(),
        methods: methods.get_untracked(),
        roles: roles.get_untracked(),
    };
    let saver = use_saver();
    let save = move || {
        let d = draft();
        let edit = |s: &Settings| d.apply(&s.policies, class).map(|policies| Settings { policies, ..s.clone() });
        saver.save(errors, Msg::SettingsSaved, edit);
    };
    let restore = move || {
        if let Some(d) = SalesDraft::default_for(class) {
            first.set(d.first);
            every.set(d.every);
            on_holidays.set(d.on_holidays);
            methods.set(d.methods);
            roles.set(d.roles);
        }
        errors.set(Vec::new());
        app.told(Msg::DefaultsFilledIn);
    };
    let optional = move |label: Msg, class: &'static str, field: OptionalSpan| {
        view! {
            <label class="check">
                <input type="checkbox" class=class bind:checked=field.on />
                {move || i18n.t(label)}
            </label>
            <span>
                <Show when=move || field.on.get()>
                    <SpanInput class=class field=field.span />
                </Show>
            </span>
        }
    };
    view! {
        <Fold id=format!("sales-{class:?}").to_lowercase() summary=Signal::derive(move || sales_class(i18n.lang(), class).to_owned())>
            <div class="form grid">
                {optional(Msg::FirstVisit, "first-visit", first)}
                {optional(Msg::Every, "every", every)}
                <span></span>
                <label class="check">
                    <input type="checkbox" class="on-holidays" bind:checked=on_holidays />
                    {tr(Msg::OnHolidays)}
                </label>
                <span class="label">{tr(Msg::SalesMethods)}</span>
                <Checks class="method" options=&METHODS value=methods label=method />
                <span class="label">{tr(Msg::SalesRoles)}</span>
                <Checks class="role" options=&Role::ALL value=roles label=role />
            </div>
            <SettingsErrors errors=errors />
            <SectionActions class="sales" save=Callback::new(move |_| save()) restore=Callback::new(move |_| restore()) />
        </Fold>
    }
}
