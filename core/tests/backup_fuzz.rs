//! The parser against damaged and hostile files.
//! Each file is refused with the precise reason (entity, index, field or
//! position where there is one) or accepted with its text kept exactly;
//! nothing panics or overflows the stack. `backup_format.rs` has the basic
//! cases; these go through every prefix, every reference, every envelope
//! field and random damage.

mod offices;

use chrono::{DateTime, NaiveDate, Utc};
use huifang_core::backup::{parse, Backup, BackupError, Entity};
use huifang_core::model::*;
use huifang_core::validation::{Field, FieldError, Problem};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

const DEVICE: Uuid = Uuid::from_u128(0xD1CE);
const NAME: &str = "王美丽 🌸 <script>alert(\"x\")</script>";

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// One record of each kind, every reference in use: customer 1, staff 10,
/// case 2 (of customer 1, involving staff 11, duplicate of case 4),
/// revisit 3 (of case 2, assigned to 10, visited by 10, signature 20),
/// open letter 30 (answering case 2).
fn office() -> Dataset {
    let unit = Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() };
    let customer = Customer::new(id(1), NAME.into(), "138-0000-0000".into(), unit, now());
    let staff = |n, name: &str| Staff {
        revision: 0,
        id: id(n),
        name: name.into(),
        role: Role::PropertyAssistant,
        buildings: vec!["3".into()],
        active: true,
        created_at: now(),
        updated_at: now(),
    };
    let first = Case {
        completed_on: Some(d("2026-11-19")),
        ..Case::new(id(4), Some(id(1)), CaseKind::Repair, d("2026-11-18"), "电梯异响".into(), now())
    };
    let case = Case {
        duplicate_of: Some(id(4)),
        staff_involved: vec![id(11)],
        completed_on: Some(d("2026-11-21")),
        ..Case::new(id(2), Some(id(1)), CaseKind::Complaint, d("2026-11-20"), "电梯异响，\"夜间\"尤甚".into(), now())
    };
    let mut revisit = offices::revisit_record(id(3), Some(id(2)), id(1), d("2026-11-24"), now());
    revisit.assignee_id = Some(id(10));
    revisit.result = Some(RevisitResult {
        method: Method::HomeVisit,
        visited_on: d("2026-11-23"),
        at: None,
        staff_id: Some(id(10)),
        content: "已修复 ✅".into(),
        satisfaction: Satisfaction::Satisfied,
        issues: vec![],
        reply_by: None,
        signature_id: Some(id(20)),
        escalate: false,
    });
    Dataset {
        customers: vec![customer],
        cases: vec![first, case],
        revisits: vec![revisit],
        staff: vec![staff(10, "李助理"), staff(11, "张师傅")],
        open_letters: vec![OpenLetter {
            revision: 0,
            id: id(30),
            title: "关于电梯维修的公开信".into(),
            body: "各位业主：……".into(),
            sent_on: d("2026-11-22"),
            case_ids: vec![id(2)],
            created_at: now(),
            updated_at: now(),
        }],
        signatures: vec![Signature {
            id: id(20),
            revisit_id: id(3),
            png: "data:image/png;base64,iVBORw0KGgo=".into(),
            captured_at: now(),
        }],
        settings: small_settings(),
    }
}

/// Settings with no policies and an empty calendar: still readable, and
/// they keep the file small enough to try every prefix of it.
fn small_settings() -> huifang_core::settings::Settings {
    let mut s = huifang_core::settings::Settings::default();
    s.policies.policies.clear();
    s.policies.sales.clear();
    s.calendar = Default::default();
    s
}

/// The app writes compact JSON; these tests read a re-indented copy (which
/// imports the same) so that edits and error positions have lines to point at.
fn file_of(data: Dataset) -> String {
    let compact = Backup::new(data, "0.1.0", DEVICE, now()).to_json();
    serde_json::to_string_pretty(&serde_json::from_str::<Value>(&compact).unwrap()).unwrap()
}

