"""The whoosh schema of a library index.

Whoosh pickles the schema (field classes included) into the index, so `GramField` must stay
importable here; `FORMAT` is bumped whenever the schema or the term cutting changes, and an
index whose version file does not say exactly `FORMAT` is rebuilt from the library's stored
reports (see index.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields

from explorer.search.analysis import CharGramAnalyzer, gram_postings

FORMAT = "report-explorer-search 1"


class GramField(fields.TEXT):
    """A TEXT field of character grams with positions (see analysis.py).

    Values are indexed as given: callers pass text already folded with scripts.fold, so
    positions are offsets into the report's clean text.
    """

    def __init__(self, scorable: bool = True) -> None:
        super().__init__(analyzer=CharGramAnalyzer(), phrase=True, stored=False)
        self.scorable = scorable

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        # Fast path: build the postings with list slicing instead of one whoosh Token per
        # character; this is where most of the indexing time goes.
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        encode = self.format.encode
        boost = self.format.field_boost
        for term, poses in gram_postings(value).items():
            yield term.encode("utf-8"), len(poses), len(poses) * boost, encode(poses)


def build_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        body=GramField(),
        # Metadata filters: substring semantics like the body ("region:常州" finds 常州市钟楼区),
        # not scored so that filters never change the ranking.
        region=GramField(scorable=False),
        doctype=GramField(scorable=False),
        themes=fields.KEYWORD(commas=True, scorable=False, lowercase=False),
        year=fields.NUMERIC(int, bits=32, signed=True, stored=False),
    )
