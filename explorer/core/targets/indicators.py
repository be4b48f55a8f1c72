"""Canonical indicators (resources/indicators.toml): which measure a target speaks of.

Reports name one measure many ways: 地区生产总值增长, 全市生产总值增长, GDP增长, 经济增长预期目标,
地区生产总值完成……同比增长. Comparing reports needs one name for all of them. The file lists
each canonical indicator with its synonyms, the units it is expressed in and phrases that
rule it out; `IndicatorSet.match` maps a target to one canonical indicator or to none.

Where the file comes from, first found wins (the same scheme as themes.toml):
  1. an explicit path given to `load_indicators`;
  2. $REPORT_EXPLORER_INDICATORS;
  3. <user config dir>/report-explorer/indicators.toml (platformdirs);
  4. the bundled explorer/resources/indicators.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from explorer.core.model import Target
from explorer.core.scripts import fold
from explorer.core.user_files import (
    ReloadingCache,
    find_user_file,
    read_user_file,
    user_config_file,
)
from explorer.resources import RESOURCES

ENV_VAR = "REPORT_EXPLORER_INDICATORS"
BUNDLED_INDICATORS = RESOURCES / "indicators.toml"

# Bracketed asides name the same measure another way (细颗粒物（PM2.5）); they are removed so
# either name matches. Folding has already turned full-width brackets half-width.
_ASIDE = re.compile(r"\([^()]*\)|“|”|\"")


class IndicatorsError(ValueError):
    """The indicators file is not valid TOML or not shaped like the bundled one."""


@dataclass(frozen=True)
class Normalizer:
    drop: tuple[str, ...] = ()  # folded, longest first
    replace: tuple[tuple[str, str], ...] = ()  # folded (old, new)

    def __call__(self, text: str) -> str:
        """`text` folded, without asides and filler words, spellings unified."""
        s = _ASIDE.sub("", fold(text)).replace(" ", "")
        for old, new in self.replace:
            s = s.replace(old, new)
        for word in self.drop:
            s = s.replace(word, "")
        return s


@dataclass(frozen=True)
class Indicator:
    name: str
    synonyms: tuple[str, ...]  # normalized
    units: frozenset[str] = frozenset()  # folded; empty: any unit
    exclude: tuple[str, ...] = ()  # normalized
    direction: str = ""  # "higher" | "lower" | "": which way is better (informative)

    def score(self, normalized: str, unit: str) -> int:
        """Length of the longest synonym in `normalized` (0: no match)."""
        if self.units and unit not in self.units:
            return 0
        if any(x in normalized for x in self.exclude):
            return 0
        return max((len(s) for s in self.synonyms if s in normalized), default=0)


@dataclass(frozen=True)
class IndicatorSet:
    indicators: tuple[Indicator, ...]
    normalizer: Normalizer = Normalizer()
    exclude: tuple[str, ...] = ()  # normalized: phrases that rule out every indicator
    source: str = "<string>"
    # (indicator text, unit) -> name; targets repeat the same few hundred indicator texts,
    # so a library of 100,000 targets folds and scans each text once.
    _cache: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.indicators)

    def get(self, name: str) -> Indicator | None:
        wanted = fold(name)
        for ind in self.indicators:
            if ind.name == name or fold(ind.name) == wanted:
                return ind
        return None

    def resolve(self, name: str) -> str | None:
        """The canonical name a user means by `name`: the name itself in either script, or
        one of its synonyms (GDP增长 -> 地区生产总值增长)."""
        found = self.get(name)
        if found is not None:
            return found.name
        normalized = self.normalizer(name)
        for ind in self.indicators:
            if normalized in ind.synonyms:
                return ind.name
        return None

    def match_text(self, indicator_text: str, unit: str) -> str | None:
        """The canonical indicator for a target's indicator text and unit, or None.
        The longest synonym wins (城镇居民人均可支配收入增长 over 居民人均可支配收入增长); a tie
        goes to the indicator listed first."""
        key = (indicator_text, unit)
        cached = self._cache.get(key, "")
        if cached != "":
            return cached
        normalized = self.normalizer(indicator_text)
        folded_unit = fold(unit).strip()
        best: str | None = None
        best_score = 0
        if not any(x in normalized for x in self.exclude):
            for ind in self.indicators:
                s = ind.score(normalized, folded_unit)
                if s > best_score:
                    best, best_score = ind.name, s
        self._cache[key] = best
        return best

    def match(self, target: Target) -> str | None:
        return self.match_text(target.indicator, target.unit)


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise IndicatorsError(f"{where} must be a list of strings")
    return [v for v in value if v]


def parse_indicators(text: str, source: str = "<string>") -> IndicatorSet:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise IndicatorsError(f"{source}: {exc}") from exc
    norm_table = data.get("normalize", {})
    if not isinstance(norm_table, dict):
        raise IndicatorsError(f"{source}: [normalize] must be a table")
    replace_table = norm_table.get("replace", {})
    if not isinstance(replace_table, dict):
        raise IndicatorsError(f"{source}: normalize.replace must be a table")
    drop = sorted({fold(w) for w in _strings(norm_table.get("drop"), f"{source}: normalize.drop")},
                  key=len, reverse=True)  # longest first: 控制在 before 在 if both were listed
    normalizer = Normalizer(
        drop=tuple(drop),
        replace=tuple((fold(str(k)), fold(str(v))) for k, v in replace_table.items()),
    )
    table = data.get("indicators")
    if not isinstance(table, dict) or not table:
        raise IndicatorsError(f"{source}: expected an [indicators.<name>] table per indicator")
    indicators = []
    for name, body in table.items():
        where = f"{source}: indicator {name!r}"
        if not isinstance(body, dict):
            raise IndicatorsError(f"{where} must be a table")
        synonyms = _strings(body.get("synonyms"), f"{where}: synonyms")
        # The name itself is always a synonym, so a one-line entry works.
        normalized = dict.fromkeys(n for n in (normalizer(s) for s in [name, *synonyms]) if n)
        direction = str(body.get("direction", ""))
        if direction not in ("", "higher", "lower"):
            raise IndicatorsError(f"{where}: direction must be \"higher\" or \"lower\"")
        indicators.append(Indicator(
            name=str(name),
            synonyms=tuple(normalized),
            units=frozenset(fold(u).strip() for u in _strings(body.get("units"), f"{where}: units")),
            exclude=tuple(normalizer(x) for x in _strings(body.get("exclude"), f"{where}: exclude")),
            direction=direction,
        ))
    exclude = tuple(normalizer(x) for x in _strings(norm_table.get("exclude"), f"{source}: normalize.exclude"))
    return IndicatorSet(tuple(indicators), normalizer, tuple(x for x in exclude if x), source)


def user_indicators_path() -> Path:
    return user_config_file("indicators.toml")


def indicators_path() -> Path:
    return find_user_file(ENV_VAR, user_indicators_path(), BUNDLED_INDICATORS)


def load_indicators(path: str | Path | None = None) -> IndicatorSet:
    p = Path(path) if path is not None else indicators_path()
    return parse_indicators(read_user_file(p, "indicators", IndicatorsError), str(p))


# Looked up at call time, so a test or the app can point indicators_path elsewhere.
_cache: ReloadingCache[IndicatorSet] = ReloadingCache(lambda: indicators_path(), lambda: load_indicators())


def current_indicators() -> IndicatorSet:
    """The indicator set in use, re-read when its file changes on disk (the user edits it
    while the app runs and compares again)."""
    return _cache.get()
