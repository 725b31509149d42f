//! Validation, backup and storage errors in the user's language.

use huifang_core::backup::{BackupError, Entity};
use huifang_core::validation::{Field, FieldError, Problem};

use super::Lang;
use crate::store::StoreError;

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
        Field::Method => ("回访方式", "Method"),
        Field::Signature => ("客户签名", "Customer signature"),
        Field::Time => ("时间", "Time"),
        Field::Issues => ("客户提出的问题", "Issues raised"),
        Field::ReplyBy => ("约定答复日期", "Agreed reply date"),
        Field::Note => ("备注", "Note"),
        Field::Staff => ("员工", "Staff member"),
        Field::Reviewer => ("审阅人", "Reviewer"),
        Field::Title => ("标题", "Title"),
        Field::Body => ("正文", "Text"),
        Field::Kind => ("事项类型", "Case kind"),
        Field::Attempts => ("联系记录", "Contact attempts"),
        Field::OtherPhones => ("其他电话", "Other phones"),
        Field::Email => ("电子邮箱", "Email"),
        Field::MovedInOn => ("入伙日期", "Moved in on"),
        Field::SalesClassSince => ("分类日期", "Class given on"),
        Field::WrittenReply => ("复函", "Written reply"),
        Field::DuplicateOf => ("重复投诉关联", "Duplicate of"),
        Field::StaffInvolved => ("涉及员工", "Staff involved"),
        Field::Participants => ("参加住户", "Participating households"),
        Field::Buildings => ("负责楼栋", "Buildings"),
        Field::Cases => ("回复的事项", "Cases answered"),
        Field::SentOn => ("发出日期", "Sent on"),
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
        (Lang::Zh, Problem::AlreadyRevisited) => "已有回访记录，不能清空，也不能晚于首次回访日期".into(),
        (Lang::En, Problem::AlreadyRevisited) => {
            "the case was revisited: it can't be cleared or set after the first visit".into()
        }
        (Lang::Zh, Problem::NotCompleted) => "尚未处理完成，不能回访".into(),
        (Lang::En, Problem::NotCompleted) => "is not handled yet, so it cannot be revisited".into(),
        (Lang::Zh, Problem::NotFound) => "不存在".into(),
        (Lang::En, Problem::NotFound) => "does not exist".into(),
        (Lang::Zh, Problem::OutOfRange) => "超出允许范围".into(),
        (Lang::En, Problem::OutOfRange) => "is out of range".into(),
        (Lang::Zh, Problem::InvalidTime) => "不是有效时间（时:分）".into(),
        (Lang::En, Problem::InvalidTime) => "is not a valid time (HH:MM)".into(),
        (Lang::Zh, Problem::MethodNotAllowed) => "此次回访不能用这种方式".into(),
        (Lang::En, Problem::MethodNotAllowed) => "is not allowed for this revisit".into(),
        (Lang::Zh, Problem::BeforeVisit) => "不能早于回访日期".into(),
        (Lang::En, Problem::BeforeVisit) => "cannot be before the revisit".into(),
        (Lang::Zh, Problem::TooFewAttempts { needed }) => format!("须在不同时间至少联系 {needed} 次才能记为联系不上"),
        (Lang::En, Problem::TooFewAttempts { needed }) => {
            format!("need at least {needed} attempts at different times before marking unreachable")
        }
        (Lang::Zh, Problem::ConflictOfInterest) => "被投诉的员工不能回访本事项".into(),
        (Lang::En, Problem::ConflictOfInterest) => "the staff member the case is about cannot revisit it".into(),
        (Lang::Zh, Problem::RetentionPeriod) => "回访记录须保存至少 3 年，不能删除".into(),
        (Lang::En, Problem::RetentionPeriod) => {
            "revisit records are kept at least 3 years and cannot be deleted".into()
        }
        (Lang::Zh, Problem::InvalidEmail) => "不是有效的电子邮箱地址".into(),
        (Lang::En, Problem::InvalidEmail) => "is not a valid email address".into(),
        (Lang::Zh, Problem::TooMany { max }) => format!("最多 {max} 个"),
        (Lang::En, Problem::TooMany { max }) => format!("may hold at most {max}"),
        (Lang::Zh, Problem::SameCase) => "不能关联到本事项自身".into(),
        (Lang::En, Problem::SameCase) => "cannot link a case to itself".into(),
    }
}

pub fn field_error(lang: Lang, e: &FieldError) -> String {
    match lang {
        Lang::Zh => format!("{}：{}", field(lang, e.field), problem(lang, &e.problem)),
        Lang::En => format!("{} {}", field(lang, e.field), problem(lang, &e.problem)),
    }
}

pub(crate) fn entity(lang: Lang, e: Entity) -> &'static str {
    lang.pick(match e {
        Entity::Customers => ("客户", "customer"),
        Entity::Cases => ("事项", "case"),
        Entity::Revisits => ("回访", "revisit"),
        Entity::Staff => ("员工", "staff member"),
        Entity::OpenLetters => ("公开信", "open letter"),
        Entity::Signatures => ("签名", "signature"),
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
        (Lang::Zh, DuplicateField(f)) => format!("文件中“{f}”出现了两次，无法判断以哪个为准。"),
        (Lang::En, DuplicateField(f)) => format!("The file has \"{f}\" twice, so it is unclear which one counts."),
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
        StoreError::Stale { .. } => (
            "这条记录已在别处被修改（另一个标签页、合并或恢复备份），本次修改未保存，以免覆盖较新的内容。页面已显示最新内容，请核对后重新填写。",
            "This record was changed elsewhere (another tab, a merge or a restore), so this change was not saved rather than overwrite the newer one. The page now shows the latest version: check it and enter the change again.",
        ),
        StoreError::VersionChanged => (
            "本页与数据库的连接已关闭（另一个标签页更新了回访台，或数据库被删除），本次操作未保存。请刷新本页。",
            "This page's connection to the database was closed (another tab updated Revisit Desk, or the database was deleted), so nothing was saved. Reload this page.",
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
