use leptos::prelude::*;

use huifang_core::model::{Role, Severity};
use huifang_core::policy::{Exclusion, Policy, PolicyKey};
use huifang_core::settings::edit::PolicyDraft;
use huifang_core::settings::Settings;

use super::{use_saver, Fold, OptionalSpan, SectionActions, SettingsErrors, SpanField, SpanInput, METHODS};
use crate::components::Checks;
use crate::i18n::{anchor, exclusion, method, policy_key, role, span, tr, use_i18n, Lang, Msg};
use crate::state::use_app;

fn slug(key: PolicyKey) -> &'static str {
    match key {
        PolicyKey::Complaint(Severity::General) => "complaint-general",
        PolicyKey::Complaint(Severity::Important) => "complaint-important",
        PolicyKey::Complaint(Severity::Major) => "complaint-major",
        PolicyKey::Repair => "repair",
        PolicyKey::Activity => "activity",
        PolicyKey::MoveIn => "move-in",
        PolicyKey::Emergency => "emergency",
        PolicyKey::Signing => "signing",
    }
}

/// "投诉（一般）：处理完毕后 0 天起，3 天内，目标 50%".
fn summary(lang: Lang, p: &Policy) -> String {
    let (name, from) = (policy_key(lang, p.key), anchor(lang, p.anchor));
    let (opens, due) = (span(lang, p.opens_after), span(lang, p.due_within));
    match lang {
        Lang::Zh => format!("{name}：{from}后 {opens} 开始，{due}内完成，目标 {}%", p.target.0),
        Lang::En => format!("{name}: from {from} + {opens}, due within {due}, target {}%", p.target.0),
    }
}

/// One revisit policy (DOMAIN "Default policies"), folded to its summary.
#[component]
pub fn PolicyCard(policy: Policy) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let key = policy.key;
    let d = PolicyDraft::of(&policy);
    let opens = SpanField::new(d.opens_after);
    let due = SpanField::new(d.due_within);
    let target = RwSignal::new(d.target);
    let roles = RwSignal::new(d.roles);
    let methods = RwSignal::new(d.methods);
    let later = RwSignal::new(d.later_methods);
    let exclusions = RwSignal::new(d.exclusions);
    let repeat = OptionalSpan::new(d.recurrence);
    let errors = RwSignal::new(Vec::new());
    let fill = move |d: PolicyDraft| {
        opens.set(d.opens_after);
        due.set(d.due_within);
        target.set(d.target);
        roles.set(d.roles);
        methods.set(d.methods);
        later.set(d.later_methods);
        exclusions.set(d.exclusions);
        repeat.set(d.recurrence);
    };
    let draft = move || PolicyDraft {
        opens_after: opens.get(),
        due_within: due.get(),
        target: target.get_untracked(),
        roles: roles.get_untracked(),
        methods: methods.get_untracked(),
        later_methods: later.get_untracked(),
        exclusions: exclusions.get_untracked(),
        recurrence: repeat.get(),
    };
    let saver = use_saver();
    let save = move || {
        let d = draft();
        let edit = |s: &Settings| d.apply(&s.policies, key).map(|policies| Settings { policies, ..s.clone() });
        saver.save(errors, Msg::SettingsSaved, edit);
    };
    let restore = move || {
        fill(PolicyDraft::default_for(key));
        errors.set(Vec::new());
        app.told(Msg::DefaultsFilledIn);
    };
    let field = move |label: Msg, input: AnyView| {
        view! {
            <span class="label">{move || i18n.t(label)}</span>
            {input}
        }
    };
    let from = policy.anchor;
    view! {
        <Fold id=format!("policy-{}", slug(key)) summary=Signal::derive(move || summary(i18n.lang(), &policy))>
            <div class="form grid">
                {field(Msg::StartsAt, view! { <span>{move || anchor(i18n.lang(), from)}</span> }.into_any())}
                {field(Msg::OpensAfter, view! { <SpanInput class="opens-after" field=opens /> }.into_any())}
                {field(Msg::DueWithin, view! { <SpanInput class="due-within" field=due /> }.into_any())}
                {field(Msg::TargetRate, view! { <input type="number" min="0" max="100" class="target" bind:value=target /> }.into_any())}
                {field(Msg::Roles, view! { <Checks class="role" options=&Role::ALL value=roles label=role /> }.into_any())}
                {field(Msg::Methods, view! { <Checks class="method" options=&METHODS value=methods label=method /> }.into_any())}
                {field(Msg::LaterMethods, view! { <Checks class="later-method" options=&METHODS value=later label=method /> }.into_any())}
                {field(Msg::Exclusions, view! { <Checks class="exclusion" options=&Exclusion::ALL value=exclusions label=exclusion /> }.into_any())}
                <label class="check">
                    <input type="checkbox" class="repeats" bind:checked=repeat.on />
                    {tr(Msg::Repeats)}
                </label>
                <Show when=move || repeat.on.get()>
                    <SpanInput class="repeat-every" field=repeat.span />
                </Show>
            </div>
            <SettingsErrors errors=errors />
            <SectionActions class="policy" save=Callback::new(move |_| save()) restore=Callback::new(move |_| restore()) />
        </Fold>
    }
}
