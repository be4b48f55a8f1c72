"""`pip install .` gives a working app: the wheel's contents and entry points, an install into a
fresh venv, and the Linux desktop files (packaging/linux) with their icons.

The wheel is built from a copy of the sources (pyproject.toml, README.md, explorer/), as a user's
`pip install .` does, so the checkout gets no build/ folder and a stray __pycache__ or a file
that is not package data shows up as missing or extra here rather than on a user's machine.
"""

from __future__ import annotations

import configparser
import importlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import explorer
from explorer.core.read.files import SUPPORTED_SUFFIXES
from explorer.gui_entry import file_as_open

if sys.version_info >= (3, 11):
    import tomllib
else:  # a dependency on 3.10 (pyproject.toml)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "explorer" / "resources"
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.reportexplorer.ReportExplorer"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ICONS = PACKAGING / "icons"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _run(cmd: list[str], timeout: float = 300, **kw) -> subprocess.CompletedProcess[str]:
    """Run and fail with the command's own output, which is what explains a packaging failure."""
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    if proc.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} exited {proc.returncode}\n"
                    f"--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-4000:]}")
    return proc


def _resource_files() -> list[str]:
    """Every file under explorer/resources that is data (the modules travel as code)."""
    return sorted(p.relative_to(ROOT).as_posix() for p in RESOURCES.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".py", ".pyc"))


def _can_build_offline() -> bool:
    """The host's setuptools and wheel meet [build-system] requires: build without isolation
    (no download, seconds). Otherwise pip fetches them into an isolated environment, as
    `pip install .` does on a user's machine."""
    try:
        import setuptools
        import wheel  # noqa: F401
    except ImportError:
        return False
    return int(setuptools.__version__.split(".")[0]) >= 68


