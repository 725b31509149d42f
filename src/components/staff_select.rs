use leptos::prelude::*;
use uuid::Uuid;

use huifang_core::model::Staff;

use crate::i18n::{role, tr, use_i18n, Msg};

/// Picks the staff member who did something; active staff only, plus the
/// current value even if they left (so an old record still shows its name).
#[component]
pub fn StaffSelect(id: &'static str, staff: Vec<Staff>, value: RwSignal<Option<Uuid>>) -> impl IntoView {
    let i18n = use_i18n();
    let current = value.get_untracked();
    let options: Vec<Staff> = staff.into_iter().filter(|s| s.active || Some(s.id) == current).collect();
    view! {
        <select
            id=id
            on:change=move |ev| value.set(Uuid::parse_str(&event_target_value(&ev)).ok())
        >
            <option value="" selected=move || value.get().is_none()>{tr(Msg::NobodyChosen)}</option>
            {options
                .into_iter()
                .map(|s| {
                    let sid = s.id;
                    let r = s.role;
                    view! {
                        <option value=sid.to_string() selected=move || value.get() == Some(sid)>
                            {s.name.clone()} " · " {move || role(i18n.lang(), r)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
