use leptos::prelude::*;

use huifang_core::settings::edit::missing_years;

use crate::clock;
use crate::components::settings::{
    CalendarCard, CalendarForm, ContactCard, OpenFolds, PolicyCard, RepairSampleCard, SalesCard, SettingsSaver,
};
use crate::components::Loaded;
use crate::i18n::{calendar_missing, tr, use_i18n, Msg};
use crate::state::use_app;

/// 设置: the revisit policies, sales cadences, calling etiquette, repair
/// sampling and the working-day calendar, each section saved on its own.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    provide_context(OpenFolds(RwSignal::new(Vec::new())));
    provide_context(SettingsSaver::new(use_app()));
    let calendar_form = CalendarForm::default();
    let app = use_app();
    // Only a change of the settings draws this screen again: a save of
    // any other record (here or in another tab) leaves open cards alone.
    let settings = Memo::new(move |_| app.with_data(|d| d.settings.clone()));
    view! {
        <section class="page" id="settings">
            <h2>{tr(Msg::SettingsTitle)}</h2>
            <Loaded>
                {move || settings.get().map(|settings| {
                // Rule 15: say plainly when this or next year's holidays are missing.
                let missing = missing_years(&settings.calendar, clock::today());
                let policies = settings.policies.clone();
                view! {
                    {(!missing.is_empty()).then(|| view! {
                        <div id="calendar-warning" class="notice warn" role="status">
                            {missing.iter().map(|y| { let y = *y; view! { <p>{move || calendar_missing(i18n.lang(), y)}</p> } }).collect_view()}
                        </div>
                    })}
                    <h3>{tr(Msg::PoliciesTitle)}</h3>
                    {policies.policies.iter().map(|p| view! { <PolicyCard policy=p.clone() /> }).collect_view()}
                    <h3>{tr(Msg::SalesTitle)}</h3>
                    {policies.sales.iter().map(|c| view! { <SalesCard cadence=c.clone() /> }).collect_view()}
                    <h3>{tr(Msg::ContactTitle)}</h3>
                    <ContactCard policies=policies.clone() />
                    <RepairSampleCard policies=policies.clone() />
                    <h3>{tr(Msg::CalendarTitle)}</h3>
                    <CalendarCard calendar=settings.calendar form=calendar_form />
                }
                })}
            </Loaded>
        </section>
    }
}
