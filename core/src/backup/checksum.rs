//! The backup's SHA-256: over every top-level field but `sha256`, as
//! compact JSON, in the file's field order. It depends only on the values,
//! not on whitespace, so a pretty-printed copy still checks out while any
//! changed value, header or record, does not.
//!
//! Both sides stream into the hasher: a whole office's file is 100 MB and
//! more, and a second copy of it (or a `serde_json::Value` tree, ten times
//! larger) would not fit a tablet's browser tab. The file's can also be
//! computed a slice at a time ([`FileSum`]), so that reading a whole
//! office's file in the browser never holds the page for long.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::io::Write;

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Backup, Counts};
use crate::model::Dataset;

fn hex(hasher: Sha256) -> String {
    format!("{:x}", hasher.finalize())
}

/// The checksum `backup`'s values call for.
pub(super) fn of_backup(backup: &Backup) -> String {
    of(&Head::of(backup), &backup.data)
}

/// The checksum of a sealed text already in compact form, given in pieces
/// (the export hashes the text it writes).
/// SHA-256 fed in pieces, given as lower-case hex.
#[derive(Default)]
pub(super) struct Hasher(Sha256);

impl Hasher {
    pub fn update(&mut self, piece: &[u8]) {
        self.0.update(piece);
    }

    pub fn finish(self) -> String {
        hex(self.0)
    }
}

/// The checksum of `head` followed by `"data": data`, all compact: exactly
/// the text [`super::StoredExport`] writes around the records.
fn of(head: &Head, data: &Dataset) -> String {
    let mut hasher = Sha256::new();
    {
        // Buffered: serde_json writes token by token, and feeding the
        // hasher such small pieces is several times slower.
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, &mut hasher);
        // Writing into a hasher never fails, and plain structs with string
        // keys always serialize.
        let _ = out.write_all(&head.open());
        let _ = out.write_all(DATA);
        let _ = serde_json::to_writer(&mut out, data);
        let _ = out.write_all(b"}");
        let _ = out.flush();
    }
    hex(hasher)
}

/// What comes between the head and the records.
pub(super) const DATA: &[u8] = b",\"data\":";

/// Everything in the file before the records, in field order; the
/// checksum covers these and then `data`.
#[derive(Serialize)]
pub(super) struct Head<'a> {
    pub format: &'a str,
    pub format_version: u32,
    pub app_version: &'a str,
    pub exported_at: &'a DateTime<Utc>,
    pub device_id: &'a Uuid,
    pub counts: &'a Counts,
}

impl<'a> Head<'a> {
    /// `{"format":…,"counts":{…}` : the head's JSON without its closing
    /// brace, for the fields that follow.
    pub(super) fn open(&self) -> Vec<u8> {
        let mut text = serde_json::to_vec(self).unwrap_or_default();
        if text.last() == Some(&b'}') {
            text.pop();
        }
        text
    }

    pub(super) fn of(backup: &'a Backup) -> Self {
        Head {
            format: &backup.format,
            format_version: backup.format_version,
            app_version: &backup.app_version,
            exported_at: &backup.exported_at,
            device_id: &backup.device_id,
            counts: &backup.counts,
        }
    }
}

/// The checksum a file's own fields call for, computed a few megabytes at
/// a time. The fields are the file's top-level members in order, each value
/// as written; they are hashed in their compact form: the file's text with
/// the whitespace between tokens left out, which is exactly what serde_json
/// writes compactly.
pub(super) struct FileSum {
    hasher: Sha256,
    /// The field being hashed.
    field: usize,
    /// Its key is hashed, and how far its value has got.
    begun: bool,
    value: Compact,
    /// Some field was hashed (the next one is preceded by a comma).
    any: bool,
    /// Bytes of values read so far, for progress.
    read: usize,
}

impl FileSum {
    pub(super) fn new() -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"{");
        FileSum { hasher, field: 0, begun: false, value: Compact::default(), any: false, read: 0 }
    }

    /// Hashes up to `budget` bytes of the values of `fields` (the same
    /// fields on every call); `true` once all of them are hashed.
    pub(super) fn step(&mut self, fields: &[(String, &str)], budget: usize) -> bool {
        let mut left = budget;
        while let Some((key, value)) = fields.get(self.field) {
            if key == "sha256" {
                self.field += 1;
                continue;
            }
            if left == 0 {
                return false;
            }
            if !self.begun {
                if self.any {
                    self.hasher.update(b",");
                }
                // Keys were unescaped by the parser; write them back as serde_json would.
                let _ = serde_json::to_writer(&mut self.hasher, key);
                self.hasher.update(b":");
                self.begun = true;
                self.any = true;
            }
            let from = self.value.at;
            let ended = self.value.feed(&mut self.hasher, value.as_bytes(), from.saturating_add(left));
            let read = self.value.at - from;
            left = left.saturating_sub(read);
            self.read += read;
            if !ended {
                return false;
            }
            self.field += 1;
            self.begun = false;
            self.value = Compact::default();
        }
        true
    }

    /// Bytes of values hashed so far.
    pub(super) fn read(&self) -> usize {
        self.read
    }

    pub(super) fn finish(mut self) -> String {
        self.hasher.update(b"}");
        hex(self.hasher)
    }
}

