//! Every UI message, Chinese first.

messages! {
    AppTitle => "回访台", "Revisit Desk";
    AppTagline => "投诉·维修·活动，件件有回访", "Every case followed up";
    NavToday => "今日待办", "Today";
    NavCustomers => "客户", "Customers";
    NavComplaints => "投诉", "Complaints";
    NavTally => "月度统计", "Monthly tally";
    NavData => "数据", "Data";
    SwitchLanguage => "English", "中文";
    Loading => "正在加载…", "Loading…";
    Saving => "正在保存…", "Saving…";
    Saved => "已保存", "Saved";
    Cancel => "取消", "Cancel";
    Back => "返回", "Back";
    FormHasErrors => "请修正以下问题：", "Please correct the following:";

    TodayTitle => "待办回访", "Revisits to do";
    TodayEmpty => "暂无待回访事项。", "No revisits are due.";
    DueOn => "到期日", "Due";
    Status => "状态", "Status";
    Assignee => "回访人", "Revisited by";
    WhyDue => "原因", "Why";
    RecordRevisit => "记录回访", "Record revisit";
    DueToday => "今日到期", "Due today";

    CustomersTitle => "客户", "Customers";
    NewCustomer => "新增客户", "New customer";
    Name => "姓名", "Name";
    Phone => "电话", "Phone";
    Unit => "房号", "Unit";
    Building => "楼栋", "Building";
    Entrance => "单元", "Entrance";
    Room => "房号", "Room";
    SaveCustomer => "保存客户", "Save customer";
    CustomerSaved => "客户已保存", "Customer saved";
    NoCustomers => "还没有客户。", "No customers yet.";

    ComplaintsTitle => "投诉", "Complaints";
    NewComplaint => "登记投诉", "New complaint";
    Customer => "客户", "Customer";
    ChooseCustomer => "请选择客户", "Choose a customer";
    ReceivedOn => "受理日期", "Received on";
    Channel => "渠道", "Channel";
    Severity => "等级", "Severity";
    Subject => "投诉内容", "Subject";
    Description => "详细描述", "Description";
    SaveComplaint => "保存投诉", "Save complaint";
    ComplaintSaved => "投诉已登记", "Complaint recorded";
    NoComplaints => "还没有投诉记录。", "No complaints yet.";
    CaseStatus => "处理状态", "Handling";
    InHandling => "处理中", "Being handled";
    CompletedOn => "处理完成日期", "Handling completed";
    MarkHandled => "标记处理完成", "Mark handled";
    HandledSaved => "已标记处理完成，回访已排期", "Marked handled; revisit scheduled";
    HandledOn => "已处理", "Handled";
    Revisited => "已回访", "Revisited";
    NeedCustomerFirst => "请先在“客户”页新增客户。", "Add a customer on the Customers page first.";

    RevisitTitle => "回访记录", "Revisit record";
    Method => "回访方式", "Method";
    VisitedOn => "回访日期", "Revisit date";
    Content => "回访内容", "What was said";
    Satisfaction => "满意度", "Satisfaction";
    SaveRevisit => "保存回访", "Save revisit";
    RevisitSaved => "回访已保存", "Revisit saved";
    CaseNotFound => "找不到该事项，可能已被其他操作更改。", "This case was not found; it may have been changed elsewhere.";
    Round => "回访轮次", "Round";

    TallyTitle => "月度回访统计", "Monthly revisit tally";
    Month => "月份", "Month";
    Eligible => "应回访", "Eligible";
    RevisitRate => "回访率", "Revisit rate";
    Target => "目标", "Target";
    TargetMet => "达标", "Target met";
    TargetMissed => "未达标", "Below target";
    NoRate => "本月无应回访事项", "Nothing eligible this month";
    SatisfactionTally => "满意度统计", "Satisfaction";
    KindComplaint => "投诉", "Complaints";

    DataTitle => "数据与备份", "Data and backup";
    DataWhere => "数据只保存在本设备的浏览器中。请定期导出备份，复制到U盘或另一台平板。",
        "Data is kept only in this device's browser. Export a backup regularly and copy it to a USB stick or another tablet.";
    Export => "导出备份", "Export backup";
    Exported => "备份已导出", "Backup exported";
    ExportFailed => "导出失败，数据未受影响：", "Export failed; no data was changed: ";
    Import => "导入备份", "Import backup";
    ImportChoose => "选择备份文件（.json）", "Choose a backup file (.json)";
    ImportPreview => "即将用此备份替换本设备上的全部数据：", "This backup will replace all data on this device:";
    ImportConfirm => "确认导入", "Import";
    Imported => "备份已导入", "Backup imported";
    ImportRefused => "无法导入：", "Cannot import: ";
    ExportedAt => "导出时间", "Exported at";
    CurrentData => "本设备当前数据", "Data on this device now";
    Counts => "记录数", "Records";

    // — office records: staff, cases of every kind, open letters, settings —
}
