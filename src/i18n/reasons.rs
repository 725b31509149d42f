//! "Why is this due": the scheduler's reasons and warnings in words staff read.

use huifang_core::eligibility::Pick;
use huifang_core::scheduler::{PlanWarning, Reason, Urgency};

use super::labels::{anchor, case_kind, role, sales_class, span};
use super::{Lang, Msg};

pub fn urgency(lang: Lang, u: Urgency) -> String {
    match (lang, u) {
        (Lang::Zh, Urgency::Overdue { days }) => format!("已逾期 {days} 天"),
        (Lang::En, Urgency::Overdue { days }) => format!("Overdue by {days} day{}", if days == 1 { "" } else { "s" }),
        (_, Urgency::DueToday) => Msg::DueToday.text(lang).to_owned(),
        (Lang::Zh, Urgency::Upcoming { days }) => format!("{days} 天后到期"),
        (Lang::En, Urgency::Upcoming { days }) => format!("Due in {days} day{}", if days == 1 { "" } else { "s" }),
    }
}

fn pick(lang: Lang, p: &Pick) -> String {
    match (lang, p) {
        (Lang::Zh, Pick::Required) => "政策要求全部回访".into(),
        (Lang::En, Pick::Required) => "the policy revisits every case".into(),
        (Lang::Zh, Pick::Sampled { nth, of_target }) => {
            format!("为达到 {}% 回访率抽中（本月第 {nth} 件）", of_target.0)
        }
        (Lang::En, Pick::Sampled { nth, of_target }) => {
            format!("picked to reach the {}% target (case {nth} of the month)", of_target.0)
        }
        (Lang::Zh, Pick::Started) => "已开始回访".into(),
        (Lang::En, Pick::Started) => "already started".into(),
        (Lang::Zh, Pick::Requested) => "员工加入回访名单".into(),
        (Lang::En, Pick::Requested) => "added by staff".into(),
        (Lang::Zh, Pick::OpenLetter { .. }) => "已由公开信答复".into(),
        (Lang::En, Pick::OpenLetter { .. }) => "answered by an open letter".into(),
    }
}