/// The file's checksum in one go, as it was computed before [`FileSum`]:
/// the oracle for the stepwise reader's tests.
#[cfg(test)]
pub(super) fn of_file(fields: &[(String, &str)]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"{");
    let mut first = true;
    for (key, value) in fields.iter().filter(|(k, _)| k != "sha256") {
        if !first {
            hasher.update(b",");
        }
        first = false;
        let _ = serde_json::to_writer(&mut hasher, key);
        hasher.update(b":");
        Compact::default().feed(&mut hasher, value.as_bytes(), usize::MAX);
    }
    hasher.update(b"}");
    hex(hasher)
}

/// How far the compact form of one value has been hashed: it can stop
/// after any token or escape and carry on from there.
#[derive(Debug, Clone, Copy, Default)]
struct Compact {
    /// The next byte of the value's text to read.
    at: usize,
    in_string: bool,
}

impl Compact {
    /// Feeds `json` from where it stopped to the hasher as serde_json would
    /// write its values compactly: without the whitespace between tokens,
    /// and with string escapes in serde_json's own form (another tool may
    /// have written `\u738b` for `王`, or `\/` for `/`: the same values, so
    /// the same checksum). Stops at the first token or escape boundary at
    /// or past `limit`; `true` once the whole value is hashed.
    fn feed(&mut self, hasher: &mut Sha256, json: &[u8], limit: usize) -> bool {
        let end = limit.min(json.len());
        let mut in_string = self.in_string;
        let mut run = self.at;
        let mut i = self.at;
        while i < end {
            let b = json[i];
            if in_string {
                if b == b'\\' {
                    hasher.update(&json[run..i]);
                    let (ch, len) = unescape(&json[i..]);
                    match ch {
                        Some(c) => write_escaped(hasher, c),
                        // Not a valid escape: hash it as written (the parser refuses it anyway).
                        None => hasher.update(&json[i..i + len]),
                    }
                    i += len;
                    run = i;
                    continue;
                } else if b == b'"' {
                    in_string = false;
                }
            } else if b == b'"' {
                in_string = true;
            } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                hasher.update(&json[run..i]);
                run = i + 1;
            }
            i += 1;
        }
        hasher.update(&json[run..i]);
        *self = Compact { at: i, in_string };
        i >= json.len()
    }
}