/// The sample office's file, written once (the tests read it many times).
fn file() -> String {
    static FILE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FILE.get_or_init(|| file_of(office())).clone()
}

/// The file's JSON edited, with its checksum recomputed when the content
/// still reads as records, so the checks behind the checksum are reached.
fn edit(f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(&file()).unwrap();
    f(&mut v);
    if let Ok(backup) = serde_json::from_value::<Backup>(v.clone()) {
        v["sha256"] = backup.checksum().into();
    }
    serde_json::to_vec_pretty(&v).unwrap()
}

/// The file's text with `from` replaced by `to` (once, and it must be there).
fn replaced(text: &str, from: &str, to: &str) -> Vec<u8> {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must be in the file once");
    text.replacen(from, to, 1).into_bytes()
}

/// 1-based line and column (in bytes) just after `bytes`, as serde_json counts.
fn end_position(bytes: &[u8]) -> (usize, usize) {
    let line = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
    let column = bytes.len() - bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    (line, column)
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap();
    1 + text[..at].matches('\n').count()
}

#[test]
fn the_sample_office_is_accepted_with_its_text_exactly() {
    let back = parse(file().as_bytes()).unwrap();
    assert_eq!(back.data, office());
    assert_eq!(back.data.customers[0].name, NAME);
}

// Truncated files.

#[test]
fn every_prefix_of_a_file_is_refused_with_where_it_broke_off() {
    let text = file();
    let bytes = text.as_bytes();
    assert_eq!(parse(&bytes[..0]), Err(BackupError::Empty));
    for cut in 1..bytes.len() {
        let prefix = &bytes[..cut];
        let got = parse(prefix);
        if std::str::from_utf8(prefix).is_err() {
            // Cut inside a multi-byte character (CJK, emoji).
            assert_eq!(got, Err(BackupError::NotUtf8), "cut at {cut}");
        } else {
            let (line, column) = end_position(prefix);
            assert_eq!(got, Err(BackupError::NotJson { line, column }), "cut at {cut}");
        }
    }
    assert!(parse(bytes).is_ok());
}

#[test]
fn a_file_cut_at_every_line_break_says_which_line_it_ends_on() {
    let text = file();
    for (n, (at, _)) in text.match_indices('\n').enumerate() {
        // Up to and including the line break: the reader stops at the start of line n + 2.
        assert!(matches!(parse(&text.as_bytes()[..=at]), Err(BackupError::NotJson { line, .. }) if line == n + 2));
    }
}

// Magic and version.

#[test]
fn anything_but_the_exact_magic_is_not_a_backup() {
    for magic in [
        json!("huifang-backup "),
        json!("HUIFANG-BACKUP"),
        json!("huifang-backup-v2"),
        json!("huifang"),
        json!(""),
        json!(null),
        json!(1),
        json!(["huifang-backup"]),
        json!({"name": "huifang-backup"}),
    ] {
        let bytes = edit(|v| v["format"] = magic.clone());
        assert_eq!(parse(&bytes), Err(BackupError::NotABackup), "format {magic}");
    }
    let bytes = edit(|v| {
        v.as_object_mut().unwrap().remove("format");
    });
    assert_eq!(parse(&bytes), Err(BackupError::NotABackup));
    for other in
        ["null", "\"huifang-backup\"", "42", "[{\"format\": \"huifang-backup\"}]", "{\"version\": 2, \"data\": {}}"]
    {
        assert_eq!(parse(other.as_bytes()), Err(BackupError::NotABackup), "{other}");
    }
}

#[test]
fn versions_zero_too_new_or_not_a_whole_number_are_refused_as_such() {
    let version = |v: Value| parse(&edit(|f| f["format_version"] = v));
    assert_eq!(version(json!(0)), Err(BackupError::Unsupported(0)));
    assert_eq!(version(json!(3)), Err(BackupError::TooNew(3)));
    assert_eq!(version(json!(u32::MAX)), Err(BackupError::TooNew(u64::from(u32::MAX))));
    assert_eq!(version(json!(u64::MAX)), Err(BackupError::TooNew(u64::MAX)));
    for malformed in [json!(-1), json!(2.5), json!("2"), json!(null), json!([2]), json!(1e300)] {
        assert_eq!(version(malformed.clone()), Err(BackupError::Missing("format_version")), "{malformed}");
    }
}

