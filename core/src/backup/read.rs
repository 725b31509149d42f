//! Reading a backup file: everything is checked here, before the storage
//! layer writes anything.
//!
//! The file is read in place: the header as small values, the records as
//! slices of the file's own text, each deserialized straight into its
//! record type. No tree of the whole file is built, so a 200,000-revisit
//! file needs little more memory than its records.
//!
//! A whole office's file (250 MB) takes seconds to read and check, too long
//! to hold a browser page, so the reading goes in steps ([`Reading::step`]),
//! each a bounded slice of work, between which the page can repaint and
//! answer the user; [`parse`] takes the same steps one after another:
//!
//! 1. the text: not empty, UTF-8;
//! 2. its outline, in one pass: the top-level fields, and inside `data`
//!    each record as a slice of the text; this pass is the JSON syntax check;
//! 3. the header: magic, version, the envelope's fields;
//! 4. the records, each deserialized from its own text;
//! 5. the declared counts, and the checksum of the file as written;
//! 6. field rules, unique ids and references ([`super::check_dataset`]).
//!
//! The backup returned carries the file's own checksum, just verified over
//! the same values; only a migrated (format v1) file gets a new one.
//!
//! A file is refused for the same first problem, at the same place, as when
//! serde_json read the whole text in one call: the outline pass follows
//! serde_json's own parser token by token (its `MapAccess` for the top
//! level, its `ignore_value` inside `data`), and lets serde_json itself read
//! every value it does not split.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{Deserialize, DeserializeOwned, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::value::RawValue;
use serde_json::Value;
use uuid::Uuid;

use super::checksum::FileSum;
use super::{Backup, BackupError, Counts, DatasetCheck, Entity, FORMAT, FORMAT_VERSION};
use crate::migrate;
use crate::model::Dataset;
use crate::settings::Settings;

/// Reads and checks a backup file. `Ok` means every record is sound and
/// the whole file can be written.
pub fn parse(bytes: &[u8]) -> Result<Backup, BackupError> {
    let mut reading = Reading::new(bytes);
    loop {
        match reading.step()? {
            Step::Reading(next) => reading = next,
            Step::Done(backup) => return Ok(*backup),
        }
    }
}

/// How far a [`Reading`] has got. The unit is a share of the work, not a
/// count of records: the longest parts of the work (the outline and the two
/// checksums) go over the file's text, and the number of records is only
/// known once the text has been gone over. `done` only grows, and equals
/// `total` after the last step before the one that returns the backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// What one [`Reading::step`] leads to.
pub enum Step<'a> {
    /// More to do: step this again.
    Reading(Reading<'a>),
    /// Every check passed. Boxed, as the reading's stage is: each is far
    /// larger than the other variant.
    Done(Box<Backup>),
}

/// A backup file being read a step at a time (see the module
/// documentation). Each step is a bounded slice of work, whatever the size
/// of the file: in a native release build a few tens of milliseconds at
/// most for a whole office. (A file that is not a JSON object at all, or a
/// huge single value where records belong, is read in one go.)
pub struct Reading<'a> {
    /// The file, without a byte order mark.
    bytes: &'a [u8],
    stage: Box<Stage<'a>>,
    sizes: Sizes,
}

enum Stage<'a> {
    Text,
    Outline(Walk<'a>),
    Records {
        envelope: Envelope<'a>,
        records: Records<'a>,
    },
    FileSum {
        envelope: Envelope<'a>,
        data: Dataset,
        sum: FileSum,
    },
    Check {
        envelope: Envelope<'a>,
        data: Dataset,
        check: DatasetCheck,
    },
    /// Everything checked: the work is all done, the backup is returned by
    /// the next step (so that a page can show the progress full first).
    Checked(Backup),
}

/// The header's fields, once read.
struct Envelope<'a> {
    app_version: String,
    exported_at: DateTime<Utc>,
    device_id: Uuid,
    sha256: String,
    counts: Counts,
    /// Every top-level field in file order, values as written: what the
    /// checksum covers.
    fields: Vec<(String, &'a str)>,
}

/// The work per step of each stage, in its own unit.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    /// Bytes of text gone over by the outline pass.
    outline: usize,
    /// Bytes of record text deserialized.
    records: usize,
    /// Bytes of the file hashed.
    hash: usize,
    /// Records checked (each is visited about twice).
    check: usize,
}

/// Sized so that a step takes 10–30 ms natively (release) at office scale;
/// the browser build, optimised for size, is several times slower.
const STEP: Sizes = Sizes { outline: 12 << 20, records: 2 << 20, hash: 3 << 20, check: 25_000 };

/// Each stage's share of the work, per byte of the file, in the order of
/// [`Stage`] up to the check: roughly the time each took natively on an
/// office's file. Once checked, the bar is full.
const WEIGHTS: [u64; 5] = [1, 10, 54, 38, 7];

impl<'a> Reading<'a> {
    /// Starts reading `bytes`; nothing is read until the first step.
    pub fn new(bytes: &'a [u8]) -> Self {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        Reading { bytes, stage: Box::new(Stage::Text), sizes: STEP }
    }

