//! The JSON backup file: a versioned envelope around the [`Dataset`].
//!
//! Import is all-or-nothing, so everything is checked here, before the
//! storage layer writes anything: format and version, each record's shape
//! and field rules, unique ids and references.

mod checksum;
pub mod encrypted;
pub mod merge;
pub mod preview;
mod read;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::{Case, Dataset};

use crate::validation::{
    check_case, check_customer, check_open_letter, check_revisit, check_signature, check_staff, FieldError,
};
pub use read::{parse, Progress, Reading, Step};

/// The magic string that says "this file is a Revisit Desk backup".
pub const FORMAT: &str = "huifang-backup";
/// v1: customers, cases, completed revisits. v2: + staff, open letters,
/// signatures, settings; revisits are tasks with attempts and a result.
pub const FORMAT_VERSION: u32 = 2;

/// Which kind of record a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Customers,
    Cases,
    Revisits,
    Staff,
    OpenLetters,
    Signatures,
}

impl Entity {
    pub const ALL: [Entity; 6] =
        [Entity::Customers, Entity::Cases, Entity::Revisits, Entity::Staff, Entity::OpenLetters, Entity::Signatures];

    pub fn key(self) -> &'static str {
        match self {
            Entity::Customers => "customers",
            Entity::Cases => "cases",
            Entity::Revisits => "revisits",
            Entity::Staff => "staff",
            Entity::OpenLetters => "open_letters",
            Entity::Signatures => "signatures",
        }
    }

    /// Entities a format v1 file has; the others start empty on migration.
    fn in_v1(self) -> bool {
        matches!(self, Entity::Customers | Entity::Cases | Entity::Revisits)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub customers: usize,
    pub cases: usize,
    pub revisits: usize,
    #[serde(default)]
    pub staff: usize,
    #[serde(default)]
    pub open_letters: usize,
    #[serde(default)]
    pub signatures: usize,
}

impl Counts {
    pub fn of(data: &Dataset) -> Self {
        Self {
            customers: data.customers.len(),
            cases: data.cases.len(),
            revisits: data.revisits.len(),
            staff: data.staff.len(),
            open_letters: data.open_letters.len(),
            signatures: data.signatures.len(),
        }
    }

    pub fn get(&self, entity: Entity) -> usize {
        match entity {
            Entity::Customers => self.customers,
            Entity::Cases => self.cases,
            Entity::Revisits => self.revisits,
            Entity::Staff => self.staff,
            Entity::OpenLetters => self.open_letters,
            Entity::Signatures => self.signatures,
        }
    }

    /// Counts `n` more records of `entity`.
    pub fn add(&mut self, entity: Entity, n: usize) {
        let slot = match entity {
            Entity::Customers => &mut self.customers,
            Entity::Cases => &mut self.cases,
            Entity::Revisits => &mut self.revisits,
            Entity::Staff => &mut self.staff,
            Entity::OpenLetters => &mut self.open_letters,
            Entity::Signatures => &mut self.signatures,
        };
        *slot += n;
    }
}

/// The file as written (documented in `docs/backup-format.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub exported_at: DateTime<Utc>,
    /// The tablet that wrote the file, so copies between tablets can be told apart.
    pub device_id: Uuid,
    pub counts: Counts,
    /// SHA-256 of every other field as the file was written, see
    /// [`Backup::checksum`]. A backup read from a file of an earlier
    /// format keeps that file's: it names the file, not the values as
    /// migrated.
    pub sha256: String,
    pub data: Dataset,
}

impl Backup {
    pub fn new(data: Dataset, app_version: &str, device_id: Uuid, exported_at: DateTime<Utc>) -> Self {
        let mut backup = Self::unsealed(data, app_version, device_id, exported_at);
        backup.sha256 = backup.checksum();
        backup
    }

    /// [`Backup::new`] but for the checksum, which the file reader computes
    /// a slice at a time.
    fn unsealed(data: Dataset, app_version: &str, device_id: Uuid, exported_at: DateTime<Utc>) -> Self {
        Self {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            app_version: app_version.to_owned(),
            exported_at,
            device_id,
            counts: Counts::of(&data),
            sha256: String::new(),
            data,
        }
    }

    /// The checksum this backup's values call for (see [`checksum`]).
    pub fn checksum(&self) -> String {
        checksum::of_backup(self)
    }

