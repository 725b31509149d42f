//! Builds the benchmark office once, then computes the plan (or the
//! monthly report) a few times: a small program to run under a profiler,
//! e.g. `valgrind --tool=callgrind`, where instruction counts are steady
//! even on a busy machine.
//!
//! `cargo build --profile bench -p huifang-core --features sample --example plan_profile`
//! then `plan_profile [plan|report] [runs]`.

use chrono::NaiveDate;
use huifang_core::report::monthly_report;
use huifang_core::sample::office;
use huifang_core::scheduler::plan;
use huifang_core::YearMonth;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("plan", String::as_str);
    let runs: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    // The same office as core/benches/engine.rs.
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or(NaiveDate::MIN);
    let data = office(20_000, 100_000, 200_000, 2026, today);
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
