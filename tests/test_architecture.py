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


# -- import direction: ui -> library -> search -> core; inside core, stage by stage --------

# The layers, outermost first; a module may import its own layer and any later one.
LAYERS = ["entry", "ui", "commands", "library", "search", "core"]
# The entry points (cli.py wires the subcommands and, without one, opens the window) stand
# above everything; resources is data every layer may read.
TOP_LEVEL = {"cli": "entry", "gui_entry": "entry", "__main__": "entry"}
# Core's pipeline stages in data order; the shared leaves come first and import only leaves.
CORE_ORDER = ["model", "scripts", "common_chars", "user_files", "read", "clean", "describe",
              "targets", "cite", "ingest"]
CORE_LEAVES = {"model", "scripts", "common_chars", "user_files"}


def _explorer_imports(path: Path, root: Path = PKG.parent):
    """(line, imported explorer module) for every import in `path`, lazy ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = ".".join(path.relative_to(root).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("explorer"):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            if base.startswith("explorer"):
                # `from explorer.core.targets import themes` imports explorer.core.targets.themes
                for alias in node.names:
                    yield node.lineno, f"{base}.{alias.name}"


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None
    return TOP_LEVEL.get(parts[1], parts[1] if parts[1] in LAYERS else None)


def _core_stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "core" and parts[2] in CORE_ORDER else None


def test_layers_import_one_way():
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        here = ".".join(path.relative_to(PKG.parent).with_suffix("").parts)
        mine = _layer(here)
        if mine is None:
            continue
        for line, target in _explorer_imports(path):
            theirs = _layer(target)
            if theirs is not None and LAYERS.index(theirs) < LAYERS.index(mine):
                offenders.append(f"{path.relative_to(PKG.parent)}:{line} ({mine}) imports {target} ({theirs})")
    assert not offenders, "\n".join(offenders)


def test_core_stages_import_only_earlier_stages():
    offenders = []
    for path in sorted((PKG / "core").rglob("*.py")):
        here = ".".join(path.relative_to(PKG.parent).with_suffix("").parts)
        mine = _core_stage(here)
        if mine is None:
            continue
        for line, target in _explorer_imports(path):
            theirs = _core_stage(target)
            if theirs is None or theirs == mine:
                continue
            later = CORE_ORDER.index(theirs) > CORE_ORDER.index(mine)
            leaf_reaches_out = mine in CORE_LEAVES and theirs not in CORE_LEAVES
            if later or leaf_reaches_out:
                offenders.append(f"{path.relative_to(PKG.parent)}:{line} ({mine}) imports {target} ({theirs})")
    assert not offenders, "\n".join(offenders)


def test_the_checks_above_see_a_violation(tmp_path):
    """The rules are not vacuous: a describe module importing targets (absolute or relative)
    is seen as describe -> targets, which the stage order forbids."""
    bad = tmp_path / "explorer" / "core" / "describe" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from explorer.core.targets import themes\nfrom ..targets import figures\n")
    found = [t for _, t in _explorer_imports(bad, root=tmp_path)]
    assert found == ["explorer.core.targets.themes", "explorer.core.targets.figures"]
    here = _core_stage("explorer.core.describe.bad")
    assert all(CORE_ORDER.index(_core_stage(t)) > CORE_ORDER.index(here) for t in found)
    assert LAYERS.index(_layer("explorer.ui.app")) < LAYERS.index(_layer("explorer.library"))


MAX_MODULE_LINES = 650  # "about 600": a module past this does more than one job


def test_no_module_is_too_long():
    long = []
    for path in sorted(PKG.rglob("*.py")):
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(PKG.parent)}: {n} lines")
    assert not long, long
