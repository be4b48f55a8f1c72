"""`report-explorer show FILE --json` keeps the contract of GUIDE.md on every corpus file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from explorer.cli import main
from tests.conftest import CORPUS, SAMPLES

FILES = sorted(p for folder in (CORPUS / "seeds", CORPUS / "extra") if folder.exists() for p in folder.iterdir() if p.suffix == ".txt") or sorted(SAMPLES.glob("*.txt"))

TOP_KEYS = {"path", "title", "region", "level", "year", "doc_type", "publisher", "date", "encoding",
            "text", "cleaning", "sections", "targets"}
SECTION_KEYS = {"title", "number", "level", "start", "end", "children"}
TARGET_KEYS = {"indicator", "value", "value_high", "unit", "qualifier", "kind", "themes", "start", "end",
               "text", "section"}


def _walk(sections):
    for s in sections:
        yield s
        yield from _walk(s["children"])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_show_json_contract(path, capsys):
    assert main(["show", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out.keys() >= TOP_KEYS
    assert isinstance(out["year"], int)
    assert out["date"] is None or (len(out["date"]) == 10 and out["date"][4] == "-")
    text = out["text"]
    assert text and isinstance(out["cleaning"], dict)
    assert all(isinstance(v, int) for v in out["cleaning"].values())
    for s in _walk(out["sections"]):
        assert s.keys() >= SECTION_KEYS
        assert 0 <= s["start"] < s["end"] <= len(text)
        for c in s["children"]:
            assert s["start"] <= c["start"] < c["end"] <= s["end"]
            assert c["level"] > s["level"]
    for t in out["targets"]:
        assert t.keys() >= TARGET_KEYS
        assert t["kind"] in ("target", "achievement")
        assert text[t["start"]:t["end"]] == t["text"]
        assert isinstance(t["value"], float)


def test_show_summary_is_readable(capsys):
    assert main(["show", str(SAMPLES / "001_f884b8c2acd53f6d.txt")]) == 0
    out = capsys.readouterr().out
    assert "Outline:" in out and "region" in out


def test_show_refuses_binary_without_traceback(tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 64)
    r = subprocess.run([sys.executable, "-m", "explorer", "show", str(bad)], capture_output=True, text=True)
    assert r.returncode == 2
    assert "binary" in r.stderr
    assert "Traceback" not in r.stderr


def test_show_missing_file(tmp_path):
    r = subprocess.run([sys.executable, "-m", "explorer", "show", str(tmp_path / "x.txt")], capture_output=True, text=True)
    assert r.returncode == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr
