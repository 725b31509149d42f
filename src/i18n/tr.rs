//! One closure type for every message shown in a view.

use super::{I18n, Msg};

impl I18n {
    /// `msg` as reactive text for a view, e.g. `{i18n.tr(Msg::Save)}`.
    ///
    /// Every call returns the same closure type, so the views share one
    /// instantiation of the renderer instead of one per `move || i18n.t(…)`
    /// (a real saving in the wasm bundle).
    pub fn tr(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(msg)
    }
}
