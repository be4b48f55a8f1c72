"""The theme lexicon: bundled themes, both scripts, exclusions, user copies, reloading."""

from __future__ import annotations

import pytest

from explorer.core.model import Section
from explorer.core.scripts import fold
from explorer.core.targets import themes
from explorer.core.targets.extract import extract_targets

REQUIRED = ("就业", "教育", "生态", "经济发展", "科技创新", "民生保障", "医疗卫生", "城乡建设",
            "农业农村", "文化旅游", "安全", "改革开放", "政府建设")


@pytest.fixture(autouse=True)
def _restore_lexicon(monkeypatch):
    monkeypatch.delenv(themes.ENV_VAR, raising=False)
    yield
    themes.reload_lexicon(themes.BUNDLED_THEMES)


def bundled() -> themes.Lexicon:
    return themes.load_lexicon(themes.BUNDLED_THEMES)


def test_bundled_lexicon_has_the_required_themes():
    assert set(REQUIRED) <= set(bundled().names)


@pytest.mark.parametrize(
    ("text", "theme"),
    [("新增城镇就业", "就业"), ("新增城鎮就業", "就业"), ("增加學位", "教育"), ("新增學位", "教育"),
     ("ＰＭ２.５平均濃度", "生态"), ("空氣質量優良天數比例", "生态")],
)
def test_both_scripts_and_full_width_match(text, theme):
    assert theme in bundled().match(fold(text))


@pytest.mark.parametrize(
    ("text", "theme"),
    [("营造创新创业良好生态圈", "生态"), ("支持大学生创业", "教育"), ("集聚创新创业领军人才", "就业")],
)
def test_exclusions_keep_look_alike_words_out(text, theme):
    assert theme not in bundled().match(fold(text))


def test_a_target_may_have_several_themes():
    t = extract_targets("组织200名职工参加学历提升，开展职业技能培训。", [])[0]
    assert "教育" in t.themes
    assert set(bundled().match(fold("失业保险参保"))) >= {"就业", "民生保障"}


def test_user_copy_via_environment_and_reload(tmp_path, monkeypatch):
    user = tmp_path / "themes.toml"
    user.write_text('[themes."海洋"]\nkeywords = ["海域", "岸线"]\n', encoding="utf-8")
    monkeypatch.setenv(themes.ENV_VAR, str(user))
    assert themes.themes_path() == user
    lexicon = themes.reload_lexicon()
    assert lexicon.names == ("海洋",)
    (t,) = extract_targets("整治岸线12公里。", [])
    assert t.themes == ("海洋",)
    # Edit the file, reload, and the new keywords apply.
    user.write_text('[themes."海洋"]\nkeywords = ["海域"]\n[themes."生态"]\nkeywords = ["岸线"]\n',
                    encoding="utf-8")
    themes.reload_lexicon()
    (t,) = extract_targets("整治岸线12公里。", [])
    assert t.themes == ("生态",)


def test_explicit_lexicon_argument_overrides_current():
    lex = themes.parse_lexicon('[themes."测试"]\nkeywords = ["岸线"]\n')
    (t,) = extract_targets("整治岸线12公里。", [], lexicon=lex)
    assert t.themes == ("测试",)


def test_user_config_path_is_used_when_present(tmp_path, monkeypatch):
    cfg = tmp_path / "themes.toml"
    monkeypatch.setattr(themes, "user_themes_path", lambda: cfg)
    assert themes.themes_path() == themes.BUNDLED_THEMES
    cfg.write_text(themes.BUNDLED_THEMES.read_text(encoding="utf-8"), encoding="utf-8")
    assert themes.themes_path() == cfg


@pytest.mark.parametrize(
    "bad",
    ["not toml [", '[themes]\n', '[themes."x"]\nexclude = []\n'],
)
def test_malformed_lexicon_is_reported(bad):
    with pytest.raises(themes.LexiconError):
        themes.parse_lexicon(bad)


def test_a_focused_section_heading_votes_for_its_theme():
    text = "推进农村厕所革命，新改扩建公厕45座，整治涉水企业30家。"
    section = Section(title="（八）生态环境整治", number="（八）", level=2, start=0, end=len(text))
    toilets, firms = extract_targets(text, [section])
    assert "生态" in toilets.themes and "城乡建设" in toilets.themes
    assert "生态" in firms.themes
    # without the heading they are not 生态
    assert all("生态" not in t.themes for t in extract_targets(text, []))


def test_broad_heading_and_outvoting_themes():
    broad = Section(title="（五）保障和改善民生，办好教育、就业、医疗", number="（五）", level=2,
                    start=0, end=40)
    (t,) = extract_targets("新改扩建公厕45座。", [broad])
    assert t.themes == ("城乡建设",)  # a heading naming several themes votes for none
    jobs = Section(title="13. 促进就业稳定增长", number="13.", level=2, start=0, end=40)
    (t,) = extract_targets("年内完成建设或改造人才公寓3700套。", [jobs])
    assert "就业" not in t.themes  # 科技创新 (人才) outvotes the heading


def test_heading_vote_rule_is_read_from_the_file():
    lex = themes.parse_lexicon(
        '[sections]\nmax_themes = 0\n[themes."生态"]\nkeywords = ["生态"]\n'
        '[themes."城乡建设"]\nkeywords = ["公厕"]\n'
    )
    section = Section(title="生态环境整治", number="", level=1, start=0, end=20)
    (t,) = extract_targets("新改扩建公厕45座。", [section], lexicon=lex)
    assert t.themes == ("城乡建设",)
    with pytest.raises(themes.LexiconError):
        themes.parse_lexicon('[sections]\nmax_themes = "one"\n[themes."x"]\nkeywords = ["y"]\n')


def test_examples_closed_by_deng_theme_only_when_they_agree():
    (t,) = extract_targets("累计争取科创、人才、交通、环保等各类政策资金5.8亿元。", [])
    assert "生态" not in t.themes
    (t,) = extract_targets("实施标准化幼儿园、呼伦小学新建、南开路中学等14个项目。", [])
    assert "教育" in t.themes
