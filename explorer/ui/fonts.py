"""Is there a font that covers Chinese? Without one every character is a box."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFontDatabase


def has_cjk_font() -> bool:
    systems = (QFontDatabase.WritingSystem.SimplifiedChinese, QFontDatabase.WritingSystem.TraditionalChinese)
    return any(QFontDatabase.families(ws) for ws in systems)


def install_hint() -> str:
    """What to install, per platform, in the interface language's words (translated by
    the caller's tr())."""
    if sys.platform.startswith("linux"):
        return "sudo apt install fonts-noto-cjk   (Fedora: sudo dnf install google-noto-sans-cjk-fonts)"
    if sys.platform == "darwin":
        return "PingFang SC (macOS 自带；如缺失请在“字体册”中恢复)"
    return "Microsoft YaHei / 微软雅黑 或 Noto Sans CJK SC"
