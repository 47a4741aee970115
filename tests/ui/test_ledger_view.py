"""The priority-measures ledger window: assess a measure and see the ledger change."""
from __future__ import annotations

from PySide6.QtCore import Qt

from fieldapp.ui.assess_dialog import AssessDialog
from fieldapp.ui.ledger_model import STATUS_COLOURS, HistoryModel, LedgerModel
from fieldapp.ui.ledger_view import LedgerView
from tests.ui_records_helpers import click_ok, with_dialog


def cell(model, row: int, col: str, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, model.COLUMNS.index(col)).data(role)


def test_assess_a_measure_and_see_the_ledger_change(qtbot, store):
    view = LedgerView(store, on="2021-02-01")
    qtbot.addWidget(view)
    view.show()
    row = view.model.row_of("op3.1")
    view.table.selectRow(row)
    assert cell(view.model, row, "status") == "not assessed"
    assert "para. 3: 0 %" in view.rollup.text()
    assert cell(view.model, row, "deadline") == "149 days left"

    def fill(dialog: AssessDialog):
        dialog.evidence.setPlainText("")
        click_ok(dialog)
        assert dialog.isVisible() and "empty" in dialog.error.text()
        dialog.status.setCurrentIndex(3)
        dialog.indicators["op3.1-integrated"].setText("abc")
        dialog.evidence.setPlainText("Synthetic evidence")
        click_ok(dialog)
        assert dialog.isVisible() and "not a number" in dialog.error.text()
        dialog.indicators["op3.1-integrated"].setText("1500")
        dialog.source.setText("Synthetic source")
        click_ok(dialog)

    with_dialog(qtbot, AssessDialog, fill, view.assess_button.click)
    row = view.model.row_of("op3.1")
    assert cell(view.model, row, "status") == "3 — nearly complete"  # text, not colour alone
    assert cell(view.model, row, "status", Qt.ItemDataRole.BackgroundRole).color().name() \
        == STATUS_COLOURS[3]
    assert cell(view.model, row, "rollup") == "75 %"
    assert "Synthetic evidence" in cell(view.model, row, "evidence")
    assert "para. 3: 19 %" in view.rollup.text()
    assert view.history.rowCount() == 1 and view.history.measure_id == "op3.1"
    assert "1,500" in view.indicators.text()
    assert store.measure("op3.1")["status"] == 3


def test_trend_arrow_and_history(qtbot, store):
    store.assess_measure("op14.2", 3, "Synthetic", date="2020-11-01")
    store.assess_measure("op14.2", 1, "Synthetic later", date="2021-01-01")
    view = LedgerView(store, on="2021-07-10")
    qtbot.addWidget(view)
    row = view.model.row_of("op14.2")
    assert cell(view.model, row, "trend").startswith("↓")
    assert cell(view.model, row, "deadline") == "overdue by 10 days"
    view.select_measure("op14.2")
    assert [view.history.index(r, 1).data() for r in range(2)] == ["1 — minimal",
                                                                   "3 — nearly complete"]


def test_ledger_models_pass_the_model_tester(qtmodeltester, store):
    store.assess_measure("op3.1", 2, "Synthetic", date="2021-01-01",
                         indicators={"op3.1-integrated": 10})
    qtmodeltester.check(LedgerModel(store))
    qtmodeltester.check(HistoryModel(store, "op3.1"))
    qtmodeltester.check(HistoryModel(store, None))