#[test]
fn a_version_beyond_64_bits_is_refused_not_wrapped() {
    let text = file();
    // 2^64 and 2^64 + 2 (which would wrap to 2).
    for big in ["18446744073709551616", "18446744073709551618"] {
        let bytes = replaced(&text, "\"format_version\": 2", &format!("\"format_version\": {big}"));
        assert_eq!(parse(&bytes), Err(BackupError::Missing("format_version")), "{big}");
    }
    // Beyond what a JSON number reader takes at all: not a version.
    let bytes = replaced(&text, "\"format_version\": 2", "\"format_version\": 1e400");
    assert_eq!(parse(&bytes), Err(BackupError::Missing("format_version")));
}

// Envelope fields.

#[test]
fn each_missing_or_malformed_envelope_field_is_named() {
    for field in ["app_version", "exported_at", "device_id", "sha256", "counts", "data"] {
        let missing = edit(|v| {
            v.as_object_mut().unwrap().remove(field);
        });
        assert_eq!(parse(&missing), Err(BackupError::Missing(field)), "without {field}");
        let wrong = edit(|v| v[field] = json!(12));
        assert_eq!(parse(&wrong), Err(BackupError::Missing(field)), "{field}: 12");
    }
    for entity in Entity::ALL {
        let bytes = edit(|v| {
            v["data"].as_object_mut().unwrap().remove(entity.key());
        });
        assert_eq!(parse(&bytes), Err(BackupError::Missing(entity.key())), "without data.{}", entity.key());
        let bytes = edit(|v| v["data"][entity.key()] = json!({}));
        assert_eq!(parse(&bytes), Err(BackupError::Missing(entity.key())), "data.{} an object", entity.key());
    }
    let bytes = edit(|v| {
        v["data"].as_object_mut().unwrap().remove("settings");
    });
    assert_eq!(parse(&bytes), Err(BackupError::Missing("settings")));
}

#[test]
fn huge_or_negative_counts_are_refused_without_overflow() {
    let count = |n: Value| parse(&edit(|v| v["counts"]["customers"] = n));
    assert_eq!(
        count(json!(u64::MAX)),
        Err(BackupError::CountMismatch { entity: Entity::Customers, declared: u64::MAX as usize, found: 1 })
    );
    for bad in [json!(-1), json!(1.5), json!(1e20), json!("1")] {
        assert_eq!(count(bad.clone()), Err(BackupError::Missing("counts")), "{bad}");
    }
    let text = file();
    let bytes = replaced(&text, "\"customers\": 1,", "\"customers\": 18446744073709551617,");
    assert_eq!(parse(&bytes), Err(BackupError::Missing("counts")));
}

// Records.

#[test]
fn a_duplicate_id_in_any_entity_is_refused_at_the_second_copy() {
    type AddTwin = Box<dyn Fn(&mut Dataset)>;
    let data = office();
    let cases: [(Entity, AddTwin, Uuid); 6] = [
        (
            Entity::Customers,
            Box::new(|d| d.customers.push(Customer { name: "李四".into(), ..d.customers[0].clone() })),
            id(1),
        ),
        (Entity::Cases, Box::new(|d| d.cases.push(d.cases[1].clone())), id(2)),
        (Entity::Revisits, Box::new(|d| d.revisits.push(Revisit { round: 2, ..d.revisits[0].clone() })), id(3)),
        (Entity::Staff, Box::new(|d| d.staff.push(d.staff[0].clone())), id(10)),
        (Entity::OpenLetters, Box::new(|d| d.open_letters.push(d.open_letters[0].clone())), id(30)),
        (Entity::Signatures, Box::new(|d| d.signatures.push(d.signatures[0].clone())), id(20)),
    ];
    for (entity, add_twin, twin) in cases {
        let mut d = data.clone();
        add_twin(&mut d);
        let index = match entity {
            Entity::Cases => 2,
            Entity::Staff => 2,
            _ => 1,
        };
        assert_eq!(
            parse(file_of(d).as_bytes()),
            Err(BackupError::DuplicateId { entity, index, id: twin }),
            "{}",
            entity.key()
        );
    }
}