    /// Does the next slice of the work. A refusal ends the reading, as does
    /// the backup once everything is checked.
    pub fn step(self) -> Result<Step<'a>, BackupError> {
        let Reading { bytes, mut stage, sizes } = self;
        *stage = match std::mem::replace(&mut *stage, Stage::Text) {
            Stage::Text => Stage::Outline(Walk::new(text(bytes)?)?),
            Stage::Outline(mut walk) => match walk.step(sizes.outline)? {
                true => after_outline(walk.finish())?,
                false => Stage::Outline(walk),
            },
            Stage::Records { envelope, mut records } => match records.step(sizes.records)? {
                true => after_records(envelope, records.finish())?,
                false => Stage::Records { envelope, records },
            },
            Stage::FileSum { envelope, data, mut sum } => {
                if !sum.step(&envelope.fields, sizes.hash) {
                    Stage::FileSum { envelope, data, sum }
                } else if sum.finish() != envelope.sha256.to_ascii_lowercase() {
                    // The checksum covers the file as written, before any migration.
                    return Err(BackupError::ChecksumMismatch);
                } else {
                    Stage::Check { envelope, data, check: DatasetCheck::default() }
                }
            }
            Stage::Check { envelope, data, mut check } => match check.step(&data, sizes.check)? {
                true => {
                    // Returned as a current-version backup of the (migrated) content.
                    let Envelope { app_version, exported_at, device_id, sha256, .. } = envelope;
                    let mut backup = Backup::unsealed(data, &app_version, device_id, exported_at);
                    // The file's own checksum, just verified: sealing the
                    // values again would hash the whole office a second
                    // time (40% of the reading), and for a file of an
                    // earlier format would bring in a serializer of every
                    // record the app never otherwise needs.
                    backup.sha256 = sha256.to_ascii_lowercase();
                    Stage::Checked(backup)
                }
                false => Stage::Check { envelope, data, check },
            },
            Stage::Checked(backup) => return Ok(Step::Done(Box::new(backup))),
        };
        Ok(Step::Reading(Reading { bytes, stage, sizes }))
    }

    /// How much of the work is done.
    pub fn progress(&self) -> Progress {
        let (stage, done, of) = match &*self.stage {
            Stage::Text => (0, 0, 1),
            Stage::Outline(walk) => (1, walk.at, walk.text.len()),
            Stage::Records { records, .. } => (2, records.read, records.of),
            Stage::FileSum { envelope, sum, .. } => {
                let of = envelope.fields.iter().filter(|(k, _)| k != "sha256").map(|(_, v)| v.len()).sum();
                (3, sum.read(), of)
            }
            Stage::Check { data, check, .. } => {
                let (done, of) = check.progress(data);
                (4, done, of)
            }
            Stage::Checked(_) => (WEIGHTS.len(), 0, 0),
        };
        let per_byte = |weights: &[u64]| weights.iter().sum::<u64>().saturating_mul(self.bytes.len() as u64);
        let share = per_byte(WEIGHTS.get(stage..=stage).unwrap_or_default());
        let within = match of {
            0 => 0,
            of => (u128::from(share) * done.min(of) as u128 / of as u128) as u64,
        };
        Progress { done: per_byte(&WEIGHTS[..stage]) + within, total: per_byte(&WEIGHTS) }
    }
}

impl fmt::Debug for Reading<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let stage = match *self.stage {
            Stage::Text => "text",
            Stage::Outline(_) => "outline",
            Stage::Records { .. } => "records",
            Stage::FileSum { .. } => "file checksum",
            Stage::Check { .. } => "check",
            Stage::Checked(_) => "checked",
        };
        f.debug_struct("Reading").field("stage", &stage).field("progress", &self.progress()).finish()
    }
}

/// The file's text: refused if there is none, or if it is not UTF-8.
fn text(bytes: &[u8]) -> Result<&str, BackupError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BackupError::Empty);
    }
    std::str::from_utf8(bytes).map_err(|_| BackupError::NotUtf8)
}

/// The header checked, then the records to read.
fn after_outline(outline: Outline<'_>) -> Result<Stage<'_>, BackupError> {
    let root = Members(outline.root).unique()?;
    if root.get("format").and_then(|raw| serde_json::from_str::<&str>(raw).ok()) != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    let version: u64 = root.field("format_version")?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(BackupError::TooNew(version));
    }
    if version == 0 {
        return Err(BackupError::Unsupported(version));
    }
    let app_version: String = root.field("app_version")?;
    let exported_at: DateTime<Utc> = root.field("exported_at")?;
    let device_id: Uuid = root.field("device_id")?;
    let sha256: String = root.field("sha256")?;
    let counts: Counts = root.field("counts")?;
    let data = root.get("data").ok_or(BackupError::Missing("data"))?;
    let envelope = Envelope { app_version, exported_at, device_id, sha256, counts, fields: root.0 };
    if version == 1 {
        return after_records(envelope, read_v1(data)?);
    }
    // `data` was split into its members by the outline pass when it is an object.
    let members = unescaped(outline.data.ok_or(BackupError::Missing("data"))?)?;
    Ok(Stage::Records { envelope, records: Records::new(members, version) })
}

/// The declared counts checked, then the file's checksum to compute.
fn after_records(envelope: Envelope<'_>, data: Dataset) -> Result<Stage<'_>, BackupError> {
    let found = Counts::of(&data);
    for entity in Entity::ALL {
        let declared = envelope.counts.get(entity);
        if declared != found.get(entity) {
            return Err(BackupError::CountMismatch { entity, declared, found: found.get(entity) });
        }
    }
    Ok(Stage::FileSum { envelope, data, sum: FileSum::new() })
}

/// A JSON object's members in file order, values left as text.
struct Members<'a>(Vec<(String, &'a str)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, &'de RawValue>()? {
                    members.push((key, value.get()));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

impl<'a> Members<'a> {
    /// Reads `text` as an object in one go; anything else is "not a backup".
    fn of(text: &'a str) -> Result<Self, BackupError> {
        match serde_json::from_str::<Members<'a>>(text) {
            Ok(m) => m.unique(),
            // Not an object: broken JSON says where; valid JSON is simply not ours.
            Err(e) if e.is_data() => match serde_json::from_str::<serde::de::IgnoredAny>(text) {
                Err(e) => Err(BackupError::NotJson { line: e.line(), column: e.column() }),
                Ok(_) => Err(BackupError::NotABackup),
            },
            Err(e) => Err(BackupError::NotJson { line: e.line(), column: e.column() }),
        }
    }

    /// A repeated member would make "which value counts" ambiguous, for
    /// the checksum as much as for the content.
    fn unique(self) -> Result<Self, BackupError> {
        for (i, (key, _)) in self.0.iter().enumerate() {
            if self.0[..i].iter().any(|(k, _)| k == key) {
                return Err(BackupError::DuplicateField(key.clone()));
            }
        }
        Ok(self)
    }

    fn get(&self, key: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// A small header field, read as `T`; missing or malformed → `Missing(key)`.
    fn field<T: DeserializeOwned>(&self, key: &'static str) -> Result<T, BackupError> {
        self.get(key).and_then(|raw| serde_json::from_str(raw).ok()).ok_or(BackupError::Missing(key))
    }
}

/// A member of `data`: its key, its value as written and, if the value is
/// an array, each item's text.
struct Member<'a> {
    key: String,
    value: &'a str,
    items: Option<Vec<&'a str>>,
}

impl<'a> Member<'a> {
    /// The members of `data` read in one go (a format v1 file's migrated
    /// records, which are small); anything but an object → `Missing("data")`.
    fn all_of(data: &'a str) -> Result<Vec<Self>, BackupError> {
        let members = Members::of(data).map_err(|_| BackupError::Missing("data"))?;
        let items = |value: &'a str| serde_json::from_str::<Vec<&RawValue>>(value).ok();
        Ok(members
            .0
            .into_iter()
            .map(|(key, value)| Member {
                key,
                value,
                items: items(value).map(|i| i.into_iter().map(RawValue::get).collect()),
            })
            .collect())
    }
}

