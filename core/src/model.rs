//! The records the office keeps (DOMAIN glossary). Code names follow the
//! glossary: `Customer`, `Case`, `Revisit`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A household's unit: 楼栋-单元-房.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub building: String,
    pub entrance: String,
    pub room: String,
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}-{}", self.building, self.entrance, self.room)
    }
}

/// 客户 / 业主 / 住户.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: Uuid,
    pub name: String,
    pub phone: String,
    pub unit: Unit,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// 事项 kinds. The skeleton records complaints; the others follow the same path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// Staff roles that revisits are assigned to (DOMAIN "Who uses it").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PropertyAssistant,
    DepartmentSupervisor,
    CustomerServiceSupervisor,
    CompanyManager,
    CommunityCultureClerk,
}

/// A case (事项): here a complaint with its handling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub kind: CaseKind,
    pub received_on: NaiveDate,
    pub channel: Channel,
    pub severity: Severity,
    pub subject: Subject,
    pub description: String,
    /// The day handling was completed; the revisit clock starts here (rule 1).
    pub completed_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// 回访方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Phone,
    HomeVisit,
}

impl Method {
    pub const ALL: [Method; 2] = [Method::Phone, Method::HomeVisit];
}

/// 满意 / 一般 / 不满意.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    Neutral,
    Dissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] = [Satisfaction::Satisfied, Satisfaction::Neutral, Satisfaction::Dissatisfied];
}

/// A completed revisit: the customer was reached and gave this result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisit {
    pub id: Uuid,
    pub case_id: Uuid,
    pub round: u32,
    pub method: Method,
    pub visited_on: NaiveDate,
    pub content: String,
    pub satisfaction: Satisfaction,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Everything the office keeps, as the rules and the backup see it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub customers: Vec<Customer>,
    pub cases: Vec<Case>,
    pub revisits: Vec<Revisit>,
}

impl Dataset {
    pub fn customer(&self, id: Uuid) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    pub fn case(&self, id: Uuid) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.cases.is_empty() && self.revisits.is_empty()
    }
}
