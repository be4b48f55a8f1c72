"""Which search engine a library uses, and building or moving its index.

A library records its engine in engine.json (written tmp + fsync + os.replace):

    {"engine": "whoosh", "wanted": "tantivy", "chosen_by": "auto"}

`engine` is the one whose index answers searches; `wanted` differs from it while a move is
pending (interrupted or not yet started); `chosen_by` is "user" once `index --engine` or the
app's setting chose, which the automatic choice then never overrides. A library without
the file is a whoosh library (every library made before engines could be chosen).

The automatic choice: whoosh while the library holds up to AUTO_THRESHOLD reports, tantivy
once an index run would take it past that, and never back by itself. Measured
(benchmarks/README.md, issue 13): at 100, 300 and 1,000 reports tantivy indexes ~20x
faster than whoosh, makes a smaller index and answers at least as fast, first query
included; so whoosh is kept only for the smallest libraries (and wherever tantivy is not
installed), where a later move costs about a second and a half.

A move builds the new index beside the old one from the stored reports (the manifest; no
source file is read), in batches, each one a commit; the old index keeps answering
searches meanwhile. Cancelled or killed, the build is resumed where it stopped (the
engine's BUILDING marker and the keys it holds). Complete, the new engine's FORMAT file is
written, then engine.json names it (the switch, one atomic rename), then the old folder is
deleted. Any write to the library through the current engine drops other engines' folders
first, so a stale half-built index is never resumed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from explorer.library.store import Manifest
from explorer.search.engine import ENGINES, Engine, WriteStopped, engine_class, unavailable

ENGINE_FILE = "engine.json"
DEFAULT_ENGINE = "whoosh"
LARGE_ENGINE = "tantivy"
AUTO_THRESHOLD = 100  # reports; see the module docstring
FOLDERS = {"whoosh": "index", "tantivy": "index-tantivy"}
ENV_BATCH = "REPORT_EXPLORER_BATCH"  # reports per commit (tests shrink it to interrupt mid-run)
BUILD_DOCS = 200  # reports per commit of a build
BUILD_CHARS = 20_000_000  # and at most this much text (memory stays bounded)


@dataclass(frozen=True)
class EngineChoice:
    engine: str  # answers searches now
    wanted: str  # differs from `engine` while a move is pending
    chosen_by: str  # "auto" | "user"


def read_choice(library: Path) -> EngineChoice:
    try:
        data = json.loads((library / ENGINE_FILE).read_text(encoding="utf-8"))
        choice = EngineChoice(str(data["engine"]), str(data["wanted"]), str(data["chosen_by"]))
    except (OSError, ValueError, KeyError, TypeError):
        return EngineChoice(DEFAULT_ENGINE, DEFAULT_ENGINE, "auto")
    if choice.engine not in ENGINES or choice.wanted not in ENGINES or choice.chosen_by not in ("auto", "user"):
        return EngineChoice(DEFAULT_ENGINE, DEFAULT_ENGINE, "auto")
    return choice


def write_choice(library: Path, choice: EngineChoice) -> None:
    target = library / ENGINE_FILE
    tmp = target.with_name(f"{ENGINE_FILE}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"engine": choice.engine, "wanted": choice.wanted, "chosen_by": choice.chosen_by}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def choice_stamp(library: Path) -> tuple[int, int] | None:
    """Changes whenever engine.json is replaced (a reader reopens its engine then)."""
    try:
        st = os.stat(library / ENGINE_FILE)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def auto_engine(reports: int, current: str) -> str:
    """The engine the automatic choice gives a library of `reports` reports."""
    if current == LARGE_ENGINE or reports <= AUTO_THRESHOLD:
        return current
    return LARGE_ENGINE if unavailable(LARGE_ENGINE) is None else current


def make_engine(library: Path, name: str) -> Engine:
    return engine_class(name)(library / FOLDERS[name])


Progress = Callable[[int, int], None]


def build(engine: Engine, manifest: Manifest, progress: Progress | None = None,
          cancel: Callable[[], bool] | None = None) -> bool:
    """Index every stored report into `engine`, going on with an unfinished build of it
    if there is one. False if cancelled (what was committed stays, to be resumed)."""
    done: set[str] = set()
    if engine.resume():
        done = engine.keys()
    else:
        engine.create()
    total = manifest.count()
    n = len(done)
    if progress:
        progress(n, total)
    batch = []
    chars = 0
    size = int(os.environ.get(ENV_BATCH, "0")) or BUILD_DOCS

    def stop(i: int) -> bool:
        """Between two documents of a write: progress within the batch (whoosh takes half
        a minute for one), and a cancel answered now, the batch dropped, not after it."""
        if progress and i:  # i = 0: told when the last batch ended
            progress(n + i, total)
        return bool(cancel and cancel())

    try:
        for doc in manifest.index_rows(skip=done):
            batch.append(doc)
            chars += len(doc.text)
            if len(batch) >= size or chars >= BUILD_CHARS:
                engine.write(batch, (), fresh=True, stop=stop)
                n += len(batch)
                batch, chars = [], 0
                if progress:
                    progress(n, total)
                if cancel and cancel():
                    return False
        engine.write(batch, (), fresh=True, stop=stop)
    except WriteStopped:
        return False
    engine.finish()
    if progress:
        progress(n + len(batch), total)
    return True


def move(library: Path, manifest: Manifest, choice: EngineChoice, progress: Progress | None = None,
         cancel: Callable[[], bool] | None = None) -> bool:
    """Move the library from choice.engine to choice.wanted (caller holds the writer's
    lock). False if cancelled: the old engine still answers, the build resumes later."""
    target = make_engine(library, choice.wanted)
    try:
        complete = target.open() or build(target, manifest, progress, cancel)
    finally:
        target.close()
    if not complete:
        return False
    write_choice(library, EngineChoice(choice.wanted, choice.wanted, choice.chosen_by))
    drop_other_engines(library, choice.wanted)
    return True


def drop_other_engines(library: Path, keep: str) -> None:
    """Delete the index folders of every engine but `keep` (an old one after a move, or a
    stale unfinished build). A folder still open elsewhere (Windows) goes next time."""
    for name, folder in FOLDERS.items():
        if name != keep and (library / folder).exists():
            shutil.rmtree(library / folder, ignore_errors=True)
