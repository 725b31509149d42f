//! The storage layout on real IndexedDB (headless Chromium): records in
//! buckets, the query indexes (due date, customer, case, status, month),
//! single saves and deletes, and the upgrades of a v2 database (one row
//! per record) and a v3 one (256 buckets) with data.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, Days, NaiveDate, Utc};
use huifang::store::{bucket_of, schema, Database, Stored};
use huifang_core::model::*;
use huifang_core::scheduler::{plan, Planner};
use rexie::{Rexie, TransactionMode};
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn id(kind: u128, n: usize) -> Uuid {
    Uuid::from_u128((kind << 64) | n as u128)
}

/// 300 households, 600 cases (every other one completed), 900 revisits
/// open, completed or closed, due over four months: enough that every
/// bucket holds several records and every query finds some and leaves some.
fn office() -> Dataset {
    let start = d("2026-09-01");
    let later = |d: NaiveDate, n: usize| d.checked_add_days(Days::new(n as u64)).unwrap();
    let day = |n: usize| later(start, n % 120);
    let customers: Vec<Customer> = (0..300)
        .map(|i| {
            let unit = Unit { building: format!("{}栋", i % 7 + 1), entrance: "1单元".into(), room: format!("{i}") };
            Customer::new(id(1, i), format!("住户{i}"), "13800000000".into(), unit, now())
        })
        .collect();
    let cases: Vec<Case> = (0..600)
        .map(|i| Case {
            completed_on: (i % 2 == 0).then(|| later(day(i), 3)),
            ..Case::new(id(2, i), Some(customers[i % 300].id), CaseKind::Repair, day(i), format!("报修{i}"), now())
        })
        .collect();
    let revisits: Vec<Revisit> = (0..900)
        .map(|i| {
            // Revisits follow completed cases (the even ones).
            let case = &cases[(2 * i) % 600];
            let mut r = Revisit {
                revision: 0,
                id: id(3, i),
                case_id: Some(case.id),
                customer_id: case.customer_id.unwrap(),
                cadence: None,
                round: 1,
                parent_id: None,
                escalation: false,
                due_on: later(case.received_on, 5 + i / 600),
                assignee_id: None,
                attempts: Vec::new(),
                result: None,
                closure: None,
                review: None,
                archived_at: None,
                created_at: now(),
                updated_at: now(),
            };
            match i % 3 {
                1 => {
                    r.result = Some(RevisitResult {
                        method: Method::Phone,
                        visited_on: later(case.received_on, 6 + i / 600),
                        at: None,
                        staff_id: None,
                        content: "已修好".into(),
                        satisfaction: Satisfaction::Satisfied,
                        issues: Vec::new(),
                        reply_by: None,
                        signature_id: None,
                        escalate: false,
                    })
                }
                2 => {
                    r.closure = Some(Closure {
                        on: later(case.received_on, 9 + i / 600),
                        reason: ClosureReason::Unreachable,
                        note: String::new(),
                        by: None,
                    })
                }
                _ => {}
            }
            r
        })
        .collect();
    let signatures = (0..30)
        .map(|i| Signature {
            id: id(4, i),
            revisit_id: revisits[i * 3 + 1].id,
            png: "data:image/png;base64,iVBORw0KGgo=".into(),
            captured_at: now(),
        })
        .collect();
    let mut data = Dataset { customers, cases, revisits, signatures, ..Dataset::default() };
    data.sort_by_entry();
    data
}

