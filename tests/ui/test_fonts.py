"""The bundled DejaVu faces: every face the app draws with is available after `load_fonts`,
registered from resources/fonts only when the system lacks it (fieldapp/ui/app.py)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase

from fieldapp.core.paths import resources_dir
from fieldapp.ui import app as fapp

ALL_STYLES = {"DejaVu Sans": ["Book", "Bold", "Oblique", "Bold Oblique", "Condensed"],
              "DejaVu Serif": ["Book", "Bold", "Italic", "Bold Italic"]}


def test_every_bundled_file_is_described_and_shipped():
    shipped = sorted(p.name for p in (resources_dir() / "fonts").glob("*.ttf"))
    assert shipped == sorted(fapp.FONT_FACES)
    assert set(fapp.FIRST_PAINT_FONTS) <= set(fapp.FONT_FACES)


def test_faces_the_system_has_are_not_registered_again():
    asked: list[str] = []

    def installed(family):
        asked.append(family)
        return ALL_STYLES.get(family, [])

    assert fapp.faces_to_register(list(fapp.FONT_FACES), installed) == []
    assert asked == ["DejaVu Sans", "DejaVu Serif"]  # one query per family


def test_only_the_missing_faces_are_registered():
    # fonts-dejavu-core alone: no italic or oblique faces
    core = {"DejaVu Sans": ["Book", "Bold"], "DejaVu Serif": ["Book", "Bold"]}
    assert fapp.faces_to_register(list(fapp.FONT_FACES), lambda f: core.get(f, [])) == [
        "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf"]
    # no DejaVu at all (a Windows laptop): every face, in the order asked
    assert fapp.faces_to_register(fapp.FIRST_PAINT_FONTS, lambda f: []) == list(
        fapp.FIRST_PAINT_FONTS)


def test_after_load_fonts_every_face_is_available(qapp):
    assert fapp.load_fonts() == "DejaVu Sans"
    for name, (family, style) in fapp.FONT_FACES.items():
        assert style in QFontDatabase.styles(family), name


def test_a_face_missing_from_the_database_is_registered_from_the_bundle(qapp, monkeypatch):
    # a family no system has, mapped to a shipped file: the file must be registered
    monkeypatch.setattr(fapp, "FONT_FACES", {"DejaVuSans.ttf": ("DejaVu Sans", "Book"),
                                             "DejaVuSerif.ttf": ("fieldapp no such", "Book")})
    monkeypatch.setattr(fapp, "_fonts_checked", set())
    registered = set(fapp.fonts_registered)
    monkeypatch.setattr(fapp, "fonts_registered", registered)
    before = "DejaVuSans.ttf" in registered
    fapp.load_fonts()
    assert "DejaVuSerif.ttf" in registered
    assert ("DejaVuSans.ttf" in registered) == before  # found in the database: left alone
    assert fapp._fonts_checked == {"DejaVuSans.ttf", "DejaVuSerif.ttf"}
    fapp.load_fonts()  # each face once
    assert fapp._fonts_checked == {"DejaVuSans.ttf", "DejaVuSerif.ttf"}


@pytest.mark.parametrize("text", ["é à ç œ « »", "10\u202f000", "★ ← → › – …"])
def test_the_interface_font_has_the_glyphs_the_app_shows(qapp, text):
    from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

    fapp.load_fonts()
    font = QFont("DejaVu Sans")
    assert QFontInfo(font).family() == "DejaVu Sans"  # not a fallback family
    metrics = QFontMetrics(font)
    # inFontUcs4: PySide6 passes a non-ASCII str to inFont(QChar) wrongly
    assert all(metrics.inFontUcs4(ord(ch)) for ch in text.replace(" ", "")), text
