//! Benchmark, not a test (ignored by default; run by `scripts/bench-app`):
//! a generated office imported through the Data page of the release build
//! in headless Chromium, then the everyday actions a desk does, each timed
//! from the click to the updated screen, then a plain-JavaScript IndexedDB
//! baseline on the same records. Prints a table, and as its last line the
//! figures on one line.
//!
//! The file comes from `APP_BENCH_FILE` (scripts/bench-app writes it with
//! `cargo run --example office_backup`).
//!
//! Times of the everyday actions are taken inside the page with
//! `performance.now()`: from just before the script's click to the frame
//! after the expected element appears (a MutationObserver sees it, then one
//! animation frame and one task later the screen has been painted), so the
//! WebDriver round trips do not count. Each action is done 3 times; the
//! median is reported.

mod harness;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;
use harness::bench::{
    clear_downloads, monitor, renderer_resident_mb, reset_monitor, text_of, try_wait_for_text, RendererMemory, LONG,
    MONITOR,
};
use harness::Browser;
use huifang_core::backup;
use serde_json::{json, Value};

const RUNS: usize = 3;

/// Installs `window.__measure(click, conds, fail)`: clicks `click`, then
/// stamps, for each named condition (a JS function body returning true once
/// the screen shows it), the time from the click until the frame after it
/// first held. `fail` (a function body returning an error text or null)
/// stops the measure early, e.g. when the form refuses. The notice bar's
/// node at click time is `window.__m.old`, so a condition can ask for a new one.
const MEASURE: &str = r#"
window.__measure = (click, conds, fail) => {
    const m = { t0: 0, seen: {}, shown: {}, error: null, done: false, old: document.querySelector('#notice') };
    window.__m = m;
    const target = document.querySelector(click);
    if (!target) { m.error = 'nothing matches ' + click; m.done = true; return; }
    const tests = conds.map(([name, body]) => [name, new Function(body)]);
    const failed = fail ? new Function(fail) : () => null;
    let obs = null;
    const stamp = (name) => {
        m.seen[name] = performance.now() - m.t0;
        requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
                m.shown[name] = performance.now() - m.t0;
                if (Object.keys(m.shown).length === tests.length) m.done = true;
            };
            ch.port2.postMessage(0);
        });
    };
    const check = () => {
        if (m.error || Object.keys(m.seen).length === tests.length) return;
        try {
            for (const [name, test] of tests) if (!(name in m.seen) && test()) stamp(name);
            if (Object.keys(m.seen).length === tests.length) { obs.disconnect(); return; }
            const why = failed();
            if (why) { m.error = why; m.done = true; obs.disconnect(); }
        } catch (e) { m.error = String(e); m.done = true; obs.disconnect(); }
    };
    obs = new MutationObserver(check);
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    const poll = () => { if (!m.done && !m.error) { check(); requestAnimationFrame(poll); } };
    m.t0 = performance.now();
    target.click();
    check();
    requestAnimationFrame(poll);
};
"#;

/// Added to every new document while cold starts are measured: stamps when
/// Today's list (or its empty note) first appears, in ms since navigation
/// start (a new document's `performance.now()` counts from its timeOrigin).
const COLD_WATCH: &str = r#"
(() => {
    const c = { seen: null, shown: null };
    window.__cold = c;
    // The app's wasm memory, to tell what it holds from what the renderer does.
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail && e.detail.wasm; });
    const hit = () => document.querySelector('#today-list .due-row, #today-empty');
    const obs = new MutationObserver(() => {
        if (c.seen !== null || !hit()) return;
        c.seen = performance.now();
        obs.disconnect();
        requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => { c.shown = performance.now(); };
            ch.port2.postMessage(0);
        });
    });
    obs.observe(document, { childList: true, subtree: true });
})();
"#;

/// The cold-started app's wasm memory and JS heap, in MB.
const HELD: &str = "const w = window.__wasm; \
    return { wasm_mb: w && w.memory ? w.memory.buffer.byteLength / 1048576 : null, \
             js_mb: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null };";

