//! The backup's SHA-256: over every top-level field but `sha256`, as
//! compact JSON, in the file's field order. It depends only on the values,
//! not on whitespace, so a pretty-printed copy still checks out while any
//! changed value, header or record, does not.
//!
//! Both sides stream into the hasher: a whole office's file is 100 MB and
//! more, and a second copy of it (or a `serde_json::Value` tree, ten times
//! larger) would not fit a tablet's browser tab.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Backup, Counts};
use crate::model::Dataset;

/// Everything in the file except the checksum itself, in field order.
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

fn hex(hasher: Sha256) -> String {
    format!("{:x}", hasher.finalize())
}

/// The checksum `backup`'s values call for.
pub(super) fn of_backup(backup: &Backup) -> String {
    let sealed = Sealed {
        format: &backup.format,
        format_version: backup.format_version,
        app_version: &backup.app_version,
        exported_at: &backup.exported_at,
        device_id: &backup.device_id,
        counts: &backup.counts,
        data: &backup.data,
    };
    let mut hasher = Sha256::new();
    // Sha256 is an io::Write that never fails, and plain structs with
    // string keys always serialize.
    let _ = serde_json::to_writer(&mut hasher, &sealed);
    hex(hasher)
}

/// The checksum of a sealed text already in compact form, given in pieces
/// (the export hashes the text it writes).
pub(super) fn of_text(pieces: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for piece in pieces {
        hasher.update(piece.as_bytes());
    }
    hex(hasher)
}

/// The checksum a file's own fields call for, `fields` being the file's
/// top-level members in order. Values are hashed in their compact form:
/// the file's text with the whitespace between tokens left out, which is
/// exactly what serde_json writes compactly.
pub(super) fn of_file(fields: &[(String, &RawValue)]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"{");
    let mut first = true;
    for (key, value) in fields.iter().filter(|(k, _)| k != "sha256") {
        if !first {
            hasher.update(b",");
        }
        first = false;
        // Keys were unescaped by the parser; write them back as serde_json would.
        let _ = serde_json::to_writer(&mut hasher, key);
        hasher.update(b":");
        compact_into(&mut hasher, value.get().as_bytes());
    }
    hasher.update(b"}");
    hex(hasher)
}

/// Feeds `json` to the hasher as serde_json would write its values
/// compactly: without the whitespace between tokens, and with string
/// escapes in serde_json's own form (another tool may have written `\u738b`
/// for `王`, or `\/` for `/`: the same values, so the same checksum).
fn compact_into(hasher: &mut Sha256, json: &[u8]) {
    let mut in_string = false;
    let mut run = 0;
    let mut i = 0;
    while i < json.len() {
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
    hasher.update(&json[run..]);
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
        compact_into(&mut h, json.as_bytes());
        hex(h)
    }

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
}
