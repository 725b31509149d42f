use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::OpenLetter;
use huifang_core::validation::{FieldError, OpenLetterDraft};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{case_line, FieldErrors, PickList, WithData};
use crate::i18n::{case_kind, tr, use_i18n, Lang, Msg};
use crate::state::use_app;

/// 公开信 (rule 8): one written answer to the households that raised the
/// same problem, archived with their cases.
#[component]
pub fn LettersPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let today = clock::today();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let sent_on = RwSignal::new(today.to_string());
    let cases = RwSignal::new(Vec::<Uuid>::new());
    let filter = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let save = Action::new_local(move |draft: &OpenLetterDraft| {
        let draft = draft.clone();
        async move {
            let checked = app.data.with_untracked(|d| match d {
                Some(Ok(data)) => draft.validate(Uuid::new_v4(), data, clock::today(), clock::now()),
                _ => draft.validate(Uuid::new_v4(), &Dataset::default(), clock::today(), clock::now()),
            });
            let letter = match checked {
                Ok(l) => l,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            if app.save(Msg::LetterSaved, |db| async move { db.put_open_letter(&letter).await }).await {
                title.set(String::new());
                body.set(String::new());
                cases.set(Vec::new());
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft =
            OpenLetterDraft { title: title.get(), body: body.get(), sent_on: sent_on.get(), case_ids: cases.get() };
        save.dispatch(draft);
    };

    view! {
        <section class="page">
            <h2>{tr(Msg::LettersTitle)}</h2>
            <WithData render=move |data: Dataset| {
                view! {
                    <form class="card form" id="letter-form" on:submit=submit>
                        <h3>{tr(Msg::NewLetter)}</h3>
                        <div class="grid">
                            <label for="letter-title">{tr(Msg::Title)}</label>
                            <input id="letter-title" type="text" bind:value=title />
                            <label for="letter-date">{tr(Msg::SentOn)}</label>
                            <input id="letter-date" type="date" max=today.to_string() bind:value=sent_on />
                            <label for="letter-body">{tr(Msg::Body)}</label>
                            <textarea id="letter-body" rows="8" bind:value=body></textarea>
                            <span class="label">{tr(Msg::CasesAnswered)}</span>
                            <div>
                                <p class="hint">{tr(Msg::CasesAnsweredHint)}</p>
                                <CaseChoice data=data.clone() selected=cases filter=filter />
                            </div>
                        </div>
                        <FieldErrors errors=errors />
                        <div class="actions">
                            <button type="submit" id="save-letter" class="primary" disabled=move || save.pending().get()>
                                {move || i18n.t(if save.pending().get() { Msg::Saving } else { Msg::SaveLetter })}
                            </button>
                        </div>
                    </form>
                    <LetterList data=data />
                }
            } />
        </section>
    }
}

/// The handled cases a letter can answer, newest first; a case already
/// answered by a letter says so.
#[component]
fn CaseChoice(data: Dataset, selected: RwSignal<Vec<Uuid>>, filter: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.current();
    let answered: std::collections::HashSet<Uuid> =
        data.open_letters.iter().flat_map(|l| l.case_ids.iter().copied()).collect();
    let items: Vec<(Uuid, String)> = data
        .cases
        .iter()
        .rev()
        .filter(|c| c.completed_on.is_some())
        .map(|c| {
            let mark = if answered.contains(&c.id) {
                format!(" · {}", Msg::AnsweredByLetter.text(lang))
            } else {
                String::new()
            };
            (c.id, format!("{} · {}{mark}", case_kind(lang, c.kind), case_line(&data, c)))
        })
        .collect();
    if items.is_empty() {
        return view! { <p class="empty">{tr(Msg::NoCompletedCases)}</p> }.into_any();
    }
    view! { <PickList items=items selected=selected class="letter-case" filter=(filter, "letter-filter") /> }.into_any()
}

/// The letters sent, newest first, each with the cases it answered.
#[component]
fn LetterList(data: Dataset) -> impl IntoView {
    let i18n = use_i18n();
    if data.open_letters.is_empty() {
        return view! { <p class="empty">{tr(Msg::NoLetters)}</p> }.into_any();
    }
    let letters = data.open_letters.iter().rev().map(|l| letter(&data, l, i18n.current())).collect_view();
    view! { <div id="letter-list">{letters}</div> }.into_any()
}

fn letter(data: &Dataset, l: &OpenLetter, lang: Lang) -> impl IntoView {
    let cases = l
        .case_ids
        .iter()
        .filter_map(|id| data.case(*id))
        .map(|c| view! { <li class="letter-answers">{format!("{} · {}", case_kind(lang, c.kind), case_line(data, c))}</li> })
        .collect_view();
    view! {
        <article class="card letter-row" data-letter-id=l.id.to_string()>
            <h3>{l.title.clone()} <small>{l.sent_on.to_string()}</small></h3>
            <p class="letter-body">{l.body.clone()}</p>
            <ul>{cases}</ul>
        </article>
    }
}
