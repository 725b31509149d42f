//! How long the engine takes on a large office: 20,000 households, 100,000
//! cases and 200,000 revisits over three years (`sample::office`).
//! Run with `scripts/bench` (or `cargo bench -p huifang-core --features sample --bench engine`).

use std::sync::LazyLock;

use chrono::NaiveDate;
use huifang_core::report::monthly_report;
use huifang_core::sample::office;
use huifang_core::scheduler::{plan, plan_beyond, settle};
use huifang_core::settled::Settled;
use huifang_core::{Dataset, YearMonth};

const HOUSEHOLDS: usize = 20_000;
const CASES: usize = 100_000;
const REVISITS: usize = 200_000;
const SEED: u64 = 2026;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or(NaiveDate::MIN)
}

/// Generated once, before any timing starts (see `main`).
static DATA: LazyLock<Dataset> = LazyLock::new(|| office(HOUSEHOLDS, CASES, REVISITS, SEED, today()));

fn main() {
    let started = std::time::Instant::now();
    let data = &*DATA;
    println!(
        "office: {} households, {} cases, {} revisits, {} open letters (generated in {:.2?})",
        data.customers.len(),
        data.cases.len(),
        data.revisits.len(),
        data.open_letters.len(),
        started.elapsed()
    );
    on_cpu_figures(data);
    settled_figures(data);
    divan::main();
}

/// This thread's time on a CPU so far (Linux), in nanoseconds.
fn on_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// On a shared machine wall-clock medians include time spent waiting for a
/// core; the time actually on a CPU per report says what the code costs.
fn on_cpu_figures(data: &Dataset) {
    const RUNS: u32 = 20;
    let month = YearMonth { year: 2026, month: 10 };
    let Some(before) = on_cpu_ns() else { return };
    let wall = std::time::Instant::now();
    for _ in 0..RUNS {
        divan::black_box(monthly_report(divan::black_box(data), month, today()));
    }
    let wall = wall.elapsed() / RUNS;
    if let Some(after) = on_cpu_ns() {
        let cpu = std::time::Duration::from_nanos((after - before) / u64::from(RUNS));
        println!("monthly_report: {cpu:.2?} on CPU per report, {wall:.2?} wall (mean of {RUNS})");
    }
}

/// The office once its settled months' records that owe nothing left,
/// and what is known of them.
static WORKING: LazyLock<(Dataset, Settled)> = LazyLock::new(|| {
    let mut working = DATA.clone();
    let all = plan(&working, today());
    let taken = settle(&mut working, &all, &Settled::default(), today());
    (working, Settled::new(taken.iter().map(|m| &m.digest)))
});

/// How much of the office stays held once the old months settle, and a
/// check that the plan beyond them is the plan over every record.
fn settled_figures(data: &Dataset) {
    let started = std::time::Instant::now();
    let (working, settled) = &*WORKING;
    let took = started.elapsed();
    let share = |held: usize, all: usize| 100.0 * held as f64 / all.max(1) as f64;
    println!(
        "settled: {} months in {took:.2?}; held: {} cases ({:.0}%), {} revisits ({:.0}%)",
        settled.months().len(),
        working.cases.len(),
        share(working.cases.len(), data.cases.len()),
        working.revisits.len(),
        share(working.revisits.len(), data.revisits.len()),
    );
    assert_eq!(plan_beyond(working, settled, today()), plan(data, today()), "the plan beyond settled months");
}

/// One month's report, with its 12-month trend and the quarter's repair sample.
#[divan::bench(sample_count = 40)]
fn report_one_month() -> huifang_core::report::MonthlyReport {
    monthly_report(divan::black_box(&DATA), YearMonth { year: 2026, month: 10 }, today())
}

/// The whole revisit plan for today: every open revisit, its window,
/// assignee and reasons.
#[divan::bench(sample_count = 40)]
fn full_plan() -> huifang_core::scheduler::Plan {
    plan(divan::black_box(&DATA), today())
}

/// The same plan over the records held once the old months settled.
#[divan::bench(sample_count = 40)]
fn plan_beyond_settled() -> huifang_core::scheduler::Plan {
    let (working, settled) = &*WORKING;
    plan_beyond(divan::black_box(working), settled, today())
}

/// The plan's shared groundwork, timed apart to show where the time goes.
mod groundwork {
    use huifang_core::eligibility::{eligible_cases, selection, Exemptions};
    use huifang_core::model::Index;

    use super::DATA;

    #[divan::bench(sample_count = 20)]
    fn index() -> usize {
        Index::new(divan::black_box(&DATA)).cases.len()
    }

    #[divan::bench(sample_count = 20)]
    fn eligible_and_selected() -> usize {
        let data = divan::black_box(&*DATA);
        let index = Index::new(data);
        let ex = Exemptions::new(data);
        let eligible = eligible_cases(data, &index, &ex);
        selection(&eligible, &index, &ex, &data.settings.policies).len()
    }
}
