"""Golden tests of the cleaning pipeline on every corpus file, plus pipeline properties.

The golden files (tests/golden/cleaning/*.json) were written by reading each report: the
portal fields a reader finds in its header, the lines a reader recognises as chrome or spam,
the first and last body sentences, headings repaired from mojibake, real parentheses that
must survive. What the program still gets wrong is listed under "known_failures" and runs as
xfail(strict=True), so a fix shows up as XPASS and the entry must then move to must_contain.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from explorer.core.clean.pipeline import DEFAULT_CONFIG, CleanConfig, Cleaned, clean
from explorer.core.read.files import read_file
from tests.conftest import GOLDEN, corpus_file, corpus_report_names

GOLDEN_DIR = GOLDEN / "cleaning"
GOLDEN_FILES = sorted(GOLDEN_DIR.glob("*.json"))
_GLOSS_LEFT = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _golden(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


@cache
def _cleaned(name: str) -> Cleaned:
    return clean(read_file(corpus_file(name)).text)


def _raw(name: str) -> str:
    return read_file(corpus_file(name)).text


def _near(text: str, wanted: str) -> str:
    """The lines of `text` closest to `wanted`, as a diff a person can read."""
    lines = text.split("\n")
    first = wanted.split("\n")[0]
    close = difflib.get_close_matches(first, [ln[: len(first) + 20] for ln in lines], n=2, cutoff=0.3)
    if not close:
        return "  (no similar line in the clean text)"
    diff = difflib.ndiff([first], [close[0]])
    return "\n".join("  " + d for d in diff)


def _cases(key: str) -> list:
    params = []
    for path in GOLDEN_FILES:
        g = _golden(path)
        if key in g:
            params.append(pytest.param(g, id=path.stem))
    return params


def test_every_corpus_file_has_a_golden_file():
    names = corpus_report_names()
    if not names:
        pytest.skip("shared corpus not available")
    golden = {_golden(p)["file"] for p in GOLDEN_FILES}
    assert names <= golden, f"corpus files without a golden file: {sorted(names - golden)}"


@pytest.mark.parametrize("g", _cases("portal"))
def test_portal_fields(g):
    assert _cleaned(g["file"]).portal == g["portal"]


@pytest.mark.parametrize("g", _cases("first_line_starts"))
def test_first_line(g):
    first = _cleaned(g["file"]).text.split("\n")[0]
    assert first.startswith(g["first_line_starts"]), f"first line is {first[:80]!r}"


@pytest.mark.parametrize("g", _cases("last_line_ends"))
def test_last_line(g):
    last = _cleaned(g["file"]).text.split("\n")[-1]
    assert last.endswith(g["last_line_ends"]), f"last line ends {last[-80:]!r}"


def _phrase_params(key: str):
    for path in GOLDEN_FILES:
        g = _golden(path)
        for i, phrase in enumerate(g.get(key, [])):
            yield pytest.param(g["file"], phrase, id=f"{path.stem}-{i}")


@pytest.mark.parametrize(("name", "phrase"), list(_phrase_params("must_contain")))
def test_must_contain(name, phrase):
    text = _cleaned(name).text
    found = phrase in text  # not inside assert: pytest would print the whole report
    assert found, f"missing {phrase!r}; nearest line in the clean text:\n{_near(text, phrase)}"


@pytest.mark.parametrize(("name", "phrase"), list(_phrase_params("must_not_contain")))
def test_must_not_contain(name, phrase):
    text = _cleaned(name).text
    i = text.find(phrase)
    assert i < 0, f"{phrase!r} still in the clean text: …{text[max(0, i - 30): i + len(phrase) + 30]!r}…"


@pytest.mark.parametrize(("name", "line"), list(_phrase_params("must_not_have_lines")))
def test_must_not_have_lines(name, line):
    lines = _cleaned(name).text.split("\n")
    hits = [i + 1 for i, ln in enumerate(lines) if ln == line]
    assert not hits, f"line {line!r} still present at line(s) {hits[:10]}"


def _known_failures():
    for path in GOLDEN_FILES:
        g = _golden(path)
        for i, kf in enumerate(g.get("known_failures", [])):
            check = next(k for k in _KNOWN_CHECKS if k in kf)
            yield pytest.param(
                g["file"], check, kf[check], id=f"{path.stem}-{i}",
                marks=pytest.mark.xfail(strict=True, reason=kf["reason"]),
            )


# What a known failure may expect, each as the golden key of the same name does.
_KNOWN_CHECKS = ("must_contain", "must_not_contain", "must_not_have_lines", "last_line_ends")


@pytest.mark.parametrize(("name", "check", "expected"), list(_known_failures()))
def test_known_failures(name, check, expected):
    text = _cleaned(name).text
    if check == "must_contain":
        found = expected in text
        assert found, f"missing {expected!r}; nearest line:\n{_near(text, expected)}"
    elif check == "must_not_contain":
        assert expected not in text, f"{expected!r} still in the clean text"
    elif check == "must_not_have_lines":
        assert expected not in text.split("\n"), f"line {expected!r} still present"
    else:
        assert text.split("\n")[-1].endswith(expected), f"last line ends {text[-80:]!r}"


@pytest.mark.parametrize("g", _cases("no_glosses_left"))
def test_no_gloss_left(g):
    left = _GLOSS_LEFT.findall(_cleaned(g["file"]).text)
    assert not left, f"{len(left)} glosses left, e.g. {left[:5]}"


@pytest.mark.parametrize("g", _cases("counts_at_least"))
def test_counts_at_least(g):
    counts = _cleaned(g["file"]).counts
    low = {k: (counts.get(k, 0), n) for k, n in g["counts_at_least"].items() if counts.get(k, 0) < n}
    assert not low, f"counted (found, expected at least): {low}; all counts: {counts}"


@pytest.mark.parametrize("g", _cases("counts_exactly"))
def test_counts_exactly(g):
    counts = _cleaned(g["file"]).counts
    wrong = {k: (counts.get(k, 0), n) for k, n in g["counts_exactly"].items() if counts.get(k, 0) != n}
    assert not wrong, f"counted (found, expected): {wrong}; all counts: {counts}"


@pytest.mark.parametrize("g", _cases("occurs_exactly"))
def test_occurs_exactly(g):
    text = _cleaned(g["file"]).text
    wrong = {p: (text.count(p), n) for p, n in g["occurs_exactly"].items() if text.count(p) != n}
    assert not wrong, f"occurrences (found, expected): {wrong}"


@pytest.mark.parametrize("g", _cases("line_count"))
def test_line_count(g):
    assert _cleaned(g["file"]).text.count("\n") + 1 == g["line_count"]


# --- properties of the whole pipeline, on every corpus file ---------------------------------

ALL = [pytest.param(_golden(p)["file"], id=p.stem) for p in GOLDEN_FILES]


@pytest.mark.parametrize("name", ALL)
def test_idempotent(name):
    once = _cleaned(name).text
    twice = clean(once).text
    if twice != once:
        diff = difflib.unified_diff(once.split("\n"), twice.split("\n"), "once", "twice", lineterm="", n=0)
        pytest.fail("clean(clean(x)) != clean(x):\n" + "\n".join(list(diff)[:20]))


@pytest.mark.parametrize("name", ALL)
def test_no_line_starts_or_ends_with_space(name):
    bad = [ln for ln in _cleaned(name).text.split("\n") if ln != ln.strip(" \t\u3000\u2003\u00a0")]
    assert not bad, f"{len(bad)} lines with edge spaces, e.g. {bad[0][:40]!r}"


@pytest.mark.parametrize("name", ALL)
def test_no_cjk_character_lost_outside_recorded_changes(name):
    """Every Han character that disappeared was in something a step removed or replaced:
    a gloss is ASCII, so the report's own characters must all still be there."""
    raw, cleaned = _raw(name), _cleaned(name)
    lost = Counter(_CJK.findall(raw)) - Counter(_CJK.findall(cleaned.text))
    accounted: Counter[str] = Counter()
    for s in cleaned.steps:
        accounted += Counter(_CJK.findall(s.before)) - Counter(_CJK.findall(s.after))
    unexplained = lost - accounted
    assert not unexplained, f"characters lost without a recorded step: {dict(unexplained.most_common(10))}"


