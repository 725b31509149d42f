//! The spreadsheets for Excel as staff read them: labels in
//! their language, names rather than ids, the household on case and
//! revisit rows, readable dates. Quoting and formula safety are tested
//! natively in `huifang_core::spreadsheet`.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, NaiveDate, Utc};
use huifang::i18n::Lang;
use huifang::sheets::Table;
use huifang_core::model::*;
use huifang_core::spreadsheet::{Sheet, BOM};
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
    let unit = |b: &str, r: &str| Unit { building: b.into(), entrance: "2".into(), room: r.into() };
    let wang = Customer::new(Uuid::new_v4(), "王美丽 🌸".into(), "138 0000 0000".into(), unit("10", "1201"), now());
    let evil =
        Customer::new(Uuid::new_v4(), "=HYPERLINK(\"x\")".into(), "139 0000 0000".into(), unit("2", "301"), now());
    let li = Staff {
        revision: 0,
        id: Uuid::new_v4(),
        name: "李助理".into(),
        role: Role::PropertyAssistant,
        buildings: Vec::new(),
        active: true,
        created_at: now(),
        updated_at: now(),
    };
    let complaint = Case {
        channel: Channel::Letter,
        severity: Severity::Major,
        subject: Subject::Attitude,
        staff_involved: vec![li.id],
        completed_on: Some(d("2026-11-21")),
        ..Case::new(Uuid::new_v4(), Some(wang.id), CaseKind::Complaint, d("2026-11-20"), "夜间施工噪音".into(), now())
    };
    let repair = Case::new(Uuid::new_v4(), Some(evil.id), CaseKind::Repair, d("2026-11-02"), "水管漏水".into(), now());
    let revisit = Revisit {
        revision: 0,
        id: Uuid::new_v4(),
        case_id: Some(complaint.id),
        customer_id: wang.id,
        cadence: None,
        round: 1,
        parent_id: None,
        escalation: false,
        due_on: d("2026-11-24"),
        assignee_id: Some(li.id),
        attempts: Vec::new(),
        result: Some(RevisitResult {
            method: Method::Phone,
            visited_on: d("2026-11-23"),
            at: None,
            staff_id: Some(li.id),
            content: "已停止夜间施工".into(),
            satisfaction: Satisfaction::Neutral,
            issues: vec![
                RaisedIssue { text: "电梯异响".into(), answer: None },
                RaisedIssue { text: "绿化".into(), answer: None },
            ],
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
    Dataset {
        customers: vec![wang, evil],
        cases: vec![complaint, repair],
        revisits: vec![revisit],
        staff: vec![li],
        ..Dataset::default()
    }
}

/// The cell under `header` in data row `row`.
fn cell<'a>(sheet: &'a Sheet, row: usize, header: &str) -> &'a str {
    let col = sheet.headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("no column {header}"));
    &sheet.rows[row][col]
}

#[wasm_bindgen_test]
fn every_table_has_its_button_and_a_dated_file_name() {
    let ids: Vec<String> = Table::ALL.iter().map(|t| t.button_id()).collect();
    assert_eq!(ids, ["export-csv-customers", "export-csv-cases", "export-csv-revisits"]);
    assert_eq!(Table::Revisits.file_name(d("2026-11-23")), "huifang-revisits-2026-11-23.csv");
}

#[wasm_bindgen_test]
fn customers_read_in_chinese_in_unit_order() {
    let sheet = Table::Customers.sheet(Lang::Zh, &office());
    assert_eq!(&sheet.headers[..3], ["姓名", "房号", "电话"]);
    // Building 2 before building 10.
    assert_eq!(cell(&sheet, 0, "房号"), "2-2-301");
    assert_eq!(cell(&sheet, 1, "姓名"), "王美丽 🌸");
    assert_eq!(cell(&sheet, 1, "联系方式"), "电话、上门均可");
    assert_eq!(cell(&sheet, 1, "实际入住"), "是");
    assert_eq!(cell(&sheet, 1, "装修期"), "否");
    // The file neutralises the formula-looking name and starts with a BOM.
    let file = String::from_utf8(sheet.to_csv().unwrap()).unwrap();
    assert!(file.as_bytes().starts_with(BOM));
    assert!(file.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{file}");
}

#[wasm_bindgen_test]
fn cases_name_the_household_and_staff_and_leave_complaint_fields_blank_on_other_kinds() {
    let sheet = Table::Cases.sheet(Lang::Zh, &office());
    // Oldest first: the repair of 2 November, then the complaint.
    assert_eq!(cell(&sheet, 0, "事项类型"), "维修");
    assert_eq!(cell(&sheet, 0, "等级"), "");
    assert_eq!(cell(&sheet, 1, "受理日期"), "2026-11-20");
    assert_eq!(cell(&sheet, 1, "客户"), "王美丽 🌸");
    assert_eq!(cell(&sheet, 1, "房号"), "10-2-1201");
    assert_eq!(cell(&sheet, 1, "渠道"), "来函");
    assert_eq!(cell(&sheet, 1, "等级"), "重大");
    assert_eq!(cell(&sheet, 1, "投诉内容"), "服务态度");
    assert_eq!(cell(&sheet, 1, "涉及员工"), "李助理");
    assert_eq!(cell(&sheet, 1, "完成日期"), "2026-11-21");
}

#[wasm_bindgen_test]
fn revisits_show_the_case_household_staff_and_result() {
    let sheet = Table::Revisits.sheet(Lang::Zh, &office());
    assert_eq!(sheet.rows.len(), 1);
    assert_eq!(cell(&sheet, 0, "到期日"), "2026-11-24");
    assert_eq!(cell(&sheet, 0, "事项类型"), "投诉");
    assert_eq!(cell(&sheet, 0, "受理日期"), "2026-11-20");
    assert_eq!(cell(&sheet, 0, "客户"), "王美丽 🌸");
    assert_eq!(cell(&sheet, 0, "房号"), "10-2-1201");
    assert_eq!(cell(&sheet, 0, "安排给"), "李助理");
    assert_eq!(cell(&sheet, 0, "回访人"), "李助理");
    assert_eq!(cell(&sheet, 0, "状态"), "已回访");
    assert_eq!(cell(&sheet, 0, "回访方式"), "电话回访");
    assert_eq!(cell(&sheet, 0, "满意度"), "一般");
    assert_eq!(cell(&sheet, 0, "客户提出的问题"), "电梯异响\n绿化");
    assert!(!sheet.rows[0].iter().any(|c| Uuid::parse_str(c).is_ok()), "no ids in the sheet");
}

#[wasm_bindgen_test]
fn english_users_get_english_headers_and_labels() {
    let sheet = Table::Revisits.sheet(Lang::En, &office());
    assert_eq!(cell(&sheet, 0, "Status"), "Revisited");
    assert_eq!(cell(&sheet, 0, "Method"), "Phone revisit");
    assert_eq!(cell(&sheet, 0, "Kind"), "Complaint");
}
