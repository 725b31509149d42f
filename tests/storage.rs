//! Browser tests of the storage layer on real IndexedDB (headless Chromium).
//! Each test uses its own database name, deleted at the end.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, NaiveDate, Utc};
use huifang::store::{schema, Database};
use huifang_core::model::*;
use rexie::Rexie;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn office() -> Dataset {
    let unit = Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() };
    let customer = Customer::new(Uuid::new_v4(), "王美丽 🌸 <b>".into(), "138 0000 0000".into(), unit, now());
    let case = Case {
        channel: Channel::Letter,
        severity: Severity::Major,
        subject: Subject::Attitude,
        completed_on: Some(d("2026-11-21")),
        ..Case::new(
            Uuid::new_v4(),
            Some(customer.id),
            CaseKind::Complaint,
            d("2026-11-20"),
            "夜间施工噪音".into(),
            now(),
        )
    };
    let revisit = Revisit {
        revision: 0,
        id: Uuid::new_v4(),
        case_id: Some(case.id),
        customer_id: customer.id,
        cadence: None,
        round: 1,
        parent_id: None,
        escalation: false,
        due_on: d("2026-11-24"),
        assignee_id: None,
        attempts: Vec::new(),
        result: Some(RevisitResult {
            method: Method::Phone,
            visited_on: d("2026-11-23"),
            at: None,
            staff_id: None,
            content: "已停止夜间施工".into(),
            satisfaction: Satisfaction::Neutral,
            issues: Vec::new(),
            reply_by: None,
            signature_id: None,
            escalate: false,
        }),
        closure: None,
        review: None,
        archived_at: None,
        created_at: now(),
        updated_at: now(),
    };
    Dataset { customers: vec![customer], cases: vec![case], revisits: vec![revisit], ..Dataset::default() }
}

async fn fresh() -> (String, Database) {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let db = Database::open(&name).await.unwrap();
    (name, db)
}

