//! The records screens mounted in headless Chromium on real IndexedDB:
//! staff, a customer with a move-in date, a complaint handled, an activity
//! for several households, an open letter and the settings, each through
//! its form, as the front desk would. (The release build's full walk is
//! the e2e test; this one checks the screens themselves.)
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_records_screens_save_through_their_forms() {
    use wasm_bindgen::JsCast;
    // Leptos reports misuse (a signal read outside tracking, a disposed
    // signal…) as console warnings; any warning or error fails the test.
    js("window.__logs = []; for (const k of ['warn', 'error']) { const f = console[k]; \
        console[k] = (...a) => { window.__logs.push(k + ': ' + a.join(' ')); f.apply(console, a); }; }");
    // Beside the test runner's own output, which it reads from the page.
    let root = js("(() => { const d = document.createElement('div'); document.body.appendChild(d); return d; })()");
    leptos::mount::mount_to(root.unchecked_into(), huifang::app::App).forget();
    wait_for("#nav-staff").await;

    // Staff: a property assistant for buildings 3 and 5.
    click("#nav-staff");
    wait_for("#staff-name").await;
    set("#staff-name", "李娜");
    set("#staff-buildings", "3, 5");
    click("#save-staff");
    saved("员工已保存").await;
    wait_text("#staff-list .staff-row", "李娜").await;
    assert!(text("#staff-list .staff-row").contains("3, 5"));

    // A customer who moved in: the move-in case comes with it (rule 4).
    click("#nav-customers");
    wait_for("#customer-name").await;
    click("#save-customer");
    wait_text(".form-errors", "姓名：必须填写").await;
    set("#customer-name", "王美丽");
    set("#customer-phone", "138 0000 1111");
    set("#customer-building", "3");
    set("#customer-entrance", "2");
    set("#customer-room", "1201");
    set("#customer-other-phones", "13911112222, 0755-1234567");
    set("#customer-moved-in", "2026-08-20");
    click("#save-customer");
    saved("入伙事项已登记").await;
    wait_text("#customer-list", "3-2-1201").await;
    assert!(text("#customer-list").contains("13911112222"));
    // A second household, for the activity below.
    set("#customer-name", "赵六");
    set("#customer-phone", "13900000000");
    set("#customer-building", "5");
    set("#customer-entrance", "1");
    set("#customer-room", "301");
    click("#save-customer");
    wait_text("#customer-list", "5-1-301").await;

    // A complaint about the assistant (rule 13), then handled today.
    click("#nav-complaints");
    wait_for("#case-kind").await;
    wait_text("#complaint-list .case-row", "入伙").await;
    choose("#complaint-customer", "王美丽 · 3-2-1201");
    choose("#complaint-severity", "重要");
    set("#complaint-description", "电梯夜间异响");
    click(".case-staff");
    click("#save-complaint");
    saved("投诉已登记").await;
    wait_text("#complaint-list .case-row .case-flags", "李娜").await;
    assert_eq!(count("#complaint-list .case-row"), 2);
    click("#complaint-list .case-row .mark-handled");
    saved("已标记处理完成").await;
    wait_text("#complaint-list .case-row .handling", "已处理").await;

    // An activity for both households at once: one case each (rule 3).
    choose("#case-kind", "文体活动");
    wait_for(".participant").await;
    click(".pick-all");
    set("#complaint-description", "中秋游园会");
    click("#save-complaint");
    saved("活动已为每户参加住户登记").await;
    wait_text("#complaint-list", "中秋游园会").await;
    assert_eq!(count("#complaint-list .case-row"), 4);

    // A complaint the authority wants only a written reply to (rule 11):
    // it cannot be marked handled without the reply.
    choose("#case-kind", "投诉");
    wait_for("#case-reply-only").await;
    choose("#complaint-customer", "赵六 · 5-1-301");
    set("#complaint-description", "区住建局转来的噪音投诉");
    click("#case-reply-only");
    click("#save-complaint");
    saved("投诉已登记").await;
    wait_text("#complaint-list .case-row .case-flags", "上级只要求复函").await;
    click("#complaint-list .case-row .mark-handled");
    wait_text("#notice", "复函：必须填写").await;
    set("#complaint-list .case-row .written-reply", "已复函区住建局");
    click("#complaint-list .case-row .mark-handled");
    saved("已标记处理完成").await;
    wait_text("#complaint-list .case-row .written-reply-text", "已复函区住建局").await;
    assert_eq!(count("#complaint-list .case-row .request-revisit[disabled]"), 0);

    // Edit a case, then put another on the revisit list.
    click("#complaint-list .case-row .edit-case");
    wait_text("#complaint-form h3", "编辑事项").await;
    set("#complaint-description", "区住建局转来的夜间噪音投诉");
    click("#save-complaint");
    saved("事项已更新").await;
    wait_text("#complaint-list", "夜间噪音投诉").await;
    wait_text("#complaint-form h3", "登记事项").await;
    let before = count(".request-revisit");
    click(".request-revisit");
    saved("已加入回访清单").await;
    wait_text("#complaint-list .tag.requested", "已加入回访清单").await;
    assert_eq!(count(".request-revisit"), before - 1);

    // Correcting a customer's move-in date moves the move-in case too.
    click("#nav-customers");
    wait_for(".edit-customer").await;
    click("#customer-list .customer-row .edit-customer");
    wait_text("#customer-form h3", "编辑客户").await;
    set("#customer-moved-in", "2026-08-18");
    set("#customer-email", "wang@example.cn");
    click("#save-customer");
    saved("入伙事项已登记").await;
    wait_text("#customer-list", "wang@example.cn").await;
    assert_eq!(count("#customer-list .customer-row"), 2, "edited in place");
    click("#nav-complaints");
    wait_text("#complaint-list .case-row[data-kind=MoveIn]", "2026-08-18").await;
    assert_eq!(count("#complaint-list .case-row[data-kind=MoveIn]"), 1);

    // An open letter answering the handled complaint (rule 8).
    click("#nav-letters");
    wait_for("#letter-title").await;
    wait_for(".letter-case").await;
    set("#letter-filter", "电梯");
    wait_count(".letter-case", 1).await;
    wait_text(".picks", "电梯夜间异响").await;
    click(".letter-case");
    set("#letter-title", "致3栋业主的一封信");
    set("#letter-body", "关于电梯异响的说明");
    click("#save-letter");
    saved("公开信已保存").await;
    wait_text("#letter-list .letter-row", "电梯夜间异响").await;

    // Settings: the calendar warning, a day added, a policy edited and refused.
    click("#nav-settings");
    wait_text("#calendar-warning", "年的法定节假日尚未录入").await;
    click("#calendar > summary");
    wait_for("#day-date").await;
    set("#day-date", "2027-01-01");
    set("#day-name", "元旦");
    click("#add-day");
    saved("日历已保存").await;
    choose("#calendar-year", "2027");
    wait_count("#calendar-days .calendar-day", 1).await;
    assert!(text("#calendar-days").contains("元旦"));
    click("#policy-repair > summary");
    set("#policy-repair .target", "101");
    click("#policy-repair .save-policy");
    wait_text("#policy-repair .form-errors", "目标回访率：不能大于 100").await;
    set("#policy-repair .target", "40");
    click("#policy-repair .save-policy");
    saved("设置已保存").await;
    wait_text("#policy-repair > summary", "目标 40%").await;

    // Calling etiquette: an overlapping window is refused (rule 12).
    click("#contact > summary");
    click("#add-window");
    wait_for(".call-window:nth-child(3) .window-from").await;
    set(".call-window:nth-child(3) .window-from", "10:00");
    set(".call-window:nth-child(3) .window-to", "11:00");
    click(".save-contact");
    wait_text("#contact .form-errors", "重叠").await;
    set(".call-window:nth-child(3) .window-from", "18:30");
    set(".call-window:nth-child(3) .window-to", "20:00");
    click(".save-contact");
    saved("设置已保存").await;
    assert_eq!(count("#contact .form-errors"), 0);

    // 2027 entered and marked complete: the warning no longer names it.
    click("#year-covered");
    for _ in 0..200 {
        if !text("#calendar-warning").contains("2027") {
            break;
        }
        sleep(50).await;
    }
    assert!(!text("#calendar-warning").contains("2027"), "{}", text("#calendar-warning"));
    click(".remove-day");
    saved("日历已保存").await;
    wait_text("#calendar", "该年份还没有录入节假日").await;

    // English is one tap away on these screens too.
    click("#lang-switch");
    wait_text("#settings h2", "Settings").await;
    wait_text("#policy-repair > summary", "target 40%").await;
    click("#nav-complaints");
    wait_text("#complaint-list", "Complaint").await;
    click("#lang-switch");
    wait_text("#complaint-list", "投诉").await;

    // A staff member who left stays on record but is no longer offered.
    click("#nav-staff");
    wait_for(".edit-staff").await;
    click(".edit-staff");
    wait_text("#staff-form h3", "编辑员工").await;
    click("#staff-active");
    click("#save-staff");
    saved("员工已保存").await;
    wait_text("#staff-list .staff-row", "已离职").await;
    assert_eq!(count("#staff-list .staff-row"), 1);
    click("#nav-complaints");
    wait_for("#complaint-description").await;
    assert_eq!(count(".case-staff"), 0);
    wait_text("#complaint-form", "还没有在职员工").await;

    // Everything is still there after the screens are rebuilt from storage.
    click("#nav-staff");
    wait_text("#staff-list", "李娜").await;
    wait_text("#staff-list", "已离职").await;
    click("#nav-settings");
    wait_text("#policy-repair > summary", "目标 40%").await;
    click("#contact > summary");
    wait_count(".call-window", 3).await;

    let logs = js("window.__logs.join('\\n')").as_string().unwrap_or_default();
    assert!(logs.is_empty(), "console warnings or errors:\n{logs}");
}
