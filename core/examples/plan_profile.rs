//! Builds the benchmark office once, then computes the plan (or the
//! monthly report) a few times: a small program to run under a profiler,
//! e.g. `valgrind --tool=callgrind`, where instruction counts are steady
//! even on a busy machine.
//!
//! `cargo build --profile bench -p huifang-core --features sample --example plan_profile`
//! then `plan_profile [plan|report|save|load] [runs]`; `save` times the
//! plan kept between writes after each of `runs` revisit results; `load`
//! times what a cold start does once the rows are read (decode, sort,
//! index, plan) and counts the bytes the records hold.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

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
    if what == "load" {
        load(&data, today);
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

/// Times what a cold start does after reading the rows: decode, sort by
/// entry, index, plan; and the heap the decoded records hold.
fn load(data: &huifang_core::model::Dataset, today: NaiveDate) {
    use huifang_core::model::{Case, Customer, Dataset, Revisit};
    let text = |json: Result<String, serde_json::Error>| json.unwrap_or_default();
    let customers = text(serde_json::to_string(&data.customers));
    let cases = text(serde_json::to_string(&data.cases));
    let revisits = text(serde_json::to_string(&data.revisits));
    println!(
        "JSON: customers {} MB, cases {} MB, revisits {} MB",
        customers.len() >> 20,
        cases.len() >> 20,
        revisits.len() >> 20
    );
    let before = HELD.load(Ordering::Relaxed);
    let started = std::time::Instant::now();
    let mut loaded = Dataset {
        customers: serde_json::from_str::<Vec<Customer>>(&customers).unwrap_or_default(),
        cases: serde_json::from_str::<Vec<Case>>(&cases).unwrap_or_default(),
        revisits: serde_json::from_str::<Vec<Revisit>>(&revisits).unwrap_or_default(),
        staff: data.staff.clone(),
        settings: data.settings.clone(),
        ..Dataset::default()
    };
    println!("decode: {:.2?}, holding {} MB", started.elapsed(), (HELD.load(Ordering::Relaxed) - before) >> 20);
    let started = std::time::Instant::now();
    loaded.sort_by_entry();
    println!("sort by entry: {:.2?}", started.elapsed());
    let started = std::time::Instant::now();
    let at = Positions::new(&loaded);
    println!("positions: {:.2?}", started.elapsed());
    let started = std::time::Instant::now();
    let p = Planner::default().plan(&loaded, &at, today);
    println!("plan: {:.2?}, {} items", started.elapsed(), p.items.len());
}

/// Bytes allocated and not yet freed, for `load`.
static HELD: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting into [`HELD`].
struct Counting;

// SAFETY: every call is passed on unchanged to the system allocator.
// Counting memory needs a global allocator, an unsafe trait: the one
// place the workspace allows unsafe code.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;