@pytest.fixture(scope="module")
def wheel_path(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    shutil.copy2(ROOT / "pyproject.toml", src)
    shutil.copy2(ROOT / "README.md", src)
    shutil.copytree(ROOT / "explorer", src / "explorer",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(dist)]
    if _can_build_offline():
        cmd.append("--no-build-isolation")
    _run(cmd, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    wheels = list(dist.glob("report_explorer-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, got {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def wheel_names(wheel_path) -> set[str]:
    with zipfile.ZipFile(wheel_path) as zf:
        return set(zf.namelist())


def _dist_info(wheel_path: Path, name: str) -> str:
    with zipfile.ZipFile(wheel_path) as zf:
        (member,) = [n for n in zf.namelist() if re.fullmatch(r"report_explorer-[^/]+\.dist-info/" + name, n)]
        return zf.read(member).decode("utf-8")


# --- the wheel ---------------------------------------------------------------------------

def test_wheel_carries_every_resource(wheel_names):
    missing = [f for f in _resource_files() if f not in wheel_names]
    assert not missing, "resources left out of the wheel (see [tool.setuptools.package-data]):\n" + "\n".join(missing)


@pytest.mark.parametrize("pattern", [
    r"explorer/resources/samples/[^/]+\.txt",
    r"explorer/resources/themes\.toml",
    r"explorer/resources/spam_words\.txt",
    r"explorer/resources/i18n/[^/]+\.qm",
    r"explorer/resources/icons/report-explorer\.svg",
])
def test_wheel_has_the_resources_the_app_reads(wheel_names, pattern):
    assert any(re.fullmatch(pattern, n) for n in wheel_names), f"no {pattern} in the wheel"


def test_wheel_has_every_module_and_no_debris(wheel_names):
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "explorer").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert sorted(modules - wheel_names) == []
    debris = sorted(n for n in wheel_names if "__pycache__" in n or n.endswith((".pyc", ".orig", "~"))
                    or n.startswith(("tests/", "packaging/", "benchmarks/")))
    assert debris == []


def test_wheel_entry_points(wheel_path):
    ep = configparser.ConfigParser()
    ep.read_string(_dist_info(wheel_path, "entry_points.txt"))
    assert dict(ep["console_scripts"]) == {"report-explorer": "explorer.cli:main"}
    assert dict(ep["gui_scripts"]) == {"report-explorer-gui": "explorer.gui_entry:main"}
    for target in (*ep["console_scripts"].values(), *ep["gui_scripts"].values()):
        module, func = target.split(":")
        assert callable(getattr(importlib.import_module(module), func)), target


def test_wheel_metadata(wheel_path):
    meta = _dist_info(wheel_path, "METADATA")
    assert re.search(r"^Version: " + re.escape(explorer.__version__) + "$", meta, re.M)
    requires = re.findall(r"^Requires-Dist: (.+)$", meta, re.M)
    for dep in PYPROJECT["project"]["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.\-]+", dep)[0]
        assert any(r.lower().startswith(name.lower()) for r in requires), f"{name} not required by the wheel"
    assert "Provides-Extra: bundle" in meta
    assert re.search(r"^Project-URL: Homepage, https://", meta, re.M)


def test_wheel_installs_and_runs_in_a_fresh_venv(wheel_path, tmp_path):
    """The wheel alone, with its dependencies taken from the host (--system-site-packages):
    the installed scripts run and read the samples inside the installed package. About 5 s
    (10 s with the wheel build), so it stays in the default run."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False, symlinks=os.name != "nt").create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    # The host's pip, seen through --system-site-packages, installs into the venv it runs in
    # (with_pip=False saves ~10 s; `pip --python` would need pip >= 22.3).
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index",
          "--force-reinstall", "-q", str(wheel_path)],
         env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REPORT_EXPLORER_LIBRARY")}
    env["QT_QPA_PLATFORM"] = "offscreen"

    where = _run([str(python), "-c", "import explorer.resources as r; print(r.RESOURCES)"],
                 env=env, cwd=tmp_path).stdout.strip()
    installed = Path(where)
    assert env_dir.resolve() in installed.resolve().parents, f"explorer imported from {where}, not the venv"

    script = bin_dir / ("report-explorer.exe" if os.name == "nt" else "report-explorer")
    out = _run([str(script), "--version"], env=env, cwd=tmp_path).stdout
    assert out.strip() == f"report-explorer {explorer.__version__}"

    sample = sorted((installed / "samples").glob("*.txt"))[0]
    report = json.loads(_run([str(script), "show", str(sample), "--json"], env=env, cwd=tmp_path).stdout)
    assert report["text"] and report["sections"] and report["targets"]
    assert report["year"] and report["title"]
    assert all(t["themes"] is not None for t in report["targets"])
    assert any(t["themes"] for t in report["targets"]), "no themes: themes.toml not found in the install"

    gui = bin_dir / ("report-explorer-gui.exe" if os.name == "nt" else "report-explorer-gui")
    assert gui.exists()
    if os.name != "nt":  # a Windows gui-script has no stdout to read the version from
        assert _run([str(gui), "--version"], env=env, cwd=tmp_path).stdout.strip().endswith(explorer.__version__)


# --- the gui entry point -----------------------------------------------------------------

@pytest.mark.parametrize("argv, expected", [
    (["report.txt"], ["--open", "report.txt"]),
    (["/data/常州 2021.pdf", "--library", "L"], ["--open", "/data/常州 2021.pdf", "--library", "L"]),
    (["show", "report.txt"], ["show", "report.txt"]),
    (["--search", "就业"], ["--search", "就业"]),
    ([], []),
])
def test_gui_entry_turns_a_bare_file_into_open(argv, expected):
    assert file_as_open(argv) == expected


def test_gui_entry_parses_with_the_cli_parser(capsys):
    from explorer.gui_entry import main

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"report-explorer {explorer.__version__}"


# --- Linux desktop integration -----------------------------------------------------------

def _desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive: Name[zh_CN]
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_file_launches_the_gui_script():
    entry = _desktop_entry()
    gui_scripts = PYPROJECT["project"]["gui-scripts"]
    assert entry["Exec"].split()[0] in gui_scripts
    assert entry["TryExec"] in gui_scripts
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert "%f" in entry["Exec"].split() or "%F" in entry["Exec"].split()


def test_desktop_mime_types_are_formats_the_app_reads():
    mime_suffix = {"text/plain": ".txt", "text/html": ".html", "application/pdf": ".pdf",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}
    listed = [m for m in _desktop_entry()["MimeType"].split(";") if m]
    assert sorted(listed) == sorted(mime_suffix), "MimeType= and the formats reading.py reads differ"
    assert all(mime_suffix[m] in SUPPORTED_SUFFIXES for m in listed)


def test_metainfo_agrees_with_desktop_file_and_package():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]["text"]
    binaries = {b.text for b in root.iter("binary")}
    scripts = set(PYPROJECT["project"]["scripts"]) | set(PYPROJECT["project"]["gui-scripts"])
    assert binaries == scripts
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == explorer.__version__, (
        "add a <release> for the new version at the top of <releases>")
    homepage = root.findtext("url[@type='homepage']")
    assert homepage == PYPROJECT["project"]["urls"]["Homepage"]


def test_desktop_file_validates():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate not installed (Debian: desktop-file-utils)")
    proc = _run([tool, str(DESKTOP)])
    assert proc.stdout.strip() == "" and proc.stderr.strip() == "", proc.stdout + proc.stderr


def test_metainfo_validates():
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli not installed (Debian: appstream)")
    # Warnings fail too (non-zero exit); pedantic remarks such as the upper-case letters
    # of a reverse-DNS id that Flathub itself uses do not.
    _run([tool, "validate", "--no-net", "--explain", str(METAINFO)])


def test_install_desktop_script_installs_and_removes(tmp_path):
    sh = shutil.which("sh")
    if sh is None or os.name == "nt":
        pytest.skip("POSIX shell script")
    exe = tmp_path / "bin" / "report-explorer-gui"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    script = PACKAGING / "linux" / "install-desktop.sh"
    _run([sh, str(script), str(exe)], env=env)
    desktop = (data / "applications" / DESKTOP.name).read_text("utf-8")
    assert f'Exec="{exe}" %f' in desktop.splitlines()
    assert (data / "metainfo" / METAINFO.name).exists()
    for n in PNG_SIZES:
        assert (data / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png").exists()
    refused = subprocess.run([sh, str(script), str(tmp_path / "missing")], env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "not an executable" in refused.stderr
    _run([sh, str(script), "--uninstall"], env=env)
    left = [p for p in data.rglob(f"{APP_ID}*") if p.is_file()]
    assert left == []


# --- icons -------------------------------------------------------------------------------

def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icon_sizes(size):
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert _png_size(png.read_bytes()) == (size, size)


def test_scalable_icon_is_the_app_svg():
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (RESOURCES / "icons" / "report-explorer.svg").read_bytes(), (
        "the app SVG changed: run `QT_QPA_PLATFORM=offscreen python packaging/render_icons.py`")


def test_windows_ico_holds_png_images_up_to_256():
    data = (ICONS / "report-explorer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        w, h, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        payload = data[offset: offset + length]
        assert len(payload) == length
        assert _png_size(payload) == (w or 256, h or 256)
        sizes.add(w or 256)
    assert {16, 32, 48, 256} <= sizes


def test_macos_icns_holds_png_images_up_to_1024():
    data = (ICONS / "report-explorer.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    pos, kinds = 8, {}
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        kinds[kind] = _png_size(data[pos + 8:pos + length])
        pos += length
    assert pos == len(data)
    assert kinds[b"ic08"] == (256, 256) and kinds[b"ic10"] == (1024, 1024) and kinds[b"icp4"] == (16, 16)


@pytest.mark.gui
def test_png_icons_are_renders_of_the_current_svg(qapp):
    """A changed SVG with stale PNGs would show two different icons. Renders are compared
    with a tolerance: antialiasing differs a little between Qt versions."""
    pytest.importorskip("PySide6.QtSvg")
    from PySide6.QtGui import QImage

    sys.path.insert(0, str(PACKAGING))
    try:
        render_icons = importlib.import_module("render_icons")
    finally:
        sys.path.remove(str(PACKAGING))
    for size in (16, 64, 256):
        fresh = QImage.fromData(render_icons.render_png(RESOURCES / "icons" / "report-explorer.svg", size))
        committed = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert fresh.size() == committed.size()
        diff = total = 0
        for y in range(size):
            for x in range(size):
                a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
                diff += sum(abs(p - q) for p, q in zip(a.getRgb(), b.getRgb(), strict=True))
                total += 4 * 255
        assert diff / total < 0.01, f"{size}px icon differs from the SVG by {diff / total:.1%}: run packaging/render_icons.py"
