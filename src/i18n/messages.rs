//! Every UI message, Chinese first.

messages! {
    AppTitle => "回访台", "Revisit Desk";
    AppTagline => "投诉·维修·活动，件件有回访", "Every case followed up";
    NavToday => "今日待办", "Today";
    NavCustomers => "客户", "Customers";
    NavRecords => "回访记录", "Records";
    NavTally => "月度报告", "Monthly report";
    NavData => "数据", "Data";
    SwitchLanguage => "English", "中文";
    Loading => "正在加载…", "Loading…";
    StorageUpgrading => "正在升级本机数据（仅此一次），请勿关闭本页…", "Upgrading this tablet's records (once only). Keep this page open…";
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
    AttemptsSoFar => "已联系次数：", "Attempts: ";
    Cadence => "定期回访", "Recurring revisit";
    EscalationRound => "上级再次回访", "Superior's revisit";
    AllowedMethods => "可用方式", "Allowed methods";
    AttemptsTitle => "联系记录", "Contact attempts";
    SuggestedCall => "建议下次致电时间", "Suggested time for the next call";
    Time => "时间", "Time";
    Outcome => "结果", "Outcome";
    Note => "备注", "Note";
    DoneBy => "经办人", "Done by";
    NobodyChosen => "（未选择）", "(not chosen)";
    LogAttempt => "记录本次联系", "Log this attempt";
    AttemptSaved => "已记录本次联系", "Attempt logged";
    CloseTaskTitle => "关闭此回访（未回访）", "Close without a revisit";
    ClosureReasonLabel => "关闭原因", "Reason";
    ClosureNoteHint => "“逾期未回访”和“其它原因”须写明情况", "“Missed” and “Other” need a note";
    ClosedBy => "关闭人", "Closed by";
    CloseTask => "关闭回访", "Close revisit";
    TaskClosed => "已关闭此回访", "Revisit closed";
    CloseOverdue => "批量关闭逾期回访…", "Close overdue revisits…";
    CloseOverdueTitle => "批量关闭逾期回访", "Close overdue revisits";
    CloseOverdueHint => "按当前筛选关闭逾期的回访。关闭的回访不会删除，仍计入所属月份的逾期数和关闭数。", "Closes the overdue revisits of the current filter. Nothing is deleted: they still count as overdue and closed in their months.";
    OverdueAtLeastDays => "逾期至少（天）", "Overdue at least (days)";
    CloseOverdueCount => "将关闭 {n} 项回访。", "{n} revisits will be closed.";
    DaysNotANumber => "请填写天数（整数）。", "Enter the days as a whole number.";
    OverdueClosed => "已批量关闭逾期回访", "Overdue revisits closed";
    UnreachableRule => "记为“多次联系不上”须在不同时间（相隔至少 2 小时）联系至少 {n} 次，且一次也未联系上。", "“Unreachable” needs at least {n} failed attempts, each at least 2 hours apart, with the customer never reached.";
    UnreachableMissing => "还需 {n} 次。", "{n} more needed.";
    UnreachableMissingAfter => "还需 {n} 次，{t} 之后。", "{n} more needed, after {t}.";
    UnreachableMet => "已满足。", "Met.";
    UnreachableReached => "客户已联系上过，不能记为联系不上。", "The customer was reached once: not unreachable.";
    ResultTitle => "回访记录表", "Revisit record";
    CallScript => "您好，我是物业服务中心客服部的工作人员。就您之前反映的问题做个回访，请问现在方便吗？处理结果您满意吗？还有其他需要我们帮忙的吗？", "Hello, this is the property office's customer-service desk, following up on the matter you raised. Is now a good time? Are you satisfied with how it was handled? Is there anything else we can help with?";
    IssuesRaised => "客户提出的问题", "Issues raised";
    IssuesOwed => "上一轮客户提出、本轮须答复的问题", "Issues raised last round, to answer in this one";
    IssuesHint => "不能当场解决的问题，每行一条", "Issues not settled on the spot, one per line";
    ReplyBy => "约定答复日期", "Agreed reply date";
    Escalate => "上报上级", "Escalate";
    EscalateHint => "客户强烈不满或发现违规，由上级再次回访", "Strong dissatisfaction or misconduct: the superior revisits";
    CustomerSignature => "客户签名", "Customer signature";
    SignHere => "请客户在此签名", "Customer signs here";
    SignatureTaken => "已签名", "Signed";
    ClearSignature => "重签", "Clear";
    TaskNotOpen => "这项回访已完成或已不在待办中。", "This revisit is done or no longer open.";
    RecordTitle => "回访记录", "Revisit record";
    RecordsTitle => "回访记录（已完成或已关闭）", "Revisit records (done or closed)";
    ReviewQueue => "待主管审阅：{n} 条", "Awaiting the supervisor's review: {n}";
    FinishedOn => "完成/关闭日期", "Done or closed on";
    RecordSearchHint => "客户姓名、房号、电话或记录内容", "Customer name, unit, phone or what was recorded";
    Review => "主管审阅", "Supervisor review";
    Reviewer => "审阅人", "Reviewer";
    ReviewComment => "审阅意见", "Opinion";
    SaveReview => "签署意见", "Sign off";
    ReviewSaved => "已保存审阅意见", "Review saved";
    AnswerIssue => "答复", "Answer";
    AnswerSaved => "已保存答复", "Answer saved";
    Reviewed => "已审阅", "Reviewed";
    NotReviewed => "未审阅", "Not reviewed";
    Open => "查看", "Open";
    Closed => "已关闭", "Closed";
    StillOpen => "未完成", "Still open";
    EscalatedToSuperior => "已上报上级", "Escalated to the superior";
    Print => "打印", "Print";
    ByKind => "按事项类型", "By case kind";
    ByStaff => "按员工", "By staff member";
    ByBuilding => "按楼栋", "By building";
    HandlingRate => "回访处理率（已答复 / 提出）", "Handling rate (answered / raised)";
    ReviewedRecords => "本月记录主管审阅（已审阅 / 已完成或关闭）", "Records reviewed by the supervisor this month (reviewed / done or closed)";
    Trend => "近 12 个月", "Last 12 months";
    DissatisfiedList => "不满意客户及处理情况", "Dissatisfied customers and what was done";
    RepairSampleList => "本季度维修记录抽查（20%）", "This quarter's repair record sample (20%)";
    UnknownBuilding => "（无房号）", "(no unit)";
    OnTime => "按时", "On time";
    Overdue => "逾期", "Overdue";
    Late => "超时完成", "Late";
    ClosedUnrevisited => "关闭未回访", "Closed, not revisited";
    ReportLegend => "✉：以公开信答复的件数。按时：在期限内回访；超时完成：期限过后才回访；逾期：已过期限仍未回访（含主管以“逾期未回访”关闭的）；关闭未回访：因拒访、联系不上、号码错误、搬离等原因关闭，不计入已回访，也不计满意度。", "✉: answered by an open letter. On time: revisited within the window; late: revisited after it; overdue: past the window and not revisited (including those the supervisor closed as missed); closed, not revisited: closed as refused, unreachable, wrong number, moved out and so on, never counted as revisited or in satisfaction.";
    SatisfiedShort => "满意", "Satisfied";
    NeutralShort => "一般", "Neutral";
    DissatisfiedShort => "不满意", "Dissatisfied";

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

    Customer => "客户", "Customer";
    ChooseCustomer => "请选择客户", "Choose a customer";
    ReceivedOn => "受理日期", "Received on";
    Channel => "渠道", "Channel";
    Severity => "等级", "Severity";
    Subject => "投诉内容", "Subject";
    Description => "详细描述", "Description";
    ComplaintSaved => "投诉已登记", "Complaint recorded";
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

    TallyTitle => "客户回访记录（月度报告）", "Monthly revisit report";
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
    ExportUnreadable => "导出失败，数据未受影响：浏览器暂时腾不出内存写出这么大的备份文件。请刷新本页（或关闭其他标签页）后再点“导出备份”。",
        "Export failed; no data was changed: the browser could not free enough memory for a backup this large just now. Reload this page (or close other tabs), then export again.";
    Import => "导入备份", "Import backup";
    ImportChoose => "选择备份文件（.json）", "Choose a backup file (.json)";
    ImportPreview => "即将用此备份替换本设备上的全部数据：", "This backup will replace all data on this device:";
    ImportConfirm => "替换全部", "Replace everything";
    Imported => "备份已导入", "Backup imported";
    ImportRefused => "无法导入：", "Cannot import: ";
    ExportedAt => "导出时间", "Exported at";
    CurrentData => "本设备当前数据", "Data on this device now";
    Counts => "记录数", "Records";

    // — office records: staff, cases of every kind, open letters, settings —
    NavCases => "事项", "Cases";
    NavLetters => "公开信", "Open letters";
    NavStaff => "员工", "Staff";
    NavSettings => "设置", "Settings";
    Edit => "编辑", "Edit";
    CancelEdit => "取消编辑", "Cancel editing";
    Save => "保存", "Save";
    Remove => "删除", "Remove";
    Confirm => "确定", "Confirm";
    All => "全部", "All";
    SelectAllShown => "全选显示的", "Select all shown";
    ClearSelection => "清除选择", "Clear selection";
    SelectedCount => "已选", "Selected";
    FilterHint => "输入姓名、房号或内容筛选", "Type a name, unit or text to filter";
    NothingMatches => "没有符合筛选条件的项目。", "Nothing matches the filter.";
    RestoreDefaults => "恢复默认值", "Restore defaults";
    DefaultsFilledIn => "已填入默认值，保存后生效", "Defaults filled in; save to apply them";

    StaffTitle => "员工", "Staff";
    NewStaff => "新增员工", "New staff member";
    EditStaff => "编辑员工", "Edit staff member";
    Role => "岗位", "Role";
    Buildings => "负责楼栋", "Buildings";
    BuildingsHint => "多个楼栋用逗号分隔；不填表示全部楼栋", "Separate buildings with commas; leave empty for the whole estate";
    AllBuildings => "全部楼栋", "Whole estate";
    Active => "在职", "Active";
    Inactive => "已离职", "Left";
    SaveStaff => "保存员工", "Save staff member";
    StaffSaved => "员工已保存", "Staff member saved";
    NoStaff => "还没有员工。", "No staff yet.";

    EditCustomer => "编辑客户", "Edit customer";
    OtherPhones => "其他电话", "Other phones";
    OtherPhonesHint => "多个号码用逗号分隔", "Separate numbers with commas";
    Email => "电子邮箱", "Email";
    ContactPreference => "联系方式", "Contact preference";
    MovedInOn => "入伙日期", "Moved in on";
    Decorating => "装修期", "Still decorating";
    Resident => "实际入住", "Living there";
    NotResident => "未入住", "Not living there";
    SalesClass => "销售客户分类", "Sales class";
    SalesClassSince => "分类日期", "Class given on";
    CustomerSavedMoveIn => "客户已保存，入伙事项已登记", "Customer saved; move-in recorded";

    CasesTitle => "事项", "Cases";
    NewCase => "登记事项", "New case";
    EditCase => "编辑事项", "Edit case";
    CaseKind => "事项类型", "Kind";
    Nature => "投诉性质", "Nature";
    Anonymous => "匿名投诉", "Anonymous complaint";
    ReplyOnly => "上级只要求复函", "Authority asked only for a written reply";
    WrittenReply => "复函", "Written reply";
    DuplicateOf => "重复投诉，关联到", "Duplicate of";
    NotDuplicate => "不是重复投诉", "Not a duplicate";
    StaffInvolved => "涉及员工", "Staff involved";
    StaffInvolvedHint => "被投诉的员工不会被安排回访本事项", "Staff the case is about will not revisit it";
    Participants => "参加住户", "Participating households";
    AlreadyDone => "若已完成，填写日期", "If already done, the date";
    SaveCase => "保存事项", "Save case";
    CaseSaved => "事项已登记", "Case recorded";
    CaseUpdated => "事项已更新", "Case updated";
    ActivitySaved => "活动已为每户参加住户登记", "Activity recorded for each household";
    NoCases => "还没有事项。", "No cases yet.";
    Notes => "备注", "Notes";
    Kind => "类型", "Kind";
    RequestRevisit => "加入回访清单", "Add to revisit list";
    RevisitRequested => "已加入回访清单", "On the revisit list";
    NoStaffYet => "还没有在职员工，可在“员工”页新增。", "No active staff; add them on the Staff page.";
    RepairedOn => "完工日期", "Repair completed";
    EndedOn => "活动结束日期", "Activity ended";
    SignedOn => "签约日期", "Signed on";
    VisitedOnDay => "拜访日期", "Visited on";
    MarkRepaired => "标记完工", "Mark repaired";
    MarkEnded => "标记活动结束", "Mark ended";
    MarkMovedIn => "标记已入伙", "Mark moved in";
    MarkSigned => "标记已签约", "Mark signed";
    MarkVisited => "标记已拜访", "Mark visited";
    Repaired => "已完工", "Repaired";
    Ended => "已结束", "Ended";
    MovedIn => "已入伙", "Moved in";
    Signed => "已签约", "Signed";
    Visited => "已拜访", "Visited";
    CompletedSaved => "已记录完成日期", "Completion recorded";

    LettersTitle => "公开信", "Open letters";
    NewLetter => "写公开信", "New open letter";
    Title => "标题", "Title";
    Body => "正文", "Text";
    SentOn => "发出日期", "Sent on";
    CasesAnswered => "回复的事项", "Cases answered";
    CasesAnsweredHint => "选择已处理完成的事项；公开信即作为这些事项的回访。", "Choose handled cases; the letter stands in for their revisit.";
    SaveLetter => "保存公开信", "Save open letter";
    LetterSaved => "公开信已保存", "Open letter saved";
    NoLetters => "还没有公开信。", "No open letters yet.";
    NoCompletedCases => "还没有处理完成的事项。", "No handled cases yet.";
    AnsweredByLetter => "已有公开信", "Already answered by a letter";

    SettingsTitle => "设置", "Settings";
    PoliciesTitle => "回访规则", "Revisit policies";
    StartsAt => "起算事件", "Starts at";
    OpensAfter => "起算后多久开始", "Opens after";
    DueWithin => "开始后多久内完成", "Due within";
    TargetRate => "目标回访率（%）", "Target rate (%)";
    Roles => "回访人员（按优先顺序）", "Revisited by (in order of preference)";
    Methods => "首次回访方式", "First-round methods";
    LaterMethods => "第二轮起回访方式", "Methods from round 2";
    Exclusions => "以下情形不回访", "Not revisited when";
    Repeats => "定期重复，每隔", "Repeats every";
    SalesTitle => "销售客户回访频率", "Sales-centre cadences";
    FirstVisit => "首次回访（分类后）", "First revisit (after the class is given)";
    Every => "之后每隔", "Then every";
    OnHolidays => "节假日回访", "On holidays";
    SalesMethods => "回访方式", "Methods";
    SalesRoles => "回访人员", "Revisited by";
    ContactTitle => "致电规范", "Calling etiquette";
    CallWindows => "首选致电时段", "Preferred call windows";
    AddWindow => "添加时段", "Add a window";
    MinAttempts => "记为联系不上前至少联系次数", "Attempts before marking unreachable";
    RepairSampleTitle => "维修回访抽查", "Repair revisit sampling";
    RepairSample => "主管每季度抽查维修回访记录比例（%）", "Share of repair records the supervisor re-checks each quarter (%)";
    CalendarTitle => "工作日日历", "Working-day calendar";
    CalendarHint => "法定节假日与调休上班日；按工作日计算的期限以此为准。", "Official holidays and swapped working days; working-day deadlines count on this calendar.";
    Year => "年份", "Year";
    Date => "日期", "Date";
    DayName => "名称", "Name";
    AddDay => "添加日期", "Add day";
    NoDays => "该年份还没有录入节假日。", "No days entered for this year.";
    YearComplete => "该年份的法定节假日已全部录入", "This year's official schedule is fully entered";
    RestoreOfficial => "恢复官方节假日安排", "Restore the official schedule";
    RestoreOfficialConfirm => "已内置年份（如 2026 年）的日历将恢复为国务院公布的安排，本办公室在这些年份所做的修改会被覆盖；其他年份不受影响。", "Built-in years (such as 2026) go back to the State Council schedule, replacing this office's changes in those years; other years are not affected.";
    CalendarSaved => "日历已保存", "Calendar saved";
    SettingsSaved => "设置已保存", "Settings saved";

    // ---- import, merge and progress (lead) ----
    ImportChecked => "备份文件已通过全部检查。请选择导入方式：", "The backup passed every check. Choose how to import it:";
    RestoreTitle => "替换全部（恢复）", "Replace everything (restore)";
    RestoreHint => "本机全部数据和设置将被文件内容取代。", "Everything on this tablet, settings included, becomes the file's content.";
    RestoreNothing => "与本机数据相同，没有变化。", "Same as the data here: nothing changes.";
    RestoreSettings => "办公室设置也将替换为文件中的设置。", "The office settings are replaced by the file's too.";
    MergeTitle => "合并", "Merge";
    MergeHint => "按编号合并：只在一方的记录都保留；同一条记录两边不同时，以修改时间较新的为准。本机设置不变。", "By id: records on either side are kept; where the same record differs, the more recently changed version wins. This tablet's settings stay.";
    MergeSettings => "文件中的办公室设置与本机不同，合并时保留本机设置。", "The file's office settings differ; merging keeps this tablet's.";
    MergeNoConflicts => "没有冲突。", "No conflicts.";
    MergeConflicts => "冲突（同一条记录两边都改过）：", "Conflicts (the same record changed on both sides):";
    MergeConfirm => "合并导入", "Merge";
    Merged => "备份已合并", "Backup merged";
    MergeRefused => "无法合并：", "Cannot merge: ";
    ImportChecking => "正在检查备份文件……", "Checking the backup file…";

    // ---- encrypted backups and CSV export ----
    ExportTitle => "导出", "Export";
    ExportEncrypt => "用口令加密备份", "Encrypt the backup with a passphrase";
    ExportEncryptHint => "加密后，没有口令谁也打不开这份备份。口令一旦忘记就无法找回，请另行妥善保管。",
        "Without the passphrase nobody can open an encrypted backup. A forgotten passphrase cannot be recovered: keep it somewhere safe.";
    Passphrase => "口令", "Passphrase";
    PassphraseAgain => "再次输入口令", "Passphrase again";
    PassphraseTooShort => "口令至少需要 {n} 个字符", "The passphrase needs at least {n} characters";
    PassphraseMismatch => "两次输入的口令不一致", "The two passphrases differ";
    Encrypting => "正在加密，请稍候…", "Encrypting, please wait…";
    ExportedEncrypted => "加密备份已导出，请记住口令", "Encrypted backup exported; remember the passphrase";
    CsvTitle => "导出表格（Excel）", "Export spreadsheets (Excel)";
    CsvHint => "表格用于查看、统计和打印，不能用来恢复数据；恢复数据请用上面的备份文件。",
        "Spreadsheets are for reading, totals and printing; they cannot restore data. Use the backup file above for that.";
    CsvCustomers => "客户表", "Customers";
    CsvCases => "事项表", "Cases";
    CsvRevisits => "回访表", "Revisits";
    CsvExported => "表格已导出", "Spreadsheet exported";
    CsvYes => "是", "Yes";
    CsvNo => "否", "No";
    CsvCompletedOn => "完成日期", "Completed on";
    CsvAssignedTo => "安排给", "Assigned to";
    CsvAttempts => "联系次数", "Attempts";
    CsvClosedBecause => "未回访原因", "Closed because";
    PassphrasePromptTitle => "这份备份已加密", "This backup is encrypted";
    PassphrasePromptText => "请输入导出这份备份时设置的口令。", "Enter the passphrase set when this backup was exported.";
    Decrypt => "解密", "Decrypt";
    Decrypting => "正在解密，请稍候…", "Decrypting, please wait…";
    CryptoUnavailable => "此浏览器无法加密或解密：请通过 https 或在本机打开本应用，并使用新版浏览器。",
        "This browser cannot encrypt or decrypt here: open the app over https or from this device, in an up-to-date browser.";
    CryptoRejected => "口令不正确，或文件已损坏/被改动（两者无法区分）。请核对口令后重试。",
        "Wrong passphrase, or the file is damaged or was changed (the two cannot be told apart). Check the passphrase and try again.";
    CryptoFailed => "加密或解密失败：", "Encryption or decryption failed: ";
    EnvelopeNotJson => "加密备份已损坏或不完整（不是有效的 JSON）。", "The encrypted backup is damaged or incomplete (not valid JSON).";
    EnvelopeNotEncrypted => "这不是加密的回访台备份。", "This is not an encrypted Revisit Desk backup.";
    EnvelopeTooNew => "加密备份版本 {n} 比本应用新，请先升级应用。", "Encrypted backup version {n} is newer than this app; update the app first.";
    EnvelopeUnsupported => "不支持加密备份版本 {n}。", "Encrypted backup version {n} is not supported.";
    EnvelopeMissing => "加密备份缺少或损坏了“{n}”部分。", "The encrypted backup's \"{n}\" part is missing or damaged.";
    EnvelopeUnknownAlgorithm => "加密备份使用了本应用不支持的算法（{n}）。", "The encrypted backup uses an algorithm this app does not support ({n}).";
    EnvelopeWeakKdf => "加密备份声称的口令计算轮数（{n}）低于安全下限，文件可能被人改动过，已拒绝。",
        "The encrypted backup claims too few passphrase rounds ({n}), below the safe minimum; it may have been tampered with and is refused.";
    EnvelopeTooManyIterations => "加密备份要求的口令计算轮数（{n}）过大，已拒绝。", "The encrypted backup asks for too many passphrase rounds ({n}) and is refused.";
    EnvelopeBadBase64 => "加密备份的“{n}”部分已损坏。", "The encrypted backup's \"{n}\" part is damaged.";
    EnvelopeWrongLength => "加密备份的“{n}”部分长度不对，文件已损坏或被改动。", "The encrypted backup's \"{n}\" part has the wrong length: the file is damaged or was changed.";

    // ---- storage health and several tabs ----
    StorageTitle => "存储状态", "Storage health";
    StorageChecking => "正在查询浏览器的存储状态…", "Asking the browser about its storage…";
    StoragePersisted => "浏览器已同意长期保存本网页的数据：设备空间不足时也不会自动清除。",
        "The browser keeps this page's data for good: it won't clear it when the device runs short of space.";
    StorageNotPersisted => "浏览器未同意长期保存：设备空间不足时，浏览器可能自动清除本网页的数据。请定期导出备份。",
        "The browser has not agreed to keep this data for good: when the device runs short of space it may clear it. Export backups regularly.";
    StorageUnsupported => "此浏览器不能申请长期保存，请定期导出备份。",
        "This browser cannot be asked to keep the data for good; export backups regularly.";
    StorageAskAgain => "申请长期保存", "Ask to keep the data";
    StorageUsageUnknown => "浏览器未提供存储用量。", "The browser does not report its storage use.";
    BackupNever => "本设备还没有导出过备份。", "No backup has been exported on this device yet.";
    BackupDue => "已经 7 天以上没有备份，请现在导出一份，并复制到U盘或另一台平板。",
        "No backup for 7 days or more: export one now and copy it to a USB stick or another tablet.";
    GoExport => "去导出备份", "Export a backup";
    LostUpgraded => "回访台已在另一个标签页中更新，本页已停止使用数据库，未保存任何内容。请刷新本页后继续。",
        "Revisit Desk was updated in another tab, so this page has stopped using the database and saves nothing. Reload this page to continue.";
    LostDeleted => "本页的数据库已被删除或被浏览器关闭，本页已停止保存。请刷新本页。",
        "This page's database was deleted or closed by the browser; this page saves nothing more. Reload this page.";
    ReloadPage => "刷新本页", "Reload this page";
    OpenBlocked => "另一个回访台标签页仍在使用旧版数据库。请关闭其他回访台标签页，本页随后会自动继续。",
        "Another Revisit Desk tab is still using the old database. Close the other Revisit Desk tabs; this page then continues by itself.";
    RestoreFromBackup => "从备份恢复", "Restore from a backup";
    StartFresh => "不恢复，从头开始", "Start fresh";

    // ---- retention and archive (rule 17) ----
    RetentionTitle => "保存与归档", "Keeping and archiving";
    RetentionHint => "回访记录须保存至少 3 年。归档后记录不再显示在默认列表中，但仍计入月度报告和统计。", "Revisit records are kept at least 3 years. An archived record leaves the default lists but still counts in the monthly report and statistics.";
    ArchivedMark => "已归档", "Archived";
    ArchiveRecord => "归档", "Archive";
    UnarchiveRecord => "取消归档", "Unarchive";
    RecordArchived => "回访记录已归档", "Revisit record archived";
    RecordUnarchived => "已取消归档", "Revisit record unarchived";
    DeleteRecord => "删除", "Delete";
    DeleteRecordConfirm => "确定删除这条回访记录吗？客户签名、问题答复和审阅意见将一并删除，无法恢复。", "Delete this revisit record? The customer's signature, the answers and the review go with it. This cannot be undone.";
    RecordDeleted => "回访记录已删除", "Revisit record deleted";
    RetentionNotFound => "这条回访记录已不存在，可能已在其他页面删除。", "This revisit record no longer exists; it may have been deleted in another tab.";
    RetentionUnfinished => "回访尚未完成，不能归档或删除。", "The revisit is not finished yet, so it cannot be archived or deleted.";
    RetentionAlreadyArchived => "这条回访记录已归档。", "This revisit record is already archived.";
    RetentionNotArchived => "这条回访记录未归档。", "This revisit record is not archived.";
    RetentionKeptUntil => "按规定回访记录须保存至少 3 年，可于 {date} 起删除。", "Revisit records must be kept at least 3 years; this one can be deleted from {date}.";
    RetentionHasFollowUp => "这条记录之后还有后续回访，不能单独删除；可以归档。", "A later revisit follows this record, so it cannot be deleted on its own; archive it instead.";
    RetentionChangesPlan => "删除后该事项会重新出现在待回访清单中，不能删除；可以归档。", "Deleting it would bring its revisit back onto the to-do list; archive it instead.";


    // ---- lists: a page at a time, with search ----
    PagerRange => "第 {from}–{to} 条，共 {total} 条", "{from}–{to} of {total}";
    PrevPage => "上一页", "Previous";
    NextPage => "下一页", "Next";
    Search => "搜索", "Search";
    CustomerSearchHint => "姓名、电话或房号", "Name, phone or unit";
    NarrowCustomers => "符合的客户较多，只列出前 50 户；请输入姓名或房号查找。",
        "Many households match; the first 50 are listed. Type a name or unit to find one.";
    CaseSearchHint => "客户、房号或内容", "Customer, unit or description";
    OverdueOnly => "只看逾期", "Overdue only";
    Anyone => "全部人员", "Everyone";
    Unassigned => "（未分配）", "(unassigned)";
}
