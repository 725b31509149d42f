//! A large office's backup — over half a gigabyte, most of it signatures —
//! goes out of the Data page as one complete file, exactly the records it
//! holds (rule 17: the records are kept, and a backup is how they leave the
//! tablet). Chromium assembles a multi-part Blob this large after the click
//! that asks for the download, so this is where an early revoke would lose
//! the file while the app says it was exported.

mod harness;

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate};
use harness::bench::{clear_downloads, wait_for_text};
use harness::Browser;
use huifang_core::backup::{parse, Backup};
use huifang_core::sample::office;
use huifang_core::validation::SIGNATURE_MAX;
use uuid::Uuid;

/// The backup's size this test needs: above what Chromium hands over at
/// once (between 400 and 650 MB on this kind of machine).
const AT_LEAST: usize = 600_000_000;

/// A generated office with enough of its signatures padded to near the
/// largest a record may hold that the whole backup passes [`AT_LEAST`].
fn large_office() -> huifang_core::Dataset {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date");
    let mut data = office(700, 7_000, 14_000, 17, today);
    let prefix = "data:image/png;base64,";
    let each = SIGNATURE_MAX - 64;
    let needed = AT_LEAST / each + 1;
    assert!(data.signatures.len() >= needed, "only {} signatures generated, {needed} needed", data.signatures.len());
    for s in data.signatures.iter_mut().take(needed) {
        s.png = format!("{prefix}{}", "A".repeat(each - prefix.len()));
    }
    data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_over_half_a_gigabyte_downloads_whole() {
    let data = large_office();
    let exported_at = DateTime::from_timestamp(1_795_000_000, 0).expect("a time");
    let json = Backup::new(data, "e2e", Uuid::from_u128(0xB16), exported_at).to_json();
    assert!(json.len() > AT_LEAST, "the file is {} bytes", json.len());
    let expected = parse(json.as_bytes()).expect("the generated backup is valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("large-office.json");
    std::fs::write(&file, &json).expect("write the backup");
    drop(json);
    let c = expected.counts;

    let b = Browser::start().await;
    b.open("#/data").await;
    b.find("#import-file").await.send_keys(&file.display().to_string()).await.expect("choose the file");
    wait_for_text(&b, "#import-preview", &c.signatures.to_string()).await;
    b.click("#import-confirm").await;
    wait_for_text(&b, "#notice", "备份已导入").await;
    wait_for_text(&b, "#data-counts", &format!("回访 {} 条", c.revisits)).await;

    clear_downloads(&b);
    b.click("#export").await;
    let started = Instant::now();
    wait_for_text(&b, "#notice", "备份已导出").await;
    let out = b
        .download_within(".json", Duration::from_secs(120))
        .await
        .expect("the app said the backup was exported, but no file arrived");
    println!("export: {:.1} s to a finished download", started.elapsed().as_secs_f64());
    let back = parse(&std::fs::read(&out).expect("read the download")).expect("the download is a valid backup");
    assert_eq!(back.counts, c, "the download holds every record");
    let mut want = expected.data.signatures;
    let mut got = back.data.signatures;
    want.sort_by_key(|s| s.id);
    got.sort_by_key(|s| s.id);
    assert!(got == want, "every signature comes back byte for byte");
    b.assert_no_console_errors().await;
    b.close().await;
}