async fn drop_db(name: &str, db: Database) {
    db.close();
    Rexie::delete(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_new_database_is_empty_and_has_every_store() {
    let (name, db) = fresh().await;
    assert!(db.load().await.unwrap().is_empty());
    drop_db(&name, db).await;

    let raw = schema::builder(&name).build().await.unwrap();
    let mut stores = raw.store_names();
    stores.sort();
    assert_eq!(
        stores,
        vec![
            "case_buckets",
            "cases",
            "customer_buckets",
            "customers",
            "meta",
            "month_digests",
            "open_letter_buckets",
            "open_letters",
            "revisit_buckets",
            "revisits",
            "settled_case_buckets",
            "settled_revisit_buckets",
            "signature_buckets",
            "signatures",
            "staff",
            "staff_buckets"
        ]
    );
    assert_eq!(raw.version().unwrap(), schema::SCHEMA_VERSION);
    raw.close();
    Rexie::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn records_saved_one_by_one_are_still_there_after_reopening() {
    let (name, db) = fresh().await;
    let data = office();
    let mut saved = db.commit(&Changes::customer(data.customers[0].clone())).await.unwrap();
    saved.cases = db.commit(&Changes::case(data.cases[0].clone())).await.unwrap().cases;
    saved.revisits = db.commit(&Changes::revisit(data.revisits[0].clone())).await.unwrap().revisits;
    db.close();

    // A reload opens a new connection to the same database: each record
    // as it was saved, at its first revision.
    let again = Database::open(&name).await.unwrap();
    let loaded = again.load().await.unwrap();
    assert_eq!((loaded.customers, loaded.cases, loaded.revisits), (saved.customers, saved.cases, saved.revisits));
    assert_eq!(loaded.settings, data.settings);
    drop_db(&name, again).await;
}

#[wasm_bindgen_test]
async fn saving_a_record_again_updates_it_in_place() {
    let (name, db) = fresh().await;
    let mut data = office();
    db.replace_all(&data).await.unwrap();
    data.cases[0].description = "已更正的描述".into();
    db.commit(&Changes::case(data.cases[0].clone())).await.unwrap();
    let loaded = db.load().await.unwrap();
    assert_eq!(loaded.cases.len(), 1);
    assert_eq!(loaded.cases[0].description, "已更正的描述");
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_restore_replaces_everything_that_was_there() {
    let (name, db) = fresh().await;
    let old = office();
    db.replace_all(&old).await.unwrap();
    let new = office();
    db.replace_all(&new).await.unwrap();
    assert_eq!(db.load().await.unwrap(), new);
    db.replace_all(&Dataset::default()).await.unwrap();
    assert!(db.load().await.unwrap().is_empty());
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn text_is_stored_exactly_as_typed() {
    let (name, db) = fresh().await;
    let data = office();
    db.replace_all(&data).await.unwrap();
    assert_eq!(db.load().await.unwrap().customers[0].name, "王美丽 🌸 <b>");
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn staff_open_letters_settings_and_a_customer_with_its_move_in_case_round_trip() {
    use huifang_core::settings::edit::{add_day, set_covered, set_repair_sample, DayKind};
    use huifang_core::validation::{move_in_case, CustomerDraft, OpenLetterDraft, StaffDraft};

    let (name, db) = fresh().await;
    let mut data = office();

    let staff = StaffDraft { name: "李娜".into(), buildings: "3, 5".into(), ..StaffDraft::default() }
        .validate(Uuid::new_v4(), now())
        .unwrap();
    let staff = db.commit(&Changes::staff(staff)).await.unwrap().staff.remove(0);
    let left = Staff { active: false, role: Role::CommunityCultureClerk, ..staff.clone() };
    let left = db.commit(&Changes::staff(left)).await.unwrap().staff.remove(0);
    assert_eq!(left.revision, 2, "saved twice");

    let letter = OpenLetterDraft {
        title: "致3栋业主的一封信".into(),
        body: "关于夜间施工的说明".into(),
        sent_on: "2026-11-22".into(),
        case_ids: vec![data.cases[0].id],
    }
    .validate(Uuid::new_v4(), &data, d("2026-11-23"), now())
    .unwrap();
    let letter = db.commit(&Changes::open_letter(letter)).await.unwrap().open_letters.remove(0);

    let mut settings = data.settings.clone();
    settings.policies = set_repair_sample(&settings.policies, "35").unwrap();
    settings.calendar = add_day(&settings.calendar, DayKind::Holiday, "2027-01-01", "元旦").unwrap();
    settings.calendar = set_covered(&settings.calendar, 2027, true);
    db.commit(&Changes::settings(settings.clone())).await.unwrap();

    // Rule 4: the customer and the move-in case its date implies, in one write.
    let customer = CustomerDraft {
        name: "赵六".into(),
        phone: "13900000000".into(),
        building: "5".into(),
        entrance: "1".into(),
        room: "301".into(),
        moved_in_on: "2026-08-20".into(),
        ..CustomerDraft::default()
    }
    .validate_on(Uuid::new_v4(), d("2026-11-23"), now())
    .unwrap();
    let move_in = move_in_case(&customer, &data.cases, Uuid::new_v4(), now()).unwrap();
    let saved = db.commit(&Changes::customer(customer).and_case(move_in)).await.unwrap();
    let (customer, move_in) = (saved.customers[0].clone(), saved.cases[0].clone());

    // The first household and its complaint and revisit, saved one by one as the forms do.
    db.commit(&Changes::customer(data.customers[0].clone())).await.unwrap();
    db.commit(&Changes::case(data.cases[0].clone())).await.unwrap();
    db.commit(&Changes::revisit(data.revisits[0].clone())).await.unwrap();
    db.close();

    let again = Database::open(&name).await.unwrap();
    let loaded = again.load().await.unwrap();
    assert_eq!(loaded.staff, vec![left]);
    assert_eq!(loaded.open_letters, vec![letter]);
    assert_eq!(loaded.settings, settings);
    assert!(loaded.settings.calendar.covers(2027));
    assert_eq!(loaded.settings.policies.repair_sample.0, 35);
    assert_eq!(loaded.customer(customer.id), Some(&customer));
    let stored_move_in = loaded.case(move_in.id).unwrap();
    assert_eq!(stored_move_in, &move_in);
    assert_eq!((stored_move_in.kind, stored_move_in.completed_on), (CaseKind::MoveIn, Some(d("2026-08-20"))));
    // Nothing more to create once the move-in case is on record.
    assert_eq!(move_in_case(&customer, &loaded.cases, Uuid::new_v4(), now()), None);

    data.customers.push(customer);
    data.cases.push(move_in);
    assert_eq!(loaded.customers.len(), data.customers.len());
    assert_eq!(loaded.cases.len(), data.cases.len());
    drop_db(&name, again).await;
}