#[test]
fn every_kind_of_reference_to_a_missing_record_is_named() {
    let gone = id(999);
    type Edit = Box<dyn Fn(&mut Dataset)>;
    let cases: Vec<(&str, Entity, usize, Edit)> = vec![
        ("case → customer", Entity::Cases, 0, Box::new(move |d| d.cases[0].customer_id = Some(gone))),
        ("case → duplicate_of", Entity::Cases, 1, Box::new(move |d| d.cases[1].duplicate_of = Some(gone))),
        ("case → staff involved", Entity::Cases, 1, Box::new(move |d| d.cases[1].staff_involved.push(gone))),
        ("revisit → case", Entity::Revisits, 0, Box::new(move |d| d.revisits[0].case_id = Some(gone))),
        ("revisit → customer", Entity::Revisits, 0, Box::new(move |d| d.revisits[0].customer_id = gone)),
        ("revisit → assignee", Entity::Revisits, 0, Box::new(move |d| d.revisits[0].assignee_id = Some(gone))),
        (
            "revisit result → staff",
            Entity::Revisits,
            0,
            Box::new(move |d| d.revisits[0].result.as_mut().unwrap().staff_id = Some(gone)),
        ),
        (
            "revisit result → signature",
            Entity::Revisits,
            0,
            Box::new(move |d| d.revisits[0].result.as_mut().unwrap().signature_id = Some(gone)),
        ),
        ("open letter → case", Entity::OpenLetters, 0, Box::new(move |d| d.open_letters[0].case_ids.push(gone))),
        ("signature → revisit", Entity::Signatures, 0, Box::new(move |d| d.signatures[0].revisit_id = gone)),
    ];
    for (what, entity, index, break_it) in cases {
        let mut d = office();
        break_it(&mut d);
        assert_eq!(parse(file_of(d).as_bytes()), Err(BackupError::Dangling { entity, index, id: gone }), "{what}");
    }
}

#[test]
fn impossible_or_misformatted_dates_name_the_record() {
    for bad in [
        json!("2026-02-30"),
        json!("2026-13-01"),
        json!("2026-11-20T00:00:00"),
        json!("20261120"),
        json!(""),
        json!(20261120),
        json!("+275760-01-01"),
    ] {
        let bytes = edit(|v| v["data"]["cases"][1]["received_on"] = bad.clone());
        assert!(
            matches!(parse(&bytes), Err(BackupError::Malformed { entity: Entity::Cases, index: 1, .. })),
            "received_on {bad}: {:?}",
            parse(&bytes)
        );
    }
    for bad in [json!("2026-11-18 08:00"), json!("yesterday"), json!(1_795_000_000)] {
        let bytes = edit(|v| v["data"]["revisits"][0]["created_at"] = bad.clone());
        assert!(
            matches!(parse(&bytes), Err(BackupError::Malformed { entity: Entity::Revisits, index: 0, .. })),
            "{bad}"
        );
        let bytes = edit(|v| v["exported_at"] = bad.clone());
        assert_eq!(parse(&bytes), Err(BackupError::Missing("exported_at")), "exported_at {bad}");
    }
}

#[test]
fn a_date_before_2000_is_refused_by_the_field_rule() {
    let bytes = edit(|v| v["data"]["cases"][0]["received_on"] = json!("1999-12-31"));
    assert_eq!(
        parse(&bytes),
        Err(BackupError::Invalid {
            entity: Entity::Cases,
            index: 0,
            error: FieldError::new(Field::ReceivedOn, Problem::TooEarly)
        })
    );
}

