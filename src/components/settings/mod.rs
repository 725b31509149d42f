//! The Settings screen's sections: each edits one part of the office's
//! settings through `huifang_core::settings::edit` and saves the whole
//! settings record in one write.

mod calendar_card;
mod contact_card;
mod policy_card;
mod sales_card;

pub use calendar_card::{CalendarCard, CalendarForm};
pub use contact_card::{ContactCard, RepairSampleCard};
pub use policy_card::PolicyCard;
pub use sales_card::SalesCard;

use leptos::prelude::*;

use huifang_core::model::Changes;
use huifang_core::model::Method;
use huifang_core::settings::edit::{SettingsError, SpanDraft, SpanUnit};
use huifang_core::settings::Settings;

use crate::components::ErrorList;
use crate::i18n::{settings_error, span_unit, tr, use_i18n, Msg};
use crate::state::AppState;

/// Methods a policy can name: letters answer many cases at once through an
/// open letter (rule 8), not per case.
pub(super) const METHODS: [Method; 4] = [Method::HomeVisit, Method::Phone, Method::Sms, Method::Email];

/// Saves the settings record for every section: one action and one write
/// path for the whole screen (a section's Save disables the others' while
/// it runs). Provided by the Settings page.
#[derive(Clone, Copy)]
pub struct SettingsSaver {
    app: AppState,
    action: Action<(Msg, Settings), bool>,
}

impl SettingsSaver {
    pub fn new(app: AppState) -> Self {
        let action = Action::new_local(move |(done, next): &(Msg, Settings)| {
            let (done, next) = (*done, next.clone());
            async move { app.save(done, Changes::settings(next)).await }
        });
        SettingsSaver { app, action }
    }

    /// Applies `edit` to the settings as last loaded and saves the result,
    /// or shows in `errors` why the edit was refused. Returns whether it was
    /// accepted (and the write started).
    fn save(
        self,
        errors: RwSignal<Vec<SettingsError>>,
        done: Msg,
        edit: impl FnOnce(&Settings) -> Result<Settings, Vec<SettingsError>>,
    ) -> bool {
        let edited = self.app.with_data_untracked(|data| edit(&data.settings));
        match edited {
            None => false,
            Some(Err(e)) => {
                errors.set(e);
                false
            }
            Some(Ok(next)) => {
                errors.set(Vec::new());
                self.action.dispatch((done, next));
                true
            }
        }
    }

    fn pending(self) -> bool {
        self.action.pending().get()
    }
}

fn use_saver() -> SettingsSaver {
    expect_context::<SettingsSaver>()
}

/// A span being edited: the number typed and its unit.
#[derive(Clone, Copy)]
pub struct SpanField {
    n: RwSignal<String>,
    unit: RwSignal<SpanUnit>,
}

impl SpanField {
    pub(super) fn new(d: SpanDraft) -> Self {
        SpanField { n: RwSignal::new(d.n), unit: RwSignal::new(d.unit) }
    }

    pub(super) fn get(&self) -> SpanDraft {
        SpanDraft { unit: self.unit.get_untracked(), n: self.n.get_untracked() }
    }

    pub(super) fn set(&self, d: SpanDraft) {
        self.n.set(d.n);
        self.unit.set(d.unit);
    }
}

/// A span that may be switched off (a cadence without a first visit…).
#[derive(Clone, Copy)]
pub struct OptionalSpan {
    pub(super) on: RwSignal<bool>,
    pub(super) span: SpanField,
}

impl OptionalSpan {
    pub(super) fn new(d: Option<SpanDraft>) -> Self {
        let on = RwSignal::new(d.is_some());
        OptionalSpan { on, span: SpanField::new(d.unwrap_or(SpanDraft { unit: SpanUnit::Days, n: "1".into() })) }
    }

    pub(super) fn get(&self) -> Option<SpanDraft> {
        self.on.get_untracked().then(|| self.span.get())
    }

    pub(super) fn set(&self, d: Option<SpanDraft>) {
        self.on.set(d.is_some());
        if let Some(d) = d {
            self.span.set(d);
        }
    }
}

/// A number and its unit (天 / 个工作日 / 个月).
#[component]
pub(super) fn SpanInput(class: &'static str, field: SpanField) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("span-input {class}")>
            <input type="number" min="0" class="span-n" bind:value=field.n />
            <select
                class="span-unit"
                on:change=move |ev| {
                    if let Some(u) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| SpanUnit::ALL.get(i)) {
                        field.unit.set(*u);
                    }
                }
            >
                {SpanUnit::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, u)| {
                        let u = *u;
                        view! {
                            <option value=i.to_string() selected=move || field.unit.get() == u>
                                {move || span_unit(i18n.lang(), u)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </span>
    }
}

/// Why a settings edit was refused, in the user's language.
#[component]
pub(super) fn SettingsErrors(errors: RwSignal<Vec<SettingsError>>) -> impl IntoView {
    view! { <ErrorList errors=errors describe=settings_error /> }
}

/// Which folded sections are open, kept by the page so a reload after
/// saving does not fold them all again.
#[derive(Clone, Copy)]
pub struct OpenFolds(pub RwSignal<Vec<String>>);

/// A foldable card (`<details>`) whose open state survives reloads.
#[component]
pub(super) fn Fold(id: String, summary: Signal<String>, children: Children) -> impl IntoView {
    let open = expect_context::<OpenFolds>().0;
    let key = id.clone();
    let is_open = move || open.with(|o| o.contains(&key));
    let key = id.clone();
    view! {
        <details
            class="card fold"
            id=id
            prop:open=is_open
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let now_open = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| el.has_attribute("open"));
                open.update(|o| {
                    o.retain(|k| *k != key);
                    if now_open {
                        o.push(key.clone());
                    }
                });
            }
        >
            <summary>{summary}</summary>
            {children()}
        </details>
    }
}

/// The Save and Restore-defaults buttons of a section.
#[component]
fn SectionActions(class: &'static str, save: Callback<()>, restore: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let saver = use_saver();
    view! {
        <div class="actions">
            <button type="button" class=format!("restore-{class}") on:click=move |_| restore.run(())>
                {tr(Msg::RestoreDefaults)}
            </button>
            <button type="button" class=format!("primary save-{class}") disabled=move || saver.pending() on:click=move |_| save.run(())>
                {move || i18n.t(if saver.pending() { Msg::Saving } else { Msg::Save })}
            </button>
        </div>
    }
}