    /// The file's text: compact JSON, one line. A whole office's records
    /// run to 100 MB and more; a pretty-printed copy would be a third
    /// larger and slower to write, and nobody reads it by eye (a
    /// pretty-printed copy still imports). Plain structs with string keys
    /// cannot fail to serialize.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Suggested file name, e.g. `huifang-backup-2026-11-23.json`.
    pub fn file_name(&self) -> String {
        file_name(self.exported_at)
    }
}

/// The name of a backup exported at `at`, e.g. `huifang-backup-2026-11-23.json`.
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("{FORMAT}-{}.json", at.date_naive())
}

/// The file [`Backup::new`] + [`Backup::to_json`] would write for `data`,
/// as UTF-8 bytes, without taking or copying the records: a whole office
/// is hundreds of megabytes in memory.
pub fn export_json(data: &Dataset, app_version: &str, device_id: Uuid, exported_at: DateTime<Utc>) -> Vec<u8> {
    // Plain structs with string keys cannot fail to serialize.
    export_stored(&Counts::of(data), app_version, device_id, exported_at, |file| {
        let _ = serde_json::to_writer(file, data);
    })
}

/// A backup file around the `data` object that `write_data` appends as
/// the storage already holds it (compact JSON records, in any order, then
/// `settings`), with `counts` its records per entity: the records are not
/// parsed and written out again, nor copied twice.
pub fn export_stored(
    counts: &Counts,
    app_version: &str,
    device_id: Uuid,
    exported_at: DateTime<Utc>,
    write_data: impl FnOnce(&mut Vec<u8>),
) -> Vec<u8> {
    let mut data = Vec::new();
    write_data(&mut data);
    let mut export = StoredExport::new(counts, app_version, device_id, exported_at);
    export.hash(&data);
    let mut file = export.head();
    file.extend_from_slice(&data);
    file.extend_from_slice(StoredExport::TAIL);
    file
}

/// A backup file written in pieces, so a whole office's records never
/// need to be in one buffer: the `data` text is hashed as it passes
/// ([`hash`](Self::hash)), then the file is [`head`](Self::head) (the
/// header with the checksum, up to `"data":`), the same data pieces, and
/// [`TAIL`](Self::TAIL).
///
/// The checksum covers the header fields and `data` in their compact form,
/// which is exactly the text the file carries.
pub struct StoredExport {
    open: Vec<u8>,
    hasher: checksum::Hasher,
}

impl StoredExport {
    /// What follows the data: the file's closing brace.
    pub const TAIL: &'static [u8] = b"}";

    pub fn new(counts: &Counts, app_version: &str, device_id: Uuid, exported_at: DateTime<Utc>) -> Self {
        let head = checksum::Head {
            format: FORMAT,
            format_version: FORMAT_VERSION,
            app_version,
            exported_at: &exported_at,
            device_id: &device_id,
            counts,
        };
        let open = head.open();
        let mut hasher = checksum::Hasher::default();
        hasher.update(&open);
        hasher.update(checksum::DATA);
        StoredExport { open, hasher }
    }

    /// The next piece of the `data` object's text, in order.
    pub fn hash(&mut self, data: &[u8]) {
        self.hasher.update(data);
    }

    /// The file up to the data, its checksum filled in.
    pub fn head(mut self) -> Vec<u8> {
        // The checksum's text ends with the file's closing brace.
        self.hasher.update(Self::TAIL);
        let mut file = self.open;
        file.extend_from_slice(b",\"sha256\":\"");
        file.extend_from_slice(self.hasher.finish().as_bytes());
        file.extend_from_slice(b"\"");
        file.extend_from_slice(checksum::DATA);
        file
    }
}

/// Why a file was refused, precise enough to find the spot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    #[error("not valid JSON at line {line}, column {column}")]
    NotJson { line: usize, column: usize },
    #[error("not a Revisit Desk backup")]
    NotABackup,
    #[error("the field {0} appears twice")]
    DuplicateField(String),
    #[error("backup format version {0} is newer than this app understands")]
    TooNew(u64),
    #[error("backup format version {0} is not supported")]
    Unsupported(u64),
    #[error("missing or malformed part: {0}")]
    Missing(&'static str),
    #[error("{}[{index}] is malformed: {detail}", entity.key())]
    Malformed { entity: Entity, index: usize, detail: String },
    #[error("{}[{index}]: {:?} {:?}", entity.key(), error.field, error.problem)]
    Invalid { entity: Entity, index: usize, error: FieldError },
    #[error("{}[{index}]: id {id} appears twice", entity.key())]
    DuplicateId { entity: Entity, index: usize, id: Uuid },
    #[error("{}[{index}]: refers to a missing record {id}", entity.key())]
    Dangling { entity: Entity, index: usize, id: Uuid },
    #[error("{}: the header says {declared} records, the file holds {found}", entity.key())]
    CountMismatch { entity: Entity, declared: usize, found: usize },
    #[error("the content does not match its checksum: the file was changed or damaged")]
    ChecksumMismatch,
}

