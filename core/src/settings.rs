//! The office's settings that travel with its data: policies, the
//! working-day calendar and call windows (edited in Settings).

pub mod edit;

use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::policy::PolicySet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub policies: PolicySet,
    #[serde(default = "WorkCalendar::official")]
    pub calendar: WorkCalendar,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { policies: PolicySet::default(), calendar: WorkCalendar::official() }
    }
}
