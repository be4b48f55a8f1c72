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

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from explorer.core.scripts import fold

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ENV_VAR = "REPORT_EXPLORER_THEMES"
BUNDLED_THEMES = Path(__file__).resolve().parents[1] / "resources" / "themes.toml"


class LexiconError(ValueError):
    """The themes file is not valid TOML or not shaped like the bundled one."""


@dataclass(frozen=True)
class Theme:
    name: str
    keywords: tuple[str, ...]  # folded
    exclude: tuple[str, ...]  # folded

    def matches(self, folded_text: str) -> bool:
        text = folded_text
        for phrase in self.exclude:
            if phrase in text:
                text = text.replace(phrase, "\0" * len(phrase))
        return any(k in text for k in self.keywords)


@dataclass(frozen=True)
class Lexicon:
    themes: tuple[Theme, ...]
    source: str  # the file it was read from

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.themes)

    def match(self, folded_text: str) -> tuple[str, ...]:
        """Themes whose keywords occur in `folded_text` (already folded), in lexicon order."""
        return tuple(t.name for t in self.themes if t.matches(folded_text))


def user_themes_path() -> Path:
    return Path(platformdirs.user_config_dir("report-explorer", appauthor=False)) / "themes.toml"


def themes_path() -> Path:
    """The themes file that `current_lexicon` reads (see the module docstring)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    user = user_themes_path()
    if user.is_file():
        return user
    return BUNDLED_THEMES


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
    return Lexicon(themes=tuple(themes), source=source)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    p = Path(path) if path is not None else themes_path()
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise LexiconError(f"cannot read themes file {p}: {exc}") from exc
    return parse_lexicon(text, str(p))


_lock = threading.Lock()
_current: Lexicon | None = None
_current_stamp: tuple[str, int, int] | None = None


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


def current_lexicon() -> Lexicon:
    """The lexicon in use. Re-read when the themes file changes on disk (or another file is
    chosen), so what is extracted always matches the file libraries fingerprint."""
    global _current, _current_stamp
    stamp = _stamp(themes_path())
    with _lock:
        if _current is None or (_current_stamp is not None and stamp != _current_stamp):
            _current = load_lexicon()
            _current_stamp = stamp
        return _current


def reload_lexicon(path: str | Path | None = None) -> Lexicon:
    """Re-read the themes file (after the user edited it, or to switch to `path`).

    Reports already ingested keep the themes they were tagged with; extract their
    targets again to apply the new lexicon.
    """
    global _current
    lexicon = load_lexicon(path)
    with _lock:
        _current = lexicon
    return lexicon
