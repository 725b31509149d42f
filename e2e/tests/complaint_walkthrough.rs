//! The main path, as the front desk walks it: a staff member and a customer →
//! complaint → handled → revisit due on Today in 3 days for the area's
//! assistant with the reasons (rules 1, 2) → an unanswered attempt logged
//! (rule 12) → a home visit refused without, then saved with the customer's
//! signature (rule 5), raising an issue with an agreed reply date → the
//! second round due then, done by phone (rule 7) → reload, all still there →
//! the month's report → export, and broken imports refused with nothing changed →
//! the filed record: issue answered (rule 9) and reviewed (rule 6) → the earlier
//! backup merged back in, this tablet's newer record kept and the conflict listed →
//! an encrypted backup exported, refused with a wrong passphrase, opened with the right one.

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

    // A property assistant responsible for building 3.
    b.click("#nav-staff").await;
    b.type_into("#staff-name", "李助理").await;
    b.type_into("#staff-buildings", "3").await;
    b.click("#save-staff").await;
    b.wait_text("#notice", "员工已保存").await;
    b.wait_text("#staff-list", "李助理").await;

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
    b.wait_text("#notice", "已登记").await;
    b.wait_text("#complaint-list .case-row .handling", "处理中").await;

    // Handling completed today (the date field defaults to today).
    b.click("#complaint-list .case-row .mark-handled").await;
    b.wait_text("#notice", "已标记处理完成").await;
    b.wait_text("#complaint-list .case-row .handling", &today.to_string()).await;

    // Today: due in 3 days (rule 1), for the assistant of building 3 (rule 2), with the reasons.
    b.click("#nav-today").await;
    b.wait_text("#today-list .due-row .due-on", &due.to_string()).await;
    assert_eq!(b.text("#today-list .due-row .urgency").await, "3 天后到期");
    let assignee = b.text("#today-list .due-row .assignee").await;
    assert!(assignee.contains("李助理") && assignee.contains("物业助理"), "{assignee}");
    assert_eq!(b.text("#today-list .due-row .customer").await, "王美丽");
    b.wait_text("#today-list .due-row .reason", "须在3天内回访").await;
    b.wait_text("#today-list .due-row .reason", "负责 3 栋").await;
    b.snap("1-today").await;

    // Nobody answers the door bell first: the attempt is kept (rule 12),
    // and one attempt is not enough to give up.
    b.click("#today-list .due-row .record-revisit").await;
    b.wait_text("#revisit-case", "王美丽").await;
    b.wait_text("#why-due", "须在3天内回访").await;
    b.find("#attempt-outcome").await.select_by_label("无人接听").await.expect("outcome");
    b.type_into("#attempt-note", "家中无人").await;
    b.click("#log-attempt").await;
    b.wait_text("#notice", "已记录本次联系").await;
    b.wait_text("#attempt-form .attempt-row", "家中无人").await;
    // Rule 12 is written out beside the button: two more tries, two hours apart.
    b.wait_text("#unreachable-progress", "还需 2 次").await;
    assert!(b.find("#close-task").await.attr("disabled").await.expect("attr").is_some());

    // The home visit (round 1 of a complaint, seed 000 §1.9): the customer
    // raises something that can't be settled on the spot, a reply date is agreed.
    let reply_by = today.checked_add_days(Days::new(2)).expect("date");
    b.type_into("#revisit-content", "电梯已修复，客户反映楼道灯不亮").await;
    b.click("input[name=satisfaction][value=neutral]").await;
    b.type_into("#revisit-issues", "楼道灯不亮").await;
    b.set_value("#revisit-reply-by", &reply_by.to_string()).await;
    b.click("#save-revisit").await;
    // Rule 5: no signature, no home visit.
    b.wait_text(".form-errors", "客户签名：必须填写").await;
    b.snap("2-revisit-form").await;
    b.draw_on("#signature-pad").await;
    b.wait_text(".signature-bar", "已签名").await;
    b.click("#save-revisit").await;
    b.wait_text("#notice", "回访已保存").await;

    // Rule 7: the second round is due on the agreed date, and may be by phone.
    b.wait_text("#today-list .due-row .due-on", &reply_by.to_string()).await;
    b.wait_text("#today-list .due-row .reason", "约定").await;
    b.wait_text("#today-list .due-row .task-kind", "2").await;
    b.click("#today-list .due-row .record-revisit").await;
    b.wait_text("#revisit-case", "王美丽").await;
    // Rule 9: the round-2 page says which issue it must answer.
    b.wait_text("#issues-owed", "楼道灯不亮").await;
    b.click("input[name=method][value=phone]").await;
    b.type_into("#revisit-content", "楼道灯已更换，客户满意").await;
    b.click("input[name=satisfaction][value=satisfied]").await;
    b.click("#save-revisit").await;
    b.wait_text("#notice", "回访已保存").await;
    b.wait_text("#today-empty", "暂无待回访事项").await;

    // Reload: everything is still there.
    b.client.refresh().await.expect("reload");
    b.wait_text("#today-empty", "暂无待回访事项").await;
    b.click("#nav-customers").await;
    b.wait_text("#customer-list", "王美丽").await;

    // The month's report: 1 eligible, 1 revisited, 100% against ≥50%; the
    // case counts once, with its latest result (满意).
    b.click("#nav-tally").await;
    b.wait_text("#tally-eligible", "1").await;
    assert_eq!(b.text("#tally-revisited").await, "1");
    assert_eq!(b.text("#tally-rate").await, "100.0%");
    let target = b.text("#tally-target").await;
    assert!(target.contains("≥50%") && target.contains("达标"), "{target}");
    assert!(b.text("#tally-satisfied").await.starts_with('1'));
    assert!(b.text("#tally-neutral").await.starts_with('0'));
    assert_eq!(b.text("#tally-on-time").await, "1");
    b.wait_text("#report-by-staff", "李助理").await;
    b.wait_text("#report-by-building", "3").await;
    b.wait_text("#report-handling", "0 / 1").await;
    b.snap("3-tally").await;

    // English is one tap away, and the choice is kept.
    b.click("#lang-switch").await;
    b.wait_text("#nav-tally", "Monthly report").await;
    b.wait_text("#tally", "Target met").await;
    b.snap("4-tally-en").await;
    b.client.refresh().await.expect("reload");
    b.wait_text("#nav-today", "Today").await;
    b.click("#lang-switch").await;
    b.wait_text("#nav-today", "今日待办").await;

    // Export: a real download that reads back as a valid backup.
    b.click("#nav-data").await;
    b.wait_text("#data-counts", "客户 1 户，事项 1 件，回访 2 条，员工 1 人，公开信 0 封，签名 1 个").await;
    b.click("#export").await;
    b.wait_text("#notice", "备份已导出").await;
    let file = b.downloaded(".json").await;
    let bytes = std::fs::read(&file).expect("read export");
    let exported = backup::parse(&bytes).expect("the export is a valid backup");
    assert_eq!((exported.counts.customers, exported.counts.cases, exported.counts.revisits), (1, 1, 2));
    assert_eq!((exported.counts.staff, exported.counts.signatures), (1, 1));
    let signed = exported.data.revisits.iter().find(|r| r.round == 1).and_then(|r| r.result.as_ref()).expect("round 1");
    assert!(signed.signature_id.is_some(), "the home visit carries its signature");
    assert!(exported.data.signatures[0].png.starts_with("data:image/png;base64,"));
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
    b.wait_text("#data-counts", "客户 1 户，事项 1 件，回访 2 条，员工 1 人，公开信 0 封，签名 1 个").await;

    // The good file goes through the preview and restores the same data.
    b.find("#import-file").await.send_keys(&file.display().to_string()).await.expect("choose file");
    b.wait_text("#import-preview", "客户 1 户，事项 1 件，回访 2 条，员工 1 人，公开信 0 封，签名 1 个").await;
    b.snap("6-import-preview").await;
    b.click("#import-confirm").await;
    b.wait_text("#notice", "备份已导入").await;
    b.wait_gone("#import-preview").await;
    b.click("#nav-tally").await;
    b.wait_text("#tally-rate", "100.0%").await;

    // The filed record of the home visit: its signature, the raised issue
    // answered (rule 9), and the supervisor's opinion (rule 6).
    let first = exported.data.revisits.iter().find(|r| r.round == 1).expect("round 1");
    b.open(&format!("#/record/{}", first.id)).await;
    // The app reads the address on load (it does not follow hash changes yet).
    b.client.refresh().await.expect("reload");
    b.find("#record-signature").await;
    b.wait_text("#record-issues", "楼道灯不亮").await;
    b.type_into("#record-issues .answer-text", "已更换楼道灯").await;
    b.click("#record-issues .answer-issue").await;
    b.wait_text("#notice", "已保存答复").await;
    b.wait_text("#record-issues .answered", "已更换楼道灯").await;
    b.type_into("#review-comment", "记录完整，已签名").await;
    b.click("#save-review").await;
    b.wait_text("#notice", "审阅人：必须填写").await;
    b.find("#review-by").await.select_by_label("李助理 · 物业助理").await.expect("reviewer");
    b.click("#save-review").await;
    b.wait_text("#notice", "已保存审阅意见").await;
    b.wait_text("#record-review", "李助理").await;
    b.click("#nav-tally").await;
    b.wait_text("#report-handling", "1 / 1").await;

    // The earlier backup merged back in: the record answered and reviewed
    // since is the newer version, so this tablet's is kept and the
    // conflict is listed; nothing else changes.
    b.click("#nav-data").await;
    b.find("#import-file").await.send_keys(&file.display().to_string()).await.expect("choose file");
    b.wait_text("#merge-conflicts", "保留较新的本机版本").await;
    b.wait_text("#restore-preview", "替换 1").await;
    // Replacing would undo that newer work: the restore is refused, the merge offered.
    b.wait_text("#restore-refused", "会删除或覆盖本机 1 条须保留的记录").await;
    assert!(b.find("#import-confirm").await.attr("disabled").await.expect("attr").is_some(), "restore refused");
    b.snap("7-merge-preview").await;
    b.click("#import-merge").await;
    b.wait_text("#notice", "备份已合并").await;
    b.wait_gone("#merge-conflicts").await;
    b.wait_text("#data-counts", "客户 1 户，事项 1 件，回访 2 条，员工 1 人，公开信 0 封，签名 1 个").await;
    b.click("#nav-tally").await;
    b.wait_text("#report-handling", "1 / 1").await;

    // An encrypted backup: exported with a passphrase; on import a wrong
    // passphrase is refused before anything is read, the right one opens
    // the usual preview.
    b.click("#nav-data").await;
    b.click("#export-encrypt").await;
    b.type_into("#export-passphrase", "门卫室钥匙 2026").await;
    b.type_into("#export-passphrase-confirm", "门卫室钥匙 2026").await;
    b.click("#export").await;
    b.wait_text("#notice", "备份已导出").await;
    let sealed = b.downloaded(".encrypted.json").await;
    let sealed_text = std::fs::read_to_string(&sealed).expect("read encrypted export");
    assert!(!sealed_text.contains("王美丽"), "no record text in an encrypted file");
    b.find("#import-file").await.send_keys(&sealed.display().to_string()).await.expect("choose file");
    b.type_into("#passphrase-input", "猜一个口令").await;
    b.click("#passphrase-ok").await;
    b.wait_text("#passphrase-error", "口令不正确").await;
    b.type_into("#passphrase-input", "门卫室钥匙 2026").await;
    b.click("#passphrase-ok").await;
    b.wait_text("#import-preview", "客户 1 户，事项 1 件，回访 2 条，员工 1 人，公开信 0 封，签名 1 个").await;
    b.wait_text("#merge-conflicts", "没有冲突").await;
    b.click("#import-cancel").await;
    b.wait_gone("#import-preview").await;

    b.assert_no_console_errors().await;
    b.close().await;
}