#[test]
fn round_numbers_out_of_range_are_refused_without_overflow() {
    for (round, expected) in [(json!(0), Some(Problem::OutOfRange)), (json!(100), Some(Problem::OutOfRange))] {
        let bytes = edit(|v| v["data"]["revisits"][0]["round"] = round.clone());
        assert_eq!(
            parse(&bytes),
            Err(BackupError::Invalid {
                entity: Entity::Revisits,
                index: 0,
                error: FieldError::new(Field::Round, expected.unwrap())
            }),
            "round {round}"
        );
    }
    for round in [json!(u64::from(u32::MAX) + 1), json!(u64::MAX), json!(-1), json!(1.5)] {
        let bytes = edit(|v| v["data"]["revisits"][0]["round"] = round.clone());
        assert!(
            matches!(parse(&bytes), Err(BackupError::Malformed { entity: Entity::Revisits, index: 0, .. })),
            "round {round}"
        );
    }
}

/// Every refusal says what is wrong and where (entity, index, field).
/// serde_json names a missing field but not a wrong value's, so
/// the reader finds the field at the error's position in the record.
#[test]
fn a_wrong_value_in_a_record_names_its_field() {
    for (path, value, field) in [
        (("revisits", 0, "round"), json!(u64::MAX), "round"),
        (("cases", 1, "received_on"), json!("2026-02-30"), "received_on"),
        (("customers", 0, "contact"), json!("carrier_pigeon"), "contact"),
    ] {
        let bytes = edit(|v| v["data"][path.0][path.1][path.2] = value.clone());
        match parse(&bytes) {
            Err(BackupError::Malformed { detail, .. }) => assert!(detail.contains(field), "{field}: {detail}"),
            other => panic!("{field}: {other:?}"),
        }
    }
}

// Nesting.

#[test]
fn ten_thousand_nested_arrays_inside_a_record_are_refused_without_overflowing_the_stack() {
    let text = file();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let bytes = replaced(&text, &serde_json::to_string(NAME).unwrap(), &deep);
    let line = line_of(&text, NAME.split(' ').next().unwrap());
    // Refused while reading the JSON, at the name's line (a typed reader may
    // instead refuse the record as malformed: either names the spot).
    match parse(&bytes) {
        Err(BackupError::NotJson { line: l, .. }) => assert_eq!(l, line),
        Err(BackupError::Malformed { entity: Entity::Customers, index: 0, .. }) => {}
        other => panic!("{other:?}"),
    }
    let objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let bytes = replaced(&text, "\"data\": {", &format!("\"deep\": {objects}, \"data\": {{"));
    // Skipped over without recursion (an unknown field), but not part of
    // what the checksum sealed.
    assert_eq!(parse(&bytes), Err(BackupError::ChecksumMismatch));
}

#[test]
fn shallow_nesting_where_text_belongs_is_a_malformed_record() {
    let text = file();
    let nested = format!("{}\"x\"{}", "[".repeat(50), "]".repeat(50));
    let bytes = replaced(&text, &serde_json::to_string(NAME).unwrap(), &nested);
    // The checksum is the file's own, so either check may speak first; both name the spot.
    assert!(matches!(
        parse(&bytes),
        Err(BackupError::Malformed { entity: Entity::Customers, index: 0, .. }) | Err(BackupError::ChecksumMismatch)
    ));
    let resealed = edit(|v| v["data"]["customers"][0]["name"] = serde_json::from_str(&nested).unwrap());
    assert!(matches!(parse(&resealed), Err(BackupError::Malformed { entity: Entity::Customers, index: 0, .. })));
}

// Encodings.

#[test]
fn a_bom_with_windows_line_endings_is_accepted_unchanged() {
    let text = file().replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.as_bytes());
    assert_eq!(parse(&bytes).unwrap().data, office());
}