/// The members of `data` as the outline pass found them, with their keys
/// unescaped and unique, as reading `data` as an object would ask.
fn unescaped(found: Vec<Found<'_>>) -> Result<Vec<Member<'_>>, BackupError> {
    let mut members: Vec<Member> = Vec::with_capacity(found.len());
    for Found { key, value, items } in found {
        let key: String = serde_json::from_str(key).map_err(|_| BackupError::Missing("data"))?;
        if members.iter().any(|m| m.key == key) {
            return Err(BackupError::Missing("data"));
        }
        members.push(Member { key, value, items });
    }
    Ok(members)
}

/// `data`'s records being read, entity by entity and a number of bytes of
/// their text at a time, into a [`Dataset`]. Entities a format v1 file did
/// not have start empty; the settings then start at their defaults.
struct Records<'a> {
    members: Vec<Member<'a>>,
    version: u64,
    /// The entity being read, in [`Entity::ALL`] order.
    entity: usize,
    /// Its records' texts, once found, and the next one to read.
    items: Option<Vec<&'a str>>,
    next: usize,
    data: Dataset,
    /// Bytes of record text read so far, of all there are.
    read: usize,
    of: usize,
}

impl<'a> Records<'a> {
    fn new(members: Vec<Member<'a>>, version: u64) -> Self {
        let of = Entity::ALL
            .iter()
            .filter_map(|e| members.iter().find(|m| m.key == e.key()))
            .filter_map(|m| m.items.as_ref())
            .flatten()
            .map(|item| item.len())
            .sum();
        Records { members, version, entity: 0, items: None, next: 0, data: Dataset::default(), read: 0, of }
    }

    /// Reads records until about `budget` bytes of their text are read;
    /// `Ok(true)` once all of them, and the settings, are.
    fn step(&mut self, budget: usize) -> Result<bool, BackupError> {
        let mut left = budget;
        while let Some(&entity) = Entity::ALL.get(self.entity) {
            if left == 0 {
                return Ok(false);
            }
            let items = match self.items.take() {
                Some(items) => items,
                None => self.records_of(entity)?,
            };
            let next = match entity {
                Entity::Customers => typed(&mut self.data.customers, entity, &items, self.next, &mut left)?,
                Entity::Cases => typed(&mut self.data.cases, entity, &items, self.next, &mut left)?,
                Entity::Revisits => typed(&mut self.data.revisits, entity, &items, self.next, &mut left)?,
                Entity::Staff => typed(&mut self.data.staff, entity, &items, self.next, &mut left)?,
                Entity::OpenLetters => typed(&mut self.data.open_letters, entity, &items, self.next, &mut left)?,
                Entity::Signatures => typed(&mut self.data.signatures, entity, &items, self.next, &mut left)?,
            };
            self.read += items.get(self.next..next).unwrap_or_default().iter().map(|item| item.len()).sum::<usize>();
            if next < items.len() {
                self.next = next;
                self.items = Some(items);
            } else {
                self.entity += 1;
                self.next = 0;
            }
        }
        self.data.settings = match self.members.iter().find(|m| m.key == "settings") {
            None if self.version == 1 => Settings::default(),
            found => found.and_then(|m| serde_json::from_str(m.value).ok()).ok_or(BackupError::Missing("settings"))?,
        };
        Ok(true)
    }

    /// The texts of `entity`'s records; `Missing` if it has none or they
    /// are not an array.
    fn records_of(&mut self, entity: Entity) -> Result<Vec<&'a str>, BackupError> {
        match self.members.iter_mut().find(|m| m.key == entity.key()) {
            None if self.version == 1 && !entity.in_v1() => Ok(Vec::new()),
            // Taken: each entity's list is needed once, and can go once read.
            found => found.and_then(|m| m.items.take()).ok_or(BackupError::Missing(entity.key())),
        }
    }

    fn finish(self) -> Dataset {
        self.data
    }
}

/// Reads `items[from..]` into `out` while `left` lasts; the index of the
/// first record not read.
fn typed<T: DeserializeOwned>(
    out: &mut Vec<T>,
    entity: Entity,
    items: &[&str],
    from: usize,
    left: &mut usize,
) -> Result<usize, BackupError> {
    if from == 0 {
        out.reserve_exact(items.len());
    }
    let mut index = from;
    while let Some(text) = items.get(index) {
        if *left == 0 {
            break;
        }
        out.push(serde_json::from_str(text).map_err(|e| {
            let detail = match key_at(text, e.line(), e.column()) {
                Some(key) => format!("{key}: {e}"),
                None => e.to_string(),
            };
            BackupError::Malformed { entity, index, detail }
        })?);
        *left = left.saturating_sub(text.len());
        index += 1;
    }
    Ok(index)
}

/// `data` of a format v1 file (one office's first weeks, small): read as a
/// tree and migrated to the current shape by the same code as the database
/// migration, then read like a current file, in one go.
fn read_v1(data: &str) -> Result<Dataset, BackupError> {
    let mut tree: Value = serde_json::from_str(data).map_err(|_| BackupError::Missing("data"))?;
    if !tree.is_object() {
        return Err(BackupError::Missing("data"));
    }
    let customer_of_case =
        migrate::customers_of_cases(tree.get("cases").and_then(Value::as_array).into_iter().flatten());
    if let Some(revisits) = tree.get_mut("revisits").and_then(Value::as_array_mut) {
        for (index, r) in revisits.iter_mut().enumerate() {
            let old = std::mem::take(r);
            *r = migrate::revisit_v1_to_v2(old, |c| customer_of_case.get(&c).copied())
                .map_err(|e| BackupError::Malformed { entity: Entity::Revisits, index, detail: e.to_string() })?;
        }
    }
    // Back to text, so records are read by the one deserializer the app
    // carries (reading from a tree would add a second one to the bundle).
    let text = serde_json::to_string(&tree).map_err(|_| BackupError::Missing("data"))?;
    let mut records = Records::new(Member::all_of(&text)?, 1);
    while !records.step(usize::MAX)? {}
    Ok(records.finish())
}

/// What the outline pass finds in a file.
struct Outline<'a> {
    /// The top-level members in file order, values as written.
    root: Vec<(String, &'a str)>,
    /// The members of `data`, if it is an object.
    data: Option<Vec<Found<'a>>>,
}

