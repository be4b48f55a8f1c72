"""The records every layer shares.

All offsets (sections, targets, hits) are Python string indices into the report's
clean text; Qt's UTF-16 positions are converted only at the widget boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Section:
    title: str
    number: str  # as written: "一", "（一）", "1.", "" for unnumbered headings
    level: int  # 1 = top
    start: int  # offset of the heading in the clean text
    end: int  # end of the section's body (exclusive)
    children: tuple[Section, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "number": self.number,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "children": [c.to_json() for c in self.children],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Section:
        return cls(
            title=d["title"],
            number=d["number"],
            level=d["level"],
            start=d["start"],
            end=d["end"],
            children=tuple(cls.from_json(c) for c in d.get("children", ())),
        )


def walk_sections(sections: tuple[Section, ...] | list[Section]):
    """Yield every section depth-first, parents before children."""
    for s in sections:
        yield s
        yield from walk_sections(s.children)


def section_path(sections: tuple[Section, ...] | list[Section], offset: int) -> list[Section]:
    """The chain of sections (outermost first) that contains `offset`."""
    path: list[Section] = []
    level = list(sections)
    while True:
        for s in level:
            if s.start <= offset < s.end:
                path.append(s)
                level = list(s.children)
                break
        else:
            return path


@dataclass(frozen=True)
class Target:
    indicator: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    kind: str  # "target" | "achievement"
    themes: tuple[str, ...]
    start: int
    end: int
    text: str  # clean_text[start:end]
    section: str  # title path, " > " joined
    sentence: str = ""  # the whole sentence the figure stands in
    # The part of the territory the figure is for when it is not the report's own region
    # (临江新区, 藤县, 县域); "" for the region itself. Such a figure is no headline target.
    area: str = ""

    def to_json(self) -> dict[str, Any]:
        # Every field is immutable but themes (a tuple, a list in JSON): asdict's deep copy
        # costs more than the rest of storing a report's targets.
        d = {name: getattr(self, name) for name in _TARGET_FIELDS}
        d["themes"] = list(self.themes)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Target:
        d = dict(d)
        d["themes"] = tuple(d.get("themes", ()))
        return cls(**d)


_TARGET_FIELDS = tuple(f.name for f in fields(Target))


@dataclass
class Report:
    path: str
    title: str
    region: str
    level: str  # 全国 / 省 / 市 / 区县 / ""
    year: int | None
    doc_type: str
    publisher: str
    date: str | None  # YYYY-MM-DD
    speaker: str
    encoding: str
    raw_text: str
    text: str
    cleaning: dict[str, int] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    portal: dict[str, str] = field(default_factory=dict)  # portal metadata table, as found
    adcode: str | None = None  # GB/T 2260 division code of the region ("429006"), if known
    parent: str = ""  # the province, or for a county its prefecture ("" for provinces)
    pages: list[int] | None = None  # clean-text offset of each page start (PDF), else None

    def to_json(self, *, raw: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "title": self.title,
            "region": self.region,
            "level": self.level,
            "adcode": self.adcode,
            "parent": self.parent,
            "year": self.year,
            "doc_type": self.doc_type,
            "publisher": self.publisher,
            "date": self.date,
            "speaker": self.speaker,
            "encoding": self.encoding,
            "text": self.text,
            "pages": list(self.pages) if self.pages is not None else None,
            "cleaning": dict(self.cleaning),
            "portal": dict(self.portal),
            "sections": [s.to_json() for s in self.sections],
            "targets": [t.to_json() for t in self.targets],
        }
        if raw:
            d["raw_text"] = self.raw_text
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Report:
        return cls(
            path=d["path"],
            title=d["title"],
            region=d["region"],
            level=d["level"],
            year=d["year"],
            doc_type=d["doc_type"],
            publisher=d["publisher"],
            date=d["date"],
            speaker=d.get("speaker", ""),
            encoding=d["encoding"],
            raw_text=d.get("raw_text", ""),
            text=d["text"],
            cleaning=dict(d.get("cleaning", {})),
            sections=[Section.from_json(s) for s in d.get("sections", [])],
            targets=[Target.from_json(t) for t in d.get("targets", [])],
            portal=dict(d.get("portal", {})),
            adcode=d.get("adcode"),
            parent=d.get("parent", ""),
            pages=list(d["pages"]) if d.get("pages") is not None else None,
        )


@dataclass(frozen=True)
class Hit:
    """One report that matched a query."""

    path: str
    title: str
    region: str
    year: int | None
    hits: int  # occurrences
    spans: tuple[tuple[int, int], ...]
    snippets: tuple[str, ...]
    score: float = 0.0
