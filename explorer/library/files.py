"""Finding the report files under the paths a user adds: which files are candidates, which
are named as skipped and why, and a walk that survives symlink loops and unreadable folders."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator


def name_problem(path: str) -> str | None:
    """Why a path cannot be stored, or None. A name in a legacy encoding (GBK names from a
    Windows zip unpacked on Linux) reaches Python with surrogate escapes, which neither
    sqlite nor JSON can hold: one such file crashed the whole run."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        # Say what the name most likely reads: a display that drops undecodable bytes
        # would show only ".txt".
        raw = os.fsencode(path)
        guess = raw.decode("gb18030", "replace")
        return (f"its name is not valid UTF-8 (read as GBK: {guess}); rename it, "
                "e.g. convmv -f gbk -t utf-8")
    return None


def is_candidate(name: str) -> tuple[bool, str]:
    from explorer.core.read.files import SUPPORTED_SUFFIXES

    suffix = os.path.splitext(name)[1].lower()
    if suffix not in SUPPORTED_SUFFIXES or not suffix:
        return False, f"not a report format ({suffix or 'no extension'})"
    if name.lower().startswith("readme"):
        return False, "a README, not a report"
    return True, ""


def walk(root: str, skip_dir: str, skipped: list[tuple[str, str]]) -> Iterator[str]:
    """Files under `root`, following symlinks but entering each directory once (no loops)."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def unlistable(exc: OSError) -> None:
        # A folder the walk cannot list (no permission, vanished, a loop of links) would
        # otherwise be left out in silence: the user must learn which reports are missing.
        where = exc.filename if exc.filename is not None else root
        skipped.append((os.fspath(where), f"the folder cannot be read ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unlistable):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs or os.path.abspath(dirpath) == skip_dir:
            dirnames[:] = []
            continue
        seen_dirs.add(ident)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            full = os.path.join(dirpath, name)
            ok, reason = is_candidate(name)
            if not ok:
                skipped.append((full, reason))
                continue
            problem = name_problem(full)
            if problem:
                skipped.append((full, problem))
                continue
            try:
                fst = os.stat(full)
            except OSError as exc:
                skipped.append((full, f"it cannot be read ({exc.strerror or exc})"))
                continue
            if not stat.S_ISREG(fst.st_mode):
                # A pipe, socket or device named like a report: never opened (reading a
                # pipe blocks), but named, so the user knows why it is not in the library.
                if not stat.S_ISDIR(fst.st_mode):
                    skipped.append((full, "it is not a regular file (a pipe, socket or device)"))
                continue
            fid = (fst.st_dev, fst.st_ino)
            if fid in seen_files:
                continue  # the same file reached again through a symlink
            seen_files.add(fid)
            yield full


def under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
