"""Whoosh reads its index with pickle: make every such read refuse anything but data.

Whoosh stores the schema, the segment list, posting blocks and stored fields as pickles and
loads them with plain pickle.load/loads. A library folder is user data: it may have been
copied from someone else or tampered with, and unpickling it blindly runs whatever code the
pickle names (os.system...). The FORMAT file (index.py) only says who wrote the index; it
is a plain text file anyone can copy. So every pickle whoosh reads goes through an
unpickler that resolves only classes of whoosh and of this package, plus a short list of
standard-library data constructors. A pickle naming anything else raises
UnsafePickle; index.py treats that as a damaged index and rebuilds it from the manifest.

Installed once, at import of explorer.search.whoosh_engine, before any index is opened.
"""

from __future__ import annotations

import _compat_pickle
import builtins
import importlib
import io
import pickle
import sys
import types
from typing import Any

# Standard-library callables a whoosh pickle legitimately names (protocol 2-5 output of
# whoosh's own objects: arrays of postings, compiled tokenizer patterns, plain containers).
_ALLOWED_GLOBALS = {
    ("copyreg", "_reconstructor"),
    ("copyreg", "__newobj__"),
    ("array", "array"),
    ("array", "_array_reconstructor"),
    ("re", "_compile"),
    ("_codecs", "encode"),
    ("collections", "OrderedDict"),
    ("collections", "defaultdict"),
    ("datetime", "datetime"),
    ("datetime", "date"),
    ("datetime", "timedelta"),
    ("decimal", "Decimal"),
}
_ALLOWED_BUILTINS = {
    "set", "frozenset", "dict", "list", "tuple", "int", "float", "complex", "str", "bytes",
    "bytearray", "bool", "slice", "range", "object",
}
# Packages whose CLASSES may be rebuilt (never their functions: a whoosh function such as
# index.create_in would wipe a folder if a pickle called it).
_ALLOWED_PACKAGES = ("whoosh", "explorer.search")


class UnsafePickle(pickle.UnpicklingError):
    """The index holds a pickle that names something other than whoosh's own data."""


def _in_package(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in _ALLOWED_PACKAGES)


class _RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        # Protocol 2 pickles (whoosh writes its TOC so) name Python 2 modules: __builtin__.long.
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        if module == "builtins" and name in _ALLOWED_BUILTINS:
            return getattr(builtins, name)
        # Dotted names would reach through a module's attributes (whoosh.index.os.system).
        if _in_package(module) and "." not in name:
            obj = getattr(importlib.import_module(module), name, None)
            if isinstance(obj, type) and _in_package(obj.__module__):
                return obj
        raise UnsafePickle(f"the index names {module}.{name}, which whoosh indexes never hold")


def safe_load(file: Any, **kwargs: Any) -> Any:
    return _RestrictedUnpickler(file, **kwargs).load()


def safe_loads(data: bytes, **kwargs: Any) -> Any:
    return _RestrictedUnpickler(io.BytesIO(data), **kwargs).load()


# The whoosh modules that read pickles (imported here so that their names can be replaced
# before any of them runs); legacy TOC loaders use an unrestricted unpickler of their own.
_READERS = (
    "whoosh.index", "whoosh.compat", "whoosh.filedb.structfile", "whoosh.filedb.compound",
    "whoosh.codec.whoosh3", "whoosh.codec.whoosh2", "whoosh.codec.plaintext", "whoosh.columns",
    "whoosh.automata.fst", "whoosh.legacy", "whoosh.filedb.filetables",
)
_installed = False


def install() -> None:
    """Replace pickle's loaders in every loaded whoosh module (idempotent)."""
    global _installed
    if _installed:
        return
    for name in _READERS:
        try:
            importlib.import_module(name)
        except ImportError:
            continue  # a legacy codec that no longer imports cannot read anything either
    shim = types.ModuleType("pickle")
    shim.__dict__.update(pickle.__dict__)
    shim.__dict__.update(load=safe_load, loads=safe_loads, Unpickler=_RestrictedUnpickler)
    for mod_name, module in list(sys.modules.items()):
        if module is None or not (mod_name == "whoosh" or mod_name.startswith("whoosh.")):
            continue
        for attr, value in list(vars(module).items()):
            if value is pickle.load:
                setattr(module, attr, safe_load)
            elif value is pickle.loads:
                setattr(module, attr, safe_loads)
            elif value is pickle:
                setattr(module, attr, shim)
    # Indexes older than whoosh 2.x's TOC format are read by loaders that unpickle with a
    # renaming (unrestricted) unpickler: such an index is not ours anyway, rebuild it.
    import whoosh.legacy

    whoosh.legacy.toc_loaders.clear()
    _installed = True