/// A member of `data` as the outline pass found it: its key as written
/// (quoted, escapes and all), its value, and if that is an array its items.
struct Found<'a> {
    key: &'a str,
    value: &'a str,
    items: Option<Vec<&'a str>>,
}

/// Where the outline pass is in the file's structure: the top-level object,
/// `data` inside it, or an array inside `data`. `first` is true before the
/// first member or item (no comma is expected yet).
enum Place<'a> {
    RootMember { first: bool },
    RootValue(String),
    DataMember { first: bool },
    DataValue(&'a str),
    Items { key: &'a str, first: bool },
    Item(&'a str),
    End,
}

/// The outline pass: goes over the file's text once, checking it is JSON,
/// and splits the top-level object, `data` and the arrays in `data` into
/// their members and items, a number of bytes at a time. Everything else,
/// records included, is left for serde_json to go over as a whole value.
///
/// It takes the same steps serde_json takes reading the whole file as an
/// object of raw values (its `MapAccess` at the top, its `ignore_value`
/// inside `data`), so it accepts exactly what that accepts, and where it
/// refuses it names the same place: for a stray byte, where serde_json
/// peeks at it; for a broken value, serde_json's own error for that value,
/// which it reads from the same byte with the same rest of the file after.
struct Walk<'a> {
    text: &'a str,
    /// The next byte to read.
    at: usize,
    place: Place<'a>,
    root: Vec<(String, &'a str)>,
    data: Option<Vec<Found<'a>>>,
    /// The `data` object being gone over: where it starts, its members so far.
    data_start: usize,
    members: Vec<Found<'a>>,
    /// The array in `data` being gone over: where it starts, its items so far.
    items_start: usize,
    items: Vec<&'a str>,
}

impl<'a> Walk<'a> {
    fn new(text: &'a str) -> Result<Self, BackupError> {
        let mut walk = Walk {
            text,
            at: 0,
            place: Place::RootMember { first: true },
            root: Vec::new(),
            data: None,
            data_start: 0,
            members: Vec::new(),
            items_start: 0,
            items: Vec::new(),
        };
        if walk.peek() != Some(b'{') {
            // Not an object: not a backup, or not JSON. serde_json reads it
            // as before and says which (at once, unless it is a large file
            // of some other kind).
            return Err(match Members::of(text) {
                Err(e) => e,
                Ok(_) => BackupError::NotABackup,
            });
        }
        walk.at += 1;
        Ok(walk)
    }

    /// Goes over about `budget` more bytes; `Ok(true)` once the whole text is.
    fn step(&mut self, budget: usize) -> Result<bool, BackupError> {
        let stop = self.at.saturating_add(budget);
        while self.at < stop {
            self.place = match std::mem::replace(&mut self.place, Place::End) {
                Place::RootMember { first } => self.root_member(first)?,
                Place::RootValue(key) => self.root_value(key)?,
                Place::DataMember { first } => self.data_member(first)?,
                Place::DataValue(key) => self.data_value(key)?,
                Place::Items { key, first } => self.next_item(key, first)?,
                Place::Item(key) => self.item(key)?,
                // Only whitespace may follow the object.
                Place::End => return if self.peek().is_none() { Ok(true) } else { Err(self.stray()) },
            };
        }
        Ok(false)
    }

    fn finish(self) -> Outline<'a> {
        Outline { root: self.root, data: self.data }
    }

    /// Before a top-level key, or the end of the object.
    fn root_member(&mut self, first: bool) -> Result<Place<'a>, BackupError> {
        match self.peek() {
            Some(b'}') => {
                self.at += 1;
                return Ok(Place::End);
            }
            Some(b'"') if first => {}
            Some(b',') if !first => {
                self.at += 1;
                if self.peek() != Some(b'"') {
                    return Err(self.stray());
                }
            }
            _ => return Err(self.stray()),
        }
        // Top-level keys are unescaped as they are read, strictly (a lone
        // surrogate is refused here, as by serde_json's map reader).
        let key = String::deserialize(&mut serde_json::Deserializer::from_str(self.rest()))
            .map_err(|e| self.broken_value(&e))?;
        self.value()?;
        self.colon()?;
        Ok(Place::RootValue(key))
    }

    /// At a top-level value: `data` is gone into if it is an object.
    fn root_value(&mut self, key: String) -> Result<Place<'a>, BackupError> {
        if key == "data" && self.peek() == Some(b'{') {
            self.data_start = self.at;
            self.at += 1;
            return Ok(Place::DataMember { first: true });
        }
        let value = self.value()?;
        self.root.push((key, value));
        Ok(Place::RootMember { first: false })
    }

    /// In `data`, before a key or the end of the object.
    fn data_member(&mut self, first: bool) -> Result<Place<'a>, BackupError> {
        match self.peek() {
            Some(b',') if !first => self.at += 1,
            Some(b'}') => {
                self.at += 1;
                let value = self.since(self.data_start);
                self.root.push(("data".to_owned(), value));
                let members = std::mem::take(&mut self.members);
                // A second `data` is refused later; the first one counts.
                self.data.get_or_insert(members);
                return Ok(Place::RootMember { first: false });
            }
            Some(_) if first => {}
            _ => return Err(self.stray()),
        }
        if self.peek() != Some(b'"') {
            return Err(self.stray());
        }
        // Skipped over as serde_json does, leniently; `unescaped` reads it.
        let key = self.value()?;
        self.colon()?;
        Ok(Place::DataValue(key))
    }

    /// At a value in `data`: arrays are gone into.
    fn data_value(&mut self, key: &'a str) -> Result<Place<'a>, BackupError> {
        if self.peek() == Some(b'[') {
            self.items_start = self.at;
            self.at += 1;
            return Ok(Place::Items { key, first: true });
        }
        let value = self.value()?;
        self.members.push(Found { key, value, items: None });
        Ok(Place::DataMember { first: false })
    }

    /// In an array in `data`, before an item or the end of the array.
    fn next_item(&mut self, key: &'a str, first: bool) -> Result<Place<'a>, BackupError> {
        match self.peek() {
            Some(b',') if !first => {
                self.at += 1;
                Ok(Place::Item(key))
            }
            Some(b']') => {
                self.at += 1;
                let (value, items) = (self.since(self.items_start), std::mem::take(&mut self.items));
                self.members.push(Found { key, value, items: Some(items) });
                Ok(Place::DataMember { first: false })
            }
            Some(_) if first => Ok(Place::Item(key)),
            _ => Err(self.stray()),
        }
    }

    fn item(&mut self, key: &'a str) -> Result<Place<'a>, BackupError> {
        let item = self.value()?;
        self.items.push(item);
        Ok(Place::Items { key, first: false })
    }

    /// The next byte after whitespace, which is skipped (JSON's four
    /// whitespace bytes only, as serde_json).
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    fn colon(&mut self) -> Result<(), BackupError> {
        match self.peek() {
            Some(b':') => {
                self.at += 1;
                Ok(())
            }
            _ => Err(self.stray()),
        }
    }

    /// The text from here on (`at` is always at a character boundary: after
    /// ASCII punctuation or whitespace, or at the end of a value).
    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or_default()
    }

    /// The text from `start` to here.
    fn since(&self, start: usize) -> &'a str {
        self.text.get(start..self.at).unwrap_or_default()
    }

    /// One JSON value from here on, read by serde_json as a raw value (its
    /// `ignore_value`, as when it reads a whole file), and stepped over.
    fn value(&mut self) -> Result<&'a str, BackupError> {
        let raw = <&RawValue>::deserialize(&mut serde_json::Deserializer::from_str(self.rest()))
            .map_err(|e| self.broken_value(&e))?;
        let value = raw.get();
        // The value is a slice of the text, so where it ends is where we are.
        self.at = value.as_ptr() as usize - self.text.as_ptr() as usize + value.len();
        Ok(value)
    }

    /// A byte that does not belong here (or the end of the text): serde_json
    /// reports the position just past it.
    fn stray(&self) -> BackupError {
        let (line, column) = position(self.text, (self.at + 1).min(self.text.len()));
        BackupError::NotJson { line, column }
    }

    /// serde_json's error for a value read from here on, placed in the
    /// whole text (it counted lines and columns from here).
    fn broken_value(&self, e: &serde_json::Error) -> BackupError {
        let (line, column) = position(self.text, self.at);
        match e.line() {
            0 | 1 => BackupError::NotJson { line, column: column + e.column() },
            n => BackupError::NotJson { line: line + n - 1, column: e.column() },
        }
    }
}

