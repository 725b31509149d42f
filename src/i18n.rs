//! UI wording in Chinese (default) and English.
//!
//! Every message is a variant with both texts side by side, so the
//! compiler refuses a message that lacks a language. (A catalogue crate
//! such as leptos_i18n would add build-time codegen and bundle weight for
//! what is, here, a fixed set of static strings.)

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use huifang_core::backup::{BackupError, Entity};
use huifang_core::model::{Channel, Method, Role, Satisfaction, Severity, Subject};
use huifang_core::scheduler::Urgency;
use huifang_core::validation::{Field, FieldError, Problem};

use crate::store::StoreError;

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

    fn pick(self, pair: (&'static str, &'static str)) -> &'static str {
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

macro_rules! messages {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(Msg::$name => lang.pick(($zh, $en))),* }
            }
        }
    };
}

messages! {
    AppTitle => "回访台", "Revisit Desk";
    AppTagline => "投诉·维修·活动，件件有回访", "Every case followed up";
    NavToday => "今日待办", "Today";
    NavCustomers => "客户", "Customers";
    NavComplaints => "投诉", "Complaints";
    NavTally => "月度统计", "Monthly tally";
    NavData => "数据", "Data";
    SwitchLanguage => "English", "中文";
    Loading => "正在加载…", "Loading…";
    Saving => "正在保存…", "Saving…";
    Saved => "已保存", "Saved";
    Cancel => "取消", "Cancel";
    Back => "返回", "Back";
    FormHasErrors => "请修正以下问题：", "Please correct the following:";

    TodayTitle => "待办回访", "Revisits to do";
    TodayEmpty => "暂无待回访事项。", "No revisits are due.";
    DueOn => "到期日", "Due";
    Status => "状态", "Status";
    Assignee => "回访人", "Revisited by";
    WhyDue => "原因", "Why";
    RecordRevisit => "记录回访", "Record revisit";
    DueToday => "今日到期", "Due today";

    CustomersTitle => "客户", "Customers";
    NewCustomer => "新增客户", "New customer";
    Name => "姓名", "Name";
    Phone => "电话", "Phone";
    Unit => "房号", "Unit";
    Building => "楼栋", "Building";
    Entrance => "单元", "Entrance";
    Room => "房号", "Room";
    SaveCustomer => "保存客户", "Save customer";
    CustomerSaved => "客户已保存", "Customer saved";
    NoCustomers => "还没有客户。", "No customers yet.";

    ComplaintsTitle => "投诉", "Complaints";
    NewComplaint => "登记投诉", "New complaint";
    Customer => "客户", "Customer";
    ChooseCustomer => "请选择客户", "Choose a customer";
    ReceivedOn => "受理日期", "Received on";
    Channel => "渠道", "Channel";
    Severity => "等级", "Severity";
    Subject => "投诉内容", "Subject";
    Description => "详细描述", "Description";
    SaveComplaint => "保存投诉", "Save complaint";
    ComplaintSaved => "投诉已登记", "Complaint recorded";
    NoComplaints => "还没有投诉记录。", "No complaints yet.";
    CaseStatus => "处理状态", "Handling";
    InHandling => "处理中", "Being handled";
    CompletedOn => "处理完成日期", "Handling completed";
    MarkHandled => "标记处理完成", "Mark handled";
    HandledSaved => "已标记处理完成，回访已排期", "Marked handled; revisit scheduled";
    HandledOn => "已处理", "Handled";
    Revisited => "已回访", "Revisited";
    NeedCustomerFirst => "请先在“客户”页新增客户。", "Add a customer on the Customers page first.";

    RevisitTitle => "回访记录", "Revisit record";
    Method => "回访方式", "Method";
    VisitedOn => "回访日期", "Revisit date";
    Content => "回访内容", "What was said";
    Satisfaction => "满意度", "Satisfaction";
    SaveRevisit => "保存回访", "Save revisit";
    RevisitSaved => "回访已保存", "Revisit saved";
    CaseNotFound => "找不到该事项，可能已被其他操作更改。", "This case was not found; it may have been changed elsewhere.";
    Round => "回访轮次", "Round";

    TallyTitle => "月度回访统计", "Monthly revisit tally";
    Month => "月份", "Month";
    Eligible => "应回访", "Eligible";
    RevisitRate => "回访率", "Revisit rate";
    Target => "目标", "Target";
    TargetMet => "达标", "Target met";
    TargetMissed => "未达标", "Below target";
    NoRate => "本月无应回访事项", "Nothing eligible this month";
    SatisfactionTally => "满意度统计", "Satisfaction";
    KindComplaint => "投诉", "Complaints";

    DataTitle => "数据与备份", "Data and backup";
    DataWhere => "数据只保存在本设备的浏览器中。请定期导出备份，复制到U盘或另一台平板。",
        "Data is kept only in this device's browser. Export a backup regularly and copy it to a USB stick or another tablet.";
    Export => "导出备份", "Export backup";
    Exported => "备份已导出", "Backup exported";
    ExportFailed => "导出失败，数据未受影响：", "Export failed; no data was changed: ";
    Import => "导入备份", "Import backup";
    ImportChoose => "选择备份文件（.json）", "Choose a backup file (.json)";
    ImportPreview => "即将用此备份替换本设备上的全部数据：", "This backup will replace all data on this device:";
    ImportConfirm => "确认导入", "Import";
    Imported => "备份已导入", "Backup imported";
    ImportRefused => "无法导入：", "Cannot import: ";
    ExportedAt => "导出时间", "Exported at";
    CurrentData => "本设备当前数据", "Data on this device now";
    Counts => "记录数", "Records";
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

pub fn subject(lang: Lang, s: Subject) -> &'static str {
    lang.pick(match s {
        Subject::Equipment => ("设备", "Equipment"),
        Subject::Attitude => ("服务态度", "Staff attitude"),
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
    })
}

