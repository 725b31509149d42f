//! Benchmark, not a test (ignored by default; run by `scripts/bench-backup`):
//! imports and exports a whole office's backup (20,000 households, 100,000
//! cases, 200,000 revisits) in the release build in headless Chromium, and
//! prints the times, the peak JS heap, the renderer's peak memory and the
//! longest frame. Issue 4's targets: export < 5 s, import < 30 s with
//! visible progress and a responsive page.
//!
//! The file comes from `BACKUP_BENCH_FILE` (scripts/bench-backup writes it
//! with `cargo run --example office_backup`).

#[allow(dead_code)]
mod harness;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use harness::Browser;
use huifang_core::backup;

const LONG: Duration = Duration::from_secs(600);

/// Page-side monitors: the peak JS heap (sampled whenever the page is free
/// to run a timer) and the longest gap between animation frames, which is
/// how long the page was unresponsive at worst.
const MONITOR: &str = r#"
    window.__bench = { peak: 0, longest: 0, last: performance.now() };
    setInterval(() => {
        const used = performance.memory ? performance.memory.usedJSHeapSize : 0;
        if (used > window.__bench.peak) window.__bench.peak = used;
    }, 50);
    const frame = (t) => {
        const gap = t - window.__bench.last;
        if (gap > window.__bench.longest) window.__bench.longest = gap;
        window.__bench.last = t;
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
"#;

async fn reset_monitor(b: &Browser) {
    b.client
        .execute(
            "window.__bench.peak = 0; window.__bench.longest = 0; window.__bench.last = performance.now();",
            vec![],
        )
        .await
        .expect("reset monitor");
}

/// (peak JS heap in MB, longest frame in ms) since the last reset.
async fn monitor(b: &Browser) -> (f64, f64) {
    let v = b.client.execute("return [window.__bench.peak, window.__bench.longest];", vec![]).await.expect("monitor");
    (v[0].as_f64().unwrap_or(0.0) / 1e6, v[1].as_f64().unwrap_or(0.0))
}

/// The renderer processes' peak resident memory (VmHWM), in MB: it covers
/// the wasm memory, which the JS heap figure does not.
fn renderer_peak_mb(b: &Browser) -> f64 {
    let profile = b.profile_dir().display().to_string();
    let mut peak_kb = 0u64;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline);
        if !cmdline.contains("--type=renderer") || !cmdline.contains(&profile) {
            continue;
        }
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
        peak_kb = peak_kb.max(hwm);
    }
    peak_kb as f64 / 1024.0
}

async fn text_of(b: &Browser, css: &str) -> Option<String> {
    match b.client.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.ok(),
        Err(_) => None,
    }
}

async fn wait_for_text(b: &Browser, css: &str, expected: &str) {
    let started = Instant::now();
    loop {
        if text_of(b, css).await.is_some_and(|t| t.contains(expected)) {
            return;
        }
        if let Some(n) = text_of(b, "#notice").await.filter(|t| !t.contains(expected) && css != "#notice") {
            assert!(!n.contains("无法") && !n.contains("失败"), "the app refused: {n}");
        }
        assert!(started.elapsed() < LONG, "{css} never showed {expected:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

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
    for old in std::fs::read_dir(b.downloads.path()).expect("download dir").flatten() {
        let _ = std::fs::remove_file(old.path());
    }
    reset_monitor(b).await;
    let started = Instant::now();
    b.click("#export").await;
    let out = loop {
        let done = std::fs::read_dir(b.downloads.path())
            .expect("download dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.to_string_lossy().ends_with(".json"));
        if let Some(path) = done {
            break path;
        }
        assert!(started.elapsed() < LONG, "the export never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let exported_in = started.elapsed();
    let (export_heap, export_frame) = monitor(b).await;
    println!(
        "export {when}: {:.1} s to a finished download (target < 5 s); peak JS heap {export_heap:.0} MB, longest frame {export_frame:.0} ms",
        exported_in.as_secs_f64()
    );
    backup::parse(&std::fs::read(&out).expect("read export")).expect("the export is a valid backup")
}
