"""The targets table (library/targettable.py) on real reports, for both engines: it holds
exactly the stored reports' targets; its filters, sorts, pages and theme counts equal a
plain Python pass over the targets of the sources read afresh; removal and re-reading leave
no stale row. (The conversion of an older library: tests/test_library_formats.py.)"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from explorer.core.scripts import fold
from explorer.library import Library, TargetQuery, targettable
from tests.conftest import corpus_file

# Varied: GBK, national, provincial, prefecture, county, a Traditional PDF (Hong Kong).
FILES = [
    "district_hailaer_2013.gbk.txt",
    "national_2024.txt",
    "province_2026_四川省.txt",
    "city_shanghai_2021.txt",
    "county_天门市_2024.txt",
    "prefecture_锡林郭勒盟_2024.txt",
    "hk_香港_2023.pdf",
]


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def built(request, tmp_path_factory):
    """A library of FILES made with each engine; tests copy it before they change it."""
    folder = tmp_path_factory.mktemp(f"targets-{request.param}")
    src = folder / "reports"
    src.mkdir()
    for name in FILES:
        path = corpus_file(name)
        shutil.copy(path, src / path.name)
    lib = Library(folder / "lib", workers=1)
    lib.set_engine(request.param)
    lib.index([src])
    lib.close()
    return folder / "lib"


@pytest.fixture
def lib(built):
    with Library(built) as library:
        yield library


_FRESH: dict[str, list[tuple[str, str, str, int | None, object]]] = {}


def reference(library: Library) -> list[tuple[str, str, str, int | None, object]]:
    """(path, title, region, year, Target) of every target, the sources read afresh (the
    manifest, which is the targets' record, is not asked), by path then position."""
    from explorer.core.ingest import load_report

    out = []
    for info in sorted(library.reports(), key=lambda i: i.path):
        if info.path not in _FRESH:
            report = load_report(info.path)
            _FRESH[info.path] = [(info.path, report.title, report.region, report.year, t) for t in report.targets]
        out.extend(_FRESH[info.path])
    return out


def as_tuples(hits) -> list[tuple[str, str, str, int | None, object]]:
    return [(h.path, h.title, h.region, h.year, h.target) for h in hits]


def test_the_table_holds_exactly_the_stored_targets(lib):
    every = reference(lib)
    assert len(every) > 500  # real reports set many targets
    assert as_tuples(lib.target_hits(TargetQuery())) == every
    assert lib.target_count(TargetQuery()) == len(every)
    for info in lib.reports():
        mine = [x for x in every if x[0] == info.path]
        assert as_tuples(lib.target_hits(TargetQuery(report=info.path))) == mine
        assert info.n_targets == len(mine)
    # The Library.targets() the CLI prints: the same pairs as before the table.
    old = [(info, t) for info, targets in lib.manifest.targets(None, None) for t in targets]
    assert lib.targets() == old


def _passes(q: TargetQuery, row) -> bool:
    """The filters, written out plainly over one (path, title, region, year, target)."""
    path, title, region, year, t = row
    if q.report is not None and path != q.report:
        return False
    if q.kind and t.kind != q.kind:
        return False
    if q.year_from is not None and (year is None or year < q.year_from):
        return False
    if q.year_to is not None and (year is None or year > q.year_to):
        return False
    if q.regions and region not in q.regions:
        return False
    if q.region_contains and fold(q.region_contains) not in fold(region):
        return False
    if q.themes and not {fold(x) for x in q.themes} & {fold(x) for x in t.themes}:  # either script
        return False
    if q.text:
        fields = [t.indicator, t.text, t.sentence, t.section, title, region]
        if not any(fold(q.text) in fold(f) for f in fields):
            return False
    return True


SORT_KEYS = {
    "indicator": lambda r: r[4].indicator,
    "value": lambda r: (r[4].unit, r[4].value),
    "qualifier": lambda r: r[4].qualifier,
    "kind": lambda r: r[4].kind,
    "year": lambda r: r[3] or 0,
    "region": lambda r: r[2],
    "report": lambda r: r[1] or Path(r[0]).name,
    "themes": lambda r: "、".join(r[4].themes),
}


def expected(every, q: TargetQuery):
    rows = [r for r in every if _passes(q, r)]
    if q.sort:
        # Ties keep the library's order in both directions (a stable sort).
        rows = sorted(rows, key=SORT_KEYS[q.sort], reverse=q.descending)
    return rows


def queries(lib: Library) -> list[TargetQuery]:
    reports = sorted(lib.reports(), key=lambda i: i.path)
    hk = next(i for i in reports if "香港" in i.path)
    return [
        TargetQuery(themes=("就业",)),
        TargetQuery(themes=("生态", "教育")),
        TargetQuery(themes=("就業",)),  # a theme typed in Traditional
        TargetQuery(kind="achievement"),
        TargetQuery(kind="target", themes=("经济发展",)),
        TargetQuery(year_from=2021, year_to=2024),
        TargetQuery(year_from=2024),
        TargetQuery(regions=(reports[0].region, hk.region)),
        TargetQuery(region_contains="四川"),
        TargetQuery(report=hk.path, text="房屋"),  # Simplified text, Traditional report
        TargetQuery(text="就業"),
        TargetQuery(text="香港"),  # in the title and region, not in every sentence
        TargetQuery(text="GDP"),
        TargetQuery(report=reports[1].path, kind="target"),
    ]


def test_filters_equal_a_python_filter_over_the_same_targets(lib):
    every = reference(lib)
    for q in queries(lib):
        want = expected(every, q)
        assert as_tuples(lib.target_hits(q)) == want, q
        assert lib.target_count(q) == len(want), q
    assert any(expected(every, q) for q in queries(lib))


@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
def test_sorts_and_pages_equal_a_python_sort(lib, sort):
    every = reference(lib)
    for q in (TargetQuery(sort=sort), TargetQuery(sort=sort, descending=True),
              TargetQuery(sort=sort, descending=True, themes=("就业", "民生保障"))):
        want = expected(every, q)
        assert as_tuples(lib.target_hits(q)) == want, q
        pages: list = []  # each page after the last row of the one before (keyset paging)
        while page := lib.target_hits(q, after=pages[-1] if pages else None, limit=37):
            pages.extend(page)
        assert as_tuples(pages) == want


def test_theme_counts(lib):
    every = reference(lib)
    counts = Counter(theme for r in every for theme in set(r[4].themes))
    assert lib.target_theme_counts() == dict(counts)
    path = every[0][0]
    assert lib.target_theme_counts(path) == dict(Counter(theme for r in every if r[0] == path for theme in set(r[4].themes)))
    reports, regions, years = lib.target_facets()
    assert {p for p, _label in reports} == {r[0] for r in every}
    assert set(regions) == {r[2] for r in every if r[2]} and years == sorted({r[3] for r in every if r[3]}, reverse=True)


def test_removal_and_a_changed_report_leave_no_stale_rows(built, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(built, folder)
    with Library(folder) as lib:
        paths = sorted(i.path for i in lib.reports())
        lib.remove([paths[0]])
        assert lib.target_count(TargetQuery(report=paths[0])) == 0
        assert paths[0] not in {h.path for h in lib.target_hits(TargetQuery())}
        # A changed source: its report is replaced (a new docs id), its old rows go.
        before = lib.target_count(TargetQuery(report=paths[1]))
        changed = Path(paths[1])
        text = changed.read_bytes()
        try:  # the source is the module's library's too: put back as it was
            changed.write_bytes(text + b"\n")
            assert lib.index([str(changed)]).updated == 1
        finally:
            changed.write_bytes(text)
        assert lib.target_count(TargetQuery(report=paths[1])) == before
        raw = lib.manifest.db()
        assert raw.execute("SELECT count(*) FROM targets").fetchone()[0] == \
            raw.execute("SELECT sum(n_targets) FROM docs").fetchone()[0]
        for table, doc in (("targets", "doc"), ("target_themes", "doc"),
                           ("target_strings", f"id >> {targettable.STRING_BITS}")):
            assert raw.execute(f"SELECT count(*) FROM {table} WHERE {doc} NOT IN (SELECT id FROM docs)").fetchone()[0] == 0
