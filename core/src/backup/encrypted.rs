//! The encrypted backup file: a small JSON envelope around a normal backup
//! file, sealed with AES-256-GCM under a key derived from a passphrase by
//! PBKDF2-SHA256 (documented in `docs/backup-format.md`).
//!
//! The cryptography itself runs in the browser (WebCrypto); this module is
//! the pure part: the envelope's layout, the exact associated-data bytes
//! that bind the header to the ciphertext, strict parsing, and the
//! passphrase rules.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Value};

/// The magic string that says "this is an encrypted Revisit Desk backup".
pub const FORMAT: &str = "huifang-backup-encrypted";
pub const VERSION: u32 = 1;
pub const KDF: &str = "PBKDF2-SHA256";
pub const CIPHER: &str = "AES-256-GCM";
/// PBKDF2 rounds written into new files (OWASP's 2023 figure for SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// Fewer rounds are refused: a file claiming a cheap derivation is a
/// downgrade attempt (it would make guessing the passphrase cheap).
pub const MIN_ITERATIONS: u32 = 600_000;
/// More rounds are refused too, so a crafted file cannot freeze the tablet.
pub const MAX_ITERATIONS: u32 = 10_000_000;
// The issue's floor, checked when compiling: new files are never below what is accepted.
const _: () = assert!(MIN_ITERATIONS >= 600_000 && ITERATIONS >= MIN_ITERATIONS && ITERATIONS <= MAX_ITERATIONS);
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
/// The GCM authentication tag WebCrypto appends to the ciphertext.
pub const TAG_LEN: usize = 16;
/// The shortest passphrase accepted for a new encrypted backup, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Everything in the file but the ciphertext: all of it is authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub iv: [u8; IV_LEN],
}

impl Header {
    /// A header for a new file, with this version's fixed choices.
    pub fn new(salt: [u8; SALT_LEN], iv: [u8; IV_LEN]) -> Self {
        Self { iterations: ITERATIONS, salt, iv }
    }

    fn to_value(&self) -> Value {
        json!({
            "format": FORMAT,
            "version": VERSION,
            "kdf": { "name": KDF, "iterations": self.iterations, "salt": B64.encode(self.salt) },
            "cipher": { "name": CIPHER, "iv": B64.encode(self.iv) },
        })
    }

    /// The GCM associated data: the header as compact JSON, in the field
    /// order `format`, `version`, `kdf` {`name`, `iterations`, `salt`},
    /// `cipher` {`name`, `iv`}, binary fields in padded standard base64.
    /// Rebuilt from the parsed values, so it does not depend on the file's
    /// layout, while any changed header value makes decryption fail.
    pub fn associated_data(&self) -> Vec<u8> {
        // A `Value` of strings and integers always serializes.
        serde_json::to_vec(&self.to_value()).unwrap_or_default()
    }
}

/// An encrypted backup: the header and the sealed backup file (with its tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub header: Header,
    pub ciphertext: Vec<u8>,
}