pub fn satisfaction(lang: Lang, s: Satisfaction) -> &'static str {
    lang.pick(match s {
        Satisfaction::Satisfied => ("满意", "Satisfied"),
        Satisfaction::Neutral => ("一般", "Neutral"),
        Satisfaction::Dissatisfied => ("不满意", "Dissatisfied"),
    })
}

pub fn urgency(lang: Lang, u: Urgency) -> String {
    match (lang, u) {
        (Lang::Zh, Urgency::Overdue { days }) => format!("已逾期 {days} 天"),
        (Lang::En, Urgency::Overdue { days }) => format!("Overdue by {days} day{}", if days == 1 { "" } else { "s" }),
        (_, Urgency::DueToday) => Msg::DueToday.text(lang).to_owned(),
        (Lang::Zh, Urgency::Upcoming { days }) => format!("{days} 天后到期"),
        (Lang::En, Urgency::Upcoming { days }) => format!("Due in {days} day{}", if days == 1 { "" } else { "s" }),
    }
}

pub fn field(lang: Lang, f: Field) -> &'static str {
    lang.pick(match f {
        Field::Id => ("编号", "ID"),
        Field::Name => ("姓名", "Name"),
        Field::Phone => ("电话", "Phone"),
        Field::Building => ("楼栋", "Building"),
        Field::Entrance => ("单元", "Entrance"),
        Field::Room => ("房号", "Room"),
        Field::Customer => ("客户", "Customer"),
        Field::Case => ("事项", "Case"),
        Field::ReceivedOn => ("受理日期", "Received on"),
        Field::CompletedOn => ("处理完成日期", "Handling completed"),
        Field::Description => ("详细描述", "Description"),
        Field::Round => ("回访轮次", "Round"),
        Field::VisitedOn => ("回访日期", "Revisit date"),
        Field::Content => ("回访内容", "What was said"),
        Field::Satisfaction => ("满意度", "Satisfaction"),
    })
}

