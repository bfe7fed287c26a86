<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLogWindow</name>
    <message>
        <source>Audit log — {workspace}</source>
        <translation>审计日志 — {workspace}</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Submission ID</source>
        <translation>提交编号</translation>
    </message>
    <message>
        <source>any project</source>
        <translation>任意项目</translation>
    </message>
    <message>
        <source>From (UTC)</source>
        <translation>起始日期（UTC）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>To (UTC), inclusive</source>
        <translation>截止日期（UTC，含当日）</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>审计日志条目</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>操作人(&amp;W)：</translation>
    </message>
    <message>
        <source>W&amp;hat:</source>
        <translation>操作(&amp;H)：</translation>
    </message>
    <message>
        <source>S&amp;ubmission:</source>
        <translation>提交(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>起始(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>截止(&amp;T)：</translation>
    </message>
    <message>
        <source>Read &amp;again</source>
        <translation>重新读取(&amp;A)</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Entries not shown</source>
        <translation>未显示条目</translation>
    </message>
    <message>
        <source>{text} is not a date: type it as YYYY-MM-DD, e.g. 2020-03-31</source>
        <translation>{text} 不是日期：请按 YYYY-MM-DD 输入，例如 2020-03-31</translation>
    </message>
    <message>
        <source>Reading the audit log…</source>
        <translation>正在读取审计日志…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>The audit log could not be read.</source>
        <translation>无法读取审计日志。</translation>
    </message>
    <message>
        <source>The record is intact: {entries} entries, each chained to the one before (head SHA-256 {head}…).</source>
        <translation>记录完整：共 {entries} 条，每条都与前一条链接（链头 SHA-256 {head}…）。</translation>
    </message>
    <message>
        <source>The record is broken at entry {entry}: {detail}. Entries from there on cannot be vouched for.</source>
        <translation>记录在第 {entry} 条处断开：{detail}。自该条起的条目无法担保其真实性。</translation>
    </message>
    <message>
        <source>{shown} of {total} entries shown.</source>
        <translation>显示 {shown} 条，共 {total} 条。</translation>
    </message>
    <message>
        <source>Export the entries shown</source>
        <translation>导出所显示的条目</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Audit log not exported</source>
        <translation>审计日志未导出</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>Wrote {rows} entries to {file}.</source>
        <translation>已将 {rows} 条写入 {file}。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>At (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>On</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>对象编号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
</context>
<context>
    <name>CategoryListModel</name>
    <message>
        <source>All categories ({count})</source>
        <translation>所有类别（{count}）</translation>
    </message>
</context>
<context>
    <name>CategoryWindow</name>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>CoverageWindow</name>
    <message>
        <source>Coverage — {workspace}</source>
        <translation>评审交回情况 — {workspace}</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Nomination round</source>
        <translation>提名轮</translation>
    </message>
    <message>
        <source>Final round</source>
        <translation>决选轮</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已交回</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>未交回</translation>
    </message>
    <message>
        <source>Last workbook merged</source>
        <translation>最近合并的工作簿</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Owed by</source>
        <translation>待交专家</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Projects missing a review</source>
        <translation>缺少评审的项目</translation>
    </message>
    <message>
        <source>&amp;Experts</source>
        <translation>专家(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Projects missing a review</source>
        <translation>缺少评审的项目(&amp;P)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;Coverage</source>
        <translation>交回情况(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Copy the e-mail addresses of those who owe</source>
        <translation>复制未交评审专家的电子邮件地址(&amp;C)</translation>
    </message>
    <message>
        <source>Read &amp;again</source>
        <translation>重新读取(&amp;A)</translation>
    </message>
    <message>
        <source>Reading who has returned what…</source>
        <translation>正在读取评审交回情况…</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>评审交回情况</translation>
    </message>
    <message>
        <source>The coverage could not be read.</source>
        <translation>无法读取评审交回情况。</translation>
    </message>
    <message>
        <source>All categories ({count} missing)</source>
        <translation>全部类别（{count} 个缺少评审）</translation>
    </message>
    <message>
        <source>{returned} of {assigned} reviews returned; {projects} projects missing a review; {owing} experts owe one. {declined} returned reviews hold no scores (a declared conflict or an abstention).</source>
        <translation>已交回 {returned} 份评审，共 {assigned} 份；{projects} 个项目缺少评审；{owing} 位专家尚有未交。已交回的评审中有 {declined} 份没有评分（声明了利益冲突或弃权）。</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>revision {revision} ({origin})</source>
        <translation>第 {revision} 版（{origin}）</translation>
    </message>
    <message>
        <source>Owes {count}: {ids}</source>
        <translation>未交 {count} 份：{ids}</translation>
    </message>
    <message>
        <source>Owed by: {codes}</source>
        <translation>待交专家：{codes}</translation>
    </message>
    <message>
        <source>Copied {count} addresses.</source>
        <translation>已复制 {count} 个地址。</translation>
    </message>
</context>
<context>
    <name>DeskCategoryModel</name>
    <message>
        <source>All my projects ({done}/{assigned})</source>
        <translation>我的全部项目（{done}/{assigned}）</translation>
    </message>
    <message>
        <source>{name}: {done} of {assigned} projects done</source>
        <translation>{name}：已完成 {done}/{assigned} 个项目</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>score {key} of {project}</source>
        <translation>为项目 {project} 的“{key}”评分</translation>
    </message>
    <message>
        <source>gate {number} of {project}</source>
        <translation>{project} 的门槛 {number}</translation>
    </message>
    <message>
        <source>WSIS Prizes — scoring desk</source>
        <translation>WSIS项目奖 — 评分台</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Search title, organisation, ID or country</source>
        <translation>搜索标题、机构、编号或国家</translation>
    </message>
    <message>
        <source>Search projects</source>
        <translation>搜索项目</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>Not yet scored</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>已评分</translation>
    </message>
    <message>
        <source>Flagged by the checks</source>
        <translation>规则检查标记的项目</translation>
    </message>
    <message>
        <source>Conflict declared</source>
        <translation>已声明利益冲突</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>把握程度</translation>
    </message>
    <message>
        <source>— not given —</source>
        <translation>— 未填写 —</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Your comment on this project (optional)</source>
        <translation>您对本项目的评语（选填）</translation>
    </message>
    <message>
        <source>&amp;Confidence:</source>
        <translation>把握程度(&amp;C)：</translation>
    </message>
    <message>
        <source>Co&amp;mment:</source>
        <translation>评语(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Finish and open the next unscored</source>
        <translation>完成并打开下一个未评分项目(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Next unscored</source>
        <translation>下一个未评分项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous unscored</source>
        <translation>上一个未评分项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Scoring sheet</source>
        <translation>评分表(&amp;S)</translation>
    </message>
    <message>
        <source>Cannot open the desk</source>
        <translation>无法打开评分台</translation>
    </message>
    <message>
        <source>WSIS Prizes — scoring desk — {expert} — {workspace}</source>
        <translation>WSIS项目奖 — 评分台 — {expert} — {workspace}</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Workspaces (*.sqlite *.db)</source>
        <translation>工作区 (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>No expert has projects here.</source>
        <translation>此工作区中没有分配到项目的专家。</translation>
    </message>
    <message>
        <source>Whose desk?</source>
        <translation>打开哪位专家的评分台？</translation>
    </message>
    <message>
        <source>Expert:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <source>Choose a project from the list.</source>
        <translation>请从列表中选择一个项目。</translation>
    </message>
    <message>
        <source>Open the review package the chair sent you: File &gt; Open package… (Ctrl+Shift+O).</source>
        <translation>请打开主席发给您的评审包：文件 &gt; 打开评审包…（Ctrl+Shift+O）。</translation>
    </message>
    <message>
        <source>Withdraw the conflict declaration…</source>
        <translation>撤回利益冲突声明…</translation>
    </message>
    <message>
        <source>Declare a conflict of interest…</source>
        <translation>声明利益冲突…</translation>
    </message>
    <message>
        <source>Conflict of interest declared: this project&apos;s scores are cleared and locked.</source>
        <translation>已声明利益冲突：本项目的评分已清除并锁定。</translation>
    </message>
    <message>
        <source>Comment saved</source>
        <translation>评语已保存</translation>
    </message>
    <message>
        <source>Declare a conflict of interest with project {id}? Its scores will be cleared and locked; it will not count in your share of the ranking.</source>
        <translation>是否声明您与项目 {id} 存在利益冲突？该项目的评分将被清除并锁定，不计入您对排名的评审。</translation>
    </message>
    <message>
        <source>Withdraw the conflict declaration on project {id}?</source>
        <translation>是否撤回对项目 {id} 的利益冲突声明？</translation>
    </message>
    <message>
        <source>Conflict of interest</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <source>Every project is done.</source>
        <translation>所有项目均已完成。</translation>
    </message>
    <message>
        <source>Project {id} left with {n} of {total} criteria scored</source>
        <translation>项目 {id} 只评了 {n}/{total} 项标准</translation>
    </message>
    <message>
        <source>{done} of {total} projects done</source>
        <translation>已完成 {done}/{total} 个项目</translation>
    </message>
    <message>
        <source>No workspace at {workspace} yet: File &gt; Open package… makes it</source>
        <translation>{workspace} 处尚无工作区：选择“文件 &gt; 打开评审包…”即可创建</translation>
    </message>
</context>
<context>
    <name>FileTasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>… and {n} more (Show Details…)</source>
        <translation>… 另有 {n} 项（显示详细信息…）</translation>
    </message>
</context>
<context>
    <name>FinalRoundWindow</name>
    <message>
        <source>Final round — {workspace}</source>
        <translation>决选轮 — {workspace}</translation>
    </message>
    <message>
        <source>Finalists</source>
        <translation>入围项目</translation>
    </message>
    <message>
        <source>&amp;Selection</source>
        <translation>评选(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Record the winner and champions…</source>
        <translation>记录获奖项目与冠军项目(&amp;R)…</translation>
    </message>
    <message>
        <source>Read &amp;again</source>
        <translation>重新读取(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Finalists</source>
        <translation>入围项目(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settle the tie for the last places…</source>
        <translation>裁定末位并列(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Take the finalist off…</source>
        <translation>取消入围资格(&amp;T)…</translation>
    </message>
    <message>
        <source>Reading the final round…</source>
        <translation>正在读取决选轮…</translation>
    </message>
    <message>
        <source>Final round</source>
        <translation>决选轮</translation>
    </message>
    <message>
        <source>The final round could not be read.</source>
        <translation>无法读取决选轮。</translation>
    </message>
    <message>
        <source>tie to settle</source>
        <translation>并列待裁定</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>已评定</translation>
    </message>
    <message>
        <source>no selection yet</source>
        <translation>尚未评定</translation>
    </message>
    <message>
        <source>No finalists yet: import the public vote first.</source>
        <translation>尚无入围项目：请先导入公众投票。</translation>
    </message>
    <message>
        <source>Kendall&apos;s W: undefined ({reason}).</source>
        <translation>肯德尔 W：无法计算（{reason}）。</translation>
    </message>
    <message>
        <source>Kendall&apos;s W: {w} over {experts} experts and {items} finalists{p}.</source>
        <translation>肯德尔 W：{w}，基于 {experts} 位专家和 {items} 个入围项目{p}。</translation>
    </message>
    <message>
        <source>Schulze order of the experts&apos; rankings: {order}</source>
        <translation>专家排名的 舒尔策顺序：{order}</translation>
    </message>
    <message>
        <source>Order of the mean scores: {order}</source>
        <translation>平均分顺序：{order}</translation>
    </message>
    <message>
        <source>The chair&apos;s reason: {reason}</source>
        <translation>主席的理由：{reason}</translation>
    </message>
    <message>
        <source>Tied on public votes for the last finalist place(s): {ids}. Finalists &gt; Settle the tie… picks who is a finalist.</source>
        <translation>公众投票末位并列：{ids}。请用“入围项目 &gt; 裁定末位并列…”选定入围项目。</translation>
    </message>
    <message>
        <source>Finalists not changed</source>
        <translation>入围名单未更改</translation>
    </message>
    <message>
        <source>Tick the tied projects the panel makes finalists.</source>
        <translation>请勾选评审组决定入围的并列项目。</translation>
    </message>
    <message>
        <source>Take the finalist off</source>
        <translation>取消入围资格</translation>
    </message>
    <message>
        <source>Why is {id} no longer a finalist? (for the record)</source>
        <translation>为何取消 {id} 的入围资格？（记录在案）</translation>
    </message>
    <message>
        <source>{id} is a finalist of {category}.</source>
        <translation>{id} 已入围 {category}。</translation>
    </message>
    <message>
        <source>{id} is no longer a finalist of {category}.</source>
        <translation>{id} 已不再入围 {category}。</translation>
    </message>
    <message>
        <source>Selection not recorded</source>
        <translation>评选未记录</translation>
    </message>
    <message>
        <source>Recorded for {category}: winner {winners}; champions {champions}.</source>
        <translation>已为 {category} 记录：获奖项目 {winners}；冠军项目 {champions}。</translation>
    </message>
</context>
<context>
    <name>FinalistTableModel</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>项目标题</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Public vote</source>
        <translation>公众投票</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Place by mean</source>
        <translation>按平均分的名次</translation>
    </message>
    <message>
        <source>Schulze place</source>
        <translation>舒尔策名次</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>评选结果</translation>
    </message>
    <message>
        <source>Open findings</source>
        <translation>未处理的审查发现</translation>
    </message>
    <message>
        <source>winner</source>
        <translation>获奖项目</translation>
    </message>
    <message>
        <source>champion</source>
        <translation>冠军项目</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>未深入分析</translation>
    </message>
    <message>
        <source>Beyond the finalists the panel analyses (the top {count} by valid votes): not scored in the final round; it may be a champion, not the winner.</source>
        <translation>不在专家组深入分析的入围项目之内（有效票数前 {count} 名）：终评轮不评分；可成为冠军项目，但不能成为获奖项目。</translation>
    </message>
</context>
<context>
    <name>Finding</name>
    <message>
        <source>Required fields not filled in: {fields}</source>
        <translation>必填项未填写：{fields}</translation>
    </message>
    <message>
        <source>The project status is &apos;{status}&apos;: the project is neither completed nor past a key phase</source>
        <translation>项目状态为“{status}”：项目既未完成，也未完成关键阶段</translation>
    </message>
    <message>
        <source>The project status &apos;{status}&apos; does not say that the project or a key phase is completed; check the texts</source>
        <translation>项目状态“{status}”未说明项目或其关键阶段已经完成；请核对项目文字</translation>
    </message>
    <message>
        <source>Submitted {submitted} ({zone} time); the deadline was {deadline}</source>
        <translation>提交时间为 {submitted}（{zone} 时间）；截止时间为 {deadline}</translation>
    </message>
    <message>
        <source>Submissions {submission_id} (&apos;{title}&apos;) and {related_submission_id} (&apos;{related_title}&apos;) look like the same project: {percent}% of the projects&apos; text is shared; the same project may not be submitted twice</source>
        <translation>提交项目 {submission_id}（“{title}”）与 {related_submission_id}（“{related_title}”）似为同一项目：两者 {percent}% 的文字相同；同一项目不得重复提交</translation>
    </message>
    <message>
        <source>The same organisation has two projects in {category}: &apos;{organisation}&apos; ({submission_id}) and &apos;{related_organisation}&apos; ({related_submission_id}); the rules allow one project per entity per category</source>
        <translation>同一机构在 {category} 中提交了两个项目：“{organisation}”（{submission_id}）和“{related_organisation}”（{related_submission_id}）；按规则，每个实体在每个类别中只能提交一个项目</translation>
    </message>
    <message>
        <source>The submission&apos;s text reads as {language} (confidence {confidence:.2f}), not {required}</source>
        <translation>提交材料的文字被识别为 {language}（置信度 {confidence:.2f}），而非 {required}</translation>
    </message>
    <message>
        <source>The project summary reads as {language} (confidence {confidence:.2f}), not {required}</source>
        <translation>项目摘要被识别为 {language}（置信度 {confidence:.2f}），而非 {required}</translation>
    </message>
    <message>
        <source>Matches the {winner_edition} winner &quot;{winner_title}&quot; by {winner_organisation}, the same organisation as this submission&apos;s ({organisation}): titles {title_similarity}% alike, {core_similarity}% without edition, version and phase words (&quot;{core}&quot; / &quot;{winner_core}&quot;)</source>
        <translation>与往届（{winner_edition}年）获奖项目“{winner_title}”（{winner_organisation}）相符，与本提交的机构（{organisation}）为同一机构：标题相似度 {title_similarity}%，去掉届次、版本和阶段用语后相似度 {core_similarity}%（“{core}” / “{winner_core}”）</translation>
    </message>
    <message>
        <source>Matches the {winner_edition} winner &quot;{winner_title}&quot; by {winner_organisation}, the same organisation as this submission&apos;s ({organisation}): titles {title_similarity}% alike, {core_similarity}% without edition, version and phase words (&quot;{core}&quot; / &quot;{winner_core}&quot;); texts {text_similarity}% alike</source>
        <translation>与往届（{winner_edition}年）获奖项目“{winner_title}”（{winner_organisation}）相符，与本提交的机构（{organisation}）为同一机构：标题相似度 {title_similarity}%，去掉届次、版本和阶段用语后相似度 {core_similarity}%（“{core}” / “{winner_core}”）；文本相似度 {text_similarity}%</translation>
    </message>
    <message>
        <source>Matches the {winner_edition} winner &quot;{winner_title}&quot; by {winner_organisation}, but this submission is by {organisation}: titles {title_similarity}% alike, {core_similarity}% without edition, version and phase words (&quot;{core}&quot; / &quot;{winner_core}&quot;); check whether it is the same project</source>
        <translation>与往届（{winner_edition}年）获奖项目“{winner_title}”（{winner_organisation}）相符，但本提交来自 {organisation}：标题相似度 {title_similarity}%，去掉届次、版本和阶段用语后相似度 {core_similarity}%（“{core}” / “{winner_core}”）；请核实是否为同一项目</translation>
    </message>
    <message>
        <source>Matches the {winner_edition} winner &quot;{winner_title}&quot; by {winner_organisation}, but this submission is by {organisation}: titles {title_similarity}% alike, {core_similarity}% without edition, version and phase words (&quot;{core}&quot; / &quot;{winner_core}&quot;); texts {text_similarity}% alike; check whether it is the same project</source>
        <translation>与往届（{winner_edition}年）获奖项目“{winner_title}”（{winner_organisation}）相符，但本提交来自 {organisation}：标题相似度 {title_similarity}%，去掉届次、版本和阶段用语后相似度 {core_similarity}%（“{core}” / “{winner_core}”）；文本相似度 {text_similarity}%；请核实是否为同一项目</translation>
    </message>
    <message>
        <source>No Sustainable Development Goal is named</source>
        <translation>未列明任何可持续发展目标</translation>
    </message>
    <message>
        <source>The project summary has {words} words; at least {minimum} are required</source>
        <translation>项目摘要共 {words} 个词；至少应有 {minimum} 个词</translation>
    </message>
    <message>
        <source>The project summary has {words} words; at most {maximum} are allowed</source>
        <translation>项目摘要共 {words} 个词；最多允许 {maximum} 个词</translation>
    </message>
    <message>
        <source>No project information is given; the form asks for {minimum} to {maximum} words</source>
        <translation>未提供项目信息；提交表要求 {minimum} 至 {maximum} 个词</translation>
    </message>
    <message>
        <source>The project information has {words} words; at least {minimum} are required</source>
        <translation>项目信息共 {words} 个词；至少应有 {minimum} 个词</translation>
    </message>
    <message>
        <source>The project information has {words} words; at most {maximum} are allowed</source>
        <translation>项目信息共 {words} 个词；最多允许 {maximum} 个词</translation>
    </message>
    <message>
        <source>No photo is given; the form asks for {photos}</source>
        <translation>未提供照片；提交表要求 {photos} 张</translation>
    </message>
    <message>
        <source>The submission gives {found} photos; the form asks for {photos}</source>
        <translation>提交材料提供了 {found} 张照片；提交表要求 {photos} 张</translation>
    </message>
</context>
<context>
    <name>FindingTableModel</name>
    <message>
        <source>Finding</source>
        <translation>审查发现</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Other project</source>
        <translation>另一项目</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>overruled by {who}</source>
        <translation>已由 {who} 否决</translation>
    </message>
</context>
<context>
    <name>FindingsWindow</name>
    <message>
        <source>Rule findings — {workspace}</source>
        <translation>规则审查发现 — {workspace}</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>审查发现</translation>
    </message>
    <message>
        <source>&amp;Open findings only</source>
        <translation>仅显示未处理的审查发现(&amp;O)</translation>
    </message>
    <message>
        <source>The finding</source>
        <translation>该审查发现</translation>
    </message>
    <message>
        <source>&amp;Finding</source>
        <translation>审查发现(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Overrule…</source>
        <translation>否决(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Undo the overrule…</source>
        <translation>撤销否决(&amp;U)…</translation>
    </message>
    <message>
        <source>Read &amp;again</source>
        <translation>重新读取(&amp;A)</translation>
    </message>
    <message>
        <source>Reading the rule findings…</source>
        <translation>正在读取规则审查发现…</translation>
    </message>
    <message>
        <source>Rule findings</source>
        <translation>规则审查发现</translation>
    </message>
    <message>
        <source>The rule findings could not be read.</source>
        <translation>无法读取规则审查发现。</translation>
    </message>
    <message>
        <source>All rules ({open} open of {all})</source>
        <translation>全部规则（{all} 条中 {open} 条未处理）</translation>
    </message>
    <message>
        <source>{rule} ({open} open of {all})</source>
        <translation>{rule}（{all} 条中 {open} 条未处理）</translation>
    </message>
    <message>
        <source>No findings read yet.</source>
        <translation>尚未读取审查发现。</translation>
    </message>
    <message>
        <source>{count} findings shown. An open finding of severity ‘ineligible’ keeps its project off the ranking; an open warning is shown on the lists and blocks their freeze. Overrule one with a reason when it does not apply.</source>
        <translation>显示 {count} 条审查发现。严重程度为“不合格”的未处理发现会使项目不参与排名；未处理的警告会显示在名单上并阻止冻结名单。若某条发现不适用，请说明理由予以否决。</translation>
    </message>
    <message>
        <source>Finding {id}</source>
        <translation>审查发现 {id}</translation>
    </message>
    <message>
        <source>Project {id}</source>
        <translation>项目 {id}</translation>
    </message>
    <message>
        <source>with {id}</source>
        <translation>与 {id}</translation>
    </message>
    <message>
        <source>Overruled by {who} on {date}: {reason}</source>
        <translation>{who} 于 {date} 否决：{reason}</translation>
    </message>
    <message>
        <source>Overrule the finding</source>
        <translation>否决该审查发现</translation>
    </message>
    <message>
        <source>Why does finding {id} not apply to {project}?</source>
        <translation>为何审查发现 {id} 不适用于 {project}？</translation>
    </message>
    <message>
        <source>Undo the overrule</source>
        <translation>撤销否决</translation>
    </message>
    <message>
        <source>Why does finding {id} apply after all?</source>
        <translation>为何审查发现 {id} 仍然适用？</translation>
    </message>
    <message>
        <source>Recorded: finding {id} is {state}.</source>
        <translation>已记录：审查发现 {id} 现为{state}。</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>**WSIS Prizes panel** {version}

Python {python}, Qt {qt} (PySide6 {pyside}).</source>
        <translation>**WSIS 奖评审应用** {version}

Python {python}，Qt {qt}（PySide6 {pyside}）。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>About the WSIS Prizes panel</source>
        <translation>关于 WSIS 奖评审应用</translation>
    </message>
</context>
<context>
    <name>ImportFiles</name>
    <message>
        <source>&amp;Import submissions…</source>
        <translation>导入提交项目(&amp;I)…</translation>
    </message>
    <message>
        <source>Submission sets (*.xlsx *.csv)</source>
        <translation>提交项目表 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Import submissions</source>
        <translation>导入提交项目</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>Nothing was imported. Correct the file and import it again.</source>
        <translation>未导入任何内容。请更正文件后重新导入。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported</source>
        <translation>导入已取消，未导入任何内容</translation>
    </message>
    <message>
        <source>Categories written as their action-line code with words that are not the edition&apos;s spelling were read by the code (rows: {count}): check that each project belongs there.</source>
        <translation>以行动方面代码加上与本届写法不同的文字填写的类别，已按代码读取（行数：{count}）：请核对每个项目是否属于该类别。</translation>
    </message>
    <message>
        <source>Categories read by their code:</source>
        <translation>按代码读取的类别：</translation>
    </message>
    <message>
        <source>Formulas with no saved result were read as their text, not computed (cells: {count}).</source>
        <translation>没有保存计算结果的公式已按其公式文本读取，未经计算（单元格数：{count}）。</translation>
    </message>
    <message>
        <source>Formulas read as text:</source>
        <translation>按文本读取的公式：</translation>
    </message>
    <message>
        <source>Some texts held characters that no file of the app keeps (control characters, direction overrides, noncharacters): they were stored without them.</source>
        <translation>部分文本含有本软件的任何文件都不保存的字符（控制字符、文字方向覆盖符、非字符），已在去除这些字符后保存。</translation>
    </message>
    <message>
        <source>Characters removed:</source>
        <translation>已去除的字符：</translation>
    </message>
    <message>
        <source>Imported {file}.</source>
        <translation>已导入 {file}。</translation>
    </message>
    <message>
        <source>Show Details… says in which rows and cells.</source>
        <translation>“显示详细信息…”列出所在的行和单元格。</translation>
    </message>
    <message>
        <source>{done} rows read</source>
        <translation>已读取 {done} 行</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>This language is not installed.</source>
        <translation>未安装该语言。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No workspace yet: File &gt; Import submissions, or run `panel-app demo`.</source>
        <translation>尚无工作区：请选择“文件 &gt; 导入提交项目”，或运行 `panel-app demo`。</translation>
    </message>
    <message>
        <source>WSIS Prizes panel</source>
        <translation>WSIS项目奖专家组</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Search title, organisation, ID or country</source>
        <translation>搜索标题、机构、编号或国家</translation>
    </message>
    <message>
        <source>Search submissions</source>
        <translation>搜索提交项目</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>提交项目</translation>
    </message>
    <message>
        <source>Submission details</source>
        <translation>提交项目详情</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Act as…</source>
        <translation>以…身份操作(&amp;A)…</translation>
    </message>
    <message>
        <source>Which of the workspace&apos;s chairs you act as</source>
        <translation>您以本工作区哪位主席的身份操作</translation>
    </message>
    <message>
        <source>Declare a &amp;conflict of interest…</source>
        <translation>申报利益冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>Your conflict with an organisation or a submission: your decisions on its projects are refused, another chair decides</source>
        <translation>您与某机构或某项提交材料存在利益冲突：您对相关项目的决定将被拒绝，由另一位主席决定</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Panel</source>
        <translation>评审(&amp;P)</translation>
    </message>
    <message>
        <source>Rule &amp;findings…</source>
        <translation>规则审查发现(&amp;F)…</translation>
    </message>
    <message>
        <source>Every rule&apos;s findings with their evidence; overrule one, or undo an overrule</source>
        <translation>各规则的审查发现及其依据；可否决某条发现，或撤销否决</translation>
    </message>
    <message>
        <source>&amp;Experts and assignment…</source>
        <translation>专家与分配(&amp;E)…</translation>
    </message>
    <message>
        <source>The experts and past winners imported, the assignment run, each expert&apos;s load and each project&apos;s experts</source>
        <translation>导入专家与往届获奖名单、运行分配、查看每位专家的工作量和每个项目的专家</translation>
    </message>
    <message>
        <source>&amp;Coverage…</source>
        <translation>评审交回情况(&amp;C)…</translation>
    </message>
    <message>
        <source>Who has returned what, the projects missing a review, whom to chase</source>
        <translation>谁交回了哪些评审、缺少评审的项目、需要催交的专家</translation>
    </message>
    <message>
        <source>&amp;Nominees…</source>
        <translation>提名名单(&amp;N)…</translation>
    </message>
    <message>
        <source>Each category&apos;s ranking, the nominee list and the chair&apos;s decisions</source>
        <translation>各类别的排名、提名名单和主席的决定</translation>
    </message>
    <message>
        <source>&amp;Final round…</source>
        <translation>决选轮(&amp;F)…</translation>
    </message>
    <message>
        <source>The finalists&apos; scores and ranks, Kendall&apos;s W, the Schulze order, and the winner and champions</source>
        <translation>入围项目的得分和排名、肯德尔 W、舒尔策顺序，以及获奖项目与冠军项目</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>Every decision and import on record, filtered by who, what, when and project</source>
        <translation>记录在案的每项决定和导入，可按操作人、操作、时间和项目筛选</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>You act as none of this workspace&apos;s chairs: changes will be refused until you pick one (File &gt; Act as…).</source>
        <translation>您未以本工作区任何一位主席的身份操作：在选定主席之前，任何更改都会被拒绝（文件 &gt; 以…身份操作）。</translation>
    </message>
    <message>
        <source>WSIS Prizes panel — {workspace}</source>
        <translation>WSIS项目奖专家组 — {workspace}</translation>
    </message>
    <message>
        <source>acting as {name} ({role})</source>
        <translation>以 {name}（{role}）身份操作</translation>
    </message>
    <message>
        <source>An organisation</source>
        <translation>某一机构</translation>
    </message>
    <message>
        <source>The submission selected</source>
        <translation>所选的提交材料</translation>
    </message>
    <message>
        <source>Conflict of interest</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <source>Your conflict is with:</source>
        <translation>您的利益冲突涉及：</translation>
    </message>
    <message>
        <source>The organisation:</source>
        <translation>机构：</translation>
    </message>
    <message>
        <source>Why, for the record:</source>
        <translation>原因（记录在案）：</translation>
    </message>
    <message>
        <source>Conflict not recorded</source>
        <translation>利益冲突未记录</translation>
    </message>
    <message>
        <source>Your conflict of interest is recorded: another chair decides on its projects.</source>
        <translation>您的利益冲突已记录：相关项目将由另一位主席决定。</translation>
    </message>
    <message>
        <source>Act as</source>
        <translation>以…身份操作</translation>
    </message>
    <message>
        <source>This workspace keeps its chairs. Which of them are you?</source>
        <translation>本工作区登记了主席名单。您是其中哪一位？</translation>
    </message>
    <message>
        <source>The rule checks of the last import had not run (it was interrupted); they ran now: {count} findings.</source>
        <translation>上次导入的规则检查未运行（导入被中断）；现已运行：{count} 条发现。</translation>
    </message>
    <message>
        <source>The audit log has been changed outside the app: entry {entry} breaks its hash chain ({how}). Decisions recorded from there on cannot be trusted; `panel-app audit verify` names the entry.</source>
        <translation>审计日志已在本应用之外被更改：条目 {entry} 破坏了其哈希链（{how}）。从该条目起记录的决定不可信；`panel-app audit verify` 会指出该条目。</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>被修改</translation>
    </message>
    <message>
        <source>entries before it deleted</source>
        <translation>其前的条目被删除</translation>
    </message>
    <message>
        <source>inserted</source>
        <translation>被插入</translation>
    </message>
    <message>
        <source>moved out of place</source>
        <translation>被移动了位置</translation>
    </message>
    <message>
        <source>its chain fields removed</source>
        <translation>其链字段被删除</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>{count} submissions · {flagged} flagged · edition {edition}</source>
        <translation>{count} 个提交项目 · {flagged} 个待核查 · 届次 {edition}</translation>
    </message>
    <message>
        <source>{experts} experts · {reviews} of {assignments} reviews returned</source>
        <translation>{experts} 位专家 · 已交回 {reviews}/{assignments} 份评审</translation>
    </message>
    <message>
        <source>Phase: {phase}, until {end} · next: {next} from {start}</source>
        <translation>当前阶段：{phase}，至 {end} · 下一阶段：{next}，{start} 开始</translation>
    </message>
    <message>
        <source>Phase: {phase}, until {end}</source>
        <translation>当前阶段：{phase}，至 {end}</translation>
    </message>
    <message>
        <source>Before the first phase · next: {next} from {start}</source>
        <translation>尚未进入第一阶段 · 下一阶段：{next}，{start} 开始</translation>
    </message>
    <message>
        <source>Between phases · next: {next} from {start}</source>
        <translation>处于两个阶段之间 · 下一阶段：{next}，{start} 开始</translation>
    </message>
    <message>
        <source>The season is over: {phase} ended {end}</source>
        <translation>本届活动已结束：{phase}于 {end} 结束</translation>
    </message>
    <message>
        <source>No submissions in this category.</source>
        <translation>此类别中没有提交项目。</translation>
    </message>
    <message>
        <source>Overrule finding</source>
        <translation>驳回检查结果</translation>
    </message>
    <message>
        <source>Why does this finding not apply? The reason is kept with the finding and in the audit log.</source>
        <translation>为什么此检查结果不适用？理由将与检查结果一并保存，并记入审计日志。</translation>
    </message>
    <message>
        <source>Overrule not recorded</source>
        <translation>驳回未记录</translation>
    </message>
    <message>
        <source>Finding overruled; the reason is recorded</source>
        <translation>检查结果已驳回，理由已记录</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Workspaces (*.sqlite *.db)</source>
        <translation>工作区 (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Imported {file}: {added} added, {updated} updated, {unchanged} unchanged</source>
        <translation>已导入 {file}：新增 {added} 个，更新 {updated} 个，{unchanged} 个不变</translation>
    </message>
    <message>
        <source>the project information</source>
        <translation>项目信息</translation>
    </message>
    <message>
        <source>the photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>The set has no column for {what}: the edition&apos;s rule on it was not checked.</source>
        <translation>提交材料集中没有{what}这一列：本届相关规则未能检查。</translation>
    </message>
    <message>
        <source> nor </source>
        <translation>和</translation>
    </message>
    <message>
        <source>The language changes once the import has finished.</source>
        <translation>导入完成后才能切换语言。</translation>
    </message>
</context>
<context>
    <name>MergeFiles</name>
    <message>
        <source>&amp;Merge scored workbooks…</source>
        <translation>合并已评分工作簿(&amp;M)…</translation>
    </message>
    <message>
        <source>Merge the scored workbooks the experts sent back into this workspace</source>
        <translation>将专家交回的已评分工作簿合并到此工作区</translation>
    </message>
    <message>
        <source>Review workbooks (*.xlsx)</source>
        <translation>评审工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Merge scored workbooks</source>
        <translation>合并已评分工作簿</translation>
    </message>
    <message>
        <source>Merging {count} workbooks…</source>
        <translation>正在合并 {count} 个工作簿…</translation>
    </message>
    <message>
        <source>The workbooks were not merged; nothing was changed.</source>
        <translation>工作簿未合并，未作任何更改。</translation>
    </message>
    <message>
        <source>Merged {merged} of {chosen} workbooks: {added} reviews added, {updated} updated, {same} unchanged.</source>
        <translation>已合并 {chosen} 个工作簿中的 {merged} 个：新增 {added} 份评审，更新 {updated} 份，{same} 份未变。</translation>
    </message>
    <message>
        <source>{refused} refused; nothing from a refused workbook was merged.</source>
        <translation>{refused} 个被拒绝；被拒绝的工作簿中没有任何内容被合并。</translation>
    </message>
    <message>
        <source>Cancelled before {left} workbooks; the ones merged stay merged, each whole.</source>
        <translation>在剩余 {left} 个工作簿之前取消；已合并的工作簿保持完整合并。</translation>
    </message>
    <message>
        <source>signed by the app</source>
        <translation>由本应用签名</translation>
    </message>
    <message>
        <source>edited outside the app</source>
        <translation>在本应用之外编辑</translation>
    </message>
    <message>
        <source>{file}: expert {expert}, revision {revision}, {origin}: merged already, nothing changed.</source>
        <translation>{file}：专家 {expert}，修订版 {revision}，{origin}：此前已合并，无任何更改。</translation>
    </message>
    <message>
        <source>{file}: expert {expert}, revision {revision}, {origin}: {added} added, {updated} updated, {same} unchanged.</source>
        <translation>{file}：专家 {expert}，修订版 {revision}，{origin}：新增 {added}，更新 {updated}，{same} 未变。</translation>
    </message>
    <message>
        <source>Signed with a key from an earlier version, which its package holds readable: counted as edited outside the app. Write the packages again and send the expert the new one.</source>
        <translation>签名所用的密钥出自较早的版本，其评审包中的该密钥可被读取：按在本应用之外编辑处理。请重新写出评审包，并把新的评审包发给该专家。</translation>
    </message>
    <message>
        <source>No row for {count} of the expert&apos;s projects: {ids}.</source>
        <translation>该专家有 {count} 个项目没有对应的行：{ids}。</translation>
    </message>
</context>
<context>
    <name>NomineeTableModel</name>
    <message>
        <source>Place</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>项目标题</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>评审数</translation>
    </message>
    <message>
        <source>Nominee list</source>
        <translation>提名名单</translation>
    </message>
    <message>
        <source>Open findings</source>
        <translation>未处理的审查发现</translation>
    </message>
    <message>
        <source>Gates failed</source>
        <translation>未通过的门槛</translation>
    </message>
    <message>
        <source>nominee</source>
        <translation>提名项目</translation>
    </message>
    <message>
        <source>added by the chair</source>
        <translation>由主席添加</translation>
    </message>
    <message>
        <source>tied at the cut: the chair decides</source>
        <translation>在截止线上并列：由主席决定</translation>
    </message>
    <message>
        <source>removed by the chair</source>
        <translation>由主席移除</translation>
    </message>
    <message>
        <source>ineligible</source>
        <translation>不符合资格</translation>
    </message>
    <message>
        <source>proposed by your rule: not on the list yet</source>
        <translation>按您的规则提议：尚未列入名单</translation>
    </message>
    <message>
        <source>Gate {gate}: failed by {failed} of its {experts} experts</source>
        <translation>门槛 {gate}：{experts} 位评审专家中有 {failed} 位判为未通过</translation>
    </message>
</context>
<context>
    <name>NomineesWindow</name>
    <message>
        <source>Nominees — {workspace}</source>
        <translation>提名名单 — {workspace}</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Why this place</source>
        <translation>为何是这个名次</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>名单(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Add to the list…</source>
        <translation>加入名单(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove from the list…</source>
        <translation>从名单中移除(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Propose by a rule…</source>
        <translation>按规则提议(&amp;P)…</translation>
    </message>
    <message>
        <source>Add the rule’s pro&amp;posal…</source>
        <translation>加入规则提议的项目(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Clear the rule</source>
        <translation>清除规则(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Freeze the list…</source>
        <translation>冻结名单(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Unfreeze the list…</source>
        <translation>解冻名单(&amp;U)…</translation>
    </message>
    <message>
        <source>Rank &amp;again</source>
        <translation>重新排名(&amp;A)</translation>
    </message>
    <message>
        <source>Ranking every category…</source>
        <translation>正在为所有类别排名…</translation>
    </message>
    <message>
        <source>Nominees</source>
        <translation>提名名单</translation>
    </message>
    <message>
        <source>The ranking could not be made.</source>
        <translation>无法完成排名。</translation>
    </message>
    <message>
        <source>{category} ({listed} on the list)</source>
        <translation>{category}（名单上 {listed} 个）</translation>
    </message>
    <message>
        <source>Frozen on {date} by {who}: {reason}. Unfreeze the list to change it.</source>
        <translation>已于 {date} 由 {who} 冻结：{reason}。如需更改，请先解冻名单。</translation>
    </message>
    <message>
        <source>Ranked by the {method} scores; not frozen. {count} nominees, each added by the chair: this edition sets no nominee count, so nothing is proposed by itself. Select projects and add them (List &gt; Add to the list…), or propose by a rule (List &gt; Propose by a rule…).</source>
        <translation>按{method}分数排名；未冻结。共 {count} 个被提名项目，均由主席加入：本届未规定被提名项目数量，因此不会自动提议任何项目。请选择项目并加入名单（名单 &gt; 加入名单…），或按规则提议（名单 &gt; 按规则提议…）。</translation>
    </message>
    <message>
        <source>A proposal, ranked by the {method} scores; not frozen. {count} nominees.</source>
        <translation>提议名单，按 {method} 得分排名；尚未冻结。共 {count} 个提名项目。</translation>
    </message>
    <message>
        <source>Your rule, {rule}, proposes {count} projects not on the list yet (selected below): add them with one reason (List &gt; Add to the list…, or Add the rule’s proposal… for every category).</source>
        <translation>您的规则（{rule}）提议了 {count} 个尚未列入名单的项目（已在下方选中）：可凭同一理由一并加入（名单 &gt; 加入名单…，或“加入规则提议的项目…”一次处理所有类别）。</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>校准后</translation>
    </message>
    <message>
        <source>raw mean</source>
        <translation>原始平均</translation>
    </message>
    <message>
        <source>standardised (z)</source>
        <translation>标准化（z）</translation>
    </message>
    <message>
        <source>The chair’s reason: {reason}</source>
        <translation>主席的理由：{reason}</translation>
    </message>
    <message>
        <source>Open rule findings (overrule each with a reason, or remove the project, before the list is frozen):</source>
        <translation>未处理的规则审查发现（冻结名单前，请逐条说明理由予以否决，或移除该项目）：</translation>
    </message>
    <message>
        <source>No counted review: not ranked.</source>
        <translation>没有计入的评审：未排名。</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Score (the ranking&apos;s)</source>
        <translation>得分（排名所用）</translation>
    </message>
    <message>
        <source>Mean of the experts&apos; composites</source>
        <translation>专家综合分的平均值</translation>
    </message>
    <message>
        <source>Calibrated for each expert&apos;s leniency</source>
        <translation>按每位专家的宽严程度校准后</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Lowest – highest</source>
        <translation>最低 – 最高</translation>
    </message>
    <message>
        <source>Standard deviation</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>Reviews counted</source>
        <translation>计入的评审数</translation>
    </message>
    <message>
        <source>Chance of a place in the quota (bootstrap)</source>
        <translation>进入名额的概率（自助法）</translation>
    </message>
    <message>
        <source>Separated from the place above by</source>
        <translation>与上一名次的区分依据</translation>
    </message>
    <message>
        <source>Not counted: {reviews}</source>
        <translation>未计入：{reviews}</translation>
    </message>
    <message>
        <source>Flags: {flags}</source>
        <translation>标记：{flags}</translation>
    </message>
    <message>
        <source>The experts of this category (points above or below the panel: + lenient, − severe): {experts}</source>
        <translation>本类别的专家（高于或低于专家组的分数：+ 宽松，− 严格）：{experts}</translation>
    </message>
    <message>
        <source>A majority of its experts failed this project at a nomination gate: the call puts the gates before the criteria.</source>
        <translation>多数评审专家判定本项目未通过某项提名门槛：征集通知将门槛置于评分标准之前。</translation>
    </message>
    <message>
        <source>The gates, as its experts answered them:</source>
        <translation>各门槛的评审专家答复：</translation>
    </message>
    <message>
        <source>Gate {gate}: {no} of its {experts} experts answered no, {yes} yes</source>
        <translation>门槛 {gate}：{experts} 位评审专家中 {no} 位答“否”，{yes} 位答“是”</translation>
    </message>
    <message>
        <source>Add to the list</source>
        <translation>加入名单</translation>
    </message>
    <message>
        <source>Why does {id} go on the list?</source>
        <translation>为什么将 {id} 加入名单？</translation>
    </message>
    <message>
        <source>Why do these {count} projects go on the list ({ids})?</source>
        <translation>为何将这 {count} 个项目列入名单（{ids}）？</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>从名单中移除</translation>
    </message>
    <message>
        <source>Why does {id} come off the list?</source>
        <translation>为什么将 {id} 从名单中移除？</translation>
    </message>
    <message>
        <source>Why do these {count} projects come off the list ({ids})?</source>
        <translation>为何将这 {count} 个项目移出名单（{ids}）？</translation>
    </message>
    <message>
        <source>the top {count} of each category</source>
        <translation>每个类别的前 {count} 名</translation>
    </message>
    <message>
        <source>every project scoring at least {points} points</source>
        <translation>得分不低于 {points} 分的所有项目</translation>
    </message>
    <message>
        <source>Add the rule’s proposal</source>
        <translation>加入规则提议的项目</translation>
    </message>
    <message>
        <source>Why do the {count} projects your rule proposes ({rule}) go on the list?</source>
        <translation>为何将您的规则（{rule}）提议的 {count} 个项目列入名单？</translation>
    </message>
    <message>
        <source>Freeze the list</source>
        <translation>冻结名单</translation>
    </message>
    <message>
        <source>The reason for the record (e.g. the panel meeting that decided it):</source>
        <translation>记录在案的理由（例如作出决定的专家组会议）：</translation>
    </message>
    <message>
        <source>Unfreeze the list</source>
        <translation>解冻名单</translation>
    </message>
    <message>
        <source>Why is the frozen list opened again?</source>
        <translation>为什么重新开放已冻结的名单？</translation>
    </message>
</context>
<context>
    <name>PackageFiles</name>
    <message>
        <source>Review workbooks (*.xlsx)</source>
        <translation>评审工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Open &amp;package…</source>
        <translation>打开评审包(&amp;P)…</translation>
    </message>
    <message>
        <source>Load the review package the chair sent you, to score its projects</source>
        <translation>载入主席发给您的评审包，为其中的项目评分</translation>
    </message>
    <message>
        <source>&amp;Export scores…</source>
        <translation>导出评分(&amp;E)…</translation>
    </message>
    <message>
        <source>Write your scores to a signed workbook to send to the chair</source>
        <translation>将您的评分写入已签名的工作簿，发送给主席</translation>
    </message>
    <message>
        <source>Open review package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <source>The package was not opened; nothing was changed. Correct the file, or ask the chair for a new one, and open it again.</source>
        <translation>评审包未打开，未做任何更改。请更正该文件，或向主席索取新的评审包，然后重新打开。</translation>
    </message>
    <message>
        <source>Opening cancelled; nothing was changed</source>
        <translation>已取消打开，未做任何更改</translation>
    </message>
    <message>
        <source>Opened the {round} package of expert {expert}: {projects} projects loaded ({added} new to this workspace), {reviews} scored reviews taken from the workbook.</source>
        <translation>已打开专家 {expert} 的{round}评审包：载入 {projects} 个项目（其中 {added} 个为本工作区新增），从工作簿取得 {reviews} 份已评分的评审。</translation>
    </message>
    <message>
        <source>Package opened</source>
        <translation>评审包已打开</translation>
    </message>
    <message>
        <source>Workspace: {workspace}</source>
        <translation>工作区：{workspace}</translation>
    </message>
    <message>
        <source>Export scores</source>
        <translation>导出评分</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>The scores were not exported; nothing was written.</source>
        <translation>评分未导出，未写入任何内容。</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>已取消导出，未写入任何内容</translation>
    </message>
    <message>
        <source>Wrote {file}, revision {revision}, signed: {scored} of {projects} projects scored, {unscored} not yet scored, {conflicts} with a conflict of interest declared.</source>
        <translation>已写入 {file}（第 {revision} 版，已签名）：{projects} 个项目中已评分 {scored} 个，尚未评分 {unscored} 个，声明利益冲突 {conflicts} 个。</translation>
    </message>
    <message>
        <source>Scores exported</source>
        <translation>评分已导出</translation>
    </message>
    <message>
        <source>Saved in {folder}. Send this file to the chair.</source>
        <translation>已保存在 {folder}。请将此文件发送给主席。</translation>
    </message>
    <message>
        <source>No package was opened in this workspace: open the one your chair sent (File &gt; Open package…) to score it and send the scores back</source>
        <translation>此工作区尚未打开评审包：请打开主席发给您的评审包（文件 &gt; 打开评审包…），评分后再交回评分</translation>
    </message>
</context>
<context>
    <name>PackagesOut</name>
    <message>
        <source>Write review &amp;packages</source>
        <translation>写出评审包(&amp;P)</translation>
    </message>
    <message>
        <source>One review workbook per expert, to send out</source>
        <translation>每位专家一个评审工作簿，供发出</translation>
    </message>
    <message>
        <source>&amp;Nomination round…</source>
        <translation>提名轮(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Final round…</source>
        <translation>决选轮(&amp;F)…</translation>
    </message>
    <message>
        <source>Write the {round} packages to</source>
        <translation>将{round}评审包写入</translation>
    </message>
    <message>
        <source>Writing the review packages…</source>
        <translation>正在写出评审包…</translation>
    </message>
    <message>
        <source>Write review packages</source>
        <translation>写出评审包</translation>
    </message>
    <message>
        <source>No package was written.</source>
        <translation>未写出任何评审包。</translation>
    </message>
    <message>
        <source>No expert has projects assigned in the {round} round: assign them first.</source>
        <translation>{round}没有任何专家被分配项目：请先分配。</translation>
    </message>
    <message>
        <source>Wrote {files} of {experts} review packages ({round} round) to {folder}: {projects} projects in all, {new} packages newly issued.</source>
        <translation>已将 {experts} 个评审包中的 {files} 个（{round}）写入 {folder}：共 {projects} 个项目，新发出 {new} 个评审包。</translation>
    </message>
    <message>
        <source>Cancelled: the ones written are valid; writing again writes them all.</source>
        <translation>已取消：已写出的评审包有效；再次写出会写出全部评审包。</translation>
    </message>
    <message>
        <source>{file}: expert {expert}, {projects} projects</source>
        <translation>{file}：专家 {expert}，{projects} 个项目</translation>
    </message>
    <message>
        <source>A tie for the last finalist places is not settled yet.</source>
        <translation>末位入围名额的并列尚未裁定。</translation>
    </message>
</context>
<context>
    <name>PanelWindow</name>
    <message>
        <source>Experts and assignment — {workspace}</source>
        <translation>专家与分配 — {workspace}</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Nomination round</source>
        <translation>提名轮</translation>
    </message>
    <message>
        <source>Final round</source>
        <translation>决选轮</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已交回</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Experts assigned</source>
        <translation>已分配的专家</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>&amp;Experts</source>
        <translation>专家(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Projects</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;Panel</source>
        <translation>评审组(&amp;P)</translation>
    </message>
    <message>
        <source>Import the &amp;experts…</source>
        <translation>导入专家名单(&amp;E)…</translation>
    </message>
    <message>
        <source>Import the &amp;past winners…</source>
        <translation>导入往届获奖名单(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Assign the experts…</source>
        <translation>分配专家(&amp;A)…</translation>
    </message>
    <message>
        <source>Assign an expert &amp;to this project…</source>
        <translation>为此项目分配专家(&amp;T)…</translation>
    </message>
    <message>
        <source>Take an expert &amp;off this project…</source>
        <translation>从此项目撤下专家(&amp;O)…</translation>
    </message>
    <message>
        <source>Read &amp;again</source>
        <translation>重新读取(&amp;A)</translation>
    </message>
    <message>
        <source>Reading the panel…</source>
        <translation>正在读取评审组…</translation>
    </message>
    <message>
        <source>Experts and assignment</source>
        <translation>专家与分配</translation>
    </message>
    <message>
        <source>The panel could not be read.</source>
        <translation>无法读取评审组。</translation>
    </message>
    <message>
        <source>All categories ({count})</source>
        <translation>全部类别（{count}）</translation>
    </message>
    <message>
        <source>{experts} experts, {projects} projects in this round; {assigned} assignments, {returned} reviews returned.</source>
        <translation>本轮共 {experts} 位专家、{projects} 个项目；已分配 {assigned} 项，已交回 {returned} 份评审。</translation>
    </message>
    <message>
        <source>The last assignment run could not satisfy {count}:</source>
        <translation>上次分配有 {count} 项无法满足：</translation>
    </message>
    <message>
        <source>  … and {more} more</source>
        <translation>  … 另有 {more} 项</translation>
    </message>
    <message>
        <source>{code}: {name}</source>
        <translation>{code}：{name}</translation>
    </message>
    <message>
        <source>{assigned} projects assigned, {returned} reviews returned</source>
        <translation>已分配 {assigned} 个项目，已交回 {returned} 份评审</translation>
    </message>
    <message>
        <source>Experts: {codes}</source>
        <translation>专家：{codes}</translation>
    </message>
    <message>
        <source>An open ineligibility finding: not assigned by a run.</source>
        <translation>存在未处理的不合格审查发现：分配时不予分配。</translation>
    </message>
    <message>
        <source>Lists (*.xlsx *.csv)</source>
        <translation>名单 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Expert:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <source>Assign the experts</source>
        <translation>分配专家</translation>
    </message>
    <message>
        <source>Experts per project (the ones already assigned are kept):</source>
        <translation>每个项目的专家人数（已分配的保留）：</translation>
    </message>
    <message>
        <source>Import the experts</source>
        <translation>导入专家名单</translation>
    </message>
    <message>
        <source>Experts not imported</source>
        <translation>专家名单未导入</translation>
    </message>
    <message>
        <source>Imported {file}: {read} experts read, {added} added, {updated} updated, {unchanged} unchanged.</source>
        <translation>已导入 {file}：读取 {read} 位专家，新增 {added} 位，更新 {updated} 位，{unchanged} 位未变。</translation>
    </message>
    <message>
        <source>Import the past winners</source>
        <translation>导入往届获奖名单</translation>
    </message>
    <message>
        <source>Past winners not imported</source>
        <translation>往届获奖名单未导入</translation>
    </message>
    <message>
        <source>Imported {file}: {added} past winners added, {unchanged} already known; {total} in all. The rule checks ran again.</source>
        <translation>已导入 {file}：新增 {added} 项往届获奖，{unchanged} 项已有；共 {total} 项。已重新运行规则审查。</translation>
    </message>
    <message>
        <source>Experts not assigned</source>
        <translation>专家未分配</translation>
    </message>
    <message>
        <source>{added} assignments added, {kept} kept; {problems} could not be satisfied.</source>
        <translation>新增 {added} 项分配，保留 {kept} 项；{problems} 项无法满足。</translation>
    </message>
    <message>
        <source>Assign an expert to {id}</source>
        <translation>为 {id} 分配专家</translation>
    </message>
    <message>
        <source>Assign by hand</source>
        <translation>手动分配</translation>
    </message>
    <message>
        <source>Why does {code} review {id}?</source>
        <translation>为何由 {code} 评审 {id}？</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>{code} reviews {id}.</source>
        <translation>{code} 将评审 {id}。</translation>
    </message>
    <message>
        <source>Take an expert off {id}</source>
        <translation>从 {id} 撤下专家</translation>
    </message>
    <message>
        <source>Take off by hand</source>
        <translation>手动撤下</translation>
    </message>
    <message>
        <source>Why does {code} no longer review {id}?</source>
        <translation>为何 {code} 不再评审 {id}？</translation>
    </message>
    <message>
        <source>Not taken off</source>
        <translation>未撤下</translation>
    </message>
    <message>
        <source>{code} no longer reviews {id}.</source>
        <translation>{code} 不再评审 {id}。</translation>
    </message>
</context>
<context>
    <name>ProjectDetail</name>
    <message>
        <source>Project summary</source>
        <translation>项目摘要</translation>
    </message>
    <message>
        <source>Action line and SDG linkage</source>
        <translation>行动方面与可持续发展目标的关联</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <source>Partnerships</source>
        <translation>伙伴关系</translation>
    </message>
    <message>
        <source>Challenges and future</source>
        <translation>挑战与未来</translation>
    </message>
    <message>
        <source>no SDG named</source>
        <translation>未列明可持续发展目标</translation>
    </message>
    <message>
        <source>Category: {name} ({key})</source>
        <translation>类别：{name}（{key}）</translation>
    </message>
    <message>
        <source>Submission {id} · submitted {date} · {status}</source>
        <translation>提交项目 {id} · 提交于 {date} · {status}</translation>
    </message>
    <message>
        <source>(overruled: {reason})</source>
        <translation>（已驳回：{reason}）</translation>
    </message>
    <message>
        <source>Change the reason…</source>
        <translation>修改理由…</translation>
    </message>
    <message>
        <source>Overrule…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>(with submission {id})</source>
        <translation>（与提交项目 {id}）</translation>
    </message>
    <message>
        <source>({n} words)</source>
        <translation>（{n} 个词）</translation>
    </message>
    <message>
        <source>Website: {url}</source>
        <translation>网站：{url}</translation>
    </message>
    <message>
        <source>Contact: {name} &lt;{email}&gt;</source>
        <translation>联系人：{name} &lt;{email}&gt;</translation>
    </message>
    <message>
        <source>Other columns</source>
        <translation>其他列</translation>
    </message>
    <message>
        <source>{file}, row {row}</source>
        <translation>{file}，第 {row} 行</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>来源：{source}</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>项目标题</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>已评分</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>ineligible</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>利益冲突</translation>
    </message>
</context>
<context>
    <name>RankingFlag</name>
    <message>
        <source>no review counted</source>
        <translation>没有计入的评审</translation>
    </message>
    <message>
        <source>fewer reviews than the edition asks</source>
        <translation>评审数少于本届要求</translation>
    </message>
    <message>
        <source>the experts&apos; scores far apart</source>
        <translation>专家评分相差悬殊</translation>
    </message>
    <message>
        <source>the experts disagree beyond their usual leniency</source>
        <translation>专家分歧超出其一贯的宽严程度</translation>
    </message>
    <message>
        <source>ineligible</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>uncertain at the cut</source>
        <translation>分界处不确定</translation>
    </message>
    <message>
        <source>a tie the chair decides</source>
        <translation>由主席裁定的并列</translation>
    </message>
    <message>
        <source>an expert far from the panel</source>
        <translation>有专家与评审组差异很大</translation>
    </message>
    <message>
        <source>the experts agree more without one of them</source>
        <translation>去掉其中一位专家后一致性更高</translation>
    </message>
</context>
<context>
    <name>RankingStep</name>
    <message>
        <source>the score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>the score at full precision</source>
        <translation>全精度得分</translation>
    </message>
    <message>
        <source>the experts who reviewed both</source>
        <translation>同时评审两者的专家</translation>
    </message>
    <message>
        <source>the median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>the number of reviews</source>
        <translation>评审数</translation>
    </message>
    <message>
        <source>nothing: a tie the chair decides</source>
        <translation>无法区分：由主席裁定的并列</translation>
    </message>
    <message>
        <source>nothing: the first place</source>
        <translation>无：第一名</translation>
    </message>
    <message>
        <source>nothing: no score</source>
        <translation>无：没有得分</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>A decision needs a reason, for the record.</source>
        <translation>每项决定都需要说明理由，以备记录。</translation>
    </message>
</context>
<context>
    <name>ReviewStatus</name>
    <message>
        <source>counted</source>
        <translation>已计入</translation>
    </message>
    <message>
        <source>a declared conflict</source>
        <translation>已声明利益冲突</translation>
    </message>
    <message>
        <source>abstained</source>
        <translation>弃权</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
</context>
<context>
    <name>Round</name>
    <message>
        <source>nomination</source>
        <translation>提名轮</translation>
    </message>
    <message>
        <source>final</source>
        <translation>决选轮</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <source>summary-length</source>
        <translation>摘要字数</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>资料不完整</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期提交</translation>
    </message>
    <message>
        <source>not-english</source>
        <translation>非英文</translation>
    </message>
    <message>
        <source>no-sdg</source>
        <translation>未列明可持续发展目标</translation>
    </message>
    <message>
        <source>not-completed</source>
        <translation>项目未完成</translation>
    </message>
    <message>
        <source>project-information</source>
        <translation>项目信息字数</translation>
    </message>
    <message>
        <source>project-photo</source>
        <translation>项目照片</translation>
    </message>
    <message>
        <source>past-winner</source>
        <translation>往届获奖项目</translation>
    </message>
    <message>
        <source>same-entity-category</source>
        <translation>同一实体同一类别</translation>
    </message>
    <message>
        <source>duplicate-project</source>
        <translation>重复项目</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Propose by a rule</source>
        <translation>按规则提议</translation>
    </message>
    <message>
        <source>The top of each category:</source>
        <translation>每个类别的前几名：</translation>
    </message>
    <message>
        <source>Every project scoring at least:</source>
        <translation>得分不低于以下分数的所有项目：</translation>
    </message>
    <message>
        <source> projects</source>
        <translation> 个项目</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 分</translation>
    </message>
</context>
<context>
    <name>ScoringSheet</name>
    <message>
        <source>Scoring sheet</source>
        <translation>评分表</translation>
    </message>
    <message>
        <source>Before the criteria: does the project pass each gate of the call?</source>
        <translation>评分之前：项目是否通过征集通知规定的各项门槛？</translation>
    </message>
    <message>
        <source>Keys: 1–5 score the marked criterion · ↑ ↓ move · Delete clears · Ctrl+Enter: next project</source>
        <translation>按键：1–5 为标出的标准评分 · ↑ ↓ 移动 · Delete 清除 · Ctrl+Enter：下一个项目</translation>
    </message>
</context>
<context>
    <name>SecretariatFiles</name>
    <message>
        <source>Export for the &amp;secretariat</source>
        <translation>导出给秘书处(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Nominee list…</source>
        <translation>提名名单(&amp;N)…</translation>
    </message>
    <message>
        <source>The frozen nominee list (or the proposal, until it is frozen)</source>
        <translation>已冻结的提名名单（冻结之前为提议名单）</translation>
    </message>
    <message>
        <source>&amp;Finalists…</source>
        <translation>入围项目(&amp;F)…</translation>
    </message>
    <message>
        <source>The finalists of the public vote, with the vote audit</source>
        <translation>公众投票产生的入围项目，附投票审核</translation>
    </message>
    <message>
        <source>&amp;Winners and champions…</source>
        <translation>获奖项目与冠军项目(&amp;W)…</translation>
    </message>
    <message>
        <source>The winner and champions of each category, with the reasons</source>
        <translation>各类别的获奖项目与冠军项目，附理由</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>Export the nominee list</source>
        <translation>导出提名名单</translation>
    </message>
    <message>
        <source>Export the finalists</source>
        <translation>导出入围项目</translation>
    </message>
    <message>
        <source>Export the winners and champions</source>
        <translation>导出获奖项目与冠军项目</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <source>the frozen list</source>
        <translation>已冻结的名单</translation>
    </message>
    <message>
        <source>a proposal: the list is not frozen yet</source>
        <translation>提议名单：名单尚未冻结</translation>
    </message>
    <message>
        <source>Wrote the nominee list to {file}: {rows} nominees, {state}.</source>
        <translation>已将提名名单写入 {file}：{rows} 个提名项目，{state}。</translation>
    </message>
    <message>
        <source>Wrote the finalists to {file}: {rows} finalists.</source>
        <translation>已将入围项目写入 {file}：{rows} 个入围项目。</translation>
    </message>
    <message>
        <source>{tied} projects tied for a last place are listed, not decided.</source>
        <translation>{tied} 个项目在最后名次上并列，已列出，尚未决定。</translation>
    </message>
    <message>
        <source>Wrote the winners and champions to {file}: {rows} rows.</source>
        <translation>已将获奖项目与冠军项目写入 {file}：{rows} 行。</translation>
    </message>
    <message>
        <source>No selection yet in {count} categories.</source>
        <translation>{count} 个类别尚未选定。</translation>
    </message>
    <message>
        <source>Saved in {folder}.</source>
        <translation>保存在 {folder}。</translation>
    </message>
</context>
<context>
    <name>SelectionDialog</name>
    <message>
        <source>Winner and champions: {category}</source>
        <translation>获奖项目与冠军项目：{category}</translation>
    </message>
    <message>
        <source>{id} {title} (not analysed: it may be a champion, not the winner)</source>
        <translation>{id} {title}（未深入分析：可成为冠军项目，但不能成为获奖项目）</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>获奖项目</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>冠军项目</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Why, for the record (e.g. the panel meeting)</source>
        <translation>记录在案的理由（例如专家组会议）</translation>
    </message>
    <message>
        <source>&amp;Winner:</source>
        <translation>获奖项目(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Champions ({count}):</source>
        <translation>冠军项目（{count} 个）(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>eligible</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>ineligible</source>
        <translation>不合格</translation>
    </message>
</context>
<context>
    <name>SubmissionTableModel</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>项目标题</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>TieDialog</name>
    <message>
        <source>Settle the tie: {category}</source>
        <translation>裁定并列：{category}</translation>
    </message>
    <message>
        <source>Tied projects</source>
        <translation>并列项目</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Why, for the record (e.g. the panel meeting)</source>
        <translation>理由，记录在案（例如评审会议）</translation>
    </message>
    <message>
        <source>&amp;Finalists to add ({count} place(s) open):</source>
        <translation>要增加的入围项目（空缺 {count} 个）(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>VoteFiles</name>
    <message>
        <source>Import public &amp;vote…</source>
        <translation>导入公众投票(&amp;V)…</translation>
    </message>
    <message>
        <source>Audit the platform&apos;s vote export against the frozen nominee list</source>
        <translation>对照已冻结的提名名单审核平台导出的投票</translation>
    </message>
    <message>
        <source>Vote exports (*.csv *.xlsx)</source>
        <translation>投票导出文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Import public vote</source>
        <translation>导入公众投票</translation>
    </message>
    <message>
        <source>Auditing {file}…</source>
        <translation>正在审核 {file}…</translation>
    </message>
    <message>
        <source>The vote was not imported; nothing was changed.</source>
        <translation>投票未导入，未作任何更改。</translation>
    </message>
    <message>
        <source>Vote import cancelled; nothing was changed</source>
        <translation>投票导入已取消，未作任何更改</translation>
    </message>
    <message>
        <source>raw votes</source>
        <translation>原始投票</translation>
    </message>
    <message>
        <source>a tally</source>
        <translation>计票汇总</translation>
    </message>
    <message>
        <source>Imported {file} ({kind}): {read} votes read, {valid} valid, {rejected} rejected.</source>
        <translation>已导入 {file}（{kind}）：读取 {read} 票，有效 {valid} 票，拒绝 {rejected} 票。</translation>
    </message>
    <message>
        <source>Nothing changed: this file was imported already against the same frozen nominee list.</source>
        <translation>无任何更改：此文件此前已对照同一份已冻结的提名名单导入。</translation>
    </message>
    <message>
        <source>It replaces the vote import of {file}.</source>
        <translation>它取代了 {file} 的投票导入。</translation>
    </message>
    <message>
        <source>{count} categories have a tie for the last finalist&apos;s place: the chair decides.</source>
        <translation>{count} 个类别在最后一个入围名额上出现并列：由主席决定。</translation>
    </message>
    <message>
        <source>Rejected, by reason:</source>
        <translation>被拒绝的投票，按原因：</translation>
    </message>
    <message>
        <source>Finalists per category (the top {count} by valid votes):</source>
        <translation>各类别入围项目（有效票数前 {count} 名）：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>tied for {places} open place(s): {projects}</source>
        <translation>并列争夺 {places} 个剩余名额：{projects}</translation>
    </message>
</context>
<context>
    <name>VoteReason</name>
    <message>
        <source>a cell could not be read</source>
        <translation>某个单元格无法读取</translation>
    </message>
    <message>
        <source>voter without complete registration details</source>
        <translation>投票人注册信息不完整</translation>
    </message>
    <message>
        <source>cast before the vote opened</source>
        <translation>在投票开始前投出</translation>
    </message>
    <message>
        <source>cast after the vote closed</source>
        <translation>在投票截止后投出</translation>
    </message>
    <message>
        <source>not a nominee in that category</source>
        <translation>不是该类别的提名项目</translation>
    </message>
    <message>
        <source>a vote for the voter&apos;s own organisation</source>
        <translation>为投票人所在机构的项目投票</translation>
    </message>
    <message>
        <source>another vote by the same voter in the category came first</source>
        <translation>同一投票人在该类别中已有更早的一票</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to the WSIS Prizes panel</source>
        <translation>欢迎使用 WSIS 奖评审工具</translation>
    </message>
    <message>
        <source>Open package…</source>
        <translation>打开评审包…</translation>
    </message>
    <message>
        <source>Open the package your chair sent you</source>
        <translation>打开主席发给您的评审包</translation>
    </message>
    <message>
        <source>For experts: the review workbook (.xlsx) your chair sent you by e-mail or on a memory stick. Its projects open on your scoring desk and stay in your workspace on this computer. When you have scored them, File &gt; Export scores… writes the signed workbook you send back to your chair.</source>
        <translation>专家：主席通过电子邮件或 U 盘发给您的评审工作簿（.xlsx）。其中的项目在您的评分台上打开，并保存在本机的工作区中。评分完成后，“文件 &gt; 导出评分…”会写出已签名的工作簿，请将其发回给主席。</translation>
    </message>
    <message>
        <source>Import submissions…</source>
        <translation>导入提交项目…</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>打开工作区…</translation>
    </message>
    <message>
        <source>Create or open a workspace</source>
        <translation>创建或打开工作区</translation>
    </message>
    <message>
        <source>For chairs: a workspace holds a season&apos;s submissions, experts, reviews and decisions. Importing the secretariat&apos;s submission set creates one; or open a workspace you already have.</source>
        <translation>主席：工作区保存一届评选的提交项目、专家、评审和决定。导入秘书处的提交项目表即可创建工作区；也可以打开已有的工作区。</translation>
    </message>
</context>
<context>
    <name>WorkspaceProblem</name>
    <message>
        <source>No workspace was found there: the file was moved, renamed or deleted, or holds no workspace yet.</source>
        <translation>那里没有找到工作区：文件已被移动、改名或删除，或其中尚无工作区。</translation>
    </message>
    <message>
        <source>This is not a panel-app workspace. It was left as it is.</source>
        <translation>这不是 panel-app 工作区。文件保持原样，未作改动。</translation>
    </message>
    <message>
        <source>The workspace file is damaged and cannot be read. It was left as it is; open a backup of it.</source>
        <translation>工作区文件已损坏，无法读取。文件保持原样，未作改动；请打开它的备份。</translation>
    </message>
    <message>
        <source>The workspace is busy: another window, desk or command kept it locked too long. Nothing was changed; try again in a moment.</source>
        <translation>工作区正忙：另一个窗口、评分台或命令锁定它的时间过长。未做任何更改；请稍后再试。</translation>
    </message>
    <message>
        <source>This workspace was written by a newer version of the app: update the app to open it. It was left as it is.</source>
        <translation>此工作区由较新版本的应用写入：请更新应用后再打开。文件保持原样，未作改动。</translation>
    </message>
    <message>
        <source>The workspace could not be brought up to this version of the app; it was left as it was.</source>
        <translation>无法将工作区升级到此版本的应用；它保持原样，未作改动。</translation>
    </message>
    <message>
        <source>The workspace could not be opened.</source>
        <translation>无法打开工作区。</translation>
    </message>
    <message>
        <source>You are not one of this workspace&apos;s chairs: nothing was recorded. Pick the chair you are with File &gt; Act as….</source>
        <translation>您不是本工作区的主席：未记录任何内容。请通过“文件 &gt; 以…身份操作”选定您的主席身份。</translation>
    </message>
</context>
<context>
    <name>_GateRow</name>
    <message>
        <source>Gate {number}</source>
        <translation>门槛 {number}</translation>
    </message>
    <message>
        <source>Yes: it meets it</source>
        <translation>是：符合</translation>
    </message>
    <message>
        <source>No: it fails it</source>
        <translation>否：不符合</translation>
    </message>
    <message>
        <source>Gate {number}: {answer}</source>
        <translation>门槛 {number}：{answer}</translation>
    </message>
</context>
</TS>
