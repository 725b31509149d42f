//! The backup file: what is accepted exactly, and what is refused and where.

use chrono::{DateTime, NaiveDate, Utc};
use huifang_core::backup::{parse, Backup, BackupError, Entity};
use huifang_core::model::*;
use huifang_core::validation::{Field, Problem};
use proptest::prelude::*;
use uuid::Uuid;

const DEVICE: Uuid = Uuid::from_u128(0xD1CE);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn sample() -> Dataset {
    let customer = Customer {
        id: Uuid::from_u128(1),
        name: "王美丽 🌸 <script>alert(1)</script>".into(),
        phone: "138-0000-0000".into(),
        unit: Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() },
        created_at: now(),
        updated_at: now(),
    };
    let case = Case {
        id: Uuid::from_u128(2),
        customer_id: customer.id,
        kind: CaseKind::Complaint,
        received_on: d("2026-11-20"),
        channel: Channel::Phone,
        severity: Severity::General,
        subject: Subject::Equipment,
        description: "电梯异响，\"夜间\"尤甚".into(),
        completed_on: Some(d("2026-11-21")),
        created_at: now(),
        updated_at: now(),
    };
    let revisit = Revisit {
        id: Uuid::from_u128(3),
        case_id: case.id,
        round: 1,
        method: Method::Phone,
        visited_on: d("2026-11-23"),
        content: "已修复".into(),
        satisfaction: Satisfaction::Satisfied,
        created_at: now(),
        updated_at: now(),
    };
    Dataset { customers: vec![customer], cases: vec![case], revisits: vec![revisit] }
}

fn json_of(data: Dataset) -> String {
    Backup::new(data, "0.1.0", DEVICE, now()).to_json()
}

/// Edits the file as a tool other than the app would: the checksum is left as it was.
fn tamper(f: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_str(&json_of(sample())).unwrap();
    f(&mut v);
    serde_json::to_vec(&v).unwrap()
}

/// Edits the file and re-seals the checksum when the content still reads as
/// records, to reach the checks behind it.
fn edit(f: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_str(&json_of(sample())).unwrap();
    f(&mut v);
    if let Ok(backup) = serde_json::from_value::<Backup>(v.clone()) {
        v["sha256"] = backup.checksum().into();
    }
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn an_export_reads_back_exactly_including_cjk_emoji_and_markup_as_text() {
    let backup = Backup::new(sample(), "0.1.0", DEVICE, now());
    let back = parse(backup.to_json().as_bytes()).unwrap();
    assert_eq!(back, backup);
    assert_eq!(back.data.customers[0].name, "王美丽 🌸 <script>alert(1)</script>");
}

#[test]
fn a_utf8_bom_before_the_json_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(json_of(sample()).bytes());
    assert!(parse(&bytes).is_ok());
}

#[test]
fn refusals_say_what_is_wrong() {
    assert_eq!(parse(b""), Err(BackupError::Empty));
    assert_eq!(parse(b"\xff\xfe{"), Err(BackupError::NotUtf8));
    assert!(matches!(parse(b"{\"format\": "), Err(BackupError::NotJson { line: 1, .. })));
    assert_eq!(parse(b"{\"hello\": 1}"), Err(BackupError::NotABackup));
    assert_eq!(parse(b"[1,2,3]"), Err(BackupError::NotABackup));
}

#[test]
fn a_truncated_file_is_refused_as_broken_json() {
    let json = json_of(sample());
    for cut in [1, json.len() / 3, json.len() / 2, json.len() - 2] {
        assert!(matches!(parse(&json.as_bytes()[..cut]), Err(BackupError::NotJson { .. })), "cut at {cut}");
    }
}

#[test]
fn a_newer_format_version_is_refused() {
    let bytes = edit(|v| v["format_version"] = 99.into());
    assert_eq!(parse(&bytes), Err(BackupError::TooNew(99)));
}

