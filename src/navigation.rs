//! Which screen is shown. Kept in the URL hash so a reload stays put and
//! `dist/` works on any static web server (no rewrite rules needed).

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Today,
    Customers,
    /// 事项 of every kind (complaints first); `#nav-complaints` leads here.
    Cases,
    OpenLetters,
    Staff,
    Revisit(Uuid),
    Tally,
    Settings,
    Data,
}

impl Page {
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/') {
            Some(("revisit", id)) => Uuid::parse_str(id).map(Page::Revisit).unwrap_or(Page::Today),
            _ => match path {
                "customers" => Page::Customers,
                // The old complaints screen's address still works.
                "cases" | "complaints" => Page::Cases,
                "letters" => Page::OpenLetters,
                "staff" => Page::Staff,
                "tally" => Page::Tally,
                "settings" => Page::Settings,
                "data" => Page::Data,
                _ => Page::Today,
            },
        }
    }

    pub fn to_hash(self) -> String {
        match self {
            Page::Today => "#/today".into(),
            Page::Customers => "#/customers".into(),
            Page::Cases => "#/cases".into(),
            Page::OpenLetters => "#/letters".into(),
            Page::Staff => "#/staff".into(),
            Page::Revisit(id) => format!("#/revisit/{id}"),
            Page::Tally => "#/tally".into(),
            Page::Settings => "#/settings".into(),
            Page::Data => "#/data".into(),
        }
    }
}

pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

pub fn set_hash(page: Page) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&page.to_hash());
    }
}
