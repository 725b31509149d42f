//! Rule 17 on real IndexedDB (headless Chromium): revisit records are kept
//! at least 3 years; a younger one is never deleted, an older one goes with
//! its signature in one transaction, and archiving keeps the record counted.
//! Each test uses its own database name, deleted at the end.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, NaiveDate, Utc};
use huifang::store::{Database, RetentionError};
use huifang_core::model::*;
use huifang_core::report::monthly_report;
use huifang_core::retention::Refusal;
use huifang_core::YearMonth;
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

/// A complaint completed the day before `visited`, revisited at home on
/// `visited` with the customer's signature.
fn household(visited: &str) -> Dataset {
    let visited = d(visited);
    let unit = Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() };
    let customer = Customer::new(Uuid::new_v4(), "王美丽".into(), "13800000000".into(), unit, now());
    let completed = visited.pred_opt().unwrap();
    let case = Case {
        completed_on: Some(completed),
        ..Case::new(Uuid::new_v4(), Some(customer.id), CaseKind::Complaint, completed, "夜间施工噪音".into(), now())
    };
    let revisit_id = Uuid::new_v4();
    let signature = Signature {
        id: Uuid::new_v4(),
        revisit_id,
        png: "data:image/png;base64,iVBORw0KGgo=".into(),
        captured_at: now(),
    };
    let revisit = Revisit {
        revision: 0,
        id: revisit_id,
        case_id: Some(case.id),
        customer_id: customer.id,
        cadence: None,
        round: 1,
        parent_id: None,
        escalation: false,
        due_on: visited,
        assignee_id: None,
        attempts: Vec::new(),
        result: Some(RevisitResult {
            method: Method::HomeVisit,
            visited_on: visited,
            at: None,
            staff_id: None,
            content: "已停止夜间施工".into(),
            satisfaction: Satisfaction::Satisfied,
            issues: vec![RaisedIssue { text: "楼道灯".into(), answer: None }],
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
    Dataset {
        customers: vec![customer],
        cases: vec![case],
        revisits: vec![revisit],
        signatures: vec![signature],
        ..Dataset::default()
    }
}

/// Two households' records in one database.
fn both(a: Dataset, b: Dataset) -> Dataset {
    let mut out = a;
    out.customers.extend(b.customers);
    out.cases.extend(b.cases);
    out.revisits.extend(b.revisits);
    out.signatures.extend(b.signatures);
    out
}

async fn fresh(data: &Dataset) -> (String, Database) {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let db = Database::open(&name).await.unwrap();
    db.replace_all(data).await.unwrap();
    (name, db)
}

async fn drop_db(name: &str, db: Database) {
    db.close();
    Rexie::delete(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn rule_17_deleting_a_record_younger_than_3_years_is_refused_and_nothing_changes() {
    let data = household("2026-11-23");
    let (name, db) = fresh(&data).await;
    let id = data.revisits[0].id;
    let before = db.load().await.unwrap();

    let refused = db.delete_revisit(id, d("2029-11-22")).await;
    assert_eq!(refused, Err(RetentionError::Refused(Refusal::TooYoung { deletable_from: d("2029-11-23") })));
    assert_eq!(db.load().await.unwrap(), before, "the record and its signature are untouched");
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn rule_17_an_open_task_is_neither_deleted_nor_archived() {
    let mut data = household("2022-03-02");
    data.revisits[0].result = None;
    data.signatures.clear();
    let (name, db) = fresh(&data).await;
    let id = data.revisits[0].id;
    let before = db.load().await.unwrap();
    assert_eq!(db.delete_revisit(id, d("2026-11-25")).await, Err(RetentionError::Refused(Refusal::Unfinished)));
    assert_eq!(db.archive_revisit(id, true, now()).await, Err(RetentionError::Refused(Refusal::Unfinished)));
    assert_eq!(db.load().await.unwrap(), before);
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn rule_17_a_record_older_than_3_years_is_deleted_with_its_signature_and_nothing_else() {
    let old = household("2022-03-02");
    let young = household("2026-11-23");
    let data = both(old.clone(), young.clone());
    let (name, db) = fresh(&data).await;

    db.delete_revisit(old.revisits[0].id, d("2026-11-25")).await.unwrap();

    let after = db.load().await.unwrap();
    assert_eq!(after.revisits, young.revisits);
    assert_eq!(after.signatures, young.signatures, "the old record's signature went with it");
    assert_eq!((after.customers.len(), after.cases.len()), (2, 2), "customers and cases stay");
    // Deleting it again: there is nothing left to delete.
    assert_eq!(
        db.delete_revisit(old.revisits[0].id, d("2026-11-25")).await,
        Err(RetentionError::Refused(Refusal::NotFound))
    );
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn rule_17_an_archived_record_is_stored_as_archived_and_still_counted_in_its_month() {
    let data = household("2026-11-23");
    let (name, db) = fresh(&data).await;
    let id = data.revisits[0].id;
    let (month, today) = (YearMonth::of(d("2026-11-23")), d("2026-11-25"));
    let report_before = monthly_report(&db.load().await.unwrap(), month, today);
    let later = DateTime::from_timestamp(1_795_100_000, 0).unwrap();

    let archived = db.archive_revisit(id, true, later).await.unwrap();
    let loaded = db.load().await.unwrap();
    assert_eq!(loaded.revisits, vec![archived]);
    assert_eq!(loaded.revisits[0].archived_at, Some(later));
    let report = monthly_report(&loaded, month, today);
    let complaints = report.by_kind.iter().find(|r| r.kind == CaseKind::Complaint && r.severity.is_none()).unwrap();
    assert_eq!((complaints.tally.eligible, complaints.tally.revisited), (1, 1), "still revisited in November");
    assert_eq!(report, report_before);

    db.archive_revisit(id, false, later).await.unwrap();
    assert_eq!(db.load().await.unwrap().revisits[0].archived_at, None);
    drop_db(&name, db).await;
}

// ---- the record screen (the app mounted on its own database) ----

fn js(code: &str) -> wasm_bindgen::JsValue {
    js_sys::eval(code).unwrap_or_else(|e| panic!("{code}: {e:?}"))
}

fn text(css: &str) -> String {
    js(&format!("Array.from(document.querySelectorAll({css:?})).map(e => e.textContent).join(' | ')"))
        .as_string()
        .unwrap_or_default()
}

fn flag(code: &str) -> bool {
    js(code).as_bool().unwrap_or(false)
}

fn click(css: &str) {
    js(&format!(
        "(() => {{ const e = document.querySelector({css:?}); if (!e) throw new Error('no ' + {css:?}); e.click(); }})()"
    ));
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn wait_text(css: &str, expected: &str) {
    for _ in 0..200 {
        if text(css).contains(expected) {
            return;
        }
        sleep(50).await;
    }
    panic!("{css}: expected {expected:?}, found {:?}", text(css));
}

/// A signed customer (rule 16): the signing revisit of 2022, then yearly
/// visits in 2023 (with a signature) and 2024. Deleting 2023's changes no plan.
fn signed_customer() -> (Dataset, Uuid) {
    let mut data = household("2022-03-02");
    data.cases[0].kind = CaseKind::Signing;
    let yearly = |on: &str| {
        let mut r = household(on).revisits.remove(0);
        (r.case_id, r.customer_id, r.cadence) = (None, data.customers[0].id, Some(Cadence::AnnualSigned));
        r.result.as_mut().unwrap().method = Method::Phone;
        r.result.as_mut().unwrap().signature_id = None;
        r
    };
    let (mut y2023, y2024) = (yearly("2023-03-01"), yearly("2024-03-01"));
    let signature = Signature {
        id: Uuid::new_v4(),
        revisit_id: y2023.id,
        png: "data:image/png;base64,".into(),
        captured_at: now(),
    };
    y2023.result.as_mut().unwrap().signature_id = Some(signature.id);
    let id = y2023.id;
    data.revisits.extend([y2023, y2024]);
    data.signatures.push(signature);
    (data, id)
}

#[wasm_bindgen_test]
async fn rule_17_on_the_record_screen_an_old_record_is_deleted_after_asking_and_a_young_one_is_archived() {
    use huifang::store::schema::DB_NAME;
    use wasm_bindgen::JsCast;
    js("window.__logs = []; for (const k of ['warn', 'error']) { const f = console[k]; \
        console[k] = (...a) => { window.__logs.push(k + ': ' + a.join(' ')); f.apply(console, a); }; }");

    // Today's dissatisfied complaint (listed in this month's report) and the signed customer.
    let today = huifang::clock::today();
    let mut young = household(&today.to_string());
    young.revisits[0].result.as_mut().unwrap().satisfaction = Satisfaction::Dissatisfied;
    let young_id = young.revisits[0].id;
    let (signed, old_id) = signed_customer();
    let db = Database::open(DB_NAME).await.unwrap();
    db.replace_all(&both(young, signed)).await.unwrap();
    db.close();

    js(&format!("location.hash = '#/record/{old_id}'"));
    let root = js("(() => { const d = document.createElement('div'); document.body.appendChild(d); return d; })()");
    leptos::mount::mount_to(root.unchecked_into(), huifang::app::App).forget();

    // Past its 3 years and no plan depends on it: deleted after confirming in a dialog.
    wait_text("#record-retention", "删除").await;
    assert!(!flag("document.querySelector('#delete-record').disabled"));
    click("#delete-record");
    assert!(flag("document.querySelector('#delete-record-dialog').open"), "asks first");
    click("#delete-record-confirm");
    wait_text("#notice", "回访记录已删除").await;
    // Back on the list of records; the month's report still lists today's.
    click("#nav-tally");
    wait_text("#report-dissatisfied", "王美丽").await;

    // Today's record: kept 3 years, so delete is disabled with the first day it may go.
    click("#report-dissatisfied button");
    wait_text("#record-retention", "删除").await;
    assert!(flag("document.querySelector('#delete-record').disabled"));
    let from = today.checked_add_months(chrono::Months::new(36)).unwrap();
    wait_text("#delete-refused", &format!("按规定回访记录须保存至少 3 年，可于 {from} 起删除")).await;
    click("#archive-record");
    wait_text("#notice", "回访记录已归档").await;
    wait_text("#record-archived", "已归档").await;
    wait_text("#archive-record", "取消归档").await;

    // Still in the month's report, marked.
    click("#nav-tally");
    wait_text("#report-dissatisfied .tag.archived", "已归档").await;

    let db = Database::open(DB_NAME).await.unwrap();
    let stored = db.load().await.unwrap();
    db.close();
    assert!(stored.revisits.iter().all(|r| r.id != old_id), "the old record is gone");
    assert!(stored.signatures.iter().all(|s| s.revisit_id != old_id), "with its signature");
    assert!(stored.revisits.iter().find(|r| r.id == young_id).unwrap().archived_at.is_some());

    let logs = js("window.__logs.join('\\n')").as_string().unwrap_or_default();
    assert!(logs.is_empty(), "console warnings or errors:\n{logs}");
}
