use leptos::prelude::*;

use huifang_core::policy::PolicySet;
use huifang_core::settings::edit::{set_repair_sample, CallWindowDraft, ContactDraft};
use huifang_core::settings::Settings;

use super::{use_saver, Fold, SectionActions, SettingsErrors};
use crate::i18n::{tr, use_i18n, Msg};
use crate::state::use_app;

/// One call window row: a key for the list, and its two times.
#[derive(Clone, Copy)]
struct WindowRow {
    key: u32,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

/// Calling etiquette (rule 12): preferred call windows and the attempts
/// needed before a customer counts as unreachable.
#[component]
pub fn ContactCard(policies: PolicySet) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let next_key = StoredValue::new(0u32);
    let row = move |w: CallWindowDraft| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        WindowRow { key, from: RwSignal::new(w.from), to: RwSignal::new(w.to) }
    };
    let d = ContactDraft::of(&policies);
    let windows = RwSignal::new(d.windows.into_iter().map(row).collect::<Vec<_>>());
    let attempts = RwSignal::new(d.min_attempts);
    let errors = RwSignal::new(Vec::new());
    let draft = move || ContactDraft {
        windows: windows
            .get_untracked()
            .iter()
            .map(|w| CallWindowDraft { from: w.from.get_untracked(), to: w.to.get_untracked() })
            .collect(),
        min_attempts: attempts.get_untracked(),
    };
    let saver = use_saver();
    let save = move || {
        let d = draft();
        let edit = |s: &Settings| d.apply(&s.policies).map(|policies| Settings { policies, ..s.clone() });
        saver.save(errors, Msg::SettingsSaved, edit);
    };
    let restore = move || {
        let d = ContactDraft::default_for();
        windows.set(d.windows.into_iter().map(row).collect());
        attempts.set(d.min_attempts);
        errors.set(Vec::new());
        app.told(Msg::DefaultsFilledIn);
    };
    let blank = || CallWindowDraft { from: String::new(), to: String::new() };
    view! {
        <Fold id="contact".into() summary=Signal::derive(move || i18n.t(Msg::ContactTitle).to_owned())>
            <div class="form grid">
                <span class="label">{tr(Msg::CallWindows)}</span>
                <div id="call-windows">
                    <For each=move || windows.get() key=|w| w.key let:w>
                        <div class="call-window">
                            <input type="time" class="window-from" bind:value=w.from />
                            " – "
                            <input type="time" class="window-to" bind:value=w.to />
                            <button type="button" class="remove-window" on:click=move |_| windows.update(|v| v.retain(|x| x.key != w.key))>
                                {tr(Msg::Remove)}
                            </button>
                        </div>
                    </For>
                    <button type="button" id="add-window" on:click=move |_| windows.update(|v| v.push(row(blank())))>
                        {tr(Msg::AddWindow)}
                    </button>
                </div>
                <label for="min-attempts">{tr(Msg::MinAttempts)}</label>
                <input id="min-attempts" type="number" min="1" max=ContactDraft::MAX_ATTEMPTS bind:value=attempts />
            </div>
            <SettingsErrors errors=errors />
            <SectionActions class="contact" save=Callback::new(move |_| save()) restore=Callback::new(move |_| restore()) />
        </Fold>
    }
}

/// The share of repair records the supervisor re-checks each quarter (rule 2, seed 004).
#[component]
pub fn RepairSampleCard(policies: PolicySet) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let share = RwSignal::new(policies.repair_sample.0.to_string());
    let errors = RwSignal::new(Vec::new());
    let saver = use_saver();
    let save = move || {
        let value = share.get_untracked();
        let edit =
            |s: &Settings| set_repair_sample(&s.policies, &value).map(|policies| Settings { policies, ..s.clone() });
        saver.save(errors, Msg::SettingsSaved, edit);
    };
    let restore = move || {
        share.set(PolicySet::default().repair_sample.0.to_string());
        errors.set(Vec::new());
        app.told(Msg::DefaultsFilledIn);
    };
    view! {
        <Fold id="repair-sampling".into() summary=Signal::derive(move || i18n.t(Msg::RepairSampleTitle).to_owned())>
            <div class="form grid">
                <label for="repair-sample">{tr(Msg::RepairSample)}</label>
                <input id="repair-sample" type="number" min="0" max="100" bind:value=share />
            </div>
            <SettingsErrors errors=errors />
            <SectionActions class="repair-sample" save=Callback::new(move |_| save()) restore=Callback::new(move |_| restore()) />
        </Fold>
    }
}
