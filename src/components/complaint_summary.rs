use leptos::prelude::*;

use huifang_core::report::Tally;
use huifang_core::{Satisfaction, YearMonth};

use crate::i18n::{percent, satisfaction, tr, use_i18n, Msg};

/// The month's complaint figures at a glance (rule 1's ≥50% target).
#[component]
pub fn ComplaintSummary(month: YearMonth, tally: Tally) -> impl IntoView {
    let i18n = use_i18n();
    let t = tally;
    let verdict = match t.meets_target() {
        Some(true) => Some(("met", Msg::TargetMet)),
        Some(false) => Some(("missed", Msg::TargetMissed)),
        None => None,
    };
    let sat = [
        ("tally-satisfied", Satisfaction::Satisfied, t.satisfied, t.satisfied_permille()),
        ("tally-neutral", Satisfaction::Neutral, t.neutral, t.neutral_permille()),
        ("tally-dissatisfied", Satisfaction::Dissatisfied, t.dissatisfied, t.dissatisfied_permille()),
    ];
    view! {
        <div class="card tally" id="tally">
            <h3>{tr(Msg::KindComplaint)} " · " {month.to_string()}</h3>
            <dl class="figures">
                <dt>{tr(Msg::Eligible)}</dt>
                <dd id="tally-eligible">{t.eligible}</dd>
                <dt>{tr(Msg::Revisited)}</dt>
                <dd id="tally-revisited">{t.revisited}</dd>
                <dt>{tr(Msg::RevisitRate)}</dt>
                <dd id="tally-rate">
                    {match t.rate_permille() {
                        Some(r) => percent(r).into_any(),
                        None => (move || i18n.t(Msg::NoRate)).into_any(),
                    }}
                </dd>
                <dt>{tr(Msg::Target)}</dt>
                <dd id="tally-target">
                    "≥" {t.target.0} "%"
                    {verdict.map(|(class, msg)| view! { <span class=format!("verdict {class}")>{move || i18n.t(msg)}</span> })}
                </dd>
                <dt>{tr(Msg::OnTime)}</dt>
                <dd id="tally-on-time">{t.on_time}</dd>
                <dt>{tr(Msg::Overdue)}</dt>
                <dd id="tally-overdue">{t.overdue}</dd>
            </dl>
            <h4>{tr(Msg::SatisfactionTally)}</h4>
            <dl class="figures">
                {sat
                    .into_iter()
                    .map(|(id, s, n, p)| view! {
                        <dt>{move || satisfaction(i18n.lang(), s)}</dt>
                        <dd id=id>{n} {p.map(|p| format!(" ({})", percent(p)))}</dd>
                    })
                    .collect_view()}
            </dl>
        </div>
    }
}
