"""Report Explorer (报告浏览器): search, read and cite Chinese government work reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from explorer.library import Library

__all__ = ["Library", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported lazily so `report-explorer show` does not pay for whoosh at start-up.
    if name == "Library":
        from explorer.library import Library

        return Library
    raise AttributeError(name)
