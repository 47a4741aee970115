"""Contacts through the core: seeding, validation, vCard 4.0 and spreadsheet-safe CSV."""
from __future__ import annotations

import csv
import io

import pytest

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.records import csv_safe, exports, vcard

PERSON = dict(role="Synthetic mayor", organisation="Synthetic commune", phone="+223 00 00 00 01",
              email="synthetic@example.org", location="Ménaka", languages=["fr", "bm"],
              units=["op28.c.ii"], note="line one\nline two; with, specials\\")


def test_seeded_organisations_no_people(store):
    orgs = store.contacts(kind="organisation")
    assert len(orgs) == 40 and all(c["seeded"] for c in orgs)
    assert store.contacts(kind="person") == []
    assert all(not c["phone"] and not c["email"] for c in orgs)
    assert store.contact("seed:minusma")["acronym"] == "MINUSMA"


def test_add_edit_delete_person(store):
    c = store.add_contact("Synthetic Person", **PERSON)
    assert c["kind"] == "person" and c["languages"] == ["fr", "bm"]
    edited = store.edit_contact(c["id"], phone="+223 99")
    assert edited["phone"] == "+223 99" and edited["parent_rev"] == c["rev"]
    assert store.contacts(query="menaka")[0]["id"] == c["id"]
    assert store.delete_contact(c["id"])["deleted"]
    assert store.contacts(kind="person") == []


@pytest.mark.parametrize("kwargs, error, match", [
    ({"name": ""}, InvalidInput, "empty"),
    ({"name": "x", "email": "not-an-email"}, InvalidInput, "e-mail"),
    ({"name": "x", "phone": "call me"}, InvalidInput, "phone"),
    ({"name": "x", "sensitivity": "top"}, InvalidInput, "sensitivity"),
    ({"name": "x", "units": ["op77"]}, NotFound, "op77"),
    ({"name": "x", "kind": "robot"}, InvalidInput, "kind"),
])
def test_bad_contacts_are_refused(store, kwargs, error, match):
    n = len(store.contacts())
    with pytest.raises(error, match=match):
        store.add_contact(**kwargs)
    assert len(store.contacts()) == n


def test_vcard_4_round_trip(store, tmp_path):
    c = store.add_contact("Synthetic Ünïcode Person, Jr.", **PERSON)
    result = exports.export_contacts(store, tmp_path / "c.vcf", "vcard")
    text = (tmp_path / "c.vcf").read_bytes().decode("utf-8")
    assert result["exported"] == 41 and text.count("BEGIN:VCARD") == 41
    assert text.count("VERSION:4.0") == 41
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = vcard.parse_vcards(text.encode())
    back = next(p for p in parsed if p["name"] == c["name"])
    for key in ("role", "organisation", "phone", "email", "location", "languages", "units",
                "note"):
        assert back[key] == c[key], key
    assert back["kind"] == "person" and back["sensitivity"] == "unclassified"
    org = next(p for p in parsed if p["name"] == "European Union")
    assert org["kind"] == "organisation"
    # importing into a fresh database recreates the person; importing again adds nothing
    store.delete_contact(c["id"])
    first = exports.import_contacts(store, tmp_path / "c.vcf")
    assert first["added"] == 1
    assert exports.import_contacts(store, tmp_path / "c.vcf")["added"] == 0
    again = store.contacts(kind="person")[0]
    assert (again["note"], again["phone"]) == (c["note"], c["phone"])


def test_strictly_confidential_excluded_unless_asked(store, tmp_path):
    store.add_contact("Synthetic Secret", sensitivity="strictly-confidential")
    store.add_contact("Synthetic Open")
    r = exports.export_contacts(store, tmp_path / "a.vcf", "vcard")
    assert r["excluded_strictly_confidential"] == 1
    assert "Synthetic Secret" not in (tmp_path / "a.vcf").read_text()
    assert "Synthetic Open" in (tmp_path / "a.vcf").read_text()
    r = exports.export_contacts(store, tmp_path / "b.csv", "csv")
    assert "Synthetic Secret" not in (tmp_path / "b.csv").read_text("utf-8-sig")
    exports.export_contacts(store, tmp_path / "c.csv", "csv", include_strictly_confidential=True)
    assert "Synthetic Secret" in (tmp_path / "c.csv").read_text("utf-8-sig")


def test_csv_neutralises_formulas_and_round_trips(store, tmp_path):
    for name in ('=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1:A2)"):
        store.add_contact(name, role="=cmd|' /C calc'!A0")
    store.add_contact("Synthetic tabs", note="\tTab")  # one-line fields refuse tab/CR
    store.add_contact("Synthetic CR", note="\rCR")
    exports.export_contacts(store, tmp_path / "c.csv", "csv")
    raw = (tmp_path / "c.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    cells = [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
             for cell in row]
    assert not any(cell.startswith(csv_safe.DANGEROUS) for cell in cells)
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells and "'+1" in cells and "'-2" in cells
    assert "'@SUM(A1:A2)" in cells and "'\tTab" in cells and "'\rCR" in cells
    names = {r["name"] for r in csv_safe.contacts_from_csv(raw)}
    assert {'=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1:A2)"} <= names


def test_import_validates_everything_before_writing(store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nSynthetic Good,good@example.org\nSynthetic Bad,nope\n")
    with pytest.raises(InvalidInput, match="record 2"):
        exports.import_contacts(store, bad)
    assert store.contacts(kind="person") == []
    nul = tmp_path / "nul.vcf"
    nul.write_bytes(b"BEGIN:VCARD\r\nFN:a\x00b\r\nEND:VCARD\r\n")
    with pytest.raises(InvalidInput, match="NUL"):
        exports.import_contacts(store, nul)


def test_vcard_3_from_outlook_is_read():
    data = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person;Synthetic;;;\r\nFN:Synthetic Person\r\n"
            "ORG:Synthetic Org;Unit\r\nTITLE:Officer\r\nTEL;TYPE=WORK,VOICE:+223 1 2\r\n"
            "item1.EMAIL;TYPE=INTERNET:s@example.org\r\nNOTE:long\r\n  folded\r\nEND:VCARD\r\n")
    [rec] = vcard.parse_vcards(data.encode())
    assert rec == {"kind": "person", "languages": [], "name": "Synthetic Person",
                   "organisation": "Synthetic Org; Unit", "role": "Officer", "phone": "+223 1 2",
                   "email": "s@example.org", "note": "long folded"}
