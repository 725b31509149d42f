//! The skeleton's path, as the front desk walks it: new customer →
//! complaint → handled → revisit due on Today in 3 days for the right role
//! (DOMAIN rule 1) → phone revisit recorded as 满意 → reload, all still there
//! → the month's tally → export, and a broken import refused with nothing changed.

mod harness;

use chrono::{Days, Local};
use harness::Browser;
use huifang_core::backup;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_is_recorded_handled_revisited_and_counted() {
    let b = Browser::start().await;

    // The console check itself must be able to fail.
    b.open("#/today").await;
    b.find("#nav-today").await;
    b.client.execute("console.error('e2e probe')", vec![]).await.expect("probe");
    let probe = b.console_errors().await;
    assert!(probe.iter().any(|m| m.contains("e2e probe")), "the console log is not being read: {probe:?}");

    let today = Local::now().date_naive();
    let due = today.checked_add_days(Days::new(3)).expect("date");

    // Chinese by default; nothing to do yet.
    assert_eq!(b.client.title().await.expect("title"), "回访台");
    b.wait_text("#nav-today", "今日待办").await;
    b.wait_text("#today-empty", "暂无待回访事项").await;

    // A customer: an empty form is refused with the reason, then a real one is saved.
    b.click("#nav-customers").await;
    b.click("#save-customer").await;
    b.wait_text(".form-errors", "姓名：必须填写").await;
    b.type_into("#customer-name", "王美丽").await;
    b.type_into("#customer-phone", "138 0000 1111").await;
    b.type_into("#customer-building", "3").await;
    b.type_into("#customer-entrance", "2").await;
    b.type_into("#customer-room", "1201").await;
    b.click("#save-customer").await;
    b.wait_text("#notice", "客户已保存").await;
    b.wait_text("#customer-list", "3-2-1201").await;

    // A general complaint received by phone today.
    b.click("#nav-complaints").await;
    b.find("#complaint-customer").await.select_by_label("王美丽 · 3-2-1201").await.expect("choose customer");
    b.find("#complaint-channel").await.select_by_label("来电").await.expect("channel");
    b.find("#complaint-severity").await.select_by_label("一般").await.expect("severity");
    b.find("#complaint-subject").await.select_by_label("设备").await.expect("subject");
    b.type_into("#complaint-description", "电梯夜间异响").await;
    b.click("#save-complaint").await;
    b.wait_text("#notice", "投诉已登记").await;
    b.wait_text("#complaint-list .case-row .handling", "处理中").await;

    // Handling completed today (the date field defaults to today).
    b.click("#complaint-list .case-row .mark-handled").await;
    b.wait_text("#notice", "已标记处理完成").await;
    b.wait_text("#complaint-list .case-row .handling", &format!("已处理 {today}")).await;

    // Today: the revisit is due in 3 days, for the property assistant.
    b.click("#nav-today").await;
    b.wait_text("#today-list .due-row .due-on", &due.to_string()).await;
    assert_eq!(b.text("#today-list .due-row .urgency").await, "3 天后到期");
    assert_eq!(b.text("#today-list .due-row .assignee").await, "物业助理");
    assert_eq!(b.text("#today-list .due-row .customer").await, "王美丽");
    b.wait_text("#today-list .due-row .reason", "3 天内回访").await;
    b.snap("1-today").await;

    // A phone revisit, recorded as 满意.
    b.click("#today-list .due-row .record-revisit").await;
    b.wait_text("#revisit-case", "王美丽").await;
    b.find("#revisit-method").await.select_by_label("电话回访").await.expect("method");
    b.click("#save-revisit").await;
    b.wait_text(".form-errors", "满意度：必须填写").await;
    b.snap("2-revisit-form").await;
    b.type_into("#revisit-content", "电梯已修复，夜间无异响").await;
    b.click("input[name=satisfaction][value=satisfied]").await;
    b.click("#save-revisit").await;
    b.wait_text("#notice", "回访已保存").await;
    b.wait_text("#today-empty", "暂无待回访事项").await;

    // Reload: everything is still there.
    b.client.refresh().await.expect("reload");
    b.wait_text("#today-empty", "暂无待回访事项").await;
    b.click("#nav-customers").await;
    b.wait_text("#customer-list", "王美丽").await;
    b.click("#nav-complaints").await;
    b.wait_text("#complaint-list .case-row .handling", "已回访").await;

    // The month's tally: 1 eligible, 1 revisited, 100% against ≥50%, 1 satisfied.
    b.click("#nav-tally").await;
    b.wait_text("#tally-eligible", "1").await;
    assert_eq!(b.text("#tally-revisited").await, "1");
    assert_eq!(b.text("#tally-rate").await, "100.0%");
    let target = b.text("#tally-target").await;
    assert!(target.contains("≥50%") && target.contains("达标"), "{target}");
    assert!(b.text("#tally-satisfied").await.starts_with('1'));
    assert!(b.text("#tally-dissatisfied").await.starts_with('0'));
    b.snap("3-tally").await;

    // English is one tap away, and the choice is kept.
    b.click("#lang-switch").await;
    b.wait_text("#nav-tally", "Monthly tally").await;
    b.wait_text("#tally", "Target met").await;
    b.snap("4-tally-en").await;
    b.client.refresh().await.expect("reload");
    b.wait_text("#nav-today", "Today").await;
    b.click("#lang-switch").await;
    b.wait_text("#nav-today", "今日待办").await;

    // Export: a real download that reads back as a valid backup.
    b.click("#nav-data").await;
    b.wait_text("#data-counts", "客户 1 户，事项 1 件，回访 1 条").await;
    b.click("#export").await;
    b.wait_text("#notice", "备份已导出").await;
    let file = b.downloaded(".json").await;
    let bytes = std::fs::read(&file).expect("read export");
    let exported = backup::parse(&bytes).expect("the export is a valid backup");
    assert_eq!((exported.counts.customers, exported.counts.cases, exported.counts.revisits), (1, 1, 1));
    assert_eq!(exported.data.customers[0].name, "王美丽");
    assert!(!exported.device_id.is_nil());

    // A broken, a foreign and a tampered file are refused; nothing changes.
    let dir = tempfile::tempdir().expect("tmp");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).expect("write");
    b.find("#import-file").await.send_keys(&broken.display().to_string()).await.expect("choose file");
    b.wait_text("#notice", "无法导入：文件已损坏或不完整").await;
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, br#"{"name": "some other app"}"#).expect("write");
    b.find("#import-file").await.send_keys(&foreign.display().to_string()).await.expect("choose file");
    b.wait_text("#notice", "这不是回访台的备份文件").await;
    b.snap("5-import-refused").await;
    let tampered = dir.path().join("tampered.json");
    let edited = String::from_utf8(bytes.clone()).expect("utf-8").replace("王美丽", "王美美");
    std::fs::write(&tampered, edited).expect("write");
    b.find("#import-file").await.send_keys(&tampered.display().to_string()).await.expect("choose file");
    b.wait_text("#notice", "文件内容与校验值不符").await;
    b.client.refresh().await.expect("reload");
    b.wait_text("#data-counts", "客户 1 户，事项 1 件，回访 1 条").await;

    // The good file goes through the preview and restores the same data.
    b.find("#import-file").await.send_keys(&file.display().to_string()).await.expect("choose file");
    b.wait_text("#import-preview", "客户 1 户，事项 1 件，回访 1 条").await;
    b.snap("6-import-preview").await;
    b.click("#import-confirm").await;
    b.wait_text("#notice", "备份已导入").await;
    b.wait_gone("#import-preview").await;
    b.click("#nav-tally").await;
    b.wait_text("#tally-rate", "100.0%").await;

    b.assert_no_console_errors().await;
    b.close().await;
}
