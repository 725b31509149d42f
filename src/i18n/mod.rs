//! UI wording in Chinese (default) and English.
//!
//! Every message is a variant with both texts side by side, so the
//! compiler refuses a message that lacks a language. (A catalogue crate
//! such as leptos_i18n would add build-time codegen and bundle weight for
//! what is, here, a fixed set of static strings.)

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use errors::{backup_error, field_error, store_error};
pub use import_text as import;
pub use labels::*;
pub use messages::Msg;
pub use reasons::{plan_warning, reason, urgency};
pub use settings_text::{calendar_missing, day_kind, policy_key, sales_class_or_none, settings_error, span_unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    const KEY: &'static str = "huifang.lang";

    /// The language chosen on this device before, else Chinese.
    pub fn saved() -> Self {
        LocalStorage::get(Self::KEY).unwrap_or_default()
    }

    pub fn save(self) {
        // A full or blocked localStorage only loses the preference, not data.
        let _ = LocalStorage::set(Self::KEY, self);
    }

    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub(crate) fn pick(self, pair: (&'static str, &'static str)) -> &'static str {
        match self {
            Lang::Zh => pair.0,
            Lang::En => pair.1,
        }
    }
}

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// The language right now, without subscribing: for messages built in
    /// actions and event handlers rather than in views.
    pub fn current(self) -> Lang {
        self.0.get_untracked()
    }

    /// The text of `msg` in the current language (tracked, so views update).
    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self.0.get())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Declares `Msg` with both texts of each message side by side.
macro_rules! messages {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub fn text(self, lang: crate::i18n::Lang) -> &'static str {
                match self { $(Msg::$name => lang.pick(($zh, $en))),* }
            }
        }
    };
}

mod errors;
pub mod import_text;
mod labels;
mod messages;
mod reasons;
mod settings_text;

/// A rate in permille as a percentage with one decimal, e.g. "100.0%".
pub fn percent(permille: u32) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

/// The text of `msg` in the current language, as reactive text for a view,
/// e.g. `{tr(Msg::Save)}`. Every call returns the same closure type, so the
/// views share one instantiation of the renderer instead of one per
/// `move || i18n.t(…)` (a real saving in the wasm bundle).
pub fn tr(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(msg)
}
