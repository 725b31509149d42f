//! The backup file: what is accepted exactly, and what is refused and where.

use chrono::{DateTime, NaiveDate, Utc};
use huifang_core::backup::{parse, Backup, BackupError, Counts, Entity, Progress, Reading, Step, StoredExport};
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
    let customer = Customer::new(
        Uuid::from_u128(1),
        "王美丽 🌸 <script>alert(1)</script>".into(),
        "138-0000-0000".into(),
        Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() },
        now(),
    );
    let staff = Staff {
        revision: 0,
        id: Uuid::from_u128(10),
        name: "李助理".into(),
        role: Role::PropertyAssistant,
        buildings: vec!["3".into()],
        active: true,
        created_at: now(),
        updated_at: now(),
    };
    let mut case = Case::new(
        Uuid::from_u128(2),
        Some(customer.id),
        CaseKind::Complaint,
        d("2026-11-20"),
        "电梯异响，\"夜间\"尤甚".into(),
        now(),
    );
    case.channel = Channel::Phone;
    case.subject = Subject::Equipment;
    case.completed_on = Some(d("2026-11-21"));
    let signature = Signature {
        id: Uuid::from_u128(20),
        revisit_id: Uuid::from_u128(3),
        png: "data:image/png;base64,iVBORw0KGgo=".into(),
        captured_at: now(),
    };
    let revisit = Revisit {
        revision: 0,
        id: Uuid::from_u128(3),
        case_id: Some(case.id),
        customer_id: customer.id,
        cadence: None,
        round: 1,
        parent_id: None,
        escalation: false,
        due_on: d("2026-11-24"),
        assignee_id: Some(staff.id),
        attempts: vec![Attempt {
            at: "2026-11-23T09:10:00".parse().unwrap(),
            method: Method::Phone,
            outcome: AttemptOutcome::NoAnswer,
            note: "无人接听".into(),
            staff_id: Some(staff.id),
        }],
        result: Some(RevisitResult {
            method: Method::HomeVisit,
            visited_on: d("2026-11-23"),
            at: None,
            staff_id: Some(staff.id),
            content: "已修复".into(),
            satisfaction: Satisfaction::Satisfied,
            issues: vec![],
            reply_by: None,
            signature_id: Some(signature.id),
            escalate: false,
        }),
        closure: None,
        review: None,
        archived_at: None,
        created_at: now(),
        updated_at: now(),
    };
    let letter = OpenLetter {
        revision: 0,
        id: Uuid::from_u128(30),
        title: "关于电梯维修的公开信".into(),
        body: "各位业主：……".into(),
        sent_on: d("2026-11-22"),
        case_ids: vec![case.id],
        created_at: now(),
        updated_at: now(),
    };
    Dataset {
        customers: vec![customer],
        cases: vec![case],
        revisits: vec![revisit],
        staff: vec![staff],
        open_letters: vec![letter],
        signatures: vec![signature],
        settings: Default::default(),
    }
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
fn exporting_borrowed_records_writes_the_same_file_as_a_backup() {
    let data = sample();
    let borrowed = huifang_core::backup::export_json(&data, "0.1.0", DEVICE, now());
    assert_eq!(borrowed, json_of(data).into_bytes());
}

#[test]
fn a_file_around_the_stored_text_of_the_records_reads_back_as_the_same_records_in_any_order() {
    let data = sample();
    // The same text as the records serialized here: the same file.
    let text = serde_json::to_vec(&data).unwrap();
    let write = |text: Vec<u8>| move |file: &mut Vec<u8>| file.extend_from_slice(&text);
    let stored = huifang_core::backup::export_stored(&Counts::of(&data), "0.1.0", DEVICE, now(), write(text));
    assert_eq!(stored, json_of(data.clone()).into_bytes());
    // Storage holds records in its own order (by bucket): still a sound file.
    let mut shuffled = data.clone();
    shuffled.customers.reverse();
    shuffled.cases.reverse();
    shuffled.revisits.reverse();
    let text = serde_json::to_vec(&shuffled).unwrap();
    let file = huifang_core::backup::export_stored(&Counts::of(&data), "0.1.0", DEVICE, now(), write(text));
    let mut back = parse(&file).unwrap().data;
    back.sort_by_entry();
    let mut expected = data;
    expected.sort_by_entry();
    assert_eq!(back, expected);
}

