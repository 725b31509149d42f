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
report small 2025-03-03 2025-02 14043a7b8d9f279af87001d3ffc27eeb504098d9879c6d9af5cf1cec074d5815
report small 2025-03-03 2025-03 d28dd9c114d7050b77b6cbf6ec8adb5d565bec98ab8052bd5d206ac859cf425f
plan small 2025-06-30 126 53e9296e399079c1ea323f2b5924e2d1aadfe7bcd79246207d91b664db87b940
report small 2025-06-30 2025-05 5272928dc388cd295bee6f673d40fc05d95a3103b9a5c0b347093ffb1ff55098
report small 2025-06-30 2025-06 1b65d5d8bb5166ea87565504df40f6ca72dc8679fc43fd3b119763acdcb27ca6
plan medium 2026-11-20 538 40782c3fbb4334af79a904a00ef35e2c487025e2b61ba16827ceeeabe10fd3b6
report medium 2026-11-20 2026-10 824bf3a53dd9f1ad1ee76f7ec2794ca0ea63ec922d15fb4db62dac48205a55c0
report medium 2026-11-20 2026-11 a827d6a14a68134e0c4a0f06ce48ae0c492c957067cf09c84b1028dd33d9ce6f
plan medium 2026-06-01 538 2dcaf8fef8a9ad72fe1985b1d224457b172bfbc9f6319cc5a3116b3789e24c68
report medium 2026-06-01 2026-05 492798b296ec4f3851e64ac2311daf1badd03adc456b326074a6384744b79ba1
report medium 2026-06-01 2026-06 19807d26451d8072782be4fc5fe60d7064975c25a396a38e8aa8f46ed5083ca8
plan medium 2027-02-01 538 f0d84c7bf1e32d1e43c0a59adadd47d1c85e9ee7deb8c6a609fe8ffd6ad9e7ec
report medium 2027-02-01 2027-01 62004bffcc6637c6373fbc890ac18049562d14e480eaaea9ac4b5743da7b0055
report medium 2027-02-01 2027-02 ab0f9943409b051b86ef4073ca384fed2398a9e684f2be49a63b57ef03291a12
plan large 2026-11-20 1259 cffda827141522c013cd4000906671f7765f8c8c074c574c6557581a464d9112
report large 2026-11-20 2026-10 d1566a91940003d1132f5a114f6236b9af64a291411dacf09b847bb029871c44
report large 2026-11-20 2026-11 3b2c0814c6c3df289184907e08c7f595ec4400eeca7ae20ed776c3c7a5c43699
plan edited 2026-11-20 539 8beac2d305d7461f6e5a1fdfbd6e5cba53739c6a343931322bec1141181fcb33
report edited 2026-11-20 2026-10 b96ff89b9169b6b704663b43f25c1de3f73dbbb8e48a74cffd7230b301ebdbbb
report edited 2026-11-20 2026-11 14f9943dfeb42f7f0460428e4352c0c461c6238561980f0775298aac8d09b937
plan edited 2027-02-01 539 84028de4c94ef5588982584e69744ede8c48ac567cd5f0f411c152143e3ad710
report edited 2027-02-01 2027-01 d1c5807af7d1e2ba1b542c53e33498e4aa751b16337bc79c43f9ce36fa0e50ad
report edited 2027-02-01 2027-02 42018bd38302faa408b018db75660da092459be3e756551d9ace9cf3542cc4c9
";

#[test]
fn the_plan_and_the_report_are_unchanged_on_generated_offices() {
    let got = digests().join("\n");
    assert_eq!(got, RECORDED.trim_end(), "\ngot:\n{got}\n");
}
