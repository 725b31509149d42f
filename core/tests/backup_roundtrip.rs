//! `export(import(x)) == x`: any valid office, with
//! text of every kind, survives a backup file exactly, and exporting what
//! was read gives the same bytes again.

mod offices;

use chrono::{DateTime, Duration, Utc};
use huifang_core::backup::{check_dataset, parse, Backup};
use proptest::prelude::*;
use uuid::Uuid;

fn exported_at() -> impl Strategy<Value = DateTime<Utc>> {
    // Whole seconds to nanoseconds: RFC 3339 keeps them all.
    (0..400_000_000i64, 0..1_000_000_000u32)
        .prop_map(|(s, ns)| offices::t0() + Duration::seconds(s) + Duration::nanoseconds(i64::from(ns)))
}

proptest! {
    // 128 offices of up to ~30 records each: about 2 s in a debug build.
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The generator itself: what it makes passes the import's checks, so
    /// the properties below are about valid offices.
    #[test]
    fn generated_offices_pass_the_import_checks(data in offices::office(1)) {
        prop_assert_eq!(check_dataset(&data), Ok(()));
    }

    #[test]
    fn an_export_imports_as_exactly_the_same_records_and_exports_to_the_same_bytes(
        data in offices::office(1),
        app_version in "[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{1,2}(-[a-z0-9.]{1,8})?",
        device in any::<u128>(),
        at in exported_at(),
    ) {
        let backup = Backup::new(data.clone(), &app_version, Uuid::from_u128(device), at);
        let json = backup.to_json();
        let back = parse(json.as_bytes()).map_err(|e| TestCaseError::fail(format!("refused: {e:?}")))?;
        prop_assert_eq!(&back.data, &data);
        prop_assert_eq!(&back, &backup);
        prop_assert_eq!(back.to_json(), json.clone());
        // The app's export (records serialized once, hashed as written)
        // writes exactly these bytes.
        prop_assert_eq!(huifang_core::backup::export_json(&data, &app_version, Uuid::from_u128(device), at), json.into_bytes());
    }
}

/// A generator that never varied its text would prove little: across the
/// offices it makes, the tricky pieces do turn up in names and texts.
#[test]
fn the_generated_text_includes_markup_cjk_and_emoji() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut all = String::new();
    for _ in 0..64 {
        let data = offices::office(1).new_tree(&mut runner).unwrap().current();
        for c in &data.customers {
            all.push_str(&c.name);
        }
        for c in &data.cases {
            all.push_str(&c.description);
        }
    }
    for piece in ["<script>", "🌸", "王美丽", "\"", "\u{3000}"] {
        assert!(all.contains(piece), "no {piece:?} in the generated text");
    }
    assert!(all.chars().any(|c| !c.is_ascii() && !"王美丽🌸".contains(c)), "only the fixed pieces are generated");
}
