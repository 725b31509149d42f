//! The import dialog's body: what is in the file, and what a restore or a
//! merge would change on this tablet, before anything is written.

use leptos::prelude::*;

use huifang_core::backup::merge::{Conflict, Merge, MergeCounts, MergeError};
use huifang_core::backup::preview::{self, DateRange, RestorePreview};
use huifang_core::backup::{Backup, Counts, Entity};
use huifang_core::Dataset;

use crate::clock;
use crate::i18n::{import, tr, use_i18n, Msg};

/// Conflicts listed by name; the rest are counted (all follow one rule).
const LISTED_CONFLICTS: usize = 50;

/// What the preview shows: small, so it can live in a signal (the backup
/// and the merged records can be hundreds of megabytes and stay out of it).
#[derive(Debug, Clone)]
pub struct ImportSummary {
    pub counts: Counts,
    pub exported_at: chrono::DateTime<chrono::Utc>,
    pub dates: Option<DateRange>,
    pub restore: RestorePreview,
    pub merge: Result<MergeSummary, MergeError>,
}

#[derive(Debug, Clone)]
pub struct MergeSummary {
    pub counts: [(Entity, MergeCounts); 6],
    pub settings_differ: bool,
    pub conflicts: Vec<Conflict>,
    pub more_conflicts: usize,
}

impl ImportSummary {
    /// Compares the checked backup with this tablet's records.
    pub fn of(backup: &Backup, local: &Dataset, merge: &Result<Merge, MergeError>, today: chrono::NaiveDate) -> Self {
        ImportSummary {
            counts: backup.counts,
            exported_at: backup.exported_at,
            dates: preview::date_range(&backup.data),
            restore: preview::restore_preview(local, &backup.data, today),
            merge: merge.as_ref().map_err(Clone::clone).map(|m| MergeSummary {
                counts: m.counts,
                settings_differ: m.settings_differ,
                conflicts: m.conflicts.iter().take(LISTED_CONFLICTS).cloned().collect(),
                more_conflicts: m.conflicts.len().saturating_sub(LISTED_CONFLICTS),
            }),
        }
    }

    /// A restore would lose records it must keep (see `protected_losses`).
    pub fn restore_refused(&self) -> bool {
        self.restore.protected_losses() > 0
    }
}

#[component]
pub fn ImportPreview(summary: ImportSummary) -> impl IntoView {
    let i18n = use_i18n();
    let s = summary;
    let counts = s.counts;
    let dates = s.dates;
    let restore = s.restore.clone();
    let refused = s.restore_refused();
    let restore_lines = move || {
        let lang = i18n.lang();
        Entity::ALL.iter().filter_map(|&e| import::restore_change(lang, e, restore.change_of(e))).collect::<Vec<_>>()
    };
    let restore_settings = s.restore.settings_differ;
    let removed_young = s.restore.protected_losses();
    view! {
        <p>{tr(Msg::ImportChecked)}</p>
        <p id="import-preview">{move || import::counts(i18n.lang(), &counts)}</p>
        <p class="hint">
            {tr(Msg::ExportedAt)} ": " {clock::local_text(s.exported_at)} " · "
            {move || import::date_range(i18n.lang(), dates)}
        </p>
        <section id="restore-preview">
            <h4>{tr(Msg::RestoreTitle)}</h4>
            <p class="hint">{tr(Msg::RestoreHint)}</p>
            {move || {
                let lines = restore_lines();
                if lines.is_empty() {
                    view! { <p>{tr(Msg::RestoreNothing)}</p> }.into_any()
                } else {
                    view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
            {restore_settings.then(|| view! { <p class="hint">{tr(Msg::RestoreSettings)}</p> })}
            {refused.then(|| view! {
                <p id="restore-refused" class="notice error">{move || import::restore_refused(i18n.lang(), removed_young)}</p>
            })}
        </section>
        <section id="merge-preview">
            <h4>{tr(Msg::MergeTitle)}</h4>
            <p class="hint">{tr(Msg::MergeHint)}</p>
            {match s.merge {
                Err(e) => view! {
                    <p class="notice error">{move || format!("{}{}", Msg::MergeRefused.text(i18n.lang()), import::merge_error(i18n.lang(), &e))}</p>
                }.into_any(),
                Ok(m) => merge_view(m).into_any(),
            }}
        </section>
    }
}

fn merge_view(m: MergeSummary) -> impl IntoView {
    let i18n = use_i18n();
    let counts = m.counts;
    let lines = move || {
        let lang = i18n.lang();
        counts.iter().filter_map(|&(e, c)| import::merge_change(lang, e, c)).collect::<Vec<_>>()
    };
    let conflicts = m.conflicts;
    let more = m.more_conflicts;
    let none = conflicts.is_empty();
    view! {
        <ul>{move || lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        {m.settings_differ.then(|| view! { <p class="hint">{tr(Msg::MergeSettings)}</p> })}
        {if none {
            view! { <p id="merge-conflicts">{tr(Msg::MergeNoConflicts)}</p> }.into_any()
        } else {
            view! {
                <p>{tr(Msg::MergeConflicts)}</p>
                <ul id="merge-conflicts" class="conflicts">
                    {move || conflicts.iter().map(|c| {
                        let text = import::conflict(i18n.lang(), c);
                        view! { <li>{text}</li> }
                    }).collect_view()}
                    {(more > 0).then(|| view! { <li>{move || import::more_conflicts(i18n.lang(), more)}</li> })}
                </ul>
            }.into_any()
        }}
    }
}
