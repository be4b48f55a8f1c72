"""The theme lexicon (resources/themes.toml): which themes a piece of text speaks of.

The lexicon is user-editable and reloadable. Where it comes from, first found wins:
  1. an explicit path given to `load_lexicon` / `reload_lexicon`;
  2. $REPORT_EXPLORER_THEMES;
  3. <user config dir>/report-explorer/themes.toml (platformdirs);
  4. the bundled explorer/resources/themes.toml.
Keywords are folded once at load time (Simplified, half-width, lower case), so matching
is a plain substring test on folded text: both scripts and full-width forms match.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from explorer.core.scripts import fold
from explorer.core.user_files import (
    ReloadingCache,
    find_user_file,
    read_user_file,
    user_config_file,
)
from explorer.resources import RESOURCES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ENV_VAR = "REPORT_EXPLORER_THEMES"
BUNDLED_THEMES = RESOURCES / "themes.toml"


class LexiconError(ValueError):
    """The themes file is not valid TOML or not shaped like the bundled one."""


@dataclass(frozen=True)
class Theme:
    name: str
    keywords: tuple[str, ...]  # folded
    exclude: tuple[str, ...]  # folded
    # One alternation each, built once: a target's themes are looked up several times.
    _keywords_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)
    _exclude_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self.keywords:
            object.__setattr__(self, "_keywords_re", re.compile("|".join(map(re.escape, self.keywords))))
        if self.exclude:
            # Longest first (parse_lexicon sorts them), so a long phrase wins over one inside it.
            object.__setattr__(self, "_exclude_re", re.compile("|".join(map(re.escape, self.exclude))))

    def matches(self, folded_text: str) -> bool:
        if self._keywords_re is None:
            return False
        text = folded_text
        if self._keywords_re.search(text) is None:
            # Blanking exclusions only removes keywords: with none to start with, no match
            # (most themes, for most texts; the blanking is the costly part).
            return False
        if self._exclude_re is not None:
            text = self._exclude_re.sub(lambda m: "\0" * len(m.group()), text)
        return self._keywords_re.search(text) is not None


@dataclass(frozen=True)
class HeadingVote:
    """How a section heading votes for the themes of the targets under it (the
    [sections] table of themes.toml; its comments say the rule)."""

    max_themes: int = 1  # a heading naming more themes than this votes for none
    outvoted_by: frozenset[str] = frozenset()  # own themes that keep a heading's theme out


@dataclass(frozen=True)
class Lexicon:
    themes: tuple[Theme, ...]
    source: str  # the file it was read from
    heading_vote: HeadingVote = HeadingVote()

    @cached_property  # asked for every target whose section heading votes
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.themes)

    def match(self, folded_text: str) -> tuple[str, ...]:
        """Themes whose keywords occur in `folded_text` (already folded), in lexicon order."""
        return tuple(t.name for t in self.themes if t.matches(folded_text))

    def with_heading(self, own: tuple[str, ...], named: tuple[str, ...]) -> tuple[str, ...]:
        """A target's themes from its own words (`own`) and those its heading names."""
        vote = self.heading_vote
        if not named or len(named) > vote.max_themes or vote.outvoted_by.intersection(own):
            return own
        return tuple(n for n in self.names if n in own or n in named)


def user_themes_path() -> Path:
    return user_config_file("themes.toml")


def themes_path() -> Path:
    """The themes file that `current_lexicon` reads (see the module docstring)."""
    return find_user_file(ENV_VAR, user_themes_path(), BUNDLED_THEMES)


def parse_lexicon(text: str, source: str = "<string>") -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{source}: {exc}") from exc
    table = data.get("themes")
    if not isinstance(table, dict) or not table:
        raise LexiconError(f"{source}: expected a [themes.<name>] table per theme")
    themes = []
    for name, body in table.items():
        if not isinstance(body, dict) or not isinstance(body.get("keywords"), list):
            raise LexiconError(f"{source}: theme {name!r} needs a keywords list")
        keywords = tuple(fold(str(k)) for k in body["keywords"] if str(k))
        exclude = tuple(fold(str(k)) for k in body.get("exclude", []) if str(k))
        # Longest exclusions first, so a long phrase is blanked before a shorter one inside it.
        exclude = tuple(sorted(exclude, key=len, reverse=True))
        themes.append(Theme(name=str(name), keywords=keywords, exclude=exclude))
    return Lexicon(themes=tuple(themes), source=source, heading_vote=_heading_vote(data, source))


def _heading_vote(data: dict, source: str) -> HeadingVote:
    table = data.get("sections", {})
    if not isinstance(table, dict):
        raise LexiconError(f"{source}: [sections] must be a table")
    max_themes = table.get("max_themes", HeadingVote.max_themes)
    outvoted_by = table.get("outvoted_by", [])
    if not isinstance(max_themes, int) or not isinstance(outvoted_by, list):
        raise LexiconError(f"{source}: [sections] needs an integer max_themes and a list outvoted_by")
    return HeadingVote(max_themes=max_themes, outvoted_by=frozenset(str(t) for t in outvoted_by))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    p = Path(path) if path is not None else themes_path()
    return parse_lexicon(read_user_file(p, "themes", LexiconError), str(p))


# Looked up at call time, so a test or the app can point themes_path elsewhere.
_cache: ReloadingCache[Lexicon] = ReloadingCache(lambda: themes_path(), lambda: load_lexicon())


def current_lexicon() -> Lexicon:
    """The lexicon in use. Re-read when the themes file changes on disk (or another file is
    chosen), so what is extracted always matches the file libraries fingerprint."""
    return _cache.get()


def reload_lexicon(path: str | Path | None = None) -> Lexicon:
    """Re-read the themes file (after the user edited it, or to switch to `path`).

    Reports already ingested keep the themes they were tagged with until they are indexed
    again; the library re-reads them when the lexicon file changed.
    """
    lexicon = load_lexicon(path)
    _cache.set(lexicon)
    return lexicon
