//! The import preview's wording: what a restore or a merge would change.

use huifang_core::backup::merge::{Conflict, Label, MergeCounts, Side};
use huifang_core::backup::preview::{Change, DateRange};
use huifang_core::backup::{Counts, Entity, Progress};

use super::errors::entity;
use super::{case_kind, Lang};
use crate::clock;

/// How far the check of a chosen file has got. The reader measures its work
/// in shares of the whole, not in records (most of it goes over the file's
/// text, before the records are counted), so this says how much is done.
pub fn checking(lang: Lang, p: Progress) -> String {
    let percent = u128::from(p.done) * 100 / u128::from(p.total.max(1));
    match lang {
        Lang::Zh => format!("正在检查：已完成 {percent}%"),
        Lang::En => format!("Checking: {percent}% done"),
    }
}

/// How many records of each kind, e.g. on this tablet or in a file.
pub fn counts(lang: Lang, c: &Counts) -> String {
    match lang {
        Lang::Zh => format!(
            "客户 {} 户，事项 {} 件，回访 {} 条，员工 {} 人，公开信 {} 封，签名 {} 个",
            c.customers, c.cases, c.revisits, c.staff, c.open_letters, c.signatures
        ),
        Lang::En => format!(
            "{} customers, {} cases, {} revisits, {} staff, {} open letters, {} signatures",
            c.customers, c.cases, c.revisits, c.staff, c.open_letters, c.signatures
        ),
    }
}

pub fn date_range(lang: Lang, r: Option<DateRange>) -> String {
    match (lang, r) {
        (Lang::Zh, Some(r)) => format!("内容日期：{} 至 {}", r.first, r.last),
        (Lang::En, Some(r)) => format!("Dates in the file: {} to {}", r.first, r.last),
        (Lang::Zh, None) => "文件中没有带日期的记录".into(),
        (Lang::En, None) => "No dated records in the file".into(),
    }
}

/// One entity's line of a restore preview, or `None` if nothing changes.
pub fn restore_change(lang: Lang, e: Entity, c: Change) -> Option<String> {
    if c.added + c.replaced + c.removed == 0 {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!(
            "{}：新增 {}，替换 {}，删除本机 {}，不变 {}",
            entity(lang, e),
            c.added,
            c.replaced,
            c.removed,
            c.unchanged
        ),
        Lang::En => format!(
            "{}: {} added, {} replaced, {} removed from this tablet, {} unchanged",
            entity(lang, e),
            c.added,
            c.replaced,
            c.removed,
            c.unchanged
        ),
    })
}

/// One entity's line of a merge preview, or `None` if it has no records.
pub fn merge_change(lang: Lang, e: Entity, c: MergeCounts) -> Option<String> {
    if c.added + c.updated + c.unchanged + c.kept_local == 0 {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!(
            "{}：新增 {}，以文件为准更新 {}，相同 {}，保留本机 {}",
            entity(lang, e),
            c.added,
            c.updated,
            c.unchanged,
            c.kept_local
        ),
        Lang::En => format!(
            "{}: {} added, {} updated from the file, {} the same, {} kept from this tablet",
            entity(lang, e),
            c.added,
            c.updated,
            c.unchanged,
            c.kept_local
        ),
    })
}

fn label(lang: Lang, l: &Label) -> String {
    match l {
        Label::Customer { name, unit } => format!("{name}（{unit}）"),
        Label::Case { received_on, kind, excerpt } => format!("{received_on} {} {excerpt}", case_kind(lang, *kind)),
        Label::Revisit { customer, unit, due_on, round } => {
            let who = customer.clone().unwrap_or_default();
            let unit = unit.as_ref().map(|u| format!("（{u}）")).unwrap_or_default();
            match lang {
                Lang::Zh => format!("{who}{unit} 第 {round} 轮回访，{due_on} 到期"),
                Lang::En => format!("{who}{unit} revisit round {round}, due {due_on}"),
            }
        }
        Label::Staff { name } => name.clone(),
        Label::OpenLetter { title, sent_on } => format!("{sent_on} {title}"),
        Label::Signature { customer, captured_at } => {
            format!("{} {}", customer.clone().unwrap_or_default(), clock::local_text(*captured_at))
        }
    }
}

/// A conflict: which record, both versions' times, and which one is kept.
pub fn conflict(lang: Lang, c: &Conflict) -> String {
    let (local, file) = (clock::local_text(c.local_updated_at), clock::local_text(c.incoming_updated_at));
    let (what, name) = (entity(lang, c.entity), label(lang, &c.label));
    match lang {
        Lang::Zh => {
            let kept = match c.winner {
                Side::Incoming => "采用较新的文件版本",
                Side::Local => "保留较新的本机版本",
            };
            format!("{what}「{name}」：本机 {local} 修改，文件 {file} 修改，{kept}")
        }
        Lang::En => {
            let kept = match c.winner {
                Side::Incoming => "the newer file version is used",
                Side::Local => "this tablet's newer version is kept",
            };
            format!("{what} “{name}”: changed here {local}, in the file {file}; {kept}")
        }
    }
}

pub fn more_conflicts(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……另有 {n} 处冲突，处理规则相同"),
        Lang::En => format!("… and {n} more conflicts, settled the same way"),
    }
}

/// Why a restore is refused: it would delete or overwrite records it must
/// keep (rule 17's revisit records and signatures, newer work on this tablet).
pub fn restore_refused(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "不能替换：会删除或覆盖本机 {n} 条须保留的记录（未满 3 年的回访记录、签名，或比文件更新的记录）。请改用“合并”。"
        ),
        Lang::En => format!(
            "Can't replace: it would delete or overwrite {n} records that must be kept (revisit records under 3 years old, signatures, or records newer here than in the file). Merge instead."
        ),
    }
}

/// Why a merge can't be done, with the place in the merged records.
pub fn merge_error(lang: Lang, e: &huifang_core::backup::merge::MergeError) -> String {
    use huifang_core::backup::merge::MergeError;
    match (lang, e) {
        (Lang::Zh, MergeError::Inconsistent { entity: en, index, problem, .. }) => format!(
            "合并后第 {} 条{}记录将不一致：{}",
            index + 1,
            entity(lang, *en),
            super::backup_error(lang, problem)
        ),
        (Lang::En, MergeError::Inconsistent { entity: en, index, problem, .. }) => format!(
            "after merging, {} record {} would be inconsistent: {}",
            entity(lang, *en),
            index + 1,
            super::backup_error(lang, problem)
        ),
        (_, MergeError::Invalid(problem)) => super::backup_error(lang, problem),
    }
}
