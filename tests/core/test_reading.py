"""Reading: every supported encoding round-trips; binary, empty and broken files are refused clearly."""

from __future__ import annotations

import codecs
import os

import pytest

from explorer.core.read.files import UnreadableFile, decode_bytes, html_to_text, read_file

SIMPLIFIED = "政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n地区生产总值增长6.5%左右。\n"
TRADITIONAL = "政府工作報告\n各位代表：\n現在，我代表市人民政府，向大會報告工作，請予審議。\n地區生產總值增長6.5%左右。\n"


@pytest.mark.parametrize(
    ("text", "encoded", "expected_encoding"),
    [
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (SIMPLIFIED, SIMPLIFIED.encode("gb18030"), "gb18030"),
        (SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gb18030"),
        (TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16"), "utf-16"),  # with BOM
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), "utf-16"),  # without BOM
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (TRADITIONAL, TRADITIONAL.encode("utf-16-le"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "big5", "utf16-bom", "utf16le", "utf16be", "utf16le-trad"],
)
def test_encodings_round_trip(tmp_path, text, encoded, expected_encoding):
    f = tmp_path / "report.txt"
    f.write_bytes(encoded)
    decoded = read_file(f)
    assert decoded.text == text
    assert decoded.encoding == expected_encoding


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_any_line_ending_becomes_newline(tmp_path, ending):
    f = tmp_path / "r.txt"
    f.write_bytes(SIMPLIFIED.replace("\n", ending).encode("gbk"))
    assert read_file(f).text == SIMPLIFIED


def test_real_gbk_crlf_corpus_file(corpus):
    decoded = read_file(corpus("district_hailaer_2013.gbk.txt"))
    assert decoded.encoding == "gb18030"
    assert "\r" not in decoded.text
    assert "海拉尔区第十四届人民代表大会第二次会议" in decoded.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \r\n\r\n  ", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(4000), "binary"),
    ],
    ids=["zero-bytes", "whitespace", "bom-only", "all-bytes", "png"],
)
def test_refused_with_reason(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        read_file(f)


def test_random_bytes_refused(tmp_path):
    import random

    rng = random.Random(7)
    for i in range(20):
        f = tmp_path / f"r{i}.txt"
        f.write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
        with pytest.raises(UnreadableFile):
            read_file(f)


def test_missing_and_directory_refused(tmp_path):
    with pytest.raises(UnreadableFile, match="does not exist"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_file(tmp_path)


def test_unsupported_format_refused(tmp_path):
    f = tmp_path / "report.xyz"
    f.write_text("政府工作报告", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="not supported"):
        read_file(f)


def test_mixed_encodings_in_one_file():
    data = "第一段：就业优先。\n".encode() + "第二段：教育发展。\n".encode("gbk")
    text, enc = decode_bytes(data)
    assert text == "第一段：就业优先。\n第二段：教育发展。\n"
    assert enc == "mixed"


def test_html_keeps_text_drops_scripts_styles_navigation(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>2021年政府工作报告</title>
    <style>p {color: red}</style><script>alert('x'); document.write('坏')</script></head>
    <body><nav><a href="/">首页</a> | <a href="/news">新闻中心</a></nav>
    <div class="content"><p>各位代表：</p><p>现在，我代表市人民政府&nbsp;向大会报告工作。</p>
    <img src="http://example.invalid/track.png"><table><tr><td>地区生产总值</td><td>增长6%</td></tr></table>
    </div><footer>版权所有</footer></body></html>"""
    f = tmp_path / "r.html"
    f.write_bytes(page.encode("gbk"))
    decoded = read_file(f)
    assert decoded.title == "2021年政府工作报告"
    assert "各位代表：" in decoded.text and "向大会报告工作。" in decoded.text
    assert "地区生产总值" in decoded.text and "增长6%" in decoded.text
    for gone in ("alert", "color", "首页", "新闻中心", "版权所有", "坏", "http"):
        assert gone not in decoded.text


def test_html_without_visible_text_refused():
    with pytest.raises(UnreadableFile, match="no visible text"):
        html_to_text(b"<html><head><script>var a=1;</script></head><body>  </body></html>")
