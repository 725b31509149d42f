//! The plan and the monthly report on generated offices, as SHA-256 digests
//! of their JSON: recorded from the engine as it stood, so that a change
//! made for speed is shown to leave every item, assignee, reason and figure
//! exactly as it was. A rule change that moves a digest must say so and
//! record the new one.

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};

use crate::calendar::YearMonth;
use crate::model::{ContactPreference, Dataset};
use crate::policy::{Percent, PolicyKey};
use crate::report::monthly_report;
use crate::sample::office;
use crate::scheduler::plan;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn digest<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_vec(value).unwrap();
    Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
}

/// The same office after the edits real offices make: staff leave, a
/// sampling target and a window change, customers start refusing calls or
/// move out, the 2026 holidays are not entered, and records are stored in
/// another order. This exercises reassignment, records the rules no longer
/// ask for, rule 12 and the calendar warnings.
fn edited(mut data: Dataset) -> Dataset {
    for (i, s) in data.staff.iter_mut().enumerate() {
        if i % 4 == 1 {
            s.active = false;
        }
    }
    for p in &mut data.settings.policies.policies {
        match p.key {
            PolicyKey::Repair => p.target = Percent(35),
            PolicyKey::Complaint(_) => p.due_within = crate::policy::Span::Days(9),
            _ => {}
        }
    }
    for (i, c) in data.customers.iter_mut().enumerate() {
        match i % 17 {
            3 => c.contact = ContactPreference::NoCallsEmail,
            5 => c.resident = false,
            11 => c.decorating = true,
            _ => {}
        }
    }
    data.settings.calendar.years.remove(&2026);
    data.revisits.reverse();
    data.cases.reverse();
    data.customers.reverse();
    data
}

/// (label, office, todays) for every case below.
fn offices() -> Vec<(&'static str, Dataset, Vec<NaiveDate>)> {
    let today = d("2026-11-20");
    vec![
        ("small", office(100, 600, 1200, 5, d("2025-03-03")), vec![d("2025-03-03"), d("2025-06-30")]),
        ("medium", office(600, 4000, 8000, 1, today), vec![today, d("2026-06-01"), d("2027-02-01")]),
        ("large", office(2000, 10_000, 20_000, 2026, today), vec![today]),
        ("edited", edited(office(600, 4000, 8000, 1, today)), vec![today, d("2027-02-01")]),
    ]
}

/// Every digest, one line each, in the order `offices` gives them.
fn digests() -> Vec<String> {
    let mut out = Vec::new();
    for (label, data, todays) in offices() {
        for today in todays {
            let p = plan(&data, today);
            out.push(format!("plan {label} {today} {} {}", p.items.len(), digest(&p)));
            let month = YearMonth::of(today);
            let previous = YearMonth::of(today.with_day(1).and_then(|d| d.pred_opt()).unwrap());
            for m in [previous, month] {
                let r = monthly_report(&data, m, today);
                out.push(format!("report {label} {today} {m} {}", digest(&r)));
            }
        }
    }
    out
}

const RECORDED: &str = "\
plan small 2025-03-03 126 c2cc47926a125eb86e37b11238f1a124225cede6fa2d32cdbf1b7d3bcabfdd4a
report small 2025-03-03 2025-02 9cefcfcedcab412e65cd76cb96ba9d919a1892cb94fc8dd76c15066ab0ba4ffb
report small 2025-03-03 2025-03 30927e4adaa378c7a212f20e12c505b3fbb475599a1f469c3dfb21d1190a875d
plan small 2025-06-30 126 53e9296e399079c1ea323f2b5924e2d1aadfe7bcd79246207d91b664db87b940
report small 2025-06-30 2025-05 8f33eaab7fc39217c51b248923dc5e0dc31a73254d7c4031ca0330efe5f758eb
report small 2025-06-30 2025-06 04395e9bf48186787cf1e052e1552e7440ace5ece7a78423ba9ef0bc18087996
plan medium 2026-11-20 537 ae9f18676021f52c06ee56d417e2f4e27f8eea1bb7d55a7a1907060ccdb9f818
report medium 2026-11-20 2026-10 251838f75c02c24523ee4b5bcb7caf02af8f26221987f4453a07b066c4656e6c
report medium 2026-11-20 2026-11 e57064b3ff375e9dc0240e5be61562a7434a688dba0cc27811b49ef7f6095797
plan medium 2026-06-01 537 e11e1f8cdc4ff3e7101180ba114db8626132390a6fcdfb0dab19c4b1d31cf896
report medium 2026-06-01 2026-05 d2c9d5eda23c7eee047152be2a15f8817dc77ebdedd28077a1aa111bb93ef419
report medium 2026-06-01 2026-06 87b0eb7cad1cde160ec7a4de9c66540f17207fbf3d8255bc0998d4519d162e74
plan medium 2027-02-01 537 001223164ef1333bee2f370abd60bf864b4f57be2b34611fbab2ec739f956c61
report medium 2027-02-01 2027-01 5e635841e6f34065ac3b5b117360a25b5bb17c08560f4ba4c13b3f9d179405a9
report medium 2027-02-01 2027-02 84a9e3db49e7056ddc836df2dc0733dd5c0fdb4b8fe4f980f45b8191dbf58169
plan large 2026-11-20 1256 c243b420b4835df4cedba4c519b7f9549c7f36b9a82aee1c1c3c333148671ad1
report large 2026-11-20 2026-10 25278b2fd3f7a143d8933898d637690250f90ec011533b6852fa29d1b7777644
report large 2026-11-20 2026-11 b7a9d5b1ddd6c4070649a1a355a249547800bc440e27d8e71f135f014b31399f
plan edited 2026-11-20 537 9bfaa752174ebbef4453b703befd5656943fd821481c883a6437a5a94e6f703d
report edited 2026-11-20 2026-10 46511adf26aba7e87734bf17583c21b896ea323fd7c2dae19d5d9ea0cb983bb1
report edited 2026-11-20 2026-11 7194ca30164556f25dd9bf0a38e1bf24043e6f43e630eeb086bb05f99de5bc1e
plan edited 2027-02-01 537 a96f43d51334e530c3e29b3b23b2f96dfdd9c4846a1cec1f312ffe2cb96de1d5
report edited 2027-02-01 2027-01 368d6bfc6127695724ba75a80766f3e3509a07d50f948f0c98505edaa99ba01f
report edited 2027-02-01 2027-02 62a62d9b5977ed8b0b5a68b3e799c219eca098dc81e16611957a6368e9b02908
";

#[test]
fn the_plan_and_the_report_are_unchanged_on_generated_offices() {
    let got = digests().join("\n");
    assert_eq!(got, RECORDED.trim_end(), "\ngot:\n{got}\n");
}