#[test]
fn a_bom_alone_is_empty_and_a_second_bom_is_not_json() {
    assert_eq!(parse(b"\xEF\xBB\xBF"), Err(BackupError::Empty));
    assert_eq!(parse(b"\xEF\xBB\xBF \n"), Err(BackupError::Empty));
    let mut twice = b"\xEF\xBB\xBF\xEF\xBB\xBF".to_vec();
    twice.extend(file().as_bytes());
    assert!(matches!(parse(&twice), Err(BackupError::NotJson { line: 1, column: 1 })), "{:?}", parse(&twice));
}

#[test]
fn a_file_saved_in_another_encoding_is_refused_as_not_utf8() {
    let text = file();
    // The household's name saved as GBK (Windows Notepad's "ANSI" on a Chinese system).
    let gbk = text.replacen("王美丽", "\u{0}", 1);
    let mut bytes = Vec::new();
    for part in gbk.split('\u{0}').enumerate() {
        if part.0 == 1 {
            bytes.extend([0xCD, 0xF5, 0xC3, 0xC0, 0xC0, 0xF6]);
        }
        bytes.extend(part.1.as_bytes());
    }
    assert_eq!(parse(&bytes), Err(BackupError::NotUtf8));
    // UTF-16 with its BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(parse(&utf16), Err(BackupError::NotUtf8));
    // An overlong "/", a UTF-16 surrogate written as UTF-8, a stray continuation byte.
    for bad in [&b"\xC0\xAF"[..], b"\xED\xA0\x80", b"\x80"] {
        let mut bytes = text.as_bytes().to_vec();
        let at = text.find("李助理").unwrap();
        bytes.splice(at..at, bad.iter().copied());
        assert_eq!(parse(&bytes), Err(BackupError::NotUtf8), "{bad:?}");
    }
}

#[test]
fn a_lone_surrogate_escape_is_not_json() {
    let text = file();
    let bytes = replaced(&text, "李助理", "\\ud800");
    // The reader skips over records' text first and reads each record
    // after: the lone surrogate is found there, and named by its record.
    assert!(matches!(parse(&bytes), Err(BackupError::Malformed { entity: Entity::Staff, index: 0, .. })));
}

#[test]
fn anything_after_the_backup_is_refused_but_whitespace() {
    let text = file();
    for tail in ["x", "{}", "\n,", &text] {
        let bytes = format!("{text}{tail}");
        assert!(matches!(parse(bytes.as_bytes()), Err(BackupError::NotJson { .. })), "{tail:?}");
    }
    assert!(parse(format!("{text}\n \t\r\n").as_bytes()).is_ok());
}

// Text kept exactly.

#[test]
fn markup_cjk_emoji_and_escapes_in_every_text_field_are_kept_exactly() {
    let nasty = "<img src=x onerror=alert(1)>王🌸\"'\\/\u{2028}\u{3000}𠀀👨‍👩‍👧";
    let mut data = office();
    data.customers[0].name = nasty.chars().take(40).collect();
    data.customers[0].unit.room = "<b>1</b>".into();
    data.staff[0].name = nasty.chars().take(40).collect();
    data.cases[1].description = nasty.repeat(10);
    data.cases[1].written_reply = "</script><script>".into();
    data.revisits[0].result.as_mut().unwrap().content = nasty.into();
    data.open_letters[0].title = nasty.into();
    data.open_letters[0].body = nasty.into();
    let back = parse(file_of(data.clone()).as_bytes()).unwrap();
    assert_eq!(back.data, data);
}

#[test]
fn escaped_text_in_a_file_reads_as_the_same_characters() {
    // Another tool may escape everything as \uXXXX; the values, and so the checksum, are the same.
    let text = file();
    let ascii: String = text
        .chars()
        .flat_map(|c| {
            if c.is_ascii() {
                vec![c.to_string()]
            } else {
                c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{u:04x}")).collect()
            }
        })
        .collect();
    assert!(ascii.is_ascii());
    assert_eq!(parse(ascii.as_bytes()).unwrap().data, office());
}

// Random damage.

