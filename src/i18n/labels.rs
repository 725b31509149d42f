//! Names of the domain's enums, as staff read them (glossary wording).

use huifang_core::model::{
    AttemptOutcome, CaseKind, Channel, ClosureReason, ContactPreference, KindFilter, Method, Nature, Role, SalesClass,
    Satisfaction, Severity, Subject,
};
use huifang_core::policy::{Anchor, Exclusion, Span};

use super::{Lang, Msg};

pub fn case_kind(lang: Lang, k: CaseKind) -> &'static str {
    lang.pick(match k {
        CaseKind::Complaint => ("投诉", "Complaint"),
        CaseKind::Repair => ("维修", "Repair"),
        CaseKind::Activity => ("文体活动", "Community activity"),
        CaseKind::MoveIn => ("入伙", "Move-in"),
        CaseKind::Emergency => ("突发事件", "Emergency"),
        CaseKind::HolidayVisit => ("节日拜访", "Holiday visit"),
        CaseKind::Signing => ("签约", "Signing"),
    })
}

pub fn channel(lang: Lang, c: Channel) -> &'static str {
    lang.pick(match c {
        Channel::Phone => ("来电", "Phone call"),
        Channel::WalkIn => ("来访", "Walk-in"),
        Channel::Letter => ("来函", "Letter"),
        Channel::Other => ("其它", "Other"),
    })
}

pub fn severity(lang: Lang, s: Severity) -> &'static str {
    lang.pick(match s {
        Severity::General => ("一般", "General"),
        Severity::Important => ("重要", "Important"),
        Severity::Major => ("重大", "Major"),
    })
}

pub fn nature(lang: Lang, n: Nature) -> &'static str {
    lang.pick(match n {
        Nature::Substantiated => ("有效投诉", "Substantiated"),
        Nature::HelpRequest => ("求助型", "Help request"),
        Nature::Inquiry => ("咨询型", "Inquiry"),
        Nature::Venting => ("发泄型", "Venting"),
    })
}

pub fn subject(lang: Lang, s: Subject) -> &'static str {
    lang.pick(match s {
        Subject::Equipment => ("设备", "Equipment"),
        Subject::Attitude => ("服务态度", "Service attitude"),
        Subject::Quality => ("服务质量", "Service quality"),
        Subject::Emergency => ("突发事件", "Emergency"),
    })
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    lang.pick(match r {
        Role::PropertyAssistant => ("物业助理", "Property assistant"),
        Role::DepartmentSupervisor => ("部门主管", "Department supervisor"),
        Role::CustomerServiceSupervisor => ("客服部主管", "Customer-service supervisor"),
        Role::CompanyManager => ("公司经理", "Company manager"),
        Role::CommunityCultureClerk => ("社区文化文员", "Community-culture clerk"),
    })
}

pub fn method(lang: Lang, m: Method) -> &'static str {
    lang.pick(match m {
        Method::Phone => ("电话回访", "Phone revisit"),
        Method::HomeVisit => ("上门回访", "Home visit"),
        Method::Letter => ("信函（公开信）", "Letter (open letter)"),
        Method::Sms => ("短信", "SMS"),
        Method::Email => ("电邮", "Email"),
    })
}

pub fn satisfaction(lang: Lang, s: Satisfaction) -> &'static str {
    lang.pick(match s {
        Satisfaction::Satisfied => ("满意", "Satisfied"),
        Satisfaction::Neutral => ("一般", "Neutral"),
        Satisfaction::Dissatisfied => ("不满意", "Dissatisfied"),
    })
}

pub fn attempt_outcome(lang: Lang, o: AttemptOutcome) -> &'static str {
    lang.pick(match o {
        AttemptOutcome::Reached => ("已联系上", "Reached"),
        AttemptOutcome::NoAnswer => ("无人接听", "No answer"),
        AttemptOutcome::Refused => ("拒访", "Refused"),
        AttemptOutcome::CallLater => ("暂不回访 / 改约", "Call later"),
        AttemptOutcome::WrongNumber => ("号码错误或停机", "Wrong or dead number"),
    })
}

pub fn closure_reason(lang: Lang, r: ClosureReason) -> &'static str {
    lang.pick(match r {
        ClosureReason::Unreachable => ("多次联系不上", "Unreachable"),
        ClosureReason::Refused => ("客户拒访", "Customer refused"),
        ClosureReason::WrongNumber => ("号码错误或停机", "Wrong or dead number"),
        ClosureReason::Moved => ("客户已搬离", "Household moved out"),
        ClosureReason::Missed => ("逾期未回访", "Missed (overdue)"),
        ClosureReason::Other => ("其它原因", "Other reason"),
    })
}

pub fn contact_preference(lang: Lang, c: ContactPreference) -> &'static str {
    lang.pick(match c {
        ContactPreference::Any => ("电话、上门均可", "Calls welcome"),
        ContactPreference::NoCallsSms => ("不接电话，发短信", "No calls: SMS"),
        ContactPreference::NoCallsEmail => ("不接电话，发电邮", "No calls: email"),
    })
}

pub fn sales_class(lang: Lang, c: SalesClass) -> &'static str {
    lang.pick(match c {
        SalesClass::A => ("A 类", "Class A"),
        SalesClass::B => ("B 类", "Class B"),
        SalesClass::C => ("C 类", "Class C"),
        SalesClass::D => ("D 类", "Class D"),
        SalesClass::Deal => ("成交客户", "Deal customer"),
    })
}

pub fn anchor(lang: Lang, a: Anchor) -> &'static str {
    lang.pick(match a {
        Anchor::HandlingCompleted => ("处理完毕", "handling completed"),
        Anchor::RepairCompleted => ("维修完工", "repair completed"),
        Anchor::ActivityEnded => ("活动结束", "activity ended"),
        Anchor::MovedIn => ("入伙", "moved in"),
        Anchor::ContractSigned => ("签约", "contract signed"),
    })
}

pub fn exclusion(lang: Lang, e: Exclusion) -> &'static str {
    lang.pick(match e {
        Exclusion::Anonymous => ("匿名投诉", "anonymous complaint"),
        Exclusion::ReplyOnly => ("上级只要求复函", "written reply only"),
        Exclusion::Duplicate => ("重复投诉（已关联）", "linked duplicate"),
        Exclusion::HadMajorComplaint => ("有过重大投诉", "had a major complaint"),
        Exclusion::Decorating => ("装修期", "still decorating"),
        Exclusion::NotResident => ("未实际入住", "not living there"),
    })
}

pub fn span(lang: Lang, s: Span) -> String {
    match (lang, s) {
        (Lang::Zh, Span::Days(n)) => format!("{n}天"),
        (Lang::En, Span::Days(n)) => format!("{n} day{}", plural(n)),
        (Lang::Zh, Span::WorkingDays(n)) => format!("{n}个工作日"),
        (Lang::En, Span::WorkingDays(n)) => format!("{n} working day{}", plural(n)),
        (Lang::Zh, Span::Months(n)) => format!("{n}个月"),
        (Lang::En, Span::Months(n)) => format!("{n} month{}", plural(n)),
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A kind filter's choice: all, a case kind, or recurring revisits.
pub fn kind_filter(lang: Lang, k: KindFilter) -> &'static str {
    match k {
        KindFilter::All => Msg::All.text(lang),
        KindFilter::Case(k) => case_kind(lang, k),
        KindFilter::Cadence => Msg::Cadence.text(lang),
    }
}