@pytest.mark.parametrize("name", ALL)
def test_counts_match_steps(name):
    cleaned = _cleaned(name)
    assert cleaned.counts == dict(Counter(s.kind for s in cleaned.steps))


def test_config_can_switch_fixers_off():
    raw = _raw("000_f5ab8c29433f7e08.txt")
    only_glosses = clean(raw, CleanConfig(fixers=("glosses",)))
    assert set(only_glosses.counts) == {"gloss"}
    assert only_glosses.portal == {}
    assert "發布機構:常州市人民政府" in only_glosses.text


def test_default_config_is_frozen():
    with pytest.raises(AttributeError):
        DEFAULT_CONFIG.fixers = ()  # type: ignore[misc]


# --- generalization: lines of every corpus file shuffled into new "reports" ----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@cache
def _corpus_lines() -> tuple[str, ...]:
    lines: list[str] = []
    for p in GOLDEN_FILES:
        for ln in _raw(_golden(p)["file"]).split("\n"):
            if ln.strip():
                lines.append(ln[:300])
    return tuple(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_shuffled_corpus_lines_clean_idempotently_and_lose_nothing(data):
    lines = _corpus_lines()
    picked = data.draw(st.lists(st.sampled_from(lines), min_size=1, max_size=25))
    raw = "\n".join(picked)
    cleaned = clean(raw)
    assert clean(cleaned.text).text == cleaned.text
    lost = Counter(_CJK.findall(raw)) - Counter(_CJK.findall(cleaned.text))
    accounted: Counter[str] = Counter()
    for s in cleaned.steps:
        accounted += Counter(_CJK.findall(s.before)) - Counter(_CJK.findall(s.after))
    assert not (lost - accounted)
