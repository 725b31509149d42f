//! Benchmark, not a test (ignored by default; run by `scripts/bench-backup`):
//! imports and exports a whole office's backup (20,000 households, 100,000
//! cases, 200,000 revisits) in the release build in headless Chromium, and
//! prints the times, the peak JS heap, the renderer's peak memory and the
//! longest frame. The targets: export < 5 s, import < 30 s with visible
//! progress and a responsive page.
//!
//! The file comes from `BACKUP_BENCH_FILE` (scripts/bench-backup writes it
//! with `cargo run --example office_backup`).

mod harness;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use harness::bench::{
    clear_downloads, finished_download, monitor, renderer_peak_mb, reset_monitor, text_of, wait_for_text, LONG, MONITOR,
};
use harness::Browser;
use huifang_core::backup;

/// The records of each kind in id order, to compare two listings of the same data.
fn by_id(mut d: huifang_core::Dataset) -> huifang_core::Dataset {
    d.customers.sort_by_key(|r| r.id);
    d.cases.sort_by_key(|r| r.id);
    d.revisits.sort_by_key(|r| r.id);
    d.staff.sort_by_key(|r| r.id);
    d.open_letters.sort_by_key(|r| r.id);
    d.signatures.sort_by_key(|r| r.id);
    d
}

#[tokio::test]
#[ignore = "benchmark: run by scripts/bench-backup"]
async fn import_and_export_a_whole_office() {
    let file = PathBuf::from(std::env::var("BACKUP_BENCH_FILE").expect("BACKUP_BENCH_FILE: a backup to import"));
    let expected = backup::parse(&std::fs::read(&file).expect("read the backup")).expect("a valid backup");
    let c = expected.counts;
    let size_mb = std::fs::metadata(&file).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!(
        "backup: {size_mb:.0} MB, {} households, {} cases, {} revisits, {} signatures",
        c.customers, c.cases, c.revisits, c.signatures
    );

    let b = Browser::start_with(&["--enable-precise-memory-info"]).await;
    b.open("#/data").await;
    b.find("#import-file").await;
    b.client.execute(MONITOR, vec![]).await.expect("monitor");

    // Import: choose the file → checked and previewed → restore written.
    let started = Instant::now();
    b.find("#import-file").await.send_keys(&file.display().to_string()).await.expect("choose file");
    wait_for_text(&b, "#import-preview", &c.revisits.to_string()).await;
    let checked = started.elapsed();
    let (check_heap, check_frame) = monitor(&b).await;

    reset_monitor(&b).await;
    let writing = Instant::now();
    b.click("#import-confirm").await;
    // Watch the progress bar move while the rows are written.
    let mut progress_seen = Vec::new();
    loop {
        if text_of(&b, "#notice").await.is_some_and(|t| t.contains("备份已导入")) {
            break;
        }
        if let Ok(p) = b.client.find(Locator::Css("#import-progress")).await {
            if let Ok(Some(v)) = p.attr("value").await {
                if progress_seen.last() != Some(&v) {
                    progress_seen.push(v);
                }
            }
        }
        if let Some(n) = text_of(&b, "#notice").await {
            assert!(!n.contains("失败") && !n.contains("无法"), "the import failed: {n}");
        }
        assert!(writing.elapsed() < LONG, "the import never finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let written = writing.elapsed();
    wait_for_text(&b, "#data-counts", &format!("回访 {} 条", c.revisits)).await;
    let import_total = started.elapsed();
    let (write_heap, write_frame) = monitor(&b).await;
    println!(
        "import: checked and previewed in {:.1} s, written in {:.1} s ({} progress steps seen), \
         shown in {:.1} s; total {:.1} s (target < 30 s)",
        checked.as_secs_f64(),
        written.as_secs_f64(),
        progress_seen.len(),
        (import_total - checked - written).as_secs_f64(),
        import_total.as_secs_f64()
    );
    println!(
        "import: peak JS heap {:.0} MB, longest frame {:.0} ms while checking, {:.0} ms while writing",
        check_heap.max(write_heap),
        check_frame,
        write_frame
    );

    // Export of the records on screen (those the import showed).
    let exported = export(&b, "after the import").await;
    // Storage lists records by creation time, the generator by its own
    // order: the same records either way.
    let expected = by_id(expected.data);
    assert!(by_id(exported.data) == expected, "the export holds exactly what was imported");

    // Reload: every record read back from IndexedDB, then exported again,
    // which proves the database holds exactly the file's records.
    let started = Instant::now();
    b.client.refresh().await.expect("reload");
    wait_for_text(&b, "#data-counts", &format!("回访 {} 条", c.revisits)).await;
    println!("reload: {:.1} s until every record is read from IndexedDB and shown", started.elapsed().as_secs_f64());
    b.client.execute(MONITOR, vec![]).await.expect("monitor");
    let stored = export(&b, "after a reload").await;
    assert!(by_id(stored.data) == expected, "the database holds exactly what was imported");
    println!("renderer peak resident memory (VmHWM, includes wasm): {:.0} MB", renderer_peak_mb(&b));
    b.close().await;
}

/// Clicks Export and waits for the finished download; prints the figures.
async fn export(b: &Browser, when: &str) -> backup::Backup {
    clear_downloads(b);
    reset_monitor(b).await;
    let started = Instant::now();
    b.click("#export").await;
    let out = finished_download(b, ".json").await;
    let exported_in = started.elapsed();
    let (export_heap, export_frame) = monitor(b).await;
    println!(
        "export {when}: {:.1} s to a finished download (target < 5 s); peak JS heap {export_heap:.0} MB, longest frame {export_frame:.0} ms",
        exported_in.as_secs_f64()
    );
    backup::parse(&std::fs::read(&out).expect("read export")).expect("the export is a valid backup")
}
