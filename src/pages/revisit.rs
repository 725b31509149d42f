use leptos::prelude::*;

use huifang_core::contact;
use huifang_core::model::{Case, Customer, RaisedIssue, Revisit, Staff};
use huifang_core::scheduler::{PlannedRevisit, TaskKey};
use huifang_core::settings::Settings;

use crate::components::{AttemptLog, CloseTask, Loaded, ResultForm, TaskSummary};
use crate::i18n::{tr, Msg};
use crate::navigation::Page;
use crate::state::use_app;

/// What working one task shows: the task from the shared plan and the
/// records it refers to, looked up by id.
#[derive(Debug, Clone, PartialEq)]
struct TaskView {
    task: PlannedRevisit,
    record: Option<Revisit>,
    customer: Option<Customer>,
    case: Option<Case>,
    assignee: Option<String>,
    earliest: chrono::NaiveDate,
    /// The issues the round before raised, for this round to answer.
    owed: Vec<RaisedIssue>,
    staff: Vec<Staff>,
    settings: Settings,
}

/// Working one task of the plan, filled in while the customer is on the
/// phone or at the door: who and why, the attempts log, then the result.
#[component]
pub fn RevisitPage(key: TaskKey) -> impl IntoView {
    let app = use_app();
    // The task is looked up in the plan every screen shares; the page is
    // drawn again only when what it shows changed.
    let shown = Memo::new(move |_| {
        let plan = app.plan.get()?;
        let task = plan.task(key)?.clone();
        app.with_indexed(|data, at| {
            let parent = task.parent_id.and_then(|id| at.revisit(data, id));
            TaskView {
                record: task.record_id.and_then(|id| at.revisit(data, id)).cloned(),
                customer: at.customer(data, task.customer_id).cloned(),
                case: task.case_id.and_then(|id| at.case(data, id)).cloned(),
                assignee: task.assignee.and_then(|id| at.staff(data, id)).map(|s| s.name.clone()),
                earliest: contact::earliest_visit(&task, parent.map(std::slice::from_ref).unwrap_or_default()),
                owed: parent.and_then(|p| p.result.as_ref()).map(|r| r.issues.clone()).unwrap_or_default(),
                staff: data.staff.clone(),
                settings: data.settings.clone(),
                task,
            }
        })
    });
    view! {
        <section class="page">
            <h2>{tr(Msg::RevisitTitle)}</h2>
            <Loaded>
                {move || match shown.get() {
                    Some(v) => view! {
                        <TaskSummary task=v.task.clone() customer=v.customer case=v.case assignee=v.assignee owed=v.owed />
                        <div class="two-col">
                            <div>
                                <AttemptLog task=v.task.clone() record=v.record.clone() staff=v.staff.clone() settings=v.settings.clone() />
                                <CloseTask
                                    task=v.task.clone()
                                    record=v.record.clone()
                                    staff=v.staff.clone()
                                    min_attempts=v.settings.policies.min_attempts
                                />
                            </div>
                            <ResultForm task=v.task record=v.record staff=v.staff earliest=v.earliest />
                        </div>
                    }
                    .into_any(),
                    None => view! {
                        <p class="notice" id="task-gone">{tr(Msg::TaskNotOpen)}</p>
                        <button on:click=move |_| app.go(Page::Today)>{tr(Msg::Back)}</button>
                    }
                    .into_any(),
                }}
            </Loaded>
        </section>
    }
}