#[test]
fn a_file_written_in_pieces_is_the_same_file_whatever_the_pieces() {
    let data = sample();
    let text = serde_json::to_vec(&data).unwrap();
    let whole = json_of(data.clone()).into_bytes();
    // The data passes through in pieces of any size (bucket by bucket, as
    // the storage holds them); the head carries the checksum of them all.
    for size in [1, 7, 64, 1 << 20] {
        let mut export = StoredExport::new(&Counts::of(&data), "0.1.0", DEVICE, now());
        for piece in text.chunks(size) {
            export.hash(piece);
        }
        let mut file = export.head();
        file.extend_from_slice(&text);
        file.extend_from_slice(StoredExport::TAIL);
        assert_eq!(file, whole, "pieces of {size} bytes");
    }
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
    data.cases[0].customer_id = Some(Uuid::from_u128(77));
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
fn a_pretty_printed_copy_still_checks_out() {
    let v: serde_json::Value = serde_json::from_str(&json_of(sample())).unwrap();
    let back = parse(serde_json::to_string_pretty(&v).unwrap().as_bytes()).unwrap();
    assert_eq!(back.data, sample());
}

#[test]
fn a_field_given_twice_is_refused_rather_than_guessed() {
    let json = json_of(sample());
    let twice = json.replacen("\"app_version\":", "\"app_version\":\"9.9.9\",\"app_version\":", 1);
    assert_eq!(parse(twice.as_bytes()), Err(BackupError::DuplicateField("app_version".into())));
}

#[test]
fn deep_nesting_inside_a_record_is_refused_with_its_place() {
    let json = json_of(sample());
    let deep = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
    let nested = json.replacen("\"round\":1", &format!("\"round\":{deep}"), 1);
    assert_ne!(nested, json);
    assert!(matches!(parse(nested.as_bytes()), Err(BackupError::Malformed { entity: Entity::Revisits, index: 0, .. })));
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
    assert_eq!(required(&schema["$defs"]["staff"]), keys(&file["data"]["staff"][0]));
    assert_eq!(required(&schema["$defs"]["open_letter"]), keys(&file["data"]["open_letters"][0]));
    assert_eq!(required(&schema["$defs"]["signature"]), keys(&file["data"]["signatures"][0]));
    assert_eq!(schema["properties"]["format_version"]["const"], file["format_version"]);
}

/// A file written by the first release (format v1), kept byte for byte.
const V1_FILE: &str = include_str!("fixtures/backup-v1.json");

#[test]
fn a_format_v1_backup_is_migrated_on_import() {
    let backup = parse(V1_FILE.as_bytes()).expect("a v1 file from the first release still imports");
    assert_eq!(backup.format_version, 2);
    let r = &backup.data.revisits[0];
    assert_eq!(r.customer_id, Uuid::from_u128(1), "the household comes from the revisit's case");
    let result = r.result.as_ref().expect("a v1 revisit was a completed one");
    assert_eq!((result.method, result.satisfaction), (Method::Phone, Satisfaction::Satisfied));
    assert_eq!(result.content, "已修复");
    assert_eq!(backup.data.customers[0].name, "王美丽 🌸");
    assert!(backup.data.staff.is_empty() && backup.data.open_letters.is_empty());
    assert_eq!(backup.data.settings, Default::default());
    // It keeps the checksum of the file it came from; exported again, it
    // reads back as the same v2 data.
    assert_eq!(backup.sha256, serde_json::from_str::<serde_json::Value>(V1_FILE).unwrap()["sha256"]);
    let again = Backup::new(backup.data.clone(), &backup.app_version, backup.device_id, backup.exported_at);
    assert_eq!(parse(again.to_json().as_bytes()).unwrap().data, backup.data);
}

#[test]
fn a_tampered_v1_backup_is_still_refused_by_its_checksum() {
    let changed = V1_FILE.replace("已修复", "未修复");
    assert_eq!(parse(changed.as_bytes()).unwrap_err(), BackupError::ChecksumMismatch);
}

/// What the import dialog does: reads the file a step at a time, showing
/// the progress in between.
fn read_in_steps(bytes: &[u8]) -> (Result<Backup, BackupError>, Vec<Progress>) {
    let mut reading = Reading::new(bytes);
    let mut shown = vec![reading.progress()];
    loop {
        match reading.step() {
            Ok(Step::Reading(next)) => {
                shown.push(next.progress());
                reading = next;
            }
            Ok(Step::Done(backup)) => return (Ok(*backup), shown),
            Err(e) => return (Err(e), shown),
        }
    }
}

#[test]
fn a_file_read_in_steps_gives_the_same_backup_with_progress_up_to_full() {
    for bytes in [json_of(sample()).into_bytes(), V1_FILE.as_bytes().to_vec()] {
        let (backup, shown) = read_in_steps(&bytes);
        assert_eq!(backup, parse(&bytes));
        assert!(backup.is_ok());
        let total = shown[0].total;
        assert!(shown.iter().all(|p| p.total == total));
        assert!(shown.windows(2).all(|w| w[0].done <= w[1].done), "{shown:?}");
        assert_eq!((shown[0].done, shown.last().map(|p| p.done)), (0, Some(total)));
    }
}

#[test]
fn a_file_read_in_steps_is_refused_as_in_one_go() {
    let json = json_of(sample());
    let refused = [
        tamper(|v| v["sha256"] = "0".repeat(64).into()),
        edit(|v| v["data"]["signatures"][0]["revisit_id"] = Uuid::from_u128(404).to_string().into()),
        json.as_bytes()[..json.len() - 1].to_vec(),
        b"{\"format\": \"huifang-backup\"} x".to_vec(),
    ];
    for bytes in refused {
        let (got, _) = read_in_steps(&bytes);
        assert!(got.is_err());
        assert_eq!(got, parse(&bytes));
    }
}
