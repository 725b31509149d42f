//! How long reading a whole office's backup takes natively: in one go
//! (`backup::parse`), step by step (`backup::Reading`, as the browser reads
//! it, the page held for one step at a time) with each stage's time and its
//! longest step, and the comparison with this tablet's records the import
//! dialog makes afterwards.
//!
//! `cargo run --release -p huifang-core --features sample --example office_backup -- /tmp/office.json`
//! `cargo run --release -p huifang-core --example import_steps -- /tmp/office.json`

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use huifang_core::backup::{merge, parse, preview, Backup, Reading, Step};
use huifang_core::Dataset;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: import_steps FILE.json")?;
    let bytes = std::fs::read(&path)?;
    println!("{path}: {:.1} MB", bytes.len() as f64 / 1e6);

    let started = Instant::now();
    let backup = parse(&bytes).map_err(|e| e.to_string())?;
    println!("parse in one go: {:.2?}", started.elapsed());

    let stepped = stepwise(&bytes)?;
    if stepped != backup {
        return Err("the stepwise reading differs from parse".into());
    }
    drop(bytes);
    compare(&backup);
    Ok(())
}

/// Reads `bytes` a step at a time, printing each stage's total and longest step.
fn stepwise(bytes: &[u8]) -> Result<Backup, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut reading = Reading::new(bytes);
    // (stage, steps, time, longest step)
    let mut stages: Vec<(String, usize, Duration, Duration)> = Vec::new();
    let (mut steps, mut longest) = (0, Duration::ZERO);
    let backup = loop {
        let stage = stage_of(&reading);
        let step_started = Instant::now();
        let step = reading.step().map_err(|e| e.to_string())?;
        let took = step_started.elapsed();
        steps += 1;
        longest = longest.max(took);
        match stages.last_mut() {
            Some(s) if s.0 == stage => {
                s.1 += 1;
                s.2 += took;
                s.3 = s.3.max(took);
            }
            _ => stages.push((stage, 1, took, took)),
        }
        match step {
            Step::Reading(next) => reading = next,
            Step::Done(backup) => break *backup,
        }
    };
    println!("step by step: {:.2?} in {steps} steps, the longest {longest:.2?}", started.elapsed());
    for (stage, steps, time, longest) in stages {
        println!("  {stage:<16} {steps:>4} steps {time:>10.2?}, longest {longest:.2?}");
    }
    Ok(backup)
}

/// The stage a reading is at, from its `Debug` text.
fn stage_of(reading: &Reading) -> String {
    let text = format!("{reading:?}");
    text.split('"').nth(1).unwrap_or_default().to_owned()
}

/// The import dialog's comparison, with an empty tablet and with one that
/// holds the same records.
fn compare(backup: &Backup) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    for (tablet, local) in [("an empty tablet", Dataset::default()), ("the same records", backup.data.clone())] {
        let started = Instant::now();
        let merged = merge::merge(&local, &backup.data);
        let merging = started.elapsed();
        let started = Instant::now();
        let _ = (preview::date_range(&backup.data), preview::restore_preview(&local, &backup.data, today));
        println!(
            "compare with {tablet}: merge {merging:.2?} ({}), restore preview {:.2?}",
            if merged.is_ok() { "ok" } else { "refused" },
            started.elapsed()
        );
    }
}
