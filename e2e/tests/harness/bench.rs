//! What the browser benchmarks share (`backup_bench`, `app_bench`): the
//! page-side monitors of frames and JS heap, the renderer's peak memory,
//! and waits long enough for a whole office.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::Locator;

use super::Browser;

/// How long a benchmark waits for one step: at office scale a step may
/// take minutes, and a slow figure is still a figure.
pub const LONG: Duration = Duration::from_secs(600);

/// Page-side monitors: the peak JS heap (sampled whenever the page is free
/// to run a timer) and the longest gap between animation frames, which is
/// how long the page was unresponsive at worst.
pub const MONITOR: &str = r#"
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

pub async fn reset_monitor(b: &Browser) {
    b.client
        .execute(
            "window.__bench.peak = 0; window.__bench.longest = 0; window.__bench.last = performance.now();",
            vec![],
        )
        .await
        .expect("reset monitor");
}

/// (peak JS heap in MB, longest frame in ms) since the last reset.
pub async fn monitor(b: &Browser) -> (f64, f64) {
    let v = b.client.execute("return [window.__bench.peak, window.__bench.longest];", vec![]).await.expect("monitor");
    (v[0].as_f64().unwrap_or(0.0) / 1e6, v[1].as_f64().unwrap_or(0.0))
}

/// The pids of this browser's renderer processes (they name its profile
/// directory on their command line).
fn renderers(profile: &Path) -> Vec<PathBuf> {
    let profile = profile.display().to_string();
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let cmdline = std::fs::read(p.join("cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline);
            cmdline.contains("--type=renderer") && cmdline.contains(&profile)
        })
        .collect()
}

/// A process's peak resident memory (VmHWM) in kB.
fn hwm_kb(proc_dir: &Path) -> u64 {
    status_kb(proc_dir, "VmHWM:")
}

/// A figure in kB of a process's `status` (`VmHWM:`, `VmRSS:`).
fn status_kb(proc_dir: &Path, field: &str) -> u64 {
    let status = std::fs::read_to_string(proc_dir.join("status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0)
}

/// The largest renderer's resident memory now (VmRSS), in MB.
pub fn renderer_resident_mb(b: &Browser) -> f64 {
    renderers(b.profile_dir()).iter().map(|p| status_kb(p, "VmRSS:")).max().unwrap_or(0) as f64 / 1024.0
}

/// The renderer processes' peak resident memory (VmHWM), in MB: it covers
/// the wasm memory, which the JS heap figure does not.
pub fn renderer_peak_mb(b: &Browser) -> f64 {
    renderers(b.profile_dir()).iter().map(|p| hwm_kb(p)).max().unwrap_or(0) as f64 / 1024.0
}

/// Samples the renderers' peak resident memory in the background, so a
/// renderer that a navigation replaces is still counted, and splits the
/// run into phases: [`phase`](Self::phase) returns the peak since the
/// last call and starts the next one (resetting the kernel's high-water
/// mark through `clear_refs`, when this user may).
pub struct RendererMemory {
    profile: PathBuf,
    peak_kb: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    sampler: Option<std::thread::JoinHandle<()>>,
    /// Whether the high-water mark could be reset between phases (else
    /// each phase's figure includes the ones before it).
    pub resets: bool,
}

impl RendererMemory {
    pub fn start(b: &Browser) -> Self {
        let profile = b.profile_dir().to_owned();
        let peak_kb = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let sampler = {
            let (profile, peak_kb, stop) = (profile.clone(), peak_kb.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let now = renderers(&profile).iter().map(|p| hwm_kb(p)).max().unwrap_or(0);
                    peak_kb.fetch_max(now, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(200));
                }
            })
        };
        Self { profile, peak_kb, stop, sampler: Some(sampler), resets: true }
    }

    /// The peak in MB since the last phase began; begins the next.
    pub fn phase(&mut self) -> f64 {
        let procs = renderers(&self.profile);
        let now = procs.iter().map(|p| hwm_kb(p)).max().unwrap_or(0);
        let peak = self.peak_kb.fetch_max(now, Ordering::Relaxed).max(now);
        // Writing 5 to clear_refs resets VmHWM to the current resident size.
        for p in &procs {
            if std::fs::write(p.join("clear_refs"), "5").is_err() {
                self.resets = false;
            }
        }
        self.peak_kb.store(0, Ordering::Relaxed);
        peak as f64 / 1024.0
    }
}

impl Drop for RendererMemory {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.sampler.take() {
            let _ = t.join();
        }
    }
}

pub async fn text_of(b: &Browser, css: &str) -> Option<String> {
    match b.client.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.ok(),
        Err(_) => None,
    }
}

/// Waits (up to [`LONG`]) until `css`'s text contains `expected`; fails
/// early if the notice bar says the app refused.
pub async fn wait_for_text(b: &Browser, css: &str, expected: &str) {
    try_wait_for_text(b, css, expected).await.unwrap_or_else(|e| panic!("{e}"))
}

/// [`wait_for_text`] that says why it gave up instead of failing.
pub async fn try_wait_for_text(b: &Browser, css: &str, expected: &str) -> Result<(), String> {
    let started = Instant::now();
    loop {
        if text_of(b, css).await.is_some_and(|t| t.contains(expected)) {
            return Ok(());
        }
        if let Some(n) = text_of(b, "#notice").await.filter(|t| !t.contains(expected) && css != "#notice") {
            if n.contains("无法") || n.contains("失败") {
                return Err(format!("the app refused: {n}"));
            }
        }
        if started.elapsed() > LONG {
            return Err(format!("{css} never showed {expected:?}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Empties the download folder, so the next finished file is the new one.
pub fn clear_downloads(b: &Browser) {
    for old in std::fs::read_dir(b.downloads.path()).expect("download dir").flatten() {
        let _ = std::fs::remove_file(old.path());
    }
}

/// Waits (up to [`LONG`]) for a finished download ending in `suffix`.
pub async fn finished_download(b: &Browser, suffix: &str) -> PathBuf {
    b.download_within(suffix, LONG).await.unwrap_or_else(|| panic!("no {suffix} download finished"))
}
