use chrono::{Datelike, NaiveDate};
use leptos::html::Dialog;
use leptos::prelude::*;

use huifang_core::calendar::text;
use huifang_core::calendar::WorkCalendar;
use huifang_core::settings::edit::{
    add_day, calendar_days, calendar_years, remove_day, restore_official, set_covered, DayKind,
};
use huifang_core::settings::Settings;

use super::{use_saver, Fold, SettingsErrors};
use crate::clock;
use crate::components::{close_dialog, show_dialog, Choice};
use crate::i18n::{day_kind, tr, use_i18n, Lang, Msg};

const DAY_KINDS: [DayKind; 2] = [DayKind::Holiday, DayKind::SwappedWorkday];

/// The calendar section's inputs, kept by the page so they survive the
/// reload after each change.
#[derive(Clone, Copy)]
pub struct CalendarForm {
    year: RwSignal<i32>,
    date: RwSignal<String>,
    kind: RwSignal<DayKind>,
    name: RwSignal<String>,
}

impl Default for CalendarForm {
    fn default() -> Self {
        CalendarForm {
            year: RwSignal::new(clock::today().year()),
            date: RwSignal::new(String::new()),
            kind: RwSignal::new(DayKind::Holiday),
            name: RwSignal::new(String::new()),
        }
    }
}

/// One change to the calendar, saved at once.
#[derive(Clone)]
enum Change {
    Add(DayKind, String, String),
    Remove(NaiveDate),
    Covered(i32, bool),
    RestoreOfficial,
}

fn weekday(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => {
            ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][d.weekday().num_days_from_monday() as usize].into()
        }
        Lang::En => d.weekday().to_string(),
    }
}

/// The working-day calendar (rule 15): holidays and swapped working days
/// by year, added and removed one day at a time.
#[component]
pub fn CalendarCard(calendar: WorkCalendar, form: CalendarForm) -> impl IntoView {
    let i18n = use_i18n();
    let years = calendar_years(&calendar, clock::today());
    let calendar = StoredValue::new(calendar);
    let errors = RwSignal::new(Vec::new());
    let dialog = NodeRef::<Dialog>::new();

    let saver = use_saver();
    let change = move |c: Change| {
        let edit = |s: &Settings| {
            let calendar = match &c {
                Change::Add(kind, date, name) => add_day(&s.calendar, *kind, date, name).map_err(|e| vec![e])?,
                Change::Remove(date) => remove_day(&s.calendar, *date),
                Change::Covered(year, on) => set_covered(&s.calendar, *year, *on),
                Change::RestoreOfficial => restore_official(&s.calendar),
            };
            Ok(Settings { calendar, ..s.clone() })
        };
        if saver.save(errors, Msg::CalendarSaved, edit) && matches!(c, Change::Add(..)) {
            // Holiday periods run over several days: ready for the next one.
            let next = text::parse_date(&form.date.get_untracked()).and_then(|d| d.succ_opt());
            form.date.set(next.map(|d| d.to_string()).unwrap_or_default());
        }
    };

    let rows = move || {
        let lang = i18n.lang();
        let days = calendar.with_value(|c| calendar_days(c, form.year.get()));
        if days.is_empty() {
            return view! { <p class="empty">{i18n.t(Msg::NoDays)}</p> }.into_any();
        }
        let rows = days
            .into_iter()
            .map(|d| {
                let date = d.date;
                view! {
                    <tr class="calendar-day" data-date=date.to_string()>
                        <td>{date.to_string()} " " {weekday(lang, date)}</td>
                        <td>{day_kind(lang, d.kind)}</td>
                        <td>{d.name}</td>
                        <td>
                            <button type="button" class="remove-day" on:click=move |_| { change(Change::Remove(date)); }>
                                {i18n.t(Msg::Remove)}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! { <table class="list" id="calendar-days"><tbody>{rows}</tbody></table> }.into_any()
    };

    view! {
        <Fold id="calendar".into() summary=Signal::derive(move || i18n.t(Msg::CalendarTitle).to_owned())>
            <p class="hint">{tr(Msg::CalendarHint)}</p>
            <div class="calendar-year">
                <label for="calendar-year">{tr(Msg::Year)}</label>
                <select id="calendar-year" on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() {
                        form.year.set(y);
                    }
                }>
                    {years
                        .into_iter()
                        .map(|y| view! { <option value=y.to_string() selected=move || form.year.get() == y>{y.to_string()}</option> })
                        .collect_view()}
                </select>
                <label class="check">
                    <input
                        id="year-covered"
                        type="checkbox"
                        prop:checked=move || calendar.with_value(|c| c.covers(form.year.get()))
                        on:change=move |ev| { change(Change::Covered(form.year.get_untracked(), event_target_checked(&ev))); }
                    />
                    {tr(Msg::YearComplete)}
                </label>
            </div>
            {rows}
            <div class="form grid add-day">
                <label for="day-date">{tr(Msg::Date)}</label>
                <input id="day-date" type="date" bind:value=form.date />
                <label for="day-kind">{tr(Msg::Kind)}</label>
                <Choice id="day-kind" options=&DAY_KINDS value=form.kind label=day_kind />
                <label for="day-name">{tr(Msg::DayName)}</label>
                <input id="day-name" type="text" bind:value=form.name />
            </div>
            <SettingsErrors errors=errors />
            <div class="actions">
                <button type="button" id="restore-calendar" on:click=move |_| show_dialog(dialog)>
                    {tr(Msg::RestoreOfficial)}
                </button>
                <button
                    type="button"
                    id="add-day"
                    class="primary"
                    disabled=move || saver.pending()
                    on:click=move |_| {
                        change(Change::Add(form.kind.get_untracked(), form.date.get_untracked(), form.name.get_untracked()));
                    }
                >
                    {tr(Msg::AddDay)}
                </button>
            </div>
            <dialog node_ref=dialog id="restore-calendar-dialog">
                <p>{tr(Msg::RestoreOfficialConfirm)}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| close_dialog(dialog)>{tr(Msg::Cancel)}</button>
                    <button
                        type="button"
                        id="restore-calendar-confirm"
                        class="danger"
                        on:click=move |_| {
                            close_dialog(dialog);
                            change(Change::RestoreOfficial);
                        }
                    >
                        {tr(Msg::Confirm)}
                    </button>
                </div>
            </dialog>
        </Fold>
    }
}
