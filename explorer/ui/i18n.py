"""Interface language. Source strings are Chinese (zh_CN is the default and needs no
translation file); English comes from resources/i18n/report_explorer_en.qm, compiled
with `pyside6-lrelease` from the .ts beside it (see resources/i18n/README.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"
LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}


def qm_path(language: str) -> Path:
    return I18N / f"report_explorer_{language}.qm"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install the translator for `language`; returns it (keep a reference) or None
    when the language is the source language or its file is missing."""
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        return None
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return translator
