//! 事项: a complaint, repair, activity, move-in, emergency, holiday visit or
//! signing, with what the revisit rules need to know about it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    Complaint,
    Repair,
    Activity,
    MoveIn,
    Emergency,
    HolidayVisit,
    Signing,
}

impl CaseKind {
    pub const ALL: [CaseKind; 7] = [
        CaseKind::Complaint,
        CaseKind::Repair,
        CaseKind::Activity,
        CaseKind::MoveIn,
        CaseKind::Emergency,
        CaseKind::HolidayVisit,
        CaseKind::Signing,
    ];
}

/// 来电 / 来访 / 来函 / 其它.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    WalkIn,
    Letter,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Phone, Channel::WalkIn, Channel::Letter, Channel::Other];
}

/// 投诉等级: 一般 / 重要 / 重大.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    General,
    Important,
    Major,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::General, Severity::Important, Severity::Major];
}

/// 有效投诉, or a communicative complaint: 求助型 / 咨询型 / 发泄型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    #[default]
    Substantiated,
    HelpRequest,
    Inquiry,
    Venting,
}

impl Nature {
    pub const ALL: [Nature; 4] = [Nature::Substantiated, Nature::HelpRequest, Nature::Inquiry, Nature::Venting];
}

/// 投诉内容: 设备 / 服务态度 / 服务质量 / 突发事件.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Equipment,
    Attitude,
    Quality,
    Emergency,
}

impl Subject {
    pub const ALL: [Subject; 4] = [Subject::Equipment, Subject::Attitude, Subject::Quality, Subject::Emergency];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Case {
    pub id: Uuid,
    /// The household concerned; `None` only for an anonymous complaint.
    pub customer_id: Option<Uuid>,
    pub kind: CaseKind,
    pub received_on: NaiveDate,
    pub channel: Channel,
    /// Complaint attributes; kept at their defaults for other kinds.
    pub severity: Severity,
    #[serde(default)]
    pub nature: Nature,
    pub subject: Subject,
    pub description: String,
    /// The complainant left no name (rule 11: no revisit).
    #[serde(default)]
    pub anonymous: bool,
    /// The authority only asked for a written reply (rule 11: no revisit).
    #[serde(default)]
    pub reply_only: bool,
    /// The 复函 attached instead of a revisit (rule 11).
    #[serde(default)]
    pub written_reply: String,
    /// The same problem already recorded from another department (rule 10):
    /// this case is linked to that one and not counted again.
    #[serde(default)]
    pub duplicate_of: Option<Uuid>,
    /// Staff the case is about; they must not revisit it (rule 13).
    #[serde(default)]
    pub staff_involved: Vec<Uuid>,
    /// Staff asked for a revisit beyond the sampled target (DOMAIN "Default policies").
    #[serde(default)]
    pub revisit_requested: bool,
    /// The event the revisit clock starts from: handling completed, repair
    /// completed, activity ended, moved in or contract signed.
    pub completed_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How many times it was saved on a tablet: a save derived from an
    /// older revision than the stored one is refused (see `Revised`).
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub revision: u32,
}

impl Case {
    /// A case with the complaint attributes at their defaults.
    pub fn new(
        id: Uuid,
        customer_id: Option<Uuid>,
        kind: CaseKind,
        received_on: NaiveDate,
        description: String,
        now: DateTime<Utc>,
    ) -> Self {
        Case {
            revision: 0,
            id,
            customer_id,
            kind,
            received_on,
            channel: Channel::Other,
            severity: Severity::General,
            nature: Nature::Substantiated,
            subject: Subject::Quality,
            description,
            anonymous: false,
            reply_only: false,
            written_reply: String::new(),
            duplicate_of: None,
            staff_involved: Vec::new(),
            revisit_requested: false,
            completed_on: None,
            created_at: now,
            updated_at: now,
        }
    }

    pub fn is_major_complaint(&self) -> bool {
        self.kind == CaseKind::Complaint && self.severity == Severity::Major
    }
}

/// What a revisit follows up, for narrowing lists of tasks and records:
/// any, the cases of one kind, or the recurring revisits that follow the
/// customer (rule 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindFilter {
    All,
    Case(CaseKind),
    Cadence,
}

impl KindFilter {
    /// Every choice, in the order the lists offer them: any, each case
    /// kind of [`CaseKind::ALL`], then the cadence revisits.
    pub const ALL: [KindFilter; CaseKind::ALL.len() + 2] = {
        let mut all = [KindFilter::Cadence; CaseKind::ALL.len() + 2];
        all[0] = KindFilter::All;
        let mut i = 0;
        while i < CaseKind::ALL.len() {
            all[i + 1] = KindFilter::Case(CaseKind::ALL[i]);
            i += 1;
        }
        all
    };

    /// Whether a revisit of a case of `kind` (`None`: no case, a cadence
    /// revisit) passes. `kind` is asked for only when it matters.
    pub fn passes(self, case: bool, kind: impl FnOnce() -> Option<CaseKind>) -> bool {
        match self {
            KindFilter::All => true,
            KindFilter::Cadence => !case,
            KindFilter::Case(k) => case && kind() == Some(k),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_filter_passes_its_kind_and_cadence_passes_revisits_without_a_case() {
        let repair = || Some(CaseKind::Repair);
        assert!(KindFilter::All.passes(true, repair) && KindFilter::All.passes(false, || None));
        assert!(KindFilter::Case(CaseKind::Repair).passes(true, repair));
        assert!(!KindFilter::Case(CaseKind::Complaint).passes(true, repair));
        assert!(!KindFilter::Case(CaseKind::Repair).passes(false, || None), "a cadence revisit has no case");
        assert!(KindFilter::Cadence.passes(false, || None) && !KindFilter::Cadence.passes(true, repair));
    }
}
