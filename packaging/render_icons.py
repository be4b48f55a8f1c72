"""Render the app icon's raster forms from its one source, explorer/resources/icons/report-explorer.svg.

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

writes
  packaging/icons/hicolor/<n>x<n>/apps/<APP_ID>.png   n = 16 .. 512 (freedesktop icon theme)
  packaging/icons/hicolor/scalable/apps/<APP_ID>.svg  a copy of the source SVG
  packaging/icons/report-explorer.ico                 Windows (PyInstaller EXE icon)
  packaging/icons/report-explorer.icns                macOS (PyInstaller BUNDLE icon)

The outputs are committed, so building the bundle needs neither Qt's SVG renderer nor Pillow
(PyInstaller would need Pillow to convert a PNG itself). Both containers hold PNG payloads,
which Windows Vista+ and macOS 10.7+ read; writing them here keeps them byte-reproducible.
Run it again whenever the SVG changes (tests/test_packaging.py checks the copy is current).
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

APP_ID = "io.github.reportexplorer.ReportExplorer"
ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "explorer" / "resources" / "icons" / "report-explorer.svg"
ICONS = ROOT / "packaging" / "icons"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO directory can describe
# ICNS element types whose payload may be a PNG, by pixel size (Apple's 'icp4'..'ic10').
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"), (256, b"ic08"),
              (512, b"ic09"), (1024, b"ic10"))


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent size x size square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container: 6-byte header, one 16-byte directory entry per image, PNG payloads.
    A width/height byte of 0 means 256."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for n in sizes:
        data = pngs[n]
        entries += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        payload += data
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS container: 'icns' + total length, then (type, length incl. 8-byte head, PNG)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[n])) + pngs[n]
                    for n, kind in ICNS_TYPES if n in pngs)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage/QPainter need it)
    pngs = {n: render_png(SOURCE, n) for n in sorted(set(PNG_SIZES) | {1024})}
    for n in PNG_SIZES:
        target = png_path(n)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[n])
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    (ICONS / "report-explorer.ico").write_bytes(ico_bytes({n: pngs[n] for n in ICO_SIZES}))
    (ICONS / "report-explorer.icns").write_bytes(icns_bytes(pngs))
    print(f"render_icons: {len(PNG_SIZES)} PNGs, .ico, .icns and the SVG written under {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