#[test]
fn a_record_missing_a_field_names_its_entity_and_index() {
    let bytes = edit(|v| {
        v["data"]["cases"][0].as_object_mut().unwrap().remove("received_on");
    });
    match parse(&bytes) {
        Err(BackupError::Malformed { entity: Entity::Cases, index: 0, detail }) => {
            assert!(detail.contains("received_on"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_invalid_date_is_refused() {
    let bytes = edit(|v| v["data"]["cases"][0]["received_on"] = "2026-02-30".into());
    assert!(matches!(parse(&bytes), Err(BackupError::Malformed { entity: Entity::Cases, index: 0, .. })));
}

#[test]
fn an_over_long_name_is_refused_by_the_same_rule_as_the_form() {
    let bytes = edit(|v| v["data"]["customers"][0]["name"] = "名".repeat(41).into());
    assert!(matches!(
        parse(&bytes),
        Err(BackupError::Invalid { entity: Entity::Customers, index: 0, error })
            if error.field == Field::Name && error.problem == Problem::TooLong { max: 40 }
    ));
}

#[test]
fn duplicate_ids_are_refused() {
    let mut data = sample();
    let mut twin = data.customers[0].clone();
    twin.name = "李四".into();
    data.customers.push(twin);
    assert!(matches!(
        parse(json_of(data).as_bytes()),
        Err(BackupError::DuplicateId { entity: Entity::Customers, index: 1, .. })
    ));
}

#[test]
fn a_case_of_a_missing_customer_is_refused() {
    let mut data = sample();
    data.cases[0].customer_id = Uuid::from_u128(77);
    assert!(matches!(
        parse(json_of(data).as_bytes()),
        Err(BackupError::Dangling { entity: Entity::Cases, index: 0, .. })
    ));
}

#[test]
fn counts_that_disagree_with_the_content_are_refused() {
    let bytes = edit(|v| v["counts"]["revisits"] = 5.into());
    assert_eq!(parse(&bytes), Err(BackupError::CountMismatch { entity: Entity::Revisits, declared: 5, found: 1 }));
}

#[test]
fn a_changed_value_is_caught_by_the_checksum() {
    let bytes = tamper(|v| v["data"]["revisits"][0]["satisfaction"] = "dissatisfied".into());
    assert_eq!(parse(&bytes), Err(BackupError::ChecksumMismatch));
    let bytes = tamper(|v| v["exported_at"] = "2020-01-01T00:00:00Z".into());
    assert_eq!(parse(&bytes), Err(BackupError::ChecksumMismatch));
}

#[test]
fn a_flipped_bit_anywhere_is_refused() {
    let json = json_of(sample()).into_bytes();
    for at in (0..json.len()).step_by(7) {
        let mut bytes = json.clone();
        bytes[at] ^= 0x01;
        assert!(parse(&bytes).is_err(), "flipping a bit at byte {at} went unnoticed");
    }
}

#[test]
fn a_pretty_printed_or_compacted_copy_still_checks_out() {
    let v: serde_json::Value = serde_json::from_str(&json_of(sample())).unwrap();
    assert!(parse(&serde_json::to_vec(&v).unwrap()).is_ok());
}

#[test]
fn a_file_without_checksum_or_device_is_refused() {
    let bytes = tamper(|v| {
        v.as_object_mut().unwrap().remove("sha256");
    });
    assert_eq!(parse(&bytes), Err(BackupError::Missing("sha256")));
    let bytes = tamper(|v| v["device_id"] = "tablet-1".into());
    assert_eq!(parse(&bytes), Err(BackupError::Missing("device_id")));
}

#[test]
fn deeply_nested_json_is_refused_without_crashing() {
    let deep = "[".repeat(100_000);
    assert!(matches!(parse(deep.as_bytes()), Err(BackupError::NotJson { .. })));
}

#[test]
fn huge_numbers_are_refused() {
    let bytes = edit(|v| v["data"]["revisits"][0]["round"] = serde_json::json!(1e300));
    assert!(matches!(parse(&bytes), Err(BackupError::Malformed { entity: Entity::Revisits, .. })));
}

proptest! {
    /// Any byte string is either refused with a reason or accepted whole: never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes);
    }

    /// Names with any printable text survive the round trip exactly.
    #[test]
    fn any_valid_name_round_trips_exactly(name in "[\\p{Han}a-zA-Z0-9 <>&\"'🌸]{1,40}") {
        prop_assume!(!name.trim().is_empty() && name.trim() == name);
        let mut data = sample();
        data.customers[0].name = name.clone();
        let back = parse(json_of(data).as_bytes()).unwrap();
        prop_assert_eq!(&back.data.customers[0].name, &name);
    }
}

/// docs/backup-format.schema.json must describe what the app writes.
#[test]
fn the_documented_schema_requires_exactly_the_fields_the_app_writes() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/backup-format.schema.json")).expect("schema is JSON");
    let file: serde_json::Value = serde_json::from_str(&json_of(sample())).unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let required = |v: &serde_json::Value| {
        let mut r: Vec<String> =
            v["required"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect();
        r.sort();
        r
    };
    assert_eq!(required(&schema), keys(&file));
    assert_eq!(required(&schema["$defs"]["customer"]), keys(&file["data"]["customers"][0]));
    assert_eq!(required(&schema["$defs"]["case"]), keys(&file["data"]["cases"][0]));
    assert_eq!(required(&schema["$defs"]["revisit"]), keys(&file["data"]["revisits"][0]));
    assert_eq!(schema["properties"]["format_version"]["const"], file["format_version"]);
}
