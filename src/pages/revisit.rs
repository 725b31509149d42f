use leptos::prelude::*;

use huifang_core::contact;
use huifang_core::scheduler::{plan, PlannedRevisit, TaskKey};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{AttemptLog, ResultForm, TaskSummary, WithData};
use crate::i18n::{tr, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// Working one task of the plan, filled in while the customer is on the
/// phone or at the door: who and why, the attempts log, then the result.
#[component]
pub fn RevisitPage(key: TaskKey) -> impl IntoView {
    let app = use_app();
    view! {
        <section class="page">
            <h2>{tr(Msg::RevisitTitle)}</h2>
            <WithData render=move |data: Dataset| {
                match plan(&data, clock::today()).items.into_iter().find(|p| p.key == key) {
                    Some(task) => view! { <Task task=task data=data /> }.into_any(),
                    None => view! {
                        <p class="notice" id="task-gone">{tr(Msg::TaskNotOpen)}</p>
                        <button on:click=move |_| app.go(Page::Today)>{tr(Msg::Back)}</button>
                    }
                    .into_any(),
                }
            } />
        </section>
    }
}

#[component]
fn Task(task: PlannedRevisit, data: Dataset) -> impl IntoView {
    let record = task.record_id.and_then(|id| data.revisits.iter().find(|r| r.id == id).cloned());
    let earliest = contact::earliest_visit(&task, &data.revisits);
    let staff = data.staff.clone();
    let settings = data.settings.clone();
    view! {
        <TaskSummary task=task.clone() data=data />
        <div class="two-col">
            <AttemptLog task=task.clone() record=record.clone() staff=staff.clone() settings=settings />
            <ResultForm task=task record=record staff=staff earliest=earliest />
        </div>
    }
}