/// Resolves once the page has had no DOM change for 300 ms (and two
/// frames have passed): the app has finished the last action's reload.
/// Gives up after 2 minutes, should something on screen keep changing.
const SETTLE: &str = r#"
const done = arguments[arguments.length - 1];
const start = performance.now();
let last = start;
const obs = new MutationObserver(() => { last = performance.now(); });
obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
const tick = () => {
    const now = performance.now();
    if (now - last > 300 || now - start > 120000) { obs.disconnect(); done(now - last > 300); } else { setTimeout(tick, 50); }
};
requestAnimationFrame(() => requestAnimationFrame(tick));
"#;

/// The plain-JavaScript baseline: the same records, read from the same
/// file, split into buckets per kind by the app's rule (XOR of the id's
/// eight 16-bit words, folded onto the bucket number's bits; 1,024 buckets
/// for revisits and signatures, else 256), each bucket one row of UTF-8
/// JSON in one IndexedDB transaction; then every row read back, parsed,
/// and a backup's text built as a Blob. Runs in the background; progress in `window.__base`.
const BASELINE: &str = r#"
const B = { stage: 'starting', done: false, error: null };
window.__base = B;
(async () => {
    const KINDS = ['customers', 'cases', 'revisits', 'staff', 'open_letters', 'signatures'];
    const STORES = [...KINDS, 'settings'];
    const BUCKETS = { revisits: 1024, signatures: 1024 };
    const bucketOf = (id, count) => {
        const hex = id.replaceAll('-', '');
        let x = 0;
        for (let i = 0; i < 32; i += 4) x ^= parseInt(hex.substr(i, 4), 16);
        return (x ^ (x >> Math.log2(count))) % count;
    };
    // The file's records array by array, 16 MB of records per JSON.parse;
    // the rest of the file (header, settings) parsed on its own.
    const parseLarge = (bytes) => {
        const dec = new TextDecoder();
        const arrays = {};
        const skeleton = [];
        let depth = 0, inStr = false, keyStart = 0, key = null, kind = null, chunk = 0, outside = 0;
        const flush = (end) => {
            if (end > chunk) for (const r of JSON.parse('[' + dec.decode(bytes.subarray(chunk, end)) + ']')) arrays[kind].push(r);
            chunk = end + 1;
        };
        for (let i = 0, n = bytes.length; i < n; i++) {
            const c = bytes[i];
            if (inStr) {
                if (c === 92) i++;
                else if (c === 34) { inStr = false; if (depth === 2) key = dec.decode(bytes.subarray(keyStart, i)); }
                continue;
            }
            if (c === 34) { inStr = true; keyStart = i + 1; }
            else if (c === 123 || c === 91) {
                if (c === 91 && depth === 2) {
                    kind = key; arrays[kind] = []; chunk = i + 1;
                    skeleton.push(dec.decode(bytes.subarray(outside, i + 1)));
                }
                depth++;
            } else if (c === 125 || c === 93) {
                depth--;
                if (c === 93 && depth === 2 && kind !== null) { flush(i); kind = null; outside = i; }
            } else if (c === 44 && depth === 3 && kind !== null && i - chunk > 16e6) flush(i);
        }
        skeleton.push(dec.decode(bytes.subarray(outside)));
        const doc = JSON.parse(skeleton.join(''));
        for (const k of Object.keys(arrays)) doc.data[k] = arrays[k];
        return doc;
    };
    const req = (r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
    const committed = (tx) => new Promise((ok, no) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => no(tx.error); });
    await new Promise((ok) => { const d = indexedDB.deleteDatabase('bench-baseline'); d.onsuccess = d.onerror = d.onblocked = ok; });
    const opening = indexedDB.open('bench-baseline', 1);
    opening.onupgradeneeded = () => { for (const s of STORES) opening.result.createObjectStore(s); };
    const db = await req(opening);
    const file = document.querySelector('#bench-file').files[0];

    B.stage = 'import';
    let t0 = performance.now();
    // V8 cannot hold a string over ~512M characters: a larger file is
    // parsed a slice of records at a time.
    B.chunked = file.size > 450e6;
    let doc = B.chunked ? parseLarge(new Uint8Array(await file.arrayBuffer())) : JSON.parse(await file.text());
    B.parse_ms = performance.now() - t0;
    const enc = new TextEncoder();
    const tx = db.transaction(STORES, 'readwrite');
    B.rows = 0;
    for (const k of KINDS) {
        const count = BUCKETS[k] || 256;
        const buckets = Array.from({ length: count }, () => []);
        for (const r of doc.data[k]) buckets[bucketOf(r.id, count)].push(r);
        const store = tx.objectStore(k);
        buckets.forEach((records, i) => {
            if (records.length === 0) return;
            store.put({ count: records.length, records: enc.encode(JSON.stringify(records)) }, i);
            B.rows++;
        });
    }
    tx.objectStore('settings').put(enc.encode(JSON.stringify(doc.data.settings)), 0);
    const head = { format: doc.format, format_version: doc.format_version, app_version: doc.app_version, device_id: doc.device_id };
    B.counts = Object.fromEntries(KINDS.map((k) => [k, doc.data[k].length]));
    doc = null;
    await committed(tx);
    B.import_ms = performance.now() - t0;

    // Let the collector drop the parsed file before the export is timed.
    await new Promise((ok) => setTimeout(ok, 1000));
    B.stage = 'export';
    t0 = performance.now();
    const dec = new TextDecoder();
    const rtx = db.transaction(STORES, 'readonly');
    const reads = Object.fromEntries(STORES.map((s) => [s, req(rtx.objectStore(s).getAll())]));
    const data = {};
    for (const k of KINDS) data[k] = (await reads[k]).map((row) => JSON.parse(dec.decode(row.records)));
    const settings = JSON.parse(dec.decode((await reads.settings)[0]));
    const counts = Object.fromEntries(KINDS.map((k) => [k, data[k].reduce((n, rs) => n + rs.length, 0)]));
    // Built from parts: one string of a whole office's file would pass V8's
    // string length limit at the largest sizes.
    const parts = [JSON.stringify({ ...head, exported_at: new Date().toISOString(), counts }).slice(0, -1), ',"data":{'];
    KINDS.forEach((k, i) => {
        parts.push((i ? ',' : '') + JSON.stringify(k) + ':[');
        let first = true;
        for (const records of data[k]) {
            if (records.length === 0) continue;
            parts.push((first ? '' : ',') + JSON.stringify(records).slice(1, -1));
            first = false;
        }
        parts.push(']');
    });
    parts.push(',"settings":', JSON.stringify(settings), '}}');
    const blob = new Blob(parts, { type: 'application/json' });
    B.export_ms = performance.now() - t0;
    B.export_counts = counts;
    B.export_mb = blob.size / 1e6;
    db.close();
    B.stage = 'done';
    B.done = true;
})().catch((e) => { B.error = String(e && e.stack || e); B.done = true; });
"#;