fn first_problem(entity: Entity, index: usize, errors: Vec<FieldError>) -> Result<(), BackupError> {
    match errors.into_iter().next() {
        Some(error) => Err(BackupError::Invalid { entity, index, error }),
        None => Ok(()),
    }
}

/// Field rules, unique ids and references across the whole dataset.
pub fn check_dataset(data: &Dataset) -> Result<(), BackupError> {
    let mut check = DatasetCheck::default();
    while !check.step(data, usize::MAX)? {}
    Ok(())
}

/// One pass of [`DatasetCheck`] over one entity's records.
#[derive(Debug, Clone, Copy)]
enum Pass {
    /// No id appears twice.
    Ids(Entity),
    /// Where cases are, by id (revisits and open letters look them up).
    CaseIndex,
    /// References and field rules, record by record.
    Records(Entity),
}

/// The passes in the order the problems are reported: every duplicate id
/// first, then each record's references and fields.
const PASSES: [Pass; 13] = [
    Pass::Ids(Entity::Customers),
    Pass::Ids(Entity::Cases),
    Pass::Ids(Entity::Revisits),
    Pass::Ids(Entity::Staff),
    Pass::Ids(Entity::OpenLetters),
    Pass::Ids(Entity::Signatures),
    Pass::Records(Entity::Customers),
    Pass::Records(Entity::Staff),
    Pass::CaseIndex,
    Pass::Records(Entity::Cases),
    Pass::Records(Entity::Revisits),
    Pass::Records(Entity::OpenLetters),
    Pass::Records(Entity::Signatures),
];

/// [`check_dataset`] a number of records at a time: a whole office takes a
/// few hundred milliseconds natively, too long to hold a browser page. The
/// same checks in the same order, so the same first problem is reported.
/// It keeps ids and positions, not references, so the records it checks
/// can live beside it (in the backup reader) between steps.
#[derive(Debug, Default)]
struct DatasetCheck {
    pass: usize,
    /// The next record of the pass.
    index: usize,
    /// Record visits so far, for progress.
    visited: usize,
    /// The ids of the entity whose ids are being checked.
    seen: HashSet<Uuid>,
    customers: HashSet<Uuid>,
    revisits: HashSet<Uuid>,
    staff: HashSet<Uuid>,
    signatures: HashSet<Uuid>,
    /// Each case's place in `data.cases`.
    cases: HashMap<Uuid, usize>,
}

impl DatasetCheck {
    /// Checks up to `budget` records of `data` (the same data on every
    /// call); `Ok(true)` once everything is checked.
    fn step(&mut self, data: &Dataset, budget: usize) -> Result<bool, BackupError> {
        let counts = Counts::of(data);
        let mut left = budget;
        while let Some(&pass) = PASSES.get(self.pass) {
            if left == 0 {
                return Ok(false);
            }
            let len = match pass {
                Pass::Ids(entity) | Pass::Records(entity) => counts.get(entity),
                Pass::CaseIndex => counts.cases,
            };
            let end = len.min(self.index.saturating_add(left));
            for index in self.index..end {
                self.visit(pass, data, index)?;
            }
            left -= end - self.index;
            self.visited += end - self.index;
            self.index = end;
            if end == len {
                self.end_pass(pass);
                self.pass += 1;
                self.index = 0;
            }
        }
        Ok(true)
    }

    /// Record visits done and to do in all.
    fn progress(&self, data: &Dataset) -> (usize, usize) {
        let c = Counts::of(data);
        let records = c.customers + c.cases + c.revisits + c.staff + c.open_letters + c.signatures;
        (self.visited, 2 * records + c.cases)
    }

