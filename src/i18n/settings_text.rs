//! Wording for the Settings screen: units, calendar entries and the
//! reasons an edit is refused.

use huifang_core::calendar::WorkCalendarError;
use huifang_core::model::SalesClass;
use huifang_core::policy::PolicyKey;
use huifang_core::settings::edit::{DayKind, Setting, SettingsError, SpanUnit};

use super::{case_kind, sales_class, severity, Lang};

pub fn span_unit(lang: Lang, u: SpanUnit) -> &'static str {
    lang.pick(match u {
        SpanUnit::Days => ("天", "days"),
        SpanUnit::WorkingDays => ("个工作日", "working days"),
        SpanUnit::Months => ("个月", "months"),
    })
}

pub fn day_kind(lang: Lang, k: DayKind) -> &'static str {
    lang.pick(match k {
        DayKind::Holiday => ("放假", "Day off"),
        DayKind::SwappedWorkday => ("调休上班", "Swapped working day"),
    })
}

/// A sales class, or none (the customer is not a sales-centre customer).
pub fn sales_class_or_none(lang: Lang, c: Option<SalesClass>) -> &'static str {
    match c {
        Some(c) => sales_class(lang, c),
        None => lang.pick(("不适用", "None")),
    }
}

/// "投诉（重要）", "维修"…
pub fn policy_key(lang: Lang, key: PolicyKey) -> String {
    match key {
        PolicyKey::Complaint(s) => match lang {
            Lang::Zh => format!("{}（{}）", case_kind(lang, key.kind()), severity(lang, s)),
            Lang::En => format!("{} ({})", case_kind(lang, key.kind()), severity(lang, s)),
        },
        _ => case_kind(lang, key.kind()).to_owned(),
    }
}

/// The warning shown while `year`'s official schedule is not entered (rule 15).
pub fn calendar_missing(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("{year} 年的法定节假日尚未录入，期间按工作日计算的期限只跳过周末。"),
        Lang::En => format!(
            "The official holidays of {year} are not entered yet; working-day deadlines in {year} skip weekends only."
        ),
    }
}

fn setting(lang: Lang, s: Setting) -> &'static str {
    lang.pick(match s {
        Setting::OpensAfter => ("起算后多久开始", "Opens after"),
        Setting::DueWithin => ("开始后多久内完成", "Due within"),
        Setting::Recurrence => ("重复间隔", "Repeat interval"),
        Setting::Target => ("目标回访率", "Target rate"),
        Setting::Roles => ("回访人员", "Revisited by"),
        Setting::Methods => ("回访方式", "Methods"),
        Setting::LaterMethods => ("第二轮起回访方式", "Methods from round 2"),
        Setting::FirstVisit => ("首次回访", "First revisit"),
        Setting::Every => ("回访间隔", "Interval"),
        Setting::MinAttempts => ("至少联系次数", "Attempts"),
        Setting::RepairSample => ("抽查比例", "Sample share"),
        Setting::CallWindows => ("致电时段", "Call windows"),
    })
}

fn calendar_error(lang: Lang, e: &WorkCalendarError) -> String {
    match (lang, e) {
        (Lang::Zh, WorkCalendarError::AlreadyHoliday(d)) => format!("{d} 已是放假日，不能同时是调休上班日"),
        (Lang::En, WorkCalendarError::AlreadyHoliday(d)) => format!("{d} is already a day off"),
        (Lang::Zh, WorkCalendarError::AlreadyWorkday(d)) => format!("{d} 已是调休上班日，不能同时是放假日"),
        (Lang::En, WorkCalendarError::AlreadyWorkday(d)) => format!("{d} is already a swapped working day"),
        (Lang::Zh, WorkCalendarError::NotAWeekend(d)) => format!("{d} 是工作日，本来就要上班"),
        (Lang::En, WorkCalendarError::NotAWeekend(d)) => format!("{d} is a weekday, so it is a working day already"),
        (Lang::Zh, WorkCalendarError::NameRequired) => "名称：必须填写".into(),
        (Lang::En, WorkCalendarError::NameRequired) => "Name is required".into(),
    }
}

/// Why a settings edit was refused, in the user's language.
pub fn settings_error(lang: Lang, e: &SettingsError) -> String {
    use SettingsError::*;
    match (lang, e) {
        (Lang::Zh, NotANumber(s)) => format!("{}：请填写整数", setting(lang, *s)),
        (Lang::En, NotANumber(s)) => format!("{}: enter a whole number", setting(lang, *s)),
        (Lang::Zh, TooLarge { setting: s, max }) => format!("{}：不能大于 {max}", setting(lang, *s)),
        (Lang::En, TooLarge { setting: s, max }) => format!("{}: at most {max}", setting(lang, *s)),
        (Lang::Zh, TooSmall { setting: s, min }) => format!("{}：不能小于 {min}", setting(lang, *s)),
        (Lang::En, TooSmall { setting: s, min }) => format!("{}: at least {min}", setting(lang, *s)),
        (Lang::Zh, NoneChosen(s)) => format!("{}：请至少选择一项", setting(lang, *s)),
        (Lang::En, NoneChosen(s)) => format!("{}: choose at least one", setting(lang, *s)),
        (Lang::Zh, InvalidTime(n)) => format!("第 {n} 个时段：不是有效时间（时:分）"),
        (Lang::En, InvalidTime(n)) => format!("Window {n}: not a valid time (HH:MM)"),
        (Lang::Zh, WindowOrder(n)) => format!("第 {n} 个时段：开始时间须早于结束时间"),
        (Lang::En, WindowOrder(n)) => format!("Window {n}: the start must be before the end"),
        (Lang::Zh, WindowsOverlap(a, b)) => format!("第 {a} 和第 {b} 个时段重叠"),
        (Lang::En, WindowsOverlap(a, b)) => format!("Windows {a} and {b} overlap"),
        (Lang::Zh, InvalidDate) => "日期：不是有效日期".into(),
        (Lang::En, InvalidDate) => "Date: not a valid date".into(),
        (_, Calendar(c)) => calendar_error(lang, c),
    }
}
