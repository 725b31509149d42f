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
report small 2025-03-03 2025-02 b59d9cc5f45ccda42a00deb46fdf912bca79aaee1c07266358987682dbaacf12
report small 2025-03-03 2025-03 bb4310d97bacd72e89b36027137b759e3a72d74bd0545cb2f7106453e8d30bf5
plan small 2025-06-30 126 53e9296e399079c1ea323f2b5924e2d1aadfe7bcd79246207d91b664db87b940
report small 2025-06-30 2025-05 9e9325543be64a9bca42d26047df112a3f976903bc12ed303f322521d633c33f
report small 2025-06-30 2025-06 24e68f94c34353c1dfe155ff6a226acf2cf2776d5b410702a0bccceaf42a1970
plan medium 2026-11-20 538 40782c3fbb4334af79a904a00ef35e2c487025e2b61ba16827ceeeabe10fd3b6
report medium 2026-11-20 2026-10 2d62195be55b857d1c88407fbb2672c003cd93021077816ea7b8e84688c6773a
report medium 2026-11-20 2026-11 30d15c5307e60757c1d0bd8e5d27a9aa0fb9a970288600e8dc859b81415e2345
plan medium 2026-06-01 538 2dcaf8fef8a9ad72fe1985b1d224457b172bfbc9f6319cc5a3116b3789e24c68
report medium 2026-06-01 2026-05 665b4624e5763a5618435fb1aa2d722dc3009930132082d90746f3d5906cdff9
report medium 2026-06-01 2026-06 113755338da88cebb7a7fdbd1ac0fb9213b327e857b133c01c672267fd4d52af
plan medium 2027-02-01 538 f0d84c7bf1e32d1e43c0a59adadd47d1c85e9ee7deb8c6a609fe8ffd6ad9e7ec
report medium 2027-02-01 2027-01 e501a4d613fd2ea936abe1d07ae96d5acd75583700789b8c9492fdffdfeaa323
report medium 2027-02-01 2027-02 ed89d51203f09b8e4b5e1fa7b4eae35d0fed2e549427b824080df0126382540e
plan large 2026-11-20 1259 cffda827141522c013cd4000906671f7765f8c8c074c574c6557581a464d9112
report large 2026-11-20 2026-10 d28e126ab0c50397d8d54b7d3bc81b595f40859de415a86399611ac79bfe49a2
report large 2026-11-20 2026-11 e7d9a24b1db453ab47715883d6734a238916928f583280906912976c47e9035d
plan edited 2026-11-20 539 8beac2d305d7461f6e5a1fdfbd6e5cba53739c6a343931322bec1141181fcb33
report edited 2026-11-20 2026-10 d6dd8381065030fa253d737697bb4ea0e95908ee895bfc0f86211ca09f88aab6
report edited 2026-11-20 2026-11 30b25c42e056d92702f52f6f2ed1ebcd9bf52f35013c43197990125a3c5fa401
plan edited 2027-02-01 539 84028de4c94ef5588982584e69744ede8c48ac567cd5f0f411c152143e3ad710
report edited 2027-02-01 2027-01 edd5d7f79093cf07c7c7084db8561908208364af20f98227dbf5febe74f48d58
report edited 2027-02-01 2027-02 bdf09fe610aeef1c5d6967ff990ccdd6606b295514d3441b55b155d2b6284522
";

#[test]
fn the_plan_and_the_report_are_unchanged_on_generated_offices() {
    let got = digests().join("\n");
    assert_eq!(got, RECORDED.trim_end(), "\ngot:\n{got}\n");
}