    fn end_pass(&mut self, pass: Pass) {
        let seen = std::mem::take(&mut self.seen);
        match pass {
            Pass::Ids(Entity::Customers) => self.customers = seen,
            Pass::Ids(Entity::Revisits) => self.revisits = seen,
            Pass::Ids(Entity::Staff) => self.staff = seen,
            Pass::Ids(Entity::Signatures) => self.signatures = seen,
            // Of cases and open letters only the uniqueness matters.
            _ => {}
        }
    }

    fn visit(&mut self, pass: Pass, data: &Dataset, index: usize) -> Result<(), BackupError> {
        match pass {
            Pass::Ids(entity) => match record_id(data, entity, index) {
                Some(id) if !self.seen.insert(id) => Err(BackupError::DuplicateId { entity, index, id }),
                _ => Ok(()),
            },
            Pass::CaseIndex => {
                if let Some(c) = data.cases.get(index) {
                    self.cases.insert(c.id, index);
                }
                Ok(())
            }
            Pass::Records(entity) => self.check_record(data, entity, index),
        }
    }

    fn case<'d>(&self, data: &'d Dataset, id: Uuid) -> Option<&'d Case> {
        self.cases.get(&id).and_then(|&at| data.cases.get(at))
    }

    fn check_record(&self, data: &Dataset, entity: Entity, index: usize) -> Result<(), BackupError> {
        let dangling = |id| Err(BackupError::Dangling { entity, index, id });
        match entity {
            Entity::Customers => match data.customers.get(index) {
                Some(c) => first_problem(entity, index, check_customer(c)),
                None => Ok(()),
            },
            Entity::Staff => match data.staff.get(index) {
                Some(s) => first_problem(entity, index, check_staff(s)),
                None => Ok(()),
            },
            Entity::Cases => {
                let Some(c) = data.cases.get(index) else { return Ok(()) };
                if let Some(id) = c.customer_id.filter(|id| !self.customers.contains(id)) {
                    return dangling(id);
                }
                if let Some(id) = c.duplicate_of.filter(|id| !self.cases.contains_key(id)) {
                    return dangling(id);
                }
                if let Some(&id) = c.staff_involved.iter().find(|id| !self.staff.contains(id)) {
                    return dangling(id);
                }
                first_problem(entity, index, check_case(c))
            }
            Entity::Revisits => {
                let Some(r) = data.revisits.get(index) else { return Ok(()) };
                let case = r.case_id.and_then(|id| self.case(data, id));
                if let (Some(case_id), None) = (r.case_id, case) {
                    return dangling(case_id);
                }
                if !self.customers.contains(&r.customer_id) {
                    return dangling(r.customer_id);
                }
                let people = r.assignee_id.into_iter().chain(r.result.as_ref().and_then(|x| x.staff_id));
                if let Some(id) = people.into_iter().find(|id| !self.staff.contains(id)) {
                    return dangling(id);
                }
                if let Some(id) =
                    r.result.as_ref().and_then(|x| x.signature_id).filter(|id| !self.signatures.contains(id))
                {
                    return dangling(id);
                }
                first_problem(entity, index, check_revisit(r, case))
            }
            Entity::OpenLetters => {
                let Some(l) = data.open_letters.get(index) else { return Ok(()) };
                if let Some(&id) = l.case_ids.iter().find(|id| !self.cases.contains_key(id)) {
                    return dangling(id);
                }
                first_problem(entity, index, check_open_letter(l, |id| self.case(data, id)))
            }
            Entity::Signatures => {
                let Some(s) = data.signatures.get(index) else { return Ok(()) };
                if !self.revisits.contains(&s.revisit_id) {
                    return dangling(s.revisit_id);
                }
                first_problem(entity, index, check_signature(s))
            }
        }
    }
}

/// The id of `data`'s record `index` of `entity`.
fn record_id(data: &Dataset, entity: Entity, index: usize) -> Option<Uuid> {
    match entity {
        Entity::Customers => data.customers.get(index).map(|r| r.id),
        Entity::Cases => data.cases.get(index).map(|r| r.id),
        Entity::Revisits => data.revisits.get(index).map(|r| r.id),
        Entity::Staff => data.staff.get(index).map(|r| r.id),
        Entity::OpenLetters => data.open_letters.get(index).map(|r| r.id),
        Entity::Signatures => data.signatures.get(index).map(|r| r.id),
    }
}
