//! Storage safety as the office meets it, on the release
//! build in headless Chromium:
//! - a full disk (a small quota set through DevTools) refuses the next save
//!   with a clear message, and nothing is lost or half-written;
//! - a database deleted behind the app's back is noticed, first by the open
//!   tab (reload), then after the reload with an offer to restore;
//! - the Data page says whether the browser keeps the data for good, how much
//!   space is used, and how old the last backup is, with a reminder after 7 days.

mod harness;

use std::time::Duration;

use harness::Browser;
use serde_json::json;

async fn counts(b: &Browser) -> String {
    b.click("#nav-data").await;
    b.wait_text("#data-counts", "客户").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_the_save_clearly_and_loses_nothing() {
    let b = Browser::start().await;
    let today = chrono::Local::now().date_naive().to_string();
    b.open("#/customers").await;
    b.add_customer("王美丽", "1201", Some(&today)).await;
    b.wait_text("#notice", "客户已保存").await;
    b.add_customer("李建国", "1202", None).await;
    b.wait_text("#notice", "客户已保存").await;
    let before = counts(&b).await;
    assert!(before.contains("客户 2 户") && before.contains("事项 1 件"), "{before}");

    // The disk is full: no room beyond what is stored. Chromium looks at an
    // origin's free space again only 30 s after it last did.
    let origin = b.origin();
    let usage = &b.cdp("Storage.getUsageAndQuota", json!({ "origin": origin })).await["usage"];
    let usage = usage.as_u64().expect("usage in bytes");
    b.cdp("Storage.overrideQuotaForOrigin", json!({ "origin": origin, "quotaSize": usage })).await;
    tokio::time::sleep(Duration::from_secs(31)).await;

    // A customer with a move-in date is saved with its move-in case (rule 4),
    // in one transaction: it fails whole.
    b.add_customer("张三", "1203", Some(&today)).await;
    let notice = b.wait_text("#notice", "设备存储空间已满").await;
    assert!(notice.contains("本次操作未保存") && notice.contains("原有数据完好"), "{notice}");
    assert!(notice.contains("导出备份") && notice.contains("释放空间"), "says what to do: {notice}");
    b.snap("storage-full").await;

    // Room again; after a reload everything from before is there, and nothing of the failed save.
    b.cdp("Storage.overrideQuotaForOrigin", json!({ "origin": origin })).await;
    b.open("#/customers").await;
    let list = b.wait_text("#customer-list", "李建国").await;
    assert!(list.contains("王美丽") && !list.contains("张三"), "{list}");
    assert_eq!(counts(&b).await, before);

    // And the office can carry on: the same save now goes through.
    b.add_customer("张三", "1203", Some(&today)).await;
    b.wait_text("#notice", "客户已保存").await;
    let after = counts(&b).await;
    assert!(after.contains("客户 3 户") && after.contains("事项 2 件"), "{after}");
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vanished_database_is_noticed_and_a_restore_offered() {
    let b = Browser::start().await;
    // A first-time user is not offered a restore.
    b.open("#/today").await;
    b.wait_text("#today-empty", "暂无待回访事项").await;
    assert_eq!(b.count("#restore-banner").await, 0);

    b.add_customer("王美丽", "1201", None).await;
    b.wait_text("#notice", "客户已保存").await;

    // The database is deleted behind the app's back (as "clear site data" does).
    let deleted = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; const r = indexedDB.deleteDatabase('huifang'); \
             r.onsuccess = () => done('deleted'); r.onerror = () => done('error'); r.onblocked = () => done('blocked');",
            vec![],
        )
        .await
        .expect("delete the database");
    assert_eq!(deleted, "deleted", "the open tab lets go of the database instead of blocking its deletion");
    // The open tab notices and asks for a reload.
    b.wait_text("#reload-banner", "本页的数据库已被删除").await;

    b.click("#reload").await;
    let banner = b.wait_text("#restore-banner", "浏览器中的数据似乎已被清除").await;
    assert!(banner.contains("1 条记录") && banner.contains("请从最近的备份恢复"), "{banner}");
    b.snap("restore-offered").await;
    // On every page, until dealt with.
    b.click("#nav-staff").await;
    b.find("#restore-banner").await;

    // "Restore from a backup" leads to the import.
    b.click("#restore").await;
    b.find("#import-file").await;

    // "Start fresh" dismisses it for good.
    b.click("#start-fresh").await;
    b.wait_gone("#restore-banner").await;
    b.open("#/today").await;
    b.client.refresh().await.expect("reload");
    b.wait_text("#today-empty", "暂无待回访事项").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(b.count("#restore-banner").await, 0);
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_page_shows_persistence_usage_and_the_age_of_the_last_backup() {
    let b = Browser::start().await;
    b.open("#/data").await;
    // Headless Chromium answers persist() with false: the card says what that means.
    b.wait_text("#storage-persistence", "浏览器未同意长期保存").await;
    let usage = b.wait_text("#storage-usage", "已用").await;
    assert!(usage.contains("GB") && usage.contains('%'), "{usage}");
    b.wait_text("#backup-age", "本设备还没有导出过备份").await;

    // Asking again gets the same answer, shown the same way.
    b.click("#storage-ask").await;
    b.wait_text("#storage-persistence", "设备空间不足时，浏览器可能自动清除").await;

    // A record, then a backup: "today".
    b.add_customer("王美丽", "1201", None).await;
    b.wait_text("#notice", "客户已保存").await;
    b.click("#nav-data").await;
    b.click("#export").await;
    b.wait_text("#notice", "备份已导出").await;
    b.wait_text("#backup-age", "上次备份：今天").await;
    assert_eq!(b.count("#backup-banner").await, 0);

    // Eight days later (the date as this device would have kept it): a reminder on every page.
    b.client
        .execute(
            "localStorage.setItem('huifang.last_backup', JSON.stringify(new Date(Date.now() - 8 * 86400e3).toISOString()))",
            vec![],
        )
        .await
        .expect("age the backup");
    b.open("#/today").await;
    b.client.refresh().await.expect("reload");
    let banner = b.wait_text("#backup-banner", "上次备份：8 天前").await;
    assert!(banner.contains("请现在导出一份"), "{banner}");
    b.click("#go-export").await;
    b.wait_text("#backup-age", "上次备份：8 天前").await;
    b.click("#export").await;
    b.wait_text("#backup-age", "上次备份：今天").await;
    b.click("#nav-today").await;
    b.wait_text("#today-empty", "暂无待回访事项").await;
    assert_eq!(b.count("#backup-banner").await, 0);
    b.assert_no_console_errors().await;
    b.close().await;
}