pub fn problem(lang: Lang, p: &Problem) -> String {
    match (lang, p) {
        (Lang::Zh, Problem::Required) => "必须填写".into(),
        (Lang::En, Problem::Required) => "is required".into(),
        (Lang::Zh, Problem::TooLong { max }) => format!("不能超过 {max} 个字"),
        (Lang::En, Problem::TooLong { max }) => format!("must be at most {max} characters"),
        (Lang::Zh, Problem::InvalidPhone) => "只能包含数字、空格、+ 和 -，至少 5 位数字".into(),
        (Lang::En, Problem::InvalidPhone) => "may only hold digits, spaces, + and -, with at least 5 digits".into(),
        (Lang::Zh, Problem::InvalidDate) => "不是有效日期".into(),
        (Lang::En, Problem::InvalidDate) => "is not a valid date".into(),
        (Lang::Zh, Problem::TooEarly) => "早于 2000 年，请检查".into(),
        (Lang::En, Problem::TooEarly) => "is before 2000; please check it".into(),
        (Lang::Zh, Problem::InFuture) => "不能晚于今天".into(),
        (Lang::En, Problem::InFuture) => "cannot be later than today".into(),
        (Lang::Zh, Problem::BeforeReceived) => "不能早于受理日期".into(),
        (Lang::En, Problem::BeforeReceived) => "cannot be before the day it was received".into(),
        (Lang::Zh, Problem::BeforeCompleted) => "不能早于处理完成日期".into(),
        (Lang::En, Problem::BeforeCompleted) => "cannot be before handling was completed".into(),
        (Lang::Zh, Problem::NotCompleted) => "尚未处理完成，不能回访".into(),
        (Lang::En, Problem::NotCompleted) => "is not handled yet, so it cannot be revisited".into(),
        (Lang::Zh, Problem::NotFound) => "不存在".into(),
        (Lang::En, Problem::NotFound) => "does not exist".into(),
        (Lang::Zh, Problem::OutOfRange) => "超出允许范围".into(),
        (Lang::En, Problem::OutOfRange) => "is out of range".into(),
    }
}

pub fn field_error(lang: Lang, e: &FieldError) -> String {
    match lang {
        Lang::Zh => format!("{}：{}", field(lang, e.field), problem(lang, &e.problem)),
        Lang::En => format!("{} {}", field(lang, e.field), problem(lang, &e.problem)),
    }
}

fn entity(lang: Lang, e: Entity) -> &'static str {
    lang.pick(match e {
        Entity::Customers => ("客户", "customer"),
        Entity::Cases => ("事项", "case"),
        Entity::Revisits => ("回访", "revisit"),
    })
}