/// One figure: a time in ms, or why it could not be taken.
type Figure = Result<f64, String>;

fn median(runs: &[Figure]) -> Figure {
    let mut ok: Vec<f64> = runs.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
    if ok.is_empty() {
        return Err(runs.iter().find_map(|r| r.as_ref().err().cloned()).unwrap_or_else(|| "not run".into()));
    }
    ok.sort_by(f64::total_cmp);
    Ok(ok[ok.len() / 2])
}

fn show(f: &Figure) -> String {
    match f {
        Ok(v) => format!("{v:.0}"),
        Err(_) => "na".into(),
    }
}

fn show_runs(runs: &[Figure]) -> String {
    runs.iter().map(show).collect::<Vec<_>>().join(" / ")
}

/// Clicks `click` from inside the page and waits for every condition;
/// returns, per condition, the ms from the click to the screen showing it.
async fn measure(b: &Browser, click: &str, conds: &[(&str, &str)], fail: Option<&str>) -> Result<Vec<f64>, String> {
    let conds: Vec<Value> = conds.iter().map(|(n, body)| json!([n, body])).collect();
    b.client
        .execute(
            "window.__measure(arguments[0], arguments[1], arguments[2]);",
            vec![click.into(), conds.clone().into(), fail.into()],
        )
        .await
        .map_err(|e| format!("start: {e}"))?;
    let started = Instant::now();
    loop {
        // Plain values only: the notice node kept in `old` may be gone
        // from the page by now, and a gone node cannot be returned.
        // A busy page answers late; a failed poll is tried again.
        let polled = b
            .client
            .execute("const m = window.__m; return { error: m.error, done: m.done, shown: m.shown };", vec![])
            .await;
        if let Err(e) = &polled {
            if started.elapsed() > Duration::from_secs(30) {
                eprintln!("  (still waiting for {click}: {e})");
            }
        }
        if let Ok(m) = polled {
            if let Some(e) = m["error"].as_str() {
                return Err(e.to_owned());
            }
            if m["done"] == true {
                return Ok(conds
                    .iter()
                    .map(|c| m["shown"][c[0].as_str().unwrap_or_default()].as_f64().unwrap_or(f64::NAN))
                    .collect());
            }
        }
        if started.elapsed() > LONG {
            return Err(format!("{click}: the screen did not change within {} s", LONG.as_secs()));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn settle(b: &Browser) {
    let _ = b.client.execute_async(SETTLE, vec![]).await;
}

/// Whether `css` matches anything right now.
async fn exists(b: &Browser, css: &str) -> bool {
    b.client
        .execute("return !!document.querySelector(arguments[0]);", vec![css.into()])
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// A condition body: `css` matches something.
fn shows(css: &str) -> String {
    format!("return !!document.querySelector({});", json!(css))
}

/// An expression: a new success notice (not the one shown at the click) says `text`.
fn new_notice(text: &str) -> String {
    format!(
        "(() => {{ const n = document.querySelector('#notice.ok'); return !!n && n !== window.__m.old && n.textContent.includes({}); }})()",
        json!(text)
    )
}

/// A condition body: [`new_notice`].
fn notice(text: &str) -> String {
    format!("return {};", new_notice(text))
}

/// A fail body: the form's errors or a failure notice.
const REFUSED: &str = "const e = document.querySelector('.form-errors'); if (e && e.textContent.trim()) return 'refused: ' + e.textContent.trim(); \
                       const n = document.querySelector('#notice.error'); return n ? 'failed: ' + n.textContent : null;";

const TODAY_SHOWN: &str = "#today-list .due-row, #today-empty";

#[derive(Default)]
struct Everyday {
    open_customers: Vec<Figure>,
    save_customer: Vec<Figure>,
    save_customer_list: Vec<Figure>,
    today: Vec<Figure>,
    open_task: Vec<Figure>,
    save_revisit_notice: Vec<Figure>,
    save_revisit: Vec<Figure>,
    cold_start: Vec<Figure>,
}

fn first(r: Result<Vec<f64>, String>) -> Figure {
    r.map(|v| v[0])
}

/// Goes to Today through the nav bar (untimed) and waits for it to settle.
async fn to_today(b: &Browser) {
    if !exists(b, TODAY_SHOWN).await {
        let _ = measure(b, "#nav-today", &[("today", &shows(TODAY_SHOWN))], None).await;
    }
    settle(b).await;
}

/// Customers: open from Today, then edit the first customer's name and save.
async fn customers_round(b: &Browser, round: usize, e: &mut Everyday) {
    let opened = first(measure(b, "#nav-customers", &[("list", &shows("#customer-list .customer-row"))], None).await);
    println!("  open customers: {}", show(&opened));
    e.open_customers.push(opened);
    settle(b).await;

    let id = b
        .client
        .execute(
            "const r = document.querySelector('#customer-list .customer-row'); if (!r) return null; \
             r.querySelector('.edit-customer').click(); return r.dataset.customerId;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned));
    let Some(id) = id else {
        println!("  save customer: no customer to edit");
        e.save_customer.push(Err("no customer".into()));
        e.save_customer_list.push(Err("no customer".into()));
        return;
    };
    settle(b).await;
    let name = b.find("#customer-name").await.prop("value").await.ok().flatten().unwrap_or_default();
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '#');
    let renamed = format!("{base}#{round}");
    b.set_value("#customer-name", &renamed).await;
    let in_list = format!(
        "const r = document.querySelector('tr.customer-row[data-customer-id=\"{id}\"] td'); return !!r && r.textContent === {};",
        json!(renamed)
    );
    let saved =
        measure(b, "#save-customer", &[("notice", &notice("客户已保存")), ("list", &in_list)], Some(REFUSED)).await;
    let (notice_ms, list_ms) = match saved {
        Ok(v) => (Ok(v[0]), Ok(v[1])),
        Err(e) => (Err(e.clone()), Err(e)),
    };
    println!("  save customer: notice {} ms, list updated {} ms", show(&notice_ms), show(&list_ms));
    if let Err(why) = &notice_ms {
        println!("  save customer could not be measured: {why}");
    }
    e.save_customer.push(notice_ms);
    e.save_customer_list.push(list_ms);
    settle(b).await;
}

/// Today from Customers, then the first task opened and its result saved.
async fn today_round(b: &Browser, e: &mut Everyday) {
    let today = first(measure(b, "#nav-today", &[("today", &shows(TODAY_SHOWN))], None).await);
    println!("  today: {} ms", show(&today));
    e.today.push(today);
    settle(b).await;

    if !exists(b, "#today-list .due-row .record-revisit").await {
        println!("  no open task on Today: open task and save revisit are na");
        e.open_task.push(Err("no open task".into()));
        e.save_revisit.push(Err("no open task".into()));
        e.save_revisit_notice.push(Err("no open task".into()));
        return;
    }
    let opened = first(
        measure(b, "#today-list .due-row .record-revisit", &[("form", &shows("#save-revisit"))], Some(REFUSED)).await,
    );
    println!("  open task: {} ms", show(&opened));
    let task_open = opened.is_ok();
    e.open_task.push(opened);
    settle(b).await;
    if !task_open || !exists(b, "#save-revisit").await {
        e.save_revisit.push(Err("the task did not open".into()));
        e.save_revisit_notice.push(Err("the task did not open".into()));
        return;
    }

    // The result, as the walkthrough records it: by phone when the task
    // allows it; a home visit needs the customer's signature (rule 5).
    if exists(b, "input[name=method][value=phone]").await {
        b.click("input[name=method][value=phone]").await;
    } else if exists(b, "#signature-pad").await {
        b.draw_on("#signature-pad").await;
    }
    b.set_value("#revisit-content", "已回访，客户满意").await;
    b.click("input[name=satisfaction][value=satisfied]").await;
    let saved = measure(
        b,
        "#save-revisit",
        &[
            ("notice", &notice("回访已保存")),
            (
                "today",
                &format!("return {} && !!document.querySelector({});", new_notice("回访已保存"), json!(TODAY_SHOWN)),
            ),
        ],
        Some(REFUSED),
    )
    .await;
    let (notice_ms, shown_ms) = match saved {
        Ok(v) => (Ok(v[0]), Ok(v[1])),
        Err(e) => (Err(e.clone()), Err(e)),
    };
    println!("  save revisit: notice {} ms, Today shown {} ms", show(&notice_ms), show(&shown_ms));
    if let Err(why) = &shown_ms {
        println!("  save revisit could not be measured: {why}");
    }
    e.save_revisit_notice.push(notice_ms);
    e.save_revisit.push(shown_ms);
    to_today(b).await;
}

/// Reloads the app at its base URL and returns the ms from navigation
/// start to Today's list shown.
async fn cold_start(b: &Browser) -> Figure {
    b.client.goto(&b.base_url).await.map_err(|e| format!("navigate: {e}"))?;
    let started = Instant::now();
    loop {
        if let Ok(v) = b.client.execute("return window.__cold ? window.__cold.shown : null;", vec![]).await {
            if let Some(ms) = v.as_f64() {
                return Ok(ms);
            }
        }
        if started.elapsed() > LONG {
            return Err("Today never appeared after a reload".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The baseline: a blank page of the app's origin, the file handed to a
/// file input (as a user picks it), then [`BASELINE`] run in the page.
async fn baseline(b: &Browser, file: &Path) -> Result<Value, String> {
    b.client.goto(&format!("{}bench/blank.html", b.base_url)).await.map_err(|e| format!("blank page: {e}"))?;
    b.client
        .execute(
            "const i = document.createElement('input'); i.type = 'file'; i.id = 'bench-file'; document.body.append(i);",
            vec![],
        )
        .await
        .map_err(|e| format!("file input: {e}"))?;
    b.find("#bench-file").await.send_keys(&file.display().to_string()).await.map_err(|e| format!("choose: {e}"))?;
    b.client.execute(BASELINE, vec![]).await.map_err(|e| format!("start: {e}"))?;
    let started = Instant::now();
    loop {
        if let Ok(v) = b.client.execute("return window.__base;", vec![]).await {
            if let Some(e) = v["error"].as_str() {
                return Err(e.to_owned());
            }
            if v["done"] == true {
                return Ok(v);
            }
        }
        if started.elapsed() > LONG * 2 {
            return Err("the baseline did not finish".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The record counts in the file's header (which the app checks against
/// its records): the file itself runs to hundreds of MB, too much to
/// parse here only to count.
fn counts_of(file: &Path) -> backup::Counts {
    use std::io::Read;
    let mut head = vec![0; 4096];
    let n = std::fs::File::open(file).and_then(|mut f| f.read(&mut head)).expect("read the backup");
    let head = String::from_utf8_lossy(&head[..n]);
    let counts =
        head.split_once("\"counts\":").and_then(|(_, rest)| rest.split_once('}')).expect("counts in the header");
    serde_json::from_str(&format!("{}}}", counts.0)).expect("the header's counts")
}

/// Imports `file` through the Data page: choose → checked and previewed →
/// confirmed → the records shown; returns the ms it took.
async fn import(b: &Browser, file: &Path, c: &backup::Counts) -> Figure {
    b.open("").await;
    b.click("#nav-data").await;
    b.find("#import-file").await;
    b.client.execute(MONITOR, vec![]).await.expect("monitor");
    let started = Instant::now();
    b.find("#import-file").await.send_keys(&file.display().to_string()).await.map_err(|e| format!("choose: {e}"))?;
    try_wait_for_text(b, "#import-preview", &c.revisits.to_string()).await?;
    let checked = started.elapsed();
    b.click("#import-confirm").await;
    try_wait_for_text(b, "#notice", "备份已导入").await?;
    let written = started.elapsed();
    try_wait_for_text(b, "#data-counts", &format!("回访 {} 条", c.revisits)).await?;
    let import_ms = started.elapsed().as_secs_f64() * 1e3;
    let (_, frame) = monitor(b).await;
    println!(
        "import: {import_ms:.0} ms (checked and previewed {:.0} ms, written {:.0} ms); longest frame {frame:.0} ms",
        checked.as_secs_f64() * 1e3,
        (written - checked).as_secs_f64() * 1e3
    );
    Ok(import_ms)
}

/// Exports from the Data page: click → the download finished; returns the ms.
async fn export(b: &Browser) -> Figure {
    clear_downloads(b);
    reset_monitor(b).await;
    let started = Instant::now();
    b.click("#export").await;
    let out = loop {
        let done = std::fs::read_dir(b.downloads.path())
            .map_err(|e| format!("download dir: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.to_string_lossy().ends_with(".json"));
        if let Some(path) = done {
            break path;
        }
        if let Some(n) = text_of(b, "#notice.error").await {
            return Err(format!("the app refused: {n}"));
        }
        if started.elapsed() > LONG {
            return Err(format!("no download within {} s", LONG.as_secs()));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let export_ms = started.elapsed().as_secs_f64() * 1e3;
    let (_, frame) = monitor(b).await;
    let mb = std::fs::metadata(&out).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!("export: {export_ms:.0} ms to a finished {mb:.0} MB download; longest frame {frame:.0} ms");
    let _ = std::fs::remove_file(&out);
    Ok(export_ms)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by scripts/bench-app"]
async fn everyday_actions_on_a_whole_office() {
    let run_started = Instant::now();
    let file = PathBuf::from(std::env::var("APP_BENCH_FILE").expect("APP_BENCH_FILE: a backup to import"));
    let c = counts_of(&file);
    let size_mb = std::fs::metadata(&file).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!(
        "office: {size_mb:.0} MB backup, {} households, {} cases, {} revisits, {} signatures",
        c.customers, c.cases, c.revisits, c.signatures
    );

    let pages = tempfile::tempdir().expect("bench pages dir");
    std::fs::write(pages.path().join("blank.html"), "<!doctype html><meta charset=utf-8><title>baseline</title><body>")
        .expect("write blank page");
    let b = Browser::start_serving(&["--enable-precise-memory-info"], Some(pages.path())).await;
    b.client
        .update_timeouts(TimeoutConfiguration::new(Some(LONG), Some(LONG), Some(Duration::ZERO)))
        .await
        .expect("timeouts");
    let mut memory = RendererMemory::start(&b);

    // 1. Import through the Data page; the months old enough settle in the
    // background (timed here, not in the figures); then export.
    let (import_ms, export_ms) = match import(&b, &file, &c).await {
        Ok(ms) => (Ok(ms), export(&b).await),
        Err(why) => {
            println!("import could not be done: {why}");
            (Err(why), Err("no import".to_owned()))
        }
    };
    if let Err(why) = &export_ms {
        println!("export could not be done: {why}");
    }
    settle(&b).await;
    let import_export_mb = memory.phase();
    let imported = import_ms.is_ok();

    // 2. Everyday actions, 3 rounds, each round: Today → Customers (open,
    // edit and save one) → Today → a task (open, save its result) → Today.
    b.client.execute(MEASURE, vec![]).await.expect("install measure");
    b.client.execute(MONITOR, vec![]).await.expect("monitor");
    let mut e = Everyday::default();
    let mut longest_frame: Figure = Err("no import".into());
    if imported {
        to_today(&b).await;
        reset_monitor(&b).await;
        for round in 1..=RUNS {
            println!("round {round}:");
            customers_round(&b, round, &mut e).await;
            today_round(&b, &mut e).await;
        }
        longest_frame = Ok(monitor(&b).await.1);
    } else {
        println!("no records: the everyday actions are na");
    }
    let everyday_mb = memory.phase();

    // Cold start: the app loaded afresh, read from IndexedDB, Today shown.
    if imported {
        let watch = b.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": COLD_WATCH })).await;
        for round in 1..=RUNS {
            let ms = cold_start(&b).await;
            println!("cold start {round}: {} ms", show(&ms));
            e.cold_start.push(ms);
            settle(&b).await;
        }
        if let Some(id) = watch["identifier"].as_str() {
            b.cdp("Page.removeScriptToEvaluateOnNewDocument", json!({ "identifier": id })).await;
        }
        // What a cold-started app holds (the next morning), after a GC: the
        // renderer's high-water mark still counts the pages before it.
        b.cdp("HeapProfiler.collectGarbage", json!({})).await;
        let held = b.client.execute(HELD, vec![]).await.unwrap_or_default();
        println!(
            "after a cold start: wasm memory {:.0} MB, JS heap {:.0} MB, renderer resident {:.0} MB",
            held["wasm_mb"].as_f64().unwrap_or(f64::NAN),
            held["js_mb"].as_f64().unwrap_or(f64::NAN),
            renderer_resident_mb(&b)
        );
    }
    let cold_mb = memory.phase();
    let app_errors = b.console_errors().await;

    // 3. The plain-JavaScript IndexedDB baseline on the same file.
    let base = baseline(&b, &file).await;
    let baseline_mb = memory.phase();
    let (base_import, base_export) = match &base {
        Ok(v) => {
            let counts = &v["counts"];
            let expected = json!({ "customers": c.customers, "cases": c.cases, "revisits": c.revisits,
                "staff": c.staff, "open_letters": c.open_letters, "signatures": c.signatures });
            if *counts != expected || v["export_counts"] != expected {
                println!("baseline: counts differ from the file's: {counts} / {}", v["export_counts"]);
            }
            println!(
                "baseline: import {:.0} ms (file read and parsed {:.0} ms, {} rows), export {:.0} ms ({:.0} MB Blob)",
                v["import_ms"].as_f64().unwrap_or(f64::NAN),
                v["parse_ms"].as_f64().unwrap_or(f64::NAN),
                v["rows"],
                v["export_ms"].as_f64().unwrap_or(f64::NAN),
                v["export_mb"].as_f64().unwrap_or(f64::NAN),
            );
            (
                v["import_ms"].as_f64().ok_or("no import time".to_owned()),
                v["export_ms"].as_f64().ok_or("no export time".to_owned()),
            )
        }
        Err(why) => {
            println!("baseline could not run: {why}");
            (Err(why.clone()), Err(why.clone()))
        }
    };
    b.close().await;
    let resets = memory.resets;
    drop(memory);

    let ratio = |app: &Figure, base: &Figure| match (app, base) {
        (Ok(a), Ok(v)) if *v > 0.0 => format!("{:.2}", a / v),
        _ => "na".into(),
    };
    let import_ratio = ratio(&import_ms, &base_import);
    let export_ratio = ratio(&export_ms, &base_export);
    let med = |runs: &[Figure]| median(runs);
    let figures = [
        ("save_revisit_ms", med(&e.save_revisit), show_runs(&e.save_revisit), "click Save → notice and Today shown"),
        (
            "  (notice only)",
            med(&e.save_revisit_notice),
            show_runs(&e.save_revisit_notice),
            "click Save → notice shown",
        ),
        ("save_customer_ms", med(&e.save_customer), show_runs(&e.save_customer), "click Save → notice shown"),
        (
            "  (list updated)",
            med(&e.save_customer_list),
            show_runs(&e.save_customer_list),
            "click Save → new name in the list",
        ),
        ("open_task_ms", med(&e.open_task), show_runs(&e.open_task), "Today's first task → its form shown"),
        ("open_customers_ms", med(&e.open_customers), show_runs(&e.open_customers), "Today → customer rows shown"),
        ("today_ms", med(&e.today), show_runs(&e.today), "Customers → Today's rows shown"),
        ("cold_start_ms", med(&e.cold_start), show_runs(&e.cold_start), "navigation start → Today's rows shown"),
    ];
    let s = |v: f64| format!("{v:.0}");
    println!();
    println!(
        "Revisit Desk, {} households / {} cases / {} revisits ({size_mb:.0} MB backup)",
        c.customers, c.cases, c.revisits
    );
    // No runs to show: the column is left blank.
    let blank = "";
    println!("{:<20} {:>10}  {:<24} from → to", "figure", "median", "runs (ms)");
    for (name, m, runs, what) in &figures {
        println!("{name:<20} {:>10}  {runs:<24} {what}", show(m));
    }
    let row = |name: &str, value: String, what: &str| println!("{name:<20} {value:>10}  {blank:<24} {what}");
    row("longest_frame_ms", show(&longest_frame), "longest gap between frames, everyday actions");
    row("import_ms", show(&import_ms), "choose file → records shown on the Data page");
    row("export_ms", show(&export_ms), "click Export → download finished");
    row("baseline import_ms", show(&base_import), "plain JS: read + parse + write bucket rows");
    row("baseline export_ms", show(&base_export), "plain JS: read back + parse + build Blob");
    println!("{:<20} {:>10}", "import_ratio", import_ratio);
    println!("{:<20} {:>10}", "export_ratio", export_ratio);
    let renderer_peak = import_export_mb.max(everyday_mb).max(cold_mb);
    row("renderer peak MB", s(renderer_peak), "VmHWM, whole app run (baseline excluded)");
    row("  import+export", s(import_export_mb), "");
    row("  everyday actions", s(everyday_mb), "");
    row("  cold starts", s(cold_mb), "");
    row("  baseline", s(baseline_mb), "");
    if !resets {
        println!("  (the peak could not be reset between phases: each phase's figure includes those before it)");
    }
    println!("bench time: {:.0} s", run_started.elapsed().as_secs_f64());
    if !app_errors.is_empty() {
        println!("console errors during the app run: {app_errors:#?}");
    }
    println!(
        "bench-app: households={} save_revisit_ms={} save_customer_ms={} open_task_ms={} open_customers_ms={} \
         today_ms={} cold_start_ms={} longest_frame_ms={} renderer_peak_mb={} import_ms={} export_ms={} \
         import_ratio={import_ratio} export_ratio={export_ratio}",
        c.customers,
        show(&med(&e.save_revisit)),
        show(&med(&e.save_customer)),
        show(&med(&e.open_task)),
        show(&med(&e.open_customers)),
        show(&med(&e.today)),
        show(&med(&e.cold_start)),
        show(&longest_frame),
        s(renderer_peak),
        show(&import_ms),
        show(&export_ms),
    );
}
