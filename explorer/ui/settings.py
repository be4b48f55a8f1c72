"""Every user setting, declared once (name, type, default), stored with QSettings.

Window geometry and dock layout are kept apart (`window/*`): they are Qt blobs, not
choices the user makes in a menu, and resetting preferences should not move the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "ReportExplorer"
APPLICATION = "report-explorer"


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    choices: tuple[Any, ...] = ()  # empty: any value of `type`


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("ui/language", str, "zh_CN", ("zh_CN", "en")),
        Setting("view/script", str, "original", ("original", "simplified", "traditional")),
        Setting("view/font_size", int, 13),
        Setting("view/page_marks", bool, True),  # page numbers beside a PDF report's text
        Setting("citation/style", str, "plain", ("plain", "gbt7714", "markdown")),
        Setting("excerpts/last_tags", str, ""),  # offered again when the next one is added
        Setting("excerpts/group", str, "report", ("report", "tag")),
        # Set once the bundled samples were offered, so a user who removes them from the
        # library does not get them back at every start.
        Setting("library/samples_offered_to", str, ""),  # the library folder that got them
        Setting("library/last_report", str, ""),
        # The targets panel: the open report's targets, or every report's.
        Setting("targets/scope", str, "report", ("report", "all")),
    )
}

FONT_SIZE_RANGE = (9, 32)


class Settings:
    """Typed access to the declared settings. Unknown names are a programming error."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    def get(self, name: str) -> Any:
        spec = SETTINGS[name]
        raw = self.store.value(name, spec.default)
        try:
            if spec.type is bool:
                # QSettings' INI backend hands booleans back as "true"/"false".
                value: Any = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
            else:
                value = spec.type(raw)
        except (TypeError, ValueError):
            return spec.default
        if spec.choices and value not in spec.choices:
            return spec.default
        if name == "view/font_size":
            lo, hi = FONT_SIZE_RANGE
            value = min(hi, max(lo, value))
        return value

    def location(self) -> str:
        """Where the settings are stored (a file, or a registry key on Windows)."""
        return self.store.fileName()

    def set(self, name: str, value: Any) -> None:
        spec = SETTINGS[name]
        if not isinstance(value, spec.type):
            raise TypeError(f"setting {name} takes {spec.type.__name__}, not {type(value).__name__}")
        if spec.choices and value not in spec.choices:
            raise ValueError(f"setting {name} takes one of {spec.choices}, not {value!r}")
        self.store.setValue(name, value)

    # Window layout, opaque to everybody but QMainWindow.
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.store.value("window/geometry")
        state = self.store.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    def sync(self) -> None:
        self.store.sync()
