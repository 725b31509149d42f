//! Writes a backup file of a generated office (`sample::office`), for the
//! browser import/export benchmark (`scripts/bench-backup`), and prints how
//! long exporting and re-reading it takes natively.
//!
//! `cargo run --release -p huifang-core --features sample --example office_backup -- OUT.json [households cases revisits]`

use std::time::Instant;

use chrono::{DateTime, NaiveDate};
use huifang_core::backup::{parse, Backup};
use huifang_core::sample::office;
use uuid::Uuid;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().ok_or("usage: office_backup OUT.json [households cases revisits]")?;
    let n = |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let (households, cases, revisits) = (n(1, 20_000), n(2, 100_000), n(3, 200_000));
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).ok_or("date")?;
    let data = office(households, cases, revisits, 2026, today);
    let exported_at = DateTime::from_timestamp(1_795_000_000, 0).ok_or("time")?;

    let started = Instant::now();
    let json = Backup::new(data, "bench", Uuid::from_u128(0xBE5C), exported_at).to_json();
    let export = started.elapsed();
    std::fs::write(out, &json)?;

    let started = Instant::now();
    let back = parse(json.as_bytes()).map_err(|e| e.to_string())?;
    let import = started.elapsed();
    println!(
        "{out}: {:.1} MB; {} households, {} cases, {} revisits; native export {export:.2?}, parse and check {import:.2?}",
        json.len() as f64 / 1e6,
        back.data.customers.len(),
        back.data.cases.len(),
        back.data.revisits.len(),
    );
    Ok(())
}