async fn fresh_telling(upgrading: &dyn Fn()) -> (String, Database) {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let db = Database::open_telling(&name, upgrading).await.unwrap();
    (name, db)
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
fn buckets_spread_numbered_and_random_ids_alike() {
    fn spread<T: Stored>() {
        let buckets = T::BUCKETS as usize;
        let mut numbered = vec![0; buckets];
        let mut random = vec![0; buckets];
        for n in 0..100 * buckets {
            numbered[bucket_of::<T>(id(3, n)) as usize] += 1;
            random[bucket_of::<T>(Uuid::new_v4()) as usize] += 1;
        }
        // 100 each on average; none empty, none far over.
        for counts in [numbered, random] {
            assert!(counts.iter().all(|&c| (40..=200).contains(&c)), "{} {counts:?}", T::STORE);
        }
    }
    spread::<Customer>();
    spread::<Revisit>();
}

/// `office` with one more customer in each customer bucket and one more
/// revisit in each revisit bucket.
fn office_in_every_bucket() -> Dataset {
    fn one_per_bucket<T: Stored>(kind: u128, make: impl Fn(Uuid) -> T) -> Vec<T> {
        let mut filled = vec![false; T::BUCKETS as usize];
        let mut records = Vec::new();
        for n in 0.. {
            if filled.iter().all(|f| *f) {
                break;
            }
            let b = bucket_of::<T>(id(kind, n)) as usize;
            if !filled[b] {
                filled[b] = true;
                records.push(make(id(kind, n)));
            }
        }
        records
    }
    let mut data = office();
    let household = data.customers[0].clone();
    let revisit = data.revisits[1].clone();
    data.customers.extend(one_per_bucket(5, |id| Customer { id, ..household.clone() }));
    data.revisits.extend(one_per_bucket(6, |id| Revisit { id, ..revisit.clone() }));
    data.sort_by_entry();
    data
}

/// A load asks for each store's buckets in slices: records in every
/// bucket, the first and last of every slice among them, come back, and
/// so do the signatures when read (or counted) on their own.
#[wasm_bindgen_test]
async fn a_load_reads_back_the_records_of_every_bucket() {
    let (name, db) = fresh().await;
    let data = office_in_every_bucket();
    db.replace_all(&data).await.unwrap();
    assert_eq!(db.load().await.unwrap(), data);
    assert_eq!(db.signatures().await.unwrap(), data.signatures, "the signatures alone");
    assert_eq!(db.signature_count().await.unwrap(), data.signatures.len());
    let held = Dataset { signatures: Vec::new(), ..data };
    assert_eq!(db.load_held().await.unwrap(), held, "every record but the signatures");
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_single_save_changes_its_record_and_nothing_else() {
    let (name, db) = fresh().await;
    let mut data = office();
    db.replace_all(&data).await.unwrap();

    // An open revisit gets its result.
    let i = data.revisits.iter().position(|r| r.status() == RevisitStatus::Open).unwrap();
    let mut done = data.revisits[i].clone();
    done.result = Some(RevisitResult {
        method: Method::HomeVisit,
        visited_on: d("2027-06-05"),
        at: None,
        staff_id: None,
        content: "上门确认".into(),
        satisfaction: Satisfaction::Satisfied,
        issues: Vec::new(),
        reply_by: None,
        signature_id: None,
        escalate: false,
    });
    let done = db.commit(&Changes::revisit(done)).await.unwrap().revisits.remove(0);
    data.revisits[i] = done.clone();

    assert_eq!(db.load().await.unwrap(), data);
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn records_sharing_a_bucket_are_saved_one_by_one_into_one_row() {
    let (name, db) = fresh().await;
    // Three customers in one bucket, saved one at a time.
    let first = id(1, 0);
    let same: Vec<Uuid> = (1..5_000)
        .map(|n| id(1, n))
        .filter(|i| bucket_of::<Customer>(*i) == bucket_of::<Customer>(first))
        .take(2)
        .collect();
    let unit = Unit { building: "1栋".into(), entrance: "1单元".into(), room: "101".into() };
    let customers: Vec<Customer> = std::iter::once(first)
        .chain(same)
        .map(|i| Customer::new(i, format!("住户{i}"), "13800000000".into(), unit.clone(), now()))
        .collect();
    let mut saved = Vec::new();
    for c in &customers {
        saved.extend(db.commit(&Changes::customer(c.clone())).await.unwrap().customers);
    }
    let mut loaded = db.load().await.unwrap().customers;
    loaded.sort_by_key(|c| c.id);
    saved.sort_by_key(|c| c.id);
    assert_eq!(loaded, saved);

    let raw = schema::builder(&name).build().await.unwrap();
    let tx = raw.transaction(&[schema::CUSTOMER_BUCKETS], TransactionMode::ReadOnly).unwrap();
    let rows = tx.store(schema::CUSTOMER_BUCKETS).unwrap().get_all(None, None).await.unwrap();
    tx.done().await.unwrap();
    raw.close();
    assert_eq!(rows.len(), 1, "one row holds the three");
    let bucket = js_sys::Reflect::get(&rows[0], &JsValue::from_str("bucket")).unwrap();
    assert_eq!(bucket.as_f64(), Some(f64::from(bucket_of::<Customer>(first))));
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn deleting_an_old_record_removes_it_and_its_signatures_from_their_buckets() {
    let (name, db) = fresh().await;
    let mut data = office();
    // Rule 17: only a finished record older than 3 years may be deleted.
    let i = data.revisits.iter().position(|r| r.status() == RevisitStatus::Completed).unwrap();
    let old = data.revisits[i].id;
    let signed: Vec<Uuid> = data.signatures.iter().filter(|s| s.revisit_id == old).map(|s| s.id).collect();
    assert_eq!(signed.len(), 1, "the fixture signs this record");
    db.replace_all(&data).await.unwrap();

    db.delete_revisit(old, d("2031-01-01")).await.unwrap();
    data.revisits.retain(|r| r.id != old);
    data.signatures.retain(|s| s.revisit_id != old);
    assert_eq!(db.load().await.unwrap(), data);
    drop_db(&name, db).await;
}

/// Writes `data` as a schema-v2 database: one row per record, every data
/// migration of v2 done.
async fn v2_database(name: &str, data: &Dataset) {
    fn rows<T: serde::Serialize>(records: &[T]) -> Vec<JsValue> {
        records.iter().map(|r| js_sys::JSON::parse(&serde_json::to_string(r).unwrap()).unwrap()).collect()
    }
    let db = schema::builder_at(name, 2).build().await.unwrap();
    let stores = ["meta", "customers", "cases", "revisits", "staff", "open_letters", "signatures"];
    let tx = db.transaction(&stores, TransactionMode::ReadWrite).unwrap();
    let meta = r#"{"key":"schema","version":2,"migrations":["revisits_v2"]}"#;
    tx.store("meta").unwrap().put(&js_sys::JSON::parse(meta).unwrap(), None).await.unwrap();
    for (store, rows) in [
        ("customers", rows(&data.customers)),
        ("cases", rows(&data.cases)),
        ("revisits", rows(&data.revisits)),
        ("signatures", rows(&data.signatures)),
    ] {
        tx.store(store).unwrap().put_all(rows.into_iter().map(|r| (r, None))).await.unwrap();
    }
    tx.done().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_schema_v2_database_with_data_opens_with_every_record_moved_into_buckets() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let data = office();
    v2_database(&name, &data).await;

    let db = Database::open(&name).await.expect("a v2 database opens");
    assert_eq!(db.load().await.unwrap(), data, "every record, unchanged");
    db.close();

    // The one-row-per-record stores are empty; opening again moves nothing twice.
    let raw = schema::builder(&name).build().await.unwrap();
    assert_eq!(raw.version().unwrap(), schema::SCHEMA_VERSION);
    let tx = raw.transaction(&schema::ROW_STORES, TransactionMode::ReadOnly).unwrap();
    for store in schema::ROW_STORES {
        assert_eq!(tx.store(store).unwrap().count(None).await.unwrap(), 0, "{store} emptied");
    }
    tx.done().await.unwrap();
    raw.close();
    let again = Database::open(&name).await.unwrap();
    assert_eq!(again.load().await.unwrap(), data);
    drop_db(&name, again).await;
}

/// Rows as v3 and v4 wrote them: `records` grouped by the bucket their id
/// gives, each row with its records' JSON and a list for each of `keys`
/// (the records' ids: the indexes only need the lists to be there).
fn old_rows<T: Stored>(records: &[T], bucket: impl Fn(Uuid) -> u32, keys: &[&str]) -> Vec<JsValue> {
    let mut buckets: std::collections::BTreeMap<u32, Vec<&T>> = Default::default();
    for r in records {
        buckets.entry(bucket(r.id())).or_default().push(r);
    }
    buckets
        .into_iter()
        .map(|(b, records)| {
            let row = js_sys::Object::new();
            let json = serde_json::to_string(&records).unwrap();
            js_sys::Reflect::set(&row, &"bucket".into(), &JsValue::from(b)).unwrap();
            js_sys::Reflect::set(&row, &"count".into(), &JsValue::from(records.len() as u32)).unwrap();
            js_sys::Reflect::set(&row, &"records".into(), &js_sys::Uint8Array::from(json.as_bytes())).unwrap();
            for key in keys {
                let list: js_sys::Array = records.iter().map(|r| JsValue::from_str(&r.id().to_string())).collect();
                js_sys::Reflect::set(&row, &JsValue::from_str(key), &list).unwrap();
            }
            row.into()
        })
        .collect()
}

/// Writes `data` as a schema-v3 database: 256 buckets per store, each
/// record in the bucket the v3 rule gave it (its 16 bytes folded by XOR).
async fn v3_database(name: &str, data: &Dataset) {
    let v3 = |id: Uuid| u32::from(id.as_bytes().iter().fold(0, |a, b| a ^ b));
    let db = schema::builder_at(name, 3).build().await.unwrap();
    let mut stores = vec!["meta"];
    stores.extend(schema::RECORD_STORES);
    let tx = db.transaction(&stores, TransactionMode::ReadWrite).unwrap();
    let meta = r#"{"key":"schema","version":3,"migrations":["revisits_v2","buckets_v3"]}"#;
    tx.store("meta").unwrap().put(&js_sys::JSON::parse(meta).unwrap(), None).await.unwrap();
    for (store, rows) in [
        (schema::CUSTOMER_BUCKETS, old_rows(&data.customers, v3, &[])),
        (schema::CASE_BUCKETS, old_rows(&data.cases, v3, &[])),
        (schema::REVISIT_BUCKETS, old_rows(&data.revisits, v3, &[])),
        (schema::SIGNATURE_BUCKETS, old_rows(&data.signatures, v3, &[])),
    ] {
        tx.store(store).unwrap().put_all(rows.into_iter().map(|r| (r, None))).await.unwrap();
    }
    tx.done().await.unwrap();
    db.close();
}

/// Checks that every row of `T`'s store holds only records whose id gives
/// its bucket; returns how many rows there are.
async fn rows_in_their_buckets<T: Stored + Record>(name: &str) -> usize {
    let raw = schema::builder(name).build().await.unwrap();
    assert_eq!(raw.version().unwrap(), schema::SCHEMA_VERSION);
    let tx = raw.transaction(&[T::STORE], TransactionMode::ReadOnly).unwrap();
    let rows = tx.store(T::STORE).unwrap().get_all(None, None).await.unwrap();
    tx.done().await.unwrap();
    raw.close();
    for row in &rows {
        let bucket = js_sys::Reflect::get(row, &"bucket".into()).unwrap().as_f64().unwrap() as u32;
        let bytes: js_sys::Uint8Array = js_sys::Reflect::get(row, &"records".into()).unwrap().into();
        let records: Vec<T> = serde_json::from_slice(&bytes.to_vec()).unwrap();
        assert!(records.iter().all(|r| bucket_of::<T>(Record::id(r)) == bucket), "{} bucket {bucket}", T::STORE);
    }
    rows.len()
}

#[wasm_bindgen_test]
async fn a_schema_v3_database_opens_with_every_record_in_its_new_bucket() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let mut data = office();
    v3_database(&name, &data).await;

    let told = std::cell::Cell::new(0);
    let db = Database::open_telling(&name, &|| told.set(told.get() + 1)).await.expect("a v3 database opens");
    assert_eq!(told.get(), 1, "the user is told the records are being moved");
    assert_eq!(db.load().await.unwrap(), data, "every record, unchanged");
    // Every row holds only records whose id gives its bucket now.
    let revisit_rows = rows_in_their_buckets::<Revisit>(&name).await;
    assert!(revisit_rows > 256, "{revisit_rows} rows: the revisits spread over more buckets than v3 had");
    rows_in_their_buckets::<Customer>(&name).await;
    rows_in_their_buckets::<Case>(&name).await;
    rows_in_their_buckets::<Signature>(&name).await;
    // A save finds its record where the new rule puts it: replaced, not
    // stored twice.
    let mut changed = data.revisits[7].clone();
    changed.assignee_id = Some(Uuid::from_u128(77));
    data.revisits[7] = db.commit(&Changes::revisit(changed)).await.unwrap().revisits.remove(0);
    assert_eq!(db.load().await.unwrap(), data, "the record replaced in place");
    db.close();
    // Opened again, or new: nothing to move, nothing to say.
    let again = Database::open_telling(&name, &|| told.set(told.get() + 1)).await.unwrap();
    let (new_name, new) = fresh_telling(&|| told.set(told.get() + 1)).await;
    assert_eq!(told.get(), 1);
    drop_db(&name, again).await;
    drop_db(&new_name, new).await;
}

#[wasm_bindgen_test]
async fn a_backup_written_from_the_stored_text_holds_exactly_the_stored_records() {
    let (name, db) = fresh().await;
    let mut data = office();
    data.customers[0].name = "王美丽 🌸 <script>\"\u{2028}".into();
    data.settings.policies.min_attempts += 1;
    db.replace_all(&data).await.unwrap();

    let stored = db.stored_records().await.unwrap();
    assert_eq!(stored.counts, huifang_core::backup::Counts::of(&data));
    let at = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
    let file =
        huifang_core::backup::export_stored(&stored.counts, "test", Uuid::from_u128(9), at, |f| stored.write_to(f));
    let mut back = huifang_core::backup::parse(&file).expect("a sound backup").data;
    back.sort_by_entry();
    assert_eq!(back, data, "every record and the settings, exactly");

    // An empty database makes an empty, sound backup.
    let (empty_name, empty) = fresh().await;
    let stored = empty.stored_records().await.unwrap();
    let file =
        huifang_core::backup::export_stored(&stored.counts, "test", Uuid::from_u128(9), at, |f| stored.write_to(f));
    assert!(huifang_core::backup::parse(&file).unwrap().data.is_empty());
    drop_db(&empty_name, empty).await;
    drop_db(&name, db).await;
}

/// One user action of each kind, as the screens commit them.
fn everyday_writes(data: &Dataset) -> Vec<Changes> {
    let later = now() + chrono::Duration::minutes(5);
    let mut customer = data.customers[17].clone();
    customer.name = "王秀英".into();
    customer.updated_at = later;
    let mut case = data.cases[4].clone();
    case.id = Uuid::new_v4();
    case.description = "楼道灯不亮".into();
    case.created_at = later;
    let mut open = data.revisits.iter().find(|r| r.status() == RevisitStatus::Open).unwrap().clone();
    open.attempts.push(Attempt {
        at: d("2026-11-20").and_hms_opt(10, 0, 0).unwrap(),
        method: Method::Phone,
        outcome: AttemptOutcome::NoAnswer,
        note: String::new(),
        staff_id: None,
    });
    open.updated_at = later;
    // The result is entered on the record as stored after the attempt.
    let mut signed = Revisit { revision: open.revision + 1, ..open.clone() };
    let signature = Signature {
        id: Uuid::new_v4(),
        revisit_id: signed.id,
        png: "data:image/png;base64,AAAA".into(),
        captured_at: later,
    };
    signed.result = data.revisits.iter().find_map(|r| r.result.clone()).map(|mut r| {
        r.method = Method::HomeVisit;
        r.signature_id = Some(signature.id);
        r
    });
    let staff = Staff {
        revision: 0,
        id: Uuid::new_v4(),
        name: "李主管".into(),
        role: Role::CustomerServiceSupervisor,
        buildings: Vec::new(),
        active: true,
        created_at: later,
        updated_at: later,
    };
    let letter = OpenLetter {
        revision: 0,
        id: Uuid::new_v4(),
        title: "停水通知的答复".into(),
        body: "各位业主……".into(),
        sent_on: d("2026-11-20"),
        case_ids: vec![data.cases[0].id, data.cases[2].id],
        created_at: later,
        updated_at: later,
    };
    let mut settings = data.settings.clone();
    settings.calendar.holidays.insert(d("2026-12-31"), "公司年会".into());
    vec![
        Changes::customer(customer),
        Changes::case(case.clone()).and_case(data.cases[6].clone()),
        Changes::revisit(open),
        Changes::revisit(signed).and_signature(signature),
        Changes::staff(staff),
        Changes::open_letter(letter),
        Changes::settings(settings),
    ]
}

/// The records in memory, where each one is, and the plan kept over them,
/// changed by each write as the app changes them.
struct Memory {
    data: Dataset,
    at: Positions,
    planner: Planner,
}

impl Memory {
    fn new(data: Dataset) -> Self {
        let at = Positions::new(&data);
        let mut planner = Planner::default();
        planner.plan(&data, &at, d("2026-11-20"));
        Memory { data, at, planner }
    }

    fn apply(&mut self, changes: Changes) {
        let touched = changes.touched();
        self.planner.note(&self.data, &self.at, &changes);
        self.data.apply(changes);
        self.at.apply(&self.data, &touched);
    }

    /// Equal to a fresh load, and so is the plan kept over them.
    async fn equals_stored(&mut self, db: &Database) {
        let stored = db.load().await.unwrap();
        assert_eq!(self.data, stored);
        let today = d("2026-11-20");
        assert_eq!(self.planner.plan(&self.data, &self.at, today), plan(&stored, today));
    }
}

#[wasm_bindgen_test]
async fn after_each_save_the_records_in_memory_equal_a_fresh_load() {
    let (name, db) = fresh().await;
    db.replace_all(&office()).await.unwrap();
    let mut memory = Memory::new(db.load().await.unwrap());
    for changes in everyday_writes(&memory.data) {
        let saved = db.commit(&changes).await.unwrap();
        memory.apply(saved);
        memory.equals_stored(&db).await;
    }
    // Rule 17: an old finished record deleted with its signatures.
    let old = memory.data.revisits.iter().find(|r| r.status() == RevisitStatus::Completed).unwrap().id;
    let deleted = db.delete_revisit(old, d("2031-01-01")).await.unwrap();
    assert_eq!(deleted.removed_revisits, vec![old]);
    memory.apply(deleted);
    memory.equals_stored(&db).await;
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn another_tabs_save_read_back_by_its_ids_equals_a_fresh_load() {
    let (name, db) = fresh().await;
    db.replace_all(&office()).await.unwrap();
    let mut this_tab = Memory::new(db.load().await.unwrap());
    // The other tab has its own connection and commits each action there.
    let other = Database::open(&name).await.unwrap();
    let mut writes = everyday_writes(&this_tab.data);
    let old = this_tab.data.revisits.iter().find(|r| r.status() == RevisitStatus::Completed).unwrap().id;
    for changes in writes.drain(..) {
        other.commit(&changes).await.unwrap();
        let read = db.read_touched(&changes.touched()).await.unwrap();
        this_tab.apply(read);
        this_tab.equals_stored(&db).await;
    }
    let deleted = other.delete_revisit(old, d("2031-01-01")).await.unwrap();
    let read = db.read_touched(&deleted.touched()).await.unwrap();
    assert_eq!(read.removed_revisits, vec![old], "a record no longer stored was deleted");
    this_tab.apply(read);
    this_tab.equals_stored(&db).await;
    other.close();
    drop_db(&name, db).await;
}

/// Writes `data` as a schema-v4 database: every record in its bucket, and
/// the rows of cases and revisits with the lists of keys their v4 query
/// indexes read.
async fn v4_database(name: &str, data: &Dataset) {
    let db = schema::builder_at(name, 4).build().await.unwrap();
    let mut stores = vec!["meta"];
    stores.extend(schema::RECORD_STORES);
    let tx = db.transaction(&stores, TransactionMode::ReadWrite).unwrap();
    let meta = r#"{"key":"schema","version":4,"migrations":["revisits_v2","buckets_v3","buckets_v4"]}"#;
    tx.store("meta").unwrap().put(&js_sys::JSON::parse(meta).unwrap(), None).await.unwrap();
    let case_keys = ["customer_id", "completed_on", "status", "month"];
    let revisit_keys = ["case_id", "customer_id", "due_on", "status", "month"];
    for (store, rows) in [
        (schema::CUSTOMER_BUCKETS, old_rows(&data.customers, bucket_of::<Customer>, &[])),
        (schema::CASE_BUCKETS, old_rows(&data.cases, bucket_of::<Case>, &case_keys)),
        (schema::REVISIT_BUCKETS, old_rows(&data.revisits, bucket_of::<Revisit>, &revisit_keys)),
        (schema::SIGNATURE_BUCKETS, old_rows(&data.signatures, bucket_of::<Signature>, &["revisit_id"])),
    ] {
        tx.store(store).unwrap().put_all(rows.into_iter().map(|r| (r, None))).await.unwrap();
    }
    tx.done().await.unwrap();
    db.close();
}

/// The names of each row's fields in `store`, and of the store's indexes.
async fn row_fields_and_indexes(name: &str, store: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let raw = schema::builder(name).build().await.unwrap();
    let tx = raw.transaction(&[store], TransactionMode::ReadOnly).unwrap();
    let rows = tx.store(store).unwrap().get_all(None, None).await.unwrap();
    let indexes = tx.store(store).unwrap().index_names();
    tx.done().await.unwrap();
    raw.close();
    let fields = rows
        .iter()
        .map(|row| {
            js_sys::Object::keys(row.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()).collect()
        })
        .collect();
    (fields, indexes)
}

/// The user is told of an upgrade before the stores change (dropping a
/// large office's indexes takes seconds): whether one is due is known
/// before the real open, and the probe itself changes nothing.
#[wasm_bindgen_test]
async fn an_upgrade_of_stored_records_is_known_before_the_stores_change() {
    use huifang::tabs::wait_for_older_tabs;
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let data = office();
    v4_database(&name, &data).await;
    assert!(wait_for_older_tabs(&name, schema::SCHEMA_VERSION).await, "a v4 database is to be upgraded");
    assert!(wait_for_older_tabs(&name, schema::SCHEMA_VERSION).await, "the probe left it at v4");
    let db = Database::open(&name).await.expect("a v4 database opens");
    assert_eq!(db.load().await.unwrap(), data);
    assert!(!wait_for_older_tabs(&name, schema::SCHEMA_VERSION).await, "an up-to-date database is not");
    drop_db(&name, db).await;
    let new = format!("huifang-test-{}", Uuid::new_v4());
    assert!(!wait_for_older_tabs(&new, schema::SCHEMA_VERSION).await, "a new database has nothing to upgrade");
}

#[wasm_bindgen_test]
async fn a_schema_v4_database_opens_without_the_query_indexes_of_cases_and_revisits() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let data = office();
    v4_database(&name, &data).await;

    let told = std::cell::Cell::new(0);
    let db = Database::open_telling(&name, &|| told.set(told.get() + 1)).await.expect("a v4 database opens");
    assert_eq!(told.get(), 1, "the user is told the records are being rewritten");
    assert_eq!(db.load().await.unwrap(), data, "every record, unchanged");
    db.close();

    let plain = ["bucket", "count", "records"];
    for store in [schema::CASE_BUCKETS, schema::REVISIT_BUCKETS] {
        let (fields, indexes) = row_fields_and_indexes(&name, store).await;
        assert!(indexes.is_empty(), "{store} keeps no query index: {indexes:?}");
        assert!(!fields.is_empty() && fields.iter().all(|f| f == &plain), "{store} rows hold only their records");
    }
    // A revisit's signatures are still found through their index.
    let (fields, indexes) = row_fields_and_indexes(&name, schema::SIGNATURE_BUCKETS).await;
    assert_eq!(indexes, vec!["revisit_id".to_owned()]);
    assert!(fields.iter().all(|f| f.contains(&"revisit_id".to_owned())));
    let db = Database::open_telling(&name, &|| told.set(told.get() + 1)).await.unwrap();
    assert_eq!(told.get(), 1, "opened again: nothing to rewrite");
    drop_db(&name, db).await;
}
