//! Builds the benchmark office once, then computes the plan (or the
//! monthly report) a few times: a small program to run under a profiler,
//! e.g. `valgrind --tool=callgrind`, where instruction counts are steady
//! even on a busy machine.
//!
//! `cargo build --profile bench -p huifang-core --features sample --example plan_profile`
//! then `plan_profile [plan|report|save] [runs]`; `save` times the plan
//! kept between writes after each of `runs` revisit results.

use chrono::NaiveDate;
use huifang_core::model::{Changes, Method, Positions, RevisitResult, Satisfaction};
use huifang_core::report::monthly_report;
use huifang_core::sample::office;
use huifang_core::scheduler::{plan, Planner};
use huifang_core::YearMonth;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("plan", String::as_str);
    let runs: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    // The same office as core/benches/engine.rs.
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or(NaiveDate::MIN);
    let mut data = office(20_000, 100_000, 200_000, 2026, today);
    if what == "save" {
        save_results(&mut data, today, runs);
        return;
    }
    let started = std::time::Instant::now();
    for _ in 0..runs {
        match what {
            "report" => {
                let r = monthly_report(&data, YearMonth { year: 2026, month: 10 }, today);
                std::hint::black_box(r);
            }
            _ => {
                let p = plan(&data, today);
                println!("{} items, {} warnings", p.items.len(), p.warnings.len());
                std::hint::black_box(p);
            }
        }
    }
    println!("{what}: {:.2?} per run", started.elapsed() / runs.max(1));
}

/// Completes `runs` started revisits one by one, timing the kept plan after each.
fn save_results(data: &mut huifang_core::model::Dataset, today: NaiveDate, runs: u32) {
    data.sort_by_entry();
    let mut at = Positions::new(data);
    let mut planner = Planner::default();
    let started = std::time::Instant::now();
    let first = planner.plan(data, &at, today);
    println!("first plan: {:.2?}, {} items", started.elapsed(), first.items.len());
    let open: Vec<_> = data.revisits.iter().filter(|r| !r.is_finished()).map(|r| r.id).take(runs as usize).collect();
    let started = std::time::Instant::now();
    for id in open {
        let Some(r) = at.revisit(data, id).cloned() else { continue };
        let result = RevisitResult {
            method: Method::Phone,
            visited_on: today,
            at: None,
            staff_id: None,
            content: "已回访".into(),
            satisfaction: Satisfaction::Satisfied,
            issues: Vec::new(),
            reply_by: None,
            signature_id: None,
            escalate: false,
        };
        let changes = Changes::revisit(huifang_core::model::Revisit { result: Some(result), ..r });
        planner.note(data, &at, &changes);
        let touched = changes.touched();
        data.apply(changes);
        at.apply(data, &touched);
        std::hint::black_box(planner.plan(data, &at, today));
    }
    println!("save: {:.2?} per result", started.elapsed() / runs.max(1));
}
