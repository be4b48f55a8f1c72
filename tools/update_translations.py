"""Bring the English translation up to date with the UI code.

    python tools/update_translations.py          # lupdate, carry over, lrelease, report
    python tools/update_translations.py --from OTHER.ts   # also take translations from
                                                 # another .ts (e.g. the version of a branch
                                                 # being merged, after a conflict)

1. pyside6-lupdate reads every explorer/ui module and updates report_explorer_en.ts (new
   strings come in as unfinished, strings no longer in the code become vanished);
2. an unfinished message whose source text is already translated in another context (code
   moved from one class to another) takes that translation;
3. vanished messages are dropped, and pyside6-lrelease compiles the .qm.

What is still unfinished is listed: translate it in the .ts (Qt Linguist, or any editor) and
run this again. tests/ui/test_i18n.py fails while any message is unfinished.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "explorer" / "resources" / "i18n"
TS = I18N / "report_explorer_en.ts"
QM = I18N / "report_explorer_en.qm"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: it ships with PySide6-Essentials (pip install PySide6-Essentials)")
    return found


def _finished(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of every finished message in `ts`."""
    known: dict[tuple[str, str], str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            if tr is not None and tr.get("type") is None and (tr.text or "").strip():
                known.setdefault((name, m.findtext("source") or ""), tr.text or "")
    return known


def carry_over(ts: Path, others: Sequence[Path] = ()) -> list[tuple[str, str]]:
    """Fill unfinished messages from translations of the same source (in this file, then in
    `others`); drop vanished ones. Returns (context, source) of what is still unfinished."""
    tree = ET.parse(ts)
    root = tree.getroot()
    known: dict[str, str] = {}
    for m in root.iter("message"):
        tr = m.find("translation")
        if tr is not None and tr.get("type") is None and (tr.text or "").strip():
            known.setdefault(m.findtext("source") or "", tr.text or "")
    for m in root.iter("message"):
        tr = m.find("translation")
        if tr is not None and tr.get("type") in ("vanished", "obsolete"):
            known.setdefault(m.findtext("source") or "", tr.text or "")
    exact: dict[tuple[str, str], str] = {}
    for other in others:
        for (name, source), text in _finished(other).items():
            exact.setdefault((name, source), text)
            known.setdefault(source, text)
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for m in list(context.iter("message")):
            tr = m.find("translation")
            if tr is None:
                continue
            kind = tr.get("type")
            if kind in ("vanished", "obsolete"):
                context.remove(m)
            elif kind == "unfinished" or (kind is None and (name, m.findtext("source") or "") in exact):
                # A branch's own translation of this very message wins over lupdate's
                # same-text guess from another context.
                source = m.findtext("source") or ""
                text = exact.get((name, source)) or known.get(source, "")
                if text.strip():
                    tr.text = text
                    tr.attrib.pop("type", None)
                else:
                    missing.append((name, source))
    for context in list(root.iter("context")):
        if not list(context.iter("message")):
            root.remove(context)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    others = [Path(a) for a in sys.argv[sys.argv.index("--from") + 1:]] if "--from" in sys.argv else []
    sources = sorted(str(p) for p in (ROOT / "explorer" / "ui").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-source-language", "zh_CN",
                    "-target-language", "en", "-ts", str(TS)], check=True)
    missing = carry_over(TS, others)
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    for context, source in missing:
        print(f"untranslated: [{context}] {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
