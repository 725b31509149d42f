use leptos::html::Dialog;
use leptos::prelude::*;

use crate::i18n::{tr, Msg};

/// A modal dialog asking for the passphrase of an encrypted backup.
///
/// Shown while `open` is true. `on_passphrase` receives what was typed
/// (the field is then cleared); `on_cancel` runs on "Cancel" or Escape.
/// `error` is shown under the field (e.g. "wrong passphrase"), and `busy`
/// disables the dialog while the caller decrypts.
#[component]
pub fn PassphrasePrompt(
    #[prop(into)] open: Signal<bool>,
    on_passphrase: Callback<String>,
    on_cancel: Callback<()>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] busy: Signal<bool>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let typed = RwSignal::new(String::new());

    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                typed.set(String::new());
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let passphrase = typed.get_untracked();
        if !passphrase.is_empty() && !busy.get_untracked() {
            typed.set(String::new());
            on_passphrase.run(passphrase);
        }
    };
    // Escape closes a modal dialog by itself; the caller hears it as a cancel.
    let escape = move |ev: leptos::ev::Event| {
        ev.prevent_default();
        on_cancel.run(());
    };

    view! {
        <dialog node_ref=dialog id="passphrase-dialog" on:cancel=escape>
            <form on:submit=submit>
                <h3>{tr(Msg::PassphrasePromptTitle)}</h3>
                <p>{tr(Msg::PassphrasePromptText)}</p>
                <label for="passphrase-input">{tr(Msg::Passphrase)}</label>
                <input id="passphrase-input" type="password" autocomplete="current-password" autofocus
                    bind:value=typed disabled=busy />
                {move || error.get().map(|text| view! { <p id="passphrase-error" class="notice error" role="alert">{text}</p> })}
                {move || busy.get().then(|| view! { <p class="loading">{tr(Msg::Decrypting)}</p> })}
                <div class="actions">
                    <button id="passphrase-cancel" type="button" on:click=move |_| on_cancel.run(())>
                        {tr(Msg::Cancel)}
                    </button>
                    <button id="passphrase-ok" type="submit" class="primary"
                        disabled=move || busy.get() || typed.with(String::is_empty)>
                        {tr(Msg::Decrypt)}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
