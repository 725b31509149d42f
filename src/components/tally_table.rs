use leptos::prelude::*;

use huifang_core::report::Tally;

use crate::i18n::{percent, use_i18n, Msg};

/// One labelled row of report figures.
pub struct TallyLine {
    pub label: Signal<String>,
    pub class: &'static str,
    pub tally: Tally,
}

fn rate(p: Option<u32>) -> String {
    p.map(percent).unwrap_or_else(|| "—".into())
}

/// The report's figures for several rows (by kind, staff or building):
/// eligible, revisited and the rate against the target, on time, late,
/// overdue, closed without a revisit, satisfaction counts with percentages
/// (DOMAIN "Statistics").
#[component]
pub fn TallyTable(id: &'static str, first: Msg, lines: Vec<TallyLine>) -> impl IntoView {
    let i18n = use_i18n();
    let head = [
        first,
        Msg::Eligible,
        Msg::Revisited,
        Msg::RevisitRate,
        Msg::Target,
        Msg::OnTime,
        Msg::Late,
        Msg::Overdue,
        Msg::ClosedUnrevisited,
        Msg::SatisfiedShort,
        Msg::NeutralShort,
        Msg::DissatisfiedShort,
    ];
    view! {
        <table class="list figures-table" id=id>
            <thead><tr>{head.into_iter().map(|m| view! { <th>{move || i18n.t(m)}</th> }).collect_view()}</tr></thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|l| {
                        let t = l.tally;
                        let verdict = match t.meets_target() {
                            Some(true) => "met",
                            Some(false) => "missed",
                            None => "",
                        };
                        let share = move |n: u32, p: Option<u32>| format!("{n} ({})", rate(p));
                        view! {
                            <tr class=l.class>
                                <td class="row-label">{move || l.label.get()}</td>
                                <td class="eligible">{t.eligible}</td>
                                <td class="revisited">{t.revisited}{(t.by_letter > 0).then(|| format!(" ({} ✉)", t.by_letter))}</td>
                                <td class=format!("rate {verdict}")>{rate(t.rate_permille())}</td>
                                <td class="target">"≥" {t.target.0} "%"</td>
                                <td class="on-time">{t.on_time}</td>
                                <td class="late">{t.late}</td>
                                <td class="overdue" class:alert=t.overdue.gt(&0)>{t.overdue}</td>
                                <td class="closed">{t.closed}</td>
                                <td>{share(t.satisfied, t.satisfied_permille())}</td>
                                <td>{share(t.neutral, t.neutral_permille())}</td>
                                <td>{share(t.dissatisfied, t.dissatisfied_permille())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