pub fn reason(lang: Lang, r: &Reason) -> String {
    match (lang, r) {
        (Lang::Zh, Reason::Anchor { kind, anchor: a, on, opens_after, due_within, .. }) => {
            let opens = if opens_after == &huifang_core::policy::Span::Days(0) {
                String::new()
            } else {
                format!("满{}后", span(lang, *opens_after))
            };
            format!(
                "{}于 {on} {}，{opens}须在{}内回访",
                case_kind(lang, *kind),
                anchor(lang, *a),
                span(lang, *due_within)
            )
        }
        (Lang::En, Reason::Anchor { kind, anchor: a, on, opens_after, due_within, .. }) => {
            let opens = if opens_after == &huifang_core::policy::Span::Days(0) {
                String::new()
            } else {
                format!(" from {} after", span(lang, *opens_after))
            };
            format!(
                "{}: {} on {on}; revisit within {}{opens}",
                case_kind(lang, *kind),
                anchor(lang, *a),
                span(lang, *due_within)
            )
        }
        (_, Reason::Picked(p)) => pick(lang, p),
        (Lang::Zh, Reason::NextRound { reply_by, .. }) => {
            format!("上次回访客户提出问题，约定 {reply_by} 前答复（第二轮起）")
        }
        (Lang::En, Reason::NextRound { reply_by, .. }) => {
            format!("issues raised last round; reply agreed by {reply_by}")
        }
        (Lang::Zh, Reason::Escalated { from_role }) => {
            format!("{}回访时客户强烈不满，由上级再次回访", role(lang, *from_role))
        }
        (Lang::En, Reason::Escalated { from_role }) => {
            format!(
                "strong dissatisfaction at the {}'s revisit: the superior revisits",
                role(lang, *from_role).to_lowercase()
            )
        }
        (Lang::Zh, Reason::Area { building }) => format!("负责 {building} 栋"),
        (Lang::En, Reason::Area { building }) => format!("responsible for building {building}"),
        (Lang::Zh, Reason::LeastLoaded { open }) => format!("工作量最少（已有 {open} 件）"),
        (Lang::En, Reason::LeastLoaded { open }) => format!("least busy ({open} open)"),
        (Lang::Zh, Reason::NotTheStaffInvolved { excluded }) => format!("已避开被投诉员工 {excluded} 人"),
        (Lang::En, Reason::NotTheStaffInvolved { excluded }) => {
            format!("{excluded} staff member(s) the case is about passed over")
        }
        (Lang::Zh, Reason::NoCallsPreference) => "客户不接电话，改用短信或电邮".into(),
        (Lang::En, Reason::NoCallsPreference) => "the customer takes no calls: SMS or email".into(),
        (Lang::Zh, Reason::SalesCadence { class, last }) => match last {
            Some(d) => format!("{}定期回访，上次 {d}", sales_class(lang, *class)),
            None => format!("{}首次回访", sales_class(lang, *class)),
        },
        (Lang::En, Reason::SalesCadence { class, last }) => match last {
            Some(d) => format!("{} cadence; last on {d}", sales_class(lang, *class)),
            None => format!("{}: first revisit", sales_class(lang, *class)),
        },
        (Lang::Zh, Reason::AnnualSigned { last }) => format!("签约客户每年至少回访一次，上次 {last}"),
        (Lang::En, Reason::AnnualSigned { last }) => format!("signed customers at least yearly; last on {last}"),
        (Lang::Zh, Reason::Holiday { name }) => format!("{name}节日回访"),
        (Lang::En, Reason::Holiday { name }) => format!("holiday greeting: {name}"),
        (Lang::Zh, Reason::AssigneeKept) => "由开始回访的员工继续".into(),
        (Lang::En, Reason::AssigneeKept) => "kept by who started it".into(),
        (Lang::Zh, Reason::Reassigned { .. }) => "原回访人不能继续，已改派".into(),
        (Lang::En, Reason::Reassigned { .. }) => "reassigned: the previous person can't continue".into(),
        (Lang::Zh, Reason::StartedThoughNoLongerDue) => "规则已不再要求，但已开始：请完成或关闭".into(),
        (Lang::En, Reason::StartedThoughNoLongerDue) => "no longer required but started: finish or close it".into(),
    }
}

pub fn plan_warning(lang: Lang, w: &PlanWarning) -> String {
    match (lang, w) {
        (Lang::Zh, PlanWarning::NoStaffForRole { role: r }) => {
            format!("没有可安排的{}：请在“员工”中添加，否则这些回访无人负责", role(lang, *r))
        }
        (Lang::En, PlanWarning::NoStaffForRole { role: r }) => {
            format!(
                "No active {} to assign: add one under Staff, or these revisits have no one",
                role(lang, *r).to_lowercase()
            )
        }
        (Lang::Zh, PlanWarning::CalendarMissingYear { year }) => {
            format!("{year} 年的法定节假日尚未录入，工作日期限暂按周末计算：请在“设置”中录入")
        }
        (Lang::En, PlanWarning::CalendarMissingYear { year }) => {
            format!("{year}'s public holidays are not entered; working-day deadlines count weekends only. Enter them in Settings")
        }
        (Lang::Zh, PlanWarning::DuplicateStartedRecords { others, .. }) => {
            format!("同一回访在多台设备上开始了 {} 次，请关闭多余的记录", others.len() + 1)
        }
        (Lang::En, PlanWarning::DuplicateStartedRecords { others, .. }) => {
            format!(
                "The same revisit was started {} times (several tablets?): close the extra records",
                others.len() + 1
            )
        }
        (Lang::Zh, PlanWarning::StartedButAnsweredByOpenLetter { .. }) => {
            "有已开始的回访已由公开信答复，请关闭该记录".into()
        }
        (Lang::En, PlanWarning::StartedButAnsweredByOpenLetter { .. }) => {
            "A started revisit has since been answered by an open letter: close it".into()
        }
        (Lang::Zh, PlanWarning::RecordWithoutCaseOrCadence { .. }) => "有回访记录既无事项也无周期，无法安排".into(),
        (Lang::En, PlanWarning::RecordWithoutCaseOrCadence { .. }) => {
            "A revisit record has neither a case nor a cadence and can't be planned".into()
        }
    }
}
