//! Reading a backup file: everything is checked here, before the storage
//! layer writes anything.
//!
//! The file is read in place: the header as small values, the records as
//! slices of the file's own text (`RawValue`), each deserialized straight
//! into its record type. No tree of the whole file is built, so a
//! 200,000-revisit file needs little more memory than its records.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{Deserialize, DeserializeOwned, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::value::RawValue;
use serde_json::Value;
use uuid::Uuid;

use super::{check_dataset, checksum, Backup, BackupError, Counts, Entity, FORMAT, FORMAT_VERSION};
use crate::migrate;
use crate::model::Dataset;
use crate::settings::Settings;

/// A JSON object's members in file order, values left as text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

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
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

impl<'a> Members<'a> {
    /// Reads `text` as an object; anything else is "not a backup".
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

    fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// A small header field, read as `T`; missing or malformed → `Missing(key)`.
    fn field<T: DeserializeOwned>(&self, key: &'static str) -> Result<T, BackupError> {
        self.get(key).and_then(|raw| serde_json::from_str(raw.get()).ok()).ok_or(BackupError::Missing(key))
    }
}

/// Reads and checks a backup file. `Ok` means every record is sound and
/// the whole file can be written.
pub fn parse(bytes: &[u8]) -> Result<Backup, BackupError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BackupError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| BackupError::NotUtf8)?;
    let root = Members::of(text)?;
    if root.get("format").and_then(|raw| serde_json::from_str::<&str>(raw.get()).ok()) != Some(FORMAT) {
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

    let dataset = if version == 1 { read_v1(data)? } else { read_records(data.get(), version)? };
    let found = Counts::of(&dataset);
    for entity in Entity::ALL {
        if counts.get(entity) != found.get(entity) {
            return Err(BackupError::CountMismatch { entity, declared: counts.get(entity), found: found.get(entity) });
        }
    }
    // The checksum covers the file as written, before any migration.
    if checksum::of_file(&root.0) != sha256.to_ascii_lowercase() {
        return Err(BackupError::ChecksumMismatch);
    }
    // Returned as a current-version backup of the (migrated) content.
    let backup = Backup::new(dataset, &app_version, device_id, exported_at);
    check_dataset(&backup.data)?;
    Ok(backup)
}

/// `data`, each record read from its own text. Entities a format v1 file
/// did not have start empty; the settings then start at their defaults.
fn read_records(data: &str, version: u64) -> Result<Dataset, BackupError> {
    let members = Members::of(data).map_err(|_| BackupError::Missing("data"))?;
    let records = |entity: Entity| -> Result<Vec<&RawValue>, BackupError> {
        let raw = match members.get(entity.key()) {
            None if version == 1 && !entity.in_v1() => return Ok(Vec::new()),
            found => found.ok_or(BackupError::Missing(entity.key()))?,
        };
        serde_json::from_str::<Vec<&RawValue>>(raw.get()).map_err(|_| BackupError::Missing(entity.key()))
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

/// `data` of a format v1 file (one office's first weeks, small): read as a
/// tree and migrated to the current shape by the same code as the database
/// migration, then read like a current file.
fn read_v1(data: &RawValue) -> Result<Dataset, BackupError> {
    let mut tree: Value = serde_json::from_str(data.get()).map_err(|_| BackupError::Missing("data"))?;
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
    read_records(&text, 1)
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