#[derive(Debug, Clone)]
enum Damage {
    Set(prop::sample::Index, u8),
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Delete(prop::sample::Index),
    Cut(prop::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    use prop::sample::Index;
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Damage::Set(i, b)),
        (any::<Index>(), 0..8u8).prop_map(|(i, b)| Damage::Flip(i, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Damage::Insert(i, b)),
        any::<Index>().prop_map(Damage::Delete),
        any::<Index>().prop_map(Damage::Cut),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    if bytes.is_empty() {
        return;
    }
    match damage {
        Damage::Set(i, b) => {
            let at = i.index(bytes.len());
            bytes[at] = *b;
        }
        Damage::Flip(i, bit) => {
            let at = i.index(bytes.len());
            bytes[at] ^= 1 << bit;
        }
        Damage::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
        Damage::Delete(i) => {
            bytes.remove(i.index(bytes.len()));
        }
        Damage::Cut(i) => bytes.truncate(i.index(bytes.len())),
    }
}

/// A file written by the first release (format v1), migrated on import.
const V1_FILE: &str = include_str!("fixtures/backup-v1.json");

proptest! {
    // 256 damaged copies of each file, 128 resealed edits: a few seconds
    // in a debug build.
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Damage never panics; the file is refused, or (damage only to the
    /// layout, e.g. one space for another) accepted with exactly its content.
    #[test]
    fn random_damage_is_refused_or_changes_nothing(damages in prop::collection::vec(damage(), 1..4)) {
        let original = file();
        let mut bytes = original.clone().into_bytes();
        for d in &damages {
            apply(&mut bytes, d);
        }
        if let Ok(backup) = parse(&bytes) {
            prop_assert_eq!(backup, Backup::new(office(), "0.1.0", DEVICE, now()));
        }
    }

    /// The same for a v1 file, whose records go through the migration.
    #[test]
    fn random_damage_to_a_v1_file_is_refused_or_changes_nothing(damages in prop::collection::vec(damage(), 1..4)) {
        let mut bytes = V1_FILE.as_bytes().to_vec();
        for d in &damages {
            apply(&mut bytes, d);
        }
        if let Ok(backup) = parse(&bytes) {
            prop_assert_eq!(backup, parse(V1_FILE.as_bytes()).unwrap());
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Damage to one record's values behind a recomputed checksum (what a
    /// careless tool might do) reaches the record checks: still no panic,
    /// and a refusal names a record or part.
    #[test]
    fn resealed_value_changes_never_panic(
        entity in prop::sample::select(Entity::ALL.to_vec()),
        key in prop::sample::Index::arbitrary(),
        value in prop_oneof![
            Just(json!(null)), Just(json!(-1)), Just(json!(u64::MAX)), Just(json!(1e300)), Just(json!("")),
            Just(json!([])), Just(json!({})), Just(json!("2026-02-30")), Just(json!("00000000-0000-0000-0000-000000000999")),
            ".{0,50}".prop_map(Value::from),
        ],
    ) {
        let mut v: Value = serde_json::from_str(&file()).unwrap();
        let record = v["data"][entity.key()][0].as_object_mut().unwrap();
        let field = key.get(&record.keys().cloned().collect::<Vec<_>>()).clone();
        record.insert(field, value);
        if let Ok(backup) = serde_json::from_value::<Backup>(v.clone()) {
            v["sha256"] = backup.checksum().into();
        }
        match parse(&serde_json::to_vec(&v).unwrap()) {
            Ok(_) => {}
            Err(BackupError::Malformed { entity: e, .. })
            | Err(BackupError::Invalid { entity: e, .. })
            | Err(BackupError::Dangling { entity: e, .. })
            | Err(BackupError::DuplicateId { entity: e, .. }) => {
                // A broken reference is reported at the record that refers.
                prop_assert!(e == entity || matches!(e, Entity::Revisits | Entity::Signatures | Entity::Cases | Entity::OpenLetters));
            }
            Err(BackupError::ChecksumMismatch) => {}
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }
}
