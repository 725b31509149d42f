use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::Changes;
use huifang_core::model::{OpenLetter, Positions};
use huifang_core::validation::{FieldError, OpenLetterDraft};
use huifang_core::Dataset;

use crate::clock;
use crate::components::{case_line, matches_search, page_range, FieldErrors, Loaded, Pager, PickList};
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
            let Some(checked) =
                app.with_data_untracked(|data| draft.validate(Uuid::new_v4(), data, clock::today(), clock::now()))
            else {
                return;
            };
            let letter = match checked {
                Ok(l) => l,
                Err(e) => return errors.set(e),
            };
            errors.set(Vec::new());
            if app.save(Msg::LetterSaved, Changes::open_letter(letter)).await {
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
            <Loaded>
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
                                <CaseChoice selected=cases filter=filter />
                            </div>
                        </div>
                        <FieldErrors errors=errors />
                        <div class="actions">
                            <button type="submit" id="save-letter" class="primary" disabled=move || save.pending().get()>
                                {move || i18n.t(if save.pending().get() { Msg::Saving } else { Msg::SaveLetter })}
                            </button>
                        </div>
                    </form>
                    <LetterList />
            </Loaded>
        </section>
    }
}

/// How many cases the pick list offers at once; the filter finds the rest.
const OFFERED: usize = 300;

/// The handled cases a letter can answer, newest first, narrowed by the
/// filter; a case already answered by a letter says so.
#[component]
fn CaseChoice(selected: RwSignal<Vec<Uuid>>, filter: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let items = Memo::new(move |_| {
        let (lang, needle) = (i18n.lang(), filter.get().trim().to_lowercase());
        app.with_indexed(|data, at| {
            data.cases
                .iter()
                .rev()
                .filter(|c| c.completed_on.is_some())
                .map(|c| {
                    let mark = if at.letters_of_case(data, c.id).next().is_some() {
                        format!(" · {}", Msg::AnsweredByLetter.text(lang))
                    } else {
                        String::new()
                    };
                    (c.id, format!("{} · {}{mark}", case_kind(lang, c.kind), case_line(data, at, c)))
                })
                .filter(|(_, line)| matches_search(&needle, &[line]))
                .take(OFFERED)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let none = move || app.with_data(|d| d.cases.iter().all(|c| c.completed_on.is_none())).unwrap_or(true);
    view! {
        <Show when=move || !none() fallback=|| view! { <p class="empty">{tr(Msg::NoCompletedCases)}</p> }>
            {move || view! { <PickList items=items.get() selected=selected class="letter-case" filter=(filter, "letter-filter") /> }}
        </Show>
    }
}

/// The letters sent, newest first, each with the cases it answered; a
/// page at a time.
#[component]
fn LetterList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let page = RwSignal::new(0usize);
    let total = Signal::derive(move || app.with_data(|d| d.open_letters.len()).unwrap_or(0));
    let letters = move || {
        let lang = i18n.lang();
        app.with_indexed(|data, at| {
            let (from, to) = page_range(page.get(), data.open_letters.len());
            data.open_letters.iter().rev().skip(from).take(to - from).map(|l| letter(data, at, l, lang)).collect_view()
        })
    };
    view! {
        <Show when=move || { total.get() > 0 } fallback=|| view! { <p class="empty">{tr(Msg::NoLetters)}</p> }>
            <div id="letter-list">{letters}</div>
            <Pager id="letter-pager" page=page total=total />
        </Show>
    }
}

fn letter(data: &Dataset, at: &Positions, l: &OpenLetter, lang: Lang) -> impl IntoView {
    let cases = l
        .case_ids
        .iter()
        .filter_map(|id| at.case(data, *id))
        .map(|c| view! { <li class="letter-answers">{format!("{} · {}", case_kind(lang, c.kind), case_line(data, at, c))}</li> })
        .collect_view();
    view! {
        <article class="card letter-row" data-letter-id=l.id.to_string()>
            <h3>{l.title.clone()} <small>{l.sent_on.to_string()}</small></h3>
            <p class="letter-body">{l.body.clone()}</p>
            <ul>{cases}</ul>
        </article>
    }
}
