"""The layering rules of GUIDE.md, enforced."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "explorer"
QT_FREE = [PKG / "core", PKG / "search", PKG / "commands", PKG / "library.py", PKG / "cli.py"]


def _python_files():
    for place in QT_FREE:
        if place.is_file():
            yield place
        elif place.is_dir():
            yield from sorted(place.rglob("*.py"))


def test_core_search_cli_never_import_qt():
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for n in names):
                offenders.append(f"{path.relative_to(PKG.parent)}:{node.lineno}")
    assert not offenders, offenders


def test_cli_show_does_not_load_qt(tmp_path):
    sample = PKG / "resources" / "samples" / "001_f884b8c2acd53f6d.txt"
    code = (
        "import sys; from explorer.cli import main; main(['show', sys.argv[1], '--json']);"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'"
    )
    r = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