/// Why an encrypted file was refused before any decryption was tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("the file is not JSON")]
    NotJson,
    #[error("not an encrypted Revisit Desk backup")]
    NotEncrypted,
    #[error("encrypted backup version {0} is newer than this app understands")]
    TooNew(u64),
    #[error("encrypted backup version {0} is not supported")]
    Unsupported(u64),
    #[error("missing or malformed part: {0}")]
    Missing(&'static str),
    #[error("unknown key derivation {0:?}")]
    UnknownKdf(String),
    #[error("unknown cipher {0:?}")]
    UnknownCipher(String),
    #[error("{found} key-derivation rounds is below the minimum of {MIN_ITERATIONS}")]
    WeakKdf { found: u64 },
    #[error("{found} key-derivation rounds is above the maximum of {MAX_ITERATIONS}")]
    TooManyIterations { found: u64 },
    #[error("{0} is not valid base64")]
    BadBase64(&'static str),
    #[error("{field} has {found} bytes, expected {expected}")]
    WrongLength { field: &'static str, expected: usize, found: usize },
}

fn text<'a>(v: &'a Value, key: &str, name: &'static str) -> Result<&'a str, EnvelopeError> {
    v.get(key).and_then(Value::as_str).ok_or(EnvelopeError::Missing(name))
}

fn bytes<const N: usize>(v: &Value, key: &str, name: &'static str) -> Result<[u8; N], EnvelopeError> {
    let decoded = B64.decode(text(v, key, name)?).map_err(|_| EnvelopeError::BadBase64(name))?;
    let found = decoded.len();
    decoded.try_into().map_err(|_| EnvelopeError::WrongLength { field: name, expected: N, found })
}

impl Envelope {
    /// Reads and checks the envelope; everything is refused that the
    /// decryption could not safely use.
    pub fn parse(file: &[u8]) -> Result<Self, EnvelopeError> {
        let file = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
        let root: Value = serde_json::from_slice(file).map_err(|_| EnvelopeError::NotJson)?;
        if root.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(EnvelopeError::NotEncrypted);
        }
        let version = root.get("version").and_then(Value::as_u64).ok_or(EnvelopeError::Missing("version"))?;
        if version > u64::from(VERSION) {
            return Err(EnvelopeError::TooNew(version));
        }
        if version != u64::from(VERSION) {
            return Err(EnvelopeError::Unsupported(version));
        }
        let kdf = root.get("kdf").filter(|v| v.is_object()).ok_or(EnvelopeError::Missing("kdf"))?;
        let kdf_name = text(kdf, "name", "kdf.name")?;
        if kdf_name != KDF {
            return Err(EnvelopeError::UnknownKdf(kdf_name.to_owned()));
        }
        let found = kdf.get("iterations").and_then(Value::as_u64).ok_or(EnvelopeError::Missing("kdf.iterations"))?;
        if found < u64::from(MIN_ITERATIONS) {
            return Err(EnvelopeError::WeakKdf { found });
        }
        let iterations = u32::try_from(found)
            .ok()
            .filter(|&n| n <= MAX_ITERATIONS)
            .ok_or(EnvelopeError::TooManyIterations { found })?;
        let salt = bytes::<SALT_LEN>(kdf, "salt", "kdf.salt")?;
        let cipher = root.get("cipher").filter(|v| v.is_object()).ok_or(EnvelopeError::Missing("cipher"))?;
        let cipher_name = text(cipher, "name", "cipher.name")?;
        if cipher_name != CIPHER {
            return Err(EnvelopeError::UnknownCipher(cipher_name.to_owned()));
        }
        let iv = bytes::<IV_LEN>(cipher, "iv", "cipher.iv")?;
        let ciphertext =
            B64.decode(text(&root, "ciphertext", "ciphertext")?).map_err(|_| EnvelopeError::BadBase64("ciphertext"))?;
        if ciphertext.len() < TAG_LEN {
            return Err(EnvelopeError::WrongLength { field: "ciphertext", expected: TAG_LEN, found: ciphertext.len() });
        }
        Ok(Self { header: Header { iterations, salt, iv }, ciphertext })
    }

    /// The file as written: the header's fields, then the ciphertext.
    pub fn to_json(&self) -> String {
        let mut v = self.header.to_value();
        if let Some(obj) = v.as_object_mut() {
            obj.insert("ciphertext".to_owned(), Value::String(B64.encode(&self.ciphertext)));
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
}

/// Whether `file` is an encrypted backup (so the import asks for the
/// passphrase): a JSON object whose `format` is [`FORMAT`]. Reads only that
/// field; the rest is skipped without being stored.
pub fn is_encrypted(file: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<String>,
    }
    let file = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    // Serde would also read a struct from an array; only an object is an envelope.
    let is_object = file.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    is_object && serde_json::from_slice::<Probe>(file).is_ok_and(|p| p.format.as_deref() == Some(FORMAT))
}

/// Suggested file name, e.g. `huifang-backup-2026-11-23.encrypted.json`,
/// from the plain backup's name.
pub fn file_name(plain_name: &str) -> String {
    match plain_name.strip_suffix(".json") {
        Some(stem) => format!("{stem}.encrypted.json"),
        None => format!("{plain_name}.encrypted.json"),
    }
}

/// Why a new passphrase was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseProblem {
    #[error("the passphrase needs at least {MIN_PASSPHRASE_CHARS} characters")]
    TooShort,
    #[error("the two passphrases differ")]
    Mismatch,
}

/// The rules for choosing a passphrase: long enough (counted in characters,
/// so 8 Chinese characters are enough) and typed the same way twice. The
/// passphrase is used exactly as typed, spaces included.
pub fn check_new_passphrase(passphrase: &str, confirm: &str) -> Result<(), PassphraseProblem> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseProblem::TooShort);
    }
    if passphrase != confirm {
        return Err(PassphraseProblem::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header::new([7; SALT_LEN], [9; IV_LEN])
    }

    fn envelope() -> Envelope {
        Envelope { header: header(), ciphertext: vec![1; 40] }
    }

    /// The file with one JSON value replaced (by a pointer like "/kdf/salt").
    fn edited(pointer: &str, value: Value) -> Vec<u8> {
        let mut v: Value = serde_json::from_str(&envelope().to_json()).unwrap();
        *v.pointer_mut(pointer).unwrap() = value;
        serde_json::to_vec(&v).unwrap()
    }

    fn removed(parent: &str, key: &str) -> Vec<u8> {
        let mut v: Value = serde_json::from_str(&envelope().to_json()).unwrap();
        v.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
        serde_json::to_vec(&v).unwrap()
    }

    #[test]
    fn a_written_envelope_reads_back_identically() {
        let e = envelope();
        assert_eq!(Envelope::parse(e.to_json().as_bytes()), Ok(e.clone()));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), e.to_json().as_bytes()].concat();
        assert_eq!(Envelope::parse(&with_bom), Ok(e));
    }

    #[test]
    fn new_files_use_at_least_600000_rounds() {
        assert_eq!(header().iterations, ITERATIONS);
        assert!(header().iterations >= 600_000);
    }

    #[test]
    fn associated_data_is_the_documented_canonical_header() {
        let expected = concat!(
            r#"{"format":"huifang-backup-encrypted","version":1,"#,
            r#""kdf":{"name":"PBKDF2-SHA256","iterations":600000,"salt":"BwcHBwcHBwcHBwcHBwcHBw=="},"#,
            r#""cipher":{"name":"AES-256-GCM","iv":"CQkJCQkJCQkJCQkJ"}}"#
        );
        assert_eq!(String::from_utf8(header().associated_data()).unwrap(), expected);
    }

    #[test]
    fn associated_data_does_not_depend_on_the_file_layout() {
        // Reordered keys and extra whitespace: same values, same bytes.
        let e = envelope();
        let reordered = format!(
            "{{ \"ciphertext\": \"{}\",\n \"cipher\": {{\"iv\": \"{}\", \"name\": \"AES-256-GCM\"}},\n \
             \"kdf\": {{\"salt\": \"{}\", \"iterations\": 600000, \"name\": \"PBKDF2-SHA256\"}},\n \
             \"version\": 1, \"format\": \"huifang-backup-encrypted\" }}",
            B64.encode(&e.ciphertext),
            B64.encode(e.header.iv),
            B64.encode(e.header.salt)
        );
        let parsed = Envelope::parse(reordered.as_bytes()).unwrap();
        assert_eq!(parsed.header.associated_data(), e.header.associated_data());
    }

    #[test]
    fn every_header_field_changes_the_associated_data() {
        let base = header().associated_data();
        let changed = [
            Header { iterations: ITERATIONS + 1, ..header() },
            Header { salt: [8; SALT_LEN], ..header() },
            Header { iv: [8; IV_LEN], ..header() },
        ];
        for h in changed {
            assert_ne!(h.associated_data(), base, "{h:?}");
        }
        // The fixed parts (magic, version, algorithm names) are in it too.
        let aad = String::from_utf8(base).unwrap();
        for part in [FORMAT, "\"version\":1", KDF, CIPHER] {
            assert!(aad.contains(part), "{part}");
        }
    }

    #[test]
    fn detection_tells_encrypted_from_plain_backups_and_other_files() {
        assert!(is_encrypted(envelope().to_json().as_bytes()));
        let plain = br#"{"format":"huifang-backup","format_version":2,"data":{"customers":[{"name":"huifang-backup-encrypted"}]}}"#;
        assert!(!is_encrypted(plain));
        assert!(!is_encrypted(b""));
        assert!(!is_encrypted(b"\xFF\xFE not json"));
        assert!(!is_encrypted(br#"["huifang-backup-encrypted"]"#));
        assert!(!is_encrypted(&envelope().to_json().as_bytes()[..60]), "a cut file is not taken for one");
    }

    #[test]
    fn not_json_and_wrong_magic_are_refused() {
        assert_eq!(Envelope::parse(b"not json"), Err(EnvelopeError::NotJson));
        assert_eq!(Envelope::parse(b""), Err(EnvelopeError::NotJson));
        assert_eq!(Envelope::parse(&edited("/format", json!("huifang-backup"))), Err(EnvelopeError::NotEncrypted));
        assert_eq!(Envelope::parse(&removed("", "format")), Err(EnvelopeError::NotEncrypted));
    }

    #[test]
    fn other_versions_are_refused() {
        assert_eq!(Envelope::parse(&edited("/version", json!(2))), Err(EnvelopeError::TooNew(2)));
        assert_eq!(Envelope::parse(&edited("/version", json!(0))), Err(EnvelopeError::Unsupported(0)));
        assert_eq!(Envelope::parse(&edited("/version", json!("1"))), Err(EnvelopeError::Missing("version")));
    }

    #[test]
    fn fewer_rounds_than_the_minimum_are_a_refused_downgrade() {
        let weak = edited("/kdf/iterations", json!(599_999));
        assert_eq!(Envelope::parse(&weak), Err(EnvelopeError::WeakKdf { found: 599_999 }));
        assert_eq!(Envelope::parse(&edited("/kdf/iterations", json!(1))), Err(EnvelopeError::WeakKdf { found: 1 }));
        assert_eq!(Envelope::parse(&edited("/kdf/iterations", json!(600_000))).unwrap().header.iterations, 600_000);
    }

    #[test]
    fn absurd_round_counts_are_refused_rather_than_run() {
        let too_many = u64::from(MAX_ITERATIONS) + 1;
        let refused = Envelope::parse(&edited("/kdf/iterations", json!(too_many)));
        assert_eq!(refused, Err(EnvelopeError::TooManyIterations { found: too_many }));
        let huge = Envelope::parse(&edited("/kdf/iterations", json!(u64::MAX)));
        assert_eq!(huge, Err(EnvelopeError::TooManyIterations { found: u64::MAX }));
        let negative = Envelope::parse(&edited("/kdf/iterations", json!(-600_000)));
        assert_eq!(negative, Err(EnvelopeError::Missing("kdf.iterations")));
    }

    #[test]
    fn other_algorithms_are_refused() {
        let kdf = Envelope::parse(&edited("/kdf/name", json!("PBKDF2-SHA1")));
        assert_eq!(kdf, Err(EnvelopeError::UnknownKdf("PBKDF2-SHA1".into())));
        let cipher = Envelope::parse(&edited("/cipher/name", json!("AES-128-CBC")));
        assert_eq!(cipher, Err(EnvelopeError::UnknownCipher("AES-128-CBC".into())));
    }

    #[test]
    fn missing_parts_are_named() {
        assert_eq!(Envelope::parse(&removed("", "version")), Err(EnvelopeError::Missing("version")));
        assert_eq!(Envelope::parse(&removed("", "kdf")), Err(EnvelopeError::Missing("kdf")));
        assert_eq!(Envelope::parse(&removed("/kdf", "salt")), Err(EnvelopeError::Missing("kdf.salt")));
        assert_eq!(Envelope::parse(&removed("/kdf", "iterations")), Err(EnvelopeError::Missing("kdf.iterations")));
        assert_eq!(Envelope::parse(&removed("", "cipher")), Err(EnvelopeError::Missing("cipher")));
        assert_eq!(Envelope::parse(&removed("/cipher", "iv")), Err(EnvelopeError::Missing("cipher.iv")));
        assert_eq!(Envelope::parse(&removed("", "ciphertext")), Err(EnvelopeError::Missing("ciphertext")));
    }

    #[test]
    fn bad_base64_is_refused_naming_the_field() {
        assert_eq!(
            Envelope::parse(&edited("/kdf/salt", json!("not base64!"))),
            Err(EnvelopeError::BadBase64("kdf.salt"))
        );
        assert_eq!(Envelope::parse(&edited("/cipher/iv", json!("%%%%"))), Err(EnvelopeError::BadBase64("cipher.iv")));
        let cut = Envelope::parse(&edited("/ciphertext", json!("AQEB=")));
        assert_eq!(cut, Err(EnvelopeError::BadBase64("ciphertext")));
    }

    #[test]
    fn salt_and_iv_of_the_wrong_length_are_refused() {
        let salt = Envelope::parse(&edited("/kdf/salt", json!(B64.encode([1u8; 8]))));
        assert_eq!(salt, Err(EnvelopeError::WrongLength { field: "kdf.salt", expected: SALT_LEN, found: 8 }));
        let iv = Envelope::parse(&edited("/cipher/iv", json!(B64.encode([1u8; 16]))));
        assert_eq!(iv, Err(EnvelopeError::WrongLength { field: "cipher.iv", expected: IV_LEN, found: 16 }));
        let short = Envelope::parse(&edited("/ciphertext", json!(B64.encode([1u8; 15]))));
        assert_eq!(short, Err(EnvelopeError::WrongLength { field: "ciphertext", expected: TAG_LEN, found: 15 }));
    }

    /// docs/backup-format-encrypted.schema.json must describe what the app writes.
    #[test]
    fn the_documented_schema_matches_the_envelope() {
        let schema: Value =
            serde_json::from_str(include_str!("../../../docs/backup-format-encrypted.schema.json")).unwrap();
        let file: Value = serde_json::from_str(&envelope().to_json()).unwrap();
        let keys = |v: &Value| {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        let required = |v: &Value| {
            let mut r: Vec<String> =
                v["required"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect();
            r.sort();
            r
        };
        let props = &schema["properties"];
        assert_eq!(required(&schema), keys(&file));
        assert_eq!(required(&props["kdf"]), keys(&file["kdf"]));
        assert_eq!(required(&props["cipher"]), keys(&file["cipher"]));
        assert_eq!(props["format"]["const"], FORMAT);
        assert_eq!(props["version"]["const"], VERSION);
        assert_eq!(props["kdf"]["properties"]["name"]["const"], KDF);
        assert_eq!(props["kdf"]["properties"]["iterations"]["minimum"], MIN_ITERATIONS);
        assert_eq!(props["kdf"]["properties"]["iterations"]["maximum"], MAX_ITERATIONS);
        assert_eq!(props["cipher"]["properties"]["name"]["const"], CIPHER);
    }

    #[test]
    fn encrypted_files_get_their_own_name() {
        assert_eq!(file_name("huifang-backup-2026-11-23.json"), "huifang-backup-2026-11-23.encrypted.json");
    }

    #[test]
    fn a_new_passphrase_needs_eight_characters_typed_twice_the_same() {
        assert_eq!(check_new_passphrase("1234567", "1234567"), Err(PassphraseProblem::TooShort));
        assert_eq!(check_new_passphrase("", ""), Err(PassphraseProblem::TooShort));
        assert_eq!(check_new_passphrase("12345678", "12345678"), Ok(()));
        assert_eq!(check_new_passphrase("12345678", "12345679"), Err(PassphraseProblem::Mismatch));
        assert_eq!(check_new_passphrase("12345678", ""), Err(PassphraseProblem::Mismatch));
        // Characters, not bytes: 7 Chinese characters are 21 bytes, still too short.
        assert_eq!(check_new_passphrase("回访台数据备份", "回访台数据备份"), Err(PassphraseProblem::TooShort));
        assert_eq!(check_new_passphrase("回访台数据备份了", "回访台数据备份了"), Ok(()));
        // Used exactly as typed: a trailing space is a different passphrase.
        assert_eq!(check_new_passphrase("12345678", "12345678 "), Err(PassphraseProblem::Mismatch));
    }
}