/// Where in the file and what is wrong, in the user's language.
pub fn backup_error(lang: Lang, e: &BackupError) -> String {
    use BackupError::*;
    match (lang, e) {
        (Lang::Zh, Empty) => "文件是空的。".into(),
        (Lang::En, Empty) => "The file is empty.".into(),
        (Lang::Zh, NotUtf8) => "文件不是 UTF-8 文本，不是回访台备份。".into(),
        (Lang::En, NotUtf8) => "The file is not UTF-8 text, so it is not a Revisit Desk backup.".into(),
        (Lang::Zh, NotJson { line, column }) => {
            format!("文件已损坏或不完整（第 {line} 行第 {column} 列不是有效的 JSON）。")
        }
        (Lang::En, NotJson { line, column }) => {
            format!("The file is damaged or incomplete (invalid JSON at line {line}, column {column}).")
        }
        (Lang::Zh, NotABackup) => "这不是回访台的备份文件。".into(),
        (Lang::En, NotABackup) => "This is not a Revisit Desk backup file.".into(),
        (Lang::Zh, TooNew(v)) => format!("备份格式版本 {v} 比本应用新，请先升级应用。"),
        (Lang::En, TooNew(v)) => format!("Backup format version {v} is newer than this app; update the app first."),
        (Lang::Zh, Unsupported(v)) => format!("不支持备份格式版本 {v}。"),
        (Lang::En, Unsupported(v)) => format!("Backup format version {v} is not supported."),
        (Lang::Zh, Missing(part)) => format!("文件缺少或损坏了“{part}”部分。"),
        (Lang::En, Missing(part)) => format!("The file's \"{part}\" part is missing or damaged."),
        (Lang::Zh, Malformed { entity: en, index, detail }) => {
            format!("第 {} 条{}记录格式不正确（{detail}）。", index + 1, entity(lang, *en))
        }
        (Lang::En, Malformed { entity: en, index, detail }) => {
            format!("{} record {} is malformed ({detail}).", entity(lang, *en), index + 1)
        }
        (Lang::Zh, Invalid { entity: en, index, error }) => {
            format!("第 {} 条{}记录：{}。", index + 1, entity(lang, *en), field_error(lang, error))
        }
        (Lang::En, Invalid { entity: en, index, error }) => {
            format!("{} record {}: {}.", entity(lang, *en), index + 1, field_error(lang, error))
        }
        (Lang::Zh, DuplicateId { entity: en, index, id }) => {
            format!("第 {} 条{}记录的编号 {id} 重复。", index + 1, entity(lang, *en))
        }
        (Lang::En, DuplicateId { entity: en, index, id }) => {
            format!("{} record {} repeats the id {id}.", entity(lang, *en), index + 1)
        }
        (Lang::Zh, Dangling { entity: en, index, id }) => {
            format!("第 {} 条{}记录引用了不存在的记录 {id}。", index + 1, entity(lang, *en))
        }
        (Lang::En, Dangling { entity: en, index, id }) => {
            format!("{} record {} refers to a missing record {id}.", entity(lang, *en), index + 1)
        }
        (Lang::Zh, CountMismatch { entity: en, declared, found }) => {
            format!("文件声明有 {declared} 条{}记录，实际有 {found} 条，文件可能不完整。", entity(lang, *en))
        }
        (Lang::En, CountMismatch { entity: en, declared, found }) => {
            format!(
                "The file declares {declared} {} records but holds {found}; it may be incomplete.",
                entity(lang, *en)
            )
        }
        (Lang::Zh, ChecksumMismatch) => "文件内容与校验值不符：文件在导出后被修改或已损坏。".into(),
        (Lang::En, ChecksumMismatch) => {
            "The content does not match its checksum: the file was changed or damaged after export.".into()
        }
    }
}

/// A storage failure in the user's language; the technical detail follows.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    let (zh, en) = match e {
        StoreError::Unavailable(_) => (
            "无法打开本地数据库。请确认浏览器未处于无痕模式，并允许本网页存储数据。",
            "The local database cannot be opened. Make sure the browser is not in private mode and allows this page to store data.",
        ),
        StoreError::QuotaExceeded(_) => (
            "设备存储空间已满，本次操作未保存，原有数据完好。请导出备份并释放空间后重试。",
            "The device's storage is full. Nothing was saved and existing data is intact. Export a backup, free some space, then try again.",
        ),
        StoreError::Database(_) => (
            "保存失败，本次操作未生效，原有数据完好。",
            "Saving failed. Nothing was changed and existing data is intact.",
        ),
        StoreError::Corrupt { .. } => (
            "本地数据中有无法读取的记录。请从最近的备份恢复。",
            "Some stored records cannot be read. Please restore from your latest backup.",
        ),
        StoreError::Encode(_) => ("记录无法保存（编码失败）。", "The record could not be saved (encoding failed)."),
        StoreError::VersionChanged => (
            "另一个标签页已升级了数据库，请刷新本页。",
            "Another tab upgraded the database; please reload this page.",
        ),
    };
    let detail = e.detail();
    let text = lang.pick((zh, en));
    if detail.is_empty() {
        text.to_owned()
    } else {
        format!("{text} ({detail})")
    }
}

/// A rate in permille as a percentage with one decimal, e.g. "100.0%".
pub fn percent(permille: u32) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}
