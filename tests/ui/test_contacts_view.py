"""The contacts window: add a contact and export it as vCard; CSV; strictly confidential."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from fieldapp.core.records import vcard
from fieldapp.ui.contact_dialog import ContactDialog
from fieldapp.ui.contacts_model import ContactsModel
from fieldapp.ui.contacts_view import ContactsView
from tests.ui_records_helpers import click_ok, with_dialog


def test_add_a_contact_and_export_it_as_vcard(qtbot, store, tmp_path, monkeypatch):
    view = ContactsView(store)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 40

    def fill(dialog: ContactDialog):
        dialog.fields["name"].setText("Synthetic Person")
        dialog.fields["email"].setText("not an email")
        click_ok(dialog)
        assert dialog.isVisible() and "e-mail" in dialog.error.text()
        dialog.fields["email"].setText("synthetic@example.org")
        dialog.fields["phone"].setText("+223 00 00 00 02")
        dialog.fields["role"].setText("Synthetic role")
        dialog.fields["languages"].setText("fr, bm")
        dialog.fields["units"].setText("op28.c.ii")
        click_ok(dialog)

    with_dialog(qtbot, ContactDialog, fill, view.add_button.click)
    assert view.model.rowCount() == 41
    view.search.setText("synthetic")
    assert view.model.rowCount() == 1
    assert view.current_contact()["name"] == "Synthetic Person"
    out = tmp_path / "contacts.vcf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.vcard_button.click()
    cards = vcard.parse_vcards(out.read_bytes())
    person = [c for c in cards if c["kind"] == "person"]
    assert len(cards) == 41 and len(person) == 1
    assert person[0]["email"] == "synthetic@example.org" and person[0]["languages"] == ["fr", "bm"]
    assert "41 contacts written" in view.status.text()


def test_strictly_confidential_needs_the_box(qtbot, store, tmp_path):
    store.add_contact("Synthetic Secret", sensitivity="strictly-confidential")
    view = ContactsView(store)
    qtbot.addWidget(view)
    view.export_to(str(tmp_path / "a.csv"), "csv")
    assert "Synthetic Secret" not in (tmp_path / "a.csv").read_text("utf-8-sig")
    assert "1 strictly confidential contact left out" in view.status.text()
    view.include_strict.setChecked(True)
    view.export_to(str(tmp_path / "b.csv"), "csv")
    assert "Synthetic Secret" in (tmp_path / "b.csv").read_text("utf-8-sig")


def test_contacts_model_passes_the_model_tester(qtmodeltester, store):
    store.add_contact("Synthetic Person", phone="+223 1")
    qtmodeltester.check(ContactsModel(store))