/// The character an escape at the start of `s` stands for, and its length
/// in bytes; `None` if it is not a valid escape.
fn unescape(s: &[u8]) -> (Option<char>, usize) {
    let hex4 = |at: usize| -> Option<u32> {
        let digits = std::str::from_utf8(s.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    match s.get(1) {
        Some(b'"') => (Some('"'), 2),
        Some(b'\\') => (Some('\\'), 2),
        Some(b'/') => (Some('/'), 2),
        Some(b'b') => (Some('\u{8}'), 2),
        Some(b'f') => (Some('\u{c}'), 2),
        Some(b'n') => (Some('\n'), 2),
        Some(b'r') => (Some('\r'), 2),
        Some(b't') => (Some('\t'), 2),
        Some(b'u') => match hex4(2) {
            Some(high @ 0xD800..=0xDBFF) => match (s.get(6..8), hex4(8)) {
                (Some(b"\\u"), Some(low @ 0xDC00..=0xDFFF)) => {
                    (char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), 12)
                }
                _ => (None, 6),
            },
            Some(code) => (char::from_u32(code), 6),
            None => (None, 2.min(s.len())),
        },
        _ => (None, 1),
    }
}

/// `c` inside a string as serde_json writes it.
fn write_escaped(hasher: &mut Sha256, c: char) {
    match c {
        '"' => hasher.update(b"\\\""),
        '\\' => hasher.update(b"\\\\"),
        '\u{8}' => hasher.update(b"\\b"),
        '\u{c}' => hasher.update(b"\\f"),
        '\n' => hasher.update(b"\\n"),
        '\r' => hasher.update(b"\\r"),
        '\t' => hasher.update(b"\\t"),
        c if (c as u32) < 0x20 => hasher.update(format!("\\u{:04x}", c as u32).as_bytes()),
        c => hasher.update(c.encode_utf8(&mut [0; 4]).as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_compacted(json: &str) -> String {
        let mut h = Sha256::new();
        Compact::default().feed(&mut h, json.as_bytes(), usize::MAX);
        hex(h)
    }

    /// The same, fed `piece` bytes at a time.
    fn hash_compacted_in_pieces(json: &str, piece: usize) -> String {
        let (mut h, mut value) = (Sha256::new(), Compact::default());
        while !value.feed(&mut h, json.as_bytes(), value.at + piece) {}
        hex(h)
    }

    const AWKWARD: &str =
        r#"{ "name": "\u738b\/\u0022\u0001\ud83c\udf38\u000A", "list": [ 1 , "a \" b", {} ], "x": "\q\u12" }"#;

    #[test]
    fn leaving_out_whitespace_gives_serde_jsons_compact_form() {
        let value = serde_json::json!({
            "name": "王 美丽 \" \\ \n\t 🌸",
            "list": [1, 2.5, {"a b": " c "}, [], {}],
            "none": null
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(hash_compacted(&pretty), format!("{:x}", Sha256::digest(compact.as_bytes())));
    }

    #[test]
    fn escapes_count_as_the_characters_they_stand_for() {
        let value = serde_json::json!({"name": "王/\"\u{1}\u{1F338}\n"});
        let compact = serde_json::to_string(&value).unwrap();
        let other_tool = r#"{ "name": "\u738b\/\u0022\u0001\ud83c\udf38\u000A" }"#;
        assert_eq!(hash_compacted(other_tool), format!("{:x}", Sha256::digest(compact.as_bytes())));
    }

    #[test]
    fn hashing_without_whitespace_matches_hashing_the_compact_text() {
        let pretty = "{\n  \"a\": [ 1, \"x \\\" y\" ]\n}";
        assert_eq!(hash_compacted(pretty), format!("{:x}", Sha256::digest(b"{\"a\":[1,\"x \\\" y\"]}")));
    }

    #[test]
    fn hashing_a_value_in_pieces_of_any_size_gives_the_same_checksum() {
        let whole = hash_compacted(AWKWARD);
        for piece in 1..=AWKWARD.len() {
            assert_eq!(hash_compacted_in_pieces(AWKWARD, piece), whole, "pieces of {piece}");
        }
    }

    /// The file's checksum as the format defines it: its fields but
    /// `sha256`, in order, written compactly by serde_json.
    fn defined_file_checksum(text: &str) -> String {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        v.as_object_mut().unwrap().shift_remove("sha256");
        format!("{:x}", Sha256::digest(serde_json::to_string(&v).unwrap().as_bytes()))
    }

    #[test]
    fn a_files_checksum_hashed_a_few_bytes_at_a_time_is_the_defined_one() {
        let text = r#"{ "format": "x", "sha256": "abc",
            "data": { "name": "\u738b\/\u0022\u0001\ud83c\udf38\u000A", "list": [ 1 , "a \" b", {} ] },
            "k\u00e9y": [ 1, 2 ] }"#;
        let fields = as_written::Fields::of(text);
        let defined = defined_file_checksum(text);
        for budget in [1, 2, 3, 7, 64, usize::MAX] {
            let mut sum = FileSum::new();
            while !sum.step(&fields, budget) {}
            assert_eq!(sum.read(), fields.iter().filter(|(k, _)| k != "sha256").map(|(_, v)| v.len()).sum::<usize>());
            assert_eq!(sum.finish(), defined, "budget {budget}");
        }
    }

    /// A JSON object's members in order, values as written.
    mod as_written {
        use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
        use serde_json::value::RawValue;

        pub struct Fields<'a>(Vec<(String, &'a RawValue)>);

        impl<'a> Fields<'a> {
            pub fn of(text: &'a str) -> Vec<(String, &'a str)> {
                let fields: Fields<'a> = serde_json::from_str(text).unwrap();
                fields.0.into_iter().map(|(k, v)| (k, v.get())).collect()
            }
        }

        impl<'de> Deserialize<'de> for Fields<'de> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Fields<'de>;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Fields<'de>, M::Error> {
                        let mut fields = Vec::new();
                        while let Some(entry) = map.next_entry()? {
                            fields.push(entry);
                        }
                        Ok(Fields(fields))
                    }
                }
                d.deserialize_map(V)
            }
        }
    }

    /// What the values' checksum was defined as: the compact serialization
    /// of these fields, in this order.
    #[derive(Serialize)]
    struct Sealed<'a> {
        format: &'a str,
        format_version: u32,
        app_version: &'a str,
        exported_at: &'a DateTime<Utc>,
        device_id: &'a Uuid,
        counts: &'a Counts,
        data: &'a Dataset,
    }

    #[test]
    fn the_values_checksum_is_the_defined_one() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut data = crate::sample::office(30, 80, 120, 7, today);
        data.customers[0].name = "王\"🌸\u{1}".into();
        let (at, device, counts) =
            (DateTime::from_timestamp(1_795_000_000, 0).unwrap(), Uuid::from_u128(7), Counts::of(&data));
        let sealed = Sealed {
            format: "huifang-backup",
            format_version: 2,
            app_version: "1.2.3",
            exported_at: &at,
            device_id: &device,
            counts: &counts,
            data: &data,
        };
        let defined = format!("{:x}", Sha256::digest(serde_json::to_vec(&sealed).unwrap()));
        let head = Head {
            format: "huifang-backup",
            format_version: 2,
            app_version: "1.2.3",
            exported_at: &at,
            device_id: &device,
            counts: &counts,
        };
        assert_eq!(of(&head, &data), defined);
    }
}
