use leptos::prelude::*;

use huifang_core::statistics::complaint_tally;
use huifang_core::{Dataset, Satisfaction, YearMonth};

use crate::clock;
use crate::components::WithData;
use crate::i18n::{percent, satisfaction, use_i18n, Msg};

/// One month's complaint revisit figures against the target.
#[component]
pub fn TallyPage() -> impl IntoView {
    let i18n = use_i18n();
    let month = RwSignal::new(YearMonth::of(clock::today()).to_string());
    view! {
        <section class="page">
            <h2>{move || i18n.t(Msg::TallyTitle)}</h2>
            <label class="inline">
                {move || i18n.t(Msg::Month)}
                <input id="tally-month" type="month" bind:value=month />
            </label>
            <WithData render=move |data: Dataset| {
                move || {
                    // An empty or half-typed month shows the current one.
                    let m = month.get().parse().unwrap_or_else(|_| YearMonth::of(clock::today()));
                    view! { <TallyCard data=data.clone() month=m /> }
                }
            } />
        </section>
    }
}

#[component]
fn TallyCard(data: Dataset, month: YearMonth) -> impl IntoView {
    let i18n = use_i18n();
    let t = complaint_tally(&data, month);
    let rate = t.rate_permille();
    let verdict = match t.meets_target() {
        Some(true) => Some(("met", Msg::TargetMet)),
        Some(false) => Some(("missed", Msg::TargetMissed)),
        None => None,
    };
    let completed = t.completed();
    let share = move |n: u32| match completed {
        0 => String::new(),
        total => format!(" ({})", percent(n * 1000 / total)),
    };
    let sat = [
        ("tally-satisfied", Satisfaction::Satisfied, t.satisfied),
        ("tally-neutral", Satisfaction::Neutral, t.neutral),
        ("tally-dissatisfied", Satisfaction::Dissatisfied, t.dissatisfied),
    ];
    view! {
        <div class="card tally" id="tally">
            <h3>{move || i18n.t(Msg::KindComplaint)} " · " {month.to_string()}</h3>
            <dl class="figures">
                <dt>{move || i18n.t(Msg::Eligible)}</dt>
                <dd id="tally-eligible">{t.eligible}</dd>
                <dt>{move || i18n.t(Msg::Revisited)}</dt>
                <dd id="tally-revisited">{t.revisited}</dd>
                <dt>{move || i18n.t(Msg::RevisitRate)}</dt>
                <dd id="tally-rate">
                    {match rate {
                        Some(r) => percent(r).into_any(),
                        None => (move || i18n.t(Msg::NoRate)).into_any(),
                    }}
                </dd>
                <dt>{move || i18n.t(Msg::Target)}</dt>
                <dd id="tally-target">
                    "≥" {t.target.0} "%"
                    {verdict.map(|(class, msg)| view! { <span class=format!("verdict {class}")>{move || i18n.t(msg)}</span> })}
                </dd>
            </dl>
            <h4>{move || i18n.t(Msg::SatisfactionTally)}</h4>
            <dl class="figures">
                {sat
                    .into_iter()
                    .map(|(id, s, n)| view! {
                        <dt>{move || satisfaction(i18n.lang(), s)}</dt>
                        <dd id=id>{n} {share(n)}</dd>
                    })
                    .collect_view()}
            </dl>
        </div>
    }
}
