"""The first window: contents tree and reader, driven offscreen with pytest-qt."""
from __future__ import annotations

import pytest

from fieldapp.ui.contents_model import ContentsModel
from fieldapp.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store):
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    return w


def test_tree_has_sections_then_paragraphs(window):
    model = window.contents_model
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top[0] == "Preamble" and "Situation in Central Mali" in top
    mandate = model.index(top.index("MINUSMA's mandate"), 0)
    subs = [model.index(r, 0, mandate).data() for r in range(model.rowCount(mandate))]
    assert subs == ["General principles", "Priority tasks", "Other tasks"]


def test_selecting_a_sub_unit_shows_it_in_the_reader(window, qtbot):
    index = window.contents_model.index_for_unit("op28.c.ii")
    window.tree.setCurrentIndex(index)
    assert window.current_unit() == "op28.c.ii"
    text = window.reader.toPlainText()
    assert "S/RES/2531 (2020), para. 28 (c) (ii)" in text
    assert "anticipate, deter and effectively respond" in text
    assert "Protection of civilians" in text  # its context: the parent's heading


def test_contents_model_passes_the_model_tester(qtmodeltester, store):
    qtmodeltester.check(ContentsModel(store))