/// The line (from 1) and column (bytes since the line began) of byte `at`,
/// as serde_json counts them.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..at).unwrap_or_default();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let lines = before[..line_start].iter().filter(|&&b| b == b'\n').count();
    (1 + lines, at - line_start)
}

/// The last object key before `line`:`column` of a record's text: the field
/// a deserialization error is about. serde_json names a missing field but
/// not one whose value is wrong ("invalid value: integer …, expected u32").
fn key_at(text: &str, line: usize, column: usize) -> Option<String> {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let end = (line_start + column).min(text.len());
    let bytes = &text.as_bytes()[..end];
    let (mut key, mut last_string) = (None, None);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                last_string = text.get(start..(i + 1).min(end));
            }
            b':' => key = last_string.take(),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => last_string = None,
        }
        i += 1;
    }
    key.and_then(|k| serde_json::from_str::<String>(k).ok())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    /// The reader as it was before it went in steps: serde_json over the
    /// whole text in one call, then each entity's records, the counts, the
    /// checksum, and the checks in one pass. The stepwise reader must give
    /// exactly its results and refusals.
    mod before {
        use std::collections::{HashMap, HashSet};

        use super::super::*;
        use crate::backup::{checksum, first_problem};
        use crate::model::Case;
        use crate::validation::{
            check_case, check_customer, check_open_letter, check_revisit, check_signature, check_staff,
        };

        pub fn parse(bytes: &[u8]) -> Result<Backup, BackupError> {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Err(BackupError::Empty);
            }
            let text = std::str::from_utf8(bytes).map_err(|_| BackupError::NotUtf8)?;
            let root = Members::of(text)?;
            if root.get("format").and_then(|raw| serde_json::from_str::<&str>(raw).ok()) != Some(FORMAT) {
                return Err(BackupError::NotABackup);
            }
            let version: u64 = root.field("format_version")?;
            if version > u64::from(FORMAT_VERSION) {
                return Err(BackupError::TooNew(version));
            }
            if version == 0 {
                return Err(BackupError::Unsupported(version));
            }
            let app_version: String = root.field("app_version")?;
            let exported_at: DateTime<Utc> = root.field("exported_at")?;
            let device_id: Uuid = root.field("device_id")?;
            let sha256: String = root.field("sha256")?;
            let counts: Counts = root.field("counts")?;
            let data = root.get("data").ok_or(BackupError::Missing("data"))?;
            let dataset = if version == 1 { read_v1(data)? } else { read_records(data, version)? };
            let found = Counts::of(&dataset);
            for entity in Entity::ALL {
                if counts.get(entity) != found.get(entity) {
                    return Err(BackupError::CountMismatch {
                        entity,
                        declared: counts.get(entity),
                        found: found.get(entity),
                    });
                }
            }
            if checksum::of_file(&root.0) != sha256.to_ascii_lowercase() {
                return Err(BackupError::ChecksumMismatch);
            }
            let mut backup = Backup::unsealed(dataset, &app_version, device_id, exported_at);
            backup.sha256 = sha256.to_ascii_lowercase();
            check_dataset(&backup.data)?;
            Ok(backup)
        }

        fn read_records(data: &str, version: u64) -> Result<Dataset, BackupError> {
            let members = Members::of(data).map_err(|_| BackupError::Missing("data"))?;
            let records = |entity: Entity| -> Result<Vec<&RawValue>, BackupError> {
                let raw = match members.get(entity.key()) {
                    None if version == 1 && !entity.in_v1() => return Ok(Vec::new()),
                    found => found.ok_or(BackupError::Missing(entity.key()))?,
                };
                serde_json::from_str::<Vec<&RawValue>>(raw).map_err(|_| BackupError::Missing(entity.key()))
            };
            fn typed<T: DeserializeOwned>(items: Vec<&RawValue>, entity: Entity) -> Result<Vec<T>, BackupError> {
                items
                    .iter()
                    .enumerate()
                    .map(|(index, raw)| {
                        serde_json::from_str(raw.get()).map_err(|e| {
                            let detail = match key_at(raw.get(), e.line(), e.column()) {
                                Some(key) => format!("{key}: {e}"),
                                None => e.to_string(),
                            };
                            BackupError::Malformed { entity, index, detail }
                        })
                    })
                    .collect()
            }
            Ok(Dataset {
                customers: typed(records(Entity::Customers)?, Entity::Customers)?,
                cases: typed(records(Entity::Cases)?, Entity::Cases)?,
                revisits: typed(records(Entity::Revisits)?, Entity::Revisits)?,
                staff: typed(records(Entity::Staff)?, Entity::Staff)?,
                open_letters: typed(records(Entity::OpenLetters)?, Entity::OpenLetters)?,
                signatures: typed(records(Entity::Signatures)?, Entity::Signatures)?,
                settings: match members.get("settings") {
                    None if version == 1 => Settings::default(),
                    _ => members.field::<Settings>("settings")?,
                },
            })
        }

        fn read_v1(data: &str) -> Result<Dataset, BackupError> {
            let mut tree: Value = serde_json::from_str(data).map_err(|_| BackupError::Missing("data"))?;
            if !tree.is_object() {
                return Err(BackupError::Missing("data"));
            }
            let customer_of_case =
                migrate::customers_of_cases(tree.get("cases").and_then(Value::as_array).into_iter().flatten());
            if let Some(revisits) = tree.get_mut("revisits").and_then(Value::as_array_mut) {
                for (index, r) in revisits.iter_mut().enumerate() {
                    let old = std::mem::take(r);
                    *r = migrate::revisit_v1_to_v2(old, |c| customer_of_case.get(&c).copied()).map_err(|e| {
                        BackupError::Malformed { entity: Entity::Revisits, index, detail: e.to_string() }
                    })?;
                }
            }
            let text = serde_json::to_string(&tree).map_err(|_| BackupError::Missing("data"))?;
            read_records(&text, 1)
        }

        fn unique_ids(ids: impl Iterator<Item = Uuid>, entity: Entity) -> Result<HashSet<Uuid>, BackupError> {
            let mut seen = HashSet::new();
            for (index, id) in ids.enumerate() {
                if !seen.insert(id) {
                    return Err(BackupError::DuplicateId { entity, index, id });
                }
            }
            Ok(seen)
        }

        pub fn check_dataset(data: &Dataset) -> Result<(), BackupError> {
            let customers = unique_ids(data.customers.iter().map(|c| c.id), Entity::Customers)?;
            unique_ids(data.cases.iter().map(|c| c.id), Entity::Cases)?;
            let revisits = unique_ids(data.revisits.iter().map(|r| r.id), Entity::Revisits)?;
            let staff = unique_ids(data.staff.iter().map(|s| s.id), Entity::Staff)?;
            unique_ids(data.open_letters.iter().map(|l| l.id), Entity::OpenLetters)?;
            let signatures = unique_ids(data.signatures.iter().map(|s| s.id), Entity::Signatures)?;
            let dangling = |entity, index, id| Err(BackupError::Dangling { entity, index, id });
            for (index, c) in data.customers.iter().enumerate() {
                first_problem(Entity::Customers, index, check_customer(c))?;
            }
            for (index, s) in data.staff.iter().enumerate() {
                first_problem(Entity::Staff, index, check_staff(s))?;
            }
            let cases: HashMap<Uuid, &Case> = data.cases.iter().map(|c| (c.id, c)).collect();
            for (index, c) in data.cases.iter().enumerate() {
                if let Some(id) = c.customer_id.filter(|id| !customers.contains(id)) {
                    return dangling(Entity::Cases, index, id);
                }
                if let Some(id) = c.duplicate_of.filter(|id| !cases.contains_key(id)) {
                    return dangling(Entity::Cases, index, id);
                }
                if let Some(&id) = c.staff_involved.iter().find(|id| !staff.contains(id)) {
                    return dangling(Entity::Cases, index, id);
                }
                first_problem(Entity::Cases, index, check_case(c))?;
            }
            for (index, r) in data.revisits.iter().enumerate() {
                let case = r.case_id.and_then(|id| cases.get(&id).copied());
                if let (Some(case_id), None) = (r.case_id, case) {
                    return dangling(Entity::Revisits, index, case_id);
                }
                if !customers.contains(&r.customer_id) {
                    return dangling(Entity::Revisits, index, r.customer_id);
                }
                let people = r.assignee_id.into_iter().chain(r.result.as_ref().and_then(|x| x.staff_id));
                if let Some(id) = people.into_iter().find(|id| !staff.contains(id)) {
                    return dangling(Entity::Revisits, index, id);
                }
                if let Some(id) = r.result.as_ref().and_then(|x| x.signature_id).filter(|id| !signatures.contains(id)) {
                    return dangling(Entity::Revisits, index, id);
                }
                first_problem(Entity::Revisits, index, check_revisit(r, case))?;
            }
            for (index, l) in data.open_letters.iter().enumerate() {
                if let Some(&id) = l.case_ids.iter().find(|id| !cases.contains_key(id)) {
                    return dangling(Entity::OpenLetters, index, id);
                }
                first_problem(Entity::OpenLetters, index, check_open_letter(l, |id| cases.get(&id).copied()))?;
            }
            for (index, s) in data.signatures.iter().enumerate() {
                if !revisits.contains(&s.revisit_id) {
                    return dangling(Entity::Signatures, index, s.revisit_id);
                }
                first_problem(Entity::Signatures, index, check_signature(s))?;
            }
            Ok(())
        }
    }

    /// Steps small enough that every stage stops and resumes many times,
    /// at odd places, even in a small file; `SOME` stops less often, for
    /// the tests that read thousands of files.
    const SMALL: Sizes = Sizes { outline: 7, records: 50, hash: 11, check: 3 };
    const SOME: Sizes = Sizes { outline: 61, records: 400, hash: 97, check: 7 };
    const ONE: Sizes = Sizes { outline: 1, records: 1, hash: 1, check: 1 };

    /// Reads `bytes` a step at a time, and the progress after each step.
    fn read(bytes: &[u8], sizes: Sizes) -> (Result<Backup, BackupError>, Vec<Progress>) {
        let mut reading = Reading { sizes, ..Reading::new(bytes) };
        let mut progress = vec![reading.progress()];
        loop {
            match reading.step() {
                Ok(Step::Reading(next)) => {
                    progress.push(next.progress());
                    reading = next;
                }
                Ok(Step::Done(backup)) => return (Ok(*backup), progress),
                Err(e) => return (Err(e), progress),
            }
        }
    }

    /// Reads `bytes` in steps of every size, each giving what the one-go
    /// reader gave, which is returned.
    fn read_as_before(bytes: &[u8]) -> Result<Backup, BackupError> {
        let expected = before::parse(bytes);
        assert_eq!(parse(bytes), expected);
        assert_eq!(read(bytes, SOME).0, expected);
        expected
    }

    fn same_as_before(bytes: &[u8]) {
        let _ = read_as_before(bytes);
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    /// A small office with records of every kind (settings trimmed so the
    /// file stays small enough to cut at every byte).
    fn office() -> Dataset {
        let mut data = crate::sample::office(3, 6, 10, 5, today());
        data.settings.policies.policies.truncate(1);
        data.settings.policies.sales.clear();
        data.settings.calendar = Default::default();
        data.customers[0].name = "王\"美丽\" 🌸 \\/".into();
        // Too few cases for the generator to write an open letter about.
        let done: Vec<_> = data.cases.iter().filter(|c| c.completed_on.is_some()).take(2).collect();
        let sent = done.iter().filter_map(|c| c.completed_on).max().unwrap() + chrono::Days::new(2);
        let at = sent.and_hms_opt(10, 0, 0).unwrap().and_utc();
        let letter = crate::model::OpenLetter {
            revision: 0,
            id: Uuid::from_u128(0x1e77e7),
            title: "致业主的一封信".into(),
            body: "关于近期大家反映的问题……".into(),
            sent_on: sent,
            case_ids: done.iter().map(|c| c.id).collect(),
            created_at: at,
            updated_at: at,
        };
        data.open_letters.push(letter);
        data
    }

    fn backup() -> Backup {
        Backup::new(office(), "0.1.0", Uuid::from_u128(7), DateTime::from_timestamp(1_795_000_000, 0).unwrap())
    }

    fn compact() -> String {
        backup().to_json()
    }

    fn pretty() -> String {
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&compact()).unwrap()).unwrap()
    }

    /// `text` as a tree, edited, and written back pretty; the checksum
    /// recomputed when the content still reads as a backup, so that the
    /// checks behind it are reached.
    fn edited(text: &str, f: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut v: Value = serde_json::from_str(text).unwrap();
        f(&mut v);
        if let Ok(backup) = serde_json::from_value::<Backup>(v.clone()) {
            v["sha256"] = backup.checksum().into();
        }
        serde_json::to_vec_pretty(&v).unwrap()
    }

    const V1_FILE: &str = include_str!("../../tests/fixtures/backup-v1.json");

    #[test]
    fn the_office_has_records_of_every_kind() {
        let data = office();
        assert!(Entity::ALL.iter().all(|&e| Counts::of(&data).get(e) > 0), "{:?}", Counts::of(&data));
    }

    #[test]
    fn a_sound_file_reads_the_same_in_steps_of_any_size() {
        for text in [compact(), pretty(), V1_FILE.to_owned()] {
            let expected = before::parse(text.as_bytes()).unwrap();
            for sizes in [STEP, SOME, SMALL, ONE] {
                assert_eq!(read(text.as_bytes(), sizes).0.unwrap(), expected);
            }
        }
        assert_eq!(parse(compact().as_bytes()).unwrap(), backup());
    }

    #[test]
    fn progress_only_grows_and_is_full_before_the_backup_is_returned() {
        for sizes in [STEP, SMALL] {
            let text = pretty();
            let (result, progress) = read(text.as_bytes(), sizes);
            assert!(result.is_ok());
            let total = progress[0].total;
            assert!(total > 0);
            assert_eq!(progress[0].done, 0);
            assert!(progress.iter().all(|p| p.total == total));
            assert!(progress.windows(2).all(|w| w[0].done <= w[1].done), "{progress:?}");
            assert_eq!(progress.last().map(|p| p.done), Some(total));
        }
        // Small steps make many small moves.
        let (_, progress) = read(pretty().as_bytes(), SMALL);
        assert!(progress.len() > 1000, "{} steps", progress.len());
        let biggest = progress.windows(2).map(|w| w[1].done - w[0].done).max().unwrap();
        // The largest moves are whole records of this small office (reading
        // records is half of the work).
        assert!(biggest < progress[0].total / 25, "a step moved {biggest} of {}", progress[0].total);
    }

    #[test]
    fn every_prefix_is_refused_as_before() {
        // Every other byte of the compact file, every few of the pretty one
        // (the backup_fuzz tests cut one at every byte, against the positions).
        for (text, every) in [(compact(), 2), (pretty(), 7)] {
            let bytes = text.as_bytes();
            for cut in (0..bytes.len()).step_by(every) {
                let expected = before::parse(&bytes[..cut]);
                assert!(expected.is_err());
                assert_eq!(parse(&bytes[..cut]), expected, "cut at {cut}");
                // Resuming on the way is slower: every few bytes.
                if cut % 29 == 0 {
                    assert_eq!(read(&bytes[..cut], SOME).0, expected, "cut at {cut}");
                }
            }
        }
        for cut in 0..V1_FILE.len() {
            same_as_before(&V1_FILE.as_bytes()[..cut]);
        }
    }

    #[test]
    fn problems_at_the_end_of_the_file_are_reported_exactly() {
        let text = pretty();
        let last = office().signatures.len() - 1;
        // A record the type refuses, in the last signature.
        let bytes = edited(&text, |v| v["data"]["signatures"][last]["captured_at"] = json!("yesterday"));
        let got = read_as_before(&bytes);
        assert!(
            matches!(&got, Err(BackupError::Malformed { entity: Entity::Signatures, index, detail })
                if *index == last && detail.starts_with("captured_at: ")),
            "{got:?}"
        );
        // A reference to a missing revisit, behind a correct checksum.
        let gone = Uuid::from_u128(99);
        let bytes = edited(&text, |v| v["data"]["signatures"][last]["revisit_id"] = json!(gone));
        let expected = Err(BackupError::Dangling { entity: Entity::Signatures, index: last, id: gone });
        assert_eq!(read_as_before(&bytes), expected);
        // The last revisit given the id of the first.
        let first = office().revisits[0].id;
        let last_revisit = office().revisits.len() - 1;
        let bytes = edited(&text, |v| v["data"]["revisits"][last_revisit]["id"] = json!(first));
        let expected = Err(BackupError::DuplicateId { entity: Entity::Revisits, index: last_revisit, id: first });
        assert_eq!(read_as_before(&bytes), expected);
        // The settings, the last field, changed without resealing.
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["data"]["settings"]["policies"]["min_attempts"] = json!(4);
        let bytes = serde_json::to_vec_pretty(&v).unwrap();
        assert_eq!(read_as_before(&bytes), Err(BackupError::ChecksumMismatch));
        // One digit of the checksum.
        let sha = backup().sha256;
        let other = format!("{}{}", if sha.starts_with('0') { '1' } else { '0' }, &sha[1..]);
        assert_eq!(read_as_before(text.replace(&sha, &other).as_bytes()), Err(BackupError::ChecksumMismatch));
        // Upper case is the same checksum.
        assert!(read_as_before(text.replace(&sha, &sha.to_uppercase()).as_bytes()).is_ok());
        // Something after the object, and the object's end cut off.
        for bytes in [format!("{text} x"), format!("{text}}}"), text[..text.len() - 1].to_owned()] {
            assert!(matches!(read_as_before(bytes.as_bytes()), Err(BackupError::NotJson { .. })));
        }
    }

    #[test]
    fn odd_but_valid_layouts_read_as_before() {
        let text = pretty();
        let cases = [
            // An escaped key, top level and in data.
            text.replacen("\"format\"", "\"f\\u006frmat\"", 1),
            text.replacen("\"customers\"", "\"c\\u0075stomers\"", 1),
            text.replacen("\"data\"", "\"d\\u0061ta\"", 1),
            // Unknown members, top level and in data, of every kind.
            text.replacen("\"data\": {", "\"extra\": [1, {\"a\": []}], \"data\": { \"more\": [[], {}, \"x\"],", 1),
            text.replacen("\"settings\"", "\"x\": {\"y\": [1]}, \"settings\"", 1),
            // Lone surrogates in keys: refused at the top level, not in data.
            text.replacen("\"format\"", "\"\\ud800\"", 1),
            text.replacen("\"customers\"", "\"\\ud800\"", 1),
            // Duplicated members, top level and in data.
            text.replacen("\"data\": {", "\"format\": 1, \"data\": {", 1),
            text.replacen("\"settings\"", "\"cases\": [], \"settings\"", 1),
            text.replacen("\"data\": {", "\"data\": 1, \"data\": {", 1),
            // Data and an entity of the wrong kind.
            text.replacen("\"data\": {", "\"data\": [{", 1).replacen("\n}", "]\n}", 1),
            text.replacen("\"staff\": [", "\"staff\": {\"a\": [", 1),
            // Empty arrays and objects where records go.
            text.replacen("\"open_letters\": [", "\"open_letters\": [], \"x\": [", 1),
            "{}".into(),
            "{\"data\": {}}".into(),
            "{\"format\": \"huifang-backup\", \"format_version\": 2, \"data\": {\"customers\": [ ]}}".into(),
            // Not an object at all.
            "[1, 2]".into(),
            "\"huifang-backup\"".into(),
            "\"\\ud800\"".into(),
            " \u{c}{}".into(),
            "nul".into(),
        ];
        for bytes in cases {
            same_as_before(bytes.as_bytes());
        }
    }

    #[test]
    fn stray_punctuation_anywhere_is_refused_as_before() {
        let text = pretty();
        let bytes = text.as_bytes();
        // Every structural byte replaced by each of the others, or doubled, or
        // removed, near the start, around `data` and its arrays, and at the end.
        let data = text.find("\"data\"").unwrap();
        let places = (0..30).chain(data - 5..data + 35).chain(bytes.len() - 80..bytes.len());
        for at in places {
            if !b"{}[],:\" \n".contains(&bytes[at]) {
                continue;
            }
            for with in *b"{}[],:\"x \n" {
                let mut changed = bytes.to_vec();
                changed[at] = with;
                same_as_before(&changed);
                changed.insert(at, with);
                same_as_before(&changed);
            }
            let mut removed = bytes.to_vec();
            removed.remove(at);
            same_as_before(&removed);
        }
    }

    #[derive(Debug, Clone)]
    enum Damage {
        Set(prop::sample::Index, u8),
        Insert(prop::sample::Index, u8),
        Delete(prop::sample::Index),
        Cut(prop::sample::Index),
    }

    fn damage() -> impl Strategy<Value = Damage> {
        use prop::sample::Index;
        let byte = prop_oneof![any::<u8>(), prop::sample::select(b"{}[],:\"\\ \nu0".to_vec())];
        prop_oneof![
            (any::<Index>(), byte.clone()).prop_map(|(i, b)| Damage::Set(i, b)),
            (any::<Index>(), byte).prop_map(|(i, b)| Damage::Insert(i, b)),
            any::<Index>().prop_map(Damage::Delete),
            any::<Index>().prop_map(Damage::Cut),
        ]
    }

    fn damaged(text: &str, damages: &[Damage]) -> Vec<u8> {
        let mut bytes = text.as_bytes().to_vec();
        for d in damages {
            if bytes.is_empty() {
                break;
            }
            match d {
                Damage::Set(i, b) => {
                    let at = i.index(bytes.len());
                    bytes[at] = *b;
                }
                Damage::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
                Damage::Delete(i) => {
                    bytes.remove(i.index(bytes.len()));
                }
                Damage::Cut(i) => bytes.truncate(i.index(bytes.len())),
            }
        }
        bytes
    }

    fn pretty_file() -> &'static str {
        static FILE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        FILE.get_or_init(pretty)
    }

    fn compact_file() -> &'static str {
        static FILE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        FILE.get_or_init(compact)
    }

    proptest! {
        // A few seconds in a debug build.
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Damaged files, current and v1: the same refusal, or the same backup.
        #[test]
        fn damage_is_refused_or_read_as_before(
            which in 0..3usize,
            damages in prop::collection::vec(damage(), 1..4),
        ) {
            let text = [pretty_file(), compact_file(), V1_FILE][which];
            same_as_before(&damaged(text, &damages));
        }

        /// Values changed behind a recomputed checksum reach the record
        /// checks: the same first problem.
        #[test]
        fn resealed_changes_are_refused_or_read_as_before(
            entity in prop::sample::select(Entity::ALL.to_vec()),
            record in any::<prop::sample::Index>(),
            field in any::<prop::sample::Index>(),
            from in any::<prop::sample::Index>(),
            value in prop_oneof![
                Just(json!(null)), Just(json!(-1)), Just(json!("")), Just(json!([])),
                Just(json!("00000000-0000-0000-0000-000000000999")), Just(json!("2026-02-30")),
            ],
            copy in any::<bool>(),
        ) {
            let bytes = edited(pretty_file(), |v| {
                let records = v["data"][entity.key()].as_array_mut().unwrap();
                let n = records.len();
                let keys: Vec<String> = records[0].as_object().unwrap().keys().cloned().collect();
                let key = field.get(&keys).clone();
                // A value from another record (an id, a reference: duplicates and
                // dangling references), or one of the odd ones.
                let value = if copy { records[from.index(n)][&key].clone() } else { value };
                records[record.index(n)][&key] = value;
            });
            same_as_before(&bytes);
        }
    }
}
