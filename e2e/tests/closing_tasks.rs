//! Closing tasks for a reason, as the desk and its supervisor do it
//! (DOMAIN "Lessons": open work stays visible until done or closed with a
//! reason): the unreachable rule written out beside the button with what
//! is still missing (rule 12); a customer who refuses is closed at once; the
//! supervisor closes long-overdue work in one go with a note; the report
//! counts the refusal as closed, never as revisited; the records screen
//! finds both again and the supervisor signs one from the review queue
//! (rule 6).

mod harness;

use chrono::{Days, Local, NaiveDate};
use harness::Browser;

/// A major complaint (revisited by the company manager, 100%, rule 1)
/// received and handled on `day`.
async fn add_major_complaint(b: &Browser, customer: &str, day: NaiveDate) {
    b.click("#nav-complaints").await;
    b.find("#complaint-customer").await.select_by_label(customer).await.expect("choose customer");
    b.set_value("#complaint-received", &day.to_string()).await;
    b.find("#complaint-severity").await.select_by_label("重大").await.expect("severity");
    b.type_into("#complaint-description", "地下车库漏水").await;
    b.set_value("#case-completed-on", &day.to_string()).await;
    b.click("#save-complaint").await;
    b.wait_text("#notice", "已登记").await;
}

/// Waits until `css` matches exactly `n` elements.
async fn wait_count(b: &Browser, css: &str, n: usize, why: &str) {
    for _ in 0..100 {
        if b.count(css).await == n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css}: expected {n} ({why}), found {}", b.count(css).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_closes_its_task_overdue_work_closes_in_one_go_and_both_are_reviewed() {
    let b = Browser::start().await;
    b.open("#/today").await;
    let today = Local::now().date_naive();
    let days_ago = |n| today.checked_sub_days(Days::new(n)).expect("date");

    b.click("#nav-staff").await;
    b.type_into("#staff-name", "周经理").await;
    b.find("#staff-role").await.select_by_label("公司经理").await.expect("role");
    b.click("#save-staff").await;
    b.wait_text("#staff-list", "周经理").await;
    for (name, room) in [("王美丽", "1201"), ("张伟", "0101"), ("赵敏", "0202")] {
        b.add_customer(name, room, None).await;
        b.wait_text("#customer-list", room).await;
    }
    add_major_complaint(&b, "王美丽 · 3-2-1201", today).await;
    add_major_complaint(&b, "张伟 · 3-2-0101", days_ago(40)).await;
    add_major_complaint(&b, "赵敏 · 3-2-0202", days_ago(20)).await;

    // Three tasks on Today; 王美丽's is due in 3 days.
    b.click("#nav-today").await;
    b.wait_text("#today-list", "王美丽").await;
    wait_count(&b, "#today-list .due-row", 3, "one task per complaint").await;

    // Rule 12, in words beside the button: nothing tried yet, so three more.
    let row = "#today-list .due-row:last-child .record-revisit";
    b.wait_text("#today-list .due-row:last-child .customer", "王美丽").await;
    b.click(row).await;
    b.wait_text("#revisit-case", "王美丽").await;
    b.wait_text("#unreachable-rule", "相隔至少 2 小时").await;
    b.wait_text("#unreachable-progress", "还需 3 次").await;
    b.find("#attempt-outcome").await.select_by_label("无人接听").await.expect("outcome");
    b.click("#log-attempt").await;
    b.wait_text("#notice", "已记录本次联系").await;
    b.wait_text("#unreachable-progress", "还需 2 次").await;
    assert!(b.find("#close-task").await.attr("disabled").await.expect("attr").is_some(), "not unreachable yet");
    b.snap("close-task").await;

    // She picks up on the next call and refuses the revisit: closed at once.
    b.find("#closure-reason").await.select_by_label("客户拒访").await.expect("reason");
    b.click("#close-task").await;
    b.wait_text("#notice", "已关闭此回访").await;
    wait_count(&b, "#today-list .due-row", 2, "the refused task left Today").await;

    // The supervisor closes what is more than 30 days overdue, with a note.
    b.click("#today-overdue").await;
    b.click("#close-overdue-open").await;
    b.wait_text("#close-overdue-count", "将关闭 1 项").await;
    b.set_value("#close-overdue-days", "10").await;
    b.wait_text("#close-overdue-count", "将关闭 2 项").await;
    b.set_value("#close-overdue-days", "30").await;
    b.wait_text("#close-overdue-count", "将关闭 1 项").await;
    b.click("#close-overdue-confirm").await;
    b.wait_text("#close-overdue-dialog .form-errors", "备注：必须填写").await;
    b.snap("close-overdue").await;
    b.type_into("#close-overdue-note", "住户长期不在，年底清理").await;
    b.find("#close-overdue-by").await.select_by_label("周经理 · 公司经理").await.expect("who");
    b.click("#close-overdue-confirm").await;
    b.wait_text("#notice", "已批量关闭逾期回访").await;
    wait_count(&b, "#today-list .due-row", 1, "only the task overdue for less than 30 days is left").await;
    b.wait_text("#today-list", "赵敏").await;

    // This month's report: the refusal counts as closed, not revisited.
    b.click("#nav-tally").await;
    b.wait_text("#report-by-kind tr.kind .closed", "1").await;
    assert_eq!(b.text("#report-by-kind tr.kind .revisited").await, "0");
    b.wait_text("#report-legend", "关闭未回访").await;
    b.wait_text("#report-reviews", "0 / 2").await;

    // Rule 6: both closed records are found again on the records screen,
    // and the review queue holds them until the supervisor signs.
    b.click("#nav-records").await;
    wait_count(&b, "#records-list .record-row", 2, "the refusal and the missed task").await;
    b.wait_text("#records-list", "客户拒访").await;
    b.wait_text("#review-queue", "待主管审阅：2 条").await;
    b.snap("records").await;
    b.type_into("#records-search", "王美丽").await;
    wait_count(&b, "#records-list .record-row", 1, "searched by name").await;
    b.click("#records-list .record-row .open-record").await;
    b.wait_text("#record-closure", "客户拒访").await;
    b.wait_text("#record-closure", "周经理").await;
    b.type_into("#review-comment", "已核实客户拒访").await;
    b.find("#review-by").await.select_by_label("周经理 · 公司经理").await.expect("reviewer");
    b.click("#save-review").await;
    b.wait_text("#notice", "已保存审阅意见").await;
    b.wait_text("#record-review", "周经理").await;
    b.click("#record-back").await;
    b.wait_text("#review-queue", "待主管审阅：1 条").await;
    b.click("#review-queue").await;
    wait_count(&b, "#records-list .record-row", 1, "only the unreviewed are left").await;
    b.wait_text("#records-list", "逾期未回访").await;
    b.click("#nav-tally").await;
    b.wait_text("#report-reviews", "1 / 2").await;

    b.assert_no_console_errors().await;
    b.close().await;
}
