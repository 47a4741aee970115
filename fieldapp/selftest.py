"""`fieldapp --selftest`: check that this installation (often a PyInstaller bundle) works.

Every step runs real code on a throw-away database in a temporary folder and prints
"<step>: ok (detail)" or "<step>: failed: <reason>"; the exit status is 1 if any step failed.
Steps: bundled data and fonts, store, search in both languages, a note, a PDF, a sync file
exported and imported into a second database, an encrypted copy (SQLCipher), both interface
languages (our catalog and Qt's), and the main window shown offscreen. No Qt import at module level: the window step
starts its own offscreen QApplication.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

UNIT = "op28.c.ii"
NOTE_TEXT = "Selftest note: protection des civils à Ménaka"


class Failed(Exception):
    """A step's check did not hold."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise Failed(message)


class SelfTest:
    def __init__(self, folder: Path):
        self.folder = folder
        self.store = None

    # -- steps (each returns a short detail, or raises) ----------------------------------
    def bundled_files(self) -> str:
        from fieldapp.core.paths import data_dir, resources_dir

        for name in ("units.json", "text_en.json", "text_fr.json", "themes.json"):
            check((data_dir() / name).is_file(), f"missing data/{name} in {data_dir()}")
        fonts = sorted(p.name for p in (resources_dir() / "fonts").glob("DejaVu*.ttf"))
        check("DejaVuSans.ttf" in fonts, f"missing resources/fonts/DejaVuSans.ttf")
        return f"data and {len(fonts)} fonts"

    def store_open(self) -> str:
        from fieldapp.core.store import Store

        self.store = Store.open(self.folder / "selftest.db")
        report = self.store.check()
        check(report["ok"], f"integrity check: {report['integrity'][:3]}")
        n = len(self.store.unit_ids())
        check(n == 142, f"expected 142 units, found {n}")
        return f"142 units, schema {report['schema_version']}"

    def search(self) -> str:
        found = []
        for query, lang, want in (("protection of civilians", "en", "op28.c"),
                                  ("protection des civils", "fr", "op28.c"),
                                  ("securite", "fr", None), ("Ménaka", "en", None)):
            hits = self.store.search_mandate(query, lang, 20)
            check(hits, f"no {lang} result for {query!r}")
            check(all(h["lang"] == lang for h in hits), f"{query!r}: hits in another language")
            if want:
                check(any(h["id"] == want for h in hits), f"{query!r}: {want} not among results")
            found.append(len(hits))
        return "EN and FR, accent-insensitive (" + "/".join(map(str, found)) + " hits)"

    def note(self) -> str:
        note = self.store.add_note([UNIT], NOTE_TEXT, region="menaka")
        hits = self.store.search_notes("menaka civils", 10)
        check(any(h["id"] == note["id"] for h in hits), "the new note is not found by search")
        return f"note {note['id'][:8]}… added and found"

    def pdf(self) -> str:
        from fieldapp.core.pdf import PdfOptions, generate

        out = self.folder / "cheatsheet.pdf"
        info = generate(self.store, PdfOptions(kind="cheatsheet", lang="both"), out)
        head = out.read_bytes()[:5]
        check(head == b"%PDF-", f"{out.name} is not a PDF ({head!r})")
        return f"bilingual cheat-sheet, {info.get('pages', '?')} page(s), " \
               f"{out.stat().st_size // 1024} KB"

    def sync(self) -> str:
        from fieldapp.core.store import Store
        from fieldapp.core.sync.exporter import export_field
        from fieldapp.core.sync.importer import import_files

        exported = export_field(self.store, self.folder / "selftest.fieldsync")
        with Store.open(self.folder / "other.db") as other:
            reports = import_files(other, [Path(exported.path)])
            check(reports and reports[0].status == "imported",
                  f"import refused: {reports[0].reason if reports else 'no report'}")
            texts = [n["text"] for n in other.notes_page(unit=UNIT)]
            check(NOTE_TEXT in texts, "the exported note did not arrive in the other database")
        return f"{exported.records} record(s) exported, signed, verified and imported"

    def encryption(self) -> str:
        from fieldapp.core.store import Store, crypto

        reason = crypto.cipher_unavailable_reason()
        if reason:
            return f"not available here, option hidden ({reason})"
        copy = self.store.backup(self.folder / "encrypted.db")
        crypto.convert(copy, None, "selftest passphrase")
        check(crypto.is_encrypted(copy), "the converted copy is not encrypted")
        check(NOTE_TEXT.encode() not in copy.read_bytes(), "note text readable in the file")
        try:
            Store.open(copy, passphrase="not the passphrase").close()
            raise Failed("a wrong passphrase opened the database")
        except crypto.WrongPassphrase:
            pass
        with Store.open(copy, passphrase="selftest passphrase") as store:
            check(store.search_notes("menaka civils", 5), "search fails on the encrypted copy")
        return "SQLCipher + Argon2id: encrypted copy verified, searched, wrong passphrase refused"

    def secure_delete(self) -> str:
        canary = "selftest-erase-zqx"
        note = self.store.add_note([UNIT], f"Selftest note to erase {canary}")
        self.store.delete_note(note["id"])
        self.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        for suffix in ("", "-wal"):
            path = Path(f"{self.store.path}{suffix}")
            check(not path.exists() or canary.encode() not in path.read_bytes(),
                  f"deleted text still in {path.name}")
        return "a deleted note's text is gone from the database file and its WAL"

    def languages(self) -> str:
        import gettext

        from fieldapp.core import i18n
        from fieldapp.core.paths import translations_dir

        for lang, want in (("fr", "29 juin 2020"), ("en_GB", "29 June 2020")):
            got = i18n.format_date("2020-06-29", lang=lang)
            check(got == want, f"babel {lang} date: {got!r} (expected {want!r})")
        number = i18n.format_number(13289, lang="fr")
        check(number == "13\u202f289", f"babel fr number: {number!r}")
        mo = gettext.find(i18n.DOMAIN, str(translations_dir()), ["fr"])
        check(mo, f"no compiled French catalog under {translations_dir()}")
        catalog = gettext.translation(i18n.DOMAIN, str(translations_dir()), ["fr"])
        check(len(catalog._catalog) > 1, "the French catalog is empty")  # noqa: SLF001
        return (f"dates and numbers in en_GB and fr; French catalog with "
                f"{len(catalog._catalog) - 1} messages")  # noqa: SLF001

    def window(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from fieldapp.ui.qt_import import import_qt

        support = import_qt()  # as the app imports PySide6 (its support code cached)
        from PySide6.QtCore import QCoreApplication, QSettings

        from fieldapp.ui.app import install_qt_translator, make_app
        from fieldapp.ui.main_window import MainWindow

        app = make_app()
        install_qt_translator(app, "fr")
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        install_qt_translator(app, "en")
        check(cancel == "Annuler", f"Qt's French translation not loaded ({cancel!r})")
        settings = QSettings(str(self.folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(self.store, settings)
        window.show()
        deadline = time.monotonic() + 10
        while not (window.windowHandle() and window.windowHandle().isExposed()):
            check(time.monotonic() < deadline, "the main window was never exposed")
            app.processEvents()
        app.processEvents()
        title = window.windowTitle()
        window.close()
        app.processEvents()
        cached = ("PySide6 imported before" if support is None else
                  f"PySide6 support code {len(support.hits)} cached, "
                  f"{len(support.misses)} compiled")
        return f"shown on {app.platformName()}: {title!r}; Qt dialogs in French; {cached}"

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [("files", self.bundled_files), ("store", self.store_open),
                ("search", self.search), ("note", self.note), ("pdf", self.pdf),
                ("sync", self.sync), ("encryption", self.encryption),
                ("secure delete", self.secure_delete),
                ("languages", self.languages), ("window", self.window)]


def run(verbose: bool = False) -> int:
    """Run every step (a step that needs the store is failed if the store step failed)."""
    started = time.monotonic()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="fieldapp-selftest-") as tmp:
        test = SelfTest(Path(tmp))
        for name, step in test.steps():
            if test.store is None and name not in ("files", "store", "languages"):
                print(f"{name}: failed: no store", flush=True)
                failures += 1
                continue
            try:
                detail = step()
                print(f"{name}: ok ({detail})", flush=True)
            except Exception as exc:  # every failure is reported, the other steps still run
                failures += 1
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                print(f"{name}: failed: {type(exc).__name__}: {reason}", flush=True)
                if verbose or os.environ.get("FIELDAPP_SELFTEST_TRACE"):
                    traceback.print_exc()
        if test.store is not None:
            test.store.close()
    total = time.monotonic() - started
    print(f"selftest: {'ok' if not failures else f'{failures} step(s) failed'} "
          f"in {total:.1f} s ({sys.executable})", flush=True)
    return 1 if failures else 0
